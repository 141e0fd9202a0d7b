/**
 * One safe HTTP exchange: `safeFetch(url, opts)`.
 *
 * - Only http: and https:. The host is resolved first and every address it resolves to is checked
 *   (address.ts); the socket then connects to exactly the address that was checked (the `lookup`
 *   hook of net.connect), so a DNS answer that changes between check and connect (rebinding) cannot
 *   slip through. IP-literal hosts are checked before any socket is opened.
 * - Redirects are followed by hand (at most `maxRedirects`, 5 by default), each hop checked again the
 *   same way (and by `checkUrl`, e.g. robots.txt), with a clear error for a loop.
 * - One deadline covers the whole exchange, redirects included (`timeoutMs`); the body is streamed and
 *   the request aborted as soon as the compressed bytes pass `maxBytes` or the decompressed bytes pass
 *   `maxDecodedBytes` (a gzip bomb stops at the limit, never in memory).
 * - The content type is checked before the body is read (`accept`).
 * No keep-alive agent: every exchange opens its own vetted connection.
 */
import http from 'node:http';
import https from 'node:https';
import { lookup as dnsLookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';
import { blockedReason } from './address.js';

export type FetchErrorCode =
  | 'bad_url' | 'blocked_address' | 'dns' | 'network' | 'timeout' | 'too_many_redirects' | 'redirect_loop'
  | 'too_large' | 'bad_content_type' | 'http_status' | 'robots_disallowed' | 'aborted';

/** A fetch that failed, with a code, a plain message, and whether trying again later may help. */
export class FetchError extends Error {
  constructor(
    readonly code: FetchErrorCode,
    message: string,
    readonly url: string,
    readonly extra: { status?: number; retryAfterMs?: number | null; transient?: boolean } = {},
  ) {
    super(message);
    this.name = 'FetchError';
  }
  get status(): number | undefined { return this.extra.status; }
  /** Network trouble, timeouts, 5xx, 429 and 408 may pass; the rest will not. */
  get transient(): boolean {
    if (this.extra.transient !== undefined) return this.extra.transient;
    return this.code === 'network' || this.code === 'timeout' || this.code === 'dns';
  }
}

export interface ResolvedAddress { readonly address: string; readonly family: number }
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface FetchOptions {
  /** Allow private, loopback and link-local addresses (tests, intranets). Default false. */
  readonly allowPrivate?: boolean;
  readonly maxRedirects?: number;
  /** Deadline for the whole exchange, redirects and body included (ms). */
  readonly timeoutMs?: number;
  /** Most bytes on the wire (compressed). */
  readonly maxBytes?: number;
  /** Most bytes after decompression. */
  readonly maxDecodedBytes?: number;
  /** Media types accepted ("text/html", "application/rss+xml"…; "text/*" for a family); absent: any. */
  readonly accept?: readonly string[];
  readonly headers?: Readonly<Record<string, string>>;
  readonly method?: 'GET' | 'POST' | 'HEAD';
  readonly body?: string | Buffer;
  readonly userAgent?: string;
  /** Called with every URL before it is requested (the first and each redirect); throw to refuse. */
  readonly checkUrl?: (url: URL) => Promise<void>;
  /** DNS resolution (tests inject one); default: the system resolver, every address. */
  readonly resolve?: Resolver;
  /** Why an address is refused, or null (default: address.ts blockedReason; tests narrow it). */
  readonly addressPolicy?: (ip: string) => string | null;
  readonly signal?: AbortSignal;
}

export interface FetchResult {
  /** The final URL, after redirects. */
  readonly url: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** 304 to a conditional request: no body. */
  readonly notModified: boolean;
  /** The media type, lower-case, without parameters (null when the server sent none). */
  readonly contentType: string | null;
  readonly charset: string | null;
  /** URLs redirected through, in order. */
  readonly redirects: readonly string[];
  readonly bytes: number;
  /** The address the last connection went to. */
  readonly address: string | null;
}

export const DEFAULT_USER_AGENT = 'sitrep/0.1 (+https://github.com/sitrep; conflict news monitor)';
export const DEFAULTS = {
  maxRedirects: 5,
  timeoutMs: 30_000,
  maxBytes: 8 * 1024 * 1024,
  maxDecodedBytes: 24 * 1024 * 1024,
} as const;

const systemResolve: Resolver = (hostname) => new Promise((res, rej) => {
  dnsLookup(hostname, { all: true, verbatim: true }, (err, addrs) => (err ? rej(err) : res(addrs)));
});

/** Media type and charset of a Content-Type header. */
export function parseContentType(h: string | undefined | null): { type: string | null; charset: string | null } {
  if (!h) return { type: null, charset: null };
  const [t, ...params] = h.split(';');
  let charset: string | null = null;
  for (const p of params) {
    const m = /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(p);
    if (m) charset = m[1].toLowerCase();
  }
  return { type: t.trim().toLowerCase() || null, charset };
}

function typeAccepted(type: string | null, accept: readonly string[] | undefined): boolean {
  if (!accept || !type) return true; // no list, or the server did not say: the parser decides
  return accept.some((a) => (a.endsWith('/*') ? type.startsWith(a.slice(0, -1)) : a === type));
}

function retryAfterMs(h: string | undefined): number | null {
  if (!h) return null;
  if (/^\d+$/.test(h.trim())) return Number(h.trim()) * 1000;
  const t = Date.parse(h);
  return Number.isNaN(t) ? null : Math.max(0, t - Date.now());
}

/** Checks a URL's scheme and, for an IP-literal host, its address (no socket is opened). */
export function checkTarget(url: URL, allowPrivate: boolean, policy: (ip: string) => string | null = blockedReason): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('bad_url', `only http and https URLs are fetched, not ${url.protocol}`, url.href);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && isIP(host)) {
    const why = policy(host);
    if (why) throw new FetchError('blocked_address', `refused: ${host} is a ${why} address (use --allow-private to fetch it)`, url.href);
  }
}

/**
 * A `lookup` for net.connect that resolves with `resolve`, refuses the host if any address it
 * resolves to is not public (unless allowed), and hands the checked addresses to the socket.
 */
function vettedLookup(resolve: Resolver, allowPrivate: boolean, policy: (ip: string) => string | null, url: string, seen: { address: string | null }): LookupFunction {
  return ((hostname: string, options: { all?: boolean; family?: number }, cb: (...a: unknown[]) => void) => {
    resolve(hostname).then((addrs) => {
      let list = addrs.filter((a) => !options.family || a.family === options.family);
      if (!list.length) list = addrs;
      if (!list.length) throw Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' });
      if (!allowPrivate) {
        for (const a of list) {
          const why = policy(a.address);
          if (why) {
            throw new FetchError('blocked_address', `refused: ${hostname} resolves to ${a.address}, a ${why} address (use --allow-private to fetch it)`, url);
          }
        }
      }
      seen.address = list[0].address;
      if (options.all) cb(null, list.map((a) => ({ address: a.address, family: a.family })));
      else cb(null, list[0].address, list[0].family);
    }).catch((e) => cb(e));
  }) as unknown as LookupFunction;
}

function headerRecord(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

interface Hop { res: http.IncomingMessage; req: http.ClientRequest; address: string | null }

export async function safeFetch(input: string | URL, opts: FetchOptions = {}): Promise<FetchResult> {
  const maxRedirects = opts.maxRedirects ?? DEFAULTS.maxRedirects;
  const timeoutMs = opts.timeoutMs ?? DEFAULTS.timeoutMs;
  const maxBytes = opts.maxBytes ?? DEFAULTS.maxBytes;
  const maxDecoded = opts.maxDecodedBytes ?? DEFAULTS.maxDecodedBytes;
  const allowPrivate = !!opts.allowPrivate;
  const resolve = opts.resolve ?? systemResolve;
  let url: URL;
  try { url = new URL(String(input)); } catch { throw new FetchError('bad_url', `not a URL: ${String(input).slice(0, 200)}`, String(input)); }
  const first = url.href;

  // one deadline for everything; every pending step listens to it
  const ctl = new AbortController();
  let deadlineHit = false;
  const timer = setTimeout(() => { deadlineHit = true; ctl.abort(); }, timeoutMs);
  const onOuter = () => ctl.abort();
  opts.signal?.addEventListener('abort', onOuter, { once: true });
  const abortError = (u: string) => (deadlineHit
    ? new FetchError('timeout', `no complete answer within ${(timeoutMs / 1000).toFixed(1)} s (cut off)`, u)
    : new FetchError('aborted', 'the fetch was cancelled', u, { transient: false }));

  const redirects: string[] = [];
  const visited = new Set<string>();
  try {
    for (let hop = 0; ; hop++) {
      checkTarget(url, allowPrivate, opts.addressPolicy);
      if (opts.checkUrl) await opts.checkUrl(url);
      if (ctl.signal.aborted) throw abortError(url.href);
      visited.add(url.href);
      const h = await request(url, opts, allowPrivate, resolve, ctl.signal, abortError);
      const { res } = h;
      const status = res.statusCode ?? 0;
      const headers = headerRecord(res.headers);
      if (status >= 300 && status < 400 && status !== 304 && headers.location) {
        res.resume();
        h.req.destroy();
        let next: URL;
        try { next = new URL(headers.location, url); } catch { throw new FetchError('bad_url', `redirect to a malformed location "${headers.location.slice(0, 200)}"`, url.href); }
        if (visited.has(next.href)) {
          throw new FetchError('redirect_loop', `redirect loop: ${url.href} → ${next.href}, already visited (after ${hop + 1} redirect(s))`, first);
        }
        if (hop + 1 > maxRedirects) {
          throw new FetchError('too_many_redirects', `more than ${maxRedirects} redirects (last: ${url.href} → ${next.href})`, first);
        }
        redirects.push(url.href);
        url = next;
        continue;
      }
      const { type, charset } = parseContentType(headers['content-type']);
      if (status === 304) {
        res.resume();
        return { url: url.href, status, headers, body: Buffer.alloc(0), notModified: true, contentType: type, charset, redirects, bytes: 0, address: h.address };
      }
      if (status < 200 || status >= 300) {
        res.resume();
        h.req.destroy();
        const transient = status >= 500 || status === 429 || status === 408;
        throw new FetchError('http_status', `HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`, url.href,
          { status, transient, retryAfterMs: retryAfterMs(headers['retry-after']) });
      }
      if (!typeAccepted(type, opts.accept)) {
        res.resume();
        h.req.destroy();
        throw new FetchError('bad_content_type', `content type ${type} is not one of ${opts.accept!.join(', ')}`, url.href, { status });
      }
      const declared = Number(headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        h.req.destroy();
        throw new FetchError('too_large', `the response declares ${declared} bytes, over the limit of ${maxBytes}`, url.href, { status });
      }
      const { body, bytes } = await readBody(h, headers['content-encoding'], maxBytes, maxDecoded, url.href, ctl.signal, abortError);
      return { url: url.href, status, headers, body, notModified: false, contentType: type, charset, redirects, bytes, address: h.address };
    }
  } catch (e) {
    if (ctl.signal.aborted && !(e instanceof FetchError && e.code !== 'network')) throw abortError(url.href);
    throw e;
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onOuter);
  }
}

function request(url: URL, opts: FetchOptions, allowPrivate: boolean, resolve: Resolver, signal: AbortSignal,
  abortError: (u: string) => FetchError): Promise<Hop> {
  return new Promise<Hop>((res, rej) => {
    const seen = { address: null as string | null };
    const mod = url.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = {
      'user-agent': opts.userAgent ?? DEFAULT_USER_AGENT,
      'accept-encoding': 'gzip, deflate, br',
      accept: opts.accept?.length ? [...opts.accept, '*/*;q=0.1'].join(', ') : '*/*',
      ...Object.fromEntries(Object.entries(opts.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    };
    if (opts.body !== undefined) headers['content-length'] = String(Buffer.byteLength(opts.body));
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) seen.address = host;
    let req: http.ClientRequest;
    try {
      req = mod.request({
        protocol: url.protocol, hostname: host, port: url.port || undefined, path: `${url.pathname}${url.search}`,
        method: opts.method ?? 'GET', headers, agent: false, signal,
        lookup: vettedLookup(resolve, allowPrivate, opts.addressPolicy ?? blockedReason, url.href, seen),
        // the socket connects only to the checked address: no Happy Eyeballs re-resolution elsewhere
        servername: isIP(host) ? undefined : host,
      });
    } catch (e) {
      rej(new FetchError('network', `cannot start the request: ${(e as Error).message}`, url.href));
      return;
    }
    req.on('response', (r) => res({ res: r, req, address: seen.address ?? r.socket?.remoteAddress ?? null }));
    req.on('error', (e: Error & { code?: string }) => {
      if (e instanceof FetchError) { rej(e); return; }
      if (signal.aborted) { rej(abortError(url.href)); return; }
      if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') { rej(new FetchError('dns', `cannot resolve ${host} (${e.code})`, url.href, { transient: e.code === 'EAI_AGAIN' })); return; }
      rej(new FetchError('network', `${e.code ?? 'network error'}: ${e.message}`, url.href));
    });
    if (opts.body !== undefined) req.end(opts.body);
    else req.end();
  });
}

function decoderFor(encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  const e = (encoding ?? '').trim().toLowerCase();
  if (e === 'gzip' || e === 'x-gzip') return zlib.createGunzip();
  if (e === 'deflate') return zlib.createInflate();
  if (e === 'br') return zlib.createBrotliDecompress();
  return null;
}

function readBody(h: Hop, encoding: string | undefined, maxBytes: number, maxDecoded: number, url: string, signal: AbortSignal,
  abortError: (u: string) => FetchError): Promise<{ body: Buffer; bytes: number }> {
  return new Promise((resolve, reject) => {
    const { res, req } = h;
    const dec = decoderFor(encoding);
    const chunks: Buffer[] = [];
    let raw = 0, decoded = 0, done = false;
    const fail = (e: FetchError) => {
      if (done) return;
      done = true;
      res.destroy();
      req.destroy();
      dec?.destroy();
      reject(e);
    };
    const onAbort = () => fail(abortError(url));
    signal.addEventListener('abort', onAbort, { once: true });
    const finish = () => {
      if (done) return;
      done = true;
      signal.removeEventListener('abort', onAbort);
      resolve({ body: Buffer.concat(chunks), bytes: raw });
    };
    const take = (c: Buffer) => {
      decoded += c.length;
      if (decoded > maxDecoded) { fail(new FetchError('too_large', `the response decompresses to more than ${maxDecoded} bytes (cut off)`, url)); return; }
      chunks.push(c);
    };
    res.on('data', (c: Buffer) => {
      if (done) return;
      raw += c.length;
      if (raw > maxBytes) { fail(new FetchError('too_large', `the response is over the limit of ${maxBytes} bytes (cut off)`, url)); return; }
      if (dec) dec.write(c);
      else take(c);
    });
    res.on('error', (e) => fail(signal.aborted ? abortError(url) : new FetchError('network', `the response broke off: ${e.message}`, url)));
    res.on('aborted', () => fail(new FetchError('network', 'the server closed the connection mid-response', url)));
    if (dec) {
      (dec as Readable).on('data', (c: Buffer) => { if (!done) take(c); });
      dec.on('error', (e) => fail(new FetchError('network', `cannot decompress the response (${encoding}): ${e.message}`, url, { transient: false })));
      dec.on('end', finish);
      res.on('end', () => { if (!done) dec.end(); });
    } else {
      res.on('end', finish);
    }
  });
}
