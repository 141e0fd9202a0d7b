/**
 * Weekday names: "Tuesday", "last Friday", "next Monday", "this Sunday" (DATE, resolved per
 * ../anchor.ts: into the past unless the clause looks ahead); "every Monday", "on Tuesdays" (SET).
 * Only capitalised full names: "sat", "sun" and "wed" are ordinary words.
 */
import { resolveWeekday, type Direction } from '../anchor.js';
import { fmtDay } from '../calendar.js';
import { regexParser } from '../engine.js';
import { tenseAt } from '../tense.js';
import { timeLexicon } from '../lexicon.js';
import { anyHit, keywords, lazyKeywords } from './keywords.js';
import { B, E, maxLetters, mk } from './util.js';

const WEEKDAY_NAMES = keywords(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
/** Every name the pattern reads (the lexicon's longer than four letters, as ../lexicon.ts builds re.weekday: "Thurs" too). */
const PATTERN_NAMES = lazyKeywords(() => [...timeLexicon().weekdays.keys()].filter((k) => k.length > 4));

const DIRS: Record<string, Direction> = { last: -1, past: -1, previous: -1, preceding: -1, this: 0, next: 1, coming: 1 };
const BEFORE = ['every', 'each', 'last', 'past', 'previous', 'preceding', 'this', 'next', 'coming'];

export const weekdayParser = regexParser(
  'weekday',
  (ctx) => new RegExp(
    `${B}(?:(${BEFORE.join('|')})\\s+)?(${ctx.lex.re.weekday})(s)?${E}`, 'gi'),
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
  (_segment, hits) => anyHit(hits, WEEKDAY_NAMES),
  { words: PATTERN_NAMES, letters: () => maxLetters(BEFORE) },
);
