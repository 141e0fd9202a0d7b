/**
 * Casualty counts (fatalities, injured) stated in a stretch of text, with ACLED's conventions:
 * the most conservative credible figure, vague quantities coded low (docs/rules-arguments.md).
 * Lexicon: data/lexicons/arguments/casualties.json.
 */
import type { Span, Value } from '../../model/span.js';
import { loadJson, loadList } from '../../util/lexicon.js';
import { ShapeFilter, tokens, type Tok } from '../actors/tokens.js';

interface CasualtyLexicon {
  numbers: Record<string, number>; vague: Record<string, number>; bareSingularArticles: string[];
  deathCues: string[]; injuryCues: string[]; aux: string[]; units: string[]; notToll: string[];
  subsetMarkers: string[]; victimNouns: string[]; cumulativeTollVerbs?: string[];
}
interface Compiled {
  numbers: Map<string, number>; vague: Map<string, number>; singularDet: Set<string>;
  death: Map<string, string[][]>; injury: Map<string, string[][]>; aux: Set<string>; units: Set<string>;
  notToll: Set<string>; subset: Set<string>; victims: Set<string>; cumulative: Set<string>;
}
let C: Compiled | null = null;
function lex(): Compiled {
  if (C) return C;
  const L = loadJson<CasualtyLexicon>('arguments/casualties.json');
  const phrases = (list: string[]): Map<string, string[][]> => {
    const m = new Map<string, string[][]>();
    for (const p of list) {
      const n = p.split(/\s+/);
      const l = m.get(n[0]!) ?? [];
      l.push(n);
      l.sort((a, b) => b.length - a.length);
      m.set(n[0]!, l);
    }
    return m;
  };
  C = {
    numbers: new Map(Object.entries(L.numbers)), vague: new Map(Object.entries(L.vague)),
    singularDet: new Set(L.bareSingularArticles), death: phrases(L.deathCues), injury: phrases(L.injuryCues),
    aux: new Set(L.aux), units: new Set(L.units), notToll: new Set(L.notToll), subset: new Set(L.subsetMarkers),
    victims: new Set(L.victimNouns), cumulative: new Set(L.cumulativeTollVerbs ?? []),
  };
  return C;
}

const MONTHS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);
const LOW_QUALIFIERS = new Set(['least', 'than', 'over', 'nearly', 'almost', 'about', 'around', 'some', 'approximately', 'roughly', 'estimated', 'upwards']);

let personWords: Set<string> | null = null;
/** A title or a common first name: the first word of a named person ("Governor …", "Ahmed …"). */
function personStart(n: string): boolean {
  personWords ??= new Set([...loadList('person-titles.txt'), ...loadList('person-first-names.txt')].map((w) => w.toLowerCase()));
  return personWords.has(n);
}

interface Num { value: number; start: number; end: number; /** token index after the number phrase */ next: number; vague: boolean }

/** A number phrase at token i ("62", "twenty-five", "a dozen", "10 to 15", "dozens of"), or null. */
export function numberAt(toks: readonly Tok[], i: number): Num | null {
  const L = lex();
  const t = toks[i];
  if (!t) return null;
  let value: number | null = null;
  let j = i + 1;
  let vague = false;
  if (/^\d[\d,]*(?:\.\d+)?$/.test(t.n)) {
    value = Number(t.n.replace(/,/g, ''));
    if (!Number.isFinite(value) || t.n.includes('.')) return null;
    // dates and years: "17 September", "September 17", "in 2018"
    const prev = toks[i - 1]?.n ?? '', next = toks[i + 1]?.n ?? '';
    if (MONTHS.has(prev) || MONTHS.has(next) || (value >= 1900 && value <= 2100)) return null;
    if (next === ':' || next === '/' || (next === '-' && toks[i + 2]?.n === 'year')) return null;
    // an age after a name: "Ahmed, 44, was ..."
    if (prev === ',' && (toks[i + 1]?.n === ',' || toks[i + 1]?.n === ')') && toks[i - 2]?.cap) return null;
    if (prev === '(' && toks[i + 1]?.n === ')') return null;
  } else {
    const two = `${t.n} ${toks[i + 1]?.n ?? ''}`;
    const three = `${two} ${toks[i + 2]?.n ?? ''}`;
    if (L.vague.has(three)) { value = L.vague.get(three)!; j = i + 3; vague = true; }
    else if (L.numbers.has(two)) { value = L.numbers.get(two)!; j = i + 2; }
    else if (L.vague.has(two)) { value = L.vague.get(two)!; j = i + 2; vague = true; }
    else if (L.numbers.has(t.n) && t.n !== 'both' && t.n !== 'twin') {
      value = L.numbers.get(t.n)!;
      // twenty-five, one hundred, two thousand
      if (toks[j]?.n === '-' && toks[j + 1] && L.numbers.has(toks[j + 1]!.n) && L.numbers.get(toks[j + 1]!.n)! < 10) { value += L.numbers.get(toks[j + 1]!.n)!; j += 2; }
      if (toks[j]?.n === 'hundred' || toks[j]?.n === 'thousand') { value *= L.numbers.get(toks[j]!.n)!; j++; }
    } else if (L.vague.has(t.n)) { value = L.vague.get(t.n)!; vague = true; }
    else return null;
  }
  // "12 to 15", "12-15", "between 12 and 15": the lower figure; "dozens of"
  if (toks[i - 1]?.n === 'between' && toks[j]?.n === 'and' && toks[j + 1] && /^\d/.test(toks[j + 1]!.n)) j += 2;
  if ((toks[j]?.n === 'to' || toks[j]?.n === '-' || toks[j]?.n === 'or') && toks[j + 1] && /^\d/.test(toks[j + 1]!.n) && !MONTHS.has(toks[j + 2]?.n ?? '')) {
    const hi = Number(toks[j + 1]!.n.replace(/,/g, ''));
    if (Number.isFinite(hi) && hi >= value) j += 2;
  }
  if (toks[j]?.n === 'of' && (vague || value >= 100)) j++;
  if (toks[j] && L.units.has(toks[j]!.n)) return null;
  if (toks[j]?.n === '-' && toks[j + 1] && L.units.has(toks[j + 1]!.n)) return null;
  return { value, start: t.s, end: toks[j - 1]!.e, next: j, vague };
}

interface Statement { kind: 'death' | 'injury'; value: number; span: Span; rule: string; definite: boolean; numStart?: number }

function cueAt(map: Map<string, string[][]>, toks: readonly Tok[], i: number): number {
  const t = toks[i];
  return t ? cueIn(map.get(t.n), toks, i) : 0; // (past the end of the sentence: no cue)
}

/** Length of the first (longest) cue of `list` at token i, 0 when none. */
function cueIn(list: readonly string[][] | undefined, toks: readonly Tok[], i: number): number {
  if (!list) return 0;
  outer: for (const p of list) {
    for (let k = 0; k < p.length; k++) if (toks[i + k]?.n !== p[k]) continue outer;
    return p.length;
  }
  return 0;
}

/** Death and injury cues by first word, for one lookup per token in statements(). */
let cuesByWord: Map<string, { death?: string[][]; injury?: string[][] }> | null = null;
let cueShapes: ShapeFilter | null = null;
function cuesOf(n: string): { death?: string[][]; injury?: string[][] } | undefined {
  if (!cuesByWord) {
    const L = lex();
    cuesByWord = new Map();
    for (const [w, l] of L.death) cuesByWord.set(w, { death: l });
    for (const [w, l] of L.injury) { const c = cuesByWord.get(w); if (c) c.injury = l; else cuesByWord.set(w, { injury: l }); }
    cueShapes = new ShapeFilter(cuesByWord.keys());
  }
  return cueShapes!.maybe(n) ? cuesByWord.get(n) : undefined;
}

/** Victim phrase (numbers summed over "and") ending just before token `end` (exclusive). */
/** "some of them", "two of whom", "many of the wounded": the count names a part of a group already counted. */
const PARTITIVE_HEADS = new Set(['them', 'whom', 'those', 'these']);
const PARTITIVE_NOUNS = new Set(['dead', 'wounded', 'injured', 'victims', 'casualties', 'injuries']);
function partitive(toks: readonly Tok[], numStart: number, cue: number): boolean {
  for (let k = 0; k < cue; k++) {
    if (toks[k]!.s < numStart || toks[k]!.n !== 'of') continue;
    const w = toks[k + 1]?.n ?? '', w2 = toks[k + 2]?.n ?? '';
    return PARTITIVE_HEADS.has(w) || (w === 'the' && PARTITIVE_NOUNS.has(w2));
  }
  return false;
}

function countBefore(toks: readonly Tok[], end: number): { value: number; start: number; definite: boolean; rule: string } | null {
  const L = lex();
  // "how many people were killed", "so many civilians died": a question or a degree, not a toll
  for (let q = end - 1; q > 0 && end - q <= 6; q--) {
    if (toks[q]!.n === 'many' && ['how', 'so', 'too'].includes(toks[q - 1]!.n)) return null;
    if (toks[q]!.n === '.' || toks[q]!.n === ';' || toks[q]!.n === ',') break;
  }
  let i = end - 1;
  // "… were kidnapped and killed", "was assaulted and killed": a participle coordinated with the cue
  while (i >= 0 && (L.aux.has(toks[i]!.n) || toks[i]!.n === 'and' || (toks[i + 1]?.n === 'and' && /^\p{L}{3,}(?:ed|en)$/u.test(toks[i]!.n)))) i--;
  // a subset list in commas before the verb: "Dozens of people, including soldiers, volunteers and civilians, were killed"
  if (toks[i]?.n === ',') {
    for (let q = i - 1; q > 0 && i - q < 16; q--) {
      const w = toks[q]!.n;
      if (cueAt(L.death, toks, q) || cueAt(L.injury, toks, q) || w === '.' || w === ';') break;
      if (L.subset.has(w) && toks[q - 1]!.n === ',') { i = q - 2; break; }
    }
  }
  // an apposition before the verb: "1 civilian, a tribal elder, was killed", "Four persons, including
  // two … members, were killed", "Three villagers - a teacher, a shopkeeper and his nephew - died"
  for (let rep = 0; rep < 2 && (toks[i]?.n === ',' || toks[i]?.n === '-' || toks[i]?.n === '–' || toks[i]?.n === '—'); rep++) {
    const mark = toks[i]!.n === ',' ? ',' : null;
    let k = i - 1;
    while (k >= 0 && (mark ? toks[k]!.n !== ',' : !['-', '–', '—'].includes(toks[k]!.n)) && i - k < 16) k--;
    if (k >= 0 && (i - k < 8 || !mark || L.subset.has(toks[k + 1]?.n ?? '')) && (mark || k > 0 && /^\p{L}|^\d/u.test(toks[k - 1]!.n))) i = k - 1;
  }
  if (i < 0) return null;
  // "he was shot dead": one person, already named
  if ((toks[i]!.n === 'he' || toks[i]!.n === 'she') && (i + 1 < end)) return { value: 1, start: toks[i]!.s, definite: true, rule: 'arguments/toll-singular' };
  // a participle postmodifier: "Four guards protecting a fuel convoy were killed"
  for (let k = i; k >= Math.max(1, i - 6); k--) {
    const w = toks[k]!.n;
    if (!/^\p{L}/u.test(w) || L.aux.has(w) || w === 'and') break;
    if (/..ing$/.test(w) && !cueAt(L.death, toks, k) && !cueAt(L.injury, toks, k) && (L.victims.has(toks[k - 1]!.n) || (toks[k - 1]!.n === 'who' && toks[k - 2] && L.victims.has(toks[k - 2]!.n)))) { i = toks[k - 1]!.n === 'who' ? k - 2 : k - 1; break; }
  }
  const coordinated = toks.slice(i + 1, end).some((x) => x.n === 'and');
  const auxWasBefore = toks.slice(i + 1, end).some((x) => x.n === 'was');
  // walk back over the noun phrase to the number
  let total = 0;
  let start = -1;
  let found = false;
  let definite = false;
  let rule = '';
  let guard = 0;
  let sawNoun = false;
  let coord = false;
  /** the last token of a conjunct not counted yet ("Governor X and two others": X's phrase) */
  let conjEnd = -1;
  // "Ali Hassan, 44, was shot dead": a named person
  {
    let k = i;
    if (toks[k]?.n === ',' && /^\d+$/.test(toks[k - 1]?.n ?? '') && toks[k - 2]?.n === ',') k -= 3;
    const w = toks[k];
    const auxWas = toks.slice(k + 1, end).some((x) => x.n === 'was');
    if (w && w.cap && auxWas && k > 0 && toks[k - 1]!.cap && /^\p{L}/u.test(toks[k - 1]!.raw) && !lex().victims.has(w.n)) {
      return { value: 1, start: toks[k - 1]!.s, definite: false, rule: 'arguments/toll-named-person' };
    }
  }
  while (i >= 0 && guard++ < 14) {
    const t = toks[i]!;
    // age compounds inside the phrase ("a 7-year-old boy")
    if (t.n === '-' || (/^\d+$/.test(t.n) && toks[i + 1]?.n === '-')) { i--; continue; }
    if (t.n === "'" || t.n === '"' || t.n === '’' || t.n === '‘') { i--; continue; }
    if (L.victims.has(t.n) || /^\p{L}/u.test(t.n) && (t.cap || !L.aux.has(t.n)) && !L.singularDet.has(t.n) && !numberAt(toks, i)) {
      // a word of the victim phrase
      if (L.victims.has(t.n)) sawNoun = true;
      else if (cueAt(L.death, toks, i) || cueAt(L.injury, toks, i)) break;
      if (['in', 'at', 'on', 'from', 'after', 'when', 'while', 'by', 'with', 'as', 'that', 'who', 'which', 'near', 'during', 'of', 'to', 'for'].includes(t.n) && t.n !== 'of') {
        // "A man in Kaptet was shot dead": a place after the victim
        if ((t.n === 'in' || t.n === 'from') && !found && !sawNoun && i > 0 && L.victims.has(toks[i - 1]!.n)) { i--; continue; }
        break;
      }
      // "the number of people killed" asks a question, it states no figure
      if (t.n === 'of' && toks[i - 1]?.n === 'number' && toks[i - 2]?.n === 'the' && !found) return null;
      if (t.n === 'of' && !found) { i--; continue; }
      i--;
      continue;
    }
    // a number (the phrase may start up to 3 tokens earlier: "10 to 15", "between 10 and 15")
    let k = i;
    for (let b = 1; b <= 3 && i - b >= 0; b++) {
      const n0 = numberAt(toks, i - b);
      if (n0 && n0.next > i) k = i - b;
    }
    const n = numberAt(toks, k);
    if (n && n.next > i && coordinated && ['by', 'with', 'from'].includes(toks[k - 1]?.n ?? '')) {
      // "was seized by gunmen and beaten to death": the victim is the subject before "was"
      let w = k - 1;
      while (w > 0 && !['was', 'were'].includes(toks[w]!.n) && k - w < 10) w--;
      return w > 0 && ['was', 'were'].includes(toks[w]!.n) ? countBefore(toks, w + 1) : null;
    }
    if (n && n.next > i) {
      total += n.value; start = toks[k]!.s; found = true; conjEnd = -1;
      rule = n.vague ? 'arguments/toll-vague' : 'arguments/toll-number';
      if (toks[k - 1]?.n === 'the' || toks[k - 1]?.n === 'these' || toks[k - 1]?.n === 'those') definite = true;
      i = k - 1;
      // "12 militants including 2 commanders": the figure before "including" is the count
      if (toks[i] && L.subset.has(toks[i]!.n)) { total = 0; found = false; i--; continue; }
      // "two soldiers and three militants", "3 policemen, 1 soldier, and 1 civilian"
      if (toks[i]?.n === 'and' || toks[i]?.n === ',') {
        while (toks[i]?.n === 'and' || toks[i]?.n === ',') i--;
        coord = true; conjEnd = i;
        continue;
      }
      break;
    }
    if (L.singularDet.has(t.n) && !sawNoun && !found && auxWasBefore && t.n !== 'their' && i < end - 1) {
      total = 1; start = t.s; found = true; rule = 'arguments/toll-singular'; definite = t.n === 'the';
      break;
    }
    // "nine people of the Foulse community", "three members of a dissident group"
    if ((t.n === 'the' || t.n === 'a' || t.n === 'an') && toks[i - 1]?.n === 'of' && !found) { i -= 2; continue; }
    if (L.singularDet.has(t.n) && coord && found && t.n !== 'the' && t.n !== 'their' && i < end - 1) {
      // "a woman and two children", "a councillor and his son"
      total += 1; start = t.s; rule = 'arguments/toll-number'; i--; conjEnd = -1;
      if ((toks[i]?.n === 'and' || toks[i]?.n === ',' && toks[i + 1]?.n !== 'and') && toks[i - 1] && /^\p{L}/u.test(toks[i - 1]!.n)) { while (toks[i]?.n === 'and' || toks[i]?.n === ',') i--; continue; }
      break;
    }
    if (L.singularDet.has(t.n) && sawNoun && !found) {
      // "a local man", "his mother", "the militant": one person
      const nounTok = toks.slice(i + 1, end).find((x) => L.victims.has(x.n));
      if (nounTok && !/s$/.test(nounTok.n) || (nounTok && ['police', 'staff', 'personnel'].includes(nounTok.n) === false && ['man', 'woman', 'child', 'person', 'policeman', 'boss'].includes(nounTok.n))) {
        // "2 militants including a commander": a subset; "a councillor and his son": coordinated
        if (toks[i - 1] && L.subset.has(toks[i - 1]!.n)) { i -= 2; while (toks[i]?.n === ',') i--; sawNoun = false; continue; }
        total += 1; start = t.s; found = true; rule = total > 1 ? 'arguments/toll-number' : 'arguments/toll-singular'; definite = t.n === 'the' && total === 1;
        i--;
        if (toks[i]?.n === 'and' && toks[i - 1] && /^\p{L}/u.test(toks[i - 1]!.n)) {
          while (toks[i]?.n === 'and' || toks[i]?.n === ',') i--;
          sawNoun = false; coord = true;
          continue;
        }
      }
      break;
    }
    break;
  }
  if (found && conjEnd >= 0 && conjEnd - i >= 2 && conjEnd - i <= 5) {
    // "Governor Abdul Karim and two other people died": a named person (title or first name) is one more
    let names = true;
    for (let k = i + 1; k <= conjEnd; k++) if (!toks[k]!.cap || !/^\p{L}/u.test(toks[k]!.raw) || L.victims.has(toks[k]!.n)) { names = false; break; }
    if (names && personStart(toks[i + 1]!.n)) { total += 1; start = toks[i + 1]!.s; rule = 'arguments/toll-number'; }
  }
  if (!found) {
    // a headline's bare singular: "Officer killed in ambush"
    const bare = toks.slice(Math.max(0, i + 1), end).filter((x) => L.victims.has(x.n));
    if (bare.length === 1 && !/s$/.test(bare[0]!.n) && !['people', 'men', 'women', 'children', 'police', 'personnel', 'staff'].includes(bare[0]!.n) &&
        (i < 0 || !/^\p{L}/u.test(toks[i]!.raw) || ['and', 'while', 'as'].includes(toks[i]!.n))) {
      return { value: 1, start: bare[0]!.s, definite: false, rule: 'arguments/toll-singular' };
    }
    if (sawNoun) {
      // a plural victim phrase with no number ("civilians were killed"): the lowest plural, 2
      const w = toks.slice(Math.max(0, i + 1), end).find((x) => L.victims.has(x.n));
      if (w && /s$/.test(w.n) || (w && ['people', 'men', 'women', 'children', 'police', 'personnel'].includes(w.n))) {
        return { value: 2, start: w!.s, definite: false, rule: 'arguments/toll-plural-unnumbered' };
      }
    }
    return null;
  }
  return { value: total, start, definite, rule };
}

/** Victims after an active cue: "killing two", "killed at least 10 people and two soldiers". */
function countAfter(toks: readonly Tok[], from: number): { value: number; end: number; rule: string } | null {
  const L = lex();
  let i = from;
  let total = 0;
  let end = -1;
  let rule = '';
  for (let guard = 0; guard < 4; guard++) {
    // "between 25 and 54 people": the lower figure, the upper one skipped below
    const range = toks[i]?.n === 'between';
    if (range) i++;
    while (toks[i] && (['at', 'least', 'more', 'than', 'over', 'nearly', 'almost', 'about', 'around', 'some', 'up', 'to', 'approximately', 'an', 'estimated', 'as', 'many'].includes(toks[i]!.n))) {
      if (toks[i]!.n === 'many' && toks[i - 1]?.n !== 'as') break;
      if (toks[i]!.n === 'an' && toks[i + 1]?.n !== 'estimated') break;
      i++;
    }
    const n = numberAt(toks, i);
    if (n) {
      total += n.value; end = n.end; rule = n.vague ? 'arguments/toll-vague' : 'arguments/toll-number';
      i = n.next;
      if (range && (toks[i]?.n === 'and' || toks[i]?.n === 'to') && numberAt(toks, i + 1)) i = numberAt(toks, i + 1)!.next;
    } else if (toks[i] && ['his', 'her', 'their', 'the', 'its'].includes(toks[i]!.n) && numberAt(toks, i + 1)) {
      // "killing his two children"
      const m = numberAt(toks, i + 1)!;
      total += m.value; end = m.end; rule = m.vague ? 'arguments/toll-vague' : 'arguments/toll-number';
      i = m.next;
    } else if (toks[i] && L.singularDet.has(toks[i]!.n) && toks[i]!.n !== 'their') {
      // "killing a civilian", "killed his mother", "killed a Taliban suicide bomber", "killed the director of …"
      let k = i + 1;
      // "a 23 year-old student", "a 7-year-old boy"
      if (/^\d+$/.test(toks[k]?.n ?? '') && (toks[k + 1]?.n === '-' || /^(?:year|yr)/.test(toks[k + 1]?.n ?? ''))) {
        k++;
        while (toks[k] && (toks[k]!.n === '-' || /^(?:years?|yrs?|old|year-old|yr-old)$/.test(toks[k]!.n))) k++;
      }
      while (toks[k] && !L.victims.has(toks[k]!.n) && /^\p{L}/u.test(toks[k]!.raw) && !['of', 'in', 'at', 'on', 'and', 'near', 'from', 'with', 'by', 'who', 'when', 'after'].includes(toks[k]!.n) && k - i < 5) k++;
      const w = L.victims.has(toks[k]?.n ?? '') ? toks[k] : toks[k - 1];
      if (w && (w === toks[k] || k > i + 1) && !/s$/.test(w.n) && !['number', 'dozen', 'score', 'few', 'lot'].includes(w.n)) { total += 1; end = w.e; rule = 'arguments/toll-singular'; i = (w === toks[k] ? k + 1 : k); }
      else break;
    } else if (guard === 0 && toks[i] && /^\p{L}/u.test(toks[i]!.n)) {
      // a bare victim noun: "Mob kills man", "raiders kill Kenyan Catholic worker"
      let k = i;
      while (toks[k] && toks[k]!.cap && !L.victims.has(toks[k]!.n) && k - i < 3) k++;
      const w = toks[k];
      if (w && L.victims.has(w.n) && !/s$/.test(w.n) && !['people', 'men', 'women', 'children', 'police', 'personnel', 'staff', 'youth'].includes(w.n) && !/^\p{L}/u.test(toks[k + 1]?.n === 's' ? 's' : '-')) {
        total += 1; end = w.e; rule = 'arguments/toll-singular'; i = k + 1;
      } else break;
    } else break;
    // skip the victim noun phrase
    // (hyphenated words and possessives inside it: "of the Iran-backed group's militia")
    while (toks[i] && (/^\p{L}/u.test(toks[i]!.n) || (toks[i]!.n === '-' && toks[i]!.glued && toks[i + 1]?.glued && /^\p{L}/u.test(toks[i + 1]!.n)) || toks[i]!.n === "'s")
      && !['and', 'in', 'at', 'on', 'including', 'among', 'when', 'while', 'after', 'during', 'near', 'as', 'from', 'with', 'by'].includes(toks[i]!.n) && !numberAt(toks, i)) i++;
    if (toks[i]?.n === ',' && toks[i + 1]?.n === 'and') i++;
    if (((toks[i]?.n === 'and' && toks[i + 1] && (numberAt(toks, i + 1) || L.singularDet.has(toks[i + 1]!.n))) || (toks[i]?.n === ',' && toks[i + 1] && numberAt(toks, i + 1)))) {
      // "killing two soldiers and wounding five": a new cue ends the list
      if (cueAt(lex().injury, toks, i + 1) || cueAt(lex().death, toks, i + 1)) break;
      i++;
      continue;
    }
    break;
  }
  return end < 0 ? null : { value: total, end, rule };
}

/** Tokens outside parentheses and brackets (alternative figures: "(7 according to …)"). */
function unbracketed(toks: readonly Tok[]): Tok[] {
  const out: Tok[] = [];
  let depth = 0;
  for (const t of toks) {
    if (t.n === '(' || t.n === '[') { depth++; continue; }
    if ((t.n === ')' || t.n === ']') && depth > 0) { depth--; continue; }
    if (!depth) out.push(t);
  }
  return out;
}

/** "Fatalities coded as 3", "Fatalities are split across 3 events (4)": the coder's own figure. */
function codedFigure(toks: readonly Tok[]): Statement | null {
  for (let i = 0; i < toks.length; i++) {
    // "1 fatality." / "3 fatalities coded": a total stated by the note itself
    if ((toks[i]!.n === 'fatality' || toks[i]!.n === 'fatalities') && /^\d+$/.test(toks[i - 1]?.n ?? '') && (i < 2 || ['.', ';', ','].includes(toks[i - 2]!.n))) {
      const t = toks[i - 1]!;
      return { kind: 'death', value: Number(t.n), span: { start: t.s, end: toks[i]!.e }, rule: 'arguments/toll-coded', definite: false };
    }
    if (toks[i]!.n !== 'fatalities') continue;
    const w = toks.slice(i + 1, i + 4).map((t) => t.n);
    if (w.includes('coded') && (toks[i + 2]?.n === 'as' || toks[i + 3]?.n === 'as')) {
      const k = toks[i + 2]?.n === 'as' ? i + 3 : i + 4;
      const n = numberAt(toks, k) ?? (/^\d+$/.test(toks[k]?.n ?? '') ? { value: Number(toks[k]!.n), start: toks[k]!.s, end: toks[k]!.e } : null);
      if (n) return { kind: 'death', value: n.value, span: { start: n.start, end: n.end }, rule: 'arguments/toll-coded', definite: false };
    }
    if (w.includes('split')) {
      for (let k = i + 2; k < Math.min(toks.length, i + 14); k++) {
        if (toks[k]!.n === '(' && /^\d+$/.test(toks[k + 1]?.n ?? '') && toks[k + 2]?.n === ')') {
          return { kind: 'death', value: Number(toks[k + 1]!.n), span: { start: toks[k + 1]!.s, end: toks[k + 1]!.e }, rule: 'arguments/toll-coded', definite: false };
        }
      }
    }
  }
  return null;
}

const ATTRIBUTED = new Set(['according', 'reported', 'said', 'claimed', 'says', 'reports', 'alleged', 'claims']);
const OTHER_EVENT = new Set(['another', 'separate', 'separately', 'earlier', 'previous']);

function statements(all: readonly Tok[]): Statement[] {
  const L = lex();
  const out: Statement[] = [];
  const toks = unbracketed(all);
  for (let i = 0; i < toks.length; i++) {
    const cues = cuesOf(toks[i]!.n);
    if (!cues) continue;
    const dl = cueIn(cues.death, toks, i);
    const il = dl ? 0 : cueIn(cues.injury, toks, i);
    const len = dl || il;
    if (!len) continue;
    const kind: Statement['kind'] = dl ? 'death' : 'injury';
    const cue = toks[i]!;
    // "16 people were seriously injured": the adverb and its verb are one statement (the verb's)
    if ((cue.n === 'seriously' || cue.n === 'critically') && (cueAt(L.injury, toks, i + 1) || cueAt(L.death, toks, i + 1))) continue;
    const prev = toks[i - 1]?.n ?? '', prev2 = toks[i - 2]?.n ?? '';
    // not a report: "threatened to kill", "no one was killed", "the killing of" (a past event named)
    // "claimed to have killed a fighter" reports a death
    const claimedTo = prev2 === 'to' && prev === 'have' && /^(?:claimed|claims|claim|reported|said|believed)$/.test(toks[i - 3]?.n ?? '');
    if (!claimedTo && (L.notToll.has(prev) || L.notToll.has(prev2) && ['be', 'been', 'have'].includes(prev))) { i += len - 1; continue; }
    if ((cue.n === 'killing' || cue.n === 'death' || cue.n === 'deaths') && toks[i + 1]?.n === 'of') {
      // "the death of four": a count; "the killing of a student" names an earlier death
      const n = numberAt(toks, i + 2);
      if (n && !n.vague) out.push({ kind, value: n.value, span: { start: n.start, end: n.end }, rule: 'arguments/toll-number', definite: false });
      // "resulting in the death of a local man": a consequence, not an earlier death named
      else if (cue.n === 'death' && (toks[i + 2]?.n === 'a' || toks[i + 2]?.n === 'an') && /^(?:in|to|caused|causing)$/.test(toks[i - 1]?.n === 'the' ? toks[i - 2]?.n ?? '' : prev)) {
        out.push({ kind, value: 1, span: { start: cue.s, end: toks[i + 2]!.e }, rule: 'arguments/toll-singular', definite: false });
      }
      i += len - 1;
      continue;
    }
    // "the body of a woman was found"
    if ((cue.n === 'body' || cue.n === 'bodies' || cue.n === 'corpse' || cue.n === 'corpses') && toks[i + 1]?.n === 'of') {
      const n = numberAt(toks, i + 2);
      const one = (cue.n === 'body' || cue.n === 'corpse') && ['a', 'an', 'one'].includes(toks[i + 2]?.n ?? '');
      if (n || one) out.push({ kind, value: one ? 1 : n!.value, span: { start: cue.s, end: cue.e }, rule: one ? 'arguments/toll-singular' : 'arguments/toll-number', definite: false, numStart: n?.start ?? toks[i + 2]!.s });
      i += len - 1;
      continue;
    }
    if (toks.slice(Math.max(0, i - 4), i).some((t) => t.n === 'no' || t.n === 'without' || t.n === 'nobody')) { i += len - 1; continue; }
    // "30 killed and wounded": a mixed casualty count, not deaths
    if (['and', 'or'].includes(toks[i + len]?.n ?? '') && cueAt(L.injury, toks, i + len + 1)) { i += len + 1; continue; }
    // "death toll rose to 12", "toll of 12"
    if (cue.n === 'death' && toks[i + 1]?.n === 'toll') {
      let k = i + 2;
      while (toks[k] && k - i < 8 && !numberAt(toks, k)) k++;
      const n = numberAt(toks, k);
      // "…, bringing the death toll to 40": a running total over more than this event (ACLED codes
      // each event's own deaths), not read (arguments/toll-cumulative)
      const cumulative = L.cumulative.has(prev === 'the' ? prev2 : prev);
      if (n && !cumulative) out.push({ kind, value: n.value, span: { start: n.start, end: n.end }, rule: 'arguments/death-toll', definite: false });
      if (n) i = n.next - 1;
      continue;
    }
    const active = ['assassinated', 'assassinate', 'assassinates', 'lynch', 'lynches', 'shoot dead', 'shoots dead', 'speared', 'hacked', 'butchered', 'slaughtered', 'strangled', 'shot and killed', 'killed', 'killing', 'kill', 'kills', 'wounding', 'injuring', 'wounded', 'injured', 'injures', 'wounds', 'hurt', 'executed', 'murdered', 'beheaded', 'lynched', 'massacred', 'slain', 'shot dead', 'gunned down', 'to death'];
    const isActive = active.includes(toks.slice(i, i + len).map((t) => t.n).join(' ')) && !['was', 'were', 'been', 'being', 'is', 'are'].includes(prev);
    const after = isActive ? countAfter(toks, i + len) : null;
    if (after) {
      out.push({ kind, value: after.value, span: { start: toks[i + len]!.s, end: after.end }, rule: after.rule, definite: false });
      i += len - 1;
      continue;
    }
    // "killed 25 people and wounded others": what comes before the second active verb is the first
    // clause's object, not this one's victims
    if (isActive && prev === 'and' && out.length) { i += len - 1; continue; }
    // "villagers hacked and killed a leader": the object follows the last verb; the subject is the doer
    if (isActive && toks[i + len]?.n === 'and' && (cueAt(L.death, toks, i + len + 1) || cueAt(L.injury, toks, i + len + 1))) { i += len - 1; continue; }
    // "a motorist killed a number of cattle": an active verb with an object that is no victim; its
    // subject is the doer, not a victim
    if (isActive && (L.singularDet.has(toks[i + len]?.n ?? '') || numberAt(toks, i + len))) { i += len - 1; continue; }
    // "doctors accused of treating wounded protesters": an adjective before its noun, not a report
    // (unless a number goes with it: "three wounded soldiers")
    if (len === 1 && L.victims.has(toks[i + 1]?.n ?? '') && /^(?:wounded|injured|dead)$/.test(cue.n) && !numberAt(toks, i - 1)
      && !['were', 'was', 'been', 'left', 'and', ','].includes(prev)) { continue; }
    const before = countBefore(toks, i);
    if (before && out.some((o) => o.kind === kind && o.numStart === before.start)) { i += len - 1; continue; }
    // "23 wounded, some of them critically": a part of a count of the same kind already given
    // ("five wounded, two of whom later died" does give two deaths)
    if (before && out.some((o) => o.kind === kind) && partitive(toks, before.start, i)) { i += len - 1; continue; }
    if (before) out.push({ kind, value: before.value, span: { start: before.start, end: toks[i + len - 1]!.e }, rule: before.rule, definite: before.definite });
    i += len - 1;
  }
  return out;
}

/** What casualties() reads in one stretch's tokens; the same stretch (a sentence) is read for several events. */
interface Analysed {
  coded: Statement | null;
  statements: readonly Statement[];
  otherEvent: boolean;
  attributed: boolean;
  also: boolean;
  alsoOrAddition: boolean;
}
// per token array (tokens() hands out one array per span of the current text); kept for one text
let analysedText: string | null = null;
let analysedOf = new Map<readonly Tok[], Analysed>();
const W_OTHER_EVENT = 1, W_ATTRIBUTED = 2, W_ALSO = 4, W_ALSO_OR_ADDITION = 8;
/** The words casualties() looks for in a later sentence, with what they say (one lookup a token). */
const SENTENCE_WORDS = new Map<string, number>();
for (const w of OTHER_EVENT) SENTENCE_WORDS.set(w, (SENTENCE_WORDS.get(w) ?? 0) | W_OTHER_EVENT);
for (const w of ATTRIBUTED) SENTENCE_WORDS.set(w, (SENTENCE_WORDS.get(w) ?? 0) | W_ATTRIBUTED);
SENTENCE_WORDS.set('also', (SENTENCE_WORDS.get('also') ?? 0) | W_ALSO | W_ALSO_OR_ADDITION);
for (const w of ['addition', 'additionally']) SENTENCE_WORDS.set(w, (SENTENCE_WORDS.get(w) ?? 0) | W_ALSO_OR_ADDITION);
const SENTENCE_SHAPES = new ShapeFilter(SENTENCE_WORDS.keys());
function analysed(text: string, toks: readonly Tok[]): Analysed {
  if (text !== analysedText) { analysedText = text; analysedOf = new Map(); }
  let a = analysedOf.get(toks);
  if (a) return a;
  let otherEvent = false, attributed = false, also = false, alsoOrAddition = false;
  for (const t of toks) {
    if (!SENTENCE_SHAPES.maybe(t.n)) continue;
    const f = SENTENCE_WORDS.get(t.n);
    if (f === undefined) continue;
    if (f & W_OTHER_EVENT) otherEvent = true;
    if (f & W_ATTRIBUTED) attributed = true;
    if (f & W_ALSO) also = true;
    if (f & W_ALSO_OR_ADDITION) alsoOrAddition = true;
  }
  a = { coded: codedFigure(toks), statements: statements(toks), otherEvent, attributed, also, alsoOrAddition };
  analysedOf.set(toks, a);
  return a;
}

export interface Casualties { fatalities: Value<number> | null; injured: Value<number> | null }

/**
 * Casualties stated in `ranges` (spans of text: the event's sentences). Within a statement, counts
 * joined by "and" add up; separate statements add up unless a later one restates a figure ("the
 * three victims") or is a death toll, which replaces the sum.
 */
export function casualties(text: string, ranges: readonly Span[]): Casualties {
  const all: Statement[] = [];
  let coded: Statement | null = null;
  ranges.forEach((r, k) => {
    const a = analysed(text, tokens(text, r.start, r.end));
    coded ??= a.coded;
    const st = a.statements;
    if (k > 0 && all.length && !all.some((s) => s.kind === 'death') && st.some((s) => s.kind === 'death')) {
      // the first figure of deaths may come in a later sentence ("… 38 injured. One person later died")
      if (a.otherEvent) return;
      all.push(...st.filter((s) => s.kind === 'death'));
      return;
    }
    if (k > 0 && all.length) {
      // a later sentence about another incident, or another source's figure, is not added
      if (a.otherEvent) return;
      if (a.attributed && !a.also) return;
      // a later sentence usually details or restates the first figure; it adds only with "also"
      if (!a.alsoOrAddition) return;
    }
    all.push(...st);
  });
  if (coded) {
    const c = coded as Statement;
    return { fatalities: { value: c.value, span: c.span, how: 'stated', by: c.rule }, injured: pickInjured(all) };
  }
  const pick = (kind: Statement['kind']): Value<number> | null => {
    const st = all.filter((s) => s.kind === kind);
    if (!st.length) return null;
    const toll = st.find((s) => s.rule === 'arguments/death-toll');
    if (toll) return { value: toll.value, span: toll.span, how: 'stated', by: toll.rule };
    let sum = 0;
    const seen: number[] = [];
    let span = st[0]!.span;
    let rule = st[0]!.rule;
    for (const s of st) {
      if (s.definite && seen.includes(s.value)) continue;
      if (s.rule === 'arguments/toll-plural-unnumbered' && seen.length) continue;
      sum += s.value; seen.push(s.value);
      span = { start: Math.min(span.start, s.span.start), end: Math.max(span.end, s.span.end) };
      if (s !== st[0]) rule = 'arguments/toll-sum';
    }
    const how = rule === 'arguments/toll-vague' || rule === 'arguments/toll-plural-unnumbered' ? 'inferred' : 'stated';
    return { value: sum, span, how, by: rule };
  };
  return { fatalities: pick('death'), injured: pick('injury') };
}

function pickInjured(all: readonly Statement[]): Value<number> | null {
  const st = all.filter((s) => s.kind === 'injury');
  if (!st.length) return null;
  const sum = st.reduce((a, s) => a + s.value, 0);
  return { value: sum, span: st[0]!.span, how: 'stated', by: st.length > 1 ? 'arguments/toll-sum' : st[0]!.rule };
}

/** The deaths one sentence states, with what the later-toll rule needs to know about the sentence. */
export function sentenceToll(text: string, span: Span): { fatalities: Value<number> | null; injured: Value<number> | null; attributed: boolean; otherEvent: boolean; also: boolean } {
  const a = analysed(text, tokens(text, span.start, span.end));
  const c = casualties(text, [span]);
  return { fatalities: c.fatalities, injured: c.injured, attributed: a.attributed, otherEvent: a.otherEvent, also: a.alsoOrAddition };
}
