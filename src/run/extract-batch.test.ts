import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractBatch, type BatchResult, type InputResult } from './extract-batch.js';
import { SitrepError } from '../model/errors.js';

const ARTICLES: InputResult[] = [
  { ok: true, article: { id: 'a1', published: '2024-03-12', text: 'Gunmen killed four farmers near the village of Dogon Daji in Sokoto State on Monday, police said.' } },
  { ok: false, error: new SitrepError('E002_INPUT_EMPTY', 'the file is empty', 'empty.txt') },
  { ok: true, article: { id: 'a2', published: '2024-03-12', text: 'Hundreds of students marched through central Dhaka on Sunday to demand safer roads.' } },
  { ok: true, article: { id: 'a3', published: '2024-03-12', text: 'The council met on Tuesday to discuss the budget for the coming year.' } },
];

async function collect(workers: number): Promise<BatchResult[]> {
  const out: BatchResult[] = [];
  for await (const r of extractBatch(ARTICLES, { workers })) out.push(r);
  return out;
}

test('worker threads give the same results as this thread, in input order, with bad inputs in place', async () => {
  const here = await collect(0), pooled = await collect(2);
  assert.deepEqual(pooled.map((r) => (r.ok ? r.article.id : `error ${r.code}`)), ['a1', 'error E002_INPUT_EMPTY', 'a2', 'a3']);
  for (let i = 0; i < here.length; i++) {
    const a = here[i]!, b = pooled[i]!;
    assert.equal(a.ok, b.ok);
    if (!a.ok || !b.ok) continue;
    assert.deepEqual(b.prediction, a.prediction);
    assert.equal(b.events, a.prediction.events.length);
    assert.deepEqual(b.notices, a.notices);
    // from a worker the prediction arrives as JSON, written out as it is
    assert.equal(typeof b.predictionJson, 'string');
    assert.deepEqual(JSON.parse(b.predictionJson!), a.prediction);
  }
  const first = here[0]!;
  assert.ok(first.ok && first.events >= 1, 'the Sokoto attack is an event');
});
