import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blockedReason, v6Groups } from './address.js';
import { safeFetch, FetchError, type Resolver } from './fetch.js';
import { serve } from '../../test/feeds/helpers.js';

test('IPv4 private, loopback, link-local and other non-public ranges are refused', () => {
  for (const ip of ['127.0.0.1', '127.255.255.254', '10.0.0.1', '10.255.1.2', '172.16.0.1', '172.31.255.255', '192.168.1.1',
    '169.254.169.254', '0.0.0.0', '100.64.0.1', '224.0.0.1', '255.255.255.255', '192.0.2.10']) {
    assert.ok(blockedReason(ip), `${ip} should be refused`);
  }
  for (const ip of ['8.8.8.8', '1.1.1.1', '172.15.255.255', '172.32.0.1', '192.169.0.1', '169.253.1.1', '11.0.0.1', '126.255.255.255']) {
    assert.equal(blockedReason(ip), null, `${ip} is public`);
  }
});

test('IPv6 loopback, unique-local, link-local and IPv4-mapped forms are refused', () => {
  for (const ip of ['::1', '::', 'fc00::1', 'fd12:3456:789a::1', 'fe80::1', 'fe80::1%eth0', 'febf::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1',
    '::ffff:7f00:1', '::ffff:a9fe:a9fe', '0:0:0:0:0:ffff:192.168.0.1', '64:ff9b::10.0.0.1', '2002:7f00:1::', '::127.0.0.1', 'ff02::1', '[::1]']) {
    assert.ok(blockedReason(ip), `${ip} should be refused`);
  }
  for (const ip of ['2001:4860:4860::8888', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808']) {
    assert.equal(blockedReason(ip), null, `${ip} is public`);
  }
  assert.deepEqual(v6Groups('::ffff:1.2.3.4'), [0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]);
  assert.equal(blockedReason('not-an-ip'), 'not an IP address');
});

test('a URL on 10.0.0.1 is refused by the address check, before any connection', async () => {
  // the resolver would be asked for names only; an IP literal is judged before a socket exists
  const resolve: Resolver = async () => { throw new Error('must not resolve'); };
  await assert.rejects(safeFetch('http://10.0.0.1/feed.xml', { resolve, timeoutMs: 2000 }),
    (e: unknown) => e instanceof FetchError && e.code === 'blocked_address' && /10\.0\.0\.1 is a private address/.test(e.message));
  // a name that resolves to 10.0.0.1 is refused by the same check, after resolution, before connecting
  await assert.rejects(safeFetch('http://news.example.test/', { resolve: async () => [{ address: '10.0.0.1', family: 4 }], timeoutMs: 2000 }),
    (e: unknown) => e instanceof FetchError && e.code === 'blocked_address' && /resolves to 10\.0\.0\.1/.test(e.message));
  // IPv4-mapped IPv6 spelling of it too
  await assert.rejects(safeFetch('http://[::ffff:10.0.0.1]/', { timeoutMs: 2000 }), (e: unknown) => e instanceof FetchError && e.code === 'blocked_address');
});

test('a URL that resolves to 127.0.0.1 is refused unless private addresses are allowed', async () => {
  const s = await serve((_req, res) => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end('hello'); });
  try {
    await assert.rejects(safeFetch(`${s.base}/x`), (e: unknown) => e instanceof FetchError && e.code === 'blocked_address');
    await assert.rejects(safeFetch(`http://localhost:${s.port}/x`), (e: unknown) => e instanceof FetchError && e.code === 'blocked_address');
    await assert.rejects(safeFetch(`http://loopback.example.test:${s.port}/x`, { resolve: async () => [{ address: '127.0.0.1', family: 4 }] }),
      (e: unknown) => e instanceof FetchError && e.code === 'blocked_address');
    assert.equal(s.hits.length, 0, 'no request reached the server');
    const ok = await safeFetch(`${s.base}/x`, { allowPrivate: true });
    assert.equal(ok.body.toString(), 'hello');
    assert.equal(ok.address, '127.0.0.1');
  } finally { await s.close(); }
});

test('the socket connects to the address that was checked (a rebinding resolver cannot redirect it)', async () => {
  const s = await serve((_req, res) => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end('ok'); });
  // policy for this test: 127.0.0.1 stands for "public", everything else private
  const policy = (ip: string) => (ip === '127.0.0.1' ? null : 'private');
  let calls = 0;
  // first answer public, later answers private: resolution happens once per connection, and that one is used
  const rebinding: Resolver = async () => (calls++ === 0 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.0.0.1', family: 4 }]);
  try {
    const r = await safeFetch(`http://rebind.example.test:${s.port}/a`, { resolve: rebinding, addressPolicy: policy });
    assert.equal(r.address, '127.0.0.1');
    assert.equal(calls, 1);
    // a name with one good and one private address is refused outright
    await assert.rejects(safeFetch(`http://mixed.example.test:${s.port}/a`, {
      resolve: async () => [{ address: '127.0.0.1', family: 4 }, { address: '10.0.0.1', family: 4 }], addressPolicy: policy,
    }), (e: unknown) => e instanceof FetchError && e.code === 'blocked_address');
  } finally { await s.close(); }
});

test('every redirect hop is checked again: a redirect to a private address is refused', async () => {
  const policy = (ip: string) => (ip === '127.0.0.1' ? null : 'private');
  const s = await serve((req, res) => {
    if (req.url === '/start') { res.writeHead(302, { location: 'http://10.0.0.1/internal' }); res.end(); return; }
    if (req.url === '/via-name') { res.writeHead(301, { location: `http://metadata.example.test:${s.port}/latest` }); res.end(); return; }
    res.writeHead(200); res.end('should not get here');
  });
  const resolve: Resolver = async (h) => (h === 'metadata.example.test' ? [{ address: '169.254.169.254', family: 4 }] : [{ address: '127.0.0.1', family: 4 }]);
  try {
    await assert.rejects(safeFetch(`${s.base}/start`, { addressPolicy: policy, resolve }),
      (e: unknown) => e instanceof FetchError && e.code === 'blocked_address' && /10\.0\.0\.1/.test(e.message));
    await assert.rejects(safeFetch(`${s.base}/via-name`, { addressPolicy: policy, resolve }),
      (e: unknown) => e instanceof FetchError && e.code === 'blocked_address' && /169\.254\.169\.254/.test(e.message));
    assert.deepEqual(s.hits.map((h) => h.path), ['/start', '/via-name']);
  } finally { await s.close(); }
});
