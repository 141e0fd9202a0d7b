/**
 * The HTTP API in process (app.request) over a temporary SQLite store filled through the real
 * pipeline: filters, pagination, detail with evidence and claims side by side, articles, stats,
 * ingest behind the bearer token, limits, CORS, and the error body {code, message, field}.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appOver, filledStore, getJson, type Fixture } from './helpers.js';
import { prediction } from '../store/helpers.js';

let fx: Fixture;
let app: ReturnType<typeof appOver>;
before(async () => { fx = await filledStore('api'); app = appOver(fx.store); });
after(async () => { await fx?.cleanup(); });

/** Every event the filter matches, walking all pages. */
async function all(query: string, limit = 7): Promise<any[]> {
  const out: any[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 200; i++) {
    const r: { status: number; body: any } = await getJson(app, `/api/events?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    out.push(...r.body.items);
    cursor = r.body.next;
    if (!cursor) return out;
  }
  throw new Error('pagination does not end');
}

const isError = (b: any, code: string, field?: string | null) => {
  assert.equal(b.code, code, JSON.stringify(b));
  assert.equal(typeof b.message, 'string');
  assert.ok(b.message.length > 10);
  if (field !== undefined) assert.equal(b.field, field);
};

describe('GET /api/health and /api/config', () => {
  test('health counts what was ingested', async () => {
    const r = await getJson(app, '/api/health');
    assert.equal(r.status, 200);
    assert.equal(r.body.status, 'ok');
    assert.equal(r.body.store, 'sqlite');
    assert.equal(r.body.articles, 9);
    assert.ok(r.body.events >= 8, `events: ${r.body.events}`);
    assert.equal(r.body.ingest, 'disabled');
  });
  test('config gives the taxonomy and no tile URL by default', async () => {
    const r = await getJson(app, '/api/config');
    assert.equal(r.status, 200);
    assert.equal(r.body.tiles.url, null);
    assert.ok(r.body.eventTypes.includes('Riots'));
  });
});

describe('GET /api/events', () => {
  test('pages with a cursor walk every event once, newest first', async () => {
    const paged = await all('', 3);
    const whole = (await getJson(app, '/api/events?limit=500')).body.items;
    assert.equal(paged.length, whole.length);
    assert.equal(new Set(paged.map((e) => e.id)).size, paged.length);
    assert.deepEqual(paged.map((e) => e.id), whole.map((e: any) => e.id));
    const dated = paged.filter((e) => e.date);
    for (let i = 1; i < dated.length; i++) assert.ok(dated[i - 1].date >= dated[i].date);
    for (const e of paged) assert.ok(e.date === null || /^\d{4}-\d{2}-\d{2}/.test(e.date), e.date);
  });

  test('type filter keeps only that type (repeated or comma-separated)', async () => {
    const riots = await all('type=Riots');
    assert.ok(riots.length >= 2);
    for (const e of riots) assert.equal(e.eventType, 'Riots');
    const two = await all('type=Riots&type=Explosions%2FRemote%20violence');
    const comma = await all('type=riots,explosions%2Fremote%20violence');
    assert.deepEqual(two.map((e) => e.id), comma.map((e) => e.id));
    assert.ok(two.length > riots.length);
    for (const e of two) assert.ok(['Riots', 'Explosions/Remote violence'].includes(e.eventType));
  });

  test('bbox, near and country select by place', async () => {
    const somalia = await all('bbox=40,-2,52,12');
    assert.ok(somalia.some((e) => e.location.text.toLowerCase() === 'beledweyne'));
    for (const e of somalia) {
      assert.ok(e.location.lon >= 40 && e.location.lon <= 52 && e.location.lat >= -2 && e.location.lat <= 12, JSON.stringify(e.location));
    }
    const near = await all('near=4.74,45.2,30');
    assert.ok(near.length >= 1);
    for (const e of near) assert.equal(e.location.text.toLowerCase(), 'beledweyne', 'the town, whether named in the text or the dateline');
    const ken = await all('country=ken');
    assert.ok(ken.length >= 1);
    for (const e of ken) assert.equal(e.location.country, 'KEN');
  });

  test('from and to bound the event date; undated events are left out', async () => {
    const r = await all('from=2024-03-01&to=2024-03-31');
    assert.ok(r.length >= 1);
    for (const e of r) assert.ok(e.date >= '2024-03-01' && e.date <= '2024-03-31', e.date);
    const to = await all('to=2023-12-31');
    for (const e of to) assert.ok(e.date && e.date <= '2023-12-31', String(e.date));
  });

  test('actor, source and full text', async () => {
    const src = await all('source=horn%20daily');
    assert.ok(src.length >= 1);
    for (const e of src) assert.ok(e.sources.includes('Horn Daily Monitor'), e.sources.join());
    const q = await all('q=livestock%20market');
    assert.ok(q.some((e) => e.location.text === 'Beledweyne'));
    for (const e of q) {
      const d = (await getJson(app, `/api/events/${e.id}`)).body;
      const texts = await Promise.all(d.accounts.map(async (a: any) => (await getJson(app, `/api/articles/${a.articleId}`)).body.text.toLowerCase()));
      assert.ok(texts.some((t) => t.includes('livestock') && t.includes('market')), e.id);
    }
    const actor = await all('actor=police');
    assert.ok(actor.length >= 1);
    for (const e of actor) assert.match(JSON.stringify([e.actor1, e.actor2]).toLowerCase() + (await getJson(app, `/api/events/${e.id}`)).body.accounts.map((a: any) => `${a.values.actor1} ${a.values.actor2}`).join(' ').toLowerCase(), /police/);
    const none = await getJson(app, '/api/events?q=zzzunheardofword');
    assert.equal(none.status, 200);
    assert.deepEqual(none.body.items, []);
    assert.equal(none.body.next, null);
  });

  test('bad parameters are 400 with the field named', async () => {
    const cases: [string, string, string][] = [
      ['from=2024-13-01', 'invalid_parameter', 'from'],
      ['from=yesterday', 'invalid_parameter', 'from'],
      ['from=2024-03-10&to=2024-03-01', 'invalid_parameter', 'to'],
      ['bbox=1,2,3', 'invalid_parameter', 'bbox'],
      ['bbox=10,20,30,10', 'invalid_parameter', 'bbox'],
      ['bbox=10,0,200,10', 'invalid_parameter', 'bbox'],
      ['near=1,2', 'invalid_parameter', 'near'],
      ['near=1,2,0', 'invalid_parameter', 'near'],
      ['type=Skirmish', 'invalid_parameter', 'type'],
      ['sub_type=Ambush', 'invalid_parameter', 'sub_type'],
      ['country=Somalia', 'invalid_parameter', 'country'],
      ['limit=0', 'invalid_parameter', 'limit'],
      ['limit=501', 'invalid_parameter', 'limit'],
      ['limit=ten', 'invalid_parameter', 'limit'],
      ['limit=5&limit=6', 'invalid_parameter', 'limit'],
      ['cursor=not-a-cursor', 'invalid_parameter', 'cursor'],
      ['min_confidence=2', 'invalid_parameter', 'min_confidence'],
      [`q=${'x'.repeat(201)}`, 'invalid_parameter', 'q'],
      ['typo=1', 'unknown_parameter', 'typo'],
    ];
    for (const [q, code, field] of cases) {
      const r = await getJson(app, `/api/events?${q}`);
      assert.equal(r.status, 400, q);
      assert.match(r.res.headers.get('content-type') ?? '', /application\/json/);
      isError(r.body, code, field);
    }
  });
});

describe('GET /api/events/points', () => {
  test('one row per event, in the order of the fields', async () => {
    const whole = (await getJson(app, '/api/events?limit=500')).body.items;
    const r = await getJson(app, '/api/events/points');
    assert.equal(r.status, 200);
    assert.equal(r.body.count, whole.length);
    assert.equal(r.body.truncated, false);
    assert.deepEqual(r.body.fields.slice(0, 3), ['id', 'date', 'type']);
    assert.deepEqual(r.body.rows.map((x: any[]) => x[0]), whole.map((e: any) => e.id));
    const t = await getJson(app, '/api/events/points?type=Riots&limit=1');
    assert.equal(t.body.count, 1);
    assert.equal(t.body.truncated, true);
    assert.equal(t.body.rows[0][2], 'Riots');
  });
});

describe('GET /api/events/{id}', () => {
  test('two outlets on one bombing: fused, sources and differing tolls side by side, evidence spans', async () => {
    const ids = (await all('near=4.74,45.2,30&type=Explosions%2FRemote%20violence')).map((e) => e.id);
    const details = await Promise.all(ids.map(async (id) => (await getJson(app, `/api/events/${id}`)).body));
    const d = details.find((x) => x.sources.length >= 2);
    assert.ok(d, `no Beledweyne event with two sources: ${JSON.stringify(details.map((x) => x.sources))}`);
    assert.deepEqual(d.sources.map((s: any) => s.outlet).sort(), ['Horn Daily Monitor', 'Shabelle Coast Radio']);
    assert.ok(d.accounts.length >= 2);
    const tolls = d.comparison.find((r: any) => r.field === 'fatalities');
    assert.equal(tolls.differs, true, JSON.stringify(tolls));
    assert.ok(tolls.values.some((v: any) => v.value === 21));
    assert.ok(d.history.some((h: any) => h.action === 'create'));
    assert.ok(d.evidence.length >= 2);
    for (const ev of d.evidence) {
      const art = (await getJson(app, `/api/articles/${ev.articleId}`)).body;
      assert.equal(art.text.slice(ev.excerpt.start, ev.excerpt.end), ev.excerpt.text);
      assert.ok(ev.spans.length >= 2);
      for (const s of ev.spans) {
        assert.equal(art.text.slice(s.start, s.end), s.text);
        assert.ok(s.start >= ev.excerpt.start && s.end <= ev.excerpt.end);
      }
      assert.ok(ev.spans.some((s: any) => s.field === 'location' && s.text === 'Beledweyne'));
    }
    // the claims each source makes, and who makes them
    assert.ok(d.accounts.some((a: any) => a.claims.some((c: any) => c.field === 'fatalities' && c.by)));
  });

  test('a contested account marks the event contested', async () => {
    const text = 'TALATA MAFARA, Nigeria — Gunmen killed 11 villagers in Talata Mafara on Sunday, police said; a local leader said 30 died.';
    const article = { id: 'talata-mafara-contested', text, published: '2024-01-15', outlet: 'Sahel Dispatch' };
    const p = prediction(article, [{ event_type: 'Violence against civilians', sub_event_type: 'Attack', date: '2024-01-14', fatalities: 11, contested: true,
      place: { text: 'Talata Mafara', lat: 12.567, lon: 6.066, country: 'NGA' }, actor1: { text: 'Gunmen', kind: 'unknown' },
      claims: [{ by: 'police', start: 90, end: 96, says: null, field: 'fatalities', value: 11 }, { by: 'a local leader', start: 98, end: 112, says: null, field: 'fatalities', value: 30 }] }]);
    const o = await fx.store.ingest(article, p, { pipelineVersion: 'test', runId: null });
    const m = (await fx.store.getArticle(o.articleId))!.mentions[0]!;
    const d = (await getJson(app, `/api/events/${m.eventId}`)).body;
    assert.equal(d.contested, true);
    assert.deepEqual(d.accounts[0].claims.map((c: any) => [c.by, c.value]), [['police', 11], ['a local leader', 30]]);
    assert.equal(d.accounts[0].label, 'Sahel Dispatch');
  });

  test('unknown ids are 404 event_not_found', async () => {
    const r = await getJson(app, '/api/events/ev0000000000000');
    assert.equal(r.status, 404);
    isError(r.body, 'event_not_found', 'id');
    const q = await getJson(app, '/api/events/ev0000000000000?x=1');
    assert.equal(q.status, 400);
  });
});

describe('GET /api/articles/{id}', () => {
  test('text, outlet and every mention with spans into the text', async () => {
    const ev = (await all('source=lakeside'))[0];
    const d = (await getJson(app, `/api/events/${ev.id}`)).body;
    const r = await getJson(app, `/api/articles/${d.accounts[0].articleId}`);
    assert.equal(r.status, 200);
    assert.equal(r.body.outlet, 'Lakeside Courier');
    assert.equal(r.body.published, '2024-02-14');
    assert.match(r.body.text, /<script>window.__sitrepXss = 1<\/script>/); // kept as given: spans point into it
    assert.ok(r.body.mentions.length >= 1);
    for (const m of r.body.mentions) {
      assert.ok(m.eventId);
      for (const s of m.spans) assert.equal(r.body.text.slice(s.start, s.end), s.text);
    }
    const nf = await getJson(app, '/api/articles/a000000000000000');
    assert.equal(nf.status, 404);
    isError(nf.body, 'article_not_found', 'id');
  });
});

describe('GET /api/stats', () => {
  test('series stacked by type add up; by type and by country', async () => {
    for (const by of ['day', 'week', 'month']) {
      const r = await getJson(app, `/api/stats?by=${by}`);
      assert.equal(r.status, 200);
      const inSeries = r.body.series.reduce((s: number, b: any) => s + b.total, 0);
      assert.equal(inSeries + r.body.undated, r.body.total);
      for (const b of r.body.series) assert.equal(Object.values(b.types).reduce((s: number, n: any) => s + n, 0), b.total);
      assert.equal(r.body.byType.reduce((s: number, x: any) => s + x.count, 0), r.body.total);
      assert.equal(r.body.byCountry.reduce((s: number, x: any) => s + x.count, 0), r.body.total);
    }
    const w = await getJson(app, '/api/stats?by=week&type=Riots');
    assert.deepEqual(w.body.byType.map((x: any) => x.key), ['Riots']);
    for (const b of w.body.series) {
      assert.match(b.key, /^\d{4}-\d{2}-\d{2}$/);
      assert.equal(new Date(`${b.key}T00:00:00Z`).getUTCDay(), 1, `${b.key} is a Monday`);
    }
    const bad = await getJson(app, '/api/stats?by=year');
    assert.equal(bad.status, 400);
    isError(bad.body, 'invalid_parameter', 'by');
  });
});

describe('POST /api/articles', () => {
  const TEXT = 'GAROWE, Somalia — Gunmen attacked a police station in Garowe on Monday, killing three officers, ' +
    'a regional security official said. The attackers fled before reinforcements arrived, residents said.';
  const post = (a: ReturnType<typeof appOver>, body: string, headers: Record<string, string>, q = '') =>
    getJson(a, `/api/articles${q}`, { method: 'POST', body, headers });

  test('off without a token', async () => {
    const r = await post(app, TEXT, { 'content-type': 'text/plain', authorization: 'Bearer x' });
    assert.equal(r.status, 403);
    isError(r.body, 'ingest_disabled', null);
  });

  test('bearer token, text and JSON bodies, idempotent, limits', async () => {
    const a = appOver(fx.store, { token: 's3cret-token', maxBodyBytes: 4096 });
    const none = await post(a, TEXT, { 'content-type': 'text/plain' });
    assert.equal(none.status, 401);
    assert.match(none.res.headers.get('www-authenticate') ?? '', /Bearer/);
    isError(none.body, 'unauthorized', 'Authorization');
    const wrong = await post(a, TEXT, { 'content-type': 'text/plain', authorization: 'Bearer s3cret-tokeN' });
    assert.equal(wrong.status, 401);

    const auth = { authorization: 'Bearer s3cret-token' };
    const ok = await post(a, TEXT, { ...auth, 'content-type': 'text/plain; charset=utf-8' }, '?published=2024-04-02&outlet=Puntland%20Post&id=garowe');
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.equal(ok.body.status, 'stored');
    assert.ok(ok.body.mentions >= 1);
    assert.ok(ok.body.eventIds.length >= 1);
    assert.equal(ok.res.headers.get('location'), `/api/articles/${ok.body.articleId}`);
    const art = (await getJson(a, `/api/articles/${ok.body.articleId}`)).body;
    assert.equal(art.outlet, 'Puntland Post');
    assert.equal(art.published, '2024-04-02');
    const ev = (await getJson(a, `/api/events/${ok.body.eventIds[0]}`)).body;
    assert.equal(ev.event.location.text, 'Garowe');
    const again = await post(a, TEXT, { ...auth, 'content-type': 'text/plain' }, '?published=2024-04-02&outlet=Puntland%20Post');
    assert.equal(again.status, 200);
    assert.equal(again.body.status, 'unchanged');

    const rec = JSON.stringify({ id: 'bosaso-json', text: TEXT.replace(/Garowe/g, 'Bosaso').replace('GAROWE', 'BOSASO'), published: '2024-04-03', outlet: 'Gulf Herald' });
    const js = await post(a, rec, { ...auth, 'content-type': 'application/json' });
    assert.equal(js.status, 201, JSON.stringify(js.body));

    const html = await post(a, `<html><head><title>Clash in Galkayo</title></head><body><article><p>${TEXT.replace(/Garowe/g, 'Galkayo').replace('GAROWE', 'GALKAYO')}</p></article></body></html>`,
      { ...auth, 'content-type': 'text/html' }, '?published=2024-04-04');
    assert.equal(html.status, 201, JSON.stringify(html.body));

    const empty = await post(a, '   ', { ...auth, 'content-type': 'text/plain' });
    assert.equal(empty.status, 400);
    isError(empty.body, 'E002_INPUT_EMPTY', 'body');
    const badJson = await post(a, '{"text": ', { ...auth, 'content-type': 'application/json' });
    assert.equal(badJson.status, 400);
    isError(badJson.body, 'E006_BAD_JSONL', 'body');
    const arr = await post(a, '[{"text":"x"}]', { ...auth, 'content-type': 'application/json' });
    assert.equal(arr.status, 400);
    isError(arr.body, 'invalid_body', 'body');
    const media = await post(a, TEXT, { ...auth, 'content-type': 'application/pdf' });
    assert.equal(media.status, 415);
    isError(media.body, 'unsupported_media_type', 'Content-Type');
    const big = await post(a, 'x'.repeat(5000), { ...auth, 'content-type': 'text/plain' });
    assert.equal(big.status, 413);
    isError(big.body, 'body_too_large', 'body');
    const badDate = await post(a, TEXT, { ...auth, 'content-type': 'text/plain' }, '?published=04/02/2024');
    assert.equal(badDate.status, 400);
    isError(badDate.body, 'invalid_parameter', 'published');
  });
});

describe('cross-cutting', () => {
  test('CORS is off by default and on for configured origins only', async () => {
    const off = await app.request('/api/events', { headers: { origin: 'https://elsewhere.example' } });
    assert.equal(off.headers.get('access-control-allow-origin'), null);
    const a = appOver(fx.store, { corsOrigins: ['https://analyst.example'] });
    const on = await a.request('/api/events', { headers: { origin: 'https://analyst.example' } });
    assert.equal(on.headers.get('access-control-allow-origin'), 'https://analyst.example');
    const other = await a.request('/api/events', { headers: { origin: 'https://elsewhere.example' } });
    assert.notEqual(other.headers.get('access-control-allow-origin'), 'https://elsewhere.example');
  });

  test('unknown routes and methods are JSON 404s; responses carry nosniff and a CSP', async () => {
    const r = await getJson(app, '/api/nothing-here');
    assert.equal(r.status, 404);
    isError(r.body, 'not_found', null);
    const m = await getJson(app, '/api/events', { method: 'DELETE' });
    assert.equal(m.status, 404);
    const h = await app.request('/api/health');
    assert.equal(h.headers.get('x-content-type-options'), 'nosniff');
    assert.match(h.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  });

  test('the dashboard route says how to build it when web/dist is absent', async () => {
    const r = await app.request('/');
    assert.equal(r.status, 404);
    assert.match(await r.text(), /npm run build:web/);
  });
});
