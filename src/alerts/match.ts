/** Does a stored event meet a rule? Every condition the rule names must hold. */
import type { StoredEvent } from '../store/port.js';
import { distanceKm } from '../gazetteer/index.js';
import type { AlertRule } from './rules.js';

export interface MatchResult {
  readonly ok: boolean;
  /** What held (for the alert) or the first thing that did not (for debugging). */
  readonly why: readonly string[];
}

const toll = (e: StoredEvent): number | null => e.fatalities.best ?? e.fatalities.low ?? e.fatalities.high;

export function matchRule(rule: AlertRule, e: StoredEvent): MatchResult {
  const why: string[] = [];
  const no = (reason: string): MatchResult => ({ ok: false, why: [reason] });
  if (rule.eventTypes) {
    if (!rule.eventTypes.includes(e.eventType)) return no(`type ${e.eventType}`);
    why.push(`type ${e.eventType}`);
  }
  if (rule.subEventTypes) {
    if (!e.subEventType || !rule.subEventTypes.includes(e.subEventType)) return no(`sub-type ${e.subEventType ?? 'none'}`);
    why.push(`sub-type ${e.subEventType}`);
  }
  if (rule.actors) {
    const hay = [e.actor1, e.actor2].flatMap((a) => (a ? [a.text, a.name, a.kind] : [])).filter((x): x is string => !!x).map((x) => x.toLowerCase());
    const hit = rule.actors.find((a) => hay.some((h) => h.includes(a)));
    if (!hit) return no('no actor named');
    why.push(`actor ${hit}`);
  }
  if (rule.countries) {
    const cs = [e.location.country, e.actor1?.country, e.actor2?.country].filter(Boolean) as string[];
    const hit = rule.countries.find((c) => e.location.country === c) ?? null;
    if (!hit) return no(`country ${cs[0] ?? 'unknown'}`);
    why.push(`in ${hit}`);
  }
  const { lat, lon } = e.location;
  if (rule.near) {
    if (lat === null || lon === null) return no('no coordinates');
    const d = distanceKm(lat, lon, rule.near.lat, rule.near.lon);
    if (d > rule.near.km) return no(`${d.toFixed(0)} km away`);
    why.push(`${d.toFixed(0)} km from the point (within ${rule.near.label})`);
  }
  if (rule.bbox) {
    if (lat === null || lon === null) return no('no coordinates');
    const [w, s, east, n] = rule.bbox;
    const inLon = w <= east ? lon >= w && lon <= east : lon >= w || lon <= east; // across the antimeridian
    if (!(lat >= s && lat <= n && inLon)) return no('outside the box');
    why.push('inside the box');
  }
  if (rule.minFatalities !== null) {
    const t = toll(e);
    if (t === null || t < rule.minFatalities) return no(`toll ${t ?? 'unknown'}`);
    why.push(`${t} killed`);
  }
  if (rule.minSources !== null) {
    if (e.nSources < rule.minSources) return no(`${e.nSources} source(s)`);
    why.push(`${e.nSources} sources`);
  }
  return { ok: true, why };
}
