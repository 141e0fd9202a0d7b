/** Shared helpers for the end-to-end tests. */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { ROOT } from '../src/util/lexicon.js';
import type { PredEvent } from '../src/output/predictions.js';

/** ../shared beside the checkout (seeds, eval); tests that need it fail clearly when it is missing. */
export const SHARED = process.env.SITREP_SHARED_DIR ?? path.resolve(ROOT, '../shared');
export const sharedAvailable = existsSync(SHARED);

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

export const norm = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** A one-line description of an event for failure messages. */
export function describe(e: PredEvent): string {
  return `${e.event_type}/${e.sub_event_type} a1=${e.actor1?.text}[${e.actor1?.country_iso3} ${e.actor1?.kind}] ` +
    `a2=${e.actor2?.text}[${e.actor2?.country_iso3} ${e.actor2?.kind}] loc=${e.location?.text}#${e.location?.geonameid}(${e.location?.precision}) ` +
    `date=${e.date?.value} dead=${e.fatalities} inj=${e.injured} by=${e.claimed_by.map((c) => c.text).join('|')} contested=${e.contested}`;
}
