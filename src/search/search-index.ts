// The SearchIndex port: what the answer core needs from any index (the embedded BM25 index, Qdrant).
import type { SupportedLanguage } from '../language/languages.js';

/** Where a chunk came from: a patient-information page or a hospital's practical information. */
export type ChunkSource = 'pinfo' | 'practical';

/**
 * The structured record a practical-information chunk was rendered from (a parking area, an entrance,
 * a department…), so an exact question ("which entrance for …?") can be answered from its fields.
 */
export interface PracticalRecord {
  kind: 'parking-area' | 'entrance' | 'department' | 'visiting-hours' | 'facility' | 'switchboard';
  fields: Record<string, string | number | string[]>;
}

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
  /**
   * The ingest source that owns the chunk, e.g. `pages:fjordby` or `practical:fjordby`. A run for one
   * source may add, change and remove only that source's chunks.
   */
  sourceId: string;
  /**
   * The address the page was read from (a fetched URL, or a file's site path) when it differs from
   * `url` (its canonical link): lets a run keep the page's chunks when that address fails.
   */
  readFrom?: string;
  /** Hospital id such as "fjordby"; absent for region-wide content. */
  hospital?: string;
  department?: string;
  /** ISO date (YYYY-MM-DD) the page says it was last reviewed. */
  reviewedOn?: string;
  /** Hash of the page as read (raw HTML and parser version): a page read again unchanged is not parsed again. */
  pageHash?: string;
  /** Practical information only: the record this chunk's text was rendered from. */
  record?: PracticalRecord;
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

/**
 * A change to the served content: chunks to add or replace (by id) and chunk ids to remove, and the
 * pages an ingest run read (changed or not), whose `lastIngestedAt` becomes `read.at`. Recording a
 * read never rewrites chunks.
 */
export interface IndexChange {
  upsert: readonly Chunk[];
  remove: readonly string[];
  read?: PagesRead;
}

/** Pages (by chunk URL) an ingest run read, and when (ISO time). */
export interface PagesRead {
  urls: readonly string[];
  at: string;
}

/** A page the index serves, as the editors see it. */
export interface ServedPage {
  url: string;
  title: string;
  /** Hospital id; null for region-wide content. */
  hospital: string | null;
  sourceId: string;
  /** Chunks served for the page. */
  chunks: number;
  /** When an ingest run last read the page (changed or not); null when no run has recorded it. */
  lastIngestedAt: string | null;
  /** The date (YYYY-MM-DD) the page says it was last reviewed; null when it does not say. */
  lastReviewed: string | null;
}

/** What `pagesOf` needs of a served chunk. */
export type PageFields = Pick<Chunk, 'url' | 'title' | 'hospital' | 'sourceId' | 'reviewedOn'>;

/**
 * The pages served chunks belong to, in the order their first chunk comes. `ingestedAt` gives when a
 * page was last read (the latest time any of its chunks was recorded at).
 */
export function pagesOf(chunks: Iterable<PageFields>, ingestedAt: (chunk: PageFields) => string | undefined): ServedPage[] {
  const pages = new Map<string, ServedPage>();
  for (const chunk of chunks) {
    const at = ingestedAt(chunk) ?? null;
    const page = pages.get(chunk.url);
    if (page === undefined) {
      pages.set(chunk.url, { url: chunk.url, title: chunk.title, hospital: chunk.hospital ?? null, sourceId: chunk.sourceId, chunks: 1, lastIngestedAt: at, lastReviewed: chunk.reviewedOn ?? null });
      continue;
    }
    page.chunks += 1;
    if (at !== null && (page.lastIngestedAt === null || at > page.lastIngestedAt)) page.lastIngestedAt = at;
    if (chunk.reviewedOn !== undefined && (page.lastReviewed === null || chunk.reviewedOn > page.lastReviewed)) page.lastReviewed = chunk.reviewedOn;
  }
  return [...pages.values()];
}

/** Enough of a served chunk to decide whether an ingest run may replace or remove it. */
export type ManifestEntry = Pick<Chunk, 'contentHash' | 'url' | 'source' | 'hospital' | 'sourceId' | 'readFrom' | 'pageHash'>;

export interface SearchIndex {
  search(query: SearchQuery): Promise<SearchHit[]>;
  /** Applies a change atomically: searches see the old or the new content, never a mix. */
  apply(change: IndexChange): Promise<void>;
  /** What is served, by chunk id, so ingest can touch only what changed. */
  manifest(): Promise<Map<string, ManifestEntry>>;
  /** Number of chunks served now; 0 means nothing has been ingested. */
  count(): Promise<number>;
  /** Every served page with its chunk count and when an ingest run last read it. */
  pages(): Promise<ServedPage[]>;
  /** The chunks served for a page (by its URL), as ingested; empty for a page the index does not serve. */
  chunksOf(url: string): Promise<Chunk[]>;
}

/** Limits a change to what one ingest run is responsible for. */
export interface ChangeScope {
  /** Sources this run read in full: only their chunks may be removed. */
  sourceIds: ReadonlySet<string>;
  /**
   * Pages (by chunk URL or the address they were read from) whose chunks stay exactly as they are: the page failed this run, or the
   * server said it was not modified, so the run has no new version of it.
   */
  keepUrls?: ReadonlySet<string>;
}

/**
 * The change that makes an index serving `manifest` serve `chunks`: new and changed chunks are
 * upserted (a chunk moving to another source or address counts as changed), unchanged ones are left alone, and
 * chunks no longer present are removed. Without a scope the whole index is the run's to replace; with
 * one, only chunks of `scope.sourceIds` outside `scope.keepUrls` are removed, and `kept` counts the
 * chunks left in place for kept URLs.
 */
export function changeTo(
  manifest: ReadonlyMap<string, ManifestEntry>,
  chunks: readonly Chunk[],
  scope?: ChangeScope,
): IndexChange & { unchanged: number; kept: number } {
  const wanted = new Set(chunks.map((chunk) => chunk.id));
  const upsert = chunks.filter((chunk) => {
    const served = manifest.get(chunk.id);
    return served?.contentHash !== chunk.contentHash || served.sourceId !== chunk.sourceId || served.readFrom !== chunk.readFrom;
  });
  const remove: string[] = [];
  let kept = 0;
  for (const [id, entry] of manifest) {
    if (wanted.has(id)) continue;
    if (scope !== undefined && !scope.sourceIds.has(entry.sourceId)) continue;
    const keepUrls = scope?.keepUrls;
    if (keepUrls !== undefined && (keepUrls.has(entry.url) || (entry.readFrom !== undefined && keepUrls.has(entry.readFrom)))) kept += 1;
    else remove.push(id);
  }
  return { upsert, remove, unchanged: chunks.length - upsert.length, kept };
}
