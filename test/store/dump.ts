/** A canonical dump of a store, without timestamps, run ids and serial numbers, for comparing stores. */
import type { SqlStore } from '../../src/store/store.js';

export interface Dump {
  articles: unknown[];
  mentions: unknown[];
  claims: unknown[];
  /** Events by the sorted ids of their mentions; `id` kept only with `withIds`. */
  events: unknown[];
  sources: unknown[];
}

/** JSON with sorted keys (jsonb reorders keys; SQLite keeps the text as written). */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`).join(',')}}`;
  if (typeof v === 'number' && !Number.isInteger(v)) return String(Math.round(v * 1e6) / 1e6);
  return JSON.stringify(v);
}

const round = (r: Record<string, unknown>) => {
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) {
    if (typeof v === 'number' && !Number.isInteger(v)) o[k] = Math.round(v * 1e6) / 1e6;
    else if (v !== null && typeof v === 'object') o[k] = stable(v);
    else if (typeof v === 'string' && (v.startsWith('{') || v.startsWith('['))) { try { o[k] = stable(JSON.parse(v)); } catch { o[k] = v; } }
    else o[k] = v;
  }
  return o;
};

export async function dumpStore(store: SqlStore, opts: { withIds: boolean }): Promise<Dump> {
  const db = store.raw;
  const articles = (await db.all(`SELECT id, ext_id, url_canonical, outlet, title, published, content_hash, bytes, pipeline_version, n_mentions FROM articles ORDER BY id`)).map(round);
  const mentions = (await db.all(`SELECT * FROM mentions ORDER BY id`)).map(round);
  const claims = (await db.all(`SELECT * FROM claims ORDER BY mention_id, idx`)).map(round);
  const links = await db.all<{ mention_id: string; event_id: string }>(`SELECT mention_id, event_id FROM event_mentions ORDER BY mention_id`);
  const byEvent = new Map<string, string[]>();
  for (const l of links) byEvent.set(l.event_id, [...(byEvent.get(l.event_id) ?? []), l.mention_id]);
  const events = (await db.all<Record<string, unknown>>(`SELECT * FROM events ORDER BY id`)).map((e) => {
    const { created_at: _c, updated_at: _u, id, ...rest } = e;
    return round({ ...(opts.withIds ? { id } : {}), mentions: (byEvent.get(id as string) ?? []).join(' '), ...rest });
  }).sort((a, b) => String(a.mentions).localeCompare(String(b.mentions)));
  const evKey = new Map([...byEvent].map(([id, ms]) => [id, ms.join(' ')]));
  const sources = (await db.all<Record<string, unknown>>(`SELECT * FROM sources`)).map((s) => round({
    ...s, event_id: opts.withIds ? s.event_id : evKey.get(s.event_id as string),
  })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return { articles, mentions, claims, events, sources };
}
