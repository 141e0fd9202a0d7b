/**
 * Document-level event detection over sentences: where events are (triggers + modality), what
 * they are (classify.ts), which are background, merging of repeated mentions of one event, and
 * the order (most important first: ACLED-typed before PLOVER-only, news before background).
 */
import type { ActorMention, EventMention, PlaceMention, TimeMention } from '../../model/document.js';
import type { Span } from '../../model/span.js';
import { eventTypeOf, type EventType, type PloverEvent, type SubEventType } from '../../model/taxonomy.js';
import { analyzeSentence, CROWD_VIOLENCE_RE, type AcledDecision, type Agent } from './classify.js';
import { groupIndex, matchSentence, type Lexicons, type TriggerMatch } from './lexicon.js';
import type { Model } from './model.js';
import { ploverFor } from './plover-map.js';
import { isBackground as isBackgroundDate } from '../times/pick-date.js';

export interface DetectInput {
  readonly text: string;
  readonly sentences: readonly { readonly index: number; readonly span: Span; readonly paragraph?: number }[];
  readonly places?: readonly PlaceMention[];
  readonly times?: readonly TimeMention[];
  /** The actors layer: who takes a town decides the territory sub-type. */
  readonly actors?: readonly ActorMention[];
  /** Publication date (YYYY-MM-DD) or null. */
  readonly published?: string | null;
  /** True when the publication date looks like a crawl or update date (clean layer). */
  readonly publishedSuspect?: boolean;
}

/**
 * Texts up to this length in one or two paragraphs are notes or snippets: every trigger counts,
 * generic ones too. A short text of more paragraphs (a title, a dateline lead, more paragraphs:
 * a wire brief) is an article.
 */
const SHORT_DOC = 1200;
const SHORT_DOC_PARAGRAPHS = 2;
/**
 * A date, or a time that names its day ("Friday evening" is TIME 2019-10-18TEV in TIMEX3 terms); a
 * clock time alone ("shortly before noon", "at 9:30 pm") goes on with the day already told.
 */
const NAMED_DAY_RE = /\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|tonight|overnight|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b)/i;
const dated = (t: TimeMention): boolean => t.type === 'DATE'
  || (t.type === 'TIME' && t.value !== null && /^\d{4}-\d\d-\d\d/.test(t.value) && NAMED_DAY_RE.test(t.text));
const QUOTES = new Set(['"', '“', '”', "'", '‘', '’']);
/** A count of the dead or wounded ("three employees … were killed", "killing 12", "left 40 dead"). */
const TOLL_RE = /\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|scores|hundreds)\b(?:\s+[\p{L}-]+){0,6}?\s+(?:were|was|had\s+been|have\s+been)\s+(?:killed|shot\s+dead|wounded|injured)\b|\b(?:killing|wounding|injuring|killed|left)\s+(?:at\s+least\s+|more\s+than\s+|some\s+|about\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|scores|hundreds)\b/iu;
/** Model probability of an event enough for a sentence that counts its own dead, dates and places itself. */
const MIN_EVENT_TOLL = 0.05;
/** An act told as new ("a strike on …", "another attack"), not one already reported. */
const ANOTHER_ACT_RE = /\b(?:a|an|another|one|two|three|second|separate)\s+(?:[\p{L}-]+\s+){0,2}?(?:strikes?|attacks?|raids?|explosions?|blasts?|bombings?|ambush(?:es)?|assaults?|shelling)\s+(?:on|in|at|near|against|hit|struck|killed|targeted)\b/iu;
/** "X said/told … had been": reported speech backshifts the tense of what happened. */
const REPORTED_PLUPERFECT_RE = /\b(?:said|says|told|reported|added|stated|announced|confirmed|according\s+to)\b[^.;]{0,80}\bhad\s+been\b|\bhad\s+been\b[^.;]{0,120}\b(?:said|says|told|reported|added|according\s+to)\b/i;
/** Kinds of actor whose killing is an act of violence (not a toll of victims). */
const ARMED_DOER = new Set(['military', 'police', 'rebel', 'militia', 'terrorist', 'unknown', 'rioters']);
/** Words of a place taken by force. */
const TAKEN_RE = /^(?:re-?captur(?:ed|es)|captur(?:ed|es)|overr(?:an|un)|seiz(?:ed|es)|retook|took\s+(?:over|control|back)|taken\s+(?:over|control|back)|fell\s+to)/i;
/** People arrested in numbers ("detained hundreds of", "arrested 945 people"). */
const ARRESTS_COUNT_RE = /\b(?:arrested|detained|rounded\s+up|took\s+into\s+custody)\s+(?:at\s+least\s+|more\s+than\s+|about\s+|some\s+|over\s+|nearly\s+)?(?:\d[\d,]*|dozens|hundreds|thousands|scores|several|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/i;
/** A claim of responsibility. */
const CLAIM_RE = /\b(?:claim(?:ed|s|ing)?\s+(?:responsibility|credit)|(?:took|takes|taken)\s+responsibility|claimed\s+(?:the|an|a|both|two|three)\s+(?:\w+\s+){0,2}?(?:attacks?|bombings?|killings?|assaults?|strikes?|raids?|ambush(?:es)?))\b/i;
/** Words of the act of protesting (not "banners", "petition", "blocked"). */
const PROTEST_ACT_RE = /^(?:protest(?:ed|ing)?|demonstrat(?:ed|ing)|demonstrations?|march(?:ed|es|ing)?|rall(?:y|ies|ied|ying)|sit-?ins?|took\s+to\s+the\s+streets?)$/i;
/** Minimum model probability of "an event" (1 - P(NONE)). */
const MIN_EVENT = 0.5;
/** The same for a sentence with a specific trigger, its own place and its own date. */
const MIN_EVENT_CONCRETE = 0.3;
/** Confidence floor of an event whose rule trigger states its type, with its own place and date. */
const STATED_CONFIDENCE = 0.3;

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec';
const DATE_RE = new RegExp(`\\b(?:(?:${MONTHS})\\.?\\s+\\d{1,2}\\b|\\d{1,2}\\s+(?:${MONTHS})\\b|(?:in|on|since|during)\\s+(?:early\\s+|late\\s+|mid-?)?(?:${MONTHS}|(?:19|20)\\d\\d)\\b|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|last\\s+(?:week|month|year|night)|this\\s+(?:week|month|morning)|(?:19|20)\\d\\d)`, 'i');
const PLACE_RE = /\b(?:in|near|at|outside|around|of|from|on)\s+(?:the\s+)?(?:(?:city|town|village|province|district|region|state)\s+of\s+)?[A-Z][\p{L}'’-]+/u;
const BACKGROUND_RE = /\b(?:last\s+year|in\s+(?:early\s+|late\s+|mid-?)?(?:19|20)\d\d|previously|earlier\s+this\s+year|in\s+the\s+past|years?\s+ago|months\s+ago|had\s+been|before\s+that|since\s+(?:19|20)\d\d|a\s+year\s+ago)\b/i;
const YEAR_RE = /\b(19\d\d|20\d\d)\b/g;
/** A dateline before the lead: an upper-case place, optional country/date/agency, then a dash. */
const DATELINE_RE = /^\s*\p{Lu}[\p{Lu}'’.-]{2,}(?:\s+\p{Lu}[\p{Lu}'’.-]+){0,3}(?:,\s*[^\n–—]{0,80}?|\s*\([^)]{1,30}\))?\s+[-–—]{1,2}\s+(?=\S)/u;

interface Cand {
  sentence: number;
  evidence: Span;
  trigger: Span;
  acled: AcledDecision | null;
  plover: { event: PloverEvent; mode: string | null } | null;
  confidence: number;
  background: boolean;
  concrete: boolean;
  /** Date signature: year-month values of the sentence's dates (to keep distinct events apart). */
  dates: string[];
  /** Points of the settlements the sentence names (to keep events in different places apart). */
  points: [number, number][];
  /** Points of the provinces and districts it names (no settlement needed): tells events far apart. */
  regions?: [number, number][];
  info: number;
  /** Country of the actor doing it (the trigger's subject), when known. */
  side: string | null;
  /** From the article's title line (a summary of the lead, not a report of its own). */
  headline?: boolean;
  /** Every free ACLED trigger is generic or a toll verb ("were killed", "the attack"): no act of its own. */
  weak?: boolean;
  /** The sentence claims responsibility for what it tells ("IS claimed the assault on Palma"). */
  claim?: boolean;
  /** An actor does what the trigger names ("militiamen killed six herders"): an act, not a toll alone. */
  doer?: boolean;
  /** The sentence names a place or a date of its own. */
  own?: boolean;
  /** The sentence names a place below the country (not only its dateline's). */
  placed?: boolean;
}

/** Month index (year * 12 + month) of a TIMEX value, with a flag for year-only values. */
function monthIndex(v: string): { m: number; yearOnly: boolean } | null {
  const x = /^(\d{4})(?:-(\d{2})|-W(\d{2}))?/.exec(v);
  if (!x) return null;
  const y = Number(x[1]);
  if (x[2]) return { m: y * 12 + Number(x[2]) - 1, yearOnly: false };
  if (x[3]) return { m: y * 12 + Math.min(11, Math.floor(((Number(x[3]) - 1) * 7) / 30.44)), yearOnly: false };
  return { m: y * 12, yearOnly: true };
}

/** True when a dated value lies clearly before the publication date (more than a month, or an earlier year). */
/** True when a date value (YYYY, YYYY-MM or YYYY-MM-DD) lies wholly after the publication day. */
function isFuture(value: string, published: string): boolean {
  if (!/^\d{4}(?:-\d\d(?:-\d\d)?)?$/.test(value)) return false; // weeks, seasons, quarters: not compared
  return value > published.slice(0, value.length);
}

function isPast(value: string, published: string): boolean {
  const a = monthIndex(value), b = monthIndex(published);
  if (!a || !b) return false;
  if (a.yearOnly) return Math.floor(a.m / 12) < Math.floor(b.m / 12);
  return b.m - a.m > 1;
}

/** Distance in km between two points (haversine). */
function km(a: [number, number], b: [number, number]): number {
  const r = Math.PI / 180;
  const h = Math.sin(((b[0] - a[0]) * r) / 2) ** 2 + Math.cos(a[0] * r) * Math.cos(b[0] * r) * Math.sin(((b[1] - a[1]) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}
/** True when both sentences name settlements and none of one lies within 50 km of any of the other. */
function farApart(a: readonly [number, number][], b: readonly [number, number][]): boolean {
  if (!a.length || !b.length) return false;
  return !a.some((p) => b.some((q) => km(p, q) <= 50));
}
/** Settlements and provinces of two events, none within 300 km of the other's: two events ("in Khartoum" … "in North Darfur"). */
function regionsApart(a: Cand, b: Cand): boolean {
  const pa = [...a.points, ...(a.regions ?? [])], pb = [...b.points, ...(b.regions ?? [])];
  if (!pa.length || !pb.length) return false;
  return !pa.some((p) => pb.some((q) => km(p, q) <= 300));
}

function isHeadlineLike(s: string): boolean {
  if (/[.!?"”’)]\s*$/.test(s)) return false;
  const words = s.split(/\s+/).filter((w) => /^[\p{L}]/u.test(w));
  if (words.length < 3) return false;
  const caps = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return caps / words.length >= 0.6;
}

/** A definite noun phrase right before a trigger ("the Israeli air strike"): a mention of a known event. */
const DEFINITE_RE = /\b(?:the|this|that|these|those|such|its|their|his|her)\s+(?:[\p{L}-]+\s+){0,2}$/iu;
const DETERMINER_RE = /\b(?:the|this|that|these|those|such|its|their|his|her|latest|last)\b[^.,;]{0,25}$/i;
/** A noun of an event named before ("during Tuesday's protests", "the demonstrations", "last week's killings"). */
const NAMED_BEFORE_RE = /(?:\b(?:the|these|those|this|that|its|their)|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|weekend|week|month)['’]s)\s+(?:[\p{L}-]+\s+)?$/iu;
const EVENT_ING_NOUNS = /^(?:fighting|shooting|shelling|bombing|killing|looting|rioting|unrest|violence)$/i;
function namedBefore(s: string, m: TriggerMatch): boolean {
  return (/(?:s|ion)$/i.test(m.text) && !/(?:ed|ing)$/i.test(m.text) || EVENT_ING_NOUNS.test(m.text)) && NAMED_BEFORE_RE.test(s.slice(Math.max(0, m.start - 30), m.start));
}
function isAnaphoric(s: string, m: TriggerMatch): boolean {
  if (/ed$/i.test(m.text)) return false;
  return DETERMINER_RE.test(s.slice(Math.max(0, m.start - 30), m.start));
}

/** Weapon platforms and participants ("fighter jets", "gunmen"): a trigger span only when nothing names the act. */
const ASSET_RE = /(?:jets?|planes?|gunships?|bombers|fighters?|aircraft|drones?|uavs?|vehicles?|gunmen|assailants|attackers|men|bandits)$/i;

/** Words that make an actor non-state whatever its kind. */
const NONSTATE_NAME_RE = /\b(?:rebels?|insurgents?|militants?|militias?|militiamen|jihadists?|guerrillas?|separatists?)\b/i;

/** Words for the dead and hurt ("buried their dead", "bodies"): a trigger only when no verb names the act. */
const TOLL_NOUN_RE = /^(?:dead|deaths?|bod(?:y|ies)|casualties|fatalities|injuries|wounded|injured)$/i;

/** People taking part ("seven protesters were also killed"): who, not what happened. */
const PARTICIPANT_RE = /^(?:protest(?:ers|ors)|demonstrators|rioters|marchers)$/i;

/** Sub-types the model gives loosely worded sentences. */
const CATCH_ALL = new Set<string>(['Attack', 'Other']);

/** Sub-types decided by a territory phrase ("captured", "retook"): that phrase is the trigger. */
const TERRITORY_SUBS = new Set<string>(['Government regains territory', 'Non-state actor overtakes territory', 'Non-violent transfer of territory']);

/** article: a full article (the preferences for the word that names the act apply there; notes keep the model's order). */
function pickTrigger(matches: readonly TriggerMatch[], dec: AcledDecision | null, ploverEvent: PloverEvent | null, article = false): TriggerMatch | null {
  const free = matches.filter((m) => !m.blockedBy);
  if (dec) {
    const all = free.filter((m) => m.entry.kind === 'acled');
    const acts = all.filter((m) => !ASSET_RE.test(m.text));
    const acled = acts.length ? [...acts, ...all.filter((m) => ASSET_RE.test(m.text))] : all;
    const terr = TERRITORY_SUBS.has(dec.sub) ? acled.find((m) => m.entry.id === 'territory') : undefined;
    return terr ?? (article ? acled.find((m) => m.entry.hint === dec.sub && !TOLL_NOUN_RE.test(m.text)) : undefined) ?? acled.find((m) => m.entry.hint === dec.sub)
      ?? acled.find((m) => m.entry.hint && eventTypeOf(m.entry.hint) === dec.type && !m.entry.generic)
      // a toll word ("killed") is what came of the act; another specific word names the act
      ?? (article && dec.type !== 'Violence against civilians' ? acled.find((m) => !m.entry.generic && m.entry.id !== 'kill') : undefined)
      ?? acled.find((m) => !m.entry.generic)
      ?? acled[0] ?? free[0] ?? null;
  }
  return free.find((m) => m.entry.plover === ploverEvent) ?? matches.find((m) => m.entry.plover === ploverEvent) ?? free[0] ?? null;
}

/**
 * The mentions of `list` that start at or after `from` and end by `to`, in the list's own order: a
 * binary search over the mentions sorted by start, instead of a pass over every mention of the article
 * for every sentence (identical result).
 */
/** A decision stated by one of this stage's rules (the model's probabilities kept where there are some). */
function byRule(sub: SubEventType, by: string, pNone: number, model: AcledDecision | null): AcledDecision {
  return { type: eventTypeOf(sub) as EventType, sub, p: model?.p ?? 0, pType: model?.pType ?? 0, pNone, by, how: 'stated' };
}

function spanIndex<T extends { readonly span: Span }>(list: readonly T[]): (from: number, to: number) => T[] {
  const order = list.map((x, i) => i).sort((a, b) => list[a]!.span.start - list[b]!.span.start || a - b);
  const starts = order.map((i) => list[i]!.span.start);
  return (from, to) => {
    let lo = 0, hi = starts.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (starts[mid]! < from) lo = mid + 1; else hi = mid; }
    const hit: number[] = [];
    for (let k = lo; k < starts.length && starts[k]! < to; k++) if (list[order[k]!]!.span.end <= to) hit.push(order[k]!);
    if (hit.length > 1) hit.sort((a, b) => a - b);
    return hit.map((i) => list[i]!);
  };
}

export function detectEvents(input: DetectInput, model: Model, lex: Lexicons): EventMention[] {
  const { text } = input;
  const short = text.length <= SHORT_DOC && new Set(input.sentences.map((x) => x.paragraph)).size <= SHORT_DOC_PARAGRAPHS;
  const published = input.published ?? null;
  const pubYear = published ? Number(published.slice(0, 4)) : null;
  const sents = input.sentences;
  const anyTimes = (input.times ?? []).some(dated);
  const timesIn = spanIndex(input.times ?? []), placesIn = spanIndex(input.places ?? []), actorsIn = spanIndex(input.actors ?? []);
  const anyPlaces = (input.places ?? []).length > 0;
  let cands: Cand[] = [];
  let lastDated: { paragraph: number; si: number; background: boolean; dates: string[] } | null = null;
  /** clsEnd: classify only the text up to there (the rest gives place and date). */
  const analyzeUnit = (index: number, span: Span, si: number, track = true, clsEnd?: number): Cand | null => {
    const s = text.slice(span.start, span.end);
    if (/\?\s*["”’]?\s*$/.test(s)) return null; // questions
    if (!short && lex.sentenceDropRe?.test(s)) return null; // e.g. a cumulative toll: background, not an event
    if (sents.length > 1 && isHeadlineLike(s)) {
      const prev = sents[si - 1], next = sents[si + 1];
      const listy = (prev && isHeadlineLike(text.slice(prev.span.start, prev.span.end)))
        || (next && isHeadlineLike(text.slice(next.span.start, next.span.end)));
      if (listy || si > 0) return null; // headline lists, and title-like lines after the lead
    }
    // A dateline opening the lead ("CITY, Country, May 3, 2021 (Agency) - ") is no part of the
    // sentence: the model reads a sentence's lead words, and the dateline's would be taken for them;
    // its place and date are the report's, not the event's.
    const dl = DATELINE_RE.exec(s);
    const off = dl ? dl[0].length : 0;
    const body = clsEnd !== undefined ? s.slice(off, clsEnd - span.start) : off ? s.slice(off) : s;
    // "Islamic State on Monday claimed responsibility for the assault on Palma": the day of a claim is
    // not the day of the act claimed (the act is dated where it is told, or by the event it names)
    const claim = short ? null : CLAIM_RE.exec(s);
    const claimEnd = claim ? span.start + claim.index + claim[0].length : -1;
    // (nor a date the times stage reads as background to the act: the start of a period, "have executed 40
    // civilians since January", "since the group began attacking shipping in November")
    const times = timesIn(span.start + off, span.end).filter((t) => dated(t) && !(t.span.end <= claimEnd) && !isBackgroundDate(text, t));
    // (a street the gazetteer does not know, "on Zhylianska Street", places nothing of its own)
    const places = placesIn(span.start + off, span.end).filter((p) => !p.adjectival && p.resolved?.featureClass !== 'C'
      && !(!p.resolved && p.by.startsWith('places/street')));
    const points: [number, number][] = [];
    const regions: [number, number][] = [];
    for (const p of places) {
      const r = p.resolved;
      if (r && r.featureClass === 'P' && r.lat !== null && r.lon !== null) points.push([r.lat, r.lon]);
      else if (r && (r.featureClass === 'A' && !r.featureCode.startsWith('PCL') || r.featureCode === 'RGN') && r.lat !== null && r.lon !== null) regions.push([r.lat, r.lon]);
    }
    // The regex fallbacks stand in for the times/places layers only when those are empty.
    // (the dateline's date still makes the lead concrete: it reports the news of that day)
    const hasDate = times.length > 0 || (off > 0 && timesIn(span.start, span.start + off).some(dated))
      || (!anyTimes && DATE_RE.test(s));
    const hasPlace = places.length > 0 || (!anyPlaces && PLACE_RE.test(s));
    let concrete = hasDate || hasPlace;
    const ownConcrete = concrete;

    // background: a dated sentence well before publication, or past-reference cues.
    // ("the lawmaker said more than 50 people had been killed": the tense of reported speech, not a past event)
    let background = BACKGROUND_RE.test(REPORTED_PLUPERFECT_RE.test(s) ? s.replace(/\bhad\s+been\b/gi, '') : s);
    const dates: string[] = [];
    for (const t of times) {
      if (!t.value || !/^\d{4}/.test(t.value)) continue;
      dates.push(t.value.slice(0, /^\d{4}-\d\d-\d\d/.test(t.value) ? 10 : 7));
      // a date without a year resolved against a suspect page date (a crawl date) says nothing of age
      if (published && isPast(t.value, published) && !(t.relative && input.publishedSuspect)) background = true;
    }
    if (!times.length && pubYear) {
      for (const m of s.matchAll(YEAR_RE)) {
        const y = Number(m[1]);
        if (y < pubYear) { background = true; dates.push(String(y)); }
      }
    } else if (!times.length) {
      for (const m of s.matchAll(YEAR_RE)) dates.push(m[1]);
    }
    // A sentence without a date of its own continues the story of the previous dated sentence
    // of its paragraph ("In early 2018, ... The United States defended the position with ...").
    const para = sents[si]?.paragraph ?? -1;
    if (track) {
      if (!dates.length && !hasDate && lastDated && lastDated.paragraph === para && lastDated.si === si - 1) {
        background = background || lastDated.background;
        dates.push(...lastDated.dates);
        concrete = true;
      }
      if (dates.length || hasDate) lastDated = { paragraph: para, si, background, dates: [...dates] };
      else if (lastDated && lastDated.si === si - 1 && lastDated.paragraph === para) lastDated = { ...lastDated, si };
    }
    let unitActors: ActorMention[] | undefined;
    /** The actor that does what a trigger names: "by X" after it, else the nearest actor before it. */
    const subjectOf = (m: TriggerMatch): ActorMention | undefined => {
      const at = span.start + off + m.start, end = span.start + off + m.end;
      const inS = (unitActors ??= actorsIn(span.start, span.end).filter((a) => !a.isSource));
      const by = inS.find((a) => a.span.start >= end && /^\s+by\s+(?:the\s+)?$/i.test(text.slice(end, a.span.start)));
      return by ?? inS.filter((a) => a.span.end <= at && !/[;:]/.test(text.slice(a.span.end, at)) && at - a.span.end < 80).pop();
    };
    /** The country of a demonym right before a trigger ("Israeli artillery", "Turkish drones"). */
    const demonymBefore = (m: TriggerMatch): string | null => {
      const at = span.start + off + m.start;
      const d = placesIn(span.start, at).find((p) => p.adjectival && at - p.span.end <= 20 && /^[\s\p{L}-]*$/u.test(text.slice(p.span.end, at)));
      return d?.resolved?.countryIso3 ?? null;
    };
    const agent = (m: TriggerMatch): Agent => {
      const subj = subjectOf(m);
      if (!subj) return null;
      // the actor's own words name a non-state group ("Houthi rebels") whatever kind it was given
      if (NONSTATE_NAME_RE.test(text.slice(subj.span.start, subj.span.end))) return 'nonstate';
      if (['military', 'police', 'government'].includes(subj.kind)) return 'state';
      if (['rebel', 'militia', 'terrorist'].includes(subj.kind)) return 'nonstate';
      return null;
    };
    const an = analyzeSentence(model, lex, body, !short, agent);
    if (!an.matches.length) return null;
    const free = an.matches.filter((m) => !m.blockedBy);
    // In articles, a generic noun after a determiner ("the attack", "this incident") points back
    // to an event already reported: no new event.
    // …, and a word in scare quotes (his party said he had been "abducted") is someone's characterisation
    const freeAcled = free.filter((m) => m.entry.kind === 'acled' && !(m.entry.generic && !short && isAnaphoric(body, m))
      && !(!short && QUOTES.has(body.charAt(m.start - 1)) && QUOTES.has(body.charAt(m.end))));
    const threat = an.matches.find((m) => m.blockedBy?.effect === 'threat' || (!m.blockedBy && m.entry.plover === 'THREATEN'));

    if (short && sents.length <= 4) background = false; // notes and snippets report their event

    const info = (hasDate ? 2 : 0) + (hasPlace ? 2 : 0) + (/\b\d+\b/.test(s) ? 1 : 0);
    // (the heads run only when a free ACLED trigger could license an event: identical output, less work)
    let dec = freeAcled.some((m) => m.entry.license) ? an.acled : null;
    const strong = freeAcled.some((m) => !m.entry.generic);
    const backRef = !short && free.some((m) => m.entry.kind === 'acled' && m.entry.generic && isAnaphoric(body, m));
    // "… died in the explosion", "25 bodies": every ACLED trigger is a definite noun or a toll
    // word, and the sentence has no date of its own: more about an event already reported
    const allBack = !short && !hasDate && cands.some((c) => c.acled) && freeAcled.length > 0
      && freeAcled.every((m) => isAnaphoric(body, m) || m.entry.id === 'kill' && /^(?:died|dead|deaths?|bod(?:y|ies)|casualties|fatalities|wounded|injured|injuries)$/i.test(m.text));
    if (allBack) return null;
    // A specific trigger in a sentence that states its own place and date is reported news: the
    // model (trained on notes and single sentences) needs less certainty there.
    // Notes and snippets: the threshold calibrated with the model on snippets outside the taxonomy.
    const minBase = short ? 1 - model.noneThreshold : MIN_EVENT;
    // In articles, a rule trigger that names the event's type itself ("air strike", "drone
    // attack", "suicide bombing") with a place and date of its own is an event whatever the
    // model (trained on notes) makes of the rest of the clause.
    // (a rule trigger that is not itself a back-reference states its event whatever other words refer back: "exchanged 230 prisoners … the largest swap since …")
    const stated = !short && hasDate && hasPlace && freeAcled.some((m) => (m.entry.rule && !m.entry.generic
      // a place taken ("Rebels captured Aleppo … on November 30"): the change of hands is stated
      || m.entry.id === 'territory' && TAKEN_RE.test(m.text)) && !DEFINITE_RE.test(body.slice(Math.max(0, m.start - 40), m.start)));
    // … and so is a sentence that counts the dead or wounded of a killing or a clash it dates and
    // places itself ("Three aid workers were killed on Saturday when fighting broke out at a base in
    // X, the agency said"): the model's reading of the rest (an agency, its operations) gives way.
    const tollStated = !short && !backRef && hasDate && hasPlace && !background && TOLL_RE.test(body)
      && freeAcled.some((m) => (m.entry.id === 'kill' || m.entry.id === 'clash') && !m.entry.generic);
    // (where the model has no reading at all, "More than 100 Palestinians were killed … as crowds gathered
    // around an aid convoy": the killing or the clash the trigger names)
    if (tollStated && !dec && freeAcled.some((m) => m.entry.license)) {
      const t = freeAcled.find((m) => m.entry.id === 'clash' && !m.entry.generic) ?? freeAcled.find((m) => m.entry.id === 'kill')!;
      const sub: SubEventType = t.entry.id === 'clash' ? 'Armed clash' : 'Attack';
      dec = byRule(sub, 'events/rule-toll-stated', 1 - MIN_EVENT_TOLL, null);
    }
    const minEvent = stated ? 0 : tollStated ? MIN_EVENT_TOLL : strong && !backRef && hasDate && hasPlace && !background ? Math.min(MIN_EVENT_CONCRETE, minBase) : minBase;
    // In articles, people who marched, rallied or demonstrated somewhere on a day of their own are a
    // protest whatever the model (trained on notes) makes of the cause they marched for ("… against a
    // bill that would allow extraditions"): the trigger's own sub-type, stated by rule.
    if (dec && !short && !backRef && ownConcrete && hasDate && hasPlace && !background && 1 - dec.pNone < minEvent && !threat
      && freeAcled.some((m) => m.entry.id === 'protest' && PROTEST_ACT_RE.test(m.text))) {
      dec = byRule('Peaceful protest', 'events/rule-protest-act', Math.min(dec.pNone, 1 - minEvent), dec);
    }
    // … and people arrested in numbers somewhere ("police said they had detained hundreds of ethnic
    // Tigrayans in the capital") are arrests, whatever the model makes of the emergency they were held under
    if (dec && !short && (hasPlace || /\bthe\s+capital\b/i.test(body)) && !background && 1 - dec.pNone < minEvent && !threat && ARRESTS_COUNT_RE.test(body)
      && freeAcled.some((m) => m.entry.hint === 'Arrests')) {
      dec = byRule('Arrests', 'events/rule-arrests-count', Math.min(dec.pNone, 1 - minEvent), dec);
    }
    // … and protesters who stormed, torched or attacked something somewhere are a riot ("In Kinshasa,
    // protesters attacked the embassies of …"), whatever the model reads in their grievance
    if (dec && !short && !backRef && hasPlace && !background && 1 - dec.pNone < minEvent && !threat && CROWD_VIOLENCE_RE.test(body)) {
      dec = byRule('Violent demonstration', 'events/rule-crowd-violence', Math.min(dec.pNone, 1 - minEvent), dec);
    }
    const acledOk = dec !== null && 1 - dec.pNone >= minEvent && freeAcled.some((m) => m.entry.license)
      && (strong || short || (ownConcrete && !backRef))
      && (!background || concrete)
      // an act dated after the report cannot have happened yet ("troops are to leave by September")
      && !(published && !input.publishedSuspect && dates.length > 0 && dates.every((d) => isFuture(d, published)));
    if (acledOk && dec) {
      let trig = pickTrigger(an.matches, dec, null, !short);
      if (!trig) return null;
      // a pattern over time ("have repeatedly shelled the town since 2022") is no event unless a day
      // is named; read clause by clause ("… are frequently killed: last month, a guard was shot dead"
      // reports the shooting)
      if (!short && lex.habitualRe && !dates.some((d) => d.length === 10)) {
        const re = lex.habitualRe;
        const habitual = (m: TriggerMatch): boolean => {
          const from = Math.max(body.lastIndexOf(':', m.start), body.lastIndexOf(';', m.start)) + 1;
          const rest = body.slice(m.end).search(/[:;]/);
          re.lastIndex = 0;
          return re.test(body.slice(from, rest < 0 ? body.length : m.end + rest));
        };
        if (habitual(trig)) {
          const other = freeAcled.find((m) => !habitual(m));
          if (!other) return null;
          trig = other;
        }
      }
      // "Other" strategic developments in articles are things someone did: no doer, no event
      // (the reading of a statement, a schedule or a comment otherwise)
      // (nor are civilians who fled or arrived somewhere: displacement is no ACLED event)
      const subj = subjectOf(trig);
      if (!short && dec.sub === 'Other' && (!subj || subj.kind === 'civilians')) return null;
      const pl = ploverFor(dec.sub, trig.entry.plover, trig.entry.mode);
      return {
        sentence: index, evidence: span,
        trigger: { start: span.start + off + trig.start, end: span.start + off + trig.end },
        acled: dec, plover: pl, confidence: Math.max(stated ? STATED_CONFIDENCE : 0, Math.min(1, (1 - dec.pNone) * dec.pType)),
        background, concrete, dates, info, points, regions, side: subj?.country?.value ?? demonymBefore(trig),
        weak: freeAcled.every((m) => m.entry.generic || m.entry.id === 'kill' || PARTICIPANT_RE.test(m.text) || namedBefore(body, m)), own: ownConcrete, placed: hasPlace,
        claim: claim !== null,
        doer: trig.entry.id === 'kill' && ARMED_DOER.has(subj?.kind ?? '') && /ed$|ing$/i.test(trig.text) && !/\b(?:was|were|be|been|being|is|are|get|got)\s+(?:[\p{L}-]+ly\s+)?$/iu.test(body.slice(Math.max(0, trig.start - 24), trig.start)),
      };
    }
    // PLOVER-only: a threat (also a blocked violent trigger under a threat cue), or a free PLOVER trigger.
    let pev: PloverEvent | null = null;
    let pconf = 0.5;
    if (threat) {
      pev = 'THREATEN';
      pconf = 0.6;
    } else if (free.some((m) => m.entry.kind === 'plover') && an.plover) {
      pev = an.plover.event;
      pconf = an.plover.p;
    }
    if (!pev) return null;
    const trig = pickTrigger(an.matches, null, pev);
    if (!trig) return null;
    return {
      sentence: index, evidence: span,
      trigger: { start: span.start + off + trig.start, end: span.start + off + trig.end },
      acled: null, plover: { event: pev, mode: trig.entry.plover === pev ? trig.entry.mode : null },
      confidence: Math.max(0, Math.min(1, pconf * 0.8)), background, concrete, dates, info, points, side: null,
    };
  };

  /**
   * "X did Y in response to / after Z on <date> …", "…, and the unrest spread to X on <date>": a
   * clause opened by a clause_split phrase (data/lexicons/event-modality.json) that has its own date
   * reports an event of its own. The last such clause of a sentence of an article is read apart
   * (with its own trigger, place and date), the rest of the sentence without it.
   */
  const splitClause = (span: Span): { cut: number; from: number; id: string } | null => {
    const re = lex.clauseSplitRe;
    if (short || !re) return null;
    const s = text.slice(span.start, span.end);
    re.lastIndex = 0;
    let at: { cut: number; from: number; id: string } | null = null;
    for (let m: RegExpExecArray | null; (m = re.exec(s));) {
      const from = span.start + m.index + m[0].length;
      if (m.index < 15 || span.end - from < 20) continue;
      if (timesIn(from, span.end).some((t) => dated(t) && t.value && /^\d{4}-\d\d/.test(t.value))) {
        at = { cut: span.start + m.index, from: span.start + m.index + m[0].length + (/^\s*/.exec(s.slice(m.index + m[0].length))?.[0].length ?? 0), id: lex.clauseSplits[groupIndex(m, lex.clauseSplits.length)]?.id ?? '' };
      }
    }
    return at;
  };
  for (let si = 0; si < sents.length; si++) {
    if (!short && si === 1 && cands.length === 1 && cands[0].sentence === sents[0].index && sents.length > 1
      && sents[1].paragraph !== sents[0].paragraph && !/[.!?"”’)]\s*$/.test(text.slice(sents[0].span.start, sents[0].span.end))) cands[0].headline = true;
    const sp = sents[si].span;
    const split = splitClause(sp);
    if (split !== null) {
      const sub = analyzeUnit(sents[si].index, { start: split.from, end: sp.end }, si, false);
      if (sub?.acled) {
        const head = analyzeUnit(sents[si].index, { start: sp.start, end: split.cut }, si);
        if (head) cands.push(head);
        // an earlier event given as the cause of the news is background; unrest that spread is news
        if (split.id === 'cause') sub.background = sub.background || !!head?.acled;
        // the unrest that spread is of the kind the head reports
        else if (split.id === 'spread' && head?.acled) Object.assign(sub, { acled: head.acled, plover: head.plover, confidence: head.confidence });
        cands.push(sub);
        continue;
      }
    }
    const c = analyzeUnit(sents[si].index, sp, si);
    if (c) cands.push(c);
    // "Smaller marches were held in other cities. In X, about 200 people walked to …": a vague
    // sentence naming an event without place or date, then one giving a place of its own but no
    // trigger: the two state one event, read together.
    const prev = sents[si - 1];
    const pk = prev ? cands.findIndex((k) => k.sentence === prev.index && k.acled) : -1;
    if (!short && !c?.acled && prev && prev.paragraph === sents[si].paragraph && (pk < 0 || (!cands[pk].points.length && !cands[pk].dates.length))
      && placesIn(sp.start, sp.end).some((p) => !p.adjectival && p.resolved?.featureClass === 'P')
      && !matchSentence(lex, text.slice(sp.start, sp.end)).some((m) => m.entry.kind === 'acled' && !m.blockedBy && m.entry.license)) {
      const pm = matchSentence(lex, text.slice(prev.span.start, prev.span.end));
      // (a toll alone, "Two peacekeepers were killed", names no event to read on: it folds into one)
      if (pm.some((m) => m.entry.kind === 'acled' && !m.blockedBy && !m.entry.generic && m.entry.license && m.entry.id !== 'kill')) {
        const both = analyzeUnit(prev.index, { start: prev.span.start, end: sp.end }, si, false, prev.span.end);
        if (both?.acled) {
          if (pk >= 0) cands.splice(pk, 1);
          cands.push(both);
        }
      }
    }
  }
  // Notes and snippets: a paragraph of several sentences usually states ONE event, and the model
  // was trained on whole notes; the paragraph's reading leads, sentence readings of the same event
  // type in it are dropped.
  if (short) {
    const paras = new Map<number, number[]>();
    sents.forEach((s, i) => {
      const p = s.paragraph ?? 0;
      paras.set(p, [...(paras.get(p) ?? []), i]);
    });
    for (const idxs of paras.values()) {
      if (idxs.length < 2) continue;
      const plen = sents[idxs[idxs.length - 1]].span.end - sents[idxs[0]].span.start;
      if (idxs.length > 3 && plen > 500) continue;
      const first = sents[idxs[0]], last = sents[idxs[idxs.length - 1]];
      const pc = analyzeUnit(first.index, { start: first.span.start, end: last.span.end }, idxs[0], false);
      if (!pc || !pc.acled) continue;
      const inPara = (c: Cand) => c.evidence.start >= pc.evidence.start && c.evidence.end <= pc.evidence.end;
      const pos = cands.findIndex((c) => inPara(c));
      cands = cands.filter((c) => !(inPara(c) && c.acled && c.acled.type === pc.acled!.type));
      const at = pos < 0 ? cands.length : Math.min(pos, cands.length);
      cands.splice(at, 0, pc);
    }
  }

  /** The candidate's trigger stands inside quotation marks. */
  const quoted = (c: Cand): boolean => {
    const before = text.slice(c.evidence.start, c.trigger.start);
    const open = (before.match(/[“"]/g) ?? []).length - (before.match(/”/g) ?? []).length;
    return open % 2 === 1;
  };
  // Merge repeated mentions of one ACLED event: same sub-type, no conflicting dates.
  let kept: Cand[] = [];
  for (const c of cands) {
    if (!c.acled) { kept.push(c); continue; }
    // a title line names the lead's event: the first report of its sub-type is it, wherever
    const title = kept.find((k) => k.headline && k.acled && k.acled.sub === c.acled!.sub && !c.background && c.info >= 2);
    if (title) {
      title.headline = false;
      Object.assign(title, { sentence: c.sentence, evidence: c.evidence, trigger: c.trigger, acled: c.acled, plover: c.plover, dates: c.dates, info: c.info, points: c.points, regions: c.regions, side: c.side });
      title.confidence = Math.max(title.confidence, c.confidence);
      continue;
    }
    // In articles, a sentence whose only event words are generic or tolls ("Two of the dead were
    // children", "The attack also wounded 12") and that names no other place or month tells more
    // about the event reported just before it, whatever sub-type the model gives its wording.
    // The same for a sentence with neither place nor date of its own whose reading is of the
    // host's event type or a catch-all ("Other", "Attack"): it goes on about the host's event.
    // (the event reported last in the text: a title merged with a later report stands where that report is)
    let host: Cand | undefined;
    if (!short && !c.background) for (const k of kept) if (k.acled && !k.background && k.evidence.start < c.evidence.start && (!host || k.evidence.start > host.evidence.start)) host = k;
    // (a witness's words in quotes with no place or day of their own describe the event before them:
    // "We heard a loud bang and then gunfire everywhere," a parishioner said)
    const folds = host && (c.weak || (!c.own && (host.acled!.type === c.acled.type || CATCH_ALL.has(c.acled.sub) || quoted(c))));
    // (the subject of a toll-only sentence is a victim, not a side: "Two Indian peacekeepers were killed")
    if (host && folds && !farApart(host.points, c.points) && !regionsApart(host, c) && (c.weak || !(host.side && c.side && host.side !== c.side))
      // (months compared: the lead's date is often the day of the report's news, "buried on Monday")
      && (host.dates.length === 0 || c.dates.length === 0 || host.dates.some((d) => c.dates.some((e) => e.slice(0, 7).startsWith(d.slice(0, 7)) || d.slice(0, 7).startsWith(e.slice(0, 7)))))
      // ("On Wednesday, a strike on the town of X killed three people": another act, on a day of its own)
      && !(ANOTHER_ACT_RE.test(text.slice(c.evidence.start, c.evidence.end)) && c.dates.some((e) => e.length === 10) && host.dates.some((d) => d.length === 10)
        && !host.dates.some((d) => c.dates.includes(d)))) {
      host.confidence = Math.max(host.confidence, c.confidence);
      host.points = [...host.points, ...c.points];
      host.regions = [...(host.regions ?? []), ...(c.regions ?? [])];
      continue;
    }
    // (a claim of responsibility tells of the act another sentence reports: of its type, any sub-type)
    const same = kept.find((k) => k.acled && (k.acled.sub === c.acled!.sub || ((k.claim && !k.dates.length) || (c.claim && !c.dates.length)) && k.acled.type === c.acled!.type)
      && (k.dates.length === 0 || c.dates.length === 0 || k.dates.some((d) => c.dates.some((e) => e.startsWith(d) || d.startsWith(e))))
      // a dated past event is not the news event an undated sentence reports
      && !(k.background !== c.background && (k.background ? k.dates.length > 0 : c.dates.length > 0))
      // two places of their own, far apart: two events (marches in two cities, strikes on two towns)
      && !farApart(k.points, c.points) && !regionsApart(k, c)
      // done by different sides ("X fired rockets at A … Y's artillery shelled B"): two events
      && !(k.side && c.side && k.side !== c.side));
    if (!same) { kept.push(c); continue; }
    const bg = same.background && c.background;
    const conf = Math.max(same.confidence, c.confidence);
    // (a report that dates the act beats one that does not: "X claimed the assault on Palma … Insurgents attacked Palma on Wednesday")
    if (c.info > same.info || (!short && same.dates.length === 0 && c.dates.length > 0 && !c.background)) {
      Object.assign(same, { sentence: c.sentence, evidence: c.evidence, trigger: c.trigger, acled: c.acled, plover: c.plover, dates: c.dates, info: c.info });
    }
    same.background = bg;
    same.confidence = conf;
    same.dates = same.dates.length ? same.dates : c.dates;
    same.points = [...same.points, ...c.points];
    same.regions = [...(same.regions ?? []), ...(c.regions ?? [])];
  }

  // A title line whose event no sentence took over (another wording, another sub-type) still names
  // the lead's event: when the body reports an event in the same place (or the title names none),
  // the title adds nothing of its own.
  kept = kept.filter((k) => !(k.headline && k.acled && kept.some((o) => o !== k && o.acled && !o.background
    && o.acled.type === k.acled!.type && !farApart(o.points, k.points))));
  // A past event given only a year and no settlement ("recaptured swathes of territory in 2022")
  // is context, not an event anyone could code.
  kept = kept.filter((k) => !(!short && k.acled && k.background && !k.placed && k.dates.length > 0 && k.dates.every((d) => /^\d{4}$/.test(d))));
  // Nor is a past toll with no act named ("More than 600 people have been killed in Lebanon"),
  // unless it gives a place and a day of its own.
  // (an armed actor's act is no toll: "In February, militiamen killed six herders near Bankass")
  kept = kept.filter((k) => !(!short && k.acled && k.background && k.weak && !k.doer && !(k.placed && k.dates.some((d) => d.length === 10))));

  const rank = (c: Cand): number => (c.acled ? 0 : 2) + (c.background ? 1 : 0);
  const order = kept.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i);
  return order.map(({ c }, id): EventMention => {
    const a = c.acled;
    const eventType = a
      ? { value: a.type as EventType, span: c.trigger, how: a.how, by: a.by }
      : { value: null, span: null, how: 'default' as const, by: 'events/plover-only' };
    const subEventType = a
      ? { value: a.sub as SubEventType, span: c.trigger, how: a.how, by: a.by }
      : { value: null, span: null, how: 'default' as const, by: 'events/plover-only' };
    return {
      id, sentence: c.sentence, evidence: c.evidence, trigger: c.trigger,
      eventType, subEventType, plover: c.plover,
      confidence: Math.round(c.confidence * 1000) / 1000, background: c.background,
    };
  });
}
