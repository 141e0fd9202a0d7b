/**
 * Event trigger and modality lexicons (data/lexicons/event-triggers.json, event-modality.json):
 * loading, and matching over one sentence. Each lexicon compiles to ONE alternation regex with a
 * named group per entry, so a sentence is scanned once per lexicon whatever the number of entries.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PloverEvent, SubEventType } from '../../model/taxonomy.js';

export interface TriggerEntry {
  readonly id: string;
  readonly kind: 'acled' | 'plover';
  readonly plover: PloverEvent;
  readonly mode: string | null;
  readonly hint: SubEventType | null;
  readonly rule: boolean;
  readonly generic: boolean;
  /** False for participant words that never license an event alone. */
  readonly license: boolean;
  readonly patterns: readonly string[];
}

export interface CueEntry {
  readonly id: string;
  readonly effect: 'threat' | 'drop';
  readonly window: number;
  readonly patterns: readonly string[];
}

export interface TriggerMatch {
  readonly entry: TriggerEntry;
  /** Offsets relative to the matched string. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** The cue that blocks this trigger, if any. */
  blockedBy: CueEntry | null;
}

export interface Lexicons {
  readonly triggers: readonly TriggerEntry[];
  readonly cues: readonly CueEntry[];
  readonly triggerRe: RegExp;
  readonly cueRe: RegExp;
  /** Sentence-level patterns that make a sentence of a full article no event (a cumulative toll…); null when none. */
  readonly sentenceDropRe: RegExp | null;
  /** Sentence-level patterns of a pattern over time ("repeatedly", "since 2022"): no event unless a day is named; null when none. */
  readonly habitualRe: RegExp | null;
  /** The ids of the habitual entries, in group order ('span' cues also end a toll search). */
  readonly habitualIds: readonly string[];
  /** Words that open a clause reporting another event of its own ("in response to …"); one group per entry of clauseSplits; null when none. */
  readonly clauseSplitRe: RegExp | null;
  readonly clauseSplits: readonly { readonly id: string; readonly patterns: readonly string[] }[];
  /** Sub-types that, in a full article, need one of these words in the sentence ("Sexual violence": rape, sexual…). */
  readonly subtypeSupport: ReadonlyMap<string, RegExp>;
}

const here = dirname(fileURLToPath(import.meta.url));
export const LEXICON_DIR = join(here, '..', '..', '..', 'data', 'lexicons');

function frag(p: string): string {
  return `(?:${p.replace(/ /g, '\\s+')})`;
}

/**
 * ONE regex for a lexicon: the word-boundary checks sit outside the alternation (a lookbehind per
 * alternative made V8 crawl), the end check after it lets the engine backtrack into the next
 * alternative when a fragment ends inside a word.
 */
function compile(groups: { id: string; patterns: readonly string[] }[]): RegExp {
  // One plain capturing group per entry (entry i is group i + 1): named groups cost an object per match.
  const alt = groups.map((g) => `(${g.patterns.map(frag).join('|')})`).join('|');
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alt})(?![\\p{L}\\p{N}])`, 'giu');
  const n = new RegExp(`${re.source}|`, 'u').exec('')!.length - 1;
  if (n !== groups.length) throw new Error(`lexicon patterns must not capture (use (?:…)): ${n} groups for ${groups.length} entries`);
  return re;
}

let cached: Lexicons | null = null;

export function loadLexicons(dir: string = LEXICON_DIR): Lexicons {
  if (cached && dir === LEXICON_DIR) return cached;
  const t = JSON.parse(readFileSync(join(dir, 'event-triggers.json'), 'utf8')) as { entries: Partial<TriggerEntry>[] };
  const c = JSON.parse(readFileSync(join(dir, 'event-modality.json'), 'utf8')) as
    { cues: CueEntry[]; sentence_drop?: { id: string; patterns: string[] }[]; habitual?: { id: string; patterns: string[] }[]; clause_split?: { id: string; patterns: string[] }[];
      subtype_support?: { sub: string; patterns: string[] }[] };
  const triggers: TriggerEntry[] = t.entries.map((e) => ({
    id: e.id!, kind: e.kind!, plover: e.plover!, mode: e.mode ?? null, hint: e.hint ?? null,
    rule: e.rule ?? false, generic: e.generic ?? false, license: e.license ?? true, patterns: e.patterns!,
  }));
  const lex: Lexicons = {
    triggers, cues: c.cues, triggerRe: compile(triggers), cueRe: compile(c.cues),
    sentenceDropRe: c.sentence_drop?.length ? new RegExp(c.sentence_drop.flatMap((d) => d.patterns).map((x) => `(?:${x})`).join('|'), 'iu') : null,
    habitualRe: c.habitual?.length ? compile(c.habitual) : null,
    habitualIds: (c.habitual ?? []).map((h) => h.id),
    clauseSplitRe: c.clause_split?.length ? compile(c.clause_split) : null,
    clauseSplits: c.clause_split ?? [],
    subtypeSupport: new Map((c.subtype_support ?? []).map((x) => [x.sub, compile([{ id: x.sub, patterns: x.patterns }])])),
  };
  if (dir === LEXICON_DIR) cached = lex;
  return lex;
}

export function groupIndex(m: RegExpExecArray, n: number): number {
  for (let i = 1; i <= n; i++) if (m[i] !== undefined) return i - 1;
  return -1;
}

const WORD_RE = /[\p{L}\p{N}]+/gu;
const BOUNDARY_RE = /[;:—–(\[]|\s-\s|["“”]/;

/** Counts words in s. */
function wordCount(s: string): number {
  WORD_RE.lastIndex = 0;
  let n = 0;
  while (WORD_RE.exec(s)) n++;
  return n;
}

/**
 * Trigger matches of one sentence, each marked with the modality/negation cue that blocks it.
 * A cue blocks a trigger when it ends before the trigger, within `window` words, and no clause
 * boundary lies between them. Capitalised cue words inside a sentence ("May 2020", "Will Smith")
 * are not cues.
 */
export function matchSentence(lex: Lexicons, s: string): TriggerMatch[] {
  const out: TriggerMatch[] = [];
  const re = lex.triggerRe;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const i = groupIndex(m, lex.triggers.length);
    if (i < 0) continue;
    // "March" the month: capitalised, next to a day number or a year.
    if (m[0] === 'March' && (/\d\s*$/.test(s.slice(Math.max(0, m.index - 4), m.index)) || /^\s*\d/.test(s.slice(m.index + 5, m.index + 9)))) continue;
    out.push({ entry: lex.triggers[i], start: m.index, end: m.index + m[0].length, text: m[0], blockedBy: null });
  }
  if (!out.length) return out;
  const cues: { cue: CueEntry; start: number; end: number }[] = [];
  const cr = lex.cueRe;
  cr.lastIndex = 0;
  while ((m = cr.exec(s))) {
    const i = groupIndex(m, lex.cues.length);
    if (i < 0) continue;
    const first = m[0].charAt(0);
    const initial = s.slice(0, m.index).trim() === '';
    if (!initial && first !== first.toLowerCase() && lex.cues[i].id !== 'negation') continue;
    cues.push({ cue: lex.cues[i], start: m.index, end: m.index + m[0].length });
  }
  for (const t of out) {
    for (const c of cues) {
      if (c.end > t.start || c.start >= t.start) continue;
      // a cue that is itself part of a trigger entry's match is fine as a cue ("vowed to").
      const between = s.slice(c.end, t.start);
      if (BOUNDARY_RE.test(between)) continue;
      if (c.cue.id === 'negation' && /,/.test(between)) continue;
      if (wordCount(between) > c.cue.window) continue;
      // Prefer a threat cue over a drop cue: the first blocking cue nearest the trigger wins.
      if (!t.blockedBy || c.cue.effect === 'threat') t.blockedBy = c.cue;
    }
  }
  return out;
}

/** Extra classifier features for a sentence's trigger matches. */
export function triggerFeatures(matches: readonly TriggerMatch[]): string[] {
  const f: string[] = [];
  for (const t of matches) {
    if (t.blockedBy) {
      f.push('tb:' + t.entry.id, 'cue:' + t.blockedBy.id);
    } else {
      f.push('t:' + t.entry.id, 'tt:' + t.text.toLowerCase().replace(/\s+/g, ' '));
      if (t.entry.hint) f.push('th:' + t.entry.hint);
    }
  }
  if (!matches.some((t) => !t.blockedBy)) f.push('t:none');
  return f;
}
