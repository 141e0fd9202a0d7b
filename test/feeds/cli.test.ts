/** `sitrep ingest <url>`, `sitrep watch --once` and `sitrep feeds` as a user runs them (loopback only). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../src/util/lexicon.js';
import { serve, tmpStore, fixture, rss, deadPort } from './helpers.js';
import { openStore } from '../../src/store/index.js';

function sitrep(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [path.join(ROOT, 'bin/sitrep'), ...args], { cwd: ROOT, env: { ...process.env, SITREP_DB: '' } });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('sitrep ingest <url>, watch --once and feeds', async () => {
  const s = await serve((req, res) => {
    const u = req.url ?? '/';
    if (u === '/robots.txt') { res.writeHead(200, { 'content-type': 'text/plain' }); res.end('User-agent: *\nAllow: /\n'); return; }
    if (u === '/go') { res.writeHead(301, { location: '/eam/nairobi' }); res.end(); return; }
    if (u === '/eam/nairobi') { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(fixture('nairobi-protest.html')); return; }
    if (u === '/rss.xml') { res.writeHead(200, { 'content-type': 'application/rss+xml' }); res.end(rss(s.base, [{ path: '/eam/nairobi', title: 'Police fire tear gas', date: '2024-06-25T11:05:00Z' }])); return; }
    res.writeHead(404); res.end();
  });
  const { dir, dbPath, cleanup } = await tmpStore();
  try {
    // refused without --allow-private: 127.0.0.1 is loopback
    const refused = await sitrep(['ingest', `${s.base}/go`, '--db', dbPath]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /blocked_address .*127\.0\.0\.1 is a loopback address/);
    assert.equal(s.hits.length, 0);

    const ok = await sitrep(['ingest', `${s.base}/go`, '--db', dbPath, '--allow-private']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stderr, /^stored a[0-9a-f]{15} .*\/eam\/nairobi — "Police fire tear gas at protesters in Nairobi" \(East Africa Monitor, published 2024-06-25, language en\)/m);
    // the page's language is stored with the article
    const store = await openStore(dbPath);
    try {
      const id = /^stored (a[0-9a-f]{15}) /m.exec(ok.stderr)![1]!;
      assert.equal((await store.getArticle(id))?.language, 'en');
    } finally {
      await store.close();
    }

    const gone = await deadPort();
    const list = path.join(dir, 'feeds.txt');
    writeFileSync(list, `# test feeds\n${s.base}/rss.xml title=Monitor\nhttp://127.0.0.1:${gone}/rss.xml\n`);
    const w = await sitrep(['watch', list, '--once', '--db', dbPath, '--allow-private', '--retries', '0', '--per-host-interval', '10ms']);
    assert.equal(w.code, 1, 'a feed failed');
    assert.match(w.stderr, /1 new → 0 stored, 1 known/);
    assert.match(w.stderr, /FAILED \(1 in a row\) network: .*ECONNREFUSED/);

    const f = await sitrep(['feeds', '--db', dbPath]);
    assert.equal(f.code, 0);
    assert.match(f.stdout, new RegExp(`^FAILING +http://127\\.0\\.0\\.1:${gone}/rss\\.xml`, 'm'));
    const j = await sitrep(['feeds', '--db', dbPath, '--format', 'json', '--check']);
    assert.equal(j.code, 1, '--check fails while a feed is failing');
    const rows = JSON.parse(j.stdout) as { url: string; status: string; consecutiveFailures: number }[];
    assert.deepEqual(rows.map((r) => r.status).sort(), ['failing', 'quiet']);
  } finally {
    await cleanup();
    await s.close();
  }
});
