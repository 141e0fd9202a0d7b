/** The catalogue of coded problems: every code, what it means, and a hint to fix it. */

export const ERRORS = {
  E001_INPUT_NOT_FOUND: { level: 'error', hint: 'Check the path; folders are read recursively for .txt, .html, .htm, .json and .jsonl files.' },
  E002_INPUT_EMPTY: { level: 'error', hint: 'The input holds no text (or only whitespace): nothing to extract.' },
  E003_INPUT_BINARY: { level: 'error', hint: 'The input looks like a binary file (NUL bytes or control characters); pass text, HTML or JSONL.' },
  E004_INPUT_TOO_LARGE: { level: 'error', hint: 'Inputs over the size limit are refused; split the file or raise --max-bytes.' },
  E005_ENCODING: { level: 'warning', hint: 'The bytes were not valid UTF-8; the detected encoding was used. Re-save as UTF-8 to be sure.' },
  E006_BAD_JSONL: { level: 'error', hint: 'Each batch line must be a JSON object {"id","text","published"?}; the line was skipped.' },
  E007_HTML_NO_ARTICLE: { level: 'warning', hint: 'Readability found no article body; the page text was used as a whole.' },
  E008_BAD_DATE: { level: 'warning', hint: 'Publication dates must be YYYY-MM-DD; the value was ignored.' },
  E009_PUBLISHED_SUSPECT: { level: 'warning', hint: 'The page date conflicts with dates in the text (often a crawl or update date); relative dates were resolved against it but may be off.' },
  E010_NO_PUBLISHED: { level: 'info', hint: 'No publication date in the text or given; relative dates stay unresolved (pass --published).' },
  E011_STAGE_FAILED: { level: 'error', hint: 'A pipeline stage threw on this article; the article was skipped. Please report it with the input.' },
  E012_DUPLICATE_ID: { level: 'warning', hint: 'Two inputs share an id; the later one was renamed with a suffix.' },
  E013_BAD_OPTION: { level: 'error', hint: 'See `sitrep --help` for the options.' },
} as const;
export type ErrorCode = keyof typeof ERRORS;

/** An error that names the input and the problem; the CLI prints it and goes on with the batch. */
export class SitrepError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly input: string | null = null,
  ) {
    super(input ? `${input}: ${message}` : message);
    this.name = 'SitrepError';
  }
  get hint(): string {
    return ERRORS[this.code].hint;
  }
}
