/** Stage "times" (placeholder until implemented). */
import { defineStage } from '../../pipeline/stage.js';

export const timesStage = defineStage({
  name: 'times',
  reads: ['clean', 'sentences'],
  writes: ['times'],
  run: () => ({ layers: { times: [] } }),
});
