/**
 * Stage "events": finds every event an article asserts, one EventMention per event (not per
 * article). Triggers (data/lexicons/event-triggers.json) and modality/negation cues
 * (data/lexicons/event-modality.json) decide where events are; the trained sparse classifier
 * (data/models/event-classifier.json, scripts/train-event-classifier.ts) decides the ACLED type
 * and sub-type and the PLOVER event; see detect.ts for background, merging and order.
 */
import { layer } from '../../model/document.js';
import { defineStage } from '../../pipeline/stage.js';
import { detectEvents } from './detect.js';
import { loadLexicons } from './lexicon.js';
import { loadModel } from './model.js';

export const eventsStage = defineStage({
  name: 'events',
  reads: ['sentences', 'actors', 'places', 'times'],
  writes: ['events'],
  run: (doc, ctx) => {
    const model = loadModel();
    if (!model) return { layers: { events: [] } };
    const lex = loadLexicons();
    const published = doc.layers.clean?.published?.value ?? ctx.options.published ?? doc.article.published ?? null;
    const events = detectEvents({
      text: doc.text,
      sentences: layer(doc, 'sentences'),
      places: layer(doc, 'places'),
      times: layer(doc, 'times'),
      actors: layer(doc, 'actors'),
      published,
      publishedSuspect: !!doc.layers.clean?.publishedSuspect,
    }, model, lex);
    return { layers: { events } };
  },
});
