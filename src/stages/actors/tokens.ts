/**
 * The actor stages' own word tokens inside a sentence span: words, numbers, hyphens, possessive
 * "'s" and punctuation as separate tokens ("US-led" → US, -, led; "Assad's" → Assad, 's). Lexicon
 * phrases are tokenised the same way, so matching is a token-by-token comparison.
 */
export interface Tok {
  readonly s: number;
  readonly e: number;
  /** Lower-cased; ’ → '; dots dropped from abbreviations (U.S. → us). */
  readonly n: string;
  /** Surface form. */
  readonly raw: string;
  /** First character upper-case. */
  readonly cap: boolean;
  /** Every letter upper-case (US, ISIS, U.S.). */
  readonly caps: boolean;
  /** No space before this token (glued to the previous one). */
  readonly glued: boolean;
}

const RE = /(?:\p{Lu}\.)+(?![\p{L}])|\p{N}+(?:[.,]\p{N}+)*|['’]s(?![\p{L}])|[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['’](?!s(?![\p{L}]))[\p{L}\p{M}]+)*|\S/gu;

const ABBR = /^(?:\p{Lu}\.)+$/u;
const CAP = /^\p{Lu}/u;
const NON_LETTERS = /[^\p{L}]/gu;
const UPPER = /\p{Lu}/u;
/** A lower-case ASCII word (/^[a-z]+$/). */
function isPlain(w: string): boolean {
  for (let k = 0; k < w.length; k++) { const c = w.charCodeAt(k); if (c < 97 || c > 122) return false; }
  return w.length > 0;
}

/** A token of any shape: the general case. */
function general(raw: string, s: number, e: number, glued: boolean): Tok {
  let n = raw.toLowerCase();
  if (n.includes('’')) n = n.replace(/’/g, "'");
  if (raw.length > 2 && ABBR.test(raw)) n = n.replace(/\./g, '');
  const letters = raw.replace(NON_LETTERS, '');
  return {
    s, e, n, raw,
    cap: CAP.test(raw),
    caps: letters.length > 0 && letters === letters.toUpperCase() && UPPER.test(letters),
    glued,
  };
}

// ASCII character classes for the scanner below (RE's classes restricted to ASCII)
const C_SPACE = 1, C_LOWER = 2, C_UPPER = 4, C_DIGIT = 8, C_QUOTE = 16;
const ASCII = new Uint8Array(128);
for (const c of [9, 10, 11, 12, 13, 32]) ASCII[c] = C_SPACE;
for (let c = 97; c <= 122; c++) ASCII[c] = C_LOWER;
for (let c = 65; c <= 90; c++) ASCII[c] = C_UPPER;
for (let c = 48; c <= 57; c++) ASCII[c] = C_DIGIT;
ASCII[39] = C_QUOTE;

/**
 * The tokens of RE over text[start, end). ASCII words, numbers and punctuation are scanned by
 * character class; wherever RE could read on differently (any non-ASCII character, an apostrophe,
 * "U." of an abbreviation), that token is read with RE itself, so the tokens are RE's exactly.
 */
function tokenize(text: string, start: number, end: number): Tok[] {
  const out: Tok[] = [];
  // the span alone: a token never runs past `end`, and lookaheads see the span's end as the text's
  const slice = start === 0 && end === text.length ? text : text.slice(start, end);
  const len = slice.length;
  let prevEnd = -1;
  let p = 0;
  while (p < len) {
    const c = slice.charCodeAt(p);
    const k = c < 128 ? ASCII[c]! : -1;
    if (k === C_SPACE) { p++; continue; }
    let q = -1; // end of the token read by the fast path; -1: let RE read it
    // classes seen in a fast-path token (C_LOWER | C_UPPER | C_DIGIT bits); 0 for punctuation
    let seen = 0;
    if (k === C_LOWER || k === C_UPPER) {
      const nx = p + 1 < len ? slice.charCodeAt(p + 1) : -1;
      if (!(k === C_UPPER && nx === 46)) {
        // [\p{L}\p{M}][\p{L}\p{M}\p{N}]*, then RE's apostrophe continuation: decided by RE
        let r = p + 1;
        seen = k;
        let cr = 0;
        while (r < len) {
          cr = slice.charCodeAt(r);
          if (cr >= 128) break;
          const kr = ASCII[cr]!;
          if (kr === C_LOWER || kr === C_UPPER || kr === C_DIGIT) { seen |= kr; r++; continue; }
          break;
        }
        if (r >= len || (cr < 128 && cr !== 39)) q = r;
      }
    } else if (k === C_DIGIT) {
      // \p{N}+(?:[.,]\p{N}+)*
      let r = p + 1;
      let ok = true;
      for (;;) {
        while (r < len && slice.charCodeAt(r) < 128 && ASCII[slice.charCodeAt(r)] === C_DIGIT) r++;
        if (r >= len) break;
        const cr = slice.charCodeAt(r);
        if (cr >= 128) { ok = false; break; }
        if (cr === 46 || cr === 44) {
          if (r + 1 >= len) break;
          const c2 = slice.charCodeAt(r + 1);
          if (c2 >= 128) { ok = false; break; }
          if (ASCII[c2] === C_DIGIT) { r += 2; continue; }
        }
        break;
      }
      if (ok) q = r;
    } else if (k === 0) {
      // other ASCII punctuation: \S, one character
      q = p + 1;
    }
    let raw: string;
    let s: number;
    if (q >= 0) {
      raw = slice.slice(p, q);
      s = p + start;
      p = q;
    } else {
      RE.lastIndex = p;
      const m = RE.exec(slice);
      if (!m) break;
      raw = m[0];
      s = m.index + start;
      p = m.index + raw.length;
    }
    const e = s + raw.length;
    if (q < 0) {
      out.push(isPlain(raw) ? { s, e, n: raw, raw, cap: false, caps: false, glued: s === prevEnd } : general(raw, s, e, s === prevEnd));
    } else if ((seen & C_UPPER) === 0) {
      // a lower-case ASCII word (the common case), an ASCII number or punctuation: its own norm, no capitals
      out.push({ s, e, n: raw, raw, cap: false, caps: false, glued: s === prevEnd });
    } else {
      // an ASCII word with capitals: general() without its regexes (no dots, no ’ in it)
      out.push({ s, e, n: raw.toLowerCase(), raw, cap: k === C_UPPER, caps: (seen & C_LOWER) === 0, glued: s === prevEnd });
    }
    prevEnd = e;
  }
  return out;
}

/** RE's tokens read with RE alone (the reference for tokenize(); tests). */
export function tokenizeWithRegex(text: string, start = 0, end = text.length): Tok[] {
  const out: Tok[] = [];
  const slice = start === 0 && end === text.length ? text : text.slice(start, end);
  RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  let prevEnd = -1;
  while ((m = RE.exec(slice))) {
    const raw = m[0];
    const s = m.index + start;
    const e = s + raw.length;
    out.push(isPlain(raw) ? { s, e, n: raw, raw, cap: false, caps: false, glued: s === prevEnd } : general(raw, s, e, s === prevEnd));
    prevEnd = e;
  }
  return out;
}

// The stages tokenise the same sentences again and again (actors, arguments, attribution): the
// tokens of the spans of the last text are kept. Callers must not modify the returned array.
let cacheText: string | null = null;
let cache = new Map<number, Tok[]>();

export function tokens(text: string, start = 0, end = text.length): Tok[] {
  if (text.length < 64) return tokenize(text, start, end);
  if (text !== cacheText) { cacheText = text; cache = new Map(); }
  const key = start * (text.length + 1) + end;
  let t = cache.get(key);
  if (!t) {
    t = tokenize(text, start, end);
    if (cache.size > 4096) cache.clear();
    cache.set(key, t);
  }
  return t;
}

/** Norms of a lexicon phrase, tokenised like text. */
export const phraseNorms = (p: string): string[] => tokens(p).map((t) => t.n);

/** Index of the first token starting at or after `pos` (tokens are ordered and do not overlap). */
export function firstAtOrAfter(toks: readonly Tok[], pos: number): number {
  let lo = 0, hi = toks.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (toks[mid]!.s < pos) lo = mid + 1; else hi = mid; }
  return lo;
}

/** Index just past the last token ending at or before `pos`. */
export function endAtOrBefore(toks: readonly Tok[], pos: number): number {
  let lo = 0, hi = toks.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (toks[mid]!.e <= pos) lo = mid + 1; else hi = mid; }
  return lo;
}

/** How many tokens lie wholly inside [from, to]. */
export const countBetween = (toks: readonly Tok[], from: number, to: number): number =>
  Math.max(0, endAtOrBefore(toks, to) - firstAtOrAfter(toks, from));

/**
 * A filter over word shapes (first character, length) that stays in cache: `maybe(n)` is false for a
 * word that is certainly not in the set, so a hash lookup is needed only for the few that may be.
 */
export class ShapeFilter {
  private readonly bits = new Uint32Array(128);
  constructor(words: Iterable<string>) {
    for (const w of words) {
      const c = w.charCodeAt(0);
      this.bits[c < 128 ? c : 127]! |= 1 << Math.min(w.length, 31);
    }
  }
  maybe(n: string): boolean {
    const c = n.charCodeAt(0);
    return ((this.bits[c < 128 ? c : 127]! >>> Math.min(n.length, 31)) & 1) === 1;
  }
}
