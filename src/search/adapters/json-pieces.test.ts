import { describe, expect, it } from 'vitest';
import { jsonPieces } from './json-pieces.js';

describe('JSON written piece by piece', () => {
  const value = {
    format: 4,
    text: 'Parkering "P-hus" – æøå\n',
    nested: { list: [1, 'to', null, undefined, { deep: { deeper: [true, false] } }], skipped: undefined, call: () => 1 },
    withToJson: { toJSON: (key: string) => ({ key, node: { w: 'afdeling', d: [1, 2, 3] } }) },
    empty: { object: {}, array: [] },
  };

  it.each([0, 1, 2, 3, 6])('joins to exactly what JSON.stringify writes (opened %i levels deep)', (depth) => {
    expect([...jsonPieces(value, depth)].join('')).toBe(JSON.stringify(value));
  });

  it('hands out the text in several pieces, none holding the whole', () => {
    const pieces = [...jsonPieces({ documents: Array.from({ length: 100 }, (_, id) => ({ id, text: 'x'.repeat(100) })) }, 2)];
    expect(pieces.length).toBeGreaterThan(100);
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThan(200);
  });
});
