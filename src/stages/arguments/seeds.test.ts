/** The two seed articles (shared/seeds): arguments and attribution of their must-find events. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../util/lexicon.js';
import { eventArguments } from './index.js';
import { attributions } from '../attribution/index.js';
import { prepare, withLayers, type EventSpec } from './test-helpers.js';

const SEEDS = path.resolve(ROOT, '../shared/seeds');
const read = (f: string): string => readFileSync(path.join(SEEDS, f), 'utf8');
const have = existsSync(SEEDS);

function run(text: string, published: string | null, specs: EventSpec[]) {
  let doc = prepare(text, published, specs);
  doc = withLayers(doc, { arguments: eventArguments(doc) });
  const attr = attributions(doc);
  return { doc, args: doc.layers.arguments!, attr };
}

test('seed 000: protest, base, clash and strikes', { skip: !have }, () => {
  const text = read('000_a218b2cd957973a3.txt');
  const { args, attr } = run(text, '2020-09-03', [
    { trigger: 'protested', type: 'Protests', sub: 'Peaceful protest' },
    { trigger: 'base', nth: 1, type: 'Strategic developments', sub: 'Headquarters or base established' },
    { trigger: 'killed', type: 'Battles', sub: 'Armed clash', background: true },
    { trigger: 'strikes', type: 'Explosions/Remote violence', sub: 'Air/drone strike', background: true },
  ]);
  const [protest, base, clash, strikes] = args;
  assert.equal(protest!.actor1?.text, 'villagers');
  assert.equal(protest!.actor1?.kind, 'protesters');
  assert.equal(protest!.actor1?.country, 'SYR');
  assert.equal(protest!.actor2?.kind, 'military');
  assert.equal(protest!.actor2?.country, 'RUS');
  assert.deepEqual(attr[0]!.claimedBy.map((c) => c.text), ['the North-Press Agency']);

  assert.equal(base!.actor1?.kind, 'military');
  assert.equal(base!.actor1?.country, 'RUS');
  assert.deepEqual(attr[1]!.claimedBy.map((c) => c.text), ['the UK-based Syrian Observatory for Human Rights']);

  assert.equal(clash!.actor1?.text, 'American soldiers');
  assert.equal(clash!.actor1?.country, 'USA');
  assert.equal(clash!.actor1?.kind, 'military');
  assert.equal(clash!.fatalities?.value, 1);

  assert.equal(strikes!.actor1?.text, 'The United States');
  assert.equal(strikes!.actor1?.kind, 'military');
  assert.equal(strikes!.actor1?.country, 'USA');
  assert.equal(strikes!.actor2?.kind, 'militia');
  assert.equal(strikes!.actor2?.country, 'SYR');
  assert.match(strikes!.actor2!.text, /pro-regime fighters/);
  assert.equal(strikes!.fatalities?.value, 100);
  assert.equal(strikes!.fatalities?.how, 'inferred');
  assert.deepEqual(attr[3]!.claimedBy.map((c) => c.text), ['reportedly']);
});

test('seed 004: contested airstrike', { skip: !have }, () => {
  const text = read('004_aa24c89156c6ffa1.txt');
  const { args, attr } = run(text, null, [
    { trigger: 'airstrikes', type: 'Explosions/Remote violence', sub: 'Air/drone strike' },
  ]);
  const a = args[0]!;
  assert.equal(a.actor1?.kind, 'military');
  assert.equal(a.actor1?.country, 'USA');
  assert.equal(a.actor2?.kind, 'military');
  assert.equal(a.actor2?.country, 'SYR');
  assert.equal(a.fatalities?.value, 62);
  assert.equal(a.injured?.value, 100);
  assert.equal(attr[0]!.contested, true);
  const by = attr[0]!.claims.map((c) => c.by.text);
  assert.ok(by.some((b) => /Churkin/.test(b)), by.join('; '));
  assert.ok(by.some((b) => /United States/.test(b)), by.join('; '));
});
