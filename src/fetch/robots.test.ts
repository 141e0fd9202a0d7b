import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRobots } from './robots.js';
import { HttpClient } from './client.js';
import { FetchError } from './fetch.js';
import { serve } from '../../test/feeds/helpers.js';

const ROBOTS = `# robots for a news site
User-agent: *
Disallow: /private/
Disallow: /search
Allow: /private/press-releases/
Disallow: /*.pdf$
Crawl-delay: 2

User-agent: GPTBot
Disallow: /

User-agent: sitrep
User-agent: othercrawler
Disallow: /drafts/
Allow: /drafts/published$
`;

test('robots.txt: longest match wins, Allow wins ties, * and $ patterns, our own group first', () => {
  const star = parseRobots(ROBOTS, 'somebot');
  assert.equal(star.allowed('/world/2024/story'), true);
  assert.equal(star.allowed('/private/memo'), false);
  assert.equal(star.allowed('/private/press-releases/1'), true);
  assert.equal(star.allowed('/search?q=idlib'), false);
  assert.equal(star.allowed('/files/report.pdf'), false);
  assert.equal(star.allowed('/files/report.pdf?x=1'), true);
  assert.equal(star.crawlDelay, 2);
  const me = parseRobots(ROBOTS, 'sitrep');
  assert.equal(me.allowed('/private/memo'), true, 'our group replaces the * group');
  assert.equal(me.allowed('/drafts/x'), false);
  assert.equal(me.allowed('/drafts/published'), true);
  assert.equal(parseRobots('User-agent: *\nDisallow:\n', 'sitrep').allowed('/anything'), true);
  assert.equal(parseRobots('', 'sitrep').allowed('/anything'), true);
});

test('the client never requests a path robots.txt disallows, redirect targets included', async () => {
  const s = await serve((req, res) => {
    if (req.url === '/robots.txt') { res.writeHead(200, { 'content-type': 'text/plain' }); res.end('User-agent: *\nDisallow: /members/\n'); return; }
    if (req.url === '/open/redirect') { res.writeHead(302, { location: '/members/secret' }); res.end(); return; }
    res.writeHead(200, { 'content-type': 'text/html' }); res.end('<p>page</p>');
  });
  try {
    const c = new HttpClient({ allowPrivate: true, perHostIntervalMs: 0 });
    await assert.rejects(c.get(`${s.base}/members/secret`), (e: unknown) => e instanceof FetchError && e.code === 'robots_disallowed' && /disallows \/members\/secret/.test(e.message));
    await assert.rejects(c.get(`${s.base}/open/redirect`), (e: unknown) => e instanceof FetchError && e.code === 'robots_disallowed');
    assert.equal((await c.get(`${s.base}/open/page`)).body.toString(), '<p>page</p>');
    assert.equal(s.count('/members/secret'), 0, 'the disallowed page was never requested');
    assert.equal(s.count('/robots.txt'), 1, 'robots.txt is fetched once and kept');
  } finally { await s.close(); }
});

test('robots.txt that errors with 5xx means "disallow for now"; 404 means "all allowed"', async () => {
  const s5 = await serve((req, res) => { res.writeHead(req.url === '/robots.txt' ? 503 : 200); res.end('x'); });
  const s4 = await serve((req, res) => { res.writeHead(req.url === '/robots.txt' ? 404 : 200, { 'content-type': 'text/plain' }); res.end('x'); });
  try {
    const c = new HttpClient({ allowPrivate: true, perHostIntervalMs: 0, retries: 0 });
    await assert.rejects(c.get(`${s5.base}/a`), (e: unknown) => e instanceof FetchError && e.code === 'robots_disallowed');
    assert.equal(s5.count('/a'), 0);
    assert.equal((await c.get(`${s4.base}/a`)).body.toString(), 'x');
  } finally { await s5.close(); await s4.close(); }
});
