/**
 * The built-in sample corpus as the pipeline reads it: every file of samples/articles through the input
 * layer (HTML, Windows-1252, BOM), with its date from samples/published.json when the text states none,
 * its id the file name without the extension. Shared by the eval and profiling scripts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Article } from '../src/model/document.js';
import { readInputs } from '../src/io/index.js';
import { ROOT } from '../src/util/lexicon.js';

export const SAMPLE_ARTICLES = path.join(ROOT, 'samples', 'articles');

/** id → article, in file-name order. */
export async function sampleArticles(): Promise<Map<string, Article>> {
  const published: Record<string, string> = JSON.parse(readFileSync(path.join(ROOT, 'samples', 'published.json'), 'utf8'));
  const out = new Map<string, Article>();
  for (const f of readdirSync(SAMPLE_ARTICLES).filter((x) => !x.startsWith('.')).sort()) {
    const id = f.replace(/\.[^.]+$/, '');
    for await (const r of readInputs([path.join(SAMPLE_ARTICLES, f)], { published: published[id] ?? null })) {
      if (r.ok) out.set(id, { ...r.article, id });
    }
  }
  return out;
}
