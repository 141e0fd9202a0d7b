/**
 * Event location choices that depend on the article's shape (pickEventLocation, via the pipeline).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from '../../pipeline/extract.js';
import { toPrediction } from '../../output/predictions.js';

test('a title line\'s event is placed where its lead says it happened', () => {
  const text = 'Gunmen seize dozens of traders at Maiduguri market\n\n'
    + 'By a staff reporter\n\n'
    + 'Armed men on motorbikes surrounded the weekly cattle market in Konduga, Borno State, on Thursday afternoon and led dozens of traders into the bush, residents said.\n\n'
    + 'The army said troops had been sent after the attackers.';
  const p = toPrediction(extract({ id: 't', text, published: '2023-05-12' }));
  const ev = p.events.find((e) => e.event_type !== null);
  assert.ok(ev, 'an event');
  assert.equal(ev!.location?.text, 'Konduga');
});

/** Clause splitting applies to full articles (over 1,200 characters): neutral padding. */
const PAD = 'Prices of fuel and bread have risen steadily over the past two years, according to a survey by a chamber of commerce. '
  + 'Most families grow maize, beans and vegetables on small plots of land near their homes, and many young people leave to look for work. ';

test('an event read from one clause of its sentence is placed in that clause', () => {
  const text = 'Warplanes struck militia depots in western Iraq on Friday in retaliation for a drone attack on January 28 that killed three soldiers at a base in Jordan.\n\n'
    + `${PAD.repeat(3)}\n\n${PAD.repeat(3)}`;
  const p = toPrediction(extract({ id: 't', text, published: '2024-02-03' }));
  const drone = p.events.find((e) => e.date?.value === '2024-01-28');
  assert.ok(drone, p.events.map((e) => `${e.sub_event_type} ${e.date?.value}`).join(' | '));
  assert.equal(drone!.location?.country_iso3, 'JOR');
});

test('"in Niger\'s Tahoua region": the locative before a possessor governs the place after it', () => {
  for (const text of [
    'Gunmen on motorbikes killed 137 people in a series of attacks on villages in Niger\'s Tahoua region on Sunday.',
    'Fighting broke out in Kenya\'s Mandera county on Monday, police said.',
  ]) {
    const p = toPrediction(extract({ id: 't', text, published: '2021-03-22' }));
    const ev = p.events.find((e) => e.event_type !== null);
    assert.ok(ev, 'an event');
    assert.equal(ev!.location?.precision, 'admin1', `${text} → ${ev!.location?.text}`);
  }
});

test('the towns at the ends of a road are not where an event on it happened', () => {
  const text = 'A suicide bomber rammed a car into a police convoy on the Jammu-Srinagar highway at Lethpora in Pulwama district on Thursday, killing 40 officers.';
  const p = toPrediction(extract({ id: 't', text, published: '2019-02-15' }));
  const ev = p.events.find((e) => e.event_type !== null);
  assert.ok(ev);
  assert.match(ev!.location?.text ?? '', /Pulwama/);
});
