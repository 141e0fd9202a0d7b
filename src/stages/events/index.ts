/** Stage "events" (placeholder until implemented). */
import { defineStage } from '../../pipeline/stage.js';

export const eventsStage = defineStage({
  name: 'events',
  reads: ['sentences', 'actors', 'places', 'times'],
  writes: ['events'],
  run: () => ({ layers: { events: [] } }),
});
