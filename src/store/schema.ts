/**
 * THE store schema, described once and rendered for both dialects (docs/schema-store.md).
 * Migrations (migrations.ts) are built from these descriptions plus the few statements that are
 * dialect-specific by nature (full-text search).
 */
import type { DialectName } from './db.js';

/** Column types, mapped per dialect by `sqlType`. Timestamps and dates are ISO-8601 text in both. */
export type ColType = 'text' | 'int' | 'bigint' | 'real' | 'json' | 'serial';

export interface Column {
  readonly name: string;
  readonly type: ColType;
  readonly notNull?: boolean;
  readonly unique?: boolean;
  readonly default?: string | number;
}
export interface Index {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique?: boolean;
  /** A partial index: the condition (same SQL in both dialects). */
  readonly where?: string;
}
export interface Table {
  readonly name: string;
  readonly columns: readonly Column[];
  readonly primaryKey: readonly string[];
  readonly indexes?: readonly Index[];
}

const c = (name: string, type: ColType, extra: Partial<Column> = {}): Column => ({ name, type, ...extra });
const txt = (name: string, extra: Partial<Column> = {}) => c(name, 'text', extra);
const int = (name: string, extra: Partial<Column> = {}) => c(name, 'int', extra);
const real = (name: string, extra: Partial<Column> = {}) => c(name, 'real', extra);
const json = (name: string, extra: Partial<Column> = {}) => c(name, 'json', extra);

/** Actor columns shared by mentions and events. */
const actor = (p: string) => [txt(`${p}_text`), txt(`${p}_name`), txt(`${p}_kind`), txt(`${p}_country`)];
const place = [txt('location_text'), int('geonameid'), real('lat'), real('lon'), txt('country'), txt('admin1'), txt('geo_precision')];

export const TABLES: readonly Table[] = [
  {
    name: 'articles',
    columns: [
      c('seq', 'serial'), // integer key for the full-text index
      txt('id', { notNull: true, unique: true }), // 'a' + hash of the canonical key, stable across stores
      txt('ext_id'), txt('origin'),
      txt('url'), txt('url_canonical', { unique: true }),
      txt('outlet'), txt('title'), txt('published'),
      txt('text', { notNull: true }),
      txt('content_hash', { notNull: true, unique: true }),
      int('bytes', { notNull: true, default: 0 }),
      txt('pipeline_version', { notNull: true }),
      int('n_mentions', { notNull: true, default: 0 }),
      txt('ingested_at', { notNull: true }), txt('updated_at', { notNull: true }),
      txt('run_id'),
      json('messages'),
    ],
    primaryKey: ['seq'],
    indexes: [{ name: 'articles_outlet', columns: ['outlet'] }, { name: 'articles_published', columns: ['published'] }],
  },
  {
    name: 'mentions',
    columns: [
      txt('id', { notNull: true }), txt('article_id', { notNull: true }), int('idx', { notNull: true }),
      txt('event_type', { notNull: true }), txt('sub_event_type'), txt('plover_event'), txt('plover_mode'),
      ...actor('actor1'), ...actor('actor2'),
      ...place,
      txt('date_value'), txt('date_precision'), txt('date_text'),
      txt('date_start'), txt('date_end'), // the interval the date stands for (published-based when the text gives none)
      txt('published'), txt('outlet'),
      int('fatalities'), int('injured'),
      int('contested', { notNull: true, default: 0 }), int('background', { notNull: true, default: 0 }),
      real('confidence', { notNull: true, default: 0 }),
      txt('evidence'),
      json('data', { notNull: true }), // the whole prediction event: spans, claims, provenance
    ],
    primaryKey: ['id'],
    indexes: [
      { name: 'mentions_article', columns: ['article_id'] },
      { name: 'mentions_window', columns: ['country', 'date_start'] },
    ],
  },
  {
    name: 'events',
    columns: [
      txt('id', { notNull: true }),
      txt('event_type', { notNull: true }), txt('sub_event_type'), txt('plover_event'),
      txt('event_date'), txt('date_precision'), txt('date_min'), txt('date_max'),
      ...actor('actor1'), ...actor('actor2'),
      ...place,
      real('spread_km'),
      int('fatalities_low'), int('fatalities_best'), int('fatalities_high'),
      int('injured_low'), int('injured_best'), int('injured_high'),
      real('confidence', { notNull: true, default: 0 }),
      int('n_mentions', { notNull: true, default: 0 }), int('n_sources', { notNull: true, default: 0 }),
      int('contested', { notNull: true, default: 0 }),
      txt('first_seen'), txt('last_seen'),
      txt('notes'), txt('source'),
      json('consensus'), // per-field votes and spread, tolls with who claims each
      txt('created_at', { notNull: true }), txt('updated_at', { notNull: true }),
    ],
    primaryKey: ['id'],
    indexes: [
      // bbox + time + type: the type and date range narrow the index scan, lat/lon filter inside it
      { name: 'events_type_date', columns: ['event_type', 'event_date', 'lat', 'lon'] },
      { name: 'events_date', columns: ['event_date', 'lat', 'lon'] },
      { name: 'events_country_date', columns: ['country', 'event_date'] },
      { name: 'events_sub_date', columns: ['sub_event_type', 'event_date'] },
      { name: 'events_lat_lon', columns: ['lat', 'lon'] },
    ],
  },
  {
    name: 'event_mentions',
    columns: [txt('mention_id', { notNull: true }), txt('event_id', { notNull: true }), txt('how', { notNull: true }), txt('added_at', { notNull: true })],
    primaryKey: ['mention_id'],
    indexes: [{ name: 'event_mentions_event', columns: ['event_id'] }],
  },
  {
    name: 'sources',
    columns: [txt('event_id', { notNull: true }), txt('outlet', { notNull: true }), int('n_mentions', { notNull: true }), txt('first_published')],
    primaryKey: ['event_id', 'outlet'],
    indexes: [{ name: 'sources_outlet', columns: ['outlet'] }],
  },
  {
    name: 'claims',
    columns: [
      txt('mention_id', { notNull: true }), int('idx', { notNull: true }), txt('article_id', { notNull: true }),
      txt('by_text', { notNull: true }), txt('field'), txt('value'), txt('says'),
    ],
    primaryKey: ['mention_id', 'idx'],
    indexes: [{ name: 'claims_article', columns: ['article_id'] }],
  },
  {
    name: 'merge_history',
    columns: [
      c('seq', 'serial'), txt('at', { notNull: true }),
      txt('action', { notNull: true }), // create | attach | merge | split | detach | retire
      txt('event_id', { notNull: true }), txt('other_event_id'), json('mention_ids'), txt('reason'), txt('run_id'),
    ],
    primaryKey: ['seq'],
    indexes: [{ name: 'merge_history_event', columns: ['event_id'] }, { name: 'merge_history_other', columns: ['other_event_id'] }],
  },
  {
    // cannot-link pairs from manual splits: fusion never merges these two events again
    name: 'fusion_blocks',
    columns: [txt('event_a', { notNull: true }), txt('event_b', { notNull: true }), txt('at', { notNull: true })],
    primaryKey: ['event_a', 'event_b'],
  },
  {
    name: 'ingest_runs',
    columns: [
      txt('id', { notNull: true }), txt('started_at', { notNull: true }), txt('finished_at'),
      txt('status', { notNull: true }), txt('command'), txt('pipeline_version'),
      int('seen', { notNull: true, default: 0 }), int('stored', { notNull: true, default: 0 }),
      int('replaced', { notNull: true, default: 0 }), int('unchanged', { notNull: true, default: 0 }),
      int('failed', { notNull: true, default: 0 }), int('queued', { notNull: true, default: 0 }),
      int('mentions', { notNull: true, default: 0 }),
      json('errors'),
    ],
    primaryKey: ['id'],
  },
  {
    name: 'jobs',
    columns: [
      c('id', 'serial'), txt('key', { notNull: true, unique: true }), txt('run_id'),
      json('payload', { notNull: true }),
      txt('status', { notNull: true }), // queued | running | done | failed
      int('attempts', { notNull: true, default: 0 }),
      c('lease_until', 'bigint'), txt('worker'), txt('error'),
      txt('created_at', { notNull: true }), txt('finished_at'),
    ],
    primaryKey: ['id'],
    indexes: [{ name: 'jobs_status', columns: ['status', 'id'] }],
  },
];

export function sqlType(d: DialectName, t: ColType): string {
  if (d === 'sqlite') return { text: 'TEXT', int: 'INTEGER', bigint: 'INTEGER', real: 'REAL', json: 'TEXT', serial: 'INTEGER' }[t];
  return { text: 'text', int: 'integer', bigint: 'bigint', real: 'double precision', json: 'jsonb', serial: 'bigserial' }[t];
}

const q = (s: string) => `"${s}"`;

export function createTable(d: DialectName, t: Table): string[] {
  const single = t.primaryKey.length === 1 ? t.primaryKey[0] : null;
  const cols = t.columns.map((col) => {
    let s = `${q(col.name)} ${sqlType(d, col.type)}`;
    if (single === col.name) s += ' PRIMARY KEY';
    if (col.notNull && single !== col.name) s += ' NOT NULL';
    if (col.unique) s += ' UNIQUE';
    if (col.default !== undefined) s += ` DEFAULT ${typeof col.default === 'number' ? col.default : `'${col.default}'`}`;
    return s;
  });
  if (!single) cols.push(`PRIMARY KEY (${t.primaryKey.map(q).join(', ')})`);
  const out = [`CREATE TABLE IF NOT EXISTS ${q(t.name)} (\n  ${cols.join(',\n  ')}\n)`];
  for (const ix of t.indexes ?? []) out.push(createIndex(t.name, ix));
  return out;
}

export function createIndex(table: string, ix: Index): string {
  return `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${q(ix.name)} ON ${q(table)} (${ix.columns.map(q).join(', ')})${ix.where ? ` WHERE ${ix.where}` : ''}`;
}

export const table = (name: string): Table => {
  const t = TABLES.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}`);
  return t;
};

/** JSON columns of a table (drivers parse them on the way out). */
export const JSON_COLUMNS = new Set(TABLES.flatMap((t) => t.columns.filter((c) => c.type === 'json').map((c) => c.name)));
