import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../src/logger.js';
import { MeaningEmbeddings } from '../src/search/__fixtures__/meaning-embeddings.js';
import { EmbeddedSearchIndex } from '../src/search/adapters/embedded-index.js';
import { MemorySnapshotStore, demoContentDirectory } from '../test/support/runtime.js';
import { ingestContentDirectory } from './pipeline.js';

describe('ingesting a content directory', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'hospital-help-content-'));
    await cp(demoContentDirectory, directory, { recursive: true });
    await rm(join(directory, 'appointments'), { recursive: true });
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('indexes every demo page, and a second run changes nothing', async () => {
    const store = new MemorySnapshotStore();
    const index = await EmbeddedSearchIndex.open(store);
    const first = await ingestContentDirectory(directory, { index, logger: silentLogger });
    expect(first).toMatchObject({ pages: 46, practicalPages: 18, removed: 0, unchanged: 0, problems: [] });
    expect(first.upserted).toBe(first.chunks);
    const writes = store.writes;
    const second = await ingestContentDirectory(directory, { index, logger: silentLogger });
    expect(second).toMatchObject({ upserted: 0, removed: 0, unchanged: first.chunks });
    expect(store.writes).toBe(writes);
  });

  it('a run that finds nothing new records that it read every page, without rewriting the chunks', async () => {
    const store = new MemorySnapshotStore();
    const readTimes = new MemorySnapshotStore();
    const index = await EmbeddedSearchIndex.open(store, { readTimes });
    const first = await ingestContentDirectory(directory, { index, logger: silentLogger, now: () => new Date('2026-11-20T06:00:00Z') });
    const pages = await index.pages();
    expect(pages).toHaveLength(first.pages + first.practicalPages);
    expect(new Set(pages.map((page) => page.lastIngestedAt))).toEqual(new Set(['2026-11-20T06:00:00.000Z']));
    const { snapshot, writes } = store;
    const second = await ingestContentDirectory(directory, { index, logger: silentLogger, now: () => new Date('2026-11-21T06:00:00Z') });
    expect(second).toMatchObject({ upserted: 0, removed: 0, unchanged: first.chunks });
    // The chunks were not written again; only the small record of read times was.
    expect(store.writes).toBe(writes);
    expect(store.snapshot).toBe(snapshot);
    const again = await index.pages();
    expect(again.map((page) => page.url)).toEqual(pages.map((page) => page.url));
    expect(new Set(again.map((page) => page.lastIngestedAt))).toEqual(new Set(['2026-11-21T06:00:00.000Z']));
    // A server opening the index (another process) sees the same times.
    const reopened = await EmbeddedSearchIndex.open(store, { readTimes });
    expect((await reopened.pages()).find((page) => page.url === '/demo/fjordby/praktisk/parkering')?.lastIngestedAt).toBe('2026-11-21T06:00:00.000Z');
  });

  it('updates a changed page, removes a deleted one, and skips a broken file without losing anything', async () => {
    const index = await EmbeddedSearchIndex.open(new MemorySnapshotStore());
    const before = await ingestContentDirectory(directory, { index, logger: silentLogger });
    await rm(join(directory, 'pages/lyngaa/tolkebistand.html'));
    await writeFile(join(directory, 'practical/broken.json'), '{ "hospital": ');
    // An editor's half-saved file: Havnekøbing's practical pages must keep answering.
    await writeFile(join(directory, 'practical/havnekobing.json'), '{ "hospital": { "id": "havnekobing" ');
    const after = await ingestContentDirectory(directory, { index, logger: silentLogger });
    expect(after.removed).toBeGreaterThan(0);
    expect(after.upserted).toBe(0);
    expect(await index.count()).toBe(before.chunks - after.removed);
    expect(after.problems).toEqual([expect.stringMatching(/broken\.json: .*JSON/), expect.stringMatching(/havnekobing\.json: /)]);
    expect((await index.search({ text: 'parkering', hospital: 'havnekobing' }))[0]?.chunk.url).toBe('/demo/havnekobing/praktisk/parkering');
    expect((await index.search({ text: 'tolkebistand Lyngå', hospital: 'lyngaa' })).map((hit) => hit.chunk.url)).not.toContain('/demo/lyngaa/pinfo/tolkebistand');
    // The other hospitals' practical pages still answer.
    expect((await index.search({ text: 'parkering', hospital: 'fjordby' }))[0]?.chunk.url).toBe('/demo/fjordby/praktisk/parkering');
  });

  it('a page that could not be read keeps the time it was last read', async () => {
    const index = await EmbeddedSearchIndex.open(new MemorySnapshotStore(), { readTimes: new MemorySnapshotStore() });
    await ingestContentDirectory(directory, { index, logger: silentLogger, now: () => new Date('2026-11-20T06:00:00Z') });
    const page = join(directory, 'pages/fjordby/gastroskopi.html');
    const html = await readFile(page, 'utf8');
    await writeFile(page, '');
    try {
      await ingestContentDirectory(directory, { index, logger: silentLogger, now: () => new Date('2026-11-21T06:00:00Z') });
    } finally {
      await writeFile(page, html);
    }
    const times = new Map((await index.pages()).map((item) => [item.url, item.lastIngestedAt]));
    expect(times.get('/demo/fjordby/pinfo/gastroskopi')).toBe('2026-11-20T06:00:00.000Z');
    expect(times.get('/demo/fjordby/praktisk/parkering')).toBe('2026-11-21T06:00:00.000Z');
  });

  it('a run with nothing new embeds the chunks an index ingested before an embedding model was configured', async () => {
    const store = new MemorySnapshotStore();
    const first = await ingestContentDirectory(directory, { index: await EmbeddedSearchIndex.open(store), logger: silentLogger });
    const embeddings = new MeaningEmbeddings();
    const index = await EmbeddedSearchIndex.open(store, { embeddings });
    expect(await index.missingVectors()).toBe(first.chunks);
    const second = await ingestContentDirectory(directory, { index, logger: silentLogger });
    expect(second).toMatchObject({ upserted: 0, removed: 0 });
    expect(embeddings.documentCalls.flat()).toHaveLength(first.chunks);
    expect(await index.missingVectors()).toBe(0);
    const third = await ingestContentDirectory(directory, { index, logger: silentLogger });
    expect(third.upserted).toBe(0);
    expect(embeddings.documentCalls.flat()).toHaveLength(first.chunks);
  });
});
