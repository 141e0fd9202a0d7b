/**
 * `sitrep ingest <url>…`: fetch each page safely (src/fetch), extract the article with Readability,
 * and store it like any other article. src/cli/ingest.ts hands over when its arguments are URLs.
 */
import { DEFAULT_DB, openStore } from '../store/index.js';
import { pipelineVersion } from '../store/version.js';
import type { RunCounts } from '../store/port.js';
import { HttpClient } from '../fetch/client.js';
import { DEFAULTS } from '../fetch/fetch.js';
import { AlertEngine } from '../alerts/engine.js';
import { loadRules } from '../alerts/rules.js';
import { CliUsage, durationOption, parseCli, publishedOption, withUsage } from '../cli/args.js';
import { extractAndStore, fetchPage } from './ingest.js';

export const isUrlArg = (a: string): boolean => /^https?:\/\//i.test(a);

export const INGEST_URL_HELP = `usage:
  sitrep ingest <http(s)://…>... [--db FILE|postgres://…] [--published YYYY-MM-DD] [--alerts rules.yaml]
                [--allow-private] [--ignore-robots] [--timeout 30s] [--max-bytes N]

Fetches each page (at most 5 redirects; private, loopback and link-local addresses refused unless
--allow-private; robots.txt honoured unless --ignore-robots), extracts the article (title, outlet,
canonical URL, publication date, language) and stores it like any article.
`;

/** Runs `sitrep ingest` for URL arguments. Exit status: 0 ok, 1 some failed, 2 usage. */
export async function ingestUrlsCmd(args: string[]): Promise<number> {
  return withUsage('ingest', INGEST_URL_HELP, () => ingestUrls(args));
}

async function ingestUrls(args: string[]): Promise<number> {
  const { values: v, positionals } = parseCli(args, {
    db: { type: 'string' }, published: { type: 'string' }, alerts: { type: 'string' }, 'allow-private': { type: 'boolean' },
    'ignore-robots': { type: 'boolean' }, timeout: { type: 'string' }, 'max-bytes': { type: 'string' }, help: { type: 'boolean', short: 'h' },
  });
  if (v.help) { process.stdout.write(INGEST_URL_HELP); return 0; }
  const bad = positionals.filter((p) => !isUrlArg(p));
  if (bad.length) throw new CliUsage(`URLs and files cannot be mixed in one run (${bad[0]}); ingest the files separately`);
  if (!positionals.length) throw new CliUsage('name at least one URL');
  const published = publishedOption(v.published) ?? undefined;
  const timeoutMs = durationOption(v.timeout, '--timeout', DEFAULTS.timeoutMs);
  const maxBytes = v['max-bytes'] ? Number(v['max-bytes']) : undefined;
  if (maxBytes !== undefined && !(maxBytes > 0)) throw new CliUsage('--max-bytes takes a positive number');

  const rules = v.alerts ? await loadRules(v.alerts as string) : null;
  const store = await openStore((v.db as string | undefined) ?? process.env.SITREP_DB ?? DEFAULT_DB);
  const version = pipelineVersion();
  const runId = await store.startRun(`ingest ${args.join(' ')}`.slice(0, 500), version);
  const alerts = rules ? await AlertEngine.create(store, rules, { allowPrivate: !!v['allow-private'] }) : null;
  const client = new HttpClient({
    allowPrivate: !!v['allow-private'], respectRobots: !v['ignore-robots'], retries: 2, perHostIntervalMs: 1000,
    fetch: { timeoutMs, ...(maxBytes ? { maxBytes } : {}) },
  });
  const counts: RunCounts = { seen: 0, stored: 0, replaced: 0, unchanged: 0, failed: 0, queued: 0, mentions: 0 };
  const errors: { input: string; code: string; message: string }[] = [];
  try {
    for (const url of positionals) {
      counts.seen++;
      const page = await fetchPage(client, url, { published: published ?? null });
      if (!page.ok) {
        counts.failed++;
        errors.push({ input: url, code: page.code, message: page.message });
        process.stderr.write(`error ${page.code} ${url}: ${page.message}\n`);
        continue;
      }
      for (const w of page.page.warnings) process.stderr.write(`warning ${url}: ${w}\n`);
      const r = await extractAndStore({ store, pipelineVersion: version, runId, alerts }, page.page.article);
      if (!r.ok) {
        counts.failed++;
        errors.push({ input: url, code: r.code, message: r.message });
        process.stderr.write(`error ${r.code} ${r.message}\n`);
        continue;
      }
      counts[r.status]++;
      counts.mentions += r.mentions;
      const a = page.page.article;
      process.stderr.write(`${r.status} ${r.articleId} ${a.url} — "${(a.title ?? '').slice(0, 80)}" (${a.outlet ?? 'outlet unknown'}, ` +
        `published ${a.publishedMeta ?? a.published ?? 'unknown'}, language ${page.page.language ?? 'unknown'}): ` +
        `${r.mentions} mentions → ${r.eventsCreated} new events, ${r.eventsMerged} merges${alerts ? `, ${r.alerts} alerts` : ''}\n`);
    }
    await alerts?.flush();
    await store.finishRun(runId, counts, errors);
  } finally {
    await store.close();
  }
  return counts.failed ? 1 : 0;
}
