/**
 * Days named from the DCT: "today", "yesterday", "tomorrow", "tonight", "last night", "this
 * morning", "yesterday afternoon", "the day before yesterday". With a part of the day the type is
 * TIME and the value carries TIMEX3's part code (2020-09-01TNI).
 */
import { addDays, fmtDay } from '../calendar.js';
import { regexParser } from '../engine.js';
import type { Candidate } from '../types.js';
import { timeLexicon } from '../lexicon.js';
import { anyHit, keywords, lazyKeywords } from './keywords.js';
import { B, E, longestWord, mk } from './util.js';

const DAY_WORDS = keywords(['today', 'yesterday', 'tomorrow', 'tonight']);
/** "this/last" count only before a part of the day (after a space: at a word start). */
const THIS_LAST = keywords(['this', 'last']);
const PART_WORDS = lazyKeywords(() => [...timeLexicon().dayparts.keys()].map(longestWord), 'start');

const BASE: Record<string, number> = { today: 0, yesterday: -1, tomorrow: 1, tonight: 0, this: 0, last: -1 };

export const deicticParser = regexParser(
  'deictic',
  (ctx) => new RegExp(
    `${B}(?:(?:the\\s+day\\s+(before|after)\\s+)?(today|yesterday|tomorrow|tonight)(?:\\s+(${ctx.lex.re.daypart}))?` +
    `|(this|last)\\s+(${ctx.lex.re.daypart}))${E}`, 'gi'),
  (ctx, m, offset) => {
    const word = (m[2] ?? m[4])!.toLowerCase();
    const part = (m[3] ?? m[5])?.toLowerCase();
    if (m[4] && !part) return null;
    if (word === 'last' && part && part !== 'night') return null; // "last morning" is not idiomatic
    if (m[4] && part && /^\d/.test(ctx.lex.dayparts.get(part) ?? '')) return null; // "this noon"
    let n = BASE[word]!;
    if (m[1]) n += m[1].toLowerCase() === 'before' ? -1 : 1;
    const code = word === 'tonight' ? 'NI' : part ? ctx.lex.dayparts.get(part)! : null;
    const type: Candidate['type'] = code ? 'TIME' : 'DATE';
    if (!ctx.dct) return mk(offset, m, type, null, 'day', true, 'times/deictic');
    const day = addDays(ctx.dct, n);
    const value = code ? `${fmtDay(day)}T${code}` : fmtDay(day);
    return mk(offset, m, type, value, 'day', true, 'times/deictic', { day });
  },
  (_segment, hits) => anyHit(hits, DAY_WORDS) || (anyHit(hits, THIS_LAST) && anyHit(hits, PART_WORDS)),
);
