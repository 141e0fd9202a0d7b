/** Settings of the HTTP API and dashboard: config/serve.json, then environment overrides. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../util/lexicon.js';

export interface ServeConfig {
  readonly port: number;
  readonly host: string;
  /** Bearer token for POST /api/articles; null turns ingest over HTTP off. */
  readonly token: string | null;
  readonly maxBodyBytes: number;
  readonly pageSize: number;
  readonly maxPageSize: number;
  /** Most points /api/events/points returns (the dashboard's map and timeline). */
  readonly maxPoints: number;
  /** Origins allowed cross-origin; empty = CORS off. */
  readonly corsOrigins: readonly string[];
  readonly tiles: { readonly url: string | null; readonly attribution: string | null; readonly maxZoom: number };
}

export const DEFAULT_CONFIG: ServeConfig = {
  port: 8080, host: '127.0.0.1', token: null, maxBodyBytes: 2 * 1024 * 1024, pageSize: 50, maxPageSize: 500,
  maxPoints: 200_000, corsOrigins: [], tiles: { url: null, attribution: null, maxZoom: 18 },
};

export function loadServeConfig(file = process.env.SITREP_SERVE_CONFIG ?? path.join(ROOT, 'config', 'serve.json'), env: NodeJS.ProcessEnv = process.env): ServeConfig {
  let raw: Partial<ServeConfig> = {};
  if (existsSync(file)) {
    try { raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<ServeConfig>; } catch (e) { throw new Error(`${file}: ${(e as Error).message}`); }
  }
  const c: ServeConfig = { ...DEFAULT_CONFIG, ...raw, tiles: { ...DEFAULT_CONFIG.tiles, ...(raw.tiles ?? {}) } };
  const tileUrl = env.SITREP_TILE_URL ?? c.tiles.url;
  const cors = env.SITREP_CORS_ORIGINS !== undefined ? env.SITREP_CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean) : c.corsOrigins;
  const out: ServeConfig = { ...c, token: env.SITREP_API_TOKEN || c.token || null, corsOrigins: cors, tiles: { ...c.tiles, url: tileUrl || null } };
  for (const k of ['maxBodyBytes', 'pageSize', 'maxPageSize', 'maxPoints'] as const) {
    if (!(Number.isInteger(out[k]) && out[k] > 0)) throw new Error(`${file}: "${k}" must be a positive whole number`);
  }
  if (out.pageSize > out.maxPageSize) throw new Error(`${file}: pageSize is over maxPageSize`);
  if (out.tiles.url && !/^https?:\/\/[^\s]+\{z\}[^\s]*\{x\}[^\s]*\{y\}/.test(out.tiles.url)) throw new Error(`tile URL must be http(s) with {z}, {x} and {y}: "${out.tiles.url}"`);
  return out;
}
