/**
 * Choosing an event's date among the time expressions around it (for the arguments stage).
 *
 * 1. Only DATE and TIME mentions with a calendar value count (not durations, frequencies,
 *    PRESENT_REF/PAST_REF, nor unresolved ones).
 * 2. Background dates are skipped: a date introduced by "since", "until", "before", "prior to",
 *    "as of", or following "born", "founded", "established", "formed", "elected" in its clause
 *    ("fighting since 2011" does not date the attack), and a day in a clause about what is yet to
 *    come ("would be arraigned on Thursday"); so are reporting periods ("the deadliest
 *    month of the year", "the year-ago quarter": parsers/periods.ts).
 * 3. In the event's own sentence, the most precise date wins (day, then week, month, season, year),
 *    then the nearest to the trigger (`offset`) — stated. A date of the telling ("the monitor said
 *    on Thursday that troops had set up a post on Tuesday") ranks below any day, week or month of
 *    what is told. A distance with after/before between that date and the trigger moves it ("on
 *    Monday, two days after gunmen killed them" → Monday − 2; shiftedByDistance) — inferred.
 * 4. Else the nearest earlier sentence of the same paragraph that has one (news carries a date
 *    forward: "On Monday, … . The militants then …"; a sentence with "then", "later", "afterwards"…
 *    looks back across paragraph breaks too: times/pick:sequel), then the first day-precise date of the
 *    article's opening (the first four paragraphs: a headline, a kicker or a byline may come
 *    before the lede) — inferred.
 * 5. The page's own date printed in a dateline ("BAGHDAD, Feb 8, 2024 - A drone strike … on
 *    Wednesday night") dates the report, not the event: it is used only when nothing else is.
 *
 * The date handed back is a calendar date the output can carry: a TIME's day ("Wednesday night"
 * → 2024-02-07), a week's month (the month of its Thursday), a quarter's or season's year; the
 * precision stays the mention's.
 */
import type { Sentence, TimeMention } from '../../model/document.js';
import { addDays, fmtDay, fmtMonth, parseYmd } from './calendar.js';
import { parseAnchor } from './narrative.js';

export interface EventDatePick {
  readonly time: TimeMention;
  readonly how: 'stated' | 'inferred';
  /** Rule id: times/pick:same-sentence | times/pick:paragraph | times/pick:sequel | times/pick:lede | times/pick:dateline. */
  readonly by: string;
}

const RANK: Record<string, number> = { day: 0, week: 1, month: 2, season: 3, year: 4, decade: 5 };
const BACKGROUND_BEFORE = /(?:\b(?:since|until|till|before|prior\s+to|as\s+of|by\s+the\s+end\s+of)\s+(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?$)|(?:\b(?:born|founded|established|formed|elected|created|built|launched|began|started)\b[^.;]{0,30}$)/i;

export function usableDate(t: TimeMention): boolean {
  return (t.type === 'DATE' || t.type === 'TIME') && t.value !== null && /^\d{4}/.test(t.value) && calendarValue(t.value) !== null;
}

/** A day in a clause about what is yet to come ("would be arraigned on Thursday", "is due in court on Monday"). */
const FUTURE_BEFORE = /\b(?:will|would|shall|(?:is|are|was|were)\s+(?:due|expected|scheduled|set)\s+to)\s+(?:[\p{L}-]+\s+){0,4}?(?:on\s+|by\s+|next\s+)?$/iu;
/** A day inside a relative clause in the pluperfect ("a man who had fallen to his death on Saturday"): an earlier event's. */
const EARLIER_CLAUSE_BEFORE = /\b(?:who|which|that)\s+had\s+(?:[\p{L}'’-]+\s+){1,10}?(?:on|in|at|late|early)?\s*$/iu;
export function isBackground(text: string, t: TimeMention): boolean {
  const before = text.slice(Math.max(0, t.span.start - 50), t.span.start);
  // (EARLIER_CLAUSE_BEFORE spans words only: no comma or clause break between "who had" and the day)
  return BACKGROUND_BEFORE.test(before) || FUTURE_BEFORE.test(before) || EARLIER_CLAUSE_BEFORE.test(before);
}

const isDateline = (t: TimeMention): boolean => t.by.endsWith('+dateline');

/** A reporting period ("the year", "the year-ago quarter", "the fiscal year"): what a figure covers, not when something happened. */
const isReportingPeriod = (t: TimeMention): boolean => t.by.startsWith('times/report-period');

/** A date of the telling ("the monitor said on Thursday", "told reporters Tuesday"), not of the told. */
const SPEECH_BEFORE = /\b(?:said|says|told(?:\s+[\w'’-]+){0,4}|announced|reported|stated|confirmed|added|claimed|denied|warned|statement|news\s+conference)\s+(?:late\s+|early\s+)?(?:on\s+)?$/i;
export function isSpeechDate(text: string, t: TimeMention): boolean {
  return SPEECH_BEFORE.test(text.slice(Math.max(0, t.span.start - 50), t.span.start));
}

/** The calendar date a TIMEX3 value names, as the output carries it (YYYY-MM-DD, YYYY-MM or YYYY). */
export function calendarValue(value: string): string | null {
  const a = parseAnchor(value);
  if (!a) return null;
  if (a.precision === 'day') return value.slice(0, 10);
  if (a.precision === 'week' && a.w !== undefined) {
    const jan4 = { y: a.y, m: 1, d: 4 };
    const wd = new Date(Date.UTC(a.y, 0, 4)).getUTCDay() || 7;
    const thursday = addDays(jan4, (a.w - 1) * 7 - (wd - 1) + 3);
    return fmtMonth(thursday.y, thursday.m);
  }
  if (a.precision === 'month') return value;
  return String(a.y).padStart(4, '0');
}

const asDate = (t: TimeMention): TimeMention =>
  (calendarValue(t.value!) === t.value ? t : { ...t, value: calendarValue(t.value!) });

/** The dates that can date an event, once per article (the times layer is frozen; events ask one after another). */
const usableCache = new WeakMap<readonly TimeMention[], { text: string; usable: TimeMention[] }>();
function usableTimes(text: string, times: readonly TimeMention[]): TimeMention[] {
  const hit = usableCache.get(times);
  if (hit && hit.text === text) return hit.usable;
  const usable = times.filter((t) => usableDate(t) && !isBackground(text, t) && !isReportingPeriod(t));
  usableCache.set(times, { text, usable });
  return usable;
}

/** "two days after", "a week before": a distance in days or weeks followed by after/before. */
const DISTANCE_VALUE = /^P(\d+)([DW])$/;
const AFTER_BEFORE = /^\s+(after|before)\b/i;

/**
 * "… buried their dead on Monday, two days after jihadists killed them": when a day-precise date
 * comes before the trigger and a distance ("two days", "a week") followed by "after"/"before"
 * stands between them, the event is that far from the date (Monday − 2 days). The mention handed
 * back spans the distance and its preposition; null when the pattern is not there.
 */
export function shiftedByDistance(text: string, times: readonly TimeMention[], date: TimeMention, offset: number): TimeMention | null {
  if (date.precision !== 'day' || date.span.end > offset) return null;
  const day = parseYmd(calendarValue(date.value!));
  if (!day) return null;
  for (const t of times) {
    if (t.type !== 'DURATION' || t.sentence !== date.sentence || t.span.start < date.span.end || t.span.end > offset || !t.value) continue;
    const dm = DISTANCE_VALUE.exec(t.value);
    const pm = dm ? AFTER_BEFORE.exec(text.slice(t.span.end, t.span.end + 12)) : null;
    if (!dm || !pm || t.span.end + pm[0].length > offset) continue;
    // nothing but the distance between the date and it: "on Monday, two days after" (not a later clause's date)
    if (/[.;!?]/.test(text.slice(date.span.end, t.span.start)) || t.span.start - date.span.end > 40) continue;
    const n = Number(dm[1]) * (dm[2] === 'W' ? 7 : 1);
    const shifted = addDays(day, pm[1]!.toLowerCase() === 'after' ? -n : n);
    const end = t.span.end + pm[0].length;
    return { ...date, span: { start: t.span.start, end }, text: text.slice(t.span.start, end), value: fmtDay(shifted), relative: true, by: `${date.by}+distance` };
  }
  return null;
}

/** A sentence that goes on from the last told event ("… then shelled", "later", "afterwards"). */
const SEQUEL = /\b(?:then|later|afterwards|subsequently|shortly\s+after(?:wards)?|soon\s+after(?:wards)?|in\s+response)\b/i;

export function pickEventDate(
  text: string,
  times: readonly TimeMention[],
  sentences: readonly Sentence[],
  at: { readonly sentence: number; readonly offset?: number },
): EventDatePick | null {
  const usable = usableTimes(text, times);
  const ok = usable.filter((t) => !isDateline(t));
  const best = (cands: TimeMention[], offset?: number): TimeMention | null => {
    let b: TimeMention | null = null, bk = Infinity;
    for (const t of cands) {
      const dist = offset === undefined ? t.span.start : Math.abs(t.span.start - offset);
      // in a sentence, a date of the telling ranks with a season: any day, week or month of what is told wins
      const k = ((RANK[t.precision ?? 'year'] ?? 6) + (isSpeechDate(text, t) ? 3 : 0)) * 1e7 + dist;
      if (k < bk) { b = t; bk = k; }
    }
    return b;
  };
  const same = best(ok.filter((t) => t.sentence === at.sentence), at.offset);
  if (same) {
    const shifted = at.offset === undefined ? null : shiftedByDistance(text, times, same, at.offset);
    if (shifted) return { time: shifted, how: 'inferred', by: 'times/pick:same-sentence+distance' };
    return { time: asDate(same), how: 'stated', by: 'times/pick:same-sentence' };
  }
  const sent = sentences.find((s) => s.index === at.sentence);
  if (sent) {
    // "Israeli artillery then shelled …" opening a paragraph: the story goes on from the day last told,
    // across the paragraph break
    const sequel = SEQUEL.test(text.slice(sent.span.start, sent.span.end));
    for (let i = at.sentence - 1; i >= 0; i--) {
      const s = sentences.find((x) => x.index === i);
      if (!s || (s.paragraph !== sent.paragraph && !sequel)) break;
      const t = best(ok.filter((x) => x.sentence === i));
      if (t) return { time: asDate(t), how: 'inferred', by: s.paragraph === sent.paragraph ? 'times/pick:paragraph' : 'times/pick:sequel' };
    }
  }
  // the opening: the first day-precise date of the first four paragraphs (headline, byline, lede…)
  const paragraphOf = new Map(sentences.map((s) => [s.index, s.paragraph]));
  const opening = [...new Set(sentences.map((s) => s.paragraph))].slice(0, 4);
  const lede = ok.filter((t) => t.precision === 'day' && opening.includes(paragraphOf.get(t.sentence) ?? -1))
    .sort((a, b) => a.span.start - b.span.start)[0];
  if (lede) {
    return { time: asDate(lede), how: 'inferred', by: 'times/pick:lede' };
  }
  const dateline = usable.find(isDateline);
  if (dateline) return { time: asDate(dateline), how: 'inferred', by: 'times/pick:dateline' };
  return null;
}
