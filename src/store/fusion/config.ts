/** Fusion thresholds, read from config/fusion.json (or SITREP_FUSION_CONFIG). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface FusionConfig {
  /** Slack allowed between two date intervals, by the coarser precision of the two. */
  readonly dateSlackDays: Record<string, number>;
  /** A mention without a date stands for the days before its article's publication. */
  readonly undatedWindowDays: number;
  /** Mentions dated more coarsely than this (a year, a season) are never fused. */
  readonly maxIntervalDays: number;
  /** Greatest distance between two places, by the coarser location precision of the two. */
  readonly radiusKm: Record<string, number>;
  /** Event types that different outlets may give the same event (pairs; same type always fits). */
  readonly compatibleTypes: readonly (readonly [string, string])[];
  /** Sub-event types of different event types that outlets give the same event (arrests at a protest). */
  readonly compatibleSubTypes?: readonly (readonly [string, string])[];
  /** Actor kind → group; two mentions whose actors are all in different groups are different events. */
  readonly actorGroups: Record<string, string>;
  /** Extra conditions when one of the two is placed only at country level. */
  readonly countryPrecision: { readonly requireSameSubType: boolean; readonly requireNamedActor: boolean };
}

const DEFAULT_PATH = fileURLToPath(new URL('../../../config/fusion.json', import.meta.url));
let cached: FusionConfig | null = null;

export function loadFusionConfig(path = process.env.SITREP_FUSION_CONFIG ?? DEFAULT_PATH): FusionConfig {
  if (cached && path === (process.env.SITREP_FUSION_CONFIG ?? DEFAULT_PATH)) return cached;
  const cfg = JSON.parse(readFileSync(path, 'utf8')) as FusionConfig;
  cached = cfg;
  return cfg;
}
