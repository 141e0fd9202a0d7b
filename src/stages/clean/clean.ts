/**
 * The clean stage's work, as a pure function of the text and the dates given with it:
 *  1. split the text into lines (offsets into the text as given, whitespace trimmed);
 *  2. mark boilerplate lines (data/lexicons/boilerplate.tsv, keyword lists, date stamps, the
 *     headlines after a "Related" header, a run of short headline lines at the end of the page);
 *  3. join the kept lines into paragraphs (blank lines separate paragraphs; a single newline does
 *     too unless the lines are hard-wrapped prose);
 *  4. choose the publication date: a date stamp or dateline in the text, else the page metadata,
 *     else the caller's date; check it against the dates the body names (publishedSuspect).
 * See docs/pipeline.md "clean" for the rules and their reasons.
 */
import type { CleanLayer } from '../../model/document.js';
import type { Message } from '../../model/messages.js';
import type { Span, Value } from '../../model/span.js';
import { isKeywordList, isProse, lineShape, matchRule } from './boilerplate.js';
import {
  daysBetween, fullDates, hasPresentCue, monthYears, parseDateline, parsePlaceDateLine, parsePipedStamp, parseStamp, parseYmd,
  relativeYears, yearlessDates, yearMentions, ymd, type FoundDate, type Stamp,
} from './dates.js';

export interface CleanInput {
  readonly text: string;
  /** Date from the page markup (Article.publishedMeta), YYYY-MM-DD. */
  readonly publishedMeta?: string | null;
  /** Date given by the caller (run option or Article.published), YYYY-MM-DD. */
  readonly published?: string | null;
}

export interface CleanResult {
  readonly layer: CleanLayer;
  readonly messages: readonly Message[];
}

interface Line {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** A blank line (or the start of the text) comes before it. */
  readonly blankBefore: boolean;
  reason: string | null;
  stamp: Stamp | null;
}

const isWs = (c: number): boolean =>
  c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff || c === 0x200b || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x1680;

/** Non-blank lines with trimmed spans. Line breaks: \n, \r\n, \r, U+2028, U+2029. */
export function splitLines(text: string): Line[] {
  const out: Line[] = [];
  const n = text.length;
  let i = 0;
  let blank = true;
  while (i <= n) {
    let j = i;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) break;
      j++;
    }
    let s = i, e = j;
    while (s < e && isWs(text.charCodeAt(s))) s++;
    while (e > s && isWs(text.charCodeAt(e - 1))) e--;
    if (e > s) {
      out.push({ start: s, end: e, text: text.slice(s, e), blankBefore: blank, reason: null, stamp: null });
      blank = false;
    } else {
      blank = true;
    }
    if (j >= n) break;
    i = j + (text.charCodeAt(j) === 13 && text.charCodeAt(j + 1) === 10 ? 2 : 1);
  }
  return out;
}

const TERMINAL = /[.!?:]["”’')\]]*$/u;
const LOWER_START = /^[\p{Ll}\d(,;–—-]/u;

/** Kept lines → paragraph spans. */
function paragraphs(lines: readonly Line[]): Span[] {
  const out: Span[] = [];
  let cur: Span | null = null;
  let prev: Line | null = null;
  // lines of a hard-wrapped text are all of a similar, limited width
  const keptLens = lines.filter((l) => !l.reason).map((l) => l.end - l.start);
  const maxLen = keptLens.length ? Math.max(...keptLens) : 0;
  // (headline lists are short lines too, but narrower than any wrap width)
  const wrapped = maxLen >= 50 && maxLen <= 110 && keptLens.filter((n) => n >= maxLen * 0.75).length >= keptLens.length * 0.5;
  for (const l of lines) {
    if (l.reason) { if (cur) out.push(cur); cur = null; prev = l; continue; }
    const continues = cur && prev && !prev.reason && !l.blankBefore && !TERMINAL.test(prev.text) &&
      (LOWER_START.test(l.text) || (wrapped && prev.end - prev.start >= maxLen * 0.75));
    if (cur && continues) cur = { start: cur.start, end: l.end };
    else {
      if (cur) out.push(cur);
      cur = { start: l.start, end: l.end };
    }
    prev = l;
  }
  if (cur) out.push(cur);
  return out;
}

const HAS_WORD = /[\p{L}\p{N}]/u;

/** Marks the boilerplate lines in place. */
function markBoilerplate(lines: Line[]): void {
  for (const l of lines) {
    const st = parseStamp(l.text, l.start) ?? parsePipedStamp(l.text, l.start);
    if (st) { l.stamp = st; l.reason = 'date-stamp'; continue; }
    if (!HAS_WORD.test(l.text)) { l.reason = 'separator'; continue; } // "***", "--", "• • •"
    l.reason = matchRule(l.text) ?? (isKeywordList(l.text) ? 'tags' : null);
  }
  // the headline list under a "Related" / "Read more" header
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].reason !== 'related-header') continue;
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j];
      if (l.reason) { if (l.reason === 'related-header') break; continue; }
      const sh = lineShape(l.text);
      if (!sh.headline || !sh.capStart || isProse(l.text)) break;
      l.reason = 'related';
    }
  }
  markRelatedTail(lines);
}

/**
 * A run of headline-like lines at the end of the page, after the body: links to other stories.
 * Two or more title-case lines, or three or more capitalised short lines, qualify; the run must
 * follow at least one prose line (so a page is never emptied).
 */
function markRelatedTail(lines: Line[]): void {
  const run: Line[] = [];
  let allTitle = true;
  let i = lines.length - 1;
  for (; i >= 0; i--) {
    const l = lines[i];
    if (l.reason) continue;
    const sh = lineShape(l.text);
    if (!sh.headline || !sh.capStart || isProse(l.text)) break;
    run.push(l);
    if (!sh.titleCase) allTitle = false;
  }
  if (run.length < 2 || (!allTitle && run.length < 3)) return;
  let body = false;
  for (; i >= 0; i--) if (!lines[i].reason && isProse(lines[i].text)) { body = true; break; }
  if (!body) return;
  for (const l of run) l.reason = 'related';
}

// ------------------------------------------------------------------ publication date

interface Candidate {
  readonly value: string;
  readonly span: Span | null;
  readonly how: 'stated' | 'inferred';
  readonly by: string;
  /** Where the date came from, for the suspect reason. */
  readonly source: 'text' | 'meta' | 'caller';
  readonly withTime?: boolean;
}

const PUBLISHED_PREFIX = /^(?:first published|published|posted|publication date|date (?:created|published|posted)|date|dated|created|issued)$/;

/** A reference date (page metadata or caller) that lends its year to a dateline without one. */
interface Ref { readonly y: number; readonly mo: number; readonly d: number; readonly by: 'meta' | 'caller' }

function textDate(lines: readonly Line[], text: string, ref: Ref | null): Candidate | null {
  const stamps = lines.filter((l) => l.stamp).map((l) => l.stamp!);
  const published = stamps.find((s) => s.prefix && PUBLISHED_PREFIX.test(s.prefix));
  if (published) return { value: published.date.value, span: published.date.span, how: 'stated', by: 'clean/published-stamp', source: 'text', withTime: published.withTime };
  const plain = stamps.find((s) => !s.prefix);
  if (plain) return { value: plain.date.value, span: plain.date.span, how: 'stated', by: 'clean/date-stamp', source: 'text', withTime: plain.withTime };

  // the dateline of the first body paragraph
  const first = lines.find((l) => !l.reason && isProse(l.text));
  const dl = first ? parseDateline(text.slice(first.start, Math.min(first.end, first.start + 200)), first.start) : null;
  if (dl && dl.year) return { value: dl.value, span: dl.span, how: 'stated', by: 'clean/dateline', source: 'text' };

  // a place-and-date line or a dated byline above the body ("Jakarta, Indonesia, Nov 30, 2015")
  const firstBody = first ? first.start : Infinity;
  for (const l of lines) {
    if (l.start >= firstBody) break;
    if (!l.reason) {
      const pd = parsePlaceDateLine(l.text, l.start);
      if (pd) return { value: pd.value, span: pd.span, how: 'stated', by: 'clean/dateline', source: 'text' };
    } else if (l.reason === 'byline') {
      const d = fullDates(l.text, l.start)[0];
      if (d) return { value: d.value, span: d.span, how: 'stated', by: 'clean/byline-date', source: 'text' };
    }
  }
  const updated = stamps[0];
  if (updated) return { value: updated.date.value, span: updated.date.span, how: 'stated', by: 'clean/updated-stamp', source: 'text', withTime: updated.withTime };

  // a dateline without a year: the year that puts it on or just before the page or caller date
  if (dl && ref) {
    const after = dl.month > ref.mo || (dl.month === ref.mo && dl.day > ref.d + 1);
    const y = after ? ref.y - 1 : ref.y;
    return { value: ymd(y, dl.month, dl.day), span: dl.span, how: 'inferred', by: `clean/dateline+year-from-${ref.by}`, source: 'text' };
  }
  return null;
}

// ------------------------------------------------------------------ suspect check

/** A page date this many days after the end of the latest year the body names is suspect. */
export const STALE_YEAR_DAYS = 365;
/** Dates written without a year are recent: farther than this from the page date, all of them, is suspect. */
export const STALE_YEARLESS_DAYS = 100;

interface Suspect { reason: string; span: Span | null }

/**
 * Whether a page date looks like a crawl or update date rather than the date of writing:
 *  - the body's dated anchors (full dates, month-and-year) all end more than a year before it, no
 *    year near the page date is named (a 2021 page over "In September 2016, …"), and nothing
 *    tells the story's own present: no cue such as "on Tuesday", "yesterday", "this week", no
 *    month-day without a year near the page date (with one, the old dates are background);
 *  - without such anchors: two or more years named, all two or more years before the page date,
 *    and again no present cue nor recent month-day;
 *  - the body says "last year" or "this year" next to an explicit year that does not fit it;
 *  - every date the body gives without a year lies more than ~3 months from it: writers leave the
 *    year out only for recent dates, so "on September 17" in a page dated 23 January is old news.
 */
export function checkSuspect(published: string, body: readonly Span[], text: string): Suspect | null {
  const p = parseYmd(published);
  if (!p) return null;
  const years: { year: number; span: Span }[] = [];
  const anchors: { end: { y: number; mo: number; d: number }; label: string; span: Span }[] = [];
  const yearless: FoundDate[] = [];
  const rels: { rel: number; span: Span }[] = [];
  let present = false;
  for (const b of body) {
    const t = text.slice(b.start, b.end);
    years.push(...yearMentions(t, b.start));
    for (const d of fullDates(t, b.start)) anchors.push({ end: { y: d.year!, mo: d.month, d: d.day }, label: text.slice(d.span.start, d.span.end), span: d.span });
    for (const m of monthYears(t, b.start)) {
      anchors.push({ end: { y: m.year, mo: m.month, d: new Date(Date.UTC(m.year, m.month, 0)).getUTCDate() }, label: text.slice(m.span.start, m.span.end), span: m.span });
    }
    yearless.push(...yearlessDates(t, b.start));
    rels.push(...relativeYears(t, b.start));
    present ||= hasPresentCue(t);
  }
  const recentYear = years.some((y) => y.year >= p.y - 1) || anchors.some((a) => a.end.y >= p.y - 1);
  // a month-day without a year close to the page date ("on March 8" in a March 10 page) places the
  // story at the page date as firmly as a weekday does
  const nearYearless = yearless.some((d) => [p.y - 1, p.y, p.y + 1].some((y) =>
    Math.abs(daysBetween({ y, mo: d.month, d: d.day }, p)) <= STALE_YEARLESS_DAYS));
  // old dated anchors are background when the story also tells its own present ("on Thursday",
  // "this week", a recent month-day): only a page whose every date is old is suspect
  if (anchors.length && !recentYear && !present && !nearYearless) {
    const latest = anchors.reduce((a, b) => (daysBetween(a.end, b.end) > 0 ? b : a));
    if (daysBetween(latest.end, p) > STALE_YEAR_DAYS) {
      return {
        reason: `every date the body gives is more than a year before the page date ${published} (latest: ${latest.label})`,
        span: latest.span,
      };
    }
  }
  if (!anchors.length && !present && !recentYear && !nearYearless) {
    const distinct = new Set(years.map((y) => y.year));
    if (distinct.size >= 2) {
      const latest = years.reduce((a, b) => (b.year > a.year ? b : a));
      return {
        reason: `every year the body names is well before the page date ${published} (latest: ${latest.year})`,
        span: latest.span,
      };
    }
  }
  for (const r of rels) {
    // an explicit year in the same clause: "last year (2016)", "in 2016, last year"
    const near = years.filter((y) => Math.abs(y.span.start - r.span.start) <= 40 &&
      !/[.!?]\s/.test(text.slice(Math.min(y.span.end, r.span.end), Math.max(y.span.start, r.span.start))));
    for (const y of near) {
      const expect = p.y + r.rel;
      if (y.year !== expect && Math.abs(y.year - expect) >= 2) {
        return {
          reason: `the body says "${text.slice(r.span.start, r.span.end)}" of ${y.year}, far from the page date ${published}`,
          span: r.span,
        };
      }
    }
  }
  if (yearless.length && !recentYear) {
    let best = Infinity;
    for (const d of yearless) {
      for (const y of [p.y - 1, p.y, p.y + 1]) {
        best = Math.min(best, Math.abs(daysBetween({ y, mo: d.month, d: d.day }, p)));
      }
    }
    if (best > STALE_YEARLESS_DAYS) {
      const shown = yearless.slice(0, 3).map((d) => `"${text.slice(d.span.start, d.span.end)}"`).join(', ');
      return {
        reason: `the body's dates without a year (${shown}) all lie ${best}+ days from the page date ${published}; ` +
          'a writer leaves the year out only for recent dates, so the page date is likely a crawl or update date',
        span: yearless[0].span,
      };
    }
  }
  return null;
}

// ------------------------------------------------------------------ the whole

const msg = (code: Message['code'], level: Message['level'], message: string, span: Span | null): Message =>
  ({ code, level, message, stage: 'clean', span });

export function cleanText(input: CleanInput): CleanResult {
  const { text } = input;
  const lines = splitLines(text);
  markBoilerplate(lines);
  const body = paragraphs(lines);
  const removed = lines.filter((l) => l.reason).map((l) => ({ span: { start: l.start, end: l.end }, reason: l.reason! }));

  const meta = input.publishedMeta && parseYmd(input.publishedMeta) ? input.publishedMeta : null;
  const caller = input.published && parseYmd(input.published) ? input.published : null;
  const refDate = meta ?? caller;
  const rp = refDate ? parseYmd(refDate) : null;
  let cand = textDate(lines, text, rp ? { ...rp, by: meta ? 'meta' : 'caller' } : null);
  if (!cand && meta) cand = { value: meta, span: null, how: 'stated', by: 'clean/meta', source: 'meta' };
  if (!cand && caller) cand = { value: caller, span: null, how: 'stated', by: 'clean/caller', source: 'caller' };

  const messages: Message[] = [];
  let published: Value<string> | null = null;
  let publishedSuspect: CleanLayer['publishedSuspect'] = null;
  if (!cand) {
    messages.push(msg('E010_NO_PUBLISHED', 'info', 'no publication date in the text, the page metadata or the options', null));
  } else {
    published = { value: cand.value, span: cand.span, how: cand.how, by: cand.by };
    // only the page's own date is checked: not the caller's, nor a dateline whose year is the caller's
    if (cand.source !== 'caller' && !cand.by.endsWith('year-from-caller')) {
      const s = checkSuspect(cand.value, body, text);
      if (s) {
        const stampNote = cand.withTime ? ' (a time-stamped page header, as pages print when rendered or updated)' : '';
        publishedSuspect = { reason: s.reason + stampNote, span: s.span };
        messages.push(msg('E009_PUBLISHED_SUSPECT', 'warning', `publication date ${cand.value} (${cand.by}) is suspect: ${s.reason}`, s.span));
      }
    }
  }
  return { layer: { body, removed, published, publishedSuspect }, messages };
}
