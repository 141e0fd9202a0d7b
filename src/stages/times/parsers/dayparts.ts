/**
 * Parts of the day without a day named: "in the morning", "during the night", "at midday", "by
 * noon", "by mid-afternoon" (TIME; the DCT's day here, the day the narrative is at once
 * ../narrative.ts has read the document), and "mid-afternoon yesterday" (that day). The
 * preposition stays outside the span; "noon Thursday" is the merge refiner's.
 */
import { addDays, fmtDay } from '../calendar.js';
import { regexParser } from '../engine.js';
import { anyHit, keywords } from './keywords.js';

const PART_WORDS = keywords(['morning', 'afternoon', 'evening', 'night', 'noon', 'midday', 'midnight']);
const DEICTIC: Record<string, number> = { yesterday: -1, today: 0, tonight: 0, tomorrow: 1 };

export const dayPartParser = regexParser(
  'daypart',
  () => new RegExp(
    '\\b(?:(?:in|during|through)\\s+(the\\s+(?:(?:early|late)\\s+)?(morning|afternoon|evening|night))\\b(?!\\s+(?:of|after|before)\\b)' +
    '|(?:at|by|around|before|after|until|till|from|about)\\s+((noon|midday|midnight))\\b' +
    '|mid[-\\s]?((morning|afternoon)\\b(?:\\s+(yesterday|today))?))', 'gi'),
  (ctx, m, offset) => {
    const word = (m[2] ?? m[4] ?? m[6])!.toLowerCase();
    const code = ctx.lex.dayparts.get(word);
    if (!code) return null;
    // the span leaves the preposition out; "mid-" is inside it
    const inner = m[1] ?? m[3] ?? m[0];
    if (m[5] && m.index > 0 && /[\w-]/.test(ctx.text[offset + m.index - 1] ?? '')) return null;
    const start = offset + m.index + m[0].length - inner.length;
    const end = offset + m.index + m[0].length;
    const deictic = m[7]?.toLowerCase();
    const base = { start, end, type: 'TIME' as const, precision: 'day' as const, relative: true };
    if (!ctx.dct) return { ...base, value: null, by: 'times/daypart', dayPart: code };
    const day = addDays(ctx.dct, deictic ? DEICTIC[deictic]! : 0);
    return { ...base, value: `${fmtDay(day)}T${code}`, by: deictic ? 'times/daypart:deictic' : 'times/daypart', day, ...(deictic ? {} : { dayPart: code }) };
  },
  (_segment, hits) => anyHit(hits, PART_WORDS),
);
