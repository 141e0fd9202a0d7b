import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  fullDates, hasPresentCue, monthYears, parseDateline, parsePlaceDateLine, parseStamp, relativeYears, yearlessDates, yearMentions,
} from './dates.js';

const at = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);

test('stamp lines: the usual page formats', () => {
  const cases: [string, string, string | null, boolean][] = [
    ['21:12 GMT23 January 2021', '2021-01-23', null, true],
    ['21:12 GMT 23 January 2021', '2021-01-23', null, true],
    ['Monday 12 October 2020', '2020-10-12', null, false],
    ['Monday, October 12, 2020 8:41 a.m. EDT', '2020-10-12', null, true],
    ['Published: 2020-10-12', '2020-10-12', 'published', false],
    ['Published on 12 Oct 2020, 14:03 | Updated 13 Oct 2020', '2020-10-12', 'published', true],
    ['Updated 3 Jan 2021', '2021-01-03', 'updated', false],
    ['Last updated: Jan. 3, 2021', '2021-01-03', 'last updated', false],
    ['Posted: 03.01.2021', '2021-01-03', 'posted', false],
    ['Sept. 17, 2016', '2016-09-17', null, false],
    ['Date created : 2013-05-14', '2013-05-14', 'date created', false],
    ['17th September 2016', '2016-09-17', null, false],
  ];
  for (const [line, value, prefix, withTime] of cases) {
    const s = parseStamp(line, 100);
    assert.ok(s, line);
    assert.equal(s.date.value, value, line);
    assert.equal(s.prefix, prefix, line);
    assert.equal(s.withTime, withTime, line);
  }
  const s = parseStamp('21:12 GMT23 January 2021', 100)!;
  assert.deepEqual(s.date.span, { start: 109, end: 124 });
  for (const line of ['The strike on 23 January 2021 killed four.', '23 January', '2021', 'Posted: 03/04/2021', '31 February 2021']) {
    assert.equal(parseStamp(line, 0), null, line);
  }
});

test('datelines at the head of a paragraph', () => {
  const a = 'KABUL, March 3 (Reuters) - A bomb exploded near a mosque.';
  const da = parseDateline(a, 0)!;
  assert.equal(da.value, '--03-03');
  assert.equal(at(a, da.span), 'March 3');
  const b = 'BEIRUT, Lebanon, 12 October 2020 — Troops deployed.';
  assert.equal(parseDateline(b, 0)!.value, '2020-10-12');
  const c = 'MEXICO CITY, Oct 26, 2017 - Police detained dozens of marchers near the square.';
  assert.equal(parseDateline(c, 0)!.value, '2017-10-26');
  const d = 'Monday 12 October 2020 - Protests continued.';
  assert.equal(parseDateline(d, 0)!.value, '2020-10-12');
  assert.equal(parseDateline('On March 3 a bomb exploded near a mosque - police said.', 0), null);
  assert.equal(parseDateline('KABUL (Reuters) - A bomb exploded.', 0), null);
  // a city in title case, as South Asian agencies print it
  assert.equal(parseDateline('Srinagar, Feb 15: Forty personnel were killed when a bomber rammed a convoy.', 0)!.value, '--02-15');
  assert.equal(parseDateline('New Delhi, March 3 - Police said.', 0)!.value, '--03-03');
  assert.equal(parseDateline('Officials said on Monday, March 3 - nothing more.', 0), null);
  const e = 'Jakarta, Indonesia, Nov 30, 2015';
  const pe = parsePlaceDateLine(e, 10)!;
  assert.equal(pe.value, '2015-11-30');
  assert.equal(pe.span.start, 10 + e.indexOf('Nov 30, 2015'));
  assert.equal(parsePlaceDateLine('Talks resumed, officials said, on Nov 30, 2015', 0), null);
});

test('full dates in text: written, dotted, ISO; ambiguous and invalid ones left out', () => {
  const t = 'On September 17, 2016 and 17 Sept. 2016, also 2016-09-17T10:00, 17.09.2016, 09/17/2016, '
    + '5/6/2016 (ambiguous), in 2016, 31 February 2016, x2016-01-01, 12 October 20201.';
  assert.deepEqual(fullDates(t, 5).map((d) => [d.value, t.slice(d.span.start - 5, d.span.end - 5)]), [
    ['2016-09-17', 'September 17, 2016'], ['2016-09-17', '17 Sept. 2016'], ['2016-09-17', '2016-09-17'],
    ['2016-09-17', '17.09.2016'], ['2016-09-17', '09/17/2016'],
  ]);
});

test('dates in body text: full, month-year, yearless, years, relative years', () => {
  const t = 'The attack on September 17, 2016 followed a raid on 12 September and talks in May 2015. '
    + 'Some 2000 troops have been deployed since 2011, and 2014’s offensive failed. Last year the army retreated; '
    + 'the 2019 budget was cut. Police may 5 days later arrest them.';
  assert.deepEqual(fullDates(t).map((d) => d.value), ['2016-09-17']);
  assert.deepEqual(monthYears(t).map((d) => at(t, d.span)), ['May 2015']);
  assert.deepEqual(yearlessDates(t).map((d) => at(t, d.span)), ['12 September']);
  assert.deepEqual(yearMentions(t).map((y) => y.year), [2016, 2015, 2011, 2014, 2019]);
  assert.deepEqual(relativeYears(t).map((r) => [at(t, r.span), r.rel]), [['Last year', -1]]);
  assert.ok(hasPresentCue('Gunmen attacked the convoy on Tuesday.'));
  assert.ok(!hasPresentCue('Gunmen attacked the convoy in 2016.'));
});
