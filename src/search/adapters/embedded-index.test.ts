import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
