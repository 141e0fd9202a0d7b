/**
 * Calendar units named relative to the DCT: "last week" (the ISO week before the DCT's), "this
 * month", "next year", "the past year" (the year before: TimeBank's reading), "the current
 * decade", "last weekend" (2020-W35-WE). "the following/previous/same year" are relative to a
 * narrated time, not the DCT: ../narrative.ts reads them.
 */
import { shift, type Unit } from '../anchor.js';
import { addDays, fmtWeek, isoWeekday } from '../calendar.js';
import { regexParser } from '../engine.js';
import { anyHit, keywords } from './keywords.js';
import { B, E, maxLetters, mk } from './util.js';

const WEEKEND = keywords(['weekend']);
/** The unit is a whole word after the direction word ("last week", "the coming weekend"). */
const REL_UNITS = keywords(['week', 'weekend', 'month', 'year', 'decade', 'century'], 'word');
const REL_DIRS = keywords(['last', 'past', 'this', 'current', 'next', 'coming'], 'word');

const UNITS: Record<string, Unit> = { week: 'W', month: 'M', year: 'Y', decade: 'DE', century: 'CE' };
const DIR: Record<string, number> = { last: -1, past: -1, this: 0, current: 0, next: 1, coming: 1 };

export const relativeUnitParser = regexParser(
  'relative-unit',
  () => new RegExp(`${B}(?:(the)\\s+)?(last|past|this|current|next|coming)\\s+(week|weekend|month|year|decade|century)${E}(?![\\u2019']s?\\s+(?:end|start|beginning)\\b)`, 'gi'),
  (ctx, m, offset) => {
    const w = m[2]!.toLowerCase();
    const unit = m[3]!.toLowerCase();
    if (w === 'this' && m[1]) return null; // "the this week" is not English
    const n = DIR[w]!;
    if (!ctx.dct) return mk(offset, m, 'DATE', null, null, true, 'times/relative-unit');
    if (unit === 'weekend') {
      const wd = isoWeekday(ctx.dct);
      const thisWeekend = wd >= 6 ? ctx.dct : n === 0 && !m[1] ? addDays(ctx.dct, 6 - wd) : addDays(ctx.dct, -wd);
      const d = n === 1 ? addDays(ctx.dct, 13 - wd) : n === -1 && wd >= 6 ? addDays(ctx.dct, -7) : thisWeekend;
      return mk(offset, m, 'DATE', `${fmtWeek(d)}-WE`, 'week', true, 'times/relative-unit:weekend');
    }
    const s = shift(ctx.dct, UNITS[unit]!, n);
    return mk(offset, m, 'DATE', s.value, s.precision, true, 'times/relative-unit');
  },
  (_segment, hits) => anyHit(hits, REL_UNITS) && anyHit(hits, REL_DIRS),
  { words: REL_UNITS, letters: () => maxLetters(['the']) + maxLetters(Object.keys(DIR)) },
);

/** "the weekend": the latest weekend by the DCT (the coming one only when the clause looks ahead is not modelled). */
export const weekendParser = regexParser(
  'weekend',
  () => new RegExp(`${B}the\\s+weekend${E}`, 'gi'),
  (ctx, m, offset) => {
    if (!ctx.dct) return mk(offset, m, 'DATE', null, 'week', true, 'times/weekend');
    const wd = isoWeekday(ctx.dct);
    const d = wd >= 6 ? ctx.dct : addDays(ctx.dct, -wd);
    return mk(offset, m, 'DATE', `${fmtWeek(d)}-WE`, 'week', true, 'times/weekend');
  },
  (_segment, hits) => anyHit(hits, WEEKEND),
);
