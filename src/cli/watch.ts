/**
 * `sitrep watch <feeds.txt|feeds.opml>`: poll feeds, store new articles, fire alerts, record health.
 */
import { DEFAULT_DB, openStore } from '../store/index.js';
import { pipelineVersion } from '../store/version.js';
import { HttpClient } from '../fetch/client.js';
import { DEFAULTS } from '../fetch/fetch.js';
import { AlertEngine } from '../alerts/engine.js';
import { loadRules, RuleError } from '../alerts/rules.js';
import { readFeedList } from '../feeds/list.js';
import { CliUsage, countOption, durationOption, parseCli, withUsage } from './args.js';
import { Watcher } from '../feeds/watch.js';

export const WATCH_HELP = `usage:
  sitrep watch <feeds.txt|feeds.opml> [--once] [--db FILE|postgres://…] [--alerts rules.yaml]
               [--min-interval 1m] [--max-interval 6h] [--interval 15m] [--concurrency 4]
               [--per-host-interval 1s] [--timeout 30s] [--max-items 50] [--retries 2]
               [--allow-private] [--ignore-robots] [--quiet]

Polls RSS 2.0 / Atom / JSON Feed / news sitemap feeds, each on its own schedule (every= in the list,
else the feed's TTL or observed frequency, within --min-interval and --max-interval), with
conditional GETs, robots.txt, per-host spacing and retries. New items are fetched, extracted and
stored; alert rules (--alerts) are checked on the events they create or update. --once polls every
feed one time and exits (status 1 if a feed failed). \`sitrep feeds\` shows each feed's health.
feeds.txt: one URL a line, optional "every=10m title=Name", # comments. OPML: outlines with xmlUrl.
`;

export async function watchCmd(args: string[]): Promise<number> {
  try {
    return await withUsage('watch', WATCH_HELP, () => watch(args));
  } catch (e) {
    if (e instanceof RuleError) { process.stderr.write(`sitrep watch: ${e.message}\n`); return 2; }
    throw e;
  }
}

async function watch(args: string[]): Promise<number> {
  const { values: v, positionals } = parseCli(args, {
    once: { type: 'boolean' }, db: { type: 'string' }, alerts: { type: 'string' }, 'min-interval': { type: 'string' },
    'max-interval': { type: 'string' }, interval: { type: 'string' }, concurrency: { type: 'string' }, 'per-host-interval': { type: 'string' },
    timeout: { type: 'string' }, 'max-items': { type: 'string' }, retries: { type: 'string' }, 'allow-private': { type: 'boolean' },
    'ignore-robots': { type: 'boolean' }, quiet: { type: 'boolean', short: 'q' }, help: { type: 'boolean', short: 'h' },
  });
  if (v.help) { process.stdout.write(WATCH_HELP); return 0; }
  if (positionals.length !== 1) throw new CliUsage('name one feed list (feeds.txt or feeds.opml)');
  let feeds;
  try { feeds = readFeedList(positionals[0]); } catch (e) { throw new CliUsage((e as Error).message); }
  const minMs = durationOption(v['min-interval'], '--min-interval', 60_000);
  const maxMs = durationOption(v['max-interval'], '--max-interval', 6 * 3_600_000);
  if (maxMs < minMs) throw new CliUsage('--max-interval must not be below --min-interval');
  const defMs = durationOption(v.interval, '--interval', 15 * 60_000);
  const concurrency = countOption(v.concurrency, '--concurrency', 4);
  const hostMs = durationOption(v['per-host-interval'], '--per-host-interval', 1000);
  const timeoutMs = durationOption(v.timeout, '--timeout', DEFAULTS.timeoutMs);
  const maxItems = countOption(v['max-items'], '--max-items', 50);
  const retries = countOption(v.retries, '--retries', 2, 0);
  const allowPrivate = !!v['allow-private'];
  const log = v.quiet ? () => {} : (m: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${m}\n`);

  const rules = v.alerts ? await loadRules(v.alerts as string) : null;
  const store = await openStore((v.db as string | undefined) ?? process.env.SITREP_DB ?? DEFAULT_DB);
  const version = pipelineVersion();
  const runId = await store.startRun(`watch ${args.join(' ')}`.slice(0, 500), version);
  const alerts = rules ? await AlertEngine.create(store, rules, { allowPrivate }) : null;
  const client = new HttpClient({
    allowPrivate, respectRobots: !v['ignore-robots'], concurrency, perHostIntervalMs: hostMs, retries, fetch: { timeoutMs },
  });
  const watcher = new Watcher({
    store, client, feeds, pipelineVersion: version, runId, alerts, minIntervalMs: minMs, maxIntervalMs: maxMs, defaultIntervalMs: defMs,
    maxItemsPerPoll: maxItems, pollConcurrency: concurrency, log,
  });
  const ctl = new AbortController();
  const stop = () => { if (!ctl.signal.aborted) { log('stopping after the polls in flight…'); ctl.abort(); } };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let status = 0;
  try {
    await watcher.init();
    log(`watching ${feeds.length} feed(s)${rules ? ` with ${rules.rules.length} alert rule(s)` : ''}${v.once ? ' (once)' : ''}`);
    if (v.once) {
      const reports = await watcher.pollAll();
      if (reports.some((r) => !r.ok)) status = 1;
    } else {
      await watcher.run(ctl.signal);
    }
    const t = watcher.totals;
    await store.finishRun(runId, { seen: t.newItems, stored: t.stored, replaced: 0, unchanged: 0, failed: t.failures, queued: 0, mentions: 0 }, [],
      ctl.signal.aborted ? 'interrupted' : 'done');
    process.stderr.write(`watch: ${t.polls} polls (${t.notModified} not modified, ${t.failures} failed), ${t.newItems} new items, ${t.stored} stored` +
      `${alerts ? `, ${t.alerts} alerts` : ''}; ${client.stats.requests} requests, ${client.stats.retries} retries, ${client.stats.refusedByRobots} refused by robots.txt\n`);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await store.close();
  }
  return status;
}
