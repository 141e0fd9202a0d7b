/**
 * The trained event classifier (data/models/event-classifier.json, written by
 * scripts/train-event-classifier.ts): multinomial logistic regression heads over hashed sparse
 * features (src/stages/events/features.ts). Weights are stored per head as int8 per class with a
 * per-class scale, bucket-major (weights[bucket * C + class]), base64-encoded.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface HeadJson {
  readonly classes: readonly string[];
  readonly bias: readonly number[];
  readonly scale: readonly number[];
  readonly weights: string; // base64 int8, dim * C
}
export interface ModelJson {
  readonly version: number;
  readonly dim: number;
  readonly trainedOn: readonly string[];
  readonly heads: Readonly<Record<string, HeadJson>>;
  readonly meta?: Record<string, unknown>;
}

export interface Head {
  readonly classes: readonly string[];
  readonly bias: Float64Array;
  readonly scale: Float64Array;
  readonly w: Int8Array | Float32Array;
}
export interface Model {
  readonly dim: number;
  /**
   * P(NONE) at or above which a note or snippet states no ACLED event: calibrated at training time
   * on inner folds of the training data (meta.noneThreshold), 0.5 for older models.
   */
  readonly noneThreshold: number;
  readonly heads: Readonly<Record<string, Head>>;
}

const here = dirname(fileURLToPath(import.meta.url));
/** The committed model; SITREP_EVENT_MODEL points elsewhere (held-out evaluation of a split model). */
export const MODEL_PATH = process.env.SITREP_EVENT_MODEL ?? join(here, '..', '..', '..', 'data', 'models', 'event-classifier.json');

export function modelFromJson(j: ModelJson): Model {
  const heads: Record<string, Head> = {};
  for (const [name, h] of Object.entries(j.heads)) {
    const buf = Buffer.from(h.weights, 'base64');
    heads[name] = {
      classes: h.classes,
      bias: Float64Array.from(h.bias),
      scale: Float64Array.from(h.scale),
      w: new Int8Array(buf.buffer, buf.byteOffset, buf.length),
    };
  }
  const t = j.meta?.noneThreshold;
  return { dim: j.dim, heads, noneThreshold: typeof t === 'number' && t > 0 && t < 1 ? t : 0.5 };
}

let cached: Model | null | undefined;
/** The committed model, loaded once per process; null when the file is absent (not yet trained). */
export function loadModel(path: string = MODEL_PATH): Model | null {
  if (cached !== undefined && path === MODEL_PATH) return cached;
  let m: Model | null = null;
  try {
    m = modelFromJson(JSON.parse(readFileSync(path, 'utf8')) as ModelJson);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (path === MODEL_PATH) cached = m;
  return m;
}

/**
 * Class probabilities of one head for a hashed feature vector. With `reuse`, the head's own
 * scratch array is returned (valid until the next reuse call on the head): no allocation per sentence.
 */
const scratch = new WeakMap<Head, Float64Array>();
export function predict(head: Head, idx: Int32Array, reuse = false): Float64Array {
  const C = head.classes.length;
  let z: Float64Array;
  if (reuse) {
    z = scratch.get(head) ?? new Float64Array(C);
    scratch.set(head, z);
    z.fill(0);
  } else z = new Float64Array(C);
  const w = head.w;
  for (let k = 0; k < idx.length; k++) {
    const base = idx[k] * C;
    for (let c = 0; c < C; c++) z[c] += w[base + c];
  }
  let max = -Infinity;
  for (let c = 0; c < C; c++) {
    z[c] = z[c] * head.scale[c] + head.bias[c];
    if (z[c] > max) max = z[c];
  }
  let sum = 0;
  for (let c = 0; c < C; c++) {
    z[c] = Math.exp(z[c] - max);
    sum += z[c];
  }
  for (let c = 0; c < C; c++) z[c] /= sum;
  return z;
}

export function argmax(p: ArrayLike<number>): number {
  let b = 0;
  for (let i = 1; i < p.length; i++) if (p[i] > p[b]) b = i;
  return b;
}
