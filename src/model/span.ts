/**
 * Spans and provenance-carrying values.
 *
 * A Span is a pair of UTF-16 offsets (JavaScript string indices) into the article text as given,
 * end exclusive. Every stage speaks this one coordinate system; nothing downstream sees another.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** How a value was obtained: read from the text, reasoned from other values, or assumed. */
export type How = 'stated' | 'inferred' | 'default';

/**
 * An extracted field with its evidence: the value, the span of text that supports it (null for
 * defaults), how it was obtained, and which rule produced it (`stage/rule-id`).
 */
export interface Value<T> {
  readonly value: T;
  readonly span: Span | null;
  readonly how: How;
  readonly by: string;
}

export const span = (start: number, end: number): Span => ({ start, end });

export function stated<T>(value: T, s: Span, by: string): Value<T> {
  return { value, span: s, how: 'stated', by };
}
export function inferred<T>(value: T, s: Span | null, by: string): Value<T> {
  return { value, span: s, how: 'inferred', by };
}
export function byDefault<T>(value: T, by: string): Value<T> {
  return { value, span: null, how: 'default', by };
}

export const spanText = (text: string, s: Span): string => text.slice(s.start, s.end);
export const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;
export const within = (inner: Span, outer: Span): boolean => outer.start <= inner.start && inner.end <= outer.end;
export const cover = (a: Span, b: Span): Span => ({ start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) });
