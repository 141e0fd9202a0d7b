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
    // longest first, then earliest in the list (an insertion sort: a stable order of few items)
    const order: Candidate[] = [];
    for (let i = 0; i < n; i++) {
      const c = cands[i]!;
      const len = c.end - c.start;
      let j = order.length;
      while (j > 0 && order[j - 1]!.end - order[j - 1]!.start < len) { order[j] = order[j - 1]!; j--; }
      order[j] = c;
    }
    const kept: Candidate[] = [];
    for (let i = 0; i < n; i++) {
      const c = order[i]!;
      let free = true;
      for (let k = 0; k < kept.length; k++) if (kept[k]!.start < c.end && c.start < kept[k]!.end) { free = false; break; }
      if (!free) continue;
      // by start (stable: as Array.prototype.sort)
      let j = kept.length;
      while (j > 0 && kept[j - 1]!.start > c.start) { kept[j] = kept[j - 1]!; j--; }
      kept[j] = c;
    }
    return kept;
  },
};
