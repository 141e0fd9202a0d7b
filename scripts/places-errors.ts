/**
 * Resolution-error analysis for the geo sets: reads a prediction file (eval-out/<set>.pred.jsonl or
 * the output of scripts/places-predict.ts) and the set's gold (../shared/eval/<set>/data.jsonl, read
 * at run time, never copied), matches predicted places to gold toponyms by span overlap (greedy, as
 * the scorer does), and buckets the matched gold toponyms with coordinates whose prediction is more
 * than 161 km off (or has the wrong GeoNames id):
 *
 *   unresolved        no prediction point
 *   not-in-index      the gold id is not in the gazetteer at all
 *   not-a-candidate   the gold id is in the index but not among the name's candidates
 *   same-name         wrong settlement of the same name (prints which feature/population won)
 *   admin-vs-city     ADM1/ADM2 chosen for a city or the other way round
 *   country-point     same country id, but its point is far from the gold's
 *   country-wrong     a country for something else, or the wrong country
 *   supra             continent / region / sea names
 *   demonym           an adjectival or demonym mention
 *   city-st-chain     "City, ST" / "City, State" chains
 *   metonymy          GeoWebNews Metonymic / Non_Literal types
 *   other
 *
 *   npx tsx scripts/places-errors.ts geo_lgl [pred.jsonl] [--show bucket] [--max N]
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { distanceKm, gazetteer, normKey } from '../src/gazetteer/index.js';

const args = process.argv.slice(2);
const set = args[0];
if (!set) { console.error('usage: places-errors <set> [pred.jsonl] [--show bucket] [--max N]'); process.exit(2); }
const predFile = args[1] && !args[1].startsWith('--') ? args[1] : path.join('eval-out', `${set}.pred.jsonl`);
const show = args.includes('--show') ? args[args.indexOf('--show') + 1] : null;
const max = args.includes('--max') ? Number(args[args.indexOf('--max') + 1]) : 40;
const EVAL = process.env.SITREP_EVAL_DIR || path.join('..', 'shared', 'eval');
const goldFile = path.join(EVAL, set, 'data.jsonl');
if (!existsSync(goldFile)) { console.error(`no gold at ${goldFile}`); process.exit(2); }

interface GoldT { start: number; end: number; text: string; geonameid?: string | number | null; lat: number | null; lon: number | null; feature_code?: string; type?: string; offset_valid?: boolean }
interface PredP { start: number; end: number; text: string; geonameid: number | null; lat: number | null; lon: number | null; by?: string }

const gaz = gazetteer();
const golds = new Map<string, { text: string; toponyms: GoldT[] }>();
for (const l of readFileSync(goldFile, 'utf8').split('\n')) if (l.trim()) { const r = JSON.parse(l); golds.set(String(r.id), r); }
const preds = new Map<string, PredP[]>();
for (const l of readFileSync(predFile, 'utf8').split('\n')) if (l.trim()) { const r = JSON.parse(l); preds.set(String(r.id), r.places ?? []); }

const PLACE_TYPES = new Set(['Literal', 'Mixed', 'Coercion', 'Literal_Modifier', 'Embedded_Literal', 'Metonymic', 'Non_Literal_Modifier', 'Embedded_Non_Lit']);
const buckets = new Map<string, string[]>();
const put = (b: string, s: string) => { const v = buckets.get(b); if (v) v.push(s); else buckets.set(b, [s]); };
let matched = 0, ok = 0;

for (const [id, g] of golds) {
  const text = g.text;
  const gt = g.toponyms.filter((t) => t.offset_valid !== false && t.lat !== null && t.lon !== null && (!t.type || PLACE_TYPES.has(t.type) || t.lat !== null));
  const ps = preds.get(id) ?? [];
  // greedy one-to-one by overlap length
  const pairs: { gi: number; pi: number; ov: number }[] = [];
  gt.forEach((t, gi) => ps.forEach((p, pi) => {
    const ov = Math.min(t.end, p.end) - Math.max(t.start, p.start);
    if (ov > 0) pairs.push({ gi, pi, ov });
  }));
  pairs.sort((a, b) => b.ov - a.ov || a.gi - b.gi || a.pi - b.pi);
  const usedG = new Set<number>(), usedP = new Set<number>();
  for (const { gi, pi } of pairs) {
    if (usedG.has(gi) || usedP.has(pi)) continue;
    usedG.add(gi); usedP.add(pi);
    const t = gt[gi]!, p = ps[pi]!;
    matched++;
    const gid = t.geonameid ? Number(t.geonameid) : null;
    const d = p.lat !== null && p.lon !== null ? distanceKm(t.lat!, t.lon!, p.lat, p.lon) : Infinity;
    const idOk = gid === null || p.geonameid === gid;
    if (d <= 161 && idOk) { ok++; continue; }
    const ctx = text.slice(Math.max(0, t.start - 40), Math.min(text.length, t.end + 40)).replace(/\s+/g, ' ');
    const pe = p.geonameid ? gaz.entry(p.geonameid) : null;
    const ge = gid ? gaz.entry(gid) : null;
    const pc = pe?.candidate, gc = ge?.candidate;
    const desc = (c: typeof pc, cc?: string | null, a1?: string | null) => c ? `${c.name}[${c.featureCode} ${cc}.${a1} pop ${c.population}]` : '?';
    const line = `${id} "${t.text}" gold=${gid ?? '-'} ${desc(gc, ge?.cc, ge?.a1)}${t.feature_code ? ' ' + t.feature_code : ''}${t.type ? ' ' + t.type : ''} pred=${p.geonameid} ${desc(pc, pe?.cc, pe?.a1)} by ${p.by ?? ''} d=${Math.round(d)} km | …${ctx}…`;
    const after = text.slice(t.end, t.end + 25);
    const hits = gaz.lookup(p.text);
    let b: string;
    if (p.lat === null) b = 'unresolved';
    else if (t.type && /Metonymic|Non_Lit/.test(t.type)) b = 'metonymy';
    else if (gid !== null && !ge) b = 'not-in-index';
    else if (gid !== null && !hits.some((h) => h.entry.id === gid) && !gaz.lookupKey(normKey(t.text)).some((h) => h.entry.id === gid)) b = 'not-a-candidate';
    else if (/^[A-Z][a-z]+(?:an|ian|ese|ish|i)$/.test(t.text) || (p.by ?? '').includes('demonym') || (p.by ?? '').includes('adject')) b = 'demonym';
    else if (pc && pe?.cc === null) b = 'supra';
    else if (pc && gc && pc.featureCode.startsWith('PCL') && pe!.id === ge!.id) b = 'country-point';
    else if (pc && (pc.featureCode.startsWith('PCL') || gc?.featureCode.startsWith('PCL'))) b = 'country-wrong';
    else if (/^\s*,\s*(?:[A-Z][a-z]{1,4}\.|[A-Z]{2}\b|[A-Z][a-z]+(?: [A-Z][a-z]+)?\b)/.test(after) && pc?.featureClass === 'P') b = 'city-st-chain';
    else if (pc && gc && pc.featureClass === 'P' && gc.featureClass === 'P') b = 'same-name';
    else if (pc && gc && ((pc.featureClass === 'A') !== (gc.featureClass === 'A'))) b = 'admin-vs-city';
    else if (!gc && pc && d > 161) b = pc.featureClass === 'A' && !pc.featureCode.startsWith('PCL') ? 'far-admin(no-gold-id)' : pc.featureCode.startsWith('PCL') ? 'country-point' : 'far(no-gold-id)';
    else b = 'other';
    put(b, line);
  }
}
console.log(`${set}: matched with coords ${matched}, right ${ok} (${(ok / matched).toFixed(3)}), wrong ${matched - ok}`);
for (const [b, ls] of [...buckets].sort((a, b) => b[1].length - a[1].length)) console.log(`  ${b.padEnd(22)} ${ls.length}`);
if (show) for (const l of (buckets.get(show) ?? []).slice(0, max)) console.log(l);
