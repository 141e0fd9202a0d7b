/**
 * Worker thread body: extracts the articles it is sent and posts back each prediction as a JSON
 * string (one flat copy across the thread boundary instead of a structured clone of a deep object;
 * the JSONL writer passes it through untouched), with the few facts the main thread needs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { extract } from '../pipeline/extract.js';
import { toPrediction } from '../output/predictions.js';
import type { Article } from '../model/document.js';
import type { RunOptions } from '../pipeline/stage.js';
import { noticesOf, stageErrorOf, type Notice } from './extract-batch.js';

export interface WorkerReply {
  readonly seq: number;
  /** The prediction, JSON. */
  readonly json?: string;
  readonly events?: number;
  readonly notices?: readonly Notice[];
  /** First line of an E011 stage failure inside the prediction, if any. */
  readonly stageError?: string | null;
  /** The worker itself threw. */
  readonly error?: string;
}

const options = (workerData ?? {}) as RunOptions;
parentPort!.on('message', (msg: { seq: number; article: Article }) => {
  let reply: WorkerReply;
  try {
    const p = toPrediction(extract(msg.article, options));
    reply = { seq: msg.seq, json: JSON.stringify(p), events: p.events.length, notices: noticesOf(p), stageError: stageErrorOf(p) };
  } catch (e) {
    reply = { seq: msg.seq, error: String((e as Error)?.stack ?? e) };
  }
  parentPort!.postMessage(reply);
});
