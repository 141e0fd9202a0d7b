/**
 * Stage "attribution": who says so. For each event, the sources that state it (claimed_by), each
 * source's claim (what it says: a toll, a cause, a denial), and whether sources disagree (contested).
 *
 * Reads sentences, actors, events, arguments; writes `attribution`. Cues:
 * data/lexicons/attribution/cues.json; rules: docs/rules-arguments.md (Attribution).
 *  - "X said / told / reported …", "… , X said", "according to X", "the X-based Y said": X is the
 *    actor mention next to the verb; "he/she/they said" takes the latest person or source before.
 *  - "…, saying / adding that …": the subject of the clause (the sentence's first actor).
 *  - "reportedly", "allegedly": claimed_by text 'reportedly' (the hedge word's span).
 *  - A later sentence that speaks of "the attack", "the strike", "the air raid"… is a claim about
 *    the latest earlier event (the main event when none precedes it in the paragraph).
 */
import { layer, type ActorMention, type Attribution, type Claim, type Document, type EventMention, type Sentence } from '../../model/document.js';
import type { Span } from '../../model/span.js';
import { defineStage } from '../../pipeline/stage.js';
import { loadJson } from '../../util/lexicon.js';
import { countBetween, tokens, type Tok } from '../actors/tokens.js';
import { casualties } from '../arguments/casualties.js';

interface Cues {
  speechVerbs: string[]; participles: string[]; hedges: string[]; pronouns: string[]; anaphors: string[];
  unintended: string[]; deliberate: string[]; denial: string[];
}
interface Compiled { verbs: Set<string>; parts: Set<string>; hedges: string[][]; pronouns: Set<string>; anaphors: string[][]; unintended: string[][]; deliberate: string[][]; denial: string[][] }
let C: Compiled | null = null;
function cues(): Compiled {
  if (C) return C;
  const L = loadJson<Cues>('attribution/cues.json');
  const ph = (l: string[]): string[][] => l.map((p) => p.split(/\s+/)).sort((a, b) => b.length - a.length);
  C = {
    verbs: new Set(L.speechVerbs), parts: new Set(L.participles), hedges: ph(L.hedges), pronouns: new Set(L.pronouns),
    anaphors: ph(L.anaphors), unintended: ph(L.unintended), deliberate: ph(L.deliberate), denial: ph(L.denial),
  };
  return C;
}
// phrase lists indexed by their first word (each group keeps the list's longest-first order)
const firstIndex = new WeakMap<string[][], Map<string, string[][]>>();
const phraseAt = (toks: readonly Tok[], i: number, list: string[][]): number => {
  let idx = firstIndex.get(list);
  if (!idx) {
    idx = new Map();
    for (const p of list) { const g = idx.get(p[0]!); if (g) g.push(p); else idx.set(p[0]!, [p]); }
    firstIndex.set(list, idx);
  }
  const t = toks[i];
  const group = t ? idx.get(t.n) : undefined;
  if (!group) return 0;
  for (const p of group) if (p.every((w, k) => toks[i + k]?.n === w)) return p.length;
  return 0;
};
const hasPhrase = (toks: readonly Tok[], list: string[][]): boolean => toks.some((_, i) => phraseAt(toks, i, list) > 0);

interface Speech {
  sentence: number;
  by: { text: string; span: Span };
  /** The said content: the clause after the verb (or the sentence). */
  says: Span;
  hedge: boolean;
  /** The speech verb ("denied"), when there is one. */
  verb?: string;
}

function speechesOf(text: string, s: Sentence, actors: readonly ActorMention[], lastSpeaker: { a: ActorMention | null }): Speech[] {
  const cu = cues();
  const toks = tokens(text, s.span.start, s.span.end);
  const inS = actors.filter((a) => a.span.start >= s.span.start && a.span.end <= s.span.end);
  const out: Speech[] = [];
  const actorEndingNear = (pos: number, maxGap: number): ActorMention | undefined => {
    const cands = inS.filter((a) => a.span.end <= pos && countBetween(toks, a.span.end, pos) <= maxGap);
    return cands.sort((x, y) => y.span.end - x.span.end)[0];
  };
  const actorStartingNear = (pos: number, maxGap: number): ActorMention | undefined =>
    inS.filter((a) => a.span.start >= pos && countBetween(toks, pos, a.span.start) <= maxGap)
      .sort((x, y) => x.span.start - y.span.start)[0];
  const rest = (i: number): Span => ({ start: toks[Math.min(i, toks.length - 1)]!.s, end: s.span.end });
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const hl = phraseAt(toks, i, cu.hedges);
    if (hl) {
      out.push({ sentence: s.index, by: { text: text.slice(t.s, toks[i + hl - 1]!.e), span: { start: t.s, end: toks[i + hl - 1]!.e } }, says: s.span, hedge: true });
      i += hl - 1;
      continue;
    }
    if (t.n === 'according' && toks[i + 1]?.n === 'to') {
      const a = actorStartingNear(toks[i + 2]?.s ?? s.span.end, 1);
      if (a) { out.push({ sentence: s.index, by: { text: a.text, span: a.span }, says: s.span, hedge: false }); lastSpeaker.a = a; }
      else {
        // an unlisted source: the capitalised words after "according to"
        let j = i + 2;
        while (toks[j] && (toks[j]!.cap || ['the', 'of', 'for', '-'].includes(toks[j]!.n)) && j - i < 10) j++;
        while (j > i + 2 && !toks[j - 1]!.cap) j--;
        if (j > i + 2) out.push({ sentence: s.index, by: { text: text.slice(toks[i + 2]!.s, toks[j - 1]!.e), span: { start: toks[i + 2]!.s, end: toks[j - 1]!.e } }, says: s.span, hedge: false });
      }
      continue;
    }
    if (cu.verbs.has(t.n)) {
      // "X said", ", X said" (after a quote), "said X"
      let a = actorEndingNear(t.s, 1);
      const prev = toks[i - 1];
      if (!a && prev && cu.pronouns.has(prev.n) && lastSpeaker.a) a = lastSpeaker.a;
      if (!a && (prev?.n === ',' || prev?.n === '"' || prev?.n === '”' || i === 0)) a = actorStartingNear(toks[i + 1]?.s ?? s.span.end, 1);
      if (!a && i > 0 && toks[i - 1]!.n !== 'was' && toks[i - 1]!.n !== 'were' && toks[i - 1]!.n !== 'be') {
        // "X, a spokesman for Y, said" style: nearest actor before, within the clause
        a = actorEndingNear(t.s, 3);
      }
      if (a && (a.isSource || ['government', 'military', 'police', 'igo', 'ngo', 'media', 'rebel', 'terrorist', 'militia', 'unknown'].includes(a.kind) || a.by.startsWith('actors/role') || a.by === 'actors/apposition' || a.by === 'actors/surname' || a.by === 'actors/person')) {
        // "…, the army said." : what is said is the sentence before the speaker
        const tail = toks.filter((x) => x.s > t.e && /[\p{L}\p{N}]/u.test(x.raw)).length;
        const says = tail < 3 && a.span.start > s.span.start + 10 ? { start: s.span.start, end: a.span.start } : rest(i + 1);
        out.push({ sentence: s.index, by: { text: a.text, span: a.span }, says, hedge: false, verb: t.n });
        lastSpeaker.a = a;
      }
      continue;
    }
    if (cu.parts.has(t.n) && toks[i - 1]?.n === ',') {
      const subj = inS.filter((a) => a.span.end <= t.s).sort((x, y) => x.span.start - y.span.start)[0];
      if (subj) { out.push({ sentence: s.index, by: { text: subj.text, span: subj.span }, says: rest(i + 1), hedge: false, verb: t.n }); lastSpeaker.a = subj; }
    }
  }
  // a role-bearing person or source mentioned is the latest speaker candidate for "he said"
  const people = inS.filter((a) => a.isSource || a.by.startsWith('actors/role') || a.by === 'actors/apposition' || a.by === 'actors/person');
  if (people.length && !out.length) lastSpeaker.a = people[people.length - 1]!;
  return out;
}

function claimOf(text: string, sp: Speech): Claim {
  const cu = cues();
  const toks = tokens(text, sp.says.start, sp.says.end);
  const says = text.slice(sp.says.start, Math.min(sp.says.end, sp.says.start + 240));
  const base = { by: sp.by, says, span: sp.says };
  if (sp.hedge) return { ...base, field: null, value: null };
  if ((sp.verb && cu.denial.some((d) => d.length === 1 && d[0] === sp.verb)) || hasPhrase(toks, cu.denial)) return { ...base, field: 'event', value: 'denied' };
  if (hasPhrase(toks, cu.unintended)) return { ...base, field: 'cause', value: 'unintentional' };
  if (hasPhrase(toks, cu.deliberate)) return { ...base, field: 'cause', value: 'deliberate' };
  const cas = casualties(text, [sp.says]);
  // "… also killed two": an added toll, not a competing figure
  if (toks.some((x) => x.n === 'also')) return { ...base, field: null, value: null };
  if (cas.fatalities) return { ...base, field: 'fatalities', value: cas.fatalities.value };
  if (cas.injured) return { ...base, field: 'injured', value: cas.injured.value };
  return { ...base, field: null, value: null };
}

/** The event a sentence without its own event refers to with "the attack", "the strike"… */
function anaphoricTarget(text: string, s: Sentence, events: readonly EventMention[], sentences: readonly Sentence[]): EventMention | null {
  const cu = cues();
  const toks = tokens(text, s.span.start, s.span.end);
  let found = false;
  for (let i = 0; i < toks.length; i++) {
    if (!['the', 'this', 'that', 'these'].includes(toks[i]!.n)) continue;
    // "the Deir ez-Zor attack", "the US-led airstrike": up to 4 words before the noun
    for (let k = i + 1; k <= i + 5 && k < toks.length; k++) if (phraseAt(toks, k, cu.anaphors)) { found = true; break; }
    if (found) break;
  }
  if (!found) return null;
  const earlier = events.filter((e) => e.sentence < s.index && !e.background && e.eventType.value !== 'Strategic developments');
  const para = sentences.find((x) => x.index === s.index)?.paragraph;
  const samePara = earlier.filter((e) => sentences.find((x) => x.index === e.sentence)?.paragraph === para);
  if (samePara.length) return samePara.sort((a, b) => b.sentence - a.sentence)[0]!;
  const main = events.filter((e) => !e.background && e.eventType.value !== 'Strategic developments').sort((a, b) => a.id - b.id)[0];
  return main && main.sentence < s.index ? main : earlier.sort((a, b) => a.id - b.id)[0] ?? null;
}

export function attributions(doc: Document): Attribution[] {
  const text = doc.text;
  const sentences = layer(doc, 'sentences');
  const actors = layer(doc, 'actors');
  const events = layer(doc, 'events');
  const last = { a: null as ActorMention | null };
  const bySentence = new Map<number, Speech[]>();
  for (const s of sentences) bySentence.set(s.index, speechesOf(text, s, actors, last));
  const claims = new Map<number, Claim[]>();
  const claimed = new Map<number, { text: string; span: Span }[]>();
  const push = (ev: number, sp: Speech): void => {
    const cl = claimedByOf(ev);
    if (!cl.some((c) => c.text.toLowerCase() === sp.by.text.toLowerCase())) cl.push(sp.by);
    (claims.get(ev) ?? claims.set(ev, []).get(ev)!).push(claimOf(text, sp));
  };
  const claimedByOf = (ev: number): { text: string; span: Span }[] => claimed.get(ev) ?? claimed.set(ev, []).get(ev)!;
  for (const ev of events) {
    for (const s of sentences) {
      if (s.span.start > ev.evidence.end || s.span.end < ev.evidence.start) continue;
      for (const sp of bySentence.get(s.index) ?? []) push(ev.id, sp);
    }
  }
  // later sentences about "the attack"
  for (const s of sentences) {
    const sps = bySentence.get(s.index) ?? [];
    if (!sps.length) continue;
    // a sentence's own ACLED event keeps its speakers; a verbal reaction (PLOVER-only: rejects,
    // accuses, denies) speaks about the event already reported
    const own = events.filter((e) => e.sentence === s.index && e.eventType.value !== null && e.eventType.value !== 'Strategic developments');
    if (own.length) continue;
    const target = anaphoricTarget(text, s, events, sentences);
    if (!target) continue;
    for (const sp of sps) push(target.id, sp);
  }
  return events.map((ev) => {
    const cl = claims.get(ev.id) ?? [];
    return { event: ev.id, claimedBy: claimed.get(ev.id) ?? [], claims: cl, contested: contested(cl) };
  });
}

/** Sources disagree: different tolls, opposite causes, or a denial next to other claims. */
export function contested(claims: readonly Claim[]): boolean {
  const named = claims.filter((c) => c.field !== null);
  const speakers = new Set(claims.map((c) => c.by.text.toLowerCase()));
  if (speakers.size < 2) return false;
  const differs = (field: Claim['field']): boolean => {
    const vals = new Map<string, Set<string>>();
    for (const c of named.filter((x) => x.field === field)) {
      const k = String(c.value);
      (vals.get(k) ?? vals.set(k, new Set()).get(k)!).add(c.by.text.toLowerCase());
    }
    if (vals.size < 2) return false;
    const all = new Set([...vals.values()].flatMap((x) => [...x]));
    return all.size >= 2;
  };
  if (differs('fatalities') || differs('cause') || differs('actor1')) return true;
  const denial = named.find((c) => c.field === 'event' && c.value === 'denied');
  return !!denial && claims.some((c) => c.by.text.toLowerCase() !== denial.by.text.toLowerCase());
}

export const attributionStage = defineStage({
  name: 'attribution',
  reads: ['sentences', 'actors', 'events', 'arguments'],
  writes: ['attribution'],
  run: (doc) => ({ layers: { attribution: attributions(doc) } }),
});
