/**
 * The Document: one article and the read-only layers the stages add to it.
 *
 * Stages never edit a layer another stage wrote; each returns its own layers and the runner
 * (src/pipeline/run.ts) freezes a new Document with them added.
 */
import type { Span, Value } from './span.js';
import type {
  ActorKind, DatePrecision, EventType, GeoPrecision, PloverEvent, SubEventType, TimexType,
} from './taxonomy.js';
import type { Message } from './messages.js';

/** An article as it enters the pipeline. `text` is the text all spans point into. */
export interface Article {
  readonly id: string;
  /** Plain text; for HTML input, the text the input layer extracted (docs/pipeline.md). */
  readonly text: string;
  /** Publication date given by the caller or record (YYYY-MM-DD), if any. */
  readonly published?: string | null;
  readonly url?: string | null;
  readonly outlet?: string | null;
  readonly title?: string | null;
  /** Where the article came from (file path, batch line, URL) for messages. */
  readonly origin?: string | null;
  /** Publication date found by the input layer in markup (meta tags, JSON-LD). */
  readonly publishedMeta?: string | null;
  /** Language of the page (BCP 47 tag from <html lang>, Content-Language or a meta tag), when known. */
  readonly language?: string | null;
}

// ------------------------------------------------------------------ layers

export interface CleanLayer {
  /** Spans of article body kept for analysis, in order (paragraphs). */
  readonly body: readonly Span[];
  /** Boilerplate removed, with the rule that removed it. */
  readonly removed: readonly { readonly span: Span; readonly reason: string }[];
  /** The publication date the rest of the pipeline resolves against (YYYY-MM-DD), or null. */
  readonly published: Value<string> | null;
  /** Set when the date found in the page conflicts with dates in the text (e.g. a crawl date). */
  readonly publishedSuspect: { readonly reason: string; readonly span: Span | null } | null;
}

export interface Token {
  readonly start: number;
  readonly end: number;
  /** Lower-cased surface form. */
  readonly norm: string;
}

export interface Sentence {
  readonly index: number;
  readonly span: Span;
  readonly tokens: readonly Token[];
  /** Index of the body paragraph the sentence belongs to. */
  readonly paragraph: number;
}

export interface ActorMention {
  readonly span: Span;
  readonly text: string;
  /** Canonical name when known ("Islamic State", "Military Forces of Syria"). */
  readonly name: string | null;
  readonly kind: ActorKind;
  readonly country: Value<string> | null; // ISO 3166 alpha-3
  /** Span of the head noun/name, used for role assignment. */
  readonly head: Span;
  /** Sentence index. */
  readonly sentence: number;
  /** True for a source of information (news agency, monitor, spokesperson) rather than a party. */
  readonly isSource: boolean;
  readonly by: string;
}

export interface PlaceCandidate {
  readonly geonameid: number | null;
  readonly name: string;
  readonly lat: number | null;
  readonly lon: number | null;
  readonly countryIso3: string | null;
  readonly admin1: string | null;
  /** 'P' populated place, 'A' admin division, 'C' country, 'R' region/feature (custom). */
  readonly featureClass: string;
  readonly featureCode: string;
  readonly population: number;
}

export interface PlaceMention {
  readonly span: Span;
  readonly text: string;
  readonly sentence: number;
  /** The resolved place, or null when recognised but not resolved. */
  readonly resolved: PlaceCandidate | null;
  /** How the name is used: the place itself, or a place described against it ("a village outside X"). */
  readonly precision: GeoPrecision;
  /** A wider name ("a village outside Derik" → the span of the whole description). */
  readonly described: Span | null;
  readonly how: 'stated' | 'inferred';
  readonly by: string;
  /** True when the name is a demonym or adjective ("Russian", "Israelis") standing for its country. */
  readonly adjectival?: boolean;
}

export interface TimeMention {
  readonly span: Span;
  readonly text: string;
  readonly sentence: number;
  readonly type: TimexType;
  /** TIMEX3 value (2020-09-01, 2020-09, 2020, 2020-W36, P3D, PRESENT_REF…), null if unresolvable. */
  readonly value: string | null;
  readonly precision: DatePrecision | null;
  /** True when the value was computed relative to the publication date. */
  readonly relative: boolean;
  readonly by: string;
}

export interface EventMention {
  /** Index within the article, in order of importance (most important first). */
  readonly id: number;
  readonly sentence: number;
  /** The sentence(s) that state the event. */
  readonly evidence: Span;
  /** The word or phrase that signals the event ("protested", "airstrike"). */
  readonly trigger: Span;
  /** null for a PLOVER-only event (no ACLED type: a threat, an accusation, talks…). */
  readonly eventType: Value<EventType | null>;
  readonly subEventType: Value<SubEventType | null>;
  readonly plover: { readonly event: PloverEvent; readonly mode: string | null } | null;
  readonly confidence: number;
  /** Background events reported as context rather than news (still concrete). */
  readonly background: boolean;
}

export interface ActorRef {
  readonly text: string;
  readonly span: Span;
  readonly kind: ActorKind;
  readonly country: string | null;
  readonly name: string | null;
  readonly how: 'stated' | 'inferred';
  readonly by: string;
}

export interface EventArguments {
  readonly event: number; // EventMention.id
  readonly actor1: ActorRef | null;
  readonly actor2: ActorRef | null;
  readonly location: {
    readonly place: PlaceMention;
    readonly precision: GeoPrecision;
    readonly how: 'stated' | 'inferred';
    readonly by: string;
  } | null;
  readonly date: {
    readonly value: string | null;
    readonly precision: DatePrecision | null;
    readonly text: string;
    readonly span: Span;
    /** Resolved against the publication date (relative expression). */
    readonly relative: boolean;
    readonly how: 'stated' | 'inferred';
    readonly by: string;
  } | null;
  readonly fatalities: Value<number> | null;
  readonly injured: Value<number> | null;
}

export interface Claim {
  /** Who makes it ("Syrian Observatory for Human Rights", "reportedly"). */
  readonly by: { readonly text: string; readonly span: Span };
  /** What they say, when it differs from other sources (toll, perpetrator, whether it happened). */
  readonly says: string | null;
  readonly field: 'event' | 'fatalities' | 'injured' | 'actor1' | 'cause' | null;
  readonly value: string | number | null;
  readonly span: Span | null;
}

export interface Attribution {
  readonly event: number;
  readonly claimedBy: readonly { readonly text: string; readonly span: Span }[];
  readonly claims: readonly Claim[];
  readonly contested: boolean;
}

export interface Layers {
  readonly clean: CleanLayer;
  readonly sentences: readonly Sentence[];
  readonly actors: readonly ActorMention[];
  readonly places: readonly PlaceMention[];
  readonly times: readonly TimeMention[];
  readonly events: readonly EventMention[];
  readonly arguments: readonly EventArguments[];
  readonly attribution: readonly Attribution[];
}
export type LayerName = keyof Layers;

export interface Document {
  readonly article: Article;
  /** Same as article.text: the text every span indexes. */
  readonly text: string;
  readonly layers: Partial<Layers>;
  readonly messages: readonly Message[];
}

/** A layer a stage declared it reads; throws a coded error if the runner let it be missing. */
export function layer<K extends LayerName>(doc: Document, name: K): Layers[K] {
  const l = doc.layers[name];
  if (l === undefined) throw new Error(`layer "${name}" read before it was written`);
  return l as Layers[K];
}
