/**
 * The watcher end to end against a news site on 127.0.0.1: a feed of each format ingested, conditional
 * GETs answered with 304, robots.txt respected, a feed that dies shown as failing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpClient } from '../../src/fetch/client.js';
import { Watcher } from '../../src/feeds/watch.js';
import { FeedState } from '../../src/feeds/state.js';
import { healthTable } from '../../src/cli/feeds.js';
import { createApp } from '../../src/api/app.js';
import { pipelineVersion } from '../../src/store/version.js';
import { serve, tmpStore, fixture, rss, atom, jsonFeed, newsSitemap, deadPort } from './helpers.js';

test('watch: RSS, Atom, JSON Feed and a news sitemap ingested; 304s; robots.txt; a dying feed fails', async () => {
  let dyingAlive = true;
  const s = await serve((req, res) => {
    const base = `http://127.0.0.1:${s.port}`;
    const u = req.url ?? '/';
    const send = (type: string, body: string, headers: Record<string, string> = {}) => { res.writeHead(200, { 'content-type': type, ...headers }); res.end(body); };
    switch (u) {
      case '/robots.txt': return send('text/plain', 'User-agent: *\nDisallow: /blocked/\n');
      case '/rss.xml': {
        if (req.headers['if-none-match'] === '"rss-v1"') { res.writeHead(304, { etag: '"rss-v1"' }); res.end(); return; }
        return send('application/rss+xml; charset=utf-8', rss(base, [{ path: '/levant/idlib-strike', title: 'Air strikes kill seven civilians in Idlib province', date: '2024-03-12T09:40:00Z' }], '<ttl>30</ttl>'), { etag: '"rss-v1"' });
      }
      case '/atom.xml': {
        const lm = 'Tue, 12 Mar 2024 12:00:00 GMT';
        if (req.headers['if-modified-since'] === lm) { res.writeHead(304); res.end(); return; }
        return send('application/atom+xml', atom(base, [{ path: '/observer/ariha-followup', title: 'Death toll from Ariha market strike rises', date: '2024-03-12T11:00:00Z' }]), { 'last-modified': lm });
      }
      case '/feed.json': {
        if (req.headers['if-none-match'] === 'W/"json-1"') { res.writeHead(304); res.end(); return; }
        return send('application/feed+json', jsonFeed(base, [{ path: '/eam/nairobi-protest', title: 'Police fire tear gas at protesters in Nairobi', date: '2024-06-25T11:05:00Z' }]), { etag: 'W/"json-1"' });
      }
      case '/news-sitemap.xml':
        return send('application/xml', newsSitemap(base, [{ path: '/levant/atarib', title: 'Air strike on Atarib kills four', date: '2024-04-02T08:00:00Z' }]));
      case '/blocked-feed.xml':
        return send('application/rss+xml', rss(base, [{ path: '/blocked/story', title: 'Members only', date: '2024-03-01T10:00:00Z' }]));
      case '/dying.xml':
        if (!dyingAlive) { res.writeHead(503); res.end('down for good'); return; }
        return send('application/rss+xml', rss(base, []));
      case '/levant/idlib-strike': return send('text/html; charset=utf-8', fixture('idlib-strike.html'));
      case '/observer/ariha-followup': return send('text/html', fixture('ariha-followup.html'));
      case '/eam/nairobi-protest': return send('text/html', fixture('nairobi-protest.html'));
      case '/levant/atarib': return send('text/html', fixture('aleppo-shelling.html'));
      default: res.writeHead(404); res.end('not found');
    }
  });
  const { store, cleanup } = await tmpStore();
  try {
    const gone = await deadPort();
    const b = s.base;
    const feeds = ['/rss.xml', '/atom.xml', '/feed.json', '/news-sitemap.xml', '/blocked-feed.xml', '/dying.xml']
      .map((p) => ({ url: `${b}${p}`, title: null, everyMs: null }))
      .concat([{ url: `http://127.0.0.1:${gone}/never.xml`, title: null, everyMs: null }]);
    const client = new HttpClient({ allowPrivate: true, perHostIntervalMs: 0, retries: 1, backoffBaseMs: 5 });
    const logs: string[] = [];
    const w = new Watcher({ store, client, feeds, pipelineVersion: pipelineVersion(), log: (m) => logs.push(m), jitter: false });
    await w.init();

    const first = await w.pollAll();
    const by = (p: string) => first.find((r) => r.url.endsWith(p))!;
    for (const p of ['/rss.xml', '/atom.xml', '/feed.json', '/news-sitemap.xml']) {
      assert.ok(by(p).ok, `${p}: ${by(p).error}`);
      assert.equal(by(p).newItems, 1, p);
      assert.equal(by(p).stored, 1, `${p} stored its article (${logs.join('\n')})`);
    }
    const st = await store.stats();
    assert.equal(st.articles, 4);
    assert.ok(st.events >= 3);
    // the RSS feed's TTL (30 min) sets its schedule
    assert.equal(by('/rss.xml').nextInMs, 30 * 60_000);

    // robots.txt: the disallowed article was never requested; the item is recorded as refused
    assert.equal(s.count('/blocked/story'), 0);
    const state = await FeedState.open(store);
    const blocked = await state.items(`${b}/blocked-feed.xml`);
    assert.equal(blocked[0].status, 'failed');
    assert.match(blocked[0].error ?? '', /robots_disallowed/);
    assert.equal(s.count('/robots.txt'), 1);

    // what was stored carries the page's metadata
    const items = await state.items(`${b}/rss.xml`);
    const art = await store.getArticle(items[0].article_id!);
    assert.equal(art?.title, 'Air strikes kill seven civilians in Idlib province');
    assert.equal(art?.outlet, 'Levant Wire');
    assert.equal(art?.url, `${b}/world/2024/03/12/idlib-air-strikes-civilians`, 'canonical URL (same site)');
    assert.equal(items[0].language, 'en-gb');

    // second round: conditional GETs answered 304; the feed dies
    dyingAlive = false;
    const second = await w.pollAll();
    const by2 = (p: string) => second.find((r) => r.url.endsWith(p))!;
    for (const p of ['/rss.xml', '/atom.xml', '/feed.json']) assert.ok(by2(p).notModified, `${p} answered 304`);
    assert.equal(by2('/news-sitemap.xml').newItems, 0, 'nothing new in the sitemap');
    const rssHits = s.hits.filter((h) => h.path === '/rss.xml');
    assert.equal(rssHits[1].headers['if-none-match'], '"rss-v1"');
    assert.equal(s.hits.filter((h) => h.path === '/atom.xml')[1].headers['if-modified-since'], 'Tue, 12 Mar 2024 12:00:00 GMT');
    assert.equal(s.count('/levant/idlib-strike'), 1, 'articles are not fetched again');
    assert.ok(!by2('/dying.xml').ok);
    assert.match(by2('/dying.xml').error ?? '', /HTTP 503/);

    const health = await state.health();
    const h = (p: string) => health.find((x) => x.url.endsWith(p))!;
    assert.equal(h('/dying.xml').status, 'failing', 'a feed that died shows as failing, not quiet');
    assert.equal(h('/dying.xml').consecutiveFailures, 1);
    assert.ok(h('/dying.xml').lastSuccess, 'it had worked before');
    assert.equal(h('/never.xml').status, 'failing');
    assert.equal(h('/never.xml').consecutiveFailures, 2);
    assert.match(h('/never.xml').lastError ?? '', /ECONNREFUSED/);
    // polls succeed but its newest item is from 2024: quiet (working, nothing new), unlike the dead ones
    assert.equal(h('/rss.xml').status, 'quiet');
    assert.equal(h('/rss.xml').notModified, 1);
    assert.equal(h('/rss.xml').newItemsLastPoll, 0);
    assert.equal(h('/rss.xml').itemsTotal, 1);
    assert.equal(health[0].status, 'failing', 'failing feeds are listed first');
    const table = healthTable(health);
    assert.match(table, /FAILING .*dying\.xml/);
    // the same through the HTTP API
    const api = await createApp({ store, log: () => {} }).request('/api/feeds');
    assert.equal(api.status, 200);
    const body = await api.json() as { items: { url: string; status: string }[] };
    assert.equal(body.items.find((x) => x.url.endsWith('/dying.xml'))?.status, 'failing');
  } finally {
    await cleanup();
    await s.close();
  }
});

test('watch: the loop polls feeds as they fall due and stops on abort', async () => {
  let n = 0;
  const s = await serve((req, res) => {
    if (req.url === '/robots.txt') { res.writeHead(404); res.end(); return; }
    n++;
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(rss(`http://127.0.0.1:${s.port}`, []));
  });
  const { store, cleanup } = await tmpStore();
  try {
    const client = new HttpClient({ allowPrivate: true, perHostIntervalMs: 0 });
    const w = new Watcher({ store, client, feeds: [{ url: `${s.base}/rss.xml`, title: null, everyMs: 100 }], pipelineVersion: pipelineVersion(), minIntervalMs: 50, log: () => {}, jitter: false });
    await w.init();
    const ctl = new AbortController();
    const done = w.run(ctl.signal);
    // bounded wait for three polls
    for (let i = 0; i < 200 && n < 3; i++) await new Promise((r) => setTimeout(r, 25));
    ctl.abort();
    await done;
    assert.ok(n >= 3, `polled ${n} times`);
  } finally {
    await cleanup();
    await s.close();
  }
});
