/**
 * `sitrep export`: stored events, filtered, as ACLED CSV, a flat CSV, GeoJSON (QGIS opens it) or JSONL.
 */
import { createWriteStream } from 'node:fs';
import { DEFAULT_DB, openStore } from '../store/index.js';
import type { EventFilter, StoredEvent } from '../store/port.js';
import type { SqlStore } from '../store/store.js';
import { ACLED_COLUMNS, acledRow } from '../store/acled.js';
import { CliUsage, parseCli, withUsage } from './args.js';

export const EXPORT_HELP = `usage:
  sitrep export --format acled-csv|csv|geojson|jsonl [--db FILE|postgres://…] [--output FILE]
                [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--bbox minLon,minLat,maxLon,maxLat] [--near lat,lon,km]
                [--type EVENT_TYPE] [--sub-type SUB_EVENT_TYPE] [--actor TEXT] [--country ISO3] [--source OUTLET]
                [--q WORDS] [--min-confidence X] [--limit N] [--with-mentions]

Filters combine (AND); --type, --sub-type and --country take comma-separated lists.
acled-csv has the ACLED columns (fatalities = the lowest credible toll); csv has every fused field
(tolls low/best/high, confidence, sources); geojson is a FeatureCollection of points (events without
coordinates are left out and counted on stderr); jsonl has one event per line (--with-mentions adds its reports).
`;

/** RFC 4180 field: quoted when it holds a comma, quote or line break; cells starting with = + - @ are prefixed by ' (no formula injection). */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'number' ? String(v) : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
export const csvLine = (fields: readonly unknown[]) => fields.map(csvField).join(',') + '\r\n';

const FLAT_COLUMNS = [
  'id', 'event_date', 'date_precision', 'date_min', 'date_max', 'event_type', 'sub_event_type', 'plover_event',
  'actor1', 'actor1_kind', 'actor1_country', 'actor2', 'actor2_kind', 'actor2_country',
  'location', 'admin1', 'country', 'latitude', 'longitude', 'geo_precision', 'spread_km',
  'fatalities_low', 'fatalities_best', 'fatalities_high', 'injured_low', 'injured_best', 'injured_high',
  'confidence', 'contested', 'n_mentions', 'n_sources', 'sources', 'first_seen', 'last_seen', 'notes',
] as const;

export function flatRow(e: StoredEvent): Record<(typeof FLAT_COLUMNS)[number], string | number | null> {
  return {
    id: e.id, event_date: e.date, date_precision: e.datePrecision, date_min: e.dateMin, date_max: e.dateMax,
    event_type: e.eventType, sub_event_type: e.subEventType, plover_event: e.ploverEvent,
    actor1: e.actor1?.name ?? e.actor1?.text ?? null, actor1_kind: e.actor1?.kind ?? null, actor1_country: e.actor1?.country ?? null,
    actor2: e.actor2?.name ?? e.actor2?.text ?? null, actor2_kind: e.actor2?.kind ?? null, actor2_country: e.actor2?.country ?? null,
    location: e.location.text, admin1: e.location.admin1, country: e.location.country, latitude: e.location.lat, longitude: e.location.lon,
    geo_precision: e.location.precision, spread_km: e.spreadKm,
    fatalities_low: e.fatalities.low, fatalities_best: e.fatalities.best, fatalities_high: e.fatalities.high,
    injured_low: e.injured.low, injured_best: e.injured.best, injured_high: e.injured.high,
    confidence: e.confidence, contested: e.contested ? 1 : 0, n_mentions: e.nMentions, n_sources: e.nSources,
    sources: e.sources.join('; '), first_seen: e.firstSeen, last_seen: e.lastSeen, notes: e.notes,
  };
}

const num = (s: string, what: string) => {
  const n = Number(s);
  if (!Number.isFinite(n)) throw new CliUsage(`${what}: "${s}" is not a number`);
  return n;
};
const list = (s: string | undefined) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined);

export function filterFromFlags(v: Record<string, string | boolean | undefined>): EventFilter {
  const s = (k: string) => v[k] as string | undefined;
  const date = (k: string) => {
    const d = s(k);
    if (d !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new CliUsage(`--${k} must be YYYY-MM-DD, got "${d}"`);
    return d;
  };
  let bbox: [number, number, number, number] | undefined;
  if (s('bbox')) {
    const p = s('bbox')!.split(',').map((x) => num(x, '--bbox'));
    if (p.length !== 4) throw new CliUsage('--bbox takes minLon,minLat,maxLon,maxLat');
    bbox = p as [number, number, number, number];
  }
  let near: EventFilter['near'];
  if (s('near')) {
    const p = s('near')!.split(',').map((x) => num(x, '--near'));
    if (p.length !== 3 || !(p[2] > 0)) throw new CliUsage('--near takes lat,lon,km');
    near = { lat: p[0], lon: p[1], km: p[2] };
  }
  return {
    from: date('from'), to: date('to'), bbox, near,
    eventType: list(s('type')), subEventType: list(s('sub-type')), country: list(s('country')),
    actor: s('actor'), source: s('source'), text: s('q'),
    minConfidence: s('min-confidence') !== undefined ? num(s('min-confidence')!, '--min-confidence') : undefined,
  };
}

export const FILTER_FLAGS = {
  from: { type: 'string' }, to: { type: 'string' }, bbox: { type: 'string' }, near: { type: 'string' },
  type: { type: 'string' }, 'sub-type': { type: 'string' }, actor: { type: 'string' }, country: { type: 'string' },
  source: { type: 'string' }, q: { type: 'string' }, 'min-confidence': { type: 'string' },
} as const;

/** Every event matching the filter, page by page (newest first). */
export async function* allEvents(store: SqlStore, f: EventFilter, limit = Infinity): AsyncGenerator<StoredEvent> {
  let cursor: string | null = null, n = 0;
  do {
    const page: Awaited<ReturnType<SqlStore['queryEvents']>> = await store.queryEvents(f, { limit: 1000, cursor });
    for (const e of page.items) { if (n++ >= limit) return; yield e; }
    cursor = page.next;
  } while (cursor);
}

export function exportCmd(args: string[]): Promise<number> {
  return withUsage('export', EXPORT_HELP, async () => {
    const { values: v } = parseCli(args, {
      ...FILTER_FLAGS, db: { type: 'string' }, format: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' },
      limit: { type: 'string' }, 'with-mentions': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    });
    if (v.help) { process.stdout.write(EXPORT_HELP); return 0; }
    const output = v.output as string | undefined;
    const format = (v.format as string | undefined) ?? (output?.endsWith('.geojson') ? 'geojson' : output?.endsWith('.jsonl') ? 'jsonl' : 'acled-csv');
    if (!['acled-csv', 'csv', 'geojson', 'jsonl'].includes(format)) throw new CliUsage(`--format must be acled-csv, csv, geojson or jsonl, got "${format}"`);
    const filter = filterFromFlags(v);
    const limit = v.limit !== undefined ? num(v.limit as string, '--limit') : Infinity;
    const store = await openStore((v.db as string | undefined) ?? process.env.SITREP_DB ?? DEFAULT_DB);
    const out = output ? createWriteStream(output) : process.stdout;
    const write = (s: string) => new Promise<void>((res, rej) => { out.write(s, (e) => (e ? rej(e) : undefined)) ? res() : out.once('drain', () => res()); });
    let n = 0, skipped = 0;
    try {
      if (format === 'acled-csv') await write(csvLine(ACLED_COLUMNS));
      if (format === 'csv') await write(csvLine(FLAT_COLUMNS));
      if (format === 'geojson') await write('{"type":"FeatureCollection","features":[\n');
      for await (const e of allEvents(store, filter, limit)) {
        if (format === 'acled-csv') { const r = acledRow(e); await write(csvLine(ACLED_COLUMNS.map((c) => r[c]))); }
        else if (format === 'csv') { const r = flatRow(e); await write(csvLine(FLAT_COLUMNS.map((c) => r[c]))); }
        else if (format === 'jsonl') {
          const rec = v['with-mentions'] ? { ...e, mentions: await store.eventMentions(e.id) } : e;
          await write(JSON.stringify(rec) + '\n');
        } else {
          if (e.location.lat === null || e.location.lon === null) { skipped++; continue; }
          const feature = {
            type: 'Feature', id: e.id,
            geometry: { type: 'Point', coordinates: [e.location.lon, e.location.lat] },
            properties: flatRow(e),
          };
          await write((n ? ',\n' : '') + JSON.stringify(feature));
        }
        n++;
      }
      if (format === 'geojson') await write('\n]}\n');
    } finally {
      if (output) await new Promise<void>((res) => (out as ReturnType<typeof createWriteStream>).end(res));
      await store.close();
    }
    process.stderr.write(`export: ${n} events (${format})${skipped ? `, ${skipped} without coordinates left out` : ''}\n`);
    return 0;
  });
}
