/**
 * Stage "places": recognises place names in the article and resolves each to a gazetteer entry.
 *
 * Reads `sentences` (to give each mention its sentence) and `actors` (spans of people and
 * organisations: a name that is exactly an actor's name and not a known place form is skipped);
 * writes `places`. Rules: recognise.ts (names), resolve.ts (which place), location.ts (the helper
 * the arguments stage calls to pick an event's location). docs: data/lexicons/README.md for the
 * word lists, data/gazetteer/README.md for the index.
 */
import { gazetteer, type Gazetteer } from '../../gazetteer/index.js';
import type { ActorMention, Document, PlaceMention, Sentence } from '../../model/document.js';
import { defineStage } from '../../pipeline/stage.js';
import { recognise, tokenize } from './recognise.js';
import { resolveAll } from './resolve.js';

export { pickEventLocation, type EventLocation } from './location.js';

const GROUP_KINDS = new Set(['rebel', 'militia', 'terrorist']);

function sentenceOf(sentences: readonly Sentence[], pos: number): number {
  let lo = 0, hi = sentences.length - 1, ans = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid]!.span.start <= pos) { ans = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return sentences.length ? sentences[ans]!.index : 0;
}

/** Recognise and resolve the places of a text (the stage without the Document around it). */
export function findPlaces(
  text: string,
  opts: { sentences?: readonly Sentence[]; actors?: readonly ActorMention[]; gaz?: Gazetteer } = {},
): PlaceMention[] {
  const gaz = opts.gaz ?? gazetteer();
  const toks = tokenize(text);
  // organisation names are mostly caught by capitalisation rules (recognise.ts); a named armed group
  // the actors stage found ("Taliban", "al-Shabaab") is never a place, even where a village shares its name
  const groupNames = new Set((opts.actors ?? []).filter((a) => a.name !== null && GROUP_KINDS.has(a.kind)).map((a) => a.name!.toLowerCase()));
  const raws = groupNames.size
    ? recognise(text, gaz, toks).filter((r) => !groupNames.has(text.slice(r.span.start, r.span.end).toLowerCase()))
    : recognise(text, gaz, toks);
  const resolved = resolveAll(text, raws, gaz);
  const sentences = opts.sentences ?? [];
  return resolved.map((r) => {
    const p: { -readonly [K in keyof PlaceMention]: PlaceMention[K] } = {
      span: r.raw.span,
      text: text.slice(r.raw.span.start, r.raw.span.end),
      sentence: sentenceOf(sentences, r.raw.span.start),
      resolved: r.entry?.candidate ?? null,
      precision: r.precision,
      described: r.described,
      how: r.how,
      by: r.by,
    };
    if (r.raw.adjectival) p.adjectival = true;
    return p;
  });
}

export const placesStage = defineStage({
  name: 'places',
  reads: ['sentences', 'actors'],
  writes: ['places'],
  run: (doc: Document) => ({
    layers: {
      places: findPlaces(doc.text, { sentences: doc.layers.sentences ?? [], actors: doc.layers.actors ?? [] }),
    },
  }),
});
