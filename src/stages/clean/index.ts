/**
 * Stage "clean": page boilerplate out, body paragraphs and the publication date in.
 * Reads nothing; writes the clean layer (body spans, removed spans with reasons, published,
 * publishedSuspect). The rules are in clean.ts; the boilerplate patterns in
 * data/lexicons/boilerplate.tsv.
 */
import { defineStage } from '../../pipeline/stage.js';
import { cleanText } from './clean.js';

export { cleanText, splitLines, checkSuspect } from './clean.js';

export const cleanStage = defineStage({
  name: 'clean',
  reads: [],
  writes: ['clean'],
  run: (doc, ctx) => {
    const r = cleanText({
      text: doc.text,
      publishedMeta: doc.article.publishedMeta ?? null,
      published: ctx.options.published ?? doc.article.published ?? null,
    });
    return { layers: { clean: r.layer }, messages: r.messages };
  },
});
