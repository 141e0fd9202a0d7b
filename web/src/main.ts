/**
 * The dashboard: filters ⇄ URL state ⇄ map, timeline, list and detail, over the Sitrep API.
 * The map and timeline get every matching event as a light point (/api/events/points, without the
 * time filter so the timeline can show the whole range); the time filter is applied here for the
 * map, and by the API for the list.
 */
import { api, type Config, type EventRec, type Point } from './api';
import { TYPE_COLORS } from './colors';
import { renderDetail } from './detail';
import { $, clear, h } from './dom';
import { eventRow } from './list';
import { EventMap } from './map';
import { FILTER_KEYS, filterQuery, readState, writeState, type ViewState } from './state';
import { Timeline } from './timeline';

let st: ViewState = readState();
let cfg: Config;
let points: Point[] = [];
let busy = 0;
const setBusy = (d: number) => { busy += d; document.body.dataset.busy = String(busy); };
const status = (msg: string) => { $('#status').textContent = msg; };

const inputs = {
  type: $<HTMLSelectElement>('#f-type'), sub_type: $<HTMLSelectElement>('#f-sub'), actor: $<HTMLInputElement>('#f-actor'),
  country: $<HTMLInputElement>('#f-country'), source: $<HTMLInputElement>('#f-source'), q: $<HTMLInputElement>('#f-q'),
  from: $<HTMLInputElement>('#f-from'), to: $<HTMLInputElement>('#f-to'),
};

let map: EventMap;
let timeline: Timeline;
let pointsCtl: AbortController | null = null;
let listCtl: AbortController | null = null;
let detailCtl: AbortController | null = null;

async function boot() {
  setBusy(1);
  try {
    cfg = await api.config();
  } catch (e) {
    status(`The API does not answer: ${(e as Error).message}`);
    setBusy(-1);
    return;
  }
  for (const t of cfg.eventTypes) inputs.type.append(h('option', { value: t }, t));
  fillSubTypes();
  if (cfg.tiles.url && cfg.tiles.attribution) $('#attribution').textContent = `Base map: Natural Earth; tiles: ${cfg.tiles.attribution}`;
  legend();
  map = new EventMap($('#map'), cfg, (id) => openEvent(id), (v) => { st.map = v; writeState(st); });
  (window as unknown as { __sitrepMap: EventMap }).__sitrepMap = map;
  timeline = new Timeline($('#timeline'), (from, to) => setTime(from, to));
  wire();
  syncInputs();
  if (st.map) map.setView(st.map);
  await Promise.all([refreshPoints(), refreshList(), st.event ? showDetail(st.event) : Promise.resolve()]);
  setBusy(-1);
  document.body.dataset.ready = 'true';
}

function legend() {
  const L = $('#legend');
  clear(L);
  const TL = $('#typelegend');
  clear(TL);
  for (const [t, c] of Object.entries(TYPE_COLORS)) {
    const sw = h('span', { class: 'swatch', 'aria-hidden': 'true' });
    sw.style.background = c;
    TL.append(h('li', {}, sw, t));
  }
  L.append(h('details', { open: window.innerWidth > 1000 && window.innerHeight > 700 ? true : null }, h('summary', {}, 'Legend'),
    h('ul', { class: 'prec' },
      h('li', {}, h('span', { class: 'sym exact', 'aria-hidden': 'true' }), 'exact place'),
      h('li', {}, h('span', { class: 'sym near', 'aria-hidden': 'true' }), 'near a place (~25 km)'),
      h('li', {}, h('span', { class: 'sym area', 'aria-hidden': 'true' }), 'province or country only'),
      h('li', {}, h('span', { class: 'sym contested', 'aria-hidden': 'true' }), 'contested'),
      h('li', {}, 'Dot size: fatalities; numbers: clusters'))));
}

function fillSubTypes() {
  const keep = st.sub_type;
  clear(inputs.sub_type);
  inputs.sub_type.append(h('option', { value: '' }, 'All sub-types'));
  const types = st.type ? [st.type] : cfg.eventTypes;
  for (const t of types) {
    const og = h('optgroup', { label: t });
    for (const s of cfg.subEventTypes[t] ?? []) og.append(h('option', { value: s }, s));
    inputs.sub_type.append(og);
  }
  inputs.sub_type.value = keep && [...inputs.sub_type.options].some((o) => o.value === keep) ? keep : '';
}

function syncInputs() {
  for (const k of [...FILTER_KEYS, 'from', 'to'] as const) if (inputs[k].value !== st[k]) inputs[k].value = st[k];
  fillSubTypes();
  $('#time-clear').hidden = !(st.from || st.to);
  $('#time-label').textContent = st.from || st.to ? `Time: ${st.from || '…'} to ${st.to || '…'}` : 'All time — drag across the timeline to choose a range';
}

function wire() {
  let timer = 0;
  const onChange = (k: keyof typeof inputs, immediate: boolean) => {
    const apply = () => {
      const v = inputs[k].value.trim();
      if (st[k] === v) return;
      if ((k === 'from' || k === 'to') && v && !/^\d{4}-\d{2}-\d{2}$/.test(v)) return;
      st[k] = k === 'country' ? v.toUpperCase() : v;
      if (k === 'type') { fillSubTypes(); st.sub_type = inputs.sub_type.value; }
      if (k === 'country' && v && v.length !== 3) return;
      writeState(st);
      syncInputs();
      if (k === 'from' || k === 'to') { applyTime(); void refreshList(); } else void refreshAll();
    };
    clearTimeout(timer);
    if (immediate) apply(); else timer = window.setTimeout(apply, 350);
  };
  for (const k of Object.keys(inputs) as (keyof typeof inputs)[]) {
    const el = inputs[k];
    el.addEventListener('change', () => onChange(k, true));
    if (el instanceof HTMLInputElement && el.type === 'search') el.addEventListener('input', () => onChange(k, false));
  }
  $('#filters').addEventListener('submit', (e) => e.preventDefault());
  $('#f-reset').addEventListener('click', () => {
    st = { ...st, type: '', sub_type: '', actor: '', country: '', source: '', q: '', from: '', to: '' };
    writeState(st); syncInputs(); void refreshAll();
  });
  $('#time-clear').addEventListener('click', () => setTime('', ''));
  $('#zoom-in').addEventListener('click', () => map.zoomBy(2));
  $('#zoom-out').addEventListener('click', () => map.zoomBy(0.5));
  $('#zoom-reset').addEventListener('click', () => map.reset());
  window.addEventListener('popstate', () => {
    const prev = st;
    st = readState();
    syncInputs();
    if (FILTER_KEYS.some((k) => prev[k] !== st[k])) void refreshAll();
    else if (prev.from !== st.from || prev.to !== st.to) { applyTime(); void refreshList(); }
    if (prev.map !== st.map) map.setView(st.map);
    if (st.event) void showDetail(st.event); else hideDetail();
  });
}

function setTime(from: string, to: string) {
  st.from = from; st.to = to;
  writeState(st);
  syncInputs();
  applyTime();
  void refreshList();
}

async function refreshAll() { await Promise.all([refreshPoints(), refreshList()]); }

async function refreshPoints() {
  pointsCtl?.abort();
  const ctl = (pointsCtl = new AbortController());
  setBusy(1);
  try {
    const r = await api.points(filterQuery(st, false), ctl.signal);
    if (ctl.signal.aborted) return;
    points = r.points;
    timeline.setData(points, st.tb, { from: st.from, to: st.to });
    applyTime();
    if (r.truncated) status(`Showing the newest ${points.length} events only; narrow the filters to see the rest.`);
  } catch (e) {
    if ((e as Error).name !== 'AbortError') status(`Could not load events: ${(e as Error).message}`);
  } finally { setBusy(-1); }
}

function applyTime() {
  const inRange = points.filter((p) => (!st.from || (p.date !== null && p.date.slice(0, 10) >= st.from)) && (!st.to || (p.date !== null && p.date.slice(0, 10) <= st.to)));
  map.setPoints(inRange);
  timeline.setRange({ from: st.from, to: st.to });
  const located = inRange.filter((p) => p.lat !== null).length;
  const undated = points.filter((p) => !p.date).length;
  status(`${inRange.length} events match; ${located} on the map${undated && !(st.from || st.to) ? `; ${undated} without a date are not on the timeline` : ''}.`);
  document.body.dataset.matching = String(inRange.length);
}

async function refreshList() {
  listCtl?.abort();
  const ctl = (listCtl = new AbortController());
  const list = $('#list');
  setBusy(1);
  try {
    const q = filterQuery(st, true);
    const r = await api.events(q, ctl.signal);
    if (ctl.signal.aborted) return;
    clear(list);
    const ul = h('ul', { class: 'events' });
    list.append(h('h2', { class: 'listhead' }, 'Events'), ul);
    const add = (items: EventRec[]) => { for (const e of items) ul.append(eventRow(e, openEvent)); };
    add(r.items);
    if (!r.items.length) ul.append(h('li', { class: 'empty' }, 'No events match these filters.'));
    let next = r.next;
    if (next) {
      const more = h('button', { type: 'button', class: 'more' }, 'Load more');
      more.addEventListener('click', async () => {
        more.disabled = true;
        const q2 = filterQuery(st, true);
        q2.set('cursor', next!);
        const r2 = await api.events(q2);
        add(r2.items);
        next = r2.next;
        if (next) more.disabled = false; else more.remove();
      });
      list.append(more);
    }
    list.dataset.count = String(r.items.length);
  } catch (e) {
    if ((e as Error).name !== 'AbortError') { clear(list); list.append(h('p', { class: 'error' }, `Could not load the list: ${(e as Error).message}`)); }
  } finally { setBusy(-1); }
}

function openEvent(id: string) {
  if (st.event === id) return;
  st.event = id;
  writeState(st, true);
  void showDetail(id);
}

async function showDetail(id: string) {
  detailCtl?.abort();
  const ctl = (detailCtl = new AbortController());
  const box = $('#detail');
  setBusy(1);
  try {
    const d = await api.event(id, ctl.signal);
    if (ctl.signal.aborted) return;
    clear(box);
    box.append(renderDetail(d, () => { st.event = ''; writeState(st, true); hideDetail(); }));
    box.hidden = false;
    $('#list').hidden = true;
    map.select(d.event.id);
    box.focus({ preventScroll: false });
  } catch (e) {
    if ((e as Error).name === 'AbortError') return;
    clear(box);
    const back = h('button', { type: 'button', class: 'back' }, '← Back to the list');
    back.addEventListener('click', () => { st.event = ''; writeState(st, true); hideDetail(); });
    box.append(back, h('p', { class: 'error' }, `Could not open the event: ${(e as Error).message}`));
    box.hidden = false;
    $('#list').hidden = true;
  } finally { setBusy(-1); }
}

function hideDetail() {
  $('#detail').hidden = true;
  $('#list').hidden = false;
  map?.select('');
  const row = document.querySelector<HTMLElement>('#list .row');
  row?.focus({ preventScroll: true });
}

void boot();
