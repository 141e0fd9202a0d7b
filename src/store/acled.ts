/** ACLED-style coding of a stored event: the columns of the ACLED CSV export. */
import { createRequire } from 'node:module';
import type { StoredEvent } from './port.js';

export const ACLED_COLUMNS = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type',
  'actor1', 'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting',
  'iso', 'region', 'country', 'admin1', 'admin2', 'admin3', 'location', 'latitude', 'longitude', 'geo_precision',
  'source', 'source_scale', 'notes', 'fatalities', 'tags', 'timestamp',
] as const;

interface Country { cca3: string; ccn3: string; name: { common: string }; subregion: string }
let countries: Map<string, Country> | null = null;
function country(iso3: string | null): Country | null {
  if (!iso3) return null;
  if (!countries) {
    const list = createRequire(import.meta.url)('world-countries') as Country[];
    countries = new Map(list.map((c) => [c.cca3, c]));
  }
  return countries.get(iso3) ?? null;
}

const REGION: Record<string, string> = {
  'Western Africa': 'Western Africa', 'Middle Africa': 'Middle Africa', 'Eastern Africa': 'Eastern Africa',
  'Southern Africa': 'Southern Africa', 'Northern Africa': 'Northern Africa', 'Southern Asia': 'South Asia',
  'South-Eastern Asia': 'Southeast Asia', 'Eastern Asia': 'East Asia', 'Central Asia': 'Caucasus and Central Asia',
  'Western Asia': 'Middle East', 'North America': 'North America', 'Central America': 'Central America',
  'South America': 'South America', Caribbean: 'Caribbean',
};
const REGION_BY_ISO: Record<string, string> = {
  ARM: 'Caucasus and Central Asia', AZE: 'Caucasus and Central Asia', GEO: 'Caucasus and Central Asia',
  CYP: 'Europe', IRN: 'Middle East', SDN: 'Eastern Africa', MEX: 'Central America',
};
export function acledRegion(iso3: string | null): string {
  const c = country(iso3);
  if (!c) return '';
  if (REGION_BY_ISO[c.cca3]) return REGION_BY_ISO[c.cca3];
  if (/Europe/.test(c.subregion)) return 'Europe';
  if (/Polynesia|Melanesia|Micronesia|Australia/.test(c.subregion)) return 'Oceania';
  return REGION[c.subregion] ?? '';
}

/** ACLED inter codes: 1 state forces, 2 rebels, 3 political militias, 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other. */
const INTER: Record<string, number> = {
  military: 1, police: 1, government: 1, rebel: 2, terrorist: 2, militia: 3, unknown: 3,
  rioters: 5, protesters: 6, civilians: 7, media: 7, ngo: 7, igo: 8,
};

const DISORDER: Record<string, string> = {
  Battles: 'Political violence', 'Explosions/Remote violence': 'Political violence', 'Violence against civilians': 'Political violence',
  Protests: 'Demonstrations', Riots: 'Demonstrations', 'Strategic developments': 'Strategic developments',
};

const GEO_PREC: Record<string, number> = { exact: 1, near: 2, admin1: 3, country: 3 };
const TIME_PREC: Record<string, number> = { day: 1, week: 2, month: 3 };

function actorName(a: StoredEvent['actor1'], countryName: string): string {
  if (!a) return '';
  if (a.name) return a.name;
  const kind = a.kind ?? 'unknown';
  const cn = a.country ? (country(a.country)?.name.common ?? a.country) : countryName;
  switch (kind) {
    case 'military': return `Military Forces of ${cn}`.trim();
    case 'police': return `Police Forces of ${cn}`.trim();
    case 'government': return `Government of ${cn}`.trim();
    case 'protesters': return `Protesters (${cn})`;
    case 'rioters': return `Rioters (${cn})`;
    case 'civilians': return `Civilians (${cn})`;
    case 'unknown': return 'Unidentified Armed Group' + (cn ? ` (${cn})` : '');
    default: return a.text ?? '';
  }
}

export function acledRow(e: StoredEvent): Record<(typeof ACLED_COLUMNS)[number], string | number> {
  const c = country(e.location.country);
  const countryName = c?.name.common ?? e.location.country ?? '';
  const i1 = e.actor1 ? INTER[e.actor1.kind ?? 'unknown'] ?? 3 : (e.eventType === 'Protests' ? 6 : 0);
  const i2 = e.actor2 ? INTER[e.actor2.kind ?? 'unknown'] ?? 3 : 0;
  const interaction = i2 ? `${Math.min(i1, i2)}${Math.max(i1, i2)}` : `${i1}0`;
  const civ = e.eventType === 'Violence against civilians' || (e.actor2?.kind === 'civilians' && /Explosions|Battles/.test(e.eventType));
  const tags: string[] = [];
  if (e.contested) tags.push('contested');
  if (e.fatalities.high !== null && e.fatalities.high !== e.fatalities.low) tags.push(`fatalities ${e.fatalities.low}-${e.fatalities.high} (best ${e.fatalities.best})`);
  if (e.nSources > 1) tags.push(`${e.nSources} sources`);
  tags.push(`confidence ${e.confidence}`);
  const date = e.date && /^\d{4}-\d{2}-\d{2}/.test(e.date) ? e.date.slice(0, 10) : '';
  return {
    event_id_cnty: `${e.location.country ?? 'XXX'}${e.id.replace(/^ev/, '').toUpperCase()}`,
    event_date: date,
    year: date ? Number(date.slice(0, 4)) : '',
    time_precision: TIME_PREC[e.datePrecision ?? ''] ?? 3,
    disorder_type: DISORDER[e.eventType] ?? '',
    event_type: e.eventType,
    sub_event_type: e.subEventType ?? '',
    actor1: actorName(e.actor1, countryName),
    assoc_actor_1: '',
    inter1: i1 || '',
    actor2: actorName(e.actor2, countryName),
    assoc_actor_2: '',
    inter2: i2 || '',
    interaction,
    civilian_targeting: civ ? 'Civilian targeting' : '',
    iso: c ? Number(c.ccn3) : '',
    region: acledRegion(e.location.country),
    country: countryName,
    admin1: e.location.admin1 ?? '',
    admin2: '',
    admin3: '',
    location: e.location.text ?? '',
    latitude: e.location.lat ?? '',
    longitude: e.location.lon ?? '',
    geo_precision: GEO_PREC[e.location.precision ?? 'country'] ?? 3,
    source: e.sources.join('; '),
    source_scale: '',
    notes: e.notes ?? '',
    // ACLED codes the most conservative credible report
    fatalities: e.fatalities.low ?? 0,
    tags: tags.join('; '),
    timestamp: Math.floor(Date.parse(e.updatedAt) / 1000) || '',
  };
}
