/** Stage "places" (placeholder until implemented). */
import { defineStage } from '../../pipeline/stage.js';

export const placesStage = defineStage({
  name: 'places',
  reads: ['sentences', 'actors'],
  writes: ['places'],
  run: () => ({ layers: { places: [] } }),
});
