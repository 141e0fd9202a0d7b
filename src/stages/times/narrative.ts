/**
 * Expressions anchored on the time the narrative is at rather than on the publication date:
 * "the following year", "the next day", "the previous month", "that day", "the same week",
 * "later that year", "earlier in the year", "the year before", and "a year earlier" (../parsers/ago.ts).
 *
 * The narrative's time is the last calendar date (DATE or TIME with a value) before the expression
 * in the text that is at least as precise as the expression needs ("the next day" needs a day;
 * "the following year" any date); without one, the publication date. "A year earlier" keeps the
 * anchor's own precision (a day, a month, a quarter a year before); "the following year" is a year.
 */
import { addDays, addMonths, daysInMonth, fmtDay, fmtMonth, fmtTime, fmtWeek, fmtYear, isoWeekday, quarterOf, type Ymd } from './calendar.js';
import type { DatePrecision } from '../../model/taxonomy.js';
import { regexParser } from './engine.js';
import { anyHit, keywords } from './parsers/keywords.js';
import { B, E, maxLetters, mk } from './parsers/util.js';

const NARRATIVE_WORDS = keywords(['that', 'same', 'following', 'next', 'subsequent', 'previous', 'preceding', 'prior', 'before', 'after', 'earlier', 'later']);
/** Every form has one of these after a space. */
const NARRATIVE_UNITS = keywords(['day', 'morning', 'afternoon', 'evening', 'night', 'week', 'month', 'quarter', 'year'], 'start');
import type { Candidate, TimeContext } from './types.js';

type Unit = NonNullable<Candidate['narrative']>['unit'];

const UNIT: Record<string, { unit: Unit; part?: string }> = {
  day: { unit: 'D' }, morning: { unit: 'D', part: 'MO' }, afternoon: { unit: 'D', part: 'AF' },
  evening: { unit: 'D', part: 'EV' }, night: { unit: 'D', part: 'NI' }, week: { unit: 'W' }, month: { unit: 'M' },
  quarter: { unit: 'Q' }, year: { unit: 'Y' },
};
const STEP: Record<string, number> = { following: 1, next: 1, subsequent: 1, previous: -1, preceding: -1, prior: -1, after: 1, before: -1 };

/** A calendar date a value names, with its precision (null for values that are not one). */
export interface Anchor {
  readonly y: number;
  readonly m?: number;
  readonly d?: number;
  readonly q?: number; // quarter (or half with `half`)
  readonly half?: boolean;
  readonly season?: string;
  readonly w?: number;
  readonly precision: DatePrecision;
}

/**
 * The date a value names: YYYY-MM-DD… (day), YYYY-Www (week), YYYY-MM (month), YYYY-Qn / YYYY-Hn
 * and YYYY-SP|SU|FA|WI (season), YYYY (year); else null. (Read by character: it runs on every
 * candidate.)
 */
export function parseAnchor(value: string | null): Anchor | null {
  if (!value) return null;
  const n = value.length;
  if (!(digitAt(value, 0) && digitAt(value, 1) && digitAt(value, 2) && digitAt(value, 3))) return null;
  const y = +value.slice(0, 4);
  if (n === 4) return { y, precision: 'year' };
  if (value[4] !== '-') return null;
  if (digitAt(value, 5) && digitAt(value, 6) && value[7] === '-' && digitAt(value, 8) && digitAt(value, 9)) return { y, m: +value.slice(5, 7), d: +value.slice(8, 10), precision: 'day' };
  if (value[5] === 'W' && digitAt(value, 6) && digitAt(value, 7) && !digitAt(value, 8)) return { y, w: +value.slice(6, 8), precision: 'week' };
  if (n !== 7) return null;
  if (digitAt(value, 5) && digitAt(value, 6)) return { y, m: +value.slice(5, 7), precision: 'month' };
  if ((value[5] === 'Q' || value[5] === 'H') && digitAt(value, 6)) return { y, q: +value[6]!, half: value[5] === 'H', precision: 'season' };
  const season = value.slice(5, 7);
  if (season === 'SP' || season === 'SU' || season === 'FA' || season === 'WI') return { y, season, precision: 'season' };
  return null;
}

/** An ASCII digit at `i` (false past the end). */
function digitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i); // NaN past the end
  return c >= 48 && c <= 57;
}

/** Monday of ISO week `w` of ISO year `y`. */
function weekMonday(y: number, w: number): Ymd {
  const jan4: Ymd = { y, m: 1, d: 4 };
  const wd = new Date(Date.UTC(y, 0, 4)).getUTCDay() || 7;
  return addDays(jan4, (w - 1) * 7 - (wd - 1));
}

/** Can an anchor of this precision resolve a unit? */
function fits(a: Anchor, unit: Unit): boolean {
  switch (unit) {
    case 'D': return a.precision === 'day';
    case 'W': return a.precision === 'day' || a.precision === 'week';
    case 'M': return a.precision === 'day' || a.precision === 'month';
    case 'Q': return a.precision === 'day' || a.precision === 'month' || (a.precision === 'season' && a.q !== undefined && !a.half);
    case 'Y': return true;
  }
}

/** The value `n` units from the anchor; `keep` keeps the anchor's precision (for "a year earlier"). */
export function shiftAnchor(a: Anchor, unit: Unit, n: number, keep: boolean, part?: string):
  { value: string; precision: DatePrecision; day?: Ymd } | null {
  const day = a.d !== undefined ? { y: a.y, m: a.m!, d: a.d } : null;
  switch (unit) {
    case 'D': {
      if (!day) return null;
      const d = addDays(day, n);
      return { value: part ? `${fmtDay(d)}T${part}` : fmtDay(d), precision: 'day', day: d };
    }
    case 'W': {
      const base = day ?? (a.w !== undefined ? weekMonday(a.y, a.w) : null);
      return base ? { value: fmtWeek(addDays(base, 7 * n)), precision: 'week' } : null;
    }
    case 'M': {
      if (a.m === undefined) return null;
      const t = addMonths({ y: a.y, m: a.m, d: 1 }, n);
      return { value: fmtMonth(t.y, t.m), precision: 'month' };
    }
    case 'Q': {
      const q = a.m !== undefined ? Math.floor((a.m - 1) / 3) + 1 : a.q;
      if (q === undefined) return null;
      const k = a.y * 4 + (q - 1) + n;
      return { value: `${fmtYear(Math.floor(k / 4))}-Q${(k % 4) + 1}`, precision: 'season' };
    }
    case 'Y': {
      const y = a.y + n;
      if (!keep || a.precision === 'year' || a.precision === 'week') return { value: fmtYear(y), precision: 'year' };
      if (day) {
        const d = { y, m: day.m, d: Math.min(day.d, daysInMonth(y, day.m)) };
        return { value: fmtDay(d), precision: 'day', day: d };
      }
      if (a.m !== undefined) return { value: fmtMonth(y, a.m), precision: 'month' };
      if (a.q !== undefined) return { value: `${fmtYear(y)}-${a.half ? 'H' : 'Q'}${a.q}`, precision: 'season' };
      if (a.season) return { value: `${fmtYear(y)}-${a.season}`, precision: 'season' };
      return { value: fmtYear(y), precision: 'year' };
    }
  }
}

function dctAnchor(dct: Ymd | null): Anchor | null {
  return dct ? { y: dct.y, m: dct.m, d: dct.d, precision: 'day' } : null;
}

/** "the following year", "that day", "the same week", "later that month", "the day before". */
export const narrativeParser = regexParser(
  'narrative',
  () => new RegExp(
    `${B}(?:` +
    `(?:(?:later|earlier)\\s+)?(?:(that(?:\\s+same|\\s+very)?|the\\s+same)\\s+(day|morning|afternoon|evening|night|week|month|quarter|year))` +
    `|the\\s+(following|next|subsequent|previous|preceding|prior)\\s+(day|morning|afternoon|evening|night|week|month|quarter|year)` +
    `|(?:later|earlier)\\s+in\\s+the\\s+(day)` +
    `|the\\s+(day|week|month|year)\\s+(before|after)(?=\\s*(?:[,.;:)!?]|$|\\s+(?:and|but|when|as|while)\\b))` +
    `)${E}(?![\\u2019']s?\\s+(?:end|start|beginning)\\b)(?!-)`, 'gi'),
  (ctx, m, offset) => {
    const word = (m[2] ?? m[4] ?? m[5] ?? m[6])!.toLowerCase();
    const u = UNIT[word]!;
    let n = 0;
    if (m[3]) {
      const w = m[3].toLowerCase();
      // "the next/previous year|month|week" read from the DCT unless the narrative says otherwise:
      // only "following", "subsequent" and day-sized "next" are narrative for sure
      n = STEP[w]!;
      if (w === 'next' && u.unit !== 'D') return null;
    } else if (m[7]) n = STEP[m[7].toLowerCase()]!;
    const type: Candidate['type'] = u.part ? 'TIME' : 'DATE';
    const fb = dctAnchor(ctx.dct);
    const s = fb ? shiftAnchor(fb, u.unit, n, false, u.part) : null;
    return mk(offset, m, type, s?.value ?? null, s?.precision ?? null, true, 'times/narrative',
      { narrative: { unit: u.unit, n, ...(u.part ? { part: u.part } : {}) }, ...(s?.day ? { day: s.day } : {}) });
  },
  (_segment, hits) => anyHit(hits, NARRATIVE_WORDS) && anyHit(hits, NARRATIVE_UNITS),
  // the longest leads before the unit of the four forms above
  { words: NARRATIVE_UNITS, letters: () => maxLetters(['earlier that very', 'the subsequent', 'earlier in the', 'the']) },
);

/** A weekday or "yesterday": the date of the telling more often than of what is compared. */
const telling = (c: Candidate): boolean => c.relative && (c.weekday !== undefined || c.by.startsWith('times/deictic'));

/**
 * Resolves the narrative candidates of a document (sorted by start) on the last calendar date
 * before each; the others are anchors.
 */
/** The day of the last day-precise date shortly before `pos` (this paragraph or the one before), or null. */
function clockDay(text: string, anchors: readonly { a: Anchor; c: Candidate }[], pos: number): Ymd | null {
  for (let i = anchors.length - 1; i >= 0; i--) {
    const x = anchors[i]!;
    if (pos - x.c.end > CLOCK_REACH) return null;
    if ((text.slice(x.c.end, pos).match(PARA_BREAK) ?? []).length > 1) return null; // this paragraph or the one before
    if (x.a.precision === 'day' && x.c.day) return x.c.day;
    if (x.a.precision === 'day') return { y: x.a.y, m: x.a.m!, d: x.a.d! };
  }
  return null;
}
const CLOCK_REACH = 300;
const PREVIOUS = /^(?:previous|preceding)\s/i;

/** The day of the last day-precise date named, or null. */
function lastDay(anchors: readonly { a: Anchor; c: Candidate }[]): Ymd | null {
  for (let i = anchors.length - 1; i >= 0; i--) {
    const x = anchors[i]!;
    if (x.a.precision === 'day') return x.c.day ?? { y: x.a.y, m: x.a.m!, d: x.a.d! };
  }
  return null;
}
const PARA_BREAK = /\n\s*\n/g;

export function resolveNarrative(ctx: TimeContext, cands: Candidate[]): Candidate[] {
  const anchors: { a: Anchor; c: Candidate }[] = [];
  const dct = ctx.dct;
  const out: Candidate[] = [];
  for (let c of cands) {
    const nv = c.narrative;
    if (nv) {
      let found: { a: Anchor; c: Candidate } | null = null;
      if (nv.prefer === 'Q') {
        for (let i = anchors.length - 1; i >= 0; i--) {
          const x = anchors[i]!;
          // a results story compares periods that have ended (not a forecast's "the third quarter of 2021")
          if (x.a.precision === 'season' && x.a.q !== undefined && !x.a.half && !(dct && (x.a.y * 4 + x.a.q >= dct.y * 4 + quarterOf(dct)))) { found = x; break; }
        }
      }
      if (!found && !nv.strict) {
        for (let i = anchors.length - 1; i >= 0; i--) {
          const x = anchors[i]!;
          // a comparison of periods passes over the dates of the telling ("said Tuesday")
          if (nv.prefer && telling(x.c)) continue;
          if (fits(x.a, nv.unit)) { found = x; break; }
        }
      }
      if (found) {
        // a weekday or "yesterday" dates what was said, not the period compared: "a year earlier" is then a year
        const keep = nv.keep === true && !telling(found.c);
        const s = shiftAnchor(found.a, nv.unit, nv.n, keep, nv.part);
        if (s) {
          const value = nv.year !== undefined ? fmtYear(nv.year) + s.value.slice(4) : s.value;
          c = { ...c, value, precision: s.precision, relative: found.c.relative, by: c.by === 'times/narrative' ? 'times/narrative:anchored' : `${c.by}+narrative`, ...(s.day ? { day: s.day } : {}) };
        }
      }
    }
    // a bare clock time ("at about 5 a.m.") or part of the day ("in the morning") is on the day the paragraph is at: "attacked the village
    // at dawn on Saturday … The gunmen arrived at about 5 a.m." (else the DCT's, as parsed)
    // "the previous Friday": the Friday before the day the narrative is at ("shed 4.5% from the
    // previous Friday" after "on Friday"), else before the DCT as parsed
    if (c.weekday !== undefined && c.by === 'times/weekday' && PREVIOUS.test(ctx.text.slice(c.start, c.end))) {
      const the = /\bthe\s+$/i.exec(ctx.text.slice(Math.max(0, c.start - 4), c.start));
      const at = lastDay(anchors);
      if (at) {
        const wd = isoWeekday(at);
        const back = ((wd - c.weekday + 7) % 7) || 7;
        const day = addDays(at, -back);
        c = { ...c, value: fmtDay(day), day, by: `${c.by}+narrative` };
      }
      if (the) c = { ...c, start: c.start - the[0].length };
    }
    if (c.clock && c.by === 'times/chrono:time') {
      const day = clockDay(ctx.text, anchors, c.start);
      if (day) c = { ...c, value: fmtTime(day, c.clock.h, c.clock.min), day, by: `${c.by}+narrative` };
    } else if (c.dayPart && c.by === 'times/daypart') {
      const day = clockDay(ctx.text, anchors, c.start);
      if (day) c = { ...c, value: `${fmtDay(day)}T${c.dayPart}`, day, by: `${c.by}+narrative` };
    }
    // a comparison ("a year earlier", "the year-ago quarter") does not move the narrative; "the following year" does
    if ((c.type === 'DATE' || c.type === 'TIME') && c.value && !nv?.keep && !nv?.prefer) {
      const a = parseAnchor(c.value);
      if (a) anchors.push({ a, c });
    }
    out.push(c);
  }
  return out;
}
