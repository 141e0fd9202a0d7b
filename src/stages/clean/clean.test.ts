import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanText, splitLines, checkSuspect, type CleanResult } from './clean.js';
import { cleanStage } from './index.js';
import { extract } from '../../pipeline/extract.js';
import { runPipeline } from '../../pipeline/run.js';
import { makeContext } from '../../pipeline/extract.js';
import type { Stage } from '../../pipeline/stage.js';

const CLEAN_ONLY = [cleanStage] as Stage[];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const bodyTexts = (text: string, r: CleanResult) => r.layer.body.map((s) => text.slice(s.start, s.end));
const removedBy = (text: string, r: CleanResult) => r.layer.removed.map((x) => [x.reason, text.slice(x.span.start, x.span.end)]);

// ------------------------------------------------------------------ a news page with its furniture

const P1 = 'BEIRUT — Israeli warplanes struck what the army described as weapons depots in southern Lebanon early on Monday, hours after rockets were fired across the border, Lebanese security sources said.';
const P2 = 'There were no immediate reports of casualties. Hezbollah did not comment on the strikes, which hit open ground near the village of Aitaroun.';
const CAPTION = 'Smoke rises after a strike near the border, October 12, 2020. REUTERS/Aziz Taher';
const P3 = 'The exchange of fire was the most serious since a ceasefire took hold on October 9, a United Nations spokesman said.';
const PAGE = [
  'Share',
  'Tweet',
  'Email',
  '  By Sarah Haddad | Middle East Correspondent',
  'Monday 12 October 2020 08:41 BST',
  'Advertisement',
  'We use cookies to give you the best experience on our website. By continuing to browse, you agree to our cookie policy.',
  'Accept all cookies',
  '',
  P1,
  '',
  P2,
  CAPTION,
  P3,
  '',
  'Topics: Lebanon, Israel, Hezbollah, Middle East',
  'Follow us on Twitter @levantdesk',
  '',
  'Related',
  'Hezbollah Says It Downed Israeli Drone Over South Lebanon',
  'Lebanese Army Deploys Troops Along Southern Border',
  '3 Comments',
  '© 2020 Levant Desk. All rights reserved.',
].join('\n');

test('a page: furniture removed with reasons, body paragraphs kept with exact offsets', () => {
  const r = cleanText({ text: PAGE });
  assert.deepEqual(bodyTexts(PAGE, r), [P1, P2, P3]);
  const b0 = r.layer.body[0];
  assert.equal(b0.start, PAGE.indexOf('BEIRUT'));
  assert.equal(b0.end, b0.start + P1.length);
  assert.deepEqual(removedBy(PAGE, r), [
    ['share', 'Share'],
    ['share', 'Tweet'],
    ['share', 'Email'],
    ['byline', 'By Sarah Haddad | Middle East Correspondent'],
    ['date-stamp', 'Monday 12 October 2020 08:41 BST'],
    ['advert', 'Advertisement'],
    ['cookie', 'We use cookies to give you the best experience on our website. By continuing to browse, you agree to our cookie policy.'],
    ['cookie', 'Accept all cookies'],
    ['photo-credit', CAPTION],
    ['tags', 'Topics: Lebanon, Israel, Hezbollah, Middle East'],
    ['follow', 'Follow us on Twitter @levantdesk'],
    ['related-header', 'Related'],
    ['related', 'Hezbollah Says It Downed Israeli Drone Over South Lebanon'],
    ['related', 'Lebanese Army Deploys Troops Along Southern Border'],
    ['comments', '3 Comments'],
    ['photo-credit', '© 2020 Levant Desk. All rights reserved.'],
  ]);
  // the date stamp line gives the publication date, with the span of the date itself
  const p = r.layer.published!;
  assert.equal(p.value, '2020-10-12');
  assert.equal(p.how, 'stated');
  assert.equal(p.by, 'clean/date-stamp');
  assert.equal(PAGE.slice(p.span!.start, p.span!.end), '12 October 2020');
  assert.equal(r.layer.publishedSuspect, null, '"October 9" is three days before the page date');
  assert.deepEqual(r.messages, []);
});

test('prose that looks like furniture is kept', () => {
  const lines = [
    'By the end of the day, government troops had pulled back from the eastern districts of the city.',
    'He visited Aleppo, Homs, Hama, Idlib, Latakia and Tartus during the three-day tour.',
    'Share prices in Istanbul fell sharply after the announcement of the military operation.',
    'Comments made by the minister on Sunday angered opposition lawmakers, who walked out of the session.',
    'A Reuters/Ipsos poll published on Friday found that most respondents opposed sending troops.',
  ];
  const text = lines.join('\n\n');
  const r = cleanText({ text });
  assert.deepEqual(bodyTexts(text, r), lines);
  assert.deepEqual(r.layer.removed, []);
});

test('paragraphs: blank lines and single newlines between sentences split; hard-wrapped lines join', () => {
  const text = [
    'Fighting resumed on Sunday in the disputed region, where Armenian and Azerbaijani forces',
    'exchanged artillery fire along the front line for a second straight day, officials in',
    'both countries said.',
    '',
    'Azerbaijan\'s defence ministry said its forces had destroyed several tanks and artillery',
    'pieces. Armenia said it had repelled an attack in the north of the region.',
  ].join('\r\n');
  const r = cleanText({ text });
  const got = bodyTexts(text, r);
  assert.equal(got.length, 2);
  assert.ok(got[0].startsWith('Fighting resumed') && got[0].endsWith('both countries said.'));
  assert.ok(got[1].startsWith('Azerbaijan') && got[1].endsWith('north of the region.'));

  const lines = [
    'Russian envoy to the UN said the timing of the raid was "highly suspicious," adding that it could have been a provocation.',
    'The analyst called the approach "both narcissistic and impractical."',
  ];
  const t2 = `    ${lines[0]}\n    ${lines[1]}\n`;
  assert.deepEqual(bodyTexts(t2, cleanText({ text: t2 })), lines, 'one span per line of prose, indentation trimmed');
});

test('a run of short title-case lines at the end is a related list; a page of such lines is not emptied', () => {
  const body = 'Police fired tear gas at thousands of protesters who had gathered outside the parliament building in the capital on Saturday evening, witnesses said.';
  const tail = ['Opposition Leader Arrested Ahead of Vote', 'Why the Protests Are Growing', 'Five Things to Know About the Election'];
  const text = [body, '', ...tail, 'Keywords: protests, elections, opposition'].join('\n');
  const r = cleanText({ text });
  assert.deepEqual(bodyTexts(text, r), [body]);
  assert.deepEqual(removedBy(text, r).map((x) => x[0]), ['related', 'related', 'related', 'tags']);

  const list = tail.join('\n');
  const sep = `${body}\n\n* * *\n\n${body}`;
  assert.deepEqual(removedBy(sep, cleanText({ text: sep })), [['separator', '* * *']]);

  const r2 = cleanText({ text: list });
  assert.deepEqual(bodyTexts(list, r2), tail, 'no prose before the run: nothing removed');

  const one = `${body}\n\nWhy the Protests Are Growing`;
  assert.equal(cleanText({ text: one }).layer.body.length, 2, 'a single short line is not a list');
});

// ------------------------------------------------------------------ publication date

test('date from a "Published:" line beats other stamps; "Updated" only when nothing else', () => {
  const a = 'Updated 14 October 2020\nPublished: 2020-10-12\n\nSecurity forces arrested dozens of people in overnight raids across the province, the interior ministry said.';
  const ra = cleanText({ text: a });
  assert.equal(ra.layer.published!.value, '2020-10-12');
  assert.equal(ra.layer.published!.by, 'clean/published-stamp');
  assert.deepEqual(ra.layer.removed.map((x) => x.reason), ['date-stamp', 'date-stamp']);

  const b = 'Updated 3 Jan 2021\n\nSecurity forces arrested dozens of people in overnight raids across the province, the interior ministry said.';
  const rb = cleanText({ text: b });
  assert.equal(rb.layer.published!.value, '2021-01-03');
  assert.equal(rb.layer.published!.by, 'clean/updated-stamp');
  assert.equal(b.slice(rb.layer.published!.span!.start, rb.layer.published!.span!.end), '3 Jan 2021');
});

test('datelines: with a year stated; without one the year comes from the page or caller date', () => {
  const withYear = 'BEIRUT, Lebanon, 12 October 2020 — Lebanese troops were deployed to the southern border on Monday, the army said.';
  const r1 = cleanText({ text: withYear });
  assert.equal(r1.layer.published!.value, '2020-10-12');
  assert.equal(r1.layer.published!.by, 'clean/dateline');
  assert.equal(r1.layer.body.length, 1, 'a dateline stays in the body');

  const wire = 'KABUL, March 3 (Reuters) - A roadside bomb struck a police vehicle in the eastern province of Nangarhar on Tuesday, killing four officers, a provincial spokesman said.\n\n(Reporting by Jane Roe; Editing by John Doe)';
  const r2 = cleanText({ text: wire, publishedMeta: '2020-03-04' });
  assert.deepEqual({ ...r2.layer.published }, {
    value: '2020-03-03', span: { start: 7, end: 14 }, how: 'inferred', by: 'clean/dateline+year-from-meta',
  });
  assert.deepEqual(r2.layer.removed.map((x) => x.reason), ['credit']);
  // a January caller date puts a March dateline in the year before
  const r3 = cleanText({ text: wire, published: '2021-01-10' });
  assert.equal(r3.layer.published!.value, '2020-03-03');
  assert.equal(r3.layer.published!.by, 'clean/dateline+year-from-caller');
  // no year anywhere: no date from the dateline
  const r4 = cleanText({ text: wire });
  assert.equal(r4.layer.published, null);
});

test('no date in the text: page metadata, then the caller; none at all is E010 (info)', () => {
  const text = 'Armed men stormed a school in the north-west of the country on Friday and abducted dozens of pupils, police said.';
  const meta = cleanText({ text, publishedMeta: '2021-02-26', published: '2021-03-01' });
  assert.deepEqual({ ...meta.layer.published }, { value: '2021-02-26', span: null, how: 'stated', by: 'clean/meta' });
  const caller = cleanText({ text, published: '2021-03-01' });
  assert.deepEqual({ ...caller.layer.published }, { value: '2021-03-01', span: null, how: 'stated', by: 'clean/caller' });
  const none = cleanText({ text });
  assert.equal(none.layer.published, null);
  assert.deepEqual(none.messages.map((m) => [m.code, m.level, m.stage]), [['E010_NO_PUBLISHED', 'info', 'clean']]);
  const bad = cleanText({ text, published: 'last Tuesday' });
  assert.equal(bad.layer.published, null, 'a malformed caller date is not used');
});

// ------------------------------------------------------------------ suspect page dates

test('suspect: every year in the body is long before the page date', () => {
  const text = [
    '09:02 GMT 23 January 2021',
    '',
    'In September 2016, coalition aircraft struck army positions near the airport, killing dozens of soldiers.',
    'The incident came a year after the 2015 intervention began.',
  ].join('\n');
  const r = cleanText({ text });
  assert.equal(r.layer.published!.value, '2021-01-23');
  const s = r.layer.publishedSuspect!;
  assert.ok(s, 'flagged');
  assert.match(s.reason, /latest: September 2016/);
  assert.equal(text.slice(s.span!.start, s.span!.end), 'September 2016');
  assert.deepEqual(r.messages.map((m) => [m.code, m.level]), [['E009_PUBLISHED_SUSPECT', 'warning']]);
});

test('suspect: "last year" next to a year that does not fit the page date', () => {
  const text = 'Published: 2021-03-01\n\nParliament will vote on the 2021 budget next month. Last year, in 2017, floods displaced thousands of families in the north.';
  const r = cleanText({ text });
  assert.ok(r.layer.publishedSuspect);
  assert.match(r.layer.publishedSuspect!.reason, /"Last year" of 2017/);
});

test('not suspect: recent years, recent dates, or a date the caller gave', () => {
  const recent = 'Published: 2020-10-12\n\nThe ceasefire agreed on October 9 collapsed within hours. Fighting in 2019 had killed hundreds.';
  assert.equal(cleanText({ text: recent }).layer.publishedSuspect, null);
  const anchored = 'Published: 2021-01-23\n\nThe trial over the attack of September 17, 2020 opened on Monday. On September 12 the court had set the date.';
  assert.equal(cleanText({ text: anchored }).layer.publishedSuspect, null, 'an explicit recent year anchors the yearless dates');
  const old = 'In September 2016, coalition aircraft struck army positions near the airport.';
  const r = cleanText({ text: old, published: '2021-01-23' });
  assert.equal(r.layer.publishedSuspect, null, 'the caller knows its date');
  assert.equal(checkSuspect('2021-01-23', [], ''), null);
});

test('not suspect: old background dates beside the story\'s own present (a weekday, a recent month-day)', () => {
  const weekday = 'Published: 2020-12-13\n\nGunmen stormed a school late on Friday night. The raid recalled the kidnapping of pupils in April 2014.';
  assert.equal(cleanText({ text: weekday }).layer.publishedSuspect, null);
  const monthDay = 'Published: 2023-03-10\n\nThe governor was killed on March 9. The movement seized power in August 2021 and held talks in May 2021.';
  assert.equal(cleanText({ text: monthDay }).layer.publishedSuspect, null);
  const stale = 'Published: 2020-12-13\n\nThe raid recalled the kidnapping of pupils in April 2014.';
  assert.ok(cleanText({ text: stale }).layer.publishedSuspect, 'without a present cue the old date still flags the page date');
});

test('not suspect: a dateline whose year comes from the caller is the caller\'s date', () => {
  const text = 'KABUL, March 10 - The governor was killed in a bombing, officials said.\n\nHe was the most senior official killed since the takeover in August 2021.';
  const r = cleanText({ text, published: '2023-03-10' });
  assert.equal(r.layer.published!.value, '2023-03-10');
  assert.equal(r.layer.publishedSuspect, null);
  assert.ok(!r.messages.some((m) => m.code === 'E009_PUBLISHED_SUSPECT'));
});

test('splitLines: trimmed spans into the text as given (CRLF, NBSP, U+2028)', () => {
  const text = '\u00a0 one \r\n\r\ntwo\u2028three\n';
  const ls = splitLines(text);
  assert.deepEqual(ls.map((l) => [l.text, l.start, l.end, l.blankBefore]), [
    ['one', 2, 5, true], ['two', 10, 13, true], ['three', 14, 19, false],
  ]);
});

// ------------------------------------------------------------------ the two seed articles (read, not copied)

const SEEDS = path.resolve(ROOT, '../shared/seeds');
const seed = (f: string) => readFileSync(path.join(SEEDS, f), 'utf8');

test('seed 004: boilerplate out, the header date found and flagged', { skip: !existsSync(SEEDS) && 'shared/seeds not present' }, () => {
  const text = seed('004_aa24c89156c6ffa1.txt');
  const r = cleanText({ text });
  const body = bodyTexts(text, r).join('\n');
  for (const bad of ['Listen Live', 'Get short URL', 'Kremlin Names Conditions', 'Lavrov-Kerry Deal on Syria', 'Principal Problem',
    'Unlikely to Have Been Accident', 'Syrian ceasefire, Syrian crisis', 'Community standards', 'GMT23']) {
    assert.ok(!body.includes(bad), `body must not include "${bad}"`);
  }
  assert.ok(body.startsWith('The US-led airstrike'));
  assert.ok(body.includes('The attack took place on'));
  assert.ok(body.endsWith('clear about\u00a0Assad\'s illegitimacy."'));
  assert.equal(r.layer.body.length, 10);
  const reasons = r.layer.removed.map((x) => x.reason);
  assert.deepEqual(reasons, ['date-stamp', 'listen', 'short-url', 'related', 'related', 'related', 'related', 'tags', 'comments']);
  const p = r.layer.published!;
  assert.equal(p.value, '2021-01-23');
  assert.equal(p.how, 'stated');
  assert.equal(text.slice(p.span!.start, p.span!.end), '23 January 2021');
  assert.ok(r.layer.publishedSuspect, 'a 2021 header over a story whose dates are months old');
  assert.match(r.layer.publishedSuspect!.reason, /September 17/);
  assert.ok(r.messages.some((m) => m.code === 'E009_PUBLISHED_SUSPECT'));
});

test('seed 000: every line a paragraph, nothing removed, the caller date used', { skip: !existsSync(SEEDS) && 'shared/seeds not present' }, () => {
  const text = seed('000_a218b2cd957973a3.txt');
  const r = cleanText({ text, published: '2020-09-03' });
  assert.equal(r.layer.body.length, 7);
  assert.deepEqual(r.layer.removed, []);
  assert.deepEqual({ ...r.layer.published }, { value: '2020-09-03', span: null, how: 'stated', by: 'clean/caller' });
  assert.equal(r.layer.publishedSuspect, null);
  assert.deepEqual(r.messages, []);
});

test('the stage in the pipeline: run options beat Article.published; messages carry the stage', () => {
  const article = { id: 't', text: 'Rebels shelled the airport on Tuesday, the army said.', published: '2020-01-01' };
  const doc = runPipeline(CLEAN_ONLY, article, makeContext({ published: '2020-02-02' }));
  assert.equal(doc.layers.clean!.published!.value, '2020-02-02');
  const doc2 = runPipeline(CLEAN_ONLY, { ...article, published: null }, makeContext());
  assert.equal(doc2.layers.clean!.published, null);
  assert.equal(doc2.messages[0].code, 'E010_NO_PUBLISHED');
  assert.equal(typeof extract, 'function');
});
