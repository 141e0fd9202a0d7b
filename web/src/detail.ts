/**
 * The event detail: every field with the spans it came from highlighted in the article text, the
 * sources side by side with the values they differ on and who makes each claim, and the merge
 * history. Article text goes into the page as text nodes only.
 */
import { api, type Detail, type Span } from './api';
import { FIELD_LABELS, colorOf } from './colors';
import { h, type Child } from './dom';

const fmtToll = (t: { low: number | null; best: number | null; high: number | null }) =>
  t.best === null ? '—' : t.low !== null && t.high !== null && (t.low !== t.best || t.high !== t.best) ? `${t.best} (${t.low}–${t.high})` : String(t.best);
const actor = (a: Detail['event']['actor1']) => (a ? [a.text ?? a.name ?? '—', a.kind ? ` · ${a.kind}` : '', a.country ? ` · ${a.country}` : ''].join('') : '—');
const show = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : String(v));

/** Text with its spans marked: each stretch covered by spans becomes a <mark> naming their fields. */
export function highlighted(text: string, offset: number, spans: readonly Span[]): HTMLElement {
  const p = h('p', { class: 'excerpt' });
  const cuts = new Set<number>([0, text.length]);
  const local = spans.map((sp) => ({ ...sp, a: sp.start - offset, b: sp.end - offset })).filter((sp) => sp.a >= 0 && sp.b <= text.length && sp.b > sp.a);
  for (const sp of local) { cuts.add(sp.a); cuts.add(sp.b); }
  const pts = [...cuts].sort((x, y) => x - y);
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i]!, b = pts[i + 1]!;
    const piece = text.slice(a, b);
    const cover = local.filter((sp) => sp.a <= a && sp.b >= b).sort((x, y) => (x.b - x.a) - (y.b - y.a));
    if (!cover.length) { p.append(document.createTextNode(piece)); continue; }
    const fields = [...new Set(cover.map((c) => c.field))];
    const how = cover[0]!.how;
    p.append(h('mark', { class: `hl f-${cover[0]!.field}`, 'data-fields': fields.join(' '), title: fields.map((f) => FIELD_LABELS[f] ?? f).join(', ') + (how ? ` (${how})` : '') }, piece));
  }
  return p;
}

export function renderDetail(d: Detail, onBack: () => void): HTMLElement {
  const e = d.event;
  const loc = e.location;
  const root = h('article', { class: 'event', 'data-id': e.id, 'data-contested': d.contested ? 'true' : 'false' });
  const back = h('button', { type: 'button', class: 'back' }, '← Back to the list');
  back.addEventListener('click', onBack);
  root.append(back, h('h2', { id: 'detail-title' },
    h('span', { class: 'swatch', style: null, 'aria-hidden': 'true', 'data-color': colorOf(e.eventType) }),
    `${e.eventType}${e.subEventType ? ` — ${e.subEventType}` : ''}`));
  (root.querySelector('.swatch') as HTMLElement).style.background = colorOf(e.eventType);
  if (d.contested) root.append(h('p', { class: 'badge contested', role: 'note' }, 'Contested: sources disagree on this event (see the claims below).'));

  const rows: [string, string, Child][] = [
    ['date', 'Date', `${show(e.date)}${e.datePrecision ? ` (${e.datePrecision})` : ''}`],
    ['location', 'Location', `${show(loc.text)}${loc.admin1 ? `, ${loc.admin1}` : ''}${loc.country ? `, ${loc.country}` : ''} — precision: ${show(loc.precision)}${loc.lat !== null && loc.lon !== null ? ` (${loc.lat.toFixed(3)}, ${loc.lon.toFixed(3)})` : ''}${e.spreadKm ? `, sources ${e.spreadKm.toFixed(0)} km apart` : ''}`],
    ['actor1', 'Actor 1', actor(e.actor1)],
    ['actor2', 'Actor 2', actor(e.actor2)],
    ['fatalities', 'Fatalities', fmtToll(e.fatalities)],
    ['injured', 'Injured', fmtToll(e.injured)],
    ['event_type', 'Confidence', `${Math.round(e.confidence * 100)}% · ${e.nSources} source${e.nSources === 1 ? '' : 's'}, ${e.nMentions} mention${e.nMentions === 1 ? '' : 's'}`],
  ];
  root.append(h('dl', { class: 'fields' }, rows.map(([f, label, v]) => [h('dt', { class: `f-${f}` }, label), h('dd', {}, v)])));

  // sources side by side
  const tbl = h('table', { class: 'compare' },
    h('caption', {}, 'What each source says (rows that differ are marked ≠)'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Field'), d.accounts.map((a) => h('th', { scope: 'col' }, a.label)))),
    h('tbody', {}, d.comparison.map((r) => h('tr', { class: r.differs ? 'differs' : '' },
      h('th', { scope: 'row' }, `${r.differs ? '≠ ' : ''}${FIELD_LABELS[r.field] ?? r.field}`),
      r.values.map((v) => h('td', {}, show(v.value)))))),
    h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, 'Claims'), d.accounts.map((a) => h('td', {},
      a.claims.length || a.claimedBy.length
        ? h('ul', { class: 'claims' },
          a.claims.map((c) => h('li', {}, h('strong', {}, c.by), c.field ? ` — ${FIELD_LABELS[c.field] ?? c.field}: ${show(c.value)}` : ' — says so')),
          a.claimedBy.filter((b) => !a.claims.some((c) => c.by === b)).map((b) => h('li', {}, h('strong', {}, b), ' — says so')))
        : '—')))));
  root.append(h('section', { class: 'sources', 'aria-label': 'Sources side by side' }, h('h3', {}, `Sources (${d.sources.length})`),
    h('ul', { class: 'srclist' }, d.sources.map((src) => h('li', {}, h('strong', {}, src.label),
      src.articles.map((a) => [' · ', a.title ?? a.articleId, a.published ? ` (${a.published})` : '', a.url && /^https?:\/\//i.test(a.url) ? [' ', h('a', { href: a.url, rel: 'noreferrer noopener', target: '_blank' }, 'link')] : null])))),
    h('div', { class: 'tablewrap' }, tbl)));

  // evidence
  const ev = h('section', { class: 'evidence', 'aria-label': 'Evidence' }, h('h3', {}, 'Evidence'),
    h('p', { class: 'legend-fields' }, 'Highlighted: ', ['trigger', 'actor1', 'actor2', 'location', 'date', 'fatalities', 'injured', 'claimed_by', 'claim']
      .map((f) => h('mark', { class: `hl f-${f}` }, FIELD_LABELS[f] ?? f)).flatMap((m) => [m, ' '])));
  for (const x of d.evidence) {
    const full = h('button', { type: 'button', class: 'full' }, 'Show the whole article');
    const box = h('div', { class: 'evi', 'data-mention': x.mentionId }, h('h4', {}, x.label, x.title && x.title !== x.label ? ` — ${x.title}` : ''),
      highlighted(x.excerpt.text, x.excerpt.start, x.spans), full);
    full.addEventListener('click', async () => {
      full.disabled = true;
      try {
        const art = await api.article(x.articleId);
        const m = art.mentions.find((mm) => mm.mentionId === x.mentionId);
        const p = highlighted(art.text, 0, m?.spans ?? x.spans);
        p.classList.add('fulltext');
        box.replaceChild(p, box.querySelector('.excerpt')!);
        full.remove();
      } catch (err) { full.disabled = false; full.textContent = `Could not load the article (${(err as Error).message}); retry`; }
    });
    ev.append(box);
  }
  root.append(ev);
  if (d.history.length) {
    root.append(h('section', { class: 'history', 'aria-label': 'Merge history' }, h('h3', {}, 'Merge history'),
      h('ol', {}, d.history.map((r) => h('li', {}, `${r.at.slice(0, 19).replace('T', ' ')} · ${r.action}${r.otherEventId ? ` (${r.otherEventId})` : ''} · ${r.mentionIds.length} mention${r.mentionIds.length === 1 ? '' : 's'}${r.reason ? ` · ${r.reason}` : ''}`)))));
  }
  return root;
}
