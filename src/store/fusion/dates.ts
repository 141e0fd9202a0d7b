/** ISO date arithmetic in UTC days, and the interval a stated date stands for. */
const DAY = 86_400_000;

export const toDay = (iso: string): number => Math.floor(Date.parse(iso.slice(0, 10) + 'T00:00:00Z') / DAY);
export const fromDay = (d: number): string => new Date(d * DAY).toISOString().slice(0, 10);
export const addDays = (iso: string, n: number): string => fromDay(toDay(iso) + n);

/** Monday (YYYY-MM-DD) of the ISO week of a date. */
export function weekOf(iso: string): string {
  const d = toDay(iso);
  const dow = (((d + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Monday
  return fromDay(d - dow);
}

/** Monday of ISO week `YYYY-Www`. */
function isoWeekStart(year: number, week: number): string {
  const jan4 = toDay(`${year}-01-04`);
  const dow = (((jan4 + 3) % 7) + 7) % 7;
  return fromDay(jan4 - dow + (week - 1) * 7);
}

export type DateKind = 'day' | 'week' | 'month' | 'undated';

/**
 * The interval [start, end] (inclusive days) a mention's date covers, and how precise it is.
 * No usable date: the `undatedDays` before publication (or null without a publication date).
 */
export function dateInterval(value: string | null, published: string | null, undatedDays: number):
  { start: string; end: string; kind: DateKind } | null {
  if (value) {
    let m: RegExpExecArray | null;
    if (/^\d{4}-\d{2}-\d{2}(?:$|T)/.test(value)) return { start: value.slice(0, 10), end: value.slice(0, 10), kind: 'day' }; // 2024-03-14TAF: the day
    if ((m = /^(\d{4})-W(\d{2})$/.exec(value))) {
      const s = isoWeekStart(Number(m[1]), Number(m[2]));
      return { start: s, end: addDays(s, 6), kind: 'week' };
    }
    if ((m = /^(\d{4})-(\d{2})$/.exec(value))) {
      const s = `${m[1]}-${m[2]}-01`;
      const next = Number(m[2]) === 12 ? `${Number(m[1]) + 1}-01-01` : `${m[1]}-${String(Number(m[2]) + 1).padStart(2, '0')}-01`;
      return { start: s, end: addDays(next, -1), kind: 'month' };
    }
  }
  if (published && /^\d{4}-\d{2}-\d{2}/.test(published)) {
    const p = published.slice(0, 10);
    return { start: addDays(p, -undatedDays), end: p, kind: 'undated' };
  }
  return null;
}

/** Days between two intervals (0 when they overlap). */
export function gapDays(aStart: string, aEnd: string, bStart: string, bEnd: string): number {
  const s = Math.max(toDay(aStart), toDay(bStart)), e = Math.min(toDay(aEnd), toDay(bEnd));
  return Math.max(0, s - e);
}

export const spanDays = (start: string, end: string): number => toDay(end) - toDay(start) + 1;
