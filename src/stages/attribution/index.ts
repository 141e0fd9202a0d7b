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
import { countBetween, endAtOrBefore, ShapeFilter, tokens, type Tok } from '../actors/tokens.js';
import { casualties } from '../arguments/casualties.js';
import { loadLexicons, matchSentence } from '../events/lexicon.js';

interface Cues {
  speechVerbs: string[]; participles: string[]; hedges: string[]; pronouns: string[]; anaphors: string[];
  unintended: string[]; deliberate: string[]; denial: string[];
}
/** A phrase list, longest first, and its phrases by first word (each group keeps that order). */
interface Phrases { readonly list: readonly string[][]; readonly byFirst: Map<string, string[][]>; readonly shapes: ShapeFilter }
/** What a word can start in speechesOf(): a hedge phrase, a speech verb, a participle ("saying"). */
interface CueWord { hedges: string[][] | null; verb: boolean; part: boolean }
interface Compiled {
  verbs: Set<string>; parts: Set<string>; hedges: Phrases; pronouns: Set<string>; anaphors: Phrases; unintended: Phrases;
  deliberate: Phrases; denial: Phrases;
  /** Every word that is a hedge's first word, a speech verb or a participle. */
  words: Map<string, CueWord>;
  wordShapes: ShapeFilter;
}
let C: Compiled | null = null;
function cues(): Compiled {
  if (C) return C;
  const L = loadJson<Cues>('attribution/cues.json');
  const ph = (l: string[]): Phrases => {
    const list = l.map((p) => p.split(/\s+/)).sort((a, b) => b.length - a.length);
    const byFirst = new Map<string, string[][]>();
    for (const p of list) { const g = byFirst.get(p[0]!); if (g) g.push(p); else byFirst.set(p[0]!, [p]); }
    return { list, byFirst, shapes: new ShapeFilter(byFirst.keys()) };
  };
  const hedges = ph(L.hedges);
  const verbs = new Set(L.speechVerbs), parts = new Set(L.participles);
  const words = new Map<string, CueWord>();
  for (const w of [...hedges.byFirst.keys(), ...verbs, ...parts]) {
    words.set(w, { hedges: hedges.byFirst.get(w) ?? null, verb: verbs.has(w), part: parts.has(w) });
  }
  C = {
    verbs, parts, hedges, pronouns: new Set(L.pronouns),
    anaphors: ph(L.anaphors), unintended: ph(L.unintended), deliberate: ph(L.deliberate), denial: ph(L.denial), words,
    wordShapes: new ShapeFilter(words.keys()),
  };
  return C;
}
/** Length of the first (longest) phrase of `group` at token i, 0 when none. */
function groupAt(toks: readonly Tok[], i: number, group: readonly string[][] | null | undefined): number {
  if (!group) return 0;
  outer: for (const p of group) {
    if (i + p.length > toks.length) continue;
    for (let k = 1; k < p.length; k++) if (toks[i + k]!.n !== p[k]) continue outer;
    if (toks[i]!.n !== p[0]) continue;
    return p.length;
  }
  return 0;
}
const phraseAt = (toks: readonly Tok[], i: number, ph: Phrases): number => {
  const t = toks[i];
  return t && ph.shapes.maybe(t.n) ? groupAt(toks, i, ph.byFirst.get(t.n)) : 0;
};
const hasPhrase = (toks: readonly Tok[], ph: Phrases): boolean => {
  for (let i = 0; i < toks.length; i++) if (phraseAt(toks, i, ph) > 0) return true;
  return false;
};

/** Actors by position, to take those inside a span without scanning them all. */
interface ActorIndex { readonly byStart: readonly { a: ActorMention; at: number }[] }
function indexActors(actors: readonly ActorMention[]): ActorIndex {
  const byStart = actors.map((a, at) => ({ a, at }));
  byStart.sort((x, y) => x.a.span.start - y.a.span.start || x.at - y.at);
  return { byStart };
}
/** The actors wholly inside `span`, in layer order (as `actors.filter` gives them). */
function actorsInside(ix: ActorIndex, span: Span): ActorMention[] {
  const b = ix.byStart;
  let lo = 0, hi = b.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (b[mid]!.a.span.start < span.start) lo = mid + 1; else hi = mid; }
  const hits: { a: ActorMention; at: number }[] = [];
  for (let k = lo; k < b.length && b[k]!.a.span.start <= span.end; k++) if (b[k]!.a.span.end <= span.end) hits.push(b[k]!);
  hits.sort((x, y) => x.at - y.at);
  return hits.map((x) => x.a);
}

const WORDLIKE = /[\p{L}\p{N}]/u;

interface Speech {
  sentence: number;
  by: { text: string; span: Span };
  /** The said content: the clause after the verb (or the sentence). */
  says: Span;
  hedge: boolean;
  /** The speech verb ("denied"), when there is one. */
  verb?: string;
}

function speechesOf(text: string, s: Sentence, actors: ActorIndex, lastSpeaker: { a: ActorMention | null }): Speech[] {
  const cu = cues();
  const toks = tokens(text, s.span.start, s.span.end);
  const inS = actorsInside(actors, s.span);
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
    const w = cu.wordShapes.maybe(t.n) ? cu.words.get(t.n) : undefined;
    const hl = w ? groupAt(toks, i, w.hedges) : 0;
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
    if (w?.verb) {
      // "X said", ", X said" (after a quote), "said X"
      let a = actorEndingNear(t.s, 1);
      const prev = toks[i - 1];
      if (!a && prev && cu.pronouns.has(prev.n) && lastSpeaker.a) a = lastSpeaker.a;
      if (!a && (prev?.n === ',' || prev?.n === '"' || prev?.n === '”' || i === 0)) a = actorStartingNear(toks[i + 1]?.s ?? s.span.end, 1);
      if (!a && i > 0 && toks[i - 1]!.n !== 'was' && toks[i - 1]!.n !== 'were' && toks[i - 1]!.n !== 'be') {
        // "X, a spokesman for Y, said" style: nearest actor before, within the clause
        a = actorEndingNear(t.s, 3);
      }
      // "No group has claimed the attack": a negated subject names no speaker
      if (a && /^(?:no|not|none|nobody)$/.test(toks[endAtOrBefore(toks, a.span.start) - 1]?.n ?? '')) a = undefined;
      // people who saw it speak too ("residents said", "two witnesses told Reuters") when the verb follows them
      const witness = !!a && (a.kind === 'civilians' || a.kind === 'protesters') && countBetween(toks, a.span.end, t.s) === 0;
      if (a && (witness || a.isSource || ['government', 'military', 'police', 'igo', 'ngo', 'media', 'rebel', 'terrorist', 'militia', 'unknown'].includes(a.kind) || a.by.startsWith('actors/role') || a.by === 'actors/apposition' || a.by === 'actors/surname' || a.by === 'actors/person')) {
        // "…, the army said." : what is said is the sentence before the speaker
        let tail = 0;
        for (const x of toks) if (x.s > t.e && WORDLIKE.test(x.raw)) tail++;
        const says = tail < 3 && a.span.start > s.span.start + 10 ? { start: s.span.start, end: a.span.start } : rest(i + 1);
        out.push({ sentence: s.index, by: { text: a.text, span: a.span }, says, hedge: false, verb: t.n });
        lastSpeaker.a = a;
      }
      continue;
    }
    if (w?.part && toks[i - 1]?.n === ',') {
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
  // the fields in the order { by, says, span, field, value }
  const claim = (field: Claim['field'], value: Claim['value']): Claim => ({ by: sp.by, says, span: sp.says, field, value });
  if (sp.hedge) return claim(null, null);
  if ((sp.verb && cu.denial.list.some((d) => d.length === 1 && d[0] === sp.verb)) || hasPhrase(toks, cu.denial)) return claim('event', 'denied');
  if (hasPhrase(toks, cu.unintended)) return claim('cause', 'unintentional');
  if (hasPhrase(toks, cu.deliberate)) return claim('cause', 'deliberate');
  const cas = casualties(text, [sp.says]);
  // "… also killed two": an added toll, not a competing figure
  if (toks.some((x) => x.n === 'also')) return claim(null, null);
  if (cas.fatalities) return claim('fatalities', cas.fatalities.value);
  if (cas.injured) return claim('injured', cas.injured.value);
  return claim(null, null);
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

/**
 * The event a sentence without its own event goes on about: the latest event reported earlier in
 * its paragraph, when the sentence tells of it (a toll: "Two of the dead were children, the mayor
 * said"; or an act word the events stage folded into that event).
 */
function paragraphTarget(text: string, s: Sentence, events: readonly EventMention[], sentences: readonly Sentence[]): EventMention | null {
  const para = s.paragraph;
  const earlier = events.filter((e) => e.sentence < s.index && !e.background && e.eventType.value !== null
    && sentences.find((x) => x.index === e.sentence)?.paragraph === para);
  if (!earlier.length) return null;
  const body = text.slice(s.span.start, s.span.end);
  const cas = casualties(text, [s.span]);
  const lex = loadLexicons();
  const tells = !!cas.fatalities || !!cas.injured || matchSentence(lex, body).some((m) => m.entry.kind === 'acled' && !m.blockedBy);
  return tells ? earlier.sort((a, b) => b.sentence - a.sentence)[0]! : null;
}

export function attributions(doc: Document): Attribution[] {
  const text = doc.text;
  const sentences = layer(doc, 'sentences');
  const actors = layer(doc, 'actors');
  const events = layer(doc, 'events');
  const last = { a: null as ActorMention | null };
  const bySentence = new Map<number, Speech[]>();
  const ix = indexActors(actors);
  const eventsIn = new Map<number, EventMention[]>();
  for (const e of events) { const l = eventsIn.get(e.sentence); if (l) l.push(e); else eventsIn.set(e.sentence, [e]); }
  for (const s of sentences) bySentence.set(s.index, speechesOf(text, s, ix, last));
  // a speech pushed to several events makes one claim (the same value each time)
  const claimFor = new Map<Speech, Claim>();
  const claimOfSpeech = (sp: Speech): Claim => {
    let c = claimFor.get(sp);
    if (!c) { c = claimOf(text, sp); claimFor.set(sp, c); }
    return c;
  };
  const claims = new Map<number, Claim[]>();
  const claimed = new Map<number, { text: string; span: Span }[]>();
  const push = (ev: number, sp: Speech): void => {
    const cl = claimedByOf(ev);
    if (!cl.some((c) => c.text.toLowerCase() === sp.by.text.toLowerCase())) cl.push(sp.by);
    (claims.get(ev) ?? claims.set(ev, []).get(ev)!).push(claimOfSpeech(sp));
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
    const own = eventsIn.get(s.index)?.some((e) => e.eventType.value !== null && e.eventType.value !== 'Strategic developments');
    if (own) continue;
    const typedHere = eventsIn.get(s.index)?.some((e) => e.eventType.value !== null);
    const target = anaphoricTarget(text, s, events, sentences) ?? (typedHere ? null : paragraphTarget(text, s, events, sentences));
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
