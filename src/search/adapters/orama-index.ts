// Embedded SearchIndex: Orama in-process, with Danish stemming and stopwords, persisted as a JSON
// snapshot. Restoring goes through `load()` into a db created with the same tokenizer, because the
// persistence plugin's `restore()` drops the Danish tokenizer and stemmed searches then find nothing.
import { create, getByID, insertMultiple, load, removeMultiple, save, search, type AnyOrama, type RawData } from '@orama/orama';
import { language } from '@orama/stemmers/danish';
import { danishStemmer, danishStopwords } from '../analysis.js';
import type { Chunk, IndexChange, ManifestEntry, SearchHit, SearchIndex, SearchQuery } from '../search-index.js';
import { jsonPieces } from './json-pieces.js';
import type { SnapshotStore } from './snapshot-store.js';

export type { SnapshotStore } from './snapshot-store.js';

export interface OramaIndexOptions {
  /** How often a search may check whether another process wrote a newer snapshot. */
  reloadCheckMs?: number;
  /** Told when a newer snapshot was loaded, or when loading it failed (the old one keeps serving). */
  onReload?: (outcome: { chunks: number } | { error: Error }) => void;
}

// 3: chunks carry their sourceId. 4: no sorting index; a chunk's title and text are stored once, in
// the Orama document, not again in `chunks`. 5: practical chunks carry their structured record.
const snapshotFormat = 5;
const hospitalBoost = 1.6;

function createDatabase(): AnyOrama {
  return create({
    schema: { title: 'string', headings: 'string', text: 'string', hospital: 'enum', source: 'enum' },
    components: { tokenizer: { language, stemming: true, stemmer: danishStemmer, stopWords: danishStopwords } },
    // Results are ranked by score only; a sorting index would cost time and a fifth of the snapshot.
    sort: { enabled: false },
  });
}

interface StoredDocument {
  id: string;
  title: string;
  headings: string;
  text: string;
  hospital: string;
  source: string;
}

function toDocument(chunk: Chunk): StoredDocument {
  return {
    id: chunk.id,
    title: chunk.title,
    // The whole path, title included: an opening section's heading is the page title, and it must
    // not lose to sub-sections that merely repeat a word of the question in their heading.
    headings: chunk.headingPath.join(' › '),
    text: chunk.text,
    hospital: chunk.hospital ?? 'region',
    source: chunk.source,
  };
}

/** A chunk as the snapshot keeps it: title and text are read back from its Orama document. */
type StoredChunk = Omit<Chunk, 'title' | 'text'>;

function toStoredChunk(chunk: Chunk): StoredChunk {
  const stored: Partial<Chunk> = { ...chunk };
  delete stored.title;
  delete stored.text;
  return stored as StoredChunk;
}

/** Levels of the Orama data opened up when writing: deeper values (a document, a term's postings) are small. */
const snapshotPieceDepth = 4;

/** The snapshot's JSON text, piece by piece. */
function* snapshotPieces(database: AnyOrama, chunks: Iterable<Chunk>): Generator<string> {
  yield `{"format":${snapshotFormat},"raw":`;
  yield* jsonPieces(save(database), snapshotPieceDepth);
  yield ',"chunks":[';
  let first = true;
  for (const chunk of chunks) {
    yield `${first ? '' : ','}${JSON.stringify(toStoredChunk(chunk))}`;
    first = false;
  }
  yield ']}';
}

interface LoadedSnapshot {
  database: AnyOrama;
  chunks: Map<string, Chunk>;
}

function fromSnapshot(snapshot: string | null): LoadedSnapshot {
  const database = createDatabase();
  if (snapshot === null) return { database, chunks: new Map() };
  const parsed = JSON.parse(snapshot) as { format: number; raw: RawData; chunks: StoredChunk[] };
  // The snapshot is derived from the content: one written by another version is dropped, the
  // index starts empty, and start-up ingests the content again.
  if (parsed.format !== snapshotFormat) return { database, chunks: new Map() };
  load(database, parsed.raw);
  const chunks = new Map<string, Chunk>();
  for (const stored of parsed.chunks) {
    const document = getByID(database, stored.id) as StoredDocument | undefined;
    if (document === undefined) throw new Error(`the index snapshot is damaged: chunk ${stored.id} has no indexed document`);
    chunks.set(stored.id, { ...stored, title: document.title, text: document.text });
  }
  return { database, chunks };
}

export class OramaSearchIndex implements SearchIndex {
  private lastReloadCheck = 0;
  private reloading: Promise<void> | null = null;

  private constructor(
    private database: AnyOrama,
    /** What is served, by id: the manifest, and the documents an update starts from. */
    private chunks: Map<string, Chunk>,
    private readonly store: SnapshotStore,
    /** The stored snapshot's version this index serves, to notice a newer one. */
    private loadedVersion: string | null,
    private readonly options: OramaIndexOptions,
  ) {}

  /** Opens the index from its snapshot, or empty when there is none yet. */
  static async open(store: SnapshotStore, options: OramaIndexOptions = {}): Promise<OramaSearchIndex> {
    const version = (await store.version?.()) ?? null;
    const { database, chunks } = fromSnapshot(await store.read());
    return new OramaSearchIndex(database, chunks, store, version, options);
  }

  /**
   * Loads the stored snapshot when another process replaced it. Searches keep using the current
   * index until the new one is ready; a snapshot that cannot be read leaves the current one serving.
   */
  async reloadIfChanged(): Promise<void> {
    if (this.store.version === undefined) return;
    this.reloading ??= (async () => {
      try {
        const version = await this.store.version?.();
        if (version === undefined || version === null || version === this.loadedVersion) return;
        const loaded = fromSnapshot(await this.store.read());
        this.database = loaded.database;
        this.chunks = loaded.chunks;
        this.loadedVersion = version;
        this.options.onReload?.({ chunks: loaded.chunks.size });
      } catch (error) {
        this.options.onReload?.({ error: error instanceof Error ? error : new Error(String(error)) });
      } finally {
        this.reloading = null;
      }
    })();
    return this.reloading;
  }

  async search(query: SearchQuery): Promise<SearchHit[]> {
    const checkEvery = this.options.reloadCheckMs;
    if (checkEvery !== undefined && Date.now() - this.lastReloadCheck >= checkEvery) {
      this.lastReloadCheck = Date.now();
      // Not awaited: this search is answered from the index as it is; the next ones see the new one.
      void this.reloadIfChanged();
    }
    if (this.chunks.size === 0 || query.text.trim() === '') return [];
    const limit = query.limit ?? 8;
    const result = await search(this.database, {
      term: query.text,
      properties: ['title', 'headings', 'text'],
      boost: { title: 2, headings: 1.5 },
      limit: Math.max(limit * 3, 20),
    });
    return result.hits
      .map((hit) => {
        const document = hit.document as unknown as StoredDocument;
        const boost = query.hospital !== undefined && document.hospital === query.hospital ? hospitalBoost : 1;
        return { chunk: this.chunks.get(document.id) as Chunk, score: hit.score * boost };
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }

  async apply(change: IndexChange): Promise<void> {
    if (change.upsert.length === 0 && change.remove.length === 0) return;
    const chunks = new Map(this.chunks);
    for (const id of change.remove) chunks.delete(id);
    for (const chunk of change.upsert) chunks.set(chunk.id, chunk);
    // Work on a copy, so searches keep using the current database until the new one is saved.
    // save() hands out the live internals, so the copy must be deep or edits would leak into both.
    // An empty index (a first or full build) has nothing worth copying.
    const next = createDatabase();
    if (this.chunks.size > 0) load(next, structuredClone(save(this.database)));
    const stale = [...change.remove, ...change.upsert.map((chunk) => chunk.id)].filter((id) => this.chunks.has(id));
    if (stale.length > 0) await removeMultiple(next, [...new Set(stale)]);
    await insertMultiple(next, change.upsert.map(toDocument) as never[]);
    // Persist first: if writing fails, the running index and the snapshot both stay the old ones.
    const pieces = snapshotPieces(next, chunks.values());
    if (this.store.writePieces !== undefined) await this.store.writePieces(pieces);
    else await this.store.write([...pieces].join(''));
    this.database = next;
    this.chunks = chunks;
    this.loadedVersion = (await this.store.version?.()) ?? null;
  }

  async manifest(): Promise<Map<string, ManifestEntry>> {
    return new Map(
      [...this.chunks.values()].map((chunk) => [chunk.id, { contentHash: chunk.contentHash, url: chunk.url, source: chunk.source, sourceId: chunk.sourceId, ...(chunk.hospital !== undefined && { hospital: chunk.hospital }), ...(chunk.readFrom !== undefined && { readFrom: chunk.readFrom }), ...(chunk.pageHash !== undefined && { pageHash: chunk.pageHash }) }]),
    );
  }

  async count(): Promise<number> {
    return this.chunks.size;
  }
}
