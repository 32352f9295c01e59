// The behaviour every SearchIndex adapter owes the answer core and the ingest pipeline. Each adapter's
// test file runs it against its own storage.
import { describe, expect, it } from 'vitest';
import { testChunk } from './__fixtures__/chunk.js';
import { changeTo, type Chunk, type SearchIndex } from './search-index.js';

export interface ContractOptions {
  /** The adapter keeps its content across `open()` calls within a test (a file, a server). */
  persists: boolean;
}

const chunk = (id: string, text: string, hospital?: string, title = id): Chunk =>
  testChunk({ id, text, title, ...(hospital !== undefined && { hospital }), department: 'Anæstesiologisk afdeling', reviewedOn: '2026-03-01', contentHash: `${id}-v1` });

const corpus = (): Chunk[] => [
  chunk('parkering', 'Du kan parkere i P-huset ved indgang 3. Parkeringspladserne koster 15 kr. i timen.', 'fjordby', 'Parkering ved Fjordby'),
  chunk('faste', 'Du må ikke spise i 6 timer før bedøvelsen. Du må drikke vand indtil 2 timer før.', 'fjordby', 'Faste før operation'),
  chunk('parkering-lyngaa', 'Parkering ved Lyngå Sygehus er gratis på alle pladser.', 'lyngaa', 'Parkering ved Lyngå'),
  chunk('besoeg', 'Besøgstiden på sengeafsnittene er fra kl. 12 til 20.', undefined, 'Besøgstider'),
];

async function serve(index: SearchIndex, chunks: readonly Chunk[]): Promise<void> {
  await index.apply(changeTo(await index.manifest(), chunks));
}

const ids = (hits: { chunk: Chunk }[]) => hits.map((hit) => hit.chunk.id);

/**
 * Registers the SearchIndex contract. `open` is called in each test on fresh, empty storage; when the
 * adapter persists, calling it again in the same test opens that same storage again.
 * @example describeSearchIndexContract('embedded', () => EmbeddedSearchIndex.open(store), { persists: true })
 */
export function describeSearchIndexContract(name: string, open: () => Promise<SearchIndex>, options: ContractOptions): void {
  describe(`SearchIndex contract: ${name}`, () => {
    it('an empty index counts 0, has an empty manifest and finds nothing', async () => {
      const index = await open();
      expect(await index.count()).toBe(0);
      expect(await index.manifest()).toEqual(new Map());
      expect(await index.search({ text: 'parkering' })).toEqual([]);
    });

    it('finds Danish inflections through the stemmer ("parkeringspladserne", "bedøvelse")', async () => {
      const index = await open();
      await serve(index, corpus());
      expect(ids(await index.search({ text: 'parkeringsplads' }))[0]).toBe('parkering');
      expect(ids(await index.search({ text: 'Hvornår skal jeg stoppe med at spise før bedøvelse?' }))[0]).toBe('faste');
      expect(await index.search({ text: '   ' })).toEqual([]);
    });

    it('returns the chunk as ingested, every field included, so citations keep their title and URL', async () => {
      const index = await open();
      await serve(index, corpus());
      const [hit] = await index.search({ text: 'besøgstid sengeafsnit' });
      expect(hit?.chunk).toEqual(corpus()[3]);
      expect(hit?.score).toBeGreaterThan(0);
    });

    it('prefers the hospital of the embedding page without hiding the others', async () => {
      const index = await open();
      await serve(index, corpus());
      const forLyngaa = ids(await index.search({ text: 'parkering', hospital: 'lyngaa' }));
      expect(forLyngaa[0]).toBe('parkering-lyngaa');
      expect(forLyngaa).toContain('parkering');
      const forFjordby = ids(await index.search({ text: 'parkering', hospital: 'fjordby' }));
      expect(forFjordby[0]).toBe('parkering');
      expect(forFjordby).toContain('parkering-lyngaa');
    });

    it('respects the limit', async () => {
      const index = await open();
      await serve(index, corpus());
      expect(await index.search({ text: 'parkering', limit: 1 })).toHaveLength(1);
    });

    it('applies upserts, edits and removals from changeTo, leaving unchanged chunks alone', async () => {
      const index = await open();
      await serve(index, corpus());
      const [parkering, faste, , besoeg] = corpus() as [Chunk, Chunk, Chunk, Chunk];
      const edited = { ...faste, text: 'Du må ikke spise i 8 timer før bedøvelsen.', contentHash: 'faste-v2' };
      const added = chunk('soevnapnoe', 'Søvnapnø undersøges i søvnklinikken.', 'fjordby', 'Søvnapnø');
      const change = changeTo(await index.manifest(), [parkering, edited, besoeg, added]);
      expect(change.upsert.map((item) => item.id)).toEqual(['faste', 'soevnapnoe']);
      expect(change.remove).toEqual(['parkering-lyngaa']);
      expect(change.unchanged).toBe(2);
      await index.apply(change);
      expect(await index.count()).toBe(4);
      expect((await index.search({ text: 'spise bedøvelse' }))[0]?.chunk.text).toContain('8 timer');
      expect(ids(await index.search({ text: 'gratis Lyngå' }))).not.toContain('parkering-lyngaa');
      expect(ids(await index.search({ text: 'søvnapnø' }))[0]).toBe('soevnapnoe');
      expect(ids(await index.search({ text: 'parkeringspladserne' }))[0]).toBe('parkering');
    });

    it('a second identical run has nothing to do and changes nothing', async () => {
      const index = await open();
      await serve(index, corpus());
      const before = await index.search({ text: 'parkering', hospital: 'fjordby' });
      const again = changeTo(await index.manifest(), corpus());
      expect(again).toMatchObject({ upsert: [], remove: [], unchanged: 4 });
      await index.apply(again);
      expect(await index.count()).toBe(4);
      expect(await index.search({ text: 'parkering', hospital: 'fjordby' })).toEqual(before);
    });

    it('the manifest lists every served chunk with its hash, URL, source, source id and hospital', async () => {
      const index = await open();
      await serve(index, corpus());
      const manifest = await index.manifest();
      expect(manifest).toEqual(
        new Map(corpus().map((item) => [item.id, { contentHash: item.contentHash, url: item.url, source: item.source, sourceId: item.sourceId, ...(item.hospital !== undefined && { hospital: item.hospital }) }])),
      );
    });

    it('removing everything leaves an empty index', async () => {
      const index = await open();
      await serve(index, corpus());
      await serve(index, []);
      expect(await index.count()).toBe(0);
      expect(await index.search({ text: 'parkering' })).toEqual([]);
    });

    it('lists every served page once, with its chunk count, hospital, source and review date', async () => {
      const index = await open();
      expect(await index.pages()).toEqual([]);
      const [parkering] = corpus() as [Chunk];
      const second = testChunk({ ...parkering, id: 'parkering-pris', headingPath: ['Parkering ved Fjordby', 'Pris'], text: 'En hel dag koster 90 kr.', contentHash: 'parkering-pris-v1' });
      await serve(index, [...corpus(), second]);
      const pages = (await index.pages()).sort((a, b) => a.url.localeCompare(b.url));
      expect(pages).toEqual(
        corpus()
          .map((item) => ({ url: item.url, title: item.title, hospital: item.hospital ?? null, sourceId: item.sourceId, chunks: item.id === 'parkering' ? 2 : 1, lastIngestedAt: null, lastReviewed: '2026-03-01' }))
          .sort((a, b) => a.url.localeCompare(b.url)),
      );
      const chunks = (await index.chunksOf(parkering.url)).sort((a, b) => a.id.localeCompare(b.id));
      expect(chunks).toEqual([parkering, second]);
      expect(await index.chunksOf('/demo/fjordby/findes-ikke')).toEqual([]);
    });

    it('records when a run read a page, changed or not, without changing what is served', async () => {
      const index = await open();
      await serve(index, corpus());
      const [parkering, faste, lyngaa] = corpus() as [Chunk, Chunk, Chunk];
      const before = await index.search({ text: 'parkering', hospital: 'fjordby' });
      const manifest = await index.manifest();
      // A run that read two pages and found nothing new.
      await index.apply({ upsert: [], remove: [], read: { urls: [parkering.url, faste.url], at: '2026-11-20T06:00:00.000Z' } });
      const readAt = async () => new Map((await index.pages()).map((page) => [page.url, page.lastIngestedAt]));
      expect(await readAt()).toEqual(new Map([[parkering.url, '2026-11-20T06:00:00.000Z'], [faste.url, '2026-11-20T06:00:00.000Z'], [lyngaa.url, null], [corpus()[3]?.url, null]]));
      expect(await index.manifest()).toEqual(manifest);
      expect(await index.search({ text: 'parkering', hospital: 'fjordby' })).toEqual(before);
      expect(await index.chunksOf(parkering.url)).toEqual([parkering]);
      // The next run changes one page and reads only that one: the other page keeps its time.
      const edited = { ...faste, text: 'Du må ikke spise i 8 timer før bedøvelsen.', contentHash: 'faste-v2' };
      await index.apply({ ...changeTo(await index.manifest(), [parkering, edited, lyngaa, corpus()[3] as Chunk]), read: { urls: [faste.url], at: '2026-11-21T06:00:00.000Z' } });
      expect((await readAt()).get(parkering.url)).toBe('2026-11-20T06:00:00.000Z');
      expect((await readAt()).get(faste.url)).toBe('2026-11-21T06:00:00.000Z');
      expect(await index.chunksOf(faste.url)).toEqual([edited]);
      if (options.persists) expect((await (await open()).pages()).find((page) => page.url === parkering.url)?.lastIngestedAt).toBe('2026-11-20T06:00:00.000Z');
    });

    it.runIf(options.persists)('serves the same content after re-opening, stemmed search included', async () => {
      await serve(await open(), corpus());
      const reopened = await open();
      expect(await reopened.count()).toBe(4);
      expect((await reopened.manifest()).size).toBe(4);
      expect(ids(await reopened.search({ text: 'parkeringspladserne' }))[0]).toBe('parkering');
    });
  });
}
