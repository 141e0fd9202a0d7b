/** Stage "sentences" (placeholder until implemented). */
import { defineStage } from '../../pipeline/stage.js';

export const sentencesStage = defineStage({
  name: 'sentences',
  reads: ['clean'],
  writes: ['sentences'],
  run: () => ({ layers: { sentences: [] } }),
});
