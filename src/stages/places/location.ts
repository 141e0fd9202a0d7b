/**
 * The place where an event happened, among the places its sentence names: for the arguments stage.
 *
 * Not every place named is the location ("Russian forces from Damascus struck Idlib"): a name after
 * a locative preposition ("in", "at", "near", "outside") wins over one after "from" or inside an
 * adjective, a settlement over a province over a country, and a name close to the trigger over a far
 * one. With no place in the sentence, the nearest earlier sentence of the same paragraph that names
 * one is used, then the article's first specific place (how: 'inferred').
 */
import type { PlaceMention } from '../../model/document.js';
import type { Span } from '../../model/span.js';
import type { GeoPrecision } from '../../model/taxonomy.js';

export interface EventLocation {
  readonly place: PlaceMention;
  readonly precision: GeoPrecision;
  readonly how: 'stated' | 'inferred';
  readonly by: string;
}

export interface PickOptions {
  /** The event's trigger span ("airstrike"); names close to it are preferred. */
  readonly trigger?: Span | null;
  /** The sentence span(s) stating the event; places inside count as the sentence's. */
  readonly evidence?: Span | null;
  /** Look back this many sentences when the event's sentence names no place (default 3). */
  readonly lookBack?: number;
  /** Fall back to the article's first specific place (default true). */
  readonly articleFallback?: boolean;
}

const LOCATIVE = /\b(?:in|at|near|outside|inside|into|across|throughout|around|on|within|off|over|along|of)\s+(?:(?:the|a|an)\s+)?(?:(?:[a-z-]+\s+){0,2}(?:village|town|city|district|province|governorate|region|area|county|neighbou?rhood|camp|outskirts|countryside|suburbs?)\s+of\s+)?(?:(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|south-?western|rural)\s+)?$/i;
const FROM = /\b(?:from|to|toward|towards|with|by|for|and)\s+(?:the\s+)?$/i;

function specificity(p: PlaceMention): number {
  const c = p.resolved;
  if (!c) return p.precision === 'near' ? 1.5 : 0;
  if (c.featureCode.startsWith('PCL')) return 0;
  if (c.countryIso3 === null) return -2; // continents, seas
  if (c.featureClass === 'P') return 2;
  if (c.featureCode === 'ADM2') return 1.5;
  if (c.featureCode === 'ADM1') return 1;
  return 1.2; // regions, features
}

function precisionFor(p: PlaceMention): GeoPrecision {
  const c = p.resolved;
  if (!c) return p.precision;
  if (p.precision === 'near') return 'near';
  if (c.featureCode.startsWith('PCL') || c.countryIso3 === null) return 'country';
  if (c.featureClass === 'P') return 'exact';
  return 'admin1';
}

function score(p: PlaceMention, text: string, trigger: Span | null | undefined): number {
  let s = specificity(p);
  const before = text.slice(Math.max(0, p.span.start - 50), p.span.start);
  if (LOCATIVE.test(before)) s += 3;
  else if (FROM.test(before)) s += 0.5;
  if (p.precision === 'near') s += 0.5;
  if (trigger) {
    const d = p.span.start >= trigger.end ? p.span.start - trigger.end : trigger.start - p.span.end;
    s -= Math.min(2, Math.max(0, d) / 150);
  }
  return s;
}

/**
 * The event's location among `places` (the article's place layer), for an event stated in
 * sentence `sentence` of `text`. Returns null when the article names no usable place.
 */
export function pickEventLocation(
  places: readonly PlaceMention[],
  text: string,
  sentence: number,
  opts: PickOptions = {},
): EventLocation | null {
  const usable = places.filter((p) => p.resolved && !p.adjectival);
  const inSentence = (s: number): PlaceMention[] =>
    usable.filter((p) => p.sentence === s ||
      (s === sentence && !!opts.evidence && p.span.start >= opts.evidence.start && p.span.end <= opts.evidence.end));
  // the article's main country: a place outside it is less likely where the event happened
  const ccCount = new Map<string, number>();
  for (const p of usable) {
    const cc = p.resolved!.countryIso3;
    if (cc) ccCount.set(cc, (ccCount.get(cc) ?? 0) + 1);
  }
  const best = (cands: PlaceMention[]): PlaceMention | null => {
    let b: PlaceMention | null = null, bs = -Infinity;
    for (const p of cands) {
      let s = score(p, text, opts.trigger);
      const cc = p.resolved!.countryIso3;
      if (cc && usable.length > 1 && (ccCount.get(cc) ?? 0) === 1) s -= 2;
      if (s > bs) { bs = s; b = p; }
    }
    return b;
  };
  const here = best(inSentence(sentence));
  if (here) return { place: here, precision: precisionFor(here), how: 'stated', by: 'places/location-in-sentence' };
  const back = opts.lookBack ?? 3;
  for (let s = sentence - 1; s >= Math.max(0, sentence - back); s--) {
    const p = best(inSentence(s));
    if (p) return { place: p, precision: precisionFor(p), how: 'inferred', by: 'places/location-earlier-sentence' };
  }
  if (opts.articleFallback !== false) {
    const specific = usable.find((p) => specificity(p) >= 1) ?? usable[0];
    if (specific) return { place: specific, precision: precisionFor(specific), how: 'inferred', by: 'places/location-article' };
  }
  return null;
}
