/** Human-readable output of predictions: one row per event, and a closing summary. */
import type { Prediction } from '../output/predictions.js';

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s).padEnd(n);

export function tableHeader(): string {
  return [clip('article', 22), clip('type / sub-type', 44), clip('actor1 → actor2', 40), clip('location', 26),
    clip('date', 10), clip('dead', 5), clip('wnd', 5), 'source'].join(' ');
}

export function tableRows(p: Prediction): string[] {
  if (!p.events.length) return [`${clip(p.id, 22)} (no event)`];
  return p.events.map((e) => {
    const who = (a: Prediction['events'][number]['actor1']) => (a ? `${a.text}${a.country_iso3 ? ` [${a.country_iso3} ${a.kind}]` : ` [${a.kind}]`}` : '-');
    const type = e.event_type ? `${e.event_type} / ${e.sub_event_type ?? '-'}` : `(PLOVER ${e.plover?.event ?? '-'})`;
    const loc = e.location ? `${e.location.text}${e.location.country_iso3 ? `, ${e.location.country_iso3}` : ''}${e.location.precision !== 'exact' ? ` (${e.location.precision})` : ''}` : '-';
    const src = e.claimed_by.map((c) => c.text).join('; ') + (e.contested ? ' [contested]' : '');
    return [clip(p.id, 22), clip(type, 44), clip(`${who(e.actor1)} → ${who(e.actor2)}`, 40), clip(loc, 26),
      clip(e.date?.value ?? '-', 10), clip(e.fatalities === null ? '-' : String(e.fatalities), 5),
      clip(e.injured === null ? '-' : String(e.injured), 5), src || '-'].join(' ');
  });
}

export function summary(preds: Prediction[]): string {
  const byType = new Map<string, number>();
  const byCountry = new Map<string, number>();
  let events = 0, dead = 0, contested = 0;
  for (const p of preds) for (const e of p.events) {
    events++;
    byType.set(e.event_type ?? '(PLOVER only)', (byType.get(e.event_type ?? '(PLOVER only)') ?? 0) + 1);
    const c = e.location?.country_iso3 ?? '?';
    byCountry.set(c, (byCountry.get(c) ?? 0) + 1);
    dead += e.fatalities ?? 0;
    if (e.contested) contested++;
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
  return [
    `${preds.length} articles, ${events} events (${preds.filter((p) => !p.events.length).length} articles with none), ${dead} reported deaths, ${contested} contested`,
    `by type: ${sorted(byType) || '-'}`,
    `by country: ${sorted(byCountry) || '-'}`,
  ].join('\n');
}
