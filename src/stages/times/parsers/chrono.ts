/**
 * chrono-node for the expressions it reads well: dates with month names ("1 March 2020",
 * "Sept. 17, 1989", "September 17th"), ISO dates, and clock times ("8 p.m.", "10:35 a.m. EST").
 * Only the components chrono is certain of are used; missing ones are anchored here on the DCT
 * (see ../anchor.ts), never taken from chrono's implied values (which lean to the future).
 */
import * as chrono from 'chrono-node';
import { fmtDay, fmtMonth, fmtTime, type Ymd } from '../calendar.js';
import { resolveMonthDay } from '../anchor.js';
import { tenseAt } from '../tense.js';
import type { Candidate, TimeParser } from '../types.js';
import { anyHit, DIGITS } from './keywords.js';
import { MONTH_STEMS } from './months.js';

const KEEP_PARSERS = new Set([
  'ENYearMonthDayParser', 'ISOFormatParser', 'ENMonthNameLittleEndianParser', 'ENMonthNameMiddleEndianParser',
  'ENTimeExpressionParser',
]);
const KEEP_REFINERS = new Set([
  'OverlapRemovalRefiner', 'ExtractTimezoneOffsetRefiner', 'ENMergeDateTimeRefiner', 'ExtractTimezoneAbbrRefiner',
  'ENExtractYearSuffixRefiner', 'UnlikelyFormatFilter',
]);

let engine: chrono.Chrono | null = null;
function getEngine(): chrono.Chrono {
  if (!engine) {
    const c = chrono.strict.clone();
    c.parsers = c.parsers.filter((p) => KEEP_PARSERS.has(p.constructor.name));
    c.refiners = c.refiners.filter((r) => KEEP_REFINERS.has(r.constructor.name));
    engine = c;
  }
  return engine;
}

/** Segments worth handing to chrono: a month name next to a number, a clock time or an ISO date. */
const MONTH_RE = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const PREFILTER = new RegExp(`\\b${MONTH_RE}\\b\\.?,?\\s{0,3}\\d|\\d(?:st|nd|rd|th)?\\s{1,3}(?:of\\s+)?${MONTH_RE}\\b|\\d:\\d\\d|\\d\\s*[ap]\\.?m\\b|\\d{4}-\\d\\d-\\d\\d`, 'i');
/** The same without the month-name alternatives, for segments without a month name (cheaper). */
const PREFILTER_NO_MONTH = /\d:\d\d|\d\s*[ap]\.?m\b|\d{4}-\d\d-\d\d/i;
const LEAD = /^(?:(?:on|at|in|by|from|of|during|since|until|till|to|for|as of|before|after)\s+)+/i;
const MONTH_WORD = /[A-Za-z]{3,}/;

/** A component chrono is certain of, else null. */
function known(c: chrono.ParsedComponents, k: chrono.Component): number | null {
  return c.isCertain(k) ? c.get(k) : null;
}

export const chronoParser: TimeParser = {
  id: 'chrono',
  // every alternative has a digit; the month-name ones need a month name at a word start
  prefilter: (segment, hits) => anyHit(hits, DIGITS) && (anyHit(hits, MONTH_STEMS) ? PREFILTER : PREFILTER_NO_MONTH).test(segment),
  scan(ctx, segment, offset) {
    const ref = ctx.dct ? new Date(Date.UTC(ctx.dct.y, ctx.dct.m - 1, ctx.dct.d, 12)) : new Date(Date.UTC(2000, 0, 1, 12));
    const out: Candidate[] = [];
    for (const r of getEngine().parse(segment, { instant: ref, timezone: 0 })) {
      if (r.end) continue; // ranges are left to the parts' own parsers
      let text = r.text;
      let start = offset + r.index;
      const lead = LEAD.exec(text);
      if (lead) { start += lead[0].length; text = text.slice(lead[0].length); }
      text = text.replace(/[\s,]+$/, '');
      const c = r.start;
      const y = known(c, 'year'), mo = known(c, 'month'), d = known(c, 'day');
      let h = known(c, 'hour'), mi = known(c, 'minute');
      // a clock time needs a.m./p.m. or hh:mm, and is not a price ("$1.35 a share"); chrono also
      // reads the count after a date as an hour ("On 4 March 2020, 14 militants"): drop it
      if (h !== null && !/\d\s*(?:[ap]\.\s?m\b\.?|[ap]m\b)|\d:\d\d/i.test(text)) {
        if (d === null) continue;
        const cut = /[\s,]+\d{1,2}$/.exec(text);
        if (cut) text = text.slice(0, cut.index);
        h = null; mi = null;
      }
      // Month names must be capitalised ("may", "march" are words too).
      const w = MONTH_WORD.exec(text);
      if (mo !== null && w && !/^[A-Z]/.test(w[0])) continue;
      const end = start + text.length; // after any trimming above
      let day: Ymd | null = null;
      let relative = false;
      let by = 'times/chrono';
      if (mo !== null && d !== null) {
        if (y !== null) day = { y, m: mo, d };
        else if (ctx.dct) { day = resolveMonthDay(ctx.dct, mo, d, tenseAt(ctx, start, end)); relative = true; by += ':month-day'; }
        else { out.push({ start, end, type: 'DATE', value: null, precision: 'day', relative: true, by: `${by}:month-day` }); continue; }
      } else if (mo !== null && y !== null) {
        out.push({ start, end, type: 'DATE', value: fmtMonth(y, mo), precision: 'month', relative: false, by: `${by}:month-year` });
        continue;
      }
      if (h !== null) {
        if (/[$£€¥]\s*$|\d[.,]?$/.test(ctx.text.slice(Math.max(0, start - 3), start))) continue;
        const clockOnly = !day;
        if (!day && ctx.dct) { day = ctx.dct; relative = true; }
        out.push({
          start, end, type: 'TIME', value: day ? fmtTime(day, h, mi) : null, precision: 'day', relative, by: `${by}:time`,
          ...(day ? { day } : {}), ...(clockOnly ? { clock: { h, min: mi } } : {}),
        });
        continue;
      }
      if (day) out.push({ start, end, type: 'DATE', value: fmtDay(day), precision: 'day', relative, by, day });
    }
    return out;
  },
};
