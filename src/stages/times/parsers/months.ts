/**
 * Month names without a day: "February", "in May", "last April", "March 2019", "June last year",
 * "January of 1998". A day after the name is chrono's (./chrono.ts); a year makes it absolute,
 * otherwise the year is anchored on the DCT (../anchor.ts). "May" and "March" are also a verb and
 * a modal: bare, they count only after a preposition or determiner.
 */
import { resolveMonth, type Direction } from '../anchor.js';
import { daysInMonth, fmtDay, fmtMonth } from '../calendar.js';
import { regexParser } from '../engine.js';
import { tenseAt } from '../tense.js';
import type { TimeContext } from '../types.js';
import { anyHit, DIGITS, keywords } from './keywords.js';
import { B, BM, E, maxLetters, mk, wordBefore } from './util.js';

/** A month name starts a word (after a space, a hyphen, "mid-"…). */
export const MONTH_STEMS = keywords(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'], 'start');
const REL_YEAR = keywords(['this year', 'last year', 'next year']);
const EVERY_EACH = keywords(['every ', 'each ']);

const DIRS: Record<string, Direction> = { last: -1, past: -1, previous: -1, this: 0, next: 1, coming: 1 };
const BEFORE = ['last', 'past', 'previous', 'this', 'next', 'coming'];
const INTRO = new Set(['in', 'since', 'until', 'till', 'by', 'of', 'early', 'late', 'mid', 'last', 'this', 'next',
  'through', 'from', 'to', 'during', 'and', 'or', 'before', 'after', 'the', 'between', 'on', 'that', 'end', 'past',
  'throughout', 'beginning', 'start', 'middle', 'for']);

export const monthParser = regexParser(
  'month',
  (ctx) => new RegExp(
    `${BM}(?:(${BEFORE.join('|')})\\s+)?(${ctx.lex.re.month})(?!\\.?\\s*\\d{1,2}(?:st|nd|rd|th)?\\b(?!\\d))` +
    `(?:,?\\s+(?:of\\s+)?(\\d{4})|\\s+(this|last|next)\\s+year)?${E}`, 'gi'),
  (ctx, m, offset) => {
    const name = m[2]!;
    if (!/^[A-Z]/.test(name)) return null;
    const month = ctx.lex.months.get(name.toLowerCase().replace(/\.$/, ''));
    if (!month) return null;
    const pre = m[1]?.toLowerCase();
    const year = m[3] ? Number(m[3]) : null;
    const rel = m[4]?.toLowerCase();
    if (!pre && year === null && !rel) {
      const full = name.replace(/\.$/, '').toLowerCase();
      if (/^(?:may|march)$/.test(full)) {
        const before = ctx.text.slice(Math.max(0, offset + m.index - 6), offset + m.index);
        if (!INTRO.has(wordBefore(ctx.text, offset + m.index)) && !/(?:mid|early|late)-$/i.test(before)) return null;
      } else if (full.length <= 4 && !name.endsWith('.') && full !== 'june' && full !== 'july') return null;
    }
    if (year !== null) return mk(offset, m, 'DATE', fmtMonth(year, month), 'month', false, 'times/month:year');
    if (!ctx.dct) return mk(offset, m, 'DATE', null, 'month', true, 'times/month');
    let y: number;
    if (rel) y = ctx.dct.y + (rel === 'last' ? -1 : rel === 'next' ? 1 : 0);
    else {
      const dir = pre ? DIRS[pre]! : null;
      const start = offset + m.index;
      y = resolveMonth(ctx.dct, month, dir, dir === null ? tenseAt(ctx, start, start + m[0].length, { clausePast: true }) : 0);
    }
    return mk(offset, m, 'DATE', fmtMonth(y, month), 'month', true, 'times/month');
  },
  (_segment, hits) => anyHit(hits, MONTH_STEMS),
  { words: MONTH_STEMS, letters: () => maxLetters(BEFORE) },
);

/**
 * A day of a month with a year said relative to the DCT: "1 January this year", "March 3 last
 * year", "the 5th of May next year" → the day in that year (chrono alone would take "1 January"
 * and leave "this year" apart, the month parser "January this year" at month precision).
 */
export const dayMonthRelYearParser = regexParser(
  'month-day-rel-year',
  // found from the literal "this/last/next year"; the day and month are read right before it
  () => /\b(this|last|next)\s+year\b/gi,
  (ctx, m, offset) => {
    const at = offset + m.index;
    const before = ctx.text.slice(Math.max(0, at - 32), at);
    const d = dayMonthBefore(ctx).exec(before);
    if (!d) return null;
    const name = (d[2] ?? d[3])!;
    if (!/^[A-Z]/.test(name)) return null;
    const month = ctx.lex.months.get(name.toLowerCase().replace(/\.$/, ''));
    const day = Number(d[1] ?? d[4]);
    if (!month || day < 1 || day > 31) return null;
    const start = at - before.length + d.index, end = at + m[0].length;
    const base = { start, end, type: 'DATE' as const, precision: 'day' as const, relative: true, by: 'times/month-day:rel-year' };
    if (!ctx.dct) return { ...base, value: null };
    const rel = m[1]!.toLowerCase();
    const y = ctx.dct.y + (rel === 'last' ? -1 : rel === 'next' ? 1 : 0);
    if (day > daysInMonth(y, month)) return null;
    return { ...base, value: fmtDay({ y, m: month, d: day }) };
  },
  (_segment, hits) => anyHit(hits, MONTH_STEMS) && anyHit(hits, REL_YEAR) && anyHit(hits, DIGITS),
);
let dmBefore: RegExp | null = null;
const dayMonthBefore = (ctx: TimeContext): RegExp => (dmBefore ??= new RegExp(
  `${B}(?:(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${ctx.lex.re.month})|(${ctx.lex.re.month})\\s*(\\d{1,2})(?:st|nd|rd|th)?),?\\s+$`, 'i'));

/** "each July", "every April": a month every year (SET XXXX-07). */
export const monthSetParser = regexParser(
  'month-set',
  (ctx) => new RegExp(`${B}(?:every|each)\\s+(${ctx.lex.re.month})${E}(?!\\.?\\s*\\d)`, 'gi'),
  (ctx, m, offset) => {
    if (!/^[A-Z]/.test(m[1]!)) return null;
    const month = ctx.lex.months.get(m[1]!.toLowerCase().replace(/\.$/, ''));
    if (!month) return null;
    return mk(offset, m, 'SET', `XXXX-${String(month).padStart(2, '0')}`, null, false, 'times/month:set');
  },
  (_segment, hits) => anyHit(hits, MONTH_STEMS) && anyHit(hits, EVERY_EACH),
);
