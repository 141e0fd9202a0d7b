import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findTimes, timesStage, pickEventDate } from './index.js';
import { parseYmd } from './calendar.js';
import { useLeads } from './engine.js';
import type { Document, Sentence, TimeMention } from '../../model/document.js';

/** Finds times in `text` against `published`; returns [text, value, type] triples. */
function times(text: string, published: string | null): [string, string | null, string][] {
  return findTimes(text, parseYmd(published)).map((c) => [text.slice(c.start, c.end), c.value, c.type]);
}
function one(text: string, published: string | null, surface: string): { value: string | null; type: string; precision: string | null } {
  const c = findTimes(text, parseYmd(published)).find((x) => text.slice(x.start, x.end) === surface);
  assert.ok(c, `no time "${surface}" in ${JSON.stringify(times(text, published))}`);
  return { value: c.value, type: c.type, precision: c.precision };
}

// ---------------------------------------------------------------- seed article 000 (published 2020-09-03, a Thursday)

const ART000 = [
  'Residents of a border town blocked a military convoy Tuesday, a local news agency said.',
  'Last week a monitoring group reported that foreign troops were building an outpost nearby.',
  'In February, a shepherd was killed when soldiers at a checkpoint returned fire.',
  'In early 2018, allied forces crossed the river and advanced toward an oil field.',
  'The troops arrived in the region last year after the withdrawal order.',
].join(' ');

test('seed 000: Tuesday resolves into the past (2020-09-01)', () => {
  assert.deepEqual(one(ART000, '2020-09-03', 'Tuesday'), { value: '2020-09-01', type: 'DATE', precision: 'day' });
});
test('seed 000: "In February" → 2020-02 (span without the preposition)', () => {
  assert.deepEqual(one(ART000, '2020-09-03', 'February'), { value: '2020-02', type: 'DATE', precision: 'month' });
});
test('seed 000: "In early 2018" → 2018, year precision', () => {
  assert.deepEqual(one(ART000, '2020-09-03', 'early 2018'), { value: '2018', type: 'DATE', precision: 'year' });
});
test('seed 000: "last year" → 2019', () => {
  assert.deepEqual(one(ART000, '2020-09-03', 'last year'), { value: '2019', type: 'DATE', precision: 'year' });
});
test('seed 000: "Last week" → 2020-W35, week precision', () => {
  assert.deepEqual(one(ART000, '2020-09-03', 'Last week'), { value: '2020-W35', type: 'DATE', precision: 'week' });
});

// ---------------------------------------------------------------- seed article 004 (header date 2021-01-23)

const ART004 = 'The strike took place on September 17 when two jets hit an army base near the city. ' +
  'On September 12, a spokesman said there would be no cooperation with the government.';

test('seed 004: month-day without a year takes the year before a January DCT', () => {
  assert.equal(one(ART004, '2021-01-23', 'September 17').value, '2020-09-17');
  assert.equal(one(ART004, '2021-01-23', 'September 12').value, '2020-09-12');
});

// ---------------------------------------------------------------- ACLED-style notes (no DCT needed)

test('ACLED style: "On 1 March 2020," and "As reported on 1 March 2020" are absolute', () => {
  const a = 'On 1 March 2020, unidentified gunmen attacked a police post in the district, killing two officers.';
  assert.deepEqual(times(a, null), [['1 March 2020', '2020-03-01', 'DATE']]);
  const b = 'As reported on 1 March 2020, militia members abducted a trader near the market.';
  assert.deepEqual(times(b, null), [['1 March 2020', '2020-03-01', 'DATE']]);
});

test('without a DCT relative expressions keep value null, absolute ones resolve', () => {
  const t = times('Gunmen struck on Tuesday and again on 4 May 2019, three days after a truce.', null);
  assert.deepEqual(t, [['Tuesday', null, 'DATE'], ['4 May 2019', '2019-05-04', 'DATE'], ['three days', 'P3D', 'DURATION']]);
});

// ---------------------------------------------------------------- news reading of relative dates

test('weekday: same weekday as the DCT is the DCT; future tense looks ahead', () => {
  // 2021-03-12 is a Friday
  assert.equal(one('Protesters gathered outside parliament on Friday.', '2021-03-12', 'Friday').value, '2021-03-12');
  assert.equal(one('Police dispersed a crowd on Monday.', '2021-03-12', 'Monday').value, '2021-03-08');
  assert.equal(one('The two delegations will meet on Monday in the capital.', '2021-03-12', 'Monday').value, '2021-03-15');
  assert.equal(one('The ministry said Wednesday it will send more troops.', '2021-03-12', 'Wednesday').value, '2021-03-10');
  assert.equal(one('The rebels withdrew last Friday.', '2021-03-12', 'last Friday').value, '2021-03-05');
  assert.equal(one('Talks resume next Tuesday.', '2021-03-12', 'next Tuesday').value, '2021-03-16');
});

test('relative units and distances from the DCT', () => {
  const text = 'Two days ago a convoy was ambushed; six weeks ago the army retook the town, and five months ago ' +
    'the talks collapsed. Fighting has continued this week and may go on next month. A year ago the region was calm.';
  const d = '2022-06-15'; // a Wednesday, ISO week 24
  assert.equal(one(text, d, 'Two days ago').value, '2022-06-13');
  assert.equal(one(text, d, 'six weeks ago').value, '2022-W18');
  assert.equal(one(text, d, 'five months ago').value, '2022-01');
  assert.equal(one(text, d, 'this week').value, '2022-W24');
  assert.equal(one(text, d, 'next month').value, '2022-07');
  assert.equal(one(text, d, 'A year ago').value, '2021');
});

test('today, yesterday, last night, this morning; day + part of the day is a TIME', () => {
  const text = 'Shelling resumed yesterday after a lull today. Explosions were heard last night and again this morning. ' +
    'Aircraft struck the depot on Sunday night.';
  const d = '2019-11-05'; // Tuesday
  assert.deepEqual(one(text, d, 'yesterday'), { value: '2019-11-04', type: 'DATE', precision: 'day' });
  assert.equal(one(text, d, 'today').value, '2019-11-05');
  assert.deepEqual(one(text, d, 'last night'), { value: '2019-11-04TNI', type: 'TIME', precision: 'day' });
  assert.equal(one(text, d, 'this morning').value, '2019-11-05TMO');
  assert.deepEqual(one(text, d, 'Sunday night'), { value: '2019-11-03TNI', type: 'TIME', precision: 'day' });
});

test('clock times attach to their day', () => {
  const text = 'The curfew began at 8 p.m. Tuesday and the first blast came at 10:35 a.m. on 3 June 2021.';
  const d = '2021-06-10'; // Thursday
  assert.equal(one(text, d, '8 p.m. Tuesday').value, '2021-06-08T20:00');
  assert.equal(findTimes(text, parseYmd(d)).some((c) => c.value === '2021-06-03T10:35'), true);
});

test('presence, past and future references; durations; frequencies', () => {
  const text = 'Aid convoys are now reaching the city, which has recently seen three years of siege. ' +
    'Officials expect the pipeline to reopen in the near future. Patrols run daily and twice a week the ' +
    'border opens for several hours.';
  const d = '2017-04-02';
  assert.equal(one(text, d, 'now').value, 'PRESENT_REF');
  assert.equal(one(text, d, 'recently').value, 'PAST_REF');
  assert.deepEqual(one(text, d, 'three years'), { value: 'P3Y', type: 'DURATION', precision: null });
  assert.equal(one(text, d, 'the near future').value, 'FUTURE_REF');
  assert.deepEqual(one(text, d, 'daily'), { value: 'P1D', type: 'SET', precision: null });
  assert.equal(one(text, d, 'twice a week').value, 'P1W');
  assert.equal(one(text, d, 'several hours').value, 'PTXH');
});

test('quarters, seasons, decades, centuries, fiscal years', () => {
  const text = 'Exports fell in the third quarter and in the first half of 2016. Fighting flared last summer, ' +
    'as it had in the 1990s and through much of the 20th century; fiscal 2015 budgets were cut.';
  const d = '2017-02-20';
  assert.equal(one(text, d, 'the third quarter').value, '2016-Q3');
  assert.equal(one(text, d, 'the first half of 2016').value, '2016-H1');
  assert.equal(one(text, d, 'last summer').value, '2016-SU');
  assert.deepEqual(one(text, d, 'the 1990s'), { value: '199', type: 'DATE', precision: 'decade' });
  assert.equal(one(text, d, 'the 20th century').value, '19');
  assert.equal(one(text, d, 'fiscal 2015').value, '2015');
});

test('numbers that are not years, words that are not months', () => {
  const text = 'About 2000 troops and $1500 in cash were seized; officials may march on the capital. ' +
    'The fall of the city surprised analysts, and the shares traded at $1.35 a share.';
  assert.deepEqual(times(text, '2015-05-05'), []);
});

test('month names need capitals; "May" needs a preposition', () => {
  assert.equal(one('Elections were postponed until May.', '2014-02-01', 'May').value, '2014-05');
  assert.equal(one('Elections were held in May.', '2014-02-01', 'May').value, '2013-05');
  assert.deepEqual(times('May peace prevail, the envoy said.', '2014-02-01'), []);
  assert.equal(one('The siege lasted from March to June 2012.', '2014-02-01', 'June 2012').value, '2012-06');
});

// ---------------------------------------------------------------- the stage

function doc(text: string, published: string | null): Document {
  return {
    article: { id: 't', text, published }, text, messages: [],
    layers: {
      clean: { body: [{ start: 0, end: text.length }], removed: [], published: published ? { value: published, span: null, how: 'stated', by: 'test' } : null, publishedSuspect: null },
      sentences: [],
    },
  };
}

test('stage: writes TimeMentions with spans, rule ids and relative flags', () => {
  const text = 'Militants attacked a checkpoint on Tuesday. On 1 March 2020 the army had retaken the town.';
  const out = timesStage.run(doc(text, '2020-09-03'), { options: {} });
  const t = out.layers.times;
  assert.equal(t.length, 2);
  assert.deepEqual({ ...t[0]!.span, text: t[0]!.text, value: t[0]!.value, relative: t[0]!.relative }, { start: 35, end: 42, text: 'Tuesday', value: '2020-09-01', relative: true });
  assert.equal(t[0]!.by, 'times/weekday');
  assert.equal(t[1]!.value, '2020-03-01');
  assert.equal(t[1]!.relative, false);
});

test('stage: falls back to the caller\'s published date when clean has none', () => {
  const text = 'Two soldiers were wounded yesterday.';
  const d = doc(text, null);
  const out = timesStage.run({ ...d, article: { ...d.article, published: '2018-07-10' } }, { options: {} });
  assert.equal(out.layers.times[0]!.value, '2018-07-09');
});

// ---------------------------------------------------------------- choosing an event's date

function mention(text: string, surface: string, sentence: number, value: string, precision: TimeMention['precision'], type: TimeMention['type'] = 'DATE'): TimeMention {
  const start = text.indexOf(surface);
  return { span: { start, end: start + surface.length }, text: surface, sentence, type, value, precision, relative: false, by: 'test' };
}

test('pickEventDate: day precision in the same sentence beats a year; background "since" is skipped', () => {
  const text = 'Fighting that has raged since 2011 flared again on Tuesday, when rebels shelled the town for three days.';
  const ts = [
    mention(text, '2011', 0, '2011', 'year'),
    mention(text, 'Tuesday', 0, '2020-09-01', 'day'),
    mention(text, 'three days', 0, 'P3D', null, 'DURATION'),
  ];
  const sentences: Sentence[] = [{ index: 0, span: { start: 0, end: text.length }, tokens: [], paragraph: 0 }];
  const p = pickEventDate(text, ts, sentences, { sentence: 0, offset: text.indexOf('shelled') });
  assert.equal(p?.time.value, '2020-09-01');
  assert.equal(p?.how, 'stated');
  const bg = pickEventDate(text, [ts[0]!, ts[2]!], sentences, { sentence: 0 });
  assert.equal(bg, null);
});

test('pickEventDate: carries a date forward within the paragraph', () => {
  const text = 'On 4 May 2019 gunmen raided a village. They burned several houses.';
  const ts = [mention(text, '4 May 2019', 0, '2019-05-04', 'day')];
  const sentences: Sentence[] = [
    { index: 0, span: { start: 0, end: 38 }, tokens: [], paragraph: 0 },
    { index: 1, span: { start: 39, end: text.length }, tokens: [], paragraph: 0 },
  ];
  const p = pickEventDate(text, ts, sentences, { sentence: 1 });
  assert.equal(p?.time.value, '2019-05-04');
  assert.equal(p?.how, 'inferred');
  assert.equal(p?.by, 'times/pick:paragraph');
});

test('pickEventDate: "then" goes on from the day last told, across a paragraph break; without it the lede dates', () => {
  const text = 'A drone struck a car near Nabatieh on Tuesday.\n\nOn Wednesday, rockets hit Kiryat Shmona.\n\nArtillery then shelled two border villages.';
  const ts = [mention(text, 'Tuesday', 0, '2024-09-10', 'day'), mention(text, 'Wednesday', 1, '2024-09-11', 'day')];
  const at = (s: string) => text.indexOf(s);
  const sentences: Sentence[] = [
    { index: 0, span: { start: 0, end: at('\n\nOn') }, tokens: [], paragraph: 0 },
    { index: 1, span: { start: at('On Wed'), end: at('\n\nArt') }, tokens: [], paragraph: 1 },
    { index: 2, span: { start: at('Artillery'), end: text.length }, tokens: [], paragraph: 2 },
  ];
  const p = pickEventDate(text, ts, sentences, { sentence: 2 });
  assert.equal(p?.time.value, '2024-09-11');
  assert.equal(p?.by, 'times/pick:sequel');
  const plain = text.replace(' then', '');
  const q = pickEventDate(plain, ts.map((t) => ({ ...t })), sentences.map((s, i) => (i === 2 ? { ...s, span: { start: s.span.start, end: plain.length } } : s)), { sentence: 2 });
  assert.equal(q?.by, 'times/pick:lede');
});

test('pickEventDate: a dateline is the report\'s date; the event\'s weekday wins, a TIME gives its day', () => {
  const text = 'BAGHDAD, Feb 8, 2024 - A drone strike on a car on Wednesday night killed a commander, officials said.';
  const ts = [
    { ...mention(text, 'Feb 8, 2024', 0, '2024-02-08', 'day'), by: 'times/chrono+dateline' },
    mention(text, 'Wednesday night', 0, '2024-02-07TNI', 'day', 'TIME'),
  ];
  const sentences: Sentence[] = [{ index: 0, span: { start: 0, end: text.length }, tokens: [], paragraph: 0 }];
  const p = pickEventDate(text, ts, sentences, { sentence: 0, offset: text.indexOf('drone strike') });
  assert.equal(p?.time.value, '2024-02-07');
  assert.equal(p?.time.text, 'Wednesday night');
  const only = pickEventDate(text, [ts[0]!], sentences, { sentence: 0 });
  assert.equal(only?.by, 'times/pick:dateline');
});

test('pickEventDate: the date of the telling ranks below the date of the told; the lede reaches past a headline', () => {
  const text = 'The monitor said on Thursday that troops set up a post on Tuesday.';
  const ts = [mention(text, 'Thursday', 0, '2020-02-27', 'day'), mention(text, 'Tuesday', 0, '2020-02-25', 'day')];
  const one: Sentence[] = [{ index: 0, span: { start: 0, end: text.length }, tokens: [], paragraph: 0 }];
  assert.equal(pickEventDate(text, ts, one, { sentence: 0, offset: text.indexOf('said') })?.time.value, '2020-02-25');
  const art = 'Soldiers killed in raid\n\nBy a correspondent\n\nGunmen attacked a post on Sunday night, killing two.';
  const ts2 = [mention(art, 'Sunday night', 2, '2023-12-03TNI', 'day', 'TIME')];
  const sents: Sentence[] = [
    { index: 0, span: { start: 0, end: 23 }, tokens: [], paragraph: 0 },
    { index: 1, span: { start: 25, end: 43 }, tokens: [], paragraph: 1 },
    { index: 2, span: { start: 45, end: art.length }, tokens: [], paragraph: 2 },
  ];
  const p = pickEventDate(art, ts2, sents, { sentence: 0 });
  assert.deepEqual([p?.time.value, p?.by], ['2023-12-03', 'times/pick:lede']);
});

// ---------------------------------------------------------------- narrative anchors, ranges, holidays

test('narrative: "the following year", "the next day", "that day" follow the last date named; else the DCT', () => {
  const a = 'In 2011 he was elected. The following year he resigned.';
  assert.equal(one(a, '2013-03-10', 'The following year').value, '2012');
  const b = 'On Tuesday, rebels attacked. The next day they withdrew. That same day talks began. The day before, it rained.';
  assert.equal(one(b, '2013-03-10', 'Tuesday').value, '2013-03-05');
  assert.equal(one(b, '2013-03-10', 'The next day').value, '2013-03-06');
  assert.equal(one(b, '2013-03-10', 'That same day').value, '2013-03-06');
  assert.equal(one(b, '2013-03-10', 'The day before').value, '2013-03-05');
  assert.equal(one('The previous month was quiet.', '2013-03-10', 'The previous month').value, '2013-02');
  assert.equal(one('He came in June 2010 and left later that year.', '2013-03-10', 'later that year').value, '2010');
});

test('narrative: "a year earlier" keeps the compared period\'s precision; it does not move the narrative', () => {
  const t = 'Sales in the third quarter rose to $5 million from $4 million a year earlier and $3 million a year earlier still.';
  const got = times(t, '2013-11-02').filter(([s]) => /year earlier/.test(s)).map(([, v]) => v);
  assert.deepEqual(got, ['2012-Q3', '2012-Q3']);
  assert.equal(one('On 4 March 2012 prices rose 3% from a year earlier.', '2013-03-10', 'a year earlier').value, '2011-03-04');
  assert.equal(one('The town fell a year ago.', '2013-03-10', 'a year ago').value, '2012');
});

test('"last February" in early March is a year back; ranges are two expressions; "the week of"; years in words', () => {
  assert.equal(one('Two helicopters crashed last February.', '1998-03-01', 'last February').value, '1997-02');
  assert.equal(one('It happened last April.', '1989-10-27', 'last April').value, '1989-04');
  assert.deepEqual(times('The talks ran March 3-5 in Doha.', '2013-03-10'), [['March 3', '2013-03-03', 'DATE'], ['5', '2013-03-05', 'DATE']]);
  assert.deepEqual(times('The war of 2010-2012 ended.', '2013-03-10'), [['2010', '2010', 'DATE'], ['2012', '2012', 'DATE']]);
  assert.equal(one('a hearing the week of March 6, he said', '2000-02-24', 'the week of March 6').value, '2000-W10');
  assert.equal(one('in mid-November, traders said', '1989-10-30', 'mid-November').value, '1989-11');
  assert.equal(one('In nineteen ninety-one he was convicted.', '1998-01-15', 'nineteen ninety-one').value, '1991');
  assert.deepEqual(times('More than two thousand troops arrived.', '1998-01-15'), []);
});

test('holidays with a computable date; "Now," opening a sentence is not the present', () => {
  assert.equal(one('He was found on Thanksgiving Day off the coast.', '2000-04-03', 'Thanksgiving Day').value, '1999-11-25');
  assert.equal(one('Shops closed on Christmas Day.', '2013-01-10', 'Christmas Day').value, '2012-12-25');
  assert.equal(one('Pilgrims gathered on Good Friday 2013.', null, 'Good Friday 2013').value, '2013-03-29');
  assert.deepEqual(times('Christmas tree sales fell.', '2013-01-10'), []);
  assert.deepEqual(times('Now, he says, the war is over.', '2013-01-10'), []);
  assert.deepEqual(times('Troops are now in the city.', '2013-01-10'), [['now', 'PRESENT_REF', 'DATE']]);
});

test('future cues: "would" counts only before the expression; abbreviations do not end the clause', () => {
  assert.equal(one('On September 12, a spokesman said there would be no talks.', '2021-01-23', 'September 12').value, '2020-09-12');
  assert.equal(one('He said he would travel on Thursday.', '2000-04-05', 'Thursday').value, '2000-04-06');
  assert.equal(one("The father will leave (4 a.m. EDT Thursday), Castro said.", '2000-04-05', '4 a.m. EDT Thursday').value, '2000-04-06T04:00');
});

// ---------------------------------------------------------------- results news: reporting periods (examples written for this project)

const RESULTS = [
  'Harbor Mills Inc. said Tuesday that its third-quarter profit rose 12% to $8.4 million, or 31 cents a share.',
  'In the year-ago quarter, the bakery chain earned $7.5 million, or 28 cents a share.',
  'Revenue climbed to $212.6 million from $198.1 million a year earlier.',
  'Net income was $3.1 million, or 11 cents a share, a year ago.',
  'Year-earlier results included a gain on the sale of a mill.',
  'Sales for the 2020 quarter were hurt by store closures, and the latest period included a $1.2 million charge.',
  'For the year ended June 30, the company earned $30 million; it expects sales in the current fiscal year to be flat.',
].join(' ');

test('results news: "the year-ago quarter", "a year earlier", "year-earlier results" are the reported quarter a year back', () => {
  const dct = '2021-10-27';
  assert.deepEqual(one(RESULTS, dct, 'the year-ago quarter'), { value: '2020-Q3', type: 'DATE', precision: 'season' });
  assert.equal(one(RESULTS, dct, 'a year earlier').value, '2020-Q3');
  // a figure right before "a year ago" compares periods too (the decimal point does not end the clause)
  assert.equal(one(RESULTS, dct, 'a year ago').value, '2020-Q3');
  assert.equal(one(RESULTS, dct, 'Year-earlier').value, '2020-Q3');
  assert.equal(one(RESULTS, dct, 'the 2020 quarter').value, '2020-Q3');
  assert.equal(one(RESULTS, dct, 'the latest period').value, '2021-Q3');
  assert.deepEqual(one(RESULTS, dct, 'the year'), { value: 'P1Y', type: 'DURATION', precision: null });
  assert.equal(one(RESULTS, dct, 'the current fiscal year').value, '2021');
  // "Tuesday" dates the telling; it is not what "a year earlier" compares
  assert.equal(one(RESULTS, dct, 'Tuesday').value, '2021-10-26');
});

test('results news: a forecast quarter is not the reported one; "the year-ago third quarter"; "the quarter a year ago"', () => {
  const text = 'Sales fell in the second quarter. Analysts expect a rebound in the fourth quarter of 2022. In the year-ago period, sales were $4 million.';
  assert.equal(one(text, '2022-08-03', 'the year-ago period').value, '2021-Q2');
  assert.equal(one('Profit in the year-ago third quarter was $2 million.', '2022-11-02', 'the year-ago third quarter').value, '2021-Q3');
  assert.equal(one('The fourth quarter was weak. For the quarter a year ago, the miner lost $5 million.', '2023-02-09', 'the quarter a year ago').value, '2021-Q4');
  // without a reported quarter, "a year ago" in a comparison stays a year
  assert.equal(one('Attacks on aid convoys rose 40% from a year ago, the agency said.', '2023-02-09', 'a year ago').value, '2022');
  // "from" without a figure after it is not a comparison: six weeks before the DCT
  assert.equal(one('They sailed from the island six weeks ago.', '2000-01-06', 'six weeks ago').value, '1999-W47');
});

test('"the year" follows the narrative; awards and "the year before" are not it', () => {
  assert.equal(one('Rebels took the town in 2014. During the year, thousands fled.', '2020-05-01', 'the year').value, '2014');
  assert.equal(one('Talks stalled for most of the year, officials said.', '2020-05-01', 'the year').value, '2020');
  assert.deepEqual(times('She was named player of the year.', '2020-05-01'), []);
});

test('halves and fractions: "two and a half years", "5 1/2 hours", "a minute and a half"; "three-quarters of" is no time', () => {
  assert.equal(one('The siege lasted two and a half years.', '2020-05-01', 'two and a half years').value, 'P2Y6M');
  assert.equal(one('The convoy waited 5 1/2 hours at the border.', '2020-05-01', '5 1/2 hours').value, 'PT5H30M');
  assert.equal(one('The shelling stopped for a minute and a half.', '2020-05-01', 'a minute and a half').value, 'PT1M30S');
  assert.deepEqual(times('The country imports about three-quarters of its wheat.', '2020-05-01'), []);
  assert.deepEqual(times('Militias hold more than a quarter of the province.', '2020-05-01'), []);
  assert.equal(one('Output grew in each of the last two quarters of the year.', '2020-05-01', 'the last two quarters').value, 'P2Q');
  assert.equal(one('Earnings will fall in the last half of 2021.', '2020-05-01', 'the last half of 2021').value, '2021-H2');
});

test('a month or season and a year in words are one date', () => {
  assert.equal(one('Floods hit the valley. January nineteen ninety-six. The river rose again.', '1998-02-27', 'January nineteen ninety-six').value, '1996-01');
  assert.equal(one('Prices collapsed in the winter of nineteen ninety-four.', '1998-02-23', 'the winter of nineteen ninety-four').value, '1994-WI');
  assert.deepEqual(times('The spread of the virus slowed.', '1998-02-23'), []);
});

test('a day of a month with "this/last/next year": one day-precise date', () => {
  // published 2019-03-25
  assert.deepEqual(one('On 4 February this year, the convoy was ambushed.', '2019-03-25', '4 February this year'), { value: '2019-02-04', type: 'DATE', precision: 'day' });
  assert.deepEqual(one('The ceasefire signed on July 9 last year collapsed.', '2019-03-25', 'July 9 last year'), { value: '2018-07-09', type: 'DATE', precision: 'day' });
  assert.equal(one('Talks resume on the 2nd of May next year.', '2019-03-25', 'the 2nd of May next year').value, '2020-05-02');
});

test('pickEventDate: "on Monday, two days after gunmen raided the market" dates the raid two days back', () => {
  const text = 'Villagers held funerals on Monday, two days after gunmen raided the market.';
  const ts = [
    mention(text, 'Monday', 0, '2020-09-07', 'day'),
    mention(text, 'two days', 0, 'P2D', null, 'DURATION'),
  ];
  const sentences: Sentence[] = [{ index: 0, span: { start: 0, end: text.length }, tokens: [], paragraph: 0 }];
  const raid = pickEventDate(text, ts, sentences, { sentence: 0, offset: text.indexOf('raided') });
  assert.equal(raid?.time.value, '2020-09-05');
  assert.equal(raid?.time.text, 'two days after');
  const funerals = pickEventDate(text, ts, sentences, { sentence: 0, offset: text.indexOf('funerals') });
  assert.equal(funerals?.time.value, '2020-09-07');
  const before = 'Troops sealed the border on 3 March, a week before the vote was held.';
  const tb = [mention(before, '3 March', 0, '2020-03-03', 'day'), mention(before, 'a week', 0, 'P1W', null, 'DURATION')];
  assert.equal(pickEventDate(before, tb, [{ index: 0, span: { start: 0, end: before.length }, tokens: [], paragraph: 0 }], { sentence: 0, offset: before.indexOf('vote') })?.time.value, '2020-03-10');
});

test('tense: "until" a weekday is a deadline ahead; reported speech after the weekday does not send it forward', () => {
  // published 2021-06-07, a Monday
  assert.equal(one('The court gave the families until 9 a.m. Wednesday to reply.', '2021-06-07', '9 a.m. Wednesday').value, '2021-06-09T09:00');
  assert.equal(one('Officials postponed until Thursday morning any decision on the camp.', '2021-06-07', 'Thursday morning').value, '2021-06-10TMO');
  assert.equal(one('Until Friday, the army had not confirmed the raid.', '2021-06-07', 'Friday').value, '2021-06-04');
  assert.equal(one('The ministry issued a statement Saturday saying the curfew will stay.', '2021-06-07', 'Saturday').value, '2021-06-05');
  assert.equal(one('The convoy had been scheduled to leave at midnight Friday.', '2021-06-07', 'midnight Friday').value, '2021-06-04T24:00');
  // "planned to" looks ahead only before the expression; a bare "planned" is no cue
  assert.equal(one('The delegation planned to fly to Goma on Thursday.', '2021-06-07', 'Thursday').value, '2021-06-10');
  assert.equal(one('On Friday, the council planned to reopen the market.', '2021-06-07', 'Friday').value, '2021-06-04');
  assert.equal(one('A vigil planned for Saturday was called off.', '2021-06-07', 'Saturday').value, '2021-06-05');
});

test('a month with a past verb elsewhere in its clause leans further into the past', () => {
  // published 2021-10-20: "In January" is nine months back, not three ahead
  assert.equal(one('In January, the rebels seized the border post.', '2021-10-20', 'January').value, '2021-01');
  assert.equal(one('The rebels will hold talks in January.', '2021-10-20', 'January').value, '2022-01');
});

test('clock times and parts of the day take the day the narrative is at', () => {
  // published 2021-06-07 (Monday)
  const t = 'Gunmen raided the village on Saturday. They arrived at about 4 a.m., residents said.';
  assert.equal(one(t, '2021-06-07', 'about 4 a.m.').value, '2021-06-05T04:00');
  assert.equal(one('The explosion happened at 9:15 a.m. (0615 GMT) Sunday.', '2021-06-07', '9:15 a.m.').value, '2021-06-06T09:15');
  assert.equal(one('Fighting resumed on Sunday. Shelling stopped in the afternoon.', '2021-06-07', 'the afternoon').value, '2021-06-06TAF');
  assert.equal(one('The judge will rule at midday.', '2021-06-07', 'midday').value, '2021-06-07T12:00');
  assert.equal(one('Prices had recovered by mid-afternoon yesterday.', '2021-06-07', 'mid-afternoon yesterday').value, '2021-06-06TAF');
  // with no day named before, the DCT's day
  assert.equal(one('Police cleared the square at 6 p.m.', '2021-06-07', '6 p.m.').value, '2021-06-07T18:00');
});

test('durations: "-long" compounds, "and a half … later"; newspapers are not frequencies; "each July"', () => {
  assert.deepEqual(one('a decades-long insurgency', '2021-06-07', 'decades-long'), { value: 'PXDE', type: 'DURATION', precision: null });
  assert.equal(one('after a day-long siege', '2021-06-07', 'day-long').value, 'P1D');
  assert.equal(one('a three-week-long blockade', '2021-06-07', 'three-week-long').value, 'P3W');
  assert.equal(one('An hour and a half later the shooting stopped.', '2021-06-07', 'An hour and a half').value, 'PT1H30M');
  assert.ok(!times('The Israeli daily Haaretz reported the strike.', '2021-06-07').some(([s]) => s === 'daily'));
  assert.equal(one('Aid convoys leave daily from the port.', '2021-06-07', 'daily').value, 'P1D');
  assert.deepEqual(one('Marchers gather each July in the square.', '2021-06-07', 'each July'), { value: 'XXXX-07', type: 'SET', precision: null });
});

test('"over"/"under" before a determiner is a preposition, outside the span; before a number a quantity modifier', () => {
  assert.deepEqual(times('Over the last two years, the militia grew. The siege lasted over two weeks.', '2020-09-03'),
    [['the last two years', 'P2Y', 'DURATION'], ['over two weeks', 'P2W', 'DURATION']]);
});

test('"the previous Friday" is the Friday before the day the narrative is at', () => {
  // published 2021-06-07 (Monday); the story is at Friday 2021-06-04
  const t = 'The index closed lower on Friday, down 3% from the previous Friday.';
  assert.equal(one(t, '2021-06-07', 'the previous Friday').value, '2021-05-28');
  // no day named before it: the one before the DCT
  assert.equal(one('Prices were higher than the previous Friday.', '2021-06-07', 'the previous Friday').value, '2021-06-04');
});

// ---------------------------------------------------------------- leads (engine.ts): speed only

test('a Lead never changes a result: the longest forms of every parser with one, in context', () => {
  const forms = [
    'their remaining seventy-eight and a half consecutive days', 'its following hundreds of additional years', 'the past three months',
    'seventy-eight and a half days ago', 'a couple of years and a half later', 'two days before the vote',
    'the previous Friday', 'every preceding Thursday', 'coming September 2020', 'last January of 1998', 'mid-November',
    'the current weekend', 'the coming decade', 'the last week', 'financial year 2019', 'FY2020', 'the year 2001', 'fiscal year 1999',
    'earlier that very day', 'later that same night', 'the subsequent morning', 'earlier in the day', 'the day before,',
    'the beginning of next quarter', 'the middle of last year', 'earlier this month', 'year-end', 'the year\u2019s end',
    'the corresponding prior-year period', 'the previous financial year', 'the most recent period', 'the 2020 quarter', 'last year\u2019s quarter',
    'the foreseeable future', 'until recently', 'more recently', 'the near term', 'a later date', 'every quarter', 'each month', 'nightly',
  ];
  const texts = forms.flatMap((f) => [f, `Officials said on Monday that ${f}, police said.`, `In 2019 (${f}) and ${f}; then ${f}.`]);
  for (const t of texts) {
    const withLeads = findTimes(t, parseYmd('2020-09-03'));
    useLeads(false);
    const whole = findTimes(t, parseYmd('2020-09-03'));
    useLeads(true);
    assert.deepEqual(withLeads, whole, t);
  }
});

test('pickEventDate: a day in a clause about what is yet to come does not date the act', () => {
  const text = 'On Wednesday police broke up the march. The commander said twelve people had been arrested and would be arraigned on Thursday.';
  const ts = [mention(text, 'Wednesday', 0, '2023-07-19', 'day'), mention(text, 'Thursday', 1, '2023-07-20', 'day')];
  const sentences: Sentence[] = [
    { index: 0, span: { start: 0, end: 39 }, tokens: [], paragraph: 0 },
    { index: 1, span: { start: 40, end: text.length }, tokens: [], paragraph: 0 },
  ];
  const p = pickEventDate(text, ts, sentences, { sentence: 1, offset: text.indexOf('arrested') });
  assert.equal(p?.time.value, '2023-07-19');
});

test('pickEventDate: a day inside a pluperfect relative clause is an earlier event\'s', () => {
  const text = 'Protesters marched through the city on Sunday. Many carried flowers to mourn a man who had fallen to his death on Saturday.';
  const ts = [mention(text, 'Sunday', 0, '2019-06-16', 'day'), mention(text, 'Saturday', 1, '2019-06-15', 'day')];
  const sentences: Sentence[] = [
    { index: 0, span: { start: 0, end: 46 }, tokens: [], paragraph: 0 },
    { index: 1, span: { start: 47, end: text.length }, tokens: [], paragraph: 0 },
  ];
  const p = pickEventDate(text, ts, sentences, { sentence: 1, offset: text.indexOf('carried') });
  assert.equal(p?.time.value, '2019-06-16');
});
