/**
 * Per-sentence classification: trigger matches (with modality), then the trained heads decide the
 * ACLED type/sub-type and the PLOVER event. Shared by the stage and by the training script's
 * held-out evaluation, so the figures it reports are of this exact code.
 */
import { EVENT_TYPES, SUB_EVENT_TYPES, eventTypeOf, type EventType, type PloverEvent, type SubEventType } from '../../model/taxonomy.js';
import { featureStrings, hashFeatures, tokenize } from './features.js';
import { matchSentence, triggerFeatures, type Lexicons, type TriggerMatch } from './lexicon.js';
import { argmax, predict, type Model } from './model.js';

export const NONE = 'NONE';
/** Trigger entries that show violence by a crowd. */
const RIOT_SUPPORT = new Set(['riot', 'looting', 'excessive', 'grenade', 'grenadeattack', 'ied']);

export interface AcledDecision {
  readonly type: EventType;
  readonly sub: SubEventType;
  /** Probability of the chosen sub-type (after the type decision). */
  readonly p: number;
  /** Probability mass of the chosen event type. */
  readonly pType: number;
  readonly pNone: number;
  /** 'model' or the trigger rule that set the sub-type. */
  readonly by: string;
  readonly how: 'stated' | 'inferred';
}

export interface SentenceAnalysis {
  readonly matches: TriggerMatch[];
  readonly acled: AcledDecision | null;
  readonly plover: { readonly event: PloverEvent; readonly p: number } | null;
}

/** Features of a text as the model sees them. */
export function featuresOf(text: string, matches: readonly TriggerMatch[], dim: number): Int32Array {
  return hashFeatures(featureStrings(tokenize(text), triggerFeatures(matches)), dim);
}

/**
 * ACLED decision from the sub-type head (and type head when present): the event type is the type
 * with the most probability mass (sub-type probabilities summed, averaged with the type head); the
 * sub-type is the most probable within it. Rule triggers (data/lexicons/event-triggers.json,
 * rule: true) set the sub-type when unblocked.
 */
/** Who takes the territory: the state's forces or a non-state actor (null: unknown). */
export type Agent = 'state' | 'nonstate' | null;
const REGAIN_RE = /^(?:recaptur|retook|retake|retaken|regain|reclaimed|restor|took\s+back|taken\s+back)/i;
const STATE_WORDS = /\b(?:army|armed\s+forces|troops|soldiers|military|government|regime|security\s+forces|police|forces\s+loyal|national\s+guard)\b[^.;]{0,30}$/i;
const NONSTATE_WORDS = /\b(?:rebels?|insurgents?|militants?|militias?|militiamen|jihadists?|fighters|gunmen|terrorists?|extremists?|guerrillas?|dissidents|paramilitar(?:y|ies)|al[- ]shabaab|boko\s+haram|taliban|houthis?|islamic\s+state|is|isis|isil|daesh)\b[^.;]{0,30}$/i;
const TERR_OBJECT_RE = /^\s+(?:(?:full\s+)?control\s+)?(?:(?:of|over)\s+)?(?:(?:the|a|an)\s+)?(?:[\p{Ll}-]+\s+){0,2}?(?:town|city|village|district|area|base|territory|province|region|county|capital|hill|airport|border|crossing|camp|neighbou?rhood|outpost|\p{Lu})/u;
/** Agent of a territory phrase from the words before it (the stage passes the actors layer's reading instead). */
function textAgent(text: string, m: TriggerMatch): Agent {
  const before = text.slice(Math.max(0, m.start - 60), m.start);
  const by = /^\s+(?:by|to)\s+(?:the\s+)?([^.;,]{0,40})/i.exec(text.slice(m.end, m.end + 50));
  if (by) {
    if (/^(?:army|armed|troops|soldiers|military|government|regime|security|police)/i.test(by[1])) return 'state';
    if (/^(?:rebels?|insurgents?|militants?|militia|jihadists?|fighters|gunmen|al[- ]shabaab|boko|taliban|houthis?|islamic)/i.test(by[1])) return 'nonstate';
  }
  const s = STATE_WORDS.exec(before), n = NONSTATE_WORDS.exec(before);
  if (s && n) return s.index > n.index ? 'state' : 'nonstate';
  return s ? 'state' : n ? 'nonstate' : null;
}

export function decideAcled(model: Model, x: Int32Array, matches: readonly TriggerMatch[], article = false,
  text?: string, agent?: (m: TriggerMatch) => Agent): AcledDecision | null {
  const subHead = model.heads.sub;
  if (!subHead) return null;
  const ps = predict(subHead, x);
  const cls = subHead.classes;
  let pNone = 0;
  const mass = new Map<string, number>();
  for (let i = 0; i < cls.length; i++) {
    if (cls[i] === NONE) { pNone = ps[i]; continue; }
    const t = eventTypeOf(cls[i] as SubEventType);
    mass.set(t, (mass.get(t) ?? 0) + ps[i]);
  }
  const typeHead = model.heads.type;
  if (typeHead) {
    const pt = predict(typeHead, x);
    for (let i = 0; i < typeHead.classes.length; i++) {
      const c = typeHead.classes[i];
      if (c === NONE) { pNone = (pNone + pt[i]) / 2; continue; }
      mass.set(c, ((mass.get(c) ?? 0) + pt[i]) / 2);
    }
  }
  let type: EventType = EVENT_TYPES[0];
  let best = -1;
  for (const t of EVENT_TYPES) {
    const m = mass.get(t) ?? 0;
    if (m > best) { best = m; type = t; }
  }
  const subs = SUB_EVENT_TYPES[type] as readonly string[];
  let sub = subs[0] as SubEventType;
  let pSub = -1;
  for (let i = 0; i < cls.length; i++) {
    if (subs.includes(cls[i]) && ps[i] > pSub) { pSub = ps[i]; sub = cls[i] as SubEventType; }
  }
  // In full articles (out of the notes' domain) Riots need a sign of violence among the triggers;
  // otherwise the next most likely type is taken.
  const free = matches.filter((m) => !m.blockedBy);
  if (article && type === 'Riots' && !free.some((m) => RIOT_SUPPORT.has(m.entry.id))) {
    mass.delete('Riots');
    best = -1;
    for (const t of EVENT_TYPES) {
      const m = mass.get(t) ?? -1;
      if (m > best) { best = m; type = t; }
    }
    const subs2 = SUB_EVENT_TYPES[type] as readonly string[];
    pSub = -1;
    for (let i = 0; i < cls.length; i++) if (subs2.includes(cls[i]) && ps[i] > pSub) { pSub = ps[i]; sub = cls[i] as SubEventType; }
  }
  let by = 'events/model';
  let how: 'stated' | 'inferred' = 'inferred';
  // Territory changes hands: who takes it decides the sub-type (ACLED: the state regains, a
  // non-state actor overtakes); a Battles reading without a territory phrase is a clash.
  // … and the phrase takes a place ("captured the town of X", "took control of Bunagana"), not people
  const terr = free.find((m) => m.entry.id === 'territory' && (text === undefined || TERR_OBJECT_RE.test(text.slice(m.end, m.end + 60))
    || /^(?:fell|under|overr|taken|retaken)/i.test(m.text)));
  if (article && terr && (type === 'Battles' || type === 'Strategic developments' && sub === 'Other')) {
    const who = agent?.(terr) ?? textAgent(text ?? '', terr);
    const sub2: SubEventType | null = REGAIN_RE.test(terr.text) && who !== 'nonstate' ? 'Government regains territory'
      : who === 'state' ? 'Government regains territory' : who === 'nonstate' ? 'Non-state actor overtakes territory' : null;
    if (sub2) return { type: 'Battles', sub: sub2, p: ps[cls.indexOf(sub2)] ?? pSub, pType: Math.max(best, mass.get('Battles') ?? 0), pNone, by: 'events/rule-territory-agent', how: 'stated' };
  } else if (article && !terr && type === 'Battles' && (sub === 'Government regains territory' || sub === 'Non-state actor overtakes territory')) {
    sub = 'Armed clash';
    by = 'events/rule-no-territory-phrase';
  }
  const rule = matches.find((m) => !m.blockedBy && m.entry.rule && m.entry.hint);
  if (rule && rule.entry.hint !== sub) {
    const hintType = eventTypeOf(rule.entry.hint!);
    const violent = type === 'Battles' || type === 'Explosions/Remote violence' || type === 'Violence against civilians'
      || (type === 'Riots' && (hintType === 'Explosions/Remote violence' || article));
    if (hintType === type || violent || rule.entry.hint === 'Headquarters or base established') {
      sub = rule.entry.hint!;
      type = hintType;
      best = Math.max(best, mass.get(hintType) ?? 0);
      pSub = ps[cls.indexOf(sub)] ?? pSub;
      by = `events/rule-${rule.entry.id}`;
      how = 'stated';
    }
  } else if (rule) {
    by = `events/rule-${rule.entry.id}`;
    how = 'stated';
  }
  return { type, sub, p: pSub, pType: best, pNone, by, how };
}

export function decidePlover(model: Model, x: Int32Array, allowed: readonly PloverEvent[] | null): { event: PloverEvent; p: number } | null {
  const h = model.heads.plover;
  if (!h) return null;
  const p = predict(h, x);
  if (!allowed || !allowed.length) {
    const i = argmax(p);
    return { event: h.classes[i] as PloverEvent, p: p[i] };
  }
  let bi = -1;
  for (let i = 0; i < h.classes.length; i++) {
    if (allowed.includes(h.classes[i] as PloverEvent) && (bi < 0 || p[i] > p[bi])) bi = i;
  }
  return bi < 0 ? null : { event: h.classes[bi] as PloverEvent, p: p[bi] };
}

/** Analyses one sentence: triggers, modality, and the heads' decisions. */
export function analyzeSentence(model: Model, lex: Lexicons, text: string, article = false, agent?: (m: TriggerMatch) => Agent): SentenceAnalysis {
  const matches = matchSentence(lex, text);
  const x = featuresOf(text, matches, model.dim);
  const acled = decideAcled(model, x, matches, article, text, agent);
  const cand = [...new Set(matches.filter((m) => !m.blockedBy && m.entry.kind === 'plover').map((m) => m.entry.plover))];
  const plover = decidePlover(model, x, cand.length ? cand : null);
  return { matches, acled, plover };
}
