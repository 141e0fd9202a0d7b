import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences, tokenize } from './index.js';

const whole = (t: string) => [{ start: 0, end: t.length }];
const texts = (t: string) => splitSentences(t, whole(t)).map((s) => t.slice(s.span.start, s.span.end));

test('splits wire copy at sentence ends, keeping abbreviations and initials', () => {
  const t = 'Gen. Mark Milley met U.S. officials on Monday. Executive Director Paul J. Saunders said the talks failed. "It was a provocation," he said! Was it?';
  assert.deepEqual(texts(t), [
    'Gen. Mark Milley met U.S. officials on Monday.',
    'Executive Director Paul J. Saunders said the talks failed.',
    '"It was a provocation," he said!',
    'Was it?',
  ]);
});

test('a sentence may end with an abbreviation such as U.S.', () => {
  const t = 'The strike was carried out by the U.S. Officials later confirmed it.';
  assert.deepEqual(texts(t), ['The strike was carried out by the U.S.', 'Officials later confirmed it.']);
});

test('numbers with decimals and times do not split; paragraphs always do', () => {
  const t = 'The 3.5 km convoy left at 10.30 in the morning\nA second paragraph without a final stop';
  const body = [{ start: 0, end: 46 }, { start: 47, end: t.length }];
  const s = splitSentences(t, body);
  assert.equal(s.length, 2);
  assert.deepEqual(s.map((x) => x.paragraph), [0, 1]);
  assert.equal(t.slice(s[0]!.span.start, s[0]!.span.end), 'The 3.5 km convoy left at 10.30 in the morning');
});

test('tokens carry offsets into the original text and lower-cased forms', () => {
  const t = 'Al-Qamishli’s market, 1,200 people.';
  const toks = tokenize(t, 0, t.length);
  assert.deepEqual(toks.map((x) => x.norm), ['al-qamishli’s', 'market', ',', '1,200', 'people', '.']);
  assert.equal(t.slice(toks[3]!.start, toks[3]!.end), '1,200');
});
