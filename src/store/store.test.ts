/** The store on both databases: ingest, idempotency, re-extraction, fusion, split, queries, queue. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from './index.js';
import type { SqlStore } from './store.js';
import type { Article } from '../model/document.js';
import { prediction, targets } from '../../test/store/helpers.js';

const MOGADISHU = { text: 'Mogadishu', lat: 2.0371, lon: 45.3438, country: 'SOM', admin1: 'Banaadir', geonameid: 53654 };
const AFGOYE = { text: 'Afgoye', lat: 2.1381, lon: 45.1212, country: 'SOM', admin1: 'Lower Shabeelle', geonameid: 57060 };
const KISUMU = { text: 'Kisumu', lat: -0.1022, lon: 34.7617, country: 'KEN', admin1: 'Kisumu', geonameid: 191245 };

const art = (id: string, outlet: string, published: string, text: string, url?: string): Article =>
  ({ id, outlet, published, text, url: url ?? `https://www.${outlet.toLowerCase().replace(/\s+/g, '')}.example/${id}?utm_source=feed` });

const bombA = art('bomb-a', 'Horn Wire', '2023-07-25',
  'A suicide bomber struck an army training camp in Mogadishu on Monday, killing at least 25 soldiers, an officer said. Al-Shabaab claimed the attack.');
const bombB = art('bomb-b', 'Coastal Daily', '2023-07-24',
  'At least 30 recruits died when a bomber detonated a vest at a military academy in the Somali capital, hospital staff said.');
const bombC = art('bomb-c', 'Radio Banaadir', '2023-07-26',
  'The death toll from Monday\'s blast at the Jaale Siyaad academy rose to 32, medics told the station; the militants put it at 70.');
const protest = art('kisumu-1', 'Lake Region Times', '2023-07-19',
  'Police fired tear gas at hundreds of opposition supporters marching through Kisumu on Wednesday over the cost of living.');
const mortar = art('mortar-1', 'Horn Wire', '2023-07-28',
  'Mortar rounds landed near the presidential palace in Mogadishu on Thursday night, wounding four civilians, police said.');

const SB = { event_type: 'Explosions/Remote violence', sub_event_type: 'Suicide bomb' } as const;
const shabaab = { text: 'Al-Shabaab', kind: 'terrorist', country: 'SOM', name: 'Al-Shabaab' };
const army = { text: 'soldiers', kind: 'military', country: 'SOM' };

const preds = {
  a: prediction(bombA, [{ ...SB, place: MOGADISHU, date: '2023-07-24', fatalities: 25, actor1: shabaab, actor2: army, claimed_by: [{ text: 'an officer', start: 0, end: 0 }] }]),
  b: prediction(bombB, [{ ...SB, place: { ...MOGADISHU, text: 'the Somali capital' }, date: null, fatalities: 30, actor2: army, confidence: 0.7 }]),
  c: prediction(bombC, [{ ...SB, place: { ...MOGADISHU, text: 'Jaale Siyaad academy', precision: 'near' }, date: '2023-07-24', fatalities: 32,
    claims: [{ by: 'the militants', start: 0, end: 0, says: 'toll', field: 'fatalities', value: 70 }], contested: true }]),
  protest: prediction(protest, [{ event_type: 'Protests', sub_event_type: 'Protest with intervention', place: KISUMU, date: '2023-07-19', actor1: { text: 'opposition supporters', kind: 'protesters' }, actor2: { text: 'Police', kind: 'police', country: 'KEN' } }]),
  mortar: prediction(mortar, [{ event_type: 'Explosions/Remote violence', sub_event_type: 'Shelling/artillery/missile attack', place: MOGADISHU, date: '2023-07-27', injured: 4 }]),
};

for (const t of targets('store')) {
  describe(`store on ${t.name}`, () => {
    let store: SqlStore;
    const V = { pipelineVersion: 'test-1' };
    before(async () => { store = await openStore(t.url); });
    after(async () => { await store.close(); await t.cleanup(); });

    test('three reports of one bombing become one event; others stay apart', async () => {
      for (const [a, p] of [[bombA, preds.a], [protest, preds.protest], [bombB, preds.b], [mortar, preds.mortar], [bombC, preds.c]] as const) {
        const r = await store.ingest(a, p, V);
        assert.equal(r.status, 'stored');
      }
      const s = await store.stats();
      assert.deepEqual(s, { articles: 5, mentions: 5, events: 3 });
      const page = await store.queryEvents({ eventType: 'Explosions/Remote violence', subEventType: 'Suicide bomb' });
      assert.equal(page.items.length, 1);
      const e = page.items[0];
      assert.equal(e.nMentions, 3);
      assert.equal(e.nSources, 3);
      assert.equal(e.date, '2023-07-24');
      assert.equal(e.location.text, 'Mogadishu');
      assert.deepEqual(e.fatalities, { low: 25, best: 30, high: 70 });
      assert.deepEqual(e.sources, ['Coastal Daily', 'Horn Wire', 'Radio Banaadir']);
      assert.ok(e.contested);
      const tolls = (e.consensus.fatalities as { claims: { value: number; by: string | null; outlet: string | null }[] }).claims;
      assert.deepEqual(tolls.map((c) => [c.value, c.outlet]), [[25, 'Horn Wire'], [30, 'Coastal Daily'], [32, 'Radio Banaadir'], [70, 'Radio Banaadir']]);
      assert.equal(tolls.find((c) => c.value === 70)!.by, 'the militants');
      assert.ok(e.confidence > 0.9, `corroborated by three outlets: ${e.confidence}`);
    });

    test('ingesting the same articles again changes nothing', async () => {
      const before = await store.queryEvents({}, { limit: 100 });
      for (const [a, p] of [[bombA, preds.a], [bombB, preds.b], [bombC, preds.c]] as const) {
        assert.equal((await store.ingest(a, p, V)).status, 'unchanged');
      }
      // the same text under another URL, and the same URL with tracking parameters: stored once
      assert.equal((await store.ingest({ ...bombA, url: 'https://mirror.example/x' }, preds.a, V)).status, 'unchanged');
      assert.equal((await store.ingest({ ...bombB, url: bombB.url + '&utm_medium=x#top' }, preds.b, V)).status, 'unchanged');
      const after = await store.queryEvents({}, { limit: 100 });
      assert.deepEqual(after.items.map((e) => [e.id, e.updatedAt]), before.items.map((e) => [e.id, e.updatedAt]));
      assert.deepEqual(await store.stats(), { articles: 5, mentions: 5, events: 3 });
    });

    test('re-extraction under a new pipeline version replaces the article\'s mentions cleanly', async () => {
      const ev = (await store.queryEvents({ subEventType: 'Suicide bomb' })).items[0];
      // the new pipeline reads the third report as a different, later event
      const p2 = prediction(bombC, [{ ...SB, place: AFGOYE, date: '2023-07-12', fatalities: 32 }]);
      const r = await store.ingest(bombC, p2, { pipelineVersion: 'test-2' });
      assert.equal(r.status, 'replaced');
      assert.deepEqual(await store.stats(), { articles: 5, mentions: 5, events: 4 });
      const same = await store.getEvent(ev.id);
      assert.equal(same!.nMentions, 2, 'the event keeps its id and the two remaining reports');
      assert.deepEqual(same!.fatalities, { low: 25, best: 25, high: 30 });
      const hist = await store.history(ev.id);
      assert.ok(hist.some((h) => h.action === 'detach'));
      // and back: the mention rejoins the same event
      await store.ingest(bombC, preds.c, { pipelineVersion: 'test-3' });
      assert.deepEqual(await store.stats(), { articles: 5, mentions: 5, events: 3 });
      assert.equal((await store.getEvent(ev.id))!.nMentions, 3);
    });

    test('a wrong merge can be split, stays split, and ids resolve', async () => {
      const ev = (await store.queryEvents({ subEventType: 'Suicide bomb' })).items[0];
      const ms = await store.eventMentions(ev.id);
      const moved = ms.find((m) => m.outlet === 'Radio Banaadir')!;
      const { newEventId } = await store.split(ev.id, [moved.id], 'analyst: different blast');
      assert.equal((await store.getEvent(ev.id))!.nMentions, 2);
      assert.equal((await store.getEvent(newEventId))!.nMentions, 1);
      // a fourth report matching both attaches to one of them and does not merge them back
      const d = art('bomb-d', 'Gulf Monitor', '2023-07-25', 'Somali officials said 27 soldiers were killed in Monday\'s suicide attack on a Mogadishu academy.');
      await store.ingest(d, prediction(d, [{ ...SB, place: MOGADISHU, date: '2023-07-24', fatalities: 27 }]), V);
      const a1 = (await store.getEvent(ev.id))!, a2 = (await store.getEvent(newEventId))!;
      assert.equal(a1.nMentions + a2.nMentions, 4);
      assert.equal((await store.queryEvents({ subEventType: 'Suicide bomb' })).items.length, 2);
      assert.equal(await store.resolveEventId(ev.id), ev.id);
      assert.equal(await store.resolveEventId('ev-nope'), null);
    });

    test('queries: time, bbox, distance, type, actor, country, source, text, counts, cursor', async () => {
      const ids = async (f: Parameters<SqlStore['queryEvents']>[0]) => (await store.queryEvents(f)).items.length;
      assert.equal(await ids({ country: 'KEN' }), 1);
      assert.equal(await ids({ from: '2023-07-20', to: '2023-07-31' }), 3);
      assert.equal(await ids({ bbox: [45.0, 1.5, 45.6, 2.5] }), 3);
      assert.equal(await ids({ near: { lat: -0.09, lon: 34.75, km: 10 } }), 1);
      assert.equal(await ids({ eventType: 'Protests' }), 1);
      assert.equal(await ids({ actor: 'shabaab' }), 1);
      assert.equal(await ids({ actor: 'protesters' }), 1);
      assert.equal(await ids({ source: 'coastal' }), 1);
      assert.equal(await ids({ text: 'tear gas' }), 1);
      assert.equal(await ids({ text: 'academy' }), 2);
      assert.deepEqual(await store.countEvents({}, 'type'), [
        { key: 'Explosions/Remote violence', count: 3 }, { key: 'Protests', count: 1 }]);
      assert.deepEqual(await store.countEvents({}, 'country'), [{ key: 'KEN', count: 1 }, { key: 'SOM', count: 3 }]);
      assert.deepEqual(await store.countEvents({ country: 'SOM' }, 'week'), [{ key: '2023-07-24', count: 3 }]);
      assert.deepEqual((await store.countEvents({}, 'day')).map((r) => r.key), ['2023-07-19', '2023-07-24', '2023-07-27']);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const p: Awaited<ReturnType<SqlStore['queryEvents']>> = await store.queryEvents({}, { limit: 1, cursor });
        seen.push(...p.items.map((e) => e.id));
        cursor = p.next;
      } while (cursor);
      assert.equal(seen.length, 4);
      assert.equal(new Set(seen).size, 4);
    });

    test('articles with their mentions; light event points', async () => {
      const id = (await store.articleState({ id: '', urlCanonical: null, contentHash: (await import('./canonical.js')).contentHash(bombA.text) }))!.id;
      const a = await store.getArticle(id);
      assert.equal(a!.text, bombA.text);
      assert.equal(a!.url, bombA.url);
      assert.equal(a!.mentions.length, 1);
      assert.ok(a!.mentions[0].eventId);
      const pts = await store.eventPoints({ country: 'SOM' }, 2);
      assert.equal(pts.items.length, 2);
      assert.ok(pts.truncated);
      assert.equal(await store.getArticle('nope'), null);
    });

    test('queue: enqueue is idempotent, claims lease, expired leases are retaken', async () => {
      const n = await store.enqueue([bombA, protest], null, 'q1');
      assert.equal(n, 2);
      assert.equal(await store.enqueue([bombA], null, 'q1'), 0);
      const got = await store.claimJobs('w1', 10, 60_000);
      assert.equal(got.length, 2);
      assert.equal(got[0].article.text, bombA.text);
      assert.equal((await store.claimJobs('w2', 10, 60_000)).length, 0);
      await store.raw.run(`UPDATE jobs SET lease_until = 0 WHERE id = ?`, [got[1].id]);
      const again = await store.claimJobs('w2', 10, 60_000);
      assert.deepEqual(again.map((j) => j.id), [got[1].id]);
      assert.equal(again[0].attempts, 2);
      await store.ingest(bombA, preds.a, { pipelineVersion: V.pipelineVersion, jobId: got[0].id });
      await store.failJob(got[1].id, 'boom', 2);
      assert.deepEqual(await store.queueStats(), { queued: 0, running: 0, done: 1, failed: 1 });
    });
  });
}
