/**
 * The store port: one typed, async interface over SQLite and PostgreSQL. The CLI (ingest, export,
 * worker) and the HTTP API talk only to this.
 */
import type { Article } from '../model/document.js';
import type { Prediction } from '../output/predictions.js';
import type { DialectName } from './db.js';

export interface IngestOptions {
  readonly pipelineVersion: string;
  readonly runId?: string | null;
  /** A queue job to mark done in the same transaction. */
  readonly jobId?: number | null;
}

export type IngestStatus = 'stored' | 'replaced' | 'unchanged';
export interface IngestOutcome {
  readonly status: IngestStatus;
  readonly articleId: string;
  readonly mentions: number;
  readonly eventsCreated: number;
  readonly eventsMerged: number;
}

export interface ArticleKey { readonly id: string; readonly urlCanonical: string | null; readonly contentHash: string }
export interface ArticleState { readonly id: string; readonly pipelineVersion: string; readonly contentHash: string }

export interface Toll { readonly low: number | null; readonly best: number | null; readonly high: number | null }
export interface TollClaim { readonly value: number; readonly outlet: string | null; readonly by: string | null; readonly mention: string; readonly role: 'extracted' | 'claim' }

export interface EventActor { readonly text: string | null; readonly name: string | null; readonly kind: string | null; readonly country: string | null }

/** A fused event as stored and returned by queries. */
export interface StoredEvent {
  readonly id: string;
  readonly eventType: string;
  readonly subEventType: string | null;
  readonly ploverEvent: string | null;
  readonly date: string | null;
  readonly datePrecision: string | null;
  readonly dateMin: string | null;
  readonly dateMax: string | null;
  readonly actor1: EventActor | null;
  readonly actor2: EventActor | null;
  readonly location: {
    readonly text: string | null; readonly geonameid: number | null; readonly lat: number | null; readonly lon: number | null;
    readonly country: string | null; readonly admin1: string | null; readonly precision: string | null;
  };
  readonly spreadKm: number | null;
  readonly fatalities: Toll;
  readonly injured: Toll;
  readonly confidence: number;
  readonly nMentions: number;
  readonly nSources: number;
  readonly contested: boolean;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  readonly notes: string | null;
  readonly sources: readonly string[];
  /** Per-field votes, spread and who claims each toll (see fusion/consensus.ts). */
  readonly consensus: Record<string, unknown>;
  readonly updatedAt: string;
}

export interface StoredMention {
  readonly id: string;
  readonly articleId: string;
  readonly eventId: string | null;
  readonly outlet: string | null;
  readonly url: string | null;
  readonly published: string | null;
  readonly eventType: string;
  readonly subEventType: string | null;
  readonly date: string | null;
  readonly location: string | null;
  readonly fatalities: number | null;
  readonly evidence: string | null;
  readonly data: unknown;
}

export interface EventFilter {
  /** Event date range, inclusive (YYYY-MM-DD). */
  readonly from?: string;
  readonly to?: string;
  /** [minLon, minLat, maxLon, maxLat] */
  readonly bbox?: readonly [number, number, number, number];
  readonly near?: { readonly lat: number; readonly lon: number; readonly km: number };
  readonly eventType?: string | readonly string[];
  readonly subEventType?: string | readonly string[];
  /** Text, name or kind of either actor (case-insensitive substring). */
  readonly actor?: string;
  /** ISO 3166 alpha-3. */
  readonly country?: string | readonly string[];
  /** Outlet name of any source (case-insensitive substring). */
  readonly source?: string;
  /** Full text over the articles behind the event. */
  readonly text?: string;
  readonly minConfidence?: number;
}

export interface Page<T> { readonly items: readonly T[]; readonly next: string | null }

/** One stored article: its text (all spans point into it) and the mentions it gave (HTTP API: articles, evidence). */
export interface StoredArticle {
  readonly id: string;
  readonly extId: string | null;
  readonly url: string | null;
  readonly outlet: string | null;
  readonly title: string | null;
  readonly published: string | null;
  /** BCP 47 language tag of the page, when the input said (URL and feed ingest). */
  readonly language: string | null;
  readonly text: string;
  readonly ingestedAt: string;
  readonly pipelineVersion: string;
  readonly messages: unknown;
  readonly mentions: readonly StoredMention[];
}

/** A light row per event for maps and timelines (no consensus, no actors). */
export interface EventPoint {
  readonly id: string;
  readonly date: string | null;
  readonly eventType: string;
  readonly subEventType: string | null;
  readonly lat: number | null;
  readonly lon: number | null;
  readonly precision: string | null;
  readonly fatalities: number | null;
  readonly contested: boolean;
  readonly country: string | null;
}
export type CountBy = 'day' | 'week' | 'month' | 'type' | 'sub_type' | 'country';

export interface MergeRecord {
  readonly at: string; readonly action: string; readonly eventId: string; readonly otherEventId: string | null;
  readonly mentionIds: readonly string[]; readonly reason: string | null;
}

export interface RunCounts {
  seen: number; stored: number; replaced: number; unchanged: number; failed: number; queued: number; mentions: number;
}

export interface Job { readonly id: number; readonly article: Article; readonly attempts: number }
export interface QueueStats { readonly queued: number; readonly running: number; readonly done: number; readonly failed: number }

export interface Store {
  readonly dialect: DialectName;
  /** Applies pending migrations; returns how many ran. */
  migrate(): Promise<number>;

  // --- ingest
  /** The stored state of the article with this canonical URL or content hash, if any. */
  articleState(key: ArticleKey): Promise<ArticleState | null>;
  /** Stores one article with its mentions and fuses them, in one transaction. Idempotent. */
  ingest(article: Article, prediction: Prediction, opts: IngestOptions): Promise<IngestOutcome>;
  startRun(command: string, pipelineVersion: string): Promise<string>;
  finishRun(id: string, counts: RunCounts, errors: readonly { input: string; code: string; message: string }[], status?: string): Promise<void>;

  // --- events
  getEvent(id: string): Promise<StoredEvent | null>;
  /** The id an old (merged-away) event id lives on as, following the merge history. */
  resolveEventId(id: string): Promise<string | null>;
  eventMentions(id: string): Promise<StoredMention[]>;
  history(id: string): Promise<MergeRecord[]>;
  queryEvents(filter: EventFilter, page?: { limit?: number; cursor?: string | null }): Promise<Page<StoredEvent>>;
  countEvents(filter: EventFilter, by: CountBy): Promise<{ key: string; count: number }[]>;
  /** Moves these mentions of an event into a new event that fusion will not merge back. */
  split(eventId: string, mentionIds: readonly string[], reason?: string): Promise<{ eventId: string; newEventId: string }>;

  // --- queue (PostgreSQL; works on SQLite for one worker)
  enqueue(articles: readonly Article[], runId: string | null, pipelineVersion: string): Promise<number>;
  claimJobs(worker: string, n: number, leaseMs: number): Promise<Job[]>;
  failJob(id: number, error: string, maxAttempts: number): Promise<void>;
  queueStats(): Promise<QueueStats>;

  /** An article with its text and mentions (null when unknown). */
  getArticle(id: string): Promise<StoredArticle | null>;
  /** Every event matching the filter as a light point, newest first, at most `limit` (truncated says when more matched). */
  eventPoints(filter: EventFilter, limit: number): Promise<{ items: EventPoint[]; truncated: boolean }>;

  stats(): Promise<{ articles: number; mentions: number; events: number }>;
  close(): Promise<void>;
}
