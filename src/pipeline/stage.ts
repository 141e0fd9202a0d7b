/**
 * A pipeline stage: a named component that declares the layers it reads and writes, and returns
 * only its own layers (and any messages). Resources it needs (gazetteer, lexicons, models) come
 * from the Context, loaded once per process.
 */
import type { Document, LayerName, Layers } from '../model/document.js';
import type { Message } from '../model/messages.js';

export interface RunOptions {
  /** Publication date forced by the caller (YYYY-MM-DD); used when the text states none. */
  readonly published?: string | null;
}

/** Shared, read-only resources; each stage module exposes a loader and caches its own. */
export interface Context {
  readonly options: RunOptions;
}

export type StageOutput<W extends LayerName> = {
  readonly layers: Pick<Layers, W>;
  readonly messages?: readonly Message[];
};

export interface Stage<W extends LayerName = LayerName> {
  readonly name: string;
  readonly reads: readonly LayerName[];
  readonly writes: readonly W[];
  run(doc: Document, ctx: Context): StageOutput<W>;
}

export function defineStage<W extends LayerName>(stage: Stage<W>): Stage<W> {
  return Object.freeze(stage);
}

/** A stage of any output, as lists of stages hold them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStage = Stage<any>;
