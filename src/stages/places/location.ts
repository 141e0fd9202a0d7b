/**
 * The place where an event happened, among the places its sentence names: for the arguments stage.
 *
 * Not every place named is the location ("Russian forces from Damascus struck Idlib"): a name after
 * a locative preposition ("in", "at", "near", "outside") wins over one after "from" or inside an
 * adjective, a settlement over a province over a country, a name in the trigger's clause over one in
 * another clause, and a name close to the trigger over a far one. Names that describe another name
 * are not the location: the parents in a chain ("Sarail upazila (Brahmanbaria, Chittagong)",
 * "Kankara, Katsina State") and names inside an actor ("Damascus-led", "Kenya's police"). "The Somali
 * capital" is the capital city, and "in the capital" is the article's capital (its dateline as a rule).
 * A name that is the topic, target or origin rather than the place is not preferred: a country or a place
 * abroad after "against", "over", "in support of" ("a rally in Sylhet over Gaza"), any place after "in
 * solidarity with" or "aggression on", an actor's country ("the forces of India"), an attribute ("the US
 * dollar", "Kenya Red Cross": a name opening an organisation's), and a line or sea after a locative ("across
 * the LoC") gains less than a named place.
 * With no place in the sentence, the nearest earlier sentence of the same paragraph that names one is
 * used, then the article's dateline, then its first specific place (how: 'inferred').
 */
import { gazetteer } from '../../gazetteer/index.js';
import type { PlaceMention } from '../../model/document.js';
import type { Span } from '../../model/span.js';
import type { GeoPrecision } from '../../model/taxonomy.js';

export interface EventLocation {
  readonly place: PlaceMention;
  readonly precision: GeoPrecision;
  readonly how: 'stated' | 'inferred';
  readonly by: string;
}

export interface PickOptions {
  /** The event's trigger span ("airstrike"); names close to it are preferred. */
  readonly trigger?: Span | null;
  /** The sentence span(s) stating the event; places inside count as the sentence's. */
  readonly evidence?: Span | null;
  /** Look back this many sentences when the event's sentence names no place (default 3). */
  readonly lookBack?: number;
  /** Fall back to the article's first specific place (default true). */
  readonly articleFallback?: boolean;
  /**
   * The event is read from the article's title line: the sentence index of its lead, whose place
   * (as specific, in the same country) is where the titled event happened ("… from Katsina boarding
   * school" → "stormed the school in Kankara, Katsina State").
   */
  readonly lead?: number;
}

const LOCATIVE = /\b(?:in|at|near|outside|inside|into|across|throughout|around|on|within|off|over|along|of)\s+(?:(?:the|a|an)\s+)?(?:(?:[a-z-]+\s+){0,3}(?:village|town|city|capital|district|province|governorate|region|area|county|neighbou?rhood|camp|outskirts|countryside|suburbs?|state|port)\s+of\s+)?(?:(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|south-?western|rural|downtown|greater)\s+)?$/i;
const FROM = /\b(?:from|to|toward|towards|with|by|for|and)\s+(?:the\s+)?$/i;
/** The text between a name and the next one when the next is its parent: ", ", " (", "upazila (". */
const CHAIN_GAP = /^(?:['’]s)?(?:\s+(?:city|town|village|area|upazila|union|district|sub-?district|municipality|county|sub-?county|ward|division|province|governorate|region|state|sadar|commune|department|prefecture|tehsil|oblast|raion|rayon)\b)?(?:\s*,\s*|\s*\(\s*|\s*\)\s*\(\s*)$/i;
/** "Ogossagou, outside the town of Bankass": the second name is the reference point for the first. */
const DESCRIBED_GAP = /^\s*,\s+(?:(?:a|an|the)\s+(?:[a-z-]+\s+){0,3})?(?:just\s+|some\s+|about\s+)?(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)\s+of|outside|near|on\s+the\s+outskirts\s+of|not\s+far\s+from)\s+(?:the\s+(?:town|city|village)\s+of\s+)?$/i;
/** Words after a name that make it part of an actor or an attribute, not a location. */
const ACTOR_AFTER = /^(?:-(?:led|backed|based|born|made|allied|linked|aligned|affiliated|funded|sponsored|supported|controlled|run)\b|['’]s\s+(?:(?:[a-z-]+\s+){0,2})?(?:forces|army|military|troops|government|president|prime|minister|ministry|police|navy|air\s+force|officials?|authorities|leader|ambassador|envoy|embassy|foreign|defen[cs]e|interior|security|intelligence|state|federal|regime|spokes(?:man|woman|person))\b|\s+(?:forces|troops|soldiers|army|military|government|officials|authorities|police|president|prime\s+minister|minister|ministry|embassy|ambassador|envoy|navy|regime|rebels|militants|refugees|nationals|citizens|delegation|side)\b)/i;
/**
 * Words before a name that make it the topic, target or origin of the event rather than its place:
 * "a protest against Israel", "a rally over Kashmir", "in solidarity with Palestine", "sanctions on Iran".
 */
const TOPIC = /\b(?:against|over|about|regarding|concerning|versus|vs\.?|supporting|condemning|denouncing|(?:in\s+)?(?:solidarity|sympathy)\s+with|(?:in\s+)?support\s+(?:of|for)|on\s+behalf\s+of|(?:sanctions|war|aggression|policy|policies|invasion|occupation|deal|talks|relations|ties)\s+(?:on|against|with))\s+(?:the\s+)?(?:(?:people|government|regime|occupation|state|invasion|war|crisis|situation|conflict)\s+(?:of|in)\s+(?:the\s+)?)?$/i;
/** "Student Federation of Bangladesh", "University of Nairobi": "of" inside a proper name is no locative. */
const NAME_OF = /(?<![\p{L}])(?!(?:City|Town|Village|District|Province|Governorate|State|County|Region|Municipality|Area)\b)\p{Lu}[\p{L}'’-]*\s+of\s+(?:the\s+)?$/u;
/** "Kenya Medical Training College", "Mombasa Port Authority": a name opening a longer proper name. */
/** A facility named after its town ("Khartoum International Airport", "Kabul University"): the town is where it is. */
const FACILITY_AFTER = /^\s+(?:[\p{Lu}][\p{Ll}]+\s+){0,2}(?:[Ii]nternational\s+)?(?:[Aa]irport|[Aa]irbase|[Pp]ort|[Uu]niversity|[Hh]ospital|[Mm]arket|[Pp]rison|[Jj]ail|[Ss]tadium|[Ss]tation|[Bb]ridge|[Cc]amp|[Bb]arracks|[Cc]athedral|[Mm]osque)\b/u;
/** A town naming one end of a road or line ("the Jammu-Srinagar highway", "the Kabul-Kandahar road"). */
const ROAD_AFTER = /^[-–]\p{Lu}[\p{L}'’-]*\s+(?:highway|road|expressway|motorway|railway|railroad|pipeline|corridor|route)\b/iu;
const ROAD_WORD_AFTER = /^\s+(?:highway|road|expressway|motorway|railway|railroad|pipeline|corridor|route)\b/i;
const NAME_GOES_ON = /^\s+(?!(?:City|Town|Village|Ward|Camp|Governor|County|District|Province|State|Region|Municipality|Sadar|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\b)\p{Lu}\p{Ll}+/u;
/** A possessive between two names ("Niger's Tahoua region"). */
const POSSESSOR_BEFORE = /^['’]s\s+$|['’]s\s+$/;
/** "the forces of India", "the government of Mali": an actor's country, not a locative "of". */
const ACTOR_OF = /\b(?:forces|troops|armies|army|militar(?:y|ies)|soldiers|police|navy|governments?|regime|authorities|officials|leaders?|president|ministry|ministers?|embassy|ambassador|people|citizens|nationals)\s+of\s+(?:the\s+)?$/i;
/** Whatever the place, a topic: "(protest) in solidarity with Gaza", "(condemning the) aggression on Gaza". */
const TOPIC_ANY = /\b(?:(?:in\s+)?(?:solidarity|sympathy)\s+with|(?:aggression|genocide|invasion|occupation)\s+(?:on|against|of|in))\s+(?:the\s+)?$/i;
/** Words after a name that make it an attribute ("the US dollar", "Turkish-made", "Iran's nuclear deal"). */
const ATTRIBUTE_AFTER = /^(?:-(?:made|brand)\b|\s+(?:dollars?|currency|pounds?|rupees?|flag|passports?|products?|goods|brands?|consulate|visas?)\b|['’]s\s+(?:(?:[a-z-]+\s+){0,2})?(?:consulate|flag|nuclear|war|invasion|occupation|policy|policies|economy|currency)\b)/i;
const CODED = /\b(?:coded|geo-?coded|located)\s+(?:as|at|in)\s+(?:the\s+)?$/i;
const CAPITAL_AFTER = /^\s+capital\b/i;
const BARE_CAPITAL = /\b(?:in|at|near|outside|across|around|into|on\s+the\s+outskirts\s+of)\s+the\s+(?:(?:country|nation|state)['’]s\s+)?capital\b(?!\s*,?\s+\p{Lu})/gu;

function specificity(p: PlaceMention): number {
  const c = p.resolved;
  if (!c) return p.precision === 'near' ? 1.5 : 0;
  if (c.featureCode.startsWith('PCL')) return 0;
  if (c.countryIso3 === null) return -2; // continents, seas
  if (c.featureClass === 'P') return 2;
  if (c.featureCode === 'ADM2') return 1.5;
  if (c.featureCode === 'ADM1') return 1;
  return 1.2; // regions, features
}

function precisionFor(p: PlaceMention): GeoPrecision {
  const c = p.resolved;
  if (!c) return p.precision;
  if (p.precision === 'near') return 'near';
  if (c.featureCode.startsWith('PCL') || c.countryIso3 === null) return 'country';
  if (c.featureClass === 'P') return 'exact';
  return 'admin1';
}

/** The clause of `text` around `pos` within [lo, hi): cut at ; : — and at ", which/who/while/after…". */
function clauseOf(text: string, pos: number, lo: number, hi: number): Span {
  const BREAK = /[;:—–]|,\s+(?:which|who|where|while|whereas|after|before|as|but|although|though|since|when|and\s+(?:the|a|an|in|on)\b)|\.\s/g;
  let start = lo, end = hi;
  BREAK.lastIndex = lo;
  let m: RegExpExecArray | null;
  const seg = text.slice(0, hi);
  while ((m = BREAK.exec(seg))) {
    if (m.index < pos) start = m.index + 1;
    else { end = m.index; break; }
  }
  return { start, end };
}

/** The article's dateline place: an upper-case name opening the text ("MOGADISHU, July 24 (Reuters) -"). */
function datelineOf(places: readonly PlaceMention[], text: string): PlaceMention | null {
  for (const p of places) {
    if (p.span.start > 400) break;
    if (!p.resolved || p.adjectival) continue;
    const name = text.slice(p.span.start, p.span.end);
    if (!/^[\p{Lu}\s.'’-]+$/u.test(name) || !/\p{Lu}{3}/u.test(name)) continue;
    const lineStart = text.lastIndexOf('\n', p.span.start - 1) + 1;
    if (!/^\s*$/.test(text.slice(lineStart, p.span.start))) continue;
    if (!/^\s*(?:,|\(|-|–|—)/.test(text.slice(p.span.end, p.span.end + 3))) continue;
    return p;
  }
  return null;
}

function capitalMention(p: PlaceMention, iso3: string, by: string): PlaceMention | null {
  const cap = gazetteer().capitalOf(iso3);
  if (!cap) return null;
  return { ...p, resolved: cap.candidate, precision: 'exact', how: 'inferred', by, adjectival: false };
}

/**
 * The event's location among `places` (the article's place layer), for an event stated in
 * sentence `sentence` of `text`. Returns null when the article names no usable place.
 */
/** Offsets of "capital" in "in the capital"-style phrases; computed once per article text (one event after another asks). */
let capitalsOf: { text: string; at: number[] } | null = null;
function bareCapitals(text: string): number[] {
  if (capitalsOf?.text === text) return capitalsOf.at;
  const at: number[] = [];
  BARE_CAPITAL.lastIndex = 0;
  let bm: RegExpExecArray | null;
  while ((bm = BARE_CAPITAL.exec(text))) at.push(bm.index + bm[0].lastIndexOf('capital'));
  capitalsOf = { text, at };
  return at;
}

export function pickEventLocation(
  places: readonly PlaceMention[],
  text: string,
  sentence: number,
  opts: PickOptions = {},
): EventLocation | null {
  const sorted = [...places].sort((a, b) => a.span.start - b.span.start);
  // names that are the parent of the name before them ("Kankara, Katsina State")
  const parent = new Set<PlaceMention>();
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!, b = sorted[i]!;
    if (a.adjectival || b.adjectival || !a.resolved) continue;
    const gap = text.slice(a.span.end, b.span.start);
    // "Butembo, a trading city some 250 kilometres north of Goma": a description may run longer than a chain
    if (gap.length > 80 || !(CHAIN_GAP.test(gap) && gap.length <= 40 || DESCRIBED_GAP.test(gap))) continue;
    const ac = a.resolved, bc = b.resolved;
    if (ac && bc && ac.featureCode.startsWith('PCL') && bc.featureCode.startsWith('PCL')) continue; // a list of countries
    if (ac && bc && bc.featureClass === 'P' && ac.featureClass === 'P' && !/['’]s$/.test(gap.trim()) && !/\(/.test(gap) &&
        !DESCRIBED_GAP.test(gap)) continue; // a list of towns
    parent.add(b);
  }
  const dateline = datelineOf(sorted, text);
  // "the Somali capital", "the South African capital, Pretoria": the capital; "in the capital": the article's
  const extra: PlaceMention[] = [];
  for (const p of sorted) {
    const c = p.resolved;
    if (!c || !c.countryIso3 || !c.featureCode.startsWith('PCL')) continue;
    if (!CAPITAL_AFTER.test(text.slice(p.span.end, p.span.end + 10))) continue;
    if (/^\s+capital\s*,?\s+\p{Lu}/u.test(text.slice(p.span.end, p.span.end + 14))) continue; // "…capital, Pretoria" names it
    const m = capitalMention(p, c.countryIso3, 'places/location-country-capital');
    // the mention is the phrase that names the capital ("Somali capital"), not the country word alone
    const end = p.span.end + (CAPITAL_AFTER.exec(text.slice(p.span.end, p.span.end + 10))?.[0].length ?? 0);
    if (m) extra.push({ ...m, span: { start: p.span.start, end }, text: text.slice(p.span.start, end) });
  }
  for (const at of bareCapitals(text)) {
    const capital = (dateline?.resolved?.featureCode === 'PPLC' ? dateline : null) ??
      sorted.find((p) => p.resolved?.featureCode === 'PPLC' && !p.adjectival && p.span.start < at) ??
      sorted.find((p) => p.resolved?.featureCode === 'PPLC' && !p.adjectival);
    if (!capital) continue;
    extra.push({
      ...capital, span: { start: at, end: at + 7 }, text: 'capital', described: null, how: 'inferred',
      // no sentence layer here: the evidence span places it; else the sentence of the name before it
      sentence: opts.evidence && at >= opts.evidence.start && at < opts.evidence.end ? sentence : sentenceGuess(sorted, at),
      by: 'places/location-the-capital',
    });
  }
  const usable = [...sorted.filter((p) => p.resolved && !p.adjectival), ...extra];
  const inSentence = (s: number): PlaceMention[] =>
    usable.filter((p) => p.sentence === s ||
      (s === sentence && !!opts.evidence && p.span.start >= opts.evidence.start && p.span.end <= opts.evidence.end));
  // the article's main country: a place outside it is less likely where the event happened
  const ccCount = new Map<string, number>();
  for (const p of usable) {
    const cc = p.resolved!.countryIso3;
    if (cc) ccCount.set(cc, (ccCount.get(cc) ?? 0) + 1);
  }
  let maxCc = 0;
  for (const v of ccCount.values()) maxCc = Math.max(maxCc, v);
  const starts = new Set(sorted.map((p) => p.span.start));
  const clause = opts.trigger && opts.evidence ? clauseOf(text, opts.trigger.start, opts.evidence.start, opts.evidence.end) : null;
  const score = (p: PlaceMention): number => {
    let s = specificity(p);
    // "in Niger's Tahoua region": the locative before the possessor governs the name after it
    const owner = POSSESSOR_BEFORE.exec(text.slice(Math.max(0, p.span.start - 4), p.span.start))
      ? sorted.find((q) => q !== p && q.span.end <= p.span.start && p.span.start - q.span.end <= 4 && POSSESSOR_BEFORE.test(text.slice(q.span.end, p.span.start)))
      : undefined;
    const from = owner ? owner.span.start : p.span.start;
    const before = text.slice(Math.max(0, from - 60), from);
    const after = text.slice(p.span.end, p.span.end + 40);
    // a place abroad: the only one in its country, where another country has more
    const foreign = !!p.resolved!.countryIso3 && (ccCount.get(p.resolved!.countryIso3) ?? 0) === 1 && maxCc >= 2;
    if (CODED.test(before)) s += 5; // ACLED's own "(coded as Gorgadji at geoprecision 2)"
    // "a protest over Gaza", "a rally against the war in Yemen": the topic, not the place (a country or a
    // place abroad; "fighting over Kafr Nabl" between local forces is still about the place)
    else if (TOPIC.test(before) && (specificity(p) <= 0 || foreign || TOPIC_ANY.test(before))) s -= 1;
    else if (specificity(p) <= 0 && NAME_OF.test(before)) s += 0;
    else if (ACTOR_OF.test(before)) s -= 1;
    // "across the LoC", "in the Mediterranean": a line or a sea, where a named place in the note is better
    else if (LOCATIVE.test(before)) s += specificity(p) < 0 ? 1 : 3;
    else if (FROM.test(before)) s += 0.5;
    // the first word of an organisation's name ("Kenya Red Cross"): not where, unless the next word is a place
    if (NAME_GOES_ON.test(after) && !FACILITY_AFTER.test(after) && !p.by.startsWith('places/location-') && !starts.has(p.span.end + (after.length - after.trimStart().length))) s -= 2;
    // the ends of a road ("on the Jammu-Srinagar highway at Lethpora"): the road, not where
    if (ROAD_AFTER.test(after) || (/\p{L}-$/u.test(before) && ROAD_WORD_AFTER.test(after))) s -= 3;
    if (p.precision === 'near') s += 0.5;
    if (parent.has(p)) s -= 2.5;
    if ((ACTOR_AFTER.test(after) || ATTRIBUTE_AFTER.test(after)) && !p.by.startsWith('places/location-')) s -= 3;
    if (p === dateline) s -= 1.5; // the dateline says where the report was filed; a place in the text is better
    if (clause && p.span.start >= clause.start && p.span.end <= clause.end) s += 1;
    const trigger = opts.trigger;
    if (trigger) {
      const d = p.span.start >= trigger.end ? p.span.start - trigger.end : trigger.start - p.span.end;
      s -= Math.min(2, Math.max(0, d) / 150);
    }
    const cc = p.resolved!.countryIso3;
    if (cc && usable.length > 1 && (ccCount.get(cc) ?? 0) === 1) s -= 2;
    return s;
  };
  const best = (cands: PlaceMention[]): PlaceMention | null => {
    let b: PlaceMention | null = null, bs = -Infinity;
    for (const p of cands) {
      const s = score(p);
      if (s > bs) { bs = s; b = p; }
    }
    return b;
  };
  // an event read from one clause of its sentence ("… in retaliation for a drone attack on January 28
  // that killed three soldiers at a base in Jordan"): a place inside that clause first
  const ev = opts.evidence;
  const inEvidence = ev ? inSentence(sentence).filter((p) => p.span.start >= ev.start && p.span.end <= ev.end) : [];
  const here = (inEvidence.length && inEvidence.length < inSentence(sentence).length ? best(inEvidence) : null) ?? best(inSentence(sentence));
  // a country or a continent alone in the sentence: the dateline city in that country is more precise
  // (not a named place that stands on its country, "the town of Palma in northern Mozambique")
  if (here && dateline && specificity(here) <= 0 && here !== dateline && !here.by.endsWith('/chain-parent') &&
      (here.resolved!.countryIso3 === dateline.resolved!.countryIso3)) {
    return { place: dateline, precision: precisionFor(dateline), how: 'inferred', by: 'places/location-dateline' };
  }
  if (opts.lead !== undefined) {
    const lead = best(inSentence(opts.lead).filter((x) => x !== dateline));
    if (lead && (!here || (specificity(lead) >= specificity(here) && lead.resolved!.countryIso3 === here.resolved!.countryIso3))) {
      return { place: lead, precision: precisionFor(lead), how: 'inferred', by: 'places/location-lead' };
    }
  }
  if (here) return { place: here, precision: precisionFor(here), how: 'stated', by: 'places/location-in-sentence' };
  const back = opts.lookBack ?? 3;
  for (let s = sentence - 1; s >= Math.max(0, sentence - back); s--) {
    const p = best(inSentence(s).filter((x) => x !== dateline));
    if (p) return { place: p, precision: precisionFor(p), how: 'inferred', by: 'places/location-earlier-sentence' };
  }
  if (opts.articleFallback !== false) {
    if (dateline) return { place: dateline, precision: precisionFor(dateline), how: 'inferred', by: 'places/location-dateline' };
    const specific = usable.find((p) => specificity(p) >= 1 && !parent.has(p)) ?? usable.find((p) => specificity(p) >= 1) ?? usable[0];
    if (specific) return { place: specific, precision: precisionFor(specific), how: 'inferred', by: 'places/location-article' };
    // only demonyms ("Burkinabe soldiers"): the country they name, at country precision
    const adj = sorted.find((p) => p.adjectival && p.resolved?.countryIso3 && p.resolved.featureCode.startsWith('PCL'));
    if (adj) return { place: adj, precision: 'country', how: 'inferred', by: 'places/location-demonym-country' };
  }
  return null;
}

function sentenceGuess(sorted: readonly PlaceMention[], at: number): number {
  let s = 0;
  for (const p of sorted) { if (p.span.start <= at) s = p.sentence; else break; }
  return s;
}
