import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cosine, MeaningEmbeddings } from '../__fixtures__/meaning-embeddings.js';
import { embeddingText } from '../embeddings.js';
import { FileSnapshotStore } from './file-snapshot-store.js';
import { changeTo, type Chunk, type SearchIndex } from '../search-index.js';
import { EmbeddedSearchIndex, type SnapshotStore } from './embedded-index.js';

const chunk = (id: string, text: string, hospital?: string): Chunk => ({
  id,
  url: `/demo/${hospital ?? 'region'}/${id}`,
  title: id,
  headingPath: [id],
  text,
  language: 'da',
  source: 'pinfo',
  sourceId: `pages:${hospital ?? 'region'}`,
  ...(hospital !== undefined && { hospital }),
  contentHash: id,
});

class Store implements SnapshotStore {
  snapshot: string | null = null;
  failNext = false;
  async read() {
    return this.snapshot;
  }
  async write(snapshot: string) {
    if (this.failNext) throw new Error('disk full');
    this.snapshot = snapshot;
  }
}

async function serve(index: SearchIndex, chunks: Chunk[]) {
  await index.apply(changeTo(await index.manifest(), chunks));
}

const corpus = [
  chunk('parkering', 'Du kan parkere i P-huset. Parkeringspladserne koster 15 kr. i timen.', 'fjordby'),
  chunk('faste', 'Du må ikke spise i 6 timer før bedøvelsen.', 'fjordby'),
  chunk('parkering-lyngaa', 'Parkering ved Lyngå er gratis.', 'lyngaa'),
];

describe('embedded index', () => {
  it('finds Danish inflections through the stemmer ("parkeringspladserne" for "parkeringsplads")', async () => {
    const index = await EmbeddedSearchIndex.open(new Store());
    await serve(index, corpus);
    const hits = await index.search({ text: 'parkeringsplads' });
    expect(hits[0]?.chunk.id).toBe('parkering');
  });

  it('keeps stemmed search working after a restart from the snapshot', async () => {
    const store = new Store();
    await serve(await EmbeddedSearchIndex.open(store), corpus);
    const reopened = await EmbeddedSearchIndex.open(store);
    expect(await reopened.count()).toBe(3);
    expect((await reopened.search({ text: 'spise før bedøvelse' }))[0]?.chunk.id).toBe('faste');
    expect((await reopened.search({ text: 'parkeringspladserne' })).map((hit) => hit.chunk.id)).toContain('parkering');
  });

  it('gives back every chunk whole after a restart from a snapshot file (title and text included)', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'embedded-file-'));
    try {
      const path = join(directory, 'search-index.json');
      const withEverything: Chunk = { ...(corpus[0] as Chunk), title: 'Parkering', headingPath: ['Parkering', 'P-hus'], department: 'Kirurgi', reviewedOn: '2026-05-14', readFrom: '/p' };
      await serve(await EmbeddedSearchIndex.open(new FileSnapshotStore(path)), [withEverything, ...corpus.slice(1)]);
      const reopened = await EmbeddedSearchIndex.open(new FileSnapshotStore(path));
      expect((await reopened.search({ text: 'parkeringspladserne' }))[0]?.chunk).toEqual(withEverything);
      expect(await readdir(directory)).toEqual(['search-index.json']);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('leaves the previous snapshot file and no half-written one when writing fails midway', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'embedded-file-'));
    try {
      const path = join(directory, 'search-index.json');
      const store = new FileSnapshotStore(path);
      await store.write('{"old":true}');
      function* failing() {
        yield '{"new":';
        throw new Error('out of memory');
      }
      await expect(store.writePieces(failing())).rejects.toThrow('out of memory');
      expect(await store.read()).toBe('{"old":true}');
      expect(await readdir(directory)).toEqual(['search-index.json']);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('boosts the hospital of the embedding page without hiding other hospitals', async () => {
    const index = await EmbeddedSearchIndex.open(new Store());
    await serve(index, corpus);
    const forLyngaa = await index.search({ text: 'parkering', hospital: 'lyngaa' });
    expect(forLyngaa[0]?.chunk.id).toBe('parkering-lyngaa');
    expect(forLyngaa.map((hit) => hit.chunk.id)).toContain('parkering');
  });

  it('keeps serving the previous content when the new snapshot cannot be written', async () => {
    const store = new Store();
    const index = await EmbeddedSearchIndex.open(store);
    await serve(index, corpus);
    store.failNext = true;
    await expect(serve(index, [chunk('other', 'Noget helt andet')])).rejects.toThrow('disk full');
    expect(await index.count()).toBe(3);
    expect((await index.search({ text: 'bedøvelse' }))[0]?.chunk.id).toBe('faste');
    await expect((await EmbeddedSearchIndex.open(store)).count()).resolves.toBe(3);
  });

  it('touches only what changed: new and changed chunks are written, vanished ones removed', async () => {
    const index = await EmbeddedSearchIndex.open(new Store());
    await serve(index, corpus);
    const edited = { ...chunk('faste', 'Du må ikke spise i 8 timer før bedøvelsen.', 'fjordby'), contentHash: 'faste-v2' };
    const change = changeTo(await index.manifest(), [corpus[0] as Chunk, edited, chunk('ny', 'Ny side om søvnapnø.')]);
    expect(change.upsert.map((item) => item.id)).toEqual(['faste', 'ny']);
    expect(change.remove).toEqual(['parkering-lyngaa']);
    expect(change.unchanged).toBe(1);
    await index.apply(change);
    expect(await index.count()).toBe(3);
    expect((await index.search({ text: 'spise bedøvelse' }))[0]?.chunk.text).toContain('8 timer');
    expect(await index.search({ text: 'gratis Lyngå' })).toEqual([]);
    expect((await index.search({ text: 'søvnapnø' }))[0]?.chunk.id).toBe('ny');
    // A second identical run changes nothing.
    expect(changeTo(await index.manifest(), [corpus[0] as Chunk, edited, chunk('ny', 'Ny side om søvnapnø.')])).toMatchObject({ upsert: [], remove: [] });
  });

  it('starts empty from a snapshot written by another version, so start-up ingests again', async () => {
    const store = new Store();
    store.snapshot = JSON.stringify({ format: 1, size: 3, raw: {} });
    const index = await EmbeddedSearchIndex.open(store);
    expect(await index.count()).toBe(0);
    await serve(index, corpus);
    expect(await (await EmbeddedSearchIndex.open(store)).count()).toBe(3);
  });

  it('a serving index picks up a snapshot another process (the ingest CLI) wrote, without blocking searches', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'embedded-reload-'));
    try {
      const path = join(directory, 'search-index.json');
      const reloads: unknown[] = [];
      const serving = await EmbeddedSearchIndex.open(new FileSnapshotStore(path), { reloadCheckMs: 0, onReload: (outcome) => reloads.push(outcome) });
      const cli = await EmbeddedSearchIndex.open(new FileSnapshotStore(path));
      await serve(cli, corpus);
      // The search that notices the new snapshot is answered from the old index...
      expect(await serving.search({ text: 'parkering' })).toEqual([]);
      await serving.reloadIfChanged();
      // ...and the next ones from the new one.
      expect((await serving.search({ text: 'parkering', hospital: 'lyngaa' }))[0]?.chunk.id).toBe('parkering-lyngaa');
      expect(reloads).toEqual([{ chunks: 3 }]);
      await serving.reloadIfChanged();
      expect(reloads).toHaveLength(1);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('finds a misspelt word and a compound from its first part, unless those options are off', async () => {
    const tolerant = await EmbeddedSearchIndex.open(new Store());
    await serve(tolerant, corpus);
    expect((await tolerant.search({ text: 'bedøvelsne' }))[0]?.chunk.id).toBe('faste');
    expect((await tolerant.search({ text: 'parkeringsplads' }))[0]?.chunk.id).toBe('parkering');
    const strict = await EmbeddedSearchIndex.open(new Store(), { typos: false, prefix: false });
    await serve(strict, corpus);
    expect(await strict.search({ text: 'bedøvelsne' })).toEqual([]);
    expect(await strict.search({ text: 'parkeringsplads' })).toEqual([]);
  });

  it('drops a snapshot the Orama index wrote (format 5), so start-up ingests again', async () => {
    const store = new Store();
    store.snapshot = JSON.stringify({ format: 5, raw: { docs: {} }, chunks: [{ id: 'old' }] });
    expect(await (await EmbeddedSearchIndex.open(store)).count()).toBe(0);
  });

  it('applies changes given at the same time one after another, losing none', async () => {
    const store = new Store();
    const index = await EmbeddedSearchIndex.open(store);
    await Promise.all([index.apply({ upsert: [corpus[0] as Chunk], remove: [] }), index.apply({ upsert: [corpus[1] as Chunk], remove: [] })]);
    expect(await index.count()).toBe(2);
    expect(await (await EmbeddedSearchIndex.open(store)).count()).toBe(2);
  });
});

describe('embedded index: when ingest runs last read each page', () => {
  it('two processes recording reads of different sources keep each other’s times', async () => {
    const store = new Store();
    const readTimes = new Store();
    const [parkering, faste] = [chunk('parkering', 'Du kan parkere i P-huset.', 'fjordby'), chunk('faste', 'Du må ikke spise i 6 timer.', 'lyngaa')];
    await serve(await EmbeddedSearchIndex.open(store, { readTimes }), [parkering, faste]);
    const server = await EmbeddedSearchIndex.open(store, { readTimes });
    const cli = await EmbeddedSearchIndex.open(store, { readTimes });
    await cli.apply({ upsert: [], remove: [], read: { urls: [faste.url], at: '2026-11-20T06:00:00.000Z' } });
    await server.apply({ upsert: [], remove: [], read: { urls: [parkering.url], at: '2026-11-21T06:00:00.000Z' } });
    const times = new Map((await cli.pages()).map((page) => [page.url, page.lastIngestedAt]));
    expect(times).toEqual(new Map([[parkering.url, '2026-11-21T06:00:00.000Z'], [faste.url, '2026-11-20T06:00:00.000Z']]));
  });

  it('opens and serves with a damaged read-times record, and forgets the times of removed pages', async () => {
    const store = new Store();
    const readTimes = new Store();
    readTimes.snapshot = '{"format":1,"pages":';
    const index = await EmbeddedSearchIndex.open(store, { readTimes });
    await serve(index, corpus);
    expect((await index.pages()).every((page) => page.lastIngestedAt === null)).toBe(true);
    await index.apply({ upsert: [], remove: [], read: { urls: corpus.map((item) => item.url), at: '2026-11-20T06:00:00.000Z' } });
    const [kept] = corpus as [Chunk];
    await index.apply({ ...changeTo(await index.manifest(), [kept]), read: { urls: [], at: '2026-11-21T06:00:00.000Z' } });
    expect(JSON.parse(readTimes.snapshot as string)).toEqual({ format: 1, pages: { [kept.url]: '2026-11-20T06:00:00.000Z' } });
  });
});

describe('embedded index with an embedding model (hybrid)', () => {
  const ids = (hits: { chunk: Chunk }[]) => hits.map((hit) => hit.chunk.id);
  const hybrid = async (embeddings = new MeaningEmbeddings(), store = new Store(), options = {}) => {
    const index = await EmbeddedSearchIndex.open(store, { embeddings, ...options });
    await serve(index, corpus);
    return { index, embeddings, store };
  };

  it('finds the parking page for a question that shares no word with it, through the meaning of "car"', async () => {
    const lexicalOnly = await EmbeddedSearchIndex.open(new Store());
    await serve(lexicalOnly, corpus);
    expect(await lexicalOnly.search({ text: 'Where can I leave the car?' })).toEqual([]);
    const { index } = await hybrid();
    const hits = ids(await index.search({ text: 'Where can I leave the car?' }));
    expect(hits.slice(0, 2).sort()).toEqual(['parkering', 'parkering-lyngaa']);
    expect(ids(await index.search({ text: 'Where can I leave the car?', hospital: 'lyngaa' }))[0]).toBe('parkering-lyngaa');
    expect(ids(await index.search({ text: 'Where can I leave the car?', hospital: 'fjordby' }))[0]).toBe('parkering');
  });

  it('lets the exact word win over a passage the model finds closer in meaning', async () => {
    const embeddings = new MeaningEmbeddings();
    const apnoea = chunk('soevnapnoe', 'Søvnapnø undersøges i søvnklinikken.');
    const sleep = { ...chunk('soevn', 'Sove, søvn og sove.'), title: 'Søvn', headingPath: ['Søvn'] };
    // The premise: to the model, the general sleep page is the closer one.
    expect(cosine(embeddings.vector('søvnapnø'), embeddings.vector(embeddingText(sleep)))).toBeGreaterThan(cosine(embeddings.vector('søvnapnø'), embeddings.vector(embeddingText(apnoea))));
    const index = await EmbeddedSearchIndex.open(new Store(), { embeddings });
    await serve(index, [...corpus, apnoea, sleep]);
    expect(ids(await index.search({ text: 'søvnapnø' }))).toEqual(['soevnapnoe', 'soevn']);
  });

  it('embeds in batches and never embeds an unchanged chunk again, not even one that moved to another source', async () => {
    const { index, embeddings } = await hybrid(new MeaningEmbeddings(), new Store(), { embeddingBatchSize: 2 });
    expect(embeddings.documentCalls.map((texts) => texts.length)).toEqual([2, 1]);
    embeddings.documentCalls.length = 0;
    await serve(index, corpus);
    expect(embeddings.documentCalls).toEqual([]);
    const edited = { ...chunk('faste', 'Du må ikke spise i 8 timer før bedøvelsen.', 'fjordby'), contentHash: 'faste-v2' };
    const moved = { ...(corpus[2] as Chunk), sourceId: 'pages:elsewhere' };
    await serve(index, [corpus[0] as Chunk, edited, moved, chunk('ny', 'Ny side om søvnapnø.')]);
    expect(embeddings.documentCalls).toEqual([[embeddingText(edited), embeddingText(chunk('ny', 'Ny side om søvnapnø.'))]]);
    expect(ids(await index.search({ text: 'Where can I leave the car?', hospital: 'lyngaa' }))[0]).toBe('parkering-lyngaa');
  });

  it('keeps the vectors in the snapshot: a restarted server searches by meaning without embedding a chunk', async () => {
    const { store } = await hybrid();
    const restarted = new MeaningEmbeddings();
    const reopened = await EmbeddedSearchIndex.open(store, { embeddings: restarted });
    expect(await reopened.missingVectors()).toBe(0);
    expect(ids(await reopened.search({ text: 'Where can I leave the car?', hospital: 'fjordby' }))[0]).toBe('parkering');
    await reopened.apply({ upsert: [], remove: [] });
    expect(restarted.documentCalls).toEqual([]);
    // Compactly: base64 Float32, 4 bytes a dimension, not JSON numbers.
    const vectors = (JSON.parse(store.snapshot as string) as { format: number; vectors: { dimensions: number; entries: Record<string, [string, string]> } });
    expect(vectors.format).toBe(7);
    expect(vectors.vectors.dimensions).toBe(64);
    expect(vectors.vectors.entries.faste?.[0]).toBe('faste');
    expect(vectors.vectors.entries.faste?.[1]).toMatch(/^[A-Za-z0-9+/]{342}==$/);
  });

  it('loads a snapshot of the previous format with nothing lost and embeds its chunks on the next ingest, even one with nothing new', async () => {
    const store = new Store();
    await serve(await EmbeddedSearchIndex.open(store), corpus);
    store.snapshot = (store.snapshot as string).replace('{"format":7,', '{"format":6,');
    expect(store.snapshot).not.toContain('"vectors"');
    const embeddings = new MeaningEmbeddings();
    const index = await EmbeddedSearchIndex.open(store, { embeddings });
    expect(await index.count()).toBe(3);
    expect(ids(await index.search({ text: 'parkeringspladserne' }))[0]).toBe('parkering');
    expect(await index.missingVectors()).toBe(3);
    expect(changeTo(await index.manifest(), corpus)).toMatchObject({ upsert: [], remove: [] });
    await index.apply({ upsert: [], remove: [] });
    expect(embeddings.documentCalls.flat()).toHaveLength(3);
    expect(await index.missingVectors()).toBe(0);
    expect(ids(await index.search({ text: 'Where can I leave the car?', hospital: 'lyngaa' }))[0]).toBe('parkering-lyngaa');
    expect(JSON.parse(store.snapshot as string)).toMatchObject({ format: 7, vectors: { dimensions: 64 } });
  });

  it('embeds everything again when the configured model changes, even at the same length', async () => {
    const { store } = await hybrid(new MeaningEmbeddings(64, 'model-a'));
    const other = new MeaningEmbeddings(64, 'model-b');
    const index = await EmbeddedSearchIndex.open(store, { embeddings: other });
    expect(await index.missingVectors()).toBe(3);
    await index.apply({ upsert: [], remove: [] });
    expect(other.documentCalls.flat()).toHaveLength(3);
    expect(JSON.parse(store.snapshot as string)).toMatchObject({ vectors: { model: 'model-b' } });
  });

  it('answers from BM25 alone and says so when the query cannot be embedded (rate limit, or no answer in time)', async () => {
    const failures: string[] = [];
    const { index, embeddings } = await hybrid(new MeaningEmbeddings(), new Store(), { queryEmbeddingTimeoutMs: 20, onQueryEmbeddingFailure: ({ error }: { error: Error }) => failures.push(error.message) });
    const lexicalOnly = await EmbeddedSearchIndex.open(new Store());
    await serve(lexicalOnly, corpus);
    embeddings.queryFailure = Object.assign(new Error('429 Rate limit reached'), { status: 429 });
    expect(await index.search({ text: 'parkering', hospital: 'lyngaa' })).toEqual(await lexicalOnly.search({ text: 'parkering', hospital: 'lyngaa' }));
    embeddings.queryFailure = 'hang';
    expect(ids(await index.search({ text: 'spise før bedøvelse' }))[0]).toBe('faste');
    expect(failures).toEqual(['429 Rate limit reached', 'the query embedding took longer than 20 ms']);
  });

  it('keeps serving the previous content when embedding the new chunks fails, and embeds them on the next run', async () => {
    const { index, embeddings } = await hybrid();
    embeddings.documentFailure = new Error('503 Service Unavailable');
    const added = chunk('ny', 'Søvnapnø undersøges i søvnklinikken.');
    await expect(serve(index, [...corpus, added])).rejects.toThrow('503 Service Unavailable');
    expect(await index.count()).toBe(3);
    embeddings.documentFailure = undefined;
    await serve(index, [...corpus, added]);
    expect(ids(await index.search({ text: 'søvnapnø' }))[0]).toBe('ny');
  });

  it('keeps the vectors of unchanged chunks when an ingest runs without the model configured', async () => {
    const { store } = await hybrid();
    const lexical = await EmbeddedSearchIndex.open(store);
    const edited = { ...chunk('faste', 'Du må ikke spise i 8 timer før bedøvelsen.', 'fjordby'), contentHash: 'faste-v2' };
    await serve(lexical, [corpus[0] as Chunk, edited, corpus[2] as Chunk]);
    const embeddings = new MeaningEmbeddings();
    const again = await EmbeddedSearchIndex.open(store, { embeddings });
    expect(await again.missingVectors()).toBe(1);
    await again.apply({ upsert: [], remove: [] });
    expect(embeddings.documentCalls).toEqual([[embeddingText(edited)]]);
  });
});
