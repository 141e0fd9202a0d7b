/** Small helpers the parsers share: word boundaries, candidate construction. */
import type { DatePrecision, TimexType } from '../../../model/taxonomy.js';
import type { Ymd } from '../calendar.js';
import type { TimeLexicon } from '../lexicon.js';
import type { Candidate, TimeContext } from '../types.js';

/** Start and end of a word (a hyphen joins words: "mid-1990s" is one unit). */
export const B = '(?<![\\w\\-\\u2019\\u0027])';
export const E = '(?![\\w])';
/** Like B, but also after "mid-", "early-", "late-" ("mid-November", "mid-1996": the modifier refiner widens the span). */
export const BM = '(?:(?<=(?<![\\w-])(?:mid|early|late)-)|(?<![\\w\\-\\u2019\\u0027]))';

export function mk(
  offset: number, m: RegExpExecArray, type: TimexType, value: string | null,
  precision: DatePrecision | null, relative: boolean, by: string, extra: Partial<Candidate> = {},
): Candidate {
  return { start: offset + m.index, end: offset + m.index + m[0].length, type, value, precision, relative, by, ...extra };
}

/** Value needing the DCT: null without one. */
export const needDct = <T>(ctx: TimeContext, f: (dct: Ymd) => T): T | null => (ctx.dct ? f(ctx.dct) : null);

/** The text starts with a capital letter (proper-noun use of month and day names). */
export const capitalised = (s: string): boolean => /^[A-Z]/.test(s);

/** The word before index `i` in `s` (lower case), or '' at the start. */
export function wordBefore(s: string, i: number): string {
  const m = /([A-Za-z]+)[^A-Za-z\n]{0,2}$/.exec(s.slice(Math.max(0, i - 30), i));
  return m ? m[1]!.toLowerCase() : '';
}

/** Ordinal words and numerals → number (first … fourth; 1st … 31st). */
export function ordinal(s: string): number | null {
  const t = s.toLowerCase();
  const words: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, final: 4, last: 4 };
  if (t in words) return words[t]!;
  const m = /^(\d+)(?:st|nd|rd|th)$/.exec(t);
  return m ? Number(m[1]) : null;
}

// ------------------------------------------------------------------ prefilter helpers

/** The most ASCII letters any of `words` has (a bound for a scan's lead, ../engine.ts). */
export const maxLetters = (words: Iterable<string>): number => {
  let n = 0;
  for (const w of words) n = Math.max(n, w.replace(/[^A-Za-z]/g, '').length);
  return n;
};
/** Letters a number phrase of the lexicon can have (a compound "twenty-four" is two of its words). */
export const numberLetters = (lex: TimeLexicon): number => 2 * maxLetters(lex.numbers.keys());

/** The longest word of a lexicon phrase (the first of equal length): a phrase cannot match without it. */
export const longestWord = (phrase: string): string => phrase.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a));

/** An ASCII word character, as \w without the u flag. */
export const isWordChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

/** `s` contains an ASCII digit (as /\d/.test(s)). */
export function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) { const c = s.charCodeAt(i); if (c >= 48 && c <= 57) return true; }
  return false;
}

/** A white-space character as /\s/ reads it. */
export function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
