import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeed, FeedParseError, feedDate } from './parse.js';
import { parseFeedList, parseDuration } from './list.js';
import { nextIntervalMs, observedPerDay } from './watch.js';
import { articleFromPage, pageLanguage, trustedCanonical } from './page.js';
import { rss, atom, jsonFeed, newsSitemap, fixture } from '../../test/feeds/helpers.js';

const B = 'https://news.example.org';
const ITEMS = [
  { path: '/world/idlib-strike', title: 'Air strikes kill seven civilians in Idlib & Ariha', date: '2024-03-12T09:40:00Z' },
  { path: '/world/atarib', title: 'Air strike on Atarib kills four', date: '2024-04-02T08:00:00Z' },
];

test('RSS 2.0: items with guid, link, date, content:encoded; channel TTL and language', () => {
  const f = parseFeed(rss(B, [{ ...ITEMS[0], content: '<p>Full text</p>' }, ITEMS[1]], '<ttl>45</ttl>'), `${B}/rss.xml`);
  assert.equal(f.kind, 'rss');
  assert.equal(f.title, 'Levant Wire — World');
  assert.equal(f.ttlMinutes, 45);
  assert.equal(f.language, 'en-gb');
  assert.equal(f.items.length, 2);
  assert.equal(f.items[0].url, `${B}/world/idlib-strike`);
  assert.equal(f.items[0].title, 'Air strikes kill seven civilians in Idlib & Ariha');
  assert.equal(f.items[0].key, 'lw-/world/idlib-strike');
  assert.equal(f.items[0].published, '2024-03-12T09:40:00.000Z');
  assert.equal(f.items[0].contentHtml, '<p>Full text</p>');
});

test('Atom: alternate links resolved against the feed, html titles unescaped, ids as keys', () => {
  const f = parseFeed(atom(B, ITEMS), `${B}/atom.xml`);
  assert.equal(f.kind, 'atom');
  assert.equal(f.title, 'North Syria Observer');
  assert.equal(f.language, 'en');
  assert.equal(f.items[0].url, `${B}/world/idlib-strike`);
  assert.equal(f.items[0].title, 'Air strikes kill seven civilians in Idlib & Ariha');
  assert.equal(f.items[1].key, 'tag:observer.example,2024:/world/atarib');
  assert.equal(f.items[1].published, '2024-04-02T08:00:00.000Z');
});

test('JSON Feed 1.1', () => {
  const f = parseFeed(jsonFeed(B, ITEMS), `${B}/feed.json`);
  assert.equal(f.kind, 'json');
  assert.equal(f.items.length, 2);
  assert.equal(f.items[1].url, `${B}/world/atarib`);
  assert.equal(f.items[1].key, 'eam-/world/atarib');
  assert.throws(() => parseFeed('{"items": []}'), FeedParseError);
});

test('news sitemap and sitemap index', () => {
  const f = parseFeed(newsSitemap(B, ITEMS), `${B}/news-sitemap.xml`);
  assert.equal(f.kind, 'sitemap');
  assert.equal(f.items[0].url, `${B}/world/idlib-strike`);
  assert.equal(f.items[0].title, 'Air strikes kill seven civilians in Idlib & Ariha');
  assert.equal(f.items[0].language, 'en');
  const idx = parseFeed(`<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>${B}/sitemap-old.xml</loc><lastmod>2024-01-01</lastmod></sitemap>
    <sitemap><loc>${B}/sitemap-news.xml</loc><lastmod>2024-04-02</lastmod></sitemap></sitemapindex>`, B);
  assert.equal(idx.kind, 'sitemap-index');
  assert.deepEqual(idx.sitemaps, [`${B}/sitemap-news.xml`, `${B}/sitemap-old.xml`]);
});

test('RSS 1.0 (RDF) items are read too', () => {
  const f = parseFeed(`<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="${B}/"><title>Old feed</title><link>${B}/</link></channel>
  <item rdf:about="${B}/a"><title>A</title><link>${B}/a</link><dc:date>2024-03-01T10:00:00Z</dc:date></item></rdf:RDF>`);
  assert.equal(f.kind, 'rdf');
  assert.equal(f.items[0].url, `${B}/a`);
  assert.equal(f.items[0].published, '2024-03-01T10:00:00.000Z');
});

test('hostile XML: DOCTYPE entities are not expanded, HTML and junk are refused', () => {
  const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
    <!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&lol2;&xxe;</title><item><title>x</title><link>${B}/x</link></item></channel></rss>`;
  const f = parseFeed(lol);
  assert.ok(!(f.title ?? '').includes('lollol'), 'no entity expansion');
  assert.ok(!(f.title ?? '').includes('root:'), 'no external entity');
  assert.throws(() => parseFeed('<!DOCTYPE html><html><body>hi</body></html>'), /HTML page, not a feed/);
  assert.throws(() => parseFeed('just text'), /not a feed/);
});

test('feed dates in RFC 822 and ISO spellings', () => {
  assert.equal(feedDate('Tue, 12 Mar 2024 09:40:00 GMT'), '2024-03-12T09:40:00.000Z');
  assert.equal(feedDate('Tue, 12 Mar 2024 12:40:00 +0300'), '2024-03-12T09:40:00.000Z');
  assert.equal(feedDate('2024-03-12T09:40:00Z'), '2024-03-12T09:40:00.000Z');
  assert.equal(feedDate('yesterday'), null);
});

test('feed lists: text with options and comments, OPML', () => {
  const t = parseFeedList(`# my feeds\nhttps://a.example/rss.xml every=10m title=Levant_Wire\n\nhttps://b.example/feed.json  # JSON\nhttps://a.example/rss.xml\n`);
  assert.deepEqual(t, [{ url: 'https://a.example/rss.xml', title: 'Levant Wire', everyMs: 600_000 }, { url: 'https://b.example/feed.json', title: null, everyMs: null }]);
  const o = parseFeedList(`<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
    <outline text="Syria"><outline type="rss" text="Levant Wire" xmlUrl="https://a.example/rss.xml" sitrepEvery="5m"/></outline>
    <outline type="rss" title="Observer" xmlUrl="https://c.example/atom.xml"/></body></opml>`);
  assert.deepEqual(o.map((f) => [f.url, f.title, f.everyMs]), [['https://a.example/rss.xml', 'Levant Wire', 300_000], ['https://c.example/atom.xml', 'Observer', null]]);
  assert.throws(() => parseFeedList('ftp://x.example/feed'), /only http and https/);
  assert.throws(() => parseFeedList('https://x.example/feed often'), /unknown option/);
  assert.equal(parseDuration('1h'), 3_600_000);
  assert.equal(parseDuration('soon'), null);
});

test('schedule: TTL, observed frequency and config, clamped; backoff after failures', () => {
  const base = { everyMs: null, ttlMinutes: null, perDay: null, failures: 0, minMs: 60_000, maxMs: 6 * 3_600_000, defaultMs: 900_000 };
  assert.equal(nextIntervalMs(base), 900_000);
  assert.equal(nextIntervalMs({ ...base, perDay: 48 }), 900_000, '48 a day → every 15 min');
  assert.equal(nextIntervalMs({ ...base, perDay: 2000 }), 60_000, 'clamped to the minimum');
  assert.equal(nextIntervalMs({ ...base, perDay: 48, ttlMinutes: 60 }), 3_600_000, 'TTL is a floor');
  assert.equal(nextIntervalMs({ ...base, everyMs: 120_000, ttlMinutes: 60 }), 120_000, 'config wins');
  assert.equal(nextIntervalMs({ ...base, failures: 3 }), 7_200_000, 'doubles per failure');
  assert.equal(nextIntervalMs({ ...base, failures: 30 }), 6 * 3_600_000, 'up to the maximum');
  const now = Date.parse('2024-03-12T12:00:00Z');
  const items = [0, 1, 2, 3, 4].map((h) => ({ key: String(h), url: null, title: null, summary: null, contentHtml: null, language: null, published: new Date(now - h * 3_600_000).toISOString() }));
  assert.equal(observedPerDay(items, now), 24);
});

test('pages: language, canonical URL on the same site only, dates, and no script ever runs', () => {
  const g = globalThis as { __sitrepPwned?: string };
  delete g.__sitrepPwned;
  const r = articleFromPage('https://www.levantwire.example/world/2024/03/12/idlib-air-strikes-civilians?utm_source=rss', fixture('idlib-strike.html'), 'html');
  assert.ok(r.ok);
  const a = r.value.article;
  assert.equal(a.url, 'https://www.levantwire.example/world/2024/03/12/idlib-air-strikes-civilians');
  assert.equal(a.title, 'Air strikes kill seven civilians in Idlib province');
  assert.equal(a.outlet, 'Levant Wire');
  assert.equal(a.publishedMeta, '2024-03-12');
  assert.equal(r.value.language, 'en-gb');
  assert.match(a.text, /killing seven civilians/);
  assert.doesNotMatch(a.text, /globalThis|Privacy/);
  assert.equal(g.__sitrepPwned, undefined, 'no inline script, onload or onerror handler ran');
  // JSON-LD date
  const n = articleFromPage('https://eam.example/kenya/protest', fixture('nairobi-protest.html'), 'html');
  assert.ok(n.ok);
  assert.equal(n.value.article.publishedMeta, '2024-06-25');
  assert.equal(n.value.language, 'en');
  assert.equal(trustedCanonical('https://other-site.example/story', 'https://news.example.org/a'), null);
  assert.equal(trustedCanonical('https://amp.news.example.org/a', 'https://www.news.example.org/a'), 'https://amp.news.example.org/a');
  assert.equal(trustedCanonical('javascript:alert(1)', 'https://news.example.org/a'), null);
  assert.equal(pageLanguage('<html><head><meta http-equiv="Content-Language" content="ar"></head></html>'), 'ar');
  assert.equal(pageLanguage('<html xml:lang="fr-FR">'), 'fr-fr');
});
