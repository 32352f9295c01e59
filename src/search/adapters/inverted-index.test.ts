import { describe, expect, it } from 'vitest';
import { testChunk } from '../__fixtures__/chunk.js';
import type { Chunk } from '../search-index.js';
import { InvertedIndex, oneEditApart, type InvertedSnapshot } from './inverted-index.js';

const chunk = (id: string, title: string, text: string, hospital?: string): Chunk => testChunk({ id, title, text, ...(hospital !== undefined && { hospital }) });

const corpus = [
  chunk('parkering', 'Parkering', 'Parkering er gratis for patienter. Der er parkering ved alle indgange.', 'fjordby'),
  chunk('p-plads', 'Handicappladser', 'Parkeringspladsen ved indgang 4 har ladestandere til elbiler.', 'fjordby'),
  chunk('vagt', 'Sygeplejersker', 'Parkeringsvagten hjælper dig, og sygeplejerskerne tager imod dig i afsnittet.'),
  chunk('faste', 'Faste før operation', 'Du må ikke spise i 6 timer før operationen. Du må drikke vand.'),
  chunk('blodproeve', 'Blodprøvetagning', 'Du kan få taget en blodprøve uden tidsbestilling på hverdage.'),
];

const build = (chunks: readonly Chunk[] = corpus) => InvertedIndex.empty().withChange({ upsert: chunks, remove: [] });
const ids = (index: InvertedIndex, text: string, options: { prefix?: boolean; typos?: boolean; hospital?: string } = {}) =>
  index.search({ text, limit: 5, ...options }).map((hit) => hit.chunk.id);

describe('embedded BM25 index', () => {
  it('finds a Danish compound from the word it starts with ("parkering" → "parkeringspladsen")', () => {
    const index = build();
    expect(ids(index, 'parkering')).toContain('p-plads');
    expect(ids(index, 'parkering', { prefix: false })).not.toContain('p-plads');
  });

  it('ranks the page about the word above pages that only have it inside a rarer compound', () => {
    // "parkeringsvagten" is rarer than "parkering", but it is not what the citizen asked about.
    const found = ids(build(), 'parkering');
    expect(found[0]).toBe('parkering');
    expect(found.indexOf('vagt')).toBeGreaterThan(found.indexOf('parkering'));
  });

  it('tolerates one wrong, missing, extra or swapped letter in words of five letters or more', () => {
    const index = build();
    expect(ids(index, 'parkerng')[0]).toBe('parkering');
    expect(ids(index, 'blodprøe uden tidsbestiling')[0]).toBe('blodproeve');
    expect(ids(index, 'operatoin')[0]).toBe('faste');
    // A misspelling that changes how the word stems is corrected before stemming.
    expect(ids(index, 'operatinoen')[0]).toBe('faste');
    expect(ids(index, 'operatoin', { typos: false })).toEqual([]);
    // Short words must match exactly: "vend" is not "vand".
    expect(ids(index, 'vend')).toEqual([]);
  });

  it('scores a match through a typo or a compound below a match of the word itself', () => {
    const index = build([
      chunk('exact', 'Café', 'Der er kaffe i forhallen.'),
      chunk('typo', 'Kirurgi', 'Der er operation i forhallen.'),
      chunk('compound', 'Kælder', 'Der er parkeringskælder i forhallen.'),
    ]);
    // Each chunk matches one word of the question, each word as rare as the other.
    expect(ids(index, 'operatoin kaffe')).toEqual(['exact', 'typo']);
    expect(ids(index, 'parkering kaffe')).toEqual(['exact', 'compound']);
  });

  it('boosts the hospital asked for without dropping the others', () => {
    const index = build([chunk('a', 'Parkering', 'Parkering er gratis.', 'fjordby'), chunk('b', 'Parkering', 'Parkering er gratis.', 'lyngaa')]);
    expect(ids(index, 'parkering', { hospital: 'lyngaa' })).toEqual(['b', 'a']);
    expect(ids(index, 'parkering', { hospital: 'fjordby' })).toEqual(['a', 'b']);
  });

  it('keeps only the best `limit` hits, best first', () => {
    const many = Array.from({ length: 50 }, (_, number) => chunk(`c${number}`, `Side ${number}`, `${'operation '.repeat(1 + (number % 7))}og noget andet tekst`));
    const hits = build(many).search({ text: 'operation', limit: 3 });
    expect(hits).toHaveLength(3);
    expect(hits.map((hit) => hit.score)).toEqual([...hits.map((hit) => hit.score)].sort((a, b) => b - a));
    expect(hits[0]?.chunk.text).toContain('operation '.repeat(7));
  });

  it('leaves the index it was made from untouched by a change, so searches in flight see old content', () => {
    const before = build();
    const after = before.withChange({ upsert: [chunk('faste', 'Faste', 'Du må ikke spise i 8 timer før bedøvelsen.')], remove: ['parkering'] });
    expect(ids(before, 'parkering')[0]).toBe('parkering');
    expect(ids(after, 'parkering')).not.toContain('parkering');
    expect(before.search({ text: 'spise', limit: 1 })[0]?.chunk.text).toContain('6 timer');
    expect(after.search({ text: 'spise', limit: 1 })[0]?.chunk.text).toContain('8 timer');
    expect([before.size, after.size]).toEqual([5, 4]);
  });

  it('reuses the place of a removed chunk without mixing up their words', () => {
    const index = build().withChange({ upsert: [], remove: ['faste'] }).withChange({ upsert: [chunk('soevn', 'Søvnapnø', 'Søvnapnø undersøges i søvnklinikken.')], remove: [] });
    expect(ids(index, 'operation')).toEqual([]);
    expect(ids(index, 'søvnapnø')).toEqual(['soevn']);
    expect(index.size).toBe(5);
  });

  it('comes back from its snapshot with the same answers and scores', () => {
    const index = build().withChange({ upsert: [], remove: ['vagt'] });
    const snapshot = JSON.parse(`{${[...index.snapshotPieces()].join('')}}`) as InvertedSnapshot;
    const restored = InvertedIndex.fromSnapshot(snapshot);
    for (const text of ['parkering', 'parkerng', 'blodprøve', 'spise før operation']) {
      expect(restored.search({ text, limit: 5 })).toEqual(index.search({ text, limit: 5 }));
    }
  });

  it('skipping the long lists of common words changes no result', () => {
    let state = 7;
    // A fixed pseudo-random sequence (a linear congruential generator): the same corpus every run.
    const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
    const common = ['operation', 'patient', 'afdeling', 'medicin', 'smerter', 'faste', 'parkering', 'besøg'];
    const rare = ['sarkoidose', 'akalasi', 'myasteni', 'kolesteatom'];
    const chunks = Array.from({ length: 4000 }, (_, number) => {
      const words = Array.from({ length: 12 }, () => (next() < 0.03 ? rare[Math.floor(next() * rare.length)] : common[Math.floor(next() * common.length)]) as string);
      return chunk(`c${number}`, `Side ${number} ${words[0]}`, words.join(' '), ['fjordby', 'lyngaa'][number % 2]);
    });
    const index = build(chunks);
    for (const text of ['operation patient', 'sarkoidose operation', 'myasteni akalasi smerter medicin', 'parkering besøg afdeling faste', 'operation']) {
      for (const hospital of [undefined, 'lyngaa']) {
        const pruned = index.search({ text, limit: 5, ...(hospital !== undefined && { hospital }) });
        const full = index.search({ text, limit: 5, exhaustive: true, ...(hospital !== undefined && { hospital }) });
        expect(pruned.map((hit) => hit.chunk.id)).toEqual(full.map((hit) => hit.chunk.id));
        pruned.forEach((hit, place) => expect(hit.score).toBeCloseTo(full[place]?.score as number, 9));
      }
    }
  });

  it('refuses a snapshot whose postings point at a chunk it does not have', () => {
    expect(() => InvertedIndex.fromSnapshot({ chunks: [null], postings: { parkering: [0, 1] } })).toThrow(/damaged.*parkering/);
  });
});

describe('one edit apart', () => {
  it.each([
    ['parkerng', 'parkering', true],
    ['operatoin', 'operation', true],
    ['blodprøe', 'blodprøv', true],
    ['xarkering', 'parkering', true],
    ['parkering', 'parkering', false],
    ['parkring', 'parkeringer', false],
    ['vandt', 'vand', true],
    ['abcd', 'badc', false],
  ])('%s / %s → %s', (a, b, expected) => {
    expect(oneEditApart(a, b)).toBe(expected);
    expect(oneEditApart(b, a)).toBe(expected);
  });
});
