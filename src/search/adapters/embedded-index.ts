// Embedded SearchIndex: the project's own BM25 inverted index (inverted-index.ts) in-process, with
// Danish stemming and stopwords, persisted as a JSON snapshot written in pieces and replaced
// atomically. A server picks up a snapshot another process (the ingest CLI) wrote.
import type { IndexChange, ManifestEntry, SearchHit, SearchIndex, SearchQuery } from '../search-index.js';
import { InvertedIndex, type InvertedSnapshot, type MatchOptions } from './inverted-index.js';
import type { SnapshotStore } from './snapshot-store.js';

export type { SnapshotStore } from './snapshot-store.js';

export interface EmbeddedIndexOptions extends Partial<MatchOptions> {
  /** How often a search may check whether another process wrote a newer snapshot. */
  reloadCheckMs?: number;
  /** Told when a newer snapshot was loaded, or when loading it failed (the old one keeps serving). */
  onReload?: (outcome: { chunks: number } | { error: Error }) => void;
}

// 3: chunks carry their sourceId. 4: no sorting index. 5: practical chunks carry their structured
// record. 6: the project's own BM25 index instead of Orama: whole chunks plus postings lists.
const snapshotFormat = 6;

function* snapshotPieces(index: InvertedIndex): Generator<string> {
  yield `{"format":${snapshotFormat},`;
  yield* index.snapshotPieces();
  yield '}';
}

function fromSnapshot(snapshot: string | null): InvertedIndex {
  if (snapshot === null) return InvertedIndex.empty();
  const parsed = JSON.parse(snapshot) as { format?: unknown } & Partial<InvertedSnapshot>;
  // The snapshot is derived from the content: one written by another version is dropped, the
  // index starts empty, and start-up ingests the content again.
  if (parsed.format !== snapshotFormat) return InvertedIndex.empty();
  if (!Array.isArray(parsed.chunks) || typeof parsed.postings !== 'object' || parsed.postings === null) {
    throw new Error('the index snapshot is damaged: it has no chunks or no postings');
  }
  return InvertedIndex.fromSnapshot(parsed as InvertedSnapshot);
}

export class EmbeddedSearchIndex implements SearchIndex {
  private lastReloadCheck = 0;
  private reloading: Promise<void> | null = null;
  /** Changes run one after another: each starts from what the previous one served. */
  private applying: Promise<void> = Promise.resolve();

  private constructor(
    private index: InvertedIndex,
    private readonly store: SnapshotStore,
    /** The stored snapshot's version this index serves, to notice a newer one. */
    private loadedVersion: string | null,
    private readonly options: EmbeddedIndexOptions,
  ) {}

  /** Opens the index from its snapshot, or empty when there is none yet. */
  static async open(store: SnapshotStore, options: EmbeddedIndexOptions = {}): Promise<EmbeddedSearchIndex> {
    const version = (await store.version?.()) ?? null;
    return new EmbeddedSearchIndex(fromSnapshot(await store.read()), store, version, options);
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
        this.index = loaded;
        this.loadedVersion = version;
        this.options.onReload?.({ chunks: loaded.size });
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
    if (query.text.trim() === '') return [];
    return this.index.search({
      text: query.text,
      limit: query.limit ?? 8,
      ...(query.hospital !== undefined && { hospital: query.hospital }),
      ...(this.options.prefix !== undefined && { prefix: this.options.prefix }),
      ...(this.options.typos !== undefined && { typos: this.options.typos }),
    });
  }

  apply(change: IndexChange): Promise<void> {
    const run = this.applying.then(() => this.applyNow(change));
    this.applying = run.catch(() => undefined);
    return run;
  }

  private async applyNow(change: IndexChange): Promise<void> {
    if (change.upsert.length === 0 && change.remove.length === 0) return;
    // The current index is never modified: searches keep using it until the new one is saved.
    const next = this.index.withChange(change);
    // Persist first: if writing fails, the running index and the snapshot both stay the old ones.
    const pieces = snapshotPieces(next);
    if (this.store.writePieces !== undefined) await this.store.writePieces(pieces);
    else await this.store.write([...pieces].join(''));
    this.index = next;
    this.loadedVersion = (await this.store.version?.()) ?? null;
  }

  async manifest(): Promise<Map<string, ManifestEntry>> {
    return new Map(
      [...this.index.documents()].map((chunk) => [chunk.id, { contentHash: chunk.contentHash, url: chunk.url, source: chunk.source, sourceId: chunk.sourceId, ...(chunk.hospital !== undefined && { hospital: chunk.hospital }), ...(chunk.readFrom !== undefined && { readFrom: chunk.readFrom }), ...(chunk.pageHash !== undefined && { pageHash: chunk.pageHash }) }]),
    );
  }

  async count(): Promise<number> {
    return this.index.size;
  }
}
