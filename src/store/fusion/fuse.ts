/**
 * Fusion against the store, inside the article's transaction: each new mention is linked to every
 * stored mention it is compatible with (match.ts); the events those belong to become one (the
 * oldest id survives, the others are recorded as merged into it); a mention that matches nothing
 * starts an event. Removing mentions (re-extraction) re-checks that what is left still hangs
 * together and splits it otherwise. `split()` undoes a wrong merge and blocks it from recurring.
 *
 * Concurrency: callers hold the bucket locks (`bucketKeys`) of every mention they add or remove,
 * so two transactions whose mentions could match are serialised; event rows are locked too.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db.js';
import { RetryTransaction } from '../db.js';
import type { FusionConfig } from './config.js';
import { consensus, type ClaimRow, type EventFields } from './consensus.js';
import { addDays, toDay, weekOf } from './dates.js';
import { compatible, fitScore, fusable, isAnchor } from './match.js';
import { MENTION_COLUMNS, type MentionRow } from './types.js';

export interface FusionCtx {
  readonly cfg: FusionConfig;
  readonly now: string;
  readonly runId: string | null;
  /** The stored mentions around this article's new mentions, read once (prefetchCandidates). */
  cache?: CandidateCache;
  /**
   * New mentions that start an event of their own and that nothing else in this transaction can
   * touch (no stored floater fits them; mentions of one article never fit each other): their
   * events are created together at the end (flushNewEvents), a few statements instead of three each.
   */
  pendingNew?: string[];
  /** Bucket locks this transaction already holds (taken again only when new). */
  held?: Set<string>;
}

/** Takes the bucket locks not yet held by this transaction. */
export async function lockBuckets(db: Db, ctx: FusionCtx, keys: readonly string[]): Promise<void> {
  const held = (ctx.held ??= new Set());
  const fresh = [...new Set(keys)].filter((k) => !held.has(k));
  if (!fresh.length) return;
  await db.lock(fresh);
  for (const k of fresh) held.add(k);
}

/**
 * Candidates read once for all of an article's new mentions, with what fusion changed since: the
 * mentions it moved and the events it merged away. Valid only while the article's bucket locks are
 * held: nobody else can add or move a mention in those windows; a merge elsewhere that retires one
 * of these events is caught when the event is locked (RetryTransaction).
 */
export interface CandidateCache {
  readonly rows: readonly (MentionRow & { event_id: string })[];
  /** Ids of the mentions the cache was read for. */
  readonly covers: ReadonlySet<string>;
  readonly moved: Map<string, string>;
  readonly redirect: Map<string, string>;
}

/** Records that mentions now belong to `eventId` (kept in the article's candidate cache). */
function noteMoved(ctx: FusionCtx, mentionIds: readonly string[], eventId: string): void {
  if (ctx.cache) for (const id of mentionIds) ctx.cache.moved.set(id, eventId);
}

/** Lock names covering every region-and-week bucket a mention could match in. */
export function bucketKeys(m: MentionRow, cfg: FusionConfig): string[] {
  if (!fusable(m, cfg)) return [];
  const slack = Math.max(...Object.values(cfg.dateSlackDays));
  const keys: string[] = [];
  const end = toDay(addDays(m.date_end!, slack));
  for (let w = weekOf(addDays(m.date_start!, -slack)); toDay(w) <= end; w = addDays(w, 7)) keys.push(`fusion:${m.country}:${w}`);
  return keys;
}

const MCOLS = MENTION_COLUMNS.map((c) => `m.${c}`).join(', ');
/** Without the JSON payload: what matching needs. */
const MCOLS_LIGHT = MENTION_COLUMNS.filter((c) => c !== 'data').map((c) => `m.${c}`).join(', ');
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Inserts mentions, many rows per statement. */
export async function insertMentions(db: Db, ms: readonly MentionRow[]): Promise<void> {
  const per = 40;
  for (let i = 0; i < ms.length; i += per) {
    const chunk = ms.slice(i, i + per);
    await db.run(`INSERT INTO mentions (${MENTION_COLUMNS.join(', ')}) VALUES ${chunk.map(() => `(${placeholders(MENTION_COLUMNS.length)})`).join(', ')}`,
      chunk.flatMap((m) => MENTION_COLUMNS.map((c) => (c === 'data' && typeof m.data !== 'string' ? JSON.stringify(m.data) : (m[c] as string | number | null)))));
  }
}

/** The window of stored mentions a mention is compared with: intervals starting inside it, then longer ones overlapping it. */
function window(m: MentionRow, cfg: FusionConfig): { lo: string; hi: string; longFrom: string } {
  const slack = Math.max(...Object.values(cfg.dateSlackDays));
  const lo = addDays(m.date_start!, -slack), hi = addDays(m.date_end!, slack);
  return { lo, hi, longFrom: addDays(lo, -cfg.maxIntervalDays) };
}

const inWindow = (n: MentionRow, w: { lo: string; hi: string; longFrom: string }) =>
  (n.date_start! >= w.lo && n.date_start! <= w.hi) || (n.date_start !== n.date_end && n.date_start! >= w.longFrom && n.date_start! < w.lo && n.date_end! >= w.lo);

async function candidates(db: Db, m: MentionRow, ctx: FusionCtx): Promise<(MentionRow & { event_id: string })[]> {
  const cfg = ctx.cfg;
  if (!fusable(m, cfg)) return [];
  const w = window(m, cfg);
  const c = ctx.cache;
  if (c?.covers.has(m.id)) {
    const out: (MentionRow & { event_id: string })[] = [];
    for (const n of c.rows) {
      if (n.country !== m.country || n.article_id === m.article_id || !inWindow(n, w)) continue;
      let e = c.moved.get(n.id) ?? n.event_id;
      for (let i = 0; c.redirect.has(e) && i < 1000; i++) e = c.redirect.get(e)!;
      out.push(e === n.event_id ? n : { ...n, event_id: e });
    }
    return out;
  }
  return readWindows(db, [{ country: m.country!, from: w.longFrom, lo: w.lo, hi: w.hi, article: m.article_id }]);
}

interface Stretch { country: string; from: string; lo: string; hi: string; article: string }

/**
 * Stored mentions (with their events) of other articles in each stretch: those starting inside
 * [lo, hi], and intervals (partial index) starting from `from` that reach into it. UNION ALL, not OR,
 * so each branch is an index range scan on both databases; up to 20 stretches a round trip.
 */
async function readWindows(db: Db, stretches: readonly Stretch[]): Promise<(MentionRow & { event_id: string })[]> {
  const out: (MentionRow & { event_id: string })[] = [];
  for (let i = 0; i < stretches.length; i += 20) {
    const part = stretches.slice(i, i + 20);
    const sql = part.map(() =>
      `SELECT ${MCOLS_LIGHT}, em.event_id FROM mentions m JOIN event_mentions em ON em.mention_id = m.id
       WHERE m.country = ? AND m.date_start >= ? AND m.date_start <= ? AND m.article_id <> ?
       UNION ALL
       SELECT ${MCOLS_LIGHT}, em.event_id FROM mentions m JOIN event_mentions em ON em.mention_id = m.id
       WHERE m.country = ? AND m.date_start <> m.date_end AND m.date_start >= ? AND m.date_start < ? AND m.date_end >= ? AND m.article_id <> ?`).join('\n UNION ALL\n');
    out.push(...await db.all<MentionRow & { event_id: string }>(sql,
      part.flatMap((sp) => [sp.country, sp.lo, sp.hi, sp.article, sp.country, sp.from, sp.lo, sp.lo, sp.article])));
  }
  return out;
}

/**
 * Reads the candidates of all of an article's new mentions at once (one query per country and
 * stretch of overlapping windows) into ctx.cache. Call with the article's bucket locks held, after
 * its old mentions were removed.
 */
export async function prefetchCandidates(db: Db, ctx: FusionCtx, ms: readonly MentionRow[]): Promise<void> {
  const cfg = ctx.cfg;
  const wins = ms.filter((m) => fusable(m, cfg)).map((m) => ({ m, w: window(m, cfg) }))
    .sort((a, b) => (a.m.country! < b.m.country! ? -1 : a.m.country! > b.m.country! ? 1 : a.w.longFrom < b.w.longFrom ? -1 : a.w.longFrom > b.w.longFrom ? 1 : 0));
  // merge windows of one country that overlap or nearly touch
  const spans: Stretch[] = [];
  for (const { m, w } of wins) {
    const last = spans[spans.length - 1];
    if (last && last.country === m.country && w.lo <= addDays(last.hi, 7)) {
      if (w.hi > last.hi) last.hi = w.hi;
      if (w.lo < last.lo) last.lo = w.lo;
    } else spans.push({ country: m.country!, from: w.longFrom, lo: w.lo, hi: w.hi, article: m.article_id });
  }
  // a later stretch's long intervals can reach back into an earlier stretch: keep each mention once
  // (inWindow then filters per mention)
  const byId = new Map<string, MentionRow & { event_id: string }>();
  for (const r of await readWindows(db, spans)) if (!byId.has(r.id)) byId.set(r.id, r);
  const rows = [...byId.values()];
  ctx.cache = { rows, covers: new Set(wins.map((x) => x.m.id)), moved: new Map(), redirect: new Map() };
}

/**
 * Inserts a new event with an id derived from the mention that starts it (stable across stores and
 * re-runs); a taken id (live, or merged away and still resolving) gets a suffix.
 */
async function insertNewEvent(db: Db, ctx: FusionCtx, seed: string): Promise<string> {
  for (let i = 0; ; i++) {
    const id = eventIdFor(seed, i);
    const r = await db.run(`INSERT INTO events (id, event_type, created_at, updated_at)
      SELECT ?, '', ?, ? WHERE NOT EXISTS (SELECT 1 FROM merge_history WHERE other_event_id = ? AND action = 'merge')
      ON CONFLICT (id) DO NOTHING`, [id, ctx.now, ctx.now, id]);
    if (r.changes) return id;
  }
}

async function history(db: Db, ctx: FusionCtx, action: string, eventId: string, other: string | null, mentionIds: readonly string[], reason: string | null) {
  await db.run(`INSERT INTO merge_history (at, action, event_id, other_event_id, mention_ids, reason, run_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [ctx.now, action, eventId, other, JSON.stringify(mentionIds), reason, ctx.runId]);
}

async function createEvent(db: Db, ctx: FusionCtx, mentionIds: readonly string[], how: string, reason: string | null): Promise<string> {
  const id = await insertNewEvent(db, ctx, [...mentionIds].sort()[0]);
  for (const mid of mentionIds) {
    await db.run(`INSERT INTO event_mentions (mention_id, event_id, how, added_at) VALUES (?, ?, ?, ?)
                  ON CONFLICT (mention_id) DO UPDATE SET event_id = excluded.event_id, how = excluded.how, added_at = excluded.added_at`, [mid, id, how, ctx.now]);
  }
  await history(db, ctx, how === 'created' ? 'create' : 'split', id, null, mentionIds, reason);
  noteMoved(ctx, mentionIds, id);
  return id;
}

/** The id an event started by `seed` gets (its i-th alternative when taken). */
const eventIdFor = (seed: string, i = 0) => 'ev' + createHash('sha1').update(i ? `${seed}#${i}` : seed).digest('hex').slice(0, 14);

/**
 * Creates the events of ctx.pendingNew, one mention each, in a few statements; an id already taken
 * goes the one-by-one way (insertNewEvent). Returns the new events' ids.
 */
export async function flushNewEvents(db: Db, ctx: FusionCtx): Promise<string[]> {
  const pending = [...(ctx.pendingNew ?? [])].sort();
  ctx.pendingNew = [];
  const out: string[] = [];
  for (let i = 0; i < pending.length; i += 100) {
    const part = pending.slice(i, i + 100);
    const want = new Map(part.map((mid) => [eventIdFor(mid), mid]));
    const made = await db.all<{ id: string }>(`INSERT INTO events (id, event_type, created_at, updated_at)
      SELECT v.column1, '', ?, ? FROM (VALUES ${part.map(() => '(?)').join(', ')}) AS v
      WHERE NOT EXISTS (SELECT 1 FROM merge_history h WHERE h.other_event_id = v.column1 AND h.action = 'merge')
      ON CONFLICT (id) DO NOTHING RETURNING id`, [ctx.now, ctx.now, ...want.keys()]);
    const got = new Set(made.map((r) => r.id));
    const links: [string, string][] = [];
    for (const [id, mid] of want) {
      if (got.has(id)) links.push([mid, id]);
      else out.push(await createEvent(db, ctx, [mid], 'created', null)); // id taken: the slow way
    }
    if (!links.length) continue;
    await db.run(`INSERT INTO event_mentions (mention_id, event_id, how, added_at) VALUES ${links.map(() => "(?, ?, 'created', ?)").join(', ')}`,
      links.flatMap(([mid, id]) => [mid, id, ctx.now]));
    await db.run(`INSERT INTO merge_history (at, action, event_id, other_event_id, mention_ids, reason, run_id) VALUES ${links.map(() => "(?, 'create', ?, NULL, ?, NULL, ?)").join(', ')}`,
      links.flatMap(([mid, id]) => [ctx.now, id, JSON.stringify([mid]), ctx.runId]));
    out.push(...links.map(([, id]) => id));
  }
  return out;
}

async function mergeInto(db: Db, ctx: FusionCtx, from: string, into: string, reason: string): Promise<void> {
  const ms = await db.all<{ mention_id: string }>(`SELECT mention_id FROM event_mentions WHERE event_id = ? ORDER BY mention_id`, [from]);
  await db.run(`UPDATE event_mentions SET event_id = ?, how = 'merged' WHERE event_id = ?`, [into, from]);
  const blocks = await db.all<{ event_a: string; event_b: string }>(`SELECT event_a, event_b FROM fusion_blocks WHERE event_a = ? OR event_b = ?`, [from, from]);
  await db.run(`DELETE FROM fusion_blocks WHERE event_a = ? OR event_b = ?`, [from, from]);
  for (const b of blocks) await addBlock(db, ctx, b.event_a === from ? into : b.event_a, b.event_b === from ? into : b.event_b);
  await db.run(`DELETE FROM sources WHERE event_id = ?`, [from]);
  await db.run(`DELETE FROM events WHERE id = ?`, [from]);
  await history(db, ctx, 'merge', into, from, ms.map((m) => m.mention_id), reason);
  ctx.cache?.redirect.set(from, into);
}

async function addBlock(db: Db, ctx: FusionCtx, a: string, b: string): Promise<void> {
  if (a === b) return;
  const [x, y] = a < b ? [a, b] : [b, a];
  await db.run(`INSERT INTO fusion_blocks (event_a, event_b, at) VALUES (?, ?, ?) ON CONFLICT (event_a, event_b) DO NOTHING`, [x, y, ctx.now]);
}

/** Locks the event rows (PostgreSQL) and returns those that still exist with their creation time. */
async function lockEvents(db: Db, ids: readonly string[]): Promise<{ id: string; created_at: string }[]> {
  if (!ids.length) return [];
  const sorted = [...ids].sort();
  return db.all(`SELECT id, created_at FROM events WHERE id IN (${placeholders(sorted.length)}) ORDER BY id${db.forUpdate}`, sorted);
}

/**
 * Fuses one stored mention (already inserted, not yet in any event). An anchor links to every
 * compatible anchor (their events become one; the oldest id survives) and then lets the floating
 * mentions that fit it choose again; a floating mention joins the anchored event it fits best.
 */
export async function fuseMention(db: Db, ctx: FusionCtx, m: MentionRow): Promise<{ eventId: string; created: boolean; merged: number; touched: string[] }> {
  if (!isAnchor(m, ctx.cfg)) {
    const r = await placeFloater(db, ctx, m, null);
    return { eventId: r.eventId, created: r.created, merged: 0, touched: r.touched };
  }
  const cands = (await candidates(db, m, ctx)).filter((n) => compatible(m, n, ctx.cfg));
  const matches = cands.filter((n) => isAnchor(n, ctx.cfg));
  const evIds = [...new Set(matches.map((n) => n.event_id))].sort();
  let survivor: string, created = false, merged = 0;
  if (!evIds.length) {
    if (ctx.pendingNew && !cands.some((n) => !isAnchor(n, ctx.cfg))) {
      ctx.pendingNew.push(m.id); // an event of its own that no stored floater fits: created with the others
      return { eventId: '', created: true, merged: 0, touched: [] };
    }
    survivor = await createEvent(db, ctx, [m.id], 'created', null);
    created = true;
  } else {
    const rows = await lockEvents(db, evIds);
    if (rows.length !== evIds.length) throw new RetryTransaction('an event changed under fusion'); // merged away concurrently
    const blocks = await db.all<{ event_a: string; event_b: string }>(
      `SELECT event_a, event_b FROM fusion_blocks WHERE event_a IN (${placeholders(evIds.length)}) OR event_b IN (${placeholders(evIds.length)})`, [...evIds, ...evIds]);
    const blocked = new Set(blocks.map((b) => `${b.event_a}|${b.event_b}`));
    const isBlocked = (a: string, b: string) => blocked.has(a < b ? `${a}|${b}` : `${b}|${a}`);
    let order: string[];
    if (!blocks.length) {
      // the oldest event keeps its id
      order = [...rows].sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1)).map((r) => r.id);
    } else {
      const score = new Map<string, number>();
      for (const n of matches) score.set(n.event_id, Math.max(score.get(n.event_id) ?? 0, fitScore(m, n, ctx.cfg)));
      order = [...evIds].sort((a, b) => score.get(b)! - score.get(a)! || (a < b ? -1 : 1));
    }
    survivor = order[0];
    const kept = [survivor];
    for (const other of order.slice(1)) {
      if (kept.some((k) => isBlocked(k, other))) continue; // a split said these are different events
      await mergeInto(db, ctx, other, survivor, `linked by ${m.id}`);
      kept.push(other);
      merged++;
    }
    await db.run(`INSERT INTO event_mentions (mention_id, event_id, how, added_at) VALUES (?, ?, 'matched', ?)`, [m.id, survivor, ctx.now]);
    await history(db, ctx, 'attach', survivor, null, [m.id], `matches ${matches.filter((n) => kept.includes(n.event_id)).map((n) => n.id).sort().join(' ')}`);
  }
  // floating mentions that fit this anchor may now have a better event
  const touched = new Set<string>([survivor]);
  const floaters = [...new Map(cands.filter((n) => !isAnchor(n, ctx.cfg)).map((n) => [n.id, n])).values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const t of await offerAnchor(db, ctx, m, survivor, floaters)) touched.add(t);
  return { eventId: survivor, created, merged, touched: [...touched] };
}

/**
 * Puts a floating mention in the anchored event it fits best (the event of the compatible anchor
 * with the highest fit, ties to the smallest anchor id), or alone in an event of its own when none fits. `current` is the
 * event it is in now (null for a new mention). Returns the events changed.
 */
async function placeFloater(db: Db, ctx: FusionCtx, f: MentionRow, currentIn: string | null | 'lookup'): Promise<{ eventId: string; created: boolean; touched: string[] }> {
  await lockBuckets(db, ctx, bucketKeys(f, ctx.cfg));
  // where it is now, read under its bucket locks (another transaction may have moved it before)
  const current = currentIn === 'lookup'
    ? (await db.get<{ event_id: string }>(`SELECT event_id FROM event_mentions WHERE mention_id = ?`, [f.id]))?.event_id ?? null
    : currentIn;
  const opts = (await candidates(db, f, ctx)).filter((n) => isAnchor(n, ctx.cfg) && compatible(f, n, ctx.cfg));
  // each event is ranked by its best anchor for f: the highest fit, ties to the smallest mention id.
  // That is a property of the anchors alone, unchanged when their events merge, so where f ends up
  // does not depend on the order anchors and events arrived in (f is placed again whenever a
  // compatible anchor arrives).
  const best = new Map<string, { score: number; first: string }>();
  for (const n of opts) {
    const s = fitScore(f, n, ctx.cfg), b = best.get(n.event_id);
    if (!b || s > b.score || (s === b.score && n.id < b.first)) best.set(n.event_id, { score: s, first: n.id });
  }
  const ranked = [...best].sort(([, a], [, b]) => b.score - a.score || (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  if (current) {
    const block = ranked.length ? await db.get(`SELECT 1 AS x FROM fusion_blocks WHERE (event_a = ? AND event_b = ?) OR (event_a = ? AND event_b = ?)`,
      [current, ranked[0][0], ranked[0][0], current]) : undefined;
    if (block) return { eventId: current, created: false, touched: [] }; // a split put it where it is
  }
  const target = ranked[0]?.[0] ?? null;
  if (target === current && target !== null) return { eventId: current, created: false, touched: [] };
  if (target === null && currentIn === null && ctx.pendingNew) {
    ctx.pendingNew.push(f.id); // a new floating mention that fits no event: alone, created with the others
    return { eventId: '', created: true, touched: [] };
  }
  return moveFloater(db, ctx, f, current, target);
}

/**
 * A new anchor `m` (now in event `survivor`) is offered to the floating mentions it fits. Each
 * floater sits in the event of its best anchor (highest fit, ties to the smallest id: placeFloater);
 * a new anchor can only change that by beating it, so each floater's best anchor is looked up among
 * the anchors of the event it is in, and it moves to `survivor` when `m` fits it better. Two queries
 * for all the floaters, where placing each again from scratch would re-read its whole window.
 * Returns the events changed.
 */
async function offerAnchor(db: Db, ctx: FusionCtx, m: MentionRow, survivor: string, floaters: readonly MentionRow[]): Promise<string[]> {
  if (!floaters.length) return [];
  await lockBuckets(db, ctx, floaters.flatMap((f) => bucketKeys(f, ctx.cfg)));
  // where each is now, read under the bucket locks (another transaction may have moved it before)
  const ids = floaters.map((f) => f.id);
  const where = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    for (const r of await db.all<{ mention_id: string; event_id: string }>(
      `SELECT mention_id, event_id FROM event_mentions WHERE mention_id IN (${placeholders(chunk.length)})`, chunk)) where.set(r.mention_id, r.event_id);
  }
  const evs = [...new Set([...where.values()].filter((e) => e !== survivor))].sort();
  const anchorsOf = new Map<string, MentionRow[]>();
  for (let i = 0; i < evs.length; i += 200) {
    const chunk = evs.slice(i, i + 200);
    const rows = await db.all<MentionRow & { event_id: string }>(
      `SELECT ${MCOLS_LIGHT}, em.event_id FROM mentions m JOIN event_mentions em ON em.mention_id = m.id WHERE em.event_id IN (${placeholders(chunk.length)})`, chunk);
    for (const r of rows) if (isAnchor(r, ctx.cfg)) { const l = anchorsOf.get(r.event_id) ?? []; l.push(r); anchorsOf.set(r.event_id, l); }
  }
  const touched = new Set<string>();
  for (const f of floaters) {
    const current = where.get(f.id) ?? null;
    if (current === survivor) continue;
    const mine = { score: fitScore(f, m, ctx.cfg), id: m.id };
    let best: { score: number; id: string } | null = null;
    for (const a of current ? anchorsOf.get(current) ?? [] : []) {
      if (!compatible(f, a, ctx.cfg)) continue;
      const s = fitScore(f, a, ctx.cfg);
      if (!best || s > best.score || (s === best.score && a.id < best.id)) best = { score: s, id: a.id };
    }
    if (best && (best.score > mine.score || (best.score === mine.score && best.id < mine.id))) continue; // its anchor still fits it best
    if (current && await db.get(`SELECT 1 AS x FROM fusion_blocks WHERE (event_a = ? AND event_b = ?) OR (event_a = ? AND event_b = ?)`,
      [current, survivor, survivor, current])) continue; // a split put it where it is
    const r = await moveFloater(db, ctx, f, current, survivor);
    for (const t of r.touched) touched.add(t);
  }
  return [...touched];
}

/** Moves floating mention f from `current` (null: new) to `target` (null: an event of its own). */
async function moveFloater(db: Db, ctx: FusionCtx, f: MentionRow, current: string | null, target: string | null): Promise<{ eventId: string; created: boolean; touched: string[] }> {
  const others = current ? Number((await db.get<{ n: number }>(`SELECT count(*) AS n FROM event_mentions WHERE event_id = ? AND mention_id <> ?`, [current, f.id]))!.n) : 0;
  if (target === null) {
    if (current && others === 0) return { eventId: current, created: false, touched: [] }; // alone already
    if (current) await db.run(`DELETE FROM event_mentions WHERE mention_id = ?`, [f.id]);
    const id = await createEvent(db, ctx, [f.id], 'created', current ? `left ${current}` : null);
    return { eventId: id, created: true, touched: current ? [id, current] : [id] };
  }
  if (!(await lockEvents(db, [target])).length) throw new RetryTransaction('an event changed under fusion'); // merged away concurrently
  await db.run(`INSERT INTO event_mentions (mention_id, event_id, how, added_at) VALUES (?, ?, 'matched', ?)
                ON CONFLICT (mention_id) DO UPDATE SET event_id = excluded.event_id, how = excluded.how, added_at = excluded.added_at`, [f.id, target, ctx.now]);
  noteMoved(ctx, [f.id], target);
  if (current && others === 0) {
    // its own event is now empty: recorded as merged into the new one, so the old id still resolves
    await db.run(`DELETE FROM sources WHERE event_id = ?`, [current]);
    await db.run(`DELETE FROM fusion_blocks WHERE event_a = ? OR event_b = ?`, [current, current]);
    await db.run(`DELETE FROM events WHERE id = ?`, [current]);
    await history(db, ctx, 'merge', target, current, [f.id], `floating ${f.id} fits ${target}`);
    return { eventId: target, created: false, touched: [target] };
  }
  await history(db, ctx, 'attach', target, current, [f.id], `floating ${f.id} fits best`);
  return { eventId: target, created: false, touched: current ? [target, current] : [target] };
}

/** Mentions of an event, full rows. */
export async function eventMentionRows(db: Db, eventId: string): Promise<MentionRow[]> {
  return db.all<MentionRow>(`SELECT ${MCOLS} FROM mentions m JOIN event_mentions em ON em.mention_id = m.id WHERE em.event_id = ? ORDER BY m.id`, [eventId]);
}

/** Connected groups of anchors under the compatibility relation. */
function components(ms: readonly MentionRow[], cfg: FusionConfig): MentionRow[][] {
  const parent = ms.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < ms.length; i++) for (let j = i + 1; j < ms.length; j++) {
    if (find(i) !== find(j) && compatible(ms[i], ms[j], cfg)) parent[find(i)] = find(j);
  }
  const groups = new Map<number, MentionRow[]>();
  ms.forEach((m, i) => { const r = find(i); if (!groups.has(r)) groups.set(r, []); groups.get(r)!.push(m); });
  return [...groups.values()].sort((a, b) => b.length - a.length || (a[0].id < b[0].id ? -1 : 1));
}

/**
 * After mentions left an event (re-extraction): retire it when empty; when its anchors no longer
 * hang together, split it (the largest group keeps the id); floating mentions choose again.
 * Returns the events to recompute.
 */
export async function afterRemoval(db: Db, ctx: FusionCtx, eventId: string, removed: readonly string[]): Promise<string[]> {
  const rest = await eventMentionRows(db, eventId);
  await history(db, ctx, 'detach', eventId, null, removed, 're-extraction');
  if (!rest.length) {
    await db.run(`DELETE FROM sources WHERE event_id = ?`, [eventId]);
    await db.run(`DELETE FROM fusion_blocks WHERE event_a = ? OR event_b = ?`, [eventId, eventId]);
    await db.run(`DELETE FROM events WHERE id = ?`, [eventId]);
    await history(db, ctx, 'retire', eventId, null, [], 'no mentions left');
    return [];
  }
  const blocked = await db.get(`SELECT 1 AS x FROM fusion_blocks WHERE event_a = ? OR event_b = ?`, [eventId, eventId]);
  if (blocked) return [eventId]; // hand-curated: leave the grouping alone
  const out = new Set([eventId]);
  const anchors = rest.filter((m) => isAnchor(m, ctx.cfg));
  for (const g of components(anchors, ctx.cfg).slice(1)) {
    const id = await createEvent(db, ctx, g.map((m) => m.id), 'split', `re-extraction left ${eventId} in parts`);
    await db.run(`UPDATE merge_history SET other_event_id = ? WHERE event_id = ? AND action = 'split' AND other_event_id IS NULL`, [eventId, id]);
    out.add(id);
  }
  const floaters = rest.filter((m) => !isAnchor(m, ctx.cfg));
  for (const f of floaters) for (const t of (await placeFloater(db, ctx, f, eventId)).touched) out.add(t);
  const alive: string[] = [];
  for (const id of out) if (await db.get(`SELECT 1 AS x FROM events WHERE id = ?`, [id])) alive.push(id);
  return alive;
}

/** Recomputes an event's consensus fields and its sources from its mentions. */
export async function recompute(db: Db, ctx: FusionCtx, eventId: string): Promise<void> {
  await recomputeMany(db, ctx, [eventId]);
}

/** Recomputes several events, reading their mentions and claims in one query each. Gone events are skipped. */
export async function recomputeMany(db: Db, ctx: FusionCtx, eventIds: readonly string[]): Promise<void> {
  const ids = [...new Set(eventIds)].sort();
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    const inList = placeholders(chunk.length);
    const rows = await db.all<MentionRow & { event_id: string }>(
      `SELECT ${MCOLS}, em.event_id FROM mentions m JOIN event_mentions em ON em.mention_id = m.id WHERE em.event_id IN (${inList}) ORDER BY m.id`, chunk);
    const claims = await db.all<ClaimRow & { event_id: string }>(
      `SELECT c.mention_id, c.by_text, c.field, c.value, em.event_id FROM claims c JOIN event_mentions em ON em.mention_id = c.mention_id
       WHERE em.event_id IN (${inList}) ORDER BY c.mention_id, c.idx`, chunk);
    const byEvent = new Map<string, MentionRow[]>();
    for (const r of rows) { const l = byEvent.get(r.event_id) ?? []; l.push(r); byEvent.set(r.event_id, l); }
    const sourceRows: (string | number | null)[][] = [];
    const eventRows: (string | number | null)[][] = [];
    let cols: (keyof EventFields)[] = [];
    for (const id of chunk) {
      const ms = byEvent.get(id);
      if (!ms?.length) continue;
      const f = consensus(ms, claims.filter((c) => c.event_id === id));
      if (!cols.length) cols = Object.keys(f) as (keyof EventFields)[];
      eventRows.push([id, ...cols.map((c) => (c === 'consensus' ? JSON.stringify(f[c]) : (f[c] as string | number | null))), ctx.now, ctx.now]);
      const per = new Map<string, { n: number; first: string | null }>();
      for (const m of ms) {
        const o = m.outlet ?? `article:${m.article_id}`;
        const p = per.get(o) ?? { n: 0, first: null };
        p.n++;
        if (m.published && (!p.first || m.published < p.first)) p.first = m.published;
        per.set(o, p);
      }
      for (const [o, p] of [...per].sort()) sourceRows.push([id, o, p.n, p.first]);
    }
    // one upsert for many events (they exist: their mentions point at them), not an UPDATE each
    for (let j = 0; j < eventRows.length; j += 40) {
      const part = eventRows.slice(j, j + 40);
      await db.run(`INSERT INTO events (id, ${cols.join(', ')}, created_at, updated_at) VALUES ${part.map(() => `(${placeholders(cols.length + 3)})`).join(', ')}
        ON CONFLICT (id) DO UPDATE SET ${cols.map((c) => `${c} = excluded.${c}`).join(', ')}, updated_at = excluded.updated_at`, part.flat());
    }
    await db.run(`DELETE FROM sources WHERE event_id IN (${inList})`, chunk);
    for (let j = 0; j < sourceRows.length; j += 100) {
      const part = sourceRows.slice(j, j + 100);
      await db.run(`INSERT INTO sources (event_id, outlet, n_mentions, first_published) VALUES ${part.map(() => '(?, ?, ?, ?)').join(', ')}`, part.flat());
    }
  }
}

/** Moves mentions of an event into a new event and blocks the two from being merged again. */
export async function splitEvent(db: Db, ctx: FusionCtx, eventId: string, mentionIds: readonly string[], reason: string | null): Promise<string> {
  const rows = await lockEvents(db, [eventId]);
  if (!rows.length) throw new Error(`no event ${eventId}`);
  const all = await eventMentionRows(db, eventId);
  const ids = new Set(mentionIds);
  const moving = all.filter((m) => ids.has(m.id));
  if (moving.length !== ids.size) throw new Error(`not all of ${[...ids].join(', ')} are mentions of ${eventId}`);
  if (moving.length === all.length) throw new Error('a split must leave at least one mention in the event');
  await lockBuckets(db, ctx, all.flatMap((m) => bucketKeys(m, ctx.cfg)));
  const id = await createEvent(db, ctx, moving.map((m) => m.id), 'split', reason ?? 'manual split');
  await db.run(`UPDATE merge_history SET other_event_id = ? WHERE event_id = ? AND action = 'split' AND other_event_id IS NULL`, [eventId, id]);
  await addBlock(db, ctx, eventId, id);
  await recompute(db, ctx, eventId);
  await recompute(db, ctx, id);
  return id;
}
