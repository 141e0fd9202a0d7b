/**
 * Extraction over a stream of inputs, in this thread or in worker threads, results in input order.
 * Bad inputs come through as errors and never stop the batch.
 */
import { Worker } from 'node:worker_threads';
import type { Article } from '../model/document.js';
import type { SitrepError } from '../model/errors.js';
import { extract } from '../pipeline/extract.js';
import type { RunOptions } from '../pipeline/stage.js';
import { toPrediction, type Prediction } from '../output/predictions.js';
import type { WorkerReply } from './worker.js';

/** What an input reader yields (src/io): an article with any reading warnings, or an error. */
export type InputResult =
  | { ok: true; article: Article; warnings?: readonly SitrepError[] }
  | { ok: false; error: SitrepError };
/** A prediction message worth showing a person (level warning or error). */
export interface Notice { readonly level: string; readonly code: string; readonly message: string }
export const noticesOf = (p: Prediction): Notice[] =>
  p.messages.filter((m) => m.level !== 'info').map((m) => ({ level: m.level, code: m.code, message: m.message }));
export interface InputWarning { readonly code: string; readonly message: string; readonly hint: string }
export type BatchResult =
  | {
    ok: true; article: Article;
    /** The prediction (from a worker thread: parsed from predictionJson on first use). */
    readonly prediction: Prediction;
    /** The prediction as JSON when it came from a worker thread: write it as it is. */
    readonly predictionJson?: string;
    /** How many events the prediction holds. */
    readonly events: number;
    /** The prediction's messages above level info (warnings, errors). */
    readonly notices: readonly Notice[];
    warnings: readonly InputWarning[];
  }
  | { ok: false; input: string; code: string; message: string; hint: string | null };

const failure = (input: string, code: string, message: string, hint: string | null): BatchResult =>
  ({ ok: false, input, code, message, hint });

function inputFailure(r: { ok: false; error: SitrepError }): BatchResult {
  return failure(r.error.message.split(':')[0] ?? '', r.error.code, r.error.message, r.error.hint ?? null);
}

const warningsOf = (r: InputResult): InputWarning[] =>
  r.ok ? (r.warnings ?? []).map((w) => ({ code: w.code, message: w.message, hint: w.hint })) : [];

/** The first line of a stage failure (E011) recorded in a prediction, or null. */
export function stageErrorOf(p: Prediction): string | null {
  const m = p.messages.find((x) => x.code === 'E011_STAGE_FAILED');
  return m ? m.message.split('\n')[0]! : null;
}

function stageFailure(article: Article, p: Prediction): BatchResult | null {
  const e = stageErrorOf(p);
  return e ? failure(article.origin ?? article.id, 'E011_STAGE_FAILED', `${article.origin ?? article.id}: ${e}`, null) : null;
}

/** A worker's prediction, kept as JSON until someone reads `prediction`. */
function fromWorker(article: Article, m: WorkerReply & { json: string }, warnings: InputWarning[]): BatchResult {
  const json = m.json;
  let parsed: Prediction | null = null;
  return {
    ok: true, article, predictionJson: json, events: m.events ?? 0, notices: m.notices ?? [], warnings,
    get prediction(): Prediction { return (parsed ??= JSON.parse(json) as Prediction); },
  };
}

export interface BatchOptions extends RunOptions {
  /** 0 = in this thread; N = N worker threads. */
  readonly workers?: number;
}

export async function* extractBatch(inputs: AsyncIterable<InputResult> | Iterable<InputResult>, opts: BatchOptions = {}): AsyncGenerator<BatchResult> {
  const runOpts: RunOptions = { published: opts.published ?? null };
  const n = opts.workers ?? 0;
  if (n <= 0) {
    for await (const r of inputs) {
      if (!r.ok) { yield inputFailure(r); continue; }
      const p = toPrediction(extract(r.article, runOpts));
      yield stageFailure(r.article, p) ?? { ok: true, article: r.article, prediction: p, events: p.events.length, notices: noticesOf(p), warnings: warningsOf(r) };
    }
    return;
  }
  yield* pooled(inputs, n, runOpts);
}

async function* pooled(inputs: AsyncIterable<InputResult> | Iterable<InputResult>, n: number, runOpts: RunOptions): AsyncGenerator<BatchResult> {
  const entry = new URL('./worker-entry.mjs', import.meta.url);
  const workers = Array.from({ length: n }, () => new Worker(entry, { workerData: runOpts }));
  const maxInFlight = n * 16;
  const pending = new Map<number, BatchResult>(); // finished, waiting for their turn
  const articles = new Map<number, { article: Article; warnings: InputWarning[] }>();
  let nextOut = 0, seq = 0, inFlight = 0;
  let wake: (() => void) | null = null;
  let fatal: Error | null = null;
  const load = new Array<number>(n).fill(0);
  workers.forEach((w, i) => {
    w.on('message', (m: WorkerReply) => {
      const { article: a, warnings } = articles.get(m.seq)!;
      articles.delete(m.seq);
      load[i]!--; inFlight--;
      const where = a.origin ?? a.id;
      pending.set(m.seq, m.json === undefined ? failure(where, 'E011_STAGE_FAILED', `${where}: ${m.error}`, null)
        : m.stageError ? failure(where, 'E011_STAGE_FAILED', `${where}: ${m.stageError}`, null)
        : fromWorker(a, m as WorkerReply & { json: string }, warnings));
      wake?.();
    });
    w.on('error', (e) => { fatal = e; wake?.(); });
  });
  const waitForWork = () => new Promise<void>((r) => { wake = () => { wake = null; r(); }; });
  function* drain(): Generator<BatchResult> {
    while (pending.has(nextOut)) { const r = pending.get(nextOut)!; pending.delete(nextOut); nextOut++; yield r; }
  }
  try {
    for await (const r of inputs) {
      const s = seq++;
      if (!r.ok) { pending.set(s, inputFailure(r)); yield* drain(); continue; }
      while (inFlight >= maxInFlight) { await waitForWork(); if (fatal) throw fatal; yield* drain(); }
      let best = 0;
      for (let i = 1; i < n; i++) if (load[i]! < load[best]!) best = i;
      articles.set(s, { article: r.article, warnings: warningsOf(r) });
      load[best]!++; inFlight++;
      workers[best]!.postMessage({ seq: s, article: r.article });
      yield* drain();
    }
    while (nextOut < seq) { if (!pending.has(nextOut)) { await waitForWork(); if (fatal) throw fatal; } yield* drain(); }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
