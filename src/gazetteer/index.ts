/**
 * The gazetteer: a typed, read-only lookup over data/gazetteer/gazetteer.sqlite (built at install by
 * scripts/build-gazetteer.ts). Opened once, lazily; every query is a prepared statement and every
 * answer is cached in memory, so repeated names in a batch cost a Map lookup.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { PlaceCandidate } from '../model/document.js';
import { looseKey, normKey } from './normalize.js';

export { normKey, looseKey } from './normalize.js';

/** A gazetteer entry: the candidate the output carries plus what resolution needs. */
export interface GazEntry {
  /** Row id: the GeoNames id, or a negative id for hand-written regions without one. */
  readonly id: number;
  /** ISO 3166 alpha-2 country code, or null for continents, seas and other supranational features. */
  readonly cc: string | null;
  /** GeoNames admin1 code within the country ("01", "LA"), or null. */
  readonly a1: string | null;
  readonly a2: string | null;
  readonly candidate: PlaceCandidate;
}

/** One gazetteer entry a name matched, with how well: 0 own name … 4 abbreviation, 5 loose spelling. */
export interface NameHit {
  readonly entry: GazEntry;
  readonly q: number;
}

export const DEFAULT_GAZETTEER_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'gazetteer', 'gazetteer.sqlite');

interface PlaceRow {
  id: number; gid: number | null; name: string; lat: number | null; lon: number | null; cc: string | null;
  a1: string | null; a2: string | null; fc: string; fcode: string; pop: number;
}

const CACHE_MAX = 200_000;

export class Gazetteer {
  private readonly db: Database.Database;
  private readonly qName: Database.Statement;
  private readonly qLoose: Database.Statement;
  private readonly qHead: Database.Statement;
  private readonly qPlace: Database.Statement;
  private readonly nameCache = new Map<string, readonly NameHit[]>();
  private readonly looseCache = new Map<string, readonly NameHit[]>();
  private readonly headCache = new Map<string, number>();
  private readonly entryCache = new Map<number, GazEntry | null>();
  private readonly capitalCache = new Map<string, GazEntry | null>();
  /** iso2 → { iso3, name, id } for every country. */
  readonly countries = new Map<string, { iso3: string; name: string; id: number; neighbours: string[] }>();
  /** "CC.a1" → admin1 name and id. */
  readonly admin1 = new Map<string, { name: string; id: number }>();

  constructor(readonly path: string = DEFAULT_GAZETTEER_PATH) {
    if (!existsSync(path)) {
      throw new Error(`gazetteer index not found at ${path}: run \`npm run build:gazetteer\``);
    }
    this.db = new Database(path, { readonly: true, fileMustExist: true });
    this.db.pragma('mmap_size = 268435456');
    this.qName = this.db.prepare('SELECT id, q FROM name WHERE key = ?');
    this.qLoose = this.db.prepare('SELECT id FROM loose WHERE key = ?');
    this.qHead = this.db.prepare('SELECT maxlen FROM head WHERE tok = ?').pluck();
    this.qPlace = this.db.prepare('SELECT * FROM place WHERE id = ?');
    for (const r of this.db.prepare('SELECT cc, iso3, name, id, neighbours FROM country').all() as
      { cc: string; iso3: string; name: string; id: number; neighbours: string }[]) {
      this.countries.set(r.cc, { iso3: r.iso3, name: r.name, id: r.id, neighbours: r.neighbours ? r.neighbours.split(',') : [] });
    }
    for (const r of this.db.prepare('SELECT code, name, id FROM admin1').all() as { code: string; name: string; id: number }[]) {
      this.admin1.set(r.code, { name: r.name, id: r.id });
    }
  }

  /** The longest name (in tokens) that starts with this key token, 0 when none does. */
  headMax(tokenKey: string): number {
    let v = this.headCache.get(tokenKey);
    if (v === undefined) {
      v = (this.qHead.get(tokenKey) as number | undefined) ?? 0;
      if (this.headCache.size > CACHE_MAX) this.headCache.clear();
      this.headCache.set(tokenKey, v);
    }
    return v;
  }

  /**
   * Entries whose name (any form) has this key (see normKey). A name of several words with an English compass
   * word also finds the divisions GeoNames names with the French one ("North Kivu" → Nord Kivu, "North West"
   * → Nord-Ouest; as a derived variant, q 2), as English-language news writes them.
   */
  lookupKey(key: string): readonly NameHit[] {
    let v = this.nameCache.get(key);
    if (v === undefined) {
      const rows = this.qName.all(key) as { id: number; q: number }[];
      const fr = key.includes(' ') ? frenchCompass(key) : null;
      if (fr) {
        for (const r of this.qName.all(fr) as { id: number; q: number }[]) {
          if (rows.some((x) => x.id === r.id) || this.entry(r.id)?.candidate.featureClass !== 'A') continue;
          rows.push({ id: r.id, q: Math.max(2, r.q) });
        }
      }
      v = rows.map((r) => ({ entry: this.entry(r.id)!, q: r.q })).filter((h) => h.entry);
      if (this.nameCache.size > CACHE_MAX) this.nameCache.clear();
      this.nameCache.set(key, v);
    }
    return v;
  }

  /** Entries whose name is spelled like this one (Qamishly ~ Qamishli); q = 5. */
  lookupLoose(key: string): readonly NameHit[] {
    const lk = looseKey(key);
    let v = this.looseCache.get(lk);
    if (v === undefined) {
      const rows = lk.length >= 5 ? (this.qLoose.all(lk) as { id: number }[]) : [];
      v = rows.map((r) => ({ entry: this.entry(r.id)!, q: 5 })).filter((h) => h.entry);
      if (this.looseCache.size > CACHE_MAX) this.looseCache.clear();
      this.looseCache.set(lk, v);
    }
    return v;
  }

  /** Entries for a name as written ("Deir ez-Zor"). */
  lookup(name: string): readonly NameHit[] {
    return this.lookupKey(normKey(name));
  }

  /** One entry by row id (GeoNames id for GeoNames features). */
  entry(id: number): GazEntry | null {
    let e = this.entryCache.get(id);
    if (e === undefined) {
      const r = this.qPlace.get(id) as PlaceRow | undefined;
      e = r ? this.toEntry(r) : null;
      this.entryCache.set(id, e);
    }
    return e;
  }

  /** The country entry for an ISO alpha-2 code. */
  countryEntry(cc: string): GazEntry | null {
    const c = this.countries.get(cc);
    return c ? this.entry(c.id) : null;
  }

  /** The admin1 entry for a country and admin1 code. */
  admin1Entry(cc: string, a1: string): GazEntry | null {
    const a = this.admin1.get(`${cc}.${a1}`);
    return a ? this.entry(a.id) : null;
  }

  /** The capital (PPLC) of a country given by ISO alpha-2 or alpha-3 code, or null. */
  capitalOf(code: string): GazEntry | null {
    let cc = code;
    if (code.length === 3) for (const [k, v] of this.countries) if (v.iso3 === code) { cc = k; break; }
    let v = this.capitalCache.get(cc);
    if (v === undefined) {
      const id = this.db.prepare("SELECT id FROM place WHERE cc = ? AND fcode = 'PPLC' ORDER BY pop DESC LIMIT 1").pluck().get(cc) as number | undefined;
      v = id !== undefined ? this.entry(id) : null;
      this.capitalCache.set(cc, v);
    }
    return v;
  }

  iso3(cc: string | null): string | null {
    return cc ? this.countries.get(cc)?.iso3 ?? null : null;
  }

  private toEntry(r: PlaceRow): GazEntry {
    const admin1 = r.cc && r.a1 ? this.admin1.get(`${r.cc}.${r.a1}`)?.name ?? null : null;
    const candidate: PlaceCandidate = Object.freeze({
      geonameid: r.gid,
      name: r.name,
      lat: r.lat,
      lon: r.lon,
      countryIso3: this.iso3(r.cc),
      admin1: r.fcode === 'ADM1' ? r.name : admin1,
      featureClass: r.fc,
      featureCode: r.fcode,
      population: r.pop,
    });
    return Object.freeze({ id: r.id, cc: r.cc, a1: r.a1, a2: r.a2, candidate });
  }

  close(): void {
    this.db.close();
  }
}

const FRENCH_COMPASS: Record<string, string> = { north: 'nord', south: 'sud', east: 'est', west: 'ouest' };
const COMPASS_WORD = /\b(?:north|south|east|west)\b/;
/** The key with its English compass words in French ("north kivu" → "nord kivu"), or null when it has none. */
function frenchCompass(key: string): string | null {
  if (!COMPASS_WORD.test(key)) return null;
  return key.split(' ').map((w) => FRENCH_COMPASS[w] ?? w).join(' ');
}

let shared: Gazetteer | null = null;

/** The process-wide gazetteer, opened on first use (SITREP_GAZETTEER overrides the path). */
export function gazetteer(): Gazetteer {
  return (shared ??= new Gazetteer(process.env.SITREP_GAZETTEER || DEFAULT_GAZETTEER_PATH));
}

/** Great-circle distance in km. */
export function distanceKm(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const R = 6371, rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad, dLon = (bLon - aLon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}
