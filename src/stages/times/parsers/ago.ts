/**
 * Distances from the DCT: "two days ago" (a day), "six weeks ago" (a week), "five months ago" (a
 * month), "a year earlier", "three years later" (a year; TimeBank anchors these on the DCT too),
 * "a decade ago" (a year). Vague counts ("several years ago", "months ago") are PAST_REF /
 * FUTURE_REF.
 */
import { shift, type Unit } from '../anchor.js';
import { regexParser } from '../engine.js';
import { numberValue, timeLexicon } from '../lexicon.js';
import { durationValue, UNIT_WORDS } from './durations.js';
import { anyHit, keywords } from './keywords.js';
import { B, E, mk, numberLetters } from './util.js';

const AGO_WORDS = keywords(['ago', 'earlier', 'later', 'from now', 'hence', 'before', 'after'], 'word');

/** A comparison before "a year ago" ("from $5 a year ago", "than a year ago", "compared with …"; "from" only with a figure after it). */
export const COMPARE = /(?:\b(?:than|compared\s+(?:with|to)|versus|vs\.?)\b|\bfrom\s+(?:[^.;:!?\d]|\.(?=\d))*?(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|a\s+share)\b))(?:[^.;:!?]|\.(?=\d))*$/i;
/** A figure right before ("net of $1.1 million, or four cents a share, a year ago", "rose 19% from a year ago"): a period's figure compared. */
export const FIGURE_BEFORE = /(?:\d%?|\bmillion|\bbillion|\bpercent|\bcents?|\ba\s+share),?\s+(?:from\s+)?$/i;

const UNIT: Record<string, Unit | 'DEY'> = { D: 'D', W: 'W', M: 'M', Q: 'Q', Y: 'Y', DE: 'DEY', FN: 'W' };

export const agoParser = regexParser(
  'ago',
  (ctx) => new RegExp(`${B}(?:(${ctx.lex.re.number})[\\s-]+)?(${ctx.lex.re.unit})(\\s+and\\s+a\\s+half)?\\s+(ago|earlier|later|from\\s+now|hence|before|after)${E}`, 'gi'),
  (ctx, m, offset) => {
    const unitCode = ctx.lex.units.get(m[2]!.toLowerCase())!;
    const dirWord = m[4]!.toLowerCase();
    const sign = dirWord === 'ago' || dirWord === 'earlier' || dirWord === 'before' ? -1 : 1;
    let n = m[1] ? numberValue(ctx.lex, m[1]) : 'X';
    if (n === null) return null;
    if (m[3] && n !== 'X') n += 0.5; // "a minute and a half later"
    if (dirWord === 'before' || dirWord === 'after' || dirWord === 'later') {
      // "two days before the vote", "three days later": anchored on a narrated event, not on the
      // DCT; TIMEX3 marks the distance itself as a DURATION ("two days")
      const span = m[0].slice(0, m[0].length - m[4]!.length).trimEnd();
      const value = durationValue(unitCode, n);
      return { start: offset + m.index, end: offset + m.index + span.length, type: 'DURATION', value, precision: null, relative: false, by: 'times/ago:event-anchored' };
    }
    if (n === 'X' || !Number.isInteger(n)) {
      return mk(offset, m, 'DATE', sign < 0 ? 'PAST_REF' : 'FUTURE_REF', null, false, 'times/ago:vague');
    }
    const u = UNIT[unitCode];
    if (!u) {
      // hours, minutes: a time on the DCT's day, not modelled more finely
      return mk(offset, m, 'TIME', null, 'day', true, 'times/ago:clock');
    }
    const k = sign * (u === 'DEY' ? 10 * n : unitCode === 'FN' ? 2 * n : n);
    // "a year earlier" is a year before the time the narrative is at (../narrative.ts), which
    // replaces the DCT-based value when the text has named one; "ago" is always from the DCT
    const nu = u === 'DEY' ? 'Y' : u === 'DE' || u === 'CE' ? null : u;
    // a comparison ("up from $5 a year ago", "higher than a year ago") also compares periods: the
    // one the narrative is at, a year back
    const before = ctx.text.slice(Math.max(0, offset + m.index - 80), offset + m.index);
    const compares = dirWord === 'ago' && (COMPARE.test(before) || FIGURE_BEFORE.test(before));
    const narrative = (dirWord === 'earlier' || compares) && nu
      ? { narrative: { unit: nu, n: k, keep: true, ...(nu === 'Y' && k === -1 ? { prefer: 'Q' as const } : {}) } } : {};
    if (!ctx.dct) return mk(offset, m, 'DATE', null, null, true, 'times/ago', narrative);
    const s = u === 'DEY' ? shift(ctx.dct, 'Y', k) : shift(ctx.dct, u, k);
    return mk(offset, m, 'DATE', s.value, s.precision, true, 'times/ago', { ...(s.day ? { day: s.day } : {}), ...narrative });
  },
  (_segment, hits) => anyHit(hits, AGO_WORDS) && anyHit(hits, UNIT_WORDS), // /\b(?:ago|earlier|later|from now|hence|before|after)\b/ and a unit
  // before the unit its number; after it "and a half", "ago|earlier|…" (word characters and spaces)
  { words: UNIT_WORDS, letters: () => numberLetters(timeLexicon()), tail: '' },
);
