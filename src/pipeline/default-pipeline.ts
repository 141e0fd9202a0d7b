/**
 * THE order of the pipeline. Every stage lives in src/stages/<name>/ with its tests beside it;
 * this file is the only place that says which stages run and in what order.
 */
import { checkPipeline } from './run.js';
import type { AnyStage as Stage } from './stage.js';
import { cleanStage } from '../stages/clean/index.js';
import { sentencesStage } from '../stages/sentences/index.js';
import { actorsStage } from '../stages/actors/index.js';
import { placesStage } from '../stages/places/index.js';
import { timesStage } from '../stages/times/index.js';
import { eventsStage } from '../stages/events/index.js';
import { argumentsStage } from '../stages/arguments/index.js';
import { attributionStage } from '../stages/attribution/index.js';

export const DEFAULT_PIPELINE: readonly Stage[] = Object.freeze([
  cleanStage,
  sentencesStage,
  actorsStage,
  placesStage,
  timesStage,
  eventsStage,
  argumentsStage,
  attributionStage,
]);

checkPipeline(DEFAULT_PIPELINE);
