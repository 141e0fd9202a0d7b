/**
 * Durations (TIMEX3 DURATION, value PnU): "three days" (P3D), "the past two years" (P2Y), "a
 * 30-day ceasefire" (P30D), "six hours" (PT6H), "two decades" (P20Y), "several weeks" and
 * "recent months" (PXW, PXM), "two and a half years" (P2Y6M), "5 1/2 hours" (PT5H30M). A bare plural ("for years") counts after for/over/in/within.
 * Ages ("a 35-year-old") are not durations of anything in the story and are skipped.
 */
import { regexParser } from '../engine.js';
import { numberValue, timeLexicon } from '../lexicon.js';
import { anyHit, keywords, lazyKeywords } from './keywords.js';
import { B, E, maxLetters, mk, numberLetters, wordBefore } from './util.js';

/** The unit words of the lexicon at a word start (a unit follows a space, a hyphen or the start: not "Monday", "headquarters"). */
export const UNIT_WORDS = lazyKeywords(() => [...timeLexicon().units.keys()], 'start');
const LONG = keywords(['-long']);

const DETS = ['the', 'its', 'their', 'his', 'her'];
const RELS = ['past', 'last', 'next', 'first', 'previous', 'coming', 'following', 'final', 'recent', 'latest', 'initial', 'remaining', 'same', 'entire', 'whole', 'full'];
const MORE = ['more', 'additional', 'straight', 'consecutive', 'full', 'extra'];
const PREFIX = `(?:(${DETS.join('|')})\\s+)?(?:(${RELS.join('|')})\\s+)?`;

const HALF = /\s1\/2|\u00bd|\sand\s+a\s+half\b/i;

export function durationValue(unit: string, n: number | 'X'): string | null {
  const q = n === 'X' ? 'X' : n;
  if (typeof q === 'number' && !Number.isInteger(q)) {
    // "two and a half years" → P2Y6M, "5 1/2 hours" → PT5H30M, "a minute and a half" → PT1M30S
    if (q * 2 !== Math.floor(q * 2)) return null;
    const w = Math.floor(q);
    switch (unit) {
      case 'Y': return w ? `P${w}Y6M` : 'P6M';
      case 'D': return w ? `P${w}DT12H` : 'PT12H';
      case 'H': return w ? `PT${w}H30M` : 'PT30M';
      case 'MIN': return w ? `PT${w}M30S` : 'PT30S';
      default: return null;
    }
  }
  switch (unit) {
    case 'S': return `PT${q}S`;
    case 'MIN': return `PT${q}M`;
    case 'H': return `PT${q}H`;
    case 'D': case 'W': case 'M': case 'Y': case 'Q': return `P${q}${unit}`;
    case 'FN': return q === 'X' ? 'PXW' : `P${2 * q}W`;
    case 'DE': return q === 'X' ? 'PXDE' : `P${10 * q}Y`;
    case 'CE': return q === 'X' ? 'PXCE' : `P${100 * q}Y`;
  }
  return null;
}

export const durationParser = regexParser(
  'duration',
  (ctx) => new RegExp(
    `${B}${PREFIX}(?:(${ctx.lex.re.number})(?:\\s+1/2|\\s+and\\s+a\\s+half|\\s*\\u00bd)?(?:[\\s-]+(?:${MORE.join('|')}))?[\\s-]+)?(${ctx.lex.re.unit})(?:\\s+and\\s+a\\s+half)?${E}(?!-old|\\s+old\\b|\\s+(?:ago|earlier|later|from\\s+now|hence)\\b)`, 'gi'),
  (ctx, m, offset) => {
    const det = m[1]?.toLowerCase();
    const rel = m[2]?.toLowerCase();
    const unitWord = m[4]!.toLowerCase();
    const unit = ctx.lex.units.get(unitWord)!;
    const plural = /s$/.test(unitWord) || unitWord === 'centuries';
    let n: number | 'X' | null;
    if (m[3]) {
      n = numberValue(ctx.lex, m[3]);
      if (n === null) return null;
      if (n !== 'X' && HALF.test(m[0])) n += 0.5;
      if (unit === 'S' && /^an?$/i.test(m[3])) return null; // "a second attack"
      if (/^an?$/i.test(m[3]) && det) return null;
      // "$55 a night", "700 seats a week": a rate, not a duration
      if (/^an?$/i.test(m[3]) && /\d[\d,.]*\s+(?:[a-z]+\s+)?$/i.test(ctx.text.slice(Math.max(0, offset + m.index - 30), offset + m.index))) return null;
    } else if (plural && (rel || det === 'the') && !(det === 'the' && !rel)) {
      n = 'X'; // "the past few weeks" has its number; "recent weeks", "the coming months"
    } else if (plural && !det && !rel && ['for', 'over', 'in', 'within', 'after'].includes(wordBefore(ctx.text, offset + m.index))) {
      n = 'X';
    } else return null;
    if (det && !rel && m[3] && /^(?:a|its|their|his|her)$/.test(det)) {
      // "a 30-day ceasefire", "its two-year term": the determiner belongs to the noun phrase
      const start = offset + m.index + m[0].toLowerCase().indexOf(m[3].toLowerCase());
      const value = durationValue(unit, n);
      return { start, end: offset + m.index + m[0].length, type: 'DURATION', value, precision: null, relative: false, by: 'times/duration' };
    }
    // "three-quarters of its food", "more than a quarter of the market": a fraction, not a time
    if (unit === 'Q' && !rel && /^\s+of\s+(?:the|its|their|his|her|our|all|those|these|a|an)\s+(?!(?:fiscal\s+|financial\s+|calendar\s+)?year\b)/i.test(ctx.text.slice(offset + m.index + m[0].length, offset + m.index + m[0].length + 24))) return null;
    const value = durationValue(unit, n);
    return mk(offset, m, 'DURATION', value, null, false, 'times/duration');
  },
  (_segment, hits) => anyHit(hits, UNIT_WORDS),
  // a unit starts a word; before it: the determiner, the modifier, the number, "and a half", "more"
  // after it: "and a half", the lookaheads (word characters, spaces, hyphens)
  {
    words: UNIT_WORDS, letters: () => maxLetters(DETS) + maxLetters(RELS) + numberLetters(timeLexicon()) + maxLetters(['and a half']) + maxLetters(MORE),
    tail: '-',
  },
);

/**
 * Compound adjectives of length: "a decades-long battle" (PXDE), "a day-long meeting" (P1D), "a
 * three-week-long strike" (P3W). ("-old" stays out: mostly ages.)
 */
export const longParser = regexParser(
  'duration-long',
  (ctx) => new RegExp(`${B}(?:(${ctx.lex.re.number})-)?(${ctx.lex.re.unit})-long${E}`, 'gi'),
  (ctx, m, offset) => {
    const unitWord = m[2]!.toLowerCase();
    const unit = ctx.lex.units.get(unitWord);
    if (!unit) return null;
    const plural = /s$/.test(unitWord) || unitWord === 'centuries';
    const n = m[1] ? numberValue(ctx.lex, m[1]) : plural ? 'X' : 1;
    if (n === null) return null;
    return mk(offset, m, 'DURATION', durationValue(unit, n), null, false, 'times/duration:long');
  },
  (_segment, hits) => anyHit(hits, UNIT_WORDS) && anyHit(hits, LONG),
);
