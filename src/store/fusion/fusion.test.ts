/** Fusion rules in isolation: date intervals, compatibility, consensus. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateInterval, gapDays, weekOf } from './dates.js';
import { compatible, incompatibility, isAnchor } from './match.js';
import { consensus } from './consensus.js';
import { loadFusionConfig } from './config.js';
import type { MentionRow } from './types.js';

const cfg = loadFusionConfig();

function m(id: string, over: Partial<MentionRow>): MentionRow {
  const base: MentionRow = {
    id, article_id: id.split(':')[0], idx: 0, event_type: 'Explosions/Remote violence', sub_event_type: 'Air/drone strike',
    plover_event: null, plover_mode: null,
    actor1_text: null, actor1_name: null, actor1_kind: null, actor1_country: null,
    actor2_text: null, actor2_name: null, actor2_kind: null, actor2_country: null,
    location_text: 'Ariha', geonameid: 173, lat: 35.81, lon: 36.61, country: 'SYR', admin1: 'Idlib', geo_precision: 'exact',
    date_value: '2024-01-17', date_precision: 'day', date_text: null, date_start: '2024-01-17', date_end: '2024-01-17',
    published: '2024-01-18', outlet: 'X', fatalities: null, injured: null, contested: 0, background: 0, confidence: 0.8,
    evidence: null, data: '{}',
  };
  return { ...base, ...over };
}

test('date intervals by precision', () => {
  assert.deepEqual(dateInterval('2024-03-14', null, 2), { start: '2024-03-14', end: '2024-03-14', kind: 'day' });
  assert.deepEqual(dateInterval('2024-03-14TNI', null, 2), { start: '2024-03-14', end: '2024-03-14', kind: 'day' });
  assert.deepEqual(dateInterval('2024-W11', null, 2), { start: '2024-03-11', end: '2024-03-17', kind: 'week' });
  assert.deepEqual(dateInterval('2024-02', null, 2), { start: '2024-02-01', end: '2024-02-29', kind: 'month' });
  assert.deepEqual(dateInterval(null, '2024-03-15', 2), { start: '2024-03-13', end: '2024-03-15', kind: 'undated' });
  assert.deepEqual(dateInterval('2024', '2024-03-15', 2), { start: '2024-03-13', end: '2024-03-15', kind: 'undated' });
  assert.equal(dateInterval(null, null, 2), null);
  assert.equal(weekOf('2024-03-17'), '2024-03-11');
  assert.equal(weekOf('2024-03-11'), '2024-03-11');
  assert.equal(gapDays('2024-03-01', '2024-03-02', '2024-03-04', '2024-03-04'), 2);
  assert.equal(gapDays('2024-03-01', '2024-03-31', '2024-03-04', '2024-03-04'), 0);
});

test('same event told by two outlets; distractors kept apart', () => {
  const a = m('a:0', {});
  assert.ok(compatible(a, m('b:0', { location_text: 'Idlib', lat: 35.93, lon: 36.63, sub_event_type: 'Shelling/artillery/missile attack' }), cfg));
  assert.ok(compatible(a, m('b:0', { event_type: 'Violence against civilians', sub_event_type: 'Attack' }), cfg), 'VAC ~ ER');
  assert.equal(incompatibility(a, m('a:1', {}), cfg), 'same article');
  assert.equal(incompatibility(a, m('b:0', { date_value: '2024-01-18', date_start: '2024-01-18', date_end: '2024-01-18' }), cfg), 'date');
  assert.equal(incompatibility(a, m('b:0', { lat: 35.9, lon: 36.2 }), cfg), 'distance', '38 km apart at town precision');
  assert.ok(compatible(a, m('b:0', { lat: 35.9, lon: 36.2, geo_precision: 'near' }), cfg), '38 km is "near" enough');
  assert.equal(incompatibility(a, m('b:0', { event_type: 'Protests' }), cfg), 'type');
  assert.equal(incompatibility(a, m('b:0', { country: 'TUR' }), cfg), 'country');
  // perpetrators: the army vs an armed group disagree, unless the sides are swapped
  const army = { actor1_kind: 'military', actor1_text: 'the army' };
  const rebels = { actor1_kind: 'rebel', actor1_text: 'rebels' };
  assert.equal(incompatibility(m('a:0', army), m('b:0', rebels), cfg), 'actors');
  assert.ok(compatible(m('a:0', army), m('b:0', { ...rebels, actor2_kind: 'military' }), cfg));
  assert.ok(compatible(m('a:0', army), m('b:0', { actor1_kind: 'civilians' }), cfg), 'victims are not perpetrators');
  assert.equal(incompatibility(m('a:0', { actor1_kind: 'terrorist', actor1_name: 'Islamic State' }), m('b:0', { actor1_kind: 'terrorist', actor1_name: 'al-Shabaab' }), cfg), 'armed group');
  // a country-level report needs the same sub-type or a shared actor
  const country = { geo_precision: 'country', lat: 35, lon: 38, admin1: null, location_text: 'Syria' };
  assert.ok(compatible(a, m('b:0', country), cfg));
  assert.equal(incompatibility(a, m('b:0', { ...country, sub_event_type: 'Shelling/artillery/missile attack' }), cfg), 'country-level: sub-type and actor');
});

test('anchors and floating mentions', () => {
  assert.ok(isAnchor(m('a:0', {}), cfg));
  assert.ok(!isAnchor(m('a:0', { date_precision: 'week', date_start: '2024-01-15', date_end: '2024-01-21' }), cfg));
  assert.ok(!isAnchor(m('a:0', { geo_precision: 'country' }), cfg));
  assert.ok(!isAnchor(m('a:0', { country: null }), cfg));
});

test('consensus: votes, most precise date and place, tolls with claimants, confidence', () => {
  const ms = [
    m('a:0', { fatalities: 7, outlet: 'Levant Monitor', confidence: 0.8 }),
    m('b:0', { fatalities: 9, outlet: 'Mideast Report', date_value: null, date_precision: 'undated', date_start: '2024-01-16', date_end: '2024-01-18', data: JSON.stringify({ claimed_by: [{ text: 'SOHR' }] }) }),
    m('c:0', { fatalities: 8, outlet: 'World Bulletin', event_type: 'Violence against civilians', sub_event_type: 'Attack', location_text: 'Idlib', geo_precision: 'admin1', lat: 35.93, lon: 36.63 }),
  ];
  const f = consensus(ms, [{ mention_id: 'b:0', by_text: 'activists', field: 'fatalities', value: '12' }]);
  assert.equal(f.event_type, 'Explosions/Remote violence');
  assert.equal(f.event_date, '2024-01-17');
  assert.equal(f.date_precision, 'day');
  assert.equal(f.location_text, 'Ariha');
  assert.equal(f.geo_precision, 'exact');
  assert.ok(f.spread_km! > 10 && f.spread_km! < 15);
  assert.deepEqual([f.fatalities_low, f.fatalities_best, f.fatalities_high], [7, 8, 12]);
  const claims = (f.consensus.fatalities as { claims: { value: number; by: string | null; outlet: string | null }[] }).claims;
  assert.deepEqual(claims.map((c) => [c.value, c.outlet, c.by]), [[7, 'Levant Monitor', null], [8, 'World Bulletin', null], [9, 'Mideast Report', 'SOHR'], [12, 'Mideast Report', 'activists']]);
  assert.equal(f.n_sources, 3);
  assert.equal(f.contested, 1, 'types disagree');
  assert.equal(f.source, 'Levant Monitor; Mideast Report; World Bulletin');
  assert.ok(f.confidence > 0.8 && f.confidence < 0.99);
  // any order, same result
  assert.deepEqual(consensus([...ms].reverse(), [{ mention_id: 'b:0', by_text: 'activists', field: 'fatalities', value: '12' }]), f);
});
