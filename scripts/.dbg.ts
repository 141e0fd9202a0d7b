import { readFileSync } from 'node:fs';
import { extract } from '../src/pipeline/extract.js';
import { readInputs } from '../src/io/index.js';
const file = process.argv[2]!; const pub = process.argv[3] ?? null;
let text: string;
let art: any;
for await (const r of readInputs([file], { published: pub })) { if ((r as any).ok) art = (r as any).article; break; }
if (!art || !art.text) { text = readFileSync(file, 'utf8'); art = { id: file, text, published: pub }; }
else if (pub) art = { ...art, published: pub };
const doc: any = extract(art, pub ? { published: pub } : {});
text = doc.text;
console.log('published', doc.layers.clean?.published?.value);
const A = doc.layers.actors;
const sl = (s: any) => s ? text.slice(s.start, s.end).replace(/\s+/g, ' ') : '-';
for (const ev of doc.layers.events) {
  const a = doc.layers.arguments.find((x: any) => x.event === ev.id);
  console.log(`#${ev.id} [s${ev.sentence}] ${ev.eventType.value}/${ev.subEventType.value} ${ev.plover?.event} trig="${sl(ev.trigger)}" bg=${ev.background} conf=${ev.confidence}`);
  console.log(`   a1=${a.actor1?.text}[${a.actor1?.kind} ${a.actor1?.country}] (${a.actor1?.by}) a2=${a.actor2?.text}[${a.actor2?.kind} ${a.actor2?.country}] loc=${a.location?.place.text}/${a.location?.place.resolved?.name} (${a.location?.by}) date=${a.date?.value} "${a.date?.text}" (${a.date?.by}) dead=${a.fatalities?.value} inj=${a.injured?.value}`);
  if (process.env.V) console.log('   EVID: ' + sl(ev.evidence).slice(0, 300));
}
if (process.env.A) for (const x of A) console.log(`  actor s${x.sentence} "${x.text}" ${x.kind} ${x.country?.value} src=${x.isSource} ${x.by}`);
if (process.env.P) for (const x of doc.layers.places) console.log(`  place s${x.sentence} "${x.text}" ${x.resolved?.name} ${x.resolved?.featureCode} ${x.precision} adj=${x.adjectival}`);
if (process.env.T) for (const x of doc.layers.times) console.log(`  time s${x.sentence} "${x.text}" ${x.type} ${x.value}`);
if (process.env.S) for (const x of doc.layers.sentences) console.log(`  sent ${x.index} p${x.paragraph}: ${sl(x.span).slice(0,150)}`);
