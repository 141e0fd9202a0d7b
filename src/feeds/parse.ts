/**
 * Feed documents → items: RSS 2.0 (and RSS 1.0/RDF), Atom 1.0, JSON Feed 1.x, XML sitemaps with the
 * Google News extension (and sitemap indexes). XML is parsed by linkedom's XML parser, which expands
 * no DOCTYPE entities (no billion laughs, no external entities) and runs nothing.
 */
import { DOMParser } from 'linkedom';

export type FeedKind = 'rss' | 'rdf' | 'atom' | 'json' | 'sitemap' | 'sitemap-index';

export interface FeedItem {
  /** Stable identity within the feed: guid / id / URL. */
  readonly key: string;
  readonly url: string | null;
  readonly title: string | null;
  /** ISO 8601 instant, when the item gives a parseable date. */
  readonly published: string | null;
  readonly summary: string | null;
  /** Full content as HTML, when the feed carries it (content:encoded, Atom content, content_html). */
  readonly contentHtml: string | null;
  readonly language: string | null;
}

export interface ParsedFeed {
  readonly kind: FeedKind;
  readonly title: string | null;
  readonly link: string | null;
  readonly language: string | null;
  /** What the feed asks for between polls (RSS <ttl>, sy:updatePeriod/Frequency), in minutes. */
  readonly ttlMinutes: number | null;
  readonly items: readonly FeedItem[];
  /** Child sitemaps of a sitemap index. */
  readonly sitemaps: readonly string[];
}

export class FeedParseError extends Error {
  constructor(message: string) { super(message); this.name = 'FeedParseError'; }
}

// ---------------------------------------------------------------- tiny XML helpers (prefix-agnostic)

interface XNode {
  nodeType: number;
  localName?: string;
  tagName?: string;
  textContent: string | null;
  childNodes: ArrayLike<XNode>;
  getAttribute?(n: string): string | null;
}

/** Local name without prefix, lower-case ("content:encoded" → "encoded"), and the prefix. */
function nameOf(n: XNode): { local: string; prefix: string } {
  const full = (n.tagName ?? n.localName ?? '').toLowerCase();
  const i = full.indexOf(':');
  return i >= 0 ? { local: full.slice(i + 1), prefix: full.slice(0, i) } : { local: full, prefix: '' };
}
function kids(n: XNode): XNode[] {
  const out: XNode[] = [];
  for (let i = 0; i < n.childNodes.length; i++) if (n.childNodes[i].nodeType === 1) out.push(n.childNodes[i]);
  return out;
}
function child(n: XNode, local: string, prefix?: string): XNode | null {
  for (const k of kids(n)) {
    const nm = nameOf(k);
    if (nm.local === local && (prefix === undefined || nm.prefix === prefix)) return k;
  }
  return null;
}
const childrenNamed = (n: XNode, local: string) => kids(n).filter((k) => nameOf(k).local === local);
const text = (n: XNode | null): string | null => {
  const t = n?.textContent?.trim();
  return t ? t : null;
};
const attr = (n: XNode | null, a: string): string | null => {
  const v = n?.getAttribute?.(a)?.trim();
  return v ? v : null;
};

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
/** Titles and summaries sometimes carry markup or escaped entities: plain text out. */
export function plain(s: string | null): string | null {
  if (!s) return null;
  const t = s.replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return cp > 0 && cp < 0x110000 ? String.fromCodePoint(cp) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/\s+/g, ' ').trim();
  return t || null;
}

function absUrl(u: string | null, base: string | null): string | null {
  if (!u) return null;
  try {
    const r = new URL(u, base ?? undefined);
    return r.protocol === 'http:' || r.protocol === 'https:' ? r.href : null;
  } catch { return null; }
}

/** A date in any feed spelling (RFC 822, ISO 8601, W3C-DTF) → ISO instant, or null. */
export function feedDate(s: string | null | undefined): string | null {
  if (!s) return null;
  let t = s.trim();
  // RFC 822 zones Date.parse does not know
  t = t.replace(/\b(UT|Z)$/, 'GMT');
  const ms = Date.parse(t);
  if (Number.isNaN(ms)) return null;
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  return y > 1900 && y < 2200 ? d.toISOString() : null;
}

function minutesOfPeriod(period: string | null, freq: string | null): number | null {
  if (!period) return null;
  const per: Record<string, number> = { hourly: 60, daily: 1440, weekly: 10080, monthly: 43200, yearly: 525600 };
  const m = per[period.trim().toLowerCase()];
  if (!m) return null;
  const f = Number(freq ?? '1');
  return f > 0 ? m / f : m;
}

// ---------------------------------------------------------------- formats

function rssItems(itemsOf: XNode[], base: string | null, lang: string | null): FeedItem[] {
  return itemsOf.map((it) => {
    const link = absUrl(text(child(it, 'link')), base) ?? absUrl(attr(it, 'rdf:about'), base);
    const guidEl = child(it, 'guid');
    const guid = text(guidEl);
    const permalink = guidEl && attr(guidEl, 'isPermaLink') !== 'false' ? absUrl(guid, base) : null;
    const url = link ?? permalink;
    const title = plain(text(child(it, 'title')));
    const content = text(child(it, 'encoded', 'content'));
    const description = text(child(it, 'description'));
    const published = feedDate(text(child(it, 'pubdate')) ?? text(child(it, 'date', 'dc')) ?? text(child(it, 'date')));
    return {
      key: guid ?? url ?? `${title ?? ''}|${published ?? ''}`,
      url, title, published,
      summary: plain(description),
      contentHtml: content ?? (description && /<\w/.test(description) ? description : null),
      language: text(child(it, 'language', 'dc')) ?? lang,
    };
  }).filter((i) => i.key !== '|');
}

function parseRss(root: XNode, base: string | null): ParsedFeed {
  const ch = child(root, 'channel');
  if (!ch) throw new FeedParseError('an RSS document without a <channel>');
  const link = absUrl(text(child(ch, 'link')), base);
  const lang = text(child(ch, 'language'));
  const ttl = Number(text(child(ch, 'ttl')));
  return {
    kind: 'rss', title: plain(text(child(ch, 'title'))), link, language: lang,
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : minutesOfPeriod(text(child(ch, 'updateperiod', 'sy')), text(child(ch, 'updatefrequency', 'sy'))),
    items: rssItems(childrenNamed(ch, 'item'), base, lang),
    sitemaps: [],
  };
}

function parseRdf(root: XNode, base: string | null): ParsedFeed {
  const ch = child(root, 'channel');
  const lang = ch ? text(child(ch, 'language', 'dc')) : null;
  return {
    kind: 'rdf', title: ch ? plain(text(child(ch, 'title'))) : null, link: ch ? absUrl(text(child(ch, 'link')), base) : null, language: lang,
    ttlMinutes: ch ? minutesOfPeriod(text(child(ch, 'updateperiod', 'sy')), text(child(ch, 'updatefrequency', 'sy'))) : null,
    items: rssItems(childrenNamed(root, 'item'), base, lang),
    sitemaps: [],
  };
}

function atomLink(n: XNode, base: string | null): string | null {
  const links = childrenNamed(n, 'link');
  const alt = links.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate' && (!attr(l, 'type') || /html/.test(attr(l, 'type')!))) ??
    links.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate');
  return absUrl(attr(alt ?? null, 'href'), attr(n, 'xml:base') ?? base);
}

/** Atom text constructs: type="html" is escaped HTML, "xhtml" a div of markup, "text" plain. */
function atomText(n: XNode | null): { html: string | null; plain: string | null } {
  if (!n) return { html: null, plain: null };
  const type = (attr(n, 'type') ?? 'text').toLowerCase();
  if (type === 'xhtml') {
    const inner = (n as unknown as { innerHTML?: string }).innerHTML ?? n.textContent ?? '';
    return { html: inner.trim() || null, plain: plain(inner) };
  }
  const t = text(n);
  if (type === 'html' || type === 'text/html') return { html: t, plain: plain(t) };
  return { html: null, plain: t ? t.replace(/\s+/g, ' ') : null };
}

function parseAtom(root: XNode, base: string | null): ParsedFeed {
  const lang = attr(root, 'xml:lang');
  const items: FeedItem[] = childrenNamed(root, 'entry').map((e) => {
    const url = atomLink(e, base);
    const content = atomText(child(e, 'content'));
    const summary = atomText(child(e, 'summary'));
    const id = text(child(e, 'id'));
    const published = feedDate(text(child(e, 'published')) ?? text(child(e, 'updated')));
    return {
      key: id ?? url ?? `${text(child(e, 'title')) ?? ''}|${published ?? ''}`,
      url, title: atomText(child(e, 'title')).plain, published,
      summary: summary.plain, contentHtml: content.html ?? (content.plain ? `<p>${content.plain.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;'))}</p>` : null),
      language: attr(e, 'xml:lang') ?? lang,
    };
  });
  return { kind: 'atom', title: atomText(child(root, 'title')).plain, link: atomLink(root, base), language: lang, ttlMinutes: null, items, sitemaps: [] };
}

function parseSitemap(root: XNode, base: string | null): ParsedFeed {
  const items: FeedItem[] = [];
  for (const u of childrenNamed(root, 'url')) {
    const url = absUrl(text(child(u, 'loc')), base);
    if (!url) continue;
    const news = child(u, 'news');
    const pub = news ? child(news, 'publication') : null;
    items.push({
      key: url, url,
      title: news ? plain(text(child(news, 'title'))) : null,
      published: feedDate((news ? text(child(news, 'publication_date')) : null) ?? text(child(u, 'lastmod'))),
      summary: null, contentHtml: null,
      language: pub ? text(child(pub, 'language')) : null,
    });
  }
  return { kind: 'sitemap', title: null, link: null, language: null, ttlMinutes: null, items, sitemaps: [] };
}

function parseSitemapIndex(root: XNode, base: string | null): ParsedFeed {
  const sitemaps = childrenNamed(root, 'sitemap')
    .map((s) => ({ loc: absUrl(text(child(s, 'loc')), base), lastmod: feedDate(text(child(s, 'lastmod'))) }))
    .filter((s): s is { loc: string; lastmod: string | null } => !!s.loc)
    .sort((a, b) => (b.lastmod ?? '').localeCompare(a.lastmod ?? '')) // newest first
    .map((s) => s.loc);
  return { kind: 'sitemap-index', title: null, link: null, language: null, ttlMinutes: null, items: [], sitemaps };
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

function parseJsonFeed(data: unknown, base: string | null): ParsedFeed {
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new FeedParseError('a JSON document that is not a JSON Feed object');
  const o = data as Record<string, unknown>;
  if (!String(o.version ?? '').startsWith('https://jsonfeed.org/version/')) throw new FeedParseError('a JSON document without a JSON Feed "version"');
  if (!Array.isArray(o.items)) throw new FeedParseError('a JSON Feed without "items"');
  const lang = str(o.language);
  const items: FeedItem[] = [];
  for (const raw of o.items) {
    if (!raw || typeof raw !== 'object') continue;
    const it = raw as Record<string, unknown>;
    const url = absUrl(str(it.url), base) ?? absUrl(str(it.external_url), base);
    const id = str(it.id) ?? (typeof it.id === 'number' ? String(it.id) : null);
    const contentText = str(it.content_text);
    const published = feedDate(str(it.date_published) ?? str(it.date_modified));
    const key = id ?? url;
    if (!key) continue;
    items.push({
      key, url, title: plain(str(it.title)), published,
      summary: plain(str(it.summary)),
      contentHtml: str(it.content_html) ?? (contentText ? contentText.split(/\n{2,}/).map((p) => `<p>${p.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;'))}</p>`).join('') : null),
      language: str(it.language) ?? lang,
    });
  }
  return { kind: 'json', title: plain(str(o.title)), link: absUrl(str(o.home_page_url), base), language: lang, ttlMinutes: null, items, sitemaps: [] };
}

/** Parses a feed document of any supported kind; `url` resolves relative links. */
export function parseFeed(body: string, url: string | null = null): ParsedFeed {
  const t = body.replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('{')) {
    let data: unknown;
    try { data = JSON.parse(t); } catch (e) { throw new FeedParseError(`not valid JSON (${(e as Error).message})`); }
    return parseJsonFeed(data, url);
  }
  if (!t.startsWith('<')) throw new FeedParseError('neither XML nor JSON: not a feed');
  let root: XNode | null;
  try {
    const doc = new DOMParser().parseFromString(t, 'text/xml') as unknown as { documentElement: XNode | null };
    root = doc.documentElement;
  } catch (e) {
    throw new FeedParseError(`XML that does not parse (${(e as Error).message})`);
  }
  if (!root) throw new FeedParseError('an empty XML document');
  const { local } = nameOf(root);
  switch (local) {
    case 'rss': return parseRss(root, url);
    case 'rdf': return parseRdf(root, url);
    case 'feed': return parseAtom(root, url);
    case 'urlset': return parseSitemap(root, url);
    case 'sitemapindex': return parseSitemapIndex(root, url);
    case 'html': throw new FeedParseError('an HTML page, not a feed');
    default: throw new FeedParseError(`an XML document with root <${local}>, not RSS, Atom or a sitemap`);
  }
}

/** Media types feeds are served with (servers vary; the parser decides in the end). */
export const FEED_TYPES = [
  'application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'application/xml', 'text/xml',
  'application/feed+json', 'application/json', 'text/plain', 'application/x-rss+xml', 'application/octet-stream',
] as const;
