/**
 * Calendar arithmetic on plain dates (no time zone: every computation is in UTC days) and TIMEX3
 * value formatting. A Ymd is a proleptic Gregorian date; months and days are 1-based.
 */
export interface Ymd { readonly y: number; readonly m: number; readonly d: number }

const DAY = 86_400_000;
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export const toMs = (a: Ymd): number => Date.UTC(a.y, a.m - 1, a.d);
/** The calendar day of a time value, as `new Date(ms)` reads it (NaN fields when it is no date). */
export function fromMs(ms: number): Ymd {
  // (no Date object: days since 1970-01-01 to a proleptic Gregorian date, H. Hinnant's civil_from_days)
  const t = Math.trunc(ms); // TimeClip
  if (!(Math.abs(t) <= 8.64e15)) return { y: NaN, m: NaN, d: NaN };
  const z = Math.floor(t / DAY) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d: doy - Math.floor((153 * mp + 2) / 5) + 1 };
}
export const addDays = (a: Ymd, n: number): Ymd => fromMs(toMs(a) + n * DAY);
export function addMonths(a: Ymd, n: number): Ymd {
  const k = a.y * 12 + (a.m - 1) + n;
  const y = Math.floor(k / 12), m = (k % 12 + 12) % 12 + 1;
  return { y, m, d: Math.min(a.d, daysInMonth(y, m)) };
}
export const daysInMonth = (y: number, m: number): number => fromMs(Date.UTC(y, m, 0)).d;
/** Days from a to b (b - a). */
export const diffDays = (a: Ymd, b: Ymd): number => Math.round((toMs(b) - toMs(a)) / DAY);
/** ISO weekday: 1 Monday … 7 Sunday. */
export function isoWeekday(a: Ymd): number {
  const t = toMs(a); // a whole day (Date.UTC of whole numbers), or NaN
  const w = ((Math.floor(t / DAY) + 4) % 7 + 7) % 7; // 1970-01-01 was a Thursday; as Date#getUTCDay
  return w === 0 ? 7 : w;
}
/** ISO 8601 week-numbering year and week. */
export function isoWeek(a: Ymd): { year: number; week: number } {
  const thursday = addDays(a, 4 - isoWeekday(a));
  const jan1: Ymd = { y: thursday.y, m: 1, d: 1 };
  return { year: thursday.y, week: Math.floor(diffDays(jan1, thursday) / 7) + 1 };
}
export const quarterOf = (a: Ymd): number => Math.floor((a.m - 1) / 3) + 1;

/** Parses YYYY-MM-DD (a longer ISO string is cut to its date); null when not a valid date. */
export function parseYmd(s: string | null | undefined): Ymd | null {
  if (!s) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s.trim());
  if (!m) return null;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return { y, m: mo, d };
}

export const fmtYear = (y: number): string => pad(y, 4);
export const fmtMonth = (y: number, m: number): string => `${pad(y, 4)}-${pad(m)}`;
export const fmtDay = (a: Ymd): string => `${pad(a.y, 4)}-${pad(a.m)}-${pad(a.d)}`;
export function fmtWeek(a: Ymd): string {
  const w = isoWeek(a);
  return `${pad(w.year, 4)}-W${pad(w.week)}`;
}
export const fmtTime = (a: Ymd, h: number, min: number | null): string =>
  `${fmtDay(a)}T${pad(h)}${min === null ? ':00' : `:${pad(min)}`}`;
