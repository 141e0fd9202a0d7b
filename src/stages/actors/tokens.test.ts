import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mulberry32 } from '../../../scripts/bench-corpus.js';
import { tokens, tokenizeWithRegex } from './tokens.js';

// tokens() scans ASCII by character class and falls back to the token regex elsewhere: its tokens
// must be the regex's, field for field, whatever the text.
const same = (text: string, start = 0, end = text.length): void =>
  assert.deepEqual(tokens(text, start, end), tokenizeWithRegex(text, start, end), JSON.stringify(text.slice(start, end)));

test('tokens: the scanner gives the regex tokens on news text', () => {
  const t = "MOGADISHU, July 24 (Reuters) - U.S.-backed forces' 1,250.5 men; al-Shabaab's “fighters” killed 12 "
    + 'in Deir ez-Zor’s east. The UN’s envoy, Mr. O’Neill, said: ISIS-K, a 7-year-old, 3.5km, ÉTAT Islamique, naïve café.';
  same(t);
  same(t, 11, 60);
  same(t, 30, t.length - 5);
  const toks = tokens('U.S.-led forces killed 12', 0, 25);
  assert.deepEqual(toks.map((x) => x.n), ['us', '-', 'led', 'forces', 'killed', '12']);
  assert.deepEqual(toks.map((x) => x.glued), [false, true, true, false, false, false]);
});

test('tokens: the scanner gives the regex tokens on random strings', () => {
  const rnd = mulberry32(11);
  const alphabet = ['a', 'Z', 'U', '.', ',', "'", '’', 's', 'S', '1', '9', '٣', '²', 'é', 'É', '\u0301', ' ', '\u00a0', '\n', '-',
    '"', '(', 'ß', 'İ', '\u2028', '\ufeff', '\u001c', 'x', '5', 'ǅ', 'ﬁ', '😀', 'Ω', 'µ'];
  for (let k = 0; k < 20000; k++) {
    let s = '';
    for (let i = 1 + Math.floor(rnd() * 14); i > 0; i--) s += alphabet[Math.floor(rnd() * alphabet.length)];
    const padded = 'x'.repeat(70) + s + ' ' + s; // 64 characters and more: the cached path
    same(s);
    same(padded, 70, padded.length);
  }
});
