/**
 * The OpenAPI 3.1 document of the API, served at GET /openapi.json. Parameters come from the same
 * declarations the routes validate with (app.ts routeParams); test/api/openapi.test.ts checks that
 * every route of the app is here and every path here is a route, and validates responses against
 * the schemas below.
 */
import { EVENT_TYPES } from '../model/taxonomy.js';
import type { ServeConfig } from './config.js';
import { routeParams } from './app.js';
import type { JsonSchema, ParamSet } from './params.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const nul = (type: string | string[], extra: JsonSchema = {}) => ({ type: [...(Array.isArray(type) ? type : [type]), 'null'], ...extra });
const obj = (properties: Record<string, JsonSchema>, required: string[] = Object.keys(properties), extra: JsonSchema = {}) =>
  ({ type: 'object', properties, required, ...extra });
const arr = (items: JsonSchema) => ({ type: 'array', items });
const S = { type: 'string' }, I = { type: 'integer' }, N = { type: 'number' }, B = { type: 'boolean' };

const SCHEMAS: Record<string, JsonSchema> = {
  Error: obj({ code: { ...S, description: 'Stable machine-readable code (invalid_parameter, unknown_parameter, not_found, unauthorized, body_too_large, E002_INPUT_EMPTY, …).' },
    message: { ...S, description: 'What is wrong and how to fix it.' }, field: nul('string', { description: 'The parameter, header or "body" at fault.' }) }),
  Actor: nul('object', { properties: { text: nul('string'), name: nul('string'), kind: nul('string'), country: nul('string') }, required: ['text', 'name', 'kind', 'country'] }),
  Toll: obj({ low: nul('integer'), best: nul('integer'), high: nul('integer') }),
  Event: obj({
    id: S, eventType: { type: 'string', enum: [...EVENT_TYPES] }, subEventType: nul('string'), ploverEvent: nul('string'),
    date: nul('string'), datePrecision: nul('string'), dateMin: nul('string'), dateMax: nul('string'),
    actor1: ref('Actor'), actor2: ref('Actor'),
    location: obj({ text: nul('string'), geonameid: nul('integer'), lat: nul('number'), lon: nul('number'), country: nul('string'), admin1: nul('string'),
      precision: nul('string', { description: 'exact (the place), near (near it), admin1 (only the province), country.' }) }),
    spreadKm: nul('number'), fatalities: ref('Toll'), injured: ref('Toll'), confidence: N, nMentions: I, nSources: I, contested: B,
    firstSeen: nul('string'), lastSeen: nul('string'), notes: nul('string'), sources: arr(S),
    consensus: { type: 'object', description: 'Per-field votes, spread, and who claims each toll.' }, updatedAt: S,
  }),
  EventPage: obj({ items: arr(ref('Event')), next: nul('string', { description: 'Cursor of the next page; null on the last.' }), limit: I }),
  Points: obj({
    count: I, truncated: B, fields: arr(S),
    rows: arr({ type: 'array', description: 'One event: id, date, type, sub_type, lat, lon, precision, fatalities, contested, country (the order of "fields").' }),
  }),
  Span: obj({ field: S, start: I, end: I, text: S, how: nul('string'), by: nul('string') }),
  Account: obj({
    mentionId: S, articleId: S, outlet: nul('string'), url: nul('string'), published: nul('string'), title: nul('string'),
    label: { ...S, description: 'How to name the source: outlet, else title, else the article id.' },
    values: { type: 'object', description: 'What this source says for each compared field.' },
    claimedBy: arr(S), claims: arr(obj({ by: S, says: nul('string'), field: nul('string'), value: nul(['string', 'number']) })),
    contested: B, confidence: nul('number'), background: B,
  }),
  MergeRecord: obj({ at: S, action: S, eventId: S, otherEventId: nul('string'), mentionIds: arr(S), reason: nul('string') }),
  EventDetail: obj({
    event: ref('Event'),
    accounts: { ...arr(ref('Account')), description: 'Each mention: one source\'s account of the event.' },
    sources: arr(obj({ outlet: nul('string'), label: S, articles: arr(obj({ articleId: S, url: nul('string'), published: nul('string'), title: nul('string') })) })),
    comparison: { ...arr(obj({ field: S, values: arr(obj({ mentionId: S, label: S, value: nul(['string', 'number']) })), differs: B })),
      description: 'The claims side by side: per field, each source\'s value and whether they differ.' },
    contested: B,
    history: arr(ref('MergeRecord')),
    evidence: arr(obj({ mentionId: S, articleId: S, outlet: nul('string'), label: S, title: nul('string'),
      excerpt: obj({ start: I, end: I, text: S }), spans: { ...arr(ref('Span')), description: 'Offsets into the article text (not the excerpt).' } })),
  }),
  Article: obj({
    id: S, extId: nul('string'), title: nul('string'), outlet: nul('string'), url: nul('string'), published: nul('string'), language: nul('string'), ingestedAt: S,
    pipelineVersion: S, text: { ...S, description: 'The text every span points into (UTF-16 offsets).' }, messages: arr({ type: 'object' }),
    mentions: arr({ allOf: [ref('Account')], type: 'object', properties: { eventId: nul('string'), spans: arr(ref('Span')) }, required: ['eventId', 'spans'] }),
  }),
  Stats: obj({
    total: I, undated: { ...I, description: 'Events without a date (not in the series).' }, by: { type: 'string', enum: ['day', 'week', 'month'] },
    series: arr(obj({ key: S, total: I, types: { type: 'object', additionalProperties: I } })),
    byType: arr(obj({ key: S, count: I })), byCountry: arr(obj({ key: S, count: I })),
    store: obj({ articles: I, mentions: I, events: I }),
  }),
  Health: obj({ status: { type: 'string', enum: ['ok'] }, store: S, pipelineVersion: S, articles: I, mentions: I, events: I, ingest: { type: 'string', enum: ['enabled', 'disabled'] } }),
  Config: obj({
    tiles: obj({ url: nul('string'), attribution: nul('string'), maxZoom: I }), pageSize: I, maxPageSize: I, maxPoints: I,
    eventTypes: arr(S), subEventTypes: { type: 'object', additionalProperties: arr(S) },
  }),
  IngestResult: obj({
    status: { type: 'string', enum: ['stored', 'replaced', 'unchanged'] }, articleId: S, mentions: I, eventsCreated: I, eventsMerged: I, eventIds: arr(S),
    warnings: arr(obj({ code: S, message: S })), messages: arr(obj({ code: S, level: S, message: S, stage: nul('string') })),
  }),
};

const json = (schema: JsonSchema, description: string) => ({ description, content: { 'application/json': { schema } } });
const err = (description: string) => json(ref('Error'), description);

function parameters(set: ParamSet) {
  return Object.entries(set).map(([name, p]) => ({
    name, in: p.in, required: p.in === 'path' ? true : !!p.required, description: p.description,
    schema: p.schema, ...(p.multi && { style: 'form', explode: true }), ...(p.example && { example: p.example }),
  }));
}

export interface RouteDoc { readonly method: 'get' | 'post'; readonly path: string; readonly op: Record<string, unknown> }

export function routeDocs(cfg: ServeConfig): RouteDoc[] {
  const P = routeParams(cfg);
  const bad = err('Invalid parameter: {code, message, field}.');
  return [
    { method: 'get', path: '/api/health', op: { summary: 'Liveness and store counts', operationId: 'health', parameters: [],
      responses: { 200: json(ref('Health'), 'The store answers.'), 503: err('The store does not answer.') } } },
    { method: 'get', path: '/api/config', op: { summary: 'Dashboard settings: tile layer, limits, taxonomy', operationId: 'config', parameters: [],
      responses: { 200: json(ref('Config'), 'Settings.') } } },
    { method: 'get', path: '/api/events', op: { summary: 'Events matching filters, newest first, cursor-paginated', operationId: 'listEvents',
      parameters: parameters(P.events), responses: { 200: json(ref('EventPage'), 'A page of events.'), 400: bad } } },
    { method: 'get', path: '/api/events/points', op: { summary: 'Every matching event as a light row (map and timeline)', operationId: 'eventPoints',
      parameters: parameters(P.points), responses: { 200: json(ref('Points'), 'Rows in the order of "fields".'), 400: bad } } },
    { method: 'get', path: '/api/events/{id}', op: { summary: 'One event: sources side by side, claims, merge history, evidence', operationId: 'getEvent',
      parameters: parameters(P.eventId), responses: {
        200: json(ref('EventDetail'), 'The event.'), 301: { description: 'The event was merged into another; Location names it.' },
        400: bad, 404: err('No such event.') } } },
    { method: 'get', path: '/api/articles/{id}', op: { summary: 'One article: text, and every mention with the spans of its fields', operationId: 'getArticle',
      parameters: parameters(P.articleId), responses: { 200: json(ref('Article'), 'The article.'), 400: bad, 404: err('No such article.') } } },
    { method: 'post', path: '/api/articles', op: { summary: 'Ingest one article (text, HTML or a JSON record): extract, store, fuse', operationId: 'ingestArticle',
      security: [{ bearer: [] }], parameters: parameters(P.ingest),
      requestBody: { required: true, description: `At most ${cfg.maxBodyBytes} bytes.`, content: {
        'text/plain': { schema: S }, 'text/html': { schema: S },
        'application/json': { schema: obj({ text: S, id: S, published: { type: 'string', format: 'date' }, url: S, outlet: S, title: S }, ['text']) } } },
      responses: {
        201: json(ref('IngestResult'), 'Stored as a new article.'), 200: json(ref('IngestResult'), 'Already stored (unchanged) or re-extracted (replaced).'),
        400: err('Empty or malformed body, or a bad parameter.'), 401: err('Missing or wrong bearer token.'), 403: err('Ingest over HTTP is off (no token configured).'),
        413: err('Body over the size limit.'), 415: err('Content type not text/plain, text/html or application/json, or binary data.'), 422: err('Extraction failed.') } } },
    { method: 'get', path: '/api/stats', op: { summary: 'Counts by day, week or month stacked by type; by type; by country', operationId: 'stats',
      parameters: parameters(P.stats), responses: { 200: json(ref('Stats'), 'Counts.'), 400: bad } } },
    { method: 'get', path: '/api/feeds', op: { summary: 'Health of every watched feed (sitrep watch), failing first', operationId: 'feeds', parameters: [],
      responses: { 200: json(obj({ items: { type: 'array', items: obj({
        url: S, title: { type: ['string', 'null'] }, status: { type: 'string', enum: ['ok', 'quiet', 'failing', 'pending'] },
        lastSuccess: { type: ['string', 'null'] }, lastError: { type: ['string', 'null'] }, consecutiveFailures: I,
        newItemsLastPoll: I, itemsPerDay: { type: ['number', 'null'] } }, ['url', 'status', 'consecutiveFailures'], { additionalProperties: true }) } }), 'Feeds and their health.') } } },
    { method: 'get', path: '/openapi.json', op: { summary: 'This document', operationId: 'openapi', parameters: [],
      responses: { 200: json({ type: 'object' }, 'The OpenAPI 3.1 document.') } } },
  ];
}

export function openapiDocument(cfg: ServeConfig) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routeDocs(cfg)) (paths[r.path] ??= {})[r.method] = r.op;
  return {
    openapi: '3.1.0',
    info: {
      title: 'Sitrep API', version: '1',
      description: 'Structured, geolocated, sourced conflict events. Errors are {code, message, field} with a 4xx/5xx status. ' +
        'Query parameters not listed for a route are refused (400 unknown_parameter). CORS is off unless configured. See docs/api.md.',
    },
    servers: [{ url: '/' }],
    paths,
    components: { schemas: SCHEMAS, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'SITREP_API_TOKEN or "token" in config/serve.json.' } } },
  };
}
