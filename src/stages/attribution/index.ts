/** Stage "attribution" (placeholder until implemented). */
import { defineStage } from '../../pipeline/stage.js';

export const attributionStage = defineStage({
  name: 'attribution',
  reads: ['sentences', 'actors', 'events', 'arguments'],
  writes: ['attribution'],
  run: () => ({ layers: { attribution: [] } }),
});
