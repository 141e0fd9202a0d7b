/** Runs the stages over one article, checking the declared reads and writes. */
import type { Article, Document, LayerName } from '../model/document.js';
import type { Message } from '../model/messages.js';
import type { AnyStage as Stage, Context } from './stage.js';

/** Throws at start-up when a stage reads a layer no earlier stage writes, or two stages write one. */
export function checkPipeline(stages: readonly Stage[]): void {
  const written = new Set<LayerName>();
  for (const s of stages) {
    for (const r of s.reads) {
      if (!written.has(r)) throw new Error(`pipeline: stage "${s.name}" reads "${r}", which no earlier stage writes`);
    }
    for (const w of s.writes) {
      if (written.has(w)) throw new Error(`pipeline: stage "${s.name}" writes "${w}", already written by an earlier stage`);
      written.add(w);
    }
  }
}

function freeze<T>(o: T): T {
  return Object.freeze(o);
}

export function newDocument(article: Article): Document {
  return freeze({ article: freeze({ ...article }), text: article.text, layers: freeze({}), messages: freeze([]) });
}

/**
 * Runs every stage in order. A stage that throws does not throw out of here: the document comes
 * back with an E011 message and the layers written so far, so a batch can report it and go on.
 */
export function runPipeline(stages: readonly Stage[], article: Article, ctx: Context): Document {
  let doc = newDocument(article);
  for (const stage of stages) {
    let out;
    try {
      out = stage.run(doc, ctx);
    } catch (e) {
      const msg: Message = {
        code: 'E011_STAGE_FAILED', level: 'error', stage: stage.name, span: null,
        message: `stage ${stage.name} failed: ${(e as Error)?.stack ?? String(e)}`,
      };
      return freeze({ ...doc, messages: freeze([...doc.messages, msg]) });
    }
    const keys = Object.keys(out.layers) as LayerName[];
    for (const k of keys) {
      if (!stage.writes.includes(k)) throw new Error(`pipeline: stage "${stage.name}" wrote undeclared layer "${k}"`);
    }
    const layers = { ...doc.layers };
    for (const k of keys) (layers as Record<string, unknown>)[k] = freeze(out.layers[k as never]);
    doc = freeze({
      ...doc,
      layers: freeze(layers),
      messages: out.messages?.length ? freeze([...doc.messages, ...out.messages]) : doc.messages,
    });
  }
  return doc;
}

/** True when a stage failed on this document. */
export const failed = (doc: Document): boolean => doc.messages.some((m) => m.code === 'E011_STAGE_FAILED');
