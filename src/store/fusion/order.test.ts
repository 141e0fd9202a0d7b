/**
 * Fusion does not depend on arrival order: the same predictions stored forward, in reverse and
 * shuffled into three SQLite stores give the same events. The mentions are drawn from small pools
 * (a few towns, days, types and actors) so that many fit several events equally well.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../index.js';
import type { Article } from '../../model/document.js';
import { articleKey } from '../canonical.js';
import { prediction } from '../../../test/store/helpers.js';
import { dumpStore } from '../../../test/store/dump.js';
import { mulberry32 } from '../../../scripts/bench-corpus.js';

const N = Number(process.env.SITREP_FUSION_ORDER_N ?? 120);
const dir = mkdtempSync(join(tmpdir(), 'sitrep-fusion-order-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const PLACES = [
  { text: 'Aleppo', lat: 36.2, lon: 37.16, admin1: 'Aleppo', geonameid: 1 },
  { text: 'Azaz', lat: 36.59, lon: 37.05, admin1: 'Aleppo', geonameid: 2 },
  { text: 'Aleppo outskirts', lat: 36.25, lon: 37.2, admin1: 'Aleppo', geonameid: 3 },
  { text: 'Idlib', lat: 35.93, lon: 36.63, admin1: 'Idlib', geonameid: 4 },
  { text: 'Ariha', lat: 35.81, lon: 36.61, admin1: 'Idlib', geonameid: 5 },
  { text: 'Idlib province', lat: null, lon: null, admin1: 'Idlib', geonameid: null, precision: 'admin1' },
  { text: 'Syria', lat: 35, lon: 38, admin1: null, geonameid: 6, precision: 'country' },
];
const TYPES: [string, string][] = [['Protests', 'Peaceful protest'], ['Protests', 'Protest with intervention'], ['Riots', 'Violent demonstration'],
  ['Battles', 'Armed clash'], ['Explosions/Remote violence', 'Air/drone strike'], ['Violence against civilians', 'Attack']];
const ACTORS = [null, { text: 'protesters', kind: 'protesters' }, { text: 'demonstrators', kind: 'protesters' }, { text: 'the army', kind: 'military' },
  { text: 'rebels', kind: 'rebel' }, { text: 'police', kind: 'police' }, { text: 'civilians', kind: 'civilians' }];
const DATES = ['2021-10-22', '2021-10-23', '2021-10-24', '2021-10-25', '2021-W42', '2021-W43', '2021-10', null];

function corpus(n: number) {
  const rnd = mulberry32(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  return Array.from({ length: n }, (_, i) => {
    const article: Article = { id: `art${String(i).padStart(4, '0')}`, text: `Article ${i} about events.`, url: null, outlet: `Outlet ${i % 5}`, title: null, published: '2021-10-26' };
    const events = Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => {
      const [event_type, sub_event_type] = pick(TYPES);
      return { event_type, sub_event_type, place: { country: 'SYR', ...pick(PLACES) }, date: pick(DATES), actor1: pick(ACTORS), actor2: pick(ACTORS),
        confidence: pick([0.6, 0.8, 0.9]), fatalities: pick([null, 1, 2, 5]) };
    });
    return { article, prediction: prediction(article, events) };
  });
}

test(`fusion gives the same events in any arrival order (${N} articles)`, { timeout: 10 * 60_000 }, async () => {
  const docs = corpus(N);
  const rnd = mulberry32(11);
  const shuffled = [...docs];
  for (let i = shuffled.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]]; }
  const dumps = [];
  for (const [name, order] of [['forward', docs], ['reverse', [...docs].reverse()], ['shuffled', shuffled]] as const) {
    const store = await openStore(join(dir, `${name}.db`));
    try {
      for (const d of order) await store.ingest(d.article, d.prediction, { pipelineVersion: 'order-test' });
      dumps.push(await dumpStore(store, { withIds: false }));
    } finally { await store.close(); }
  }
  assert.ok(dumps[0].events.length > 10 && dumps[0].events.length < dumps[0].mentions.length, `${dumps[0].events.length} events of ${dumps[0].mentions.length} mentions`);
  assert.deepEqual(dumps[1].events, dumps[0].events, 'reverse');
  assert.deepEqual(dumps[2].events, dumps[0].events, 'shuffled');
  assert.deepEqual(dumps[1].sources, dumps[0].sources);
});

test('a floating mention keeps its place when events it does not fit merge', async () => {
  // three anchors the floating report fits (X and Z equally well, Y less), then a report that links X and Y
  const art = (url: string): Article => ({ id: url, text: `Report ${url}.`, url: `https://news.example/${url}`, outlet: url, title: null, published: '2021-10-25' });
  const [y, z, x] = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'].map(art).sort((a, b) => (articleKey(a).id < articleKey(b).id ? -1 : 1));
  const town = (text: string, lat: number, lon: number, admin1 = 'Idlib') => ({ text, lat, lon, country: 'SYR', admin1 });
  const ev = { event_type: 'Protests', sub_event_type: 'Peaceful protest', actor1: { text: 'protesters', kind: 'protesters' } };
  const f = art('floating'), m = art('linking');
  const docs = [
    { article: x, prediction: prediction(x, [{ ...ev, date: '2021-10-18', place: town('Ariha', 35.81, 36.61) }]) },
    { article: y, prediction: prediction(y, [{ ...ev, sub_event_type: 'Protest with intervention', date: '2021-10-18', place: town('Khan Shaykhun', 35.44, 36.65) }]) },
    { article: z, prediction: prediction(z, [{ ...ev, date: '2021-10-19', place: town('Idlib', 35.93, 36.63) }]) },
    { article: f, prediction: prediction(f, [{ ...ev, date: '2021-W42', place: { text: 'Idlib province', lat: null, lon: null, country: 'SYR', admin1: 'Idlib', precision: 'admin1' } }]) },
    { article: m, prediction: prediction(m, [{ ...ev, sub_event_type: null, date: '2021-10-18', place: town('Maarat', 35.64, 36.67, 'Hama') }]) },
  ];
  const dumps = [];
  for (const [name, order] of [['f-first', docs], ['m-first', [...docs.slice(0, 3), docs[4], docs[3]]], ['reverse', [...docs].reverse()]] as const) {
    const store = await openStore(join(dir, `merge-${name}.db`));
    try {
      for (const d of order) await store.ingest(d.article, d.prediction, { pipelineVersion: 'order-test' });
      dumps.push(await dumpStore(store, { withIds: false }));
    } finally { await store.close(); }
  }
  const fid = `${articleKey(f).id}:0`, zid = `${articleKey(z).id}:0`;
  assert.equal(dumps[0].events.length, 2, 'X, Y and the link are one event; Z another');
  assert.ok(dumps[0].events.some((e) => String((e as { mentions: string }).mentions).split(' ').sort().join(' ') === [fid, zid].sort().join(' ')), 'the floating report is with Z');
  assert.deepEqual(dumps[1].events, dumps[0].events);
  assert.deepEqual(dumps[2].events, dumps[0].events);
});
