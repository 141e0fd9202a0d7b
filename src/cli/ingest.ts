/**
 * `sitrep ingest`: read inputs, extract, and store each article with its mentions and their fusion
 * in one transaction. Idempotent: an article already stored under the same pipeline version is not
 * extracted again; a kill at any moment leaves a consistent store, and a re-run finishes the job.
 * With --queue (PostgreSQL) the articles are queued for `sitrep worker` processes instead.
 * Also `sitrep split`: move mentions out of a wrongly merged event.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import type { Article } from '../model/document.js';
import { readInputs } from '../io/index.js';
import { extractBatch, type InputResult } from '../run/extract-batch.js';
import { Progress } from '../util/progress.js';
import { AlertEngine } from '../alerts/engine.js';
import { loadRules } from '../alerts/rules.js';
import { CliUsage, parseCli, publishedOption, readDates, withDates, withUsage } from './args.js';
import { DEFAULT_DB, openStore } from '../store/index.js';
import { articleKey } from '../store/canonical.js';
import { pipelineVersion } from '../store/version.js';
import type { RunCounts, Store } from '../store/port.js';

export { CliUsage, parseCli, withUsage } from './args.js';



export const INGEST_HELP = `usage:
  sitrep ingest <file|folder|batch.jsonl|->... [--db FILE|postgres://…] [--published YYYY-MM-DD] [--dates dates.json] [--alerts rules.yaml]
                [--workers N] [--max-bytes N] [--queue]
  sitrep split <event-id> <mention-id>... [--db …] [--reason TEXT]

ingest stores every article once (same canonical URL or same text), with one mention per event it
reports, fused into events; re-running is safe and only extracts what is new or was extracted by an
older pipeline. --db defaults to ${DEFAULT_DB} (or $SITREP_DB). --queue (PostgreSQL) queues the
articles for \`sitrep worker\` processes instead of extracting here.
`;

export async function ingestCmd(args: string[]): Promise<number> {
  if (args.some((a) => /^https?:\/\//i.test(a))) return (await import('../feeds/urls.js')).ingestUrlsCmd(args); // URLs: src/feeds/urls.ts
  return withUsage('ingest', INGEST_HELP, () => ingest(args));
}

async function ingest(args: string[]): Promise<number> {
  const { values: v, positionals } = parseCli(args, {
    db: { type: 'string' }, published: { type: 'string' }, workers: { type: 'string' }, 'max-bytes': { type: 'string' },
    queue: { type: 'boolean' }, input: { type: 'string', short: 'i' }, help: { type: 'boolean', short: 'h' },
    dates: { type: 'string' }, alerts: { type: 'string' },
  });
  if (v.help) { process.stdout.write(INGEST_HELP); return 0; }
  const published = publishedOption(v.published) ?? undefined;
  const dates = readDates(v.dates);
  const paths = [...positionals, ...(v.input ? [v.input as string] : [])];
  if (!paths.length) throw new CliUsage('name at least one input (a file, a folder, a batch .jsonl, or - for stdin)');
  const maxBytes = v['max-bytes'] ? Number(v['max-bytes']) : undefined;
  if (maxBytes !== undefined && !(maxBytes > 0)) throw new CliUsage('--max-bytes takes a positive number');
  const workers = v.workers !== undefined ? Number(v.workers) : null;
  if (workers !== null && !(Number.isInteger(workers) && workers >= 0)) throw new CliUsage('--workers takes a whole number (0 = this thread)');
  const dbUrl = (v.db as string | undefined) ?? process.env.SITREP_DB ?? DEFAULT_DB;
  if (v.queue && !/^postgres(ql)?:/.test(dbUrl)) process.stderr.write('note: --queue on SQLite serves a single local worker; use PostgreSQL to scale out\n');

  const rules = typeof v.alerts === 'string' ? await loadRules(v.alerts) : null;
  const store = await openStore(dbUrl);
  const alerts = rules ? await AlertEngine.create(store, rules) : null;
  let alerted = 0;
  const version = pipelineVersion();
  const runId = await store.startRun(`ingest ${args.join(' ')}`.slice(0, 500), version);
  const counts: RunCounts = { seen: 0, stored: 0, replaced: 0, unchanged: 0, failed: 0, queued: 0, mentions: 0 };
  const errors: { input: string; code: string; message: string }[] = [];
  const bar = new Progress(v.queue ? 'queue' : 'ingest');
  let created = 0, merged = 0;
  const fail = (input: string, code: string, message: string, hint: string | null) => {
    counts.failed++;
    errors.push({ input, code, message });
    bar.tick(0, false);
    process.stderr.write(`error ${code} ${message}${hint ? ` — ${hint}` : ''}\n`);
  };
  let interrupted = false;
  const onSig = () => { interrupted = true; };
  process.once('SIGINT', onSig);
  process.once('SIGTERM', onSig);
  try {
    const inputs = withDates(readInputs(paths, { maxBytes, published: published ?? null }), dates);
    if (v.queue) {
      let batch: Article[] = [];
      const flush = async () => { counts.queued += await store.enqueue(batch, runId, version); batch = []; };
      for await (const r of inputs) {
        if (interrupted) break;
        counts.seen++;
        if (!r.ok) { fail(r.error.message.split(':')[0] ?? '', r.error.code, r.error.message, r.error.hint); continue; }
        batch.push(published && !r.article.published ? { ...r.article, published } : r.article);
        bar.tick(Buffer.byteLength(r.article.text), true);
        if (batch.length >= 200) await flush();
      }
      await flush();
    } else {
      // articles stored under this pipeline version are not extracted again
      const fresh = async function* (): AsyncGenerator<InputResult> {
        for await (const r of inputs) {
          if (interrupted) return;
          counts.seen++;
          if (r.ok) {
            const st = await store.articleState(articleKey(r.article));
            if (st && st.pipelineVersion === version) { counts.unchanged++; bar.tick(Buffer.byteLength(r.article.text), true); continue; }
          }
          yield r;
        }
      };
      const nWorkers = workers ?? (paths.some((p) => p.endsWith('.jsonl') || !/\.\w+$/.test(p)) ? Math.min(2, availableParallelism()) : 0);
      for await (const r of extractBatch(fresh(), { workers: nWorkers, published: published ?? null })) {
        if (!r.ok) { fail(r.input, r.code, r.message, r.hint); continue; }
        const o = await store.ingest(r.article, r.prediction, { pipelineVersion: version, runId });
        counts[o.status]++;
        if (alerts && o.status !== 'unchanged') alerted += (await alerts.checkArticle(o.articleId)).length;
        counts.mentions += o.mentions;
        created += o.eventsCreated;
        merged += o.eventsMerged;
        bar.tick(Buffer.byteLength(r.article.text), true);
        if (interrupted) break;
      }
    }
    await alerts?.flush();
    await store.finishRun(runId, counts, errors, interrupted ? 'interrupted' : 'done');
    process.stderr.write(bar.finish() + '\n');
    process.stderr.write(await closing(store, counts, created, merged, !!v.queue) + (alerts ? `; ${alerted} alerts` : '') + '\n');
  } finally {
    process.off('SIGINT', onSig);
    process.off('SIGTERM', onSig);
    await store.close();
  }
  return interrupted ? 130 : counts.failed ? 1 : 0;
}

async function closing(store: Store, c: RunCounts, created: number, merged: number, queued: boolean): Promise<string> {
  const s = await store.stats();
  if (queued) {
    const q = await store.queueStats();
    return `queued ${c.queued} new jobs (${c.seen - c.queued - c.failed} already queued), ${c.failed} failed; queue: ${q.queued} waiting, ${q.running} running, ${q.done} done, ${q.failed} failed`;
  }
  return `stored ${c.stored} new, ${c.replaced} re-extracted, ${c.unchanged} unchanged, ${c.failed} failed; ` +
    `${c.mentions} mentions → ${created} new events, ${merged} merges; store: ${s.articles} articles, ${s.mentions} mentions, ${s.events} events`;
}

export function splitCmd(args: string[]): Promise<number> {
  return withUsage('split', INGEST_HELP, async () => {
    const { values: v, positionals } = parseCli(args, { db: { type: 'string' }, reason: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
    if (v.help) { process.stdout.write(INGEST_HELP); return 0; }
    const [eventId, ...mentionIds] = positionals;
    if (!eventId || !mentionIds.length) throw new CliUsage('name the event and at least one of its mentions');
    const store = await openStore((v.db as string | undefined) ?? process.env.SITREP_DB ?? DEFAULT_DB);
    try {
      const r = await store.split(eventId, mentionIds, v.reason as string | undefined);
      process.stdout.write(JSON.stringify(r) + '\n');
      return 0;
    } catch (e) {
      process.stderr.write(`sitrep split: ${(e as Error).message}\n`);
      return 1;
    } finally {
      await store.close();
    }
  });
}
