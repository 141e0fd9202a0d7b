/**
 * Runs the extractor over a batch JSONL ({id, text, published} per line, as make-batch.mjs writes)
 * and writes one prediction per line, in the PREDICTIONS.md shape.
 *   npx tsx scripts/predict.ts in.jsonl out.jsonl [--workers N]
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { extractBatch, type InputResult } from '../src/run/extract-batch.js';
import { SitrepError } from '../src/model/errors.js';
import { Progress } from '../src/util/progress.js';

async function* readBatch(file: string): AsyncGenerator<InputResult> {
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    n++;
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line);
      yield { ok: true, article: { id: String(r.id), text: String(r.text ?? ''), published: r.published ?? null, origin: `${file}:${n}` } };
    } catch (e) {
      yield { ok: false, error: new SitrepError('E006_BAD_JSONL', `line ${n}: ${(e as Error).message}`, file) };
    }
  }
}

export async function predictFile(input: string, output: string, workers: number): Promise<string> {
  const out = createWriteStream(output);
  const bar = new Progress(`predict ${input.split('/').slice(-2).join('/')}`);
  for await (const r of extractBatch(readBatch(input), { workers })) {
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
