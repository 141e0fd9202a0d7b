import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { safeFetch, FetchError } from './fetch.js';
import { HttpClient } from './client.js';
import { serve } from '../../test/feeds/helpers.js';

const isErr = (code: string, re?: RegExp) => (e: unknown) => e instanceof FetchError && e.code === code && (!re || re.test(e.message));

test('a slow server is cut off at the deadline with a clear error', async () => {
  const timers = new Set<NodeJS.Timeout>();
  const s = await serve((req, res) => {
    if (req.url === '/trickle') {
      // headers at once, then a byte now and then, never finishing
      res.writeHead(200, { 'content-type': 'text/html' });
      const t = setInterval(() => res.write('<p>.</p>'), 100);
      timers.add(t);
      res.on('close', () => clearInterval(t));
      return;
    }
    // /silent: never answers at all
  });
  try {
    await assert.rejects(safeFetch(`${s.base}/silent`, { allowPrivate: true, timeoutMs: 400 }), isErr('timeout', /no complete answer within 0\.4 s/));
    await assert.rejects(safeFetch(`${s.base}/trickle`, { allowPrivate: true, timeoutMs: 400 }), isErr('timeout'));
  } finally { for (const t of timers) clearInterval(t); await s.close(); }
});

test('a huge response is cut off at the size limit, streamed (never held whole)', async () => {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const s = await serve((req, res) => {
    if (req.url === '/declared') { res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) }); res.end(); return; }
    // /endless: 1 GB without a Content-Length, written as fast as the client takes it
    res.writeHead(200, { 'content-type': 'text/html' });
    let sent = 0;
    const pump = () => {
      while (sent < 1024 ** 3) {
        sent += chunk.length;
        if (!res.write(chunk)) { res.once('drain', pump); return; }
      }
      res.end();
    };
    res.on('close', () => { sent = Infinity; });
    pump();
  });
  try {
    await assert.rejects(safeFetch(`${s.base}/endless`, { allowPrivate: true, maxBytes: 1024 * 1024 }), isErr('too_large', /over the limit of 1048576 bytes/));
    await assert.rejects(safeFetch(`${s.base}/declared`, { allowPrivate: true, maxBytes: 1024 * 1024 }), isErr('too_large', /declares/));
  } finally { await s.close(); }
});

test('a gzip bomb stops at the decompressed limit', async () => {
  const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024)); // 64 MB of zeros, ~64 KB on the wire
  const s = await serve((_req, res) => { res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }); res.end(bomb); });
  try {
    assert.ok(bomb.length < 1024 * 1024);
    await assert.rejects(safeFetch(`${s.base}/`, { allowPrivate: true, maxBytes: 1024 * 1024, maxDecodedBytes: 4 * 1024 * 1024 }),
      isErr('too_large', /decompresses to more than 4194304 bytes/));
  } finally { await s.close(); }
});

test('gzip and brotli bodies are decompressed', async () => {
  const html = '<html><body><p>Compressed page</p></body></html>';
  const s = await serve((req, res) => {
    const br = req.url === '/br';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': br ? 'br' : 'gzip' });
    res.end(br ? zlib.brotliCompressSync(html) : zlib.gzipSync(html));
  });
  try {
    assert.equal((await safeFetch(`${s.base}/gz`, { allowPrivate: true })).body.toString(), html);
    const r = await safeFetch(`${s.base}/br`, { allowPrivate: true });
    assert.equal(r.body.toString(), html);
    assert.equal(r.charset, 'utf-8');
  } finally { await s.close(); }
});

test('a redirect loop and a chain longer than 5 are refused; 5 redirects are followed', async () => {
  const s = await serve((req, res) => {
    const u = req.url ?? '/';
    if (u === '/loop-a') { res.writeHead(302, { location: '/loop-b' }); res.end(); return; }
    if (u === '/loop-b') { res.writeHead(302, { location: '/loop-a' }); res.end(); return; }
    const m = /^\/hop\/(\d+)$/.exec(u);
    if (m && Number(m[1]) > 0) { res.writeHead(301, { location: `/hop/${Number(m[1]) - 1}` }); res.end(); return; }
    res.writeHead(200, { 'content-type': 'text/plain' }); res.end('arrived');
  });
  try {
    await assert.rejects(safeFetch(`${s.base}/loop-a`, { allowPrivate: true }), isErr('redirect_loop', /redirect loop/));
    await assert.rejects(safeFetch(`${s.base}/hop/6`, { allowPrivate: true }), isErr('too_many_redirects', /more than 5 redirects/));
    const r = await safeFetch(`${s.base}/hop/5`, { allowPrivate: true });
    assert.equal(r.body.toString(), 'arrived');
    assert.equal(r.redirects.length, 5);
    assert.equal(r.url, `${s.base}/hop/0`);
  } finally { await s.close(); }
});

test('content types outside the accepted list are refused before the body is read', async () => {
  const s = await serve((_req, res) => { res.writeHead(200, { 'content-type': 'application/zip' }); res.end(Buffer.alloc(1000)); });
  try {
    await assert.rejects(safeFetch(`${s.base}/f.zip`, { allowPrivate: true, accept: ['text/html', 'application/rss+xml'] }),
      isErr('bad_content_type', /application\/zip is not one of/));
  } finally { await s.close(); }
});

test('only http and https URLs are fetched', async () => {
  await assert.rejects(safeFetch('file:///etc/passwd', { allowPrivate: true }), isErr('bad_url'));
  await assert.rejects(safeFetch('ftp://example.org/x', { allowPrivate: true }), isErr('bad_url'));
});

test('the client retries transient failures with backoff and gives up on permanent ones', async () => {
  let n = 0;
  const s = await serve((req, res) => {
    if (req.url === '/robots.txt') { res.writeHead(404); res.end(); return; }
    if (req.url === '/flaky') { n++; if (n < 3) { res.writeHead(503, { 'retry-after': '0' }); res.end(); return; } res.writeHead(200, { 'content-type': 'text/plain' }); res.end('third time'); return; }
    res.writeHead(404); res.end();
  });
  try {
    const c = new HttpClient({ allowPrivate: true, retries: 3, backoffBaseMs: 10, perHostIntervalMs: 0 });
    assert.equal((await c.get(`${s.base}/flaky`)).body.toString(), 'third time');
    assert.equal(c.stats.retries, 2);
    await assert.rejects(c.get(`${s.base}/gone`), isErr('http_status', /HTTP 404/));
    assert.equal(s.count('/gone'), 1, '404 is not retried');
  } finally { await s.close(); }
});
