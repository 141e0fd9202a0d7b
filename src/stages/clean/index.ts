/** Stage "clean" (placeholder until implemented): every non-blank line is a body paragraph. */
import { defineStage } from '../../pipeline/stage.js';

export const cleanStage = defineStage({
  name: 'clean',
  reads: [],
  writes: ['clean'],
  run: (doc, ctx) => {
    const body: { start: number; end: number }[] = [];
    const re = /[^\n]+/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(doc.text))) {
      const lead = m[0].length - m[0].trimStart().length;
      const t = m[0].trim();
      if (t) body.push({ start: m.index + lead, end: m.index + lead + t.length });
    }
    const p = ctx.options.published ?? doc.article.published ?? null;
    return { layers: { clean: { body, removed: [], published: p ? { value: p, span: null, how: 'stated', by: 'clean/caller' } : null, publishedSuspect: null } } };
  },
});
