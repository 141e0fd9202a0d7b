import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPlaces, pickEventLocation } from './index.js';
import type { PlaceMention } from '../../model/document.js';

const at = (text: string, places: PlaceMention[], name: string, nth = 0): PlaceMention => {
  const re = new RegExp(`(?<![\\p{L}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'gu');
  const all = [...text.matchAll(re)].map((m) => m.index!);
  const pos = all[nth] ?? -1;
  const p = places.find((m) => m.span.start === pos && m.span.end === pos + name.length);
  assert.ok(p, `no place "${name}" at ${pos}; got ${places.map((m) => `${m.text}@${m.span.start}`).join(', ')}`);
  return p;
};
const none = (places: PlaceMention[], text: string, name: string): void => {
  const p = places.filter((m) => text.slice(m.span.start, m.span.end).includes(name));
  assert.equal(p.length, 0, `"${name}" should not be a place: ${p.map((m) => m.text).join(', ')}`);
};

const NE_SYRIA =
  'Kurdish-led fighters and a Russian convoy faced off on Monday near Derik, in the far north-east of Syria, ' +
  'local activists said. The Russian military has also been setting up a post in Qeser Dib, a village outside Derik, ' +
  'according to the Syrian Observatory for Human Rights. Later a US patrol drove from Al-Qamishli toward the Turkish border. ' +
  'Defense Secretary Mark Esper said the troops would stay. Spokesman John Kirby declined to comment, and Kirby later ' +
  'said the talks would continue. Regime forces still hold positions in Deir Ezzor, and farther south in Dayr az Zawr ' +
  'province the front has barely moved since Syria\'s war began.';

test('Derik in a north-east Syria story is Al-Malikiyah (173530), not the Turkish town', () => {
  const ps = findPlaces(NE_SYRIA);
  const d = at(NE_SYRIA, ps, 'Derik');
  assert.equal(d.resolved?.geonameid, 173530);
  assert.notEqual(d.resolved?.geonameid, 316899);
  assert.equal(d.resolved?.countryIso3, 'SYR');
  assert.equal(d.precision, 'near');
  assert.equal(NE_SYRIA.slice(d.described!.start, d.described!.end), 'near Derik');
});

test('Qeser Dib, a village outside Derik: resolved against Derik, precision near', () => {
  const ps = findPlaces(NE_SYRIA);
  const q = at(NE_SYRIA, ps, 'Qeser Dib');
  assert.equal(q.resolved?.geonameid, 173530);
  assert.equal(q.precision, 'near');
  assert.equal(q.how, 'inferred');
  assert.equal(NE_SYRIA.slice(q.described!.start, q.described!.end), 'a village outside Derik');
  const d2 = at(NE_SYRIA, ps, 'Derik', 1);
  assert.equal(d2.resolved?.geonameid, 173530);
  assert.equal(d2.precision, 'near');
});

test('Qamishli, Al-Qamishli and Qamishly are 173377', () => {
  for (const [text, name] of [
    [NE_SYRIA, 'Al-Qamishli'],
    ['A car bomb went off in Qamishli, in Syria\'s Hasakah province, on Friday.', 'Qamishli'],
    ['Protesters gathered in central Qamishli on Sunday, witnesses in Syria said.', 'Qamishli'],
  ] as const) {
    const ps = findPlaces(text);
    assert.equal(at(text, ps, name).resolved?.geonameid, 173377, text);
  }
});

test('Deir ez-Zor and its spellings are 170794; "X province" is the division', () => {
  const t = 'Coalition jets struck targets near Deir ez-Zor in eastern Syria on Tuesday.';
  assert.equal(at(t, findPlaces(t), 'Deir ez-Zor').resolved?.geonameid, 170794);
  const ps = findPlaces(NE_SYRIA);
  assert.equal(at(NE_SYRIA, ps, 'Deir Ezzor').resolved?.geonameid, 170794);
  const prov = at(NE_SYRIA, ps, 'Dayr az Zawr province');
  assert.equal(prov.resolved?.featureCode, 'ADM1');
  assert.equal(prov.resolved?.countryIso3, 'SYR');
  assert.equal(prov.precision, 'admin1');
});

test('people and organisations are not places; countries and demonyms are', () => {
  const ps = findPlaces(NE_SYRIA);
  none(ps, NE_SYRIA, 'Esper');
  none(ps, NE_SYRIA, 'Kirby');
  none(ps, NE_SYRIA, 'Observatory');
  none(ps, NE_SYRIA, 'Human Rights');
  const syria = at(NE_SYRIA, ps, 'Syria', 1);
  assert.equal(syria.resolved?.featureCode, 'PCLI');
  assert.equal(syria.precision, 'country');
  const syrian = at(NE_SYRIA, ps, 'Syrian');
  assert.equal(syrian.resolved?.countryIso3, 'SYR');
  assert.equal(syrian.adjectival, true);
});

test('City, State picks the town in that state', () => {
  const la = 'Police in Alexandria, La., arrested two men after a fight on Memphis Street late Sunday.';
  const a = at(la, findPlaces(la), 'Alexandria');
  assert.equal(a.resolved?.countryIso3, 'USA');
  assert.equal(a.resolved?.admin1, 'Louisiana');
  const va = 'The council of Alexandria, Virginia, voted on Monday to widen the waterfront path.';
  assert.equal(at(va, findPlaces(va), 'Alexandria').resolved?.admin1, 'Virginia');
  const eg = 'Thousands marched through Alexandria and Cairo on Friday, Egyptian state media reported.';
  assert.equal(at(eg, findPlaces(eg), 'Alexandria').resolved?.countryIso3, 'EGY');
});

test('directional and distance cues make a place "near"', () => {
  const t = 'Shelling hit a checkpoint 15 km north of Aleppo, while clashes were reported west of Idlib.';
  const ps = findPlaces(t);
  const a = at(t, ps, 'Aleppo');
  assert.equal(a.precision, 'near');
  assert.equal(t.slice(a.described!.start, a.described!.end), '15 km north of Aleppo');
  const i = at(t, ps, 'Idlib');
  assert.equal(i.precision, 'near');
  assert.equal(i.resolved?.countryIso3, 'SYR');
});

test('regions and features from the hand-written list', () => {
  const t = 'Fighting spread across the Gaza Strip and into the West Bank, while troops massed in the Donbas.';
  const ps = findPlaces(t);
  assert.equal(at(t, ps, 'Gaza Strip').resolved?.countryIso3, 'PSE');
  assert.equal(at(t, ps, 'West Bank').resolved?.countryIso3, 'PSE');
  assert.equal(at(t, ps, 'Donbas').resolved?.countryIso3, 'UKR');
});

test('pickEventLocation picks where the event happened, not every place named', () => {
  const t = 'Russian jets flying from Hmeimim struck the town of Kafr Nabl in Idlib province on Monday, killing five civilians.';
  const ps = findPlaces(t);
  const loc = pickEventLocation(ps, t, 0, { trigger: { start: t.indexOf('struck'), end: t.indexOf('struck') + 6 } });
  assert.ok(loc);
  assert.equal(loc.place.text, 'Kafr Nabl');
  assert.equal(loc.precision, 'exact');
  assert.equal(loc.how, 'stated');
  const t2 = 'A roadside bomb exploded near Qamishli in Syria on Friday.';
  const loc2 = pickEventLocation(findPlaces(t2), t2, 0);
  assert.equal(loc2?.place.resolved?.geonameid, 173377);
  assert.equal(loc2?.precision, 'near');
});

test('a parent chain keeps the name inside its parents, or lets the parent stand in', () => {
  // Birganj is only in Nepal in cities500: inside "(Dinajpur, Rangpur)" the district stands in for it
  const t = 'On 11 December 2022, farmers staged a protest in Birganj upazila (Dinajpur, Rangpur), against sand mining.';
  const ps = findPlaces(t);
  const b = at(t, ps, 'Birganj upazila');
  assert.equal(b.resolved?.countryIso3, 'BGD');
  assert.equal(b.precision, 'near');
  assert.match(b.by, /chain-parent/);
  const loc = pickEventLocation(ps, t, 0, { lookBack: 0 });
  assert.equal(loc?.place.text, 'Birganj upazila');
  // a name the index lacks, whose chain reaches a known place; the parents are not the location
  const t2 = 'On 23 July 2020, presumed militants seized food from IDPs in Tongomayel (Tongomayel, Soum).';
  const ps2 = findPlaces(t2);
  const tg = at(t2, ps2, 'Tongomayel');
  assert.equal(tg.resolved?.countryIso3, 'BFA');
  assert.equal(pickEventLocation(ps2, t2, 0)?.place.span.start, tg.span.start);
});

test('pickEventLocation: "the Somali capital", ACLED "coded as", chain parents, actor-embedded names', () => {
  const t = 'A suicide bomber blew himself up inside a military academy in the Somali capital on Monday.';
  const loc = pickEventLocation(findPlaces(t), t, 0, { trigger: { start: 2, end: 16 } });
  assert.equal(loc?.place.resolved?.featureCode, 'PPLC');
  assert.equal(loc?.place.resolved?.countryIso3, 'SOM');
  const t2 = 'On 12 May 2020, militants ambushed an army convoy between Ouahigouya and Djibo (coded as Djibo at geoprecision 2).';
  const l2 = pickEventLocation(findPlaces(t2), t2, 0);
  assert.equal(l2?.place.text, 'Djibo');
  const t3 = 'On 31 January 2023, rivals killed a man in Matlab Dakshin upazila (Chandpur, Chittagong), over a land dispute.';
  assert.match(pickEventLocation(findPlaces(t3), t3, 0)?.place.text ?? '', /^Matlab Dakshin/);
});

test('a division\'s office names the division; a name listed with divisions is one', () => {
  const t = 'The Quebec government said on Monday that the new rules will apply from June. ' +
    'Police numbers in England and Wales have fallen, and officials in California or Washington disagreed.';
  const ps = findPlaces(t);
  assert.equal(at(t, ps, 'Quebec').resolved?.featureCode, 'ADM1');
  assert.equal(at(t, ps, 'Wales').resolved?.featureCode, 'ADM1');
  const w = at(t, ps, 'Washington').resolved;
  assert.equal(w?.featureCode, 'ADM1');
  assert.equal(w?.admin1, 'Washington');
});
