// Remembers each page's ETag and Last-Modified between crawls in one JSON file, so a re-crawl can ask
// "changed since?" and unchanged pages cost a 304. Written whole to a temporary file and renamed over
// the old one, so a crash mid-write never leaves a half-written cache.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { CrawlCache, CrawlValidators } from './crawler.js';

const cacheFileSchema = z.object({
  version: z.literal(1),
  pages: z.record(z.string(), z.object({ etag: z.string().optional(), lastModified: z.string().optional() })),
});

type CacheFile = z.infer<typeof cacheFileSchema>;

export interface FileCrawlCache extends CrawlCache {
  /** Resolves when every `set` so far is on disk. */
  flush(): Promise<void>;
}

/**
 * A crawl cache in a JSON file. A missing file is an empty cache; an unreadable or malformed one is
 * an error naming the file, and it is left as it is rather than overwritten.
 */
export function fileCrawlCache(path: string): FileCrawlCache {
  let loaded: Promise<Map<string, CrawlValidators>> | undefined;
  let writing: Promise<void> = Promise.resolve();
  let pendingWrite: Promise<void> | undefined;

  const load = () => {
    loaded ??= (async () => {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map<string, CrawlValidators>();
        throw new Error(`Cannot read crawl cache ${path}: ${(error as Error).message}`, { cause: error });
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new Error(`Crawl cache ${path} is not valid JSON (${(error as Error).message}); move it away to start afresh`, { cause: error });
      }
      const parsed = cacheFileSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`Crawl cache ${path} is malformed at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'unknown problem'}`);
      }
      return new Map(Object.entries(parsed.data.pages));
    })();
    return loaded;
  };

  const writeNow = async () => {
    pendingWrite = undefined;
    const pages = await load();
    const file: CacheFile = { version: 1, pages: Object.fromEntries([...pages].sort(([a], [b]) => a.localeCompare(b))) };
    const temporary = `${path}.${randomUUID()}.tmp`;
    await mkdir(dirname(path), { recursive: true });
    try {
      await writeFile(temporary, `${JSON.stringify(file, null, 1)}\n`, 'utf8');
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw new Error(`Cannot write crawl cache ${path}: ${(error as Error).message}`, { cause: error });
    }
  };

  return {
    async get(url) {
      return (await load()).get(url);
    },
    async set(url, validators) {
      const pages = await load();
      pages.set(url, { ...(validators.etag ? { etag: validators.etag } : {}), ...(validators.lastModified ? { lastModified: validators.lastModified } : {}) });
      // Sets made while a write is queued share that write; writes never overlap.
      pendingWrite ??= writing = writing.catch(() => undefined).then(writeNow);
      return pendingWrite;
    },
    async flush() {
      await writing;
    },
  };
}
