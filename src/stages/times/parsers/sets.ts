/**
 * Frequencies (TIMEX3 SET): "daily", "every week", "each year" (lexicon), "twice a day", "three
 * times a week", "once a month" (P1D, P1W, P1M), "every two days" (P2D).
 */
import { regexParser } from '../engine.js';
import { numberValue, timeLexicon } from '../lexicon.js';
import { durationValue, UNIT_WORDS } from './durations.js';
import { anyHit, keywords, lazyKeywords } from './keywords.js';
import { B, E, longestWord, maxLetters, mk } from './util.js';

const RATE_WORDS = keywords(['once', 'twice', 'thrice', 'times', 'every']);
/** The longest word of each phrase of the lexicon, as a whole word ("daily", "every"): not "only", "reportedly". */
const SET_WORDS = lazyKeywords(() => [...new Set([...timeLexicon().sets.keys()].map(longestWord))], 'word');

/** A capitalised name right after (not a weekday or month: "daily Monday through Friday"). */
const NAME_AFTER = /^\s+(?!(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)[A-Z][\w'’-]*/;

export const setPhraseParser = regexParser(
  'set',
  (ctx) => new RegExp(`${B}(${ctx.lex.re.set})${E}`, 'gi'),
  (ctx, m, offset) => {
    const word = m[1]!.toLowerCase().replace(/\s+/g, ' ');
    // "a quarterly dividend", "quarterly results": a kind of report, not how often something happens
    if (word === 'quarterly' && /^\s+[a-z]/.test(ctx.text.slice(offset + m.index + m[0].length, offset + m.index + m[0].length + 3))) return null;
    // a newspaper: "the Israeli daily Haaretz", "the Communist Party daily Granma", "the weekly Der Spiegel", "the Daily Telegraph"
    if ((word === 'daily' || word === 'weekly') && NAME_AFTER.test(ctx.text.slice(offset + m.index + m[0].length, offset + m.index + m[0].length + 24))) return null;
    return mk(offset, m, 'SET', ctx.lex.sets.get(word) ?? null, null, false, 'times/set');
  },
  (_segment, hits) => anyHit(hits, SET_WORDS),
  { words: SET_WORDS, letters: () => maxLetters(timeLexicon().sets.keys()) }, // the words of the phrase before its longest
);

export const setRateParser = regexParser(
  'set-rate',
  (ctx) => new RegExp(
    `${B}(?:(?:once|twice|thrice|(?:${ctx.lex.re.number})\\s+times)\\s+(?:a|an|per|each|every)\\s+(${ctx.lex.re.unit})` +
    `|every\\s+(${ctx.lex.re.number})\\s+(${ctx.lex.re.unit}))${E}`, 'gi'),
  (ctx, m, offset) => {
    const unitWord = (m[1] ?? m[3])!.toLowerCase();
    const unit = ctx.lex.units.get(unitWord)!;
    const n = m[2] ? numberValue(ctx.lex, m[2]) : 1;
    if (n === null) return null;
    return mk(offset, m, 'SET', durationValue(unit, n), null, false, 'times/set-rate');
  },
  (_segment, hits) => anyHit(hits, RATE_WORDS) && anyHit(hits, UNIT_WORDS), // a unit after a space ends both forms
);
