/** The whole view state, kept in the URL query string (shareable, back/forward). */
export interface ViewState {
  type: string; sub_type: string; actor: string; country: string; source: string; q: string;
  from: string; to: string;
  /** Open event id. */
  event: string;
  /** Map view: lon,lat,zoom (empty = whole world). */
  map: string;
  /** Timeline bucket: day | week | '' (automatic). */
  tb: string;
}
export const KEYS: (keyof ViewState)[] = ['type', 'sub_type', 'actor', 'country', 'source', 'q', 'from', 'to', 'event', 'map', 'tb'];
export const FILTER_KEYS = ['type', 'sub_type', 'actor', 'country', 'source', 'q'] as const;

export function readState(): ViewState {
  const sp = new URLSearchParams(location.search);
  const st = {} as ViewState;
  for (const k of KEYS) st[k] = sp.get(k) ?? '';
  return st;
}

export function writeState(st: ViewState, push = false) {
  const sp = new URLSearchParams();
  for (const k of KEYS) if (st[k]) sp.set(k, st[k]);
  const url = `${location.pathname}${sp.toString() ? `?${sp}` : ''}`;
  if (url === `${location.pathname}${location.search}`) return;
  if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
}

/** The API query for the filters (all but time when `withTime` is false). */
export function filterQuery(st: ViewState, withTime: boolean): URLSearchParams {
  const q = new URLSearchParams();
  for (const k of FILTER_KEYS) if (st[k]) q.set(k, st[k]);
  if (withTime) { if (st.from) q.set('from', st.from); if (st.to) q.set('to', st.to); }
  return q;
}
