import { readFileSync } from 'node:fs';
import { gazetteer, distanceKm } from '../src/gazetteer/index.js';
const gaz = gazetteer();
const set = process.argv[2]!, pf = process.argv[3]!;
const gold = new Map<string, any>(); for (const l of readFileSync(`/work/shared/eval/${set}/data.jsonl`,'utf8').split('\n')) if (l) { const r = JSON.parse(l); gold.set(r.id, r); }
let tot=0, goldTop=0, goldPresent=0, noOther=0, goldCcTop=0;
for (const l of readFileSync(pf,'utf8').split('\n')) { if (!l) continue; const r = JSON.parse(l); const g = gold.get(r.id); if (!g) continue;
  const a1c = new Map<string, number>(); const ccc = new Map<string, number>();
  const ents = r.places.map((p: any) => p.geonameid ? gaz.entry(p.geonameid) : null);
  for (const e of ents) if (e && e.cc) { ccc.set(e.cc, (ccc.get(e.cc)??0)+1); if (e.a1 && !e.candidate.featureCode.startsWith('PCL')) a1c.set(e.cc+'.'+e.a1, (a1c.get(e.cc+'.'+e.a1)??0)+1); }
  for (const t of g.toponyms) { if (!t.geonameid || t.feature_class!=='P') continue; const p = r.places.find((p: any) => p.start < t.end && t.start < p.end); if (!p || !p.lat) continue;
    if (distanceKm(t.lat,t.lon,p.lat,p.lon) <= 161) continue; const ge = gaz.entry(Number(t.geonameid)); if (!ge) continue; tot++;
    const k = ge.cc+'.'+ge.a1; const pe = p.geonameid? gaz.entry(p.geonameid):null; const pk = pe? pe.cc+'.'+pe.a1: '';
    const cnt = new Map(a1c); if (pk) cnt.set(pk, (cnt.get(pk)??1)-1);
    const sorted = [...cnt].filter(x=>x[1]>0).sort((a,b)=>b[1]-a[1]);
    if (!sorted.length) noOther++; else if (sorted[0]![0]===k) goldTop++; else if (cnt.get(k)) goldPresent++;
    if (process.env.V) console.log(r.id, t.text, 'gold', k, 'pred', pk, JSON.stringify(sorted.slice(0,4)));
  } }
console.log({tot, goldTop, goldPresent, noOther});
