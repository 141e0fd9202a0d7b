/**
 * The output record: the shape of shared/eval/PREDICTIONS.md (schema in schema/prediction.schema.json,
 * version SCHEMA_VERSION), built from a Document's layers. Every value keeps its span; `provenance`
 * says for each event field how it was obtained (stated, inferred, default) and by which rule.
 */
import type { Document } from '../model/document.js';
import type { Message } from '../model/messages.js';
import type { How } from '../model/span.js';

export const SCHEMA_VERSION = '1.0.0';

export interface Provenance { readonly how: How; readonly by: string; readonly start?: number; readonly end?: number }

export interface PredActor {
  text: string; start: number; end: number; country_iso3: string | null; kind: string; name: string | null;
}
export interface PredEvent {
  event_type: string | null;
  sub_event_type: string | null;
  plover: { event: string; mode: string | null } | null;
  actor1: PredActor | null;
  actor2: PredActor | null;
  location: {
    text: string; start: number; end: number; geonameid: number | null; lat: number | null; lon: number | null;
    country_iso3: string | null; admin1: string | null; precision: string;
  } | null;
  date: { value: string | null; text: string; start: number; end: number; precision: string | null; relative: boolean } | null;
  fatalities: number | null;
  injured: number | null;
  claimed_by: { text: string; start: number; end: number }[];
  claims: { by: string; start: number; end: number; says: string | null; field: string | null; value: string | number | null }[];
  contested: boolean;
  confidence: number;
  background: boolean;
  evidence: { start: number; end: number };
  trigger: { start: number; end: number; text: string };
  provenance: Record<string, Provenance>;
}
export interface Prediction {
  schema: string;
  id: string;
  published: string | null;
  published_how: How | null;
  published_suspect: string | null;
  places: {
    start: number; end: number; text: string; geonameid: number | null; lat: number | null; lon: number | null;
    country_iso3: string | null; admin1: string | null; feature: string | null; precision: string;
  }[];
  times: { start: number; end: number; text: string; value: string | null; type: string; precision: string | null }[];
  events: PredEvent[];
  messages: { code: string; level: string; message: string; stage: string | null }[];
}

const prov = (how: How, by: string, s?: { start: number; end: number } | null): Provenance =>
  s ? { how, by, start: s.start, end: s.end } : { how, by };

export function toPrediction(doc: Document): Prediction {
  const L = doc.layers;
  const clean = L.clean;
  const args = new Map((L.arguments ?? []).map((a) => [a.event, a]));
  const attr = new Map((L.attribution ?? []).map((a) => [a.event, a]));
  const events: PredEvent[] = [];
  for (const ev of L.events ?? []) {
    const a = args.get(ev.id);
    const at = attr.get(ev.id);
    const provenance: Record<string, Provenance> = {
      event_type: prov(ev.eventType.how, ev.eventType.by, ev.eventType.span),
      sub_event_type: prov(ev.subEventType.how, ev.subEventType.by, ev.subEventType.span),
    };
    const actor = (r: NonNullable<typeof a>['actor1'], key: string): PredActor | null => {
      if (!r) return null;
      provenance[key] = prov(r.how, r.by, r.span);
      return { text: r.text, start: r.span.start, end: r.span.end, country_iso3: r.country, kind: r.kind, name: r.name };
    };
    const loc = a?.location ?? null;
    if (loc) provenance.location = prov(loc.how, loc.by, loc.place.span);
    const p = loc?.place.resolved ?? null;
    if (a?.date) provenance.date = prov(a.date.how, a.date.by, a.date.span);
    if (a?.fatalities) provenance.fatalities = prov(a.fatalities.how, a.fatalities.by, a.fatalities.span);
    if (a?.injured) provenance.injured = prov(a.injured.how, a.injured.by, a.injured.span);
    events.push({
      event_type: ev.eventType.value,
      sub_event_type: ev.subEventType.value,
      plover: ev.plover ? { event: ev.plover.event, mode: ev.plover.mode } : null,
      actor1: actor(a?.actor1 ?? null, 'actor1'),
      actor2: actor(a?.actor2 ?? null, 'actor2'),
      location: loc
        ? {
            text: loc.place.text, start: loc.place.span.start, end: loc.place.span.end,
            geonameid: p?.geonameid ?? null, lat: p?.lat ?? null, lon: p?.lon ?? null,
            country_iso3: p?.countryIso3 ?? null, admin1: p?.admin1 ?? null, precision: loc.precision,
          }
        : null,
      date: a?.date
        ? { value: a.date.value, text: a.date.text, start: a.date.span.start, end: a.date.span.end,
            precision: a.date.precision, relative: a.date.relative }
        : null,
      fatalities: a?.fatalities?.value ?? null,
      injured: a?.injured?.value ?? null,
      claimed_by: (at?.claimedBy ?? []).map((c) => ({ text: c.text, start: c.span.start, end: c.span.end })),
      claims: (at?.claims ?? []).map((c) => ({
        by: c.by.text, start: c.by.span.start, end: c.by.span.end, says: c.says, field: c.field, value: c.value,
      })),
      contested: at?.contested ?? false,
      confidence: Math.round(ev.confidence * 1000) / 1000,
      background: ev.background,
      evidence: { start: ev.evidence.start, end: ev.evidence.end },
      trigger: { start: ev.trigger.start, end: ev.trigger.end, text: doc.text.slice(ev.trigger.start, ev.trigger.end) },
      provenance,
    });
  }
  return {
    schema: SCHEMA_VERSION,
    id: doc.article.id,
    published: clean?.published?.value ?? null,
    published_how: clean?.published?.how ?? null,
    published_suspect: clean?.publishedSuspect?.reason ?? null,
    places: (L.places ?? []).map((m) => ({
      start: m.span.start, end: m.span.end, text: m.text,
      geonameid: m.resolved?.geonameid ?? null, lat: m.resolved?.lat ?? null, lon: m.resolved?.lon ?? null,
      country_iso3: m.resolved?.countryIso3 ?? null, admin1: m.resolved?.admin1 ?? null,
      feature: m.resolved ? `${m.resolved.featureClass}.${m.resolved.featureCode}` : null, precision: m.precision,
    })),
    times: (L.times ?? []).map((t) => ({
      start: t.span.start, end: t.span.end, text: t.text, value: t.value, type: t.type, precision: t.precision,
    })),
    events,
    messages: doc.messages.map((m: Message) => ({ code: m.code, level: m.level, message: m.message, stage: m.stage })),
  };
}
