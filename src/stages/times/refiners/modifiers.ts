/**
 * Widens a candidate over the words TIMEX3 puts inside the expression: "early/mid/late" and "the
 * end/beginning/middle of" before a date ("early 2018", "the end of March", "mid-1990s"), and
 * quantity modifiers ("nearly forty years", "more than two hours", "around Nov. 1"). The value
 * is unchanged (TIMEX3 puts START/MID/END/APPROX in `mod`): "early 2018" stays 2018.
 */
import { loadList } from '../../../util/lexicon.js';
import { isSpace } from '../parsers/util.js';
import type { TimeContext, TimeRefiner } from '../types.js';

const EDGE = /(?:\b(?:the\s+)?(?:very\s+)?(early|earlier|mid|late|later)[\s-]+|\b(?:the\s+)?(end|beginning|start|middle|close|turn|first\s+half|second\s+half)\s+of\s+(?:the\s+)?)$/i;
const MOD: Record<string, string> = {
  early: 'START', earlier: 'START', beginning: 'START', start: 'START', mid: 'MID', middle: 'MID', late: 'END',
  later: 'END', end: 'END', close: 'END', turn: 'START',
};

let approxRe: RegExp | null = null;
const approx = (ctx: TimeContext): RegExp =>
  (approxRe ??= new RegExp(`\\b(?:${ctx.lex.re.approx})\\s+$`, 'i'));

const DETERMINER = /^(?:the|its|their|his|her|our|this|these|that|those)\s/i;

/**
 * The ASCII letters right before the white space (with `hyphen`, and hyphens) that ends
 * `text.slice(from, to)`, in lower case; '' when it does not end so. EDGE and the approximation
 * pattern end with such a run after a whole word (after \b or white space) of their own: one of
 * EDGE_LAST, APPROX_LAST (else they cannot match, and are not run).
 */
function lastWord(text: string, from: number, to: number, hyphen: boolean): string {
  let i = to;
  for (let c; i > from && (isSpace((c = text.charCodeAt(i - 1))) || (hyphen && c === 45)); i--);
  if (i === to) return '';
  let j = i;
  for (let c; j > from && (((c = text.charCodeAt(j - 1)) >= 97 && c <= 122) || (c >= 65 && c <= 90)); j--);
  return text.slice(j, i).toLowerCase();
}
const EDGE_LAST = new Set(['early', 'earlier', 'mid', 'late', 'later', 'of', 'the']);
let approxLast: Set<string> | null | undefined;
/** The last words of the approximation phrases (null: one is not all letters, no precheck). */
function approxLastWords(): Set<string> | null {
  if (approxLast === undefined) {
    const last = loadList('time/approx.txt').map((p) => p.toLowerCase().split(/\s+/).pop()!);
    approxLast = last.every((w) => /^[a-z]+$/.test(w)) ? new Set(last) : null;
  }
  return approxLast;
}

export const modifierRefiner: TimeRefiner = {
  id: 'modifiers',
  refine(ctx, cands, seg) {
    for (const c of cands) {
      if (c.value === 'PRESENT_REF' || c.value === 'PAST_REF' || c.value === 'FUTURE_REF') continue;
      const from = Math.max(seg.start, c.start - 40);
      if (c.type === 'DATE' || c.type === 'TIME') {
        const e = EDGE_LAST.has(lastWord(ctx.text, from, c.start, true)) ? EDGE.exec(ctx.text.slice(from, c.start)) : null;
        if (e && !/^the\b/i.test(ctx.text.slice(c.start, c.end)) && !(e[1] && /^(?:earlier|later)$/i.test(e[1]) && !/^(?:this|last|next|today|yesterday|[A-Z])/.test(ctx.text.slice(c.start, c.end)))) {
          c.start = from + e.index;
          c.mod = MOD[(e[1] ?? e[2] ?? '').toLowerCase()] ?? c.mod;
          continue;
        }
      }
      const aFrom = Math.max(seg.start, c.start - 24);
      const al = approxLastWords();
      const a = !al || al.has(lastWord(ctx.text, aFrom, c.start, false)) ? approx(ctx).exec(ctx.text.slice(aFrom, c.start)) : null;
      // before a determiner a modifier is a preposition: "over the last two years", "under its
      // first term" ("at least the past 18 months" keeps its quantity modifier)
      const prep = a && /^(?:over|under|just|only|some|around|about)\s+$/i.test(a[0]) && DETERMINER.test(ctx.text.slice(c.start, c.end));
      if (a && !prep && (c.type === 'DURATION' || c.by.startsWith('times/ago') || /^(?:about|around|approximately|roughly)\s/i.test(a[0]))) {
        c.start -= a[0].length;
        c.mod ??= 'APPROX';
      }
    }
    return cands;
  },
};
