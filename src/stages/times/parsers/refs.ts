/**
 * References to the present, past or future as a whole (lexicon refs.tsv): "now", "currently",
 * "recently", "the past", "the future", "soon" → PRESENT_REF, PAST_REF, FUTURE_REF. The adjectives
 * "current" and "recent" count when they qualify a noun that is not itself a time unit.
 */
import { regexParser } from '../engine.js';
import { timeLexicon } from '../lexicon.js';
import { anyHit, keywords, lazyKeywords } from './keywords.js';
import { B, E, longestWord, maxLetters, mk } from './util.js';

/**
 * A ref phrase contains each of its words: the longest word of every phrase of the lexicon (a
 * superset test), as a whole word (the phrase's words are separated by spaces and bounded: "now",
 * not "know").
 */
const REF_WORDS = lazyKeywords(() => [...new Set([...timeLexicon().refs.keys()].map(longestWord))], 'word');
/** Every word of every phrase, whole: a phrase can match only where all its words are ("near Aleppo" is not "the near term"). */
const phraseWords = (): string[] => [...new Set([...timeLexicon().refs.keys()].flatMap((k) => k.split(/\s+/)))];
const ALL_WORDS = lazyKeywords(phraseWords, 'word');
let phrases: number[][] | null = null;
/** Per phrase, the ids of its words. */
function phraseIds(): number[][] {
  if (!phrases) {
    const id = new Map(phraseWords().map((w, i) => [w, ALL_WORDS[i]!]));
    phrases = [...timeLexicon().refs.keys()].map((k) => k.split(/\s+/).map((w) => id.get(w)!));
  }
  return phrases;
}
const ADJ_WORDS = keywords(['current', 'recent']);

export const refParser = regexParser(
  'ref',
  (ctx) => new RegExp(`${B}(${ctx.lex.re.ref})${E}(?![\\u2019']s)`, 'gi'),
  (ctx, m, offset) => {
    const key = m[1]!.toLowerCase().replace(/\s+/g, ' ');
    const value = ctx.lex.refs.get(key);
    if (!value) return null;
    const before = ctx.text.slice(Math.max(0, offset + m.index - 12), offset + m.index).toLowerCase();
    const after = ctx.text.slice(offset + m.index + m[0].length, offset + m.index + m[0].length + 12).toLowerCase();
    if (key === 'now' && /^\s*that\b/.test(after)) return null; // "now that …" is a conjunction
    // a sentence-opening "Now," or "Now for …" turns the discourse, it does not name the present
    if (key === 'now' && /^\s*(?:,|for\b)/.test(after) && /(?:^|[.!?:"'`\u201c\u2018]\s*|\n\s*)$/.test(before)) return null;
    if (key === 'future' && !/\b(?:in|the|near|for|distant)\s*$/.test(before)) return null; // "future talks"
    if (key === 'earlier' && !/^\s*[,.;]/.test(after)) return null; // "earlier talks", "earlier this week"
    return mk(offset, m, 'DATE', value, null, false, 'times/ref');
  },
  (_segment, hits) => anyHit(hits, REF_WORDS) && phraseIds().some((ws) => ws.every((w) => hits[w] === 1)),
  { words: REF_WORDS, letters: () => maxLetters(timeLexicon().refs.keys()) }, // the words of the phrase before its longest
);

/** "current" and "recent" qualifying a noun ("the current government", "recent attacks"). */
export const adjectiveRefParser = regexParser(
  'ref-adjective',
  (ctx) => new RegExp(`${B}(current|recent)(?=\\s+(?!(?:${ctx.lex.re.unit}|${ctx.lex.re.number})\\b)[a-z])`, 'gi'),
  (_ctx, m, offset) => mk(offset, m, 'DATE', m[1]!.toLowerCase() === 'current' ? 'PRESENT_REF' : 'PAST_REF', null, false, 'times/ref-adjective'),
  (_segment, hits) => anyHit(hits, ADJ_WORDS),
);
