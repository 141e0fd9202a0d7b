/**
 * API errors: every failure a route can meet becomes an ApiError, and `errorResponse` (used by the
 * app's onError and notFound, nowhere else) turns it into the one error body {code, message, field}.
 */
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface ErrorBody { readonly code: string; readonly message: string; readonly field: string | null }

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badParam = (field: string, message: string) => new ApiError(400, 'invalid_parameter', message, field);

/** The HTTP response for anything thrown inside a route. Unknown errors are 500 and logged, never echoed. */
export function errorResponse(e: unknown, log: (msg: string) => void = (m) => process.stderr.write(m + '\n')): Response {
  let err: ApiError;
  if (e instanceof ApiError) err = e;
  else if (e instanceof HTTPException) err = new ApiError(e.status as ContentfulStatusCode, e.status === 413 ? 'body_too_large' : 'http_error', e.message || 'request refused');
  else if (e instanceof SyntaxError) err = new ApiError(400, 'bad_json', `the body is not valid JSON (${e.message})`, 'body');
  else {
    log(`sitrep serve: internal error: ${(e as Error)?.stack ?? String(e)}`);
    err = new ApiError(500, 'internal', 'internal error; see the server log');
  }
  const body: ErrorBody = { code: err.code, message: err.message, field: err.field };
  return new Response(JSON.stringify(body), {
    status: err.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...err.headers },
  });
}
