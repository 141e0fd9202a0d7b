/**
 * The dashboard in headless Chromium (playwright-core + the system's /usr/bin/chromium) over the API
 * and a temporary store filled through the real pipeline. Screenshots of each step go to
 * test-artifacts/web/. Every request that leaves 127.0.0.1 is refused and counted (the map must work
 * offline); console errors and page errors fail the run.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../../src/api/app.js';
import { ROOT } from '../../src/util/lexicon.js';
import { config, filledStore, type Fixture } from '../api/helpers.js';

const CHROMIUM = process.env.SITREP_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'web');
const WEB = path.join(ROOT, 'web', 'dist');

let fx: Fixture;
let server: ServerType;
let base = '';
let browser: Browser;
let page: Page;
const problems: string[] = [];
const external: string[] = [];
let step = 0;

async function shot(name: string, p: Page = page) {
  await p.screenshot({ path: path.join(ARTIFACTS, `${String(++step).padStart(2, '0')}-${name}.png`) });
}

async function newPage(width: number, height: number): Promise<Page> {
  const p = await browser.newPage({ viewport: { width, height } });
  p.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await p.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.hostname === '127.0.0.1' || u.protocol === 'data:') return route.continue();
    external.push(u.href);
    return route.abort();
  });
  return p;
}

/** Waits until the dashboard has no request in flight and has drawn. */
async function settled(p: Page = page) {
  await p.waitForSelector('body[data-ready="true"][data-busy="0"]');
  await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function apiJson(url: string): Promise<any> {
  return (await fetch(`${base}${url}`)).json();
}

const located = (rows: any[][]) => rows.filter((r) => r[4] !== null && r[5] !== null).length;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  if (!existsSync(path.join(WEB, 'index.html'))) execFileSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
  fx = await filledStore('web');
  const app = createApp({ store: fx.store, config: config(), webRoot: WEB, log: () => {} });
  await new Promise<void>((resolve) => { server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve()); });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  page = await newPage(1366, 768);
});

after(async () => {
  await browser?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  await fx?.cleanup();
});

describe('dashboard', () => {
  test('the map shows the sample events (offline base layer, clustered markers)', async () => {
    await page.goto(`${base}/`);
    await settled();
    const all = await apiJson('/api/events/points');
    const map = await page.$eval('#map', (el) => ({ ...(el as HTMLElement).dataset }));
    assert.equal(Number(map.points), located(all.rows));
    assert.equal(Number(map.shown), located(all.rows), 'every located event is in a marker or a cluster at world zoom');
    assert.ok(await page.locator('#map path.land').count() >= 1, 'Natural Earth land drawn');
    assert.ok(await page.locator('#map .mark, #map .cluster').count() >= 3);
    assert.equal(await page.locator('#list .row').count(), Math.min(50, all.count));
    assert.ok(Number(await page.$eval('.timesvg', (el) => (el as SVGElement).dataset.total)) >= 5);
    await shot('map-all');
    // zoomed in on the Horn of Africa, single markers appear with their precision
    await page.goto(`${base}/?map=45.3,4.5,24`);
    await settled();
    assert.ok(await page.locator('#map .mark').count() >= 1);
    assert.match(page.url(), /map=45\.3/);
    await shot('map-zoomed-somalia');
  });

  test('filtering by type changes markers, list and timeline (and the URL)', async () => {
    await page.goto(`${base}/`);
    await settled();
    const before = Number(await page.$eval('.timesvg', (el) => (el as SVGElement).dataset.total));
    await page.selectOption('#f-type', 'Riots');
    await settled();
    assert.match(page.url(), /type=Riots/);
    const riots = await apiJson('/api/events/points?type=Riots');
    assert.ok(riots.count >= 2 && riots.count < (await apiJson('/api/events/points')).count);
    assert.equal(Number(await page.$eval('#map', (el) => (el as HTMLElement).dataset.points)), located(riots.rows));
    const rowTypes = await page.$$eval('#list .row', (els) => els.map((e) => (e as HTMLElement).dataset.type));
    assert.equal(rowTypes.length, riots.count);
    assert.ok(rowTypes.every((t) => t === 'Riots'), rowTypes.join());
    const barTypes = await page.$$eval('.timesvg rect[data-type]', (els) => [...new Set(els.map((e) => (e as SVGElement).dataset.type))]);
    assert.deepEqual(barTypes, ['Riots']);
    const after = Number(await page.$eval('.timesvg', (el) => (el as SVGElement).dataset.total));
    assert.ok(after < before, `${after} < ${before}`);
    await shot('filter-riots');
    // the sub-type list follows the type
    const subs = await page.$$eval('#f-sub option', (els) => els.map((e) => (e as HTMLOptionElement).value).filter(Boolean));
    assert.deepEqual(subs.sort(), ['Mob violence', 'Violent demonstration']);
    await page.click('#f-reset');
    await settled();
    assert.doesNotMatch(page.url(), /type=/);
  });

  test('brushing the timeline sets the time filter for map and list', async () => {
    await page.goto(`${base}/?type=Explosions%2FRemote+violence`);
    await settled();
    const box = (await page.locator('.timesvg').boundingBox())!;
    const pointsBefore = Number(await page.$eval('#map', (el) => (el as HTMLElement).dataset.points));
    // drag across the right half of the timeline (the most recent events)
    await page.mouse.move(box.x + box.width * 0.55, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2, { steps: 5 });
    await shot('brush-dragging');
    await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await settled();
    const u = new URL(page.url());
    const from = u.searchParams.get('from')!, to = u.searchParams.get('to')!;
    assert.match(from, /^\d{4}-\d{2}-\d{2}$/);
    assert.match(to, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(from <= to);
    assert.equal(await page.inputValue('#f-from'), from);
    const inRange = await apiJson(`/api/events/points?type=Explosions%2FRemote+violence&from=${from}&to=${to}`);
    assert.ok(inRange.count >= 1);
    const pointsAfter = Number(await page.$eval('#map', (el) => (el as HTMLElement).dataset.points));
    assert.equal(pointsAfter, located(inRange.rows));
    assert.ok(pointsAfter < pointsBefore, `${pointsAfter} < ${pointsBefore}`);
    const dates = await page.$$eval('#list .row .meta', (els) => els.map((e) => e.textContent!.slice(0, 10)));
    assert.equal(dates.length, inRange.count);
    for (const d of dates) assert.ok(d >= from && d <= to, `${d} in ${from}..${to}`);
    assert.equal(await page.locator('.timesvg rect.brush').count(), 1);
    await shot('brushed');
    await page.click('#time-clear');
    await settled();
    assert.equal(new URL(page.url()).searchParams.get('from'), null);
    assert.equal(Number(await page.$eval('#map', (el) => (el as HTMLElement).dataset.points)), pointsBefore);
  });

  test('an event shows its evidence highlighted and its sources\' claims side by side', async () => {
    await page.goto(`${base}/`);
    await settled();
    await page.fill('#f-source', 'Horn Daily');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('source') === 'Horn Daily');
    await settled();
    // the Beledweyne bombing both outlets report
    let opened = false;
    for (const row of await page.locator('#list .row').all()) {
      await row.click();
      await page.waitForSelector('#detail article.event');
      await settled();
      if (await page.locator('#detail table.compare thead th').count() >= 3) { opened = true; break; }
      await page.click('#detail .back');
      await settled();
    }
    assert.ok(opened, 'an event with two sources');
    const heads = await page.$$eval('#detail table.compare thead th', (els) => els.map((e) => e.textContent));
    assert.ok(heads.includes('Horn Daily Monitor') && heads.includes('Shabelle Coast Radio'), heads.join());
    const differing = await page.$$eval('#detail table.compare tr.differs th', (els) => els.map((e) => e.textContent));
    assert.ok(differing.some((t) => /fatalities/.test(t ?? '')), differing.join());
    const marks = await page.$$eval('#detail .evi mark.hl', (els) => els.map((e) => [(e as HTMLElement).dataset.fields, e.textContent]));
    assert.ok(marks.some(([f, t]) => f?.includes('location') && t === 'Beledweyne'), JSON.stringify(marks));
    assert.ok(marks.some(([f]) => f?.includes('fatalities')), JSON.stringify(marks));
    assert.ok(await page.locator('#detail .evi').count() >= 2, 'one excerpt per source');
    assert.match(page.url(), /event=ev/);
    await shot('event-detail');
    await page.locator('#detail table.compare').scrollIntoViewIfNeeded();
    await shot('event-claims-side-by-side');
    // the URL restores the view
    const url = page.url();
    const p2 = await newPage(1366, 768);
    await p2.goto(url);
    await settled(p2);
    assert.equal(await p2.inputValue('#f-source'), 'Horn Daily');
    assert.ok(await p2.locator('#detail article.event').isVisible());
    await p2.close();
    // back closes the detail
    await page.goBack();
    await settled();
    assert.ok(await page.locator('#list').isVisible());
  });

  test('article text with <script> and onerror= payloads is inert text', async () => {
    await page.goto(`${base}/?source=Lakeside`);
    await settled();
    await page.locator('#list .row').first().click();
    await page.waitForSelector('#detail article.event');
    await settled();
    await page.click('#detail .evi button.full');
    await page.waitForSelector('#detail .fulltext');
    const text = await page.$eval('#detail .fulltext', (el) => el.textContent);
    assert.ok(text!.includes('<script>window.__sitrepXss = 1</script>'), 'the payload is shown as text');
    assert.ok(text!.includes('<img src=x onerror="window.__sitrepXss = 2">'));
    const heading = await page.$eval('#detail .evi h4', (el) => el.textContent);
    assert.ok(heading!.includes('onerror='), heading!);
    assert.equal(await page.locator('#detail script, #detail img, #detail [onerror]').count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __sitrepXss?: number }).__sitrepXss), undefined, 'no payload ran');
    await page.waitForTimeout(100); // let a (wrongly) created image fail and fire its handler, were there one
    assert.equal(await page.evaluate(() => (window as unknown as { __sitrepXss?: number }).__sitrepXss), undefined, 'no payload ran');
    await shot('inert-payload');
  });

  test('usable by keyboard: list rows, markers and the back button', async () => {
    await page.goto(`${base}/?map=45.3,4.5,24`);
    await settled();
    await page.focus('#list .row');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#detail article.event');
    await settled();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'detail');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'back');
    await page.keyboard.press('Enter');
    await settled();
    assert.ok(await page.locator('#list').isVisible());
    const mark = page.locator('#map .mark').first();
    const id = await mark.getAttribute('data-id');
    await mark.focus();
    await page.keyboard.press('Enter');
    await settled();
    assert.equal(new URL(page.url()).searchParams.get('event'), id);
    await shot('keyboard-open-marker');
  });

  test('fits 1366×768 and a 390-px-wide phone without sideways scrolling', async () => {
    for (const [w, hgt, name] of [[1366, 768, 'desktop'], [390, 844, 'phone']] as const) {
      const p = await newPage(w, hgt);
      await p.goto(`${base}/`);
      await settled(p);
      assert.ok(await p.evaluate(() => document.documentElement.scrollWidth) <= w, `${name}: no horizontal overflow`);
      const mapBox = (await p.locator('#map').boundingBox())!;
      assert.ok(mapBox.width >= w * 0.6 - 1 && mapBox.height >= 250, `${name}: map ${mapBox.width}×${mapBox.height}`);
      await shot(`${name}-overview`, p);
      await p.locator('#list .row').first().click();
      await p.waitForSelector('#detail article.event');
      await settled(p);
      assert.ok(await p.evaluate(() => document.documentElement.scrollWidth) <= w, `${name}: detail fits`);
      await shot(`${name}-detail`, p);
      await p.close();
    }
  });

  test('no console errors, no page errors, no request left the machine', () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(external, []);
  });
});
