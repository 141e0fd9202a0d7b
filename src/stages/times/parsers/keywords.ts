/**
 * The parsers' prefilter words, found in one pass per segment. Each parser registers the words its
 * prefilter needs when its module loads (`keywords`); the engine runs one Aho-Corasick automaton
 * over the lower-cased segment (`scanKeywords`) and the prefilters read the hits (`anyHit`), where
 * each once ran its own regular-expression alternation over the segment (an alternation tries every
 * word at every position). A hit means exactly what the replaced pattern meant: `sub` /w/, `word`
 * /\bw\b/, `end` /w\b/, `start` /\bw/ (\b as without the u flag: ASCII word characters).
 */
import { isWordChar } from './util.js';

type Mode = 0 | 1 | 2 | 3; // sub, word, end, start
const MODES = { sub: 0, word: 1, end: 2, start: 3 } as const;

interface Entry { readonly word: string; readonly mode: Mode }
const entries: Entry[] = [];
const lazy: { ids: number[]; words: () => readonly string[]; mode: Mode }[] = [];

/** Registers words; returns their ids (for `anyHit`). Must run before the first scan (at module load). */
export function keywords(words: readonly string[], mode: keyof typeof MODES = 'sub'): readonly number[] {
  if (dfa) throw new Error('times keywords: registered after the automaton was built');
  return words.map((word) => {
    for (const ch of word) if (sym(ch.charCodeAt(0)) === 0) throw new Error(`times keywords: "${word}" has a character outside the alphabet`);
    entries.push({ word, mode: MODES[mode] });
    return entries.length - 1;
  });
}

/** Like `keywords`, with the words computed when the automaton is built (from a lexicon). */
export function lazyKeywords(words: () => readonly string[], mode: keyof typeof MODES = 'sub'): readonly number[] {
  if (dfa) throw new Error('times keywords: registered after the automaton was built');
  const ids: number[] = [];
  lazy.push({ ids, words, mode: MODES[mode] });
  return ids;
}

// alphabet: a-z 1-26, 0-9 27-36, space 37, ' 38, U+2019 39, - 40; anything else 0 (in no word)
const A = 41;
const SYM = new Uint8Array(128);
for (let c = 97; c <= 122; c++) SYM[c] = c - 96;
for (let c = 48; c <= 57; c++) SYM[c] = c - 48 + 27;
SYM[32] = 37; SYM[39] = 38; SYM[45] = 40;
function sym(c: number): number {
  return c < 128 ? SYM[c]! : c === 0x2019 ? 39 : 0;
}

/**
 * The automaton's transitions, `table[s + symbol]`, with every state numbered premultiplied by A
 * (no multiplication in the scan loop) and the states where words end numbered last (from
 * `firstFinal` on: the scan loop tests them by a comparison, not a load).
 */
let dfa: Uint16Array | Int32Array | null = null;
let firstFinal = 0;
/** Per state (premultiplied number / A): the ids of the words ending there (own and through failure links), or null. */
let outputs: (readonly number[] | null)[] = [];
/** Per word id: its mode and length (typed arrays: the hit checks read no objects). */
let modeOf = new Uint8Array(0);
let lengthOf = new Uint16Array(0);
let hits = new Uint8Array(0);

function build(): void {
  for (const l of lazy) {
    for (const word of l.words()) {
      if ([...word].some((ch) => sym(ch.charCodeAt(0)) === 0)) throw new Error(`times keywords: "${word}" has a character outside the alphabet`);
      entries.push({ word, mode: l.mode });
      l.ids.push(entries.length - 1);
    }
  }
  const go: number[][] = [new Array<number>(A).fill(-1)];
  const own: number[][] = [[]];
  entries.forEach((e, id) => {
    let s = 0;
    for (let i = 0; i < e.word.length; i++) {
      const a = sym(e.word.charCodeAt(i));
      if (go[s]![a]! < 0) { go[s]![a] = go.length; go.push(new Array<number>(A).fill(-1)); own.push([]); }
      s = go[s]![a]!;
    }
    own[s]!.push(id);
  });
  const n = go.length;
  const fail = new Int32Array(n);
  const delta = new Int32Array(n * A);
  const out: number[][] = own.map((o) => [...o]);
  const queue: number[] = [];
  for (let a = 0; a < A; a++) {
    const t = go[0]![a]!;
    if (t >= 0) { delta[a] = t; fail[t] = 0; queue.push(t); } else delta[a] = 0;
  }
  for (let qi = 0; qi < queue.length; qi++) {
    const s = queue[qi]!;
    out[s]!.push(...out[fail[s]!]!.filter((id) => !out[s]!.includes(id)));
    for (let a = 0; a < A; a++) {
      const t = go[s]![a]!;
      if (t >= 0) { fail[t] = delta[fail[s]! * A + a]!; queue.push(t); delta[s * A + a] = t; } else delta[s * A + a] = delta[fail[s]! * A + a]!;
    }
  }
  // renumber: the root first (0), states without words, then states where words end
  const order = [...Array(n).keys()].sort((x, y) => (out[x]!.length ? 1 : 0) - (out[y]!.length ? 1 : 0) || x - y);
  const num = new Int32Array(n);
  order.forEach((s, k) => { num[s] = k; });
  const table = n * A <= 0xffff ? new Uint16Array(n * A) : new Int32Array(n * A); // 16 bits: half the cache
  for (let s = 0; s < n; s++) for (let a = 0; a < A; a++) table[num[s]! * A + a] = num[delta[s * A + a]!]! * A;
  firstFinal = order.findIndex((s) => out[s]!.length > 0) * A;
  if (firstFinal < 0) firstFinal = n * A;
  outputs = order.map((s) => (out[s]!.length ? out[s]! : null));
  modeOf = Uint8Array.from(entries, (e) => e.mode);
  lengthOf = Uint16Array.from(entries, (e) => e.word.length);
  hits = new Uint8Array(entries.length);
  dfa = table;
}

/** Marks the registered words `lower` contains; the result is valid until the next call. */
export function scanKeywords(lower: string): Uint8Array {
  if (!dfa) build();
  const table = dfa!;
  const fin = firstFinal;
  hits.fill(0);
  let s = 0;
  const n = lower.length;
  for (let i = 0; i < n; i++) {
    const c = lower.charCodeAt(i);
    s = table[s + (c < 128 ? SYM[c]! : c === 0x2019 ? 39 : 0)]!;
    if (s >= fin) record(lower, i, outputs[s / A]!);
  }
  return hits;
}

/** The words of `o` end at `i`: marks those whose boundaries hold. */
function record(lower: string, i: number, o: readonly number[]): void {
  const n = lower.length;
  for (let k = 0; k < o.length; k++) {
    const id = o[k]!;
    const mode = modeOf[id]!;
    if (mode !== 0) {
      if (mode !== 3 && i + 1 < n && isWordChar(lower.charCodeAt(i + 1))) continue;
      const st = i + 1 - lengthOf[id]!;
      if (mode !== 2 && st > 0 && isWordChar(lower.charCodeAt(st - 1))) continue;
    }
    hits[id] = 1;
  }
}

/** One of the words `ids` was found. */
export function anyHit(h: Uint8Array, ids: readonly number[]): boolean {
  for (let i = 0; i < ids.length; i++) if (h[ids[i]!] === 1) return true;
  return false;
}
