/**
 * The actor lexicons (data/lexicons/actors/*.json + world-countries), compiled once per process
 * into one phrase index keyed by the first token's norm. Matching at a token position looks only at
 * the entries that start with that token: no scan over the lists.
 */
import { createRequire } from 'node:module';
import type { ActorKind } from '../../model/taxonomy.js';
import { loadJson } from '../../util/lexicon.js';
import { phraseNorms, ShapeFilter, type Tok } from './tokens.js';

export type Cat = 'named' | 'person' | 'country' | 'role' | 'head' | 'det' | 'adj' | 'kindmod';

export interface NamedInfo { name: string; kind: ActorKind; country: string | null; source: boolean }
/** `alt`: a name or demonym two states share ("Congolese"): the candidates, the first the default (iso3). */
export interface CountryInfo { iso3: string | null; form: 'name' | 'demonym' | 'metonym'; alt?: readonly string[] }
export interface RoleInfo { title: string; kind: ActorKind; source: boolean; countryHint: string | null }
export interface HeadInfo { kind: ActorKind; member: boolean; air: boolean }

export interface Payload {
  named?: NamedInfo;
  person?: NamedInfo;
  country?: CountryInfo;
  role?: RoleInfo;
  head?: HeadInfo;
  det?: true;
  adj?: true;
  kindmod?: ActorKind;
}

interface Entry {
  readonly norms: readonly string[];
  /** 'exact': every token's surface must equal the alias (short all-caps aliases such as US, IS);
   *  'cap': the first token must be capitalised; 'any': case-insensitive. */
  readonly mode: 'exact' | 'cap' | 'any';
  readonly raw: readonly string[];
  readonly payload: Payload;
}

export interface Match { readonly len: number; readonly payload: Payload }

export interface ActorLexicon {
  /** All matches starting at token i (every length), longest first, payloads merged per length. */
  matchesAt(toks: readonly Tok[], i: number): Match[];
  readonly locative: ReadonlySet<string>;
  readonly kindModHeads: ReadonlySet<string>;
}

interface NamedFile { entries: { name: string; aliases: string[]; kind: ActorKind; country: string | null; source?: boolean }[] }
type NounsFile = Record<string, string[] | string>;
interface ModifiersFile {
  determiners: string[]; adjectives: string[]; kindModifiers: Record<string, ActorKind>;
  kindModifierHeads: string[]; locativePrepositions: string[];
}
interface RolesFile { entries: { title: string; kind: ActorKind; source?: boolean; countryHint?: string }[] }
interface CountriesFile {
  names: Record<string, string | null>; demonyms: Record<string, string | null>; metonyms: Record<string, string | null>;
  ambiguous?: { names?: Record<string, string[]>; demonyms?: Record<string, string[]> };
}
interface WorldCountry {
  cca3: string; independent?: boolean; name: { common: string; official: string }; altSpellings: string[]; capital?: string[];
  demonyms?: { eng?: { m: string; f: string } };
}

const AIR = new Set(['jets', 'jet', 'fighter jets', 'fighter jet', 'warplanes', 'warplane', 'aircraft', 'planes', 'drones', 'drone',
  'helicopters', 'helicopter', 'gunships', 'coalition', 'navy', 'air force']);

let cached: ActorLexicon | null = null;
const NO_MATCH: Match[] = Object.freeze([]) as unknown as Match[];

export function actorLexicon(): ActorLexicon {
  if (cached) return cached;
  const index = new Map<string, Entry[]>();
  const add = (phrase: string, payload: Payload, mode?: Entry['mode']): void => {
    const norms = phraseNorms(phrase);
    if (!norms.length) return;
    const raw = phrase.trim().split(/\s+/);
    const letters = phrase.replace(/[^\p{L}]/gu, '');
    const m: Entry['mode'] = mode ?? (letters && letters === letters.toUpperCase() && letters.length <= 5 ? 'exact'
      : /^\p{Lu}/u.test(phrase) ? 'cap' : 'any');
    const list = index.get(norms[0]!) ?? [];
    list.push({ norms, mode: m, raw, payload });
    index.set(norms[0]!, list);
  };

  // countries: world-countries names, long alternative spellings, demonyms (+ plural), capitals
  const require = createRequire(import.meta.url);
  const world = require('world-countries') as WorldCountry[];
  const extra = loadJson<CountriesFile>('actors/countries-extra.json');
  // the project's own names and demonyms first: on equal matches the first payload wins; shared ones first of all
  for (const [form, map] of [['name', extra.ambiguous?.names], ['demonym', extra.ambiguous?.demonyms]] as const) {
    for (const [n, alt] of Object.entries(map ?? {})) if (alt.length) add(n, { country: { iso3: alt[0]!, form, alt } }, 'cap');
  }
  for (const [n, iso] of Object.entries(extra.names)) add(n, { country: { iso3: iso, form: 'name' } });
  for (const [n, iso] of Object.entries(extra.demonyms)) {
    add(n, { country: { iso3: iso, form: 'demonym' } });
    if (!n.endsWith('s') && /^\p{Lu}/u.test(n)) add(`${n}s`, { country: { iso3: iso, form: 'demonym' } }, 'cap');
  }
  for (const c of world) {
    add(c.name.common, { country: { iso3: c.cca3, form: 'name' } }, 'cap');
    add(c.name.official, { country: { iso3: c.cca3, form: 'name' } }, 'cap');
    for (const a of c.altSpellings) if (a.length > 4 && /^[\p{L} '-]+$/u.test(a)) add(a, { country: { iso3: c.cca3, form: 'name' } }, 'cap');
    const d = c.demonyms?.eng?.m;
    // territories share their state's demonym (American Samoa: "American"): independent states only
    if (d && c.independent) {
      add(d, { country: { iso3: c.cca3, form: 'demonym' } }, 'cap');
      add(d.endsWith('s') ? d : `${d}s`, { country: { iso3: c.cca3, form: 'demonym' } }, 'cap');
    }
  }
  for (const [n, iso] of Object.entries(extra.metonyms)) add(n, { country: { iso3: iso, form: 'metonym' } }, 'cap');

  const named = loadJson<NamedFile>('actors/named.json');
  for (const e of named.entries) {
    const info: NamedInfo = { name: e.name, kind: e.kind, country: e.country, source: !!e.source };
    for (const a of e.aliases) add(a, { named: info });
  }
  const persons = loadJson<NamedFile>('actors/persons.json');
  for (const e of persons.entries) {
    const info: NamedInfo = { name: e.name, kind: e.kind, country: e.country, source: false };
    for (const a of e.aliases) add(a, { person: info }, 'cap');
  }
  const roles = loadJson<RolesFile>('actors/roles.json');
  for (const r of roles.entries) {
    add(r.title, { role: { title: r.title, kind: r.kind, source: !!r.source, countryHint: r.countryHint ?? null } }, 'any');
  }
  const nouns = loadJson<NounsFile>('actors/nouns.json');
  const member = new Set((nouns.member as string[]) ?? []);
  for (const [kind, list] of Object.entries(nouns)) {
    if (kind === 'about' || kind === 'member' || !Array.isArray(list)) continue;
    for (const w of list) add(w, { head: { kind: kind as ActorKind, member: member.has(w), air: AIR.has(w) } }, 'any');
  }
  const mods = loadJson<ModifiersFile>('actors/modifiers.json');
  for (const w of mods.determiners) add(w, { det: true }, 'any');
  for (const w of mods.adjectives) add(w, { adj: true }, 'any');
  for (const [w, k] of Object.entries(mods.kindModifiers)) add(w, { kindmod: k }, 'any');

  /** Entry e at token i; the norms before `from` are known to match (the index keys). */
  const fits = (e: Entry, toks: readonly Tok[], i: number, from = 0): boolean => {
    if (i + e.norms.length > toks.length) return false;
    for (let k = from; k < e.norms.length; k++) {
      const t = toks[i + k]!;
      if (t.n !== e.norms[k]) return false;
    }
    const first = toks[i]!;
    if (e.mode === 'cap' && !first.cap) return false;
    if (e.mode === 'exact') {
      for (let k = 0; k < e.norms.length; k++) {
        const t = toks[i + k]!;
        if (/\p{L}/u.test(t.raw) && !t.caps) return false;
      }
    }
    return true;
  };

  // per first token: the one-token entries, and the longer ones by their second token, grouped by
  // length, longest first, each group in the lists' order (on equal matches the first payload wins,
  // as the lists are merged in that order). A frequent first token ("the", "al") starts hundreds of
  // phrases: the second token narrows them down at once.
  interface Group { len: number; entries: Entry[] }
  const grouped = (list: readonly Entry[]): Group[] => {
    const byLen = new Map<number, Entry[]>();
    for (const e of list) (byLen.get(e.norms.length) ?? byLen.set(e.norms.length, []).get(e.norms.length)!).push(e);
    return [...byLen.entries()].sort((a, b) => b[0] - a[0]).map(([len, entries]) => ({ len, entries }));
  };
  const firsts = new Map<string, { one: Entry[] | null; more: Map<string, Group[]> | null }>();
  for (const [first, list] of index) {
    const one = list.filter((e) => e.norms.length === 1);
    const bySecond = new Map<string, Entry[]>();
    for (const e of list) if (e.norms.length > 1) (bySecond.get(e.norms[1]!) ?? bySecond.set(e.norms[1]!, []).get(e.norms[1]!)!).push(e);
    const more = new Map<string, Group[]>();
    for (const [second, l] of bySecond) more.set(second, grouped(l));
    firsts.set(first, { one: one.length ? one : null, more: more.size ? more : null });
  }

  // three tokens in four start no phrase: most are turned away by their shape, without a lookup
  const firstShapes = new ShapeFilter(firsts.keys());

  /** The merged payload of the fitting entries of one length (one entry: its payload as is). */
  const merged = (entries: readonly Entry[], toks: readonly Tok[], i: number, from: number): Payload | null => {
    let p: Payload | null = null;
    let copied = false;
    for (const e of entries) {
      if (!fits(e, toks, i, from)) continue;
      if (!p) { p = e.payload; continue; }
      if (!copied) { p = { ...p }; copied = true; }
      for (const k in e.payload) {
        const key = k as keyof Payload;
        if (p[key] === undefined) (p as Record<string, unknown>)[key] = e.payload[key];
      }
    }
    return p;
  };

  cached = {
    matchesAt(toks, i) {
      const n = toks[i]!.n;
      if (!firstShapes.maybe(n)) return NO_MATCH;
      const f = firsts.get(n);
      if (!f) return NO_MATCH;
      let out: Match[] | null = null;
      const next = toks[i + 1];
      const gs = f.more && next ? f.more.get(next.n) : undefined;
      if (gs) {
        for (const g of gs) {
          if (i + g.len > toks.length) continue;
          const p = merged(g.entries, toks, i, 2);
          if (p) (out ??= []).push({ len: g.len, payload: p });
        }
      }
      if (f.one) {
        const p = merged(f.one, toks, i, 1);
        if (p) (out ??= []).push({ len: 1, payload: p });
      }
      return out ?? NO_MATCH;
    },
    locative: new Set(mods.locativePrepositions),
    kindModHeads: new Set(mods.kindModifierHeads),
  };
  return cached;
}
