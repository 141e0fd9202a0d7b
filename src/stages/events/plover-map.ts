/**
 * The PLOVER event (and default mode) of each ACLED sub-event type: taxonomy correspondence, not a
 * lexicon. A trigger's own mode refines the default when it names the same PLOVER event.
 */
import type { PloverEvent, SubEventType } from '../../model/taxonomy.js';

export const PLOVER_OF_SUB: Readonly<Record<SubEventType, { event: PloverEvent; mode: string | null }>> = {
  'Armed clash': { event: 'ASSAULT', mode: 'firearms' },
  'Government regains territory': { event: 'ASSAULT', mode: null },
  'Non-state actor overtakes territory': { event: 'ASSAULT', mode: null },
  'Chemical weapon': { event: 'ASSAULT', mode: null },
  'Air/drone strike': { event: 'ASSAULT', mode: 'aerial' },
  'Suicide bomb': { event: 'ASSAULT', mode: 'suicide-attack' },
  'Shelling/artillery/missile attack': { event: 'ASSAULT', mode: 'heavy-weapons' },
  'Remote explosive/landmine/IED': { event: 'ASSAULT', mode: 'explosives' },
  Grenade: { event: 'ASSAULT', mode: 'explosives' },
  'Sexual violence': { event: 'ASSAULT', mode: 'sexual' },
  Attack: { event: 'ASSAULT', mode: null },
  'Abduction/forced disappearance': { event: 'ASSAULT', mode: 'abduct' },
  'Peaceful protest': { event: 'PROTEST', mode: 'demo' },
  'Protest with intervention': { event: 'PROTEST', mode: 'demo' },
  'Excessive force against protesters': { event: 'ASSAULT', mode: 'crowd-control' },
  'Violent demonstration': { event: 'PROTEST', mode: 'riot' },
  'Mob violence': { event: 'ASSAULT', mode: null },
  Agreement: { event: 'AGREE', mode: null },
  Arrests: { event: 'COERCE', mode: 'arrest' },
  'Change to group/activity': { event: 'MOBILIZE', mode: null },
  'Disrupted weapons use': { event: 'COERCE', mode: 'seize' },
  'Headquarters or base established': { event: 'MOBILIZE', mode: 'troops' },
  'Looting/property destruction': { event: 'ASSAULT', mode: 'destroy' },
  'Non-violent transfer of territory': { event: 'RETREAT', mode: 'withdraw' },
  Other: { event: 'MOBILIZE', mode: null },
};

/** Modes the trigger lexicon may give that refine the default of an ASSAULT sub-type. */
export function ploverFor(sub: SubEventType, triggerEvent: PloverEvent | null, triggerMode: string | null): { event: PloverEvent; mode: string | null } {
  const base = PLOVER_OF_SUB[sub];
  if (triggerMode && triggerEvent === base.event && (base.mode === null || sub === 'Attack' || sub === 'Armed clash')) {
    return { event: base.event, mode: triggerMode };
  }
  return base;
}
