/**
 * Name keys: the one normalisation the gazetteer index and the text matcher share.
 *
 * A key is lower-case, without diacritics, with periods removed ("U.S." → "us", "St." → "st"),
 * apostrophes, hyphens and other punctuation turned into single spaces:
 *   "Deir ez-Zor" → "deir ez zor", "Al-Qāmishlī" → "al qamishli", "Côte d'Ivoire" → "cote d ivoire".
 */

const MARKS = /[\u0300-\u036f\u02b9-\u02bf\u02c8\u02cc]/g;
const SPECIAL: Record<string, string> = {
  ø: 'o', Ø: 'o', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ß: 'ss', ł: 'l', Ł: 'l', đ: 'd', Đ: 'd', ð: 'd', þ: 'th',
  ı: 'i', ħ: 'h',
};
const SPECIAL_RE = /[øØæÆœŒßłŁđĐðþıħ]/g;

/** Lower-case, strip diacritics, drop periods, punctuation → space, collapse spaces. */
const ASCII_WORD = /^[A-Za-z0-9]+$/;
/** Keys of other strings already made (names recur across texts); cleared when large. */
const keyCache = new Map<string, string>();
export function normKey(s: string): string {
  if (ASCII_WORD.test(s)) return s.toLowerCase();
  let k = keyCache.get(s);
  if (k === undefined) {
    k = slowKey(s);
    if (keyCache.size >= 50_000) keyCache.clear();
    keyCache.set(s, k);
  }
  return k;
}
function slowKey(s: string): string {
  return s
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c)
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Arabic-style articles a name may carry or drop ("Al-Qamishli" / "Qamishli"). */
export const ARTICLES = new Set(['al', 'el', 'ad', 'ar', 'as', 'an', 'az', 'ash', 'at', 'ath', 'adh', 'ed', 'er', 'es', 'ez', 'en']);

/**
 * A looser key for spelling variants of transliterated names: doubled letters collapsed, y→i,
 * ou→u, ee→i, w→u, and an initial Arabic article dropped. Qamishly/Qamishli, Deir Ezzor/Deir ez Zor,
 * Dayr az Zawr → similar skeletons. Used only as a fallback.
 */
const looseCache = new Map<string, string>();
export function looseKey(key: string): string {
  let v = looseCache.get(key);
  if (v === undefined) {
    v = slowLooseKey(key);
    if (looseCache.size >= 50_000) looseCache.clear();
    looseCache.set(key, v);
  }
  return v;
}
function slowLooseKey(key: string): string {
  let toks = key.split(' ');
  if (toks.length > 1 && ARTICLES.has(toks[0]!)) toks = toks.slice(1);
  let s = toks.join('');
  s = s
    .replace(/ou/g, 'u')
    .replace(/ee/g, 'i')
    .replace(/kh/g, 'h')
    .replace(/q/g, 'k')
    .replace(/y/g, 'i')
    .replace(/w/g, 'u')
    .replace(/e/g, 'a')
    .replace(/o/g, 'u')
    .replace(/(.)\1+/g, '$1');
  return s;
}

/** True when the string is written in a Latin script (what news in English uses). */
export function isLatin(s: string): boolean {
  return /^[\p{Script=Latin}\p{N}\s\-'’.,()&/ʿʾ`]+$/u.test(s) && /\p{L}/u.test(s);
}
