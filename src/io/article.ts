/**
 * Pure conversions from content to Articles (no file system): a string or bytes of text, HTML or
 * JSON, or one batch record. The file reader (read.ts) and the HTTP API both use these.
 */
import type { Article } from '../model/document.js';
import { SitrepError } from '../model/errors.js';
import { decodeBytes } from './decode.js';
import { normalizeDate } from './dates.js';
import { extractHtml } from './html.js';

/** A read input: an article (with any warnings about how it was read), or an error naming the input. */
export type InputResult =
  | { ok: true; article: Article; warnings: readonly SitrepError[] }
  | { ok: false; error: SitrepError };

export type InputKind = 'text' | 'html' | 'json' | 'jsonl';

export interface ArticleOptions {
  /** Publication date (YYYY-MM-DD) for articles whose record or markup gives none. */
  readonly published?: string | null;
  /** Where the content came from, for messages and Article.origin (defaults to the name). */
  readonly origin?: string;
}

const fail = (code: SitrepError['code'], message: string, input: string): InputResult =>
  ({ ok: false, error: new SitrepError(code, message, input) });

/** The id a file name gives: its base name without the extension. */
export function idFromName(name: string): string {
  const base = name.replace(/\\/g, '/').split('/').pop() ?? name;
  const stem = base.replace(/\.[^.]*$/, '');
  return stem || base || name;
}

const HTML_START = /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article|div|p|section|main|header|h[1-6]|span|table|a\s)[\s>/]/i;
const HTML_CLOSE = /<\/(?:p|div|body|html|article|span|a|h[1-6])\s*>/i;

/** Guesses the kind of content that came without a telling file extension (stdin, API). */
export function sniffKind(content: string): InputKind {
  const head = content.slice(0, 4096);
  const t = head.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) {
    // JSONL: the first line is a whole JSON object and more lines follow
    const body = content.trimStart();
    const nl = body.indexOf('\n');
    if (t.startsWith('{') && nl > 0 && /\S/.test(body.slice(nl))) {
      try {
        const first = JSON.parse(body.slice(0, nl));
        if (first && typeof first === 'object') return 'jsonl';
      } catch { /* a pretty-printed object */ }
    }
    try { JSON.parse(content); return 'json'; } catch { /* fall through */ }
  }
  if (HTML_START.test(head) || (head.includes('<') && HTML_CLOSE.test(head) && /<(?:p|div|br)\b/i.test(head))) return 'html';
  return 'text';
}

/** The kind a file extension names, or null for other extensions (content is then sniffed). */
export function kindFromExtension(path: string): InputKind | null {
  const m = /\.([a-z0-9]+)$/i.exec(path);
  switch (m?.[1].toLowerCase()) {
    case 'txt': case 'text': return 'text';
    case 'html': case 'htm': case 'xhtml': return 'html';
    case 'json': return 'json';
    case 'jsonl': case 'ndjson': return 'jsonl';
    default: return null;
  }
}

/** Caller dates must be YYYY-MM-DD (full ISO timestamps are cut to their date). */
function callerDate(p: string | null | undefined): string | null {
  return p ? normalizeDate(p) : null;
}

/**
 * One article from decoded content. For kind 'json' the content must be one record object; batches
 * (JSONL, JSON arrays) go through `articlesFromString`.
 */
export function articleFromString(name: string, content: string, kind?: InputKind, opts: ArticleOptions = {}): InputResult {
  const origin = opts.origin ?? name;
  const k = kind ?? sniffKind(content);
  if (!/\S/.test(content)) return fail('E002_INPUT_EMPTY', 'the input is empty or only whitespace', origin);
  if (k === 'json' || k === 'jsonl') {
    let rec: unknown;
    try {
      rec = JSON.parse(content);
    } catch (e) {
      return fail('E006_BAD_JSONL', `not valid JSON (${(e as Error).message})`, origin);
    }
    return articleFromRecord(rec, origin, opts);
  }
  const warnings: SitrepError[] = [];
  if (k === 'html') {
    const h = extractHtml(content);
    if (!h.readability) warnings.push(new SitrepError('E007_HTML_NO_ARTICLE', 'no article body found; the whole page text was used', origin));
    if (!/\S/.test(h.text)) return fail('E002_INPUT_EMPTY', 'the HTML page holds no text', origin);
    const article: Article = {
      id: idFromName(name), text: h.text, published: callerDate(opts.published), url: h.url, outlet: h.outlet,
      title: h.title, origin, publishedMeta: h.publishedMeta,
    };
    return { ok: true, article, warnings };
  }
  const article: Article = { id: idFromName(name), text: content, published: callerDate(opts.published), origin };
  return { ok: true, article, warnings };
}

/** Bytes (a file's, a request body's) → article: decodes first (warning E005 for a guessed encoding). */
export function articleFromBytes(name: string, bytes: Uint8Array, kind?: InputKind, opts: ArticleOptions = {}): InputResult {
  const origin = opts.origin ?? name;
  const d = decodeBytes(bytes);
  if (!d.ok) {
    return d.problem === 'empty'
      ? fail('E002_INPUT_EMPTY', `the input is empty (${d.detail})`, origin)
      : fail('E003_INPUT_BINARY', `binary data, not text (${d.detail})`, origin);
  }
  const r = articleFromString(name, d.text, kind, opts);
  if (r.ok && d.guessed) {
    const what = d.encoding === 'windows-1252' ? 'not valid UTF-8; read as Windows-1252' : `no byte order mark; read as ${d.encoding.toUpperCase()}`;
    return { ...r, warnings: [new SitrepError('E005_ENCODING', what, origin), ...r.warnings] };
  }
  return r;
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const optStr = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/**
 * One batch record {"id","text","published"?,"url"?,"title"?,"outlet"?} (or "html" instead of "text")
 * → article. `where` names it in messages (path:line).
 */
export function articleFromRecord(rec: unknown, where: string, opts: ArticleOptions = {}): InputResult {
  if (!isObj(rec)) return fail('E006_BAD_JSONL', `expected a JSON object, got ${Array.isArray(rec) ? 'an array' : rec === null ? 'null' : typeof rec}`, where);
  const id = typeof rec.id === 'number' && Number.isFinite(rec.id) ? String(rec.id) : optStr(rec.id);
  if (!id) return fail('E006_BAD_JSONL', 'the record has no "id" (a non-empty string or number)', where);
  const warnings: SitrepError[] = [];
  let text: string;
  let meta: { url?: string | null; outlet?: string | null; title?: string | null; publishedMeta?: string | null } = {};
  if (typeof rec.text === 'string') {
    text = rec.text;
  } else if (rec.text === undefined && typeof rec.html === 'string') {
    const h = extractHtml(rec.html);
    if (!h.readability) warnings.push(new SitrepError('E007_HTML_NO_ARTICLE', 'no article body found; the whole page text was used', where));
    text = h.text;
    meta = { url: h.url, outlet: h.outlet, title: h.title, publishedMeta: h.publishedMeta };
  } else {
    return fail('E006_BAD_JSONL', `record "${id}" has no "text" string`, where);
  }
  if (!/\S/.test(text)) return fail('E002_INPUT_EMPTY', `record "${id}" has an empty text`, where);
  let published: string | null = null;
  if (rec.published !== undefined && rec.published !== null && rec.published !== '') {
    published = normalizeDate(rec.published);
    if (!published) {
      warnings.push(new SitrepError('E008_BAD_DATE', `record "${id}": published ${JSON.stringify(rec.published)} is not a date; ignored`, where));
    }
  }
  const article: Article = {
    id,
    text,
    published: published ?? callerDate(opts.published),
    url: optStr(rec.url) ?? meta.url ?? null,
    outlet: optStr(rec.outlet) ?? meta.outlet ?? null,
    title: optStr(rec.title) ?? meta.title ?? null,
    origin: where,
    publishedMeta: meta.publishedMeta ?? null,
  };
  return { ok: true, article, warnings };
}

/**
 * Every article in a string of any kind: JSONL line by line (a bad line is an error for that line,
 * the rest goes on), a JSON array element by element, otherwise one article.
 */
export function* articlesFromString(name: string, content: string, kind?: InputKind, opts: ArticleOptions = {}): Generator<InputResult> {
  const origin = opts.origin ?? name;
  const k = kind ?? sniffKind(content);
  if (k === 'jsonl') {
    if (!/\S/.test(content)) { yield fail('E002_INPUT_EMPTY', 'the batch is empty', origin); return; }
    const lines = content.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = i === 0 ? lines[i].replace(/^\uFEFF/, '') : lines[i];
      if (!line.trim()) continue;
      yield recordFromLine(line, `${origin}:${i + 1}`, opts);
    }
    return;
  }
  if (k === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(content);
    } catch (e) {
      // a .json file holding JSON lines
      if (content.trim().split('\n').length > 1) { yield* articlesFromString(name, content, 'jsonl', opts); return; }
      yield fail('E006_BAD_JSONL', `not valid JSON (${(e as Error).message})`, origin);
      return;
    }
    if (Array.isArray(data)) {
      if (!data.length) yield fail('E002_INPUT_EMPTY', 'the JSON array is empty', origin);
      for (let i = 0; i < data.length; i++) yield articleFromRecord(data[i], `${origin}[${i}]`, opts);
    } else {
      yield articleFromRecord(data, origin, opts);
    }
    return;
  }
  yield articleFromString(name, content, k, opts);
}

/** One JSONL line → article, or an E006 error naming path:line. */
export function recordFromLine(line: string, where: string, opts: ArticleOptions = {}): InputResult {
  let rec: unknown;
  try {
    rec = JSON.parse(line);
  } catch (e) {
    return fail('E006_BAD_JSONL', `not valid JSON (${(e as Error).message}); the line was skipped`, where);
  }
  return articleFromRecord(rec, where, opts);
}
