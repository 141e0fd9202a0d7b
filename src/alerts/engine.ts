/**
 * The alert engine: after ingest creates or updates events, `check(events)` evaluates every rule on
 * each and fires when an event NEWLY meets a rule. The state is kept per (rule, event) in the store
 * (alert_state): an event that keeps meeting a rule as it grows (more sources, a higher toll) does not
 * alert again; one that stops meeting it and later meets it again does. An event that absorbed
 * (merged) an event which had already fired for the rule inherits that state instead of firing twice.
 */
import type { Db } from '../store/db.js';
import type { Store, StoredEvent } from '../store/port.js';
import { publicEvent } from '../api/views.js';
import { dbOf, ensureFeedTables } from '../feeds/state.js';
import type { AlertRule, RuleSet } from './rules.js';
import { matchRule } from './match.js';
import { Deliverer, type DeliveryOptions } from './deliver.js';

export interface Alert {
  readonly type: 'sitrep.alert';
  readonly rule: { readonly id: string; readonly name: string };
  readonly firedAt: string;
  readonly why: readonly string[];
  readonly event: {
    readonly id: string; readonly eventType: string; readonly subEventType: string | null; readonly date: string | null;
    readonly location: string | null; readonly country: string | null; readonly lat: number | null; readonly lon: number | null;
    readonly fatalities: number | null; readonly actor1: string | null; readonly actor2: string | null;
    readonly nSources: number; readonly sources: readonly string[]; readonly url: string;
  };
}

export function alertOf(rule: AlertRule, e: StoredEvent, why: readonly string[], at: string): Alert {
  const p = publicEvent(e);
  return {
    type: 'sitrep.alert', rule: { id: rule.id, name: rule.name }, firedAt: at, why,
    event: {
      id: p.id, eventType: p.eventType, subEventType: p.subEventType, date: p.date,
      location: p.location.text, country: p.location.country, lat: p.location.lat, lon: p.location.lon,
      fatalities: p.fatalities.best ?? p.fatalities.low, actor1: p.actor1?.name ?? p.actor1?.text ?? null, actor2: p.actor2?.name ?? p.actor2?.text ?? null,
      nSources: p.nSources, sources: p.sources, url: `/api/events/${encodeURIComponent(p.id)}`,
    },
  };
}

/** Events an article's mentions belong to (what its ingest created or updated). */
export async function eventIdsOfArticle(db: Db, articleId: string): Promise<string[]> {
  const rows = await db.all<{ event_id: string }>(
    `SELECT DISTINCT em.event_id FROM mentions m JOIN event_mentions em ON em.mention_id = m.id WHERE m.article_id = ? ORDER BY em.event_id`, [articleId]);
  return rows.map((r) => r.event_id);
}

export class AlertEngine {
  private readonly db: Db;
  private readonly deliverer: Deliverer;
  readonly stats = { checked: 0, fired: 0, suppressed: 0 };

  private constructor(private readonly store: Store, readonly rules: RuleSet, db: Db, deliver: DeliveryOptions) {
    this.db = db;
    this.deliverer = new Deliverer(deliver);
  }

  static async create(store: Store, rules: RuleSet, deliver: DeliveryOptions = {}): Promise<AlertEngine> {
    const db = dbOf(store);
    await ensureFeedTables(db);
    return new AlertEngine(store, rules, db, deliver);
  }

  /** Checks the events behind one stored article. */
  async checkArticle(articleId: string): Promise<Alert[]> {
    const ids = await eventIdsOfArticle(this.db, articleId);
    const events: StoredEvent[] = [];
    for (const id of ids) { const e = await this.store.getEvent(id); if (e) events.push(e); }
    return this.check(events);
  }

  /** Evaluates every rule on each event; delivers and returns the alerts that fired. */
  async check(events: readonly StoredEvent[]): Promise<Alert[]> {
    const fired: Alert[] = [];
    for (const e of events) {
      this.stats.checked++;
      for (const rule of this.rules.rules) {
        const m = matchRule(rule, e);
        const a = await this.transition(rule, e, m.ok, m.why);
        if (a) fired.push(a);
      }
    }
    for (const a of fired) {
      const rule = this.rules.rules.find((r) => r.id === a.rule.id)!;
      await this.deliverer.deliver(a, rule.deliver);
    }
    return fired;
  }

  /** Records the rule's state for the event; returns an alert when it newly matches. */
  private async transition(rule: AlertRule, e: StoredEvent, ok: boolean, why: readonly string[]): Promise<Alert | null> {
    const now = new Date().toISOString();
    return this.db.tx(async (db) => {
      await db.lock([`alert:${rule.id}:${e.id}`]);
      const prev = await db.get<{ matched: number }>(`SELECT matched FROM alert_state WHERE rule_id = ? AND event_id = ?${db.forUpdate}`, [rule.id, e.id]);
      const was = !!Number(prev?.matched ?? 0);
      if (ok === was) return null;
      if (!ok) {
        await db.run(`UPDATE alert_state SET matched = 0, updated_at = ? WHERE rule_id = ? AND event_id = ?`, [now, rule.id, e.id]);
        return null;
      }
      // an event that absorbed one that already alerted for this rule does not alert again
      const inherited = !prev && await this.absorbedFired(db, rule.id, e.id);
      await db.run(
        `INSERT INTO alert_state (rule_id, event_id, matched, first_fired_at, last_fired_at, fired, updated_at) VALUES (?, ?, 1, ?, ?, ?, ?)
         ON CONFLICT (rule_id, event_id) DO UPDATE SET matched = 1, last_fired_at = excluded.last_fired_at,
           first_fired_at = coalesce(alert_state.first_fired_at, excluded.first_fired_at), fired = alert_state.fired + excluded.fired, updated_at = excluded.updated_at`,
        [rule.id, e.id, inherited ? null : now, inherited ? null : now, inherited ? 0 : 1, now]);
      if (inherited) { this.stats.suppressed++; return null; }
      this.stats.fired++;
      return alertOf(rule, e, why, now);
    });
  }

  private async absorbedFired(db: Db, ruleId: string, eventId: string): Promise<boolean> {
    const merged = await db.all<{ other_event_id: string }>(
      `SELECT other_event_id FROM merge_history WHERE event_id = ? AND action = 'merge' AND other_event_id IS NOT NULL`, [eventId]);
    if (!merged.length) return false;
    const ids = merged.map((m) => m.other_event_id);
    const r = await db.get<{ n: number }>(
      `SELECT count(*) AS n FROM alert_state WHERE rule_id = ? AND matched = 1 AND event_id IN (${ids.map(() => '?').join(', ')})`, [ruleId, ...ids]);
    return Number(r?.n ?? 0) > 0;
  }

  /** Waits for webhook deliveries still retrying. */
  flush(): Promise<void> { return this.deliverer.flush(); }
  get deliveryStats() { return this.deliverer.stats; }
}
