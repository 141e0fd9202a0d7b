/**
 * npm run bench — extraction speed on a generated corpus of plain-text articles: docs/s and MB/s
 * in this thread and with 1 and 2 worker threads, per-stage time, peak RSS, and cold start (a fresh
 * `bin/sitrep extract` of one article). Writes docs/performance.md (the section between markers).
 *   npm run bench [-- --docs 8000]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import path from 'node:path';
import { ROOT } from '../src/util/lexicon.js';
import { newsCorpus } from './bench-corpus.js';
import { extractBatch, type InputResult } from '../src/run/extract-batch.js';
import { DEFAULT_PIPELINE } from '../src/pipeline/default-pipeline.js';
import { newDocument } from '../src/pipeline/run.js';
import { makeContext } from '../src/pipeline/extract.js';
import type { Document } from '../src/model/document.js';
import { writeSection } from './doc-section.js';

const argDocs = process.argv.indexOf('--docs');
const N = argDocs > 0 ? Number(process.argv[argDocs + 1]) : 8000;
const corpus = newsCorpus(N);
const bytes = corpus.reduce((s, d) => s + Buffer.byteLength(d.text), 0);
const inputs = (): InputResult[] => corpus.map((d) => ({ ok: true, article: { ...d, origin: d.id } }));

async function timeRun(workers: number) {
  const t0 = performance.now();
  let n = 0, events = 0, tFirst = 0, tHalf = 0;
  const half = Math.floor(N / 2);
  for await (const r of extractBatch(inputs(), { workers })) {
    if (n === 0) tFirst = performance.now();
    n++;
    if (n === half) tHalf = performance.now();
    if (r.ok) events += r.events;
  }
  const t1 = performance.now();
  const s = (t1 - t0) / 1000;
  // steady state: after the first result (workers started, resources loaded)
  const steady = (n - 1) / ((t1 - tFirst) / 1000);
  // warm: the second half of the batch, once each thread's JIT has compiled the hot paths (a fresh
  // worker starts with cold code: its rate climbs over its first thousand or so articles)
  const warmRate = (n - half) / ((t1 - tHalf) / 1000);
  return { workers, docs: n, events, seconds: s, docsPerSec: n / s, mbPerSec: bytes / 1e6 / s, startup: (tFirst - t0) / 1000, steady, warmRate };
}

function stageTimes() {
  // per-stage time over the corpus, in this thread (resources already warm)
  const ctx = makeContext({});
  const total = new Map<string, number>();
  for (const d of corpus.slice(0, Math.min(500, N))) {
    let doc: Document = newDocument({ ...d });
    for (const st of DEFAULT_PIPELINE) {
      const t = performance.now();
      const out = st.run(doc, ctx);
      total.set(st.name, (total.get(st.name) ?? 0) + performance.now() - t);
      doc = { ...doc, layers: { ...doc.layers, ...out.layers } };
    }
  }
  const n = Math.min(500, N);
  return [...total].map(([name, ms]) => ({ name, msPerDoc: ms / n, docsPerSec: n / (ms / 1000) }));
}

function coldStart(): number {
  const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-bench-'));
  const f = path.join(dir, 'one.txt');
  writeFileSync(f, corpus[0]!.text);
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const r = spawnSync(path.join(ROOT, 'bin/sitrep'), ['extract', f, '--published', '2021-03-01', '--format', 'jsonl'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`cold start run failed: ${r.stderr}`);
    runs.push(performance.now() - t);
  }
  return Math.min(...runs);
}

/**
 * A fixed JavaScript workload (best of 3, ms): the same machine kind runs at different speeds from one
 * session to the next, so the figures below are comparable across runs only relative to this.
 */
function cpuReference(): number {
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    let x = 0;
    for (let i = 0; i < 1e8; i++) x += i % 7;
    if (x < 0) console.log(x);
    runs.push(performance.now() - t);
  }
  return Math.min(...runs);
}
const cpuRef = cpuReference();

// The worker runs come first, while this thread has loaded nothing of the pipeline: as in
// `sitrep extract --workers N`, whose main thread only reads inputs and writes results.
const w1 = await timeRun(1);
const w2 = await timeRun(2);
const warm = await timeRun(0); // loads every resource in this thread
const inThread = await timeRun(0);
const stages = stageTimes();
const rssMb = process.resourceUsage().maxRSS / 1024;
const cold = coldStart();
const commit = (() => { try { return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim(); } catch { return '?'; } })();
const cpu = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`;
const f1 = (x: number) => x.toFixed(1);
const section = `<!-- bench:extract -->
## Extraction (\`npm run bench\`, commit ${commit}, ${new Date().toISOString().slice(0, 10)})

Corpus: ${N} plain-text articles assembled from shuffled paragraphs of the sample corpus (newsCorpus in scripts/bench-corpus.ts), ${(bytes / 1e6).toFixed(2)} MB (mean ${(bytes / N / 1000).toFixed(1)} KB), machine: ${cpu}; CPU reference (a fixed JS loop of 10⁸ steps, best of 3): ${cpuRef.toFixed(0)} ms.

| run | docs/s (whole run) | MB/s | seconds | start-up s | docs/s after start-up | docs/s, second half (warm) | MB/s warm | events | warm vs. 1 worker |
|---|---|---|---|---|---|---|---|---|---|
| this thread (resources warm) | ${f1(inThread.docsPerSec)} | ${inThread.mbPerSec.toFixed(2)} | ${inThread.seconds.toFixed(2)} | — | ${f1(inThread.steady)} | ${f1(inThread.warmRate)} | ${(inThread.warmRate * bytes / N / 1e6).toFixed(2)} | ${inThread.events} | ${(inThread.warmRate / w1.warmRate).toFixed(2)}× |
| 1 worker thread | ${f1(w1.docsPerSec)} | ${w1.mbPerSec.toFixed(2)} | ${w1.seconds.toFixed(2)} | ${w1.startup.toFixed(2)} | ${f1(w1.steady)} | ${f1(w1.warmRate)} | ${(w1.warmRate * bytes / N / 1e6).toFixed(2)} | ${w1.events} | 1.00× |
| 2 worker threads | ${f1(w2.docsPerSec)} | ${w2.mbPerSec.toFixed(2)} | ${w2.seconds.toFixed(2)} | ${w2.startup.toFixed(2)} | ${f1(w2.steady)} | ${f1(w2.warmRate)} | ${(w2.warmRate * bytes / N / 1e6).toFixed(2)} | ${w2.events} | ${(w2.warmRate / w1.warmRate).toFixed(2)}× |

"Whole run" includes starting the workers (each compiles the TypeScript through tsx and loads its own
gazetteer, lexicons and model); "start-up" is the time to the first result; "after start-up" is the
rate from the first result to the last; "second half (warm)" is the rate over the batch's second half,
once each thread's JIT has compiled the hot paths: what a long batch sees (a fresh thread's rate climbs
over its first thousand or so articles, so short batches see less).
First run in this thread, loading every resource: ${warm.seconds.toFixed(2)} s for ${N} docs.

Peak RSS of the whole process (all runs, workers included): **${rssMb.toFixed(0)} MB**.
Cold start (fresh \`bin/sitrep extract\` of one article, best of 3, wall time): **${cold.toFixed(0)} ms**.

Per stage, in this thread, over ${Math.min(500, N)} docs:

| stage | ms/doc | docs/s |
|---|---|---|
${stages.map((s) => `| ${s.name} | ${s.msPerDoc.toFixed(3)} | ${f1(s.docsPerSec)} |`).join('\n')}
<!-- bench:extract -->`;

writeSection(path.join(ROOT, 'docs', 'performance.md'), 'bench:extract', section);
console.log(section);
