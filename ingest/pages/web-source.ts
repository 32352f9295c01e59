// Web pages for the pipeline: the crawler's results as FetchedPage items. Crawl validators (ETag,
// Last-Modified) are kept in memory and written only by commit(), after the index has taken the
// pages: a run that dies half-way must not make the next run believe unindexed pages are unchanged.
import { join } from 'node:path';
import { crawl, type CrawlCache, type CrawlValidators } from './crawler.js';
import { fileCrawlCache } from './crawl-cache.js';
import type { CrawlStart, FetchedPage, PageSource } from './page-source.js';

export interface WebSource extends PageSource {
  /** Saves the validators of this run's pages; call after the index change is applied. */
  commit(): Promise<void>;
}

export function webSource(start: CrawlStart, options: { dataDirectory: string; userAgent?: string; fetch?: typeof fetch }): WebSource {
  const stored = fileCrawlCache(join(options.dataDirectory, 'crawl-cache.json'));
  const pending = new Map<string, CrawlValidators>();
  const cache: CrawlCache = {
    get: (url) => stored.get(url),
    set: async (url, validators) => {
      pending.set(url, validators);
    },
  };
  const seeds = 'sitemapUrl' in start ? { sitemaps: [start.sitemapUrl] } : { urls: start.urls };
  const allowedHosts = [...new Set(('sitemapUrl' in start ? [start.sitemapUrl] : start.urls).map((url) => new URL(url).host))];

  async function* pages(): AsyncGenerator<FetchedPage> {
    for await (const result of crawl(seeds, {
      allowedHosts,
      cache,
      ...(options.userAgent !== undefined && { userAgent: options.userAgent }),
      ...(options.fetch !== undefined && { fetch: options.fetch }),
    })) {
      if (result.status === 'fetched') yield { url: result.url, status: 'fetched', html: result.html };
      else if (result.status === 'not-modified') yield { url: result.url, status: 'not-modified' };
      else yield { url: result.url, status: result.status, reason: result.reason };
    }
  }

  return {
    pages: pages(),
    commit: async () => {
      for (const [url, validators] of pending) await stored.set(url, validators);
      await stored.flush();
      pending.clear();
    },
  };
}
