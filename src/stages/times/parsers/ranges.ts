/**
 * Ranges written as one phrase are two time expressions (TimeBank marks each end): "March 3-5"
 * → "March 3" and "5"; "3-5 March 2013" → "3" and "5 March 2013"; "2010-2012", "2010–12" → two
 * years. The stated or resolved year of one end is the other's.
 */
import { resolveMonthDay } from '../anchor.js';
import { daysInMonth, fmtDay, type Ymd } from '../calendar.js';
import { regexParser } from '../engine.js';
import { tenseAt } from '../tense.js';
import type { Candidate, TimeContext } from '../types.js';
import { B, E } from './util.js';
import { anyHit, DIGITS } from './keywords.js';

const SEP = '\\s*(?:-|\\u2013|\\u2014|to|through|and|until|till)\\s*';
const ORD = '(?:st|nd|rd|th)?';

function days(ctx: TimeContext, month: number, d1: number, d2: number, year: number | null, s1: [number, number], s2: [number, number], by: string): Candidate[] {
  if (d1 < 1 || d2 < 1 || d1 >= d2) return [];
  let y = year;
  let relative = false;
  if (y === null) {
    if (!ctx.dct) {
      return [s1, s2].map(([start, end]) => ({ start, end, type: 'DATE' as const, value: null, precision: 'day' as const, relative: true, by }));
    }
    const r = resolveMonthDay(ctx.dct, month, d1, tenseAt(ctx, s1[0], s2[1]));
    if (!r) return [];
    y = r.y; relative = true;
  }
  if (d2 > daysInMonth(y, month)) return [];
  const ends: [[number, number], number][] = [[s1, d1], [s2, d2]];
  return ends.map(([[start, end], d]): Candidate => {
    const day: Ymd = { y: y!, m: month, d };
    return { start, end, type: 'DATE', value: fmtDay(day), precision: 'day', relative, by, day };
  });
}

export const dayRangeParser = regexParser(
  'day-range',
  (ctx) => new RegExp(
    `${B}(?:(${ctx.lex.re.month})\\s+(\\d{1,2})${ORD}${SEP}(\\d{1,2})${ORD}(?!\\d|\\s*(?:[ap]\\.?m\\b|:|%|percent|per\\b))(?:,?\\s+(\\d{4})(?!\\d))?` +
    `|(\\d{1,2})${ORD}${SEP}(\\d{1,2})${ORD}\\s+(?:of\\s+)?(${ctx.lex.re.month})(?:,?\\s+(\\d{4})(?!\\d))?)${E}`, 'gi'),
  (ctx, m, offset) => {
    const name = m[1] ?? m[7]!;
    if (!/^[A-Z]/.test(name)) return null;
    const month = ctx.lex.months.get(name.toLowerCase().replace(/\.$/, ''));
    if (!month) return null;
    const at = offset + m.index, s = m[0];
    if (m[1]) {
      // "March 3-5, 2013": "March 3" and "5, 2013"
      const firstEnd = at + s.indexOf(m[2]!, name.length) + m[2]!.length;
      const i2 = s.lastIndexOf(m[3]!, m[4] ? s.length - m[4].length - 1 : s.length);
      return days(ctx, month, +m[2]!, +m[3]!, m[4] ? +m[4] : null, [at, firstEnd], [at + i2, at + s.length], 'times/day-range');
    }
    // "3-5 March 2013": "3" and "5 March 2013"
    const i2 = s.indexOf(m[6]!, m[5]!.length + 1);
    return days(ctx, month, +m[5]!, +m[6]!, m[8] ? +m[8] : null, [at, at + m[5]!.length], [at + i2, at + s.length], 'times/day-range');
  },
  (segment, hits) => anyHit(hits, DIGITS) && /\d\s*(?:-|\u2013|\u2014|to|through|and|until|till)\s*\d/i.test(segment),
);

export const yearRangeParser = regexParser(
  'year-range',
  () => new RegExp(`${B}(1[6-9]\\d\\d|20\\d\\d)\\s*(?:-|\\u2013|\\u2014)\\s*(1[6-9]\\d\\d|20\\d\\d|\\d\\d)(?![\\d\\w%]|\\s*(?:%|percent))`, 'gi'),
  (ctx, m, offset) => {
    const at = offset + m.index;
    if (/[$£€#¥]\s*$|\d[.,]?$/.test(ctx.text.slice(Math.max(0, at - 3), at))) return null;
    const y1 = +m[1]!;
    const y2 = m[2]!.length === 2 ? Math.floor(y1 / 100) * 100 + +m[2]! : +m[2]!;
    if (y2 <= y1 || y2 - y1 > 50) return null;
    const i2 = m[0].length - m[2]!.length;
    return [
      { start: at, end: at + 4, type: 'DATE', value: String(y1), precision: 'year', relative: false, by: 'times/year-range' },
      { start: at + i2, end: at + m[0].length, type: 'DATE', value: String(y2), precision: 'year', relative: false, by: 'times/year-range' },
    ];
  },
  (segment, hits) => anyHit(hits, DIGITS) && (segment.includes('-') || segment.includes('\u2013') || segment.includes('\u2014')) && /\d{4}\s*(?:-|\u2013|\u2014)\s*\d\d/.test(segment),
);
