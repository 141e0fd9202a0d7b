/**
 * Choosing an event's date among the time expressions around it (for the arguments stage).
 *
 * 1. Only DATE and TIME mentions with a calendar value count (not durations, frequencies,
 *    PRESENT_REF/PAST_REF, nor unresolved ones).
 * 2. Background dates are skipped: a date introduced by "since", "until", "before", "prior to",
 *    "as of", or following "born", "founded", "established", "formed", "elected" in its clause
 *    ("fighting since 2011" does not date the attack).
 * 3. In the event's own sentence, the most precise date wins (day, then week, month, season, year),
 *    then the nearest to the trigger (`offset`) — stated.
 * 4. Else the nearest earlier sentence of the same paragraph that has one (news carries a date
 *    forward: "On Monday, … . The militants then …"), then the first day-precise date of the
 *    article's opening paragraph — inferred.
 */
import type { Sentence, TimeMention } from '../../model/document.js';

export interface EventDatePick {
  readonly time: TimeMention;
  readonly how: 'stated' | 'inferred';
  /** Rule id: times/pick:same-sentence | times/pick:paragraph | times/pick:lede. */
  readonly by: string;
}

const RANK: Record<string, number> = { day: 0, week: 1, month: 2, season: 3, year: 4, decade: 5 };
const BACKGROUND_BEFORE = /(?:\b(?:since|until|till|before|prior\s+to|as\s+of|by\s+the\s+end\s+of)\s+(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?$)|(?:\b(?:born|founded|established|formed|elected|created|built|launched|began|started)\b[^.;]{0,30}$)/i;

export function usableDate(t: TimeMention): boolean {
  return (t.type === 'DATE' || t.type === 'TIME') && t.value !== null && /^\d{4}/.test(t.value);
}

export function isBackground(text: string, t: TimeMention): boolean {
  return BACKGROUND_BEFORE.test(text.slice(Math.max(0, t.span.start - 50), t.span.start));
}

export function pickEventDate(
  text: string,
  times: readonly TimeMention[],
  sentences: readonly Sentence[],
  at: { readonly sentence: number; readonly offset?: number },
): EventDatePick | null {
  const ok = times.filter((t) => usableDate(t) && !isBackground(text, t));
  const best = (cands: TimeMention[], offset?: number): TimeMention | null => {
    let b: TimeMention | null = null, bk = Infinity;
    for (const t of cands) {
      const dist = offset === undefined ? t.span.start : Math.abs(t.span.start - offset);
      const k = (RANK[t.precision ?? 'year'] ?? 6) * 1e7 + dist;
      if (k < bk) { b = t; bk = k; }
    }
    return b;
  };
  const same = best(ok.filter((t) => t.sentence === at.sentence), at.offset);
  if (same) return { time: same, how: 'stated', by: 'times/pick:same-sentence' };
  const sent = sentences.find((s) => s.index === at.sentence);
  if (sent) {
    for (let i = at.sentence - 1; i >= 0; i--) {
      const s = sentences.find((x) => x.index === i);
      if (!s || s.paragraph !== sent.paragraph) break;
      const t = best(ok.filter((x) => x.sentence === i));
      if (t) return { time: t, how: 'inferred', by: 'times/pick:paragraph' };
    }
  }
  const firstPara = sentences.length ? sentences[0]!.paragraph : null;
  const lede = ok.filter((t) => t.precision === 'day' && sentences.some((s) => s.index === t.sentence && s.paragraph === firstPara));
  if (lede.length && (!sent || sent.paragraph !== firstPara || lede[0]!.sentence < at.sentence)) {
    return { time: lede[0]!, how: 'inferred', by: 'times/pick:lede' };
  }
  return null;
}
