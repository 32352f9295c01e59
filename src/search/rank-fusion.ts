// Reciprocal Rank Fusion: merges rankings whose scores cannot be compared (BM25 and cosine) by rank
// alone. Both hybrid indexes use it: the embedded index here, Qdrant on its server with the same k.

/**
 * The RRF constant, Qdrant's default (`DEFAULT_RRF_K` in its reciprocal_rank_fusion.rs), which the
 * Qdrant adapter also sends explicitly: both backends rank alike. A small k lets the first places
 * of each ranking count for much more than the tail (1/2, 1/3, 1/4, …).
 */
export const rrfK = 2;

/** An item's fused score: the sum over the rankings it appears in of 1 / (k + its 0-based position). */
export const rrfScore = (position: number, k: number = rrfK): number => 1 / (k + position);

/**
 * Fuses rankings (best first) by Reciprocal Rank Fusion. Items are told apart by `keyOf`; an item's
 * first appearance is the one returned. On equal scores the item met first wins, so list the ranking
 * that should break ties first.
 * @example fuseByRank([lexicalHits, denseHits], (hit) => hit.chunk.id) // [{ item, score }, …] best first
 */
export function fuseByRank<T>(rankings: readonly (readonly T[])[], keyOf: (item: T) => string, k: number = rrfK): { item: T; score: number }[] {
  const fused = new Map<string, { item: T; score: number; order: number }>();
  for (const ranking of rankings) {
    ranking.forEach((item, position) => {
      const key = keyOf(item);
      const entry = fused.get(key);
      if (entry === undefined) fused.set(key, { item, score: rrfScore(position, k), order: fused.size });
      else entry.score += rrfScore(position, k);
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score || a.order - b.order).map(({ item, score }) => ({ item, score }));
}
