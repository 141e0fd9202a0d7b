/** `sitrep export` on both databases: ACLED CSV (quoting), flat CSV, GeoJSON, JSONL, filters. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import { exportCmd, csvField } from '../../src/cli/export.js';
import { ACLED_COLUMNS } from '../../src/store/acled.js';
import type { Article } from '../../src/model/document.js';
import { prediction, targets } from './helpers.js';

/** RFC 4180 reader (quoted fields with commas, quotes and line breaks). */
function parseCsv(s: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], f = '', q = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === '"' && s[i + 1] === '"') { f += '"'; i++; } else if (c === '"') q = false; else f += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(f); f = ''; }
    else if (c === '\r' && s[i + 1] === '\n') { row.push(f); rows.push(row); row = []; f = ''; i++; }
    else f += c;
  }
  if (f || row.length) { row.push(f); rows.push(row); }
  return rows;
}

const goma: Article = { id: 'goma-1', outlet: 'Great Lakes News', published: '2024-08-13', url: 'https://greatlakes.example/goma-1',
  text: 'M23 rebels and the army fought near Sake on Monday, "heavy" fighting, officials said,\nand 12 rebels died.' };
const sanaa: Article = { id: 'sanaa-1', outlet: 'Gulf Monitor', published: '2024-04-24', url: 'https://gulf.example/sanaa-1',
  text: '=HYPERLINK("x") Airstrikes hit Hodeidah port on Tuesday, the rebels said, reporting three dead.' };

for (const t of targets('export')) {
  describe(`export on ${t.name}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-export-'));
    const run = async (...args: string[]) => {
      const out = join(dir, `out-${Math.random().toString(36).slice(2)}`);
      const code = await exportCmd(['--db', t.url, '--output', out, ...args]);
      assert.equal(code, 0);
      return readFileSync(out, 'utf8');
    };
    before(async () => {
      const s = await openStore(t.url);
      await s.ingest(goma, prediction(goma, [{ event_type: 'Battles', sub_event_type: 'Armed clash', date: '2024-08-12', fatalities: 12,
        place: { text: 'Sake', lat: -1.5736, lon: 29.0453, country: 'COD', admin1: 'North Kivu', precision: 'near' },
        actor1: { text: 'M23 rebels', kind: 'rebel', name: 'M23: March 23 Movement' }, actor2: { text: 'the army', kind: 'military', country: 'COD' } }]), { pipelineVersion: 'x' });
      await s.ingest(sanaa, prediction(sanaa, [{ event_type: 'Explosions/Remote violence', sub_event_type: 'Air/drone strike', date: '2024-04-23', fatalities: 3,
        place: { text: 'Hodeidah', lat: 14.7978, lon: 42.9545, country: 'YEM', admin1: 'Al Hudaydah' } }]), { pipelineVersion: 'x' });
      await s.close();
    });
    after(() => t.cleanup());

    test('ACLED CSV: the columns, ACLED coding, RFC 4180 quoting', async () => {
      const rows = parseCsv(await run('--format', 'acled-csv'));
      assert.deepEqual(rows[0], [...ACLED_COLUMNS]);
      assert.equal(rows.length, 3);
      const rec = rows.slice(1).map((r) => Object.fromEntries(ACLED_COLUMNS.map((c, i) => [c, r[i]])));
      const g = rec.find((r) => r.country === 'DR Congo')!;
      assert.equal(g.event_date, '2024-08-12');
      assert.equal(g.year, '2024');
      assert.equal(g.time_precision, '1');
      assert.equal(g.disorder_type, 'Political violence');
      assert.equal(g.actor1, 'M23: March 23 Movement');
      assert.equal(g.actor2, 'Military Forces of DR Congo');
      assert.equal(g.inter1, '2');
      assert.equal(g.inter2, '1');
      assert.equal(g.interaction, '12');
      assert.equal(g.iso, '180');
      assert.equal(g.region, 'Middle Africa');
      assert.equal(g.geo_precision, '2');
      assert.equal(g.fatalities, '12');
      assert.equal(g.notes, goma.text.replace(/\s+/g, ' '), 'commas and quotes survive the round trip');
      const y = rec.find((r) => r.country === 'Yemen')!;
      assert.equal(y.region, 'Middle East');
      assert.ok(y.notes.startsWith("'=HYPERLINK"), 'no formula injection');
      assert.ok(/^YEM[0-9A-F]+$/.test(y.event_id_cnty));
      assert.equal(csvField('a "b", c'), '"a ""b"", c"');
      assert.equal(csvField('-12'), '-12');
    });

    test('filters, flat CSV, GeoJSON, JSONL', async () => {
      assert.equal(parseCsv(await run('--format', 'csv', '--country', 'YEM')).length, 2);
      assert.equal(parseCsv(await run('--format', 'csv', '--type', 'Battles', '--from', '2024-08-01')).length, 2);
      assert.equal(parseCsv(await run('--format', 'csv', '--bbox', '28,-2,30,-1')).length, 2);
      assert.equal(parseCsv(await run('--format', 'csv', '--q', 'airstrikes')).length, 2);
      const gj = JSON.parse(await run('--format', 'geojson'));
      assert.equal(gj.type, 'FeatureCollection');
      assert.equal(gj.features.length, 2);
      const f = gj.features.find((x: { properties: { country: string } }) => x.properties.country === 'COD');
      assert.deepEqual(f.geometry, { type: 'Point', coordinates: [29.0453, -1.5736] });
      assert.equal(f.properties.fatalities_best, 12);
      const lines = (await run('--format', 'jsonl', '--with-mentions')).trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(lines.length, 2);
      assert.equal(lines[0].mentions.length, 1);
      assert.equal(await exportCmd(['--db', t.url, '--format', 'xml']), 2);
    });
  });
}
