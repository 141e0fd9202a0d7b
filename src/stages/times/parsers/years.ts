/**
 * Years and longer calendar periods: "2018", "fiscal 1998", "the year 2000", decades ("the 1990s",
 * "the '80s", "the nineties" → 199, 198), centuries ("the 20th century" → 19). A four-digit number
 * counts as a year when it is 1600-2099 and reads as one: not an amount ("$2000", "2000 troops"),
 * not part of a longer number, not a percentage or a military clock time ("at 1800 hours").
 */
import { loadList } from '../../../util/lexicon.js';
import { regexParser } from '../engine.js';
import { numberValue, timeLexicon } from '../lexicon.js';
import { anyHit, DIGITS, keywords, lazyKeywords } from './keywords.js';
import { B, BM, E, maxLetters, mk } from './util.js';

const YEAR_WORDS = keywords(['nineteen', 'eighteen', 'twenty', 'thousand']);
const DECADE_DIGITS = keywords(['0s', "0's", '0\u2019s'], 'end'); // /0['\u2019]?s\b/
const TIES = keywords(['ties'], 'end'); // /ties\b/
/** "the seventies": a word of the lexicon, with "ties" at a word end ("authorities" alone is not enough). */
const DECADE_WORDS = lazyKeywords(() => [...timeLexicon().decades.keys()]);
const CENTURY = keywords(['century']);

let counted: RegExp | null = null;
/** A count noun right after the number (data/lexicons/time/count-nouns.txt). */
const COUNTED = (): RegExp =>
  (counted ??= new RegExp(`^\\s+(?:${loadList('time/count-nouns.txt').join('|')})\\b`, 'i'));

export const yearParser = regexParser(
  'year',
  () => new RegExp(`${BM}(?:(fiscal|financial)\\s+(?:year\\s+)?|FY\\s?|(the\\s+year\\s+))?(1[6-9]\\d\\d|20\\d\\d)(?![\\w.,\\u2019']\\d|\\d|\\s*(?:%|percent|per\\s+cent)|-\\d|\\w)`, 'gi'),
  (ctx, m, offset) => {
    const i = offset + m.index;
    const prev = ctx.text.slice(Math.max(0, i - 4), i);
    if (/[$£€#¥]\s*$|\d[.,]?$|No\.\s*$|[.,]$/.test(prev)) return null;
    const after = ctx.text.slice(i + m[0].length, i + m[0].length + 24);
    if (!m[1] && !m[2] && COUNTED().test(after)) return null;
    return mk(offset, m, 'DATE', m[3]!, 'year', false, m[1] ? 'times/year:fiscal' : 'times/year');
  },
  (segment, hits) => anyHit(hits, DIGITS) && /(?:1[6-9]|20)\d\d/.test(segment),
  { words: DIGITS, letters: () => maxLetters(['financial year']) }, // the longest lead before the year's digits
);

export const decadeParser = regexParser(
  'decade',
  (ctx) => new RegExp(`${B}(?:the\\s+)?(?:(?:early|mid|late)[\\s-]+)?(?:(1[0-9]|20)(\\d)0|['\\u2019](\\d)0|(${ctx.lex.re.decade}))['\\u2019]?s?${E}`, 'gi'),
  (ctx, m, offset) => {
    const t = m[0].toLowerCase();
    if (!/s$/.test(t)) return null; // "the 1990" is a year, not a decade
    const value = m[1] ? `${m[1]}${m[2]}` : m[3] ? `19${m[3]}` : ctx.lex.decades.get(m[4]!.toLowerCase()) ?? null;
    if (!value) return null;
    return mk(offset, m, 'DATE', value, 'decade', false, 'times/decade');
  },
  // (a decade ends in "s": /0['\u2019]?s\b|ties\b/ as before, the words only with one of them)
  (_segment, hits) => anyHit(hits, DECADE_DIGITS) || (anyHit(hits, TIES) && anyHit(hits, DECADE_WORDS)),
);

export const centuryParser = regexParser(
  'century',
  () => new RegExp(`${B}(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)[\\s-]+century${E}`, 'gi'),
  (_ctx, m, offset) => {
    const n = Number(m[1]);
    if (n < 1 || n > 21) return null;
    return mk(offset, m, 'DATE', String(n - 1).padStart(2, '0'), 'decade', false, 'times/century');
  },
  (_segment, hits) => anyHit(hits, CENTURY),
);

const TEENS = 'ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen';
const ONES = 'one|two|three|four|five|six|seven|eight|nine';
const TENS = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';

/**
 * Years in words, as broadcast transcripts write them: "nineteen ninety-six", "nineteen oh five",
 * "twenty thirteen", "the year two thousand", "two thousand and one" (after "the year" or a
 * preposition: "two thousand" alone is usually a count).
 */
export const spelledYearParser = regexParser(
  'year-words',
  () => new RegExp(
    `${B}(the\\s+year\\s+)?(?:(eighteen|nineteen|twenty)[\\s-]+((?:${TENS})(?:[\\s-]+(?:${ONES}))?|${TEENS}|oh[\\s-]+(?:${ONES}))` +
    `|two\\s+thousand(?:\\s+(?:and\\s+)?(${TEENS}|${ONES}))?)${E}(?![\\s-]+(?:${ONES}|hundred|thousand|million)\\b)`, 'gi'),
  (ctx, m, offset) => {
    const i = offset + m.index;
    let year: number;
    if (m[2]) {
      const c = ctx.lex.numbers.get(m[2].toLowerCase()) as number;
      const rest = m[3]!.toLowerCase().replace(/^oh[\s-]+/, '');
      const n = numberValue(ctx.lex, rest);
      if (typeof n !== 'number' || n < 1 || n > 99) return null;
      year = c * 100 + n;
      if (c === 20 && n > 40) return null; // "twenty fifty" is more likely a count than a year
    } else {
      const before = /([A-Za-z]+)\s*$/.exec(ctx.text.slice(Math.max(0, i - 12), i))?.[1]?.toLowerCase() ?? '';
      if (!m[1] && !['in', 'by', 'since', 'until', 'of', 'before', 'after', 'from', 'to', 'through'].includes(before)) return null;
      year = 2000 + (m[4] ? (numberValue(ctx.lex, m[4]) as number) : 0);
    }
    const after = ctx.text.slice(i + m[0].length, i + m[0].length + 24);
    if (!m[1] && (COUNTED().test(after) || /^[\s-]+(?:years?|days?|months?|weeks?|hours?|people|dollars?)\b/i.test(after))) return null;
    return mk(offset, m, 'DATE', String(year), 'year', false, 'times/year-words');
  },
  (_segment, hits) => anyHit(hits, YEAR_WORDS),
);
