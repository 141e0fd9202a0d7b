/**
 * Per-sentence classification: trigger matches (with modality), then the trained heads decide the
 * ACLED type/sub-type and the PLOVER event. Shared by the stage and by the training script's
 * held-out evaluation, so the figures it reports are of this exact code.
 */
import { EVENT_TYPES, SUB_EVENT_TYPES, eventTypeOf, type EventType, type PloverEvent, type SubEventType } from '../../model/taxonomy.js';
import { hashedFeatures, tokenize } from './features.js';
import { matchSentence, triggerFeatures, type Lexicons, type TriggerMatch } from './lexicon.js';
import { argmax, predict, type Model } from './model.js';

export const NONE = 'NONE';
/** Trigger entries that show violence by a crowd. */
const RIOT_SUPPORT = new Set(['riot', 'looting', 'excessive', 'grenade', 'grenadeattack', 'ied']);

/** Trigger texts that name a weapon platform or participant, not the act. */
const ASSET_ONLY = /^(?:drones?|uavs?|unmanned\s+aerial\s+vehicles?)$/i;
const WEAPON_RE = /\b(?:weapons?|arms|explosives?|ammunition|munitions?|ieds?|bombs?|mines?|landmines?|grenades?|rockets?|missiles?|drones?|uavs?|devices?|caches?|rifles?|guns?|firearms|shells?|mortars?)\b/i;
/** Group-activity words that are participants or announcements, not a change to a group. */
const WEAK_GROUP_RE = /^(?:troops|convoys?|patrol(?:s|led|ling)?|arrived|arrival|announced|declared|launched|closed|training|trained|resum(?:ed|e))$/i;
const PROTEST_WORD_RE = /\b(?:protest(?:s|ed|ing|ers|ors)?|demonstrat(?:ion|ions|ors|ed|ing|ers)|march(?:es|ed|ers)?|rall(?:y|ies|ied)|crowds?)\b/i;
/** The people of a protest (not the word "protest": "a protest against the clashes"). */
const PROTESTER_WORDS = String.raw`\b(?:protesters|protestors|demonstrators|marchers)\b`;
const PROTESTER_RE = new RegExp(PROTESTER_WORDS, 'i');
/** Protesters who may be fighting (not "wounded protesters", "treating injured demonstrators": victims). */
const PROTESTER_DOERS_RE = new RegExp(String.raw`(?<!\b(?:wounded|injured|dead|killed|hurt)\s)` + PROTESTER_WORDS, 'i');
const POLICE_RE = /\b(?:police(?:men)?|officers|security\s+forces|riot\s+police|troops|soldiers|army|gendarmes?|paramilitar(?:y|ies))\b/i;
export const CROWD_VIOLENCE_RE = /\b(?:(?:protesters|demonstrators|crowds?|rioters|youths|mobs?)\s+(?:\w+\s+){0,3}?(?:stormed|looted|torched|burn(?:ed|t)|set\s+fire|ransacked|attacked|stoned|threw\s+(?:stones|rocks|bricks|petrol\s+bombs)|hurled|pelted|vandali[sz]ed|clashed)|stormed\s+and\s+looted|petrol\s+bombs|molotov)\b/i;

/** Whether a sub-type has the support in an article sentence that the notes' domain takes for granted. */
function supported(sub: SubEventType, free: readonly TriggerMatch[], text: string, lex?: Lexicons): boolean {
  const words = lex?.subtypeSupport.get(sub);
  if (words) {
    words.lastIndex = 0;
    if (!words.test(text)) return false;
  }
  switch (sub) {
    case 'Violent demonstration': case 'Mob violence':
      // … or protesters in a clash ("clashes between protesters and party activists"): ACLED
      // codes demonstrators who fight as a violent demonstration
      return free.some((m) => RIOT_SUPPORT.has(m.entry.id))
        || (PROTESTER_DOERS_RE.test(text) && free.some((m) => m.entry.id === 'firefight' || m.entry.id === 'clash'));
    case 'Disrupted weapons use':
      return WEAPON_RE.test(text);
    case 'Change to group/activity':
      return free.some((m) => m.entry.id === 'group' && !WEAK_GROUP_RE.test(m.text));
    default:
      return true;
  }
}

/** A bomb found, seized or made safe: not an explosion. */
const IED_SAFE_RE = /\b(?:defus(?:ed|ing)|dismantl(?:ed|ing)|disarm(?:ed|ing)|detonated\s+(?:it|them)\s+(?:safely|in\s+a\s+controlled)|controlled\s+(?:explosion|detonation)|(?:found|discovered|uncovered|recovered|seized)\s+(?:\w+\s+){0,3}?(?:ieds?|bombs?|(?:land)?mines?|explosives?|devices?)|(?:ieds?|bombs?|(?:land)?mines?|explosives?|devices?)\s+(?:was|were)\s+(?:found|discovered|uncovered|recovered|seized|defused))\b/i;

/** Weapons that never reached their target (ACLED's disrupted weapons use). */
const DISRUPTED_RE = /\b(?:defus(?:ed|ing)|dismantl(?:ed|ing)|disarm(?:ed|ing)|deactivat(?:ed|ing)|neutrali[sz](?:ed|ing)\s+(?:an?\s+|the\s+|\w+\s+)?(?:ieds?|bombs?|explosives?|devices?|mines?)|controlled\s+(?:explosion|detonation)|(?:detonated|exploded|went\s+off|blew\s+up)\s+prematurely|premature(?:ly)?\s+(?:explosion|detonation|blast)|while\s+(?:they\s+were\s+|he\s+was\s+|being\s+)?(?:planting|placing|laying|handling|assembling|making|manufacturing|transporting|carrying)\b|(?:intercepted|shot\s+down|downed)\s+(?:an?\s+|the\s+|\w+\s+){0,2}?(?:drones?|uavs?|missiles?|rockets?|projectiles?))/i;

/** A device that went off and did harm: "detonated near the station, causing damage", "exploded, killing two". */
const EXPLODED_HARM_RE = /\b(?:exploded|detonated|went\s+off|blew\s+up)\b[^.;]{0,80}?\b(?:caus(?:ing|ed)\s+(?:\w+\s+)?(?:damage|casualties|injuries|deaths)|killing|wounding|injuring|damaging|destroying|shattering)\b/i;

/** A device that went off (not early): the explosion is the event even when other devices were made safe. */
const PLAIN_BLAST_RE = /\b(?:detonated|exploded|went\s+off|blew\s+up)\b(?!\s+(?:prematurely|early|accidentally))/i;

/** Someone killed or hurt. */
const HARM_RE = /\b(?:kill(?:ed|ing)|dead|died|wound(?:ed|ing)|injur(?:ed|ing|ies))\b/i;

/** A fallback sub-type (when the model's first reading is unsupported) needs at least this sub-head probability. */
const MIN_FALLBACK_P = 0.02;

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
  const extra = triggerFeatures(matches);
  extra.push(...contextFeatures(text, matches));
  const toks = tokenize(text);
  // The lead words (after a date opener): where notes and news leads name who acted.
  let n = 0;
  for (const t of toks) {
    if (n >= LEAD_WORDS) break;
    if (LEAD_SKIP.has(t.norm) || /^0+$/.test(t.norm)) continue;
    extra.push('p:' + t.norm);
    n++;
  }
  return hashedFeatures(toks, extra, dim);
}


const LEAD_WORDS = 6;
/** Date-opener words skipped before the lead words ("On 9 May 2020, …", "Around 4 May (as reported), …"). */
const LEAD_SKIP = new Set(['on', 'around', 'in', 'the', 'of', 'as', 'reported', 'between', 'and', 'night', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'a', 'an']);
/** Actor kinds named in a text, by word class (one pass of one regex). */
const KIND_RE = /\b(?:(protesters?|demonstrators?|marchers|activists|students|workers|traders|teachers|supporters)|(rioters|mobs?|youths|crowds?|vigilantes?|villagers\s+(?:attacked|lynched|beat))|(police(?:men)?|officers|security\s+forces|gendarmes?|gendarmerie)|(military|army|soldiers|troops|armed\s+forces|forces\s+of|government\s+forces|regime)|(rebels?|militants?|insurgents?|jihadists?|al[- ]shabaab|taliban|boko\s+haram|jnim|isis|isil|islamic\s+state|houthis?|terrorists?|fighters)|(militia(?:s|men)?|communal|clan|ethnic|tribesmen|herders?|farmers)|(civilians?|residents?|villagers?|women|woman|girls?|boys?|child(?:ren)?|man|men|journalists?|family|wife|husband)|(gunmen|assailants|unidentified|unknown\s+(?:armed\s+)?(?:men|group|assailants)))\b/gi;
const KINDS = ['protester', 'rioter', 'police', 'military', 'rebel', 'militia', 'civilian', 'unknown'];

/**
 * Context features: the actor kinds a text names (the first one as the likely subject), and each
 * free trigger conjoined with each kind (an arrest by police at a protest is not one by rebels).
 */
export function contextFeatures(text: string, matches: readonly TriggerMatch[]): string[] {
  const f: string[] = [];
  const kinds = new Set<string>();
  let first: string | null = null;
  KIND_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = KIND_RE.exec(text))) {
    let k = -1;
    for (let i = 1; i <= KINDS.length; i++) if (m[i] !== undefined) { k = i - 1; break; }
    if (k < 0) continue;
    first ??= KINDS[k];
    kinds.add(KINDS[k]);
  }
  if (first) f.push('ks:' + first);
  for (const k of kinds) f.push('k:' + k);
  const ids = new Set<string>();
  for (const t of matches) if (!t.blockedBy) ids.add(t.entry.id);
  for (const id of ids) {
    for (const k of kinds) f.push('tk:' + id + '&' + k);
    for (const j of ids) if (j > id) f.push('tt2:' + id + '&' + j);
  }
  return f;
}

/**
 * ACLED decision from the sub-type head (and type head when present): the event type is the type
 * with the most probability mass (sub-type probabilities summed, averaged with the type head); the
 * sub-type is the most probable within it. Rule triggers (data/lexicons/event-triggers.json,
 * rule: true) set the sub-type when unblocked.
 */
/** Who takes the territory: the state's forces or a non-state actor (null: unknown). */
export type Agent = 'state' | 'nonstate' | null;
const REGAIN_RE = /^(?:re-?captur|retook|retake|retaken|regain|recover|reclaimed|restor|took\s+back|taken\s+back)/i;
const STATE_WORDS = /\b(?:army|armed\s+forces|troops|soldiers|military|government|regime|security\s+forces|police|forces\s+loyal|national\s+guard)\b[^.;]{0,30}$/i;
const NONSTATE_WORDS = /\b(?:rebels?|insurgents?|militants?|militias?|militiamen|jihadists?|fighters|gunmen|terrorists?|extremists?|guerrillas?|dissidents|paramilitar(?:y|ies)|al[- ]shabaab|boko\s+haram|taliban|houthis?|islamic\s+state|is|isis|isil|daesh)\b[^.;]{0,30}$/i;
const TERR_OBJECT_RE = /^\s+(?:(?:full\s+)?control\s+)?(?:(?:of|over)\s+)?(?:(?:the|a|an)\s+)?(?:[\p{Ll}-]+\s+){0,2}?(?:town|city|village|district|area|base|territory|province|region|county|capital|hill|airport|border|crossing|camp|neighbou?rhood|outpost|\p{Lu})/u;
/** A place named before a relative clause whose verb is the territory trigger: "the town of X, which government forces captured". */
const TERR_RELATIVE_RE = /(?:\b(?:town|city|village|district|area|base|territory|province|region|county|capital|hill|airport|crossing|camp|neighbou?rhood|outpost)|\b\p{Lu}[\p{L}'’-]+),?\s+(?:which|that)\s+(?:(?:had|have|has)\s+)?(?:(?:the|pro-?[\p{L}-]+|[\p{L}-]+-backed)\s+)?(?:[\p{L}-]+\s+){1,3}?(?:(?:had|have|has)\s+)?(?:\w+ly\s+)?$/u;
const STRONG_TERR_RE = /^(?:re-?captur|recover|overt(?:ook|ake)|retook|retake|retaken|regain|took\s+(?:over|back)|taken\s+(?:over|back)|(?:took|taken|taking|gained|established|assumed)\s+(?:\w+\s+)?control|seiz|overr|wrest|restor|fell\s+to)/i;
const NONVIOLENT_RE = /\b(?:without\s+(?:a\s+|any\s+)?(?:fight(?:ing)?|resistance|violence|clashes|a\s+shot)|no\s+(?:violence|fighting|clashes|resistance)\s+(?:was\s+|were\s+)?(?:reported|took\s+place|occurred)|(?:withdr[ae]w|withdrawn|pulled\s+out|retreated|evacuated|abandoned)\s+(?:from\s+)?(?:the\s+)?(?:area|town|city|village|base|positions?|it)\b|deserted|after\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,4}?(?:withdr[ae]w|withdrawal|pulled\s+out|pull-?out|retreat(?:ed)?|departure))/iu;
/** Agent of a territory phrase from the words before it (the stage passes the actors layer's reading instead). */
function textAgent(text: string, m: TriggerMatch): Agent {
  const before = text.slice(Math.max(0, m.start - 60), m.start);
  const by = /^\s+(?:by|to)\s+(?:the\s+)?([^.;,]{0,40})/i.exec(text.slice(m.end, m.end + 50));
  if (by) {
    if (/^(?:army|armed|troops|soldiers|military|government|regime|security|police)/i.test(by[1])) return 'state';
    if (/^(?:rebels?|insurgents?|militants?|militia|jihadists?|fighters|gunmen|al[- ]shabaab|boko|taliban|houthis?|islamic)/i.test(by[1])) return 'nonstate';
  }
  // "took control of X from the rebels": the other side took it
  const from = /^[^.;]{0,80}?\bfrom\s+(?:the\s+)?(?:pro-)?([^.;,]{0,40})/i.exec(text.slice(m.end, m.end + 130));
  if (from) {
    if (/^(?:rebels?|insurgents?|militants?|militia|jihadists?|fighters|gunmen|al[- ]shabaab|boko|taliban|houthis?|islamic|is\b|isis|isil|daesh|terrorists?)/i.test(from[1])) return 'state';
    if (/^(?:army|armed\s+forces|troops|soldiers|military|government|regime|security\s+forces)/i.test(from[1])) return 'nonstate';
  }
  const s = STATE_WORDS.exec(before), n = NONSTATE_WORDS.exec(before);
  if (s && n) return s.index > n.index ? 'state' : 'nonstate';
  return s ? 'state' : n ? 'nonstate' : null;
}

/** Event type of each class of a sub-type head (null: NONE), computed once per head. */
const typeOfClass = new WeakMap<readonly string[], (EventType | null)[]>();
function classTypes(cls: readonly string[]): (EventType | null)[] {
  let t = typeOfClass.get(cls);
  if (!t) {
    t = cls.map((c) => (c === NONE ? null : eventTypeOf(c as SubEventType)));
    typeOfClass.set(cls, t);
  }
  return t;
}

export function decideAcled(model: Model, x: Int32Array, matches: readonly TriggerMatch[], article = false,
  text?: string, agent?: (m: TriggerMatch) => Agent, lex?: Lexicons): AcledDecision | null {
  const subHead = model.heads.sub;
  if (!subHead) return null;
  const ps = predict(subHead, x, true);
  const cls = subHead.classes;
  const ctypes = classTypes(cls);
  let pNone = 0;
  const mass = new Map<string, number>();
  for (let i = 0; i < cls.length; i++) {
    const t = ctypes[i];
    if (t === null) { pNone = ps[i]; continue; }
    mass.set(t, (mass.get(t) ?? 0) + ps[i]);
  }
  const typeHead = model.heads.type;
  if (typeHead) {
    const pt = predict(typeHead, x, true);
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
  let sub = SUB_EVENT_TYPES[type][0] as SubEventType;
  let pSub = -1;
  for (let i = 0; i < cls.length; i++) {
    if (ctypes[i] === type && ps[i] > pSub) { pSub = ps[i]; sub = cls[i] as SubEventType; }
  }
  // In full articles (out of the notes' domain) some sub-types need support in the sentence
  // (supported()); an unsupported sub-type gives way to the next most likely one of its type,
  // a type without a supported sub-type to the next most likely type.
  const free = matches.filter((m) => !m.blockedBy);
  // No reading the sentence supports: the sub-type a specific trigger names, the one the model finds
  // likeliest among them ("soldiers raided a hospital and detained four doctors accused of treating
  // wounded protesters": not a riot, an arrest)
  const firstReading = sub;
  const hintFallback = (): AcledDecision | null => {
    // (only where the model's reading named a means the sentence lacks: an IED with no bomb)
    if (!lex?.subtypeSupport.has(firstReading)) return null;
    // (a protest reading the sentence does not support gives way to another act, never to another protest)
    const noProtest = firstReading === 'Peaceful protest' || firstReading === 'Protest with intervention';
    let pick: SubEventType | null = null, bp = -1;
    for (const m of free) {
      const h = m.entry.hint;
      // (not a participant word: "protesters" names people, not what they did)
      if (!h || m.entry.generic || m.entry.kind !== 'acled' || !m.entry.license || PROTESTER_RE.test(m.text) || !supported(h, free, text ?? '', lex)) continue;
      if (noProtest && eventTypeOf(h) === 'Protests') continue;
      const p = ps[cls.indexOf(h)] ?? 0;
      if (p > bp) { bp = p; pick = h; }
    }
    if (!pick) return null;
    return { type: eventTypeOf(pick), sub: pick, p: bp, pType: bp, pNone, by: 'events/rule-trigger-hint', how: 'stated' };
  };
  if (article && text !== undefined && !supported(sub, free, text, lex)) {
    // The sub-head mass of unsupported sub-types no longer counts for their type: a type
    // carried by a sub-type the sentence does not support gives way to a supported reading.
    const half = typeHead ? 0.5 : 1;
    const anySupported = new Set<string>();
    for (let i = 0; i < cls.length; i++) {
      const t = ctypes[i];
      if (t === null) continue;
      if (ps[i] >= MIN_FALLBACK_P && supported(cls[i] as SubEventType, free, text, lex)) anySupported.add(t);
      else mass.set(t, Math.max(0, (mass.get(t) ?? 0) - ps[i] * half));
    }
    for (const t of EVENT_TYPES) if (!anySupported.has(t)) mass.delete(t);
    best = -1;
    for (const t of EVENT_TYPES) {
      const m = mass.get(t);
      if (m !== undefined && m > best) { best = m; type = t; }
    }
    if (best < 0) return hintFallback();
    for (;;) {
      pSub = -1;
      for (let i = 0; i < cls.length; i++) {
        if (ctypes[i] === type && ps[i] > pSub && ps[i] >= MIN_FALLBACK_P && supported(cls[i] as SubEventType, free, text, lex)) { pSub = ps[i]; sub = cls[i] as SubEventType; }
      }
      if (pSub >= 0) break;
      mass.delete(type);
      best = -1;
      for (const t of EVENT_TYPES) {
        const m = mass.get(t);
        if (m !== undefined && m > best) { best = m; type = t; }
      }
      if (best < 0) return hintFallback();
    }
  }
  // In articles the trigger lexicon names the means: within Explosions/Remote violence and
  // Protests, a sub-type that a free specific trigger names beats one that none names
  // ("struck a roadside bomb" is an IED whatever the model's reading of the sentence).
  if (article && (type === 'Explosions/Remote violence' || type === 'Protests')) {
    const named = new Set(free.filter((m) => m.entry.hint && !m.entry.generic && !ASSET_ONLY.test(m.text)).map((m) => m.entry.hint!));
    if (named.size && !named.has(sub)) {
      let bp = -1;
      for (let i = 0; i < cls.length; i++) {
        if (ctypes[i] === type && named.has(cls[i] as SubEventType) && ps[i] > bp) { bp = ps[i]; sub = cls[i] as SubEventType; pSub = ps[i]; }
      }
    }
  }
  // A remote explosive that struck (a roadside bomb, a landmine) is the main event of the sentence
  // even when gunfire or a toll follows (ACLED codes the means): a Battles or Violence against
  // civilians reading gives way, unless the sentence tells of a fight first or of a bomb made safe.
  if (article && (type === 'Battles' || type === 'Violence against civilians')) {
    const ied = free.find((m) => m.entry.id === 'ied');
    if (ied && !free.some((m) => m.entry.id === 'weapons' || ((m.entry.id === 'clash' || m.entry.id === 'firefight') && m.start < ied.start))
      && (text === undefined || !IED_SAFE_RE.test(text))) {
      const s2: SubEventType = 'Remote explosive/landmine/IED';
      return { type: eventTypeOf(s2), sub: s2, p: ps[cls.indexOf(s2)] ?? pSub, pType: Math.max(best, mass.get(eventTypeOf(s2)) ?? 0), pNone, by: 'events/rule-ied-main', how: 'stated' };
    }
  }
  // A weapon that never reached its target (ACLED: defused, intercepted, shot down, or blown up
  // prematurely while it was being planted or carried) is a disrupted use, not an explosion.
  if (type === 'Explosions/Remote violence' && sub !== 'Air/drone strike' && text !== undefined && DISRUPTED_RE.test(text)
    && !PLAIN_BLAST_RE.test(text)) {
    const s2: SubEventType = 'Disrupted weapons use';
    return { type: eventTypeOf(s2), sub: s2, p: ps[cls.indexOf(s2)] ?? pSub, pType: Math.max(best, mass.get(eventTypeOf(s2)) ?? 0), pNone, by: 'events/rule-disrupted', how: 'stated' };
  }
  // … and in articles, a device that went off and did harm is an explosion, whatever the reading
  // of the model (trained on notes where "detonated" is often a controlled detonation).
  if (article && sub === 'Disrupted weapons use' && text !== undefined && !DISRUPTED_RE.test(text) && !IED_SAFE_RE.test(text)
    && EXPLODED_HARM_RE.test(text)) {
    const s2: SubEventType = 'Remote explosive/landmine/IED';
    return { type: eventTypeOf(s2), sub: s2, p: ps[cls.indexOf(s2)] ?? pSub, pType: Math.max(best, mass.get(eventTypeOf(s2)) ?? 0), pNone, by: 'events/rule-exploded-harm', how: 'stated' };
  }
  // ACLED: rioting by demonstrators is a violent demonstration; mob violence is rioting without a
  // demonstration. In an article, a mob-violence reading of a sentence naming protesters is the former.
  if (article && text !== undefined && sub === 'Mob violence' && PROTESTER_RE.test(text)) {
    const s2: SubEventType = 'Violent demonstration';
    return { type: eventTypeOf(s2), sub: s2, p: ps[cls.indexOf(s2)] ?? pSub, pType: best, pNone, by: 'events/rule-protesters-riot', how: 'stated' };
  }
  // Protests in articles: force by the police decides the sub-type (ACLED: dispersal with tear gas,
  // water cannon, arrests is an intervention; killing or wounding protesters is excessive force).
  if (article && text !== undefined && (type === 'Protests' || type === 'Violence against civilians' || type === 'Riots')
    && PROTEST_WORD_RE.test(text)) {
    const police = POLICE_RE.test(text);
    const lethal = free.some((m) => m.entry.id === 'kill' && /^(?:kill|shot|shoot|gunned|died|dead|deaths?|wound|injur)/i.test(m.text))
      || /\b(?:opened\s+fire|fired\s+(?:live\s+)?(?:rounds|bullets|ammunition)|live\s+(?:ammunition|rounds|bullets))\b/i.test(text);
    // … and protesters in clashes with another side ("clashes between protesters and …")
    const crowdViolence = CROWD_VIOLENCE_RE.test(text) || (PROTESTER_RE.test(text) && free.some((m) => m.entry.id === 'firefight'));
    const intervention = free.some((m) => m.entry.id === 'excessive') || /\b(?:arrest(?:ed|s)?|detain(?:ed)?|dispers(?:ed|e)|broke\s+up|break\s+up)\b/i.test(text);
    let psub: SubEventType | null = null;
    if (police && lethal && /\b(?:on|at|into)\s+(?:the\s+)?(?:[\p{L}-]+\s+)?(?:protesters|demonstrators|marchers|crowds?|students|rally)\b/iu.test(text)) psub = 'Excessive force against protesters';
    else if (type === 'Protests' && crowdViolence) psub = 'Violent demonstration';
    else if (type === 'Protests' && police && intervention) psub = 'Protest with intervention';
    if (psub && psub !== sub) {
      return { type: eventTypeOf(psub), sub: psub, p: ps[cls.indexOf(psub)] ?? pSub, pType: Math.max(best, mass.get(eventTypeOf(psub)) ?? 0), pNone, by: 'events/rule-protest-force', how: 'stated' };
    }
  }
  let by = 'events/model';
  let how: 'stated' | 'inferred' = 'inferred';
  // Territory changes hands: who takes it decides the sub-type (ACLED: the state regains, a
  // non-state actor overtakes); a Battles reading without a territory phrase is a clash.
  // … and the phrase takes a place ("captured the town of X", "took control of Bunagana"), not people
  // … or the place comes first, in a relative clause ("the town of X, which the army captured")
  const terr = free.find((m) => m.entry.id === 'territory' && (text === undefined || TERR_OBJECT_RE.test(text.slice(m.end, m.end + 60))
    || /^(?:fell|under|overr|taken|retaken|briefly\s+held|held)/i.test(m.text)
    // the object inside the phrase ("seized the town", "seized the presidential palace")
    || /\s(?:town|city|village|district|area|base|territory|palace|airport|airbase|barracks|crossing|port|bridge)$/i.test(m.text)
    || TERR_RELATIVE_RE.test(text.slice(Math.max(0, m.start - 80), m.start))));
  // A place changing hands is Battles whatever the model's Strategic-developments reading (a
  // "capture" is not a change to a group); by an actor neither side of which is known, a capture
  // that is not a retaking is read as a non-state actor's (states' forces are named as such).
  const sdTerr = type === 'Strategic developments' && sub !== 'Agreement' && sub !== 'Arrests';
  // In notes and snippets (the model has seen their territory codings) only a decisive phrase
  // ("took control of", "recaptured", "overran") overrides it, and a decisive base or agreement
  // trigger is left to its own rule.
  const decisive = terr !== undefined && (article || (STRONG_TERR_RE.test(terr.text)
    && !free.some((m) => m.entry.rule && (m.entry.id === 'hq' || m.entry.id === 'agreementsign' || m.entry.id === 'handover'))));
  if (decisive && terr && (type === 'Battles' || sdTerr)) {
    const who = agent?.(terr) ?? textAgent(text ?? '', terr);
    const regain = REGAIN_RE.test(terr.text);
    // in a note, a town changing hands without a fight (the holders left, no resistance) is a transfer
    const quiet = !article && text !== undefined && NONVIOLENT_RE.test(text) && !free.some((m) => m.entry.id === 'clash' || m.entry.id === 'firefight' || m.entry.id === 'kill');
    // who took it unknown from the words around the phrase: the sub-type head, which has seen the
    // actors' names, chooses between the two (a named group's capture vs the army's)
    const GOV: SubEventType = 'Government regains territory', NSA: SubEventType = 'Non-state actor overtakes territory';
    const byModel = (): SubEventType => ((ps[cls.indexOf(GOV)] ?? 0) > (ps[cls.indexOf(NSA)] ?? 0) ? GOV : NSA);
    const sub2: SubEventType = quiet && !regain ? 'Non-violent transfer of territory'
      : regain && who !== 'nonstate' ? GOV
      : who === 'state' ? GOV : who === 'nonstate' ? NSA
        : !regain && sdTerr ? NSA : byModel();
    return { type: eventTypeOf(sub2), sub: sub2, p: ps[cls.indexOf(sub2)] ?? pSub, pType: Math.max(best, mass.get('Battles') ?? 0), pNone, by: 'events/rule-territory-agent', how: 'stated' };
  } else if (article && !terr && type === 'Battles' && (sub === 'Government regains territory' || sub === 'Non-state actor overtakes territory')) {
    sub = 'Armed clash';
    by = 'events/rule-no-territory-phrase';
  }
  const rule = matches.find((m) => !m.blockedBy && m.entry.rule && m.entry.hint);
  if (rule && rule.entry.hint !== sub) {
    const hintType = eventTypeOf(rule.entry.hint!);
    const violent = type === 'Battles' || type === 'Explosions/Remote violence' || type === 'Violence against civilians'
      || (type === 'Riots' && (hintType === 'Explosions/Remote violence' || article))
      // a blast that killed or wounded is not a weapon made safe
      || (sub === 'Disrupted weapons use' && hintType === 'Explosions/Remote violence' && text !== undefined
        && !DISRUPTED_RE.test(text) && HARM_RE.test(text));
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
  // Protesters who riot and fight the police are a violent demonstration, never a battle (ACLED
  // keeps Battles for organised armed groups).
  if (article && text !== undefined && type === 'Battles' && PROTESTER_RE.test(text) && free.some((m) => RIOT_SUPPORT.has(m.entry.id) || m.entry.id === 'riot')) {
    type = 'Riots';
    sub = 'Violent demonstration';
    pSub = ps[cls.indexOf(sub)] ?? pSub;
    best = Math.max(best, mass.get('Riots') ?? 0);
    by = 'events/rule-protesters-riot';
  }
  return { type, sub, p: pSub, pType: best, pNone, by, how };
}

export function decidePlover(model: Model, x: Int32Array, allowed: readonly PloverEvent[] | null): { event: PloverEvent; p: number } | null {
  const h = model.heads.plover;
  if (!h) return null;
  const p = predict(h, x, true);
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

/**
 * Analyses one sentence: triggers, modality, and the heads' decisions. The heads run lazily, on
 * first access: most sentences of an article have no trigger, or no free ACLED trigger, and the
 * stage never reads their decisions.
 */
export function analyzeSentence(model: Model, lex: Lexicons, text: string, article = false, agent?: (m: TriggerMatch) => Agent): SentenceAnalysis {
  const matches = matchSentence(lex, text);
  let x: Int32Array | null = null;
  const feats = (): Int32Array => (x ??= featuresOf(text, matches, model.dim));
  let acled: AcledDecision | null | undefined;
  let plover: { event: PloverEvent; p: number } | null | undefined;
  return {
    matches,
    get acled() {
      if (acled === undefined) acled = matches.length ? decideAcled(model, feats(), matches, article, text, agent, lex) : null;
      return acled;
    },
    get plover() {
      if (plover === undefined) {
        const cand = [...new Set(matches.filter((m) => !m.blockedBy && m.entry.kind === 'plover').map((m) => m.entry.plover))];
        plover = matches.length ? decidePlover(model, feats(), cand.length ? cand : null) : null;
      }
      return plover;
    },
  };
}
