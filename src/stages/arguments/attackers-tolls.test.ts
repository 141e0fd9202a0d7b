/**
 * Unidentified attackers described by a vehicle or clothing, crowds as riot doers, victims of a
 * passive clause, tolls added with "also" and running totals, group anaphora, patrons' names in
 * "X-aligned", and names two states share ("Congolese"). Example texts written for these tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventArguments } from './index.js';
import { casualties } from './casualties.js';
import { prepare, type EventSpec } from './test-helpers.js';
import { findActors } from '../actors/index.js';

function args(text: string, specs: EventSpec[], published = '2023-10-06') {
  return eventArguments(prepare(text, published, specs));
}
const span = (text: string, s: { start: number; end: number } | null | undefined) => (s ? text.slice(s.start, s.end) : null);
const deaths = (t: string) => casualties(t, [{ start: 0, end: t.length }]).fatalities?.value ?? null;
const actorsOf = (t: string) => findActors(t, t.split(/(?<=\.)\s+/).reduce<{ index: number; span: { start: number; end: number } }[]>((out, s) => {
  const start = t.indexOf(s, out.length ? out[out.length - 1]!.span.end : 0);
  out.push({ index: out.length, span: { start, end: start + s.length } });
  return out;
}, []));

test('unidentified-attacker: a man on a motorbike throwing a grenade is an unidentified armed group', () => {
  const t = 'Three customers were wounded on Tuesday night when a man on a motorbike threw a grenade into a bar in Mombasa, police said.';
  const [a] = args(t, [{ trigger: 'threw a grenade', type: 'Explosions/Remote violence', sub: 'Grenade' }]);
  assert.equal(a!.actor1?.kind, 'unknown');
  assert.equal(a!.actor1?.how, 'inferred');
  assert.match(a!.actor1!.by, /arguments\/unidentified-attacker/);
  assert.equal(span(t, a!.actor1?.span), 'a man on a motorbike');
  assert.equal(a!.injured?.value, 3);
});

test('unidentified-attacker: masked men who opened fire; not communal attackers with no description', () => {
  const t = 'Two masked men opened fire on a minibus near Kisumu on Sunday, killing the driver.';
  const [a] = args(t, [{ trigger: 'opened fire', type: 'Violence against civilians', sub: 'Attack' }]);
  assert.equal(a!.actor1?.kind, 'unknown');
  assert.equal(span(t, a!.actor1?.span), 'Two masked men');
  // herders who attack farmers are a communal militia (ACLED inter 4)
  const u = 'Two herders attacked farmers with machetes near Makurdi on Sunday, killing three.';
  const [b] = args(u, [{ trigger: 'attacked', type: 'Violence against civilians', sub: 'Attack' }]);
  assert.equal(b!.actor1?.kind, 'militia');
  // a man on a motorbike who stabbed someone: no bombing or shooting, the communal reading stays
  const v = 'A man on a motorbike stabbed a trader at the market in Kano on Monday.';
  const [c] = args(v, [{ trigger: 'stabbed', type: 'Violence against civilians', sub: 'Attack' }]);
  assert.equal(c!.actor1?.kind, 'militia');
});

test('passive-victim-clause: "X were wounded when Y threw …" makes X actor2', () => {
  const t = 'Two soldiers and a street vendor were wounded on Friday when a man in a car threw an explosive device at a checkpoint in Jalalabad.';
  const [a] = args(t, [{ trigger: 'threw an explosive device', type: 'Explosions/Remote violence', sub: 'Remote explosive/landmine/IED' }]);
  assert.equal(span(t, a!.actor2?.span), 'Two soldiers');
  assert.equal(a!.actor2?.by, 'arguments/passive-victim-clause' + (a!.actor2!.by.includes('+') ? a!.actor2!.by.slice(a!.actor2!.by.indexOf('+')) : ''));
  assert.equal(span(t, a!.actor1?.span), 'a man in a car');
  assert.equal(a!.injured?.value, 3);
});

test('crowd-subject: in a riot the crowd subject is actor1, the object it attacked actor2', () => {
  const t = 'On Thursday, demonstrators in Bunia attacked a MONUSCO base with stones and burned two trucks.';
  const [a] = args(t, [{ trigger: 'stones', type: 'Riots', sub: 'Violent demonstration' }]);
  assert.equal(span(t, a!.actor1?.span), 'demonstrators');
  assert.equal(a!.actor1?.kind, 'rioters');
  assert.match(a!.actor1!.by, /^arguments\/crowd-subject/);
  assert.equal(a!.actor2?.kind, 'igo');
});

test('toll-later-also: deaths added with "also" count on top; a running total is not read', () => {
  const t = 'On Wednesday, protesters in Uvira stormed a UN base with stones and tried to take the guards\' weapons.\n\n'
    + 'Two Pakistani peacekeepers were killed, the mission said. The mayor said four protesters were also killed, bringing the toll in Uvira to six.';
  const [a] = args(t, [{ trigger: 'stones', type: 'Riots', sub: 'Violent demonstration' }]);
  assert.equal(a!.fatalities?.value, 6);
  assert.match(a!.fatalities!.by, /arguments\/toll-later-also$/);
  assert.equal(a!.fatalities?.how, 'inferred');
  // "bringing the death toll to N": a running total, the sentence's own deaths are the figure
  assert.equal(deaths('Another soldier died of his wounds on Sunday, bringing the death toll since the offensive began to 41.'), 1);
  assert.equal(deaths('Two more bodies were recovered, raising the death toll to 17.'), 2);
  // a toll that rose, with no increment, is still the event's toll
  assert.equal(deaths('The death toll has risen to 11.'), 11);
  // an active verb with a non-human object: its subject is not a victim
  assert.equal(deaths('Residents blocked the road after a motorist killed a number of goats.'), null);
});

test('anaphora-group: "the group" after a named armed group is that group', () => {
  const t = 'Al Shabaab fighters stormed a base near Kismayo on Monday. Officials said the group used two car bombs.';
  const g = actorsOf(t).find((a) => a.text === 'the group');
  assert.ok(g);
  assert.equal(g.name, 'Al Shabaab');
  assert.equal(g.kind, 'terrorist');
  assert.equal(g.by, 'actors/anaphora-group');
  // no named group before: it stays a generic group
  const u = 'Gunmen attacked a village near Zamfara. Police said the group fled on motorbikes.';
  assert.equal(actorsOf(u).find((a) => a.text === 'the group')?.name, null);
});

test('actors: "Iran-aligned" names a patron, not the group\'s country; "the border with X" is a place', () => {
  const t = 'Officials blamed Iran-aligned armed groups for the rocket attack near the border with Syria.';
  const as = actorsOf(t);
  const g = as.find((a) => a.text === 'Iran-aligned armed groups');
  assert.ok(g);
  assert.notEqual(g.country?.value, 'IRN');
  assert.equal(g.kind, 'militia');
  assert.equal(as.find((a) => a.text === 'Syria'), undefined);
});

test('ambiguous-country: "Congolese" follows the article\'s country mentions', () => {
  const drc = 'Congolese soldiers clashed with M23 rebels near Rutshuru on Monday, the Democratic Republic of Congo\'s army said.';
  const a = actorsOf(drc).find((x) => x.text === 'Congolese soldiers');
  assert.equal(a?.country?.value, 'COD');
  assert.equal(a?.country?.by, 'actors/ambiguous-country');
  assert.equal(a?.country?.how, 'inferred');
  const cog = 'The Congolese army said on Monday that it had retaken a village in the Pool region. The government in Brazzaville said the rebels had fled.';
  assert.equal(actorsOf(cog).find((x) => x.text === 'The Congolese army')?.country?.value, 'COG');
  // nothing else in the article: the first candidate (DR Congo)
  const bare = 'Congolese police fired tear gas at students on Tuesday.';
  assert.equal(actorsOf(bare).find((x) => x.text === 'Congolese police')?.country?.value, 'COD');
});
