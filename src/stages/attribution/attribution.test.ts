import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepare, withLayers } from '../arguments/test-helpers.js';
import { eventArguments } from '../arguments/index.js';
import { attributions, contested } from './index.js';

const TEXT = 'Militants attacked an army post in Kidal on Monday, killing 11 soldiers, the Malian army said. ' +
  'A rebel spokesman denied that the attack took place. ' +
  'Residents said the bombing also killed two shepherds, according to Amnesty International.';

test('claimed_by from "X said" and cross-sentence claims; a denial makes it contested', () => {
  let doc = prepare(TEXT, '2022-05-03', [{ trigger: 'attacked', type: 'Battles', sub: 'Armed clash' }]);
  doc = withLayers(doc, { arguments: eventArguments(doc) });
  const [a] = attributions(doc);
  const by = a!.claimedBy.map((c) => c.text);
  assert.ok(by.includes('the Malian army'), by.join('|'));
  assert.ok(by.some((b) => /rebel spokesman/.test(b)), by.join('|'));
  assert.ok(by.includes('Amnesty International'), by.join('|'));
  assert.equal(a!.contested, true);
  for (const c of a!.claimedBy) assert.equal(TEXT.slice(c.span.start, c.span.end), c.text);
});

test('"reportedly" is a claim by an unnamed source', () => {
  const t = 'Warplanes reportedly struck a market in Idlib on Sunday.';
  let doc = prepare(t, '2021-02-01', [{ trigger: 'struck', type: 'Explosions/Remote violence', sub: 'Air/drone strike' }]);
  doc = withLayers(doc, { arguments: eventArguments(doc) });
  assert.deepEqual(attributions(doc)[0]!.claimedBy.map((c) => c.text), ['reportedly']);
});

test('contested: different tolls from two sources; same toll is not', () => {
  const claim = (by: string, v: number) => ({ by: { text: by, span: { start: 0, end: 1 } }, says: null, field: 'fatalities' as const, value: v, span: null });
  assert.equal(contested([claim('police', 4), claim('medics', 9)]), true);
  assert.equal(contested([claim('police', 4), claim('medics', 4)]), false);
});

test('a negated subject of "claimed" is no source ("No group has claimed the attack")', () => {
  const t = 'A bomb exploded outside a police station in Cali on Monday, police said. No group has claimed the attack.';
  const doc = prepare(t, '2024-03-05', [{ trigger: 'bomb exploded', type: 'Explosions/Remote violence', sub: 'Remote explosive/landmine/IED' }]);
  const [r] = attributions(withLayers(doc, { arguments: eventArguments(doc) }));
  assert.deepEqual(r!.claimedBy.map((c) => c.text), ['police']);
});

test('witnesses speak too, and a later sentence of the paragraph with a toll is about the event', () => {
  const t = 'Gunmen on motorbikes attacked a cattle market in Zurmi on Saturday, residents said. ' +
    'Nine traders were killed and four wounded, a local government official told reporters.';
  const doc = prepare(t, '2022-07-10', [{ trigger: 'attacked', type: 'Violence against civilians', sub: 'Attack' }]);
  const [r] = attributions(withLayers(doc, { arguments: eventArguments(doc) }));
  const by = r!.claimedBy.map((c) => c.text);
  assert.ok(by.some((b) => /residents/i.test(b)), by.join('|'));
  assert.ok(by.some((b) => /local government official/.test(b)), by.join('|'));
});
