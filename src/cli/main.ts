/**
 * The `sitrep` command line: thin — parse the arguments, call the core, format the output.
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { ERRORS } from '../model/errors.js';
import { readInputs } from '../io/index.js';
import { extractBatch } from '../run/extract-batch.js';
import { CliUsage, parseCli, publishedOption, readDates, withDates } from './args.js';
import type { Prediction } from '../output/predictions.js';
import { Progress } from '../util/progress.js';
import { ROOT } from '../util/lexicon.js';
import { summary, tableHeader, tableRows } from './format.js';

const HELP = `sitrep — conflict news in, coded events out

usage:
  sitrep extract <file|folder|->... [--published YYYY-MM-DD] [--dates dates.json] [--format json|jsonl|table]
                 [--output FILE]
                 [--workers N] [--summary] [--max-bytes N]
  sitrep extract --input batch.jsonl --output out.jsonl
  sitrep ingest <file|folder|batch.jsonl|->... [--db FILE|postgres://…] [--published YYYY-MM-DD] [--dates dates.json] [--workers N] [--queue]
  sitrep export --format acled-csv|csv|geojson|jsonl [--from D] [--to D] [--bbox W,S,E,N] [--near LAT,LON,KM]
                [--type T] [--sub-type S] [--actor A] [--country ISO3] [--source S] [--q WORDS] [--db …] [--output FILE]
  sitrep worker --db postgres://… [--batch N] [--lease SECONDS] [--exit-when-empty]
  sitrep split <event-id> <mention-id>... [--db …]
  sitrep serve [--port 8080] [--host 127.0.0.1] [--db …]      the HTTP API and the dashboard (npm run demo)
  sitrep ingest <http(s)://…>... [--db …] [--alerts rules.yaml] [--allow-private]   fetch pages, extract, store
  sitrep watch <feeds.txt|feeds.opml> [--once] [--db …] [--alerts rules.yaml]   poll RSS/Atom/JSON Feed/news sitemaps
  sitrep feeds [--db …] [--format table|json]                  each watched feed's health
  sitrep --version | --help

Inputs: .txt, .html/.htm, .jsonl ({"id","text","published"?} per line), folders (recursive), - for stdin.
Output: the PREDICTIONS format (docs/schema.md), one record per article. Bad inputs are reported on
stderr with an error code and skipped; the rest of the batch goes on (exit status 1 if any failed).
`;


export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') { process.stdout.write(HELP); return cmd ? 0 : 2; }
  if (cmd === '--version' || cmd === '-v') {
    process.stdout.write(JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')).version + '\n');
    return 0;
  }
  try {
    if (cmd === 'extract') return await extractCmd(rest);
    if (cmd === 'ingest') return await (await import('./ingest.js')).ingestCmd(rest);
    if (cmd === 'split') return await (await import('./ingest.js')).splitCmd(rest);
    if (cmd === 'export') return await (await import('./export.js')).exportCmd(rest);
    if (cmd === 'worker') return await (await import('./worker.js')).workerCmd(rest);
    if (cmd === 'serve') return await (await import('./serve.js')).serveCmd(rest);
    if (cmd === 'watch') return await (await import('./watch.js')).watchCmd(rest);
    if (cmd === 'feeds') return await (await import('./feeds.js')).feedsCmd(rest);
  } catch (e) {
    if (e instanceof CliUsage) { process.stderr.write(`sitrep ${cmd}: ${e.message}\n(${ERRORS.E013_BAD_OPTION.hint})\n`); return 2; }
    throw e;
  }
  process.stderr.write(`sitrep: unknown command "${cmd}"\n\n${HELP}`);
  return 2;
}


async function extractCmd(args: string[]): Promise<number> {
  const { values: v, positionals } = parseCli(args, {
    published: { type: 'string' }, format: { type: 'string' }, output: { type: 'string', short: 'o' },
    input: { type: 'string', short: 'i' }, workers: { type: 'string' }, summary: { type: 'boolean' },
    'max-bytes': { type: 'string' }, help: { type: 'boolean', short: 'h' }, dates: { type: 'string' },
  });
  if (v.help) { process.stdout.write(HELP); return 0; }
  const published = publishedOption(v.published) ?? undefined;
  const paths = [...positionals, ...(v.input ? [v.input as string] : [])];
  if (!paths.length) throw new CliUsage('name at least one input (a file, a folder, a batch .jsonl, or - for stdin)');
  const output = v.output as string | undefined;
  const format = (v.format as string | undefined) ?? (output?.endsWith('.jsonl') ? 'jsonl' : output ? 'json' : process.stdout.isTTY ? 'table' : 'jsonl');
  if (!['json', 'jsonl', 'table'].includes(format)) throw new CliUsage(`--format must be json, jsonl or table, got "${format}"`);
  const maxBytes = v['max-bytes'] ? Number(v['max-bytes']) : undefined;
  if (maxBytes !== undefined && !(maxBytes > 0)) throw new CliUsage('--max-bytes takes a positive number');
  const workers = v.workers !== undefined ? Number(v.workers) : null;
  if (workers !== null && !(Number.isInteger(workers) && workers >= 0)) throw new CliUsage('--workers takes a whole number (0 = this thread)');

  const dates = readDates(v.dates);

  const out = output ? createWriteStream(output) : process.stdout;
  const write = (s: string) => new Promise<void>((res) => (out.write(s) ? res() : out.once('drain', () => res())));
  const bar = new Progress('extract');
  const kept: Prediction[] = [];
  // small runs stay in this thread; batches use the cores (each worker loads its own resources)
  const nWorkers = workers ?? (paths.some((p) => p.endsWith('.jsonl') || !/\.\w+$/.test(p)) ? Math.min(2, availableParallelism()) : 0);
  let first = true;
  if (format === 'json') await write('[\n');
  if (format === 'table') await write(tableHeader() + '\n');
  for await (const r of extractBatch(withDates(readInputs(paths, { maxBytes, published: published ?? null }), dates), { workers: nWorkers, published: published ?? null })) {
    if (!r.ok) {
      bar.tick(0, false);
      process.stderr.write(`error ${r.code} ${r.message}${r.hint ? ` — ${r.hint}` : ''}\n`);
      continue;
    }
    bar.tick(Buffer.byteLength(r.article.text), true);
    for (const w of r.warnings) process.stderr.write(`warning ${w.code} ${w.message} — ${w.hint}\n`);
    for (const m of r.notices) process.stderr.write(`${m.level} ${m.code} ${r.article.origin ?? r.article.id}: ${m.message}\n`);
    if (v.summary) kept.push(r.prediction);
    if (format === 'jsonl') await write((r.predictionJson ?? JSON.stringify(r.prediction)) + '\n');
    else if (format === 'json') { await write((first ? '' : ',\n') + JSON.stringify(r.prediction, null, 2)); first = false; }
    else await write(tableRows(r.prediction).join('\n') + '\n');
  }
  if (format === 'json') await write('\n]\n');
  if (output) await new Promise<void>((res) => (out as ReturnType<typeof createWriteStream>).end(res));
  if (v.summary) process.stderr.write(summary(kept) + '\n');
  process.stderr.write(bar.finish() + '\n');
  return bar.counts.errors ? 1 : 0;
}
