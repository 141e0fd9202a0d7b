/** A mention as fusion sees it: the `mentions` table row. */
export interface MentionRow {
  id: string;
  article_id: string;
  idx: number;
  event_type: string;
  sub_event_type: string | null;
  plover_event: string | null;
  plover_mode: string | null;
  actor1_text: string | null; actor1_name: string | null; actor1_kind: string | null; actor1_country: string | null;
  actor2_text: string | null; actor2_name: string | null; actor2_kind: string | null; actor2_country: string | null;
  location_text: string | null;
  geonameid: number | null;
  lat: number | null;
  lon: number | null;
  country: string | null;
  admin1: string | null;
  geo_precision: string | null;
  date_value: string | null;
  date_precision: string | null;
  date_text: string | null;
  date_start: string | null;
  date_end: string | null;
  published: string | null;
  outlet: string | null;
  fatalities: number | null;
  injured: number | null;
  contested: number;
  background: number;
  confidence: number;
  evidence: string | null;
  data: string | Record<string, unknown>;
}

export const MENTION_COLUMNS: readonly (keyof MentionRow)[] = [
  'id', 'article_id', 'idx', 'event_type', 'sub_event_type', 'plover_event', 'plover_mode',
  'actor1_text', 'actor1_name', 'actor1_kind', 'actor1_country', 'actor2_text', 'actor2_name', 'actor2_kind', 'actor2_country',
  'location_text', 'geonameid', 'lat', 'lon', 'country', 'admin1', 'geo_precision',
  'date_value', 'date_precision', 'date_text', 'date_start', 'date_end', 'published', 'outlet',
  'fatalities', 'injured', 'contested', 'background', 'confidence', 'evidence', 'data',
];
