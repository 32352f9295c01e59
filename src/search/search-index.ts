// The SearchIndex port: what the answer core needs from any index (embedded Orama, Qdrant later).
import type { SupportedLanguage } from '../language/languages.js';

/** Where a chunk came from: a patient-information page or a hospital's practical information. */
export type ChunkSource = 'pinfo' | 'practical';

/** One retrievable passage with everything needed to cite it. */
export interface Chunk {
  /** Stable across re-ingests: derived from the source URL and the heading path. */
  id: string;
  /** The page the chunk belongs to (canonical URL or site path). */
  url: string;
  /** Page title, shown as the citation's title. */
  title: string;
  /** Headings from the page title down to this chunk's section. */
  headingPath: string[];
  text: string;
  language: SupportedLanguage;
  source: ChunkSource;
  /** Hospital id such as "fjordby"; absent for region-wide content. */
  hospital?: string;
  department?: string;
  /** ISO date (YYYY-MM-DD) the page says it was last reviewed. */
  reviewedOn?: string;
  /** Hash of the chunk's content, so re-ingests can skip unchanged chunks. */
  contentHash: string;
}

export interface SearchQuery {
  text: string;
  /** Boosts (does not filter) this hospital's content: the page embedding the widget. */
  hospital?: string;
  limit?: number;
}

export interface SearchHit {
  chunk: Chunk;
  score: number;
}

/** A change to the served content: chunks to add or replace (by id) and chunk ids to remove. */
export interface IndexChange {
  upsert: readonly Chunk[];
  remove: readonly string[];
}

/** Enough of a served chunk to decide whether an ingest run may replace or remove it. */
export type ManifestEntry = Pick<Chunk, 'contentHash' | 'url' | 'source' | 'hospital'>;

export interface SearchIndex {
  search(query: SearchQuery): Promise<SearchHit[]>;
  /** Applies a change atomically: searches see the old or the new content, never a mix. */
  apply(change: IndexChange): Promise<void>;
  /** What is served, by chunk id, so ingest can touch only what changed. */
  manifest(): Promise<Map<string, ManifestEntry>>;
  /** Number of chunks served now; 0 means nothing has been ingested. */
  count(): Promise<number>;
}

/**
 * The change that makes an index serving `manifest` serve exactly `chunks`: new and changed chunks
 * are upserted, chunks no longer present are removed, unchanged ones are left alone.
 */
export function changeTo(manifest: ReadonlyMap<string, ManifestEntry>, chunks: readonly Chunk[]): IndexChange & { unchanged: number } {
  const wanted = new Set(chunks.map((chunk) => chunk.id));
  const upsert = chunks.filter((chunk) => manifest.get(chunk.id)?.contentHash !== chunk.contentHash);
  const remove = [...manifest.keys()].filter((id) => !wanted.has(id));
  return { upsert, remove, unchanged: chunks.length - upsert.length };
}
