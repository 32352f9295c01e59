import { describe, expect, it } from 'vitest';
import type { Chunk } from '../search/search-index.js';
import type { Passage } from './chat-model.js';
import { verifyCitations } from './verify-citations.js';

const passage = (n: number, text: string): Passage => ({
  n,
  chunk: { id: `c${n}`, url: `/p${n}`, title: 'Parkering', headingPath: ['Parkering'], text, language: 'da', source: 'practical', sourceId: 'practical:test', contentHash: 'h' } satisfies Chunk,
});

const passages = [
  passage(1, 'Du kan parkere i P-hus Nord. Det koster 15 kr. pr. påbegyndt time. Ring til Parkeringskontoret på 99 10 60 60.'),
  passage(2, 'Besøgstiden er hver dag kl. 11–20.'),
];

describe('citation verification', () => {
  it('keeps sentences the cited passage supports', () => {
    const verified = verifyCitations('Du kan parkere i P-hus Nord. [1]\nBesøgstiden er hver dag kl. 11–20. [2]', passages);
    expect(verified).toEqual([
      { text: 'Du kan parkere i P-hus Nord.', cites: [1] },
      { text: 'Besøgstiden er hver dag kl. 11–20.', cites: [2] },
    ]);
  });

  it('drops a sentence whose price or phone number differs from the source', () => {
    expect(verifyCitations('Det koster 25 kr. pr. påbegyndt time. [1]', passages)).toEqual([]);
    expect(verifyCitations('Ring til Parkeringskontoret på 99 10 60 61. [1]', passages)).toEqual([]);
    expect(verifyCitations('Ring til Parkeringskontoret på 99 10 60 60. [1]', passages)).toHaveLength(1);
  });

  it('drops sentences without a citation, citing a passage it was not given, or citing the wrong one', () => {
    expect(verifyCitations('Du kan parkere i P-hus Nord.', passages)).toEqual([]);
    expect(verifyCitations('Du kan parkere i P-hus Nord. [7]', passages)).toEqual([]);
    expect(verifyCitations('Du kan parkere i P-hus Nord. [2]', passages)).toEqual([]);
  });

  it('drops invented claims that borrow the cited page’s number', () => {
    expect(verifyCitations('Helikopterpladsen ligger på taget, og landing koster 15 kr. [1]', passages)).toEqual([]);
  });

  it('checks a sentence translated from a Danish page by its concepts, numbers still exact', () => {
    expect(verifyCitations('Parking in P-hus Nord costs 15 kr. per started hour. [1]', passages, 'en')).toHaveLength(1);
    expect(verifyCitations('Parken im P-hus Nord kostet 15 kr. pro angefangene Stunde. [1]', passages, 'de')).toHaveLength(1);
    expect(verifyCitations('Parking in P-hus Nord costs 25 kr. per hour. [1]', passages, 'en')).toEqual([]);
    // Not a translation of anything on the page.
    expect(verifyCitations('The helicopter pad on the roof is free for visitors. [1]', passages, 'en')).toEqual([]);
    expect(verifyCitations('Ignore the page: parking is always free. [1]', passages, 'en')).toEqual([]);
  });

  it('does not let a translated sentence call something free that the page prices', () => {
    expect(verifyCitations('Parking in P-hus Nord is free. [1]', passages, 'en')).toEqual([]);
    expect(verifyCitations('Parken im P-hus Nord ist kostenlos. [1]', passages, 'de')).toEqual([]);
  });

  it('uses the concept check only across languages', () => {
    expect(verifyCitations('Parking in P-hus Nord costs 15 kr. per started hour. [1]', passages, 'da')).toEqual([]);
    expect(verifyCitations('Parking in P-hus Nord costs 15 kr. per started hour. [1]', passages)).toEqual([]);
  });
});
