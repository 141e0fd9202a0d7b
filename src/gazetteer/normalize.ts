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
/** `fn` remembered per argument (names recur across texts); the memory is cleared when large. */
function memo(fn: (s: string) => string): (s: string) => string {
  const cache = new Map<string, string>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      v = fn(s);
      if (cache.size >= 50_000) cache.clear();
      cache.set(s, v);
    }
    return v;
  };
}
const cachedKey = memo(slowKey);
export function normKey(s: string): string {
  return ASCII_WORD.test(s) ? s.toLowerCase() : cachedKey(s);
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
export const looseKey: (key: string) => string = memo(slowLooseKey);
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
