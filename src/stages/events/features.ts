/**
 * Sparse features for the event classifier, shared by training (scripts/train-event-classifier.ts)
 * and inference (src/stages/events/model.ts) so that both see exactly the same vector.
 *
 * Features: lower-cased word unigrams and bigrams, crude stems, digits folded to "0", plus trigger
 * features (the lexicon entries matched in the text) supplied by the caller. Every feature string is
 * hashed (FNV-1a, 32 bit) into `dim` buckets; the feature vector is a list of bucket indices with
 * counts folded into repeated indices (binary presence per feature string).
 */

export interface Tok {
  readonly start: number;
  readonly end: number;
  /** Lower-cased form with digits folded to 0. */
  readonly norm: string;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
const DIGIT_OR_QUOTE = /[\d’]/;

/** Word tokens of `text` (offsets relative to `text`). */
export function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(text))) {
    let norm = m[0].toLowerCase();
    if (DIGIT_OR_QUOTE.test(norm)) norm = norm.replace(/\d/g, '0').replace(/’/g, "'");
    out.push({ start: m.index, end: m.index + m[0].length, norm });
  }
  return out;
}

/** A crude suffix stripper: enough to join "attacked/attacks/attacking" without a dictionary. */
export function stem(w: string): string {
  if (w.length <= 4) return w;
  if (w.endsWith('ies') && w.length > 5) return w.slice(0, -3) + 'y';
  if (w.endsWith('ing') && w.length > 6) return w.slice(0, -3);
  if (w.endsWith('ed') && w.length > 5) return w.slice(0, -2);
  if (w.endsWith('es') && w.length > 5 && /(?:sh|ch|ss|x)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) return w.slice(0, -1);
  return w;
}

/** FNV-1a 32-bit hash of a string. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Feature strings of a text: words, stems, bigrams, and the given extra (trigger) features. */
export function featureStrings(toks: readonly Tok[], extra: readonly string[] = []): string[] {
  const f: string[] = ['__bias__'];
  let prev = '<s>';
  for (const t of toks) {
    const w = t.norm;
    f.push('w:' + w);
    const s = stem(w);
    if (s !== w) f.push('s:' + s);
    f.push('b:' + prev + '_' + w);
    prev = w;
  }
  if (toks.length) f.push('b:' + prev + '_</s>');
  for (const e of extra) f.push('x:' + e);
  return f;
}

/** Distinct hashed bucket indices of feature strings. */
export function hashFeatures(feats: readonly string[], dim: number): Int32Array {
  const set = new Set<number>();
  for (const s of feats) set.add(fnv1a(s) % dim);
  return Int32Array.from(set);
}

/** FNV-1a continued over `s` from state `h` (fnv1a(a + b) === fnvMore(fnvMore(OFFSET, a), b)). */
function fnvMore(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}
const OFFSET = 0x811c9dc5;
const H_W = fnvMore(OFFSET, 'w:'), H_S = fnvMore(OFFSET, 's:'), H_B = fnvMore(OFFSET, 'b:'), H_X = fnvMore(OFFSET, 'x:');
const H_BIAS = fnvMore(OFFSET, '__bias__');
let scratch = new Int32Array(256);
let seen = new Uint32Array(0);
let gen = 0;

/**
 * The same buckets as hashFeatures(featureStrings(toks, extra), dim), in the same first-seen
 * order, without building the feature strings: FNV-1a is a running hash, so "w:" + word is the
 * hash state after "w:" continued over the word. About 4x faster, no garbage per token.
 */
export function hashedFeatures(toks: readonly Tok[], extra: readonly string[], dim: number): Int32Array {
  const need = 2 + toks.length * 3 + extra.length;
  if (scratch.length < need) scratch = new Int32Array(need * 2);
  if (seen.length !== dim) { seen = new Uint32Array(dim); gen = 0; }
  if (++gen === 0xffffffff) { seen.fill(0); gen = 1; }
  const out = scratch, mark = seen, g = gen;
  let n = 0;
  const add = (h: number): void => {
    const b = (h >>> 0) % dim;
    if (mark[b] === g) return;
    mark[b] = g;
    out[n++] = b;
  };
  add(H_BIAS);
  let prev = '<s>';
  for (const t of toks) {
    const w = t.norm;
    add(fnvMore(H_W, w));
    const s = stem(w);
    if (s !== w) add(fnvMore(H_S, s));
    add(fnvMore(fnvMore(fnvMore(H_B, prev), '_'), w));
    prev = w;
  }
  if (toks.length) add(fnvMore(fnvMore(H_B, prev), '_</s>'));
  for (const e of extra) add(fnvMore(H_X, e));
  return out.slice(0, n);
}
