// The pages the index serves, as editors review them: each page's chunks, when an ingest run last
// read it, and how often the bot's answers cited it (and each of its chunks) lately.
import type { Queryable } from '../db/database.js';
import type { SearchIndex, ServedPage } from '../search/search-index.js';

/** How far back answers count towards `cited`. */
export const citedWindowDays = 90;

export const pageSorts = ['cited', 'title', 'ingested'] as const;
export type PageSort = (typeof pageSorts)[number];

export interface PageForEditors extends ServedPage {
  /** Answers that cited the page in the last `citedWindowDays` days. */
  cited: number;
}

export interface ChunkForEditors {
  id: string;
  /** The chunk's heading path, from the page title down. */
  headings: string[];
  text: string;
  /** Answers that cited this chunk in the last `citedWindowDays` days. */
  cited: number;
}

export type PageDetail = Omit<PageForEditors, 'chunks'> & { chunks: ChunkForEditors[] };

export interface PageListOptions {
  /** Part of the title or URL, any case. */
  q?: string;
  hospital?: string;
  sort?: PageSort;
  limit?: number;
  offset?: number;
}

const collator = new Intl.Collator('da', { sensitivity: 'base', numeric: true });
const byTitle = (a: PageForEditors, b: PageForEditors) => collator.compare(a.title, b.title) || a.url.localeCompare(b.url);
const orders: Record<PageSort, (a: PageForEditors, b: PageForEditors) => number> = {
  cited: (a, b) => b.cited - a.cited || byTitle(a, b),
  title: byTitle,
  // Most recently read first; pages no run has recorded come last.
  ingested: (a, b) => (b.lastIngestedAt ?? '').localeCompare(a.lastIngestedAt ?? '') || byTitle(a, b),
};

export class IndexPages {
  constructor(private readonly dependencies: { index: SearchIndex; database: Queryable; now?: () => Date }) {}

  private since(): Date {
    const now = this.dependencies.now?.() ?? new Date();
    return new Date(now.getTime() - citedWindowDays * 24 * 60 * 60 * 1000);
  }

  /** Answers citing each page (by URL) lately; an answer citing two chunks of a page counts once. */
  private async citedPages(url?: string): Promise<Map<string, number>> {
    const rows = await this.dependencies.database.query<{ url: string; cited: number }>(
      `SELECT c.value->>'url' AS url, count(DISTINCT m.id)::int AS cited
         FROM messages m CROSS JOIN LATERAL jsonb_array_elements(m.citations) AS c(value)
        WHERE m.role = 'assistant' AND m.created_at >= $1 AND ($2::text IS NULL OR c.value->>'url' = $2::text)
        GROUP BY c.value->>'url'`,
      [this.since().toISOString(), url ?? null],
    );
    return new Map(rows.map((row) => [row.url, Number(row.cited)]));
  }

  /** Answers citing each chunk of one page lately, by chunk id. */
  private async citedChunks(url: string): Promise<Map<string, number>> {
    const rows = await this.dependencies.database.query<{ chunk_id: string; cited: number }>(
      `SELECT c.value->>'chunkId' AS chunk_id, count(DISTINCT m.id)::int AS cited
         FROM messages m CROSS JOIN LATERAL jsonb_array_elements(m.citations) AS c(value)
        WHERE m.role = 'assistant' AND m.created_at >= $1 AND c.value->>'url' = $2
        GROUP BY c.value->>'chunkId'`,
      [this.since().toISOString(), url],
    );
    return new Map(rows.map((row) => [row.chunk_id, Number(row.cited)]));
  }

  /** One page of the served pages, filtered and sorted (most cited first by default). */
  async list(options: PageListOptions = {}): Promise<{ items: PageForEditors[]; nextOffset: number | null; total: number }> {
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), 200);
    const offset = Math.max(Math.trunc(options.offset ?? 0), 0);
    const [pages, cited] = await Promise.all([this.dependencies.index.pages(), this.citedPages()]);
    const needle = options.q?.trim().toLocaleLowerCase('da') ?? '';
    const matching = pages
      .filter((page) => options.hospital === undefined || page.hospital === options.hospital)
      .filter((page) => needle === '' || page.title.toLocaleLowerCase('da').includes(needle) || page.url.toLocaleLowerCase('da').includes(needle))
      .map((page) => ({ ...page, cited: cited.get(page.url) ?? 0 }))
      .sort(orders[options.sort ?? 'cited']);
    const items = matching.slice(offset, offset + limit);
    return { items, nextOffset: offset + limit < matching.length ? offset + limit : null, total: matching.length };
  }

  /** A page with its chunks and their cited counts; undefined when the index does not serve it. */
  async detail(url: string): Promise<PageDetail | undefined> {
    const page = (await this.dependencies.index.pages()).find((item) => item.url === url);
    if (page === undefined) return undefined;
    const [chunks, citedPages, citedChunks] = await Promise.all([this.dependencies.index.chunksOf(url), this.citedPages(url), this.citedChunks(url)]);
    return {
      ...page,
      cited: citedPages.get(url) ?? 0,
      chunks: chunks.map((chunk) => ({ id: chunk.id, headings: chunk.headingPath, text: chunk.text, cited: citedChunks.get(chunk.id) ?? 0 })),
    };
  }
}
