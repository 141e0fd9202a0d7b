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

test('a former or other name of one town does not beat the towns that carry the name as their own', () => {
  // Beeville (Texas) was once called Maryville; Kenosha (Wisconsin) Southport
  const t = 'The congregation in Maryville gathered on Sunday. Later the choir travelled to Southport for a concert.';
  const ps = findPlaces(t);
  assert.equal(at(t, ps, 'Maryville').resolved?.name, 'Maryville');
  assert.equal(at(t, ps, 'Southport').resolved?.name, 'Southport');
  // a short form of the town's own name is no such other name
  const n = 'Researchers in Newcastle, England, reported the results of the trial on Tuesday.';
  assert.equal(at(n, findPlaces(n), 'Newcastle').resolved?.geonameid, 2641673);
});

test('"A, B and C" is a list, not a City, State pair', () => {
  const t = 'The delegation held talks in Washington, New York and Chicago before flying home on Sunday.';
  const ps = findPlaces(t);
  assert.equal(at(t, ps, 'Washington').resolved?.geonameid, 4140963);
  const p = 'She grew up in Hugo, Oklahoma and Plano, Texas, her family said.';
  const pp = findPlaces(p);
  assert.equal(at(p, pp, 'Hugo').resolved?.admin1, 'Oklahoma');
  assert.equal(at(p, pp, 'Plano').resolved?.admin1, 'Texas');
  // the State of a City, State pair is the division, not a city of (another form of) that name there
  assert.equal(at(p, pp, 'Oklahoma').resolved?.featureCode, 'ADM1');
});

test('a name particle written solid: "DeSoto Parish" is De Soto Parish', () => {
  const t = 'Deputies from DeSoto Parish searched the woods near Mansfield on Thursday.';
  const ps = findPlaces(t);
  const d = at(t, ps, 'DeSoto Parish');
  assert.equal(d.resolved?.featureCode, 'ADM2');
  assert.equal(d.resolved?.admin1, 'Louisiana');
  assert.equal(at(t, ps, 'Mansfield').resolved?.admin1, 'Louisiana');
});

test('oceans, seas and world regions carry their GeoNames ids', () => {
  const t = 'Tensions in the Middle East pushed up shipping costs across the Indian Ocean and the Mediterranean.';
  const ps = findPlaces(t);
  assert.equal(at(t, ps, 'Middle East').resolved?.geonameid, 6269133);
  assert.equal(at(t, ps, 'Indian Ocean').resolved?.geonameid, 1545739);
  assert.equal(at(t, ps, 'Mediterranean').resolved?.geonameid, 363196);
});

test('pickEventLocation: a long description after a name makes the place it mentions a reference point', () => {
  const t = 'On Monday, youths in Beni, a farming town some 60 kilometres north of Butembo, burned tyres and looted shops.';
  const ps = findPlaces(t);
  const s = t.indexOf('burned');
  const loc = pickEventLocation(ps, t, 0, { trigger: { start: s, end: s + 6 }, evidence: { start: 0, end: t.length } });
  assert.equal(loc?.place.text, 'Beni');
});

test('a demonym before a lower-case noun is the adjective, not a namesake town', () => {
  const t = 'Karim, a 19-year-old English student at the university, was detained in Sylhet on Monday.';
  const ps = findPlaces(t);
  const e = at(t, ps, 'English');
  assert.equal(e.adjectival, true);
  assert.notEqual(e.resolved?.countryIso3, 'USA');
});

test('a plural division word after a list makes every listed name a division', () => {
  const t = 'Fire crews from Geauga and Medina counties were sent north after the storm; schools in Barrow, Jackson and Madison counties in Georgia stayed shut.';
  const ps = findPlaces(t);
  for (const n of ['Geauga', 'Medina']) {
    const p = at(t, ps, n);
    assert.equal(p.resolved?.featureCode, 'ADM2', n);
    assert.equal(p.resolved?.admin1, 'Ohio', n);
  }
  for (const n of ['Barrow', 'Jackson', 'Madison']) {
    const p = at(t, ps, n);
    assert.equal(p.resolved?.featureCode, 'ADM2', n);
    assert.equal(p.resolved?.admin1, 'Georgia', n);
  }
});

test('among namesake counties with no other clue, the more populous one', () => {
  const t = 'The Butler County auditor said the audit would be finished by spring.';
  const ps = findPlaces(t);
  assert.equal(at(t, ps, 'Butler County').resolved?.admin1, 'Ohio');
});

test('a namesake of the name itself ("Hanover Town") is no context for it; the neighbouring state is', () => {
  const t = 'Hanover voters approved the school budget on Tuesday. The Hanover Town Manager said the vote was close. ' +
    'Students from Bethel, Vt., also attend the high school in Hanover.';
  const ps = findPlaces(t);
  assert.equal(at(t, ps, 'Hanover').resolved?.admin1, 'New Hampshire');
  assert.equal(at(t, ps, 'Hanover', 2).resolved?.admin1, 'New Hampshire');
});

test('"the Atlantic", "the eastern Pacific": after the article, the ocean rather than a namesake town', () => {
  const t = 'Forecasters in Miami expect a busy season in the Atlantic, while waters in the eastern Pacific stay cool.';
  const ps = findPlaces(t);
  assert.equal(at(t, ps, 'Atlantic').resolved?.featureCode, 'OCN');
  assert.equal(at(t, ps, 'Pacific').resolved?.featureCode, 'OCN');
});

test('a possessive inside a name: "Democratic People\'s Republic of Korea"', () => {
  const t = "Envoys of the Democratic People's Republic of Korea met in Geneva.";
  const ps = findPlaces(t);
  assert.equal(at(t, ps, "Democratic People's Republic of Korea").resolved?.geonameid, 1873107);
});

test('a weak part of a hyphenated compound the index lacks is no place of its own', () => {
  // ezafe compounds: the district name's first part is not a namesake town abroad
  const t1 = 'Two police officers were wounded when a mine exploded in Nawa-e Barakzayi district, Helmand, on Sunday.';
  const p1 = findPlaces(t1);
  none(p1, t1, 'Nawa');
  assert.equal(at(t1, p1, 'Helmand').resolved?.countryIso3, 'AFG');
  const t2 = 'Rockets landed near the Pul-e-Charkhi prison on the eastern edge of Kabul overnight.';
  const p2 = findPlaces(t2);
  none(p2, t2, 'Pul');
  assert.equal(at(t2, p2, 'Kabul').resolved?.countryIso3, 'AFG');
  // an unknown compound of two capitalised parts, no support in the article
  const t3 = 'Gunmen torched a grain store in Komin-Yanga late on Friday.';
  none(findPlaces(t3), t3, 'Komin');
  // an organisation written with an article
  const t4 = 'Fighters loyal to Al-Shabaab ambushed a convoy outside Mandera.';
  const p4 = findPlaces(t4);
  none(p4, t4, 'Al');
  assert.equal(at(t4, p4, 'Mandera').resolved?.countryIso3, 'KEN');
});

test('compounds that name two places, or a place with a lower-case suffix, are kept', () => {
  const t1 = 'Traffic on the Dhaka-Chittagong highway stopped for hours.';
  const p1 = findPlaces(t1);
  assert.equal(at(t1, p1, 'Dhaka').resolved?.countryIso3, 'BGD');
  assert.equal(at(t1, p1, 'Chittagong').resolved?.countryIso3, 'BGD');
  const t2 = 'Shelling hit villages along the Tal Abyad-Ras al-Ain front line.';
  assert.equal(at(t2, findPlaces(t2), 'Tal Abyad').resolved?.countryIso3, 'SYR');
  const t3 = 'A Baghdad-based analyst said the Israel-Gaza war had changed the region.';
  const p3 = findPlaces(t3);
  assert.equal(at(t3, p3, 'Baghdad').resolved?.countryIso3, 'IRQ');
  assert.equal(at(t3, p3, 'Israel').resolved?.countryIso3, 'ISR');
  // a road between two small towns: each is a place
  const t4 = 'Protesters blocked the Halba-Qoubaiyat road with burning tyres.';
  assert.equal(at(t4, findPlaces(t4), 'Halba').resolved?.countryIso3, 'LBN');
});

test('country coherence: a weak namesake abroad yields to the article\'s country, or to nothing', () => {
  // the chain names Burkinabe divisions: Kain is the Burkinabe village, not the Belgian town
  const t1 = 'Militants ambushed a patrol near Kain (Kain, Yatenga) on Tuesday, officials said.';
  const p1 = findPlaces(t1);
  assert.equal(at(t1, p1, 'Kain').resolved?.countryIso3, 'BFA');
  assert.equal(at(t1, p1, 'Yatenga').resolved?.countryIso3, 'BFA');
  // an ambiguous parent (one of many Nelsons) follows the province after it
  const t2 = 'Workers marched outside a car plant in Port Elizabeth (Nelson Mandela Bay, Eastern Cape) on Monday.';
  const p2 = findPlaces(t2);
  assert.equal(at(t2, p2, 'Port Elizabeth').resolved?.countryIso3, 'ZAF');
  assert.notEqual(p2.find((p) => p.text === 'Nelson')?.resolved?.countryIso3, 'NZL');
  // a big city abroad is kept: the protest is in Dhaka, the reason in Paris
  const t3 = 'Hundreds rallied in Sylhet and Dhaka against remarks made in Paris.';
  assert.equal(at(t3, findPlaces(t3), 'Paris').resolved?.countryIso3, 'FRA');
});

test('one sense per name: a name placed inside its parents places its other mentions', () => {
  const t = 'Arsonists set fire to offices in Satkhira city, Sadar upazila (Satkhira, Khulna). Shops in Satkhira stayed shut.';
  const ps = findPlaces(t);
  for (const p of ps.filter((x) => x.text === 'Satkhira')) assert.equal(p.resolved?.countryIso3, 'BGD');
  for (const p of ps) assert.notEqual(p.resolved?.countryIso3, 'IDN', `${p.text} resolved abroad`);
});

test('a spelling without its apostrophe is indexed too: "Sadah" is the Yemeni Sa\'dah', () => {
  const t = 'Shelling was reported in Sadah governorate and in Saada city on Friday, Yemeni officials said.';
  const ps = findPlaces(t);
  assert.equal(at(t, ps, 'Sadah governorate').resolved?.countryIso3, 'YEM');
  // a division's compass word in French: "Sud-Kivu" is South Kivu, not Haiti's Sud
  const t2 = 'Residents blocked roads in Fizi (Fizi, Sud-Kivu) after the floods.';
  const s2 = at(t2, findPlaces(t2), 'Sud-Kivu');
  assert.equal(s2.resolved?.countryIso3, 'COD');
  assert.equal(s2.resolved?.featureCode, 'ADM1');
});

test('"X in Y": a name in a division lies inside it, or stands on it when the index lacks it', () => {
  const t = 'Two fighters were killed in a raid on Mansura in Raqqa governorate on Sunday.';
  const ps = findPlaces(t);
  const m = at(t, ps, 'Mansura');
  assert.equal(m.resolved?.countryIso3, 'SYR');
  assert.equal(m.precision, 'near');
  // a capital "in" another country is itself, and a name inside a longer proper name is not chained
  const t2 = 'Analysts discussed the role of Moscow in Syria at the meeting.';
  assert.equal(at(t2, findPlaces(t2), 'Moscow').resolved?.countryIso3, 'RUS');
});

test('unit abbreviations and initials of a division: "Konduga LGA", "J&K"', () => {
  const t = 'Gunmen raided a market in Konduga LGA, Borno state, late on Tuesday.';
  const ps = findPlaces(t);
  const k = at(t, ps, 'Konduga LGA');
  assert.equal(k.resolved?.countryIso3, 'NGA');
  const t2 = 'A soldier was injured in shelling near Uri sector (Baramulla district, J&K) on Monday.';
  const p2 = findPlaces(t2);
  assert.equal(at(t2, p2, 'J&K').resolved?.featureCode, 'ADM1');
  assert.equal(at(t2, p2, 'Uri').resolved?.countryIso3, 'IND');
  const t3 = 'Shares of S&P and AT&T fell, R&D budgets shrank.';
  assert.equal(findPlaces(t3).length, 0);
});

test('event location: the place it happened, not the topic, target or an actor\'s country', () => {
  const t = 'On 3 March, students staged a rally in Sylhet over Gaza.';
  const loc = pickEventLocation(findPlaces(t), t, 0, { lookBack: 0 });
  assert.equal(loc?.place.text, 'Sylhet');
  const t2 = 'Protesters gathered in Karachi in solidarity with Palestine and against Israel.';
  assert.equal(pickEventLocation(findPlaces(t2), t2, 0, { lookBack: 0 })?.place.text, 'Karachi');
  const t3 = 'Rioters angry at the rising US dollar rate blocked roads in Tripoli, Lebanon.';
  assert.equal(pickEventLocation(findPlaces(t3), t3, 0, { lookBack: 0 })?.place.resolved?.countryIso3, 'LBN');
  const t4 = 'Troops of Azerbaijan and Armenia exchanged fire near Tovuz on Monday.';
  assert.equal(pickEventLocation(findPlaces(t4), t4, 0, { lookBack: 0 })?.place.text, 'Tovuz');
  const t5 = 'Shelling was reported across the LoC near Poonch on Tuesday.';
  assert.equal(pickEventLocation(findPlaces(t5), t5, 0, { lookBack: 0 })?.place.text, 'Poonch');
});

test('a capitalised common word before a weak name makes a longer proper name: "the Federal Reserve"', () => {
  const t = 'Markets fell as the US Federal Reserve raised rates, and the Royal Alexandra Hospital in Paisley was busy.';
  const ps = findPlaces(t);
  assert.ok(!ps.some((p) => p.text === 'Reserve' || p.text === 'Alexandra'));
  assert.equal(at(t, ps, 'US').resolved?.featureCode, 'PCLI');
  // an article or a feature word before the name leaves it the place ("Lake Erie", "a Danbury man")
  const l = 'Swans died on the coast of Lake Erie near Monroe, Michigan.';
  assert.ok(findPlaces(l).some((p) => p.text === 'Erie'));
});

test('continental demonyms, "Trinidad" the country, Waziristan agencies as their districts', () => {
  const t = 'Latin American leaders and North American trade officials met in Trinidad on Monday.';
  const ps = findPlaces(t);
  assert.equal(at(t, ps, 'Latin American').resolved?.name, 'South America');
  assert.equal(at(t, ps, 'North American').resolved?.name, 'North America');
  assert.equal(at(t, ps, 'Trinidad').resolved?.featureCode, 'PCLI');
  const w = 'The army inaugurated two projects in South Waziristan Agency on Thursday.';
  const sw = at(w, findPlaces(w), 'South Waziristan').resolved;
  assert.equal(sw?.featureCode, 'ADM2');
  assert.equal(sw?.countryIso3, 'PAK');
});

test('a street stands on the place named right after it: "Collins Avenue in Miami Beach"', () => {
  const t = 'The museum is opening on Collins Avenue in Miami Beach next month.';
  const ps = findPlaces(t);
  const s = at(t, ps, 'Collins Avenue');
  assert.equal(s.resolved?.name, 'Miami Beach');
  assert.equal(s.how, 'inferred');
  assert.equal(s.precision, 'near');
  // a street alone stays unresolved
  const u = 'Police closed Collins Avenue after the crash.';
  assert.equal(at(u, findPlaces(u), 'Collins Avenue').resolved, null);
});

test('a short form of a town\'s own name is firm evidence of its country: "Clacton" for Clacton-on-Sea', () => {
  const t = 'The tribute act played Las Vegas last year and comes to Clacton this weekend.';
  const c = at(t, findPlaces(t), 'Clacton').resolved;
  assert.equal(c?.countryIso3, 'GBR');
  assert.equal(c?.featureClass, 'P');
});

test('an English compass word finds a division GeoNames names in French: "North Kivu" is Nord Kivu', () => {
  const t = 'Fighting between the army and rebels spread across North Kivu province on Tuesday, officials said.';
  const n = at(t, findPlaces(t), 'North Kivu province');
  assert.equal(n.resolved?.featureCode, 'ADM1');
  assert.equal(n.resolved?.countryIso3, 'COD');
});

test('a name the index lacks, said to lie near a known place after its division, stands near that place', () => {
  const t = 'Kabuhanga, a farming village in North Kivu province that lies about 20 kilometres north of the town of Goma, ' +
    'was attacked overnight, residents said.';
  const k = at(t, findPlaces(t), 'Kabuhanga');
  assert.equal(k.resolved?.name, 'Goma');
  assert.equal(k.resolved?.featureClass, 'P');
  assert.equal(k.precision, 'near');
  assert.equal(k.how, 'inferred');
});

test('a name the index lacks, placed by the next sentence ("The village lies … of X"), is placed so wherever named', () => {
  const t = 'Militiamen burned dozens of houses in the village of Kabuhanga on Friday. The village lies about 15 km north of Goma. ' +
    'Aid workers reached Kabuhanga on Sunday.';
  const ps = findPlaces(t);
  for (const nth of [0, 1]) {
    const k = at(t, ps, 'Kabuhanga', nth);
    assert.equal(k.resolved?.name, 'Goma', `mention ${nth}`);
    assert.equal(k.precision, 'near');
  }
  // a place told between the name and the next sentence is what "the village" means: no such inference
  const u = 'Militiamen burned houses in the village of Kabuhanga near Sake on Friday. The village lies about 15 km north of Goma.';
  assert.notEqual(at(u, findPlaces(u), 'Kabuhanga').resolved?.name, 'Goma');
});

test('a written-out local unit after a name is its division word: "Bokkos Local Government Area" as "Bokkos LGA"', () => {
  const t = 'Gunmen raided two villages in Bokkos Local Government Area of Plateau State overnight, a council official said.';
  const b = at(t, findPlaces(t), 'Bokkos Local Government Area');
  assert.equal(b.resolved?.featureCode, 'ADM2');
  assert.equal(b.resolved?.countryIso3, 'NGA');
  assert.equal(b.precision, 'admin1');
});

test('"the town of Palma in northern Mozambique": a name "in" a country with a compass word lies inside it (no namesake abroad)', () => {
  const text = 'Islamic State claimed a five-day assault on the town of Palma in northern Mozambique on Monday.';
  const ps = findPlaces(text);
  const palma = ps.find((p) => p.text === 'Palma');
  assert.ok(palma, ps.map((p) => p.text).join(','));
  assert.equal(palma.resolved?.countryIso3, 'MOZ');
});

test('a person named after a role ("police spokesman Abdifatah Aden Hassan said") is no place, word by word', () => {
  assert.deepEqual(findPlaces('Police spokesman Abdifatah Aden Hassan said one attacker detonated an explosive vest.').map((p) => p.text), []);
  assert.deepEqual(findPlaces('Fighting spread to Aden and Sanaa on Monday.').map((p) => p.text), ['Aden', 'Sanaa']);
});

test('"Lido beach" in a Mogadishu story: a local feature is weak evidence of a namesake town abroad', () => {
  const ps = findPlaces('MOGADISHU — A suicide bomber blew himself up at Lido beach in Mogadishu on Friday evening, killing at least 32 people.');
  const lido = ps.find((p) => p.text === 'Lido');
  assert.ok(!lido?.resolved || lido.resolved.countryIso3 === 'SOM', `${lido?.resolved?.countryIso3}`);
});

test('"over the Red Sea" is the sea, "the Red Sea state of Sudan" the division', () => {
  const sea = findPlaces('US forces shot down two drones over the Red Sea on Thursday morning.').find((p) => p.text === 'Red Sea');
  assert.equal(sea?.resolved?.countryIso3 ?? null, null);
  const state = findPlaces('Fighting broke out in the Red Sea state of Sudan.').find((p) => /Red Sea/.test(p.text));
  assert.equal(state?.resolved?.countryIso3, 'SDN');
});

test('"a raid on Koulogon, a village in the same district": an unknown name stands on the district the story is about', () => {
  const ps = findPlaces('Gunmen attacked the village of Ogossagou, outside the town of Bankass in central Mali, on Saturday. Many of the wounded were flown to hospitals in Ségou. On 1 January, 37 civilians were killed in a similar raid on Koulogon, a village in the same district.');
  const k = ps.find((p) => p.text === 'Koulogon');
  assert.ok(k, ps.map((p) => p.text).join(','));
  assert.equal(k.resolved?.name, 'Bankass');
  assert.equal(k.precision, 'near');
});

test('"near the village of El Plateado" in a Colombian story: a town of that name abroad is no match', () => {
  const ps = findPlaces('Twelve dissidents were killed in clashes in Argelia municipality in Cauca, Colombia. The fighting broke out near the village of El Plateado.');
  const p = ps.find((x) => x.text === 'El Plateado');
  assert.ok(!p?.resolved || p.resolved.countryIso3 === 'COL', `${p?.resolved?.countryIso3}`);
});
