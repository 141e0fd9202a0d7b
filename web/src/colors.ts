/** Colours by event type (legible on the light base map, distinct for common colour-vision deficiencies). */
export const TYPE_COLORS: Record<string, string> = {
  Battles: '#c0392b',
  'Explosions/Remote violence': '#e67e22',
  'Violence against civilians': '#8e44ad',
  Protests: '#2471a3',
  Riots: '#d4ac0d',
  'Strategic developments': '#5d6d7e',
};
export const colorOf = (t: string) => TYPE_COLORS[t] ?? '#333';
export const FIELD_LABELS: Record<string, string> = {
  trigger: 'trigger', event_type: 'event type', sub_event_type: 'sub-type', actor1: 'actor 1', actor2: 'actor 2', location: 'location',
  date: 'date', fatalities: 'fatalities', injured: 'injured', claimed_by: 'says who', claim: 'claim',
};
