/**
 * Resolution: picks one gazetteer entry per recognised name, by the article's focus. Each candidate
 * gets a prior (feature class, population, how well the name matched) and context evidence: the
 * countries and first-level divisions the article's other places fall in, "City, State" pairs, and
 * nearness to the other places named. In rounds (at most ROUNDS, until the picks settle) the picks make
 * the focus and every name is scored against it; a pick weighs in the focus by its margin over the best
 * candidate in another first-level division, so an unsure pick of a common name ("Springfield") does not
 * pull the article's other names its way. A name's namesakes ("Hanover Town", "City of Richmond") are not
 * context for it. Counties among namesakes follow the article's focus first, then their population.
 * After the rounds, country coherence (`coherence`): with the article's strong places in one country, a
 * weak namesake abroad takes its namesake there or stays unresolved; parts of hyphenated compounds
 * (recognise.ts) stand only with such support. A name placed inside its parents places its other mentions.
 */
import { distanceKm, type GazEntry, type Gazetteer, type NameHit } from '../../gazetteer/index.js';
import type { PlaceCandidate } from '../../model/document.js';
import type { GeoPrecision } from '../../model/taxonomy.js';
import type { Span } from '../../model/span.js';
import { placeLexicon } from './lexicon.js';
import { looseKey, normKey } from '../../gazetteer/normalize.js';
import { isSpace, type RawMention } from './recognise.js';

export interface Resolved {
  readonly raw: RawMention;
  readonly entry: GazEntry | null;
  readonly precision: GeoPrecision;
  readonly described: Span | null;
  readonly how: 'stated' | 'inferred';
  readonly by: string;
}

const isCountry = (c: PlaceCandidate): boolean => c.featureCode.startsWith('PCL');
const isSupra = (e: GazEntry): boolean => e.cc === null; // continents, oceans, world regions
const isAdmin = (c: PlaceCandidate): boolean => c.featureClass === 'A' && !isCountry(c);

/** Prior score of a candidate, before any context. */
export function prior(h: NameHit, m: RawMention, key = ''): number {
  const c = h.entry.candidate;
  let s: number;
  if (isCountry(c)) s = (c.featureCode === 'PCLI' ? 10 : 8.5) + (h.q === 0 ? 1 : 0);
  else if (h.entry.id < 0 || c.featureCode === 'CONT') s = 9; // the hand-written regions and features
  else if (c.featureClass === 'H' || c.featureClass === 'L' || c.featureClass === 'T') s = 6;
  else if (c.featureCode === 'ADM1') s = 6.3;
  // "Laurel County" vs a bare "Laurel"; among namesake counties the more populous is the likelier
  else if (c.featureCode === 'ADM2') s = (h.q <= 1 ? 4.2 : 2.2) + 0.25 * Math.min(2, Math.max(-2, Math.log10(Math.max(c.population, 1000)) - 4.5));
  else if (c.featureClass === 'P') {
    s = Math.log10(Math.max(c.population, 300));
    if (c.featureCode === 'PPLC') s += 2;
    else if (c.featureCode === 'PPLA') s += 1;
    else if (c.featureCode === 'PPLA2') s += 0.3;
  } else s = 3;
  s += h.q === 0 ? 0 : h.q === 1 ? -0.7 : h.q === 2 ? -1.2 : h.q === 3 ? 0 : h.q === 4 ? 0 : -2;
  if (m.adminSuffix && isAdmin(c)) s += 4;
  if (m.settlementCue && c.featureClass === 'P') s += 2;
  // a settlement's other (often former) name, when settlements carry that name as their own: "Maryville"
  // is one of the Maryvilles before it is the town once called so ("Newcastle" for Newcastle upon Tyne,
  // a short form of its own name, is not such a name)
  if (h.q === 1 && c.featureClass === 'P' && ownSettlementOtherThan(m.hits, h.entry.id) &&
      !!key && !sharesName(key, h.entry)) s -= 1.5;
  return s;
}

/** sharesWord(key, the entry's own name key), remembered per key and entry (the same names recur across articles). */
const sharedNames = new Map<string, boolean>();
function sharesName(key: string, e: GazEntry): boolean {
  const k = `${key}\u0000${e.id}`;
  let v = sharedNames.get(k);
  if (v === undefined) {
    v = sharesWord(key, normKey(e.candidate.name));
    if (sharedNames.size > 100_000) sharedNames.clear();
    sharedNames.set(k, v);
  }
  return v;
}

/** Per hit list: how many countries its hits lie in, and its divisions (feature class A) lie in. */
const shapes = new WeakMap<readonly NameHit[], { countries: number; divisionCountries: number }>();
function shapeOf(hits: readonly NameHit[]): { countries: number; divisionCountries: number } {
  let v = shapes.get(hits);
  if (!v) {
    v = { countries: new Set(hits.map((h) => h.entry.cc)).size,
      divisionCountries: new Set(hits.filter((h) => h.entry.candidate.featureClass === 'A').map((h) => h.entry.cc)).size };
    shapes.set(hits, v);
  }
  return v;
}

/** Per hit list: how many hits are settlements by their own name, and the id of the first. */
const ownSettlements = new WeakMap<readonly NameHit[], { n: number; id: number }>();
/** Some hit other than entry `id` is a settlement carrying the name as its own. */
function ownSettlementOtherThan(hits: readonly NameHit[], id: number): boolean {
  let o = ownSettlements.get(hits);
  if (!o) {
    o = { n: 0, id: 0 };
    for (const x of hits) {
      if (x.q !== 0 || x.entry.candidate.featureClass !== 'P') continue;
      if (o.n === 0) o.id = x.entry.id;
      else if (x.entry.id !== o.id) { o.n = 2; break; }
      // the same entry twice counts once: only another entry answers
      o.n = Math.max(o.n, 1);
    }
    ownSettlements.set(hits, o);
  }
  return o.n >= 2 || (o.n === 1 && o.id !== id);
}

const SETTLEMENT_WORDS = new Set(['city', 'town', 'township', 'twp', 'village', 'borough', 'of', 'the', 'historic', 'downtown']);
/** A name key without its settlement words: "city of richmond" → "richmond", "hanover town" → "hanover". */
const bareNames = new Map<string, string>();
function bareName(key: string): string {
  let v = bareNames.get(key);
  if (v === undefined) {
    const ws = key.split(' ').filter((w) => !SETTLEMENT_WORDS.has(w));
    v = ws.length ? ws.join(' ') : key;
    if (bareNames.size > 50_000) bareNames.clear();
    bareNames.set(key, v);
  }
  return v;
}

/** Two name keys share a word of four letters or more, or one written solid holds the other. */
function sharesWord(a: string, b: string): boolean {
  const wb = new Set(b.split(' '));
  if (a.split(' ').some((w) => w.length >= 4 && wb.has(w))) return true;
  const sa = a.replace(/ /g, ''), sb = b.replace(/ /g, '');
  return sa.includes(sb) || sb.includes(sa);
}

/**
 * The name is used for a first-level division's government or office: "Murmansk governor", "the Quebec
 * government", "New York's attorney general", "governor of Alaska". Such a name is the division, not its
 * namesake city (a mayor or a city council is the city's).
 */
const DIVISION_AFTER = /^(?:['’]s)?\s+(?:(?:lieutenant\s+|lt\.?\s+)?gov(?:ernor|\.)|governors?['’]?\s+office|premier|attorney\s+general|legislature|legislators|general\s+assembly|state\s+(?:senate|senator|house|assembly|legislature|police|government|capitol|trooper)|(?:provincial|regional|state)\s+government|government|(?:health|education|finance|justice|environment|transport(?:ation)?|energy)\s+minister|highway\s+patrol|national\s+guard)\b/i;
const DIVISION_BEFORE = /\b(?:governor|premier|lieutenant[- ]governor|(?:state|province|territory|commonwealth)\s+of)\s+(?:the\s+)?$/i;
function divisionCue(text: string, m: RawMention): boolean {
  return DIVISION_AFTER.test(text.slice(m.span.end, m.span.end + 40)) ||
    DIVISION_BEFORE.test(text.slice(Math.max(0, m.span.start - 40), m.span.start));
}

interface Focus {
  cc: Map<string, number>;
  /** country → first-level division code → weight */
  a1: Map<string, Map<string, number>>;
  total: number;
  /** Each group's pick and weight, to take a group (and its namesakes) out of the focus it is scored against. */
  picks: (GazEntry | null)[];
  weights: number[];
  points: { lat: number; lon: number; g: number }[];
}

function buildFocus(picks: (GazEntry | null)[], weights: number[]): Focus {
  const f: Focus = { cc: new Map(), a1: new Map(), total: 0, picks, weights, points: [] };
  picks.forEach((e, i) => {
    if (!e) return;
    const w = weights[i]!;
    if (w <= 0) return;
    f.total += w;
    if (e.cc) f.cc.set(e.cc, (f.cc.get(e.cc) ?? 0) + w);
    if (e.cc && e.a1) {
      let m = f.a1.get(e.cc);
      if (!m) f.a1.set(e.cc, (m = new Map()));
      m.set(e.a1, (m.get(e.a1) ?? 0) + w);
    }
    const c = e.candidate;
    if (!isCountry(c) && !isSupra(e) && c.lat !== null && c.lon !== null && c.featureCode !== 'ADM1') {
      f.points.push({ lat: c.lat, lon: c.lon, g: i });
    }
  });
  return f;
}

/**
 * Context evidence for candidate `e` of a group, from the focus without the groups in `skip` (the group
 * itself and its namesakes: "Hanover" is not evidence for "Hanover Town"): the share of the other picks in
 * its country and in its first-level division (this function), and its distance to the nearest other place
 * (nearScore); the two are added.
 */
function shareScore(e: GazEntry, f: Focus, skip: readonly number[]): number {
  let s = 0;
  const c = e.candidate;
  if (e.cc) {
    let n = f.cc.get(e.cc) ?? 0;
    let a = e.a1 ? f.a1.get(e.cc)?.get(e.a1) ?? 0 : 0;
    let tot = f.total;
    for (const g of skip) {
      const o = f.picks[g];
      const w = f.weights[g]!;
      if (!o || w <= 0) continue;
      tot -= w;
      if (o.cc === e.cc) {
        n -= w;
        if (o.a1 === e.a1) a -= w;
      }
    }
    if (n > 0.01 && tot > 0) s += 1.2 + 3 * (n / tot);
    if (e.a1 && !isCountry(c) && a > 0.01 && tot > 0) s += 1 + 2 * (a / tot);
  }
  return s;
}

/** The context evidence's nearness part (see shareScore): it depends on the picks only (not on their weights). */
function nearScore(e: GazEntry, f: Focus, skip: readonly number[]): number {
  let s = 0;
  const c = e.candidate;
  if (c.lat !== null && c.lon !== null && !isCountry(c) && !isSupra(e) && c.featureCode !== 'ADM1') {
    let best = Infinity;
    for (const p of f.points) {
      // only the band of the nearest distance counts (under 50, 150, 400 km): a point whose latitude alone
      // puts it farther than the nearest so far or than 400 km changes nothing (a great-circle distance is
      // at least the latitude difference times R)
      if (Math.abs(c.lat - p.lat) * KM_PER_DEG > Math.min(best, 400) + 1) continue;
      if (skip.includes(p.g)) continue;
      const d = distanceKm(c.lat, c.lon, p.lat, p.lon);
      if (d < best) best = d;
      if (best < 50) break;
    }
    if (best < 50) s += 2;
    else if (best < 150) s += 1.5;
    else if (best < 400) s += 0.7;
  }
  return s;
}

const NONE: readonly GazEntry[] = [];

// (no named closures inside functions called per text: tsx, which keeps function names, names each such
// closure anew at every call, a cost of its own)
/** Index of the first largest value. */
function argmax(xs: number[]): number {
  let b = 0;
  for (let j = 1; j < xs.length; j++) if (xs[j]! > xs[b]!) b = j;
  return b;
}

/** How well entry `x` lies inside the parents `ps` of a chain: -1 outside their country. */
function insideParents(x: GazEntry, ps: readonly GazEntry[]): number {
  let s = 0;
  for (const p of ps) {
    const pc = p.candidate;
    if (x.cc !== p.cc) return -1;
    if (isCountry(pc)) s += 1;
    else if (pc.featureCode === 'ADM1') s += x.a1 === p.a1 ? 2 : 0;
    else if (pc.featureCode === 'ADM2') s += x.a1 === p.a1 && x.a2 === p.a2 ? 3 : x.a1 === p.a1 ? 1 : 0;
    else if (pc.featureClass === 'P') s += x.a1 === p.a1 ? 1.5 : 0.5;
    else s += 1;
  }
  return s;
}

/** Kilometres per degree of latitude on the sphere distanceKm uses (R = 6371 km). */
const KM_PER_DEG = 6371 * Math.PI / 180;

let pairGapRe: RegExp | null = null;
/** A capitalised word just before a name, or just after its parent: the name is part of a longer one. */
const CAP_BEFORE = /\p{Lu}[\p{L}.'’-]*\s+$/u;
const CAP_AFTER = /^\s+\p{Lu}/u;
/** A parent that closes a parenthesis: "(Dessa, Tillabery)" names divisions. */
const CLOSES = /^\s*\)/;
const THE_BEFORE = /\b[Tt]he\s+(?:[a-z]+\s+){0,2}$/;
/** At most this many rounds of scoring against the focus (most articles settle in two). */
const ROUNDS = 4;

/**
 * The name at `k` is followed by more names of one list: "… New York and Boston", "… New York, Boston and
 * Chicago" (the last of which is no "City, State" pair itself: "Ada, Oklahoma and Dallas, Texas" is two pairs).
 */
function listGoesOn(text: string, raws: RawMention[], k: number): boolean {
  let j = k;
  for (let step = 0; step < 4 && j + 1 < raws.length; step++) {
    const gap = text.slice(raws[j]!.span.end, raws[j + 1]!.span.start);
    if (/^\s*,?\s+(?:and|or|&)\s+$/i.test(gap)) {
      const after = raws[j + 2];
      return !(after && /^\s*,\s*$/.test(text.slice(raws[j + 1]!.span.end, after.span.start)));
    }
    if (!/^\s*,\s*$/.test(gap)) return false;
    j++;
  }
  return false;
}

/** A lower-case feature word after a name ("Lido beach", "Bakara market", "Tahrir square"). */
const FEATURE_AFTER = /^\s+(?:beach|market|camp|bridge|mosque|church|hospital|square|stadium|hotel|restaurant|school|junction|roundabout|checkpoint|neighbou?rhood|street|road|avenue)\b/;
/** "the village of X", "the hamlet of X": the text calls X a village. */
const VILLAGE_BEFORE = /\b(?:village|hamlet|settlement)\s+of\s+$/i;
/** A compass word between "in" and a place ("Palma in northern Mozambique", "a town in the east of"…). */
const COMPASS_GAP = '(?:(?:the\\s+)?(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|south-?western|upper|lower)\\s+)?';
const IN_OF_GAP = new RegExp(`^\\s+(?:in|of)\\s+${COMPASS_GAP}(?:a[lrnsdtz]-)?$`, 'i');
const IN_GAP = new RegExp(`^\\s+in\\s+${COMPASS_GAP}(?:a[lrnsdtz]-)?$`, 'i');

export function resolveAll(text: string, raws: RawMention[], gaz: Gazetteer): Resolved[] {
  const L = placeLexicon();
  const n = raws.length;
  // "City, State" / "City, Country": the following name, after a comma
  pairGapRe ??= new RegExp(`^(?:\\s+(?:${L.unitAlt2}))?(?:\\s*,\\s*|\\s+\\((?:coded as\\s+)?|\\s+(?:in|of)\\s+${COMPASS_GAP}(?:[Aa][lrnsdtz]-)?)$`, 'iu');
  const parentIdx: number[][] = raws.map(() => []);
  const strongChain: boolean[] = raws.map(() => false);
  const commaChain: boolean[] = raws.map(() => false);
  // "Mansura in Raqqa", "Konduga in Borno": a name "in" a division lies inside it, as in "X, Y"
  const inChain: boolean[] = raws.map(() => false);
  const pairs: (GazEntry[] | null)[] = raws.map((m, i) => {
    if (!m.hits.length) return null;
    // the chain of parents after the name: "Singra upazila (Natore, Rajshahi)", "Alexandria, La."
    const es: GazEntry[] = [];
    let prev = m;
    for (let k = i + 1; k < Math.min(n, i + 3); k++) {
      const nx = raws[k]!;
      const gap = text.slice(prev.span.end, nx.span.start);
      if (!pairGapRe!.test(gap) && !(k > i + 1 && /^\s*,\s*$/.test(gap))) break;
      // "Washington, New York and Boston": the comma joins a list, not a City, State pair
      if (k === i + 1 && /^\s*,\s*$/.test(gap) && listGoesOn(text, raws, k)) break;
      parentIdx[i]!.push(k);
      // "Savar city (Dhaka)", "Birganj upazila (Dinajpur, Rangpur)": a parenthesis or a unit word makes a chain
      if (k === i + 1) {
        strongChain[i] = /\(/.test(gap) || m.adminSuffix || /^\s+\p{L}/u.test(gap) && !IN_OF_GAP.test(gap);
        commaChain[i] = !IN_OF_GAP.test(gap);
        // not inside a longer proper name ("the Government of National Accord in Libya") nor before one that
        // goes on ("Cornwall in South West England")
        inChain[i] = IN_GAP.test(gap) && !CAP_BEFORE.test(text.slice(Math.max(0, m.span.start - 30), m.span.start)) &&
          !CAP_AFTER.test(text.slice(nx.span.end, nx.span.end + 3));
      }
      for (const h of nx.hits) {
        const c = h.entry.candidate;
        if (isCountry(c) || c.featureClass === 'A' || (c.featureClass === 'P' && c.population >= 50_000)) es.push(h.entry);
      }
      prev = nx;
    }
    return es.length ? es : null;
  });
  // the "State" of a City, State pair is resolved by its city's candidates
  const pairedBy: (RawMention | null)[] = raws.map((_, i) => (i > 0 && pairs[i - 1] ? raws[i - 1]! : null));

  // each mention's name key, once
  const keyOf = raws.map((m) => normKey(text.slice(m.span.start, m.span.end)));
  // one sense per name per article: mentions with the same name (and use) are resolved together
  const groupOf = new Map<string, number[]>();
  raws.forEach((m, i) => {
    if (!m.hits.length) return;
    const k = `${keyOf[i]!}|${m.adminSuffix ? 1 : 0}|${m.fragment ? 1 : 0}`;
    const g = groupOf.get(k);
    if (g) g.push(i); else groupOf.set(k, [i]);
  });
  const groups = [...groupOf.values()];
  const G = groups.length;
  const gHits = groups.map((g) => raws[g[0]!]!.hits);
  const cueOf = raws.map((m) => m.hits.some((h) => h.entry.candidate.featureCode === 'ADM1') && divisionCue(text, m));
  // "the Atlantic", "the eastern Pacific": a name after the article is the sea, river or region rather than
  // a namesake town
  const theFeature = raws.map((m) => m.hits.some((h) => { const c = h.entry.candidate; return c.featureClass === 'H' || c.featureClass === 'T' || c.featureClass === 'L' || h.entry.cc === null; }) &&
    THE_BEFORE.test(text.slice(Math.max(0, m.span.start - 25), m.span.start)));
  const gPrior = groups.map((g, gi) => {
    const the = g.some((k) => theFeature[k]);
    return gHits[gi]!.map((h) => {
      // (a division of that name too: "the Red Sea" is the sea, not Egypt's Red Sea governorate)
      const pen = the && (h.entry.candidate.featureClass === 'P' || isAdmin(h.entry.candidate)) ? 3 : 0;
      let best = -Infinity;
      for (const i of g) { const v = prior(h, raws[i]!, keyOf[i]!) - pen; if (v > best) best = v; }
      return best;
    });
  });
  const gPairBonus = groups.map((g, gi) => gHits[gi]!.map((h) => {
    let s = 0;
    for (const i of g) {
      const pr = pairs[i];
      if (pr) for (const p of pr) {
        if (p.cc !== h.entry.cc || p.id === h.entry.id) continue;
        const pc = p.candidate;
        if (isCountry(pc)) s = Math.max(s, 4);
        else if (pc.featureCode === 'ADM1' && p.a1 === h.entry.a1) s = Math.max(s, 5);
        else if (pc.featureCode === 'ADM2' && p.a1 === h.entry.a1 && p.a2 === h.entry.a2) s = Math.max(s, 6);
        else if (pc.lat !== null && h.entry.candidate.lat !== null &&
          distanceKm(pc.lat, pc.lon!, h.entry.candidate.lat, h.entry.candidate.lon!) < 60) s = Math.max(s, 4);
      }
      const pb = pairedBy[i];
      // the "State" of "Ada, Oklahoma" is the division its city lies in, rather than a namesake city there
      if (pb && h.entry.candidate.featureClass !== 'P' &&
          pb.hits.some((ph) => ph.entry.cc === h.entry.cc && (isCountry(h.entry.candidate) || ph.entry.a1 === h.entry.a1))) {
        s = Math.max(s, 3);
      }
    }
    return s;
  }));
  let gPick: GazEntry[] = gPrior.map((ps, gi) => gHits[gi]![argmax(ps.map((p, j) => p + gPairBonus[gi]![j]!))]!.entry);
  const gWeight = gPrior.map((ps, gi) => {
    const hs = gHits[gi]!;
    let oneCc = true;
    for (let j = 1; j < hs.length && oneCc; j++) if (hs[j]!.entry.cc !== hs[0]!.entry.cc) oneCc = false;
    if (hs.length === 1 || oneCc) return 1;
    // the margin of the best score over the second best
    const bonus = gPairBonus[gi]!;
    let first = -Infinity, second = -Infinity;
    for (let j = 0; j < ps.length; j++) {
      const v = ps[j]! + bonus[j]!;
      if (v > first) { second = first; first = v; } else if (v > second) second = v;
    }
    const margin = first - second;
    return margin >= 3 ? 1 : margin >= 1.5 ? 0.5 : 0.1;
  });
  // list peers: "England and Wales", "California or Washington", "Texas, Ohio and Iowa": a name listed
  // with first-level divisions is one itself
  const groupIdx: number[] = raws.map(() => -1);
  groups.forEach((g, gi) => { for (const i of g) groupIdx[i] = gi; });
  const peerGroups: number[][] = groups.map(() => []);
  for (let i = 0; i + 1 < n; i++) {
    const a = groupIdx[i]!, b = groupIdx[i + 1]!;
    if (a < 0 || b < 0 || a === b) continue;
    if (!/^\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)$/i.test(text.slice(raws[i]!.span.end, raws[i + 1]!.span.start))) continue;
    peerGroups[a]!.push(b);
    peerGroups[b]!.push(a);
  }
  // namesakes: groups whose names differ only by a settlement word ("Hanover" / "Hanover Town", "City of
  // Richmond") name one place, so neither is context for the other
  const bareKey = groups.map((g) => bareName(keyOf[g[0]!]!));
  const byBare = new Map<string, number[]>();
  bareKey.forEach((k, gi) => { const v = byBare.get(k); if (v) v.push(gi); else byBare.set(k, [gi]); });
  const skipOf: number[][] = groups.map((_, gi) => [gi, ...byBare.get(bareKey[gi]!)!.filter((gj) => gj !== gi)]);
  // rounds: the picks so far make the focus, every name is scored against it; a pick weighs in the
  // focus by how clearly it beat the best candidate elsewhere (another first-level division)
  // a part of a hyphenated compound is no evidence for the others (recognise.ts, compoundFragment)
  const gFragment = groups.map((g) => g.every((i) => raws[i]!.fragment === true));
  let w: number[] = gWeight.map((x, gi) => (gFragment[gi] ? x / 2 : x));
  // each candidate's nearness score, kept while the picks (and so the focus points) stay the same
  let nearOf: (number[] | undefined)[] = [];
  let nearPicks: GazEntry[] | null = null;
  for (let round = 0; round < ROUNDS; round++) {
    const f = buildFocus(gPick, w);
    if (!nearPicks || nearPicks.some((e, gi) => e !== gPick[gi])) { nearOf = []; nearPicks = gPick; }
    const prev = gPick;
    const nw: number[] = [];
    let changed = false;
    gPick = gHits.map((hs, gi) => {
      // one candidate: it is the pick, by an infinite margin
      if (hs.length === 1) { nw.push(1); return hs[0]!.entry; }
      const scores: number[] = [];
      const peerA1 = peerGroups[gi]!.length ? peerGroups[gi]!.filter((pg) => prev[pg]!.candidate.featureCode === 'ADM1').map((pg) => prev[pg]!) : NONE;
      const pri = gPrior[gi]!, bonus = gPairBonus[gi]!, skip = skipOf[gi]!;
      const near = nearOf[gi] ?? (nearOf[gi] = hs.map((h) => nearScore(h.entry, f, skip)));
      for (let j = 0; j < hs.length; j++) {
        const e = hs[j]!.entry;
        const peer = peerA1.length && e.candidate.featureCode === 'ADM1' && peerA1.some((p) => p.id !== e.id && p.a1 !== e.a1) ? 2.5 : 0;
        scores.push(pri[j]! + bonus[j]! + peer + (shareScore(e, f, skip) + near[j]!));
      }
      const b = argmax(scores);
      const best = hs[b]!.entry;
      let other = -Infinity;
      for (let j = 0; j < hs.length; j++) {
        const e = hs[j]!.entry;
        if ((e.cc !== best.cc || e.a1 !== best.a1) && scores[j]! > other) other = scores[j]!;
      }
      const margin = scores[b]! - other;
      nw.push(margin >= 3 ? 1 : margin >= 1.5 ? 0.6 : margin >= 0.5 ? 0.3 : 0.1);
      if (best !== prev[gi]) changed = true;
      return best;
    });
    w = nw.map((x, gi) => (gFragment[gi] ? x / 2 : x));
    if (!changed && round >= 1) break;
  }
  // the parents of a chain ("(Kain, Yatenga)", "Birganj upazila (Dinajpur, Rangpur)") are used as divisions
  const isParent: boolean[] = raws.map(() => false);
  parentIdx.forEach((ks, i) => { if (commaChain[i]) for (const k of ks) isParent[k] = true; });
  const gFinal: (GazEntry | null)[] = coherence(text, raws, groups, gHits, gPick, gPrior, gPairBonus, gFragment, isParent);
  const picks: (GazEntry | null)[] = raws.map(() => null);
  for (let gi = 0; gi < G; gi++) for (const i of groups[gi]!) picks[i] = gFinal[gi]!;
  const chainPicked: boolean[] = raws.map(() => false);

  // a name with a parent chain lies inside its parents: "Birganj upazila (Dinajpur, Rangpur)" is not the
  // Birganj in Nepal, and "Mansura in Raqqa" is not the Egyptian city (an "in" chain, where a capital or a
  // city of a million "in" somewhere else stays itself: "the role of Moscow in Syria"). Among the name's candidates keep one inside the divisions named after it; with
  // none in the parents' country, the nearest parent stands in for the name (precision near).
  const chainParent: (GazEntry | null)[] = raws.map(() => null);
  for (let i = 0; i < n; i++) {
    const m = raws[i]!;
    const nulled = !picks[i] && m.hits.length > 0 && !m.fragment;
    // a name coherence left unresolved stands on its parents as one placed abroad does
    const e = picks[i] ?? (nulled ? m.hits[0]!.entry : null);
    if (!e || !parentIdx[i]!.length || m.adjectival || !(commaChain[i] || inChain[i])) continue;
    if (isCountry(e.candidate) || isSupra(e) || e.candidate.featureCode === 'ADM1' || e.id < 0) continue;
    const ps = parentIdx[i]!.map((k) => {
      const p = picks[k];
      if (!p || p.candidate.featureClass !== 'P' || strongChain[i]) return p;
      // "Vesele, Donetsk": the parent is the division its city heads
      return raws[k]!.hits.map((h) => h.entry).find((x) => x.cc === p.cc && x.a1 === p.a1 &&
        (x.candidate.featureCode === 'ADM1' || x.candidate.featureCode === 'ADM2')) ??
        // "Raqqa governorate", "in Raqqa" (the seat of its division): the division the city heads
        ((raws[k]!.adminSuffix || (p.candidate.featureCode === 'PPLA' && (inChain[i] || CLOSES.test(text.slice(raws[k]!.span.end, raws[k]!.span.end + 3))))) &&
          p.cc && p.a1 ? gaz.admin1Entry(p.cc, p.a1) : null);
    }).filter((p): p is GazEntry =>
      !!p && !!p.cc && (p.candidate.featureClass === 'A' || (strongChain[i]! && p.candidate.featureClass === 'P')) && p.id !== e.id);
    if (!ps.length) continue;
    // lists of divisions ("Kiambu, Nakuru and Nairobi") are not chains
    if (e.candidate.featureCode === 'ADM1' && ps.every((p) => p.candidate.featureCode === 'ADM1')) continue;
    const cur = nulled ? -1 : insideParents(e, ps);
    const best = m.hits.map((h) => h.entry).filter((x) => x.id !== e.id && !isCountry(x.candidate))
      .map((x) => ({ x, s: insideParents(x, ps) })).filter((o) => o.s > Math.max(cur, 0))
      .sort((a, b) => b.s - a.s || b.x.candidate.population - a.x.candidate.population)[0];
    if (best) { picks[i] = best.x; chainPicked[i] = true; continue; }
    // "the role of Moscow in Syria": a capital or a big city "in" somewhere else is itself, not a namesake there
    if (!commaChain[i] && (e.candidate.featureCode === 'PPLC' || e.candidate.population >= 1_000_000 || isAdmin(e.candidate))) continue;
    if (cur < 0 || (cur === 0 && ps.some((p) => p.candidate.featureCode === 'ADM1' || p.candidate.featureCode === 'ADM2'))) chainParent[i] = ps[0]!;
  }
  // one sense per name: a mention placed inside its parents ("Satkhira city, Sadar upazila (Satkhira,
  // Khulna)") places every other mention of that name, and a namesake abroad follows its country
  for (let gi = 0; gi < G; gi++) {
    const g = groups[gi]!;
    // (a name that stands on its parents, no candidate lying inside them: "the town of Palma in northern
    // Mozambique" … "Insurgents attacked Palma": every mention is that town, not a namesake abroad)
    const onParent = g.find((i) => chainParent[i]);
    if (onParent !== undefined) {
      const cp = chainParent[onParent]!;
      for (const i of g) if (!chainParent[i] && !chainPicked[i] && picks[i] && picks[i]!.cc !== cp.cc) chainParent[i] = cp;
    }
    const by = g.find((i) => chainPicked[i]);
    if (by === undefined) continue;
    const e = picks[by]!;
    for (const i of g) if (!chainPicked[i] && !chainParent[i]) picks[i] = e;
  }
  {
    // the same name as a division and as a bare name ("Satkhira district" … "Satkhira"): one country
    const byName = new Map<string, number[]>();
    raws.forEach((m, i) => {
      if (!m.hits.length || !picks[i]) return;
      const k = m.adminSuffix ? normKey(text.slice(m.span.start, m.span.end).replace(/\s+\S+$/, '')) : keyOf[i]!;
      const v = byName.get(k); if (v) v.push(i); else byName.set(k, [i]);
    });
    for (const ids of byName.values()) {
      if (ids.length < 2) continue;
      const ccs = new Set(ids.map((i) => picks[i]!.cc));
      if (ccs.size < 2) continue;
      // the best-supported referent: a chain-placed or suffixed mention's country, else the most frequent
      const anchor = ids.find((i) => chainPicked[i]) ?? ids.find((i) => raws[i]!.adminSuffix) ?? null;
      if (anchor === null) continue;
      const cc = picks[anchor]!.cc;
      for (const i of ids) {
        if (picks[i]!.cc === cc || chainParent[i]) continue;
        const alt = raws[i]!.hits.filter((h) => h.entry.cc === cc && (h.entry.a1 === picks[anchor]!.a1 || !picks[anchor]!.a1))
          .sort((a, b) => prior(b, raws[i]!) - prior(a, raws[i]!))[0];
        if (alt) picks[i] = alt.entry;
      }
    }
  }

  // described names take their anchor's place
  const byRaw = new Map<RawMention, GazEntry | null>();
  raws.forEach((m, i) => byRaw.set(m, picks[i]!));
  const out: Resolved[] = [];
  // right to left: an anchor usually comes after its name, and may itself stand on a later anchor
  for (let i = n - 1; i >= 0; i--) {
    const m = raws[i]!;
    let e = picks[i]!;
    if (m.adminSuffix && e && e.candidate.featureClass === 'P' && e.cc && e.a1 &&
        /\b(?:province|governorate|state|oblast|region|prefecture|wilayah?|vilayet)$/i.test(text.slice(m.span.start, m.span.end))) {
      // "Dayr az Zawr province": the division the city heads
      e = gaz.admin1Entry(e.cc, e.a1) ?? e;
    }
    if (cueOf[i] && e && e.candidate.featureClass === 'P' && e.cc && e.a1) {
      // "Murmansk governor", "the Quebec government": this mention is the division its namesake city is in
      const a1s = m.hits.filter((h) => h.entry.candidate.featureCode === 'ADM1');
      const own = a1s.filter((h) => h.q === 0);
      const pq = m.hits.find((h) => h.entry.id === e!.id)?.q ?? 0;
      // the division the city is in, or else the one division of that very name when the city was an alternate name
      const d = a1s.find((h) => h.entry.cc === e!.cc && h.entry.a1 === e!.a1) ?? (own.length === 1 && pq > 0 ? own[0] : undefined);
      if (d) e = d.entry;
    }
    let how: 'stated' | 'inferred' = 'stated';
    let precision: GeoPrecision | null = m.precisionHint;
    let described = m.described;
    let by = m.rule;
    const cp = chainParent[i];
    if (cp) {
      e = cp;
      how = 'inferred';
      by = `${m.rule}/chain-parent`;
      precision = 'near';
    }
    if (m.anchor) {
      const a = byRaw.get(m.anchor) ?? null;
      const ac = a?.candidate;
      // a known name near its anchor is itself; otherwise the anchor stands in for it
      const own = m.hits
        .map((h) => h.entry)
        .filter((x) => ac && ac.lat !== null && x.candidate.lat !== null &&
          distanceKm(x.candidate.lat!, x.candidate.lon!, ac.lat!, ac.lon!) < 60);
      if (own.length) {
        e = own[0]!;
        precision = 'exact';
      } else if (a) {
        e = a;
        how = 'inferred';
        by = `${m.rule}/anchor`;
        precision = ac && isAdmin(ac) ? 'admin1' : 'near';
      }
    }
    if (!precision || precision === 'admin1') {
      // "near X", "outside X", "10 km north of X"
      const cue = nearCue(text, m.span.start);
      if (cue !== null && !m.adjectival) {
        precision = 'near';
        described = { start: cue, end: m.span.end };
      }
    }
    if (!precision) precision = e ? precisionOf(e) : 'exact';
    if (m.adminSuffix && precision === 'exact') precision = 'admin1';
    byRaw.set(m, e);
    if (m.fragment && !e) continue; // a part of a compound the article does not support: no place
    out.push({ raw: m, entry: e, precision, described, how, by });
  }
  out.reverse();
  void L;
  return out;
}

/** A group used as a division: a mention with a division word, or a chain's parent. */
function usedAsDivision(g: readonly number[], raws: RawMention[], isParent: boolean[]): boolean {
  return g.some((i) => raws[i]!.adminSuffix || isParent[i]);
}

/** A pick that is evidence of the article's country on its own: a country, a division, a big city, a region. */
function strongPick(e: GazEntry, hits: readonly NameHit[], suffixed = false): boolean {
  const c = e.candidate;
  const q = hits.find((h) => h.entry.id === e.id)?.q ?? 9;
  if (e.id < 0 || isSupra(e)) return false;
  if (suffixed && c.featureClass === 'A') return true; // "Soum Province", "Balkh district"
  if (isCountry(c)) return false; // named countries are counted apart (often the other side: "US dollar")
  if (c.featureCode === 'ADM1' && q <= 2) return true;
  if (c.featureCode === 'ADM2' && q <= 2) return true;
  return c.featureClass === 'P' && c.population >= 100_000 && q <= 1;
}

/**
 * Country coherence: when the article's strong places (divisions, big cities, unambiguous names, the
 * parents of a chain) all lie in one country, a weakly supported name placed abroad (a small namesake,
 * no parent, no country of its own named) takes its namesake in that country, or is left unresolved: a
 * wrong country is worse than none (the event's location then falls back to the next place named). A part
 * of a hyphenated compound (recognise.ts) is kept only when so supported: in that country or near a place
 * the article names.
 */
function coherence(
  text: string, raws: RawMention[], groups: number[][], gHits: (readonly NameHit[])[], gPick: GazEntry[],
  gPrior: number[][], gPairBonus: number[][], gFragment: boolean[], isParent: boolean[],
): (GazEntry | null)[] {
  const out: (GazEntry | null)[] = gPick.slice();
  // each group's standing: 2 firm (a division so used, an unambiguous name, a parent's support), 1 strong
  // (a division or big city of an ambiguous name), 0 weak
  const standing = gPick.map((e, gi) => {
    const hs = gHits[gi]!;
    if (gFragment[gi] || !e.cc || isCountry(e.candidate) || e.id < 0 || isSupra(e)) return 0;
    if (groups[gi]!.every((i) => raws[i]!.adjectival)) return 0;
    // "Lido beach", "Bakara market": a local feature named after something, weak evidence of a namesake town abroad
    if (groups[gi]!.every((i) => FEATURE_AFTER.test(text.slice(raws[i]!.span.end, raws[i]!.span.end + 14)))) return 0;
    // "near the village of El Plateado": what the text calls a village is weak evidence of a town of that name
    if (e.candidate.featureClass === 'P' && e.candidate.population < 100_000 && e.candidate.featureCode !== 'PPLC'
      && groups[gi]!.every((i) => VILLAGE_BEFORE.test(text.slice(Math.max(0, raws[i]!.span.start - 24), raws[i]!.span.start)))) return 0;
    const paired = gPairBonus[gi]!.some((b, j) => b > 0 && hs[j]!.entry.id === e.id);
    const q = hs.find((h) => h.entry.id === e.id)?.q ?? 9;
    // an unambiguous name ("Djibo", "Garissa"): all its candidates in one country; another name of the place
    // ("Sori" for Sari, a former or foreign name), not a spelling of its own ("Tillabery"), is no such evidence
    const r0 = raws[groups[gi]![0]!]!;
    // (a short form of its own name, "Clacton" for Clacton-on-Sea, is no other name)
    const k0 = q === 1 ? normKey(text.slice(r0.span.start, r0.span.end)) : '';
    const otherName = q === 1 && looseKey(k0) !== looseKey(normKey(e.candidate.name)) && !sharesName(k0, e);
    const shape = shapeOf(hs);
    // (a second-level division or a city section by a name of its own, "Victoria Park", is no firm evidence
    // of its country: a park, a ward or a borough abroad shares the name of many a local place)
    const oneCountry = shape.countries === 1 && !otherName &&
      ((e.candidate.featureClass === 'A' && !/^(?:ADM[2-5]|ADMD)$/.test(e.candidate.featureCode)) || e.candidate.population >= 20_000 && e.candidate.featureCode !== 'PPLX' || /^PPLA2?$/.test(e.candidate.featureCode));
    // a division so used whose namesake divisions are all in one country ("(Kain, Yatenga)", "Soum Province")
    const division = usedAsDivision(groups[gi]!, raws, isParent) && e.candidate.featureClass === 'A' && shape.divisionCountries === 1;
    // a big city by its own name ("Dhaka", "Port Elizabeth") is firm whatever its small namesakes
    const big = e.candidate.featureClass === 'P' && (e.candidate.population >= 100_000 || e.candidate.featureCode === 'PPLC') && q === 0;
    if (paired || oneCountry || division || big) return 2;
    return strongPick(e, hs, usedAsDivision(groups[gi]!, raws, isParent)) ? 1 : 0;
  });
  const named = new Set<string>();
  gPick.forEach((e, gi) => {
    if (!gFragment[gi] && e.cc && isCountry(e.candidate) && !groups[gi]!.every((i) => raws[i]!.adjectival)) named.add(e.cc);
  });
  // the article's country: the one its strong places lie in; strong places elsewhere must be outnumbered and
  // none of them firm ("Port Elizabeth (Nelson Mandela Bay, Eastern Cape)": Nelson is one of many Nelsons).
  // Named countries alone make no focus: "US forces in Hasakah", "the burning of the Quran in Sweden".
  const count = new Map<string, number>();
  const firm = new Set<string>();
  standing.forEach((st, gi) => {
    if (!st) return;
    const cc = gPick[gi]!.cc!;
    count.set(cc, (count.get(cc) ?? 0) + st);
    if (st === 2) firm.add(cc);
  });
  let C: string | null = null;
  if (count.size) {
    const sorted = [...count.entries()].sort((a, b) => b[1] - a[1]);
    const [top, n] = sorted[0]!;
    const rest = sorted.slice(1).reduce((a, x) => a + x[1], 0);
    if (rest === 0 || (n > rest && sorted.slice(1).every(([cc]) => !firm.has(cc)))) C = top;
  }
  // the points of the article's other supported places, for a fragment's nearness
  const pts = gPick.map((e, gi) => (!gFragment[gi] && e.cc && !isCountry(e.candidate) && !isSupra(e) && e.candidate.lat !== null ? e : null));
  gPick.forEach((e, gi) => {
    const hs = gHits[gi]!;
    const frag = gFragment[gi]!;
    if (!frag) {
      if (C === null || e.cc === C || !e.cc || e.id < 0 || isSupra(e) || isCountry(e.candidate)) return;
      if (standing[gi] === 2 || named.has(e.cc)) return;
      // a big city abroad stays; a division of an ambiguous name ("Nelson") follows the article
      if (standing[gi] === 1 && e.candidate.featureClass !== 'A') return;
      if (groups[gi]!.every((i) => raws[i]!.adjectival)) return;
    } else {
      if (C !== null && e.cc === C) return;
      const near = pts.some((p, gj) => p && gj !== gi && p.cc === e.cc && e.candidate.lat !== null &&
        (p.candidate.featureClass === 'A' ? p.a1 === e.a1 : distanceKm(p.candidate.lat!, p.candidate.lon!, e.candidate.lat!, e.candidate.lon!) < 150));
      if (near) return;
    }
    // its namesake in the article's country, the likeliest first
    let best = -1;
    if (C !== null) hs.forEach((h, j) => {
      if (h.entry.cc !== C || isCountry(h.entry.candidate) || h.q === 4) return;
      if (best < 0 || gPrior[gi]![j]! + gPairBonus[gi]![j]! > gPrior[gi]![best]! + gPairBonus[gi]![best]!) best = j;
    });
    out[gi] = best >= 0 ? hs[best]!.entry : null;
  });
  return out;
}

export function precisionOf(e: GazEntry): GeoPrecision {
  const c = e.candidate;
  if (isCountry(c) || isSupra(e)) return 'country';
  if (c.featureClass === 'A' || c.featureCode === 'RGN' || c.featureClass === 'L' || c.featureClass === 'T' || c.featureClass === 'H') return 'admin1';
  return 'exact';
}

let nearRe: RegExp | null = null;
const CUE_ENDS = ['near', 'nearby', 'outside', 'around', 'to', 'of', 'from', 'between', 'off'];
/**
 * One or more spaces end at `pos`, and the run of other characters before them ends with a cue word (ASCII
 * letters of either case): needed for `(?:near|…|off)\s+(?:the\s+\w+\s+of\s+)?$` to match there.
 */
function cueWordBefore(text: string, pos: number): boolean {
  let j = pos;
  while (j > 0 && isSpace(text.charCodeAt(j - 1))) j--;
  if (j === pos) return false;
  for (const w of CUE_ENDS) {
    if (j < w.length) continue;
    let ok = true;
    for (let k = 0; k < w.length && ok; k++) {
      const c = text.charCodeAt(j - w.length + k);
      ok = c < 128 && (c | 0x20) === w.charCodeAt(k);
    }
    if (ok) return true;
  }
  return false;
}
/** Start of a "near X" cue that ends right before `pos`, or null. */
export function nearCue(text: string, pos: number): number | null {
  const L = placeLexicon();
  nearRe ??= new RegExp(
    `(?:^|[^\\p{L}])((?:(?:some|about|around|roughly|nearly|almost)\\s+)?(?:\\d+(?:[.,]\\d+)?|a\\s+few|several)\\s*(?:${L.unitAlt})\\s+(?:(?:${L.dirAlt})\\s+)?(?:of|from|outside)|(?:just\\s+|the\\s+)?(?:${L.dirAlt})\\s+of|${L.nearAlt})\\s+(?:the\\s+(?:town|city|village|outskirts)\\s+of\\s+)?$`,
    'iu',
  );
  // what the test below asks first, without slicing: spaces before the name, after a word that ends with a cue
  if (!cueWordBefore(text, pos)) return null;
  const before = text.slice(Math.max(0, pos - 60), pos);
  if (!/(?:near|nearby|outside|around|to|of|from|between|off)\s+(?:the\s+\w+\s+of\s+)?$/i.test(before.slice(-30))) return null;
  const m = nearRe.exec(before);
  if (!m) return null;
  // "between X and Y": only the first name; "off" only before a coast
  const cue = m[1]!.toLowerCase();
  if (cue === 'off' || cue === 'between') return null;
  return pos - before.length + m.index + m[0].indexOf(m[1]!);
}
