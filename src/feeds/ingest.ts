/**
 * Fetch → extract → store → alerts for one URL: what `sitrep ingest <url>` and `sitrep watch` share.
 */
import type { Article } from '../model/document.js';
import type { IngestOutcome, Store } from '../store/port.js';
import { extractBatch } from '../run/extract-batch.js';
import { canonicalUrl } from '../store/canonical.js';
import type { HttpClient } from '../fetch/client.js';
import { FetchError } from '../fetch/fetch.js';
import type { AlertEngine } from '../alerts/engine.js';
import { articleFromFetch, articleFromItem, PAGE_TYPES, type PageArticle, type PageHints } from './page.js';

export interface IngestDeps {
  readonly store: Store;
  readonly pipelineVersion: string;
  readonly runId: string | null;
  readonly alerts?: AlertEngine | null;
}

export type StoreResult =
  | ({ ok: true; alerts: number } & IngestOutcome)
  | { ok: false; code: string; message: string };

/** Extracts one article in this thread and stores it; then checks alerts on the events it touched. */
export async function extractAndStore(deps: IngestDeps, article: Article): Promise<StoreResult> {
  let res: StoreResult | null = null;
  for await (const r of extractBatch([{ ok: true, article }], { workers: 0, published: article.published ?? null })) {
    if (!r.ok) { res = { ok: false, code: r.code, message: r.message }; break; }
    const o = await deps.store.ingest(r.article, r.prediction, { pipelineVersion: deps.pipelineVersion, runId: deps.runId });
    let alerts = 0;
    if (deps.alerts && o.status !== 'unchanged') alerts = (await deps.alerts.checkArticle(o.articleId)).length;
    res = { ok: true, alerts, ...o };
  }
  return res ?? { ok: false, code: 'E011_STAGE_FAILED', message: 'no result from the pipeline' };
}

export interface PageLimits { readonly maxBytes?: number; readonly timeoutMs?: number }

export type FetchPageResult =
  | { ok: true; page: PageArticle; fromFeed: boolean; fetchError: string | null }
  | { ok: false; code: string; message: string };

/**
 * The article at a URL: fetched politely and safely; when the page cannot be had (refused by
 * robots.txt, not HTML, gone) and the feed item carries content, that content is used instead.
 */
export async function fetchPage(client: HttpClient, url: string, hints: PageHints & { contentHtml?: string | null } = {}, limits: PageLimits = {}): Promise<FetchPageResult> {
  let fetchError: FetchError | Error | null = null;
  try {
    const r = await client.get(url, { accept: PAGE_TYPES, maxBytes: limits.maxBytes, timeoutMs: limits.timeoutMs });
    const a = articleFromFetch(r, hints);
    if (a.ok) return { ok: true, page: a.value, fromFeed: false, fetchError: null };
    fetchError = new Error(a.error);
  } catch (e) {
    if (!(e instanceof FetchError)) throw e;
    // never substitute feed content for a page we were refused for safety reasons
    if (e.code === 'blocked_address' || e.code === 'bad_url') return { ok: false, code: e.code, message: e.message };
    fetchError = e;
  }
  if (hints.contentHtml && hints.contentHtml.replace(/<[^>]*>/g, '').trim().length >= 200) {
    const a = articleFromItem(url, hints.contentHtml, hints);
    if (a.ok) return { ok: true, page: a.value, fromFeed: true, fetchError: fetchError.message };
  }
  return { ok: false, code: fetchError instanceof FetchError ? fetchError.code : 'no_article', message: fetchError.message };
}

/** True when the store already holds an article under this URL (no need to fetch it again). */
export async function knownUrl(store: Store, url: string): Promise<string | null> {
  const c = canonicalUrl(url);
  if (!c) return null;
  const st = await store.articleState({ id: '', urlCanonical: c, contentHash: '' });
  return st?.id ?? null;
}
