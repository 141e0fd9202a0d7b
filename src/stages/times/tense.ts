/**
 * Tense cues around a time expression, for the direction of bare weekdays, months and dates:
 * news tells what happened, so they resolve into the past unless the clause looks ahead
 * ("will meet on Monday", cues in data/lexicons/time/future-cues.txt). A past-tense verb right
 * before ("said Tuesday", "were held in May": a lower-case -ed form or an irregular past from
 * data/lexicons/time/past-verbs.txt) or "since" settles it as past.
 */
import { loadList } from '../../util/lexicon.js';
import { isSpace } from './parsers/util.js';
import type { TimeContext } from './types.js';

let res: {
  future: RegExp; futureBefore: RegExp; pastBefore: RegExp; pastBeforeWords: number; untilBefore: RegExp; pastPerfect: RegExp;
  pastInClause: RegExp; notPast: Set<string>;
} | null = null;

function patterns(ctx: TimeContext): NonNullable<typeof res> {
  if (!res) {
    const irregulars = loadList('time/past-verbs.txt').map((w) => w.toLowerCase());
    const irregular = irregulars.join('|');
    const pastWord = `(?:[a-z]+ed|${irregular})`;
    res = {
      future: new RegExp(`(?<![\\w'])(?:${ctx.lex.re.futureCue})(?![\\w'])`, 'gi'),
      futureBefore: new RegExp(`(?<![\\w'])(?:${ctx.lex.re.futureCueBefore})(?![\\w'])`, 'gi'),
      pastBefore: new RegExp(`(?:(?<![\\w'-])${pastWord}|\\bsince)\\s+(?:(?:on|in|at|during|by)\\s+)?(?:(?:late|early|mid)-?\\s*)?$`),
      // a match is the verb (the end of a word), a preposition, "late/early/mid": three words at most
      // (more when an irregular past has spaces)
      pastBeforeWords: 3 + Math.max(0, ...irregulars.map((w) => w.split(/\s+/).length - 1)),
      // a deadline: "has given them until 9 a.m. Tuesday", "postponed until Tuesday morning"
      untilBefore: /\buntil\s+(?:(?:about\s+)?(?:\d{1,2}(?::\d\d)?\s*[ap]\.?\s?m\.?|noon|midnight)(?:\s+\(?[A-Z]{2,4}\)?)?\s+)?(?:on\s+)?$/i,
      // a plan told in the past perfect ("had been scheduled to expire") is not ahead of the DCT
      pastPerfect: /\bhad\s+(?:(?:previously|already|originally)\s+)?(?:been\s+)?(?:[a-z]+\s+)?$/i,
      // a past verb anywhere in the clause, not after a word that makes it a participle or a noun
      // ("is expected", "to be named", "the proposed merger")
      pastInClause: new RegExp(`(?<![\\w'-])(?:(?:to|be|being|is|are|am|will|would|can|may|must|the|a|an|its|their|his|her|our|this|these|those)\\s+)?(${pastWord})(?![\\w'-])`, 'g'),
      notPast: new Set(loadList('time/not-past-ed.txt').map((w) => w.toLowerCase())),
    };
  }
  return res;
}

/** Words whose period does not end a sentence ("a.m.", "U.S.", "Sept.", "Gen."). */
const ABBREV = /(?:^|[^A-Za-z])(?:[A-Za-z]|Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|Capt|Maj|Gov|Sen|Rep|Rev|St|Jr|Sr|Inc|Corp|Co|Ltd|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|approx|est|vs)$/;

function boundary(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c !== 46) return c === 59 || c === 33 || c === 63 || c === 10; // ; ! ? \n
  return !ABBREV.test(text.slice(Math.max(0, i - 8), i));
}

/** The clause around [start, end): back to the previous . ; ! ? or line break, forward to the next. */
function clause(text: string, start: number, end: number): { before: string; after: string } {
  let a = start;
  const minA = Math.max(0, start - 160);
  while (a > minA && !boundary(text, a - 1)) a--;
  let b = end;
  const maxB = Math.min(text.length, end + 60);
  while (b < maxB && !boundary(text, b)) b++;
  return { before: text.slice(a, start), after: text.slice(end, b) };
}

/**
 * The end of `s` with its last `n` words (runs of non-space) and the space before them: a pattern
 * anchored at the end that spans at most `n` words matches it as it matches `s` (and sees the same
 * character before each of its possible starts).
 */
function lastWords(s: string, n: number): string {
  let i = s.length;
  for (let k = 0; k < n; k++) {
    while (i > 0 && isSpace(s.charCodeAt(i - 1))) i--;
    while (i > 0 && !isSpace(s.charCodeAt(i - 1))) i--;
    if (i === 0) return s;
  }
  return s.slice(i - 1);
}

/** Distance from the edge of `s` (its end when `fromEnd`) to the nearest match of `re`, or Infinity. */
function nearest(re: RegExp, s: string, fromEnd: boolean): number {
  let best = Infinity;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) best = Math.min(best, fromEnd ? s.length - (m.index + m[0].length) : m.index);
  return best;
}

/**
 * -1 past, +1 future, 0 no cue either way: a past verb or "since" right before the expression
 * makes it past; else any future cue in the clause makes it future. (Letting the nearer of a
 * future cue and any past verb decide was measured and lost: participles and reported speech
 * mislead it.)
 */
export function tenseAt(ctx: TimeContext, start: number, end: number, opts?: { readonly clausePast?: boolean }): -1 | 0 | 1 {
  const p = patterns(ctx);
  const { before, after } = clause(ctx.text, start, end);
  if (p.pastBefore.test(lastWords(before, p.pastBeforeWords))) return -1;
  // "Until Thursday, they had not …" looks back
  if (p.untilBefore.test(before)) return /\bhad\b/i.test(after) ? -1 : 1;
  if (futureIn(p.futureBefore, before, ctx.text, start - before.length, p) || futureIn(p.future, reportedCut(after), ctx.text, end, p)) return 1;
  return opts?.clausePast && hasPastVerb(p, before + ' ' + after) ? -1 : 0;
}

/** A future cue in `s` (at `base` in `text`) that is not told in the past perfect ("had been scheduled to"). */
function futureIn(re: RegExp, s: string, text: string, base: number, p: NonNullable<typeof res>): boolean {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    if (!p.pastPerfect.test(text.slice(Math.max(0, base + m.index - 40), base + m.index))) return true;
  }
  return false;
}

/**
 * The part of the clause after the expression that still belongs to its verb: reported speech
 * after it ("issued a statement Friday saying the treaty will …", "said Friday that talks would
 * …") looks ahead from the time of the telling, not from the expression's.
 */
const REPORTED = /\b(?:saying|that|says|said|adding|according)\b|[,(]\s*(?:which|who|where)\b|["“”]|``/i;
function reportedCut(after: string): string {
  const m = REPORTED.exec(after);
  return m ? after.slice(0, m.index) : after;
}

/** A finite past verb in `s` ("In January, the company brought in …"): not after "is", "to", a determiner. */
function hasPastVerb(p: NonNullable<typeof res>, s: string): boolean {
  p.pastInClause.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = p.pastInClause.exec(s))) {
    if (m[0].length !== m[1]!.length) continue; // preceded by an auxiliary or a determiner
    const w = m[1]!.toLowerCase();
    if (w.endsWith('ed') && (w.length < 5 || p.notPast.has(w))) continue;
    if (m.index > 0 && /[A-Z]/.test(s[m.index]!)) continue; // a capitalised name mid-clause
    return true;
  }
  return false;
}
