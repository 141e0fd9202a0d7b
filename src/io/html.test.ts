import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractHtml, wrapHtml } from './html.js';
import { articleFromString, sniffKind } from './article.js';

const P1 = 'Government forces retook the village of Kafr Nabudah on Thursday after two days of fighting with rebel groups, a war monitor said.';
const P2 = 'The Syrian Observatory for Human Rights said at least 17 fighters were killed on both sides, and that air strikes continued into the night.';
const P3 = 'Residents who fled the area said they had nowhere to go.';

const PAGE = `<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Syrian army retakes village in Hama | Levant Wire</title>
<meta property="og:title" content="Syrian army retakes village in Hama">
<meta property="og:site_name" content="Levant Wire">
<meta property="og:url" content="https://levantwire.example/og-url">
<link rel="canonical" href="https://levantwire.example/2019/05/hama-village">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","headline":"x","datePublished":"2019-05-09T21:40:00+03:00"}]}</script>
<style>body { font-family: serif } .ad { display: none }</style>
<script>var analytics = "window.track('pageview')";</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<main><article>
<h1>Syrian army retakes village in Hama</h1>
<p>${P1}</p>
<p>${P2.replace('Syrian Observatory for Human Rights', '<a href="/sohr">Syrian Observatory for Human Rights</a>')}</p>
<script>document.write('<p>injected</p>')</script>
<p>${P3}<br>One woman said: &ldquo;We left with nothing.&rdquo;</p>
</article></main>
<footer><p>© 2019 Levant Wire</p></footer>
</body></html>`;

test('HTML: metadata, paragraphs rebuilt, script and style never text', () => {
  const h = extractHtml(PAGE);
  assert.equal(h.readability, true);
  assert.equal(h.title, 'Syrian army retakes village in Hama');
  assert.equal(h.url, 'https://levantwire.example/2019/05/hama-village');
  assert.equal(h.outlet, 'Levant Wire');
  assert.equal(h.publishedMeta, '2019-05-09', 'JSON-LD @graph datePublished, the date as written');
  const paras = h.text.split('\n\n');
  assert.equal(paras[0], 'Syrian army retakes village in Hama', 'the headline opens the text');
  assert.ok(paras.includes(P1));
  assert.ok(paras.includes(P2), 'inline links stay inline');
  assert.ok(paras.includes(`${P3}\nOne woman said: “We left with nothing.”`), '<br> is a newline, entities decoded');
  for (const bad of ['analytics', 'injected', 'font-family', 'pageview']) assert.ok(!h.text.includes(bad), bad);
});

test('HTML: meta date sources in order (article:published_time, itemprop, <time datetime>)', () => {
  const body = `<body><article><p>${P1}</p><p>${P2}</p></article></body>`;
  const og = extractHtml(`<html><head><meta property="article:published_time" content="2020-10-12T06:00:00Z"></head>${body}</html>`);
  assert.equal(og.publishedMeta, '2020-10-12');
  const ip = extractHtml(`<html><head><meta itemprop="datePublished" content="2018-03-01"></head>${body}</html>`);
  assert.equal(ip.publishedMeta, '2018-03-01');
  const tm = extractHtml(`<html><head></head><body><article><time datetime="2017-07-14T10:00">July 14</time><p>${P1}</p><p>${P2}</p></article></body></html>`);
  assert.equal(tm.publishedMeta, '2017-07-14');
  const none = extractHtml(`<html><head></head>${body}</html>`);
  assert.equal(none.publishedMeta, null);
});

test('broken HTML: unclosed tags, no <body>, a bare fragment', () => {
  const unclosed = `<html><head><title>Clashes in Tripoli</title></head>
<div class="story"><p>${P1}<p>${P2}<p>${P3}`;
  const h = extractHtml(unclosed);
  assert.ok(h.text.includes(P1) && h.text.includes(P2) && h.text.includes(P3));
  assert.ok(!h.text.includes(`${P1} ${P2}`), 'paragraphs stay apart');
  const frag = extractHtml(`<p>${P1}</p><p>${P2}`);
  assert.ok(frag.text.includes(P1) && frag.text.includes(P2));
  assert.match(wrapHtml('<p>x'), /^<!DOCTYPE html><html><head><\/head><body><p>x<\/body><\/html>$/);
  assert.match(wrapHtml('<html><head></head><p>x</p></html>'), /<body><p>x<\/p><\/body><\/html>$/);
});

test('HTML without an article: the page text is used, with warning E007', () => {
  const r = articleFromString('menu.html', '<html><body><ul><li>Home</li><li>Contact</li></ul></body></html>', 'html');
  assert.ok(r.ok);
  assert.deepEqual(r.warnings.map((w) => w.code), ['E007_HTML_NO_ARTICLE']);
  assert.equal(r.article.text, 'Home\n\nContact');
  const empty = articleFromString('blank.html', '<html><head><script>var a=1</script></head><body> </body></html>', 'html');
  assert.ok(!empty.ok && empty.error.code === 'E002_INPUT_EMPTY');
});

test('sniffKind tells HTML, JSON, JSONL and text apart', () => {
  assert.equal(sniffKind(PAGE), 'html');
  assert.equal(sniffKind(`<p>${P1}</p>`), 'html');
  assert.equal(sniffKind('{"id":"a","text":"x"}\n{"id":"b","text":"y"}\n'), 'jsonl');
  assert.equal(sniffKind('{\n  "id": "a",\n  "text": "x"\n}\n'), 'json');
  assert.equal(sniffKind(`${P1}\n\n${P2}`), 'text');
  assert.equal(sniffKind('Troops used x < y logic; see <this>.'), 'text');
});
