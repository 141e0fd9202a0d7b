import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, openSync, writeSync, closeSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { readAll, readInputs } from './read.js';
import { articleFromBytes, articleFromString, type InputResult } from './article.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIX = path.join(ROOT, 'test/fixtures/malformed');
const fx = (name: string) => path.join(FIX, name);

const byOrigin = (rs: InputResult[]) =>
  new Map(rs.map((r) => [r.ok ? r.article.origin! : r.error.input!, r]));

function tmp(): string {
  return mkdtempSync(path.join(tmpdir(), 'sitrep-io-'));
}

test('the malformed fixtures: each a clear error or a correct read, and the batch never stops', async () => {
  const rs = await readAll([FIX], { published: '2021-06-01' });
  const m = byOrigin(rs);
  const err = (name: string) => {
    const r = m.get(fx(name));
    assert.ok(r && !r.ok, `${name} should be an error`);
    return r.error;
  };
  const ok = (name: string) => {
    const r = m.get(fx(name));
    assert.ok(r && r.ok, `${name} should be read`);
    return r;
  };
  assert.equal(err('binary.txt').code, 'E003_INPUT_BINARY');
  assert.match(err('binary.txt').message, /binary\.txt: binary data/);
  assert.equal(err('empty.txt').code, 'E002_INPUT_EMPTY');
  assert.equal(err('whitespace.txt').code, 'E002_INPUT_EMPTY');
  assert.equal(err('page-no-body.htm').code, 'E002_INPUT_EMPTY', 'a page of scripts holds no text');

  const le = ok('utf16le-bom.txt');
  assert.match(le.article.text, /^Militants attacked a checkpoint near the town of Ma’rib on Sunday/);
  assert.deepEqual(le.warnings, []);
  const be = ok('utf16be-nobom.txt');
  assert.equal(be.article.text, le.article.text);
  assert.deepEqual(be.warnings.map((w) => w.code), ['E005_ENCODING']);
  const bom = ok('utf8-bom.txt');
  assert.ok(bom.article.text.startsWith('Militants'), 'BOM removed');
  assert.equal(bom.article.id, 'utf8-bom');
  assert.equal(bom.article.published, '2021-06-01', 'the caller date fills in');

  const w = ok('windows-1252.txt');
  assert.equal(w.article.text.split('\n')[0], 'The résumé of the “Free Army” commander – a former officer – was published on Tuesday.');
  assert.ok(w.article.text.includes('didn’t'));
  assert.deepEqual(w.warnings.map((x) => x.code), ['E005_ENCODING']);
  assert.match(w.warnings[0].message, /windows-1252\.txt: not valid UTF-8; read as Windows-1252/);

  const html = ok('broken.html');
  assert.equal(html.article.id, 'broken');
  assert.equal(html.article.title, 'Curfew imposed in Goma after clashes');
  assert.equal(html.article.outlet, 'Lake Post');
  assert.equal(html.article.url, 'https://lakepost.example/2021/05/curfew-goma');
  assert.equal(html.article.publishedMeta, '2021-05-04');
  assert.ok(html.article.text.includes('The governor said the curfew would run from 8 p.m. to 6 a.m. until further notice.\nShops were ordered to close early.'));
  assert.ok(!/tracking|alert|display:none/.test(html.article.text));

  // the batch: good lines read, each bad line an error naming path:line
  const b = (n: number) => m.get(`${fx('batch-bad-line.jsonl')}:${n}`);
  const l1 = b(1)!;
  assert.ok(l1.ok && l1.article.id === 'b1' && l1.article.published === '2020-03-02');
  const l2 = b(2)!;
  assert.ok(!l2.ok && l2.error.code === 'E006_BAD_JSONL');
  assert.match(l2.error.message, /batch-bad-line\.jsonl:2: not valid JSON/);
  assert.equal(b(3), undefined, 'a blank line is skipped silently');
  const l4 = b(4)!;
  assert.ok(l4.ok && l4.article.published === '2021-06-01', 'a bad record date is ignored, the caller date used');
  assert.deepEqual(l4.warnings.map((x) => x.code), ['E008_BAD_DATE']);
  const l5 = b(5)!;
  assert.ok(!l5.ok && /expected a JSON object/.test(l5.error.message));
  const l6 = b(6)!;
  assert.ok(!l6.ok && /no "id"/.test(l6.error.message));
  const l7 = b(7)!;
  assert.ok(!l7.ok && l7.error.code === 'E002_INPUT_EMPTY');
  const l8 = b(8)!;
  assert.ok(l8.ok && l8.article.id === '5' && l8.article.url === 'https://news.example/zamfara');

  // every fixture produced a result: nothing stopped the batch
  assert.equal(rs.length, 9 + 7);
});

test('a missing path is E001; the paths after it are still read', async () => {
  const rs = await readAll(['/no/such/file.txt', fx('utf8-bom.txt')]);
  assert.equal(rs.length, 2);
  assert.ok(!rs[0].ok && rs[0].error.code === 'E001_INPUT_NOT_FOUND' && rs[0].error.input === '/no/such/file.txt');
  assert.ok(rs[1].ok);
});

test('oversized: refused by stat before reading (a 50 MB file), and per record in a batch', async () => {
  const dir = tmp();
  try {
    const big = path.join(dir, 'huge.txt');
    const fd = openSync(big, 'w');
    writeSync(fd, 'Troops advanced. ');
    ftruncateSync(fd, 50 * 1024 * 1024); // sparse: no 50 MB written, none read
    closeSync(fd);
    const small = path.join(dir, 'small.txt');
    writeFileSync(small, 'Two soldiers were wounded in a mortar attack near the border on Friday.');
    const before = process.memoryUsage().rss;
    const rs = await readAll([big, small]);
    assert.ok(!rs[0].ok && rs[0].error.code === 'E004_INPUT_TOO_LARGE');
    assert.match(rs[0].error.message, /huge\.txt: 50\.0 MB is over the limit of 5\.0 MB/);
    assert.ok(process.memoryUsage().rss - before < 30 * 1024 * 1024, 'the big file was not read into memory');
    assert.ok(rs[1].ok);

    // a batch larger than the limit is fine; one oversized record is skipped, the rest read
    const batch = path.join(dir, 'batch.jsonl');
    const rec = (id: string, text: string) => JSON.stringify({ id, text }) + '\n';
    writeFileSync(batch, rec('a', 'Rebels shelled the airport.') + rec('b', 'x'.repeat(3000)) + rec('c', 'Police dispersed the crowd.'));
    const br = await readAll([batch], { maxBytes: 1000 });
    assert.deepEqual(br.map((r) => (r.ok ? r.article.id : r.error.code)), ['a', 'E004_INPUT_TOO_LARGE', 'c']);
    assert.equal(!br[1].ok && br[1].error.input, `${batch}:2`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('folders are read recursively for the input extensions, sorted; ids are file names, repeats renamed', async () => {
  const dir = tmp();
  try {
    mkdirSync(path.join(dir, 'sub/deeper'), { recursive: true });
    mkdirSync(path.join(dir, '.hidden'));
    writeFileSync(path.join(dir, 'a.txt'), 'Clashes broke out in the capital.');
    writeFileSync(path.join(dir, 'notes.md'), 'not an input');
    writeFileSync(path.join(dir, '.hidden/x.txt'), 'hidden');
    writeFileSync(path.join(dir, 'sub/a.text'), 'A second article with the same name.');
    writeFileSync(path.join(dir, 'sub/deeper/c.htm'), '<p>Troops withdrew from the town after a week of fighting, the ministry said on Monday in a statement.</p>');
    writeFileSync(path.join(dir, 'sub/one.json'), JSON.stringify({ id: 'j1', text: 'A single JSON record.', published: '2019-01-02T10:00:00Z' }));
    writeFileSync(path.join(dir, 'sub/many.json'), JSON.stringify([{ id: 'k1', text: 'First.' }, { id: 'k2', text: 'Second.' }]));
    const rs = await readAll([dir]);
    const ids = rs.map((r) => (r.ok ? r.article.id : r.error.code));
    assert.deepEqual(ids, ['a', 'a-2', 'c', 'k1', 'k2', 'j1']);
    const dup = rs[1];
    assert.ok(dup.ok && dup.warnings.some((w) => w.code === 'E012_DUPLICATE_ID'));
    const j1 = rs[5];
    assert.ok(j1.ok && j1.article.published === '2019-01-02');
    const empty = tmp();
    const er = await readAll([empty]);
    assert.ok(!er[0].ok && er[0].error.code === 'E001_INPUT_NOT_FOUND');
    rmSync(empty, { recursive: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('stdin: text, HTML or a JSONL batch, sniffed; "-" or the stdin option', async () => {
  const txt = await readAll(['-'], { stdinStream: Readable.from([Buffer.from('Gunmen attacked a bus '), Buffer.from('near Peshawar.')]) });
  assert.ok(txt[0].ok && txt[0].article.id === 'stdin' && txt[0].article.text === 'Gunmen attacked a bus near Peshawar.');
  const jl = await readAll([], { stdin: true, stdinStream: Readable.from(['{"id":"s1","text":"One."}\n', 'oops\n', '{"id":"s2","text":"Two."}\n']) });
  assert.deepEqual(jl.map((r) => (r.ok ? r.article.id : r.error.input)), ['s1', 'stdin:2', 's2']);
  const html = await readAll(['-'], { stdinStream: Readable.from(['<html><body><article><p>Protesters gathered outside parliament in Yerevan on Saturday, demanding the resignation of the prime minister, witnesses said.</p></article></body></html>']) });
  assert.ok(html[0].ok && html[0].article.text.startsWith('Protesters gathered'));
  // a long JSONL stream goes past the limit record by record
  const recs = Array.from({ length: 50 }, (_, i) => JSON.stringify({ id: `r${i}`, text: `Report number ${i} about a skirmish.` }) + '\n');
  const many = await readAll(['-'], { maxBytes: 500, stdinStream: Readable.from(recs) });
  assert.equal(many.filter((r) => r.ok).length, 50);
  const big = await readAll(['-'], { maxBytes: 100, stdinStream: Readable.from(['x'.repeat(80), 'y'.repeat(80)]) });
  assert.ok(!big[0].ok && big[0].error.code === 'E004_INPUT_TOO_LARGE');
  const none = await readAll(['-'], { stdinStream: Readable.from([]) });
  assert.ok(!none[0].ok && none[0].error.code === 'E002_INPUT_EMPTY');
});

test('readInputs is lazy: a consumer can stop early', async () => {
  const it = readInputs([FIX]);
  const first = await it.next();
  assert.ok(!first.done);
  await it.return(undefined);
});

test('articleFromString / articleFromBytes for the HTTP API', () => {
  const r = articleFromString('upload-7.txt', 'Militia fighters seized a checkpoint.', 'text', { published: '2022-02-02' });
  assert.ok(r.ok && r.article.id === 'upload-7' && r.article.published === '2022-02-02' && r.article.origin === 'upload-7.txt');
  const j = articleFromString('req', '{"id":"q1","text":"Hello.","published":"2020-01-01"}', 'json');
  assert.ok(j.ok && j.article.id === 'q1');
  const bad = articleFromString('req', '{"id":"q1",', 'json');
  assert.ok(!bad.ok && bad.error.code === 'E006_BAD_JSONL');
  const bytes = articleFromBytes('latin.txt', Buffer.from('Caf\xe9 bombing.', 'latin1'));
  assert.ok(bytes.ok && bytes.article.text === 'Café bombing.' && bytes.warnings[0].code === 'E005_ENCODING');
  const bin = articleFromBytes('x.bin', Buffer.from([0, 1, 2, 3, 0, 5, 6, 0]));
  assert.ok(!bin.ok && bin.error.code === 'E003_INPUT_BINARY' && bin.error.input === 'x.bin');
});
