/**
 * Test helper (used by the *.test.ts files of actors, arguments, attribution): runs the real stages
 * up to `times` over a text, then adds an events layer built from given triggers, so the argument
 * and attribution stages can be tested whatever the events stage currently finds.
 */
import type { Document, EventMention, Layers } from '../../model/document.js';
import { byDefault } from '../../model/span.js';
import type { EventType, PloverEvent, SubEventType } from '../../model/taxonomy.js';
import { newDocument } from '../../pipeline/run.js';
import { makeContext } from '../../pipeline/extract.js';
import { cleanStage } from '../clean/index.js';
import { sentencesStage } from '../sentences/index.js';
import { actorsStage } from '../actors/index.js';
import { placesStage } from '../places/index.js';
import { timesStage } from '../times/index.js';

export interface EventSpec {
  /** The trigger's text and which occurrence of it (0-based). */
  trigger: string;
  nth?: number;
  type: EventType;
  sub: SubEventType;
  plover?: PloverEvent;
  background?: boolean;
}

function withLayers(doc: Document, layers: Partial<Layers>): Document {
  return Object.freeze({ ...doc, layers: Object.freeze({ ...doc.layers, ...layers }) });
}

export function prepare(text: string, published: string | null, specs: readonly EventSpec[]): Document {
  let doc = newDocument({ id: 't', text, published });
  const ctx = makeContext({ published });
  for (const st of [cleanStage, sentencesStage, actorsStage, placesStage, timesStage]) {
    doc = withLayers(doc, st.run(doc, ctx).layers as Partial<Layers>);
  }
  const sentences = doc.layers.sentences ?? [];
  const events: EventMention[] = specs.map((sp, id) => {
    let at = -1;
    for (let k = 0; k <= (sp.nth ?? 0); k++) at = text.indexOf(sp.trigger, at + 1);
    if (at < 0) throw new Error(`trigger not found: ${sp.trigger}`);
    const s = sentences.find((x) => x.span.start <= at && at < x.span.end)!;
    return {
      id, sentence: s.index, evidence: s.span, trigger: { start: at, end: at + sp.trigger.length },
      eventType: byDefault(sp.type, 'test'), subEventType: byDefault(sp.sub, 'test'),
      plover: sp.plover ? { event: sp.plover, mode: null } : null, confidence: 1, background: !!sp.background,
    };
  });
  return withLayers(doc, { events });
}

export { withLayers };
