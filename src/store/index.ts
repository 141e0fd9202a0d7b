/** Opens the store named by a --db value: a file path (SQLite, default ./sitrep.db) or postgres://… */
import type { Store } from './port.js';
import { SqlStore } from './store.js';
import { openSqlite } from './sqlite/driver.js';
import { openPostgres } from './postgres/driver.js';
import type { FusionConfig } from './fusion/config.js';

export const DEFAULT_DB = './sitrep.db';

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//i.test(url);

export async function openStore(url: string = process.env.SITREP_DB ?? DEFAULT_DB, opts: { migrate?: boolean; poolSize?: number; fusion?: FusionConfig } = {}): Promise<SqlStore> {
  const db = isPostgresUrl(url) ? await openPostgres(url, { max: opts.poolSize }) : openSqlite(url.replace(/^sqlite:(\/\/)?/, ''));
  const store = new SqlStore(db, opts.fusion);
  if (opts.migrate !== false) await store.migrate();
  return store;
}

export type { Store };
export { SqlStore };
