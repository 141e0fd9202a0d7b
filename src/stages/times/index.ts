/**
 * Stage "times": every time expression of the body, normalised TempEval-3 style (TIMEX3 type and
 * value) against the publication date (DCT), read the way news means it (docs: README.md here).
 *
 * reads: clean (body segments, published), sentences (to number each mention's sentence)
 * writes: times
 */
import type { Document, Sentence, TimeMention } from '../../model/document.js';
import { defineStage, type Context } from '../../pipeline/stage.js';
import { parseYmd, type Ymd } from './calendar.js';
import { runEngine, type Segment } from './engine.js';
import { timeLexicon } from './lexicon.js';
import { agoParser } from './parsers/ago.js';
import { chronoParser } from './parsers/chrono.js';
import { deicticParser } from './parsers/deictic.js';
import { dayPartParser } from './parsers/dayparts.js';
import { durationParser, longParser } from './parsers/durations.js';
import { holidayParser } from './parsers/holidays.js';
import { dayMonthRelYearParser, monthParser, monthSetParser } from './parsers/months.js';
import { dayRangeParser, yearRangeParser } from './parsers/ranges.js';
import { periodEdgeParser } from './parsers/period-edges.js';
import { quarterParser, quarterRelParser } from './parsers/quarters.js';
import { reportPeriodParser } from './parsers/periods.js';
import { adjectiveRefParser, refParser } from './parsers/refs.js';
import { relativeUnitParser, weekendParser } from './parsers/relative.js';
import { seasonParser } from './parsers/seasons.js';
import { setPhraseParser, setRateParser } from './parsers/sets.js';
import { weekdayParser } from './parsers/weekdays.js';
import { centuryParser, decadeParser, spelledYearParser, yearParser } from './parsers/years.js';
import { narrativeParser, resolveNarrative } from './narrative.js';
import { mergeRefiner } from './refiners/merges.js';
import { modifierRefiner } from './refiners/modifiers.js';
import { overlapRefiner } from './refiners/overlap.js';
import type { Candidate, TimeParser, TimeRefiner } from './types.js';

export { pickEventDate, type EventDatePick } from './pick-date.js';

/** Parser order is priority on equal-length overlaps. */
export const TIME_PARSERS: readonly TimeParser[] = [
  dayMonthRelYearParser, chronoParser, weekdayParser, monthParser, monthSetParser, holidayParser, dayRangeParser, yearRangeParser, quarterParser, quarterRelParser, reportPeriodParser, periodEdgeParser, deicticParser,
  dayPartParser, agoParser, narrativeParser, relativeUnitParser, weekendParser, seasonParser, decadeParser, centuryParser, yearParser, spelledYearParser,
  setRateParser, setPhraseParser, durationParser, longParser, refParser, adjectiveRefParser,
];
export const TIME_REFINERS: readonly TimeRefiner[] = [overlapRefiner, mergeRefiner, modifierRefiner, overlapRefiner];

/** The publication date the times resolve against: the clean stage's, else the caller's. */
export function publicationDate(doc: Document, ctx?: Context): Ymd | null {
  return parseYmd(doc.layers.clean?.published?.value ?? ctx?.options.published ?? doc.article.published ?? null);
}

/** Time expressions of `text` (within `segments`, default the whole text) against `dct`. */
export function findTimes(text: string, dct: Ymd | null, segments?: readonly Segment[]): Candidate[] {
  const ctx = { text, dct, lex: timeLexicon() };
  return resolveNarrative(ctx, runEngine(ctx, segments ?? [{ start: 0, end: text.length }], TIME_PARSERS, TIME_REFINERS));
}

function sentenceOf(sentences: readonly Sentence[], pos: number): number {
  let lo = 0, hi = sentences.length - 1, ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid]!.span.start <= pos) { ans = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return ans < 0 ? (sentences.length ? 0 : -1) : sentences[ans]!.index;
}

export const timesStage = defineStage({
  name: 'times',
  reads: ['clean', 'sentences'],
  writes: ['times'],
  run: (doc, ctx) => {
    const body = doc.layers.clean?.body ?? [];
    const segments = body.length ? body : [{ start: 0, end: doc.text.length }];
    const sentences = doc.layers.sentences ?? [];
    // the page's own date in the body (a dateline "BAGHDAD, Feb 8, 2024 -") dates the report, not
    // what it reports: marked so that choosing an event's date passes over it (pick-date.ts)
    const pub = doc.layers.clean?.published?.span ?? null;
    const times: TimeMention[] = findTimes(doc.text, publicationDate(doc, ctx), segments).map((c) => ({
      span: { start: c.start, end: c.end },
      text: doc.text.slice(c.start, c.end),
      sentence: sentenceOf(sentences, c.start),
      type: c.type,
      value: c.value,
      precision: c.precision,
      relative: c.relative,
      by: pub && c.start < pub.end && pub.start < c.end ? `${c.by}+dateline` : c.by,
    }));
    return { layers: { times } };
  },
});
