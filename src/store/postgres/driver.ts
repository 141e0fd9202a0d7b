/** The PostgreSQL driver: a pg Pool behind the async Db surface; `?` placeholders become $n. */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { RetryTransaction, type Db, type SqlValue } from '../db.js';
import { profiling, record } from '../sql-profile.js';

pg.types.setTypeParser(20, (v) => Number(v)); // int8 (count(*), bigserial) as numbers
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric

const RETRY_CODES = new Set(['40P01', '40001']); // deadlock, serialisation failure

function placeholders(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}
const sqlCache = new Map<string, string>();
const convert = (sql: string) => {
  let s = sqlCache.get(sql);
  if (s === undefined) { s = placeholders(sql); if (sqlCache.size > 1000) sqlCache.clear(); sqlCache.set(sql, s); }
  return s;
};

/** A 60-bit key for pg_advisory_xact_lock from a name. */
export function lockKey(name: string): bigint {
  return BigInt('0x' + createHash('sha1').update(name).digest('hex').slice(0, 15));
}

interface Queryable { query(sql: string, params?: unknown[]): Promise<pg.QueryResult> }

async function timed(q: Queryable, sql: string, params?: unknown[]): Promise<pg.QueryResult> {
  if (!profiling) return q.query(sql, params);
  const t = performance.now();
  try { return await q.query(sql, params); } finally { record(sql, performance.now() - t); }
}

class PgDb implements Db {
  readonly dialect = 'postgres' as const;
  readonly forUpdate = ' FOR UPDATE';
  constructor(private readonly pool: pg.Pool, private readonly client: Queryable | null) {}
  private get q(): Queryable { return this.client ?? this.pool; }

  async all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return (await timed(this.q, convert(sql), params as unknown[])).rows as T[];
  }
  async get<T>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return (await timed(this.q, convert(sql), params as unknown[])).rows[0] as T | undefined;
  }
  async run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    return { changes: (await timed(this.q, convert(sql), params as unknown[])).rowCount ?? 0 };
  }
  async exec(sql: string): Promise<void> { await this.q.query(sql); }
  async lock(keys: readonly string[]): Promise<void> {
    if (!this.client) throw new Error('lock() outside a transaction');
    const ks = [...new Set(keys)].map(lockKey).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (!ks.length) return;
    if (ks.length === 1) { await timed(this.client, 'SELECT pg_advisory_xact_lock($1)', [ks[0].toString()]); return; }
    // one round trip, taken in key order (the inner ORDER BY fixes the order the outer query calls them in)
    await timed(this.client, 'SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT k FROM unnest($1::bigint[]) AS k ORDER BY k) s', [ks.map(String)]);
  }
  async tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    if (this.client) return fn(this);
    for (let attempt = 0; ; attempt++) {
      const client = await this.pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const r = await fn(new PgDb(this.pool, client));
        await client.query('COMMIT');
        return r;
      } catch (e) {
        try { await client.query('ROLLBACK'); } catch { broken = true; }
        const code = (e as { code?: string }).code;
        if ((e instanceof RetryTransaction || (code && RETRY_CODES.has(code))) && attempt < 20) {
          await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
          continue;
        }
        throw e;
      } finally {
        client.release(broken);
      }
    }
  }
  async close(): Promise<void> { await this.pool.end(); }
}

/**
 * Opens a pool on a postgres:// URL. A `schema` query parameter (…/test?schema=t1) puts every table
 * in that schema (created if missing): tests and benches use their own.
 */
export async function openPostgres(url: string, opts: { max?: number } = {}): Promise<Db> {
  const u = new URL(url);
  const schema = u.searchParams.get('schema');
  u.searchParams.delete('schema');
  if (schema && !/^[a-z_][a-z0-9_]*$/i.test(schema)) throw new Error(`bad schema name "${schema}"`);
  const pool = new pg.Pool({
    connectionString: u.toString(),
    max: opts.max ?? 4,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  pool.on('error', () => { /* an idle client lost its connection; the pool replaces it */ });
  if (schema) {
    try { await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`); } catch (e) {
      if ((e as { code?: string }).code !== '23505') throw e; // created by a process starting at the same time
    }
  }
  return new PgDb(pool, null);
}
