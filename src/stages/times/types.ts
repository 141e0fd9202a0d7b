/** Shared shapes of the times engine: candidates, parsers, refiners and the parsing context. */
import type { DatePrecision, TimexType } from '../../model/taxonomy.js';
import type { Ymd } from './calendar.js';
import type { TimeLexicon } from './lexicon.js';

/** A time expression found by a parser, with its TIMEX3 type and value (offsets into the article). */
export interface Candidate {
  start: number;
  end: number;
  type: TimexType;
  /** TIMEX3 value, or null when it needs the publication date and there is none. */
  value: string | null;
  precision: DatePrecision | null;
  /** Computed against the publication date. */
  relative: boolean;
  /** Rule id, "times/<parser>[:<variant>]". */
  by: string;
  /** TIMEX3 mod (START, MID, END, APPROX, …), kept for the record; not part of the value. */
  mod?: string;
  /** Internal: the calendar day the value denotes when it is day-precise (for merges with times). */
  day?: Ymd;
  /** Internal: a bare weekday (merge target for "Tuesday, Sept. 1"). */
  weekday?: number;
  /** Internal: a clock time without a stated day ("8 p.m."), to merge with an adjacent day. */
  clock?: { h: number; min: number | null };
  /** Internal: a part of the day without a stated day ("in the morning", "at midday"): its TIMEX3 code (MO, AF, 12:00). */
  dayPart?: string;
  /**
   * Internal: the expression is anchored on the time the narrative is at, not on the DCT ("the
   * following year", "that day", "a year earlier"): `unit` and shift `n` (0: the same period);
   * `part` a part of the day ("the next morning"). Resolved by ../narrative.ts after the parsers;
   * `value` holds the DCT-based fallback meanwhile.
   */
  narrative?: {
    unit: 'D' | 'W' | 'M' | 'Q' | 'Y'; n: number; part?: string; keep?: boolean;
    /** 'Q': the period a results story is about: the latest quarter named before wins over nearer dates. */
    prefer?: 'Q';
    /** Only the preferred kind of anchor counts (else the DCT-based value stays). */
    strict?: boolean;
    /** The year is stated ("the 2019 quarter"): only the quarter comes from the anchor. */
    year?: number;
  };
}

export interface TimeContext {
  /** The whole article text (offsets point into it). */
  readonly text: string;
  /** Publication date (document creation time), or null. */
  readonly dct: Ymd | null;
  readonly lex: TimeLexicon;
}

/** A parser: one concern; finds candidates in one body segment (`offset` = its start in the text). */
export interface TimeParser {
  readonly id: string;
  /**
   * Cheap test a segment must pass before the parser runs (the segment's text, the registered
   * keywords it contains, ./parsers/keywords.ts); a pattern it tests the text with ignores case.
   */
  readonly prefilter?: (segment: string, hits: Uint8Array) => boolean;
  /** `hits`: the segment's keyword hits, when the engine has them. */
  scan(ctx: TimeContext, segment: string, offset: number, hits?: Uint8Array): Candidate[];
}

/** A refiner: takes all candidates of a segment, returns the refined list. */
export interface TimeRefiner {
  readonly id: string;
  refine(ctx: TimeContext, cands: Candidate[], segment: { start: number; end: number }): Candidate[];
}
