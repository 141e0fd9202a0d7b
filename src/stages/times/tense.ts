/**
 * Tense cues around a time expression, for the direction of bare weekdays, months and dates:
 * news tells what happened, so they resolve into the past unless the clause looks ahead
 * ("will meet on Monday", cues in data/lexicons/time/future-cues.txt). A past-tense verb right
 * before ("said Tuesday", "were held in May": a lower-case -ed form or an irregular past from
 * data/lexicons/time/past-verbs.txt) or "since" settles it as past.
 */
import { loadList } from '../../util/lexicon.js';
import type { TimeContext } from './types.js';

let res: { future: RegExp; futureBefore: RegExp; pastBefore: RegExp } | null = null;

function patterns(ctx: TimeContext): NonNullable<typeof res> {
  if (!res) {
    const irregular = loadList('time/past-verbs.txt').map((w) => w.toLowerCase()).join('|');
    const pastWord = `(?:[a-z]+ed|${irregular})`;
    res = {
      future: new RegExp(`(?<![\\w'])(?:${ctx.lex.re.futureCue})(?![\\w'])`, 'gi'),
      futureBefore: new RegExp(`(?<![\\w'])(?:${ctx.lex.re.futureCueBefore})(?![\\w'])`, 'gi'),
      pastBefore: new RegExp(`(?:(?<![\\w'-])${pastWord}|\\bsince)\\s+(?:(?:on|in|at|during|by)\\s+)?(?:(?:late|early|mid)-?\\s*)?$`),
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
export function tenseAt(ctx: TimeContext, start: number, end: number): -1 | 0 | 1 {
  const p = patterns(ctx);
  const { before, after } = clause(ctx.text, start, end);
  if (p.pastBefore.test(before)) return -1;
  return nearest(p.futureBefore, before, true) < Infinity || nearest(p.future, after, false) < Infinity ? 1 : 0;
}
