/** The SQLite driver: better-sqlite3 (synchronous) behind the async Db surface; WAL, one writer. */
import Database from 'better-sqlite3';
import { Mutex, RetryTransaction, type Db, type SqlValue } from '../db.js';
import { profiling, record } from '../sql-profile.js';

type Stmt = Database.Statement<unknown[], unknown>;

const conv = (params: readonly SqlValue[] = []) => params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));

class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  readonly forUpdate = '';
  private readonly cache = new Map<string, Stmt>();
  constructor(private readonly raw: Database.Database, private readonly mutex: Mutex, private readonly inTx: boolean) {}

  private stmt(sql: string): Stmt {
    let s = this.cache.get(sql);
    if (!s) { s = this.raw.prepare(sql); if (this.cache.size > 500) this.cache.clear(); this.cache.set(sql, s); }
    return s;
  }
  async all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    if (profiling) { const t = performance.now(); try { return await this.allNow<T>(sql, params); } finally { record(sql, performance.now() - t); } }
    return this.allNow<T>(sql, params);
  }
  private allNow<T>(sql: string, params?: readonly SqlValue[]): T[] {
    const s = this.stmt(sql);
    if (!s.reader) { s.run(...conv(params)); return []; }
    return s.all(...conv(params)) as T[];
  }
  async get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    if (profiling) { const t = performance.now(); try { return this.getNow<T>(sql, params); } finally { record(sql, performance.now() - t); } }
    return this.getNow<T>(sql, params);
  }
  private getNow<T>(sql: string, params?: readonly SqlValue[]): T | undefined {
    const s = this.stmt(sql);
    if (!s.reader) { s.run(...conv(params)); return undefined; }
    return s.get(...conv(params)) as T | undefined;
  }
  async run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }> {
    if (profiling) { const t = performance.now(); try { return this.runNow(sql, params); } finally { record(sql, performance.now() - t); } }
    return this.runNow(sql, params);
  }
  private runNow(sql: string, params?: readonly SqlValue[]): { changes: number } {
    const s = this.stmt(sql);
    if (s.reader) { s.all(...conv(params)); return { changes: 0 }; }
    return { changes: s.run(...conv(params)).changes };
  }
  async exec(sql: string): Promise<void> { this.raw.exec(sql); }
  async lock(): Promise<void> { /* single writer: BEGIN IMMEDIATE already serialises writers */ }
  async tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    if (this.inTx) return fn(this);
    return this.mutex.run(async () => {
      const inner = new SqliteDb(this.raw, this.mutex, true);
      (inner as unknown as { cache: Map<string, Stmt> }).cache = this.cache;
      for (let attempt = 0; ; attempt++) {
        this.raw.exec('BEGIN IMMEDIATE');
        try {
          const r = await fn(inner);
          this.raw.exec('COMMIT');
          return r;
        } catch (e) {
          if (this.raw.inTransaction) this.raw.exec('ROLLBACK');
          if (e instanceof RetryTransaction && attempt < 5) continue;
          throw e;
        }
      }
    });
  }
  async close(): Promise<void> { this.raw.close(); }
}

export function openSqlite(path: string): Db {
  const raw = new Database(path);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL'); // WAL + NORMAL: a kill -9 never corrupts; a power cut may lose the last commits
  raw.pragma('busy_timeout = 30000');
  raw.pragma('foreign_keys = OFF');
  raw.pragma('cache_size = -65536');
  return new SqliteDb(raw, new Mutex(), false);
}
