/**
 * The small SQL surface both databases share. Store code writes SQL once with `?` placeholders;
 * each driver (sqlite/driver.ts, postgres/driver.ts) runs it, converting placeholders and values.
 */
export type DialectName = 'sqlite' | 'postgres';

export type SqlValue = string | number | bigint | null | boolean;

export interface Db {
  readonly dialect: DialectName;
  all<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  /** Several statements, no parameters (DDL). */
  exec(sql: string): Promise<void>;
  /**
   * Runs fn in one transaction on one connection; commits on success, rolls back on a throw.
   * Retries the whole function on deadlocks and serialisation failures (PostgreSQL) and on
   * `RetryTransaction` thrown by the caller.
   */
  tx<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /**
   * Transaction-scoped exclusive locks on named keys (pg_advisory_xact_lock on PostgreSQL; SQLite is
   * single-writer, so nothing to do). Taken in a fixed order so two transactions cannot deadlock on them.
   */
  lock(keys: readonly string[]): Promise<void>;
  /** `FOR UPDATE` on PostgreSQL, '' on SQLite (append to a SELECT). */
  readonly forUpdate: string;
  close(): Promise<void>;
}

/** Thrown inside a transaction to have it rolled back and run again (a concurrent change was seen). */
export class RetryTransaction extends Error {
  constructor(reason: string) { super(reason); this.name = 'RetryTransaction'; }
}

/** Mutual exclusion for async sections (SQLite has one connection; transactions must not interleave). */
export class Mutex {
  private last: Promise<void> = Promise.resolve();
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const prev = this.last;
    let release!: () => void;
    this.last = new Promise<void>((r) => (release = r));
    await prev;
    try { return await fn(); } finally { release(); }
  }
}
