/**
 * Reporting periods, read the way results news means them. Such a story is about one period (a
 * quarter, usually named early: "third-quarter profit") and compares it with the same period a
 * year before:
 * - "the year-ago quarter", "the year-earlier period", "year-ago results", "a year-earlier loss",
 *   "the quarter a year ago", "the same period last year", "last year's quarter" → the quarter the
 *   story is about, a year back (2019-Q3 in a story on 2020-Q3); without a quarter in the story
 *   the narrative's date a year back (../narrative.ts, `prefer: 'Q'`).
 * - "the year-ago third quarter" → that quarter of the year before the one it names alone.
 * - "the 2019 quarter", "the 2019 period" → the story's quarter in that year.
 * - "the latest period" → the story's quarter (else the last quarter ended by the DCT).
 * - "the year ended June 30", "the fiscal year ending in March" → a DURATION (P1Y): the period is
 *   named by its end, TimeBank style; "the fiscal year", "the full year", "the current year" → the
 *   DCT's year; a bare "the year" → the year the narrative is at ("earlier in 1995 … during the year").
 */
import { loadList } from '../../../util/lexicon.js';
import { resolveQuarter } from '../anchor.js';
import { quarterOf, type Ymd } from '../calendar.js';
import { regexParser } from '../engine.js';
import type { Candidate } from '../types.js';
import { anyHit, keywords } from './keywords.js';
import { B, E, maxLetters, mk, ordinal } from './util.js';

/** As whole words: "year-ago", "the year", "last year's quarter", not "years", "quarterly". */
const PERIOD_WORDS = keywords(['year', 'quarter', 'period'], 'word');

const ORD = '(first|second|third|fourth|1st|2nd|3rd|4th)';
let award: RegExp | null = null;
/** "of the year" after these is an award or a record, not a time ("player of the year"; data/lexicons/time/of-the-year-nouns.txt). */
const AWARD = (): RegExp =>
  (award ??= new RegExp(`\\b(?:${loadList('time/of-the-year-nouns.txt').join('|')})\\s+of\\s+$`, 'i'));

/** The last full quarter ended by the DCT (the one results news is about). */
function lastQuarter(dct: Ymd): { y: number; q: number } {
  const q = quarterOf(dct) - 1;
  return q < 1 ? { y: dct.y - 1, q: 4 } : { y: dct.y, q };
}

export const reportPeriodParser = regexParser(
  'report-period',
  () => new RegExp(
    `${B}(?:` +
    `(?<ya>(?:the\\s+)?(?:(?:same|comparable|corresponding|equivalent)\\s+)?(?:year-ago|year-earlier|prior-year|year-before)(?:\\s+(?:(?<yaOrd>${ORD})[\\s-]+)?(?<yaNoun>quarter|period))?)` +
    `|the\\s+(?:(?:same|comparable|corresponding|equivalent)\\s+)?(?<qa>quarter|period)\\s+(?:of\\s+)?(?:a\\s+year\\s+(?:ago|earlier)|last\\s+year|the\\s+(?:previous|prior|preceding)\\s+year)` +
    `|last\\s+year[\\u2019']s\\s+(?<ly>quarter|period)` +
    `|the\\s+(?<py>1[6-9]\\d\\d|20\\d\\d)\\s+(?:quarter|period)` +
    `|the\\s+(?<latest>latest|most\\s+recent)\\s+period` +
    `|the\\s+(?:(?<yq>(?:(?:current|latest|last|previous|prior)\\s+)?(?:fiscal|financial)|full|current)\\s+)?year(?=(?<ended>\\s+(?:ended|ending|that\\s+ended|which\\s+ended)\\b)|)` +
    `)${E}(?!-)`, 'gi'),
  (ctx, m, offset) => {
    const g = m.groups!;
    const dct = ctx.dct;
    if (g.ya) {
      if (g.yaOrd) {
        // "the year-ago third quarter": that quarter, a year before the one it names alone
        const n = ordinal(g.yaOrd)!;
        return mk(offset, m, 'DATE', dct ? `${resolveQuarter(dct, n) - 1}-Q${n}` : null, 'season', true, 'times/report-period:year-ago');
      }
      // "prior-year" alone is an adjective of anything ("prior-year tax credits")
      if (!g.yaNoun && !/year-(?:ago|earlier)/i.test(g.ya)) return null;
      return yearBack(ctx.dct, m, offset, g.yaNoun?.toLowerCase() === 'quarter');
    }
    if (g.qa || g.ly) return yearBack(dct, m, offset, (g.qa ?? g.ly)!.toLowerCase() === 'quarter');
    if (g.py) {
      const y = Number(g.py);
      const fb = dct ? `${y}-Q${lastQuarter(dct).q}` : String(y);
      return mk(offset, m, 'DATE', fb, 'season', false, 'times/report-period:year', { narrative: { unit: 'Q', n: 0, prefer: 'Q', strict: true, year: y } });
    }
    if (g.latest) {
      if (!dct) return mk(offset, m, 'DATE', null, 'season', true, 'times/report-period:latest');
      const lq = lastQuarter(dct);
      return mk(offset, m, 'DATE', `${lq.y}-Q${lq.q}`, 'season', true, 'times/report-period:latest', { narrative: { unit: 'Q', n: 0, prefer: 'Q', strict: true } });
    }
    // "the (fiscal|full|current) year", "the year ended June 30"
    if (g.ended) return mk(offset, m, 'DURATION', 'P1Y', null, false, 'times/report-period:year-ended');
    const start = offset + m.index;
    const qual = g.yq?.toLowerCase();
    if (!qual) {
      // "the year" alone: not "the year before/after …" (../narrative.ts), "the year 2000", a year in
      // words, "player of the year"
      const before = ctx.text.slice(Math.max(0, start - 30), start);
      const after = ctx.text.slice(start + m[0].length, start + m[0].length + 16);
      if (/^\s+(?:before|after|earlier|later|ago|\d|two\b|nineteen\b|twenty\b|of\b)/i.test(after) || /^[\u2019']s\s+(?:end|start|beginning|close)\b/i.test(after)) return null;
      if (AWARD().test(before)) return null;
      if (!dct) return mk(offset, m, 'DATE', null, 'year', true, 'times/report-period:the-year');
      return mk(offset, m, 'DATE', String(dct.y), 'year', true, 'times/report-period:the-year', { narrative: { unit: 'Y', n: 0 } });
    }
    if (!dct) return mk(offset, m, 'DATE', null, 'year', true, 'times/report-period:fiscal');
    return mk(offset, m, 'DATE', String(/^(?:latest|last|previous|prior)\b/.test(qual) ? dct.y - 1 : dct.y), 'year', true, 'times/report-period:fiscal');
  },
  (_segment, hits) => anyHit(hits, PERIOD_WORDS),
  // the longest leads before the first year/quarter/period of a match: "the corresponding prior-year", "the previous financial year"
  { words: PERIOD_WORDS, letters: () => maxLetters(['the corresponding prior-', 'the previous financial']) },
);

/**
 * A year before the period the story is about: the quarter (`quarter`) or the narrative's date at
 * its own precision, preferring the story's quarter; without an anchor the last quarter (for a
 * quarter) or the year before the DCT's.
 */
function yearBack(dct: Ymd | null, m: RegExpExecArray, offset: number, quarter: boolean): Candidate {
  let fb: string | null = null;
  if (dct) {
    const lq = lastQuarter(dct);
    fb = quarter ? `${lq.y - 1}-Q${lq.q}` : String(dct.y - 1);
  }
  const narrative: NonNullable<Candidate['narrative']> = quarter
    ? { unit: 'Q', n: -4, prefer: 'Q' }
    : { unit: 'Y', n: -1, keep: true, prefer: 'Q' };
  return mk(offset, m, 'DATE', fb, quarter ? 'season' : 'year', true, 'times/report-period:year-ago', { narrative });
}
