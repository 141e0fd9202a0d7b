/**
 * Runs the places stage alone over a batch JSONL ({id,text,published}) and writes prediction lines
 * with `places` (and, with --acled, one event whose location is the place pickEventLocation picks
 * from the whole note), for measuring with shared/eval/score.mjs before the full pipeline exists.
 *
 *   npx tsx scripts/places-predict.ts in.jsonl out.jsonl [--acled]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { findPlaces, pickEventLocation } from '../src/stages/places/index.js';
import { gazetteer } from '../src/gazetteer/index.js';

const [inp, outp, ...rest] = process.argv.slice(2);
if (!inp || !outp) { console.error('usage: places-predict in.jsonl out.jsonl [--acled]'); process.exit(2); }
const acled = rest.includes('--acled');
const t0 = performance.now();
gazetteer();
const tOpen = performance.now() - t0;
const lines = readFileSync(inp, 'utf8').split('\n').filter(Boolean);
const out: string[] = [];
let chars = 0;
const t1 = performance.now();
for (const line of lines) {
  const r = JSON.parse(line) as { id: string; text: string; published: string | null };
  chars += r.text.length;
  const places = findPlaces(r.text);
  const rec: Record<string, unknown> = {
    id: r.id,
    published: r.published,
    places: places.map((p) => ({
      start: p.span.start, end: p.span.end, text: p.text, geonameid: p.resolved?.geonameid ?? null,
      lat: p.resolved?.lat ?? null, lon: p.resolved?.lon ?? null, country_iso3: p.resolved?.countryIso3 ?? null,
      precision: p.precision, by: p.by,
    })),
  };
  if (acled) {
    const loc = pickEventLocation(places, r.text, 0, { lookBack: 0 });
    const p = loc?.place;
    rec.events = [{
      event_type: null,
      location: p ? {
        text: p.text, start: p.span.start, end: p.span.end, geonameid: p.resolved?.geonameid ?? null,
        lat: p.resolved?.lat ?? null, lon: p.resolved?.lon ?? null, country_iso3: p.resolved?.countryIso3 ?? null,
        precision: loc!.precision,
      } : null,
    }];
  }
  out.push(JSON.stringify(rec));
}
const dt = performance.now() - t1;
writeFileSync(outp, out.join('\n') + '\n');
console.error(`places: ${lines.length} docs, ${(chars / lines.length).toFixed(0)} chars/doc, open ${tOpen.toFixed(0)} ms, ` +
  `${(lines.length / (dt / 1000)).toFixed(0)} docs/s (${(dt / lines.length).toFixed(2)} ms/doc)`);
