/**
 * The store over either database: one implementation of the port, written once against the Db
 * surface (db.ts); the dialect files hold the little that differs (full-text search, clock).
 */
import { randomUUID } from 'node:crypto';
import type { Article } from '../model/document.js';
import type { Prediction } from '../output/predictions.js';
import type { Db, SqlValue } from './db.js';
import { migrate } from './migrations.js';
import type {
  ArticleKey, ArticleState, CountBy, EventFilter, IngestOptions, IngestOutcome, Job, MergeRecord, Page,
  QueueStats, RunCounts, Store, StoredEvent, StoredMention, StoredArticle, EventPoint,
} from './port.js';
import { articleKey, outletOf } from './canonical.js';
import { mentionRows } from './rows.js';
import { loadFusionConfig, type FusionConfig } from './fusion/config.js';
import { afterRemoval, bucketKeys, flushNewEvents, fuseMention, insertMentions, lockBuckets, prefetchCandidates, recomputeMany, splitEvent, type FusionCtx } from './fusion/fuse.js';
import type { MentionRow } from './fusion/types.js';
import * as sqliteDialect from './sqlite/dialect.js';
import * as pgDialect from './postgres/dialect.js';

const j = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const ph = (n: number) => Array.from({ length: n }, () => '?').join(', ');
const arr = <T>(x: T | readonly T[] | undefined): readonly T[] => (x === undefined ? [] : Array.isArray(x) ? (x as readonly T[]) : [x as T]);

type EventRow = Record<string, unknown> & { id: string };

export function toStoredEvent(r: EventRow): StoredEvent {
  const actor = (p: string) => (r[`${p}_text`] || r[`${p}_kind`]
    ? { text: r[`${p}_text`] as string | null, name: r[`${p}_name`] as string | null, kind: r[`${p}_kind`] as string | null, country: r[`${p}_country`] as string | null }
    : null);
  const n = (k: string) => (r[k] === null || r[k] === undefined ? null : Number(r[k]));
  return {
    id: r.id,
    eventType: r.event_type as string, subEventType: r.sub_event_type as string | null, ploverEvent: r.plover_event as string | null,
    date: r.event_date as string | null, datePrecision: r.date_precision as string | null,
    dateMin: r.date_min as string | null, dateMax: r.date_max as string | null,
    actor1: actor('actor1'), actor2: actor('actor2'),
    location: {
      text: r.location_text as string | null, geonameid: n('geonameid'), lat: n('lat'), lon: n('lon'),
      country: r.country as string | null, admin1: r.admin1 as string | null, precision: r.geo_precision as string | null,
    },
    spreadKm: n('spread_km'),
    fatalities: { low: n('fatalities_low'), best: n('fatalities_best'), high: n('fatalities_high') },
    injured: { low: n('injured_low'), best: n('injured_best'), high: n('injured_high') },
    confidence: Number(r.confidence), nMentions: Number(r.n_mentions), nSources: Number(r.n_sources), contested: !!Number(r.contested),
    firstSeen: r.first_seen as string | null, lastSeen: r.last_seen as string | null, notes: r.notes as string | null,
    sources: r.source ? String(r.source).split('; ') : [],
    consensus: r.consensus ? j<Record<string, unknown>>(r.consensus) : {},
    updatedAt: r.updated_at as string,
  };
}

export class SqlStore implements Store {
  readonly dialect;
  private readonly cfg: FusionConfig;
  private readonly fts;
  constructor(private readonly db: Db, cfg?: FusionConfig) {
    this.dialect = db.dialect;
    this.cfg = cfg ?? loadFusionConfig();
    this.fts = db.dialect === 'sqlite' ? sqliteDialect : pgDialect;
  }
  /** The raw database (tests, bench). */
  get raw(): Db { return this.db; }

  migrate(): Promise<number> { return migrate(this.db); }

  async articleState(key: ArticleKey): Promise<ArticleState | null> {
    const r = await this.db.get<{ id: string; pipeline_version: string; content_hash: string }>(
      `SELECT id, pipeline_version, content_hash FROM articles WHERE content_hash = ? ${key.urlCanonical ? 'OR url_canonical = ?' : ''} ORDER BY url_canonical IS NULL LIMIT 1`,
      key.urlCanonical ? [key.contentHash, key.urlCanonical] : [key.contentHash]);
    return r ? { id: r.id, pipelineVersion: r.pipeline_version, contentHash: r.content_hash } : null;
  }

  async ingest(article: Article, prediction: Prediction, opts: IngestOptions): Promise<IngestOutcome> {
    const key = articleKey(article);
    const outlet = outletOf(article);
    return this.db.tx(async (db) => {
      const now = new Date().toISOString();
      const ctx: FusionCtx = { cfg: this.cfg, now, runId: opts.runId ?? null };
      await db.lock([`article:${key.contentHash}`, ...(key.urlCanonical ? [`url:${key.urlCanonical}`] : [])]);
      const byUrl = key.urlCanonical
        ? await db.get<{ id: string; pipeline_version: string; content_hash: string }>(`SELECT id, pipeline_version, content_hash FROM articles WHERE url_canonical = ?`, [key.urlCanonical])
        : undefined;
      const byHash = await db.get<{ id: string; pipeline_version: string; content_hash: string }>(`SELECT id, pipeline_version, content_hash FROM articles WHERE content_hash = ?`, [key.contentHash]);
      const done = async (o: IngestOutcome) => {
        if (opts.jobId != null) await db.run(`UPDATE jobs SET status = 'done', finished_at = ?, error = NULL WHERE id = ?`, [now, opts.jobId]);
        return o;
      };
      const unchanged = (id: string) => done({ status: 'unchanged', articleId: id, mentions: 0, eventsCreated: 0, eventsMerged: 0 });
      // the same content is stored once: a copy under another URL, or an update whose text another article already has
      if (byHash && (!byUrl || byUrl.id !== byHash.id) && (byUrl || byHash.pipeline_version === opts.pipelineVersion)) return unchanged(byHash.id);
      const existing = byUrl ?? byHash;
      if (existing && existing.pipeline_version === opts.pipelineVersion && existing.content_hash === key.contentHash) return unchanged(existing.id);
      const articleId = existing?.id ?? key.id;
      const { mentions, claims } = mentionRows(articleId, article, prediction, outlet, this.cfg);
      const old = existing ? await db.all<MentionRow & { event_id: string | null }>(
        `SELECT m.*, em.event_id FROM mentions m LEFT JOIN event_mentions em ON em.mention_id = m.id WHERE m.article_id = ? ORDER BY m.id`, [articleId]) : [];
      await lockBuckets(db, ctx, [...old, ...mentions].flatMap((m) => bucketKeys(m, this.cfg)));

      const touched = new Set<string>();
      if (existing) {
        await db.run(`UPDATE articles SET ext_id = ?, origin = ?, url = ?, url_canonical = ?, outlet = ?, title = ?, published = ?, text = ?, content_hash = ?, bytes = ?,
                      pipeline_version = ?, n_mentions = ?, updated_at = ?, run_id = ?, messages = ?, language = ? WHERE id = ?`,
          [article.id, article.origin ?? null, article.url ?? null, key.urlCanonical, outlet, article.title ?? null, prediction.published ?? article.published ?? null,
           article.text, key.contentHash, Buffer.byteLength(article.text), opts.pipelineVersion, mentions.length, now, opts.runId ?? null,
           JSON.stringify(prediction.messages), article.language ?? null, articleId]);
        const byEvent = new Map<string, string[]>();
        for (const m of old) if (m.event_id) byEvent.set(m.event_id, [...(byEvent.get(m.event_id) ?? []), m.id]);
        if (old.length) {
          await db.run(`DELETE FROM event_mentions WHERE mention_id IN (SELECT id FROM mentions WHERE article_id = ?)`, [articleId]);
          await db.run(`DELETE FROM claims WHERE article_id = ?`, [articleId]);
          await db.run(`DELETE FROM mentions WHERE article_id = ?`, [articleId]);
        }
        for (const [ev, removed] of [...byEvent].sort()) for (const id of await afterRemoval(db, ctx, ev, removed)) touched.add(id);
      } else {
        await db.run(`INSERT INTO articles (id, ext_id, origin, url, url_canonical, outlet, title, published, text, content_hash, bytes, pipeline_version, n_mentions, ingested_at, updated_at, run_id, messages, language)
                      VALUES (${ph(18)})`,
          [articleId, article.id, article.origin ?? null, article.url ?? null, key.urlCanonical, outlet, article.title ?? null,
           prediction.published ?? article.published ?? null, article.text, key.contentHash, Buffer.byteLength(article.text),
           opts.pipelineVersion, mentions.length, now, now, opts.runId ?? null, JSON.stringify(prediction.messages), article.language ?? null]);
      }
      await insertMentions(db, mentions);
      for (let i = 0; i < claims.length; i += 50) {
        const chunk = claims.slice(i, i + 50);
        await db.run(`INSERT INTO claims (mention_id, idx, article_id, by_text, field, value, says) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
          chunk.flatMap((c) => [c.mention_id, c.idx, c.article_id, c.by_text, c.field, c.value, c.says]));
      }
      let created = 0, merged = 0;
      await prefetchCandidates(db, ctx, mentions);
      ctx.pendingNew = [];
      for (const m of mentions) {
        const r = await fuseMention(db, ctx, m);
        for (const t of r.touched) touched.add(t);
        if (r.created) created++;
        merged += r.merged;
      }
      for (const id of await flushNewEvents(db, ctx)) touched.add(id);
      await recomputeMany(db, ctx, [...touched]); // (gone events are skipped)
      return done({ status: existing ? 'replaced' : 'stored', articleId, mentions: mentions.length, eventsCreated: created, eventsMerged: merged });
    });
  }

  async startRun(command: string, pipelineVersion: string): Promise<string> {
    const id = `run-${new Date().toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomUUID().slice(0, 8)}`;
    await this.db.run(`INSERT INTO ingest_runs (id, started_at, status, command, pipeline_version) VALUES (?, ?, 'running', ?, ?)`,
      [id, new Date().toISOString(), command, pipelineVersion]);
    return id;
  }

  async finishRun(id: string, c: RunCounts, errors: readonly { input: string; code: string; message: string }[], status = 'done'): Promise<void> {
    await this.db.run(`UPDATE ingest_runs SET finished_at = ?, status = ?, seen = ?, stored = ?, replaced = ?, unchanged = ?, failed = ?, queued = ?, mentions = ?, errors = ? WHERE id = ?`,
      [new Date().toISOString(), status, c.seen, c.stored, c.replaced, c.unchanged, c.failed, c.queued, c.mentions, JSON.stringify(errors.slice(0, 1000)), id]);
  }

  // ------------------------------------------------------------------ events

  async getEvent(id: string): Promise<StoredEvent | null> {
    const r = await this.db.get<EventRow>(`SELECT * FROM events WHERE id = ?`, [id]);
    return r ? toStoredEvent(r) : null;
  }

  async resolveEventId(id: string): Promise<string | null> {
    for (let i = 0, cur = id; i < 100; i++) {
      if (await this.db.get(`SELECT 1 AS x FROM events WHERE id = ?`, [cur])) return cur;
      const m = await this.db.get<{ event_id: string }>(`SELECT event_id FROM merge_history WHERE other_event_id = ? AND action = 'merge' ORDER BY seq DESC LIMIT 1`, [cur]);
      if (!m) return null;
      cur = m.event_id;
    }
    return null;
  }

  async eventMentions(id: string): Promise<StoredMention[]> {
    const rows = await this.db.all<Record<string, unknown>>(
      `SELECT m.id, m.article_id, em.event_id, m.outlet, a.url, m.published, m.event_type, m.sub_event_type, m.date_value, m.location_text, m.fatalities, m.evidence, m.data
       FROM event_mentions em JOIN mentions m ON m.id = em.mention_id JOIN articles a ON a.id = m.article_id WHERE em.event_id = ? ORDER BY m.id`, [id]);
    return rows.map((r) => ({
      id: r.id as string, articleId: r.article_id as string, eventId: r.event_id as string, outlet: r.outlet as string | null,
      url: r.url as string | null, published: r.published as string | null, eventType: r.event_type as string,
      subEventType: r.sub_event_type as string | null, date: r.date_value as string | null, location: r.location_text as string | null,
      fatalities: r.fatalities === null ? null : Number(r.fatalities), evidence: r.evidence as string | null, data: j(r.data),
    }));
  }

  async history(id: string): Promise<MergeRecord[]> {
    const rows = await this.db.all<Record<string, unknown>>(
      `SELECT at, action, event_id, other_event_id, mention_ids, reason FROM merge_history WHERE event_id = ? OR other_event_id = ? ORDER BY seq`, [id, id]);
    return rows.map((r) => ({ at: r.at as string, action: r.action as string, eventId: r.event_id as string, otherEventId: r.other_event_id as string | null,
      mentionIds: j<string[]>(r.mention_ids) ?? [], reason: r.reason as string | null }));
  }

  /** WHERE clause (over `events e`) and parameters for a filter. */
  where(f: EventFilter): { sql: string; params: SqlValue[] } {
    const w: string[] = [], p: SqlValue[] = [];
    if (f.from) { w.push('e.event_date >= ?'); p.push(f.from); }
    if (f.to) { w.push('e.event_date <= ?'); p.push(f.to.length === 10 ? f.to : f.to.slice(0, 10)); }
    if (f.bbox) {
      const [minLon, minLat, maxLon, maxLat] = f.bbox;
      w.push('e.lat >= ? AND e.lat <= ?'); p.push(minLat, maxLat);
      if (minLon <= maxLon) { w.push('e.lon >= ? AND e.lon <= ?'); p.push(minLon, maxLon); }
      else { w.push('(e.lon >= ? OR e.lon <= ?)'); p.push(minLon, maxLon); } // across the antimeridian
    }
    if (f.near) {
      const { lat, lon, km } = f.near;
      const dLat = km / 111.32, cos = Math.max(0.01, Math.cos((lat * Math.PI) / 180)), dLon = km / (111.32 * cos);
      w.push('e.lat >= ? AND e.lat <= ? AND e.lon >= ? AND e.lon <= ?'); p.push(lat - dLat, lat + dLat, lon - dLon, lon + dLon);
      // equirectangular distance: exact enough at these radii, and plain arithmetic in both databases
      w.push('((e.lat - ?) * 111.32) * ((e.lat - ?) * 111.32) + ((e.lon - ?) * ?) * ((e.lon - ?) * ?) <= ?');
      p.push(lat, lat, lon, 111.32 * cos, lon, 111.32 * cos, km * km);
    }
    const types = arr(f.eventType);
    if (types.length) { w.push(`e.event_type IN (${ph(types.length)})`); p.push(...types); }
    const subs = arr(f.subEventType);
    if (subs.length) { w.push(`e.sub_event_type IN (${ph(subs.length)})`); p.push(...subs); }
    const cs = arr(f.country).map((c) => c.toUpperCase());
    if (cs.length) { w.push(`e.country IN (${ph(cs.length)})`); p.push(...cs); }
    if (f.actor) {
      const like = `%${f.actor.toLowerCase()}%`;
      w.push(`(lower(e.actor1_text) LIKE ? OR lower(e.actor1_name) LIKE ? OR e.actor1_kind = ? OR lower(e.actor2_text) LIKE ? OR lower(e.actor2_name) LIKE ? OR e.actor2_kind = ?
               OR e.id IN (SELECT em.event_id FROM event_mentions em JOIN mentions m ON m.id = em.mention_id WHERE lower(m.actor1_text) LIKE ? OR lower(m.actor2_text) LIKE ?))`);
      p.push(like, like, f.actor.toLowerCase(), like, like, f.actor.toLowerCase(), like, like);
    }
    if (f.source) { w.push(`e.id IN (SELECT s.event_id FROM sources s WHERE lower(s.outlet) LIKE ?)`); p.push(`%${f.source.toLowerCase()}%`); }
    if (f.text) {
      w.push(`e.id IN (SELECT em.event_id FROM event_mentions em JOIN mentions m ON m.id = em.mention_id JOIN articles a ON a.id = m.article_id
               WHERE a.seq IN (${this.fts.ftsArticleSeqs}))`);
      p.push(this.fts.ftsQuery(f.text));
    }
    if (f.minConfidence !== undefined) { w.push('e.confidence >= ?'); p.push(f.minConfidence); }
    return { sql: w.length ? `WHERE ${w.join(' AND ')}` : '', params: p };
  }

  async queryEvents(filter: EventFilter, page: { limit?: number; cursor?: string | null } = {}): Promise<Page<StoredEvent>> {
    const limit = Math.max(1, Math.min(10_000, page.limit ?? 100));
    const { sql, params } = this.where(filter);
    let cond = sql;
    if (page.cursor) {
      let c: [string, string];
      try { c = JSON.parse(Buffer.from(page.cursor, 'base64url').toString('utf8')); } catch { throw new Error('bad cursor'); }
      cond = `${sql ? sql + ' AND' : 'WHERE'} (e.event_date < ? OR (e.event_date = ? AND e.id < ?))`;
      params.push(c[0], c[0], c[1]);
    }
    const rows = await this.db.all<EventRow>(`SELECT e.* FROM events e ${cond} ORDER BY e.event_date DESC, e.id DESC LIMIT ?`, [...params, limit + 1]);
    const more = rows.length > limit;
    const items = rows.slice(0, limit).map(toStoredEvent);
    const last = items[items.length - 1];
    return { items, next: more && last ? Buffer.from(JSON.stringify([last.date, last.id])).toString('base64url') : null };
  }

  async countEvents(filter: EventFilter, by: CountBy): Promise<{ key: string; count: number }[]> {
    const { sql, params } = this.where(filter);
    const pg = this.dialect === 'postgres';
    const key = {
      day: 'e.event_date',
      week: pg ? `to_char(date_trunc('week', e.event_date::date), 'YYYY-MM-DD')` : `date(e.event_date, '-6 days', 'weekday 1')`,
      month: 'substr(e.event_date, 1, 7)',
      type: 'e.event_type', sub_type: 'e.sub_event_type', country: 'e.country',
    }[by];
    const rows = await this.db.all<{ k: string | null; n: number }>(`SELECT ${key} AS k, count(*) AS n FROM events e ${sql} GROUP BY ${key} ORDER BY 1`, params);
    return rows.map((r) => ({ key: r.k ?? '', count: Number(r.n) }));
  }

  async split(eventId: string, mentionIds: readonly string[], reason?: string): Promise<{ eventId: string; newEventId: string }> {
    const newEventId = await this.db.tx((db) => splitEvent(db, { cfg: this.cfg, now: new Date().toISOString(), runId: null }, eventId, mentionIds, reason ?? null));
    return { eventId, newEventId };
  }

  // ------------------------------------------------------------------ queue

  async enqueue(articles: readonly Article[], runId: string | null, pipelineVersion: string): Promise<number> {
    if (!articles.length) return 0;
    return this.db.tx(async (db) => {
      let n = 0;
      const now = new Date().toISOString();
      for (const a of articles) {
        const k = articleKey(a);
        const r = await db.run(`INSERT INTO jobs (key, run_id, payload, status, attempts, created_at) VALUES (?, ?, ?, 'queued', 0, ?) ON CONFLICT (key) DO NOTHING`,
          [`${k.urlCanonical ?? k.contentHash}|${k.contentHash}|${pipelineVersion}`, runId, JSON.stringify(a), now]);
        n += r.changes;
      }
      return n;
    });
  }

  async claimJobs(worker: string, n: number, leaseMs: number): Promise<Job[]> {
    const now = this.fts.nowMs;
    const skip = this.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
    const rows = await this.db.all<{ id: number; payload: unknown; attempts: number }>(
      `UPDATE jobs SET status = 'running', worker = ?, attempts = attempts + 1, lease_until = ${now} + ?
       WHERE id IN (SELECT id FROM jobs WHERE status = 'queued' OR (status = 'running' AND lease_until < ${now}) ORDER BY id LIMIT ?${skip})
       RETURNING id, payload, attempts`, [worker, leaseMs, n]);
    return rows.sort((a, b) => Number(a.id) - Number(b.id)).map((r) => ({ id: Number(r.id), article: j<Article>(r.payload), attempts: Number(r.attempts) }));
  }

  async failJob(id: number, error: string, maxAttempts: number): Promise<void> {
    await this.db.run(`UPDATE jobs SET status = CASE WHEN attempts >= ? THEN 'failed' ELSE 'queued' END, error = ?, lease_until = NULL, finished_at = ? WHERE id = ?`,
      [maxAttempts, error.slice(0, 2000), new Date().toISOString(), id]);
  }

  async queueStats(): Promise<QueueStats> {
    const rows = await this.db.all<{ status: string; n: number }>(`SELECT status, count(*) AS n FROM jobs GROUP BY status`);
    const g = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
    return { queued: g('queued'), running: g('running'), done: g('done'), failed: g('failed') };
  }

  async stats(): Promise<{ articles: number; mentions: number; events: number }> {
    const c = async (t: string) => Number((await this.db.get<{ n: number }>(`SELECT count(*) AS n FROM ${t}`))!.n);
    return { articles: await c('articles'), mentions: await c('mentions'), events: await c('events') };
  }

  async getArticle(id: string): Promise<StoredArticle | null> {
    const a = await this.db.get<Record<string, unknown>>(
      `SELECT id, ext_id, url, outlet, title, published, text, ingested_at, pipeline_version, messages, language FROM articles WHERE id = ?`, [id]);
    if (!a) return null;
    const rows = await this.db.all<Record<string, unknown>>(
      `SELECT m.id, m.article_id, em.event_id, m.outlet, m.published, m.event_type, m.sub_event_type, m.date_value, m.location_text, m.fatalities, m.evidence, m.data
       FROM mentions m LEFT JOIN event_mentions em ON em.mention_id = m.id WHERE m.article_id = ? ORDER BY m.idx`, [id]);
    const mentions: StoredMention[] = rows.map((r) => ({
      id: r.id as string, articleId: r.article_id as string, eventId: (r.event_id as string | null) ?? null, outlet: r.outlet as string | null,
      url: (a.url as string | null) ?? null, published: r.published as string | null, eventType: r.event_type as string,
      subEventType: r.sub_event_type as string | null, date: r.date_value as string | null, location: r.location_text as string | null,
      fatalities: r.fatalities === null ? null : Number(r.fatalities), evidence: r.evidence as string | null, data: j(r.data),
    }));
    return {
      id: a.id as string, extId: a.ext_id as string | null, url: a.url as string | null, outlet: a.outlet as string | null,
      title: a.title as string | null, published: a.published as string | null, language: (a.language as string | null) ?? null, text: a.text as string,
      ingestedAt: a.ingested_at as string, pipelineVersion: a.pipeline_version as string,
      messages: a.messages ? j(a.messages) : [], mentions,
    };
  }

  async eventPoints(filter: EventFilter, limit: number): Promise<{ items: EventPoint[]; truncated: boolean }> {
    const { sql, params } = this.where(filter);
    const rows = await this.db.all<Record<string, unknown>>(
      `SELECT e.id, e.event_date, e.event_type, e.sub_event_type, e.lat, e.lon, e.geo_precision, e.fatalities_best, e.contested, e.country
       FROM events e ${sql} ORDER BY e.event_date DESC, e.id DESC LIMIT ?`, [...params, limit + 1]);
    const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    const items = rows.slice(0, limit).map((r) => ({
      id: r.id as string, date: r.event_date as string | null, eventType: r.event_type as string, subEventType: r.sub_event_type as string | null,
      lat: n(r.lat), lon: n(r.lon), precision: r.geo_precision as string | null, fatalities: n(r.fatalities_best),
      contested: !!Number(r.contested), country: r.country as string | null,
    }));
    return { items, truncated: rows.length > limit };
  }

  close(): Promise<void> { return this.db.close(); }
}
