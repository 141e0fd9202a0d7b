import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLexicons, matchSentence } from './lexicon.js';

const lex = loadLexicons();
const find = (s: string, text: string) => {
  const m = matchSentence(lex, s).find((x) => x.text.toLowerCase() === text.toLowerCase());
  assert.ok(m, `no trigger "${text}" in: ${s}`);
  assert.equal(s.slice(m.start, m.end), m.text);
  return m;
};

test('a threat cue blocks the trigger it governs and marks it as a threat', () => {
  const s = 'The militia has vowed to retake the town of Karam before the rainy season.';
  const m = find(s, 'retake');
  assert.equal(m.blockedBy?.id, 'threat');
  assert.equal(m.start, s.indexOf('retake'));
});

test('plans, calls and orders block violent triggers', () => {
  assert.equal(find('The union plans to protest outside parliament next week.', 'protest').blockedBy?.id, 'plan');
  assert.equal(find('The minister ordered to pull out all troops from the valley.', 'pull out').blockedBy?.id, 'plan');
  assert.equal(find('Elders urged the youths to stop the looting of shops.', 'looting').blockedBy?.id, 'call');
});

test('negation and denial block, but a month named May does not', () => {
  assert.equal(find('Police did not arrest anyone at the rally.', 'arrest').blockedBy?.id, 'negation');
  assert.equal(find('The army denied shelling the village of Tal Hamid.', 'shelling').blockedBy?.id, 'denial');
  assert.equal(find('On 9 May 2021, traders protested in Kisumu town over new levies.', 'protested').blockedBy, null);
  // a denial of reports governs the act the reports describe, however long the report phrase
  assert.equal(find('The governor denied widespread online reports that soldiers had been deployed in the old town.', 'deployed').blockedBy?.id, 'denial');
  assert.equal(find('The ministry rejected claims that police had detained the two reporters.', 'detained').blockedBy?.id, 'denial');
});

test('a clause boundary ends the scope of a cue', () => {
  const s = 'The rebels had threatened to attack; on Sunday they shelled the market in Bama.';
  assert.equal(find(s, 'attack').blockedBy?.id, 'threat');
  assert.equal(find(s, 'shelled').blockedBy, null);
});

test('specific triggers win over generic ones at the same place', () => {
  const s = 'A suicide bomber blew himself up at a checkpoint in Mogadishu.';
  assert.equal(find(s, 'suicide bomber').entry.hint, 'Suicide bomb');
  assert.equal(find('Two tear gas grenades were fired at the crowd.', 'tear gas').entry.id, 'excessive');
  assert.ok(!matchSentence(lex, 'Police fired stun grenades.').some((m) => m.entry.id === 'grenade'));
});

test('territory phrases: hyphenated and full-control forms count, a fall to the ground does not', () => {
  assert.equal(find('Troops re-captured the river port of Malaka on Friday.', 're-captured').entry.id, 'territory');
  assert.equal(find('The rebels took full control of the border crossing.', 'took full control').entry.id, 'territory');
  assert.equal(find('Militants overtook the hamlet of Dassa overnight.', 'overtook').entry.id, 'territory');
  assert.ok(!matchSentence(lex, 'The wounded man fell to the ground near the checkpoint.').some((m) => m.entry.id === 'territory'));
  assert.equal(find('The village fell to the insurgents after a week of fighting.', 'fell to').entry.id, 'territory');
});

test('a base installed or erected is a base established', () => {
  assert.equal(find('Peacekeepers installed a new temporary base near Tora.', 'installed a new temporary base').entry.id, 'hq');
  assert.equal(find('The army erected an outpost on the ridge.', 'erected an outpost').entry.id, 'hq');
});
