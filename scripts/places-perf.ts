/**
 * Speed work on the places stage with its output held byte-identical.
 *
 *   npx tsx scripts/places-perf.ts freeze [DIR]              run clean → actors once over the corpora and store
 *                                                            the layers places reads (DIR/upstream.json)
 *   npx tsx scripts/places-perf.ts snap OUT.json [DIR]       the places layer of every frozen document (OUT.json)
 *   npx tsx scripts/places-perf.ts compare A.json B.json     the two places layers, document by document
 *   npx tsx scripts/places-perf.ts time [DIR] [--reps N] [--base ROOT] [--set news]
 *                                                            CPU ms per document of the places stage alone on the
 *                                                            frozen layers; with --base (a checkout of an older
 *                                                            tree) its places stage runs too, rep by rep alternating
 *                                                            with this tree's, and both outputs are compared
 *   npx tsx scripts/places-perf.ts profile [DIR] [--reps N]  only the places stage (run under node --cpu-prof)
 *
 * Corpora: newsCorpus(500) (~3 KB news-like), the sample articles (samples/articles, dates from
 * samples/published.json) and the texts of the geo sets' visible part (read at run time from
 * ../shared/eval or $SITREP_EVAL_DIR; only the texts, never the gold). DIR defaults to /tmp/sitrep-places-perf.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Article, Layers } from '../src/model/document.js';
import { DEFAULT_PIPELINE } from '../src/pipeline/default-pipeline.js';
import { makeContext } from '../src/pipeline/extract.js';
import { runPipeline } from '../src/pipeline/run.js';
import { ROOT } from '../src/util/lexicon.js';
import { newsCorpus } from './bench-corpus.js';
import { sampleArticles } from './sample-articles.js';

interface Frozen { set: string; article: Article; layers: Pick<Layers, 'sentences' | 'actors'> }
type FindPlaces = (text: string, opts: { sentences?: Layers['sentences']; actors?: Layers['actors'] }) => unknown[];

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const pos = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1]!.startsWith('--')));
const cmd = pos[0];
const GEO_SETS = ['geo_geowebnews', 'geo_lgl', 'geo_trnews', 'geo_geovirus'];
const EVAL = process.env.SITREP_EVAL_DIR ?? path.resolve(ROOT, '../shared/eval');

async function corpora(): Promise<{ set: string; article: Article }[]> {
  const out: { set: string; article: Article }[] = [];
  for (const d of newsCorpus(500)) out.push({ set: 'news', article: { id: d.id, text: d.text, published: d.published } as Article });
  for (const article of (await sampleArticles()).values()) out.push({ set: 'samples', article });
  for (const set of GEO_SETS) {
    const file = path.join(EVAL, set, 'data.jsonl');
    if (!existsSync(file)) { console.error(`(no ${file}: skipped)`); continue; }
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line) continue;
      const r = JSON.parse(line) as { id: string; text?: string };
      if (typeof r.text === 'string' && r.text) out.push({ set, article: { id: r.id, text: r.text, published: null } as unknown as Article });
    }
  }
  return out;
}

async function freeze(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const upto = DEFAULT_PIPELINE.slice(0, DEFAULT_PIPELINE.findIndex((s) => s.name === 'actors') + 1);
  const out: Frozen[] = [];
  for (const { set, article } of await corpora()) {
    const doc = runPipeline(upto, article, makeContext({ published: article.published ?? null }));
    // the stage reads doc.text: the article text as the runner holds it
    out.push({ set, article: { ...article, text: doc.text }, layers: { sentences: doc.layers.sentences, actors: doc.layers.actors } as Frozen['layers'] });
  }
  writeFileSync(path.join(dir, 'upstream.json'), JSON.stringify(out));
  console.log(`froze ${out.length} documents in ${dir}/upstream.json`);
}

const load = (dir: string): Frozen[] => JSON.parse(readFileSync(path.join(dir, 'upstream.json'), 'utf8')) as Frozen[];

async function findPlacesOf(root: string): Promise<FindPlaces> {
  const mod = await import(pathToFileURL(path.join(root, 'src', 'stages', 'places', 'index.ts')).href) as { findPlaces: FindPlaces };
  return mod.findPlaces;
}

function runAll(fp: FindPlaces, docs: Frozen[], perSet: Map<string, number> | null): unknown[] {
  const out: unknown[] = [];
  for (const f of docs) {
    const t0 = perSet ? process.cpuUsage() : null;
    out.push(fp(f.article.text, { sentences: f.layers.sentences ?? [], actors: f.layers.actors ?? [] }));
    if (perSet && t0) { const d = process.cpuUsage(t0); perSet.set(f.set, (perSet.get(f.set) ?? 0) + (d.user + d.system) / 1000); }
  }
  return out;
}

const hashOf = (x: unknown): string => createHash('sha256').update(JSON.stringify(x)).digest('hex').slice(0, 16);

async function time(dir: string, reps: number, base: string | undefined): Promise<void> {
  const only = flag('--set');
  const docs = load(dir).filter((f) => !only || f.set === only);
  const counts = new Map<string, number>();
  for (const f of docs) counts.set(f.set, (counts.get(f.set) ?? 0) + 1);
  const runs: { name: string; fp: FindPlaces; best: Map<string, number>; all: number[] }[] = [];
  if (base) runs.push({ name: 'base', fp: await findPlacesOf(path.resolve(base)), best: new Map(), all: [] });
  runs.push({ name: 'this', fp: await findPlacesOf(ROOT), best: new Map(), all: [] });
  // warm-up (lexicons, index, JIT) and the outputs
  const outs = runs.map((r) => runAll(r.fp, docs, null));
  for (let rep = 0; rep < reps; rep++) {
    for (const r of (rep % 2 ? [...runs].reverse() : runs)) {
      const m = new Map<string, number>();
      runAll(r.fp, docs, m);
      let tot = 0;
      for (const [set, v] of m) { tot += v; r.best.set(set, Math.min(r.best.get(set) ?? Infinity, v)); }
      r.all.push(tot / docs.length);
    }
  }
  console.log(`CPU ms per document, places stage alone on frozen layers (fastest of ${reps} reps per set; all docs median)`);
  console.log(['set', 'docs', ...runs.map((r) => r.name)].join('\t'));
  for (const [set, n] of counts) console.log([set, n, ...runs.map((r) => (r.best.get(set)! / n).toFixed(3))].join('\t'));
  const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  console.log(['all/med', docs.length, ...runs.map((r) => med(r.all).toFixed(3))].join('\t'));
  if (runs.length === 2) {
    // the machine may be shared: the ratio of the two runs of each rep (run back to back) is steadier
    console.log(`this/base per rep: median ${med(runs[1]!.all.map((x, i) => x / runs[0]!.all[i]!)).toFixed(3)}`);
    let bad = 0;
    outs[0]!.forEach((o, i) => { if (JSON.stringify(o) !== JSON.stringify(outs[1]![i])) { if (++bad <= 3) console.log(`DIFF ${docs[i]!.set}/${docs[i]!.article.id}`); } });
    console.log(bad ? `FAIL: ${bad}/${docs.length} documents differ` : `OK: places layer identical on ${docs.length} documents (${hashOf(outs[1])})`);
    if (bad) process.exitCode = 1;
  } else console.log(`places layer hash ${hashOf(outs[0])}`);
}

async function main(): Promise<void> {
  const dflt = '/tmp/sitrep-places-perf';
  if (cmd === 'freeze') return freeze(pos[1] ?? dflt);
  if (cmd === 'snap') {
    const docs = load(pos[2] ?? dflt);
    const out = runAll(await findPlacesOf(ROOT), docs, null);
    writeFileSync(pos[1]!, JSON.stringify(docs.map((f, i) => ({ set: f.set, id: f.article.id, places: out[i] }))));
    console.log(`wrote ${pos[1]} (${hashOf(out)})`);
    return;
  }
  if (cmd === 'compare') {
    const a = JSON.parse(readFileSync(pos[1]!, 'utf8')) as { set: string; id: string; places: unknown }[];
    const b = JSON.parse(readFileSync(pos[2]!, 'utf8')) as { set: string; id: string; places: unknown }[];
    if (a.length !== b.length) { console.log(`DIFFER: ${a.length} vs ${b.length} documents`); process.exit(1); }
    let bad = 0;
    a.forEach((x, i) => { if (JSON.stringify(x) !== JSON.stringify(b[i])) { if (++bad <= 5) console.log(`DIFF ${x.set}/${x.id}`); } });
    console.log(bad ? `FAIL: ${bad}/${a.length} documents differ` : `OK: ${a.length} documents identical`);
    if (bad) process.exitCode = 1;
    return;
  }
  if (cmd === 'time') return time(pos[1] ?? dflt, Number(flag('--reps') ?? 5), flag('--base'));
  if (cmd === 'profile') {
    const docs = load(pos[1] ?? dflt);
    const fp = await findPlacesOf(ROOT);
    for (let r = 0; r < Number(flag('--reps') ?? 5); r++) runAll(fp, docs, null);
    return;
  }
  console.log('usage: places-perf.ts freeze|snap|compare|time|profile … (see the header)');
}

await main();
