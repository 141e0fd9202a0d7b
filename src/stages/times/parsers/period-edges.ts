/**
 * The edges of a period named from the DCT: "earlier this year", "later this month", "the end of
 * the year", "the beginning of next month", "year-end", "earlier in the year" (this year). The value is the period itself (TIMEX3
 * puts the edge in `mod`: START, END, MID).
 */
import { shift, type Unit } from '../anchor.js';
import { regexParser } from '../engine.js';
import { anyHit, keywords } from './keywords.js';
import { B, E, maxLetters, mk } from './util.js';

const EDGE_WORDS = keywords(['end', 'earl', 'late', 'begin', 'start', 'middle', 'close']);
const PERIOD_UNITS = keywords(['week', 'month', 'year', 'quarter']);

const UNITS: Record<string, Unit> = { week: 'W', month: 'M', year: 'Y', quarter: 'Q' };
const MOD: Record<string, string> = {
  earlier: 'START', early: 'START', beginning: 'START', start: 'START', later: 'END', late: 'END', end: 'END',
  close: 'END', middle: 'MID', mid: 'MID',
};

export const periodEdgeParser = regexParser(
  'period-edge',
  () => new RegExp(
    `${B}(?:(earlier|later|early|late)\\s+(this|last|next)\\s+(week|month|year|quarter)` +
    `|(?:the\\s+)?(end|beginning|start|middle|close)\\s+of\\s+(the|this|last|next)\\s+(week|month|year|quarter)` +
    `|(?:the\\s+)?(year|month)(?:-|\\s+|[\\u2019']s\\s+)end` +
    `|(earlier|later)\\s+in\\s+the\\s+(week|month|year))${E}`, 'gi'),
  (ctx, m, offset) => {
    const edge = (m[1] ?? m[4] ?? m[8] ?? 'end').toLowerCase();
    const which = (m[2] ?? m[5] ?? 'this').toLowerCase();
    const unit = (m[3] ?? m[6] ?? m[7] ?? m[9])!.toLowerCase();
    const mod = MOD[edge];
    if (!ctx.dct) return mk(offset, m, 'DATE', null, null, true, 'times/period-edge', mod ? { mod } : {});
    const n = which === 'last' ? -1 : which === 'next' ? 1 : 0;
    const s = shift(ctx.dct, UNITS[unit]!, n);
    return mk(offset, m, 'DATE', s.value, s.precision, true, 'times/period-edge', mod ? { mod } : {});
  },
  (_segment, hits) => anyHit(hits, EDGE_WORDS) && anyHit(hits, PERIOD_UNITS),
  // the longest lead before the unit: "the beginning of next"
  { words: PERIOD_UNITS, letters: () => maxLetters(['the beginning of next']) },
);
