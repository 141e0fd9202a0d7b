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
import type { Span, Value } from '../../model/span.js';
import type { ActorKind } from '../../model/taxonomy.js';
import { defineStage } from '../../pipeline/stage.js';
import { pickEventDate } from '../times/pick-date.js';
import { pickEventLocation } from '../places/location.js';
import { endAtOrBefore, firstAtOrAfter, tokens, type Tok } from '../actors/tokens.js';
import { casualties, numberAt, sentenceToll } from './casualties.js';
import { groupIndex, loadLexicons } from '../events/lexicon.js';
import { actorLexicon } from '../actors/lexicon.js';
import { loadJson } from '../../util/lexicon.js';

const VIOLENT = new Set(['Battles', 'Explosions/Remote violence', 'Violence against civilians']);
const ARMED = new Set<ActorKind>(['military', 'police', 'rebel', 'militia', 'terrorist', 'unknown', 'government']);
const PASSIVE_AUX = new Set(['was', 'were', 'been', 'being', 'is', 'are', 'got', 'get']);
const CLAUSE_BREAK = new Set([';', ':', '—', '–']);
/** CLAUSE_BREAK.has(n): every clause break is one character. */
const isClauseBreak = (n: string): boolean => n.length === 1 && CLAUSE_BREAK.has(n);
const VICTIM_VERB = /^(?:killed|wounded|injured|hurt|abducted|kidnapped|attacked|targeted|shot|hit|murdered|slain|beheaded|executed|taken)$/;
const CLAIM_RE = /\bclaim(?:ed|s)?\s+(?:responsibility|the\s+(?:attack|bombing|blast|strike|killings?|assault|raid))|\b(?:responsibility|the\s+attack)\s+was\s+claimed\s+by\b|\bsaid\b[^.;]{0,60}?\bit\s+(?:had\s+)?carried\s+out\s+(?:the|that|this|these)\s+(?:attacks?|bombings?|blasts?|strikes?|killings?|assault|raid|massacre)\b/i;
const NEGATED_CLAIM = /\b(?:no|not|never|nobody|none|denied|deny|denies)\b[^,;]*$/i;
/** Someone else names the perpetrator: "X blamed Y (for …)", "attributed the attack to Y" (Y follows the match). */
const BLAME_RE = /\bblamed\s|\battributed\s+(?:the|that|this)\s+(?:attacks?|bombings?|blasts?|strikes?|killings?|assault|raid|massacre|shelling)\s+to\s/i;

interface ArgumentsLexicon {
  anaphoricDeterminers: string[]; airStrikeTriggers: string[]; vehicleVictimVerbs: string[];
  reciprocalSubTypes: string[]; unidentifiedSubTypes: string[];
  attackerVehicles?: string[]; attackerVehiclePrepositions?: string[]; attackerClothing?: string[]; shootingTriggers?: string[];
}
interface ArgLex {
  anaphoric: Set<string>; air: RegExp; vehicleVerbs: Set<string>; reciprocal: Set<string>; unidentified: Set<string>;
  casualtyCue: (w: string) => boolean;
  /** attacker descriptions: vehicle nouns (token norms joined by spaces), the words before them, clothing words */
  vehicles: Set<string>; vehiclePreps: Set<string>; clothing: Set<string>; shooting: RegExp;
  /** a sentence that sums up a conflict's toll over time (the events stage's `cumulative-toll` list) */
  cumulative: RegExp;
}
let ARGLEX: ArgLex | null = null;
/** data/lexicons/arguments/rules.json, compiled once. */
function argLex(): ArgLex {
  if (ARGLEX) return ARGLEX;
  const L = loadJson<ArgumentsLexicon>('arguments/rules.json');
  const C = loadJson<{ deathCues: string[]; injuryCues: string[] }>('arguments/casualties.json');
  const cues = new Set([...C.deathCues, ...C.injuryCues].filter((w) => !w.includes(' ')));
  const esc = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s*');
  ARGLEX = {
    anaphoric: new Set(L.anaphoricDeterminers), vehicleVerbs: new Set(L.vehicleVictimVerbs),
    air: new RegExp(`^(?:${L.airStrikeTriggers.map(esc).join('|')})$`, 'i'), reciprocal: new Set(L.reciprocalSubTypes),
    unidentified: new Set(L.unidentifiedSubTypes),
    casualtyCue: (w) => cues.has(w.toLowerCase()),
    vehicles: new Set((L.attackerVehicles ?? []).map((w) => tokens(w, 0, w.length).map((t) => t.n).join(' '))),
    vehiclePreps: new Set(L.attackerVehiclePrepositions ?? []), clothing: new Set(L.attackerClothing ?? []),
    shooting: new RegExp(`^(?:${(L.shootingTriggers ?? ['shot']).map(esc).join('|')})$`, 'i'),
    cumulative: (() => {
      const M = loadJson<{ sentence_drop?: { id: string; patterns: string[] }[] }>('event-modality.json');
      const ps = (M.sentence_drop ?? []).filter((d) => d.id === 'cumulative-toll').flatMap((d) => d.patterns);
      return ps.length ? new RegExp(`\\b(?:${ps.join('|')})`, 'i') : /(?!)/;
    })(),
  };
  return ARGLEX;
}

/** The trigger restates casualties ("… were killed", "died") or refers back ("the blast"): not a new incident. */
function restating(ev: EventMention, c: Ctx): boolean {
  const text = c.doc.text;
  const trig = text.slice(ev.trigger.start, ev.trigger.end);
  const L = argLex();
  if (!trig.includes(' ') && L.casualtyCue(trig)) return true;
  const toks = tokens(text, Math.max(0, ev.trigger.start - 30), ev.trigger.start);
  return L.anaphoric.has(toks[toks.length - 1]?.n ?? '');
}
/**
 * Another event that reports a new incident: an ACLED type, not a restatement, and another background
 * status (or, with `bySubType`, another sub-event type: "A third went missing" after an ambush is
 * part of it for a claim, but a figure after it may be that event's).
 */
function newIncident(e: EventMention, ev: EventMention, c: Ctx, bySubType = false): boolean {
  if (e.id === ev.id || !e.eventType.value) return false;
  if (restating(e, c)) return false;
  return e.background !== ev.background || bySubType && e.subEventType.value !== ev.subEventType.value;
}
/** After a bare participle ("soldiers killed as …"): the words that show it has no object. */
const REDUCED_PASSIVE_NEXT = new Set(['in', 'as', 'when', 'while', 'during', 'after', 'by', 'on', 'at', 'near', 'following', 'amid', 'outside', 'inside', ',', '.', ':', ';', '-', '–', '—']);
/** Between a name and its apposition: ", a mostly Tutsi-led " (a comma, a determiner, modifiers). */
/** Between a name and its apposition: a comma, and the apposition's article when its span leaves it out. */
const APPOSITION_GAP = /^\s*,\s*(?:(?:a|an|the)\s+(?:[\p{L}-]+\s+){0,3})?$/u;
/**
 * "The M23, a mostly Tutsi-led group, held …", "Al-Shabaab, the al-Qaeda-linked group that …, claimed":
 * the named actor a generic apposition stands for (among `actors`), or null.
 */
function appositionOf(a: ActorMention, actors: readonly ActorMention[], text: string): ActorMention | null {
  if (a.kind !== 'unknown' && a.by !== 'actors/phrase') return null;
  const named = actors.filter((x) => x.name && x.span.end <= a.span.start).pop();
  return named && APPOSITION_GAP.test(text.slice(named.span.end, a.span.start)) ? named : null;
}
/** Between two coordinated subjects: "and", optionally words that begin the second ("and Tigray"). */
const COORD_GAP = /^\s*(?:,\s*)?and\s+(?:\p{Lu}[\p{L}'’-]*\s+){0,2}$/u;
/** Words before an actor that make it no doer of the clause ("the killers of police officers"). */
const NOT_AGENT_BEFORE = new Set(['of', 'for', 'to', 'with', 'against', 'on', 'at', 'near']);
/** Words that hang the doer's clause on a victim's passive clause ("… were wounded when X threw …"). */
const WHEN_WORDS = new Set(['when', 'as', 'after', 'while']);
/** Who can have run into a bomb: not the armed groups that lay them. */
const DEVICE_VICTIM_KINDS = new Set<ActorKind>(['military', 'police', 'civilians', 'government', 'igo', 'ngo', 'media']);
const INTRANSITIVE_DEATH = /^(?:died|dies|die|perished|succumbed|drowned)$/i;
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
  // an event read from one clause of its sentence (events: clause_split) takes its actors in that clause
  const clause = !!sent && ev.evidence.start >= sent.span.start && ev.evidence.end <= sent.span.end
    && (ev.evidence.start > sent.span.start || ev.evidence.end < sent.span.end);
  const sentSpan = clause ? ev.evidence : sent?.span ?? ev.evidence;
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
    // "Imran Khan arrested in Islamabad", "Three journalists detained at airport" (a headline's
    // reduced passive): the person arrested is actor2, whoever did it (if named) actor1
    if (subj && (ev.subEventType.value === 'Arrests' || ev.subEventType.value === 'Abduction/forced disappearance')
      && firstAtOrAfter(toks, subj.span.end) === trigIdx && /^(?:arrested|detained|abducted|kidnapped|seized|held|jailed|taken)$/.test(toks[trigIdx]?.n ?? '')
      && REDUCED_PASSIVE_NEXT.has(toks[trigIdx + 1]?.n ?? '.')) {
      a2 = refOf(subj, 'stated', 'arguments/reduced-passive-victim');
      const agent = after.find((a) => ARMED.has(a.kind) && !NOT_AGENT_BEFORE.has(wordBefore(toks, a.span.start)));
      if (agent) a1 = refOf(agent, 'inferred', 'arguments/passive-clause-agent');
      subj = undefined;
    }
    // "Two soldiers killed as militants strike a post" (a headline's reduced passive): the noun before
    // a bare participle followed by no object is the victim
    if (subj && VIOLENT.has(type ?? '') && firstAtOrAfter(toks, subj.span.end) === trigIdx && VICTIM_VERB.test(toks[trigIdx]?.n ?? '')
      && REDUCED_PASSIVE_NEXT.has(toks[trigIdx + 1]?.n ?? '.') && ![2, 3, 4].some((k) => toks[trigIdx + k] && numberAt(toks, trigIdx + k))) {
      // (only when the clause names the doer: with none, the subject stays actor1 as before)
      const agent = after.find((a) => ARMED.has(a.kind) && a.kind !== 'government' && !NOT_AGENT_BEFORE.has(wordBefore(toks, a.span.start)));
      if (agent) {
        a2 = refOf(subj, 'stated', 'arguments/reduced-passive-victim');
        a1 = refOf(agent, 'inferred', 'arguments/passive-clause-agent');
        subj = undefined;
      }
    }
    // "five people died after police opened fire": the subject of an intransitive death verb is the victim
    if (subj && INTRANSITIVE_DEATH.test(text.slice(ev.trigger.start, ev.trigger.end))) {
      const agent = after.find((a) => ARMED.has(a.kind) && a.kind !== 'government' && !NOT_AGENT_BEFORE.has(wordBefore(toks, a.span.start)));
      if (agent) {
        a2 = refOf(subj, 'stated', 'arguments/death-subject');
        a1 = refOf(agent, 'inferred', 'arguments/passive-clause-agent');
        subj = undefined;
      }
    }
    // "a truck in a convoy struck a roadside bomb": whoever ran into the device is its victim
    if (subj && ev.subEventType.value === 'Remote explosive/landmine/IED' && DEVICE_VICTIM_KINDS.has(subj.kind)) {
      const between = toks.slice(firstAtOrAfter(toks, subj.span.end), trigIdx).map((t) => t.n);
      if (between.length <= 8 && between.some((w) => argLex().vehicleVerbs.has(w))) {
        a2 = refOf(subj, 'stated', 'arguments/device-victim');
        subj = undefined;
      }
    }
    if (subj) {
      // "The M23, a mostly Tutsi-led group, held …": a generic apposition stands for the name before it
      const named = appositionOf(subj, before, text);
      if (named && /^\s*,/.test(text.slice(subj.span.end, ev.trigger.start))) subj = named;
    }
    if (subj) {
      a1 = refOf(subj, 'stated', 'arguments/subject');
      // "two F-16 fighter jets and two A-10 aircraft launched …": one coordinated subject
      const first = before.filter((a) => a.span.end <= subj.span.start && a.kind === subj.kind).pop();
      if (first && /^\s*(?:and|,)\s*$/.test(text.slice(first.span.end, subj.span.start))) {
        const span = { start: first.span.start, end: subj.span.end };
        a1 = patch(a1, { span, text: text.slice(span.start, span.end), country: subj.country?.value ?? first.country?.value ?? null, by: 'arguments/subject-coordinated' });
      } else if (argLex().reciprocal.has(ev.subEventType.value ?? '')) {
        // "Ethiopia and Tigray forces sign a truce", "soldiers and rebels clashed": the two sides
        const other = before.filter((a) => a.span.end <= subj.span.start && a.kind !== subj.kind).pop();
        if (other && COORD_GAP.test(text.slice(other.span.end, subj.span.start))) {
          a1 = refOf(other, 'stated', 'arguments/subject-coordinated-sides');
          a2 = refOf(subj, 'stated', 'arguments/subject-coordinated-sides');
        }
      }
    }
    // "Two police officers were wounded … when a man threw a grenade": the passive subject of the
    // clause the doer's clause hangs on ("when", "as", "after") is the victim
    if (subj && !a2 && VIOLENT.has(type ?? '') && WHEN_WORDS.has(wordBefore(toks, subj.span.start))) {
      const s0 = subj;
      const victim = before.find((a) => {
        if (a.span.end > s0.span.start || !DEVICE_VICTIM_KINDS.has(a.kind)) return false;
        // (a coordinated victim may come first: "Two police officers and a street vendor were wounded")
        const next = toks.slice(firstAtOrAfter(toks, a.span.end), endAtOrBefore(toks, s0.span.start)).slice(0, 8).map((t) => t.n);
        const aux = next.findIndex((w) => PASSIVE_AUX.has(w));
        return aux >= 0 && (aux <= 1 || aux <= 6 && next[0] === 'and' && !next.slice(0, aux).some((w) => w === ',' || /ed$/.test(w)))
          && VICTIM_VERB.test(next[aux + 1] ?? '');
      });
      if (victim) a2 = refOf(victim, 'stated', 'arguments/passive-victim-clause');
    }
    // "the kidnapping of 276 schoolgirls by Boko Haram": an actor after "by" is an agent, not the object
    const obj = after.find((a) => a !== subj && wordBefore(toks, a.span.start) !== 'by');
    if (obj && !a2) a2 = refOf(obj, 'stated', 'arguments/object');
    if (!a1 && after.length && type !== 'Protests') {
      // "... airstrikes by jets": no subject before the trigger
    }
  }
  // the trigger inside an armed actor ("A suicide bomber blew himself up", "a military jet bombed …")
  const trigActor = inSent.find((a) => !a.isSource && a.span.start <= ev.trigger.start && ev.trigger.end <= a.span.end);
  if (!a1 && trigActor && type && VIOLENT.has(type) && ARMED.has(trigActor.kind) && trigActor.kind !== 'government' && trigActor.span.start !== a2?.span.start) {
    a1 = refOf(trigActor, 'stated', 'arguments/trigger-actor');
  }
  // "Russian artillery shelled …", "Israeli air strikes hit …": a demonym on the weapon names the state whose forces used it
  if (!a1 && type === 'Explosions/Remote violence') {
    const iso = weaponDemonym(toks, trigIdx);
    if (iso) {
      const span = { start: iso.start, end: ev.trigger.end };
      a1 = { text: text.slice(span.start, span.end), span, kind: 'military', country: iso.iso3, name: null, how: 'inferred', by: 'arguments/weapon-demonym' };
    }
  }
  // no doer found: a "by X" agent anywhere in the sentence, else the first armed actor that is not the target
  if (!a1 && type && type !== 'Protests' && type !== 'Riots') {
    const agent = cands.find((a) => a !== byAgent && wordBefore(toks, a.span.start) === 'by' && a.span.start !== a2?.span.start);
    // (not the victims of "killing two soldiers")
    const armed = cands.find((a) => ARMED.has(a.kind) && a.kind !== 'government' && a.span.start !== a2?.span.start && !argLex().casualtyCue(wordBefore(toks, a.span.start)));
    if (agent) a1 = refOf(agent, 'inferred', 'arguments/sentence-by-agent');
    else if (armed && VIOLENT.has(type)) a1 = refOf(armed, 'inferred', 'arguments/sentence-armed-actor');
  }
  // "a man on a motorcycle threw a grenade", "masked men opened fire": in a bombing or a shooting, an
  // attacker described only by a vehicle or clothing is an unidentified armed group (ACLED), not a
  // communal militia (those are told as "two people", "a herder": no such description)
  if (a1 && a1.kind === 'civilians' && type && VIOLENT.has(type) && (type === 'Explosions/Remote violence' || argLex().shooting.test(text.slice(ev.trigger.start, ev.trigger.end).trim()))) {
    const end = attackerDescription(toks, a1.span);
    if (end !== null) {
      const span = { start: a1.span.start, end: Math.max(end, a1.span.end) };
      // (the country the head got from the article's main country is left to the event's location)
      a1 = patch(a1, { span, text: text.slice(span.start, span.end), kind: 'unknown', country: null, how: 'inferred', by: `${a1.by}+arguments/unidentified-attacker` });
    }
  }
  // an attacker is never coded as civilians: communal attackers are identity militias (ACLED inter 4)
  if (a1 && a1.kind === 'civilians' && type && VIOLENT.has(type)) {
    a1 = patch(a1, { kind: 'militia', how: 'inferred', by: `${a1.by}+arguments/acled-communal-militia` });
  }
  // ACLED conventions by event type
  const trigText = text.slice(ev.trigger.start, ev.trigger.end);
  if (type === 'Protests' || type === 'Riots') {
    const kind: ActorKind = type === 'Protests' ? 'protesters' : 'rioters';
    // "protesters in Butembo attacked a MONUSCO base with stones": the crowd that is the clause's
    // subject, not the object nearest a noun trigger, is actor1; the object it passed over is actor2
    let passedOver: ActorRef | null = null;
    if (a1 && a1.by === 'arguments/subject' && a1.kind !== 'protesters' && a1.kind !== 'rioters') {
      const first = a1;
      const crowd = before.find((a) => a.kind === 'protesters' && a.span.end <= first.span.start && !NOT_AGENT_BEFORE.has(wordBefore(toks, a.span.start)) && wordBefore(toks, a.span.start) !== 'by');
      if (crowd) { passedOver = first; a1 = refOf(crowd, 'stated', 'arguments/crowd-subject'); }
    }
    if (a1 && !['military', 'police', 'government', 'igo'].includes(a1.kind)) a1 = patch(a1, { kind, by: `${a1.by}+arguments/acled-${kind}` });
    else if (!a1) a1 = { text: trigText, span: ev.trigger, kind, country: null, name: null, how: 'inferred', by: `arguments/implicit-${kind}` };
    // "protested against X"
    const against = after.find((a) => wordBefore(toks, a.span.start) === 'against');
    a2 = against ? refOf(against, 'stated', 'arguments/protest-against') : type === 'Riots' ? a2 ?? (passedOver && patch(passedOver, { by: 'arguments/crowd-object' })) : null;
    if (ev.subEventType.value === 'Excessive force against protesters' || ev.subEventType.value === 'Protest with intervention') {
      // ACLED: the protesters are actor1, the force that fired on or broke them up is actor2
      const force = [...cands, ...(trigActor ? [trigActor] : [])].find((a) => a.kind === 'police' || a.kind === 'military');
      const crowd = [...(trigActor ? [trigActor] : []), ...cands].find((a) => a.kind === 'protesters');
      if (force) {
        a2 = refOf(force, 'stated', 'arguments/protest-force');
        if (crowd) a1 = refOf(crowd, 'stated', 'arguments/protest-crowd');
        else if (a1.span === force.span) a1 = { text: trigText, span: ev.trigger, kind, country: null, name: null, how: 'inferred', by: `arguments/implicit-${kind}` };
      }
    }
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

/**
 * "X claimed responsibility", "X said it carried out the attack" (X before), "… was claimed by X",
 * "Y blamed X", "Y attributed the attack to X" (X after) in the event's sentence or the next ones
 * (up to 8), stopping at a sentence that reports a new incident (newIncident). Claims name
 * rebel/militia/terrorist/unknown actors; blame may also name a state or its forces.
 */
function claimant(ev: EventMention, c: Ctx): { a: ActorMention; blame: boolean } | null {
  const text = c.doc.text;
  const own = sentenceOf(c, ev.sentence);
  if (!own) return null;
  for (let i = own.index; i < c.sentences.length && i <= ev.sentence + 8; i++) {
    const s = c.sentences[i]!;
    if (s.index < ev.sentence) continue;
    // another incident between: the claim is about that one
    if (s.index > ev.sentence && c.eventsIn.get(s.index)?.some((e) => newIncident(e, ev, c))) break;
    let m = c.claimIn.get(s);
    if (m === undefined) { m = CLAIM_RE.exec(text.slice(s.span.start, s.span.end)) ?? BLAME_RE.exec(text.slice(s.span.start, s.span.end)); c.claimIn.set(s, m); }
    if (!m) continue;
    const at = s.span.start + m.index;
    // "No group has yet said it carried out the attack", "… did not claim …": no claim
    if (NEGATED_CLAIM.test(text.slice(s.span.start, at))) continue;
    const blame = /^(?:blamed|attributed)/i.test(m[0]);
    const kinds = blame ? ['rebel', 'militia', 'terrorist', 'unknown', 'military', 'government'] : ['rebel', 'militia', 'terrorist', 'unknown'];
    const inS = actorsInside(c, s.span).filter((a) => !a.isSource && kinds.includes(a.kind));
    if (blame || /claimed\s+by\s*$/i.test(m[0])) {
      const clauseEnd = text.slice(at + m[0].length, s.span.end).search(/[;:]/);
      const limit = clauseEnd < 0 ? s.span.end : at + m[0].length + clauseEnd;
      const after = inS.filter((a) => a.span.start >= at + m[0].length && a.span.end <= limit).sort((x, y) => x.span.start - y.span.start)[0];
      if (after) return { a: after, blame };
      if (blame) continue;
    }
    const before = inS.filter((a) => a.span.end <= at).pop();
    if (before) return { a: appositionOf(before, actorsInside(c, s.span), text) ?? before, blame: false };
  }
  return null;
}

/**
 * The toll of an event whose own sentences state none, from the sentences after them (up to 8, across
 * paragraphs): a sentence that reports a new incident, another or earlier one ("In a separate
 * attack"), or a background event while this one is not, ends the search; a figure added with "also"
 * is not a toll of its own. Two or more sources giving different figures: the lowest (ACLED's most
 * conservative figure), else the first figure.
 */
function laterToll(ev: EventMention, c: Ctx, ranges: readonly Span[], samePlace: (x: EventMention, y: EventMention) => boolean,
  locations: (e: EventMention) => boolean): { fatalities: Value<number> | null; injured: Value<number> | null } {
  const text = c.doc.text;
  const end = ranges.reduce((m, r) => Math.max(m, r.end), ev.evidence.end);
  const figures: { v: Value<number>; attributed: boolean }[] = [];
  const added: Value<number>[] = [];
  let injured: Value<number> | null = null;
  let seen = 0;
  for (let i = ev.sentence + 1; i < c.sentences.length && seen < 8; i++) {
    const s = c.sentences[i]!;
    if (s.span.start < end) continue;
    seen++;
    // a sentence summing up the conflict's toll over time ("has killed more than 30,000 people since
    // 2009") is background for the whole article: the event's narrative has ended
    const st = text.slice(s.span.start, s.span.end);
    // (and the events stage's cumulative-toll sentences: "… had been killed in fighting over the past week")
    const lex = loadLexicons(), habitual = lex.habitualRe;
    if (argLex().cumulative.test(st) || lex.sentenceDropRe?.test(st)) break;
    // so does a sentence about a pattern over time ("The exchanges have continued almost daily since
    // October"): the events stage's habitual cues (data/lexicons/event-modality.json)
    if (habitual && [...st.matchAll(habitual)].some((m) => lex.habitualIds[groupIndex(m, lex.habitualIds.length)] === 'span')) break;
    const evs = c.eventsIn.get(s.index);
    const t = sentenceToll(text, s.span);
    // "Seven protesters were also killed" right after the event's figure: more deaths of the same
    // incident (an event read in that sentence at another place is another incident)
    const addition = figures.length > 0 && t.also && !!t.fatalities && !t.otherEvent
      && !evs?.some((e) => e.id !== ev.id && e.eventType.value && locations(e) && !samePlace(e, ev));
    // (a background event only restating deaths at the event's own place, "five people had died in Goma", does not end it)
    if (!addition && evs?.some((e) => e.id !== ev.id && (newIncident(e, ev, c, true) || e.eventType.value && e.background && !ev.background && !(restating(e, c) && samePlace(e, ev))))) break;
    if (t.otherEvent) break;
    if (addition) { added.push(t.fatalities!); continue; }
    // the first figure of the wounded told with the story ("… and more than 30 wounded")
    if (t.injured && !t.also && !injured) injured = { ...t.injured, how: 'inferred', by: `${t.injured.by}+arguments/injured-later` };
    if (!t.fatalities || t.also) continue;
    figures.push({ v: t.fatalities, attributed: t.attributed });
  }
  if (!figures.length) return { fatalities: null, injured };
  const sourced = figures.filter((f) => f.attributed);
  let pick = figures[0]!.v;
  let by = 'arguments/toll-later';
  if (sourced.length >= 2 && new Set(sourced.map((f) => f.v.value)).size > 1) {
    pick = sourced.reduce((m, f) => (f.v.value < m.value ? f.v : m), sourced[0]!.v);
    by = 'arguments/toll-later-lowest';
  }
  if (added.length) {
    // arguments/toll-later-also: the figures added with "also" count on top of the first
    const span = added.reduce((sp, v) => ({ start: Math.min(sp.start, v.span?.start ?? sp.start), end: Math.max(sp.end, v.span?.end ?? sp.end) }), pick.span ?? ev.trigger);
    return { fatalities: { value: added.reduce((n, v) => n + v.value, pick.value), span, how: 'inferred', by: `${pick.by}+${by}+arguments/toll-later-also` }, injured };
  }
  return { fatalities: { value: pick.value, span: pick.span, how: 'inferred', by: `${pick.by}+${by}` }, injured };
}

/**
 * How an unnamed attacker is described: clothing in the phrase ("masked men"), or right after it a
 * vehicle ("on a motorcycle", "riding motorbikes", "in a car") or clothing ("wearing …", "in military
 * fatigues"). The end offset of the description (the phrase's end for clothing inside it), else null.
 */
function attackerDescription(toks: readonly Tok[], span: Span): number | null {
  const L = argLex();
  let k = firstAtOrAfter(toks, span.start);
  for (; k < toks.length && toks[k]!.e <= span.end; k++) if (L.clothing.has(toks[k]!.n)) return span.end;
  const w = toks[k]?.n;
  if (!w) return null;
  if (w === 'wearing') return toks[Math.min(k + 2, toks.length - 1)]!.e;
  if (!L.vehiclePreps.has(w)) return null;
  // up to two determiners/modifiers before the vehicle ("on a stolen motorbike", "in two cars")
  for (let j = k + 1; j <= k + 3 && j < toks.length; j++) {
    const n = toks[j]!.n;
    if (n === ',' || n === '.') break;
    if (L.clothing.has(n) && w === 'in') return toks[j]!.e;
    const two = j + 1 < toks.length ? `${n} ${toks[j + 1]!.n}` : '';
    if (two && L.vehicles.has(two)) return toks[j + 1]!.e;
    if (L.vehicles.has(n)) return toks[j]!.e;
  }
  return null;
}

/** A demonym or state name right before the trigger ("Russian artillery", "US air strikes"): its country and start. */
function weaponDemonym(toks: readonly Tok[], trigIdx: number): { iso3: string; start: number } | null {
  if (trigIdx <= 0) return null;
  const lex = actorLexicon();
  for (let k = 1; k <= 2 && trigIdx - k >= 0; k++) {
    const at = trigIdx - k;
    if (toks[at - 1]?.n === '-' || toks[at - 1]?.n === 'anti' || toks[at - 1]?.n === 'pro') continue;
    const m = lex.matchesAt(toks, at).find((x) => x.len === k);
    const cty = m?.payload.country;
    if (cty?.iso3 && cty.form !== 'metonym' && !m!.payload.head && !m!.payload.named) return { iso3: cty.iso3, start: toks[at]!.s };
  }
  return null;
}

/**
 * An air strike (not a drone: armed groups fly those) with no doer named: in most conflicts only a
 * state's air force carries them out, so the military the article names (nearest first, one with a
 * country first) is actor1, inferred. Null when the article names no military.
 */
function airStrikeMilitary(ev: EventMention, c: Ctx, a2: ActorRef | null): ActorRef | null {
  if (ev.subEventType.value !== 'Air/drone strike') return null;
  if (!argLex().air.test(c.doc.text.slice(ev.trigger.start, ev.trigger.end).trim())) return null;
  let best: ActorMention | null = null;
  let bestScore = Infinity;
  for (const a of c.actors) {
    if (a.kind !== 'military' || a.isSource || a.span.start === a2?.span.start) continue;
    if (a2?.country && a.country?.value === a2.country && a.country.how === 'stated') continue;
    const score = Math.abs(a.sentence - ev.sentence) + (a.country ? 0 : 100);
    if (score < bestScore) { best = a; bestScore = score; }
  }
  return best ? refOf(best, 'inferred', 'arguments/air-strike-military') : null;
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
/**
 * Sub-event types with no deaths by definition: a protest where people are killed is "Excessive force
 * against protesters" or a riot, an abduction that ends in a killing is an attack, and so on.
 */
const NO_DEATHS = new Set(['Peaceful protest', 'Protest with intervention', 'Abduction/forced disappearance', 'Arrests', 'Agreement',
  'Headquarters or base established', 'Non-violent transfer of territory', 'Looting/property destruction', 'Change to group/activity']);

/** The actor phrase a toll figure belongs to ("16 people", "three soldiers"): overlapping the figure's span or right after it. */
function victimsOfToll(c: Ctx, spans: readonly (Span | null | undefined)[], doer: ActorRef | null): ActorMention | null {
  for (const sp of spans) {
    if (!sp) continue;
    const hit = c.actors.find((a) => !a.isSource && a.span.start < sp.end + 3 && a.span.end > sp.start
      && !(doer && doer.span.start === a.span.start) && !['rebel', 'terrorist', 'militia', 'rioters'].includes(a.kind));
    if (hit) return hit;
  }
  return null;
}

function fillCountry(r: ActorRef | null, other: ActorRef | null, ev: EventMention, c: Ctx, locCountry: string | null, locPrecisionCountry: boolean): ActorRef | null {
  if (!r) return r;
  // an intergovernmental body (the UN, MONUSCO, the African Union) belongs to no one country
  // (ACLED codes none), wherever it acts
  if (r.kind === 'igo') return r.country ? patch(r, { country: null, by: `${r.by}+arguments/igo-no-country` }) : r;
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
  const locations = new Map<number, EventArguments['location']>();
  // a title line ("Gunmen abduct hundreds of pupils from Katsina boarding school"): its lead is the
  // first later sentence of another paragraph that ends like a sentence and has some length
  const first = c.sentences[0];
  const sentenceText = (x: { span: Span }) => doc.text.slice(x.span.start, x.span.end).trim();
  const titleLead = first && !/[.!?"”’)]$/.test(sentenceText(first))
    ? c.sentences.find((x) => x.paragraph !== first.paragraph && /[.!?"”’]$/.test(sentenceText(x)) && sentenceText(x).split(/\s+/).length >= 8)?.index
    : undefined;
  for (const ev of c.events) {
    const lead = titleLead !== undefined && first && ev.sentence === first.index && ev.evidence.end <= first.span.end ? titleLead : undefined;
    const helper = pickEventLocation(locPlaces, doc.text, ev.sentence, { trigger: ev.trigger, evidence: ev.evidence, lead });
    locations.set(ev.id, helper ? { place: helper.place, precision: helper.precision, how: helper.how, by: helper.by } : pickLocation(ev, c));
  }
  /** Two events at one resolved place (the same GeoNames id). */
  const samePlace = (x: EventMention, y: EventMention): boolean => {
    const p = locations.get(x.id)?.place.resolved, q = locations.get(y.id)?.place.resolved;
    return !!p && !!q && p.geonameid !== null && p.geonameid === q.geonameid && p.featureClass !== 'A' && !p.featureCode.startsWith('PCL');
  };
  for (const ev of c.events) {
    let { a1, a2 } = assignActors(ev, c);
    // (an actor read from the trigger itself, "a drone attack", "a suicide bomber", gives way to the group
    // claimed or blamed for it)
    if (ev.eventType.value && VIOLENT.has(ev.eventType.value) && (!a1 || a1.kind === 'unknown' || a1.how === 'inferred' || a1.by === 'arguments/trigger-actor')) {
      const cl = claimant(ev, c);
      // (blame names the doer over a kind read from the weapon alone: "a drone attack" … "the US blamed X for that attack")
      if (cl && cl.a.span.start !== a2?.span.start && !(cl.blame && a1 && a1.kind !== 'unknown' && !a1.by.startsWith('arguments/trigger-actor'))) {
        a1 = refOf(cl.a, 'inferred', cl.blame ? 'arguments/blamed' : 'arguments/claimed-responsibility');
        // a state blamed for violence acts through its military
        if (a1.kind === 'government' && /^actors\/(?:state|capital-government)$/.test(cl.a.by)) a1 = patch(a1, { kind: 'military', by: `${a1.by}+arguments/state-acts-through-military` });
      }
    }
    if (!a1) a1 = airStrikeMilitary(ev, c, a2);
    if (!a1 && ev.eventType.value && argLex().unidentified.has(ev.subEventType.value ?? '')) {
      // ACLED: an explosive device nobody is named for was laid by an unidentified armed group
      a1 = { text: doc.text.slice(ev.trigger.start, ev.trigger.end), span: ev.trigger, kind: 'unknown', country: null, name: null, how: 'inferred', by: 'arguments/unidentified-armed-group' };
    }
    const location = locations.get(ev.id) ?? null;
    const locCountry = location?.place.resolved?.countryIso3 ?? null;
    const locIsCountry = !!location && (location.precision === 'country' || (location.place.resolved?.featureCode ?? '').startsWith('PCL'));
    a1 = fillCountry(a1, a2, ev, c, locCountry, locIsCountry);
    a2 = fillCountry(a2, a1, ev, c, locCountry, locIsCountry);
    const d = pickEventDate(doc.text, times, c.sentences, { sentence: ev.sentence, offset: ev.trigger.start });
    const date: EventArguments['date'] = d
      ? { value: d.time.value, precision: d.time.precision, text: d.time.text, span: d.time.span, relative: d.time.relative, how: d.how, by: d.by }
      : null;
    const own = ev.eventType.value === 'Protests' || ev.eventType.value === 'Strategic developments' && ev.subEventType.value !== 'Looting/property destruction';
    const ranges = own ? [ev.evidence] : eventRanges(ev, c);
    const cas = casualties(doc.text, ranges);
    let fatalities = cas.fatalities, injured = cas.injured;
    // the toll told after the event's own sentences ("… 16 people were killed, officials said" two paragraphs on)
    if ((!fatalities || !injured) && !ev.background && (VIOLENT.has(ev.eventType.value ?? '') || ev.eventType.value === 'Riots' || ev.subEventType.value === 'Excessive force against protesters')) {
      const later = laterToll(ev, c, ranges, samePlace, (e) => !!locations.get(e.id)?.place.resolved);
      fatalities ??= later.fatalities;
      injured ??= later.injured;
    }
    // the article's main event with no toll in its sentences: its title line's ("Mob burns two men to
    // death in Puebla town")
    // (a title of one clause: "X kills two; Y hits Z" tells of two events)
    if (!fatalities && ev.id === c.mainId && titleLead !== undefined && first && !ev.background && ev.evidence.start >= first.span.end
      && !/[;|]/.test(sentenceText(first))
      // (the title's toll is the lead's event's: not of an event told further down, nor a running total,
      // "… as death toll in ethnic clashes rises to 54")
      && ev.sentence <= titleLead + 1 && !/\b(?:death\s+toll|toll)\b/i.test(sentenceText(first))
      && (VIOLENT.has(ev.eventType.value ?? '') || ev.eventType.value === 'Riots')) {
      const t = casualties(doc.text, [first.span]).fatalities;
      if (t) fatalities = { ...t, how: 'inferred', by: `${t.by}+arguments/toll-title` };
    }
    // sub-types that by ACLED's definitions kill no one: deaths their sentences tell of are a motive
    // ("demanding justice for two students killed last week") or another event's (coded apart)
    if (NO_DEATHS.has(ev.subEventType.value ?? '')) fatalities = null;
    // no victim named in the event's clause: the people the toll counts ("killing 16 people",
    // "three children were among the dead"), when an actor phrase carries the figure
    if (!a2 && (VIOLENT.has(ev.eventType.value ?? '') || ev.eventType.value === 'Riots')) {
      const v = victimsOfToll(c, [fatalities?.span, injured?.span], a1);
      if (v) a2 = fillCountry(refOf(v, 'inferred', 'arguments/victims-of-toll'), a1, ev, c, locCountry, locIsCountry);
    }
    out.push({ event: ev.id, actor1: a1, actor2: a2, location, date, fatalities, injured });
  }
  return out;
}

export const argumentsStage = defineStage({
  name: 'arguments',
  reads: ['clean', 'sentences', 'actors', 'places', 'times', 'events'],
  writes: ['arguments'],
  run: (doc) => ({ layers: { arguments: eventArguments(doc) } }),
});
