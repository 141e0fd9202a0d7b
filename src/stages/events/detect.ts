/**
 * Document-level event detection over sentences: where events are (triggers + modality), what
 * they are (classify.ts), which are background, merging of repeated mentions of one event, and
 * the order (most important first: ACLED-typed before PLOVER-only, news before background).
 */
import type { ActorMention, EventMention, PlaceMention, TimeMention } from '../../model/document.js';
import type { Span } from '../../model/span.js';
import { eventTypeOf, type EventType, type PloverEvent, type SubEventType } from '../../model/taxonomy.js';
import { analyzeSentence, type AcledDecision, type Agent } from './classify.js';
import type { Lexicons, TriggerMatch } from './lexicon.js';
import type { Model } from './model.js';
import { ploverFor } from './plover-map.js';

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

/** Texts up to this length are notes or snippets: every trigger counts, generic ones too. */
const SHORT_DOC = 1200;
/** Minimum model probability of "an event" (1 - P(NONE)). */
const MIN_EVENT = 0.5;
/** The same for a sentence with a specific trigger, its own place and its own date. */
const MIN_EVENT_CONCRETE = 0.3;

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec';
const DATE_RE = new RegExp(`\\b(?:(?:${MONTHS})\\.?\\s+\\d{1,2}\\b|\\d{1,2}\\s+(?:${MONTHS})\\b|(?:in|on|since|during)\\s+(?:early\\s+|late\\s+|mid-?)?(?:${MONTHS}|(?:19|20)\\d\\d)\\b|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|last\\s+(?:week|month|year|night)|this\\s+(?:week|month|morning)|(?:19|20)\\d\\d)`, 'i');
const PLACE_RE = /\b(?:in|near|at|outside|around|of|from|on)\s+(?:the\s+)?(?:(?:city|town|village|province|district|region|state)\s+of\s+)?[A-Z][\p{L}'’-]+/u;
const BACKGROUND_RE = /\b(?:last\s+year|in\s+(?:early\s+|late\s+|mid-?)?(?:19|20)\d\d|previously|earlier\s+this\s+year|in\s+the\s+past|years?\s+ago|months\s+ago|had\s+been|before\s+that|since\s+(?:19|20)\d\d|a\s+year\s+ago)\b/i;
const YEAR_RE = /\b(19\d\d|20\d\d)\b/g;

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
  info: number;
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

function isHeadlineLike(s: string): boolean {
  if (/[.!?"”’)]\s*$/.test(s)) return false;
  const words = s.split(/\s+/).filter((w) => /^[\p{L}]/u.test(w));
  if (words.length < 3) return false;
  const caps = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return caps / words.length >= 0.6;
}

const DETERMINER_RE = /\b(?:the|this|that|these|those|such|its|their|his|her|latest|last)\b[^.,;]{0,25}$/i;
function isAnaphoric(s: string, m: TriggerMatch): boolean {
  if (/ed$/i.test(m.text)) return false;
  return DETERMINER_RE.test(s.slice(Math.max(0, m.start - 30), m.start));
}

/** Weapon platforms and participants ("fighter jets", "gunmen"): a trigger span only when nothing names the act. */
const ASSET_RE = /(?:jets?|planes?|gunships?|bombers|fighters?|aircraft|drones?|uavs?|vehicles?|gunmen|assailants|attackers|men|bandits)$/i;

function pickTrigger(matches: readonly TriggerMatch[], dec: AcledDecision | null, ploverEvent: PloverEvent | null): TriggerMatch | null {
  const free = matches.filter((m) => !m.blockedBy);
  if (dec) {
    const all = free.filter((m) => m.entry.kind === 'acled');
    const acts = all.filter((m) => !ASSET_RE.test(m.text));
    const acled = acts.length ? [...acts, ...all.filter((m) => ASSET_RE.test(m.text))] : all;
    return acled.find((m) => m.entry.hint === dec.sub)
      ?? acled.find((m) => m.entry.hint && eventTypeOf(m.entry.hint) === dec.type && !m.entry.generic)
      ?? acled.find((m) => !m.entry.generic)
      ?? acled[0] ?? free[0] ?? null;
  }
  return free.find((m) => m.entry.plover === ploverEvent) ?? matches.find((m) => m.entry.plover === ploverEvent) ?? free[0] ?? null;
}

export function detectEvents(input: DetectInput, model: Model, lex: Lexicons): EventMention[] {
  const { text } = input;
  const short = text.length <= SHORT_DOC;
  const published = input.published ?? null;
  const pubYear = published ? Number(published.slice(0, 4)) : null;
  const sents = input.sentences;
  const anyTimes = (input.times ?? []).some((t) => t.type === 'DATE');
  const anyPlaces = (input.places ?? []).length > 0;
  let cands: Cand[] = [];
  let lastDated: { paragraph: number; si: number; background: boolean; dates: string[] } | null = null;
  const analyzeUnit = (index: number, span: Span, si: number, track = true): Cand | null => {
    const s = text.slice(span.start, span.end);
    if (/\?\s*["”’]?\s*$/.test(s)) return null; // questions
    if (!short && lex.sentenceDropRe?.test(s)) return null; // e.g. a cumulative toll: background, not an event
    if (sents.length > 1 && isHeadlineLike(s)) {
      const prev = sents[si - 1], next = sents[si + 1];
      const listy = (prev && isHeadlineLike(text.slice(prev.span.start, prev.span.end)))
        || (next && isHeadlineLike(text.slice(next.span.start, next.span.end)));
      if (listy || si > 0) return null; // headline lists, and title-like lines after the lead
    }
    const times = (input.times ?? []).filter((t) => t.span.start >= span.start && t.span.end <= span.end && t.type === 'DATE');
    const places = (input.places ?? []).filter((p) => p.span.start >= span.start && p.span.end <= span.end && !p.adjectival && p.resolved?.featureClass !== 'C');
    const points: [number, number][] = [];
    for (const p of places) {
      const r = p.resolved;
      if (r && r.featureClass === 'P' && r.lat !== null && r.lon !== null) points.push([r.lat, r.lon]);
    }
    // The regex fallbacks stand in for the times/places layers only when those are empty.
    const hasDate = times.length > 0 || (!anyTimes && DATE_RE.test(s));
    const hasPlace = places.length > 0 || (!anyPlaces && PLACE_RE.test(s));
    let concrete = hasDate || hasPlace;
    const ownConcrete = concrete;

    // background: a dated sentence well before publication, or past-reference cues.
    let background = BACKGROUND_RE.test(s);
    const dates: string[] = [];
    for (const t of times) {
      if (!t.value || !/^\d{4}/.test(t.value)) continue;
      dates.push(t.value.slice(0, 7));
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
    const agent = (m: TriggerMatch): Agent => {
      const at = span.start + m.start, end = span.start + m.end;
      const inS = (input.actors ?? []).filter((a) => a.span.start >= span.start && a.span.end <= span.end && !a.isSource);
      const by = inS.find((a) => a.span.start >= end && /^\s+by\s+(?:the\s+)?$/i.test(text.slice(end, a.span.start)));
      const subj = by ?? inS.filter((a) => a.span.end <= at && !/[;:]/.test(text.slice(a.span.end, at)) && at - a.span.end < 80).pop();
      if (!subj) return null;
      if (['military', 'police', 'government'].includes(subj.kind)) return 'state';
      if (['rebel', 'militia', 'terrorist'].includes(subj.kind)) return 'nonstate';
      return null;
    };
    const an = analyzeSentence(model, lex, s, !short, agent);
    if (!an.matches.length) return null;
    const free = an.matches.filter((m) => !m.blockedBy);
    // In articles, a generic noun after a determiner ("the attack", "this incident") points back
    // to an event already reported: no new event.
    const freeAcled = free.filter((m) => m.entry.kind === 'acled' && !(m.entry.generic && !short && isAnaphoric(s, m)));
    const threat = an.matches.find((m) => m.blockedBy?.effect === 'threat' || (!m.blockedBy && m.entry.plover === 'THREATEN'));

    if (short && sents.length <= 4) background = false; // notes and snippets report their event

    const info = (hasDate ? 2 : 0) + (hasPlace ? 2 : 0) + (/\b\d+\b/.test(s) ? 1 : 0);
    const dec = an.acled;
    const strong = freeAcled.some((m) => !m.entry.generic);
    const backRef = !short && free.some((m) => m.entry.kind === 'acled' && m.entry.generic && isAnaphoric(s, m));
    // "… died in the explosion", "25 bodies": every ACLED trigger is a definite noun or a toll
    // word, and the sentence has no date of its own: more about an event already reported
    const allBack = !short && !hasDate && cands.some((c) => c.acled) && freeAcled.length > 0
      && freeAcled.every((m) => isAnaphoric(s, m) || m.entry.id === 'kill' && /^(?:died|dead|deaths?|bod(?:y|ies)|casualties|fatalities|wounded|injured|injuries)$/i.test(m.text));
    if (allBack) return null;
    // A specific trigger in a sentence that states its own place and date is reported news: the
    // model (trained on notes and single sentences) needs less certainty there.
    // Notes and snippets: the threshold calibrated with the model on snippets outside the taxonomy.
    const minBase = short ? 1 - model.noneThreshold : MIN_EVENT;
    const minEvent = strong && !backRef && hasDate && hasPlace && !background ? Math.min(MIN_EVENT_CONCRETE, minBase) : minBase;
    const acledOk = dec !== null && 1 - dec.pNone >= minEvent && freeAcled.some((m) => m.entry.license)
      && (strong || short || (ownConcrete && !backRef))
      && (!background || concrete);
    if (acledOk && dec) {
      const trig = pickTrigger(an.matches, dec, null);
      if (!trig) return null;
      const pl = ploverFor(dec.sub, trig.entry.plover, trig.entry.mode);
      return {
        sentence: index, evidence: span,
        trigger: { start: span.start + trig.start, end: span.start + trig.end },
        acled: dec, plover: pl, confidence: Math.max(0, Math.min(1, (1 - dec.pNone) * dec.pType)),
        background, concrete, dates, info, points,
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
      trigger: { start: span.start + trig.start, end: span.start + trig.end },
      acled: null, plover: { event: pev, mode: trig.entry.plover === pev ? trig.entry.mode : null },
      confidence: Math.max(0, Math.min(1, pconf * 0.8)), background, concrete, dates, info, points,
    };
  };

  for (let si = 0; si < sents.length; si++) {
    const c = analyzeUnit(sents[si].index, sents[si].span, si);
    if (c) cands.push(c);
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

  // Merge repeated mentions of one ACLED event: same sub-type, no conflicting dates.
  const kept: Cand[] = [];
  for (const c of cands) {
    if (!c.acled) { kept.push(c); continue; }
    const same = kept.find((k) => k.acled && k.acled.sub === c.acled!.sub
      && (k.dates.length === 0 || c.dates.length === 0 || k.dates.some((d) => c.dates.some((e) => e.startsWith(d) || d.startsWith(e))))
      // a dated past event is not the news event an undated sentence reports
      && !(k.background !== c.background && (k.background ? k.dates.length > 0 : c.dates.length > 0))
      // two places of their own, far apart: two events (marches in two cities, strikes on two towns)
      && !farApart(k.points, c.points));
    if (!same) { kept.push(c); continue; }
    const bg = same.background && c.background;
    const conf = Math.max(same.confidence, c.confidence);
    if (c.info > same.info) {
      Object.assign(same, { sentence: c.sentence, evidence: c.evidence, trigger: c.trigger, acled: c.acled, plover: c.plover, dates: c.dates, info: c.info });
    }
    same.background = bg;
    same.confidence = conf;
    same.dates = same.dates.length ? same.dates : c.dates;
    same.points = [...same.points, ...c.points];
  }

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
