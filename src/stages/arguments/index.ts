/** Stage "arguments" (placeholder until implemented). */
import { defineStage } from '../../pipeline/stage.js';

export const argumentsStage = defineStage({
  name: 'arguments',
  reads: ['clean', 'sentences', 'actors', 'places', 'times', 'events'],
  writes: ['arguments'],
  run: () => ({ layers: { arguments: [] } }),
});
