/**
 * Helpers for the fetch / feeds / alerts tests: HTTP servers on 127.0.0.1 (port 0) started by the
 * tests themselves, the fixtures in test/feeds/fixtures, and throw-away SQLite stores.
 */
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore, type SqlStore } from '../../src/store/index.js';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');

export interface Hit { readonly method: string; readonly path: string; readonly headers: http.IncomingHttpHeaders; readonly body: string }
export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void | Promise<void>;

export interface Served {
  readonly base: string;
  readonly port: number;
  readonly hits: Hit[];
  /** Requests to a path (query included). */
  count(pathname: string): number;
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 at a free port; every request is recorded in `hits`. */
export async function serve(handler: Handler): Promise<Served> {
  const hits: Hit[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      hits.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body });
      Promise.resolve(handler(req, res, body)).catch((e) => { if (!res.headersSent) res.writeHead(500); res.end(String(e)); });
    });
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as import('node:net').AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`, port, hits,
    count: (p) => hits.filter((h) => h.path === p).length,
    close: () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
  };
}

/** A port nothing listens on (a server opened and closed again). */
export async function deadPort(): Promise<number> {
  const s = await serve(() => {});
  await s.close();
  return s.port;
}

export async function tmpStore(): Promise<{ store: SqlStore; dir: string; dbPath: string; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-feeds-'));
  const dbPath = path.join(dir, 'sitrep.db');
  const store = await openStore(dbPath);
  return { store, dir, dbPath, cleanup: async () => { try { await store.close(); } catch { /* closed */ } rmSync(dir, { recursive: true, force: true }); } };
}

export const rss = (base: string, items: { path: string; title: string; date: string; guid?: string; content?: string }[], extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Levant Wire — World</title>
<link>${base}/</link>
<description>World news from the Levant Wire desk</description>
<language>en-gb</language>
${extra}
${items.map((i) => `<item>
  <title>${i.title.replace(/&/g, '&amp;')}</title>
  <link>${base}${i.path}</link>
  <guid isPermaLink="false">${i.guid ?? `lw-${i.path}`}</guid>
  <pubDate>${new Date(i.date).toUTCString()}</pubDate>
  <description>${i.title.replace(/&/g, '&amp;')}</description>
  ${i.content ? `<content:encoded><![CDATA[${i.content}]]></content:encoded>` : ''}
</item>`).join('\n')}
</channel>
</rss>`;

export const atom = (base: string, items: { path: string; title: string; date: string }[]) => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title type="text">North Syria Observer</title>
  <id>tag:observer.example,2024:feed</id>
  <link rel="self" href="${base}/atom.xml"/>
  <link rel="alternate" type="text/html" href="${base}/"/>
  <updated>2024-03-12T12:00:00Z</updated>
${items.map((i) => `  <entry>
    <title type="html">${i.title.replace(/&/g, '&amp;amp;')}</title>
    <id>tag:observer.example,2024:${i.path}</id>
    <link rel="alternate" type="text/html" href="${i.path}"/>
    <published>${i.date}</published>
    <updated>${i.date}</updated>
    <summary type="text">${i.title}</summary>
  </entry>`).join('\n')}
</feed>`;

export const jsonFeed = (base: string, items: { path: string; title: string; date: string }[]) => JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'East Africa Monitor',
  home_page_url: `${base}/`,
  feed_url: `${base}/feed.json`,
  language: 'en',
  items: items.map((i) => ({ id: `eam-${i.path}`, url: `${base}${i.path}`, title: i.title, date_published: i.date, summary: i.title })),
});

export const newsSitemap = (base: string, items: { path: string; title: string; date: string }[]) => `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
${items.map((i) => `  <url>
    <loc>${base}${i.path}</loc>
    <news:news>
      <news:publication><news:name>Levant Wire</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>${i.date}</news:publication_date>
      <news:title>${i.title}</news:title>
    </news:news>
  </url>`).join('\n')}
</urlset>`;
