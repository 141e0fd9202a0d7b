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

export function tokens(text: string, start = 0, end = text.length): Tok[] {
  const out: Tok[] = [];
  const slice = text.slice(0, end);
  RE.lastIndex = start;
  let m: RegExpExecArray | null;
  let prevEnd = -1;
  while ((m = RE.exec(slice))) {
    const raw = m[0];
    const s = m.index;
    const e = s + raw.length;
    let n = raw.toLowerCase().replace(/’/g, "'");
    if (/^(?:\p{Lu}\.)+$/u.test(raw) && raw.length > 2) n = n.replace(/\./g, '');
    const letters = raw.replace(/[^\p{L}]/gu, '');
    out.push({
      s, e, n, raw,
      cap: /^\p{Lu}/u.test(raw),
      caps: letters.length > 0 && letters === letters.toUpperCase() && /\p{Lu}/u.test(letters),
      glued: s === prevEnd,
    });
    prevEnd = e;
  }
  return out;
}

/** Norms of a lexicon phrase, tokenised like text. */
export const phraseNorms = (p: string): string[] => tokens(p).map((t) => t.n);
