/**
 * `sitrep worker`: takes queued articles from the store's queue (PostgreSQL: SELECT … FOR UPDATE
 * SKIP LOCKED), extracts them, and stores each with its fusion in one short transaction that also
 * marks the job done. Jobs are leased: a killed worker's jobs are taken again when the lease runs out;
 * storing is idempotent, so a retaken job never duplicates anything.
 */
import { hostname } from 'node:os';
import { extract } from '../pipeline/extract.js';
import { toPrediction } from '../output/predictions.js';
import { DEFAULT_DB, openStore } from '../store/index.js';
import { pipelineVersion } from '../store/version.js';
import { Progress } from '../util/progress.js';
import { CliUsage, parseCli, withUsage } from './args.js';

export const WORKER_HELP = `usage:
  sitrep worker --db postgres://… [--batch N] [--lease SECONDS] [--max-attempts N] [--exit-when-empty] [--name NAME]

Takes articles queued by \`sitrep ingest --queue\`, extracts and stores them. Run as many as you like,
on as many machines; each job is leased (default 60 s) and retaken if its worker dies.
--exit-when-empty stops once nothing is queued or running; otherwise the worker waits for more.
`;

export function workerCmd(args: string[]): Promise<number> {
  return withUsage('worker', WORKER_HELP, async () => {
    const { values: v } = parseCli(args, {
      db: { type: 'string' }, batch: { type: 'string' }, lease: { type: 'string' }, 'max-attempts': { type: 'string' },
      'exit-when-empty': { type: 'boolean' }, name: { type: 'string' }, poll: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    });
    if (v.help) { process.stdout.write(WORKER_HELP); return 0; }
    const int = (k: string, d: number) => {
      if (v[k] === undefined) return d;
      const n = Number(v[k]);
      if (!(n > 0)) throw new CliUsage(`--${k} takes a positive number`);
      return n;
    };
    const batch = Math.floor(int('batch', 4)), leaseMs = int('lease', 60) * 1000, maxAttempts = Math.floor(int('max-attempts', 3));
    const pollMs = int('poll', 1) * 1000;
    const name = (v.name as string | undefined) ?? `${hostname()}:${process.pid}`;
    const store = await openStore((v.db as string | undefined) ?? process.env.SITREP_DB ?? DEFAULT_DB, { poolSize: 2 });
    const version = pipelineVersion();
    const bar = new Progress(`worker ${name}`);
    let stop = false;
    const onSig = () => { stop = true; };
    process.once('SIGINT', onSig);
    process.once('SIGTERM', onSig);
    let failed = 0;
    try {
      while (!stop) {
        const jobs = await store.claimJobs(name, batch, leaseMs);
        if (!jobs.length) {
          if (v['exit-when-empty']) {
            const q = await store.queueStats();
            if (!q.queued && !q.running) break;
          }
          await new Promise((r) => setTimeout(r, pollMs));
          continue;
        }
        for (const job of jobs) {
          if (stop) break; // the lease runs out and another worker takes the rest
          try {
            const prediction = toPrediction(extract(job.article, { published: job.article.published ?? null }));
            const stageError = prediction.messages.find((m) => m.code === 'E011_STAGE_FAILED');
            if (stageError) throw new Error(stageError.message);
            await store.ingest(job.article, prediction, { pipelineVersion: version, jobId: job.id });
            bar.tick(Buffer.byteLength(job.article.text), true);
          } catch (e) {
            failed++;
            bar.tick(0, false);
            process.stderr.write(`error job ${job.id} (${job.article.origin ?? job.article.id}): ${(e as Error).message}\n`);
            await store.failJob(job.id, String((e as Error).stack ?? e), maxAttempts);
          }
        }
      }
    } finally {
      process.off('SIGINT', onSig);
      process.off('SIGTERM', onSig);
      process.stderr.write(bar.finish() + '\n');
      await store.close();
    }
    return failed ? 1 : 0;
  });
}
