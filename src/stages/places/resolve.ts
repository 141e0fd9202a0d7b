/**
 * Resolution: picks one gazetteer entry per recognised name, by the article's focus. Each candidate
 * gets a prior (feature class, population, how well the name matched) and context evidence: the
 * countries and first-level divisions the article's other places fall in, "City, State" pairs, and
 * nearness to the other places named. Two rounds: confident names set the focus, then every name is
 * scored against it.
 */
import { distanceKm, type GazEntry, type Gazetteer, type NameHit } from '../../gazetteer/index.js';
import type { PlaceCandidate } from '../../model/document.js';
import type { GeoPrecision } from '../../model/taxonomy.js';
import type { Span } from '../../model/span.js';
import { placeLexicon } from './lexicon.js';
import { normKey } from '../../gazetteer/normalize.js';
import type { RawMention } from './recognise.js';

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
export function prior(h: NameHit, m: RawMention): number {
  const c = h.entry.candidate;
  let s: number;
  if (isCountry(c)) s = (c.featureCode === 'PCLI' ? 10 : 8.5) + (h.q === 0 ? 1 : 0);
  else if (h.entry.id < 0 || c.featureCode === 'CONT') s = 9; // the hand-written regions and features
  else if (c.featureClass === 'H' || c.featureClass === 'L' || c.featureClass === 'T') s = 6;
  else if (c.featureCode === 'ADM1') s = 6.3;
  else if (c.featureCode === 'ADM2') s = h.q <= 1 ? 4.2 : 2.2; // "Laurel County" vs a bare "Laurel"
  else if (c.featureClass === 'P') {
    s = Math.log10(Math.max(c.population, 300));
    if (c.featureCode === 'PPLC') s += 2;
    else if (c.featureCode === 'PPLA') s += 1;
    else if (c.featureCode === 'PPLA2') s += 0.3;
  } else s = 3;
  s += h.q === 0 ? 0 : h.q === 1 ? -0.7 : h.q === 2 ? -1.2 : h.q === 3 ? 0 : h.q === 4 ? 0 : -2;
  if (m.adminSuffix && isAdmin(c)) s += 4;
  if (m.settlementCue && c.featureClass === 'P') s += 2;
  return s;
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
  a1: Map<string, number>;
  total: number;
  points: { lat: number; lon: number; m: RawMention }[];
}

function buildFocus(picks: (GazEntry | null)[], raws: RawMention[], weights: number[]): Focus {
  const f: Focus = { cc: new Map(), a1: new Map(), total: 0, points: [] };
  picks.forEach((e, i) => {
    if (!e) return;
    const w = weights[i]!;
    if (w <= 0) return;
    f.total += w;
    if (e.cc) f.cc.set(e.cc, (f.cc.get(e.cc) ?? 0) + w);
    if (e.cc && e.a1) f.a1.set(`${e.cc}.${e.a1}`, (f.a1.get(`${e.cc}.${e.a1}`) ?? 0) + w);
    const c = e.candidate;
    if (!isCountry(c) && !isSupra(e) && c.lat !== null && c.lon !== null && c.featureCode !== 'ADM1') {
      f.points.push({ lat: c.lat, lon: c.lon, m: raws[i]! });
    }
  });
  return f;
}

function contextScore(e: GazEntry, m: RawMention, f: Focus, self: GazEntry | null, selfW: number, pair: GazEntry[] | null): number {
  let s = 0;
  const c = e.candidate;
  if (e.cc) {
    let n = f.cc.get(e.cc) ?? 0;
    let tot = f.total;
    if (self && self.cc === e.cc) n -= selfW;
    if (self) tot -= selfW;
    if (n > 0.01 && tot > 0) s += 1.2 + 3 * (n / tot);
    if (e.a1 && !isCountry(c)) {
      let a = f.a1.get(`${e.cc}.${e.a1}`) ?? 0;
      if (self && self.cc === e.cc && self.a1 === e.a1) a -= selfW;
      if (a > 0.01 && tot > 0) s += 1 + 2 * (a / tot);
    }
  }
  if (pair) {
    for (const p of pair) {
      if (p.cc !== e.cc) continue;
      if (isCountry(p.candidate) || (p.a1 === e.a1 && p.candidate.featureCode === 'ADM1')) { s += 5; break; }
    }
  }
  if (c.lat !== null && c.lon !== null && !isCountry(c) && !isSupra(e) && c.featureCode !== 'ADM1') {
    let best = Infinity;
    for (const p of f.points) {
      if (p.m === m) continue;
      const d = distanceKm(c.lat, c.lon, p.lat, p.lon);
      if (d < best) best = d;
    }
    if (best < 50) s += 2;
    else if (best < 150) s += 1.5;
    else if (best < 400) s += 0.7;
  }
  return s;
}

let pairGapRe: RegExp | null = null;

export function resolveAll(text: string, raws: RawMention[], gaz: Gazetteer): Resolved[] {
  const L = placeLexicon();
  const n = raws.length;
  // "City, State" / "City, Country": the following name, after a comma
  pairGapRe ??= new RegExp(`^(?:\\s+(?:${L.unitAlt2}))?(?:\\s*,\\s*|\\s+\\((?:coded as\\s+)?|\\s+(?:in|of)\\s+)$`, 'iu');
  const parentIdx: number[][] = raws.map(() => []);
  const strongChain: boolean[] = raws.map(() => false);
  const commaChain: boolean[] = raws.map(() => false);
  const pairs: (GazEntry[] | null)[] = raws.map((m, i) => {
    if (!m.hits.length) return null;
    // the chain of parents after the name: "Singra upazila (Natore, Rajshahi)", "Alexandria, La."
    const es: GazEntry[] = [];
    let prev = m;
    for (let k = i + 1; k < Math.min(n, i + 3); k++) {
      const nx = raws[k]!;
      const gap = text.slice(prev.span.end, nx.span.start);
      if (!pairGapRe!.test(gap) && !(k > i + 1 && /^\s*,\s*$/.test(gap))) break;
      parentIdx[i]!.push(k);
      // "Savar city (Dhaka)", "Birganj upazila (Dinajpur, Rangpur)": a parenthesis or a unit word makes a chain
      if (k === i + 1) {
        strongChain[i] = /\(/.test(gap) || m.adminSuffix || /^\s+\p{L}/u.test(gap) && !/^\s+(?:in|of)\s+$/i.test(gap);
        commaChain[i] = !/^\s+(?:in|of)\s+$/i.test(gap);
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

  // one sense per name per article: mentions with the same name (and use) are resolved together
  const groupOf = new Map<string, number[]>();
  raws.forEach((m, i) => {
    if (!m.hits.length) return;
    const k = `${normKey(text.slice(m.span.start, m.span.end))}|${m.adminSuffix ? 1 : 0}`;
    const g = groupOf.get(k);
    if (g) g.push(i); else groupOf.set(k, [i]);
  });
  const groups = [...groupOf.values()];
  const G = groups.length;
  const gHits = groups.map((g) => raws[g[0]!]!.hits);
  const cueOf = raws.map((m) => m.hits.some((h) => h.entry.candidate.featureCode === 'ADM1') && divisionCue(text, m));
  const gPrior = groups.map((g, gi) => gHits[gi]!.map((h) => Math.max(...g.map((i) => prior(h, raws[i]!)))));
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
      if (pb && pb.hits.some((ph) => ph.entry.cc === h.entry.cc && (isCountry(h.entry.candidate) || ph.entry.a1 === h.entry.a1))) {
        s = Math.max(s, 3);
      }
    }
    return s;
  }));
  const argmax = (xs: number[]): number => { let b = 0; xs.forEach((x, j) => { if (x > xs[b]!) b = j; }); return b; };
  let gPick: GazEntry[] = gPrior.map((ps, gi) => gHits[gi]![argmax(ps.map((p, j) => p + gPairBonus[gi]![j]!))]!.entry);
  const gWeight = gPrior.map((ps, gi) => {
    const hs = gHits[gi]!;
    const ccs = new Set(hs.map((h) => h.entry.cc));
    if (hs.length === 1 || ccs.size === 1) return 1;
    const sorted = ps.map((p, j) => p + gPairBonus[gi]![j]!).sort((a, b) => b - a);
    const margin = sorted[0]! - (sorted[1] ?? -Infinity);
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
  for (let round = 0; round < 2; round++) {
    const w = round === 0 ? gWeight : gWeight.map(() => 1);
    const f = buildFocus(gPick, groups.map((g) => raws[g[0]!]!), w);
    const prev = gPick;
    gPick = gHits.map((hs, gi) => {
      let best = hs[0]!.entry, bestS = -Infinity;
      const peerA1 = peerGroups[gi]!.filter((pg) => prev[pg]!.candidate.featureCode === 'ADM1').map((pg) => prev[pg]!);
      hs.forEach((h, j) => {
        const c = h.entry.candidate;
        const peer = c.featureCode === 'ADM1' && peerA1.some((p) => p.id !== h.entry.id && p.a1 !== h.entry.a1) ? 2.5 : 0;
        const s = gPrior[gi]![j]! + gPairBonus[gi]![j]! + peer + contextScore(h.entry, raws[groups[gi]![0]!]!, f, gPick[gi]!, w[gi]!, null);
        if (s > bestS) { bestS = s; best = h.entry; }
      });
      return best;
    });
  }
  const picks: (GazEntry | null)[] = raws.map(() => null);
  for (let gi = 0; gi < G; gi++) for (const i of groups[gi]!) picks[i] = gPick[gi]!;

  // a name with a parent chain lies inside its parents: "Birganj upazila (Dinajpur, Rangpur)" is not the
  // Birganj in Nepal. Among the name's candidates keep one inside the divisions named after it; with
  // none in the parents' country, the nearest parent stands in for the name (precision near).
  const chainParent: (GazEntry | null)[] = raws.map(() => null);
  for (let i = 0; i < n; i++) {
    const e = picks[i];
    const m = raws[i]!;
    if (!e || !parentIdx[i]!.length || m.adjectival || !commaChain[i]) continue;
    if (isCountry(e.candidate) || isSupra(e) || e.candidate.featureCode === 'ADM1' || e.id < 0) continue;
    const ps = parentIdx[i]!.map((k) => {
      const p = picks[k];
      if (!p || p.candidate.featureClass !== 'P' || strongChain[i]) return p;
      // "Vesele, Donetsk": the parent is the division its city heads
      return raws[k]!.hits.map((h) => h.entry).find((x) => x.cc === p.cc && x.a1 === p.a1 &&
        (x.candidate.featureCode === 'ADM1' || x.candidate.featureCode === 'ADM2')) ?? null;
    }).filter((p): p is GazEntry =>
      !!p && !!p.cc && (p.candidate.featureClass === 'A' || (strongChain[i]! && p.candidate.featureClass === 'P')) && p.id !== e.id);
    if (!ps.length) continue;
    // lists of divisions ("Kiambu, Nakuru and Nairobi") are not chains
    if (e.candidate.featureCode === 'ADM1' && ps.every((p) => p.candidate.featureCode === 'ADM1')) continue;
    const inside = (x: GazEntry): number => {
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
    };
    const cur = inside(e);
    const best = m.hits.map((h) => h.entry).filter((x) => x.id !== e.id && !isCountry(x.candidate))
      .map((x) => ({ x, s: inside(x) })).filter((o) => o.s > Math.max(cur, 0))
      .sort((a, b) => b.s - a.s || b.x.candidate.population - a.x.candidate.population)[0];
    if (best) { picks[i] = best.x; continue; }
    if (cur < 0 || (cur === 0 && ps.some((p) => p.candidate.featureCode === 'ADM1' || p.candidate.featureCode === 'ADM2'))) chainParent[i] = ps[0]!;
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
    out.push({ raw: m, entry: e, precision, described, how, by });
    byRaw.set(m, e);
  }
  out.reverse();
  void L;
  return out;
}

export function precisionOf(e: GazEntry): GeoPrecision {
  const c = e.candidate;
  if (isCountry(c) || isSupra(e)) return 'country';
  if (c.featureClass === 'A' || c.featureCode === 'RGN' || c.featureClass === 'L' || c.featureClass === 'T' || c.featureClass === 'H') return 'admin1';
  return 'exact';
}

let nearRe: RegExp | null = null;
/** Start of a "near X" cue that ends right before `pos`, or null. */
export function nearCue(text: string, pos: number): number | null {
  const L = placeLexicon();
  nearRe ??= new RegExp(
    `(?:^|[^\\p{L}])((?:(?:some|about|around|roughly|nearly|almost)\\s+)?(?:\\d+(?:[.,]\\d+)?|a\\s+few|several)\\s*(?:${L.unitAlt})\\s+(?:(?:${L.dirAlt})\\s+)?(?:of|from|outside)|(?:just\\s+|the\\s+)?(?:${L.dirAlt})\\s+of|${L.nearAlt})\\s+(?:the\\s+(?:town|city|village|outskirts)\\s+of\\s+)?$`,
    'iu',
  );
  const before = text.slice(Math.max(0, pos - 60), pos);
  if (!/(?:near|nearby|outside|around|to|of|from|between|off)\s+(?:the\s+\w+\s+of\s+)?$/i.test(before.slice(-30))) return null;
  const m = nearRe.exec(before);
  if (!m) return null;
  // "between X and Y": only the first name; "off" only before a coast
  const cue = m[1]!.toLowerCase();
  if (cue === 'off' || cue === 'between') return null;
  return pos - before.length + m.index + m[0].indexOf(m[1]!);
}
