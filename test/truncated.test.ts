/**
 * Feeds and snippet APIs cut articles anywhere: mid-sentence, after "killed and", inside a quote or a
 * date. Every sample article cut at many points must still run through every stage (no E011 stage
 * failure), with every span inside the text it was given.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { readInputs } from '../src/io/index.js';
import { extract } from '../src/pipeline/extract.js';
import { toPrediction } from '../src/output/predictions.js';

const ARTICLES = fileURLToPath(new URL('../samples/articles/', import.meta.url));

test('articles cut at arbitrary points run through every stage', async () => {
  let runs = 0;
  for await (const r of readInputs([ARTICLES], { published: '2024-01-15' })) {
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    const text = r.article.text;
    // cut points: every ~7% of the article, and right after each casualty word
    const cuts = new Set<number>();
    for (let k = 1; k < 15; k++) cuts.add(Math.floor((text.length * k) / 15));
    for (const m of text.matchAll(/\b(?:killed|wounded|injured|dead) (?:and|or)\b/g)) cuts.add(m.index! + m[0].length);
    for (const at of cuts) {
      const cut = text.slice(0, at);
      if (!/\S/.test(cut)) continue;
      const p = toPrediction(extract({ ...r.article, id: `${r.article.id}@${at}`, text: cut }, {}));
      runs++;
      const failed = p.messages.filter((m) => m.code === 'E011_STAGE_FAILED');
      assert.deepEqual(failed.map((m) => m.message.split('\n')[0]), [], `${r.article.id} cut at ${at}`);
      for (const e of p.events) {
        for (const v of [e.evidence, e.location, e.date, e.actor1, e.actor2]) {
          if (v && typeof v.start === 'number') assert.ok(v.start >= 0 && (v.end ?? 0) <= cut.length, `${r.article.id}@${at}: span ${v.start}-${v.end} outside the text`);
        }
      }
    }
  }
  assert.ok(runs > 400, `ran ${runs} cut articles`);
});

