/**
 * Speed work on the actors, events, arguments and attribution stages, with outputs held byte-identical.
 *
 *   npx tsx scripts/perf-snapshot.ts freeze [dir]        run clean → events once over the corpora and
 *                                                        store the upstream Document layers (dir/upstream.json)
 *   npx tsx scripts/perf-snapshot.ts snap out.json [dir] [--reps N]
 *                                                        reload them, run actors / arguments / attribution on
 *                                                        the frozen layers, write their outputs, print CPU ms/doc
 *   npx tsx scripts/perf-snapshot.ts compare a.json b.json
 *   npx tsx scripts/perf-snapshot.ts profile [dir] [--reps N]   (run under node --cpu-prof) only the three stages
 *
 * Corpora: newsCorpus(200) (~3 KB news-like), the sample articles (samples/articles, dates from
 * samples/published.json), generateCorpus(300, 5, 250) (short ACLED-like notes). The frozen layers
 * make the comparison independent of concurrent changes to the events/places/times stages.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import path from 'node:path';
import type { Article, Document, Layers } from '../src/model/document.js';
import { DEFAULT_PIPELINE } from '../src/pipeline/default-pipeline.js';
import { makeContext } from '../src/pipeline/extract.js';
import { newDocument, runPipeline } from '../src/pipeline/run.js';
import { actorsStage } from '../src/stages/actors/index.js';
import { argumentsStage } from '../src/stages/arguments/index.js';
import { attributionStage } from '../src/stages/attribution/index.js';
import { eventsStage } from '../src/stages/events/index.js';
import { generateCorpus, newsCorpus } from './bench-corpus.js';
import { sampleArticles } from './sample-articles.js';

interface Frozen { set: string; article: Article; layers: Partial<Layers> }

const args = process.argv.slice(2);
const flag = (name: string, dflt: number): number => { const i = args.indexOf(name); return i >= 0 ? Number(args[i + 1]) : dflt; };
const pos = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1]!.startsWith('--')));
const cmd = pos[0];

async function corpora(): Promise<{ set: string; article: Article }[]> {
  const out: { set: string; article: Article }[] = [];
  for (const d of newsCorpus(200)) out.push({ set: 'news', article: { id: d.id, text: d.text, published: d.published } });
  for (const article of (await sampleArticles()).values()) out.push({ set: 'samples', article });
  for (const d of generateCorpus(300, 5, 250)) out.push({ set: 'acled', article: { id: d.id, text: d.text, published: d.published } });
  return out;
}

const UPSTREAM: (keyof Layers)[] = ['clean', 'sentences', 'actors', 'places', 'times', 'events'];

async function freeze(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const upto = DEFAULT_PIPELINE.slice(0, DEFAULT_PIPELINE.findIndex((s) => s.name === 'events') + 1);
  const out: Frozen[] = [];
  for (const { set, article } of await corpora()) {
    const doc = runPipeline(upto, article, makeContext({ published: article.published ?? null }));
    const layers: Partial<Layers> = {};
    for (const k of UPSTREAM) (layers as Record<string, unknown>)[k] = doc.layers[k];
    out.push({ set, article, layers });
  }
  writeFileSync(path.join(dir, 'upstream.json'), JSON.stringify(out));
  console.log(`froze ${out.length} documents in ${dir}/upstream.json`);
}

/** A Document as the runner builds it: frozen article, frozen layers. */
function docOf(f: Frozen, only: readonly (keyof Layers)[], extra: Partial<Layers> = {}): Document {
  const base = newDocument(f.article);
  const layers: Record<string, unknown> = {};
  for (const k of only) layers[k] = Object.freeze(f.layers[k]);
  for (const [k, v] of Object.entries(extra)) layers[k] = Object.freeze(v);
  return Object.freeze({ ...base, layers: Object.freeze(layers) });
}

function load(dir: string): Frozen[] {
  return JSON.parse(readFileSync(path.join(dir, 'upstream.json'), 'utf8')) as Frozen[];
}

interface StageOut { actors: unknown; events: unknown; arguments: unknown; attribution: unknown }

function runOnce(docs: Frozen[], timing: Map<string, Map<string, number>> | null): StageOut[] {
  const ctx = makeContext({});
  // per document, the three stages in pipeline order (they share per-text caches, as in extract())
  return docs.map((f) => {
    const m = timing ? timing.get(f.set) ?? timing.set(f.set, new Map()).get(f.set)! : null;
    const timed = <T>(k: keyof StageOut, fn: () => T): T => {
      const t0 = process.cpuUsage();
      const r = fn();
      const d = process.cpuUsage(t0);
      if (m) m.set(k, (m.get(k) ?? 0) + (d.user + d.system) / 1000);
      return r;
    };
    const actors = timed('actors', () => actorsStage.run(docOf(f, ['clean', 'sentences']), ctx).layers.actors);
    const events = timed('events', () => eventsStage.run(docOf(f, ['clean', 'sentences', 'actors', 'places', 'times']), ctx).layers.events);
    const args = timed('arguments', () => argumentsStage.run(docOf(f, UPSTREAM), ctx).layers.arguments);
    const attribution = timed('attribution', () => attributionStage.run(docOf(f, UPSTREAM, { arguments: args }), ctx).layers.attribution);
    return { actors, events, arguments: args, attribution };
  });
}

function report(docs: Frozen[], timing: Map<string, Map<string, number>>, reps: number): void {
  const counts = new Map<string, number>();
  for (const f of docs) counts.set(f.set, (counts.get(f.set) ?? 0) + 1);
  console.log('CPU ms per document (fastest rep per set and stage)');
  console.log(['set', 'docs', 'actors', 'events', 'arguments', 'attribution', 'total'].join('\t'));
  for (const [set, m] of timing) {
    const n = counts.get(set)! * reps;
    const a = m.get('actors')! / n, e = m.get('events')! / n, b = m.get('arguments')! / n, c = m.get('attribution')! / n;
    console.log([set, counts.get(set), a.toFixed(3), e.toFixed(3), b.toFixed(3), c.toFixed(3), (a + e + b + c).toFixed(3)].join('\t'));
  }
}

async function main(): Promise<void> {
  const dflt = '/tmp/sitrep-perf';
  if (cmd === 'freeze') return freeze(pos[1] ?? dflt);
  if (cmd === 'snap' || cmd === 'profile') {
    const outFile = cmd === 'snap' ? pos[1] : null;
    const dir = (cmd === 'snap' ? pos[2] : pos[1]) ?? dflt;
    const docs = load(dir);
    const reps = flag('--reps', 5);
    const first = runOnce(docs, null); // warm-up (lexicons, JIT) and the outputs
    // the machine is shared: per set and stage, the fastest of the reps
    const timing = new Map<string, Map<string, number>>();
    for (let r = 0; r < reps; r++) {
      const one = new Map<string, Map<string, number>>();
      const again = runOnce(docs, one);
      if (r === 0 && !isDeepStrictEqual(JSON.parse(JSON.stringify(again)), JSON.parse(JSON.stringify(first)))) throw new Error('outputs differ between runs');
      for (const [set, m] of one) {
        const best = timing.get(set) ?? timing.set(set, new Map()).get(set)!;
        for (const [k, v] of m) best.set(k, Math.min(best.get(k) ?? Infinity, v));
      }
    }
    report(docs, timing, 1);
    // actors must also equal the frozen actors layer (the one the downstream layers were built on)
    let actorDiff = 0;
    docs.forEach((f, i) => { if (!isDeepStrictEqual(JSON.parse(JSON.stringify(first[i]!.actors)), f.layers.actors)) actorDiff++; });
    if (actorDiff) console.log(`WARNING: actors differ from the frozen upstream actors layer on ${actorDiff} documents`);
    if (outFile) {
      writeFileSync(outFile, JSON.stringify(docs.map((f, i) => ({ set: f.set, id: f.article.id, ...first[i] }))));
      console.log(`wrote ${outFile}`);
    }
    return;
  }
  if (cmd === 'compare') {
    const a = JSON.parse(readFileSync(pos[1]!, 'utf8')) as ({ id: string } & StageOut)[];
    const b = JSON.parse(readFileSync(pos[2]!, 'utf8')) as ({ id: string } & StageOut)[];
    if (a.length !== b.length) { console.log(`DIFFER: ${a.length} vs ${b.length} documents`); process.exit(1); }
    let bad = 0;
    for (let i = 0; i < a.length; i++) {
      for (const k of ['actors', 'events', 'arguments', 'attribution'] as const) {
        if (JSON.stringify(a[i]![k]) !== JSON.stringify(b[i]![k])) { bad++; if (bad <= 10) console.log(`DIFFER: ${a[i]!.id} ${k}`); }
      }
    }
    console.log(bad ? `${bad} layer(s) differ` : `identical (${a.length} documents, byte-equal JSON per layer)`);
    process.exit(bad ? 1 : 0);
  }
  console.error('usage: perf-snapshot.ts freeze [dir] | snap out.json [dir] [--reps N] | compare a.json b.json | profile [dir]');
  process.exit(2);
}

await main();
