/** Article identity: canonical URL, content hash, the stored id, the outlet. */
import { createHash } from 'node:crypto';
import type { Article } from '../model/document.js';
import type { ArticleKey } from './port.js';

const TRACKING = /^(utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|cmpid|cmp|ref|ref_src|ocid|smid|share|s_cid|at_medium|at_campaign|taid|guccounter|src|via)$/i;

/** https, lower-case host without www., no default port, fragment or tracking parameters, sorted query, no trailing slash. */
export function canonicalUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let u: URL;
  try { u = new URL(url.trim()); } catch { return null; }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const host = u.hostname.toLowerCase().replace(/^www\d?\./, '').replace(/^(m|amp|mobile)\./, '');
  const params = [...u.searchParams.entries()].filter(([k]) => !TRACKING.test(k)).sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1));
  let path = u.pathname.replace(/\/+$/, '').replace(/\/amp$/, '').replace(/\/index\.html?$/, '') || '';
  try { path = decodeURI(path); } catch { /* keep as is */ }
  const q = params.length ? '?' + params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&') : '';
  return `https://${host}${path}${q}`;
}

/** sha256 of the text with whitespace collapsed: the same article re-saved or re-wrapped hashes the same. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text.normalize('NFC').replace(/\s+/g, ' ').trim()).digest('hex');
}

export function articleKey(a: Article): ArticleKey {
  const urlCanonical = canonicalUrl(a.url);
  const hash = contentHash(a.text);
  const id = 'a' + createHash('sha1').update(urlCanonical ?? `sha256:${hash}`).digest('hex').slice(0, 15);
  return { id, urlCanonical, contentHash: hash };
}

export function outletOf(a: Article): string | null {
  if (a.outlet && a.outlet.trim()) return a.outlet.trim();
  const c = canonicalUrl(a.url);
  return c ? new URL(c).hostname : null;
}
