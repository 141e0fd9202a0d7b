/**
 * Typed request parameters: each parameter is declared once (name, schema, description, parser) and
 * that declaration both validates requests (`readQuery`) and documents them (openapi.ts). A bad value
 * is a 400 {code: 'invalid_parameter', message, field}; an unknown parameter a 400 'unknown_parameter'.
 */
import { EVENT_TYPES, SUB_EVENT_TYPES } from '../model/taxonomy.js';
import type { EventFilter } from '../store/port.js';
import { ApiError, badParam } from './errors.js';

export type JsonSchema = Record<string, unknown>;

export interface Param<T> {
  readonly in: 'query' | 'path';
  readonly description: string;
  readonly schema: JsonSchema;
  readonly required?: boolean;
  /** Repeatable (?type=A&type=B) and comma-separated (?type=A,B). */
  readonly multi?: boolean;
  readonly example?: string;
  /** raw: the values given (empty when absent). */
  parse(raw: readonly string[], field: string): T;
}

export type ParamSet = Record<string, Param<unknown>>;
export type ParamValues<S extends ParamSet> = { [K in keyof S]: S[K] extends Param<infer T> ? T : never };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (s: string) => {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

function single(raw: readonly string[], field: string): string | undefined {
  if (raw.length > 1) throw badParam(field, `"${field}" is given ${raw.length} times; give it once`);
  return raw[0];
}

export function dateParam(description: string): Param<string | undefined> {
  return {
    in: 'query', description, schema: { type: 'string', format: 'date' }, example: '2023-07-24',
    parse(raw, field) {
      const v = single(raw, field);
      if (v === undefined || v === '') return undefined;
      if (!isRealDate(v)) throw badParam(field, `"${field}" must be a date YYYY-MM-DD, got "${v}"`);
      return v;
    },
  };
}

export function textParam(description: string, maxLength = 200): Param<string | undefined> {
  return {
    in: 'query', description, schema: { type: 'string', maxLength }, parse(raw, field) {
      const v = single(raw, field)?.trim();
      if (!v) return undefined;
      if (v.length > maxLength) throw badParam(field, `"${field}" is longer than ${maxLength} characters`);
      return v;
    },
  };
}

export function enumParam<T extends string>(values: readonly T[], description: string, dflt: T): Param<T> {
  return {
    in: 'query', description, schema: { type: 'string', enum: [...values], default: dflt }, parse(raw, field) {
      const v = single(raw, field);
      if (v === undefined || v === '') return dflt;
      if (!(values as readonly string[]).includes(v)) throw badParam(field, `"${field}" must be one of ${values.join(', ')}; got "${v}"`);
      return v as T;
    },
  };
}

/** Repeated or comma-separated values, each one of `values` (matched case-insensitively). */
export function enumListParam(values: readonly string[], description: string, what: string): Param<string[] | undefined> {
  const byLower = new Map(values.map((v) => [v.toLowerCase(), v]));
  return {
    in: 'query', description, multi: true, schema: { type: 'array', items: { type: 'string', enum: [...values] } },
    parse(raw, field) {
      const items = raw.flatMap((r) => r.split(',')).map((s) => s.trim()).filter(Boolean);
      if (!items.length) return undefined;
      return items.map((s) => {
        const v = byLower.get(s.toLowerCase());
        if (!v) throw badParam(field, `"${s}" is not ${what}; expected one of: ${values.join('; ')}`);
        return v;
      });
    },
  };
}

export function countryListParam(description: string): Param<string[] | undefined> {
  return {
    in: 'query', description, multi: true, example: 'SOM',
    schema: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z]{3}$' } },
    parse(raw, field) {
      const items = raw.flatMap((r) => r.split(',')).map((s) => s.trim()).filter(Boolean);
      if (!items.length) return undefined;
      for (const s of items) if (!/^[A-Za-z]{3}$/.test(s)) throw badParam(field, `"${field}" takes ISO 3166 alpha-3 codes (e.g. SOM), got "${s}"`);
      return items.map((s) => s.toUpperCase());
    },
  };
}

export function intParam(description: string, min: number, max: number, dflt: number): Param<number> {
  return {
    in: 'query', description, schema: { type: 'integer', minimum: min, maximum: max, default: dflt }, parse(raw, field) {
      const v = single(raw, field);
      if (v === undefined || v === '') return dflt;
      if (!/^-?\d+$/.test(v)) throw badParam(field, `"${field}" must be a whole number, got "${v}"`);
      const n = Number(v);
      if (n < min || n > max) throw badParam(field, `"${field}" must be between ${min} and ${max}, got ${n}`);
      return n;
    },
  };
}

export function numberParam(description: string, min: number, max: number): Param<number | undefined> {
  return {
    in: 'query', description, schema: { type: 'number', minimum: min, maximum: max }, parse(raw, field) {
      const v = single(raw, field);
      if (v === undefined || v === '') return undefined;
      const n = Number(v);
      if (!Number.isFinite(n) || n < min || n > max) throw badParam(field, `"${field}" must be a number from ${min} to ${max}, got "${v}"`);
      return n;
    },
  };
}

function numbers(v: string, n: number, field: string, shape: string): number[] {
  const parts = v.split(',').map((s) => s.trim());
  const xs = parts.map(Number);
  if (parts.length !== n || parts.some((s) => s === '') || xs.some((x) => !Number.isFinite(x))) throw badParam(field, `"${field}" must be ${shape}, got "${v}"`);
  return xs;
}

export const bboxParam: Param<[number, number, number, number] | undefined> = {
  in: 'query', description: 'Bounding box minLon,minLat,maxLon,maxLat (WGS84 degrees; minLon > maxLon crosses the antimeridian).',
  schema: { type: 'string', pattern: '^-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,-?[0-9.]+$' }, example: '40,-2,52,12',
  parse(raw, field) {
    const v = single(raw, field);
    if (v === undefined || v === '') return undefined;
    const [w, s, e, n] = numbers(v, 4, field, 'minLon,minLat,maxLon,maxLat') as [number, number, number, number];
    if (Math.abs(w) > 180 || Math.abs(e) > 180) throw badParam(field, `"${field}" longitudes must lie in -180..180`);
    if (Math.abs(s) > 90 || Math.abs(n) > 90) throw badParam(field, `"${field}" latitudes must lie in -90..90`);
    if (s > n) throw badParam(field, `"${field}" minLat (${s}) is above maxLat (${n})`);
    return [w, s, e, n];
  },
};

export const nearParam: Param<{ lat: number; lon: number; km: number } | undefined> = {
  in: 'query', description: 'Within KM kilometres of a point: LAT,LON,KM (KM up to 5000).',
  schema: { type: 'string', pattern: '^-?[0-9.]+,-?[0-9.]+,[0-9.]+$' }, example: '2.04,45.34,50',
  parse(raw, field) {
    const v = single(raw, field);
    if (v === undefined || v === '') return undefined;
    const [lat, lon, km] = numbers(v, 3, field, 'LAT,LON,KM') as [number, number, number];
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) throw badParam(field, `"${field}" needs a latitude in -90..90 and a longitude in -180..180`);
    if (!(km > 0 && km <= 5000)) throw badParam(field, `"${field}" radius must be over 0 and at most 5000 km`);
    return { lat, lon, km };
  },
};

/** The opaque cursor of queryEvents: base64url JSON [date, id]. */
export const cursorParam: Param<string | undefined> = {
  in: 'query', description: 'The `next` value of the previous page.', schema: { type: 'string', maxLength: 400 },
  parse(raw, field) {
    const v = single(raw, field);
    if (v === undefined || v === '') return undefined;
    let ok = false;
    if (v.length <= 400 && /^[A-Za-z0-9_-]+$/.test(v)) {
      try {
        const c: unknown = JSON.parse(Buffer.from(v, 'base64url').toString('utf8'));
        ok = Array.isArray(c) && c.length === 2 && (typeof c[0] === 'string' || c[0] === null) && typeof c[1] === 'string';
      } catch { /* not ours */ }
    }
    if (!ok) throw badParam(field, `"${field}" is not a cursor this API gave (use the "next" of the previous page)`);
    return v;
  },
};

export function idParam(description: string): Param<string> {
  return {
    in: 'path', required: true, description, schema: { type: 'string', maxLength: 200 }, parse(raw, field) {
      const v = raw[0];
      if (!v || v.length > 200) throw badParam(field, `"${field}" must be an id of at most 200 characters`);
      return v;
    },
  };
}

const ALL_SUB_TYPES = Object.values(SUB_EVENT_TYPES).flat() as string[];

/** The event filters, shared by /api/events, /api/events/points and /api/stats. */
export const FILTER_PARAMS = {
  from: dateParam('Events on or after this date (YYYY-MM-DD, inclusive).'),
  to: dateParam('Events on or before this date (YYYY-MM-DD, inclusive).'),
  bbox: bboxParam,
  near: nearParam,
  type: enumListParam(EVENT_TYPES, 'ACLED event type; repeat or comma-separate for several.', 'an ACLED event type'),
  sub_type: enumListParam(ALL_SUB_TYPES, 'ACLED sub-event type; repeat or comma-separate for several.', 'an ACLED sub-event type'),
  actor: textParam('Either actor: text or name (case-insensitive substring) or kind (military, rebel, …).'),
  country: countryListParam('Country of the location, ISO 3166 alpha-3; repeat or comma-separate for several.'),
  source: textParam('Outlet of any source (case-insensitive substring).'),
  q: textParam('Full text over the articles behind the event (every word must occur).'),
  min_confidence: numberParam('Lowest event confidence, 0..1.', 0, 1),
} satisfies ParamSet;

export type FilterValues = ParamValues<typeof FILTER_PARAMS>;

export function toFilter(v: FilterValues): EventFilter {
  if (v.from && v.to && v.from > v.to) throw badParam('to', `"to" (${v.to}) is before "from" (${v.from})`);
  // undated events sort as 0000-00-00 in the store: a `to` alone must not take them in
  const from = v.from ?? (v.to ? '0001-01-01' : undefined);
  return {
    ...(from && { from }), ...(v.to && { to: v.to }), ...(v.bbox && { bbox: v.bbox }), ...(v.near && { near: v.near }),
    ...(v.type && { eventType: v.type }), ...(v.sub_type && { subEventType: v.sub_type }), ...(v.actor && { actor: v.actor }),
    ...(v.country && { country: v.country }), ...(v.source && { source: v.source }), ...(v.q && { text: v.q }),
    ...(v.min_confidence !== undefined && { minConfidence: v.min_confidence }),
  };
}

/** Reads and validates the query string against a parameter set; unknown parameters are refused. */
export function readQuery<S extends ParamSet>(url: string, set: S): ParamValues<S> {
  const sp = new URL(url).searchParams;
  for (const k of new Set(sp.keys())) {
    if (!(k in set) || set[k]!.in !== 'query') {
      const known = Object.keys(set).filter((n) => set[n]!.in === 'query');
      throw new ApiError(400, 'unknown_parameter', `unknown query parameter "${k}"${known.length ? `; this route takes: ${known.join(', ')}` : '; this route takes none'}`, k);
    }
  }
  const out: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(set)) if (p.in === 'query') out[name] = p.parse(sp.getAll(name), name);
  return out as ParamValues<S>;
}

export function readPath<T>(value: string | undefined, name: string, p: Param<T>): T {
  return p.parse(value === undefined ? [] : [value], name);
}
