/**
 * The OpenAPI document against the app: every route the app answers is documented and every documented
 * operation is a route; every documented parameter is accepted; every $ref resolves; and real
 * responses validate against the documented schemas.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appOver, filledStore, getJson, type Fixture } from './helpers.js';

let fx: Fixture;
let app: ReturnType<typeof appOver>;
let doc: any;
before(async () => {
  fx = await filledStore('openapi');
  app = appOver(fx.store, { token: 'doc-token' });
  doc = (await getJson(app, '/openapi.json')).body;
});
after(async () => { await fx?.cleanup(); });

const toOpenApi = (p: string) => p.replace(/:([A-Za-z_]+)/g, '{$1}');

/** A small validator for the JSON Schema subset the document uses. Returns the problems found. */
function validate(schema: any, value: unknown, at = '$'): string[] {
  if (schema.$ref) return validate(resolve(schema.$ref), value, at);
  const errs: string[] = [];
  for (const s of schema.allOf ?? []) errs.push(...validate(s, value, at));
  const types: string[] | undefined = schema.type === undefined ? undefined : Array.isArray(schema.type) ? schema.type : [schema.type];
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value;
  if (types && !types.some((t) => t === kind || (t === 'number' && kind === 'integer'))) return [...errs, `${at}: ${kind} is not ${types.join('|')}`];
  if (schema.enum && !schema.enum.includes(value)) errs.push(`${at}: ${JSON.stringify(value)} not in enum`);
  if (kind === 'object' && value) {
    const o = value as Record<string, unknown>;
    for (const k of schema.required ?? []) if (!(k in o)) errs.push(`${at}: missing ${k}`);
    for (const [k, v] of Object.entries(o)) {
      if (schema.properties?.[k]) errs.push(...validate(schema.properties[k], v, `${at}.${k}`));
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') errs.push(...validate(schema.additionalProperties, v, `${at}.${k}`));
    }
  }
  if (kind === 'array' && schema.items) (value as unknown[]).forEach((v, i) => errs.push(...validate(schema.items, v, `${at}[${i}]`)));
  return errs;
}
function resolve(ref: string): any {
  const m = /^#\/components\/schemas\/(.+)$/.exec(ref);
  const s = m && doc.components.schemas[m[1]!];
  if (!s) throw new Error(`unresolved ${ref}`);
  return s;
}

describe('the OpenAPI document', () => {
  test('is OpenAPI 3 with info, paths and components', () => {
    assert.match(doc.openapi, /^3\./);
    assert.ok(doc.info.title && doc.info.version);
    assert.ok(Object.keys(doc.paths).length >= 8);
  });

  test('every route of the app is documented, and every documented operation is a route', () => {
    const routes = new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method.toLowerCase()} ${toOpenApi(r.path)}`));
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]: [string, any]) => Object.keys(ops).map((m) => `${m} ${p}`)));
    assert.deepEqual([...routes].filter((r) => !documented.has(r)), [], 'routes missing from the document');
    assert.deepEqual([...documented].filter((r) => !routes.has(r)), [], 'documented operations the app lacks');
    // middleware (method ALL) is only global: headers, CORS, static files
    for (const r of app.routes.filter((x) => x.method === 'ALL')) assert.match(r.path, /^\/(\*|api\/\*)$/, r.path);
  });

  test('every $ref resolves and every operation documents its errors', () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const r of refs) resolve(JSON.parse(`{${r}}`).$ref);
    for (const [p, ops] of Object.entries<any>(doc.paths)) {
      for (const [m, op] of Object.entries<any>(ops)) {
        assert.ok(op.operationId && op.summary, `${m} ${p}`);
        if (op.parameters.length) assert.ok(op.responses[400], `${m} ${p} takes parameters but documents no 400`);
        for (const prm of op.parameters) if (prm.in === 'path') assert.ok(p.includes(`{${prm.name}}`), `${p} lacks {${prm.name}}`);
      }
    }
  });

  test('every documented query parameter is accepted by its route', async () => {
    const sample: Record<string, string> = {
      from: '2020-01-01', to: '2030-01-01', bbox: '-180,-90,180,90', near: '0,0,5000', type: 'Riots', sub_type: 'Mob violence',
      actor: 'police', country: 'SOM', source: 'radio', q: 'market', min_confidence: '0', limit: '5', by: 'week', cursor: '',
    };
    for (const [p, ops] of Object.entries<any>(doc.paths)) {
      const op = ops.get;
      if (!op || p.includes('{')) continue;
      for (const prm of op.parameters.filter((x: any) => x.in === 'query')) {
        assert.ok(prm.name in sample, `no sample value for ${prm.name}`);
        const r = await app.request(`${p}?${prm.name}=${encodeURIComponent(sample[prm.name]!)}`);
        assert.equal(r.status, 200, `${p}?${prm.name}: ${await r.text()}`);
      }
    }
  });

  test('responses validate against the documented schemas', async () => {
    const schemaOf = (p: string, m: string, status: number) => doc.paths[p][m].responses[status].content['application/json'].schema;
    const check = async (url: string, p: string, status = 200, init?: RequestInit) => {
      const r = await getJson(app, url, init);
      assert.equal(r.status, status, `${url}: ${JSON.stringify(r.body).slice(0, 300)}`);
      const errs = validate(schemaOf(p, (init?.method ?? 'get').toLowerCase(), status), r.body);
      assert.deepEqual(errs.slice(0, 10), [], url);
      return r.body;
    };
    await check('/api/health', '/api/health');
    await check('/api/config', '/api/config');
    const page = await check('/api/events?limit=100', '/api/events');
    await check('/api/events/points', '/api/events/points');
    await check('/api/stats?by=day', '/api/stats');
    await check('/api/events?limit=x', '/api/events', 400);
    for (const e of page.items) {
      const d = await check(`/api/events/${e.id}`, '/api/events/{id}');
      for (const a of d.accounts) await check(`/api/articles/${a.articleId}`, '/api/articles/{id}');
    }
    await check('/api/events/nope', '/api/events/{id}', 404);
    await check('/api/articles/nope', '/api/articles/{id}', 404);
    const auth = { authorization: 'Bearer doc-token', 'content-type': 'text/plain' };
    await check('/api/articles?published=2024-05-02', '/api/articles', 201, { method: 'POST', headers: auth,
      body: 'Protesters blocked the main road in Eldoret on Wednesday to demand the release of a detained activist, police said.' });
    await check('/api/articles', '/api/articles', 401, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    await check('/api/articles', '/api/articles', 415, { method: 'POST', headers: { ...auth, 'content-type': 'image/png' }, body: 'x' });
  });
});
