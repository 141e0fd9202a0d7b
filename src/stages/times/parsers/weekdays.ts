/**
 * Weekday names: "Tuesday", "last Friday", "next Monday", "this Sunday" (DATE, resolved per
 * ../anchor.ts: into the past unless the clause looks ahead); "every Monday", "on Tuesdays" (SET).
 * Only capitalised full names: "sat", "sun" and "wed" are ordinary words.
 */
import { resolveWeekday, type Direction } from '../anchor.js';
import { fmtDay } from '../calendar.js';
import { regexParser } from '../engine.js';
import { tenseAt } from '../tense.js';
import { anyHit, keywords } from './keywords.js';
import { B, E, mk } from './util.js';

const WEEKDAY_NAMES = keywords(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

const DIRS: Record<string, Direction> = { last: -1, past: -1, previous: -1, preceding: -1, this: 0, next: 1, coming: 1 };

export const weekdayParser = regexParser(
  'weekday',
  (ctx) => new RegExp(
    `${B}(?:(every|each|last|past|previous|preceding|this|next|coming)\\s+)?(${ctx.lex.re.weekday})(s)?${E}`, 'gi'),
  (ctx, m, offset) => {
    const name = m[2]!;
    if (!/^[A-Z]/.test(name)) return null;
    const wd = ctx.lex.weekdays.get(name.toLowerCase())!;
    const pre = m[1]?.toLowerCase();
    if (pre === 'every' || pre === 'each' || m[3]) {
      return mk(offset, m, 'SET', `XXXX-WXX-${wd}`, null, false, 'times/weekday:set');
    }
    if (!ctx.dct) return mk(offset, m, 'DATE', null, 'day', true, 'times/weekday', { weekday: wd });
    const dir = pre ? DIRS[pre]! : null;
    const start = offset + m.index, end = start + m[0].length;
    const day = resolveWeekday(ctx.dct, wd, dir, dir === null ? tenseAt(ctx, start, end) : 0);
    return mk(offset, m, 'DATE', fmtDay(day), 'day', true, 'times/weekday', { day, weekday: wd });
  },
  (_lower, hits) => anyHit(hits, WEEKDAY_NAMES),
);
