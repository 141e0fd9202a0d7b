/**
 * The feed watcher behind `sitrep watch`: polls each feed on its own schedule, fetches the new items'
 * pages, extracts and stores them, checks alerts, and records each feed's health.
 *
 * Schedule per feed: a configured `every=` wins; otherwise the longer of the feed's own TTL (RSS
 * <ttl>, sy:updatePeriod) and half the observed gap between its items (so a feed publishing every 30
 * minutes is polled every 15), else the default; always within [min, max]. After a failure the
 * interval doubles per consecutive failure (up to max). A little jitter keeps feeds from polling in
 * lockstep. Requests are conditional (If-None-Match / If-Modified-Since); politeness (robots.txt,
 * per-host spacing, concurrency, retries) is the HttpClient's.
 */
import type { Store } from '../store/port.js';
import type { HttpClient } from '../fetch/client.js';
import { sleep } from '../fetch/client.js';
import { FetchError } from '../fetch/fetch.js';
import type { AlertEngine } from '../alerts/engine.js';
import { decodeBody } from './page.js';
import { parseFeed, FeedParseError, FEED_TYPES, type FeedItem, type ParsedFeed } from './parse.js';
import { FeedState } from './state.js';
import type { FeedSpec } from './list.js';
import { extractAndStore, fetchPage, knownUrl } from './ingest.js';

export interface WatchOptions {
  readonly store: Store;
  readonly client: HttpClient;
  readonly feeds: readonly FeedSpec[];
  readonly pipelineVersion: string;
  readonly runId?: string | null;
  readonly alerts?: AlertEngine | null;
  readonly minIntervalMs?: number;
  readonly maxIntervalMs?: number;
  readonly defaultIntervalMs?: number;
  /** New items taken from one poll (newest first); the rest wait for the next poll. */
  readonly maxItemsPerPoll?: number;
  /** Attempts at an item whose page failed before it is given up. */
  readonly maxItemAttempts?: number;
  /** Feeds polled at once. */
  readonly pollConcurrency?: number;
  /** Pages fetched at once within one feed's poll. */
  readonly itemConcurrency?: number;
  readonly maxSitemapChildren?: number;
  readonly feedMaxBytes?: number;
  readonly pageMaxBytes?: number;
  readonly log?: (msg: string) => void;
  readonly jitter?: boolean;
}

export interface PollReport {
  readonly url: string;
  readonly ok: boolean;
  readonly notModified: boolean;
  readonly status: number | null;
  readonly items: number;
  readonly newItems: number;
  readonly stored: number;
  readonly unchanged: number;
  readonly failed: number;
  readonly alerts: number;
  readonly error: string | null;
  readonly nextInMs: number;
}

const MIN = 60_000;

/** Items per day from the dates a feed's items carry (null with fewer than two dated items). */
export function observedPerDay(items: readonly FeedItem[], now = Date.now()): number | null {
  const ts = items.map((i) => (i.published ? Date.parse(i.published) : NaN))
    .filter((t) => Number.isFinite(t) && t <= now + 3_600_000 && t >= now - 30 * 86_400_000).sort((a, b) => a - b);
  if (ts.length < 2) return null;
  const spanDays = Math.max((ts[ts.length - 1] - ts[0]) / 86_400_000, 1 / 24);
  return Math.round(((ts.length - 1) / spanDays) * 100) / 100;
}

export function nextIntervalMs(o: {
  everyMs: number | null; ttlMinutes: number | null; perDay: number | null; failures: number;
  minMs: number; maxMs: number; defaultMs: number;
}): number {
  let base: number;
  if (o.everyMs !== null) base = o.everyMs;
  else {
    const ttl = o.ttlMinutes ? o.ttlMinutes * MIN : 0;
    const freq = o.perDay && o.perDay > 0 ? 86_400_000 / o.perDay / 2 : o.defaultMs;
    base = Math.max(ttl, freq);
  }
  if (o.failures > 0) base *= 2 ** Math.min(o.failures, 10);
  return Math.round(Math.min(o.maxMs, Math.max(o.minMs, base)));
}

async function pool<T>(items: readonly T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (i < items.length) await fn(items[i++]);
  }));
}

export class Watcher {
  private readonly o: Required<Omit<WatchOptions, 'alerts' | 'runId' | 'log'>> & Pick<WatchOptions, 'alerts' | 'runId'>;
  private readonly log: (m: string) => void;
  private state!: FeedState;
  /** Next poll time per feed (ms). */
  private readonly due = new Map<string, number>();
  readonly totals = { polls: 0, failures: 0, notModified: 0, newItems: 0, stored: 0, alerts: 0 };

  constructor(opts: WatchOptions) {
    this.o = {
      minIntervalMs: 60_000, maxIntervalMs: 6 * 3_600_000, defaultIntervalMs: 15 * 60_000, maxItemsPerPoll: 50, maxItemAttempts: 3,
      pollConcurrency: 4, itemConcurrency: 4, maxSitemapChildren: 3, feedMaxBytes: 5 * 1024 * 1024, pageMaxBytes: 5 * 1024 * 1024,
      jitter: true, runId: null, alerts: null, ...opts,
    };
    this.log = opts.log ?? ((m) => process.stderr.write(m + '\n'));
  }

  async init(): Promise<void> {
    this.state = await FeedState.open(this.o.store);
    const now = Date.now();
    for (const f of this.o.feeds) {
      await this.state.addFeed(f.url, f.title);
      const row = await this.state.feed(f.url);
      const next = row?.next_poll_at ? Date.parse(row.next_poll_at) : now;
      this.due.set(f.url, Math.min(Number.isFinite(next) ? next : now, now + this.o.maxIntervalMs));
    }
  }

  get feedState(): FeedState { return this.state; }

  /** Polls every feed once, now (--once). */
  async pollAll(): Promise<PollReport[]> {
    const out: PollReport[] = [];
    await pool(this.o.feeds, this.o.pollConcurrency, async (f) => { out.push(await this.poll(f)); });
    await this.o.alerts?.flush();
    return out;
  }

  /** Polls feeds as they fall due until the signal aborts. */
  async run(signal: AbortSignal): Promise<void> {
    const running = new Set<string>();
    const inFlight = new Set<Promise<void>>();
    let wakeUp: () => void = () => {};
    while (!signal.aborted) {
      const now = Date.now();
      for (const f of this.o.feeds) {
        if (running.has(f.url) || running.size >= this.o.pollConcurrency) continue;
        if ((this.due.get(f.url) ?? 0) > now) continue;
        running.add(f.url);
        const p: Promise<void> = this.poll(f)
          .then(() => undefined, (e) => this.log(`watch ${f.url}: ${(e as Error).stack ?? e}`))
          .finally(() => { running.delete(f.url); inFlight.delete(p); wakeUp(); });
        inFlight.add(p);
      }
      let nextDue = Infinity;
      for (const f of this.o.feeds) if (!running.has(f.url)) nextDue = Math.min(nextDue, this.due.get(f.url) ?? 0);
      const wait = Math.max(50, Math.min(nextDue - Date.now(), 60_000));
      const ctl = new AbortController();
      const onAbort = () => ctl.abort();
      signal.addEventListener('abort', onAbort, { once: true });
      wakeUp = () => ctl.abort();
      await sleep(wait, ctl.signal);
      signal.removeEventListener('abort', onAbort);
    }
    await Promise.all([...inFlight]);
    await this.o.alerts?.flush();
  }

  private schedule(url: string, ms: number): { nextAt: string; ms: number } {
    const j = this.o.jitter ? ms * (0.9 + Math.random() * 0.2) : ms;
    const at = Date.now() + Math.round(j);
    this.due.set(url, at);
    return { nextAt: new Date(at).toISOString(), ms: Math.round(j) };
  }

  /** One poll of one feed: fetch (conditional), parse, take new items, record health. */
  async poll(spec: FeedSpec): Promise<PollReport> {
    this.totals.polls++;
    const at = new Date().toISOString();
    const row = await this.state.feed(spec.url);
    const failuresBefore = row?.consecutive_failures ?? 0;
    const headers: Record<string, string> = {};
    if (row?.etag) headers['if-none-match'] = row.etag;
    if (row?.last_modified) headers['if-modified-since'] = row.last_modified;
    const base = { everyMs: spec.everyMs, minMs: this.o.minIntervalMs, maxMs: this.o.maxIntervalMs, defaultMs: this.o.defaultIntervalMs };
    let status: number | null = null;
    try {
      const r = await this.o.client.get(spec.url, { accept: FEED_TYPES, headers, maxBytes: this.o.feedMaxBytes });
      status = r.status;
      const perDayOld = row?.items_per_day ?? null;
      if (r.notModified) {
        this.totals.notModified++;
        const ms = nextIntervalMs({ ...base, ttlMinutes: null, perDay: perDayOld, failures: 0 });
        const next = this.schedule(spec.url, ms);
        await this.state.recordSuccess(spec.url, {
          title: null, kind: null, site: null, etag: null, lastModified: null, status: 304, notModified: true, newItems: 0, stored: 0,
          itemsPerDay: null, lastItemAt: null, intervalS: Math.round(ms / 1000), at, nextAt: next.nextAt,
        });
        this.log(`poll ${spec.url}: 304 not modified; next in ${fmtMs(next.ms)}`);
        return { url: spec.url, ok: true, notModified: true, status: 304, items: 0, newItems: 0, stored: 0, unchanged: 0, failed: 0, alerts: 0, error: null, nextInMs: next.ms };
      }
      const dec = decodeBody(r.body, r.charset, false);
      if (dec.text === null) throw new FeedParseError(dec.warning ?? 'cannot decode the feed');
      let feed = parseFeed(dec.text, r.url);
      if (feed.kind === 'sitemap-index') feed = await this.expandIndex(feed);
      const res = await this.takeItems(spec.url, feed);
      const perDay = observedPerDay(feed.items) ?? perDayOld;
      const ms = nextIntervalMs({ ...base, ttlMinutes: feed.ttlMinutes, perDay, failures: 0 });
      const next = this.schedule(spec.url, ms);
      const newest = feed.items.map((i) => i.published).filter((p): p is string => !!p).sort().pop() ?? (res.newItems ? at : null);
      await this.state.recordSuccess(spec.url, {
        title: feed.title ?? spec.title, kind: feed.kind, site: feed.link, etag: r.headers.etag ?? null, lastModified: r.headers['last-modified'] ?? null,
        status: r.status, notModified: false, newItems: res.newItems, stored: res.stored, itemsPerDay: perDay, lastItemAt: newest,
        intervalS: Math.round(ms / 1000), at, nextAt: next.nextAt,
      });
      this.totals.newItems += res.newItems;
      this.totals.stored += res.stored;
      this.totals.alerts += res.alerts;
      this.log(`poll ${spec.url}: ${r.status} ${feed.kind}, ${feed.items.length} items, ${res.newItems} new → ${res.stored} stored, ` +
        `${res.unchanged} known, ${res.failed} failed${this.o.alerts ? `, ${res.alerts} alerts` : ''}; next in ${fmtMs(next.ms)}`);
      return { url: spec.url, ok: true, notModified: false, status: r.status, items: feed.items.length, ...res, error: null, nextInMs: next.ms };
    } catch (e) {
      if (!(e instanceof FetchError) && !(e instanceof FeedParseError)) throw e;
      this.totals.failures++;
      const msg = e instanceof FetchError ? `${e.code}: ${e.message}` : `not a feed: ${e.message}`;
      const ms = nextIntervalMs({ ...base, ttlMinutes: null, perDay: row?.items_per_day ?? null, failures: failuresBefore + 1 });
      const next = this.schedule(spec.url, ms);
      await this.state.recordFailure(spec.url, { error: msg, status: e instanceof FetchError ? e.status ?? null : status, at, intervalS: Math.round(ms / 1000), nextAt: next.nextAt });
      this.log(`poll ${spec.url}: FAILED (${failuresBefore + 1} in a row) ${msg}; next in ${fmtMs(next.ms)}`);
      return { url: spec.url, ok: false, notModified: false, status, items: 0, newItems: 0, stored: 0, unchanged: 0, failed: 0, alerts: 0, error: msg, nextInMs: next.ms };
    }
  }

  /** A sitemap index: the newest few child sitemaps, their URLs merged. */
  private async expandIndex(index: ParsedFeed): Promise<ParsedFeed> {
    const items: FeedItem[] = [];
    for (const child of index.sitemaps.slice(0, this.o.maxSitemapChildren)) {
      try {
        const r = await this.o.client.get(child, { accept: FEED_TYPES, maxBytes: this.o.feedMaxBytes });
        const dec = decodeBody(r.body, r.charset, false);
        if (dec.text === null) continue;
        const f = parseFeed(dec.text, r.url);
        items.push(...f.items);
      } catch (e) {
        this.log(`sitemap ${child}: ${(e as Error).message}`);
      }
    }
    return { ...index, kind: 'sitemap', items };
  }

  private async takeItems(feedUrl: string, feed: ParsedFeed): Promise<{ newItems: number; stored: number; unchanged: number; failed: number; alerts: number }> {
    const seen = await this.state.seenKeys(feedUrl, feed.items.map((i) => i.key.slice(0, 2000)), this.o.maxItemAttempts);
    const fresh = feed.items.filter((i) => !seen.has(i.key.slice(0, 2000)))
      .sort((a, b) => (b.published ?? '').localeCompare(a.published ?? ''))
      .slice(0, this.o.maxItemsPerPoll);
    const res = { newItems: fresh.length, stored: 0, unchanged: 0, failed: 0, alerts: 0 };
    const deps = { store: this.o.store, pipelineVersion: this.o.pipelineVersion, runId: this.o.runId ?? null, alerts: this.o.alerts ?? null };
    await pool(fresh, this.o.itemConcurrency, async (it) => {
      const rec = { key: it.key, url: it.url, title: it.title, published: it.published, language: it.language };
      try {
        if (!it.url) {
          await this.state.recordItem(feedUrl, { ...rec, status: 'skipped', articleId: null, error: 'the item has no link' });
          return;
        }
        const known = await knownUrl(this.o.store, it.url);
        if (known) {
          res.unchanged++;
          await this.state.recordItem(feedUrl, { ...rec, status: 'unchanged', articleId: known, error: null });
          return;
        }
        const page = await fetchPage(this.o.client, it.url,
          { published: it.published, title: it.title, outlet: feed.title, language: it.language ?? feed.language, contentHtml: it.contentHtml },
          { maxBytes: this.o.pageMaxBytes });
        if (!page.ok) {
          res.failed++;
          await this.state.recordItem(feedUrl, { ...rec, status: 'failed', articleId: null, error: `${page.code}: ${page.message}` });
          this.log(`  item ${it.url}: ${page.code}: ${page.message}`);
          return;
        }
        const s = await extractAndStore(deps, page.page.article);
        if (!s.ok) {
          res.failed++;
          await this.state.recordItem(feedUrl, { ...rec, status: 'failed', articleId: null, error: `${s.code}: ${s.message}` });
          return;
        }
        if (s.status === 'unchanged') res.unchanged++; else res.stored++;
        res.alerts += s.alerts;
        await this.state.recordItem(feedUrl, {
          ...rec, language: page.page.language ?? rec.language, status: s.status === 'unchanged' ? 'unchanged' : 'stored', articleId: s.articleId,
          error: page.fromFeed ? `page not used (${page.fetchError}); the feed's content was stored` : null,
        });
      } catch (e) {
        res.failed++;
        await this.state.recordItem(feedUrl, { ...rec, status: 'failed', articleId: null, error: (e as Error).message });
        this.log(`  item ${it.url ?? it.key}: ${(e as Error).message}`);
      }
    });
    return res;
  }
}

export function fmtMs(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}
