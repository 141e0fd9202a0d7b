/**
 * API test fixtures: a temporary SQLite store filled through the real pipeline (input layer →
 * extraction → store.ingest) with a few sample articles and the fixtures beside this file (two
 * outlets on one bombing, an article whose text carries script payloads), and the app over it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { articleFromString, readInputs } from '../../src/io/index.js';
import type { Article } from '../../src/model/document.js';
import { extractBatch } from '../../src/run/extract-batch.js';
import { openStore, type SqlStore } from '../../src/store/index.js';
import { pipelineVersion } from '../../src/store/version.js';
import { ROOT } from '../../src/util/lexicon.js';
import { createApp } from '../../src/api/app.js';
import { DEFAULT_CONFIG, type ServeConfig } from '../../src/api/config.js';

export const SAMPLES = [
  '01-mogadishu-suicide-bomb.txt', '04-kankara-school-abduction.html', '06-sagaing-airstrike-contested-toll.txt',
  '07-kostiantynivka-market-contested-perpetrator.txt', '11-goma-monusco-riots.txt', '15-kherson-shelling.txt',
];
export const FIXTURES = ['beledweyne-horn-monitor', 'beledweyne-shabelle-coast', 'kisumu-banner-payload'];
const PUBLISHED: Record<string, string> = JSON.parse(readFileSync(path.join(ROOT, 'samples/published.json'), 'utf8'));

export async function fixtureArticles(): Promise<Article[]> {
  const out: Article[] = [];
  for await (const r of readInputs(SAMPLES.map((f) => path.join(ROOT, 'samples/articles', f)))) {
    if (!r.ok) throw r.error;
    out.push(r.article.published || !PUBLISHED[r.article.id] ? r.article : { ...r.article, published: PUBLISHED[r.article.id] });
  }
  for (const f of FIXTURES) {
    const r = articleFromString(f, readFileSync(path.join(ROOT, 'test/api/fixtures', `${f}.json`), 'utf8'), 'json');
    if (!r.ok) throw r.error;
    out.push(r.article);
  }
  return out;
}

export interface Fixture { readonly store: SqlStore; readonly dir: string; readonly dbPath: string; cleanup(): Promise<void> }

/** A fresh SQLite store with the fixture articles ingested through the real pipeline. */
export async function filledStore(tag = 'api'): Promise<Fixture> {
  const dir = mkdtempSync(path.join(tmpdir(), `sitrep-${tag}-`));
  const dbPath = path.join(dir, 'store.db');
  const store = await openStore(dbPath);
  const version = pipelineVersion();
  const inputs = (await fixtureArticles()).map((article) => ({ ok: true as const, article }));
  for await (const r of extractBatch(inputs, { workers: 0 })) {
    if (!r.ok) throw new Error(`${r.code} ${r.message}`);
    await store.ingest(r.article, r.prediction, { pipelineVersion: version, runId: null });
  }
  return { store, dir, dbPath, cleanup: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
}

export const config = (over: Partial<ServeConfig> = {}): ServeConfig => ({ ...DEFAULT_CONFIG, ...over });

export function appOver(store: SqlStore, over: Partial<ServeConfig> = {}) {
  return createApp({ store, config: config(over), webRoot: null, log: () => {} });
}

export async function getJson<T = any>(app: { request: (u: string, init?: RequestInit) => Response | Promise<Response> }, url: string, init?: RequestInit): Promise<{ status: number; body: T; res: Response }> {
  const res = await app.request(url, init);
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, res };
}
