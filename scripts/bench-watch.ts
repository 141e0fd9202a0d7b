/**
 * Soak bench for `sitrep watch`: simulated news sites on 127.0.0.1 (several ports = several hosts),
 * each with feeds (RSS, Atom, JSON Feed, news sitemap) that publish a new article every few seconds;
 * `bin/sitrep watch` runs as a child process against them and its resident memory (VmRSS) is sampled
 * over time. Writes a table to docs/performance.md between `<!-- bench:watch -->` markers.
 *
 *   npx tsx scripts/bench-watch.ts                 # 20 minutes, 24 feeds on 4 hosts
 *   npx tsx scripts/bench-watch.ts --minutes 3     # shorter
 *   options: --minutes N --feeds N --hosts N --every 10s --publish 6s --no-write
 */
import http from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../src/util/lexicon.js';
import { openStore } from '../src/store/index.js';
import { FeedState } from '../src/feeds/state.js';
import { writeSection } from './doc-section.js';

const { values: v } = parseArgs({
  options: {
    minutes: { type: 'string', default: '20' }, feeds: { type: 'string', default: '24' }, hosts: { type: 'string', default: '4' },
    every: { type: 'string', default: '10s' }, publish: { type: 'string', default: '6' }, 'no-write': { type: 'boolean' },
  },
});
const MINUTES = Number(v.minutes);
const N_FEEDS = Number(v.feeds);
const N_HOSTS = Number(v.hosts);
const PUBLISH_S = Number(v.publish); // one new article per feed every PUBLISH_S × (1..2) seconds
if (!(MINUTES > 0) || !(N_FEEDS > 0) || !(N_HOSTS > 0)) throw new Error('--minutes, --feeds and --hosts take positive numbers');

// ------------------------------------------------------------------ simulated articles (written for this bench)
const PLACES = [
  ['Ariha', 'Idlib province', 'Syria'], ['Atarib', 'Aleppo province', 'Syria'], ['Kismayo', 'Lower Juba', 'Somalia'],
  ['Maiduguri', 'Borno state', 'Nigeria'], ['Goma', 'North Kivu', 'the Democratic Republic of the Congo'], ['Kherson', 'Kherson region', 'Ukraine'],
  ['Sittwe', 'Rakhine state', 'Myanmar'], ['Gao', 'the Gao region', 'Mali'], ['Khan Younis', 'the southern Gaza Strip', 'Gaza'], ['Marib', 'Marib governorate', 'Yemen'],
];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
function article(feed: number, k: number, date: Date): { title: string; html: string } {
  const [town, region, country] = PLACES[(feed * 7 + k * 3) % PLACES.length];
  const n = 2 + ((feed * 13 + k * 5) % 17);
  const day = DAYS[(k + feed) % 7];
  const kind = (feed + k) % 4;
  const title = [
    `Air strike kills ${n} in ${town}`, `Clashes near ${town} leave ${n} dead`,
    `Police disperse protesters in ${town}`, `Roadside bomb kills ${n} soldiers near ${town}`,
  ][kind];
  const paras = [
    [`An air strike hit a market in ${town} in ${region}, ${country}, on ${day}, killing ${n} civilians and wounding many others, local officials said.`,
      `Rescue workers said they were still searching the rubble of several buildings. Residents said the aircraft struck twice.`],
    [`Fighting between government troops and armed insurgents near ${town} in ${region} killed ${n} people on ${day}, a military spokesman said.`,
      `The army said it had repelled an attack on a checkpoint outside the town. The insurgents did not comment.`],
    [`Police fired tear gas at hundreds of protesters in ${town}, ${country}, on ${day} as they marched against rising food prices, witnesses said.`,
      `Organisers said at least ${n} people were detained. The regional governor appealed for calm.`],
    [`A roadside bomb struck a military convoy near ${town} in ${region} on ${day}, killing ${n} soldiers, security sources said.`,
      `No group immediately claimed responsibility for the blast, which also destroyed two vehicles.`],
  ][kind];
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title} | Bench Wire ${feed}</title>
<meta property="og:site_name" content="Bench Wire ${feed}"><meta property="article:published_time" content="${date.toISOString()}">
<script>window.tracking = true;</script></head><body><nav><a href="/">Home</a></nav><article><h1>${title}</h1>
${paras.map((p) => `<p>${p}</p>`).join('\n')}
<p>The incident in ${town} was the latest in a series of attacks reported in ${region} this month, according to a local monitoring group.</p>
</article><footer>© Bench Wire</footer></body></html>`;
  return { title, html };
}

// ------------------------------------------------------------------ the simulated sites
const t0 = Date.now();
const periodOf = (feed: number) => PUBLISH_S * 1000 * (1 + (feed % 5) / 4);
const countAt = (feed: number, now: number) => 3 + Math.floor((now - t0) / periodOf(feed));
const kinds = ['rss', 'atom', 'json', 'sitemap'] as const;
const stats = { requests: 0, notModified: 0, articles: 0 };

function feedBody(base: string, feed: number, count: number): { type: string; body: string } {
  const items = [];
  for (let k = Math.max(0, count - 20); k < count; k++) {
    const d = new Date(t0 + (k - 3) * periodOf(feed));
    items.push({ k, url: `${base}/f${feed}/a/${k}`, title: article(feed, k, d).title, date: d.toISOString() });
  }
  items.reverse();
  const kind = kinds[feed % kinds.length];
  if (kind === 'json') {
    return { type: 'application/feed+json', body: JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: `Bench ${feed}`, items: items.map((i) => ({ id: i.url, url: i.url, title: i.title, date_published: i.date })) }) };
  }
  if (kind === 'atom') {
    return { type: 'application/atom+xml', body: `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Bench ${feed}</title><id>b${feed}</id>${items.map((i) =>
      `<entry><id>${i.url}</id><title>${i.title}</title><link href="${i.url}"/><published>${i.date}</published><updated>${i.date}</updated></entry>`).join('')}</feed>` };
  }
  if (kind === 'sitemap') {
    return { type: 'application/xml', body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${items.map((i) =>
      `<url><loc>${i.url}</loc><news:news><news:publication><news:name>Bench</news:name><news:language>en</news:language></news:publication><news:publication_date>${i.date}</news:publication_date><news:title>${i.title}</news:title></news:news></url>`).join('')}</urlset>` };
  }
  return { type: 'application/rss+xml', body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Bench ${feed}</title><link>${base}/</link>${items.map((i) =>
    `<item><title>${i.title}</title><link>${i.url}</link><guid>${i.url}</guid><pubDate>${new Date(i.date).toUTCString()}</pubDate></item>`).join('')}</channel></rss>` };
}

async function startHost(): Promise<{ server: http.Server; base: string }> {
  const server = http.createServer((req, res) => {
    stats.requests++;
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const u = req.url ?? '/';
    if (u === '/robots.txt') { res.writeHead(200, { 'content-type': 'text/plain' }); res.end('User-agent: *\nDisallow: /private/\n'); return; }
    let m = /^\/f(\d+)\/feed$/.exec(u);
    if (m) {
      const feed = Number(m[1]);
      const count = countAt(feed, Date.now());
      const etag = `"f${feed}-${count}"`;
      if (req.headers['if-none-match'] === etag) { stats.notModified++; res.writeHead(304, { etag }); res.end(); return; }
      const f = feedBody(base, feed, count);
      res.writeHead(200, { 'content-type': f.type, etag });
      res.end(f.body);
      return;
    }
    m = /^\/f(\d+)\/a\/(\d+)$/.exec(u);
    if (m) {
      const feed = Number(m[1]), k = Number(m[2]);
      stats.articles++;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(article(feed, k, new Date(t0 + (k - 3) * periodOf(feed))).html);
      return;
    }
    res.writeHead(404); res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

function rssKb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch { return null; }
}

async function main() {
  const hosts = await Promise.all(Array.from({ length: N_HOSTS }, startHost));
  const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-bench-watch-'));
  const db = path.join(dir, 'watch.db');
  const list = path.join(dir, 'feeds.txt');
  writeFileSync(list, Array.from({ length: N_FEEDS }, (_, f) => `${hosts[f % N_HOSTS].base}/f${f}/feed every=${v.every}`).join('\n') + '\n');
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/sitrep'), 'watch', list, '--db', db, '--allow-private', '--min-interval', '2s',
    '--per-host-interval', '100ms', '--concurrency', '4', '--quiet'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-20_000); });
  const samples: { s: number; kb: number }[] = [];
  const endAt = Date.now() + MINUTES * 60_000;
  const every = Math.max(5, Math.min(30, MINUTES * 60 / 40)) * 1000;
  process.stderr.write(`bench-watch: ${N_FEEDS} feeds on ${N_HOSTS} hosts for ${MINUTES} min (pid ${child.pid})\n`);
  while (Date.now() < endAt && child.exitCode === null) {
    await new Promise((r) => setTimeout(r, Math.min(every, endAt - Date.now())));
    const kb = rssKb(child.pid!);
    if (kb !== null) samples.push({ s: Math.round((Date.now() - t0) / 1000), kb });
    process.stderr.write(`  t=${samples.at(-1)?.s}s RSS ${kb ? (kb / 1024).toFixed(0) : '?'} MB, ${stats.requests} requests, ${stats.articles} article fetches, ${stats.notModified} 304s\n`);
  }
  const crashed = child.exitCode !== null;
  child.kill('SIGTERM');
  await new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));
  for (const h of hosts) h.server.close();

  const store = await openStore(db);
  const st = await store.stats();
  const health = await (await FeedState.open(store)).health();
  await store.close();
  rmSync(dir, { recursive: true, force: true });

  const mb = (kb: number) => kb / 1024;
  const warm = samples.filter((x) => x.s >= Math.min(60, (MINUTES * 60) / 3));
  const firstThird = warm.slice(0, Math.max(1, Math.floor(warm.length / 3)));
  const lastThird = warm.slice(-Math.max(1, Math.floor(warm.length / 3)));
  const avg = (xs: { kb: number }[]) => xs.reduce((s, x) => s + x.kb, 0) / Math.max(1, xs.length);
  const peak = Math.max(...samples.map((x) => x.kb));
  const growth = mb(avg(lastThird) - avg(firstThird));
  const mins = (Date.now() - t0) / 60_000;
  const summary = {
    minutes: Math.round(mins * 10) / 10, feeds: N_FEEDS, hosts: N_HOSTS, requests: stats.requests, notModified: stats.notModified,
    articleFetches: stats.articles, stored: st.articles, events: st.events,
    failing: health.filter((h) => h.status === 'failing').length,
    rssStartMb: Math.round(mb(avg(firstThird))), rssEndMb: Math.round(mb(avg(lastThird))), rssPeakMb: Math.round(mb(peak)), growthMb: Math.round(growth * 10) / 10,
    crashed,
  };
  process.stderr.write(JSON.stringify(summary) + '\n');
  if (crashed) process.stderr.write(`the watcher exited early:\n${stderr}\n`);

  const step = Math.max(1, Math.floor(samples.length / 12));
  const rows = samples.filter((_, i) => i % step === 0 || i === samples.length - 1);
  const block = `<!-- bench:watch -->
## Watching feeds: memory over time (\`scripts/bench-watch.ts\`)

\`npx tsx scripts/bench-watch.ts --minutes ${MINUTES}\` on ${new Date().toISOString().slice(0, 10)} (Node ${process.version}): \`sitrep watch\` as a
child process polling ${N_FEEDS} simulated feeds (RSS, Atom, JSON Feed, news sitemap) on ${N_HOSTS} loopback hosts, each
feed polled every ${v.every} and publishing a new article every ${PUBLISH_S}–${PUBLISH_S * 2} s; every new article is fetched,
extracted and stored in SQLite. Resident memory (VmRSS) of the watcher, sampled every ${Math.round(every / 1000)} s:

| time (s) | RSS (MB) |
|---:|---:|
${rows.map((r) => `| ${r.s} | ${mb(r.kb).toFixed(0)} |`).join('\n')}

Over ${summary.minutes} min: ${summary.requests} requests served (${summary.notModified} answered 304 Not Modified,
${summary.articleFetches} article pages), ${summary.stored} articles stored, ${summary.events} events, ${summary.failing} failing feeds.
RSS after warm-up: ${summary.rssStartMb} MB in the first third, ${summary.rssEndMb} MB in the last third (change ${summary.growthMb >= 0 ? '+' : ''}${summary.growthMb} MB),
peak ${summary.rssPeakMb} MB.${crashed ? ' **The watcher exited early.**' : ''}
<!-- bench:watch -->`;
  if (!v['no-write']) {
    writeSection(path.join(ROOT, 'docs/performance.md'), 'bench:watch', block);
    process.stderr.write(`wrote docs/performance.md (bench:watch)\n`);
  }
  process.exit(crashed ? 1 : 0);
}

main().catch((e) => { process.stderr.write(`${(e as Error).stack}\n`); process.exit(1); });
