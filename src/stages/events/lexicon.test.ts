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
