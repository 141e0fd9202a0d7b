/** Stage "actors" (placeholder until implemented). */
import { defineStage } from '../../pipeline/stage.js';

export const actorsStage = defineStage({
  name: 'actors',
  reads: ['clean', 'sentences'],
  writes: ['actors'],
  run: () => ({ layers: { actors: [] } }),
});
