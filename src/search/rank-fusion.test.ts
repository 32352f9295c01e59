import { describe, expect, it } from 'vitest';
import { fuseByRank, rrfK } from './rank-fusion.js';

describe('Reciprocal Rank Fusion', () => {
  it('ranks as Qdrant does (its own test case, k = 2): found high in several rankings beats first in one', () => {
    const fused = fuseByRank([[2, 1], [1, 2, 3], [5, 3, 1]], String);
    expect(rrfK).toBe(2);
    expect(fused.map(({ item }) => item)).toEqual([1, 2, 3, 5]);
    expect(fused.map(({ score }) => Number(score.toFixed(4)))).toEqual([1.0833, 0.8333, 0.5833, 0.5]);
  });

  it('on equal scores keeps the item of the first ranking first', () => {
    expect(fuseByRank([['lexical'], ['dense']], String).map(({ item }) => item)).toEqual(['lexical', 'dense']);
  });
});
