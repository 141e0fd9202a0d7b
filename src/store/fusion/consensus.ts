/**
 * Per-field consensus of an event from all its mentions: a weighted vote for each categorical
 * field (with the votes kept), the most precise date and place (with their spread), tolls as
 * low / best / high with who claims each, and a confidence that grows with independent sources
 * and shrinks with disagreement. Deterministic: the same mentions give the same event, in any order.
 */
import type { MentionRow } from './types.js';
import { haversineKm } from './match.js';

export interface ClaimRow { mention_id: string; by_text: string; field: string | null; value: string | null }

export interface EventFields {
  event_type: string; sub_event_type: string | null; plover_event: string | null;
  event_date: string; date_precision: string; date_min: string | null; date_max: string | null;
  actor1_text: string | null; actor1_name: string | null; actor1_kind: string | null; actor1_country: string | null;
  actor2_text: string | null; actor2_name: string | null; actor2_kind: string | null; actor2_country: string | null;
  location_text: string | null; geonameid: number | null; lat: number | null; lon: number | null;
  country: string | null; admin1: string | null; geo_precision: string | null; spread_km: number | null;
  fatalities_low: number | null; fatalities_best: number | null; fatalities_high: number | null;
  injured_low: number | null; injured_best: number | null; injured_high: number | null;
  confidence: number; n_mentions: number; n_sources: number; contested: number;
  first_seen: string | null; last_seen: string | null; notes: string | null; source: string | null;
  consensus: Record<string, unknown>;
}

const GEO_RANK: Record<string, number> = { exact: 0, near: 1, admin1: 2, country: 3 };
const DATE_RANK: Record<string, number> = { day: 0, week: 1, month: 2 };
const weight = (m: MentionRow) => Math.max(0.05, m.confidence) * (m.background ? 0.5 : 1);
const outletOf = (m: MentionRow) => m.outlet ?? `article:${m.article_id}`;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** Weighted vote: the key with most weight (ties: the first key in sorted order). Returns votes too. */
function vote<T>(ms: readonly MentionRow[], key: (m: MentionRow) => string | null, pick?: (k: string, m: MentionRow) => T):
  { winner: string | null; votes: Record<string, number>; rep: MentionRow | null } {
  const votes: Record<string, number> = {};
  const rep = new Map<string, MentionRow>();
  for (const m of ms) {
    const k = key(m);
    if (k === null) continue;
    votes[k] = (votes[k] ?? 0) + weight(m);
    if (!rep.has(k) || weight(m) > weight(rep.get(k)!)) rep.set(k, m);
  }
  void pick;
  const keys = Object.keys(votes).sort();
  let winner: string | null = null;
  for (const k of keys) if (winner === null || votes[k] > votes[winner] + 1e-9) winner = k;
  for (const k of keys) votes[k] = r3(votes[k]);
  return { winner, votes, rep: winner ? rep.get(winner)! : null };
}

function toll(ms: readonly MentionRow[], claims: readonly ClaimRow[], field: 'fatalities' | 'injured') {
  const extracted = ms.filter((m) => m[field] !== null).map((m) => ({ value: m[field]!, outlet: m.outlet, by: claimedBy(m), mention: m.id, role: 'extracted' as const }));
  const byMention = new Map(ms.map((m) => [m.id, m]));
  const claimed = claims
    .filter((c) => c.field === field && c.value !== null && /^\d+$/.test(String(c.value)))
    .map((c) => ({ value: Number(c.value), outlet: byMention.get(c.mention_id)?.outlet ?? null, by: c.by_text, mention: c.mention_id, role: 'claim' as const }));
  const all = [...extracted, ...claimed];
  if (!all.length) return { low: null, best: null, high: null, claims: [] as typeof all };
  const vals = (extracted.length ? extracted : all).map((x) => x.value).sort((a, b) => a - b);
  const best = vals[Math.floor((vals.length - 1) / 2)]; // lower median of what the articles themselves report
  const low = Math.min(...all.map((x) => x.value)), high = Math.max(...all.map((x) => x.value));
  all.sort((a, b) => a.value - b.value || a.mention.localeCompare(b.mention));
  return { low, best, high, claims: all };
}

function claimedBy(m: MentionRow): string | null {
  const d = (typeof m.data === 'string' ? JSON.parse(m.data) : m.data) as { claimed_by?: { text: string }[] };
  return d.claimed_by?.map((c) => c.text).join('; ') || null;
}

export function consensus(mentionsIn: readonly MentionRow[], claims: readonly ClaimRow[]): EventFields {
  const ms = [...mentionsIn].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const type = vote(ms, (m) => m.event_type);
  const ofType = ms.filter((m) => m.event_type === type.winner);
  const sub = vote(ofType, (m) => m.sub_event_type);
  const plover = vote(ofType, (m) => m.plover_event);

  // date: the finest precision stated, vote among those
  const dated = ms.filter((m) => m.date_value && m.date_precision && m.date_precision in DATE_RANK);
  const finest = Math.min(...dated.map((m) => DATE_RANK[m.date_precision!]), 99);
  const date = vote(dated.filter((m) => DATE_RANK[m.date_precision!] === finest), (m) => (m.date_precision === 'day' ? m.date_start : m.date_value));
  const starts = dated.map((m) => m.date_start!).sort(), ends = dated.map((m) => m.date_end!).sort();
  const pubs = ms.map((m) => m.published).filter((p): p is string => !!p).sort();
  const eventDate = date.winner
    ? date.rep!.date_start!
    : (ms.map((m) => m.date_end).filter((x): x is string => !!x).sort()[0] ?? pubs[0] ?? null);

  // place: the finest precision with coordinates (or admin1), vote among those
  const placed = ms.filter((m) => m.lat !== null || m.admin1 || m.country);
  const pr = (m: MentionRow) => (m.lat !== null ? GEO_RANK[m.geo_precision ?? 'country'] ?? 3 : m.admin1 ? 2 : 3);
  const best = Math.min(...placed.map(pr), 99);
  const place = vote(placed.filter((m) => pr(m) === best), (m) => (m.geonameid !== null ? `g${m.geonameid}` : m.lat !== null ? `${m.lat.toFixed(2)},${m.lon!.toFixed(2)}` : (m.admin1 ?? m.country)));
  const pm = place.rep;
  let spread: number | null = null;
  if (pm?.lat != null) {
    spread = 0;
    for (const m of ms) if (m.lat !== null && m.lon !== null) spread = Math.max(spread, haversineKm(pm.lat, pm.lon!, m.lat, m.lon));
    spread = Math.round(spread * 10) / 10;
  }

  const a1 = vote(ms, (m) => (m.actor1_name ?? m.actor1_text)?.toLowerCase() ?? null);
  const a2 = vote(ms, (m) => (m.actor2_name ?? m.actor2_text)?.toLowerCase() ?? null);

  const fat = toll(ms, claims, 'fatalities');
  const inj = toll(ms, claims, 'injured');

  // confidence: independent outlets corroborate; disagreement on the type lowers it
  const perOutlet = new Map<string, number>();
  for (const m of ms) perOutlet.set(outletOf(m), Math.max(perOutlet.get(outletOf(m)) ?? 0, m.confidence * (m.background ? 0.5 : 1)));
  let miss = 1;
  for (const c of perOutlet.values()) miss *= 1 - 0.85 * Math.min(1, Math.max(0, c));
  const totalW = Object.values(type.votes).reduce((s, x) => s + x, 0);
  const agree = totalW > 0 ? type.votes[type.winner!] / totalW : 1;
  const confidence = r3(Math.min(0.99, (1 - miss) * (0.5 + 0.5 * agree)));

  const outlets = [...new Set(ms.map((m) => m.outlet).filter((o): o is string => !!o))].sort();
  const lead = [...ms].sort((a, b) => weight(b) - weight(a) || (a.id < b.id ? -1 : 1))[0];
  const contested = ms.some((m) => m.contested) || agree < 0.999 ||
    (fat.low !== null && fat.high !== null && fat.high > Math.max(fat.low * 2, fat.low + 5));

  return {
    event_type: type.winner!, sub_event_type: sub.winner, plover_event: plover.winner,
    event_date: eventDate ?? '0000-00-00',
    date_precision: date.winner ? date.rep!.date_precision! : 'undated',
    date_min: starts[0] ?? null, date_max: ends[ends.length - 1] ?? null,
    actor1_text: a1.rep?.actor1_text ?? null, actor1_name: a1.rep?.actor1_name ?? null, actor1_kind: a1.rep?.actor1_kind ?? null, actor1_country: a1.rep?.actor1_country ?? null,
    actor2_text: a2.rep?.actor2_text ?? null, actor2_name: a2.rep?.actor2_name ?? null, actor2_kind: a2.rep?.actor2_kind ?? null, actor2_country: a2.rep?.actor2_country ?? null,
    location_text: pm?.location_text ?? null, geonameid: pm?.geonameid ?? null, lat: pm?.lat ?? null, lon: pm?.lon ?? null,
    country: pm?.country ?? ms.find((m) => m.country)?.country ?? null, admin1: pm?.admin1 ?? null,
    geo_precision: pm ? (pm.lat !== null ? pm.geo_precision : pm.admin1 ? 'admin1' : 'country') : null, spread_km: spread,
    fatalities_low: fat.low, fatalities_best: fat.best, fatalities_high: fat.high,
    injured_low: inj.low, injured_best: inj.best, injured_high: inj.high,
    confidence, n_mentions: ms.length, n_sources: perOutlet.size, contested: contested ? 1 : 0,
    first_seen: pubs[0] ?? null, last_seen: pubs[pubs.length - 1] ?? null,
    notes: lead?.evidence ? lead.evidence.slice(0, 500) : null,
    source: outlets.length ? outlets.join('; ') : null,
    consensus: {
      event_type: type.votes, sub_event_type: sub.votes, plover_event: plover.votes,
      date: { votes: date.votes, min: starts[0] ?? null, max: ends[ends.length - 1] ?? null },
      location: { votes: place.votes, spread_km: spread },
      actor1: a1.votes, actor2: a2.votes,
      fatalities: fat, injured: inj,
      type_agreement: r3(agree),
    },
  };
}
