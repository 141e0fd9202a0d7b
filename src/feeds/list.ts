/**
 * The feed list `sitrep watch` reads: a text file (one URL a line, `#` comments, optional
 * `every=10m` / `title=…` after the URL) or an OPML file (every outline with an xmlUrl; an optional
 * `sitrepEvery="10m"` attribute).
 */
import { readFileSync } from 'node:fs';
import { DOMParser } from 'linkedom';

export interface FeedSpec {
  readonly url: string;
  readonly title: string | null;
  /** A fixed polling interval for this feed (ms), overriding TTL and observed frequency. */
  readonly everyMs: number | null;
}

/** "90s", "10m", "1h", "1d", "500ms", or a bare number of seconds → ms; null when unreadable. */
export function parseDuration(s: string | undefined | null): number | null {
  if (!s) return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/i.exec(s);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = (m[2] ?? 's').toLowerCase();
  return Math.round(n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit as 'ms']);
}

function checkUrl(u: string, where: string): string {
  let url: URL;
  try { url = new URL(u); } catch { throw new Error(`${where}: "${u.slice(0, 200)}" is not a URL`); }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${where}: only http and https feeds, not ${url.protocol}`);
  return url.href;
}

export function parseFeedList(content: string, name = 'feeds'): FeedSpec[] {
  const t = content.replace(/^\uFEFF/, '').trimStart();
  const out = t.startsWith('<') ? parseOpml(t, name) : parseText(t, name);
  const seen = new Set<string>();
  return out.filter((f) => (seen.has(f.url) ? false : (seen.add(f.url), true)));
}

function parseText(content: string, name: string): FeedSpec[] {
  const out: FeedSpec[] = [];
  content.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const [u, ...rest] = line.split(/\s+/);
    let everyMs: number | null = null;
    let title: string | null = null;
    for (const tok of rest) {
      const m = /^(every|title)=(.*)$/.exec(tok);
      if (!m) throw new Error(`${name}:${i + 1}: unknown option "${tok}" (every=10m, title=Name)`);
      if (m[1] === 'every') {
        everyMs = parseDuration(m[2]);
        if (everyMs === null) throw new Error(`${name}:${i + 1}: every=${m[2]} is not a duration (90s, 10m, 1h)`);
      } else title = m[2].replace(/_/g, ' ');
    }
    out.push({ url: checkUrl(u, `${name}:${i + 1}`), title, everyMs });
  });
  return out;
}

interface El { getAttribute(n: string): string | null }
function parseOpml(content: string, name: string): FeedSpec[] {
  const doc = new DOMParser().parseFromString(content, 'text/xml') as unknown as { querySelectorAll(s: string): ArrayLike<El> };
  const nodes = doc.querySelectorAll('outline');
  const out: FeedSpec[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const o = nodes[i];
    const u = o.getAttribute('xmlUrl') ?? o.getAttribute('xmlurl');
    if (!u) continue;
    out.push({
      url: checkUrl(u.trim(), `${name} (outline ${i + 1})`),
      title: o.getAttribute('title') ?? o.getAttribute('text'),
      everyMs: parseDuration(o.getAttribute('sitrepEvery')),
    });
  }
  if (!out.length) throw new Error(`${name}: no <outline xmlUrl="…"> in the OPML file`);
  return out;
}

export function readFeedList(path: string): FeedSpec[] {
  let content: string;
  try { content = readFileSync(path, 'utf8'); } catch (e) { throw new Error(`cannot read ${path}: ${(e as Error).message}`); }
  const list = parseFeedList(content, path);
  if (!list.length) throw new Error(`${path}: no feed URLs`);
  return list;
}
