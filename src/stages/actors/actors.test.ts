import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findActors } from './index.js';

const one = (t: string) => findActors(t, [{ index: 0, span: { start: 0, end: t.length } }]);
const find = (t: string, text: string) => {
  const a = one(t).find((x) => x.text === text);
  assert.ok(a, `no actor "${text}" in: ${one(t).map((x) => x.text).join(' | ')}`);
  assert.equal(t.slice(a.span.start, a.span.end), text);
  return a;
};

test('demonyms, X-led compounds and named militaries', () => {
  const t = 'Turkish soldiers and the Ankara-led coalition shelled positions held by the Kurdistan Workers\' Party near the border.';
  assert.equal(find(t, 'Turkish soldiers').country?.value, 'TUR');
  assert.equal(find(t, 'Turkish soldiers').kind, 'military');
  const c = find(t, 'the Ankara-led coalition');
  assert.equal(c.country?.value, 'TUR');
  assert.equal(c.country?.how, 'stated');
  const pkk = find(t, "the Kurdistan Workers' Party");
  assert.equal(pkk.kind, 'rebel');
  assert.equal(pkk.name, 'PKK: Kurdistan Workers\' Party');
});

test('group aliases and their members', () => {
  const t = 'Suspected ISWAP fighters ambushed a convoy, while Boko Haram militants torched a school.';
  assert.equal(find(t, 'Suspected ISWAP fighters').kind, 'terrorist');
  assert.equal(find(t, 'Suspected ISWAP fighters').name, 'Islamic State (West Africa)');
  assert.equal(find(t, 'Boko Haram militants').name, 'Boko Haram');
});

test('short all-caps aliases need capitals: "us" is not the US', () => {
  const t = 'He told us that US troops had left.';
  assert.equal(one(t).filter((a) => a.country?.value === 'USA').map((a) => a.text).join('|'), 'US troops');
});

test('a capital used for its government, but not as a place', () => {
  const t = 'Officials in Kabul said Islamabad had closed the border; Islamabad denied it.';
  const gov = one(t).filter((a) => a.by === 'actors/capital-government').map((a) => a.text);
  assert.deepEqual(gov, ['Islamabad', 'Islamabad']);
});

test('roles with names and appositions give government actors with a country', () => {
  const t = 'Nigerian Defence Minister Bashir Magashi met Amina Bello, a spokesperson for the Kenyan Foreign Ministry, on Monday.';
  const m = find(t, 'Nigerian Defence Minister Bashir Magashi');
  assert.equal(m.kind, 'government');
  assert.equal(m.country?.value, 'NGA');
  assert.equal(t.slice(m.head.start, m.head.end), 'Bashir Magashi');
  const s = find(t, 'Amina Bello, a spokesperson for the Kenyan Foreign Ministry');
  assert.equal(s.country?.value, 'KEN');
  assert.equal(s.isSource, true);
});

test('generic local groups take the main country, inferred; kind modifiers make militias', () => {
  const t = 'Fighting continued in Mali. Herders and farmers fled after pro-government gunmen raided a village in Mali.';
  const res = findActors(t, [{ index: 0, span: { start: 0, end: 27 } }, { index: 1, span: { start: 28, end: t.length } }]);
  const g = res.find((a) => a.text === 'pro-government gunmen')!;
  assert.equal(g.kind, 'militia');
  assert.equal(g.country?.value, 'MLI');
  assert.equal(g.country?.how, 'inferred');
});

test('sources: agencies and monitors are marked isSource', () => {
  const t = 'The London-based Syrian Network for Human Rights and Reuters reported the raid.';
  const a = find(t, 'The London-based Syrian Network for Human Rights');
  assert.equal(a.isSource, true);
  assert.equal(a.kind, 'ngo');
  assert.equal(find(t, 'Reuters').kind, 'media');
});

test('the kind modifier nearest the head wins; factions; rights groups are sources', () => {
  const t = 'Turkish-backed rebel factions shelled the town, rights groups said.';
  assert.equal(find(t, 'Turkish-backed rebel factions').kind, 'rebel');
  assert.equal(find(t, 'rights groups').isSource, true);
  const t2 = 'Iran-backed militia factions fired rockets at the base.';
  assert.equal(find(t2, 'Iran-backed militia factions').kind, 'militia');
});

test('a force word before the act it does stays an actor ("Afghan military airstrikes"); before a thing it is a modifier', () => {
  const a = find('Ten fighters were killed by Afghan military airstrikes in Logar.', 'Afghan military');
  assert.equal(a.kind, 'military');
  assert.equal(a.country?.value, 'AFG');
  assert.ok(!one('Engineers finished a new military base near the airport.').some((x) => /military/.test(x.text)));
});

test('"the group" after a movement ACLED codes as a faction\'s forces (the Houthis) is that movement; after a state army it is not', () => {
  const h = find('Jets struck Houthi targets after the group launched drones at an oil depot.', 'the group');
  assert.equal(h.by, 'actors/anaphora-group');
  assert.equal(h.country?.value, 'YEM');
  const t = find('The Tatmadaw shelled the town on Monday. The group said it had killed 12 rebels.', 'The group');
  assert.notEqual(t.by, 'actors/anaphora-group');
});

test('the country of a dateline is the place of the report, not an actor', () => {
  const t = 'KRAMATORSK, Ukraine, April 8 (Wire) - A missile hit the railway station on Friday, officials said.';
  assert.ok(!one(t).some((a) => a.text === 'Ukraine'), one(t).map((a) => a.text).join(' | '));
  const u = 'GOMA, Congo - Congo accused Rwanda of backing the rebels on Monday.';
  assert.ok(one(u).some((a) => a.text === 'Congo' && a.span.start > 10), 'the state named after the dateline still acts');
  // a state named as the subject in a lead with no dateline still acts
  assert.ok(one('Ukraine said it had shot down eleven drones overnight.').some((a) => a.text === 'Ukraine'));
});
