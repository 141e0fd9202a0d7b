/** The closed vocabularies of the output (see docs/schema.md and shared DESIGN). */

export const EVENT_TYPES = [
  'Battles',
  'Explosions/Remote violence',
  'Violence against civilians',
  'Protests',
  'Riots',
  'Strategic developments',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const SUB_EVENT_TYPES = {
  Battles: ['Armed clash', 'Government regains territory', 'Non-state actor overtakes territory'],
  'Explosions/Remote violence': [
    'Chemical weapon',
    'Air/drone strike',
    'Suicide bomb',
    'Shelling/artillery/missile attack',
    'Remote explosive/landmine/IED',
    'Grenade',
  ],
  'Violence against civilians': ['Sexual violence', 'Attack', 'Abduction/forced disappearance'],
  Protests: ['Peaceful protest', 'Protest with intervention', 'Excessive force against protesters'],
  Riots: ['Violent demonstration', 'Mob violence'],
  'Strategic developments': [
    'Agreement',
    'Arrests',
    'Change to group/activity',
    'Disrupted weapons use',
    'Headquarters or base established',
    'Looting/property destruction',
    'Non-violent transfer of territory',
    'Other',
  ],
} as const satisfies Record<EventType, readonly string[]>;
export type SubEventType = (typeof SUB_EVENT_TYPES)[EventType][number];

/** The event type a sub-event type belongs to. */
export function eventTypeOf(sub: SubEventType): EventType {
  for (const t of EVENT_TYPES) if ((SUB_EVENT_TYPES[t] as readonly string[]).includes(sub)) return t;
  throw new Error(`unknown sub-event type ${sub}`);
}

export const PLOVER_EVENTS = [
  'AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST', 'ACCUSE', 'REJECT',
  'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT',
] as const;
export type PloverEvent = (typeof PLOVER_EVENTS)[number];

export const ACTOR_KINDS = [
  'military', 'police', 'government', 'rebel', 'militia', 'terrorist', 'protesters', 'rioters',
  'civilians', 'ngo', 'igo', 'media', 'unknown',
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** ACLED location precision, as the output names it: 1 exact, 2 near, 3 admin1; country beyond. */
export type GeoPrecision = 'exact' | 'near' | 'admin1' | 'country';

/** TIMEX3 types. */
export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET';

/** Date precision of a resolved value. */
export type DatePrecision = 'day' | 'week' | 'month' | 'season' | 'year' | 'decade';
