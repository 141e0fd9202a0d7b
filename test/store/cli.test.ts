/**
 * The ingest command on both databases, as a user runs it: ingesting twice changes nothing, and a
 * kill -9 in the middle of a run followed by a re-run gives the same store as one uninterrupted run.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from '../../scripts/bench-corpus.js';
import { openStore } from '../../src/store/index.js';
import { dumpStore } from './dump.js';
import { targets, type Target } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/sitrep');
const dir = mkdtempSync(join(tmpdir(), 'sitrep-cli-'));
const batch = join(dir, 'batch.jsonl');
const N = 40;
writeFileSync(batch, generateCorpus(N, 1234).map((d, i) => JSON.stringify({ ...d, url: `https://news${i % 4}.example/story/${d.id}`, outlet: `Outlet ${i % 4}` })).join('\n') + '\n');
const ENV = { ...process.env, SITREP_PIPELINE_VERSION: 'cli-test' };

function ingest(db: string, extra: string[] = []) {
  const r = spawnSync(process.execPath, [BIN, 'ingest', batch, '--db', db, '--workers', '0', ...extra], { env: ENV, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stderr;
}

async function count(url: string): Promise<number> {
  const s = await openStore(url, { migrate: false });
  try { return (await s.stats()).articles; } catch { return 0; } finally { await s.close(); }
}

const all = targets('cli');
// three stores per database: uninterrupted, twice, killed
const per = (t: Target, k: string) => (t.name === 'sqlite' ? t.url.replace(/store\.db$/, `${k}.db`) : t.url.replace(/(schema=\w+)/, `$1_${k}`));

for (const t of all) {
  describe(`ingest CLI on ${t.name}`, () => {
    const refUrl = per(t, 'ref');
    after(async () => {
      await t.cleanup();
      if (t.name === 'postgres') {
        const { dropSchema } = await import('./helpers.js');
        for (const k of ['ref', 'kill']) await dropSchema(new URL(per(t, k)).searchParams.get('schema')!);
      }
    });
    before(() => { ingest(refUrl); });

    test('a second ingest of the same inputs changes nothing', async () => {
      const s = await openStore(refUrl);
      const first = await dumpStore(s, { withIds: true });
      await s.close();
      assert.equal(first.articles.length, N);
      const err = ingest(refUrl);
      assert.match(err, /stored 0 new, 0 re-extracted, 40 unchanged/);
      const s2 = await openStore(refUrl);
      assert.deepEqual(await dumpStore(s2, { withIds: true }), first);
      await s2.close();
    });

    test('kill -9 mid-ingest, then a re-run: the same store as an uninterrupted run', async () => {
      const url = per(t, 'kill');
      const child = spawn(process.execPath, [BIN, 'ingest', batch, '--db', url, '--workers', '0'], { env: ENV, stdio: 'ignore' });
      const exited = new Promise((r) => child.once('exit', r));
      let n = 0;
      while ((n = await count(url)) < 8) {
        await new Promise((r) => setTimeout(r, 20));
        if (child.exitCode !== null) break;
      }
      child.kill('SIGKILL');
      await exited;
      const partial = await count(url);
      assert.ok(partial >= 8 && partial < N, `killed after ${partial} of ${N} articles`);
      const err = ingest(url);
      assert.match(err, new RegExp(`stored ${N - partial} new, 0 re-extracted, ${partial} unchanged`));
      const a = await openStore(url), b = await openStore(refUrl);
      try {
        assert.deepEqual(await dumpStore(a, { withIds: true }), await dumpStore(b, { withIds: true }));
        const runs = await a.raw.all<{ status: string }>(`SELECT status FROM ingest_runs ORDER BY started_at`);
        assert.deepEqual(runs.map((r) => r.status), ['running', 'done'], 'the killed run stays marked as running');
      } finally { await a.close(); await b.close(); }
    });
  });
}
void readFileSync;
