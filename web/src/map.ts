/**
 * The map: an SVG Web-Mercator view with the Natural Earth base layer bundled from world-atlas
 * (offline; an online raster tile layer only when config names one), pan/zoom by d3-zoom (mouse,
 * touch, keyboard), markers clustered by supercluster, coloured by event type, sized by toll, and
 * drawn by precision: a dot for an exact place, a dashed ring for "near", a shaded area for a
 * province or a country.
 */
import { geoMercator, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { select } from 'd3-selection';
import { zoom as d3zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import Supercluster from 'supercluster';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import world110 from 'world-atlas/countries-110m.json';
import type { Config, Point } from './api';
import { colorOf } from './colors';
import { clear, s } from './dom';

interface Props { id: string; type: string; f: number; precision: string | null; contested: boolean; counts?: Record<string, number> }
type ClusterProps = { cluster: true; cluster_id: number; point_count: number; counts: Record<string, number>; f: number };

const AREA_KM: Record<string, number> = { near: 25, admin1: 120, country: 350 };
const MAX_K = 4096;

export class EventMap {
  private readonly svg: SVGSVGElement;
  private readonly gTiles: SVGGElement;
  private readonly gBase: SVGGElement;
  private readonly gMarks: SVGGElement;
  private readonly proj = geoMercator();
  private readonly zoom: ZoomBehavior<SVGSVGElement, unknown>;
  private t: ZoomTransform = zoomIdentity;
  private w = 800;
  private h = 400;
  private index: Supercluster<Props, ClusterProps> | null = null;
  private selected = '';
  private frame = 0;
  private detailLoaded = false;
  private viewTimer = 0;

  constructor(private readonly el: HTMLElement, private readonly cfg: Config,
    private readonly onOpen: (id: string) => void, private readonly onView: (view: string) => void) {
    this.svg = s('svg', { class: 'mapsvg', role: 'application', 'aria-label': 'Map of events. Arrow keys pan, + and − zoom; Tab reaches the markers.', tabindex: 0 });
    this.gTiles = s('g', { class: 'tiles' });
    this.gBase = s('g', { class: 'base' });
    this.gMarks = s('g', { class: 'marks' });
    this.svg.append(s('rect', { class: 'sea', x: -1e5, y: -1e5, width: 2e5, height: 2e5 }), this.gTiles, this.gBase, this.gMarks);
    el.append(this.svg);
    this.zoom = d3zoom<SVGSVGElement, unknown>().scaleExtent([1, MAX_K])
      .on('zoom', (ev: { transform: ZoomTransform }) => {
        this.t = ev.transform;
        this.gBase.setAttribute('transform', this.t.toString());
        this.schedule();
      })
      .on('end', () => {
        clearTimeout(this.viewTimer);
        this.viewTimer = window.setTimeout(() => this.onView(this.viewString()), 250);
      });
    select(this.svg).call(this.zoom).on('dblclick.zoom', null);
    this.svg.addEventListener('keydown', (e) => this.key(e));
    this.resize();
    this.drawBase(world110 as unknown as Topology);
    new ResizeObserver(() => {
      // keep what is in the middle of the view in the middle
      const view = this.viewString();
      this.resize();
      this.redrawBase();
      if (view) this.setView(view);
      this.schedule();
    }).observe(el);
  }

  private key(e: KeyboardEvent) {
    if (e.target !== this.svg) return;
    const step = 60;
    const by: Record<string, [number, number]> = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (by[e.key]) { e.preventDefault(); select(this.svg).call(this.zoom.translateBy, by[e.key]![0] / this.t.k, by[e.key]![1] / this.t.k); }
    else if (e.key === '+' || e.key === '=') { e.preventDefault(); this.zoomBy(2); }
    else if (e.key === '-' || e.key === '_') { e.preventDefault(); this.zoomBy(0.5); }
  }

  zoomBy(f: number) { select(this.svg).call(this.zoom.scaleBy, f); }
  reset() { select(this.svg).call(this.zoom.transform, zoomIdentity); }

  private resize() {
    const r = this.el.getBoundingClientRect();
    this.w = Math.max(200, r.width);
    this.h = Math.max(150, r.height);
    this.svg.setAttribute('viewBox', `0 0 ${this.w} ${this.h}`);
    this.proj.scale(this.w / (2 * Math.PI)).translate([this.w / 2, this.h / 2]).center([0, 15]);
    this.zoom.translateExtent([[0, -this.w * 0.35], [this.w, this.h + this.w * 0.35]]).extent([[0, 0], [this.w, this.h]]);
  }

  private topo: Topology = world110 as unknown as Topology;
  private drawBase(topo: Topology) {
    this.topo = topo;
    this.redrawBase();
  }
  private redrawBase() {
    const countries = feature(this.topo, this.topo.objects.countries!) as unknown as { features: GeoPermissibleObjects[] };
    const path = geoPath(this.proj);
    clear(this.gBase);
    if (!this.cfg.tiles.url) this.gBase.append(s('path', { class: 'land', d: countries.features.map((f) => path(f) ?? '').join('') }));
    this.gBase.append(s('path', { class: 'borders', d: countries.features.map((f) => path(f) ?? '').join('') }));
    this.gBase.setAttribute('transform', this.t.toString());
  }

  setPoints(points: readonly Point[]) {
    const feats = [];
    for (const p of points) {
      if (p.lat === null || p.lon === null) continue;
      feats.push({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] },
        properties: { id: p.id, type: p.type, f: p.fatalities ?? 0, precision: p.precision, contested: p.contested } });
    }
    this.index = new Supercluster<Props, ClusterProps>({
      radius: 44, maxZoom: 14, minPoints: 3,
      map: (p) => ({ counts: { [p.type]: 1 }, f: p.f }) as unknown as ClusterProps,
      reduce: (acc, p) => {
        for (const [k, n] of Object.entries(p.counts)) acc.counts[k] = (acc.counts[k] ?? 0) + n;
        acc.f += p.f;
      },
    });
    this.index.load(feats);
    this.el.dataset.points = String(feats.length);
    this.schedule();
  }

  select(id: string) { this.selected = id; this.schedule(); }

  private schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => { this.frame = 0; this.render(); });
  }

  private screen(lon: number, lat: number): [number, number] {
    const p = this.proj([lon, lat])!;
    return this.t.apply(p);
  }

  private render() {
    if (this.cfg.tiles.url) this.renderTiles();
    if (!this.detailLoaded && this.t.k >= 6) {
      this.detailLoaded = true;
      void import('world-atlas/countries-50m.json').then((m) => this.drawBase((m.default ?? m) as unknown as Topology));
    }
    clear(this.gMarks);
    if (!this.index) return;
    // longitudes straight from x (invert wraps at ±180), latitudes from the projection
    const lonAt = (sx: number) => (((sx - this.t.x) / this.t.k - this.w / 2) * 360) / this.w;
    const latAt = (sy: number) => this.proj.invert!([this.w / 2, (sy - this.t.y) / this.t.k])![1];
    const bbox: [number, number, number, number] = [Math.max(-180, lonAt(0)), Math.max(-85, latAt(this.h)), Math.min(180, lonAt(this.w)), Math.min(85, latAt(0))];
    const z = Math.max(0, Math.min(16, Math.floor(Math.log2((this.w * this.t.k) / 256))));
    const kmPx = (this.w * this.t.k) / 40075;
    const clusters = this.index.getClusters(bbox, z);
    let shown = 0;
    // areas first (under every dot), then dots
    const areas = s('g', { class: 'areas' }), dots = s('g', { class: 'dots' });
    for (const c of clusters) {
      const [lon, lat] = c.geometry.coordinates as [number, number];
      const [x, y] = this.screen(lon, lat);
      const pr = c.properties as Props | ClusterProps;
      if ('cluster' in pr && pr.cluster && z >= 4 && pr.point_count <= 40 && this.index.getClusterExpansionZoom(pr.cluster_id) > 14) {
        // events at one spot that no zoom separates: spread them on a ring around it
        const leaves = this.index.getLeaves(pr.cluster_id, 40);
        const ring = 16 + 3.2 * leaves.length;
        dots.append(s('circle', { class: 'spider', cx: x.toFixed(1), cy: y.toFixed(1), r: ring.toFixed(1) }));
        leaves.forEach((leaf, i) => {
          const a = (2 * Math.PI * i) / leaves.length - Math.PI / 2;
          this.mark(leaf.properties as Props, x + ring * Math.cos(a), y + ring * Math.sin(a), lat, kmPx, null, dots);
        });
        this.mark(null, x, y, lat, kmPx, (leaves[0]?.properties as Props | undefined) ?? null, areas);
        shown += leaves.length;
        continue;
      }
      if ('cluster' in pr && pr.cluster) {
        const top = Object.entries(pr.counts).sort((a, b) => b[1] - a[1]);
        const r = 11 + Math.min(18, 3.2 * Math.log2(pr.point_count));
        const g = s('g', { class: 'cluster', transform: `translate(${x.toFixed(1)},${y.toFixed(1)})`, tabindex: 0, role: 'button',
          'aria-label': `${pr.point_count} events, most ${top[0]![0]}; press Enter to zoom in` },
        s('title', {}, `${pr.point_count} events: ${top.map(([t, n]) => `${t} ${n}`).join(', ')}`));
        // a ring of type shares around the count
        let a0 = -Math.PI / 2;
        for (const [t, n] of top) {
          const a1 = a0 + (2 * Math.PI * n) / pr.point_count;
          g.append(arc(r, a0, a1, colorOf(t)));
          a0 = a1;
        }
        g.append(s('circle', { r: r - 4, class: 'cluster-core' }), s('text', { class: 'cluster-n', dy: '0.35em' }, compact(pr.point_count)));
        const open = () => this.expand(pr.cluster_id, lon, lat);
        g.addEventListener('click', open);
        g.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } });
        dots.append(g);
        shown += pr.point_count;
        continue;
      }
      const p = pr as Props;
      this.mark(p, x, y, lat, kmPx, p, areas);
      this.mark(p, x, y, lat, kmPx, null, dots);
      shown++;
    }
    this.gMarks.append(areas, dots);
    this.el.dataset.shown = String(shown);
    this.el.dataset.markers = String(clusters.length);
  }

  /** One event's marker (p) into `into`, or the area its precision spans (area) when given. */
  private mark(p: Props | null, x: number, y: number, lat: number, kmPx: number, area: Props | null, into: SVGGElement) {
    if (area) {
      const km = area.precision ? AREA_KM[area.precision] : undefined;
      const col = colorOf(area.type);
      if (km) {
        const rr = Math.max(6, (km * kmPx) / Math.cos((lat * Math.PI) / 180));
        into.append(s('circle', { class: `area area-${area.precision}`, cx: x.toFixed(1), cy: y.toFixed(1), r: rr.toFixed(1), fill: col, stroke: col }));
      }
      return;
    }
    if (!p) return;
    {
      const col = colorOf(p.type);
      const r = Math.min(18, 4.5 + 1.6 * Math.sqrt(p.f));
      const g = s('g', { class: `mark${p.id === this.selected ? ' selected' : ''}${p.contested ? ' contested' : ''}`, 'data-id': p.id, 'data-type': p.type,
        transform: `translate(${x.toFixed(1)},${y.toFixed(1)})`, tabindex: 0, role: 'button',
        'aria-label': `${p.type}${p.f ? `, ${p.f} killed` : ''}, ${p.precision ?? 'unknown'} location${p.contested ? ', contested' : ''}; press Enter to open` },
      s('title', {}, `${p.type}${p.f ? ` — ${p.f} killed` : ''} (${p.precision ?? 'place unknown'})`),
      s('circle', { r: r.toFixed(1), fill: col, class: `dot${p.precision && p.precision !== 'exact' ? ' imprecise' : ''}` }));
      const open = () => this.onOpen(p.id);
      g.addEventListener('click', open);
      g.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } });
      into.append(g);
    }
  }

  private expand(clusterId: number, lon: number, lat: number) {
    const z = this.index!.getClusterExpansionZoom(clusterId);
    const k = Math.min(MAX_K, Math.max(this.t.k * 2, (256 * 2 ** z) / this.w));
    const [x, y] = this.proj([lon, lat])!;
    select(this.svg).call(this.zoom.transform, zoomIdentity.translate(this.w / 2, this.h / 2).scale(k).translate(-x, -y));
  }

  private renderTiles() {
    const url = this.cfg.tiles.url!;
    const worldPx = this.w * this.t.k;
    const z = Math.max(0, Math.min(this.cfg.tiles.maxZoom, Math.round(Math.log2(worldPx / 256))));
    const n = 2 ** z, size = worldPx / n;
    const [ox, oy] = this.screen(-180, 85.0511287798);
    clear(this.gTiles);
    const x0 = Math.max(0, Math.floor(-ox / size)), x1 = Math.min(n - 1, Math.floor((this.w - ox) / size));
    const y0 = Math.max(0, Math.floor(-oy / size)), y1 = Math.min(n - 1, Math.floor((this.h - oy) / size));
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > 200) return;
    for (let tx = x0; tx <= x1; tx++) for (let ty = y0; ty <= y1; ty++) {
      this.gTiles.append(s('image', { href: url.replace('{z}', String(z)).replace('{x}', String(tx)).replace('{y}', String(ty)),
        x: (ox + tx * size).toFixed(1), y: (oy + ty * size).toFixed(1), width: Math.ceil(size + 0.5), height: Math.ceil(size + 0.5) }));
    }
  }

  viewString(): string {
    if (this.t.k === 1 && this.t.x === 0 && this.t.y === 0) return '';
    const c = this.proj.invert!(this.t.invert([this.w / 2, this.h / 2]))!;
    c[0] = (((this.w / 2 - this.t.x) / this.t.k - this.w / 2) * 360) / this.w;
    return `${c[0].toFixed(3)},${c[1].toFixed(3)},${+this.t.k.toFixed(2)}`;
  }

  setView(v: string) {
    const m = /^(-?[\d.]+),(-?[\d.]+),([\d.]+)$/.exec(v);
    if (!m) { if (!v) select(this.svg).call(this.zoom.transform, zoomIdentity); return; }
    const [x, y] = this.proj([+m[1]!, +m[2]!])!;
    const k = Math.max(1, Math.min(MAX_K, +m[3]!));
    select(this.svg).call(this.zoom.transform, zoomIdentity.translate(this.w / 2, this.h / 2).scale(k).translate(-x, -y));
  }
}

function arc(r: number, a0: number, a1: number, color: string): SVGElement {
  if (a1 - a0 >= 2 * Math.PI - 1e-6) return s('circle', { r, fill: color });
  const p = (a: number, rad: number) => `${(rad * Math.cos(a)).toFixed(2)},${(rad * Math.sin(a)).toFixed(2)}`;
  const large = a1 - a0 > Math.PI ? 1 : 0;
  return s('path', { d: `M0,0L${p(a0, r)}A${r},${r} 0 ${large} 1 ${p(a1, r)}Z`, fill: color });
}

const compact = (n: number) => (n >= 10000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n));
