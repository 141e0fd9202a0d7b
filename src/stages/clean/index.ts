/** Stage "clean" (placeholder until implemented). */
import { defineStage } from '../../pipeline/stage.js';

export const cleanStage = defineStage({
  name: 'clean',
  reads: [],
  writes: ['clean'],
  run: () => ({ layers: { clean: { body: [], removed: [], published: null, publishedSuspect: null } } }),
});
