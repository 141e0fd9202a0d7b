/**
 * Versioned migrations. Each is a list of statements rendered for the dialect from the one schema
 * description (schema.ts); `schema_migrations` records what ran. Add a migration, never edit one.
 */
import type { Db, DialectName } from './db.js';
import { TABLES, createIndex, createTable } from './schema.js';
import { ftsMigration as sqliteFts } from './sqlite/dialect.js';
import { ftsMigration as pgFts } from './postgres/dialect.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (d: DialectName) => string[];
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'tables', up: (d) => TABLES.flatMap((t) => createTable(d, t)) },
  { version: 2, name: 'full-text search', up: (d) => (d === 'sqlite' ? sqliteFts() : pgFts()) },
  {
    // fusion looks back a month only for mentions dated to a week, a month or not at all
    version: 3, name: 'index of mentions with date intervals',
    up: () => [createIndex('mentions', { name: 'mentions_window_long', columns: ['country', 'date_start'], where: 'date_start <> date_end' })],
  },
  // the article's language (from <html lang>, Content-Language or a meta tag; URL and feed ingest)
  { version: 4, name: 'article language', up: () => ['ALTER TABLE articles ADD COLUMN language TEXT'] },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Applies the migrations not yet applied, each in its own transaction. Returns how many ran. */
export async function migrate(db: Db): Promise<number> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  let n = 0;
  for (const m of MIGRATIONS) {
    const ran = await db.tx(async (t) => {
      await t.lock(['sitrep:migrate']); // two workers starting together migrate once
      const done = await t.get(`SELECT version FROM schema_migrations WHERE version = ?`, [m.version]);
      if (done) return false;
      for (const s of m.up(db.dialect)) await t.exec(s);
      await t.run(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`, [m.version, m.name, new Date().toISOString()]);
      return true;
    });
    if (ran) n++;
  }
  return n;
}
