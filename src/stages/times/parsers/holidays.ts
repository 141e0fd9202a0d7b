/**
 * Holidays with a date computable from the year (data/lexicons/time/holidays.tsv): "Christmas",
 * "New Year's Day", "Thanksgiving Day", "Good Friday", "Christmas 2012", "last Christmas". Without a
 * year the date is read like a month-day (../anchor.ts): the nearest, the past counting more.
 */
import { resolveYearly, type Direction } from '../anchor.js';
import { addDays, daysInMonth, fmtDay, isoWeekday, type Ymd } from '../calendar.js';
import { regexParser } from '../engine.js';
import { loadList } from '../../../util/lexicon.js';
import { tenseAt } from '../tense.js';
import { anyHit, keywords } from './keywords.js';
import { B, E, mk } from './util.js';

const HOLIDAY_WORDS = keywords(['christmas', 'new year', 'easter', 'good friday', 'palm sunday', 'thanksgiving', 'memorial day', 'election day',
  'valentine', "women's day", 'women\u2019s day', 'nowruz', 'may day', 'halloween', 'armistice', 'veterans day', 'boxing day']);

const DIRS: Record<string, Direction> = { last: -1, this: 0, next: 1 };

let rules: Map<string, string> | null = null;
function holidayRules(): Map<string, string> {
  if (!rules) {
    rules = new Map();
    for (const line of loadList('time/holidays.tsv')) {
      const [k, v] = line.split('\t');
      if (k && v) rules.set(k.trim().toLowerCase(), v.trim());
    }
  }
  return rules;
}

/** Western (Gregorian) Easter Sunday: the anonymous Gregorian algorithm. */
export function easter(y: number): Ymd {
  const a = y % 19, b = Math.floor(y / 100), c = y % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
  return { y, m: month, d: day };
}

/** The date a rule gives in year y. */
export function holidayDate(rule: string, y: number): Ymd | null {
  let m = /^(\d\d)-(\d\d)$/.exec(rule);
  if (m) return { y, m: +m[1]!, d: +m[2]! };
  m = /^easter([+-]\d+)$/.exec(rule);
  if (m) return addDays(easter(y), +m[1]!);
  m = /^(\d\d):(-?\d):(\d)(?::(\d+))?$/.exec(rule);
  if (m) {
    const mo = +m[1]!, n = +m[2]!, wd = +m[3]!, from = m[4] ? +m[4] : 1;
    if (n < 0) {
      const last: Ymd = { y, m: mo, d: daysInMonth(y, mo) };
      return addDays(last, -((isoWeekday(last) - wd + 7) % 7) - 7 * (-n - 1));
    }
    const first: Ymd = { y, m: mo, d: from };
    return addDays(first, ((wd - isoWeekday(first) + 7) % 7) + 7 * (n - 1));
  }
  return null;
}

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+').replace(/'/g, "['\\u2019]");

export const holidayParser = regexParser(
  'holiday',
  () => new RegExp(
    `${B}(?:(last|this|next)\\s+)?(${[...holidayRules().keys()].sort((a, b) => b.length - a.length).map(esc).join('|')})` +
    `(?:,?\\s+(\\d{4})(?!\\d))?${E}(?!['\\u2019]s?\\s+(?:tree|card|carol|present|gift|light|decoration|market|shopping))` +
    `(?!\\s+(?:trees?|cards?|carols?|presents?|gifts?|lights|decorations?|markets?|shopping|shoppers|sales?)\\b)`, 'gi'),
  (ctx, m, offset) => {
    const name = m[2]!;
    if (!/^[A-Z]/.test(name) || /\s[a-z]/.test(name.replace(/\s(?:day|eve|sunday|monday|friday)\b/gi, ''))) return null;
    const rule = holidayRules().get(name.toLowerCase().replace(/\u2019/g, "'").replace(/\s+/g, ' '));
    if (!rule) return null;
    let day: Ymd | null = null, relative = false;
    if (m[3]) day = holidayDate(rule, +m[3]);
    else if (ctx.dct) {
      const pre = m[1]?.toLowerCase();
      const start = offset + m.index;
      day = resolveYearly(ctx.dct, (y) => holidayDate(rule, y), pre ? DIRS[pre]! : null, pre ? 0 : tenseAt(ctx, start, start + m[0].length));
      relative = true;
    } else return mk(offset, m, 'DATE', null, 'day', true, 'times/holiday');
    if (!day) return null;
    return mk(offset, m, 'DATE', fmtDay(day), 'day', relative, 'times/holiday', { day });
  },
  (_segment, hits) => anyHit(hits, HOLIDAY_WORDS),
);
