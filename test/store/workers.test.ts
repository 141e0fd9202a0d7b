/**
 * Scale-out on PostgreSQL: `ingest --queue` then 3 `sitrep worker` processes over 3,000 generated
 * articles, one of them SIGKILLed mid-run. Every article is stored exactly once, every job ends done,
 * and the events are the same as one process storing the same extractions one by one into SQLite
 * (in another order: fusion does not depend on arrival order, nor on the database). A few minutes.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from '../../scripts/bench-corpus.js';
import { openStore } from '../../src/store/index.js';
import type { Article } from '../../src/model/document.js';
import type { PredEvent, Prediction } from '../../src/output/predictions.js';
import { dumpStore } from './dump.js';
import { PG_URL, dropSchema } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/sitrep');
// The figure: 3,000 articles (SITREP_TEST_WORKER_ARTICLES=N to try another size).
const N = Number(process.env.SITREP_TEST_WORKER_ARTICLES ?? 3000);
const tag = `t_workers_${process.pid}_${Date.now().toString(36)}`;
const dir = mkdtempSync(join(tmpdir(), 'sitrep-workers-'));
const URL_A = `${PG_URL}?schema=${tag}_a`, URL_B = join(dir, 'one-process.db');
const ENV = { ...process.env, SITREP_PIPELINE_VERSION: 'workers-test' };

const exit = (c: ChildProcess) => new Promise<number | null>((r) => (c.exitCode !== null || c.signalCode !== null ? r(c.exitCode) : c.once('exit', (code) => r(code))));

describe('workers on PostgreSQL', () => {
  const children: ChildProcess[] = [];
  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await dropSchema(`${tag}_a`);
    rmSync(dir, { recursive: true, force: true });
  });

  test(`3 workers, one killed, ${N} articles: each stored once, same events as one process`, { timeout: 50 * 60_000 }, async () => {
    const batch = join(dir, 'batch.jsonl');
    writeFileSync(batch, generateCorpus(N, 99).map((d, i) => JSON.stringify({ ...d, outlet: `Outlet ${i % 7}` })).join('\n') + '\n');
    const q = spawnSync(process.execPath, [BIN, 'ingest', batch, '--db', URL_A, '--queue'], { env: ENV, encoding: 'utf8' });
    assert.equal(q.status, 0, q.stderr);
    assert.match(q.stderr, new RegExp(`queued ${N} new jobs`));

    const store = await openStore(URL_A);
    try {
      for (let i = 0; i < 3; i++) {
        children.push(spawn(process.execPath, [BIN, 'worker', '--db', URL_A, '--lease', '5', '--batch', '4', '--poll', '0.2', '--exit-when-empty', '--name', `w${i}`],
          { env: ENV, stdio: ['ignore', 'ignore', 'pipe'] }));
      }
      const errs: string[] = ['', '', ''];
      children.forEach((c, i) => c.stderr!.on('data', (d) => { errs[i] += d; }));
      while ((await store.queueStats()).done < Math.min(300, N / 3)) await new Promise((r) => setTimeout(r, 100));
      children[1].kill('SIGKILL');
      const codes = await Promise.all([exit(children[0]), exit(children[2])]);
      assert.deepEqual(codes, [0, 0], errs.join('\n'));

      assert.deepEqual(await store.queueStats(), { queued: 0, running: 0, done: N, failed: 0 });
      const c = await store.raw.get<{ n: number; ids: number; hashes: number }>(`SELECT count(*) AS n, count(DISTINCT ext_id) AS ids, count(DISTINCT content_hash) AS hashes FROM articles`);
      assert.deepEqual({ ...c }, { n: N, ids: N, hashes: N });
      const bad = await store.raw.get<{ n: number }>(`SELECT count(*) AS n FROM articles a WHERE a.n_mentions <> (SELECT count(*) FROM mentions m WHERE m.article_id = a.id)`);
      assert.equal(Number(bad!.n), 0);
      const orphans = await store.raw.get<{ n: number }>(`SELECT count(*) AS n FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM event_mentions em JOIN events e ON e.id = em.event_id WHERE em.mention_id = m.id)`);
      assert.equal(Number(orphans!.n), 0, 'every mention is in an event');
      const retaken = await store.raw.get<{ n: number }>(`SELECT count(*) AS n FROM jobs WHERE attempts > 1`);
      process.stderr.write(`# ${retaken!.n} jobs retaken after the kill\n`);

      // one process, the same extractions, stored one by one in reverse order
      const one = await openStore(URL_B);
      try {
        const arts = await store.raw.all<{ id: string; ext_id: string; text: string; url: string | null; outlet: string | null; title: string | null; published: string | null; messages: unknown }>(
          `SELECT id, ext_id, text, url, outlet, title, published, messages FROM articles ORDER BY ext_id DESC`);
        for (const a of arts) {
          const ms = await store.raw.all<{ idx: number; data: PredEvent | string }>(`SELECT idx, data FROM mentions WHERE article_id = ? ORDER BY idx`, [a.id]);
          const events: PredEvent[] = [];
          for (const m of ms) {
            while (events.length < m.idx) events.push({ event_type: null } as PredEvent);
            events.push(typeof m.data === 'string' ? JSON.parse(m.data) : m.data);
          }
          const article: Article = { id: a.ext_id, text: a.text, url: a.url, outlet: a.outlet, title: a.title, published: a.published };
          const p = { schema: '1.0.0', id: a.ext_id, published: a.published, published_how: null, published_suspect: null, places: [], times: [], events,
            messages: typeof a.messages === 'string' ? JSON.parse(a.messages) : a.messages } as Prediction;
          await one.ingest(article, p, { pipelineVersion: 'workers-test' });
        }
        const [da, db] = [await dumpStore(store, { withIds: false }), await dumpStore(one, { withIds: false })];
        assert.equal(da.events.length, db.events.length);
        assert.deepEqual(da, db);
      } finally { await one.close(); }
    } finally { await store.close(); }
  });
});
