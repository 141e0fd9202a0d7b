/**
 * The times engine, in chrono-node's style: parsers each find one kind of expression, refiners
 * then adjust the candidates of a segment (modifiers, merges, overlap removal), in order.
 */
import { scanKeywords } from './parsers/keywords.js';
import type { Candidate, TimeContext, TimeParser, TimeRefiner } from './types.js';

/** A regular-expression parser: `extract` turns each match into candidates (or nothing). */
export function regexParser(
  id: string,
  build: (ctx: TimeContext) => RegExp,
  extract: (ctx: TimeContext, m: RegExpExecArray, offset: number) => Candidate | Candidate[] | null,
  prefilter?: (lower: string, hits: Uint8Array) => boolean,
): TimeParser {
  let re: RegExp | null = null;
  return {
    id,
    prefilter,
    scan(ctx, segment, offset) {
      re ??= build(ctx);
      if (!re.global) throw new Error(`times parser ${id}: pattern must be global`);
      const out: Candidate[] = [];
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(segment))) {
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
    const lower = s.toLowerCase();
    const hits = scanKeywords(lower);
    let cands: Candidate[] = [];
    for (const p of parsers) {
      if (p.prefilter && !p.prefilter(lower, hits)) continue;
      for (const c of p.scan(ctx, s, seg.start)) cands.push(c);
    }
    if (!cands.length) continue;
    for (const r of refiners) cands = r.refine(ctx, cands, seg);
    all.push(...cands);
  }
  return all.sort((a, b) => a.start - b.start || b.end - a.end);
}
