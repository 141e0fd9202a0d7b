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

function tokenize(text: string, start: number, end: number): Tok[] {
  const out: Tok[] = [];
  // the span alone: a token never runs past `end`, and lookaheads see the span's end as the text's
  const slice = start === 0 && end === text.length ? text : text.slice(start, end);
  RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  let prevEnd = -1;
  while ((m = RE.exec(slice))) {
    const raw = m[0];
    const s = m.index + start;
    const e = s + raw.length;
    if (isPlain(raw)) {
      // the common case: a lower-case ASCII word
      out.push({ s, e, n: raw, raw, cap: false, caps: false, glued: s === prevEnd });
      prevEnd = e;
      continue;
    }
    let n = raw.toLowerCase();
    if (n.includes('’')) n = n.replace(/’/g, "'");
    if (raw.length > 2 && ABBR.test(raw)) n = n.replace(/\./g, '');
    const letters = raw.replace(NON_LETTERS, '');
    out.push({
      s, e, n, raw,
      cap: CAP.test(raw),
      caps: letters.length > 0 && letters === letters.toUpperCase() && UPPER.test(letters),
      glued: s === prevEnd,
    });
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
