/**
 * The time lexicons (data/lexicons/time/*.tsv, *.txt; see data/lexicons/README.md), loaded once per
 * process into maps and regular-expression alternations the parsers share.
 */
import { loadList } from '../../util/lexicon.js';

export interface TimeLexicon {
  readonly months: ReadonlyMap<string, number>;
  readonly weekdays: ReadonlyMap<string, number>;
  readonly numbers: ReadonlyMap<string, number | 'X'>;
  readonly units: ReadonlyMap<string, string>;
  readonly refs: ReadonlyMap<string, string>;
  readonly sets: ReadonlyMap<string, string>;
  readonly seasons: ReadonlyMap<string, string>;
  readonly dayparts: ReadonlyMap<string, string>;
  readonly futureCues: readonly string[];
  /** Cues that count only before the expression ("said it would meet Friday", not "On Friday … would"). */
  readonly futureCuesBefore: readonly string[];
  readonly decades: ReadonlyMap<string, string>;
  /** Alternations (no groups), longest entries first, for building patterns. */
  readonly re: {
    readonly month: string; // month names and abbreviations with an optional period
    readonly weekday: string;
    readonly number: string; // number words and digits (compounds: "twenty-four", "twenty four")
    readonly unit: string;
    readonly ref: string;
    readonly set: string;
    readonly season: string;
    readonly daypart: string;
    readonly futureCue: string;
    readonly futureCueBefore: string;
    readonly decade: string;
    readonly approx: string;
  };
}

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
const alt = (keys: Iterable<string>): string =>
  [...keys].sort((a, b) => b.length - a.length || a.localeCompare(b)).map(esc).join('|');

function tsv<V>(name: string, conv: (v: string) => V): Map<string, V> {
  const m = new Map<string, V>();
  for (const line of loadList(`time/${name}`)) {
    const [k, v] = line.split('\t');
    if (k && v !== undefined) m.set(k.trim().toLowerCase(), conv(v.trim()));
  }
  return m;
}

let cached: TimeLexicon | null = null;

export function timeLexicon(): TimeLexicon {
  if (cached) return cached;
  const months = tsv('months.tsv', Number);
  const weekdays = tsv('weekdays.tsv', Number);
  const numbers = tsv('numbers.tsv', (v) => (v === 'X' ? ('X' as const) : Number(v)));
  const units = tsv('units.tsv', String);
  const refs = tsv('refs.tsv', String);
  const sets = tsv('sets.tsv', String);
  const seasons = tsv('seasons.tsv', String);
  const dayparts = tsv('dayparts.tsv', String);
  const cueLines = loadList('time/future-cues.txt').map((s) => s.toLowerCase().split('\t'));
  const futureCues = cueLines.filter((c) => c[1]?.trim() !== 'before').map((c) => c[0]!.trim());
  const futureCuesBefore = cueLines.filter((c) => c[1]?.trim() === 'before').map((c) => c[0]!.trim());
  const decades = tsv('decades.tsv', String);
  const approx = loadList('time/approx.txt').map((s) => s.toLowerCase());
  const isNum = (k: string): boolean => typeof numbers.get(k) === 'number' && !/\s/.test(k);
  const tens = alt([...numbers.keys()].filter((k) => isNum(k) && (numbers.get(k) as number) >= 20 && (numbers.get(k) as number) < 100));
  const ones = alt([...numbers.keys()].filter((k) => isNum(k) && (numbers.get(k) as number) < 10 && k !== 'a' && k !== 'an'));
  const monthAlt = [...months.keys()].sort((a, b) => b.length - a.length)
    .map((k) => (k.length <= 4 && k !== 'may' && k !== 'june' && k !== 'july' ? `${esc(k)}\\.?` : esc(k))).join('|');
  cached = Object.freeze({
    months, weekdays, numbers, units, refs, sets, seasons, dayparts, futureCues, futureCuesBefore, decades,
    re: Object.freeze({
      month: monthAlt,
      weekday: alt([...weekdays.keys()].filter((k) => k.length > 4)),
      number: `\\d+(?:[.,]\\d+)?|(?:${tens})[\\s-]+(?:${ones})|${alt(numbers.keys())}`,
      unit: alt(units.keys()),
      ref: alt(refs.keys()),
      set: alt(sets.keys()),
      season: alt(seasons.keys()),
      daypart: alt(dayparts.keys()),
      futureCue: alt(futureCues),
      futureCueBefore: alt([...futureCues, ...futureCuesBefore]),
      decade: alt(decades.keys()),
      approx: alt(approx),
    }),
  });
  return cached;
}

/** Value of a number phrase ("two", "twenty-four", "24", "a couple of", "several" → 'X'). */
export function numberValue(lex: TimeLexicon, s: string): number | 'X' | null {
  const t = s.toLowerCase().replace(/\s+/g, ' ').replace(/,/g, '').trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  const whole = lex.numbers.get(t);
  if (whole !== undefined) return whole;
  let sum = 0;
  for (const part of t.split(/[\s-]+/)) {
    const v = lex.numbers.get(part);
    if (v === undefined || v === 'X') return null;
    sum = part === 'hundred' ? (sum || 1) * 100 : sum + v;
  }
  return sum;
}
