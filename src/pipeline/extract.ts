/** The core entry point: an article in, a Document with every layer out. */
import type { Article, Document } from '../model/document.js';
import { DEFAULT_PIPELINE } from './default-pipeline.js';
import { runPipeline } from './run.js';
import type { Context, RunOptions } from './stage.js';

export function makeContext(options: RunOptions = {}): Context {
  return Object.freeze({ options: Object.freeze({ ...options }) });
}

export function extract(article: Article, options: RunOptions = {}): Document {
  return runPipeline(DEFAULT_PIPELINE, article, makeContext(options));
}
