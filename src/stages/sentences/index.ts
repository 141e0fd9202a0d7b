/**
 * Stage "sentences": splits each body paragraph into sentences and tokens.
 *
 * Reads `clean` (body paragraph spans), writes `sentences`. A sentence ends at . ! ? (with any
 * closing quotes or brackets) followed by white space and an upper-case letter, digit or opening
 * quote, unless the word before the period is a known abbreviation (data/lexicons/abbreviations.txt)
 * or a single capital initial ("Paul J. Saunders"). Paragraph ends always end a sentence.
 */
import { layer, type Sentence, type Token } from '../../model/document.js';
import { defineStage } from '../../pipeline/stage.js';
import { loadList } from '../../util/lexicon.js';

let abbrev: Set<string> | null = null;
const abbreviations = (): Set<string> => (abbrev ??= new Set(loadList('abbreviations.txt')));

/** Words (with inner hyphens, apostrophes, periods as in U.S.), numbers (1,200 / 3.5), or one symbol. */
const TOKEN = /\p{L}[\p{L}\p{M}\p{N}]*(?:[-'’.]\p{L}[\p{L}\p{M}\p{N}]*)*\.?|\p{N}+(?:[.,:/]\p{N}+)*(?:st|nd|rd|th|s)?|\S/gu;

export function tokenize(text: string, start: number, end: number): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = start;
  const slice = text.slice(0, end);
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(slice))) {
    let s = m.index, e = m.index + m[0].length;
    let w = m[0];
    // a word-final period belongs to the word only when the word is an abbreviation or an initial
    if (w.length > 1 && w.endsWith('.') && /\p{L}/u.test(w[0]!)) {
      const bare = w.slice(0, -1).toLowerCase();
      const keep = abbreviations().has(bare) || /^\p{Lu}$/u.test(w.slice(0, -1)) || bare.includes('.');
      if (!keep) {
        out.push({ start: s, end: e - 1, norm: w.slice(0, -1).toLowerCase() });
        out.push({ start: e - 1, end: e, norm: '.' });
        continue;
      }
    }
    out.push({ start: s, end: e, norm: w.toLowerCase() });
  }
  return out;
}

const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»']);

function isBoundary(text: string, tokens: Token[], i: number): number {
  // returns the index of the last token of the sentence (i or after closers), or -1
  const t = tokens[i]!;
  const ch = t.norm;
  const endsWithPeriod = ch === '.' || ch === '!' || ch === '?' || ch === '…' || (ch.length > 1 && ch.endsWith('.'));
  if (!endsWithPeriod) return -1;
  if (ch.length > 1) {
    // a token like "U.S." or "Gen." ends a sentence only if what follows looks like a new sentence
    // and the abbreviation is one that commonly ends sentences (U.S., etc.)
    const bare = ch.slice(0, -1);
    if (!['u.s', 'u.n', 'u.k', 'etc', 'inc', 'ltd', 'co', 'corp', 'a.m', 'p.m'].includes(bare)) return -1;
  }
  let j = i;
  while (j + 1 < tokens.length && CLOSERS.has(tokens[j + 1]!.norm) && tokens[j + 1]!.start === tokens[j]!.end) j++;
  const next = tokens[j + 1];
  if (!next) return j;
  if (next.start === tokens[j]!.end) return -1; // no space: "3.5", "Council.21:12"
  const first = text[next.start]!;
  if (/[\p{Lu}\p{N}"“‘'(\[]/u.test(first)) return j;
  return -1;
}

export function splitSentences(text: string, body: readonly { start: number; end: number }[]): Sentence[] {
  const out: Sentence[] = [];
  body.forEach((para, p) => {
    const tokens = tokenize(text, para.start, para.end);
    let from = 0;
    for (let i = 0; i < tokens.length; i++) {
      const last = isBoundary(text, tokens, i);
      if (last < 0 && i < tokens.length - 1) continue;
      const end = last < 0 ? i : last;
      const toks = tokens.slice(from, end + 1);
      if (toks.length) {
        out.push({ index: out.length, span: { start: toks[0]!.start, end: toks[toks.length - 1]!.end }, tokens: toks, paragraph: p });
      }
      from = end + 1;
      i = end;
    }
  });
  return out;
}

export const sentencesStage = defineStage({
  name: 'sentences',
  reads: ['clean'],
  writes: ['sentences'],
  run: (doc) => ({ layers: { sentences: splitSentences(doc.text, layer(doc, 'clean').body) } }),
});
