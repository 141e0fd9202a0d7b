/**
 * Snapshot and timing of the clean, sentences and times stages (performance work on them must keep
 * their layers byte-identical).
 *
 *   tsx scripts/perf-snapshot-times.ts snapshot [FILE]     record the three layers over the corpora
 *   tsx scripts/perf-snapshot-times.ts check [FILE]        compare against a recorded snapshot
 *   tsx scripts/perf-snapshot-times.ts check-times [FILE]  the times stage alone, on the recorded clean and
 *                                                          sentences layers (work on times checked while
 *                                                          other stages change)
 *   tsx scripts/perf-snapshot-times.ts bench [ROUNDS]      CPU ms per article per stage, newsCorpus(200)
 *   tsx scripts/perf-snapshot-times.ts bench-times [ROUNDS] [N]  the times stage alone, newsCorpus(N) (500)
 *                                                          through clean and sentences once
 *
 * Corpora: newsCorpus(200), the sample articles (samples/articles with samples/published.json), the
 * TempEval-3 batch (read at run time from /tmp/te3.jsonl, made by
 * `node /work/shared/eval/make-batch.mjs /work/shared/eval/tempeval3_timex /tmp/te3.jsonl`; skipped
 * when absent), the ACLED notes (/tmp/acled.jsonl or $ACLED_BATCH, made the same way from
 * acled_notes; skipped when absent) and 300 short texts from generateCorpus(300, 5, 250).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Article, Document } from '../src/model/document.js';
import { newDocument } from '../src/pipeline/run.js';
import { makeContext } from '../src/pipeline/extract.js';
import type { AnyStage, Context } from '../src/pipeline/stage.js';
import { cleanStage } from '../src/stages/clean/index.js';
import { sentencesStage } from '../src/stages/sentences/index.js';
import { timesStage } from '../src/stages/times/index.js';
import { generateCorpus, newsCorpus } from './bench-corpus.js';
import { sampleArticles } from './sample-articles.js';

const STAGES: readonly AnyStage[] = [cleanStage, sentencesStage, timesStage];
const TE3 = process.env.TE3_BATCH ?? '/tmp/te3.jsonl';
const ACLED = process.env.ACLED_BATCH ?? '/tmp/acled.jsonl';

function apply(doc: Document, stage: AnyStage, ctx: Context): Document {
  const out = stage.run(doc, ctx);
  return { ...doc, layers: { ...doc.layers, ...out.layers }, messages: [...doc.messages, ...(out.messages ?? [])] };
}

async function corpora(): Promise<{ name: string; articles: Article[] }[]> {
  const toArticle = (d: { id: string; text: string; published?: string | null }): Article =>
    ({ id: d.id, text: d.text, published: d.published ?? undefined, origin: d.id } as unknown as Article);
  const samples = [...(await sampleArticles()).values()];
  const out = [
    { name: 'news200', articles: newsCorpus(200).map(toArticle) },
    { name: 'samples', articles: samples },
    { name: 'short300', articles: generateCorpus(300, 5, 250).map(toArticle) },
  ];
  if (existsSync(TE3)) {
    const te = readFileSync(TE3, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; text: string; published?: string });
    out.push({ name: 'tempeval3', articles: te.map(toArticle) });
  } else console.error(`(no ${TE3}: TempEval batch skipped)`);
  if (existsSync(ACLED)) {
    const ac = readFileSync(ACLED, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; text: string; published?: string });
    out.push({ name: 'acled', articles: ac.map(toArticle) });
  } else console.error(`(no ${ACLED}: ACLED notes batch skipped)`);
  return out;
}

function layersOf(a: Article, ctx: Context): unknown {
  let doc = newDocument(a);
  for (const s of STAGES) doc = apply(doc, s, ctx);
  return { id: a.id, clean: doc.layers.clean, sentences: doc.layers.sentences, times: doc.layers.times, messages: doc.messages };
}

/** The times layer of `a` on recorded clean and sentences layers. */
function timesOn(a: Article, rec: { clean: unknown; sentences: unknown }, ctx: Context): unknown {
  const doc = newDocument(a);
  const withInputs = { ...doc, layers: { ...doc.layers, clean: rec.clean, sentences: rec.sentences } } as Document;
  return timesStage.run(withInputs, ctx).layers.times;
}

async function checkTimes(file: string): Promise<void> {
  const ctx = makeContext();
  const want = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { clean: unknown; sentences: unknown; times: unknown }[]>;
  let bad = 0, n = 0, mentions = 0;
  for (const c of await corpora()) {
    const w = want[c.name];
    if (!w) { console.log(`${c.name}: not in snapshot`); continue; }
    c.articles.forEach((a, i) => {
      n++;
      const got = JSON.stringify(timesOn(a, w[i]!, ctx));
      mentions += (w[i]!.times as unknown[] | undefined)?.length ?? 0;
      if (got !== JSON.stringify(w[i]!.times) && ++bad <= 5) console.log(`DIFF ${c.name}/${a.id}: got ${got.slice(0, 300)}`);
    });
  }
  console.log(bad ? `FAIL: ${bad}/${n} documents differ` : `OK: ${n} documents, ${mentions} time mentions identical`);
  if (bad) process.exitCode = 1;
}

async function snapshot(file: string): Promise<void> {
  const ctx = makeContext();
  const rec: Record<string, unknown[]> = {};
  for (const c of await corpora()) rec[c.name] = c.articles.map((a) => layersOf(a, ctx));
  writeFileSync(file, JSON.stringify(rec));
  console.log(`wrote ${file}: ${Object.entries(rec).map(([k, v]) => `${k} ${v.length}`).join(', ')}`);
}

async function check(file: string): Promise<void> {
  const ctx = makeContext();
  const want = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown[]>;
  let bad = 0, n = 0;
  for (const c of await corpora()) {
    const w = want[c.name];
    if (!w) { console.log(`${c.name}: not in snapshot`); continue; }
    c.articles.forEach((a, i) => {
      n++;
      const got = JSON.stringify(layersOf(a, ctx));
      const exp = JSON.stringify(w[i]);
      if (got !== exp) {
        bad++;
        if (bad <= 5) {
          const g = JSON.parse(got), e = JSON.parse(exp);
          for (const k of ['clean', 'sentences', 'times', 'messages']) {
            if (JSON.stringify(g[k]) !== JSON.stringify(e[k])) {
              let j = 0; const gs = JSON.stringify(g[k]), es = JSON.stringify(e[k]);
              while (j < gs.length && gs[j] === es[j]) j++;
              console.log(`DIFF ${c.name}/${a.id} ${k} @${j}:\n  got  ${gs.slice(Math.max(0, j - 150), j + 150)}\n  want ${es.slice(Math.max(0, j - 150), j + 150)}`);
            }
          }
        }
      }
    });
  }
  console.log(bad ? `FAIL: ${bad}/${n} documents differ` : `OK: ${n} documents identical`);
  if (bad) process.exitCode = 1;
}

function bench(rounds: number): void {
  const ctx = makeContext();
  const arts = newsCorpus(200).map((d) => ({ ...d, origin: d.id }) as unknown as Article);
  const cpu = new Map<string, number[]>();
  for (const s of STAGES) cpu.set(s.name, []);
  for (let r = 0; r < rounds; r++) {
    const docs = arts.map((a) => newDocument(a) as Document);
    for (const s of STAGES) {
      const t0 = process.cpuUsage();
      for (let i = 0; i < docs.length; i++) docs[i] = apply(docs[i]!, s, ctx);
      const t = process.cpuUsage(t0);
      cpu.get(s.name)!.push((t.user + t.system) / 1000 / docs.length);
    }
  }
  // round 0 is cold (first use in this process: lexicon loading, regex compilation, JIT warm-up)
  for (const [k, v] of cpu) console.log(`${k.padEnd(10)} CPU ms/article, cold first pass: ${v[0]!.toFixed(3)}`);
  for (const v of cpu.values()) v.shift();
  const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  for (const [k, v] of cpu) console.log(`${k.padEnd(10)} CPU ms/article: median ${med(v).toFixed(3)}  min ${Math.min(...v).toFixed(3)}  (${v.length} rounds)`);
}

/**
 * The times stage alone on frozen inputs: newsCorpus(N) through clean and sentences once, then the
 * times stage over all of it ROUNDS times; CPU ms per article (process.cpuUsage), round 0 (cold) apart.
 */
function benchTimes(rounds: number, n: number): void {
  const ctx = makeContext();
  const docs = newsCorpus(n).map((d) => {
    let doc = newDocument({ ...d, origin: d.id } as unknown as Article) as Document;
    doc = apply(doc, cleanStage, ctx);
    return apply(doc, sentencesStage, ctx);
  });
  const ms: number[] = [];
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = process.cpuUsage();
    for (const d of docs) sink += (timesStage.run(d, ctx).layers.times as unknown[]).length;
    const t = process.cpuUsage(t0);
    ms.push((t.user + t.system) / 1000 / docs.length);
  }
  const cold = ms.shift()!;
  const sorted = [...ms].sort((a, b) => a - b);
  console.log(`times CPU ms/article (newsCorpus(${n}), frozen inputs): cold ${cold.toFixed(3)}, median ${sorted[sorted.length >> 1]!.toFixed(3)}, min ${sorted[0]!.toFixed(3)} (${ms.length} rounds; ${sink} mentions)`);
}

const [cmd, arg] = process.argv.slice(2);
const file = arg ?? '/tmp/perf/times-snapshot.json';
if (cmd === 'snapshot') await snapshot(file);
else if (cmd === 'check') await check(file);
else if (cmd === 'check-times') await checkTimes(file);
else if (cmd === 'bench') bench(1 + Number(arg ?? 5));
else if (cmd === 'bench-times') benchTimes(1 + Number(arg ?? 10), Number(process.argv[4] ?? 500));
else console.log('usage: perf-snapshot-times.ts snapshot|check|check-times [FILE] | bench [ROUNDS] | bench-times [ROUNDS] [N]');
