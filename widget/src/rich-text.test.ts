import { describe, it, expect } from 'vitest';
import { pickLanguage } from './i18n.js';
import { segmentText, telHref, type Segment } from './rich-text.js';

const phonesIn = (text: string) => segmentText(text, new Set(), true).filter((segment) => segment.kind === 'phone');

describe('segmentText', () => {
  it('turns [n] into citation segments only for citations the message has', () => {
    expect(segmentText('Parker i P-huset [1]. Se også [3] og [2].', new Set([1, 2]), false)).toEqual<Segment[]>([
      { kind: 'text', text: 'Parker i P-huset ' },
      { kind: 'cite', n: 1, text: '[1]' },
      { kind: 'text', text: '. Se også [3] og ' },
      { kind: 'cite', n: 2, text: '[2]' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('handles adjacent markers and markers at the edges', () => {
    expect(segmentText('[1][2]', new Set([1, 2]), false).map((segment) => segment.kind)).toEqual(['cite', 'cite']);
  });

  it('leaves phone numbers alone unless asked', () => {
    expect(segmentText('Ring 112', new Set(), false)).toEqual([{ kind: 'text', text: 'Ring 112' }]);
  });

  it('finds Danish phone numbers in their usual spellings', () => {
    const text = 'Ring 112, Lægevagten 70 11 07 07, Akuttelefonen 1813, Patientkontoret 7011 0707, +45 78 45 00 00 eller 116 111.';
    expect(phonesIn(text).map((segment) => segment.kind === 'phone' && [segment.text, segment.href])).toEqual([
      ['112', 'tel:112'],
      ['70 11 07 07', 'tel:+4570110707'],
      ['1813', 'tel:1813'],
      ['7011 0707', 'tel:+4570110707'],
      ['+45 78 45 00 00', 'tel:+4578450000'],
      ['116 111', 'tel:116111'],
    ]);
  });

  it('does not take parts of longer numbers, times or citation markers for phone numbers', () => {
    expect(phonesIn('CPR 010190-1234, kl. 8.00-15.30, 2 timer, rum 212, [112], 123456789')).toEqual([]);
  });

  it('keeps all text when phone numbers and citations mix', () => {
    const text = 'Ved livsfare: ring 112 [1].\nLægevagten: 70 11 07 07';
    const segments = segmentText(text, new Set([1]), true);
    expect(segments.map((segment) => segment.text).join('')).toBe(text);
    expect(segments.map((segment) => segment.kind)).toEqual(['text', 'phone', 'text', 'cite', 'text', 'phone']);
  });
});

describe('telHref', () => {
  it('keeps short numbers and explicit country codes', () => {
    expect(telHref('112')).toBe('tel:112');
    expect(telHref('+45 70 11 07 07')).toBe('tel:+4570110707');
    expect(telHref('70-11-07-07')).toBe('tel:+4570110707');
  });
});

describe('pickLanguage', () => {
  it('uses data-lang when it is supported', () => {
    expect(pickLanguage('ar', ['da'])).toBe('ar');
    expect(pickLanguage(' UK ', ['da'])).toBe('uk');
  });

  it("falls back to the browser's first language, then Danish", () => {
    expect(pickLanguage(null, ['de-DE', 'en'])).toBe('de');
    expect(pickLanguage('fr', ['en-GB'])).toBe('en');
    expect(pickLanguage(undefined, ['nb-NO', 'en'])).toBe('da');
    expect(pickLanguage(undefined, [])).toBe('da');
  });
});
