/**
 * One candidate per stretch of text: of overlapping candidates the longest wins; on equal length
 * the earlier parser (its order in ../index.ts is its priority).
 */
import type { Candidate, TimeRefiner } from '../types.js';

export const overlapRefiner: TimeRefiner = {
  id: 'overlap',
  refine(_ctx, cands) {
    const order = cands.map((c, i) => ({ c, i }));
    order.sort((a, b) => (b.c.end - b.c.start) - (a.c.end - a.c.start) || a.i - b.i);
    const kept: Candidate[] = [];
    for (const { c } of order) {
      if (kept.some((k) => k.start < c.end && c.start < k.end)) continue;
      kept.push(c);
    }
    return kept.sort((a, b) => a.start - b.start);
  },
};
