import { test } from 'node:test';
import assert from 'node:assert/strict';
import { casualties } from './casualties.js';

const cas = (t: string) => {
  const r = casualties(t, [{ start: 0, end: t.length }]);
  return [r.fatalities?.value ?? null, r.injured?.value ?? null];
};

test('conservative figures: at least, more than, ranges', () => {
  assert.deepEqual(cas('The blast left at least 14 people dead and more than 30 injured.'), [14, 30]);
  assert.deepEqual(cas('Between 8 and 11 miners died when the pit was shelled.'), [8, null]);
  assert.deepEqual(cas('Officials said 20 to 25 fighters were killed.'), [20, null]);
});

test('spelled-out numbers, dozens and hundreds, singular victims', () => {
  assert.deepEqual(cas('Gunmen killed twelve traders and wounded a dozen others.'), [12, 12]);
  assert.deepEqual(cas('Dozens of villagers were killed in the raid.'), [12, null]);
  assert.deepEqual(cas('Shelling reportedly killed hundreds of soldiers.'), [100, null]);
  assert.deepEqual(cas('A teacher was shot dead outside the school.'), [1, null]);
  assert.deepEqual(cas('An attacker killed his brother with a machete.'), [1, null]);
});

test('sums within a statement, subsets not added', () => {
  assert.deepEqual(cas('Three soldiers and two rebels were killed in the fighting.'), [5, null]);
  assert.deepEqual(cas('The militia killed nine herders, including four children.'), [9, null]);
  assert.deepEqual(cas('Attackers stormed the camp, killing two guards and wounding four.'), [2, 4]);
});

test('numbers that are not tolls', () => {
  assert.deepEqual(cas('Musa Ibrahim, 52, told reporters that 300 houses burned on 4 June 2021.'), [null, null]);
  assert.deepEqual(cas('The rebels threatened to kill 40 hostages.'), [null, null]);
  assert.deepEqual(cas('Police detained 15 youths; no one was hurt.'), [null, null]);
});

test('death toll and a note\'s own coded figure win', () => {
  assert.deepEqual(cas('Four people died on Monday. The death toll rose to 9 on Tuesday.'), [9, null]);
  assert.deepEqual(cas('Six militants were killed (8 according to local sources). Fatalities coded as 6.'), [6, null]);
});

test('deaths with no number are coded low (2) and marked inferred', () => {
  const r = casualties('Civilians were killed in the strike.', [{ start: 0, end: 36 }]);
  assert.equal(r.fatalities?.value, 2);
  assert.equal(r.fatalities?.how, 'inferred');
});

test('victim phrases: "of a …", subset lists, named conjuncts, "the number of", hyphenated complements', () => {
  assert.deepEqual(cas('Five soldiers and two members of an armed gang were killed in the shootout.'), [7, null]);
  assert.deepEqual(cas('Scores of people, including police officers, traders and pupils, were killed, witnesses said.'), [20, null]);
  assert.deepEqual(cas('Mayor Peter Okello and three other people died when the blast hit his car.'), [4, null]);
  assert.deepEqual(cas('A week later the number of people killed in the raid was still unclear.'), [null, null]);
  assert.deepEqual(cas('The strike killed a commander of the Russia-backed Wagner unit and two of his guards.'), [3, null]);
});

test('a text cut off after "killed and" is read without failing', () => {
  // truncated feeds and snippets end mid-sentence; the mixed-count check looks past the last token
  assert.deepEqual(cas('Four fishermen were killed and'), [4, null]);
  assert.deepEqual(cas('"Two guards were killed or'), [2, null]);
});

test('coordinated verbs: "were abducted and killed" counts the victims; "hacked and killed X" counts X, not the doers', () => {
  assert.deepEqual(cas('Four traders were abducted and killed by gunmen near Gao on Monday.'), [4, null]);
  assert.deepEqual(cas('A farmer was beaten and killed by cattle herders in his field.'), [1, null]);
  assert.deepEqual(cas('Armed youths hacked and killed a village chief near Kalehe.'), [1, null]);
  assert.deepEqual(cas('Gunmen shot and wounded three customs officers at the border post.'), [null, 3]);
});

test('"killed between 25 and 54 people" is 25; the corpses of two are two; "and wounded others" adds no wounded', () => {
  assert.deepEqual(cas('Gunmen attacked the cattle market and killed between 25 and 54 people and wounded others.'), [25, null]);
  assert.deepEqual(cas('The corpses of two herders were found near the well on Sunday.'), [2, null]);
  assert.deepEqual(cas('The attackers killed 3 soldiers and wounded 4 civilians.'), [3, 4]);
});

test('"how many", "so many": a question or a degree, not a toll', () => {
  assert.deepEqual(cas('Officials could not say how many people were killed in the raid.'), [null, null]);
  assert.deepEqual(cas('Nobody knows how many civilians died on the road out of town.'), [null, null]);
  assert.deepEqual(cas('So many people were wounded that the clinic ran out of beds.'), [null, null]);
  assert.deepEqual(cas('Many people were killed in the raid.'), [10, null]);
});

test('"seriously injured", "critically wounded": one statement, not two', () => {
  assert.deepEqual(cas('At least 16 people were seriously injured, and more than 6,000 fled to nearby towns.'), [null, 16]);
  assert.deepEqual(cas('Two soldiers were killed and three critically wounded.'), [2, 3]);
});

test('"treating wounded protesters": an adjective before its noun is no toll; "three wounded soldiers" is', () => {
  assert.deepEqual(cas('Soldiers detained four doctors accused of treating wounded protesters.'), [null, null]);
  assert.deepEqual(cas('Three wounded soldiers were taken to hospital.'), [null, 3]);
});
