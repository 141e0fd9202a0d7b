/**
 * `bin/sitrep extract` end to end, as a user runs it: malformed inputs in the same batch as good
 * ones each give a clear, coded error naming the input, and never stop the batch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, ftruncateSync, copyFileSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../src/util/lexicon.js';

const BIN = path.join(ROOT, 'bin', 'sitrep');
const MAL = path.join(ROOT, 'test', 'fixtures', 'malformed');
const sitrep = (args: string[], input?: string) =>
  spawnSync(BIN, args, { encoding: 'utf8', input, cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });

const GOOD = `KANDAHAR, Afghanistan, June 4 (Wire) - Gunmen on motorcycles shot dead two police officers at a
checkpoint on the edge of Kandahar city on Monday, a provincial spokesman said.

No group claimed responsibility for the attack.
`;

test('a batch of malformed and good inputs: every bad one reported with its code, the good ones extracted', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-cli-'));
  try {
    for (const f of ['binary.txt', 'empty.txt', 'whitespace.txt', 'broken.html', 'windows-1252.txt', 'utf16le-bom.txt', 'batch-bad-line.jsonl']) {
      copyFileSync(path.join(MAL, f), path.join(dir, f));
    }
    writeFileSync(path.join(dir, 'good.txt'), GOOD);
    // a 50 MB file (sparse: no 50 MB written to disk), refused before it is read
    const big = path.join(dir, 'huge.txt');
    const fd = openSync(big, 'w'); ftruncateSync(fd, 50 * 1024 * 1024); closeSync(fd);
    const out = path.join(dir, 'out.jsonl');
    const r = sitrep(['extract', dir, '--published', '2023-06-06', '--output', out, '--workers', '0']);
    assert.equal(r.status, 1, `exit status 1 when some inputs failed; stderr:\n${r.stderr}`);
    const err = r.stderr;
    assert.match(err, /error E003_INPUT_BINARY \S*binary\.txt: /);
    assert.match(err, /error E002_INPUT_EMPTY \S*empty\.txt: /);
    assert.match(err, /error E002_INPUT_EMPTY \S*whitespace\.txt: /);
    assert.match(err, /error E004_INPUT_TOO_LARGE \S*huge\.txt: /);
    assert.match(err, /error E006_BAD_JSONL \S*batch-bad-line\.jsonl:2: /);
    assert.match(err, /warning E005_ENCODING \S*windows-1252\.txt: /);
    const preds = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const ids = preds.map((p) => p.id).sort();
    assert.ok(ids.includes('good') && ids.includes('broken') && ids.includes('windows-1252') && ids.includes('utf16le-bom'), `extracted: ${ids}`);
    assert.ok(ids.length >= 7, `the good batch lines are extracted too: ${ids}`);
    const good = preds.find((p) => p.id === 'good');
    assert.equal(good.published, '2023-06-06');
    assert.match(err, /extract: \d+ inputs, \d+ ok, \d+ errors in/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('stdin, table output and usage errors', () => {
  const r = sitrep(['extract', '-', '--published', '2023-06-06', '--format', 'table'], GOOD);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^article\s+type \/ sub-type/m);
  const bad = sitrep(['extract', '-', '--published', '6 June 2023']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--published must be YYYY-MM-DD/);
  const none = sitrep(['extract']);
  assert.equal(none.status, 2);
  const missing = sitrep(['extract', path.join(ROOT, 'no-such-file.txt')]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /E001_INPUT_NOT_FOUND \S*no-such-file\.txt/);
});

test('JSON output is one valid array following the schema shape', () => {
  const r = sitrep(['extract', '-', '--published', '2023-06-06', '--format', 'json'], GOOD);
  assert.equal(r.status, 0, r.stderr);
  const arr = JSON.parse(r.stdout);
  assert.equal(arr.length, 1);
  const p = arr[0];
  for (const k of ['schema', 'id', 'published', 'places', 'times', 'events']) assert.ok(k in p, `has ${k}`);
  for (const pl of p.places) assert.equal(GOOD.slice(pl.start, pl.end), pl.text, 'place spans index the text as given');
  for (const t of p.times) assert.equal(GOOD.slice(t.start, t.end), t.text, 'time spans index the text as given');
});

test('sitrep ingest --alerts: a rule fires once per qualifying event, and not again on a re-run', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-alerts-'));
  try {
    const sink = path.join(dir, 'alerts.jsonl');
    writeFileSync(path.join(dir, 'rules.yaml'), `defaults:\n  deliver:\n    - jsonl: ${sink}\nrules:\n  - id: kandahar-violence\n    near: {place: Kandahar, km: 50}\n`);
    writeFileSync(path.join(dir, 'good.txt'), GOOD);
    const args = ['ingest', path.join(dir, 'good.txt'), '--published', '2023-06-06', '--db', path.join(dir, 's.db'), '--alerts', path.join(dir, 'rules.yaml')];
    const first = sitrep(args);
    assert.equal(first.status, 0, first.stderr);
    const lines = readFileSync(sink, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    assert.ok(lines.length >= 1, `an alert for the Kandahar attack: ${first.stderr}`);
    assert.ok(lines.every((a) => a.rule?.id === 'kandahar-violence'));
    const again = sitrep(args);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(readFileSync(sink, 'utf8').trim().split('\n').filter(Boolean).length, lines.length, 'no second alert for the same event');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
