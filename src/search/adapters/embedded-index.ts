// Embedded SearchIndex: the project's own BM25 inverted index (inverted-index.ts) in-process, with
// Danish stemming and stopwords, persisted as a JSON snapshot written in pieces and replaced
// atomically. A server picks up a snapshot another process (the ingest CLI) wrote. Given an
// Embeddings model it is hybrid: chunk vectors live in the snapshot beside the postings, and a
// search fuses the BM25 ranking with a brute-force cosine ranking by Reciprocal Rank Fusion.
import { embeddingText, type Embeddings } from '../embeddings.js';
import { defaultQueryEmbeddingTimeoutMs, embedQueryOrNothing, type QueryEmbeddingFailure } from '../query-embedding.js';
import { fuseByRank } from '../rank-fusion.js';
import { pagesOf, type Chunk, type IndexChange, type ManifestEntry, type PagesRead, type SearchHit, type SearchIndex, type SearchQuery, type ServedPage } from '../search-index.js';
import { DenseVectors, unitVector, type StoredVector, type VectorIdentity, type VectorSnapshot } from './dense-vectors.js';
import { hospitalBoost, InvertedIndex, type InvertedSnapshot, type MatchOptions } from './inverted-index.js';
import type { SnapshotStore } from './snapshot-store.js';

export type { SnapshotStore } from './snapshot-store.js';

export interface EmbeddedIndexOptions extends Partial<MatchOptions> {
  /** How often a search may check whether another process wrote a newer snapshot. */
  reloadCheckMs?: number;
  /** Told when a newer snapshot was loaded, or when loading it failed (the old one keeps serving). */
  onReload?: (outcome: { chunks: number } | { error: Error }) => void;
  /**
   * Makes the index hybrid: chunks are embedded on apply() (only those without a vector of their
   * current content) and searches add a cosine ranking to the BM25 one.
   */
  embeddings?: Embeddings;
  /** Texts per embedDocuments call. */
  embeddingBatchSize?: number;
  /** Longest a search waits for the query's vector before answering from BM25 alone. */
  queryEmbeddingTimeoutMs?: number;
  /** Told when a search answered from BM25 alone because the query could not be embedded. */
  onQueryEmbeddingFailure?: (failure: QueryEmbeddingFailure) => void;
  /**
   * Where the times ingest runs last read each page are kept: a small record apart from the
   * snapshot, so a run that changes nothing does not rewrite the chunks. Without it they are kept
   * in memory only.
   */
  readTimes?: SnapshotStore;
}

/** The read-times record: page URL → ISO time an ingest run last read it. */
const readTimesFormat = 1;

/** The record as stored; a missing or damaged one reads as empty (it only says when pages were read). */
function parseReadTimes(text: string | null): Map<string, string> {
  if (text === null) return new Map();
  let parsed: { format?: unknown; pages?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    return new Map();
  }
  if (parsed.format !== readTimesFormat || typeof parsed.pages !== 'object' || parsed.pages === null) return new Map();
  return new Map(Object.entries(parsed.pages as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

// 3: chunks carry their sourceId. 4: no sorting index. 5: practical chunks carry their structured
// record. 6: the project's own BM25 index instead of Orama: whole chunks plus postings lists.
// 7: optional "vectors" (dense vectors by chunk id). A format 6 snapshot is read as a 7 without
// vectors: it serves as before, and the next ingest embeds its chunks.
const snapshotFormat = 7;
const readableFormats = new Set([6, 7]);

/** What a search reads: swapped as one, so postings and vectors always belong to the same content. */
interface Served {
  index: InvertedIndex;
  vectors: DenseVectors;
}

function* snapshotPieces(served: Served): Generator<string> {
  yield `{"format":${snapshotFormat},`;
  yield* served.index.snapshotPieces();
  const vectors = [...served.vectors.snapshotPieces()];
  if (vectors.length > 0) yield ',';
  yield* vectors;
  yield '}';
}

function fromSnapshot(snapshot: string | null): Served {
  const empty = { index: InvertedIndex.empty(), vectors: DenseVectors.empty() };
  if (snapshot === null) return empty;
  const parsed = JSON.parse(snapshot) as { format?: unknown; vectors?: VectorSnapshot } & Partial<InvertedSnapshot>;
  // The snapshot is derived from the content: one written by a much older version is dropped, the
  // index starts empty, and start-up ingests the content again.
  if (typeof parsed.format !== 'number' || !readableFormats.has(parsed.format)) return empty;
  if (!Array.isArray(parsed.chunks) || typeof parsed.postings !== 'object' || parsed.postings === null) {
    throw new Error('the index snapshot is damaged: it has no chunks or no postings');
  }
  return {
    index: InvertedIndex.fromSnapshot(parsed as InvertedSnapshot),
    vectors: parsed.vectors === undefined ? DenseVectors.empty() : DenseVectors.fromSnapshot(parsed.vectors),
  };
}

export class EmbeddedSearchIndex implements SearchIndex {
  private lastReloadCheck = 0;
  private reloading: Promise<void> | null = null;
  /** Changes run one after another: each starts from what the previous one served. */
  private applying: Promise<void> = Promise.resolve();
  /** When ingest runs last read each page, by URL (see `EmbeddedIndexOptions.readTimes`). */
  private readTimes = new Map<string, string>();

  private constructor(
    private served: Served,
    private readonly store: SnapshotStore,
    /** The stored snapshot's version this index serves, to notice a newer one. */
    private loadedVersion: string | null,
    private readonly options: EmbeddedIndexOptions,
  ) {}

  /** Opens the index from its snapshot, or empty when there is none yet. */
  static async open(store: SnapshotStore, options: EmbeddedIndexOptions = {}): Promise<EmbeddedSearchIndex> {
    const version = (await store.version?.()) ?? null;
    const index = new EmbeddedSearchIndex(fromSnapshot(await store.read()), store, version, options);
    if (options.readTimes !== undefined) index.readTimes = parseReadTimes(await options.readTimes.read());
    return index;
  }

  private get identity(): VectorIdentity | undefined {
    const embeddings = this.options.embeddings;
    return embeddings === undefined ? undefined : { dimensions: embeddings.dimensions, ...(embeddings.model !== undefined && { model: embeddings.model }) };
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
        this.served = loaded;
        this.loadedVersion = version;
        this.options.onReload?.({ chunks: loaded.index.size });
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
    const limit = query.limit ?? 8;
    // Read once: a reload during the query embedding must not mix two snapshots in one answer.
    const served = this.served;
    const lexical = (count: number) =>
      served.index.search({
        text: query.text,
        limit: count,
        ...(query.hospital !== undefined && { hospital: query.hospital }),
        ...(this.options.prefix !== undefined && { prefix: this.options.prefix }),
        ...(this.options.typos !== undefined && { typos: this.options.typos }),
      });
    const { embeddings } = this.options;
    const identity = this.identity;
    if (embeddings === undefined || identity === undefined || served.vectors.size === 0 || !served.vectors.fits(identity)) return lexical(limit);
    const vector = await embedQueryOrNothing(embeddings, query.text, {
      timeoutMs: this.options.queryEmbeddingTimeoutMs ?? defaultQueryEmbeddingTimeoutMs,
      ...(this.options.onQueryEmbeddingFailure !== undefined && { onFailure: this.options.onQueryEmbeddingFailure }),
    });
    if (vector === undefined) return lexical(limit);
    // Each ranking brings more candidates than asked for, as the Qdrant adapter's prefetches do, so a
    // chunk placed well by both is not cut off by either. The hospital boost applies on both sides,
    // as a factor on the score (BM25 or cosine): a boost, never a filter.
    const candidates = Math.max(limit * 3, 20);
    const boostOf = (id: string) => (query.hospital !== undefined && served.index.get(id)?.hospital === query.hospital ? hospitalBoost : 1);
    const dense = served.vectors.nearest(unitVector(vector), candidates, boostOf, query.hospital === undefined ? 1 : hospitalBoost).flatMap(({ id, score }) => {
      const chunk = served.index.get(id);
      return chunk === undefined ? [] : [{ chunk, score }];
    });
    // The BM25 ranking comes first: on equal fused scores, the passage with the question's words wins.
    return fuseByRank([lexical(candidates), dense], (hit) => hit.chunk.id)
      .slice(0, limit)
      .map(({ item, score }) => ({ chunk: item.chunk, score }));
  }

  apply(change: IndexChange): Promise<void> {
    const run = this.applying.then(() => this.applyNow(change));
    this.applying = run.catch(() => undefined);
    return run;
  }

  /**
   * Served chunks without a vector of their current content for the configured model: 0 without
   * embeddings. An index from an older snapshot, or one ingested before embeddings were configured,
   * has some; the next apply() (an ingest run, even one with nothing new) embeds them.
   */
  async missingVectors(): Promise<number> {
    return this.withoutVector(this.served).length;
  }

  private withoutVector(served: Served): Chunk[] {
    const identity = this.identity;
    if (identity === undefined) return [];
    const fits = served.vectors.fits(identity);
    return [...served.index.documents()].filter((chunk) => !fits || served.vectors.vectorOf(chunk.id, chunk.contentHash) === undefined);
  }

  private async applyNow(change: IndexChange): Promise<void> {
    await this.applyChunks(change);
    if (change.read !== undefined) await this.recordRead(change.read);
  }

  /** Records the pages a run read; pages no longer served are dropped from the record. */
  private async recordRead(read: PagesRead): Promise<void> {
    const served = new Set([...this.served.index.documents()].map((chunk) => chunk.url));
    // Read again first: a run in another process may have recorded other sources' pages since.
    const recorded = this.options.readTimes === undefined ? this.readTimes : parseReadTimes(await this.options.readTimes.read());
    const times = new Map([...recorded].filter(([url]) => served.has(url)));
    for (const url of read.urls) if (served.has(url)) times.set(url, read.at);
    if (this.options.readTimes !== undefined) {
      await this.options.readTimes.write(JSON.stringify({ format: readTimesFormat, pages: Object.fromEntries(times) }));
    }
    this.readTimes = times;
  }

  private async applyChunks(change: IndexChange): Promise<void> {
    const current = this.served;
    const missing = this.withoutVector(current);
    if (change.upsert.length === 0 && change.remove.length === 0 && missing.length === 0) return;
    // The current index is never modified: searches keep using it until the new one is saved.
    const index = change.upsert.length === 0 && change.remove.length === 0 ? current.index : current.index.withChange(change);
    const vectors = await this.vectorsFor(index, current.vectors);
    const next = { index, vectors };
    // Persist first: if writing fails, the running index and the snapshot both stay the old ones.
    const pieces = snapshotPieces(next);
    if (this.store.writePieces !== undefined) await this.store.writePieces(pieces);
    else await this.store.write([...pieces].join(''));
    this.served = next;
    this.loadedVersion = (await this.store.version?.()) ?? null;
  }

  /**
   * The vectors for `index`: kept where the chunk's content is the one they were made from, embedded
   * (in batches) where there is none. An embedding failure fails the apply: the old content keeps
   * serving and the run can be repeated, as with Qdrant. Without embeddings, vectors of unchanged
   * chunks are kept for when embeddings are configured again.
   */
  private async vectorsFor(index: InvertedIndex, previous: DenseVectors): Promise<DenseVectors> {
    const keep = (id: string, stored: StoredVector) => index.get(id)?.contentHash === stored.contentHash;
    const embeddings = this.options.embeddings;
    const identity = this.identity;
    if (embeddings === undefined || identity === undefined) return previous.with(keep, new Map());
    const fits = previous.fits(identity);
    const missing = [...index.documents()].filter((chunk) => !fits || previous.vectorOf(chunk.id, chunk.contentHash) === undefined);
    const added = new Map<string, StoredVector>();
    const batchSize = this.options.embeddingBatchSize ?? 64;
    for (let start = 0; start < missing.length; start += batchSize) {
      const batch = missing.slice(start, start + batchSize);
      const vectors = await embeddings.embedDocuments(batch.map(embeddingText));
      if (vectors.length !== batch.length) throw new Error(`the embedding model returned ${vectors.length} vectors for ${batch.length} chunks`);
      batch.forEach((chunk, position) => {
        const vector = vectors[position] as number[];
        if (vector.length !== embeddings.dimensions) throw new Error(`the embedding model returned a vector of ${vector.length} dimensions for "${chunk.id}", ${embeddings.dimensions} expected`);
        added.set(chunk.id, { contentHash: chunk.contentHash, vector: unitVector(vector) });
      });
    }
    return previous.with(keep, added, identity);
  }

  async manifest(): Promise<Map<string, ManifestEntry>> {
    return new Map(
      [...this.served.index.documents()].map((chunk) => [chunk.id, { contentHash: chunk.contentHash, url: chunk.url, source: chunk.source, sourceId: chunk.sourceId, ...(chunk.hospital !== undefined && { hospital: chunk.hospital }), ...(chunk.readFrom !== undefined && { readFrom: chunk.readFrom }), ...(chunk.pageHash !== undefined && { pageHash: chunk.pageHash }) }]),
    );
  }

  async count(): Promise<number> {
    return this.served.index.size;
  }

  async pages(): Promise<ServedPage[]> {
    // An ingest CLI in another process records its reads in the store: read it again (it is small).
    if (this.options.readTimes !== undefined) {
      await this.reloadIfChanged();
      this.readTimes = parseReadTimes(await this.options.readTimes.read());
    }
    const times = this.readTimes;
    return pagesOf(this.served.index.documents(), (chunk) => times.get(chunk.url));
  }

  async chunksOf(url: string): Promise<Chunk[]> {
    return [...this.served.index.documents()].filter((chunk) => chunk.url === url);
  }
}
