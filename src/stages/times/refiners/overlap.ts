/**
 * One candidate per stretch of text: of overlapping candidates the longest wins; on equal length
 * the earlier parser (its order in ../index.ts is its priority).
 */
import type { Candidate, TimeRefiner } from '../types.js';

export const overlapRefiner: TimeRefiner = {
  id: 'overlap',
  refine(_ctx, cands) {
    const n = cands.length;
    if (n < 2) return cands.slice();
    const order: number[] = [];
    for (let i = 0; i < n; i++) order.push(i);
    order.sort((a, b) => (cands[b]!.end - cands[b]!.start) - (cands[a]!.end - cands[a]!.start) || a - b);
    const kept: Candidate[] = [];
    for (const i of order) {
      const c = cands[i]!;
      if (kept.some((k) => k.start < c.end && c.start < k.end)) continue;
      kept.push(c);
    }
    return kept.sort((a, b) => a.start - b.start);
  },
};
