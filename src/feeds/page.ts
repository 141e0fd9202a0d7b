/**
 * A fetched web page → an Article: bytes decoded by the declared or sniffed charset, the article
 * found by Readability (src/io extractHtml: title, outlet, canonical URL, publication date from meta
 * tags / JSON-LD), and the language from <html lang> or a meta tag. linkedom parses; nothing in the
 * page runs (no script evaluation, no event handlers, no sub-resources are fetched).
 */
import type { Article } from '../model/document.js';
import { decodeBytes, extractHtml, normalizeDate, sniffKind } from '../io/index.js';
import type { FetchResult } from '../fetch/fetch.js';
import { canonicalUrl } from '../store/canonical.js';

export const PAGE_TYPES = ['text/html', 'application/xhtml+xml', 'text/plain'] as const;

export interface PageArticle {
  readonly article: Article;
  readonly language: string | null;
  readonly warnings: readonly string[];
}

/** Charset named in the first bytes of an HTML page (<meta charset> or http-equiv). */
function metaCharset(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 4096).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)/i.exec(head);
  return m ? m[1].toLowerCase() : null;
}

/** Decodes a body: declared charset, else the page's meta charset, else UTF-8/UTF-16/Windows-1252 sniffing. */
export function decodeBody(bytes: Buffer, declared: string | null, html: boolean): { text: string | null; warning: string | null } {
  const label = declared ?? (html ? metaCharset(bytes) : null);
  if (label && !/^utf-?8$/i.test(label)) {
    try {
      return { text: new TextDecoder(label).decode(bytes), warning: null };
    } catch { /* unknown label: sniff */ }
  }
  const d = decodeBytes(bytes);
  if (!d.ok) return { text: null, warning: d.problem === 'empty' ? 'the page is empty' : `binary data, not text (${d.detail})` };
  return { text: d.text, warning: d.guessed ? `not valid UTF-8; read as ${d.encoding}` : null };
}

const LANG = /^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i;

/** Language of a page: <html lang>, <html xml:lang>, Content-Language (meta or header), og:locale. */
export function pageLanguage(html: string, header: string | null = null): string | null {
  const head = html.slice(0, 65536);
  const cands = [
    /<html\b[^>]*?\blang\s*=\s*["']?([^"'\s>]+)/i.exec(head)?.[1],
    /<html\b[^>]*?\bxml:lang\s*=\s*["']?([^"'\s>]+)/i.exec(head)?.[1],
    /<meta[^>]+http-equiv\s*=\s*["']?content-language["']?[^>]*content\s*=\s*["']?([^"'\s>,]+)/i.exec(head)?.[1],
    /<meta[^>]+content\s*=\s*["']?([^"'\s>,]+)["']?[^>]*http-equiv\s*=\s*["']?content-language/i.exec(head)?.[1],
    /<meta[^>]+name\s*=\s*["']?(?:language|dc\.language)["']?[^>]*content\s*=\s*["']?([^"'\s>,]+)/i.exec(head)?.[1],
    header?.split(',')[0]?.trim(),
    /<meta[^>]+property\s*=\s*["']?og:locale["']?[^>]*content\s*=\s*["']?([^"'\s>,]+)/i.exec(head)?.[1],
  ];
  for (const c of cands) if (c && LANG.test(c)) return c.replace('_', '-').toLowerCase();
  return null;
}

/** Registrable-ish site of a host: the last two labels (three under a two-letter second level like co.uk). */
function site(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  const n = labels.length >= 3 && /^(co|com|org|net|gov|ac|edu)$/.test(labels[labels.length - 2]) && labels[labels.length - 1].length === 2 ? 3 : 2;
  return labels.slice(-n).join('.');
}

/**
 * The canonical URL a page claims, when it is believable: http(s), resolved against the page, on the
 * same site. A page may not claim another site's URL (it would replace that article in the store).
 */
export function trustedCanonical(claimed: string | null, pageUrl: string): string | null {
  if (!claimed) return null;
  try {
    const c = new URL(claimed, pageUrl);
    const p = new URL(pageUrl);
    if (c.protocol !== 'http:' && c.protocol !== 'https:') return null;
    return site(c.hostname) === site(p.hostname) ? c.href : null;
  } catch { return null; }
}

export interface PageHints {
  /** Publication date from the feed item (ISO or YYYY-MM-DD). */
  readonly published?: string | null;
  readonly title?: string | null;
  readonly outlet?: string | null;
  readonly language?: string | null;
}

/** HTML (or plain text) of a page at `url` → article. Null text → an error message instead. */
export function articleFromPage(url: string, body: string, kind: 'html' | 'text', hints: PageHints = {}, contentLanguage: string | null = null):
  { ok: true; value: PageArticle } | { ok: false; error: string } {
  const warnings: string[] = [];
  if (!/\S/.test(body)) return { ok: false, error: 'the page holds no text' };
  const published = normalizeDate(hints.published ?? null);
  if (kind === 'text') {
    const language = hints.language ?? contentLanguage;
    const article: Article = { id: url, text: body, url, title: hints.title ?? null, outlet: hints.outlet ?? null, published, origin: url, language };
    return { ok: true, value: { article, language, warnings } };
  }
  const h = extractHtml(body);
  if (!h.readability) warnings.push('E007_HTML_NO_ARTICLE: no article body found; the whole page text was used');
  if (!/\S/.test(h.text)) return { ok: false, error: 'the page holds no text' };
  const canon = trustedCanonical(h.url, url);
  if (h.url && !canon) warnings.push(`the page claims canonical URL ${h.url.slice(0, 200)} on another site; ignored`);
  const article: Article = {
    id: canon ?? url,
    text: h.text,
    url: canon ?? url,
    title: h.title ?? hints.title ?? null,
    outlet: h.outlet ?? hints.outlet ?? null,
    // the feed's date is the record's; the markup's goes to publishedMeta (the clean stage weighs both)
    published,
    publishedMeta: h.publishedMeta,
    origin: url,
    language: pageLanguage(body, contentLanguage) ?? hints.language ?? null,
  };
  return { ok: true, value: { article, language: article.language ?? null, warnings } };
}

/** A fetch result → article (decoding and kind from the response). */
export function articleFromFetch(r: FetchResult, hints: PageHints = {}):
  { ok: true; value: PageArticle } | { ok: false; error: string } {
  const html = r.contentType === null ? null : /html|xml/.test(r.contentType);
  const dec = decodeBody(r.body, r.charset, html !== false);
  if (dec.text === null) return { ok: false, error: dec.warning ?? 'cannot decode the page' };
  const kind = html === null ? (sniffKind(dec.text) === 'html' ? 'html' : 'text') : html ? 'html' : 'text';
  const res = articleFromPage(r.url, dec.text, kind, hints, r.headers['content-language'] ?? null);
  if (res.ok && dec.warning) return { ok: true, value: { ...res.value, warnings: [dec.warning, ...res.value.warnings] } };
  return res;
}

/** An article from a feed item's own content (when the page cannot be fetched or is refused). */
export function articleFromItem(url: string, contentHtml: string, hints: PageHints = {}):
  { ok: true; value: PageArticle } | { ok: false; error: string } {
  const r = articleFromPage(url, `<html><head><title>${(hints.title ?? '').replace(/[<&]/g, ' ')}</title></head><body><article>${contentHtml}</article></body></html>`, 'html', hints);
  if (!r.ok) return r;
  return { ok: true, value: { ...r.value, article: { ...r.value.article, url, id: url, title: hints.title ?? r.value.article.title } } };
}

export { canonicalUrl };
