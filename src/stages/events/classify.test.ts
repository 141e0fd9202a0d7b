import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EVENT_TYPES, SUB_EVENT_TYPES } from '../../model/taxonomy.js';
import { decideAcled, NONE } from './classify.js';
import { loadLexicons, matchSentence } from './lexicon.js';
import type { Model } from './model.js';

// A stand-in model whose sub-type head reads every text the same way (bias only), to test the
// rules that act on the model's reading. Sentences written for these tests.
const SUBS = [...EVENT_TYPES.flatMap((t) => SUB_EVENT_TYPES[t] as readonly string[]), NONE];
function fixedModel(reading: Record<string, number>): Model {
  const bias = Float64Array.from(SUBS, (c) => reading[c] ?? -5);
  return { dim: 1, noneThreshold: 0.5, heads: { sub: { classes: SUBS, bias, scale: new Float64Array(SUBS.length).fill(1), w: new Int8Array(SUBS.length) } } };
}
const lex = loadLexicons();
const decide = (model: Model, text: string, article = false) => decideAcled(model, new Int32Array([0]), matchSentence(lex, text), article, text);

test('a blast that killed people is not a disrupted weapons use, whatever the reading', () => {
  const m = fixedModel({ 'Disrupted weapons use': 3, 'Suicide bomb': 1 });
  const d = decide(m, 'A suicide bomber blew himself up outside the market in Garo, killing four people.');
  assert.equal(d?.sub, 'Suicide bomb');
  // … but a device blown up early while it was being planted is one
  const e = decide(fixedModel({ 'Remote explosive/landmine/IED': 3 }), 'Two fighters died when the IED they were carrying exploded prematurely near Garo.');
  assert.equal(e?.sub, 'Disrupted weapons use');
  assert.equal(e?.type, 'Strategic developments');
  // … and one that went off is the event even when others were made safe
  const f = decide(fixedModel({ 'Remote explosive/landmine/IED': 3 }), 'A bomb detonated inside the bus station while two others were deactivated by the army.');
  assert.equal(f?.sub, 'Remote explosive/landmine/IED');
});

test('in articles, a device that went off and did harm is an explosion', () => {
  const m = fixedModel({ 'Disrupted weapons use': 3 });
  assert.equal(decide(m, 'A car loaded with explosives was detonated outside the police station, damaging three shops.', true)?.sub, 'Remote explosive/landmine/IED');
  assert.equal(decide(m, 'Engineers defused a device that was found outside the police station.', true)?.sub, 'Disrupted weapons use');
});

test('a town taken by an actor the words do not name: the sub-type head chooses the side', () => {
  const gov = fixedModel({ 'Armed clash': 3, 'Government regains territory': 1, 'Non-state actor overtakes territory': 0 });
  const nsa = fixedModel({ 'Armed clash': 3, 'Government regains territory': 0, 'Non-state actor overtakes territory': 1 });
  const s = 'On 4 June 2021, the KDF took control of the town of Marera after a day of fighting.';
  assert.equal(decide(gov, s)?.sub, 'Government regains territory');
  assert.equal(decide(nsa, s)?.sub, 'Non-state actor overtakes territory');
  // a recapture is the state's unless a non-state actor is named as taking it
  assert.equal(decide(nsa, 'On 4 June 2021, the KDF re-captured the town of Marera.')?.sub, 'Government regains territory');
});
