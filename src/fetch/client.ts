/**
 * A polite HTTP client over safeFetch: robots.txt honoured for every URL (redirect hops included),
 * one request at a time per host with a minimum interval between them (raised to the site's
 * Crawl-delay), a global concurrency limit, and retries with exponential backoff (and Retry-After)
 * for transient failures.
 */
import { safeFetch, FetchError, DEFAULT_USER_AGENT, type FetchOptions, type FetchResult } from './fetch.js';
import { parseRobots, ALLOW_ALL, DISALLOW_ALL, type RobotsRules } from './robots.js';

export interface ClientOptions {
  readonly allowPrivate?: boolean;
  readonly userAgent?: string;
  /** The product token robots.txt groups are matched against. */
  readonly robotsAgent?: string;
  readonly respectRobots?: boolean;
  /** Minimum ms between two requests to one host. */
  readonly perHostIntervalMs?: number;
  /** Requests in flight at once, all hosts together. */
  readonly concurrency?: number;
  /** Attempts after the first for transient failures. */
  readonly retries?: number;
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  /** How long a robots.txt answer is kept (ms). */
  readonly robotsTtlMs?: number;
  /** Defaults for every fetch (timeouts, sizes, resolver…). */
  readonly fetch?: Omit<FetchOptions, 'accept' | 'headers' | 'checkUrl' | 'method' | 'body'>;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface GetOptions {
  readonly accept?: readonly string[];
  readonly headers?: Readonly<Record<string, string>>;
  readonly maxBytes?: number;
  readonly maxDecodedBytes?: number;
  readonly timeoutMs?: number;
  readonly retries?: number;
  readonly signal?: AbortSignal;
  readonly method?: 'GET' | 'POST';
  readonly body?: string | Buffer;
  /** Skip robots.txt (webhooks: we are not crawling). */
  readonly robots?: boolean;
}

export const sleep = (ms: number, signal?: AbortSignal): Promise<void> => new Promise((res) => {
  if (signal?.aborted) { res(); return; }
  const t = setTimeout(() => { signal?.removeEventListener('abort', done); res(); }, ms);
  const done = () => { clearTimeout(t); res(); };
  signal?.addEventListener('abort', done, { once: true });
});

class Semaphore {
  private n = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly max: number) {}
  async acquire(): Promise<() => void> {
    if (this.n >= this.max) await new Promise<void>((r) => this.waiting.push(r));
    this.n++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.n--;
      this.waiting.shift()?.();
    };
  }
}

interface HostState { next: number; chain: Promise<void>; delayMs: number }
interface RobotsEntry { rules: RobotsRules; until: number; pending?: Promise<RobotsRules> }

export class HttpClient {
  private readonly hosts = new Map<string, HostState>();
  private readonly robots = new Map<string, RobotsEntry>();
  private readonly sem: Semaphore;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly stats = { requests: 0, retries: 0, robotsFetches: 0, refusedByRobots: 0 };

  constructor(readonly opts: ClientOptions = {}) {
    this.sem = new Semaphore(Math.max(1, opts.concurrency ?? 4));
    this.sleep = opts.sleep ?? sleep;
  }

  private get interval(): number { return this.opts.perHostIntervalMs ?? 1000; }

  /** Waits for this host's turn (one request at a time per host, spaced by the interval). */
  private async hostTurn(host: string): Promise<() => void> {
    let st = this.hosts.get(host);
    if (!st) { st = { next: 0, chain: Promise.resolve(), delayMs: 0 }; this.hosts.set(host, st); }
    const s = st;
    const prev = s.chain;
    let release!: () => void;
    s.chain = new Promise<void>((r) => (release = r));
    await prev;
    const wait = s.next - Date.now();
    if (wait > 0) await this.sleep(wait);
    return () => {
      s.next = Date.now() + Math.max(this.interval, s.delayMs);
      release();
    };
  }

  /** The robots.txt rules for a URL's origin (fetched once per TTL; shared by concurrent callers). */
  async robotsFor(url: URL): Promise<RobotsRules> {
    if (this.opts.respectRobots === false) return ALLOW_ALL;
    const origin = url.origin;
    const now = Date.now();
    const e = this.robots.get(origin);
    if (e && e.until > now) return e.rules;
    if (e?.pending) return e.pending;
    const pending = this.fetchRobots(url).then((r) => {
      this.robots.set(origin, { rules: r.rules, until: Date.now() + r.ttl });
      return r.rules;
    });
    this.robots.set(origin, { rules: e?.rules ?? ALLOW_ALL, until: 0, pending });
    try { return await pending; } catch (err) { this.robots.delete(origin); throw err; }
  }

  private async fetchRobots(url: URL): Promise<{ rules: RobotsRules; ttl: number }> {
    const ttl = this.opts.robotsTtlMs ?? 3_600_000;
    const robotsUrl = new URL('/robots.txt', url.origin);
    this.stats.robotsFetches++;
    // no host turn here: a redirect hop checks robots while its request holds the turn
    try {
      const r = await safeFetch(robotsUrl, {
        ...this.opts.fetch, allowPrivate: this.opts.allowPrivate, userAgent: this.opts.userAgent ?? DEFAULT_USER_AGENT,
        maxBytes: 512 * 1024, maxDecodedBytes: 512 * 1024, timeoutMs: Math.min(this.opts.fetch?.timeoutMs ?? 15_000, 15_000),
      });
      return { rules: parseRobots(r.body.toString('utf8'), this.opts.robotsAgent ?? 'sitrep'), ttl };
    } catch (e) {
      if (e instanceof FetchError) {
        // RFC 9309: 4xx (no robots.txt) → everything allowed; 5xx or unreachable → nothing, for now
        if (e.code === 'http_status' && e.status! >= 400 && e.status! < 500) return { rules: ALLOW_ALL, ttl };
        if (e.code === 'blocked_address' || e.code === 'bad_url') throw e;
        if (e.code === 'http_status' || e.code === 'too_large' || e.code === 'bad_content_type') return { rules: DISALLOW_ALL, ttl: Math.min(ttl, 300_000) };
        throw new FetchError(e.code, `robots.txt of ${url.host} unreachable: ${e.message}`, robotsUrl.href, { transient: e.transient, status: e.status });
      }
      throw e;
    }
  }

  private async checkRobots(url: URL): Promise<void> {
    const rules = await this.robotsFor(url);
    const st = this.hosts.get(url.host);
    if (st && rules.crawlDelay !== null) st.delayMs = Math.min(rules.crawlDelay * 1000, 60_000);
    if (!rules.allowed(`${url.pathname}${url.search}`)) {
      this.stats.refusedByRobots++;
      throw new FetchError('robots_disallowed', `robots.txt of ${url.host} disallows ${url.pathname}`, url.href, { transient: false });
    }
  }

  /** One request, polite and retried. Throws FetchError. */
  async get(url: string, o: GetOptions = {}): Promise<FetchResult> {
    let u: URL;
    try { u = new URL(url); } catch { throw new FetchError('bad_url', `not a URL: ${url.slice(0, 200)}`, url); }
    const retries = o.retries ?? this.opts.retries ?? 2;
    const base = this.opts.backoffBaseMs ?? 500;
    const cap = this.opts.backoffMaxMs ?? 30_000;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(u, o);
      } catch (e) {
        if (!(e instanceof FetchError) || !e.transient || attempt >= retries || o.signal?.aborted) throw e;
        this.stats.retries++;
        const backoff = Math.min(cap, base * 2 ** attempt) * (0.75 + Math.random() * 0.5);
        await this.sleep(Math.min(cap, Math.max(backoff, e.extra.retryAfterMs ?? 0)), o.signal);
      }
    }
  }

  private async once(u: URL, o: GetOptions): Promise<FetchResult> {
    const useRobots = o.robots !== false && this.opts.respectRobots !== false;
    if (useRobots) await this.checkRobots(u);
    const releaseSlot = await this.sem.acquire();
    const releaseHost = await this.hostTurn(u.host);
    this.stats.requests++;
    try {
      return await safeFetch(u, {
        ...this.opts.fetch,
        allowPrivate: this.opts.allowPrivate, userAgent: this.opts.userAgent ?? DEFAULT_USER_AGENT,
        accept: o.accept, headers: o.headers, method: o.method, body: o.body, signal: o.signal,
        ...(o.maxBytes ? { maxBytes: o.maxBytes } : {}), ...(o.maxDecodedBytes ? { maxDecodedBytes: o.maxDecodedBytes } : {}),
        ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
        // every redirect hop: robots.txt of its host (the address check is safeFetch's own)
        checkUrl: useRobots ? async (hop) => { if (hop.href !== u.href) await this.checkRobots(hop); } : undefined,
      });
    } finally {
      releaseHost();
      releaseSlot();
    }
  }
}
