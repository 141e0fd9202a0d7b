import { readFileSync, writeFileSync } from 'node:fs';
import { extract } from '../src/pipeline/extract.js';
import { toPrediction } from '../src/output/predictions.js';
const lines = readFileSync('/work/shared/eval/acled_notes/data.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const step = Number(process.argv[2] ?? 4), off = Number(process.argv[3] ?? 0);
const out: string[] = [];
let t0 = process.cpuUsage();
for (let i = off; i < lines.length; i += step) {
  const r = lines[i];
  const doc = extract({ id: r.id, text: r.text, published: null } as any);
  const p = toPrediction(doc as any) as any;
  out.push(JSON.stringify({ id: r.id, events: p.events.map((e: any) => ({ fatalities: e.fatalities, actor1: e.actor1, actor2: e.actor2, event_type: e.event_type })) }));
}
const u = process.cpuUsage(t0);
console.error('cpu s', (u.user + u.system) / 1e6, out.length);
writeFileSync(process.argv[4] ?? '/tmp/w/sub.jsonl', out.join('\n') + '\n');
