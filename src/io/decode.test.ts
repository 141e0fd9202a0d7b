import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBytes, decodeCp1252, sniffUtf16 } from './decode.js';
import { normalizeDate, isYmd } from './dates.js';

const LEAD = 'Shelling hit the outskirts of Kharkiv overnight, the regional governor said.\n';

test('UTF-8 with and without BOM decodes to the same text, the BOM dropped', () => {
  const plain = decodeBytes(Buffer.from(LEAD));
  const bom = decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(LEAD)]));
  assert.ok(plain.ok && bom.ok);
  assert.equal(plain.text, LEAD);
  assert.equal(bom.text, LEAD);
  assert.equal(bom.bom, true);
  assert.equal(plain.guessed, false);
});

test('UTF-16 LE and BE: by BOM, and by the NUL pattern without one', () => {
  const text = 'Ceasefire talks in Doha – “no progress”, an envoy said.\n';
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(text, 'utf16le').swap16();
  for (const [buf, enc, guessed] of [
    [Buffer.concat([Buffer.from([0xff, 0xfe]), le]), 'utf-16le', false],
    [Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'utf-16be', false],
    [le, 'utf-16le', true],
    [be, 'utf-16be', true],
  ] as const) {
    const d = decodeBytes(buf);
    assert.ok(d.ok, enc);
    assert.equal(d.text, text);
    assert.equal(d.encoding, enc);
    assert.equal(d.guessed, guessed);
  }
  assert.equal(sniffUtf16(Buffer.from('plain ascii text')), null);
});

test('Windows-1252: curly quotes, dashes and é survive; the decoder says it guessed', () => {
  const bytes = Buffer.from('The \x93caf\xe9\x94 attack \x96 claimed by no one \x85', 'latin1');
  const d = decodeBytes(bytes);
  assert.ok(d.ok);
  assert.equal(d.encoding, 'windows-1252');
  assert.equal(d.guessed, true);
  assert.equal(d.text, 'The “café” attack – claimed by no one …');
  assert.equal(decodeCp1252(Buffer.from([0x80, 0x92, 0x9c])), '€’œ');
});

test('binary: NUL bytes without a UTF-16 pattern, or many control bytes', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
  const d = decodeBytes(png);
  assert.ok(!d.ok && d.problem === 'binary');
  const ctrl = Buffer.alloc(400, 0x41);
  for (let i = 0; i < 400; i += 10) ctrl[i] = 0x01;
  const c = decodeBytes(ctrl);
  assert.ok(!c.ok && c.problem === 'binary');
  // a stray form feed or ESC in real text is fine
  assert.ok(decodeBytes(Buffer.from(`${LEAD}\f${LEAD}`)).ok);
});

test('empty and whitespace-only input', () => {
  const e = decodeBytes(Buffer.alloc(0));
  assert.ok(!e.ok && e.problem === 'empty');
  const w = decodeBytes(Buffer.from(' \n\t\r\n \u00a0'));
  assert.ok(!w.ok && w.problem === 'empty');
});

test('normalizeDate: ISO, timestamps, RFC 2822, written dates; the calendar date as written', () => {
  assert.equal(normalizeDate('2021-01-23T23:30:00-05:00'), '2021-01-23');
  assert.equal(normalizeDate('2009-03-23 14:39:58.159565-05'), '2009-03-23');
  assert.equal(normalizeDate('Sat, 03 Jan 2015 23:58:00 GMT'), '2015-01-03');
  assert.equal(normalizeDate('Wed Nov 23, 2016 | 11:58pm EST'), '2016-11-23');
  assert.equal(normalizeDate('7:58 AM ET, Sat January 3, 2015'), '2015-01-03');
  assert.equal(normalizeDate('20150103'), '2015-01-03');
  assert.equal(normalizeDate('12/03/2015'), null, 'day/month order unknown');
  assert.equal(normalizeDate('2021-02-30'), null);
  assert.equal(normalizeDate('yesterday 2015'), null);
  assert.equal(normalizeDate(42), null);
  assert.ok(isYmd('2020-02-29'));
  assert.ok(!isYmd('2021-02-29'));
});
