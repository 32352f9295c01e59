// Production SearchIndex on Qdrant. Every apply() builds a new generation collection and moves the
// alias searches read through in one `update_collection_aliases` call, so a run that fails half-way
// leaves the previous generation serving in full (Qdrant's documented zero-downtime re-index scheme:
// https://qdrant.tech/documentation/concepts/collections/#switch-collection).
import { QdrantClient, type Schemas } from '@qdrant/js-client-rest';
import { embeddingText, type Embeddings } from '../embeddings.js';
import { defaultQueryEmbeddingTimeoutMs, embedQueryOrNothing, type QueryEmbeddingFailure } from '../query-embedding.js';
import { rrfK } from '../rank-fusion.js';
import { pagesOf, type Chunk, type IndexChange, type ManifestEntry, type PageFields, type PagesRead, type SearchHit, type SearchIndex, type SearchQuery, type ServedPage } from '../search-index.js';
import { documentVector, queryVector, type SparseVector } from './sparse-text-vector.js';

export interface RetryPolicy {
  /** Tries per request, the first one included. */
  attempts: number;
  /** Delay before the first retry; doubled for each further one, with jitter. */
  baseDelayMs: number;
}

export interface QdrantSearchIndexOptions {
  /** Base URL with its port, e.g. http://qdrant:6333. */
  url: string;
  apiKey?: string;
  /** The alias searches read through; generation collections are named `<alias>-v<n>`. */
  collection: string;
  /** Adds a dense vector and hybrid (sparse + dense) search when given. */
  embeddings?: Embeddings;
  /** Longest a search waits for the query's vector before searching the sparse vector alone. */
  queryEmbeddingTimeoutMs?: number;
  /** Told when a search ran sparse only because the query could not be embedded. */
  onQueryEmbeddingFailure?: (failure: QueryEmbeddingFailure) => void;
  /** Points per upsert and per scroll page. */
  batchSize?: number;
  retry?: RetryPolicy;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Asks the server for its version at start and warns on a mismatch (the client's own check). */
  checkCompatibility?: boolean;
}

const sparseName = 'text';
const denseName = 'dense';
const payloadIndexes = ['hospital', 'source', 'language', 'url'] as const;

// The manifest reads only these payload keys. Listed by hand because types vanish at run time; the
// assertion below fails to compile when ManifestEntry gains a key this list lacks.
const manifestKeys = ['contentHash', 'url', 'source', 'hospital', 'sourceId', 'readFrom', 'pageHash'] as const satisfies readonly (keyof ManifestEntry)[];
const manifestKeysComplete: [Exclude<keyof ManifestEntry, (typeof manifestKeys)[number]>] extends [never] ? true : false = true;
void manifestKeysComplete;

/**
 * Payload key of the time an ingest run last read the point's page. Not part of the chunk: set in
 * place with set_payload (https://api.qdrant.tech/api-reference/points/set-payload), so a run that
 * changes nothing builds no new generation; copied with the point when a generation is built.
 */
const ingestedAtKey = 'ingestedAt';
const pageKeys = ['url', 'title', 'hospital', 'sourceId', 'reviewedOn', ingestedAtKey] as const;

/** The chunk a point's payload holds, without the keys the index keeps beside it. */
function chunkOf(payload: Record<string, unknown> | null | undefined): Chunk {
  const chunk = { ...payload };
  delete chunk[ingestedAtKey];
  return chunk as unknown as Chunk;
}

/** Thrown when Qdrant refuses or keeps failing; carries the HTTP status and Qdrant's own message. */
export class QdrantIndexError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'QdrantIndexError';
  }
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

function qdrantMessage(error: unknown): string {
  const data = (error as { data?: { status?: { error?: unknown } } } | null)?.data;
  const fromServer = data?.status?.error;
  if (typeof fromServer === 'string') return fromServer;
  return error instanceof Error ? error.message : String(error);
}

function isRetryable(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== undefined) return status === 429 || status >= 500;
  const name = (error as { name?: unknown } | null)?.name;
  // fetch reports refused connections and resets as TypeError; the client reports its timeout by name.
  return error instanceof TypeError || name === 'QdrantClientTimeoutError' || name === 'QdrantClientResourceExhaustedError';
}

/** Runs `operation`, retrying on 429, 5xx, timeouts and network errors with exponential backoff. */
export async function withRetries<T>(what: string, operation: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= policy.attempts || !isRetryable(error)) {
        const status = statusOf(error);
        const tries = attempt > 1 ? ` after ${attempt} attempts` : '';
        throw new QdrantIndexError(`Qdrant ${what} failed${tries}${status === undefined ? '' : ` (HTTP ${status})`}: ${qdrantMessage(error)}`, status, { cause: error });
      }
      const delay = policy.baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** Qdrant ids are UUIDs or integers: a chunk id of 32 hex digits is used as is, any other is hashed. */
export async function pointIdOf(chunkId: string): Promise<string> {
  let hex = chunkId.toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(chunkId));
    hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('').slice(0, 32);
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Scroll pages continue from a point id; Qdrant types the field wider than it sends it. */
function nextOffset(value: unknown): Schemas['ExtendedPointId'] | undefined {
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
}

type PointVectors = Record<string, SparseVector | number[]>;

function batches<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/**
 * @example
 * const index = new QdrantSearchIndex({ url: 'http://qdrant:6333', collection: 'hospital-help' });
 * await index.apply(changeTo(await index.manifest(), chunks));
 */
export class QdrantSearchIndex implements SearchIndex {
  private readonly client: QdrantClient;
  private readonly alias: string;
  private readonly embeddings: Embeddings | undefined;
  private readonly queryEmbedding: { timeoutMs: number; onFailure?: (failure: QueryEmbeddingFailure) => void };
  private readonly batchSize: number;
  private readonly retry: RetryPolicy;
  /** Applies in one process run one after another; two would both build from the same generation. */
  private applying: Promise<unknown> = Promise.resolve();

  constructor(options: QdrantSearchIndexOptions) {
    this.client = new QdrantClient({
      url: options.url,
      ...(options.apiKey !== undefined && { apiKey: options.apiKey }),
      timeout: options.timeoutMs ?? 30_000,
      checkCompatibility: options.checkCompatibility ?? true,
    });
    this.alias = options.collection;
    this.embeddings = options.embeddings;
    this.queryEmbedding = {
      timeoutMs: options.queryEmbeddingTimeoutMs ?? defaultQueryEmbeddingTimeoutMs,
      ...(options.onQueryEmbeddingFailure !== undefined && { onFailure: options.onQueryEmbeddingFailure }),
    };
    this.batchSize = options.batchSize ?? 256;
    this.retry = options.retry ?? { attempts: 4, baseDelayMs: 250 };
  }

  private call<T>(what: string, operation: () => Promise<T>): Promise<T> {
    return withRetries(what, operation, this.retry);
  }

  /** Reads that find no collection behind the alias mean nothing has been ingested yet. */
  private async orNothing<T>(read: Promise<T>, nothing: T): Promise<T> {
    try {
      return await read;
    } catch (error) {
      if (statusOf(error) === 404) return nothing;
      throw error;
    }
  }

  async search(query: SearchQuery): Promise<SearchHit[]> {
    if (query.text.trim() === '') return [];
    const limit = query.limit ?? 8;
    const sparse = queryVector(query.text);
    // Without the query's vector (the model failed or was too slow) the sparse vector alone answers.
    const dense = this.embeddings === undefined ? undefined : await embedQueryOrNothing(this.embeddings, query.text, this.queryEmbedding);
    const vectors: { using: string; query: SparseVector | number[] }[] = [];
    if (sparse.indices.length > 0) vectors.push({ using: sparseName, query: sparse });
    if (dense !== undefined) vectors.push({ using: denseName, query: dense });
    if (vectors.length === 0) return [];
    const candidates = Math.max(limit * 3, 20);
    // The hospital is a boost, not a filter: each vector is searched once over everything and once
    // within the hospital, and RRF adds both ranks, so the hospital's chunks climb while the others
    // stay in the list. Fusion happens in Qdrant, with the embedded index's k; no client-side re-scoring.
    const prefetch: Schemas['Prefetch'][] = vectors.flatMap((vector) => [
      { ...vector, limit: candidates },
      ...(query.hospital === undefined ? [] : [{ ...vector, limit: candidates, filter: { must: [{ key: 'hospital', match: { value: query.hospital } }] } }]),
    ]);
    const response = await this.orNothing(
      this.call('query', () => this.client.query(this.alias, { prefetch, query: { rrf: { k: rrfK } }, limit, with_payload: true })),
      { points: [] },
    );
    return response.points.map((point) => ({ chunk: chunkOf(point.payload), score: point.score }));
  }

  async apply(change: IndexChange): Promise<void> {
    const changes = change.upsert.length > 0 || change.remove.length > 0;
    const reads = change.read !== undefined && change.read.urls.length > 0;
    if (!changes && !reads) return;
    const run = this.applying.then(async () => {
      if (changes) await this.buildAndSwap(change);
      if (change.read !== undefined) await this.recordRead(change.read);
    });
    this.applying = run.catch(() => undefined);
    return run;
  }

  /** Sets the read time on every point of the pages read, in place on the serving generation. */
  private async recordRead(read: PagesRead): Promise<void> {
    for (const urls of batches(read.urls, this.batchSize)) {
      const filter = { must: [{ key: 'url', match: { any: urls } }] };
      await this.orNothing(
        this.call('set payload', () => this.client.setPayload(this.alias, { payload: { [ingestedAtKey]: read.at }, filter, wait: true })),
        undefined,
      );
    }
  }

  private async currentCollection(): Promise<string | undefined> {
    const { aliases } = await this.call('list aliases', () => this.client.getAliases());
    return aliases.find((alias) => alias.alias_name === this.alias)?.collection_name;
  }

  private nextCollection(current: string | undefined): string {
    const generation = current === undefined ? 0 : Number(/-v(\d+)$/.exec(current)?.[1] ?? 0);
    return `${this.alias}-v${generation + 1}`;
  }

  private async buildAndSwap(change: IndexChange): Promise<void> {
    const current = await this.currentCollection();
    if (current === undefined) {
      const { exists } = await this.call('check collection', () => this.client.collectionExists(this.alias));
      if (exists) {
        throw new QdrantIndexError(`Qdrant has a collection named "${this.alias}"; QDRANT_COLLECTION names the alias this index serves through, so choose another name or delete that collection`);
      }
    }
    const next = this.nextCollection(current);
    // A run that died before its swap leaves its collection behind; nothing reads it.
    await this.call('delete leftover collection', () => this.client.deleteCollection(next));
    await this.call('create collection', () =>
      this.client.createCollection(next, {
        sparse_vectors: { [sparseName]: { modifier: 'idf' } },
        ...(this.embeddings !== undefined && { vectors: { [denseName]: { size: this.embeddings.dimensions, distance: 'Cosine' } } }),
      }),
    );
    try {
      // Indexes before the points, as Qdrant advises, so it builds them while loading.
      for (const field of payloadIndexes) {
        await this.call(`create ${field} index`, () => this.client.createPayloadIndex(next, { field_name: field, field_schema: 'keyword', wait: true }));
      }
      const replaced = new Set([...change.remove, ...change.upsert.map((chunk) => chunk.id)]);
      if (current !== undefined) await this.copyUnchanged(current, next, replaced);
      for (const batch of batches(change.upsert, this.batchSize)) {
        await this.upsert(next, await this.pointsOf(batch));
      }
      const actions: Schemas['AliasOperations'][] = [
        ...(current === undefined ? [] : [{ delete_alias: { alias_name: this.alias } }]),
        { create_alias: { collection_name: next, alias_name: this.alias } },
      ];
      await this.call('swap alias', () => this.client.updateCollectionAliases({ actions }));
    } catch (error) {
      await this.client.deleteCollection(next).catch(() => undefined);
      throw error;
    }
    // The new generation serves already; an old one that cannot be deleted now only costs disk.
    if (current !== undefined) await this.client.deleteCollection(current).catch(() => undefined);
  }

  /** Copies the points that stay, vectors included, so unchanged chunks are never re-embedded. */
  private async copyUnchanged(from: string, to: string, replaced: ReadonlySet<string>): Promise<void> {
    let offset: Schemas['ExtendedPointId'] | undefined;
    do {
      const page = await this.call('scroll', () =>
        this.client.scroll(from, { limit: this.batchSize, with_payload: true, with_vector: true, ...(offset !== undefined && { offset }) }),
      );
      const kept = page.points.filter((point) => !replaced.has(chunkOf(point.payload).id));
      // The whole payload is copied: the chunk and the time its page was last read.
      const points = await this.withDenseVectors(
        kept.map((point) => ({ id: point.id, vectors: point.vector as PointVectors, chunk: point.payload as unknown as Chunk })),
      );
      if (points.length > 0) await this.upsert(to, points);
      offset = nextOffset(page.next_page_offset);
    } while (offset !== undefined);
  }

  private async pointsOf(chunks: readonly Chunk[]): Promise<Schemas['PointStruct'][]> {
    const points = await Promise.all(
      chunks.map(async (chunk) => ({ id: await pointIdOf(chunk.id), vectors: { [sparseName]: documentVector(chunk) } as PointVectors, chunk })),
    );
    return this.withDenseVectors(points);
  }

  /** Adds the dense vector where it is missing or the wrong size (embeddings configured later, or a new model). */
  private async withDenseVectors(points: { id: Schemas['ExtendedPointId']; vectors: PointVectors; chunk: Chunk }[]): Promise<Schemas['PointStruct'][]> {
    const embeddings = this.embeddings;
    if (embeddings !== undefined) {
      const missing = points.filter((point) => (point.vectors[denseName] as number[] | undefined)?.length !== embeddings.dimensions);
      if (missing.length > 0) {
        const vectors = await embeddings.embedDocuments(missing.map((point) => embeddingText(point.chunk)));
        missing.forEach((point, position) => (point.vectors[denseName] = vectors[position] as number[]));
      }
    }
    return points.map((point) => ({
      id: point.id,
      vector: embeddings === undefined ? { [sparseName]: point.vectors[sparseName] as SparseVector } : point.vectors,
      payload: { ...point.chunk },
    }));
  }

  private async upsert(collection: string, points: Schemas['PointStruct'][]): Promise<void> {
    await this.call('upsert', () => this.client.upsert(collection, { wait: true, points }));
  }

  async manifest(): Promise<Map<string, ManifestEntry>> {
    const manifest = new Map<string, ManifestEntry>();
    let offset: Schemas['ExtendedPointId'] | undefined;
    do {
      const page = await this.orNothing(
        this.call('scroll', () =>
          this.client.scroll(this.alias, { limit: this.batchSize, with_payload: ['id', ...manifestKeys], with_vector: false, ...(offset !== undefined && { offset }) }),
        ),
        { points: [], next_page_offset: null },
      );
      for (const point of page.points) {
        const payload = point.payload ?? {};
        const entry = Object.fromEntries(manifestKeys.filter((key) => payload[key] !== undefined && payload[key] !== null).map((key) => [key, payload[key]]));
        manifest.set(String(payload.id), entry as unknown as ManifestEntry);
      }
      offset = nextOffset(page.next_page_offset);
    } while (offset !== undefined);
    return manifest;
  }

  async count(): Promise<number> {
    const result = await this.orNothing(this.call('count', () => this.client.count(this.alias, { exact: true })), { count: 0 });
    return result.count;
  }

  /** Every payload (only `keys`, or all) of the points `filter` selects, page by page. */
  private async scrollAll(keys: readonly string[] | true, filter?: Schemas['Filter']): Promise<Record<string, unknown>[]> {
    const payloads: Record<string, unknown>[] = [];
    let offset: Schemas['ExtendedPointId'] | undefined;
    do {
      const page = await this.orNothing(
        this.call('scroll', () =>
          this.client.scroll(this.alias, {
            limit: this.batchSize,
            with_payload: keys === true ? true : [...keys],
            with_vector: false,
            ...(filter !== undefined && { filter }),
            ...(offset !== undefined && { offset }),
          }),
        ),
        { points: [], next_page_offset: null },
      );
      for (const point of page.points) payloads.push(point.payload ?? {});
      offset = nextOffset(page.next_page_offset);
    } while (offset !== undefined);
    return payloads;
  }

  async pages(): Promise<ServedPage[]> {
    const payloads = await this.scrollAll(['id', ...pageKeys]);
    const read = new Map<PageFields, string>();
    const fields = payloads.map((payload) => {
      const chunk = Object.fromEntries(Object.entries(payload).filter(([, value]) => value !== null)) as unknown as PageFields;
      if (typeof payload[ingestedAtKey] === 'string') read.set(chunk, payload[ingestedAtKey]);
      return chunk;
    });
    return pagesOf(fields, (chunk) => read.get(chunk));
  }

  async chunksOf(url: string): Promise<Chunk[]> {
    const payloads = await this.scrollAll(true, { must: [{ key: 'url', match: { value: url } }] });
    return payloads.map(chunkOf);
  }
}
