/**
 * The date grammar of page furniture and body text, used by the clean stage to find the
 * publication date (stamp lines, datelines) and to check it against the dates the body names.
 * English month and weekday names are part of the grammar (not a tunable word list).
 */
import type { Span } from '../../model/span.js';
import { loadList } from '../../util/lexicon.js';

export interface FoundDate {
  /** YYYY-MM-DD, or --MM-DD when the text names no year. */
  readonly value: string;
  readonly year: number | null;
  readonly month: number;
  readonly day: number;
  readonly span: Span;
}

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10,
  november: 11, nov: 11, december: 12, dec: 12,
};
export const monthNumber = (s: string): number | undefined => MONTHS[s.toLowerCase().replace(/\.$/, '')];

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?';
const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\\.?,?';
const DAY = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
const YEAR = '(?:1[89]\\d\\d|20\\d\\d)';
const ZONE = '(?:GMT|UTC|BST|CET|CEST|EET|EEST|MSK|IST|PKT|AST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|PT|AEST|AEDT|JST|WIB|SAST|WAT|EAT|CAT)';
const TIME = `(?:\\d{1,2}[:.]\\d{2}(?::\\d{2})?\\s*(?:[ap]\\.?m\\.?)?|\\d{1,2}\\s*[ap]\\.?m\\.?)(?:\\s*${ZONE})?(?:\\s*[+-]\\d{1,2}(?::?\\d{2})?)?`;

// a full date with a year, as one regex with numbered groups (see parseFull)
const DMY = `(${DAY})\\s*(?:of\\s+)?(${MONTH}),?\\s*(${YEAR})`;
const MDY = `(${MONTH})\\s*(${DAY}),?\\s*(${YEAR})`;
const ISO = `(${YEAR})-(\\d{2})-(\\d{2})`;
const DOTTED = `(\\d{1,2})[./](\\d{1,2})[./](${YEAR})`;
const FULL = `(?:${DMY}|${MDY}|${ISO}|${DOTTED})`;


function fromGroups(m: RegExpExecArray, base: number): { y: number; mo: number; d: number } | null {
  const g = (i: number) => m[base + i];
  if (g(1) !== undefined) return { d: parseInt(g(1)), mo: monthNumber(g(2))!, y: +g(3) };
  if (g(4) !== undefined) return { mo: monthNumber(g(4))!, d: parseInt(g(5)), y: +g(6) };
  if (g(7) !== undefined) return { y: +g(7), mo: +g(8), d: +g(9) };
  if (g(10) !== undefined) {
    const a = +g(10), b = +g(11), y = +g(12);
    const dotted = m[0].includes('.');
    // dots are day.month.year; slashes only when one side cannot be a month
    if (dotted || a > 12) return { d: a, mo: b, y };
    if (b > 12) return { d: b, mo: a, y };
    return null;
  }
  return null;
}

export function validDate(y: number, mo: number, d: number): boolean {
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 31)) return false;
  return d <= new Date(Date.UTC(y || 2000, mo, 0)).getUTCDate();
}
const pad = (n: number) => String(n).padStart(2, '0');
export const ymd = (y: number, mo: number, d: number) => `${y}-${pad(mo)}-${pad(d)}`;

/** Full dates ending at a year (day-month-year, month-day-year, dotted), tested on the text before it. */
const ENDS_WITH_DATE = new RegExp(`(?<![\\p{L}\\d])(?:${DMY}|${MDY}|()()()${DOTTED})$`, 'u');
const ISO_AT = new RegExp(`^${ISO}(?!\\d)`);
const YEAR_TOKEN_G = /(?<!\d)(1[89]\d\d|20\d\d)(?!\d)/g;

/**
 * Every full date (day, month and year) in `text`, offsets shifted by `offset`. Two phases for
 * speed: find four-digit years, then parse the few characters before (or, for ISO, after) each.
 */
export function fullDates(text: string, offset = 0): FoundDate[] {
  const out: FoundDate[] = [];
  YEAR_TOKEN_G.lastIndex = 0;
  let m: RegExpExecArray | null;
  let lastEnd = -1;
  while ((m = YEAR_TOKEN_G.exec(text))) {
    const yEnd = m.index + 4;
    if (m.index < lastEnd) continue;
    const iso = ISO_AT.exec(text.slice(m.index, m.index + 11));
    if (iso && !/[\p{L}\d]/u.test(text[m.index - 1] ?? ' ')) {
      const [y, mo, d] = [+iso[1], +iso[2], +iso[3]];
      if (validDate(y, mo, d)) {
        const end = m.index + iso[0].length;
        if (!/[\p{L}\d]/u.test(text[end] ?? ' ') || /^T\d/.test(text.slice(end, end + 2))) {
          out.push({ value: ymd(y, mo, d), year: y, month: mo, day: d, span: { start: offset + m.index, end: offset + end } });
          lastEnd = end;
          YEAR_TOKEN_G.lastIndex = end;
          continue;
        }
      }
    }
    if (/[\p{L}\d]/u.test(text[yEnd] ?? ' ')) continue;
    const from = Math.max(0, m.index - 24, lastEnd);
    const w = ENDS_WITH_DATE.exec(text.slice(from, yEnd));
    if (!w) continue;
    let p: { y: number; mo: number; d: number } | null;
    if (w[1] !== undefined) p = { d: parseInt(w[1]), mo: monthNumber(w[2])!, y: +w[3] };
    else if (w[4] !== undefined) p = { mo: monthNumber(w[4])!, d: parseInt(w[5]), y: +w[6] };
    else {
      const a = +w[10], b = +w[11], y = +w[12];
      const dotted = w[0].includes('.');
      p = dotted || a > 12 ? { d: a, mo: b, y } : b > 12 ? { d: b, mo: a, y } : null;
    }
    if (!p || !validDate(p.y, p.mo, p.d)) continue;
    const start = from + w.index;
    out.push({ value: ymd(p.y, p.mo, p.d), year: p.y, month: p.mo, day: p.d, span: { start: offset + start, end: offset + yEnd } });
    lastEnd = yEnd;
  }
  return out;
}

// ------------------------------------------------------------------ stamp lines

const PREFIX = '(?:(first published|published|posted|publication date|date (?:created|published|posted)|date|dated|created|issued|updated|last updated|last modified|modified|date modified)(?:\\s+(?:on|at))?\\s*[:：]?\\s*)';
const SEP = '\\s*[,|·•–—-]?\\s*';
/** A line that is only a date stamp: prefix, weekday, time and date in any usual order. */
const STAMP = new RegExp(
  `^${PREFIX}?(?:${WEEKDAY}\\s*)?(?:(?:at\\s+)?${TIME}${SEP})?(?:${WEEKDAY}\\s*)?(${FULL})(?:${SEP}(?:at\\s+)?${TIME})?` +
  `(?:\\s*[|·•,;]?\\s*(?:\\(?\\s*(?:last\\s+)?(?:updated|modified)(?:\\s+(?:on|at))?\\s*[:：]?\\s*(?:${WEEKDAY}\\s*)?(?:${TIME}${SEP})?(?:${FULL})?(?:${SEP}${TIME})?\\s*\\)?))?\\.?$`,
  'iu',
);
const TIME_RE = new RegExp(TIME, 'iu');

export interface Stamp {
  readonly date: FoundDate;
  /** The word before the date ("published", "updated"…), lower case, or null. */
  readonly prefix: string | null;
  /** True when the stamp carries a time of day (a page or crawl stamp rather than a dateline). */
  readonly withTime: boolean;
}

/** Parses a whole trimmed line as a date stamp ("21:12 GMT 23 January 2021", "Published: 2020-10-12"). */
export function parseStamp(line: string, offset: number): Stamp | null {
  if (line.length > 120) return null;
  const m = STAMP.exec(line);
  if (!m) return null;
  const full = m[2];
  const p = fromGroups(m, 2);
  if (!p || !validDate(p.y, p.mo, p.d)) return null;
  const at = line.indexOf(full, m[1] ? m[1].length : 0);
  const span = { start: offset + at, end: offset + at + full.length };
  return {
    date: { value: ymd(p.y, p.mo, p.d), year: p.y, month: p.mo, day: p.d, span },
    prefix: m[1] ? m[1].toLowerCase().replace(/\s+/g, ' ') : null,
    withTime: TIME_RE.test(line.replace(full, ' ')),
  };
}

/**
 * A masthead line: a date stamp among short labels separated by "|", "·" or "•" ("Iraq Desk | 4
 * December 2023", "Thursday, 17 October 2024 | Ukraine news", "Staff Reporter | Dhaka | Wednesday,
 * July 17, 2024"). The labels are short (a section, an outlet, a byline, a place), not prose.
 */
export function parsePipedStamp(line: string, offset: number): Stamp | null {
  if (line.length > 160 || !/\s[|·•]\s/.test(line)) return null;
  const re = /\s+[|·•]\s+/g;
  const parts: { text: string; at: number }[] = [];
  let last = 0, m: RegExpExecArray | null;
  while ((m = re.exec(line))) { parts.push({ text: line.slice(last, m.index), at: last }); last = m.index + m[0].length; }
  parts.push({ text: line.slice(last), at: last });
  let stamp: Stamp | null = null;
  for (const part of parts) {
    const st = parseStamp(part.text, offset + part.at);
    if (st) { if (stamp) return null; stamp = st; continue; }
    if (part.text.length > 40 || /[.!?:;"“”]/.test(part.text) || part.text.split(/\s+/).length > 5) return null;
  }
  return stamp;
}

// ------------------------------------------------------------------ datelines

/**
 * A dateline opening the first paragraph: "KABUL, March 3 (Reuters) -", "BEIRUT, Lebanon, 12 October
 * 2020 —", "Monday 12 October 2020 -", "Srinagar, Feb 15:" (a city in title case, as South Asian
 * agencies print it). The year is optional.
 */
const DATELINE = new RegExp(
  `^(?:(?:[\\p{Lu}][\\p{Lu}\\p{M} .'’-]{1,40}|[\\p{Lu}][\\p{Ll}\\p{M}'’-]{2,20}(?:[ -][\\p{Lu}][\\p{Ll}\\p{M}'’-]{1,20}){0,2}(?=,))(?:,\\s*[\\p{Lu}][\\p{L} .'’-]{1,30})?,?\\s+)?(?:${WEEKDAY}\\s*)?` +
  `((${MONTH})\\s*(${DAY})(?:,?\\s*(${YEAR}))?|(${DAY})\\s*(${MONTH})(?:,?\\s*(${YEAR}))?)` +
  `(?:\\s*\\([\\p{L} .&/-]{1,40}\\))?\\s*[-–—:_]{1,2}\\s`,
  'u',
);

export function parseDateline(para: string, offset: number): FoundDate | null {
  const m = DATELINE.exec(para.slice(0, 160));
  if (!m) return null;
  let mo: number, d: number, y: number | null;
  if (m[2] !== undefined) { mo = monthNumber(m[2])!; d = parseInt(m[3]); y = m[4] ? +m[4] : null; }
  else { d = parseInt(m[5]); mo = monthNumber(m[6])!; y = m[7] ? +m[7] : null; }
  if (!validDate(y ?? 2000, mo, d)) return null;
  const at = m.index + m[0].indexOf(m[1]);
  return {
    value: y ? ymd(y, mo, d) : `--${pad(mo)}-${pad(d)}`, year: y, month: mo, day: d,
    span: { start: offset + at, end: offset + at + m[1].length },
  };
}

// ------------------------------------------------------------------ body dates (for the suspect check)

/** Month names as they open a date (capitalised: "may" is also a verb). */
const MONTH_WORD_G = /\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?/g;
const DAY_AFTER = /^\s+([12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\w])/;
const DAY_BEFORE = /(?:^|[^\w])([12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+$/;
const YEAR_AFTER = /^,?\s*(?:1[89]\d\d|20\d\d)(?!\d)/;

/**
 * Month and day without a year: "September 17", "17 September" (not followed by a year). Two
 * phases for speed: find month names, then look at the few characters around them.
 */
export function yearlessDates(text: string, offset = 0): FoundDate[] {
  const out: FoundDate[] = [];
  MONTH_WORD_G.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MONTH_WORD_G.exec(text))) {
    const mo = monthNumber(m[1])!;
    const endM = m.index + m[0].length;
    const after = text.slice(endM, endM + 12);
    const a = DAY_AFTER.exec(after);
    let d: number, s: number, e: number, tail: string;
    if (a) {
      d = parseInt(a[1]);
      s = m.index;
      e = endM + a[0].length;
      tail = text.slice(e, e + 8);
    } else {
      const b = DAY_BEFORE.exec(text.slice(Math.max(0, m.index - 8), m.index));
      if (!b) continue;
      d = parseInt(b[1]);
      s = m.index - (b[0].length - (b[0].match(/^[^\d]*/)?.[0].length ?? 0));
      e = endM;
      tail = after;
    }
    if (YEAR_AFTER.test(tail) || !validDate(2000, mo, d)) continue;
    out.push({ value: `--${pad(mo)}-${pad(d)}`, year: null, month: mo, day: d, span: { start: offset + s, end: offset + e } });
  }
  return out;
}

const YEAR_NUM_G = /(?<![\w$€£.,])(1[89]\d\d|20\d\d)(?![\w]|[.,]\d)/g;
/** Words before a number that make it a year ("in 2016", "since 2011", "September 2016", "(2016"). */
const YEAR_BEFORE = /(?:\b(?:the|in|since|until|till|by|from|during|of|early|late|mid|before|after|between|and|to|through|year|summer|winter|spring|autumn|fall|around|circa|throughout|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?|[,(–-])\s*$/i;
/** A year with a possessive or before punctuation ("2016's", "2016,", "2016."). */
const YEAR_AFTER_PUNCT = /^(?:['’]s\b|\s*[,;)]|\s*\.(?!\d)|\s*$)/;
/**
 * Counted things after a number make it a quantity, not a year ("2000 troops"): the nouns of
 * data/lexicons/time/count-nouns.txt (shared with the times stage).
 */
let QUANTITY_AFTER: RegExp | null = null;
function quantityAfter(): RegExp {
  if (!QUANTITY_AFTER) {
    const nouns = loadList('time/count-nouns.txt').map((w) => w.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    QUANTITY_AFTER = new RegExp(`^\\s+(?:${nouns.join('|')})\\b`, 'i');
  }
  return QUANTITY_AFTER;
}

export interface YearMention { readonly year: number; readonly span: Span }

/** Explicit years the text names (numbers read as years only in a year context). */
export function yearMentions(text: string, offset = 0): YearMention[] {
  const out: YearMention[] = [];
  YEAR_NUM_G.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = YEAR_NUM_G.exec(text))) {
    const end = m.index + 4;
    const after = text.slice(end, end + 16);
    if (quantityAfter().test(after)) continue;
    if (!YEAR_BEFORE.test(text.slice(Math.max(0, m.index - 14), m.index)) && !YEAR_AFTER_PUNCT.test(after)) continue;
    out.push({ year: +m[1], span: { start: offset + m.index, end: offset + end } });
  }
  return out;
}

/** Month and year without a day: "September 2016", "Sept. 2016". */
const MONTH_YEAR_G = /\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?,?\s+(1[89]\d\d|20\d\d)(?!\d)/g;

export interface MonthYear { readonly year: number; readonly month: number; readonly span: Span }

/** Month-and-year mentions (full dates, which have a day, are found by fullDates). */
export function monthYears(text: string, offset = 0): MonthYear[] {
  const out: MonthYear[] = [];
  MONTH_YEAR_G.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MONTH_YEAR_G.exec(text))) {
    out.push({ year: +m[2], month: monthNumber(m[1])!, span: { start: offset + m.index, end: offset + m.index + m[0].length } });
  }
  return out;
}

/** Words that place a story in its own present: "on Tuesday", "yesterday", "this week", "last month". */
const PRESENT_CUE = /\b(?:(?:on|last|this|late|early|since|until|by)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|yesterday|today|tonight|(?:this|last) (?:week|weekend|morning|afternoon|evening|month)|last night|earlier this (?:week|month|year))\b/i;
export const hasPresentCue = (text: string): boolean => PRESENT_CUE.test(text);

/** A header line that is only a place and a date: "Jakarta, Indonesia, Nov 30, 2015", "BAMAKO – Monday 25 March 2019". */
const PLACE_DATE_LINE = new RegExp(`^(?:[\\p{Lu}][\\p{L}\\p{M} .'’-]{1,30}?(?:,\\s*|\\s+[–—-]\\s+)){1,3}(?:${WEEKDAY},?\\s*)?(${FULL})\\.?$`, 'u');

export function parsePlaceDateLine(line: string, offset: number): FoundDate | null {
  if (line.length > 90) return null;
  const m = PLACE_DATE_LINE.exec(line);
  if (!m) return null;
  const p = fromGroups(m, 1);
  if (!p || !validDate(p.y, p.mo, p.d)) return null;
  const at = line.lastIndexOf(m[1]);
  return { value: ymd(p.y, p.mo, p.d), year: p.y, month: p.mo, day: p.d, span: { start: offset + at, end: offset + at + m[1].length } };
}

/** "last year", "this year", "next year" with their offsets. */
const REL_YEAR_G = /\b(last|this|next|past)\s+year\b/gi;
export function relativeYears(text: string, offset = 0): { rel: number; span: Span }[] {
  const out: { rel: number; span: Span }[] = [];
  REL_YEAR_G.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = REL_YEAR_G.exec(text))) {
    const w = m[1].toLowerCase();
    if (w === 'past') continue; // "the past year" is a duration
    out.push({ rel: w === 'last' ? -1 : w === 'this' ? 0 : 1, span: { start: offset + m.index, end: offset + m.index + m[0].length } });
  }
  return out;
}

/** Days from a to b (YYYY-MM-DD strings or parts). */
export function daysBetween(a: { y: number; mo: number; d: number }, b: { y: number; mo: number; d: number }): number {
  return Math.round((Date.UTC(b.y, b.mo - 1, b.d) - Date.UTC(a.y, a.mo - 1, a.d)) / 86_400_000);
}
export function parseYmd(s: string): { y: number; mo: number; d: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m ? { y: +m[1], mo: +m[2], d: +m[3] } : null;
}
