/**
 * Line-level boilerplate rules: the patterns of data/lexicons/boilerplate.tsv (compiled once), plus
 * the shape rules that no single pattern can say — keyword lists and runs of related headlines.
 */
import { readFileSync } from 'node:fs';
import { dataPath } from '../../util/lexicon.js';

export interface Rule {
  readonly reason: string;
  /** The pattern is matched against the lower-cased line (flag i; V8 runs /i patterns far slower). */
  readonly lower: boolean;
  readonly maxLen: number;
  readonly re: RegExp;
  /** A lower-case literal the line must contain for the rule to be tried, or null. */
  readonly needs: string | null;
}

let RULES: readonly Rule[] | null = null;

/** Parses the TSV rule format (exported for tests of the data file itself). */
export function parseRules(tsv: string, file = 'boilerplate.tsv'): Rule[] {
  const out: Rule[] = [];
  tsv.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    const cols = line.split('\t');
    if (cols.length !== 4 && cols.length !== 5) throw new Error(`${file}:${i + 1}: expected 4 or 5 TAB-separated columns, got ${cols.length}`);
    const [reason, flags, max, pattern, needs] = cols;
    const maxLen = Number(max);
    if (!reason || !(maxLen > 0)) throw new Error(`${file}:${i + 1}: bad reason or max_len`);
    try {
      const lower = flags.includes('i');
      if (lower && /[A-Z]/.test(pattern.replace(/\\[pP]\{[A-Za-z_=]+\}|\\[A-Za-z]/g, ''))) {
        throw new Error(`${file}:${i + 1}: flag i patterns are matched against the lower-cased line: write them in lower case`);
      }
      out.push({ reason, lower, maxLen, re: new RegExp(`^(?:${pattern})$`, 'u'), needs: needs || null });
    } catch (e) {
      throw new Error(`${file}:${i + 1}: ${(e as Error).message}`);
    }
  });
  return out;
}

export function rules(): readonly Rule[] {
  if (!RULES) RULES = Object.freeze(parseRules(readFileSync(dataPath('lexicons', 'boilerplate.tsv'), 'utf8')));
  return RULES;
}

/**
 * The rules compiled for speed: one combined regex per length tier and case mode (each rule a
 * capture group, in file order), so a line costs one or two regex calls instead of one per rule.
 * Rules with a `needs` literal stay separate behind their cheap pre-check.
 */
interface Combined { readonly re: RegExp; readonly slots: readonly { readonly group: number; readonly order: number }[] }
interface Tier { readonly maxLen: number; readonly ci: Combined | null; readonly cs: Combined | null }
interface Compiled { readonly tiers: readonly Tier[]; readonly needy: readonly { rule: Rule; order: number }[]; readonly maxLen: number }

let COMPILED: Compiled | null = null;

const groupCount = (source: string): number => new RegExp(`${source}|`).exec('')!.length - 1;

function combine(list: readonly { rule: Rule; order: number }[], flags: string): Combined | null {
  if (!list.length) return null;
  let group = 1;
  const slots: { group: number; order: number }[] = [];
  const parts: string[] = [];
  for (const { rule, order } of list) {
    const inner = rule.re.source; // ^(?:…)$
    slots.push({ group, order });
    parts.push(`(${inner})`);
    group += 1 + groupCount(inner);
  }
  return { re: new RegExp(parts.join('|'), flags), slots };
}

function compiled(): Compiled {
  if (COMPILED) return COMPILED;
  const all = rules().map((rule, order) => ({ rule, order }));
  const needy = all.filter((r) => r.rule.needs);
  const plain = all.filter((r) => !r.rule.needs);
  const lens = [...new Set(plain.map((r) => r.rule.maxLen))].sort((a, b) => a - b);
  const tiers = lens.map((maxLen) => {
    const fit = plain.filter((r) => r.rule.maxLen >= maxLen);
    return {
      maxLen,
      ci: combine(fit.filter((r) => r.rule.lower), 'u'),
      cs: combine(fit.filter((r) => !r.rule.lower), 'u'),
    };
  });
  COMPILED = { tiers, needy, maxLen: Math.max(0, ...all.map((r) => r.rule.maxLen)) };
  return COMPILED;
}

function firstSlot(c: Combined | null, line: string): number {
  if (!c) return Infinity;
  const m = c.re.exec(line);
  if (!m) return Infinity;
  for (const s of c.slots) if (m[s.group] !== undefined) return s.order;
  return Infinity;
}

/** The reason of the first rule (in file order) matching a trimmed line, or null. */
export function matchRule(line: string): string | null {
  const n = line.length;
  const c = compiled();
  if (n > c.maxLen) return null;
  let best = Infinity;
  const lower = line.toLowerCase();
  const tier = c.tiers.find((t) => t.maxLen >= n);
  if (tier) best = Math.min(firstSlot(tier.ci, lower), firstSlot(tier.cs, line));
  for (const { rule, order } of c.needy) {
    if (order > best || n > rule.maxLen) continue;
    if (!lower.includes(rule.needs!)) continue;
    if (rule.re.test(rule.lower ? lower : line)) { best = order; break; }
  }
  return best === Infinity ? null : rules()[best].reason;
}

/** The same as matchRule, one rule at a time (the reference the combined form is tested against). */
export function matchRuleSlow(line: string): string | null {
  const lower = line.toLowerCase();
  for (const r of rules()) {
    if (line.length > r.maxLen) continue;
    if (r.needs && !lower.includes(r.needs)) continue;
    if (r.re.test(r.lower ? lower : line)) return r.reason;
  }
  return null;
}

const FINAL_PUNCT = /[.!?;:,"”’')\]]$/u;

/**
 * A keyword/tag list: four or more comma-separated short items (at most 5 words, 40 characters)
 * and no sentence end. "deal, Syrian ceasefire, Syrian crisis, Russia" is one; a sentence listing
 * towns ends with a full stop and has longer items.
 */
export function isKeywordList(line: string): boolean {
  if (line.length > 600 || FINAL_PUNCT.test(line)) return false;
  const items = line.split(/\s*[,;]\s*/);
  if (items.length < 4) return false;
  let words = 0;
  for (const it of items) {
    if (!it || it.length > 40) return false;
    const w = it.split(/\s+/).length;
    if (w > 5) return false;
    words += w;
  }
  // sentences have verbs and articles; keyword lists almost never do
  if (/\b(?:said|says|was|were|is|are|has|have|had|will|would|the|a|an|which|who|that)\b/i.test(line)) return false;
  return words / items.length <= 3.5;
}

/** Short words that stay lower case in title-case headlines. */
const SMALL = new Set([
  'a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'and', 'or', 'but', 'nor', 'by', 'with', 'from', 'as',
  'is', 'are', 'was', 'be', 'vs', 'via', 'over', 'after', 'into', 'about', 'up', 'off', 'out', 'than', 'per', 'amid',
  'its', 'his', 'her', 'their', 'not', 'so', 'if', 'al', 'el', 'ez', 'de', 'da', 'bin', 'ibn',
]);

export interface LineShape {
  /** Short, no sentence-final full stop: could be a headline. */
  readonly headline: boolean;
  /** Most significant words are capitalised. */
  readonly titleCase: boolean;
  /** Starts with an upper-case letter, a digit or a quote. */
  readonly capStart: boolean;
}

const isAlnum = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
/** Quotes, brackets and punctuation around a word. */
const EDGE_PUNCT = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const WORD_G = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;

export function lineShape(line: string): LineShape {
  const n = line.length;
  const last = line[n - 1] ?? '';
  const capStart = /^["“'‘(\p{Lu}\p{N}]/u.test(line);
  if (n < 12 || n > 160) return { headline: false, titleCase: false, capStart };
  const words = line.split(/[\s\u00a0]+/);
  const headline = words.length >= 3 && words.length <= 24 && !/[.;:,!]/.test(last);
  let sig = 0, cap = 0;
  for (const w0 of words) {
    const w = isAlnum(w0.charCodeAt(0)) && isAlnum(w0.charCodeAt(w0.length - 1)) ? w0 : w0.replace(EDGE_PUNCT, '');
    if (!w) continue;
    if (SMALL.has(w.toLowerCase())) continue;
    sig++;
    const c = w[0];
    if (c !== c.toLowerCase() || (c >= '0' && c <= '9')) cap++;
  }
  const titleCase = sig >= 2 && cap / sig >= 0.7;
  return { headline, titleCase, capStart };
}

/** A line that reads as a sentence or paragraph of prose. */
export function isProse(line: string): boolean {
  if (line.length >= 200) return true;
  return /[.!?]["”’')\]]*$/u.test(line) && (line.match(WORD_G)?.length ?? 0) >= 6;
}
