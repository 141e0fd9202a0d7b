/**
 * The times engine, in chrono-node's style: parsers each find one kind of expression, refiners
 * then adjust the candidates of a segment (modifiers, merges, overlap removal), in order.
 */
import { firstHit, lastHit, scanKeywords } from './parsers/keywords.js';
import { isSpace, isWordChar } from './parsers/util.js';
import type { Candidate, TimeContext, TimeParser, TimeRefiner } from './types.js';

/**
 * Where every match of a parser's pattern holds one of `words` (registered keywords, ./parsers/keywords.ts)
 * with at most `letters()` ASCII letters before it in the match, and otherwise only digits, white
 * space and - . , / ½ ' ’: the scan starts where such a lead before the first of those words
 * could begin (the text before it cannot hold a match). With `tail`: a match and its lookaheads
 * read from such a word on only word characters, white space and the characters of `tail`; the
 * scan then also ends at the first other character after the last of those words.
 */
export interface Lead {
  readonly words: readonly number[];
  readonly letters: () => number;
  readonly tail?: string;
}

/** ASCII word characters and white space, and `extra`: the ASCII characters a tail can have. */
function tailSet(extra: string): Uint8Array {
  const set = new Uint8Array(128);
  for (let c = 0; c < 128; c++) if (isWordChar(c) || isSpace(c) || extra.includes(String.fromCharCode(c))) set[c] = 1;
  return set;
}

let leadsOn = true;
/** Tests: scan every segment whole (a lead must never change a result). */
export function useLeads(on: boolean): void {
  leadsOn = on;
}

/** The earliest start of a match whose keyword is at `at` (see Lead). */
export function leadStart(s: string, at: number, letters: number): number {
  let i = at;
  while (i > 0) {
    const c = s.charCodeAt(i - 1);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) { if (--letters < 0) break; }
    else if (!((c >= 48 && c <= 57) || c === 45 || c === 46 || c === 44 || c === 47 || c === 0xbd || c === 39 || c === 0x2019 || isSpace(c))) break;
    i--;
  }
  return i;
}

/** A regular-expression parser: `extract` turns each match into candidates (or nothing). */
export function regexParser(
  id: string,
  build: (ctx: TimeContext) => RegExp,
  extract: (ctx: TimeContext, m: RegExpExecArray, offset: number) => Candidate | Candidate[] | null,
  prefilter?: (segment: string, hits: Uint8Array) => boolean,
  lead?: Lead,
): TimeParser {
  let re: RegExp | null = null;
  let letters = -1;
  const tail = lead?.tail !== undefined ? tailSet(lead.tail) : null;
  return {
    id,
    prefilter,
    scan(ctx, segment, offset, hits) {
      re ??= build(ctx);
      if (!re.global) throw new Error(`times parser ${id}: pattern must be global`);
      const out: Candidate[] = [];
      let from = 0;
      let text = segment;
      if (lead && hits && leadsOn) {
        const at = firstHit(hits, lead.words);
        if (letters < 0) letters = lead.letters();
        if (at > 0) from = leadStart(segment, at, letters);
        if (tail && at >= 0) {
          let cut = lastHit(hits, lead.words);
          for (let c; cut < segment.length && ((c = segment.charCodeAt(cut)) < 128 ? tail[c] === 1 : isSpace(c)); cut++);
          if (cut < segment.length) text = segment.slice(0, cut);
        }
      }
      re.lastIndex = from;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text))) {
        if (m[0].length === 0) { re.lastIndex++; continue; }
        const c = extract(ctx, m, offset);
        if (Array.isArray(c)) out.push(...c);
        else if (c) out.push(c);
      }
      return out;
    },
  };
}

export interface Segment { readonly start: number; readonly end: number }

export function runEngine(
  ctx: TimeContext,
  segments: readonly Segment[],
  parsers: readonly TimeParser[],
  refiners: readonly TimeRefiner[],
): Candidate[] {
  const all: Candidate[] = [];
  for (const seg of segments) {
    const s = ctx.text.slice(seg.start, seg.end);
    let cands: Candidate[] = [];
    const hits = scanKeywords(ctx.text, seg.start, seg.end);
    for (const p of parsers) {
      if (p.prefilter && !p.prefilter(s, hits)) continue;
      for (const c of p.scan(ctx, s, seg.start, hits)) cands.push(c);
    }
    if (!cands.length) continue;
    for (const r of refiners) cands = r.refine(ctx, cands, seg);
    all.push(...cands);
  }
  return all.sort((a, b) => a.start - b.start || b.end - a.end);
}
