/**
 * Machine-written dates (meta tags, JSON-LD, batch records) → YYYY-MM-DD, the calendar date as
 * written (the offset is not applied: "2021-01-23T23:30:00-05:00" is the 23rd where it was published).
 */

const ISO = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s_]|Z)/;
const ISO_COMPACT = /^\s*(\d{4})(\d{2})(\d{2})(?:$|T)/;
const MONTH_WORD = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?![a-z])/i;
const YMD_SLASH = /^\s*(\d{4})\/(\d{1,2})\/(\d{1,2})\b/;

export function validYmd(y: number, m: number, d: number): boolean {
  if (!(y >= 1000 && y <= 2999 && m >= 1 && m <= 12 && d >= 1)) return false;
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= dim;
}

export const ymd = (y: number, m: number, d: number): string =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** A strict check for the project's date format. */
export function isYmd(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return !!m && validYmd(+m[1], +m[2], +m[3]);
}

/**
 * Normalises a machine date (ISO 8601 with or without time, YYYY/MM/DD, compact YYYYMMDD, or
 * anything Date.parse reads, such as RFC 2822 "Sat, 03 Jan 2015 07:58:00 GMT") to YYYY-MM-DD;
 * null when it is not a date.
 */
export function normalizeDate(s: unknown): string | null {
  if (typeof s !== 'string') return null;
  const t = s.trim();
  if (!t) return null;
  for (const re of [ISO, YMD_SLASH, ISO_COMPACT]) {
    const m = re.exec(t);
    if (m) return validYmd(+m[1], +m[2], +m[3]) ? ymd(+m[1], +m[2], +m[3]) : null;
  }
  // only dates with a month name: bare numbers (12/03/2015) are ambiguous, words alone are not dates
  if (!MONTH_WORD.test(t) || !/\b\d{4}\b/.test(t)) return null;
  // drop times and zones so the calendar date stays the one written, then read the rest locally
  const cleaned = t
    .replace(/\|/g, ' ')
    .replace(/\b\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|Z|[A-Z]{2,4}T)?(?:\s*[+-]\d{2}:?\d{2})?)?/gi, ' ')
    .replace(/\s+/g, ' ').trim();
  const ms = Date.parse(cleaned);
  if (Number.isNaN(ms)) return null;
  const d = new Date(ms);
  const out = ymd(d.getFullYear(), d.getMonth() + 1, d.getDate());
  return validYmd(d.getFullYear(), d.getMonth() + 1, d.getDate()) ? out : null;
}
