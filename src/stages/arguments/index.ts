/**
 * Stage "arguments": for each event, who did it (actor1), to whom (actor2), where, when, and how
 * many were killed and injured — with ACLED's conventions (docs/rules-arguments.md).
 *
 * Reads clean, sentences, actors, places, times, events; writes `arguments`.
 */
import {
  layer, type ActorMention, type ActorRef, type Document, type EventArguments, type EventMention,
  type PlaceMention, type Sentence,
} from '../../model/document.js';
import type { Span } from '../../model/span.js';
import type { ActorKind } from '../../model/taxonomy.js';
import { defineStage } from '../../pipeline/stage.js';
import { pickEventDate } from '../times/pick-date.js';
import { pickEventLocation } from '../places/location.js';
import { endAtOrBefore, firstAtOrAfter, tokens, type Tok } from '../actors/tokens.js';
import { casualties } from './casualties.js';

const VIOLENT = new Set(['Battles', 'Explosions/Remote violence', 'Violence against civilians']);
const ARMED = new Set<ActorKind>(['military', 'police', 'rebel', 'militia', 'terrorist', 'unknown', 'government']);
const PASSIVE_AUX = new Set(['was', 'were', 'been', 'being', 'is', 'are', 'got', 'get']);
const CLAUSE_BREAK = new Set([';', ':', '—', '–']);
/** CLAUSE_BREAK.has(n): every clause break is one character. */
const isClauseBreak = (n: string): boolean => n.length === 1 && CLAUSE_BREAK.has(n);
const VICTIM_VERB = /^(?:killed|wounded|injured|hurt|abducted|kidnapped|attacked|targeted|shot|hit|murdered|slain|beheaded|executed|taken)$/;
const CLAIM_RE = /\bclaim(?:ed|s)?\s+(?:responsibility|the\s+(?:attack|bombing|blast|strike|killing|assault|raid))|\b(?:responsibility|the\s+attack)\s+was\s+claimed\s+by\b/i;
const SPEECH = /^(?:said|says|say|told|reported|reports|according|added|claimed|stated|announced|confirmed|asserted|alleged)$/;

/** The norm of the last token ending at or before `pos` ("" when none). */
const wordBefore = (toks: readonly Tok[], pos: number): string => toks[endAtOrBefore(toks, pos) - 1]?.n ?? '';

interface Ctx {
  doc: Document;
  sentences: readonly Sentence[];
  actors: readonly ActorMention[];
  places: readonly PlaceMention[];
  events: readonly EventMention[];
  /** The article's main event: the lowest id. */
  mainId: number;
  /** Actors by span (key: start * (text length + 1) + end), the first of each span. */
  bySpan: Map<number, ActorMention>;
  /** Sentences by index (the first of each index). */
  sentenceAt: Map<number, Sentence>;
  /** Events by sentence index, in layer order. */
  eventsIn: Map<number, EventMention[]>;
  /** Actors ordered by span start (ties: layer order), with their layer positions. */
  byStart: { a: ActorMention; at: number }[];
  /** Longest actor span (chars): how far back a containing actor can start. */
  maxActorLen: number;
  /** Actors inside a span, in layer order, by span key. */
  inSpan: Map<number, ActorMention[]>;
  /** The sentence spans inside an evidence span, by span key. */
  sentencesIn: Map<number, Span[]>;
  /** The speakers of a sentence (speakers() of its actors). */
  saidIn: Map<Sentence, Set<ActorMention>>;
  /** The claim-of-responsibility match of a sentence (null: none). */
  claimIn: Map<Sentence, RegExpExecArray | null>;
}

const spanKey = (c: Ctx, start: number, end: number): number => start * (c.doc.text.length + 1) + end;

/** Index of the first actor (in c.byStart) starting at or after `pos`. */
function firstActorFrom(c: Ctx, pos: number): number {
  let lo = 0, hi = c.byStart.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (c.byStart[mid]!.a.span.start < pos) lo = mid + 1; else hi = mid; }
  return lo;
}

/** The actors wholly inside [start, end], in layer order (as `actors.filter` gives them). */
function actorsInside(c: Ctx, span: Span): ActorMention[] {
  const key = spanKey(c, span.start, span.end);
  let out = c.inSpan.get(key);
  if (out) return out;
  const hits: { a: ActorMention; at: number }[] = [];
  for (let k = firstActorFrom(c, span.start); k < c.byStart.length; k++) {
    const x = c.byStart[k]!;
    if (x.a.span.start > span.end) break;
    if (x.a.span.end <= span.end) hits.push(x);
  }
  hits.sort((x, y) => x.at - y.at);
  out = hits.map((x) => x.a);
  c.inSpan.set(key, out);
  return out;
}

/** The first sentence with this index (as `sentences.find` gives it). */
const sentenceOf = (c: Ctx, index: number): Sentence | undefined => c.sentenceAt.get(index);

const refOf = (a: ActorMention, how: 'stated' | 'inferred', by: string): ActorRef => ({
  text: a.text, span: a.span, kind: a.kind, country: a.country?.value ?? null, name: a.name, how, by,
});

/** `{ ...r, ...o }` with the fields in ActorRef's order (every ActorRef here is built in that order). */
const patch = (r: ActorRef, o: Partial<ActorRef>): ActorRef => ({
  text: o.text !== undefined ? o.text : r.text,
  span: o.span !== undefined ? o.span : r.span,
  kind: o.kind !== undefined ? o.kind : r.kind,
  country: o.country !== undefined ? o.country : r.country,
  name: o.name !== undefined ? o.name : r.name,
  how: o.how !== undefined ? o.how : r.how,
  by: o.by !== undefined ? o.by : r.by,
});

/** Speakers: actors that are the subject of a speech verb ("X said", "according to X"). */
function speakers(text: string, sent: Sentence, actors: readonly ActorMention[]): Set<ActorMention> {
  const out = new Set<ActorMention>();
  const toks = tokens(text, sent.span.start, sent.span.end);
  for (const a of actors) {
    // tokens are ordered and do not overlap: "after" = from the first starting at the actor's end
    const ai = firstAtOrAfter(toks, a.span.end);
    const after = toks.slice(ai, ai + 3).map((t) => t.n);
    const bi = endAtOrBefore(toks, a.span.start);
    const before = toks.slice(Math.max(0, bi - 2), bi).map((t) => t.n);
    const inverted = before.length && SPEECH.test(before[before.length - 1]!) && (after.length === 0 || after[0] === '.' || after[0] === ',');
    if (SPEECH.test(after[0] ?? '') || SPEECH.test(after[1] ?? '') && after[0] !== ',' || (before[0] === 'according' && before[1] === 'to') || inverted) out.add(a);
  }
  return out;
}

/** The event's sentences: its own, then following sentences of the paragraph until another kind of event. */
function eventRanges(ev: EventMention, c: Ctx): Span[] {
  // the evidence, sentence by sentence (an evidence may span several sentences)
  const key = spanKey(c, ev.evidence.start, ev.evidence.end);
  let inside = c.sentencesIn.get(key);
  if (!inside) {
    inside = c.sentences.filter((s) => s.span.start >= ev.evidence.start && s.span.end <= ev.evidence.end).map((s) => s.span);
    c.sentencesIn.set(key, inside);
  }
  const ranges: Span[] = inside.length ? inside.slice() : [ev.evidence];
  const own = sentenceOf(c, ev.sentence);
  if (!own) return ranges;
  const main = ev.id === c.mainId;
  for (let i = ev.sentence + 1; i < c.sentences.length; i++) {
    const s = c.sentences[i]!;
    if (s.paragraph !== own.paragraph) break;
    if (s.span.start < ev.evidence.end) continue;
    const other = c.eventsIn.get(s.index)?.find((e) => e.id !== ev.id);
    // the main event reads on through its paragraph (later figures add only with "also"); others stop at another event
    if (!main && other && (other.eventType.value !== ev.eventType.value || other.background !== ev.background)) break;
    ranges.push(s.span);
  }
  return ranges;
}

function assignActors(ev: EventMention, c: Ctx): { a1: ActorRef | null; a2: ActorRef | null } {
  const text = c.doc.text;
  const sent = sentenceOf(c, ev.sentence);
  const sentSpan = sent?.span ?? ev.evidence;
  const inSent = actorsInside(c, sentSpan);
  let said = sent ? c.saidIn.get(sent) : undefined;
  if (!said) {
    said = sent ? speakers(text, sent, inSent) : new Set<ActorMention>();
    if (sent) c.saidIn.set(sent, said);
  }
  const cands = inSent.filter((a) => !a.isSource && !said.has(a) && !(a.span.start <= ev.trigger.start && ev.trigger.end <= a.span.end));
  const toks = tokens(text, sentSpan.start, sentSpan.end);
  const ti = firstAtOrAfter(toks, ev.trigger.start);
  const trigIdx = ti < toks.length ? ti : -1; // as toks.findIndex((t) => t.s >= ev.trigger.start)
  const prevWords = toks.slice(Math.max(0, trigIdx - 3), trigIdx).map((t) => t.n);
  const passive = prevWords.some((w) => PASSIVE_AUX.has(w)) && /(?:ed|en|wn)$/.test(text.slice(ev.trigger.start, ev.trigger.end));
  // clause limits around the trigger
  let cs = 0, ce = toks.length;
  for (let i = trigIdx - 1; i >= 0; i--) if (isClauseBreak(toks[i]!.n)) { cs = i + 1; break; }
  for (let i = Math.max(trigIdx, 0); i < toks.length; i++) if (isClauseBreak(toks[i]!.n)) { ce = i; break; }
  const clauseStart = toks[cs]?.s ?? sentSpan.start;
  const clauseEnd = toks[ce - 1]?.e ?? sentSpan.end;
  const before = cands.filter((a) => a.span.end <= ev.trigger.start && a.span.start >= clauseStart);
  const after = cands.filter((a) => a.span.start >= ev.trigger.end && a.span.end <= clauseEnd);
  // "killed by X", "airstrikes by X", "were attacked on Monday by X": a "by" close to the trigger
  const byAgent = after.find((a) => {
    const between = toks.slice(firstAtOrAfter(toks, ev.trigger.end), endAtOrBefore(toks, a.span.start));
    return between.length >= 1 && between[between.length - 1]!.n === 'by' && between.length <= 4 &&
      !between.some((t) => t.n === ',' || /(?:ed|en)$/.test(t.n) && t.n !== 'by');
  });
  let a1: ActorRef | null = null, a2: ActorRef | null = null;
  const type = ev.eventType.value;
  if (byAgent) {
    a1 = refOf(byAgent, 'stated', 'arguments/passive-by');
    const subj = before[before.length - 1];
    if (subj) a2 = refOf(subj, 'stated', 'arguments/passive-subject');
    else { const o = after.find((a) => a !== byAgent && a.span.start > byAgent.span.end && ARMED.has(a.kind)); if (o) a2 = refOf(o, 'stated', 'arguments/object'); }
  } else if (passive) {
    const subj = before[before.length - 1];
    if (subj) a2 = refOf(subj, 'stated', 'arguments/passive-subject');
    const agent = after.find((a) => ARMED.has(a.kind) && a.kind !== 'government');
    if (agent) a1 = refOf(agent, 'inferred', 'arguments/passive-clause-agent');
  } else {
    const subjOk = (a: ActorMention): boolean => !/^(?:of|with|against|on|at|near|by)$/.test(wordBefore(toks, a.span.start));
    // "X attacked Y, killing Z": a participle trigger takes the clause's first actor, else the nearest
    const participle = /ing$/.test(text.slice(ev.trigger.start, ev.trigger.end)) && text.slice(clauseStart, ev.trigger.start).includes(',');
    let subj = participle ? before.find(subjOk) : before.slice().reverse().find(subjOk);
    // "Four police officers were killed … when their vehicle struck an IED": the subject of a
    // passive clause before the trigger is the victim
    if (subj) {
      const next = toks.slice(firstAtOrAfter(toks, subj.span.end), endAtOrBefore(toks, ev.trigger.start)).slice(0, 8).map((t) => t.n);
      const aux = next.findIndex((w) => PASSIVE_AUX.has(w));
      if (aux >= 0 && (aux <= 1 || aux <= 6 && !next.slice(0, aux).some((w) => w === ',' || /(?:ed|s)$/.test(w) && w !== "'s")) && VICTIM_VERB.test(next[aux + 1] ?? '') && VIOLENT.has(type ?? '')) {
        a2 = refOf(subj, 'stated', 'arguments/passive-victim');
        subj = undefined;
      }
    }
    if (subj) {
      a1 = refOf(subj, 'stated', 'arguments/subject');
      // "two F-16 fighter jets and two A-10 aircraft launched …": one coordinated subject
      const first = before.filter((a) => a.span.end <= subj.span.start && a.kind === subj.kind).pop();
      if (first && /^\s*(?:and|,)\s*$/.test(text.slice(first.span.end, subj.span.start))) {
        const span = { start: first.span.start, end: subj.span.end };
        a1 = patch(a1, { span, text: text.slice(span.start, span.end), country: subj.country?.value ?? first.country?.value ?? null, by: 'arguments/subject-coordinated' });
      }
    }
    const obj = after.find((a) => a !== subj);
    if (obj && !a2) a2 = refOf(obj, 'stated', 'arguments/object');
    if (!a1 && after.length && type !== 'Protests') {
      // "... airstrikes by jets": no subject before the trigger
    }
  }
  // no doer found: a "by X" agent anywhere in the sentence, else the first armed actor that is not the target
  if (!a1 && type && type !== 'Protests' && type !== 'Riots') {
    const agent = cands.find((a) => a !== byAgent && wordBefore(toks, a.span.start) === 'by' && a.span.start !== a2?.span.start);
    const armed = cands.find((a) => ARMED.has(a.kind) && a.kind !== 'government' && a.span.start !== a2?.span.start);
    if (agent) a1 = refOf(agent, 'inferred', 'arguments/sentence-by-agent');
    else if (armed && VIOLENT.has(type)) a1 = refOf(armed, 'inferred', 'arguments/sentence-armed-actor');
  }
  // an attacker is never coded as civilians: communal attackers are identity militias (ACLED inter 4)
  if (a1 && a1.kind === 'civilians' && type && VIOLENT.has(type)) a1 = patch(a1, { kind: 'militia', how: 'inferred', by: `${a1.by}+arguments/acled-communal-militia` });
  // ACLED conventions by event type
  const trigText = text.slice(ev.trigger.start, ev.trigger.end);
  if (type === 'Protests' || type === 'Riots') {
    const kind: ActorKind = type === 'Protests' ? 'protesters' : 'rioters';
    if (a1 && !['military', 'police', 'government', 'igo'].includes(a1.kind)) a1 = patch(a1, { kind, by: `${a1.by}+arguments/acled-${kind}` });
    else if (!a1) a1 = { text: trigText, span: ev.trigger, kind, country: null, name: null, how: 'inferred', by: `arguments/implicit-${kind}` };
    // "protested against X"
    const against = after.find((a) => wordBefore(toks, a.span.start) === 'against');
    a2 = against ? refOf(against, 'stated', 'arguments/protest-against') : type === 'Riots' ? a2 : null;
  }
  if (type === 'Violence against civilians' && a2) a2 = patch(a2, { kind: 'civilians', by: `${a2.by}+arguments/acled-civilians` });
  if (type && VIOLENT.has(type)) {
    // a state named as the doer of violence acts through its military
    if (a1 && a1.kind === 'government' && /^actors\/(?:state|capital-government)$/.test(c.actors.find((x) => x.span === a1!.span)?.by ?? '')) {
      a1 = patch(a1, { kind: 'military', how: 'inferred', by: `${a1.by}+arguments/state-acts-through-military` });
    }
  }
  return { a1, a2 };
}

/** "X claimed responsibility" in the event's sentence or the next ones of the article (up to 4): X. */
function claimant(ev: EventMention, c: Ctx): ActorMention | null {
  const text = c.doc.text;
  for (const s of c.sentences) {
    if (s.index < ev.sentence || s.index > ev.sentence + 4) continue;
    // another ACLED event between: the claim is about that one
    if (s.index > ev.sentence && c.eventsIn.get(s.index)?.some((e) => e.id !== ev.id && e.eventType.value && !e.background !== !ev.background)) break;
    let m = c.claimIn.get(s);
    if (m === undefined) { m = CLAIM_RE.exec(text.slice(s.span.start, s.span.end)); c.claimIn.set(s, m); }
    if (!m) continue;
    const at = s.span.start + m.index;
    const inS = c.actors.filter((a) => a.sentence === s.index && !a.isSource && ['rebel', 'militia', 'terrorist', 'unknown'].includes(a.kind));
    if (/claimed\s+by\s*$/i.test(m[0])) {
      const after = inS.find((a) => a.span.start >= at + m[0].length);
      if (after) return after;
    }
    const before = inS.filter((a) => a.span.end <= at).pop();
    if (before) return before;
  }
  return null;
}

/** Fallback location: the first resolved place of the event sentence (towns before regions before countries), else the paragraph's. */
function pickLocation(ev: EventMention, c: Ctx): EventArguments['location'] {
  const rank = (p: PlaceMention): number => {
    const f = p.resolved?.featureClass;
    return f === 'P' ? 0 : f === 'A' && p.resolved?.featureCode !== 'PCLI' ? 1 : f === 'R' ? 2 : 3;
  };
  const usable = c.places.filter((p) => p.resolved && !p.adjectival);
  const pick = (list: PlaceMention[]): PlaceMention | null => {
    let best: PlaceMention | null = null;
    for (const p of list) {
      if (!best || rank(p) < rank(best) || (rank(p) === rank(best) && Math.abs(p.span.start - ev.trigger.start) < Math.abs(best.span.start - ev.trigger.start))) best = p;
    }
    return best;
  };
  const same = pick(usable.filter((p) => p.sentence === ev.sentence));
  if (same) return { place: same, precision: same.precision, how: 'stated', by: 'arguments/location-same-sentence' };
  const own = c.sentences.find((s) => s.index === ev.sentence);
  for (let i = ev.sentence - 1; i >= 0 && own; i--) {
    const s = c.sentences[i];
    if (!s || s.paragraph !== own.paragraph) break;
    const p = pick(usable.filter((x) => x.sentence === i));
    if (p) return { place: p, precision: p.precision, how: 'inferred', by: 'arguments/location-paragraph' };
  }
  for (let i = ev.sentence + 1; i < c.sentences.length && own; i++) {
    const s = c.sentences[i];
    if (!s || s.paragraph !== own.paragraph) break;
    const p = pick(usable.filter((x) => x.sentence === i));
    if (p) return { place: p, precision: p.precision, how: 'inferred', by: 'arguments/location-paragraph-after' };
  }
  return null;
}

/** Most frequent resolved country among the article's places. */
function placesCountry(places: readonly PlaceMention[]): string | null {
  const n = new Map<string, number>();
  for (const p of places) { const c = p.resolved?.countryIso3; if (c) n.set(c, (n.get(c) ?? 0) + 1); }
  let best: string | null = null, bn = 0;
  for (const [k, v] of n) if (v > bn) { best = k; bn = v; }
  return best;
}

/** Fills an actor's country when the phrase names none: same-kind context for air assets, then the event's country. */
function fillCountry(r: ActorRef | null, other: ActorRef | null, ev: EventMention, c: Ctx, locCountry: string | null, locPrecisionCountry: boolean): ActorRef | null {
  if (!r) return r;
  const m = c.bySpan.get(spanKey(c, r.span.start, r.span.end));
  const weak = !r.country || m?.country?.by === 'actors/main-country' || m?.country?.by === undefined && !r.country;
  if (!weak) return r;
  if (r.kind === 'military' && !r.country) {
    const near = c.actors.filter((a) => Math.abs(a.sentence - ev.sentence) <= 2 && a.kind === 'military' && a.country?.how === 'stated'
      && a.country.value !== other?.country);
    near.sort((x, y) => Math.abs(x.sentence - ev.sentence) - Math.abs(y.sentence - ev.sentence) || (y.sentence - x.sentence));
    if (near[0]) return patch(r, { country: near[0].country!.value, how: 'inferred', by: `${r.by}+arguments/country-from-context` });
  }
  // a location that is only a country ("The United States defended …") is weaker than the article's main country
  const main = m?.country?.by === 'actors/main-country' ? m.country.value : null;
  const cc = (locCountry && !(locPrecisionCountry && main) ? locCountry : null) ?? main ?? placesCountry(c.places) ?? r.country;
  if (cc && cc !== r.country) return patch(r, { country: cc, how: 'inferred', by: `${r.by}+arguments/country-from-location` });
  if (cc && !r.country) return patch(r, { country: cc, how: 'inferred', by: `${r.by}+arguments/country-from-location` });
  return r;
}

export function eventArguments(doc: Document): EventArguments[] {
  const c: Ctx = {
    doc, sentences: layer(doc, 'sentences'), actors: layer(doc, 'actors'), places: layer(doc, 'places'),
    events: layer(doc, 'events'), mainId: Infinity, bySpan: new Map(), sentenceAt: new Map(), eventsIn: new Map(),
    byStart: [], maxActorLen: 0, inSpan: new Map(), sentencesIn: new Map(), saidIn: new Map(), claimIn: new Map(),
  };
  for (const e of c.events) {
    if (e.id < c.mainId) c.mainId = e.id;
    const l = c.eventsIn.get(e.sentence);
    if (l) l.push(e); else c.eventsIn.set(e.sentence, [e]);
  }
  for (const s of c.sentences) if (!c.sentenceAt.has(s.index)) c.sentenceAt.set(s.index, s);
  c.actors.forEach((a, at) => {
    const k = spanKey(c, a.span.start, a.span.end);
    if (!c.bySpan.has(k)) c.bySpan.set(k, a);
    c.byStart.push({ a, at });
    if (a.span.end - a.span.start > c.maxActorLen) c.maxActorLen = a.span.end - a.span.start;
  });
  c.byStart.sort((x, y) => x.a.span.start - y.a.span.start || x.at - y.at);
  const times = layer(doc, 'times');
  const out: EventArguments[] = [];
  // A place name that is (inside) an actor standing for its state ("The United States defended …",
  // "Kenya's police") names a party, not where the event happened.
  const locPlaces = c.places.filter((p) => {
    // only actors starting at most maxActorLen before the place can contain it
    for (let k = firstActorFrom(c, p.span.start - c.maxActorLen); k < c.byStart.length; k++) {
      const a = c.byStart[k]!.a;
      if (a.span.start > p.span.start) break;
      if (!a.isSource && p.span.end <= a.span.end
        && (p.resolved?.featureClass === 'C' || (p.resolved?.featureCode ?? '').startsWith('PCL') || (a.span.start === p.span.start && a.span.end === p.span.end) || a.span.start === p.span.start && /^['’]s\b/.test(doc.text.slice(p.span.end, p.span.end + 3)))) return false;
    }
    return true;
  });
  for (const ev of c.events) {
    let { a1, a2 } = assignActors(ev, c);
    if (ev.eventType.value && VIOLENT.has(ev.eventType.value) && (!a1 || a1.kind === 'unknown' || a1.how === 'inferred')) {
      const cl = claimant(ev, c);
      if (cl && cl.span.start !== a2?.span.start) a1 = refOf(cl, 'inferred', 'arguments/claimed-responsibility');
    }
    const helper = pickEventLocation(locPlaces, doc.text, ev.sentence, { trigger: ev.trigger, evidence: ev.evidence });
    const location = helper ? { place: helper.place, precision: helper.precision, how: helper.how, by: helper.by } : pickLocation(ev, c);
    const locCountry = location?.place.resolved?.countryIso3 ?? null;
    const locIsCountry = !!location && (location.precision === 'country' || (location.place.resolved?.featureCode ?? '').startsWith('PCL'));
    a1 = fillCountry(a1, a2, ev, c, locCountry, locIsCountry);
    a2 = fillCountry(a2, a1, ev, c, locCountry, locIsCountry);
    const d = pickEventDate(doc.text, times, c.sentences, { sentence: ev.sentence, offset: ev.trigger.start });
    const date: EventArguments['date'] = d
      ? { value: d.time.value, precision: d.time.precision, text: d.time.text, span: d.time.span, relative: d.time.relative, how: d.how, by: d.by }
      : null;
    const cas = ev.eventType.value === 'Protests' || ev.eventType.value === 'Strategic developments' && ev.subEventType.value !== 'Looting/property destruction'
      ? casualties(doc.text, [ev.evidence])
      : casualties(doc.text, eventRanges(ev, c));
    out.push({ event: ev.id, actor1: a1, actor2: a2, location, date, fatalities: cas.fatalities, injured: cas.injured });
  }
  return out;
}

export const argumentsStage = defineStage({
  name: 'arguments',
  reads: ['clean', 'sentences', 'actors', 'places', 'times', 'events'],
  writes: ['arguments'],
  run: (doc) => ({ layers: { arguments: eventArguments(doc) } }),
});
