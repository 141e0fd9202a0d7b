/**
 * Merges of adjacent candidates that are one expression: a weekday and the date it names
 * ("Tuesday, Sept. 1": the date's value), a day and a part of the day ("Tuesday night" → TIME
 * 2020-09-01TNI, "Friday morning"), a day and a clock time ("8 p.m. Tuesday", "Tuesday at 8 p.m.",
 * "noon Thursday" → 2020-09-01T20:00), "the week of March 6" (the ISO week of the day), a month or
 * season and a year the parsers found apart ("January nineteen ninety-seven" → 1997-01).
 */
import { fmtDay, fmtTime, fmtWeek } from '../calendar.js';
import { isSpace } from '../parsers/util.js';
import type { Candidate, TimeContext, TimeRefiner } from '../types.js';

let partRe: RegExp | null = null;
const parts = (ctx: TimeContext): RegExp =>
  (partRe ??= new RegExp(`^\\s+(?:in\\s+the\\s+)?(${ctx.lex.re.daypart})(?![\\w])`, 'i'));
let partBeforeRe: RegExp | null = null;
const partsBefore = (ctx: TimeContext): RegExp =>
  (partBeforeRe ??= new RegExp(`(?<![\\w])(${ctx.lex.re.daypart})\\s+(?:on\\s+)?$`, 'i'));

function partValue(ctx: TimeContext, c: Candidate, word: string): string | null {
  const code = ctx.lex.dayparts.get(word.toLowerCase());
  if (!code || !c.day) return null;
  return `${fmtDay(c.day)}T${code}`; // T12:00 for "noon", TNI for "night"
}

const GMT_GAP = /^\s*\(\s*\d{1,2}:?\d{2}(?:\s*[ap]\.?m\.?)?\s*(?:GMT|UTC|Z|[A-Z]{2,4}|local(?:\s+time)?)?\s*\)\s*(?:,\s*)?(?:on\s+)?$/;

export const mergeRefiner: TimeRefiner = {
  id: 'merges',
  refine(ctx, cands) {
    cands.sort((a, b) => a.start - b.start || b.end - a.end);
    const out: Candidate[] = [];
    for (let i = 0; i < cands.length; i++) {
      let c = cands[i]!;
      const n = cands[i + 1];
      const gap = n ? ctx.text.slice(c.end, n.start) : '';
      // weekday + date
      if (n && c.weekday !== undefined && n.day && !n.clock && /^,?\s*(?:the\s+)?$/.test(gap) && n.type === 'DATE') {
        out.push({ ...n, start: c.start, by: `${n.by}+weekday` });
        i++;
        continue;
      }
      // a month or season and a year apart ("January nineteen ninety-seven", "the winter of 1994")
      if (n && n.precision === 'year' && !n.relative && n.value && /^\d{4}$/.test(n.value) && c.value && c.type === 'DATE' &&
        (c.by === 'times/month' || c.by === 'times/season') && /^,?\s+(?:of\s+)?$/.test(gap)) {
        out.push({ ...c, end: n.end, value: n.value + c.value.slice(4), relative: false, by: `${c.by}+year` });
        i++;
        continue;
      }
      // clock + day, day + clock
      if (n && gap.length < 8 && /^\s*(?:,|on|at|of)?\s*$/.test(gap)) {
        const clock = c.clock && n.day && !n.clock ? { t: c, d: n } : n.clock && c.day && !c.clock ? { t: n, d: c } : null;
        if (clock && clock.d.type === 'DATE' && clock.d.value && clock.t.clock) {
          out.push({
            start: c.start, end: n.end, type: 'TIME', value: fmtTime(clock.d.day!, clock.t.clock.h, clock.t.clock.min),
            precision: 'day', relative: clock.d.relative, by: 'times/merge:day-clock', day: clock.d.day,
          });
          i++;
          continue;
        }
      }
      // a clock time with its time in another zone, then the day: "10:35 a.m. (0735 GMT) Friday" —
      // two expressions, the clock time on that day
      if (n && c.clock && n.day && !n.clock && n.type === 'DATE' && n.value && GMT_GAP.test(gap)) {
        out.push({ ...c, type: 'TIME', value: fmtTime(n.day, c.clock.h, c.clock.min), relative: n.relative, by: `${c.by}+day`, day: n.day });
        continue;
      }
      // "the week of March 6": the ISO week of the day
      // (each pattern below starts or ends with white space: not run where none is)
      if (c.day && c.type === 'DATE' && c.value && c.precision === 'day' && c.start > 0 && isSpace(ctx.text.charCodeAt(c.start - 1))) {
        const w = /\bthe\s+week\s+of\s+$/i.exec(ctx.text.slice(Math.max(0, c.start - 16), c.start));
        if (w) {
          out.push({ ...c, start: c.start - w[0].length, value: fmtWeek(c.day), precision: 'week', by: `${c.by}+week-of` });
          continue;
        }
      }
      // day + part of the day
      if (c.day && c.type === 'DATE' && c.value) {
        const p = isSpace(ctx.text.charCodeAt(c.end)) ? parts(ctx).exec(ctx.text.slice(c.end, c.end + 24)) : null;
        if (p) {
          const v = partValue(ctx, c, p[1]!);
          if (v) c = { ...c, end: c.end + p[0].length, type: 'TIME', value: v, by: `${c.by}+daypart` };
        } else {
          const b = c.start > 0 && isSpace(ctx.text.charCodeAt(c.start - 1)) ? partsBefore(ctx).exec(ctx.text.slice(Math.max(0, c.start - 14), c.start)) : null;
          if (b && /^\d/.test(ctx.lex.dayparts.get(b[1]!.toLowerCase()) ?? '')) {
            const v = partValue(ctx, c, b[1]!);
            if (v) c = { ...c, start: c.start - b[0].length, type: 'TIME', value: v, by: `${c.by}+clockword` };
          }
        }
      }
      out.push(c);
    }
    return out;
  },
};
