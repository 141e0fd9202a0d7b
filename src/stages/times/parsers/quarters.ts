/**
 * Quarters and halves of a year: "the third quarter", "third-quarter", "the fourth quarter of
 * 2019", "the 1998 second quarter", "last year's first quarter", "the current quarter", "the first
 * half of 2020" → 2019-Q3, 2020-H1. Without a year, a numbered quarter is the latest one begun by
 * the DCT; "the latest/last/past quarter" is the one before the DCT's, "this/the current" the DCT's.
 */
import { resolveQuarter } from '../anchor.js';
import { quarterOf } from '../calendar.js';
import { regexParser } from '../engine.js';
import { anyHit, keywords } from './keywords.js';
import { B, E, mk, ordinal } from './util.js';

const QUARTER = keywords(['quarter']);
const QUARTER_HALF = [...QUARTER, ...keywords(['half'])];

const ORD = '(first|second|third|fourth|final|last|1st|2nd|3rd|4th)';
const YEARREL = '(this|last|next|the\\s+previous|the\\s+current)\\s+year';

export const quarterParser = regexParser(
  'quarter',
  () => new RegExp(
    `${B}(?:(?:the|its|their|(${'this|last|next'})\\s+year['\\u2019]s|(\\d{4})['\\u2019]s)\\s+)?(?:(?:the\\s+)?(\\d{4})\\s+)?(?:fiscal[\\s-]+)?` +
    `${ORD}[\\s-]+(quarter|half)(?:\\s+of\\s+(?:(\\d{4})|${YEARREL}|the\\s+year))?${E}`, 'gi'),
  (ctx, m, offset) => {
    const n = ordinal(m[4]!);
    if (!n) return null;
    const half = m[5]!.toLowerCase() === 'half';
    if (!half && /^last$/i.test(m[4]!)) return null; // "the last quarter" is the one before the DCT's (quarterRelParser)
    if (half && n > 2 && !/^(?:last|final)$/i.test(m[4]!)) return null;
    const relWord = (m[1] ?? m[7])?.toLowerCase().replace(/^the\s+/, '');
    let year: number | null = m[2] ? Number(m[2]) : m[3] ? Number(m[3]) : m[6] ? Number(m[6]) : null;
    let relative = false;
    if (year === null) {
      if (!ctx.dct) return mk(offset, m, 'DATE', null, 'season', true, 'times/quarter');
      relative = true;
      if (relWord) year = ctx.dct.y + (relWord === 'last' || relWord === 'previous' ? -1 : relWord === 'next' ? 1 : 0);
      else year = half ? (n === 1 || ctx.dct.m > 6 ? ctx.dct.y : ctx.dct.y - 1) : resolveQuarter(ctx.dct, n);
    }
    return mk(offset, m, 'DATE', `${String(year).padStart(4, '0')}-${half ? 'H' : 'Q'}${half ? Math.min(n, 2) : n}`, 'season', relative, 'times/quarter');
  },
  (_segment, hits) => anyHit(hits, QUARTER_HALF),
);

export const quarterRelParser = regexParser(
  'quarter-rel',
  () => new RegExp(`${B}(?:the\\s+)?(latest|last|past|previous|recent|current|this|next|coming|same)?\\s*quarter${E}(?!-)`, 'gi'),
  (ctx, m, offset) => {
    const w = m[1]?.toLowerCase();
    if (!w && !/^the\s/i.test(m[0])) return null;
    if (w === 'same') return mk(offset, m, 'DATE', null, 'season', true, 'times/quarter-rel');
    if (!ctx.dct) return mk(offset, m, 'DATE', null, 'season', true, 'times/quarter-rel');
    const q = quarterOf(ctx.dct);
    const shift = w === 'current' || w === 'this' ? 0 : w === 'next' || w === 'coming' ? 1 : -1;
    let y = ctx.dct.y, qq = q + shift;
    if (qq < 1) { qq += 4; y--; } else if (qq > 4) { qq -= 4; y++; }
    return mk(offset, m, 'DATE', `${y}-Q${qq}`, 'season', true, 'times/quarter-rel');
  },
  (_segment, hits) => anyHit(hits, QUARTER),
);
