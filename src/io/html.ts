/**
 * HTML → article text and metadata. Readability (over linkedom) finds the article body; the text is
 * rebuilt from its DOM with block elements as blank-line-separated paragraphs and <br> as a newline,
 * so the clean and sentences stages see the page's paragraphs. Metadata (title, canonical URL, outlet,
 * publication date) is read from the markup before Readability changes the DOM. Script, style and
 * other non-text elements never become text.
 */
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { normalizeDate } from './dates.js';

export interface HtmlExtract {
  readonly text: string;
  readonly title: string | null;
  readonly url: string | null;
  readonly outlet: string | null;
  readonly publishedMeta: string | null;
  /** False when Readability found no article and the whole page text was used (warning E007). */
  readonly readability: boolean;
}

// Minimal structural views of the DOM we walk (linkedom's types are not the lib.dom ones).
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
}
interface DomDoc {
  querySelector(sel: string): (DomNode & { getAttribute(name: string): string | null }) | null;
  querySelectorAll(sel: string): ArrayLike<DomNode & { getAttribute(name: string): string | null }>;
  body: DomNode | null;
  title?: string;
}

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CAPTION', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER',
  'HGROUP', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY',
  'THEAD', 'TFOOT', 'TR', 'UL', 'CENTER', 'BODY', 'HTML', 'LEGEND', 'OPTION',
]);
const CELL = new Set(['TD', 'TH']);
/** Elements whose content is never article text. */
const SKIP = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'HEAD', 'IFRAME', 'OBJECT', 'EMBED',
  'CANVAS', 'VIDEO', 'AUDIO', 'SELECT', 'BUTTON', 'INPUT', 'TEXTAREA', 'TITLE', 'META', 'LINK', 'MAP',
]);

/** Tag names that make a document need wrapping before linkedom parses it reliably. */
const HAS_HTML = /<html[\s>]/i;
const HAS_BODY = /<body[\s>]/i;

/**
 * linkedom builds a broken tree from fragments and from pages without <html> or <body>; give every
 * input the full skeleton first.
 */
export function wrapHtml(html: string): string {
  if (!HAS_HTML.test(html)) {
    return `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  }
  if (!HAS_BODY.test(html)) {
    const headEnd = /<\/head\s*>/i.exec(html);
    let out: string;
    if (headEnd) {
      const at = headEnd.index + headEnd[0].length;
      out = `${html.slice(0, at)}<body>${html.slice(at)}`;
    } else {
      const open = /<html[^>]*>/i.exec(html)!;
      const at = open.index + open[0].length;
      out = `${html.slice(0, at)}<head></head><body>${html.slice(at)}`;
    }
    return /<\/html\s*>/i.test(out) ? out.replace(/<\/html\s*>/i, '</body></html>') : `${out}</body>`;
  }
  return html;
}

const collapse = (s: string): string => s.replace(/[ \t\n\r\f\v]+/g, ' ');

/**
 * Text of a DOM subtree: block elements start new paragraphs (a blank line between), <br> a new
 * line, table cells are separated by a tab; whitespace inside inline runs collapses as a browser does;
 * <pre> keeps its lines.
 */
export function blockText(root: DomNode): string {
  const paras: string[] = [];
  let cur = '';
  const flush = () => {
    const lines = cur.split('\n').map((l) => l.replace(/^[ \t]+|[ \t]+$/g, ''));
    // drop leading/trailing empty lines, keep inner single newlines (from <br>)
    while (lines.length && !lines[0]) lines.shift();
    while (lines.length && !lines[lines.length - 1]) lines.pop();
    const p = lines.join('\n').replace(/\n{2,}/g, '\n');
    if (p) paras.push(p);
    cur = '';
  };
  const walk = (node: DomNode, pre: boolean) => {
    const kids = node.childNodes;
    for (let i = 0; i < kids.length; i++) {
      const n = kids[i];
      if (n.nodeType === 3) {
        const t = n.textContent ?? '';
        cur += pre ? t : collapse(t);
        continue;
      }
      if (n.nodeType !== 1) continue;
      const tag = n.nodeName.toUpperCase();
      if (SKIP.has(tag)) continue;
      if (n.getAttribute && (n.getAttribute('hidden') !== null || n.getAttribute('aria-hidden') === 'true')) continue;
      if (tag === 'BR') { cur += '\n'; continue; }
      if (CELL.has(tag)) { if (cur && !/[\t\n]$/.test(cur)) cur += '\t'; walk(n, pre); continue; }
      if (BLOCK.has(tag)) {
        flush();
        walk(n, pre || tag === 'PRE');
        flush();
        continue;
      }
      walk(n, pre);
    }
  };
  walk(root, false);
  flush();
  return paras.map((p) => p.replace(/ {2,}/g, ' ')).join('\n\n');
}

function attr(doc: DomDoc, selector: string, name: string): string | null {
  const el = doc.querySelector(selector);
  const v = el?.getAttribute(name);
  return v && v.trim() ? v.trim() : null;
}

/** datePublished anywhere in JSON-LD blocks (objects, arrays, @graph). */
function jsonLdDate(doc: DomDoc): string | null {
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < scripts.length; i++) {
    let data: unknown;
    try {
      data = JSON.parse(scripts[i].textContent ?? '');
    } catch {
      continue;
    }
    const stack: unknown[] = [data];
    let guard = 0;
    while (stack.length && guard++ < 2000) {
      const v = stack.pop();
      if (Array.isArray(v)) { stack.push(...v); continue; }
      if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o.datePublished === 'string') return o.datePublished;
        for (const k of Object.keys(o)) if (o[k] && typeof o[k] === 'object') stack.push(o[k]);
      }
    }
  }
  return null;
}

/** The publication date from markup, in order of reliability; null when none parses. */
function metaDate(doc: DomDoc): string | null {
  const candidates: (string | null)[] = [
    attr(doc, 'meta[property="article:published_time"]', 'content'),
    attr(doc, 'meta[name="article:published_time"]', 'content'),
    attr(doc, 'meta[property="og:published_time"]', 'content'),
    attr(doc, 'meta[property="og:article:published_time"]', 'content'),
    attr(doc, 'meta[itemprop="datePublished"]', 'content'),
    attr(doc, '[itemprop="datePublished"]', 'datetime'),
    attr(doc, '[itemprop="datePublished"]', 'content'),
    jsonLdDate(doc),
    attr(doc, 'meta[name="pubdate"]', 'content'),
    attr(doc, 'meta[name="publishdate"]', 'content'),
    attr(doc, 'meta[name="publish-date"]', 'content'),
    attr(doc, 'meta[name="date"]', 'content'),
    attr(doc, 'meta[name="dc.date.issued"]', 'content'),
    attr(doc, 'meta[name="DC.date.issued"]', 'content'),
    attr(doc, 'meta[name="parsely-pub-date"]', 'content'),
    attr(doc, 'meta[name="sailthru.date"]', 'content'),
    attr(doc, 'time[pubdate]', 'datetime'),
    attr(doc, 'time[datetime]', 'datetime'),
  ];
  for (const c of candidates) {
    const d = normalizeDate(c);
    if (d) return d;
  }
  return null;
}

function stripOutlet(title: string, outlet: string | null): string {
  if (!outlet) return title;
  const esc = outlet.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const t = title.replace(new RegExp(`\\s*[-|–—:·•]\\s*${esc}\\s*$`, 'i'), '').replace(new RegExp(`^\\s*${esc}\\s*[-|–—:·•]\\s*`, 'i'), '');
  return t.trim() || title;
}

/** Readability results with less text than this fall back to the page text (E007). */
const MIN_ARTICLE_CHARS = 140;

export function extractHtml(html: string): HtmlExtract {
  const { document } = parseHTML(wrapHtml(html)) as unknown as { document: DomDoc };
  const doc = document;
  const outlet = attr(doc, 'meta[property="og:site_name"]', 'content')
    ?? attr(doc, 'meta[name="application-name"]', 'content');
  const url = attr(doc, 'link[rel="canonical"]', 'href') ?? attr(doc, 'meta[property="og:url"]', 'content');
  const publishedMeta = metaDate(doc);
  const rawTitle = attr(doc, 'meta[property="og:title"]', 'content')
    ?? (doc.querySelector('title')?.textContent ?? '').trim() ?? null;

  // the whole page, in case Readability finds nothing (computed before Readability edits the DOM)
  const pageText = doc.body ? blockText(doc.body) : '';

  let text = '';
  let readable = false;
  let rTitle: string | null = null;
  try {
    const r = new Readability(doc as never, { serializer: (n: unknown) => n as DomNode }).parse();
    if (r?.content) {
      const t = blockText(r.content);
      if (t.replace(/\s+/g, '').length >= MIN_ARTICLE_CHARS) {
        text = t;
        readable = true;
      }
      rTitle = r.title?.trim() || null;
    }
  } catch {
    readable = false;
  }
  if (!readable) text = pageText;

  const title0 = rawTitle || rTitle;
  const title = title0 ? stripOutlet(collapse(title0).trim(), outlet) : null;
  // the headline is part of the article: prepend it unless the body already opens with it
  if (title && readable && !text.slice(0, title.length + 20).toLowerCase().includes(title.toLowerCase())) {
    text = `${title}\n\n${text}`;
  }
  return { text, title, url, outlet, publishedMeta, readability: readable };
}
