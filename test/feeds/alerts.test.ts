/**
 * Alerts end to end: feeds on 127.0.0.1 grow over three polls; rules fire at a local webhook receiver
 * exactly once per (rule, event) that newly qualifies, including one that qualifies only after a
 * second source merges into it; a failing receiver is retried.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { HttpClient } from '../../src/fetch/client.js';
import { Watcher } from '../../src/feeds/watch.js';
import { AlertEngine, type Alert } from '../../src/alerts/engine.js';
import { parseRules } from '../../src/alerts/rules.js';
import { pipelineVersion } from '../../src/store/version.js';
import { serve, tmpStore, fixture, rss } from './helpers.js';

test('an alert rule fires exactly once per new qualifying event at a local webhook', async () => {
  const posts: Alert[] = [];
  let failFirst = true;
  const hook = await serve((req, res, body) => {
    if (req.method !== 'POST') { res.writeHead(405); res.end(); return; }
    if (failFirst) { failFirst = false; res.writeHead(503); res.end('busy'); return; } // the first delivery is retried
    posts.push(JSON.parse(body) as Alert);
    res.writeHead(204); res.end();
  });
  const published: { path: string; title: string; date: string; file: string }[] = [];
  const site = await serve((req, res) => {
    const u = req.url ?? '/';
    if (u === '/robots.txt') { res.writeHead(404); res.end(); return; }
    if (u === '/rss.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rss(site.base, published));
      return;
    }
    const p = published.find((x) => x.path === u);
    if (p) { res.writeHead(200, { 'content-type': 'text/html' }); res.end(fixture(p.file)); return; }
    res.writeHead(404); res.end();
  });
  const { store, dir, cleanup } = await tmpStore();
  try {
    const jsonl = path.join(dir, 'alerts.jsonl');
    const rules = parseRules(`
defaults:
  deliver:
    - webhook: ${hook.base}/hooks/sitrep
      allow_private: true
      retries: 3
    - jsonl: ${jsonl}
rules:
  - id: deadly-air-strikes-nw-syria
    name: Deadly air strikes in north-west Syria
    sub_event_types: [Air/drone strike]
    countries: [SYR]
    bbox: [35.5, 35.0, 38.0, 37.0]
    min_fatalities: 1
  - id: corroborated-strikes
    event_types: [Explosions/Remote violence]
    near: { lat: 35.81, lon: 36.61, km: 25 }
    min_sources: 2
  - id: kenya-protests
    event_types: [Protests]
    countries: [KEN]
    actors: [police]
`, 'test-rules.yaml');
    const alerts = await AlertEngine.create(store, rules, { backoffBaseMs: 5, log: () => {} });
    const client = new HttpClient({ allowPrivate: true, perHostIntervalMs: 0 });
    const w = new Watcher({ store, client, feeds: [{ url: `${site.base}/rss.xml`, title: null, everyMs: null }], pipelineVersion: pipelineVersion(), alerts, log: () => {}, jitter: false });
    await w.init();
    const key = (a: Alert) => `${a.rule.id}|${a.event.id}`;

    // poll 1: the first report of the Ariha strike (7 dead, one source)
    published.push({ path: '/levant/idlib-strike', title: 'Air strikes kill seven civilians in Idlib province', date: '2024-03-12T09:40:00Z', file: 'idlib-strike.html' });
    await w.pollAll();
    assert.deepEqual(posts.map((a) => a.rule.id), ['deadly-air-strikes-nw-syria']);
    const ariha = posts[0].event.id;
    assert.equal(posts[0].event.location, 'Ariha');
    assert.equal(posts[0].event.fatalities, 7);
    assert.ok(posts[0].why.includes('7 killed'));
    assert.equal(hook.hits.length, 2, 'one 503, then the retry delivered it');

    // poll 2: a second outlet reports the same strike: the event grows to two sources.
    // rule 1 already fired for it (no repeat); rule 2 newly qualifies (fires once)
    published.push({ path: '/observer/ariha-followup', title: 'Death toll from Ariha market strike rises', date: '2024-03-12T11:00:00Z', file: 'ariha-followup.html' });
    await w.pollAll();
    assert.deepEqual(posts.map(key), [`deadly-air-strikes-nw-syria|${ariha}`, `corroborated-strikes|${ariha}`]);
    assert.equal(posts[1].event.nSources, 2);

    // poll 3: a new strike elsewhere (Atarib, 4 dead, one source) and a Kenyan protest
    published.push({ path: '/levant/atarib', title: 'Air strike on Atarib kills four', date: '2024-04-02T08:00:00Z', file: 'aleppo-shelling.html' });
    published.push({ path: '/eam/nairobi', title: 'Police fire tear gas at protesters in Nairobi', date: '2024-06-25T11:05:00Z', file: 'nairobi-protest.html' });
    await w.pollAll();
    const third = posts.slice(2);
    assert.equal(third.filter((a) => a.rule.id === 'deadly-air-strikes-nw-syria').length, 1);
    assert.notEqual(third.find((a) => a.rule.id === 'deadly-air-strikes-nw-syria')!.event.id, ariha);
    assert.equal(third.filter((a) => a.rule.id === 'corroborated-strikes').length, 0);
    assert.ok(third.some((a) => a.rule.id === 'kenya-protests'), 'the protest rule fired');

    // poll 4: nothing new → nothing fires; re-checking the same events fires nothing either
    const before = posts.length;
    await w.pollAll();
    for (const id of new Set(posts.map((a) => a.event.id))) {
      const e = await store.getEvent(id);
      if (e) await alerts.check([e]);
    }
    await alerts.flush();
    assert.equal(posts.length, before);

    // exactly once per (rule, event)
    const keys = posts.map(key);
    assert.equal(new Set(keys).size, keys.length, `duplicates in ${keys.join(', ')}`);
    // the JSONL sink got the same alerts
    assert.ok(existsSync(jsonl));
    const lines = readFileSync(jsonl, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Alert);
    assert.deepEqual(lines.map(key).sort(), [...keys].sort());
  } finally {
    await cleanup();
    await site.close();
    await hook.close();
  }
});

test('alert rules are validated when loaded', () => {
  assert.throws(() => parseRules('rules:\n  - name: no id\n'), /needs an id/);
  assert.throws(() => parseRules('rules:\n  - id: a\n    event_types: [Skirmish]\n'), /"Skirmish" is not one of/);
  assert.throws(() => parseRules('rules:\n  - id: a\n    near: { place: Atlantis, km: 10 }\n', 'r.yaml', { places: () => null }), /no place "Atlantis"/);
  assert.throws(() => parseRules('rules:\n  - id: a\n    min_toll: 3\n'), /unknown key "min_toll"/);
  assert.throws(() => parseRules('rules:\n  - id: a\n    deliver: [{ webhook: "ftp://x" }]\n'), /webhooks must be http/);
  const r = parseRules('rules:\n  - id: a\n    near: { place: Aleppo, km: 30 }\n    countries: [Syria]\n', 'r.yaml', {
    places: (n) => (n === 'Aleppo' ? { lat: 36.2, lon: 37.16, label: 'Aleppo (SYR)' } : null), countries: (n) => (n === 'Syria' ? 'SYR' : null),
  });
  assert.deepEqual(r.rules[0].near, { lat: 36.2, lon: 37.16, km: 30, label: '30 km of Aleppo (SYR)' });
  assert.deepEqual(r.rules[0].countries, ['SYR']);
  assert.deepEqual(r.rules[0].deliver, [{ kind: 'stdout' }]);
});
