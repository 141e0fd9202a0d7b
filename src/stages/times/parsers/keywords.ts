/**
 * The parsers' prefilter words, found in one pass per segment. Each parser registers the words its
 * prefilter needs when its module loads (`keywords`); the engine runs one Aho-Corasick automaton
 * over the segment, ignoring the case of ASCII letters (`scanKeywords`), and the prefilters read the
 * hits (`anyHit`), where each once ran its own regular-expression alternation over the segment (an
 * alternation tries every word at every position). A hit means exactly what the replaced pattern
 * meant: `sub` /w/i, `word` /\bw\b/i, `end` /w\b/i, `start` /\bw/i (\b as without the u flag:
 * ASCII word characters). The first hit of each word is kept (`firstHit`): a parser can start its
 * scan near it (../engine.ts, Lead).
 */
import { isWordChar } from './util.js';

type Mode = 0 | 1 | 2 | 3; // sub, word, end, start
const MODES = { sub: 0, word: 1, end: 2, start: 3 } as const;

/** A word's entry; `group`: the list it was registered in (a hit of any of its words marks the list). */
interface Entry { readonly word: string; readonly mode: Mode; readonly group: number }
const entries: Entry[] = [];
const lazy: { ids: number[]; words: () => readonly string[]; mode: Mode; group: number }[] = [];
/** Word ids of one registration, with its list number (`anyHit` on it reads one flag). */
type Words = number[] & { group?: number };
let groups = 0;

/** Registers words; returns their ids (for `anyHit`). Must run before the first scan (at module load). */
export function keywords(words: readonly string[], mode: keyof typeof MODES = 'sub'): readonly number[] {
  if (dfa) throw new Error('times keywords: registered after the automaton was built');
  const group = groups++;
  const ids: Words = words.map((word) => {
    for (const ch of word) if (sym(ch.charCodeAt(0)) === 0) throw new Error(`times keywords: "${word}" has a character outside the alphabet`);
    entries.push({ word, mode: MODES[mode], group });
    return entries.length - 1;
  });
  ids.group = group;
  return ids;
}

/** Like `keywords`, with the words computed when the automaton is built (from a lexicon). */
export function lazyKeywords(words: () => readonly string[], mode: keyof typeof MODES = 'sub'): readonly number[] {
  if (dfa) throw new Error('times keywords: registered after the automaton was built');
  const ids: Words = [];
  ids.group = groups++;
  lazy.push({ ids, words, mode: MODES[mode], group: ids.group });
  return ids;
}

// alphabet: a-z (and A-Z) 1-26, 0-9 27-36, space 37, ' 38, U+2019 39, - 40; anything else 0 (in no word)
const A = 41;
// (a table for every UTF-16 code unit: the scan loop reads one entry per character, no test;
// only the lines of the characters met are ever loaded)
const SYM = new Uint8Array(0x10000);
for (let c = 97; c <= 122; c++) SYM[c] = SYM[c - 32] = c - 96;
for (let c = 48; c <= 57; c++) SYM[c] = c - 48 + 27;
SYM[32] = 37; SYM[39] = 38; SYM[0x2019] = 39; SYM[45] = 40;
function sym(c: number): number {
  return SYM[c]!;
}

/**
 * The automaton's transitions, `table[s + symbol]`, with every state numbered premultiplied by A
 * (no multiplication in the scan loop) and the states where words end numbered last (from
 * `firstFinal` on: the scan loop tests them by a comparison, not a load).
 */
let dfa: Uint16Array | Int32Array | null = null;
let firstFinal = 0;
/** States from `firstFinal` up to this one: all their words need a word end (no word character after). */
let endFinal = 0;
/** Per state (premultiplied number / A): the ids of the words ending there (own and through failure links), or null. */
let outputs: (readonly number[] | null)[] = [];
/** Per word id: its mode and length (typed arrays: the hit checks read no objects). */
let modeOf = new Uint8Array(0);
let lengthOf = new Uint16Array(0);
/** Per word id, then per list (from `groupBase` on, by list number): 1 when found. */
let hits = new Uint8Array(0);
let groupOf = new Int32Array(0);
let groupBase = 0;
/** Per word id: where its first and its last hit start (valid when `hits[id]` is 1). */
let firstAt = new Int32Array(0);
let lastAt = new Int32Array(0);
/**
 * Per state (premultiplied number / A) where words end: the length of its words when all need a
 * word start and have that length, else 0. (With `endFinal`, the scan loop skips the hits these
 * rule out, most of them: "a" in "that", "in" in "within", without calling `record`.)
 */
let startLen = new Int16Array(0);
/** ASCII word characters (as \w without the u flag). */
const WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) WORD[c] = isWordChar(c) ? 1 : 0;

/** Any ASCII digit (as /\d/), found in the same pass. */
export const DIGITS = keywords([...'0123456789']);

function build(): void {
  for (const l of lazy) {
    for (const word of l.words()) {
      if ([...word].some((ch) => sym(ch.charCodeAt(0)) === 0)) throw new Error(`times keywords: "${word}" has a character outside the alphabet`);
      entries.push({ word, mode: l.mode, group: l.group });
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
  // (and each class in breadth-first order: the shallow states the scan is mostly in share few cache lines)
  const bfs = new Int32Array(n);
  queue.forEach((st, k) => { bfs[st] = k + 1; });
  // (states where words end: first those whose words all need a word end, see `endFinal`)
  const cls = (st: number): number => (!out[st]!.length ? 0 : out[st]!.every((id) => entries[id]!.mode === 1 || entries[id]!.mode === 2) ? 1 : 2);
  const order = [...Array(n).keys()].sort((x, y) => cls(x) - cls(y) || bfs[x]! - bfs[y]!);
  const num = new Int32Array(n);
  order.forEach((s, k) => { num[s] = k; });
  const table = n * A <= 0xffff ? new Uint16Array(n * A) : new Int32Array(n * A); // 16 bits: half the cache
  for (let s = 0; s < n; s++) for (let a = 0; a < A; a++) table[num[s]! * A + a] = num[delta[s * A + a]!]! * A;
  firstFinal = order.findIndex((s) => out[s]!.length > 0) * A;
  if (firstFinal < 0) firstFinal = n * A;
  endFinal = order.findIndex((st) => cls(st) === 2) * A;
  if (endFinal < 0) endFinal = n * A;
  outputs = order.map((s) => (out[s]!.length ? out[s]! : null));
  modeOf = Uint8Array.from(entries, (e) => e.mode);
  lengthOf = Uint16Array.from(entries, (e) => e.word.length);
  hits = new Uint8Array(entries.length + groups);
  groupOf = Int32Array.from(entries, (e) => e.group);
  groupBase = entries.length;
  firstAt = new Int32Array(entries.length);
  lastAt = new Int32Array(entries.length);
  startLen = Int16Array.from(outputs, (o) => {
    if (!o || !o.every((id) => entries[id]!.mode === 1 || entries[id]!.mode === 3)) return 0;
    const len = entries[o[0]!]!.word.length;
    return o.every((id) => entries[id]!.word.length === len) ? len : 0;
  });
  dfa = table;
}

/**
 * Marks the registered words `text` contains between `start` and `end` (the text outside is as
 * good as absent: a word at `start` starts a word); the result is valid until the next call. The
 * words' letters match ASCII letters of either case only, as the patterns do (case-insensitive, not
 * Unicode: "İ" and the Kelvin sign are not "i" and "k", and not word characters).
 */
export function scanKeywords(text: string, start: number, end: number): Uint8Array {
  if (!dfa) build();
  const table = dfa!;
  const fin = firstFinal;
  const endF = endFinal;
  hits.fill(0);
  let s = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    s = table[s + SYM[c]!]!;
    if (s >= fin) {
      let b: number;
      if (s < endF && i + 1 < end && (b = text.charCodeAt(i + 1)) < 128 && WORD[b] === 1) continue;
      const k = s / A;
      const len = startLen[k]!;
      if (len !== 0 && i + 1 - len > start && (b = text.charCodeAt(i - len)) < 128 && WORD[b] === 1) continue;
      record(text, start, end, i, outputs[k]!);
    }
  }
  return hits;
}

/** The words of `o` end at `i`: marks those whose boundaries hold. */
function record(text: string, start: number, end: number, i: number, o: readonly number[]): void {
  for (let k = 0; k < o.length; k++) {
    const id = o[k]!;
    const mode = modeOf[id]!;
    const st = i + 1 - lengthOf[id]!;
    if (mode !== 0) {
      if (mode !== 3 && i + 1 < end && isWordChar(text.charCodeAt(i + 1))) continue;
      if (mode !== 2 && st > start && isWordChar(text.charCodeAt(st - 1))) continue;
    }
    lastAt[id] = st - start;
    if (hits[id] === 1) continue;
    hits[id] = 1;
    hits[groupBase + groupOf[id]!] = 1;
    firstAt[id] = st - start;
  }
}

/** Where the first hit of any of the words `ids` starts in the last scanned text (from its `start`), or -1. */
export function firstHit(h: Uint8Array, ids: readonly number[]): number {
  let at = -1;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (h[id] === 1 && (at < 0 || firstAt[id]! < at)) at = firstAt[id]!;
  }
  return at;
}

/** Where the last hit of any of the words `ids` starts in the last scanned text (from its `start`), or -1. */
export function lastHit(h: Uint8Array, ids: readonly number[]): number {
  let at = -1;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (h[id] === 1 && lastAt[id]! > at) at = lastAt[id]!;
  }
  return at;
}

/** One of the words `ids` was found. */
export function anyHit(h: Uint8Array, ids: readonly number[]): boolean {
  const group = (ids as Words).group;
  if (group !== undefined) return h[groupBase + group] === 1; // a list as registered
  for (let i = 0; i < ids.length; i++) if (h[ids[i]!] === 1) return true;
  return false;
}
