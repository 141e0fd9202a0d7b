/**
 * Alert rules from a YAML file (config/alerts.example.yaml documents the format). Every condition a
 * rule names must hold (AND); a list inside a condition is any-of (OR). Place names are resolved in
 * the gazetteer once, when the file is loaded, so a typo fails at start-up, not at 3 a.m.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { EVENT_TYPES, SUB_EVENT_TYPES } from '../model/taxonomy.js';

export type Delivery =
  | { readonly kind: 'stdout' }
  | { readonly kind: 'jsonl'; readonly path: string }
  | { readonly kind: 'webhook'; readonly url: string; readonly retries: number; readonly headers: Readonly<Record<string, string>>; readonly allowPrivate: boolean; readonly timeoutMs: number };

export interface Near { readonly lat: number; readonly lon: number; readonly km: number; readonly label: string }

export interface AlertRule {
  readonly id: string;
  readonly name: string;
  readonly eventTypes: readonly string[] | null;
  readonly subEventTypes: readonly string[] | null;
  /** Case-insensitive substrings of either actor's text, canonical name or kind. */
  readonly actors: readonly string[] | null;
  /** ISO 3166 alpha-3. */
  readonly countries: readonly string[] | null;
  readonly near: Near | null;
  /** [west, south, east, north] */
  readonly bbox: readonly [number, number, number, number] | null;
  readonly minFatalities: number | null;
  readonly minSources: number | null;
  readonly deliver: readonly Delivery[];
}

export interface RuleSet { readonly rules: readonly AlertRule[]; readonly source: string }

/** Place name → coordinates (the gazetteer in production; tests may pass a table). */
export type PlaceResolver = (name: string) => { lat: number; lon: number; label: string } | null;
/** Country name / ISO2 / ISO3 → ISO3. */
export type CountryResolver = (name: string) => string | null;

export class RuleError extends Error {
  constructor(message: string) { super(message); this.name = 'RuleError'; }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function strList(v: unknown, where: string): string[] | null {
  if (v === undefined || v === null) return null;
  const arr = Array.isArray(v) ? v : [v];
  const out = arr.map((x) => {
    if (typeof x !== 'string' && typeof x !== 'number') throw new RuleError(`${where}: expected text or a list of texts`);
    return String(x).trim();
  }).filter(Boolean);
  return out.length ? out : null;
}

function numberOf(v: unknown, where: string, min = -Infinity, max = Infinity): number | null {
  if (v === undefined || v === null) return null;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < min || n > max) throw new RuleError(`${where}: expected a number between ${min} and ${max}, got ${JSON.stringify(v)}`);
  return n;
}

function oneOf(values: readonly string[] | null, allowed: readonly string[], where: string): string[] | null {
  if (!values) return null;
  return values.map((v) => {
    const hit = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
    if (!hit) throw new RuleError(`${where}: "${v}" is not one of: ${allowed.join('; ')}`);
    return hit;
  });
}

function parseDelivery(v: unknown, where: string): Delivery {
  if (v === 'stdout') return { kind: 'stdout' };
  if (isObj(v)) {
    if (typeof v.jsonl === 'string' && v.jsonl.trim()) return { kind: 'jsonl', path: v.jsonl.trim() };
    if (typeof v.webhook === 'string') {
      let u: URL;
      try { u = new URL(v.webhook); } catch { throw new RuleError(`${where}: webhook "${v.webhook}" is not a URL`); }
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new RuleError(`${where}: webhooks must be http(s)`);
      const headers: Record<string, string> = {};
      if (v.headers !== undefined) {
        if (!isObj(v.headers)) throw new RuleError(`${where}: headers must be a map`);
        for (const [k, x] of Object.entries(v.headers)) headers[k] = String(x);
      }
      return {
        kind: 'webhook', url: u.href, headers,
        retries: numberOf(v.retries, `${where}.retries`, 0, 10) ?? 4,
        allowPrivate: v.allow_private === true,
        timeoutMs: (numberOf(v.timeout_seconds, `${where}.timeout_seconds`, 1, 120) ?? 10) * 1000,
      };
    }
  }
  throw new RuleError(`${where}: a delivery is "stdout", {jsonl: FILE} or {webhook: URL, retries?, headers?, allow_private?}`);
}

function parseNear(v: unknown, where: string, places: PlaceResolver | null): Near | null {
  if (v === undefined || v === null) return null;
  if (!isObj(v)) throw new RuleError(`${where}: near is {place: NAME, km: N} or {lat: Y, lon: X, km: N}`);
  const km = numberOf(v.km, `${where}.km`, 0, 20_000);
  if (km === null) throw new RuleError(`${where}: near needs km`);
  if (typeof v.place === 'string') {
    if (!places) throw new RuleError(`${where}: place names need the gazetteer`);
    const p = places(v.place);
    if (!p) throw new RuleError(`${where}: no place "${v.place}" in the gazetteer (give lat/lon instead)`);
    return { lat: p.lat, lon: p.lon, km, label: `${km} km of ${p.label}` };
  }
  const lat = numberOf(v.lat, `${where}.lat`, -90, 90), lon = numberOf(v.lon, `${where}.lon`, -180, 180);
  if (lat === null || lon === null) throw new RuleError(`${where}: near needs a place or lat and lon`);
  return { lat, lon, km, label: `${km} km of ${lat},${lon}` };
}

function parseBbox(v: unknown, where: string): [number, number, number, number] | null {
  if (v === undefined || v === null) return null;
  const arr = typeof v === 'string' ? v.split(',').map(Number) : v;
  if (!Array.isArray(arr) || arr.length !== 4) throw new RuleError(`${where}: bbox is [west, south, east, north]`);
  const [w, s, e, n] = arr.map((x, i) => numberOf(x, `${where}[${i}]`, -180, 180)!);
  if (s < -90 || n > 90 || s > n) throw new RuleError(`${where}: bbox south/north must be latitudes with south ≤ north`);
  return [w, s, e, n];
}

const KNOWN = new Set(['id', 'name', 'event_types', 'sub_event_types', 'actors', 'countries', 'near', 'bbox', 'min_fatalities', 'min_sources', 'deliver']);

export function parseRules(yamlText: string, source = 'alerts.yaml', resolvers: { places?: PlaceResolver | null; countries?: CountryResolver | null } = {}): RuleSet {
  let doc: unknown;
  try { doc = parseYaml(yamlText, { maxAliasCount: 100 }); } catch (e) { throw new RuleError(`${source}: not valid YAML (${(e as Error).message})`); }
  if (!isObj(doc) || !Array.isArray(doc.rules)) throw new RuleError(`${source}: expected a map with a "rules:" list`);
  const defaults = isObj(doc.defaults) ? doc.defaults : {};
  const defDeliver = defaults.deliver === undefined ? [{ kind: 'stdout' } as Delivery]
    : (Array.isArray(defaults.deliver) ? defaults.deliver : [defaults.deliver]).map((d, i) => parseDelivery(d, `${source}: defaults.deliver[${i}]`));
  const ids = new Set<string>();
  const rules = doc.rules.map((raw, i): AlertRule => {
    const where = `${source}: rules[${i}]`;
    if (!isObj(raw)) throw new RuleError(`${where}: a rule is a map`);
    for (const k of Object.keys(raw)) if (!KNOWN.has(k)) throw new RuleError(`${where}: unknown key "${k}" (known: ${[...KNOWN].join(', ')})`);
    const id = typeof raw.id === 'string' && /^[\w.:-]{1,100}$/.test(raw.id) ? raw.id : null;
    if (!id) throw new RuleError(`${where}: every rule needs an id (letters, digits, - _ . :)`);
    if (ids.has(id)) throw new RuleError(`${where}: duplicate rule id "${id}"`);
    ids.add(id);
    const countries = strList(raw.countries, `${where}.countries`)?.map((c) => {
      const iso3 = /^[A-Z]{3}$/.test(c) ? c : resolvers.countries?.(c) ?? null;
      if (!iso3) throw new RuleError(`${where}.countries: unknown country "${c}" (ISO 3166 alpha-3, alpha-2 or English name)`);
      return iso3;
    }) ?? null;
    const deliver = raw.deliver === undefined ? defDeliver
      : (Array.isArray(raw.deliver) ? raw.deliver : [raw.deliver]).map((d, j) => parseDelivery(d, `${where}.deliver[${j}]`));
    return {
      id, name: typeof raw.name === 'string' ? raw.name : id,
      eventTypes: oneOf(strList(raw.event_types, `${where}.event_types`), EVENT_TYPES, `${where}.event_types`),
      subEventTypes: oneOf(strList(raw.sub_event_types, `${where}.sub_event_types`), Object.values(SUB_EVENT_TYPES).flat() as string[], `${where}.sub_event_types`),
      actors: strList(raw.actors, `${where}.actors`)?.map((a) => a.toLowerCase()) ?? null,
      countries,
      near: parseNear(raw.near, `${where}.near`, resolvers.places ?? null),
      bbox: parseBbox(raw.bbox, `${where}.bbox`),
      minFatalities: numberOf(raw.min_fatalities, `${where}.min_fatalities`, 0),
      minSources: numberOf(raw.min_sources, `${where}.min_sources`, 1),
      deliver,
    };
  });
  return { rules, source };
}

/** The gazetteer as a place resolver: exact name matches, best match quality then population. */
export async function gazetteerResolvers(): Promise<{ places: PlaceResolver; countries: CountryResolver }> {
  const { gazetteer } = await import('../gazetteer/index.js');
  const g = gazetteer();
  return {
    places: (name) => {
      const hits = [...g.lookup(name)].filter((h) => h.entry.candidate.lat !== null && h.entry.candidate.lon !== null);
      // a town before the province of the same name ("Aleppo"), then the better name match, then size
      const town = (h: (typeof hits)[number]) => (h.entry.candidate.featureClass === 'P' ? 0 : 1);
      hits.sort((a, b) => town(a) - town(b) || a.q - b.q || b.entry.candidate.population - a.entry.candidate.population);
      const c = hits[0]?.entry.candidate;
      return c ? { lat: c.lat!, lon: c.lon!, label: `${c.name}${c.countryIso3 ? ` (${c.countryIso3})` : ''}` } : null;
    },
    countries: (name) => {
      const n = name.trim().toLowerCase();
      for (const [iso2, c] of g.countries) {
        if (iso2.toLowerCase() === n || c.iso3.toLowerCase() === n || c.name.toLowerCase() === n) return c.iso3;
      }
      return null;
    },
  };
}

export async function loadRules(path: string): Promise<RuleSet> {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) { throw new RuleError(`cannot read ${path}: ${(e as Error).message}`); }
  return parseRules(text, path, await gazetteerResolvers());
}
