/** The dashboard's only way out: the Sitrep JSON API on the same origin. */
export interface Toll { low: number | null; best: number | null; high: number | null }
export interface Actor { text: string | null; name: string | null; kind: string | null; country: string | null }
export interface EventRec {
  id: string; eventType: string; subEventType: string | null; date: string | null; datePrecision: string | null;
  actor1: Actor | null; actor2: Actor | null;
  location: { text: string | null; lat: number | null; lon: number | null; country: string | null; admin1: string | null; precision: string | null };
  fatalities: Toll; injured: Toll; confidence: number; nMentions: number; nSources: number; contested: boolean; sources: string[];
  spreadKm: number | null; notes: string | null;
}
export interface Span { field: string; start: number; end: number; text: string; how: string | null; by: string | null }
export interface Account {
  mentionId: string; articleId: string; outlet: string | null; url: string | null; published: string | null; title: string | null; label: string;
  values: Record<string, string | number | null>; claimedBy: string[]; claims: { by: string; says: string | null; field: string | null; value: string | number | null }[];
  contested: boolean; confidence: number | null; background: boolean;
}
export interface Detail {
  event: EventRec; accounts: Account[];
  sources: { outlet: string | null; label: string; articles: { articleId: string; url: string | null; published: string | null; title: string | null }[] }[];
  comparison: { field: string; values: { mentionId: string; label: string; value: string | number | null }[]; differs: boolean }[];
  contested: boolean;
  history: { at: string; action: string; eventId: string; otherEventId: string | null; mentionIds: string[]; reason: string | null }[];
  evidence: { mentionId: string; articleId: string; label: string; title: string | null; excerpt: { start: number; end: number; text: string }; spans: Span[] }[];
}
export interface ArticleRec {
  id: string; title: string | null; outlet: string | null; url: string | null; published: string | null; text: string;
  mentions: (Account & { eventId: string | null; spans: Span[] })[];
}
export interface Config { tiles: { url: string | null; attribution: string | null; maxZoom: number }; eventTypes: string[]; subEventTypes: Record<string, string[]>; maxPoints: number }
export interface Point { id: string; date: string | null; type: string; sub: string | null; lat: number | null; lon: number | null; precision: string | null; fatalities: number | null; contested: boolean; country: string | null }

export class ApiFailure extends Error {}

async function get<T>(url: string, signal?: AbortSignal): Promise<T> {
  const r = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!r.ok) {
    let msg = `${r.status}`;
    try { const b = await r.json(); msg = `${b.message ?? msg}`; } catch { /* not JSON */ }
    throw new ApiFailure(msg);
  }
  return r.json() as Promise<T>;
}

export const api = {
  config: () => get<Config>('/api/config'),
  events: (q: URLSearchParams, signal?: AbortSignal) => get<{ items: EventRec[]; next: string | null }>(`/api/events?${q}`, signal),
  async points(q: URLSearchParams, signal?: AbortSignal): Promise<{ points: Point[]; truncated: boolean }> {
    const r = await get<{ rows: unknown[][]; truncated: boolean }>(`/api/events/points?${q}`, signal);
    return {
      truncated: r.truncated,
      points: r.rows.map((x) => ({ id: x[0] as string, date: x[1] as string | null, type: x[2] as string, sub: x[3] as string | null,
        lat: x[4] as number | null, lon: x[5] as number | null, precision: x[6] as string | null, fatalities: x[7] as number | null,
        contested: x[8] as boolean, country: x[9] as string | null })),
    };
  },
  event: (id: string, signal?: AbortSignal) => get<Detail>(`/api/events/${encodeURIComponent(id)}`, signal),
  article: (id: string, signal?: AbortSignal) => get<ArticleRec>(`/api/articles/${encodeURIComponent(id)}`, signal),
};
