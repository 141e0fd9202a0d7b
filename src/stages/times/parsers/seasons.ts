/**
 * Seasons: "last summer", "this spring", "the winter of 1994", "summer 2019", "in the autumn" →
 * 2019-SU. A season needs a determiner, a preposition or a year before it counts ("prices fall",
 * "Arab Spring" and "the fall of the city" are not times). Without a year: "last" is the latest
 * such season that ended before the DCT's month, "next" the first to start after it, otherwise
 * the DCT's year.
 */
import { regexParser } from '../engine.js';
import { anyHit, keywords } from './keywords.js';
import { B, E, mk, wordBefore } from './util.js';

const SEASON_WORDS = keywords(['spring', 'summer', 'autumn', 'fall', 'winter']);

const START: Record<string, number> = { SP: 3, SU: 6, FA: 9, WI: 12 };

export const seasonParser = regexParser(
  'season',
  (ctx) => new RegExp(
    `${B}(?:(last|this|next|this\\s+past|the|early|late|mid)[\\s-]+)?(?:the\\s+)?(${ctx.lex.re.season})` +
    `(?:\\s+(?:of\\s+)?(\\d{4}))?${E}`, 'gi'),
  (ctx, m, offset) => {
    const pre = m[1]?.toLowerCase().replace(/\s+/g, ' ');
    const name = m[2]!;
    const year = m[3] ? Number(m[3]) : null;
    const code = ctx.lex.seasons.get(name.toLowerCase())!;
    if (/^[A-Z]/.test(name) && !pre && year === null) return null;
    const after = ctx.text.slice(offset + m.index + m[0].length, offset + m.index + m[0].length + 4);
    // "the fall of Kabul"; "the winter of nineteen ninety-four" is a season and a year in words (merged by ../refiners/merges.ts)
    if (year === null && /^\s+of\b/i.test(after) && !/^\s+of\s+(?:eighteen|nineteen|twenty|two\s+thousand)\b/i.test(ctx.text.slice(offset + m.index + m[0].length, offset + m.index + m[0].length + 20))) return null;
    if (!pre && year === null && !['in', 'during', 'since', 'until', 'by', 'through', 'over'].includes(wordBefore(ctx.text, offset + m.index))) return null;
    if (year !== null) return mk(offset, m, 'DATE', `${year}-${code}`, 'season', false, 'times/season');
    if (!ctx.dct) return mk(offset, m, 'DATE', null, 'season', true, 'times/season');
    const dm = ctx.dct.y * 12 + ctx.dct.m;
    let y = ctx.dct.y;
    if (pre === 'last' || pre === 'this past') {
      y = ctx.dct.y + 1;
      while (y * 12 + START[code]! + 3 > dm) y--;
    } else if (pre === 'next') {
      y = ctx.dct.y - 1;
      while (y * 12 + START[code]! <= dm) y++;
    }
    return mk(offset, m, 'DATE', `${y}-${code}`, 'season', true, 'times/season');
  },
  (_segment, hits) => anyHit(hits, SEASON_WORDS),
);
