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

export interface SearchIndex {
  search(query: SearchQuery): Promise<SearchHit[]>;
  /** Replaces the whole content atomically: searches see the old or the new index, never a mix. */
  replaceAll(chunks: readonly Chunk[]): Promise<void>;
  /** Number of chunks served now; 0 means nothing has been ingested. */
  count(): Promise<number>;
}
