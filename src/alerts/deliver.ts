/**
 * Alert delivery: stdout (one JSON line per alert), a JSONL file (appended), or a webhook (POST of the
 * alert as JSON, retried with exponential backoff on network errors, 5xx, 408 and 429). Webhooks go
 * through safeFetch, so the same address rules apply (a rule may set allow_private for an internal
 * receiver; --allow-private allows it for all).
 */
import { appendFileSync } from 'node:fs';
import { safeFetch, FetchError, type Resolver } from '../fetch/fetch.js';
import { sleep } from '../fetch/client.js';
import type { Delivery } from './rules.js';
import type { Alert } from './engine.js';

export interface DeliveryOptions {
  readonly allowPrivate?: boolean;
  readonly out?: (line: string) => void;
  readonly log?: (msg: string) => void;
  readonly backoffBaseMs?: number;
  readonly resolve?: Resolver;
}

export class Deliverer {
  private readonly pending = new Set<Promise<void>>();
  readonly stats = { stdout: 0, jsonl: 0, webhook: 0, webhookAttempts: 0, webhookFailed: 0 };
  constructor(private readonly opts: DeliveryOptions = {}) {}

  private log(m: string) { (this.opts.log ?? ((s: string) => process.stderr.write(s + '\n')))(m); }

  async deliver(alert: Alert, to: readonly Delivery[]): Promise<void> {
    const line = JSON.stringify(alert);
    for (const d of to) {
      if (d.kind === 'stdout') {
        (this.opts.out ?? ((s: string) => process.stdout.write(s + '\n')))(line);
        this.stats.stdout++;
      } else if (d.kind === 'jsonl') {
        try { appendFileSync(d.path, line + '\n'); this.stats.jsonl++; } catch (e) { this.log(`alert ${alert.rule.id}: cannot append to ${d.path}: ${(e as Error).message}`); }
      } else {
        const p = this.webhook(alert, line, d).finally(() => this.pending.delete(p));
        this.pending.add(p);
      }
    }
  }

  private async webhook(alert: Alert, body: string, d: Extract<Delivery, { kind: 'webhook' }>): Promise<void> {
    const base = this.opts.backoffBaseMs ?? 1000;
    for (let attempt = 0; ; attempt++) {
      this.stats.webhookAttempts++;
      try {
        await safeFetch(d.url, {
          method: 'POST', body, timeoutMs: d.timeoutMs, maxRedirects: 0, maxBytes: 64 * 1024,
          headers: { 'content-type': 'application/json', 'x-sitrep-rule': alert.rule.id, 'x-sitrep-event': alert.event.id, ...d.headers },
          allowPrivate: d.allowPrivate || this.opts.allowPrivate, resolve: this.opts.resolve,
        });
        this.stats.webhook++;
        return;
      } catch (e) {
        const transient = e instanceof FetchError ? e.transient : false;
        if (!transient || attempt >= d.retries) {
          this.stats.webhookFailed++;
          this.log(`alert ${alert.rule.id} → ${d.url}: delivery failed after ${attempt + 1} attempt(s): ${(e as Error).message}`);
          return;
        }
        const wait = Math.max(base * 2 ** attempt, e instanceof FetchError ? e.extra.retryAfterMs ?? 0 : 0);
        await sleep(Math.min(wait, 60_000));
      }
    }
  }

  /** Resolves when every webhook delivery started so far has succeeded or given up. */
  async flush(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }
}
