/**
 * Recognition: finds place names in running text by matching capitalised token n-grams against the
 * gazetteer's name index (longest match first), then drops matches that are people or common words,
 * extends "X province" / "the village of X", and adds names the gazetteer lacks when the text
 * describes them against a known place ("Qeser Dib, a village outside Derik").
 */
import { distanceKm, type Gazetteer, type NameHit } from '../../gazetteer/index.js';
import { normKey } from '../../gazetteer/normalize.js';
import type { Span } from '../../model/span.js';
import { readFileSync } from 'node:fs';
import { dataPath } from '../../util/lexicon.js';
import { placeLexicon } from './lexicon.js';

export interface Tok {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly key: string;
  readonly cap: boolean;
}

/** A recognised name, before resolution. */
export interface RawMention {
  span: Span;
  /** Token range [t0, t1). */
  t0: number;
  t1: number;
  hits: readonly NameHit[];
  /** All hits are demonyms ("Russian", "Israelis"). */
  adjectival: boolean;
  /** "Idlib province", "Laurel County": the name is used as a division. */
  adminSuffix: boolean;
  /** "the village of X", "X village": the name is used as a settlement. */
  settlementCue: boolean;
  /** Described against another mention: "Qeser Dib, a village outside Derik" → the Derik mention. */
  anchor: RawMention | null;
  precisionHint: 'near' | 'admin1' | null;
  described: Span | null;
  rule: string;
  /**
   * A weak name that is only one part of a hyphenated compound the index lacks ("Nawa-e Barakzayi",
   * "Kain-Ouro"): resolved only to a place the article's other places support (resolve.ts), else dropped.
   */
  fragment?: boolean;
}


const UPPER_START = /^\p{Lu}/u;
/** The word's key: ASCII letters and digits only lower-cased (as normKey does, without its regexes). */
function wordKey(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57))) return normKey(s);
  }
  return s.toLowerCase();
}

const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
/** Code point at `i` is a letter, mark or digit (WORD's second branch); ASCII answered without a regex. */
function wordCharAt(text: string, i: number, c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(i)!));
}
/** Code point at `i` is an upper-case letter. */
function upperAt(text: string, i: number, c: number): boolean {
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER_START.test(String.fromCodePoint(text.codePointAt(i)!));
}
/** UTF-16 length of the code point at `i`. */
const cpLen = (text: string, i: number, c: number): number =>
  c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;

/** Token lists with no non-ASCII character inside a token (made by tokenize). */
const ASCII_TOKENS = new WeakSet<Tok[]>();

/**
 * The words of a text: what WORD (`(?:\p{Lu}\.){2,}|[\p{L}\p{M}\p{N}]+`) matches, scanned by hand (no match
 * object per word): initials with periods ("U.S.") first, else a run of letters, marks and digits.
 */
export function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  const n = text.length;
  let i = 0;
  let nonAscii = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    const l = cpLen(text, i, c);
    if (!wordCharAt(text, i, c)) { i += l; continue; }
    if (c >= 128) nonAscii = true;
    let end = -1;
    // "U.S.", "U.N.": two or more upper-case letters each followed by a period
    if (upperAt(text, i, c)) {
      let j = i, reps = 0;
      while (j < n) {
        const cj = text.charCodeAt(j);
        const lj = cpLen(text, j, cj);
        if (!upperAt(text, j, cj) || text.charCodeAt(j + lj) !== 46) break;
        j += lj + 1;
        reps++;
      }
      if (reps >= 2) {
        end = j;
        for (let k = i; k < j; k++) if (text.charCodeAt(k) >= 128) nonAscii = true;
      }
    }
    // a run of ASCII letters and digits is its own key once lower-cased (as wordKey gives it)
    let ascii = false, upper = false;
    if (end < 0) {
      ascii = c < 128;
      upper = c >= 65 && c <= 90;
      end = i + l;
      while (end < n) {
        const ce = text.charCodeAt(end);
        if (ce < 128) {
          if (!((ce >= 97 && ce <= 122) || (ce >= 65 && ce <= 90) || (ce >= 48 && ce <= 57))) break;
          if (ce <= 90 && ce >= 65) upper = true;
          end++;
          continue;
        }
        if (!wordCharAt(text, end, ce)) break;
        ascii = false;
        nonAscii = true;
        end += cpLen(text, end, ce);
      }
    }
    const s = text.slice(i, end);
    // ASCII first letters answer the capital test without the Unicode regex
    const cap = c < 128 ? c >= 65 && c <= 90 : UPPER_START.test(s);
    out.push({ start: i, end, text: s, key: ascii ? (upper ? s.toLowerCase() : s) : wordKey(s), cap });
    i = end;
  }
  if (!nonAscii) ASCII_TOKENS.add(out);
  return out;
}

/** Lower-case words that may stand inside a multi-word name ("Bosnia and Herzegovina", "Deir ez-Zor"). */
const CONNECT = new Set([
  'of', 'de', 'del', 'della', 'di', 'da', 'do', 'dos', 'das', 'du', 'des', 'la', 'le', 'les', 'el', 'al', 'ad', 'ar', 'as',
  'an', 'az', 'ash', 'at', 'ez', 'es', 'ed', 'en', 'er', 'bin', 'ibn', 'upon', 'on', 'the', 'and', 'y', 'van', 'von', 'der',
  'den', 'am', 'im', 'sur', 'e', 'i', 'u', 'under', 'in', 'by', 'and', 'ul', 'ur', 'wa',
]);
const ARTICLE_START = new Set(['al', 'el', 'ad', 'ar', 'as', 'an', 'az', 'ash', 'at', 'ath', 'adh', 'ed', 'er', 'es', 'ez', 'en']);

/** The text between two tokens allows them to stand in one name (compared by character, without slicing the gap). */
function joins(text: string, a: Tok, b: Tok): boolean {
  const len = b.start - a.end;
  if (len === 1) {
    const c = text.charCodeAt(a.end);
    // ' ', '-', '‐', '–', "'", '’', '.', no-break space
    return c === 32 || c === 45 || c === 0x2010 || c === 0x2013 || c === 39 || c === 0x2019 || c === 46 || c === 0xa0 ||
      // "J&K": initials joined by an ampersand (kept only for a division or a country, below)
      (c === 38 && a.text.length === 1 && b.text.length === 1 && a.cap && b.cap);
  }
  if (len === 2) {
    const c0 = text.charCodeAt(a.end), c1 = text.charCodeAt(a.end + 1);
    return (c0 === 46 || c0 === 32) && c1 === 32; // ". ", "  "
  }
  if (len === 3) return text.charCodeAt(a.end) === 32 && text.charCodeAt(a.end + 1) === 45 && text.charCodeAt(a.end + 2) === 32; // " - "
  return false;
}
/** Short words after an apostrophe that make no name's tail ("'s", "n't", "'ll"). */
const APOS_NOT_TAIL = new Set(['s', 't', 'll', 're', 've', 'd', 'm']);
/** "Dar'a", "Ma'arrat": a lower-case tail after an apostrophe belongs to the word before it. */
const aposTail = (text: string, a: Tok, b: Tok): boolean => {
  if (b.cap || b.start - a.end !== 1) return false;
  const c = text.charCodeAt(a.end);
  return (c === 39 || c === 0x2019 || c === 0x2018) && b.key.length <= 8 && !APOS_NOT_TAIL.has(b.key);
};
/** Only a space or a no-break space between the tokens. */
const spaced = (text: string, a: Tok, b: Tok): boolean => {
  if (b.start - a.end !== 1) return false;
  const c = text.charCodeAt(a.end);
  return c === 32 || c === 0xa0;
};

/** '-', '‐', "'" or '’': what joins an article to its name ("al-Raqqa", "Ma'arrat"). */
const isArticleJoin = (c: number): boolean => c === 45 || c === 0x2010 || c === 39 || c === 0x2019;

const MAX_N = 7;
let modifierShape: { min: number; max: number; first: Uint8Array; last: Uint8Array } | null = null;
/**
 * The key has the length and the first and last letters of some region modifier ("northern", "rural"): a test
 * before the set lookup (letters by code, below 128; a key with another first or last character is none).
 */
function mayBeModifier(key: string): boolean {
  if (!modifierShape) {
    const ks = [...placeLexicon().regionModifiers];
    const first = new Uint8Array(128), last = new Uint8Array(128);
    for (const k of ks) {
      const a = k.charCodeAt(0), b = k.charCodeAt(k.length - 1);
      if (a >= 128 || b >= 128) { first.fill(1); last.fill(1); }
      first[a & 127] = 1;
      last[b & 127] = 1;
    }
    modifierShape = { min: Math.min(...ks.map((k) => k.length)), max: Math.max(...ks.map((k) => k.length)), first, last };
  }
  const sh = modifierShape;
  if (key.length < sh.min || key.length > sh.max) return false;
  const a = key.charCodeAt(0), b = key.charCodeAt(key.length - 1);
  return (a >= 128 || sh.first[a] === 1) && (b >= 128 || sh.last[b] === 1);
}
/** Words before a name that leave it the place it names: an article, or a feature the index may lack ("Lake Erie", "Old Town Manassas"). */
const NAME_PREFIX = new Set(['the', 'a', 'an', 'lake', 'lakes', 'river', 'mount', 'mt', 'fort', 'port', 'point', 'cape', 'bay', 'island', 'glen', 'old', 'new', 'little', 'great', 'greater', 'saint', 'san', 'santa']);

export interface RecogniseOptions {
  /** Spans another layer marked as organisations or people (names inside them are still tried). */
  readonly blocked?: readonly Span[];
}

export function recognise(text: string, gaz: Gazetteer, toks: Tok[] = tokenize(text)): RawMention[] {
  const L = placeLexicon();
  const out: RawMention[] = [];
  const n = toks.length;

  // people's surnames seen in the document ("John Kirby" → later "Kirby" alone is a person)
  const surnames = new Set<string>();
  for (let i = 0; i + 1 < n; i++) {
    const a = toks[i]!, b = toks[i + 1]!;
    if (!a.cap || !b.cap || b.key.length < 2) continue;
    const gap = text.slice(a.end, b.start);
    const isTitle = L.titles.has(a.key) && (gap === ' ' || gap === '. ');
    const isFirst = L.firstNames.has(a.key) && gap === ' ' && !L.stop.has(b.key);
    if (isTitle || isFirst) {
      // the last capitalised token of the name run is the surname ("Paul J. Saunders")
      let j = i + 1;
      while (j + 1 < n && toks[j + 1]!.cap && (spaced(text, toks[j]!, toks[j + 1]!) || text.slice(toks[j]!.end, toks[j + 1]!.start) === '. ')
        && (toks[j]!.text.length === 1 || L.firstNames.has(toks[j]!.key))) j++;
      if (!L.stop.has(toks[j]!.key)) surnames.add(toks[j]!.key);
    }
  }

  // street names ("Memphis St.", "Bridge Street"): places inside a town, kept but not resolved
  if (streetBuf.length < n) streetBuf = new Uint8Array(Math.max(n, 2 * streetBuf.length));
  const inStreet = streetBuf;
  inStreet.fill(0, 0, n);
  for (let i = 1; i < n; i++) {
    const t = toks[i]!;
    if (!t.cap || !L.streetWords.has(t.key)) continue;
    const abbr = t.key === 'st' || t.key === 'dr';
    if (abbr && /^\.?\s+\p{Lu}/u.test(text.slice(t.end, t.end + 3)) && !/^\.?\s*,/.test(text.slice(t.end, t.end + 3))) {
      // "St. John" is a saint, "Dr. Smith" a doctor, unless the name ends there
      if (!/^\.\s+\p{Lu}\p{Ll}*\s+(?:\p{Ll}|\d)/u.test(text.slice(t.end, t.end + 30))) continue;
    }
    let j = i;
    while (j > 0 && toks[j - 1]!.cap && spaced(text, toks[j - 1]!, toks[j]!) && i - j < 3 && !L.stop.has(toks[j - 1]!.key)) j--;
    if (j === i) continue;
    if (j > 0 && /^\d/.test(toks[j - 1]!.key) === false && L.titles.has(toks[j - 1]!.key)) continue;
    let end = t.end;
    if (text[end] === '.' && t.key.length <= 4) end++;
    out.push({
      span: { start: toks[j]!.start, end }, t0: j, t1: i + 1, hits: [], adjectival: false, adminSuffix: false,
      settlementCue: false, anchor: null, precisionHint: null, described: null, rule: 'places/street',
    });
    for (let k = j; k <= i; k++) inStreet[k] = 1;
  }

  for (let i = 0; i < n; i++) {
    const t = toks[i]!;
    if (inStreet[i]) continue;
    let start = i;
    // (cheap tests first: most tokens are lower-case words that start no name)
    const articleStart = !t.cap && i + 1 < n && toks[i + 1]!.cap && toks[i + 1]!.start - t.end === 1 &&
      isArticleJoin(text.charCodeAt(t.end)) && ARTICLE_START.has(t.key);
    const modifierStart = !t.cap && mayBeModifier(t.key) && L.regionModifiers.has(t.key);
    if (!t.cap && !articleStart && !modifierStart) continue;
    if (t.key === 'the') continue; // "the Gaza Strip", "The United States": the name starts after it
    // "Ma'arrat", "Ta'izz": the index may spell the name without its apostrophe ("Maarrat"); such a name's
    // head is the joined first word
    const aposNext = i + 1 < n && aposTail(text, t, toks[i + 1]!);
    const hmJoined = aposNext ? gaz.headMax(t.key + toks[i + 1]!.key) : 0;
    const hm = Math.max(gaz.headMax(t.key), hmJoined ? hmJoined + 1 : 0);
    if (hm === 0) continue;
    let found: { len: number; hits: readonly NameHit[] } | null = null;
    const maxLen = Math.min(hm, MAX_N, n - i);
    // the tokens after the first that may stand inside one name with it: joined to the one before and
    // capitalised, a name particle, a number, an apostrophe tail or a possessive s ("People's Republic"; as
    // the last token a lower-case one fails the test below anyway), and the name keys of those prefixes
    let okLen = 1;
    while (okLen < maxLen) {
      const j = i + okLen;
      const tj = toks[j]!;
      const possessive = tj.key === 's' && /^['’]$/.test(text.slice(toks[j - 1]!.end, tj.start));
      if (!joins(text, toks[j - 1]!, tj) || (!tj.cap && !CONNECT.has(tj.key) && !/^\d/.test(tj.key) && !aposTail(text, toks[j - 1]!, tj) && !possessive)) break;
      okLen++;
    }
    const keys: string[] = [];
    keys[1] = t.key;
    for (let l = 2; l <= okLen; l++) keys[l] = `${keys[l - 1]!} ${toks[i + l - 1]!.key}`;
    for (let len = maxLen; len >= 1; len--) {
      const last = toks[i + len - 1]!;
      if (!last.cap && !(len > 1 && aposTail(text, toks[i + len - 2]!, last))) continue;
      if (len > okLen) continue;
      if (inStreet[i + len - 1]) continue;
      const key = keys[len]!;
      if (modifierStart && len === 1) continue;
      let hits = gaz.lookupKey(key);
      if (!hits.length && len > 1) {
        // the same name with its in-word apostrophes left out
        let joined = t.key, changed = false;
        for (let j = i + 1; j < i + len; j++) {
          if (aposTail(text, toks[j - 1]!, toks[j]!)) { joined += toks[j]!.key; changed = true; } else joined += ` ${toks[j]!.key}`;
        }
        if (changed) hits = gaz.lookupKey(joined);
      }
      if (hits.length) { found = { len, hits }; break; }
    }
    if (found && found.len === 1 && t.cap && i + 2 < n && CONNECT.has(toks[i + 1]!.key) && ARTICLE_START.has(toks[i + 1]!.key) &&
        toks[i + 2]!.cap && joins(text, t, toks[i + 1]!) && joins(text, toks[i + 1]!, toks[i + 2]!) &&
        placeEvidence(text, t.start, toks[i + 2]!.end)) {
      // "Ras al Ain": a longer name the index spells otherwise (Ra's al 'Ayn) beats its first word
      let key = `${t.key} ${toks[i + 1]!.key} ${toks[i + 2]!.key}`;
      let len = 3;
      if (i + 3 < n && toks[i + 3]!.cap && joins(text, toks[i + 2]!, toks[i + 3]!) && gaz.lookupLoose(`${key} ${toks[i + 3]!.key}`).length) {
        key += ` ${toks[i + 3]!.key}`;
        len = 4;
      }
      const hits = gaz.lookupLoose(key).filter((h) => /^[PA]$/.test(h.entry.candidate.featureClass));
      if (hits.length) found = { len, hits };
    }
    if (!found && t.cap && t.key.length >= 4 && !L.stop.has(t.key) && !L.firstNames.has(t.key) && !surnames.has(t.key)) {
      // a spelling the index lacks ("Deir Ezzor", "Qamishly"): the loose key, with place evidence
      for (let len = Math.min(3, n - i); len >= 1 && !found; len--) {
        let ok = true;
        for (let j = i + 1; j < i + len; j++) {
          const tj = toks[j]!;
          if (!joins(text, toks[j - 1]!, tj) || (!tj.cap && !CONNECT.has(tj.key))) { ok = false; break; }
        }
        if (!ok || !toks[i + len - 1]!.cap) continue;
        let key = t.key;
        for (let j = i + 1; j < i + len; j++) key += ` ${toks[j]!.key}`;
        if (key.replace(/ /g, '').length < 6) continue;
        if (!placeEvidence(text, t.start, toks[i + len - 1]!.end)) continue;
        const hits = gaz.lookupLoose(key).filter((h) => /^[PA]$/.test(h.entry.candidate.featureClass));
        if (hits.length) found = { len, hits };
      }
    }
    if (!found) continue;
    const end = i + found.len; // exclusive token index
    const m = makeMention(text, toks, start, end, found.hits, surnames);
    // "Nawa-e Barakzayi", "Kain-Ouro": a part of a compound the index lacks stands only with the article's support
    if (m && !m.adjectival && compoundFragment(text, toks, start, end, m.hits, gaz)) m.fragment = true;
    if (m) {
      out.push(m);
      i = end - 1;
      // (a written-out unit phrase after the name is part of it: "Guma Local Government Area")
      if (m.adminSuffix) while (i + 1 < n && toks[i + 1]!.start < m.span.end && UNIT_PHRASE_WORD.test(toks[i + 1]!.text)) i++;
    }
  }

  addDescribedUnknowns(text, toks, gaz, out);
  out.sort((a, b) => a.span.start - b.span.start);
  pluralDivisions(text, toks, out);
  streetTowns(text, out);
  return out;
}

/** Reused by recognise (one text at a time): the tokens inside a street name. */
let streetBuf = new Uint8Array(1024);
const UNIT_PHRASE_WORD = /^(?:Local|Government|Area|Council)$/;
const STREET_IN = /^(?:\s*,\s*|\s+in\s+(?:the\s+)?)$/;
/**
 * "Collins Avenue in Miami Beach", "Atlantic Avenue, Garden City": a street stands on the place named right
 * after it (resolve.ts places it there, precision near), as a described name on its anchor.
 */
function streetTowns(text: string, out: RawMention[]): void {
  for (let k = 0; k + 1 < out.length; k++) {
    const s = out[k]!;
    if (s.rule !== 'places/street' || s.anchor) continue;
    const nx = out[k + 1]!;
    if (nx.span.start < s.span.end || nx.rule === 'places/street' || !nx.hits.length || nx.adjectival) continue;
    if (STREET_IN.test(text.slice(s.span.end, nx.span.start))) s.anchor = nx;
  }
}

/**
 * A hyphenated compound's neighbour part: after the name, "-Yyy" or an ezafe particle ("-e-Yyy", "-e Yyy",
 * "-i-Yyy", "-ye Yyy"); the token range [a, b) of the capitalised part, or null. A lower-case part
 * ("Baghdad-based", "Kurdish-led") is no such neighbour.
 */
const HYPHEN = /^[-‐]$/;
interface CompoundCues { ezafe: string[]; linkWords: string[]; linkBefore: string[] }
let compoundCues: { ezafe: ReadonlySet<string>; linkAfter: RegExp; linkBefore: RegExp } | null = null;
let unitAbbrevSet: ReadonlySet<string> | null = null;
let unitPhraseList: readonly string[] = [];
/** data/gazetteer/unit-abbreviations.json, read once: "LGA", "VDC" after a name are its division word. */
function unitAbbrevs(): ReadonlySet<string> {
  if (unitAbbrevSet) return unitAbbrevSet;
  const c = JSON.parse(readFileSync(dataPath('gazetteer', 'unit-abbreviations.json'), 'utf8')) as { unitAbbreviations: string[]; unitPhrases?: string[] };
  unitPhraseList = [...(c.unitPhrases ?? [])].sort((a, b) => b.length - a.length);
  return (unitAbbrevSet = new Set(c.unitAbbreviations));
}
/**
 * "Guma Local Government Area": where a written-out unit phrase that follows the name after one space ends
 * (the phrase as the name's division word, like "LGA"), or -1.
 */
function unitPhraseEnd(text: string, end: number): number {
  unitAbbrevs();
  if (text.charCodeAt(end) !== 32 || text.charCodeAt(end + 1) !== 76) return -1; // " L…"
  for (const ph of unitPhraseList) {
    if (!text.startsWith(ph, end + 1)) continue;
    const e = end + 1 + ph.length;
    if (e < text.length && WORD_CHAR.test(text[e]!)) continue;
    return e;
  }
  return -1;
}
/** data/gazetteer/compound-cues.json, read once. */
function cues() {
  if (compoundCues) return compoundCues;
  const c = JSON.parse(readFileSync(dataPath('gazetteer', 'compound-cues.json'), 'utf8')) as CompoundCues;
  const alt = (xs: string[]): string => xs.map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return (compoundCues = {
    ezafe: new Set(c.ezafe),
    linkAfter: new RegExp(`^\\s+(?:${alt(c.linkWords)})\\b`, 'i'),
    linkBefore: new RegExp(`\\b(?:${alt(c.linkBefore)})\\s+(?:of\\s+)?(?:the\\s+)?$`, 'i'),
  });
}
function partAfter(text: string, toks: Tok[], end: number): [number, number] | null {
  const a = toks[end - 1]!, b = toks[end];
  if (!b || !HYPHEN.test(text.slice(a.end, b.start))) return null;
  let k = end;
  if (!b.cap) {
    const c = toks[end + 1];
    if (!cues().ezafe.has(b.key) || !c || !c.cap || !/^(?:[-‐]| )$/.test(text.slice(b.end, c.start))) return null;
    k = end + 1;
  }
  let e = k + 1;
  // "Ras al-Ain", "Tal Abyad": the part runs on over spaced capitalised words and name particles
  while (e < toks.length && e - k < 4 && joins(text, toks[e - 1]!, toks[e]!) &&
    !(toks[e - 1]!.cap && HYPHEN.test(text.slice(toks[e - 1]!.end, toks[e]!.start))) &&
    (toks[e]!.cap || (CONNECT.has(toks[e]!.key) && e + 1 < toks.length && toks[e + 1]!.cap))) e++;
  return [k, e];
}
/** The capitalised part before the name in a hyphenated compound ("Kain-Ouro" for Ouro), as [a, b), or null. */
function partBefore(text: string, toks: Tok[], start: number): [number, number] | null {
  const b = toks[start]!, a = toks[start - 1];
  if (!a || !HYPHEN.test(text.slice(a.end, b.start))) return null;
  let k = start - 1;
  if (!a.cap) {
    // "Pul-e-Charkhi", "Nawa-e Barakzayi"
    const c = toks[start - 2];
    if (!cues().ezafe.has(a.key) || !c || !c.cap || !/^[-‐]$/.test(text.slice(c.end, a.start))) return null;
    k = start - 2;
  }
  if (ARTICLE_START.has(toks[k]!.key)) return null; // "Al-Raqqa": an article, not a part
  let s = k;
  // "Tal Abyad-Ras al-Ain": the part runs back over spaced capitalised words and name particles
  while (s > 0 && k - s < 3 && joins(text, toks[s - 1]!, toks[s]!) &&
    !(toks[s]!.cap && toks[s - 1]!.cap && HYPHEN.test(text.slice(toks[s - 1]!.end, toks[s]!.start))) &&
    (toks[s - 1]!.cap || (CONNECT.has(toks[s - 1]!.key) && s > 1 && toks[s - 2]!.cap))) s--;
  return [s, k + 1];
}

/** A strong name stands alone even inside a hyphenated compound ("Israel-Gaza", "Dhaka-Chittagong highway"). */
function strongForCompound(h: NameHit): boolean {
  const c = h.entry.candidate;
  return c.featureCode.startsWith('PCL') || h.q === 3 || h.entry.id < 0 || c.featureCode === 'CONT' ||
    (c.featureCode === 'ADM1' && h.q <= 2) || (c.featureClass === 'P' && c.population >= 100_000 && h.q === 0);
}

/**
 * "Nawa-e Barakzayi", "Pul-e-Charkhi", "Kain-Ouro", "Al-Rawajah": a weak name that is only a part of a
 * hyphenated compound the index lacks is not a place of its own. It stands when it is strong (a country,
 * a big city, a demonym) or when the other part is a known place of the same country (near it, or a
 * division): "Tal Abyad-Ras al-Ain", "Hama-Idlib", "Champaign-Urbana".
 */
function compoundFragment(text: string, toks: Tok[], i: number, end: number, hits: readonly NameHit[], gaz: Gazetteer): boolean {
  const after = partAfter(text, toks, end);
  const before = i > 0 ? partBefore(text, toks, i) : null;
  if (!after && !before) return false;
  if (hits.some(strongForCompound)) return false;
  // "GFSN-Djibo", "UN-Somalia": an acronym is no part of a name
  if (after && /^\p{Lu}{2,}$/u.test(toks[after[0]]!.text) && !before) return false;
  if (before && /^\p{Lu}{2,}$/u.test(toks[before[0]]!.text) && !after) return false;
  // "the Halba-Qoubaiyat road", "on the axis Djibo-Mentao": two places linked, each a place of its own
  const lastTok = toks[(after ? after[1] : end) - 1]!;
  const firstTok = toks[before ? before[0] : i]!;
  const { linkAfter, linkBefore } = cues();
  if (linkAfter.test(text.slice(lastTok.end, lastTok.end + 16)) || linkBefore.test(text.slice(Math.max(0, firstTok.start - 24), firstTok.start))) return false;
  const self = normKey(text.slice(toks[i]!.start, toks[end - 1]!.end));
  if (after && !partPairs(toks, hits, gaz, self, after, false)) return true;
  if (before && !partPairs(toks, hits, gaz, self, before, true)) return true;
  return false;
}
/**
 * compoundFragment: the other part's names, longest first (after the name its prefixes, before it its
 * suffixes); true when the first the index knows is a place of the name's country, near it or a division.
 */
function partPairs(toks: Tok[], hits: readonly NameHit[], gaz: Gazetteer, self: string, r: [number, number], fromEnd: boolean): boolean {
  for (let len = r[1] - r[0]; len >= 1; len--) {
    const a = fromEnd ? r[1] - len : r[0], e = a + len;
    if (!toks[e - 1]!.cap || !toks[a]!.cap) continue;
    let key = toks[a]!.key;
    for (let j = a + 1; j < e; j++) key += ` ${toks[j]!.key}`;
    if (key === self) return false; // "Fili-Fili": one name written twice
    let other = gaz.lookupKey(key);
    if (!other.length && key.replace(/ /g, '').length >= 6) other = gaz.lookupLoose(key);
    if (!other.length) continue;
    return other.some((o) => o.q !== 4 && hits.some((h) => {
      if (h.entry.cc === null || h.entry.cc !== o.entry.cc) return false;
      const hc = h.entry.candidate, oc = o.entry.candidate;
      if (hc.featureClass === 'A' || oc.featureClass === 'A') return true;
      return hc.lat !== null && oc.lat !== null && distanceKm(hc.lat, hc.lon!, oc.lat, oc.lon!) < 300;
    }));
  }
  return false;
}

const LIST_GAP = /^\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)$/i;

/**
 * "Barrow, Jackson and Madison counties", "Geauga and Medina counties", "Idlib and Hama provinces": a
 * plural division word after a list of names makes every name of the list a division.
 */
function pluralDivisions(text: string, toks: Tok[], out: RawMention[]): void {
  const L = placeLexicon();
  let listed = false;
  for (let j = out.length - 1; j >= 0; j--) {
    const m = out[j]!;
    if (m.t1 < 0 || m.t1 > toks.length) { listed = false; continue; }
    const next = toks[m.t1];
    if (next && next.start === m.span.end + 1 && L.adminPlurals.has(next.key) && text[m.span.end] === ' ') listed = true;
    else if (!(listed && j + 1 < out.length && LIST_GAP.test(text.slice(m.span.end, out[j + 1]!.span.start)))) listed = false;
    if (!listed || m.adminSuffix || m.adjectival) continue;
    const divs = m.hits.filter((h) => h.entry.candidate.featureClass === 'A' && !h.entry.candidate.featureCode.startsWith('PCL'));
    if (divs.length) {
      m.adminSuffix = true;
      m.hits = divs;
    }
  }
}

/** Lower-case role nouns that come right before a person's name ("spokesman X", "resident X"). */
const ROLE_NOUNS = new Set(['spokesman', 'spokeswoman', 'spokesperson', 'commander', 'minister', 'official', 'governor', 'mayor', 'leader', 'chief',
  'president', 'secretary', 'ambassador', 'envoy', 'general', 'colonel', 'captain', 'lieutenant', 'sergeant', 'director', 'chairman', 'chairwoman',
  'resident', 'witness', 'farmer', 'teacher', 'doctor', 'journalist', 'reporter', 'activist', 'lawmaker', 'senator', 'imam', 'pastor', 'priest',
  'analyst', 'researcher', 'student', 'worker', 'driver', 'trader', 'shopkeeper', 'survivor', 'nurse', 'lawyer', 'prosecutor', 'judge', 'cleric']);
/** A person's name word: a known surname or given name, or a surname the text gave a person. */
function personish(t: Tok, surnames: ReadonlySet<string>): boolean {
  const L = placeLexicon();
  return L.surnames.has(t.key) || L.firstNames.has(t.key) || surnames.has(t.key);
}

// (no named closures inside functions called per text or per name: tsx, which keeps function names, names
// each such closure anew at every call, a cost of its own)
function makeMention(text: string, toks: Tok[], i: number, end: number, allHits: readonly NameHit[], surnames: Set<string>): RawMention | null {
  const L = placeLexicon();
  const first = toks[i]!, last = toks[end - 1]!;
  const len = end - i;
  const prev = i > 0 ? toks[i - 1]! : null;
  const next = end < toks.length ? toks[end]! : null;
  // (the gazetteer's list itself unless a filter drops a hit: no code changes a hit list in place, and a list
  // that keeps its identity across texts lets resolve.ts remember what it worked out for it)
  let hits: readonly NameHit[] = allHits;
  const key = len === 1 ? first.key : null;
  let spanEnd = last.end;

  // abbreviations ("La.", "Ky.") only after "City," and written with their period
  const abbrOk = (text[last.end] === '.' || last.text.includes('.')) && prev !== null && /,\s*$/.test(text.slice(prev.end, first.start));
  if (!abbrOk && hits.some((h) => h.q === 4)) hits = hits.filter((h) => h.q !== 4);
  // initials with an ampersand ("J&K") name a division or a country, never a settlement ("S&E")
  if (len > 1 && text.slice(first.start, last.end).includes('&')) {
    hits = hits.filter((h) => h.entry.candidate.featureCode === 'ADM1' || h.entry.candidate.featureCode.startsWith('PCL'));
  }
  if (!hits.length) return null;
  {
    let full = first.key;
    for (let j = i + 1; j < end; j++) full += ` ${toks[j]!.key}`;
    if (len > 1 && L.stop.has(full)) return null;
  }
  if (hits.every((h) => h.q === 4) && text[last.end] === '.' && !last.text.endsWith('.')) spanEnd = last.end + 1;

  if (key !== null) {
    if (L.stop.has(key) || L.titles.has(key)) return null;
    if (key.length < 2) return null;
    if (surnames.has(key)) return null;
    const strong = hits.some((h) => {
      const c = h.entry.candidate;
      return c.featureCode.startsWith('PCL') || (c.featureCode === 'ADM1' && h.q <= 1) || h.q === 3 ||
        (c.featureClass === 'P' && c.population >= 100_000 && h.q === 0) || h.entry.id < 0 || c.featureCode === 'CONT';
    });
    // a person's name: "Bell said", "said Bell"
    const after = text.slice(last.end, last.end + 8);
    const before = text.slice(Math.max(0, first.start - 6), first.start);
    if (!strong && (/^,? (?:said|says|told|added|explained|noted|wrote)\b/.test(after) || /\bsaid $/.test(before))) {
      surnames.add(key);
      return null;
    }
    // (only a name that is not strong can be too weak)
    const dateline = !strong && /^\p{Lu}{3,}$/u.test(first.text) && isSentenceStart(text, first.start) &&
      /^(?:,\s+\p{Lu}|\s+[-–—(]|\s*\(\p{Lu})/u.test(text.slice(last.end, last.end + 4));
    const weak = !strong && (L.surnames.has(key) || L.firstNames.has(key) || (/^\p{Lu}{3,}$/u.test(first.text) && !dateline) ||
      (isSentenceStart(text, first.start) && !dateline) || inTitleCaseLine(text, first.start) ||
      hits.every((h) => h.q >= 1 && h.entry.candidate.population < 1000));
    if (weak && !strong && !placeEvidence(text, first.start, last.end)) return null;
    // "Chatra Dal", "Pir Laka": the first word of a longer proper name the index lacks
    if (!strong && next && next.cap && spaced(text, last, next) && !L.stop.has(next.key) && !L.titles.has(next.key) &&
        !L.unitWords.has(next.key) && !L.adminWords.has(next.key) && !L.streetWords.has(next.key) && next.key.length > 1 &&
        !unitAbbrevs().has(next.text) && unitPhraseEnd(text, last.end) < 0) return null;
    // "Kristina Bell": a capitalised word that is no place, right before
    if (!strong && prev && prev.cap && spaced(text, prev, first) && !L.stop.has(prev.key) && !L.titles.has(prev.key) &&
        prev.key.length > 1 && !isSentenceStart(text, prev.start)) return null;
    // "the Federal Reserve", "a Royal Marine": a capitalised common word right before, mid-sentence, makes a
    // longer proper name (not "Northern Kaduna", "Greater Manchester", "The Hague")
    if (!strong && prev && prev.cap && spaced(text, prev, first) && L.stop.has(prev.key) && !L.regionModifiers.has(prev.key) &&
        !L.titles.has(prev.key) && !NAME_PREFIX.has(prev.key) && !isSentenceStart(text, prev.start) && !inTitleCaseLine(text, prev.start)) return null;
  }
  // a person named after a role ("police spokesman Abdifatah Aden Hassan said", "resident Mohamed Ali"):
  // no word of the name is a place
  if (prev && prev.cap && !hits.some((h) => h.q === 3)) {
    let k = i - 1;
    while (k > 0 && i - k < 4 && toks[k]!.cap && spaced(text, toks[k - 1]!, toks[k]!)) k--;
    const before = toks[k]!;
    if (k < i - 1 && !before.cap && ROLE_NOUNS.has(before.key) && spaced(text, before, toks[k + 1]!)) return null;
  }
  // a person: after a title or a given name, or a given name followed by a surname
  if (prev && prev.cap) {
    const gap = text.slice(prev.end, first.start);
    if ((L.titles.has(prev.key) && (gap === ' ' || gap === '. ')) ||
        (L.firstNames.has(prev.key) && gap === ' ') ||
        (prev.text.length === 1 && gap === '. ')) {
      if (!hits.some((h) => h.q === 3)) return null;
    }
  }
  if (len === 1 && L.firstNames.has(first.key) && next && next.cap && spaced(text, last, next) && !L.stop.has(next.key)) return null;
  // joined by a hyphen to a capitalised word that is no place ("Lavrov-Kerry")
  if (len === 1 && next && next.cap && /^[-‐]$/.test(text.slice(last.end, next.start)) && !hits.some((h) => h.q === 3) &&
      (personish(next, surnames) || personish(first, surnames))) return null;
  if (len === 1 && prev && prev.cap && /^[-‐]$/.test(text.slice(prev.end, first.start)) && !hits.some((h) => h.q === 3) &&
      !ARTICLE_START.has(prev.key) && (personish(prev, surnames) || personish(first, surnames))) return null;
  // an all-caps short token that is not a known abbreviation form ("IT", "ID")
  if (len === 1 && /^[A-Z]{2,3}$/.test(first.text) && !hits.some((h) => h.entry.candidate.featureCode.startsWith('PCL'))) return null;

  // "a 22-year-old English student": a demonym before a lower-case word is the adjective, not a namesake town
  if (len === 1 && hits.some((h) => h.q === 3) && hits.some((h) => h.q !== 3) && next && !next.cap && spaced(text, last, next) &&
      /^\p{Ll}{3,}$/u.test(next.text) && !CONNECT.has(next.key)) hits = hits.filter((h) => h.q === 3);
  const adjectival = hits.every((h) => h.q === 3);
  let adminSuffix = false;
  // "Idlib province", "Hasakah governorate"
  if (next && (L.adminWords.has(next.key) || unitAbbrevs().has(next.text)) && spaced(text, last, next) && !adjectival &&
      !hits.every((h) => h.entry.candidate.featureCode.startsWith('PCL'))) {
    adminSuffix = true;
    spanEnd = next.end;
  } else if (next && !adjectival && next.text === 'Local' && unitPhraseEnd(text, last.end) > 0 &&
      !hits.every((h) => h.entry.candidate.featureCode.startsWith('PCL'))) {
    // "Guma Local Government Area"
    adminSuffix = true;
    spanEnd = unitPhraseEnd(text, last.end);
  } else if (next && next.key === 'sub' && end + 1 < toks.length && spaced(text, last, next) && !adjectival &&
      /^[-‐ ]?$/.test(text.slice(next.end, toks[end + 1]!.start)) && L.adminWords.has(toks[end + 1]!.key)) {
    // "Lari sub-county", "Laisamis sub county"
    adminSuffix = true;
    spanEnd = toks[end + 1]!.end;
  }
  const before = text.slice(Math.max(0, first.start - 20), first.start);
  const settlementCue = (endsWithOfSpace(before) && /\b(?:village|town|city|hamlet|township|settlement) of\s+$/i.test(before)) ||
    (next !== null && /^(?:village|town|city)$/i.test(next.text) && spaced(text, last, next));
  return {
    span: { start: first.start, end: spanEnd },
    t0: i,
    t1: end,
    hits,
    adjectival,
    adminSuffix,
    settlementCue,
    anchor: null,
    precisionHint: null,
    described: null,
    rule: adjectival ? 'places/demonym' : 'places/gazetteer-name',
  };
}

/**
 * Names the gazetteer may lack, described against a known place:
 *   "Qeser Dib, a village outside Derik" → Qeser Dib, near Derik;
 *   "the village of Umm Batna near Quneitra" → Umm Batna, near Quneitra.
 */
/** The patterns of addDescribedUnknowns, compiled once. */
let described: {
  NAME: string; appositive: RegExp; appositiveTail: RegExp; villageOf: RegExp; unitParent: RegExp; relAfter: RegExp;
  unitEnds: ReadonlyMap<number, readonly string[]>;
} | null = null;
function describedPatterns() {
  if (described) return described;
  const L = placeLexicon();
  const NAME = "(\\p{Lu}[\\p{L}\\p{M}'’]*(?:[ -](?:(?:al|el|ad|ar|as|az|ash|an|ez|es|de|du|la)[ -])?\\p{Lu}[\\p{L}\\p{M}'’]*){0,3})";
  const REL = `(?:(?:\\d+(?:[.,]\\d+)?\\s*(?:${L.unitAlt})\\s+)?(?:${L.dirAlt})\\s+of|${L.nearAlt}|in|of)`;
  const FEAT = `(?:${L.featureAlt})`;
  return (described = {
    NAME,
    appositive: new RegExp(`${NAME},\\s+(an?|the)\\s+(?:[a-z-]+\\s+){0,2}?${FEAT}\\s+(${REL})\\s+(?:the\\s+(?:town|city|village)\\s+of\\s+)?`, 'gu'),
    // the appositive after its name: the pattern can match only where this does
    appositiveTail: new RegExp(`,\\s+(?:an?|the)\\s+(?:[a-z-]+\\s+){0,2}?${FEAT}\\s+(?:${REL})\\s+`, 'u'),
    // (sticky: tried only where a match can start, see addDescribedUnknowns)
    villageOf: new RegExp(`\\b(?:the\\s+)?(?:village|town|hamlet|settlement|neighbou?rhood|district)\\s+of\\s+${NAME}`, 'uy'),
    unitParent: new RegExp(`${NAME}\\s+(?:${L.unitAlt2})(?:\\s*,\\s*|\\s+\\((?:coded as\\s+)?)`, 'uy'),
    relAfter: new RegExp(`^,?\\s+(${REL})\\s+(?:the\\s+(?:town|city|village)\\s+of\\s+)?`, 'u'),
    // the last word of each unit word ("county" for "sub-county"): a word a unit word can end with, by its
    // last character
    unitEnds: byLastChar(L.cues.unitWords.map((w) => normKey(w.split(/[\s-]/).pop()!))),
  });
}

function addDescribedUnknowns(text: string, toks: Tok[], gaz: Gazetteer, out: RawMention[]): void {
  const L = placeLexicon();
  const { NAME, appositive, appositiveTail, villageOf, unitParent, relAfter, unitEnds } = describedPatterns();

  let m: RegExpExecArray | null;
  // cheap checks first: most texts hold none of these constructions. The appositive can match only where
  // its tail does; the other patterns are tried only where a match can start (found on the tokens, below)
  const hasAppositive = appositiveTail.test(text);
  // "… the village of X": where a word ending in a settlement word (or "the" before it) starts, before "of"
  // and a capitalised word
  const villageStarts: number[] = [];
  // "X city, …", "X upazila (…": where a capitalised word starts in the run of letters, spaces and hyphens
  // before a word ending in a unit word and a comma or a parenthesis
  const unitStarts: number[] = [];
  // where `\b(?:in|at|near|outside|around|of)\s+` matches, as pairs (start, word length)
  const locs: number[] = [];
  let unitFloor = 0;
  // a locative word right after a non-ASCII character (rare): only then are tokens' ends looked at
  const inTokenLocatives = !ASCII_TOKENS.has(toks) && NON_ASCII_LOCATIVE.test(text);
  const nt = toks.length;
  for (let i = 0; i < nt; i++) {
    const t = toks[i]!;
    const e = t.end;
    const c = text.charCodeAt(e);
    if (c === 44) {
      // a comma right after the word: a unit word's place (below)
    } else if (isSpace(c)) {
      const len = e - t.start;
      if (len === 2 || len === 4 || len === 6 || len === 7 || (inTokenLocatives && len > 2)) locativeAt(text, toks, i, inTokenLocatives, locs, villageStarts);
      // the usual case, a word after the space, needs nothing more
      const c2 = text.charCodeAt(e + 1);
      if (c2 !== 44 && c2 !== 40 && !isSpace(c2)) continue;
      if (!commaOrParenAfter(text, e)) continue;
    } else continue;
    const k = t.key;
    const ws = unitEnds.get(k.charCodeAt(k.length - 1));
    if (!ws) continue;
    for (const w of ws) {
      if (k.endsWith(w)) { unitFloor = nameStartsBefore(text, e, unitFloor, unitStarts); break; }
    }
  }
  appositive.lastIndex = 0;
  while (hasAppositive && (m = appositive.exec(text))) {
    const name = m[1]!;
    const nameStart = m.index, nameEnd = nameStart + name.length;
    const anchorPos = m.index + m[0].length;
    const ai = findAt(out, anchorPos);
    if (ai < 0) continue;
    let anchor = out[ai]!;
    if (anchor.adjectival) continue;
    const rel = m[3]!.toLowerCase();
    const descStart = m.index + m[0].indexOf(m[2]!, name.length);
    let described = { start: descStart, end: anchor.span.end };
    const near = rel !== 'in' && rel !== 'of';
    anchor.precisionHint = near ? 'near' : anchor.precisionHint;
    anchor.described = near ? described : anchor.described;
    if (!near) {
      // "Bunagana, a border town in North Kivu province that lies a few kilometres west of Kisoro": a known
      // place the name is said to lie near, after the division it lies in, places it closer
      const c = describedAfter(text, anchor.span.end, clauseNear(), out);
      if (c) { anchor = c; described = { start: descStart, end: c.span.end }; }
    }
    const ci = coveredBy(out, nameStart, nameEnd);
    if (ci >= 0) {
      const c = out[ci]!;
      if (c.span.start === nameStart && c.span.end === nameEnd) {
        c.anchor = anchor;
        c.described = described;
        c.settlementCue = true;
      }
      continue;
    }
    if (isPersonish(name)) continue;
    out.push({
      span: { start: nameStart, end: nameEnd }, t0: -1, t1: -1, hits: [], adjectival: false, adminSuffix: false,
      settlementCue: true, anchor, precisionHint: 'near', described, rule: 'places/described-unknown',
    });
  }
  let from = 0;
  while ((m = execAt(unitParent, text, unitStarts, from))) {
    from = m.index + m[0].length;
    const name = m[1]!;
    const nameStart = m.index, nameEnd = nameStart + name.length;
    if (coveredBy(out, nameStart, nameEnd) >= 0) continue;
    if (isPersonish(name)) continue;
    const ai = findAt(out, m.index + m[0].length);
    if (ai < 0) continue;
    const anchor = out[ai]!;
    if (anchor.adjectival) continue;
    out.push({
      span: { start: nameStart, end: nameEnd }, t0: -1, t1: -1, hits: [], adjectival: false, adminSuffix: false,
      settlementCue: true, anchor, precisionHint: 'near', described: { start: nameStart, end: anchor.span.end },
      rule: 'places/unit-of-parent',
    });
  }
  from = 0;
  while ((m = execAt(villageOf, text, villageStarts, from))) {
    from = m.index + m[0].length;
    const name = m[1]!;
    const nameStart = m.index + m[0].length - name.length, nameEnd = nameStart + name.length;
    if (coveredBy(out, nameStart, nameEnd) >= 0) continue;
    if (isPersonish(name)) continue;
    // "… of X near/outside Y": resolve against Y
    const after = text.slice(nameEnd, nameEnd + 60);
    const rel = relAfter.exec(after);
    let ai = -1;
    if (rel) ai = findAt(out, nameEnd + rel[0].length);
    const described = ai >= 0 ? { start: m.index, end: out[ai]!.span.end } : { start: m.index, end: nameEnd };
    out.push({
      span: { start: nameStart, end: nameEnd }, t0: -1, t1: -1, hits: [], adjectival: false, adminSuffix: false,
      settlementCue: true, anchor: ai >= 0 ? out[ai]! : null, precisionHint: ai >= 0 ? 'near' : null, described,
      rule: 'places/village-of',
    });
  }
  // "in Tongomayel (Tongomayel, Soum)", "at Dubajail village, Aruail union, Sarail upazila (Brahmanbaria,
  // Chittagong)": a name the index lacks, after a locative word, whose chain of parents reaches a known place
  let hasChain = false;
  for (let k = 0; k < locs.length && !hasChain; k += 2) {
    CHAIN_CHECK.lastIndex = locs[k]! + locs[k + 1]!;
    hasChain = CHAIN_CHECK.test(text);
  }
  chainUnknown ??= new RegExp(`\\b(?:in|at|near|outside|around|of)\\s+(?:the\\s+)?(?:(?:${L.featureAlt})\\s+of\\s+)?${NAME}(?=\\s+(?:${L.unitAlt2})\\b|\\s*,|\\s+\\()`, 'uy');
  from = 0;
  while (hasChain && (m = execAtLocatives(chainUnknown, text, locs, from))) {
    from = m.index + m[0].length;
    const name = m[1]!;
    const nameStart = m.index + m[0].length - name.length, nameEnd = nameStart + name.length;
    if (coveredBy(out, nameStart, nameEnd) >= 0) continue;
    if (isPersonish(name) || name.length < 3 || /^\p{Lu}+$/u.test(name)) continue;
    const ai = chainAnchor(text, nameEnd, out, NAME);
    if (ai < 0) continue;
    const anchor = out[ai]!;
    if (anchor.adjectival) continue;
    // "of X, Okla.": after "of" only a short name right before a state or province
    if (/^of\b/i.test(m[0]) && (name.split(/\s+/).length > 2 || !/^\s*,\s*$/.test(text.slice(nameEnd, anchor.span.start)) ||
        !anchor.hits.some((h) => h.entry.candidate.featureCode === 'ADM1'))) continue;
    out.push({
      span: { start: nameStart, end: nameEnd }, t0: -1, t1: -1, hits: [], adjectival: false, adminSuffix: false,
      settlementCue: true, anchor, precisionHint: 'near', described: { start: nameStart, end: anchor.span.end },
      rule: 'places/chain-unknown',
    });
  }
  describedNext(text, out);
  sameDivision(text, out);
  void gaz;
  void toks;
}

let clauseNearRe: RegExp | null = null;
let sentenceNearRe: RegExp | null = null;
/** How far and which way, or near: "a few kilometres west of", "10 km from", "just outside", "near". */
function distanceCue(): string {
  const L = placeLexicon();
  return `(?:just\\s+|only\\s+)?(?:(?:(?:some|about|around|roughly|nearly|almost)\\s+)?(?:\\d+(?:[.,]\\d+)?|a\\s+few|several)\\s*(?:${L.unitAlt})\\s+(?:(?:${L.dirAlt})\\s+of|from|outside)|(?:${L.dirAlt})\\s+of|${L.nearAlt})\\s+(?:the\\s+(?:\\p{L}+\\s+)?(?:town|city|village|settlement)\\s+of\\s+)?`;
}
/** After a division: "(province)(,) that lies … of (the Ugandan town of) ". */
function clauseNear(): RegExp {
  return (clauseNearRe ??= new RegExp(`^(?:\\s+(?:${placeLexicon().unitAlt2}))?,?\\s+(?:that|which)\\s+(?:lies|is|sits|stands)\\s+(?:located\\s+|situated\\s+)?${distanceCue()}`, 'u'));
}
/** The next sentence about the name just told: "The town lies a few kilometres west of ". */
function sentenceNear(): RegExp {
  return (sentenceNearRe ??= new RegExp(`^The\\s+(?:\\p{Ll}+\\s+)?(?:town|village|city|settlement|hamlet|locality|camp)\\s+(?:lies|is\\s+located|is\\s+situated|sits|stands|is)\\s+${distanceCue()}`, 'u'));
}
/** The known place (a mention with candidates, no demonym) that `re` leads to from `pos`, or null. */
function describedAfter(text: string, pos: number, re: RegExp, out: RawMention[]): RawMention | null {
  const d = re.exec(text.slice(pos, pos + 160));
  if (!d) return null;
  const c = out.find((x) => x.span.start === pos + d[0].length);
  return c && c.hits.length && !c.adjectival ? c : null;
}

const SENTENCE_END = /[.!?]["'”’)]?\s+/g;
/**
 * Names the index lacks, placed by what the text says of them: "… captured Bunagana. The town lies a few
 * kilometres west of Kisoro" (the next sentence, when the name is the last place told before it) places the
 * name near Kisoro; a name the index lacks, placed once, is so placed wherever the text names it.
 */
/**
 * "a raid on Koulogon, a village in the same district": a name the index lacks, described as lying in the
 * division of a place told before it, stands on the first such place (the lead's; precision near): a district seat
 * or district for "district", a first-level division or its capital for "region", "province", "state".
 */
const SAME_DIVISION = /(?<![\p{L}\p{M}])(\p{Lu}[\p{L}\p{M}'’-]{2,}(?:\s\p{Lu}[\p{L}\p{M}'’-]+)?),\s+an?\s+(?:small\s+|remote\s+|nearby\s+|neighbouring\s+|neighboring\s+)?(?:village|town|hamlet|settlement|locality|community)\s+in\s+the\s+same\s+(district|cercle|county|commune|municipality|region|province|state|department|governorate|area)\b/gu;
function sameDivision(text: string, out: RawMention[]): void {
  if (!text.includes(' the same ')) return;
  SAME_DIVISION.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = SAME_DIVISION.exec(text));) {
    const name = m[1]!, s = m.index, e = s + name.length;
    if (out.some((o) => o.span.start < e && s < o.span.end) || isPersonish(name)) continue;
    const unit = m[2]!.toLowerCase();
    const level = unit === 'district' || unit === 'cercle' || unit === 'county' ? /^(?:ADM2|PPLA2|ADM3|PPLA3)$/
      : unit === 'commune' || unit === 'municipality' || unit === 'area' ? /^(?:PPL|PPLA\d?|PPLC|ADM3|ADM4)$/ : /^(?:ADM1|PPLA)$/;
    let anchor: RawMention | null = null;
    for (const o of out) {
      // (a country's name is no district: "Mali" has a namesake district seat in Guinea)
      if (o.span.end > s || o.adjectival || o.hits.some((h) => h.entry.candidate.featureCode.startsWith('PCL'))
        || !o.hits.some((h) => level.test(h.entry.candidate.featureCode))) continue;
      // (the division the story is about: the first such place told, the lead's, not the latest aside)
      if (!anchor || o.span.start < anchor.span.start) anchor = o;
    }
    if (!anchor) continue;
    out.push({
      span: { start: s, end: e }, t0: -1, t1: -1, hits: [], adjectival: false, adminSuffix: false,
      settlementCue: true, anchor, precisionHint: 'near', described: { start: s, end: m.index + m[0].length }, rule: 'places/same-division',
    });
  }
}

/** A name the index lacks (recognised by a described-name pattern), not a street. */
function unknown(m: RawMention): boolean {
  return m.t0 < 0 && !m.hits.length && m.rule !== 'places/street';
}
function describedNext(text: string, out: RawMention[]): void {
  let any = false;
  for (const m of out) if (unknown(m)) { any = true; break; }
  if (!any) return;
  const sorted = [...out].sort((a, b) => a.span.start - b.span.start);
  sorted.forEach((m, k) => {
    if (!unknown(m) || m.anchor) return;
    SENTENCE_END.lastIndex = m.span.end;
    const e = SENTENCE_END.exec(text);
    if (!e || e.index - m.span.end > 200) return;
    const next = e.index + e[0].length;
    // no other place told between the name and the sentence end (a country or a demonym aside)
    for (let j = k + 1; j < sorted.length && sorted[j]!.span.start < next; j++) {
      const o = sorted[j]!;
      if (!o.adjectival && !o.hits.every((h) => h.entry.candidate.featureCode.startsWith('PCL'))) return;
    }
    const c = describedAfter(text, next, sentenceNear(), out);
    if (!c) return;
    m.anchor = c;
    m.precisionHint = 'near';
    m.described = { start: next, end: c.span.end };
  });
  // one place per name: an unknown name the text calls a settlement ("the town of X", "X, a village …") and
  // places near a known settlement is placed so wherever it stands, also where nothing else marks it as a
  // place ("We hold Bunagana")
  const placed = new Map<string, RawMention>();
  for (const m of sorted) {
    if (!unknown(m) || !m.anchor || (m.rule !== 'places/village-of' && m.rule !== 'places/described-unknown')) continue;
    if (m.anchor.adminSuffix || !m.anchor.hits.some((h) => h.entry.candidate.featureClass === 'P')) continue;
    const k = normKey(text.slice(m.span.start, m.span.end));
    if (!placed.has(k)) placed.set(k, m);
  }
  if (!placed.size) return;
  for (const m of sorted) {
    if (!unknown(m) || m.anchor) continue;
    const p = placed.get(normKey(text.slice(m.span.start, m.span.end)));
    if (!p) continue;
    m.anchor = p.anchor;
    m.precisionHint = 'near';
  }
  const names = new Set<string>();
  for (const p of placed.values()) names.add(text.slice(p.span.start, p.span.end));
  for (const name of names) {
    const p = placed.get(normKey(name))!;
    const re = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{M}\\p{N}])`, 'gu');
    for (const x of text.matchAll(re)) {
      const s = x.index!, e = s + name.length;
      if (out.some((o) => o.span.start < e && s < o.span.end)) continue;
      out.push({
        span: { start: s, end: e }, t0: -1, t1: -1, hits: [], adjectival: false, adminSuffix: false,
        settlementCue: true, anchor: p.anchor, precisionHint: 'near', described: null, rule: 'places/named-again',
      });
    }
  }
}

let chainUnknown: RegExp | null = null;
/** What `\b(?:in|at|near|outside|around|of)\s+\p{Lu}[^,()]{0,60}(?:,|\s\()` asks after its locative word. */
const CHAIN_CHECK = /\s+\p{Lu}[^,()]{0,60}(?:,|\s\()/uy;
const LOCATIVES = new Set(['in', 'at', 'near', 'outside', 'around', 'of']);
/** A locative word after a non-ASCII code unit, followed by a space (a superset of where one starts inside a token). */
const NON_ASCII_LOCATIVE = /[^\x00-\x7f](?:in|at|near|outside|around|of)\s/;
/** Words grouped by their last character code. */
function byLastChar(words: readonly string[]): Map<number, string[]> {
  const m = new Map<number, string[]>();
  for (const w of new Set(words)) {
    const c = w.charCodeAt(w.length - 1);
    const v = m.get(c);
    if (v) v.push(w); else m.set(c, [w]);
  }
  return m;
}
/** LOCATIVES.has(s), by length first (most words are none of them). */
function isLocative(s: string): boolean {
  switch (s.length) {
    case 2: return s === 'in' || s === 'at' || s === 'of';
    case 4: return s === 'near';
    case 6: return s === 'around';
    case 7: return s === 'outside';
    default: return false;
  }
}
/** Lengths of the locative words, longest first, and the words of each. */
const LOCATIVE_LENS = [7, 6, 4, 2];
/** A character \b (without the i flag) counts as a word character: ASCII letters, digits, underscore. */
const asciiWordChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
/** The character code is one `\s` matches. */
export function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c >= 0x80 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}
/** `^\s*,` or `^\s+\(` at `pos`. */
function commaOrParenAfter(text: string, pos: number): boolean {
  let j = pos;
  while (j < text.length && isSpace(text.charCodeAt(j))) j++;
  const c = text.charCodeAt(j);
  return c === 44 || (c === 40 && j > pos);
}
/**
 * Token `i` (followed by a space) as a locative word: where `\b(?:in|at|near|outside|around|of)\s+` matches
 * (pushed to `locs` as start, word length), and for "of", where "… village of X" may start.
 */
function locativeAt(text: string, toks: Tok[], i: number, inToken: boolean, locs: number[], villageStarts: number[]): void {
  const t = toks[i]!;
  const s = t.text;
  if (isLocative(s)) {
    if (t.start === 0 || !asciiWordChar(text.charCodeAt(t.start - 1))) locs.push(t.start, s.length);
    if (s === 'of' && i > 0 && i + 1 < toks.length && toks[i + 1]!.cap) villageAt(text, toks[i - 1]!, villageStarts);
  } else if (inToken && s.length > 2) {
    // after a non-ASCII letter, mark or digit, \b sees a boundary inside a token
    for (let k = 0; k < LOCATIVE_LENS.length; k++) {
      const len = LOCATIVE_LENS[k]!;
      if (s.length > len && s.charCodeAt(s.length - len - 1) >= 128 && LOCATIVES.has(s.slice(s.length - len))) {
        locs.push(t.end - len, len);
        break;
      }
    }
  }
}
/** The mention that starts at `pos`, as an index into `out`, or -1. */
function findAt(out: RawMention[], pos: number): number {
  for (let k = 0; k < out.length; k++) if (out[k]!.span.start === pos) return k;
  return -1;
}
/** The first mention overlapping [s, e), as an index into `out`, or -1. */
function coveredBy(out: RawMention[], s: number, e: number): number {
  for (let k = 0; k < out.length; k++) if (out[k]!.span.start < e && s < out[k]!.span.end) return k;
  return -1;
}
const VILLAGE_OF_WORDS = ['village', 'town', 'hamlet', 'settlement', 'neighbourhood', 'neighborhood', 'district'];
/**
 * Where the villageOf pattern may start when token `w` comes before "of" and a capitalised word: where a
 * settlement word ends `w` (or where "the" stands before that word, when it is the whole token); pushed in
 * text order.
 */
function villageAt(text: string, w: Tok, out: number[]): void {
  const s = w.text;
  let the = -1;
  const at: number[] = [];
  for (const v of VILLAGE_OF_WORDS) {
    if (!s.endsWith(v)) continue;
    at.push(w.end - v.length);
    if (v.length === s.length) {
      let r = w.start;
      while (r > 0 && isSpace(text.charCodeAt(r - 1))) r--;
      if (r < w.start && r >= 3 && text.startsWith('the', r - 3)) the = r - 3;
    }
  }
  if (the >= 0) out.push(the);
  at.sort((a, b) => a - b);
  for (const p of at) out.push(p);
}
const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;
/** A character NAME may hold (letters, marks, apostrophes, a space or a hyphen) or a space between it and its unit word. */
function nameOrSpaceChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 39 || c === 45 || c === 32 || (c >= 9 && c <= 13);
  if (c === 0x2019 || isSpace(c)) return true;
  if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
    const h = text.charCodeAt(i - 1);
    if (h >= 0xd800 && h <= 0xdbff) return LETTER_OR_MARK.test(text.slice(i - 1, i + 1));
  }
  if (c >= 0xd800 && c <= 0xdbff) return LETTER_OR_MARK.test(text.slice(i, i + 2));
  return LETTER_OR_MARK.test(text[i]!);
}
/**
 * The positions, at or after `floor`, where a capitalised NAME may start in the run of name characters and
 * spaces that ends at `end` (a unit word's end): an upper-case ASCII letter or a non-ASCII character (the
 * pattern itself tells). Pushed in text order; returns the new floor (`end`).
 */
function nameStartsBefore(text: string, end: number, floor: number, out: number[]): number {
  let a = end;
  while (a > floor && nameOrSpaceChar(text, a - 1)) a--;
  for (let p = a; p < end; p++) {
    const c = text.charCodeAt(p);
    if ((c >= 65 && c <= 90) || (c >= 128 && !(c >= 0xdc00 && c <= 0xdfff && p > 0 && text.charCodeAt(p - 1) >= 0xd800 && text.charCodeAt(p - 1) <= 0xdbff))) out.push(p);
  }
  return end;
}
/** The first match of a sticky pattern at one of `starts` (ascending) at or after `from`. */
function execAt(re: RegExp, text: string, starts: readonly number[], from: number): RegExpExecArray | null {
  for (let k = 0; k < starts.length; k++) {
    if (starts[k]! < from) continue;
    re.lastIndex = starts[k]!;
    const m = re.exec(text);
    if (m) return m;
  }
  return null;
}
/**
 * The next match of a sticky pattern that starts with a locative word ("in", "near" …), at or after `from`:
 * what the pattern run globally from `from` finds, tried only where a locative word starts (`locs`, from
 * addDescribedUnknowns: no match can start elsewhere).
 */
function execAtLocatives(re: RegExp, text: string, locs: readonly number[], from: number): RegExpExecArray | null {
  for (let k = 0; k < locs.length; k += 2) {
    if (locs[k]! < from) continue;
    re.lastIndex = locs[k]!;
    const m = re.exec(text);
    if (m) return m;
  }
  return null;
}
let chainSep: RegExp | null = null;
let chainName: RegExp | null = null;

/** The first known mention along a chain of parents after `pos` ("X (Y, Z)", "X village, Y upazila (Z)"). */
function chainAnchor(text: string, pos: number, out: RawMention[], NAME: string): number {
  const L = placeLexicon();
  chainSep ??= new RegExp(`^(?:\\s+(?:${L.unitAlt2})\\b)?(?:\\s*,\\s*|\\s*\\(\\s*(?:coded as\\s+)?|\\s*\\)\\s*\\(\\s*)`, 'iu');
  const nameRe = (chainName ??= new RegExp(`^${NAME}`, 'u'));
  let p = pos;
  for (let step = 0; step < 4; step++) {
    const sep = chainSep.exec(text.slice(p, p + 40));
    if (!sep) return -1;
    const q = p + sep[0].length;
    const ai = out.findIndex((x) => x.span.start === q);
    if (ai >= 0) return ai;
    const nm = nameRe.exec(text.slice(q, q + 80));
    if (!nm) return -1;
    p = q + nm[0].length;
  }
  return -1;
}

let pluralAfter: RegExp | null = null;

/** A word before or after the name that says it is a place: "in X", "near X", "X, Ohio". */
function placeEvidence(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 25), start);
  if (/\b(?:in|at|near|outside|from|to|into|of|across|toward|towards|around|through|visit|visited|across)\s+(?:the\s+)?(?:(?:central|downtown|northern|southern|eastern|western|rural|north-?eastern|north-?western|south-?eastern|south-?western|greater|suburban|neighbouring|neighboring|nearby)\s+)?(?:(?:city|town|village|county)\s+of\s+)?$/i.test(before)) return true;
  const after = text.slice(end, end + 30);
  // "Geauga and Medina counties"
  pluralAfter ??= new RegExp(`^(?:(?:,\\s*(?:and\\s+|or\\s+)?|\\s+(?:and|or|&)\\s+)\\p{Lu}[\\p{L}'’.-]*(?:\\s\\p{Lu}[\\p{L}'’.-]*)?){0,5}\\s+(?:${[...placeLexicon().adminPlurals].join('|')})\\b`, 'u');
  if (pluralAfter.test(text.slice(end, end + 120))) return true;
  if (/^,\s*(?:\p{Lu}[\p{L}]+\.?|\p{Lu}\.\p{Lu}\.)(?:\s+\p{Lu}[\p{L}]+)?(?:[,.;:)]|\s|$)/u.test(after) && !/^,\s*(?:Jr|Sr|Inc|Ltd|who|which)\b/.test(after)) return true;
  return false;
}

/** The word stands in a headline-style line where most words are capitalised. */
let titleLines: { text: string; lines: Map<number, boolean> } = { text: '', lines: new Map() };
function inTitleCaseLine(text: string, pos: number): boolean {
  let a = text.lastIndexOf('\n', pos - 1) + 1;
  // (one answer per line of the text last asked about)
  if (titleLines.text !== text) titleLines = { text, lines: new Map() };
  let v = titleLines.lines.get(a);
  if (v === undefined) titleLines.lines.set(a, (v = titleCaseLine(text, a, pos)));
  return v;
}
function titleCaseLine(text: string, a: number, pos: number): boolean {
  let b = text.indexOf('\n', pos);
  if (b < 0) b = text.length;
  if (b - a > 200) return false;
  const words = text.slice(a, b).match(/\p{L}{4,}/gu) ?? [];
  if (words.length < 3) return false;
  const caps = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return caps / words.length >= 0.7;
}

/** The string ends with "of" (any case) and one or more spaces: what `of\s+$` (with the i flag) asks. */
function endsWithOfSpace(s: string): boolean {
  let j = s.length;
  while (j > 0 && isSpace(s.charCodeAt(j - 1))) j--;
  return j < s.length && j >= 2 && (s.charCodeAt(j - 1) | 0x20) === 102 && (s.charCodeAt(j - 2) | 0x20) === 111;
}

/** The token starts a sentence (after . ! ? or a line break, or at the text start). */
function isSentenceStart(text: string, pos: number): boolean {
  const before = text.slice(Math.max(0, pos - 4), pos);
  return pos === 0 || /(?:[.!?]["'”’)]?\s+|\n\s*|^\s*)$/.test(before);
}


function isPersonish(name: string): boolean {
  const L = placeLexicon();
  const first = normKey(name.split(/[ -]/)[0] ?? '');
  return L.firstNames.has(first) || L.titles.has(first) || L.stop.has(normKey(name));
}
