/**
 * Problems that must not stop a batch are messages on the document or on the run, never bare
 * exceptions. One catalogue of codes (src/model/errors.ts) says what each means and how to fix it.
 */
import type { Span } from './span.js';
import type { ErrorCode } from './errors.js';

export interface Message {
  readonly code: ErrorCode;
  readonly level: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly stage: string | null;
  readonly span: Span | null;
}
