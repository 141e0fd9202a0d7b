/** From an extracted article to the rows the store keeps: mentions and their claims. */
import type { Article } from '../model/document.js';
import type { Prediction } from '../output/predictions.js';
import type { ClaimRow } from './fusion/consensus.js';
import type { FusionConfig } from './fusion/config.js';
import { dateInterval } from './fusion/dates.js';
import type { MentionRow } from './fusion/types.js';

export interface ClaimInsert extends ClaimRow { idx: number; article_id: string; says: string | null }

export function mentionRows(articleId: string, article: Article, p: Prediction, outlet: string | null, cfg: FusionConfig):
  { mentions: MentionRow[]; claims: ClaimInsert[] } {
  const published = p.published ?? article.published ?? null;
  const mentions: MentionRow[] = [];
  const claims: ClaimInsert[] = [];
  p.events.forEach((e, i) => {
    if (!e.event_type) return; // not an event of the taxonomy
    const id = `${articleId}:${i}`;
    const dv = e.date?.value ?? null;
    const iv = dateInterval(dv, published, cfg.undatedWindowDays);
    const loc = e.location;
    mentions.push({
      id, article_id: articleId, idx: i,
      event_type: e.event_type, sub_event_type: e.sub_event_type, plover_event: e.plover?.event ?? null, plover_mode: e.plover?.mode ?? null,
      actor1_text: e.actor1?.text ?? null, actor1_name: e.actor1?.name ?? null, actor1_kind: e.actor1?.kind ?? null, actor1_country: e.actor1?.country_iso3 ?? null,
      actor2_text: e.actor2?.text ?? null, actor2_name: e.actor2?.name ?? null, actor2_kind: e.actor2?.kind ?? null, actor2_country: e.actor2?.country_iso3 ?? null,
      location_text: loc?.text ?? null, geonameid: loc?.geonameid ?? null, lat: loc?.lat ?? null, lon: loc?.lon ?? null,
      country: loc?.country_iso3 ?? null, admin1: loc?.admin1 ?? null, geo_precision: loc ? loc.precision : null,
      date_value: dv, date_precision: iv ? (iv.kind === 'undated' ? (dv ? (e.date?.precision ?? 'undated') : 'undated') : iv.kind) : (e.date?.precision ?? null),
      date_text: e.date?.text ?? null,
      date_start: iv?.start ?? null, date_end: iv?.end ?? null,
      published, outlet,
      fatalities: e.fatalities, injured: e.injured,
      contested: e.contested ? 1 : 0, background: e.background ? 1 : 0, confidence: e.confidence,
      evidence: article.text.slice(e.evidence.start, e.evidence.end).replace(/\s+/g, ' ').trim() || null,
      data: JSON.stringify(e),
    });
    e.claims.forEach((c, j) => claims.push({
      mention_id: id, idx: j, article_id: articleId, by_text: c.by, field: c.field,
      value: c.value === null ? null : String(c.value), says: c.says,
    }));
  });
  return { mentions, claims };
}
