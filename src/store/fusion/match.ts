/**
 * Whether two mentions (from different articles) report the same event, and how well they fit.
 * Pure functions over mention rows; thresholds from config/fusion.json. Fusion links every
 * compatible pair, so an event is a connected group of mentions — the same whatever order
 * articles arrive in.
 */
import type { FusionConfig } from './config.js';
import type { MentionRow } from './types.js';
import { gapDays, spanDays } from './dates.js';

const R = 6371;
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad, dLon = (lon2 - lon1) * toRad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}

const GEO_RANK: Record<string, number> = { exact: 0, near: 1, admin1: 2, country: 3 };
const geoRank = (p: string | null) => GEO_RANK[p ?? 'country'] ?? 3;
const DATE_RANK: Record<string, number> = { day: 0, week: 1, month: 2, undated: 3 };

/**
 * Anchors are mentions placed (town or province) and dated to the day: events are the connected
 * groups of compatible anchors. The other fusable mentions (a week, a month, no date; only a
 * country) float: each joins the anchored event it fits best, and never links two events.
 */
export function isAnchor(m: MentionRow, cfg: FusionConfig): boolean {
  return fusable(m, cfg) && m.date_precision === 'day' && m.geo_precision !== 'country' && (m.lat !== null || !!m.admin1);
}

/** Can this mention be fused at all (has a region and a bounded date)? */
export function fusable(m: MentionRow, cfg: FusionConfig): boolean {
  return !!m.country && !!m.date_start && !!m.date_end && spanDays(m.date_start, m.date_end) <= cfg.maxIntervalDays;
}

export function typesCompatible(a: string, b: string, cfg: FusionConfig): boolean {
  return a === b || cfg.compatibleTypes.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

function subTypesCompatible(a: string | null, b: string | null, cfg: FusionConfig): boolean {
  return !!a && !!b && (cfg.compatibleSubTypes ?? []).some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

const norm = (s: string | null) => (s ? s.toLowerCase().replace(/^the\s+/, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim() : null);

/** Group of an armed actor (state forces or a non-state armed group), else null: crowds and victims are weak evidence. */
function armedGroup(kind: string | null, cfg: FusionConfig): string | null {
  const g = kind ? cfg.actorGroups[kind] : undefined;
  return g === 'state' || g === 'armed' ? g : null;
}
/**
 * Two reports name different perpetrators: both give an armed actor1 of different groups (state
 * forces vs an armed group), and neither names the other's actor1 as its actor2 (sides swapped).
 */
function perpetratorsDiffer(a: MentionRow, b: MentionRow, cfg: FusionConfig): boolean {
  const a1 = armedGroup(a.actor1_kind, cfg), b1 = armedGroup(b.actor1_kind, cfg);
  if (!a1 || !b1 || a1 === b1) return false;
  return armedGroup(b.actor2_kind, cfg) !== a1 && armedGroup(a.actor2_kind, cfg) !== b1;
}
function armedNames(m: MentionRow, cfg: FusionConfig): Set<string> {
  const s = new Set<string>();
  for (const [k, n] of [[m.actor1_kind, m.actor1_name], [m.actor2_kind, m.actor2_name]] as const) {
    if (k && cfg.actorGroups[k] === 'armed' && k !== 'militia' && n) s.add(norm(n)!);
  }
  return s;
}
const disjoint = <T>(a: Set<T>, b: Set<T>) => a.size > 0 && b.size > 0 && ![...a].some((x) => b.has(x));

function namedActorShared(a: MentionRow, b: MentionRow): boolean {
  const names = (m: MentionRow) => new Set([m.actor1_name, m.actor2_name, m.actor1_text, m.actor2_text].map(norm).filter((x): x is string => !!x));
  const nb = names(b);
  return [...names(a)].some((x) => nb.has(x));
}

/** Why two mentions are not the same event, or null when they may be. */
export function incompatibility(a: MentionRow, b: MentionRow, cfg: FusionConfig): string | null {
  if (a.article_id === b.article_id) return 'same article';
  if (!fusable(a, cfg) || !fusable(b, cfg)) return 'not fusable';
  if (!typesCompatible(a.event_type, b.event_type, cfg) && !subTypesCompatible(a.sub_event_type, b.sub_event_type, cfg)) return 'type';
  if (a.country !== b.country) return 'country';
  // dates
  const kinds = [a.date_precision, b.date_precision].map((p) => (p && p in DATE_RANK ? p : 'undated'));
  const coarser = DATE_RANK[kinds[0]] >= DATE_RANK[kinds[1]] ? kinds[0] : kinds[1];
  const slack = cfg.dateSlackDays[coarser] ?? 0;
  if (gapDays(a.date_start!, a.date_end!, b.date_start!, b.date_end!) > slack) return 'date';
  // places
  const pa = geoRank(a.geo_precision), pb = geoRank(b.geo_precision);
  const prec = pa >= pb ? (a.geo_precision ?? 'country') : (b.geo_precision ?? 'country');
  if (prec === 'country' || (a.lat === null && !a.admin1) || (b.lat === null && !b.admin1)) {
    // placed only at country level: demand more of the rest
    if (gapDays(a.date_start!, a.date_end!, b.date_start!, b.date_end!) > 0) return 'country-level: date';
    const sameSub = !!a.sub_event_type && a.sub_event_type === b.sub_event_type, named = namedActorShared(a, b);
    if (cfg.countryPrecision.requireSameSubType && cfg.countryPrecision.requireNamedActor ? !(sameSub && named) : !(sameSub || named)) return 'country-level: sub-type and actor';
  } else if (prec === 'admin1') {
    if (a.admin1 && b.admin1) { if (norm(a.admin1) !== norm(b.admin1)) return 'admin1'; }
    else if (a.lat === null || b.lat === null || haversineKm(a.lat, a.lon!, b.lat, b.lon!) > (cfg.radiusKm.admin1 ?? 150)) return 'distance';
  } else {
    if (a.lat === null || b.lat === null) { if (!a.admin1 || norm(a.admin1) !== norm(b.admin1)) return 'place'; }
    else if (haversineKm(a.lat, a.lon!, b.lat, b.lon!) > (cfg.radiusKm[prec] ?? 30)) return 'distance';
  }
  // actors
  if (perpetratorsDiffer(a, b, cfg)) return 'actors';
  if (disjoint(armedNames(a, cfg), armedNames(b, cfg))) return 'armed group';
  return null;
}

export const compatible = (a: MentionRow, b: MentionRow, cfg: FusionConfig): boolean => incompatibility(a, b, cfg) === null;

/** How well two compatible mentions fit, in [0, 1] (used only to choose between blocked events). */
export function fitScore(a: MentionRow, b: MentionRow, cfg: FusionConfig): number {
  let s = 0;
  if (a.event_type === b.event_type) s += 0.25;
  if (a.sub_event_type && a.sub_event_type === b.sub_event_type) s += 0.15;
  const gap = gapDays(a.date_start!, a.date_end!, b.date_start!, b.date_end!);
  s += 0.2 * (gap === 0 ? 1 : 0.5);
  if (a.lat !== null && b.lat !== null) s += 0.25 * Math.max(0, 1 - haversineKm(a.lat, a.lon!, b.lat, b.lon!) / (cfg.radiusKm.near ?? 50));
  if (namedActorShared(a, b)) s += 0.15;
  return s;
}
