/** Worker thread body: extracts the articles it is sent and posts back their predictions. */
import { parentPort, workerData } from 'node:worker_threads';
import { extract } from '../pipeline/extract.js';
import { toPrediction } from '../output/predictions.js';
import type { Article } from '../model/document.js';
import type { RunOptions } from '../pipeline/stage.js';

const options = (workerData ?? {}) as RunOptions;
parentPort!.on('message', (msg: { seq: number; article: Article }) => {
  try {
    parentPort!.postMessage({ seq: msg.seq, prediction: toPrediction(extract(msg.article, options)) });
  } catch (e) {
    parentPort!.postMessage({ seq: msg.seq, error: String((e as Error)?.stack ?? e) });
  }
});
