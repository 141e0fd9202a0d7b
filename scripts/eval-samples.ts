/**
 * npx tsx scripts/eval-samples.ts [--write] [--list]
 *
 * Scores the pipeline on the project's own sample corpus the way the hidden real-news set is scored:
 * samples/expected/*.json becomes a `real_news.jsonl` gold file (every `must` event; every `may`
 * event with a type as an optional gold event, counted only when matched), the articles run through
 * the pipeline as the CLI reads them, and ../shared/eval/score.mjs scores the result (event precision,
 * recall and F1 with one-to-one matching, then type, actors, tolls, dates and sources on matched
 * pairs). Unlike test/sample-corpus.test.ts, this counts events the gold does not have, so it is the
 * figure to watch for false positives. `--list` prints each article's unmatched predicted events;
 * `--write` puts the figures in docs/quality.md (section "samples-real-news").
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../src/util/lexicon.js';
import { extract } from '../src/pipeline/extract.js';
import { toPrediction } from '../src/output/predictions.js';
import { gazetteer } from '../src/gazetteer/index.js';
import { writeSection } from './doc-section.js';
import { sampleArticles } from './sample-articles.js';

const EVAL = process.env.SITREP_EVAL_DIR ?? path.resolve(ROOT, '../shared/eval');
const OUT = path.join(process.env.SITREP_EVAL_OUT ?? path.join(ROOT, 'eval-out'), 'samples');
const EXP = path.join(ROOT, 'samples', 'expected');

interface Loc { lat?: number; lon?: number; geonameid?: number; near_geonameid?: number; country_iso3?: string | null; accept_country?: boolean }
type Json = Record<string, any>;

/** A gold location as real_news reads it: a point, or only a country when the gold accepts one. */
function goldLocation(l: Loc | undefined, id?: number): Json | null {
  const gz = gazetteer();
  if (l?.accept_country) return { country_iso3: l.country_iso3 ?? null };
  if (typeof l?.lat === 'number' && typeof l?.lon === 'number') return { lat: l.lat, lon: l.lon, country_iso3: l.country_iso3 ?? null };
  const e = gz.entry((l?.geonameid ?? l?.near_geonameid ?? id) as number);
  if (e) return { lat: e.candidate.lat, lon: e.candidate.lon, country_iso3: e.candidate.countryIso3 };
  return l?.country_iso3 ? { country_iso3: l.country_iso3 } : null;
}

function goldEvent(e: Json, optional: boolean): Json | null {
  if (!e.event_type) return null;
  const types: [string, string][] = e.type_alt ?? [];
  const actor = (a: Json | string | undefined) => (a && typeof a === 'object' ? { kind: a.kind, country_iso3: a.country_iso3 ?? null } : undefined);
  return {
    event_type: e.event_type,
    sub_event_type: e.sub_event_type ?? null,
    actor1: actor(e.actor1), actor2: actor(e.actor2),
    location: goldLocation(e.location, e.location_geonameid),
    date: e.date ?? null,
    fatalities: e.fatalities ?? null, injured: e.injured ?? null,
    contested: e.contested === true,
    claimed_by: e.claimed_by ?? [],
    optional,
    acceptable: {
      // the sample gold's 0 means "none reported" and accepts null (as test/sample-corpus.test.ts does)
      fatalities: e.fatalities === 0 ? [null] : [], injured: e.injured === 0 ? [null] : [],
      event_type: types.map((t) => t[0]), sub_event_type: types.map((t) => t[1]),
      'actor1.kind': e.actor1?.kind_alt ?? [], date: e.date_alt ?? [],
    },
  };
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const articles = await sampleArticles();
  const gold: string[] = [], pred: string[] = [];
  const byId = new Map<string, Json>();
  for (const f of readdirSync(EXP).filter((f) => f.endsWith('.json')).sort()) {
    const id = f.replace(/\.json$/, ''), g = JSON.parse(readFileSync(path.join(EXP, f), 'utf8'));
    const article = articles.get(g.file.replace(/\.[^.]+$/, ''));
    if (!article) throw new Error(`eval-samples: could not read ${g.file}`);
    const events = [...(g.must ?? []).map((e: Json) => goldEvent(e, false)), ...(g.may ?? []).map((e: Json) => goldEvent(e, true))].filter(Boolean);
    gold.push(JSON.stringify({ id, text: article.text, events }));
    const p = toPrediction(extract(article));
    pred.push(JSON.stringify(p));
    byId.set(id, { gold: events, pred: p, text: article.text });
  }
  const goldFile = path.join(OUT, 'real_news.jsonl'), predFile = path.join(OUT, 'samples.pred.jsonl');
  writeFileSync(goldFile, gold.join('\n') + '\n');
  writeFileSync(predFile, pred.join('\n') + '\n');
  const out = execFileSync(process.execPath, [path.join(EVAL, 'score.mjs'), goldFile, predFile]).toString();
  const lines = out.trim().split('\n');
  console.log(lines.slice(0, -1).join('\n'));
  if (process.argv.includes('--list')) {
    for (const [id, { gold: g, pred: p, text }] of byId) {
      const typed = p.events.filter((e: Json) => e.event_type);
      console.log(`${id}: gold ${g.filter((e: Json) => !e.optional).length} (+${g.filter((e: Json) => e.optional).length} may), predicted ${typed.length}`);
      for (const e of typed) console.log(`   ${e.event_type} / ${e.sub_event_type} @ ${e.location?.text ?? '-'} ${e.date?.value ?? '-'} dead ${e.fatalities ?? '-'} a1 ${e.actor1?.kind ?? '-'} :: ${(e.trigger ? text.slice(e.trigger.start, e.trigger.start + 70) : '').replace(/\s+/g, ' ')}`);
    }
  }
  if (process.argv.includes('--write')) {
    const figs = JSON.parse(lines.at(-1)!).figures as Record<string, Json>;
    const rows = Object.entries(figs).map(([k, f]) => `| ${k} | ${typeof f.value === 'number' ? f.value.toFixed(3) : '—'}${f.den !== undefined ? ` (${f.num}/${f.den})` : ''} |`);
    const file = path.join(ROOT, 'docs', 'quality.md');
    writeSection(file, 'samples-real-news', ['<!-- samples-real-news -->',
      '## Sample corpus scored like the hidden real-news set (`npx tsx scripts/eval-samples.ts --write`)',
      '',
      `${byId.size} articles written for this project; gold from samples/expected (must events; may events count only when matched).`,
      'Unlike the sample-corpus test, extra events count against precision. In-sample: the rules were written with this corpus in view.',
      '',
      '| figure | value |', '|---|---|', ...rows, '<!-- samples-real-news -->',
    ].join('\n'), '# Quality\n');
    console.log('docs/quality.md: samples-real-news section written');
  }
}

await main();
