/** Store test helpers: the two databases, fresh per test file, and hand-built predictions. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Article } from '../../src/model/document.js';
import type { PredEvent, Prediction } from '../../src/output/predictions.js';

export const PG_URL = process.env.SITREP_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface Target { readonly name: 'sqlite' | 'postgres'; readonly url: string; cleanup(): Promise<void> }

let n = 0;
/** A fresh SQLite file and a fresh PostgreSQL schema. PostgreSQL being down fails the tests (no skip). */
export function targets(tag: string): Target[] {
  const dir = mkdtempSync(join(tmpdir(), `sitrep-${tag}-`));
  const schema = `t_${tag.replace(/\W/g, '_')}_${process.pid}_${Date.now().toString(36)}_${n++}`;
  return [
    { name: 'sqlite', url: join(dir, 'store.db'), cleanup: async () => rmSync(dir, { recursive: true, force: true }) },
    { name: 'postgres', url: `${PG_URL}?schema=${schema}`, cleanup: () => dropSchema(schema) },
  ];
}

export async function dropSchema(schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try { await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`); } finally { await c.end(); }
}

type Ev = Partial<Omit<PredEvent, 'location' | 'date' | 'actor1' | 'actor2'>> & {
  place?: { text: string; lat: number | null; lon: number | null; country: string | null; admin1?: string | null; geonameid?: number | null; precision?: string };
  date?: string | null;
  actor1?: { text: string; kind: string; country?: string | null; name?: string | null } | null;
  actor2?: { text: string; kind: string; country?: string | null; name?: string | null } | null;
};

/** A Prediction as the pipeline would give it for an article, from a compact description. */
export function prediction(article: Article, events: Ev[]): Prediction {
  const text = article.text;
  const at = (s: string | undefined) => {
    const i = s ? text.indexOf(s) : -1;
    return i >= 0 ? { start: i, end: i + s!.length } : { start: 0, end: 0 };
  };
  return {
    schema: '1.0.0', id: article.id, published: article.published ?? null, published_how: 'stated', published_suspect: null,
    places: [], times: [], messages: [],
    events: events.map((e) => {
      const actor = (a: Ev['actor1']) => (a ? { text: a.text, ...at(a.text), country_iso3: a.country ?? null, kind: a.kind, name: a.name ?? null } : null);
      const p = e.place;
      return {
        event_type: e.event_type ?? 'Battles', sub_event_type: e.sub_event_type ?? null, plover: null,
        actor1: actor(e.actor1), actor2: actor(e.actor2),
        location: p ? { text: p.text, ...at(p.text), geonameid: p.geonameid ?? null, lat: p.lat, lon: p.lon, country_iso3: p.country, admin1: p.admin1 ?? null, precision: p.precision ?? 'exact' } : null,
        date: e.date ? { value: e.date, text: e.date, start: 0, end: 0, precision: e.date.length === 10 ? 'day' : e.date.includes('W') ? 'week' : 'month', relative: false } : null,
        fatalities: e.fatalities ?? null, injured: e.injured ?? null,
        claimed_by: e.claimed_by ?? [], claims: e.claims ?? [], contested: e.contested ?? false,
        confidence: e.confidence ?? 0.8, background: e.background ?? false,
        evidence: { start: 0, end: Math.min(text.length, 200) }, trigger: { start: 0, end: 0, text: '' }, provenance: {},
      };
    }),
  };
}
