/**
 * Anchoring partial and relative dates on the publication date (DCT), the way news means them.
 *
 * - A bare weekday is the most recent such day on or before the DCT ("Tuesday" in a Thursday
 *   paper is two days ago; in a Tuesday paper, the same day); forward only when the clause looks
 *   ahead ("will meet Monday"). "last Friday" is strictly before, "next Friday" strictly after.
 * - A month or month-and-day without a year takes the year that puts it nearest the DCT, a
 *   future distance counting double (news reports the past); a tense cue in the clause (the
 *   nearer of a future cue and a past verb, see tense.ts) makes the other direction count 4×.
 * - Units shift the DCT: "last week" is the ISO week before the DCT's, "two days ago" DCT − 2.
 */
import {
  addDays, addMonths, daysInMonth, diffDays, fmtDay, fmtMonth, fmtWeek, fmtYear, isoWeekday, quarterOf, type Ymd,
} from './calendar.js';
import type { DatePrecision } from '../../model/taxonomy.js';

export type Direction = -1 | 0 | 1;

export function resolveWeekday(dct: Ymd, weekday: number, dir: Direction | null, tense: Direction): Ymd {
  const delta = weekday - isoWeekday(dct); // −6..6
  if (dir === 0) return addDays(dct, delta); // "this Friday": in the DCT's ISO week
  if (dir === -1) return addDays(dct, delta < 0 ? delta : delta - 7);
  if (dir === 1) return addDays(dct, delta > 0 ? delta : delta + 7);
  if (tense === 1) return addDays(dct, delta >= 0 ? delta : delta + 7);
  return addDays(dct, delta <= 0 ? delta : delta - 7);
}

/** Picks among the candidates the one the tense (or the past-leaning distance) prefers. */
function pick<T>(cands: readonly T[], dist: (c: T) => number, tense: Direction): T {
  let best: T = cands[0] as T, bestCost = Infinity;
  for (const c of cands) {
    const d = dist(c);
    // a tense cue weighs the other direction 4×; without one the future weighs 2× (news reports the past)
    const [wPast, wFuture] = tense === 1 ? [4, 1] : tense === -1 ? [1, 4] : [1, 2];
    const cost = d <= 0 ? -d * wPast : d * wFuture;
    if (cost < bestCost) { best = c; bestCost = cost; }
  }
  return best;
}

export function resolveMonthDay(dct: Ymd, month: number, day: number, tense: Direction): Ymd | null {
  const cands: Ymd[] = [];
  for (const y of [dct.y - 1, dct.y, dct.y + 1]) {
    if (day <= daysInMonth(y, month)) cands.push({ y, m: month, d: day });
  }
  if (!cands.length) return null;
  return pick(cands, (c) => diffDays(dct, c), tense);
}

/**
 * A yearly date ("Christmas", "Thanksgiving Day") without a year: `dir` −1 the latest strictly
 * before the DCT, +1 the first strictly after, null the nearest the way month-days are read.
 */
export function resolveYearly(dct: Ymd, dateIn: (y: number) => Ymd | null, dir: Direction | null, tense: Direction): Ymd | null {
  const cands = [dct.y - 1, dct.y, dct.y + 1].map(dateIn).filter((d): d is Ymd => d !== null);
  if (!cands.length) return null;
  if (dir === -1) return cands.filter((c) => diffDays(dct, c) < 0).pop() ?? null;
  if (dir === 1) return cands.find((c) => diffDays(dct, c) > 0) ?? null;
  if (dir === 0) return cands.find((c) => c.y === dct.y) ?? null;
  return pick(cands, (c) => diffDays(dct, c), tense);
}

/**
 * Year of a bare month name; dir −1 "last April" (before the DCT's month, and not the month just
 * before it: that one is "last month", so "last February" in early March is a year earlier), +1
 * "next April", 0 "this April".
 */
export function resolveMonth(dct: Ymd, month: number, dir: Direction | null, tense: Direction): number {
  // (inline arrows: a named closure would be renamed on every call under tsx's keepNames)
  const years = [dct.y - 1, dct.y, dct.y + 1];
  if (dir === 0) return dct.y;
  if (dir === -1) return years.filter((y) => monthsFrom(dct, month, y) < -1).pop()!;
  if (dir === 1) return years.find((y) => monthsFrom(dct, month, y) > 0)!;
  if (month === dct.m) return dct.y;
  return pick(years, (y) => monthsFrom(dct, month, y), tense);
}

/** Months from the DCT's month to `month` of year `y`. */
function monthsFrom(dct: Ymd, month: number, y: number): number {
  return (y - dct.y) * 12 + (month - dct.m);
}

/** Year of a quarter without a year: the latest one that has begun by the DCT. */
export function resolveQuarter(dct: Ymd, q: number): number {
  return q <= quarterOf(dct) ? dct.y : dct.y - 1;
}

export type Unit = 'D' | 'W' | 'M' | 'Q' | 'Y' | 'DE' | 'CE';

/** The DCT shifted by n units, formatted at the unit's granularity. */
export function shift(dct: Ymd, unit: Unit, n: number): { value: string; precision: DatePrecision; day?: Ymd } {
  switch (unit) {
    case 'D': { const d = addDays(dct, n); return { value: fmtDay(d), precision: 'day', day: d }; }
    case 'W': return { value: fmtWeek(addDays(dct, 7 * n)), precision: 'week' };
    case 'M': { const d = addMonths(dct, n); return { value: fmtMonth(d.y, d.m), precision: 'month' }; }
    case 'Q': {
      const d = addMonths(dct, 3 * n);
      return { value: `${fmtYear(d.y)}-Q${quarterOf(d)}`, precision: 'season' };
    }
    case 'Y': return { value: fmtYear(dct.y + n), precision: 'year' };
    case 'DE': return { value: fmtYear(dct.y + 10 * n).slice(0, 3), precision: 'decade' };
    case 'CE': return { value: fmtYear(dct.y + 100 * n).slice(0, 2), precision: 'decade' };
  }
}
