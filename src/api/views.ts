/**
 * What the API returns beyond the store's rows: an event's detail (its sources side by side, the
 * claims each makes, the evidence spans in article excerpts) and an article with the spans of every
 * field of its mentions. Pure functions over store results.
 */
import type { PredEvent } from '../output/predictions.js';
import type { MergeRecord, StoredArticle, StoredEvent, StoredMention } from '../store/port.js';

export interface FieldSpan {
  readonly field: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly how: string | null;
  readonly by: string | null;
}

/** Fields compared across sources, in display order. */
export const COMPARED = ['event_type', 'sub_event_type', 'date', 'location', 'actor1', 'actor2', 'fatalities', 'injured'] as const;

type Pe = Partial<PredEvent>;
const asPred = (d: unknown): Pe => (d && typeof d === 'object' ? (d as Pe) : {});

/** The store keeps undated events under a sort key of 0000-00-00; the API says null. */
export const realDate = (d: string | null): string | null => (d && !d.startsWith('0000') ? d : null);
export const publicEvent = (e: StoredEvent): StoredEvent => (realDate(e.date) === e.date ? e : { ...e, date: null });

/** Every span a mention's fields came from (absolute offsets into the article text). */
export function mentionSpans(data: unknown, text: string): FieldSpan[] {
  const e = asPred(data);
  const out: FieldSpan[] = [];
  const seen = new Set<string>();
  const add = (field: string, s: { start?: number; end?: number } | null | undefined, how: string | null = null, by: string | null = null) => {
    if (!s || typeof s.start !== 'number' || typeof s.end !== 'number' || s.end <= s.start || s.start < 0 || s.end > text.length) return;
    const k = `${field}:${s.start}:${s.end}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push({ field, start: s.start, end: s.end, text: text.slice(s.start, s.end), how, by });
  };
  const prov = e.provenance ?? {};
  const p = (f: string) => prov[f] ?? null;
  add('trigger', e.trigger, p('event_type')?.how ?? null, p('event_type')?.by ?? null);
  for (const f of ['event_type', 'sub_event_type'] as const) add(f, p(f), p(f)?.how ?? null, p(f)?.by ?? null);
  add('actor1', e.actor1, p('actor1')?.how ?? null, p('actor1')?.by ?? null);
  add('actor2', e.actor2, p('actor2')?.how ?? null, p('actor2')?.by ?? null);
  add('location', e.location, p('location')?.how ?? null, p('location')?.by ?? null);
  add('date', e.date, p('date')?.how ?? null, p('date')?.by ?? null);
  add('fatalities', p('fatalities'), p('fatalities')?.how ?? null, p('fatalities')?.by ?? null);
  add('injured', p('injured'), p('injured')?.how ?? null, p('injured')?.by ?? null);
  for (const c of e.claimed_by ?? []) add('claimed_by', c);
  for (const c of e.claims ?? []) add('claim', c, null, c.field ?? null);
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** A window of the article around a mention's evidence and spans, widened to line ends when short enough. */
export function excerptOf(text: string, data: unknown, spans: readonly FieldSpan[]): { start: number; end: number; text: string } {
  const e = asPred(data);
  const ev = e.evidence && e.evidence.end > e.evidence.start ? e.evidence : spans[0] ?? { start: 0, end: Math.min(text.length, 400) };
  let lo = ev.start, hi = ev.end;
  for (const s of spans) if (s.start >= ev.start - 1500 && s.end <= ev.end + 1500) { lo = Math.min(lo, s.start); hi = Math.max(hi, s.end); }
  const back = text.lastIndexOf('\n', lo - 1);
  if (back >= 0 && lo - back <= 300) lo = back + 1; else if (back < 0 && lo <= 300) lo = 0;
  const fwd = text.indexOf('\n', hi);
  if (fwd >= 0 && fwd - hi <= 300) hi = fwd; else if (fwd < 0 && text.length - hi <= 300) hi = text.length;
  return { start: lo, end: hi, text: text.slice(lo, hi) };
}

const actorText = (a: PredEvent['actor1'] | undefined) => (a ? (a.name && a.name !== a.text ? `${a.text} (${a.name})` : a.text) : null);

/** One mention as a source's account: what it says for each compared field, and who it says says so. */
export function account(m: StoredMention, art: { title: string | null; extId: string | null } | undefined) {
  const e = asPred(m.data);
  const title = art?.title ?? null;
  return {
    mentionId: m.id, articleId: m.articleId, outlet: m.outlet, url: m.url, published: m.published, title,
    /** How to name this source: outlet, else title, else the article's own id. */
    label: m.outlet ?? title ?? art?.extId ?? m.articleId,
    values: {
      event_type: e.event_type ?? m.eventType ?? null,
      sub_event_type: e.sub_event_type ?? m.subEventType ?? null,
      date: e.date?.value ?? m.date ?? null,
      location: e.location?.text ?? m.location ?? null,
      actor1: actorText(e.actor1),
      actor2: actorText(e.actor2),
      fatalities: e.fatalities ?? m.fatalities ?? null,
      injured: e.injured ?? null,
    } as Record<(typeof COMPARED)[number], string | number | null>,
    claimedBy: (e.claimed_by ?? []).map((c) => c.text),
    claims: (e.claims ?? []).map((c) => ({ by: c.by, says: c.says, field: c.field, value: c.value })),
    contested: !!e.contested,
    confidence: typeof e.confidence === 'number' ? e.confidence : null,
    background: !!e.background,
  };
}
export type Account = ReturnType<typeof account>;

export function sideBySide(accounts: readonly Account[]) {
  const norm = (v: string | number | null) => (v === null ? null : String(v).trim().toLowerCase());
  return COMPARED.map((field) => {
    const values = accounts.map((a) => ({ mentionId: a.mentionId, label: a.label, value: a.values[field] }));
    const distinct = new Set(values.map((v) => norm(v.value)).filter((v) => v !== null));
    return { field, values, differs: distinct.size > 1 };
  });
}

export function eventDetail(event: StoredEvent, mentions: readonly StoredMention[], articles: ReadonlyMap<string, StoredArticle>, history: readonly MergeRecord[]) {
  const accounts = mentions.map((m) => account(m, articles.get(m.articleId)));
  const sources = new Map<string, { outlet: string | null; label: string; articles: { articleId: string; url: string | null; published: string | null; title: string | null }[] }>();
  for (const a of accounts) {
    const k = a.outlet ?? `article:${a.articleId}`;
    const s = sources.get(k) ?? { outlet: a.outlet, label: a.label, articles: [] };
    if (!s.articles.some((x) => x.articleId === a.articleId)) s.articles.push({ articleId: a.articleId, url: a.url, published: a.published, title: a.title });
    sources.set(k, s);
  }
  const evidence = mentions.flatMap((m) => {
    const art = articles.get(m.articleId);
    if (!art) return [];
    const spans = mentionSpans(m.data, art.text);
    const excerpt = excerptOf(art.text, m.data, spans);
    return [{
      mentionId: m.id, articleId: m.articleId, outlet: m.outlet, label: m.outlet ?? art.title ?? art.extId ?? m.articleId, title: art.title, excerpt,
      spans: spans.filter((s) => s.start >= excerpt.start && s.end <= excerpt.end),
    }];
  });
  return {
    event: publicEvent(event), accounts, sources: [...sources.values()], comparison: sideBySide(accounts),
    contested: event.contested || accounts.some((a) => a.contested), history, evidence,
  };
}

export function articleView(a: StoredArticle) {
  return {
    id: a.id, extId: a.extId, title: a.title, outlet: a.outlet, url: a.url, published: a.published, language: a.language, ingestedAt: a.ingestedAt,
    pipelineVersion: a.pipelineVersion, text: a.text, messages: a.messages,
    mentions: a.mentions.map((m) => ({ ...account(m, a), eventId: m.eventId, spans: mentionSpans(m.data, a.text) })),
  };
}
