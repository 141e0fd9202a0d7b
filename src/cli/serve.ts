/**
 * `sitrep serve`: the HTTP API (src/api/app.ts) and the dashboard (web/dist) on a port.
 */
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { createApp, defaultWebRoot } from '../api/app.js';
import { loadServeConfig } from '../api/config.js';
import { DEFAULT_DB, openStore } from '../store/index.js';

export const SERVE_HELP = `usage:
  sitrep serve [--port 8080] [--host 127.0.0.1] [--db FILE|postgres://…] [--web DIR] [--no-web] [--workers N]

Serves the JSON API (/api/…, documented at /openapi.json) and the dashboard (web/dist, built by
\`npm run build:web\`) over the store. Settings in config/serve.json; SITREP_API_TOKEN enables
POST /api/articles (ingest) for clients sending "Authorization: Bearer <token>". --workers N runs N
server processes sharing the port (each with its own store connection; 0 = one per core). Stop with Ctrl-C.
`;

export interface Running { readonly url: string; close(): Promise<void> }

/** Starts the server; resolves once it listens (port 0 picks a free port). */
export async function startServer(o: { port: number; host: string; db: string; web?: string | null; quiet?: boolean }): Promise<Running> {
  const config = loadServeConfig();
  const store = await openStore(o.db);
  const webRoot = o.web === undefined ? defaultWebRoot() : o.web;
  const app = createApp({ store, config, webRoot });
  let server: ServerType;
  const port = await new Promise<number>((resolve, reject) => {
    server = serve({ fetch: app.fetch, port: o.port, hostname: o.host }, (info) => resolve(info.port));
    server.once('error', reject);
  });
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    url: `http://${host}:${port}`,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await store.close();
    },
  };
}

export async function serveCmd(args: string[]): Promise<number> {
  let v: Record<string, string | boolean | undefined>;
  try {
    v = parseArgs({ args, options: {
      port: { type: 'string' }, host: { type: 'string' }, db: { type: 'string' }, web: { type: 'string' }, 'no-web': { type: 'boolean' },
      workers: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    }, allowPositionals: false, strict: true }).values;
  } catch (e) {
    process.stderr.write(`sitrep serve: ${(e as Error).message}\n\n${SERVE_HELP}`);
    return 2;
  }
  if (v.help) { process.stdout.write(SERVE_HELP); return 0; }
  const cfg = loadServeConfig();
  const port = v.port !== undefined ? Number(v.port) : Number(process.env.PORT ?? cfg.port);
  if (!(Number.isInteger(port) && port >= 0 && port < 65536)) { process.stderr.write(`sitrep serve: --port takes 0..65535, got "${v.port}"\n`); return 2; }
  let web: string | null | undefined;
  if (v['no-web']) web = null;
  else if (v.web) {
    web = path.resolve(v.web as string);
    if (!existsSync(path.join(web, 'index.html'))) { process.stderr.write(`sitrep serve: no index.html in ${web}\n`); return 2; }
  }
  const db = (v.db as string | undefined) ?? process.env.SITREP_DB ?? DEFAULT_DB;
  const workers = v.workers !== undefined ? Number(v.workers) : 1;
  if (!(Number.isInteger(workers) && workers >= 0 && workers <= 64)) { process.stderr.write(`sitrep serve: --workers takes 0..64, got "${v.workers}"\n`); return 2; }
  const n = workers === 0 ? availableParallelism() : workers;
  if (n > 1 && cluster.isPrimary) {
    if (port === 0) { process.stderr.write('sitrep serve: --workers needs a fixed --port\n'); return 2; }
    await (await openStore(db)).close(); // migrate once, before the workers open it
    for (let i = 0; i < n; i++) cluster.fork();
    process.stderr.write(`sitrep serve: ${n} workers on http://${(v.host as string | undefined) ?? cfg.host}:${port}/ (store ${db})\n`);
    await new Promise<void>((resolve) => {
      const stop = () => { process.off('SIGINT', stop); process.off('SIGTERM', stop); resolve(); };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
    return 0;
  }
  const running = await startServer({ port, host: (v.host as string | undefined) ?? cfg.host, db, web });
  const served = web === undefined ? defaultWebRoot() : web;
  if (!cluster.isPrimary) { /* the primary reported */ } else process.stderr.write(`sitrep serve: ${running.url}/ (store ${db}; dashboard ${served ? 'on' : 'not built — run npm run build:web'}; ` +
    `ingest ${cfg.token ? 'on' : 'off'}; API docs ${running.url}/openapi.json)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => { process.off('SIGINT', stop); process.off('SIGTERM', stop); resolve(); };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await running.close();
  return 0;
}
