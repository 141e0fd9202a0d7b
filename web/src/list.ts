/** The event list: one row per event (type, date, place, toll, sources, contested), keyboard-operable. */
import type { EventRec } from './api';
import { colorOf } from './colors';
import { h } from './dom';

export function eventRow(e: EventRec, onOpen: (id: string) => void): HTMLElement {
  const b = h('button', { type: 'button', class: 'row', 'data-id': e.id, 'data-type': e.eventType },
    h('span', { class: 'dot', 'aria-hidden': 'true' }),
    h('span', { class: 'what' }, e.subEventType ?? e.eventType),
    h('span', { class: 'meta' },
      `${e.date ?? 'undated'} · ${e.location.text ?? 'place unknown'}${e.location.country ? ` (${e.location.country})` : ''}`,
      e.fatalities.best ? ` · ${e.fatalities.best} killed` : '',
      ` · ${e.nSources} source${e.nSources === 1 ? '' : 's'}`),
    e.contested ? h('span', { class: 'badge contested' }, 'contested') : null);
  (b.querySelector('.dot') as HTMLElement).style.background = colorOf(e.eventType);
  b.addEventListener('click', () => onOpen(e.id));
  return h('li', {}, b);
}
