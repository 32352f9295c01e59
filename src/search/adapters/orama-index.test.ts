import { describe, expect, it } from 'vitest';
import type { Chunk } from '../search-index.js';
import { OramaSearchIndex, type SnapshotStore } from './orama-index.js';

const chunk = (id: string, text: string, hospital?: string): Chunk => ({
  id,
  url: `/demo/${hospital ?? 'region'}/${id}`,
  title: id,
  headingPath: [id],
  text,
  language: 'da',
  source: 'pinfo',
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

const corpus = [
  chunk('parkering', 'Du kan parkere i P-huset. Parkeringspladserne koster 15 kr. i timen.', 'fjordby'),
  chunk('faste', 'Du må ikke spise i 6 timer før bedøvelsen.', 'fjordby'),
  chunk('parkering-lyngaa', 'Parkering ved Lyngå er gratis.', 'lyngaa'),
];

describe('embedded Orama index', () => {
  it('finds Danish inflections through the stemmer ("parkeringspladserne" for "parkeringsplads")', async () => {
    const index = await OramaSearchIndex.open(new Store());
    await index.replaceAll(corpus);
    const hits = await index.search({ text: 'parkeringsplads' });
    expect(hits[0]?.chunk.id).toBe('parkering');
  });

  it('keeps stemmed search working after a restart from the snapshot', async () => {
    const store = new Store();
    await (await OramaSearchIndex.open(store)).replaceAll(corpus);
    const reopened = await OramaSearchIndex.open(store);
    expect(await reopened.count()).toBe(3);
    expect((await reopened.search({ text: 'spise før bedøvelse' }))[0]?.chunk.id).toBe('faste');
    expect((await reopened.search({ text: 'parkeringspladserne' })).map((hit) => hit.chunk.id)).toContain('parkering');
  });

  it('boosts the hospital of the embedding page without hiding other hospitals', async () => {
    const index = await OramaSearchIndex.open(new Store());
    await index.replaceAll(corpus);
    const forLyngaa = await index.search({ text: 'parkering', hospital: 'lyngaa' });
    expect(forLyngaa[0]?.chunk.id).toBe('parkering-lyngaa');
    expect(forLyngaa.map((hit) => hit.chunk.id)).toContain('parkering');
  });

  it('keeps serving the previous content when the new snapshot cannot be written', async () => {
    const store = new Store();
    const index = await OramaSearchIndex.open(store);
    await index.replaceAll(corpus);
    store.failNext = true;
    await expect(index.replaceAll([chunk('other', 'Noget helt andet')])).rejects.toThrow('disk full');
    expect(await index.count()).toBe(3);
    expect((await index.search({ text: 'bedøvelse' }))[0]?.chunk.id).toBe('faste');
    expect((await OramaSearchIndex.open(store)).count()).resolves.toBe(3);
  });

  it('rejects a snapshot of another format with a message that says what to do', async () => {
    const store = new Store();
    store.snapshot = JSON.stringify({ format: 99, size: 0, raw: {} });
    await expect(OramaSearchIndex.open(store)).rejects.toThrow(/re-ingest/);
  });
});
