/** `sitrep feeds`: the health table of every feed `sitrep watch` has polled into this store. */
import { parseArgs } from 'node:util';
import { DEFAULT_DB, openStore } from '../store/index.js';
import { FeedState, type FeedHealth } from '../feeds/state.js';
import { fmtMs } from '../feeds/watch.js';

export const FEEDS_HELP = `usage:
  sitrep feeds [--db FILE|postgres://…] [--format table|json] [--check]

Shows every watched feed: status (ok, quiet, failing, pending), last success, consecutive failures,
new items at the last poll, items per day, the last error. A dead feed shows as failing, never as
quiet. --check exits with status 1 when any feed is failing (for monitoring).
`;

function ago(iso: string | null, now: number): string {
  if (!iso) return '—';
  const ms = now - Date.parse(iso);
  return Number.isFinite(ms) ? (ms < 0 ? `in ${fmtMs(-ms)}` : `${fmtMs(ms)} ago`) : '—';
}

export function healthTable(rows: readonly FeedHealth[], now = Date.now()): string {
  const head = ['STATUS', 'FEED', 'LAST OK', 'FAILS', 'NEW', 'ITEMS', '/DAY', 'EVERY', 'LAST ERROR'];
  const body = rows.map((r) => [
    r.status === 'failing' ? `FAILING` : r.status,
    (r.title ? `${r.title} <${r.url}>` : r.url).slice(0, 70),
    ago(r.lastSuccess, now),
    String(r.consecutiveFailures),
    String(r.newItemsLastPoll),
    String(r.itemsTotal),
    r.itemsPerDay === null ? '—' : r.itemsPerDay.toFixed(1),
    r.intervalSeconds === null ? '—' : fmtMs(r.intervalSeconds * 1000),
    r.lastError && r.status === 'failing' ? `${r.lastError.slice(0, 80)} (${ago(r.lastErrorAt, now)})` : '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const fmt = (cols: string[]) => cols.map((c, i) => (i === cols.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [fmt(head), ...body.map(fmt)].join('\n');
}

export async function feedsCmd(args: string[]): Promise<number> {
  let v: Record<string, string | boolean | undefined>;
  try {
    v = parseArgs({ args, strict: true, options: { db: { type: 'string' }, format: { type: 'string' }, check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }).values as typeof v;
  } catch (e) {
    process.stderr.write(`sitrep feeds: ${(e as Error).message}\n\n${FEEDS_HELP}`);
    return 2;
  }
  if (v.help) { process.stdout.write(FEEDS_HELP); return 0; }
  const format = (v.format as string | undefined) ?? 'table';
  if (format !== 'table' && format !== 'json') { process.stderr.write(`sitrep feeds: --format is table or json\n`); return 2; }
  const store = await openStore((v.db as string | undefined) ?? process.env.SITREP_DB ?? DEFAULT_DB);
  try {
    const rows = await (await FeedState.open(store)).health();
    if (format === 'json') process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    else if (!rows.length) process.stdout.write('no feeds yet: run `sitrep watch feeds.txt` first\n');
    else process.stdout.write(healthTable(rows) + '\n');
    return v.check && rows.some((r) => r.status === 'failing') ? 1 : 0;
  } finally {
    await store.close();
  }
}
