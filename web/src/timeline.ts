/**
 * The timeline: events per day, week or month, stacked by type; drag across it (mouse or touch) to
 * set the time filter, click a bar for that bucket alone. The From/To inputs in the filter bar do the
 * same by keyboard.
 */
import type { Point } from './api';
import { TYPE_COLORS, colorOf } from './colors';
import { clear, s } from './dom';

export type Bucket = 'day' | 'week' | 'month';
const DAY = 86_400_000;
const dayNum = (d: string) => Math.floor(Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / DAY);
const ymd = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);

/** First day number of the bucket holding day n. */
function bucketStart(n: number, b: Bucket): number {
  if (b === 'day') return n;
  if (b === 'week') return n - ((new Date(n * DAY).getUTCDay() + 6) % 7);
  const d = new Date(n * DAY);
  return Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY);
}
function nextBucket(n: number, b: Bucket): number {
  if (b === 'day') return n + 1;
  if (b === 'week') return n + 7;
  const d = new Date(n * DAY);
  return Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY);
}

export class Timeline {
  private readonly svg: SVGSVGElement;
  private bars: { start: number; end: number; total: number; types: Record<string, number> }[] = [];
  private x0 = 0;
  private x1 = 1;
  private w = 600;
  private readonly hgt = 96;
  private readonly pad = { l: 30, r: 8, t: 6, b: 18 };
  private drag: { x: number; cur: number } | null = null;
  private range: { from: string; to: string } = { from: '', to: '' };
  bucket: Bucket = 'week';

  constructor(private readonly el: HTMLElement, private readonly onBrush: (from: string, to: string) => void) {
    this.svg = s('svg', { class: 'timesvg', role: 'img', 'aria-label': 'Timeline' });
    el.append(this.svg);
    this.svg.addEventListener('pointerdown', (e) => this.down(e));
    this.svg.addEventListener('pointermove', (e) => this.move(e));
    this.svg.addEventListener('pointerup', (e) => this.up(e));
    this.svg.addEventListener('pointercancel', () => { this.drag = null; this.draw(); });
    new ResizeObserver(() => this.draw()).observe(el);
  }

  setData(points: readonly Point[], want: string, range: { from: string; to: string }) {
    this.range = range;
    const days = points.filter((p) => p.date).map((p) => dayNum(p.date!));
    if (!days.length) { this.bars = []; this.draw(); return; }
    let lo = Infinity, hi = -Infinity;
    for (const d of days) { if (d < lo) lo = d; if (d > hi) hi = d; }
    const span = hi - lo;
    this.bucket = want === 'day' || want === 'week' || want === 'month' ? want : span <= 120 ? 'day' : span <= 3 * 366 ? 'week' : 'month';
    const byStart = new Map<number, { start: number; end: number; total: number; types: Record<string, number> }>();
    for (const p of points) {
      if (!p.date) continue;
      const st = bucketStart(dayNum(p.date), this.bucket);
      let b = byStart.get(st);
      if (!b) { b = { start: st, end: nextBucket(st, this.bucket), total: 0, types: {} }; byStart.set(st, b); }
      b.total++;
      b.types[p.type] = (b.types[p.type] ?? 0) + 1;
    }
    this.bars = [...byStart.values()].sort((a, b) => a.start - b.start);
    this.x0 = bucketStart(lo, this.bucket);
    this.x1 = nextBucket(bucketStart(hi, this.bucket), this.bucket);
    this.draw();
  }

  setRange(range: { from: string; to: string }) { this.range = range; this.draw(); }

  private px(day: number) { return this.pad.l + ((day - this.x0) / Math.max(1, this.x1 - this.x0)) * (this.w - this.pad.l - this.pad.r); }
  private dayAt(px: number) { return this.x0 + ((px - this.pad.l) / Math.max(1, this.w - this.pad.l - this.pad.r)) * (this.x1 - this.x0); }
  private localX(e: PointerEvent) { const r = this.svg.getBoundingClientRect(); return ((e.clientX - r.left) / r.width) * this.w; }

  private down(e: PointerEvent) {
    if (!this.bars.length || e.button > 0) return;
    this.svg.setPointerCapture(e.pointerId);
    const x = this.localX(e);
    this.drag = { x, cur: x };
  }
  private move(e: PointerEvent) { if (this.drag) { this.drag.cur = this.localX(e); this.draw(); } }
  private up(e: PointerEvent) {
    if (!this.drag) return;
    const a = Math.min(this.drag.x, this.drag.cur), b = Math.max(this.drag.x, this.drag.cur);
    this.drag = null;
    try { this.svg.releasePointerCapture(e.pointerId); } catch { /* released */ }
    const clamp = (d: number) => Math.min(this.x1 - 1, Math.max(this.x0, Math.floor(d)));
    let from = bucketStart(clamp(this.dayAt(a)), this.bucket);
    let to = nextBucket(bucketStart(clamp(this.dayAt(b)), this.bucket), this.bucket) - 1;
    if (b - a < 3) { // a click: that bucket alone
      const d = clamp(this.dayAt(a));
      from = bucketStart(d, this.bucket); to = nextBucket(from, this.bucket) - 1;
    }
    this.onBrush(ymd(from), ymd(to));
  }

  private draw() {
    const r = this.el.getBoundingClientRect();
    this.w = Math.max(240, r.width);
    const H = this.hgt;
    this.svg.setAttribute('viewBox', `0 0 ${this.w} ${H}`);
    clear(this.svg);
    if (!this.bars.length) { this.svg.append(s('text', { x: 8, y: H / 2, class: 'axis' }, 'No dated events for these filters')); return; }
    const max = Math.max(...this.bars.map((b) => b.total));
    const y = (n: number) => ((H - this.pad.t - this.pad.b) * n) / max;
    const base = H - this.pad.b;
    const order = Object.keys(TYPE_COLORS);
    const g = s('g', { class: 'bars' });
    for (const b of this.bars) {
      const x = this.px(b.start), bw = Math.max(1, this.px(b.end) - x - (this.px(b.end) - x > 3 ? 1 : 0));
      let acc = 0;
      for (const t of [...order, ...Object.keys(b.types).filter((k) => !order.includes(k))]) {
        const n = b.types[t];
        if (!n) continue;
        const hgt = y(n);
        g.append(s('rect', { x: x.toFixed(2), y: (base - y(acc) - hgt).toFixed(2), width: bw.toFixed(2), height: Math.max(0.5, hgt).toFixed(2), fill: colorOf(t), 'data-type': t }));
        acc += n;
      }
      g.lastElementChild?.append(s('title', {}, `${ymd(b.start)}${this.bucket === 'day' ? '' : ` – ${ymd(b.end - 1)}`}: ${b.total} events (${Object.entries(b.types).map(([t, n]) => `${t} ${n}`).join(', ')})`));
    }
    this.svg.append(s('line', { x1: this.pad.l, x2: this.w - this.pad.r, y1: base, y2: base, class: 'axisline' }), g);
    // axis: max label and a few dates
    this.svg.append(s('text', { x: this.pad.l - 4, y: this.pad.t + 8, class: 'axis', 'text-anchor': 'end' }, String(max)));
    const ticks = Math.max(1, Math.min(this.x1 - this.x0 - 1, Math.floor(this.w / 110)));
    let lastLabel = '';
    for (let i = 0; i <= ticks; i++) {
      const d = Math.round(this.x0 + ((this.x1 - 1 - this.x0) * i) / ticks);
      const label = this.bucket === 'month' || this.x1 - this.x0 > 400 ? ymd(d).slice(0, 7) : ymd(d);
      if (label === lastLabel) continue;
      lastLabel = label;
      if (this.x1 - this.x0 <= 1) { this.svg.append(s('text', { x: this.w / 2, y: H - 4, class: 'axis', 'text-anchor': 'middle' }, label)); break; }
      this.svg.append(s('text', { x: this.px(d), y: H - 4, class: 'axis', 'text-anchor': i === 0 ? 'start' : i === ticks ? 'end' : 'middle' }, label));
    }
    // the time filter, or the drag in progress
    let sel: [number, number] | null = null;
    if (this.drag) sel = [Math.min(this.drag.x, this.drag.cur), Math.max(this.drag.x, this.drag.cur)];
    else if (this.range.from || this.range.to) {
      const a = this.range.from ? Math.max(this.x0, dayNum(this.range.from)) : this.x0;
      const b = this.range.to ? Math.min(this.x1, dayNum(this.range.to) + 1) : this.x1;
      if (b > a) sel = [this.px(a), this.px(b)];
    }
    if (sel) this.svg.append(s('rect', { class: 'brush', x: sel[0].toFixed(1), y: 0, width: Math.max(1, sel[1] - sel[0]).toFixed(1), height: base }));
    const dated = this.bars.reduce((n, b) => n + b.total, 0);
    this.svg.setAttribute('aria-label', `Timeline: ${dated} dated events per ${this.bucket} from ${ymd(this.x0)} to ${ymd(this.x1 - 1)}, stacked by type. Drag to choose a range.`);
    this.svg.dataset.bars = String(this.bars.length);
    this.svg.dataset.bucket = this.bucket;
    this.svg.dataset.total = String(dated);
  }
}
