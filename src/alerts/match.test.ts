import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StoredEvent } from '../store/port.js';
import { matchRule } from './match.js';
import { parseRules } from './rules.js';

const event = (over: Partial<StoredEvent> = {}): StoredEvent => ({
  id: 'e1', eventType: 'Explosions/Remote violence', subEventType: 'Air/drone strike', ploverEvent: 'ASSAULT',
  date: '2024-03-11', datePrecision: 'day', dateMin: null, dateMax: null,
  actor1: { text: 'Russian aircraft', name: 'Military Forces of Russia', kind: 'military', country: 'RUS' },
  actor2: { text: 'seven civilians', name: null, kind: 'civilians', country: 'SYR' },
  location: { text: 'Ariha', geonameid: 172994, lat: 35.81374, lon: 36.60964, country: 'SYR', admin1: 'Idlib', precision: 'exact' },
  spreadKm: 0, fatalities: { low: 7, best: 7, high: 7 }, injured: { low: 15, best: 15, high: 15 }, confidence: 0.8,
  nMentions: 1, nSources: 1, contested: false, firstSeen: null, lastSeen: null, notes: null, sources: ['Levant Wire'], consensus: {}, updatedAt: '',
  ...over,
});

const rule = (yaml: string) => parseRules(`rules:\n  - id: r\n${yaml.split('\n').map((l) => `    ${l}`).join('\n')}\n`, 'r.yaml',
  { places: (n) => (n === 'Idlib' ? { lat: 35.93, lon: 36.63, label: 'Idlib' } : null) }).rules[0];

test('each condition on its own', () => {
  assert.ok(matchRule(rule('sub_event_types: [Air/drone strike]'), event()).ok);
  assert.ok(!matchRule(rule('event_types: [Battles]'), event()).ok);
  assert.ok(matchRule(rule('actors: [russia]'), event()).ok, 'canonical name');
  assert.ok(matchRule(rule('actors: [civilians]'), event()).ok, 'kind of actor 2');
  assert.ok(!matchRule(rule('actors: [wagner]'), event()).ok);
  assert.ok(matchRule(rule('countries: [SYR]'), event()).ok);
  assert.ok(!matchRule(rule('countries: [RUS]'), event()).ok, 'where it happened, not who did it');
  assert.ok(matchRule(rule('near: { place: Idlib, km: 20 }'), event()).ok);
  assert.ok(!matchRule(rule('near: { lat: 36.2, lon: 37.16, km: 20 }'), event()).ok, 'Aleppo is ~55 km away');
  assert.ok(matchRule(rule('bbox: [36, 35, 37, 36.5]'), event()).ok);
  assert.ok(!matchRule(rule('bbox: [37, 35, 38, 36.5]'), event()).ok);
  assert.ok(matchRule(rule('bbox: [170, -20, -170, -10]'), event({ location: { ...event().location, lat: -15, lon: 178 } })).ok, 'across the antimeridian');
  assert.ok(matchRule(rule('min_fatalities: 7'), event()).ok);
  assert.ok(!matchRule(rule('min_fatalities: 8'), event()).ok);
  assert.ok(!matchRule(rule('min_fatalities: 1'), event({ fatalities: { low: null, best: null, high: null } })).ok, 'unknown toll is not a toll');
  assert.ok(!matchRule(rule('min_sources: 2'), event()).ok);
  assert.ok(matchRule(rule('min_sources: 2'), event({ nSources: 2 })).ok);
  assert.ok(!matchRule(rule('near: { place: Idlib, km: 20 }'), event({ location: { ...event().location, lat: null, lon: null } })).ok, 'no coordinates');
});

test('all conditions together, with reasons', () => {
  const m = matchRule(rule('sub_event_types: [Air/drone strike]\ncountries: [SYR]\nnear: { place: Idlib, km: 30 }\nmin_fatalities: 5'), event());
  assert.ok(m.ok);
  assert.deepEqual(m.why.slice(0, 2), ['sub-type Air/drone strike', 'in SYR']);
  assert.ok(m.why.includes('7 killed'));
});
