/**
 * Store benchmark → the <!-- bench:store --> section of docs/performance.md.
 *   - ingest docs/s on SQLite (bin/sitrep ingest path: extraction in worker threads + store), and the
 *     store alone (same extractions, no extraction cost)
 *   - PostgreSQL: `ingest --queue` then 1 and 2 `sitrep worker` processes
 *   - database size per 1,000 articles
 *   - p50/p95 of a bbox + time + type query over 1,000,000 synthetic events, both databases
 *
 *   npx tsx scripts/bench-store.ts [--articles N] [--events N] [--queries N] [--only ingest|query] [--write]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { generateCorpus, mulberry32 } from './bench-corpus.js';
import { extractBatch } from '../src/run/extract-batch.js';
import { openStore } from '../src/store/index.js';
import type { SqlStore } from '../src/store/store.js';
import type { Prediction } from '../src/output/predictions.js';
import type { Article } from '../src/model/document.js';
import { EVENT_TYPES } from '../src/model/taxonomy.js';
import { createIndex, table } from '../src/store/schema.js';
import { writeSection } from './doc-section.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'bin/sitrep');
const args = process.argv.slice(2);
const opt = (k: string, d: number) => { const i = args.indexOf(k); return i >= 0 ? Number(args[i + 1]) : d; };
const only = (() => { const i = args.indexOf('--only'); return i >= 0 ? args[i + 1] : null; })();
const N_ART = opt('--articles', 1000), N_EV = opt('--events', 1_000_000), N_Q = opt('--queries', 200);
const PG_URL = process.env.SITREP_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const tag = `bench_${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'sitrep-bench-'));
const ENV = { ...process.env, SITREP_PIPELINE_VERSION: 'bench' };
const lines: string[] = [];
const log = (s: string) => { lines.push(s); process.stderr.write(s + '\n'); };

async function dropSchema(s: string) {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  await c.end();
}
async function pgSize(schema: string): Promise<number> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  const r = await c.query(`SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r')`, [schema]);
  await c.end();
  return Number(r.rows[0].n);
}
const mb = (b: number) => (b / 1e6).toFixed(1);

let reading: { sqliteMs: number; pgMs: number; perArticle: number } | null = null;

async function benchIngest() {
  const corpus = generateCorpus(N_ART, 2024).map((d, i) => ({ ...d, outlet: `Outlet ${i % 9}`, url: `https://outlet${i % 9}.example/${d.id}` }));
  const batch = join(dir, 'batch.jsonl');
  writeFileSync(batch, corpus.map((d) => JSON.stringify(d)).join('\n') + '\n');
  const bytes = corpus.reduce((s, d) => s + Buffer.byteLength(d.text), 0);

  // SQLite through the CLI
  const dbFile = join(dir, 'bench.db');
  let t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, 'ingest', batch, '--db', dbFile], { env: ENV, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const cliSecs = (performance.now() - t0) / 1000;
  const s = await openStore(dbFile);
  const st = await s.stats();
  await s.raw.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  await s.close();
  const sqliteBytes = statSync(dbFile).size;

  // the store alone: extract once in memory, then time storing
  const preds: { article: Article; prediction: Prediction }[] = [];
  for await (const x of extractBatch(corpus.map((d) => ({ ok: true as const, article: d })), { workers: Math.min(2, availableParallelism()) })) {
    if (x.ok) preds.push({ article: x.article, prediction: x.prediction });
  }
  const storeOnly = async (url: string) => {
    const st2 = await openStore(url);
    const t = performance.now();
    for (const p of preds) await st2.ingest(p.article, p.prediction, { pipelineVersion: 'bench' });
    const secs = (performance.now() - t) / 1000;
    await st2.close();
    return secs;
  };
  const sqliteStoreSecs = await storeOnly(join(dir, 'store-only.db'));
  const pgStoreSecs = await storeOnly(`${PG_URL}?schema=${tag}_so`);
  const pgBytes = await pgSize(`${tag}_so`);
  await dropSchema(`${tag}_so`);

  // PostgreSQL: queue + k worker processes
  const workerRuns: { k: number; secs: number }[] = [];
  for (const k of [1, 2]) {
    const url = `${PG_URL}?schema=${tag}_w${k}`;
    const q = spawnSync(process.execPath, [BIN, 'ingest', batch, '--db', url, '--queue'], { env: ENV, encoding: 'utf8' });
    if (q.status !== 0) throw new Error(q.stderr);
    t0 = performance.now();
    await Promise.all(Array.from({ length: k }, (_, i) => new Promise<void>((res, rej) => {
      const c = spawn(process.execPath, [BIN, 'worker', '--db', url, '--exit-when-empty', '--poll', '0.2', '--name', `b${i}`], { env: ENV, stdio: 'ignore' });
      c.once('exit', (code) => (code === 0 ? res() : rej(new Error(`worker exit ${code}`))));
    })));
    workerRuns.push({ k, secs: (performance.now() - t0) / 1000 });
    await dropSchema(`${tag}_w${k}`);
  }

  log(`Corpus: ${N_ART} generated articles (scripts/bench-corpus.ts, seed 2024, ${(bytes / N_ART / 1000).toFixed(1)} KB each) → ${st.mentions} mentions, ${st.events} events.`);
  log('');
  log('| ingest | articles/s | notes |');
  log('|---|---|---|');
  log(`| SQLite, \`sitrep ingest\` (extraction in ${Math.min(2, availableParallelism())} threads + store) | ${(N_ART / cliSecs).toFixed(1)} | ${cliSecs.toFixed(1)} s including start-up |`);
  for (const w of workerRuns) log(`| PostgreSQL, ${w.k} \`sitrep worker\` process${w.k > 1 ? 'es' : ''} | ${(N_ART / w.secs).toFixed(1)} | ${w.secs.toFixed(1)} s, queue filled by \`ingest --queue\` |`);
  log(`| SQLite, store + fusion only (extraction done before) | ${(N_ART / sqliteStoreSecs).toFixed(0)} | ${(1000 * sqliteStoreSecs / N_ART).toFixed(2)} ms per article |`);
  log(`| PostgreSQL, store + fusion only, one connection | ${(N_ART / pgStoreSecs).toFixed(0)} | ${(1000 * pgStoreSecs / N_ART).toFixed(2)} ms per article |`);
  log('');
  reading = { sqliteMs: 1000 * sqliteStoreSecs / N_ART, pgMs: 1000 * pgStoreSecs / N_ART, perArticle: st.mentions / N_ART };
  log(`Database size per 1,000 articles: SQLite ${mb(sqliteBytes * 1000 / N_ART)} MB (file after checkpoint; text ${mb(bytes * 1000 / N_ART)} MB of it), ` +
    `PostgreSQL ${mb(pgBytes * 1000 / N_ART)} MB (tables + indexes + TOAST).`);
}

const CITIES: [number, number][] = [];
function synthEvents(n: number, seed: number) {
  const rnd = mulberry32(seed);
  if (!CITIES.length) for (let i = 0; i < 400; i++) CITIES.push([-35 + rnd() * 90, -20 + rnd() * 140]);
  const base = Date.parse('2019-01-01T00:00:00Z');
  const out: (string | number | null)[][] = [];
  for (let i = 0; i < n; i++) {
    const c = CITIES[Math.floor(rnd() ** 1.5 * CITIES.length)];
    const lat = c[0] + (rnd() - 0.5) * 3, lon = c[1] + (rnd() - 0.5) * 3;
    const date = new Date(base + Math.floor(rnd() * 6 * 365) * 86400000).toISOString().slice(0, 10);
    const type = EVENT_TYPES[Math.floor(rnd() ** 1.3 * EVENT_TYPES.length)];
    out.push([`syn${seed}-${i}`, type, date, 'day', Math.round(lat * 1e4) / 1e4, Math.round(lon * 1e4) / 1e4, 'SYN', 0.5 + rnd() / 2, 1, 1, '2024-01-01T00:00:00Z']);
  }
  return out;
}
const EV_COLS = ['id', 'event_type', 'event_date', 'date_precision', 'lat', 'lon', 'country', 'confidence', 'n_mentions', 'n_sources', 'created_at'];

async function fill(store: SqlStore, n: number) {
  const chunk = 20_000;
  // bulk load: indexes dropped, then built once (as schema.ts describes them)
  for (const ix of table('events').indexes ?? []) await store.raw.exec(`DROP INDEX IF EXISTS "${ix.name}"`);
  for (let off = 0; off < n; off += chunk) {
    const rows = synthEvents(Math.min(chunk, n - off), off);
    if (store.dialect === 'sqlite') {
      await store.raw.tx(async (db) => {
        for (const r of rows) await db.run(`INSERT INTO events (${EV_COLS.join(', ')}, updated_at) VALUES (${EV_COLS.map(() => '?').join(', ')}, '2024-01-01T00:00:00Z')`, r);
      });
    } else {
      const types = ['text[]', 'text[]', 'text[]', 'text[]', 'float8[]', 'float8[]', 'text[]', 'float8[]', 'int[]', 'int[]', 'text[]'];
      await store.raw.run(`INSERT INTO events (${EV_COLS.join(', ')}, updated_at) SELECT *, '2024-01-01T00:00:00Z' FROM unnest(${types.map((t) => `?::${t}`).join(', ')})`,
        EV_COLS.map((_, j) => rows.map((r) => r[j])) as unknown as string[]);
    }
  }
  for (const ix of table('events').indexes ?? []) await store.raw.exec(createIndex('events', ix));
  await store.raw.exec(store.dialect === 'sqlite' ? 'ANALYZE' : 'ANALYZE events');
}

async function benchQuery() {
  log('');
  log(`| database | events | query | p50 ms | p95 ms | mean rows |`);
  log('|---|---|---|---|---|---|');
  for (const name of ['sqlite', 'postgres'] as const) {
    const url = name === 'sqlite' ? join(dir, 'events.db') : `${PG_URL}?schema=${tag}_ev`;
    const store = await openStore(url);
    const t0 = performance.now();
    await fill(store, N_EV);
    const loadSecs = (performance.now() - t0) / 1000;
    const rnd = mulberry32(7);
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < N_Q + 20; i++) {
      const c = CITIES[Math.floor(rnd() * CITIES.length)];
      const w = 2 + rnd() * 4, h = 2 + rnd() * 4;
      const from = new Date(Date.parse('2019-01-01') + Math.floor(rnd() * 5 * 365) * 86400000);
      const to = new Date(from.getTime() + (30 + Math.floor(rnd() * 150)) * 86400000);
      const f = { bbox: [c[1] - w / 2, c[0] - h / 2, c[1] + w / 2, c[0] + h / 2] as [number, number, number, number],
        from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10), eventType: EVENT_TYPES[Math.floor(rnd() * EVENT_TYPES.length)] };
      const t = performance.now();
      const page = await store.queryEvents(f, { limit: 100 });
      const ms = performance.now() - t;
      if (i >= 20) { times.push(ms); rows += page.items.length; } // the first 20 warm the caches
    }
    times.sort((a, b) => a - b);
    const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
    log(`| ${name === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${N_EV.toLocaleString('en')} (loaded in ${loadSecs.toFixed(0)} s) | bbox 2–6° + 1–6 months + one event type, first page of 100 | ${p(0.5)} | **${p(0.95)}** | ${(rows / times.length).toFixed(0)} |`);
    await store.close();
    if (name === 'postgres') await dropSchema(`${tag}_ev`);
  }
}

async function main() {
  log('<!-- bench:store -->');
  log('## Store (scripts/bench-store.ts)');
  log('');
  log(`Machine: ${cpus()[0]?.model ?? 'unknown'}, ${availableParallelism()} cores, Node ${process.version}; PostgreSQL on the same machine. ` +
    'Measured while other work ran on the machine; rates are indicative.');
  log('');
  if (only !== 'query') await benchIngest();
  if (only !== 'ingest') await benchQuery();
  log('');
  if (only !== 'query' && reading) {
    const r = reading;
    log(`Reading the figures: the store itself costs ~${r.sqliteMs.toFixed(0)} ms per article on SQLite and ~${r.pgMs.toFixed(0)} ms on PostgreSQL ` +
      `(~${r.perArticle.toFixed(0)} mentions per generated article, each fused against the stored mentions of its region and weeks; this ` +
      'generated corpus puts a year of articles from ten countries in one store, so windows are dense). On this 2-core machine ' +
      'PostgreSQL, the workers and other jobs share the same two cores, so a second worker adds little here; workers scale with machines ' +
      '(or cores) beside the database. The size per 1,000 articles is driven by mentions per article (each keeping its full prediction ' +
      'JSON) and fused events with their consensus JSON; the text itself is a small part.');
  }
  log('');
  log('The query is `store.queryEvents({bbox, from, to, eventType}, {limit: 100})` (ordered by date, newest first); ' +
    'index `events_type_date (event_type, event_date, lat, lon)` serves it: the type and date range bound the index scan and lat/lon are filtered inside the index.');
  log('<!-- bench:store -->');
  rmSync(dir, { recursive: true, force: true });
  if (args.includes('--write')) {
    writeSection(join(ROOT, 'docs/performance.md'), 'bench:store', lines.join('\n'));
  }
}
await main();
