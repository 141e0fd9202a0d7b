/**
 * Feed health, seen items and alert state, kept in the store's own database (SQLite or PostgreSQL)
 * beside the store's tables. The store exposes its connection (`SqlStore.raw`); these tables are
 * created with `CREATE TABLE IF NOT EXISTS` rendered by the store's own schema helpers, so they live
 * and move with the store without touching its migration list.
 *
 *   feeds        one row per feed URL: conditional-GET validators, schedule, health counters
 *   feed_items   one row per item seen in a feed (what was stored, skipped or failed, and why)
 *   alert_state  one row per (rule, event): does the event meet the rule, when it fired
 */
import type { Db, SqlValue } from '../store/db.js';
import { createTable, type Table } from '../store/schema.js';

const t = (name: string) => ({ name, type: 'text' as const });
const i = (name: string, def?: number) => ({ name, type: 'int' as const, ...(def !== undefined ? { notNull: true, default: def } : {}) });
const r = (name: string) => ({ name, type: 'real' as const });

export const FEED_TABLES: readonly Table[] = [
  {
    name: 'feeds',
    columns: [
      { ...t('url'), notNull: true }, t('title'), t('kind'), t('site'), t('added_at'),
      t('etag'), t('last_modified'),
      i('interval_s'), t('next_poll_at'), t('last_poll_at'), t('last_success_at'), t('last_error'), t('last_error_at'), i('last_status'),
      i('consecutive_failures', 0), i('polls', 0), i('failures', 0), i('not_modified', 0),
      i('items_total', 0), i('new_items_last', 0), i('stored_total', 0), r('items_per_day'), t('last_item_at'),
    ],
    primaryKey: ['url'],
  },
  {
    name: 'feed_items',
    columns: [
      { ...t('feed_url'), notNull: true }, { ...t('item_key'), notNull: true }, t('url'), t('title'), t('published'), t('language'),
      { ...t('first_seen_at'), notNull: true }, t('status'), t('article_id'), t('error'), i('attempts', 0),
    ],
    primaryKey: ['feed_url', 'item_key'],
    indexes: [{ name: 'feed_items_seen', columns: ['feed_url', 'first_seen_at'] }],
  },
  {
    name: 'alert_state',
    columns: [
      { ...t('rule_id'), notNull: true }, { ...t('event_id'), notNull: true }, i('matched', 0),
      t('first_fired_at'), t('last_fired_at'), i('fired', 0), t('updated_at'),
    ],
    primaryKey: ['rule_id', 'event_id'],
  },
];

const ensured = new WeakSet<Db>();

/** Creates the feed tables if missing (idempotent, cheap after the first call per connection). */
export async function ensureFeedTables(db: Db): Promise<void> {
  if (ensured.has(db)) return;
  await db.tx(async (tx) => {
    await tx.lock(['sitrep:feeds-schema']);
    for (const tbl of FEED_TABLES) for (const s of createTable(db.dialect, tbl)) await tx.exec(s);
  });
  ensured.add(db);
}

/** A store whose database connection is reachable (SqlStore.raw). */
export interface HasDb { readonly raw: Db }
export function dbOf(store: unknown): Db {
  const db = (store as Partial<HasDb>)?.raw;
  if (!db || typeof db.all !== 'function') throw new Error('this store does not expose its database connection (SqlStore.raw)');
  return db;
}

export interface FeedRow {
  url: string; title: string | null; kind: string | null; site: string | null; added_at: string | null;
  etag: string | null; last_modified: string | null;
  interval_s: number | null; next_poll_at: string | null; last_poll_at: string | null; last_success_at: string | null;
  last_error: string | null; last_error_at: string | null; last_status: number | null;
  consecutive_failures: number; polls: number; failures: number; not_modified: number;
  items_total: number; new_items_last: number; stored_total: number; items_per_day: number | null; last_item_at: string | null;
}

export type FeedStatus = 'ok' | 'quiet' | 'failing' | 'pending';

/** What the health table and the API show for one feed. */
export interface FeedHealth {
  readonly url: string;
  readonly title: string | null;
  readonly kind: string | null;
  readonly status: FeedStatus;
  readonly lastPoll: string | null;
  readonly lastSuccess: string | null;
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
  readonly consecutiveFailures: number;
  readonly polls: number;
  readonly failures: number;
  readonly notModified: number;
  readonly itemsTotal: number;
  readonly storedTotal: number;
  readonly newItemsLastPoll: number;
  readonly itemsPerDay: number | null;
  readonly lastItemAt: string | null;
  readonly intervalSeconds: number | null;
  readonly nextPoll: string | null;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * failing: the last poll failed (a dead feed is failing, never "quiet"); quiet: polls succeed but
 * nothing new for much longer than the feed's usual gap (or 3 days); pending: never polled.
 */
export function feedStatus(f: FeedRow, now = Date.now()): FeedStatus {
  if (num(f.consecutive_failures) > 0) return 'failing';
  if (!f.last_success_at) return 'pending';
  const ipd = numOrNull(f.items_per_day);
  const gapMs = ipd && ipd > 0 ? Math.max(3 * 86_400_000 / ipd, 86_400_000) : 3 * 86_400_000;
  const last = f.last_item_at ? Date.parse(f.last_item_at) : null;
  if (last !== null && now - last > gapMs) return 'quiet';
  return 'ok';
}

export function toHealth(f: FeedRow, now = Date.now()): FeedHealth {
  return {
    url: f.url, title: f.title, kind: f.kind, status: feedStatus(f, now),
    lastPoll: f.last_poll_at, lastSuccess: f.last_success_at, lastError: f.last_error, lastErrorAt: f.last_error_at,
    consecutiveFailures: num(f.consecutive_failures), polls: num(f.polls), failures: num(f.failures), notModified: num(f.not_modified),
    itemsTotal: num(f.items_total), storedTotal: num(f.stored_total), newItemsLastPoll: num(f.new_items_last),
    itemsPerDay: numOrNull(f.items_per_day), lastItemAt: f.last_item_at,
    intervalSeconds: numOrNull(f.interval_s), nextPoll: f.next_poll_at,
  };
}

/** Reads and writes of the feed tables. */
export class FeedState {
  constructor(readonly db: Db) {}

  static async open(store: unknown): Promise<FeedState> {
    const db = dbOf(store);
    await ensureFeedTables(db);
    return new FeedState(db);
  }

  async feed(url: string): Promise<FeedRow | null> {
    return (await this.db.get<FeedRow>(`SELECT * FROM feeds WHERE url = ?`, [url])) ?? null;
  }

  async feeds(): Promise<FeedRow[]> {
    return this.db.all<FeedRow>(`SELECT * FROM feeds ORDER BY url`);
  }

  /** Health of every known feed: failing first, then by URL. */
  async health(now = Date.now()): Promise<FeedHealth[]> {
    const order: Record<FeedStatus, number> = { failing: 0, quiet: 1, pending: 2, ok: 3 };
    return (await this.feeds()).map((f) => toHealth(f, now)).sort((a, b) => order[a.status] - order[b.status] || a.url.localeCompare(b.url));
  }

  async addFeed(url: string, title: string | null = null): Promise<void> {
    await this.db.run(`INSERT INTO feeds (url, title, added_at) VALUES (?, ?, ?) ON CONFLICT (url) DO NOTHING`, [url, title, new Date().toISOString()]);
  }

  async recordSuccess(url: string, p: {
    title: string | null; kind: string | null; site: string | null; etag: string | null; lastModified: string | null; status: number;
    notModified: boolean; newItems: number; stored: number; itemsPerDay: number | null; lastItemAt: string | null; intervalS: number; at: string; nextAt: string;
  }): Promise<void> {
    await this.db.run(
      `UPDATE feeds SET title = coalesce(?, title), kind = coalesce(?, kind), site = coalesce(?, site),
         etag = CASE WHEN ? = 1 THEN etag ELSE ? END, last_modified = CASE WHEN ? = 1 THEN last_modified ELSE ? END,
         last_status = ?, last_poll_at = ?, last_success_at = ?, consecutive_failures = 0, polls = polls + 1,
         not_modified = not_modified + ?, items_total = items_total + ?, new_items_last = ?, stored_total = stored_total + ?,
         items_per_day = coalesce(?, items_per_day), last_item_at = CASE WHEN last_item_at IS NULL OR last_item_at < ? THEN ? ELSE last_item_at END,
         interval_s = ?, next_poll_at = ?
       WHERE url = ?`,
      [p.title, p.kind, p.site, p.notModified ? 1 : 0, p.etag, p.notModified ? 1 : 0, p.lastModified, p.status, p.at, p.at,
       p.notModified ? 1 : 0, p.newItems, p.newItems, p.stored, p.itemsPerDay, p.lastItemAt ?? '', p.lastItemAt, p.intervalS, p.nextAt, url] as SqlValue[]);
  }

  async recordFailure(url: string, p: { error: string; status: number | null; at: string; intervalS: number; nextAt: string }): Promise<void> {
    await this.db.run(
      `UPDATE feeds SET last_error = ?, last_error_at = ?, last_status = ?, last_poll_at = ?, consecutive_failures = consecutive_failures + 1,
         failures = failures + 1, polls = polls + 1, new_items_last = 0, interval_s = ?, next_poll_at = ? WHERE url = ?`,
      [p.error.slice(0, 1000), p.at, p.status, p.at, p.intervalS, p.nextAt, url]);
  }

  /** Which of these item keys the feed has already seen for good (stored, skipped, or failed too often). */
  async seenKeys(feedUrl: string, keys: readonly string[], maxAttempts: number): Promise<Set<string>> {
    const out = new Set<string>();
    for (let k = 0; k < keys.length; k += 200) {
      const chunk = keys.slice(k, k + 200);
      const rows = await this.db.all<{ item_key: string }>(
        `SELECT item_key FROM feed_items WHERE feed_url = ? AND (status <> 'failed' OR attempts >= ?) AND item_key IN (${chunk.map(() => '?').join(', ')})`,
        [feedUrl, maxAttempts, ...chunk]);
      for (const r of rows) out.add(r.item_key);
    }
    return out;
  }

  async recordItem(feedUrl: string, it: {
    key: string; url: string | null; title: string | null; published: string | null; language: string | null;
    status: 'stored' | 'unchanged' | 'skipped' | 'failed'; articleId: string | null; error: string | null;
  }): Promise<void> {
    const now = new Date().toISOString();
    await this.db.run(
      `INSERT INTO feed_items (feed_url, item_key, url, title, published, language, first_seen_at, status, article_id, error, attempts)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
       ON CONFLICT (feed_url, item_key) DO UPDATE SET status = excluded.status, article_id = coalesce(excluded.article_id, feed_items.article_id),
         error = excluded.error, language = coalesce(excluded.language, feed_items.language), attempts = feed_items.attempts + 1`,
      [feedUrl, it.key.slice(0, 2000), it.url, it.title?.slice(0, 500) ?? null, it.published, it.language, now, it.status, it.articleId, it.error?.slice(0, 1000) ?? null]);
  }

  /** Items a feed gave, newest first (diagnostics, tests). */
  async items(feedUrl: string): Promise<{ item_key: string; url: string | null; status: string; error: string | null; language: string | null; article_id: string | null }[]> {
    return this.db.all(`SELECT item_key, url, status, error, language, article_id FROM feed_items WHERE feed_url = ? ORDER BY first_seen_at DESC, item_key`, [feedUrl]);
  }
}
