/**
 * Runs the extractor over a batch JSONL ({id, text, published} per line, as make-batch.mjs writes)
 * and writes one prediction per line, in the PREDICTIONS.md shape. Input is read as `sitrep extract`
 * reads it (src/io), so a bad line is reported and skipped the same way.
 *   npx tsx scripts/predict.ts in.jsonl out.jsonl [--workers N]
 */
import { createWriteStream } from 'node:fs';
import { extractBatch } from '../src/run/extract-batch.js';
import { readInputs } from '../src/io/index.js';
import { Progress } from '../src/util/progress.js';

export async function predictFile(input: string, output: string, workers: number): Promise<string> {
  const out = createWriteStream(output);
  const bar = new Progress(`predict ${input.split('/').slice(-2).join('/')}`);
  for await (const r of extractBatch(readInputs([input]), { workers })) {
    if (r.ok) {
      const { messages: _m, ...p } = r.prediction;
      if (!out.write(JSON.stringify(p) + '\n')) await new Promise<void>((res) => out.once('drain', () => res()));
      bar.tick(r.article.text.length, true);
    } else {
      bar.tick(0, false);
      process.stderr.write(`${r.message}\n`);
    }
  }
  await new Promise<void>((res) => out.end(res));
  return bar.finish();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [input, output] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const wi = process.argv.indexOf('--workers');
  const workers = wi > 0 ? Number(process.argv[wi + 1]) : 0;
  if (!input || !output) { console.error('usage: tsx scripts/predict.ts in.jsonl out.jsonl [--workers N]'); process.exit(2); }
  console.error(await predictFile(input, output, workers));
}
