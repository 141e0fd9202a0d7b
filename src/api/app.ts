/**
 * The HTTP API as a Hono app, apart from any server: `createApp({store, config})` returns an app whose
 * `fetch` (or `app.request`) answers requests in process; `sitrep serve` (src/cli/serve.ts) puts it on
 * a port. Routes parse their input with params.ts, call the store port, shape with views.ts; every
 * error becomes a response in one place (errors.ts, through onError/notFound). openapi.ts documents
 * exactly these routes (test/api/openapi.test.ts checks both ways).
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { serveStatic } from '@hono/node-server/serve-static';
import { articleFromString, type InputKind } from '../io/index.js';
import { EVENT_TYPES, SUB_EVENT_TYPES } from '../model/taxonomy.js';
import { extractBatch } from '../run/extract-batch.js';
import type { Store, StoredArticle } from '../store/port.js';
import { pipelineVersion } from '../store/version.js';
import { ROOT } from '../util/lexicon.js';
import type { ServeConfig } from './config.js';
import { DEFAULT_CONFIG } from './config.js';
import { ApiError, errorResponse } from './errors.js';
import {
  FILTER_PARAMS, cursorParam, dateParam, enumParam, idParam, intParam, readPath, readQuery, textParam, toFilter,
} from './params.js';
import { articleView, eventDetail, publicEvent, realDate } from './views.js';
import { openapiDocument } from './openapi.js';

export interface AppOptions {
  readonly store: Store;
  readonly config?: ServeConfig;
  /** The built dashboard (web/dist); served at / when given. */
  readonly webRoot?: string | null;
  readonly log?: (msg: string) => void;
}

/** Parameter sets of the routes (openapi.ts documents them from here). */
export function routeParams(cfg: ServeConfig) {
  return {
    events: {
      ...FILTER_PARAMS,
      limit: intParam(`Events per page (at most ${cfg.maxPageSize}).`, 1, cfg.maxPageSize, cfg.pageSize),
      cursor: cursorParam,
    },
    points: {
      ...FILTER_PARAMS,
      limit: intParam(`Most points returned (at most ${cfg.maxPoints}); "truncated" says when more matched.`, 1, cfg.maxPoints, cfg.maxPoints),
    },
    stats: {
      ...FILTER_PARAMS,
      by: enumParam(['day', 'week', 'month'] as const, 'Time bucket of the series (weeks start on Monday).', 'week'),
    },
    eventId: { id: idParam('Event id (an id merged into another event redirects to it).') },
    articleId: { id: idParam('Article id (as stored: "a" + 15 hex digits).') },
    ingest: {
      id: textParam('A name for the article (text bodies; JSON records carry their own "id").', 200),
      published: dateParam('Publication date (YYYY-MM-DD) when the body gives none.'),
      url: textParam('The article\'s URL (identifies it across re-submissions).', 2000),
      outlet: textParam('The outlet that published it.', 200),
      title: textParam('The article\'s title.', 500),
    },
    none: {},
  };
}

const POINT_FIELDS = ['id', 'date', 'type', 'sub_type', 'lat', 'lon', 'precision', 'fatalities', 'contested', 'country'] as const;

function bearerOk(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return false;
  // compare digests: equal length, constant time
  const a = createHash('sha256').update(m[1]!).digest(), b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

const CSP = (tileUrl: string | null) => {
  const tileOrigin = tileUrl ? ` ${new URL(tileUrl.replace(/\{[a-z]\}/g, '0')).origin}` : '';
  return `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:${tileOrigin}; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'`;
};

export function createApp(opts: AppOptions): Hono {
  const cfg = opts.config ?? DEFAULT_CONFIG;
  const store = opts.store;
  const log = opts.log ?? ((m: string) => process.stderr.write(m + '\n'));
  const P = routeParams(cfg);
  const app = new Hono();

  // ------------------------------------------------------------ errors: the one place
  app.onError((e) => errorResponse(e, log));
  app.notFound((c) => errorResponse(new ApiError(404, 'not_found', `no route ${c.req.method} ${new URL(c.req.url).pathname}; see /openapi.json`)));

  // ------------------------------------------------------------ headers, CORS (off unless configured)
  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    if (!c.res.headers.get('content-security-policy')) c.header('Content-Security-Policy', CSP(cfg.tiles.url));
  });
  if (cfg.corsOrigins.length) app.use('/api/*', cors({ origin: [...cfg.corsOrigins], allowHeaders: ['Authorization', 'Content-Type'], allowMethods: ['GET', 'POST'] }));

  // ------------------------------------------------------------ reads
  app.get('/api/health', async (c) => {
    let s: { articles: number; mentions: number; events: number };
    try { s = await store.stats(); } catch (e) { throw new ApiError(503, 'store_unavailable', `the store does not answer: ${(e as Error).message}`); }
    return c.json({ status: 'ok', store: store.dialect, pipelineVersion: pipelineVersion(), ...s, ingest: cfg.token ? 'enabled' : 'disabled' });
  });

  app.get('/api/config', (c) => {
    readQuery(c.req.url, P.none);
    return c.json({
      tiles: cfg.tiles, pageSize: cfg.pageSize, maxPageSize: cfg.maxPageSize, maxPoints: cfg.maxPoints,
      eventTypes: EVENT_TYPES, subEventTypes: SUB_EVENT_TYPES,
    });
  });

  app.get('/api/events', async (c) => {
    const q = readQuery(c.req.url, P.events);
    const page = await store.queryEvents(toFilter(q), { limit: q.limit, cursor: q.cursor ?? null });
    return c.json({ items: page.items.map(publicEvent), next: page.next, limit: q.limit });
  });

  app.get('/api/events/points', async (c) => {
    const q = readQuery(c.req.url, P.points);
    const r = await store.eventPoints(toFilter(q), q.limit);
    return c.json({
      count: r.items.length, truncated: r.truncated, fields: POINT_FIELDS,
      rows: r.items.map((p) => [p.id, realDate(p.date), p.eventType, p.subEventType, p.lat, p.lon, p.precision, p.fatalities, p.contested, p.country]),
    });
  });

  app.get('/api/events/:id', async (c) => {
    const id = readPath(c.req.param('id'), 'id', P.eventId.id);
    readQuery(c.req.url, P.none);
    const event = await store.getEvent(id);
    if (!event) {
      const now = await store.resolveEventId(id);
      if (now && now !== id) return c.redirect(`/api/events/${encodeURIComponent(now)}`, 301);
      throw new ApiError(404, 'event_not_found', `no event "${id}"`, 'id');
    }
    const [mentions, history] = await Promise.all([store.eventMentions(id), store.history(id)]);
    const articles = new Map<string, StoredArticle>();
    for (const aid of new Set(mentions.map((m) => m.articleId))) {
      const a = await store.getArticle(aid);
      if (a) articles.set(aid, a);
    }
    return c.json(eventDetail(event, mentions, articles, history));
  });

  app.get('/api/articles/:id', async (c) => {
    const id = readPath(c.req.param('id'), 'id', P.articleId.id);
    readQuery(c.req.url, P.none);
    const a = await store.getArticle(id);
    if (!a) throw new ApiError(404, 'article_not_found', `no article "${id}"`, 'id');
    return c.json(articleView(a));
  });

  app.get('/api/stats', async (c) => {
    const q = readQuery(c.req.url, P.stats);
    const f = toFilter(q);
    const [byType, byCountry, totals] = await Promise.all([store.countEvents(f, 'type'), store.countEvents(f, 'country'), store.stats()]);
    const buckets = new Map<string, { key: string; total: number; types: Record<string, number> }>();
    let undated = 0;
    for (const t of byType) {
      for (const r of await store.countEvents({ ...f, eventType: t.key }, q.by)) {
        if (!r.key || r.key.startsWith('0000')) { undated += r.count; continue; }
        const b = buckets.get(r.key) ?? { key: r.key, total: 0, types: {} };
        b.total += r.count;
        b.types[t.key] = r.count;
        buckets.set(r.key, b);
      }
    }
    return c.json({
      total: byType.reduce((s, r) => s + r.count, 0), undated, by: q.by,
      series: [...buckets.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
      byType, byCountry, store: totals,
    });
  });

  // feed health from \`sitrep watch\` (src/feeds/state.ts: tables beside the store's, created on first use)
  app.get('/api/feeds', async (c) => {
    readQuery(c.req.url, P.none);
    const { FeedState } = await import('../feeds/state.js');
    return c.json({ items: await (await FeedState.open(store)).health() });
  });

  // ------------------------------------------------------------ ingest (bearer token)
  app.post('/api/articles',
    async (c, next) => {
      if (!cfg.token) throw new ApiError(403, 'ingest_disabled', 'ingest over HTTP is off: set SITREP_API_TOKEN (or "token" in config/serve.json) and restart');
      if (!bearerOk(c.req.header('authorization'), cfg.token)) {
        throw new ApiError(401, 'unauthorized', 'send "Authorization: Bearer <token>" with the configured token', 'Authorization', { 'WWW-Authenticate': 'Bearer realm="sitrep"' });
      }
      await next();
    },
    bodyLimit({ maxSize: cfg.maxBodyBytes, onError: () => { throw new ApiError(413, 'body_too_large', `the body is over ${cfg.maxBodyBytes} bytes`, 'body'); } }),
    async (c) => ingestRoute(c, store, P.ingest));

  app.get('/openapi.json', (c) => {
    readQuery(c.req.url, P.none);
    return c.json(openapiDocument(cfg));
  });

  // ------------------------------------------------------------ the dashboard (static files)
  const web = opts.webRoot === undefined ? defaultWebRoot() : opts.webRoot;
  if (web) {
    app.use('*', serveStatic({
      root: web,
      onFound: (p, c) => { c.header('Cache-Control', /\/assets\//.test(p) ? 'public, max-age=31536000, immutable' : 'no-cache'); },
    }));
  }
  app.use('*', async (c, next) => {
    if (c.req.method === 'GET' && new URL(c.req.url).pathname === '/' && !web) {
      return c.text('The dashboard is not built: run `npm run build:web`, then restart `sitrep serve`. The API is at /api/… (see /openapi.json).\n', 404);
    }
    await next();
  });
  return app;
}

export function defaultWebRoot(): string | null {
  const p = path.join(ROOT, 'web', 'dist');
  return existsSync(path.join(p, 'index.html')) ? p : null;
}

const KINDS: Record<string, InputKind> = { 'text/plain': 'text', 'text/html': 'html', 'application/xhtml+xml': 'html', 'application/json': 'json' };

async function ingestRoute(c: Context, store: Store, params: ReturnType<typeof routeParams>['ingest']): Promise<Response> {
  const q = readQuery(c.req.url, params);
  const ctype = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const kind = KINDS[ctype];
  if (!kind) throw new ApiError(415, 'unsupported_media_type', `send text/plain, text/html or application/json (got "${ctype || 'none'}")`, 'Content-Type');
  const body = await c.req.text();
  if (kind === 'json') {
    const t = body.trimStart();
    if (t.startsWith('[')) throw new ApiError(400, 'invalid_body', 'send one article per request: a JSON object {"text", "id"?, "published"?, "url"?, "outlet"?, "title"?}', 'body');
  }
  const r = articleFromString(q.id ?? 'api-article', body, kind, { published: q.published ?? null, origin: 'POST /api/articles' });
  if (!r.ok) throw new ApiError(r.error.code === 'E003_INPUT_BINARY' ? 415 : 400, r.error.code, `${r.error.message} — ${r.error.hint}`, 'body');
  const article = {
    ...r.article,
    ...(q.url && { url: q.url }), ...(q.outlet && { outlet: q.outlet }), ...(q.title && { title: q.title }),
    ...(!r.article.published && q.published && { published: q.published }),
  };
  let result;
  for await (const x of extractBatch([{ ok: true, article }], { workers: 0, published: q.published ?? null })) result = x;
  if (!result || !result.ok) throw new ApiError(422, result?.code ?? 'E011_STAGE_FAILED', result?.message ?? 'extraction failed', 'body');
  const o = await store.ingest(result.article, result.prediction, { pipelineVersion: pipelineVersion(), runId: null });
  const stored = await store.getArticle(o.articleId);
  const eventIds = [...new Set((stored?.mentions ?? []).map((m) => m.eventId).filter((x): x is string => !!x))];
  return c.json({
    status: o.status, articleId: o.articleId, mentions: o.mentions, eventsCreated: o.eventsCreated, eventsMerged: o.eventsMerged, eventIds,
    warnings: r.warnings.map((w) => ({ code: w.code, message: w.message })),
    messages: result.prediction.messages.filter((m) => m.level !== 'info'),
  }, o.status === 'stored' ? 201 : 200, o.status === 'stored' ? { Location: `/api/articles/${o.articleId}` } : {});
}
