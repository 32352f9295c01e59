import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileCrawlCache } from './crawl-cache.js';

describe('file crawl cache', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'crawl-cache-'));
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  it('keeps validators across runs, written whole with no temporary files left behind', async () => {
    const path = join(directory, 'nested', 'cache.json');
    const cache = fileCrawlCache(path);
    expect(await cache.get('https://a.dk/x')).toBeUndefined();
    await Promise.all(Array.from({ length: 50 }, (_, index) => cache.set(`https://a.dk/${index}`, { etag: `"${index}"` })));
    await cache.set('https://a.dk/x', { lastModified: 'Thu, 14 May 2026 08:00:00 GMT' });
    const reopened = fileCrawlCache(path);
    expect(await reopened.get('https://a.dk/49')).toEqual({ etag: '"49"' });
    expect(await reopened.get('https://a.dk/x')).toEqual({ lastModified: 'Thu, 14 May 2026 08:00:00 GMT' });
    expect(await readdir(join(directory, 'nested'))).toEqual(['cache.json']);
  });

  it('refuses a damaged file by name and leaves it untouched', async () => {
    const path = join(directory, 'cache.json');
    await writeFile(path, '{"version":1,"pages":{"https://a.dk/":{"etag":5}}}');
    const cache = fileCrawlCache(path);
    await expect(cache.get('https://a.dk/')).rejects.toThrow(`Crawl cache ${path} is malformed at pages.https://a.dk/.etag`);
    await expect(cache.set('https://a.dk/', { etag: '"1"' })).rejects.toThrow(/malformed/);
    expect(await readFile(path, 'utf8')).toBe('{"version":1,"pages":{"https://a.dk/":{"etag":5}}}');
    await writeFile(path, '{not json');
    await expect(fileCrawlCache(path).get('https://a.dk/')).rejects.toThrow(`Crawl cache ${path} is not valid JSON`);
  });
});
