/** Argument handling shared by every `sitrep` command: parsing, usage errors, date options. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ERRORS } from '../model/errors.js';
import { parseDuration } from '../feeds/list.js';
import type { InputResult } from '../run/extract-batch.js';

/** A usage error: printed with the command's help, exit status 2. */
export class CliUsage extends Error {}

export const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseCli(args: string[], options: NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>):
  { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const r = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: r.values as Record<string, string | boolean | undefined>, positionals: r.positionals };
  } catch (e) {
    throw new CliUsage((e as Error).message);
  }
}

/** Runs a command body, turning usage errors into a message and exit status 2. */
export async function withUsage(cmd: string, help: string, fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof CliUsage) {
      process.stderr.write(`sitrep ${cmd}: ${e.message}\n(${ERRORS.E013_BAD_OPTION.hint})\n\n${help}`);
      return 2;
    }
    throw e;
  }
}

/** --published: YYYY-MM-DD or absent. */
export function publishedOption(v: string | boolean | undefined): string | null {
  if (v === undefined) return null;
  if (typeof v !== 'string' || !DATE.test(v)) throw new CliUsage(`--published must be YYYY-MM-DD, got "${String(v)}"`);
  return v;
}

/** A duration option (90s, 10m, 1h) in milliseconds, or its default when absent. */
export function durationOption(v: string | boolean | undefined, name: string, dflt: number): number {
  if (v === undefined) return dflt;
  const ms = parseDuration(String(v));
  if (ms === null || ms <= 0) throw new CliUsage(`${name} takes a duration (90s, 10m, 1h), got "${String(v)}"`);
  return ms;
}

/** A whole-number option ≥ min, or its default when absent. */
export function countOption(v: string | boolean | undefined, name: string, dflt: number, min = 1): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new CliUsage(`${name} takes a whole number ≥ ${min}, got "${String(v)}"`);
  return n;
}

/** --dates FILE: a JSON map of article id → publication date, for articles whose text states none. */
export function readDates(file: string | boolean | undefined): Map<string, string> | null {
  if (file === undefined) return null;
  if (typeof file !== 'string') throw new CliUsage('--dates takes a file');
  let raw: unknown;
  try { raw = JSON.parse(readFileSync(file, 'utf8')); } catch (e) { throw new CliUsage(`--dates ${file}: ${(e as Error).message}`); }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new CliUsage(`--dates ${file}: expected a JSON object of id → YYYY-MM-DD`);
  const m = new Map<string, string>();
  for (const [id, d] of Object.entries(raw)) {
    if (typeof d !== 'string' || !DATE.test(d)) throw new CliUsage(`--dates ${file}: "${id}" has "${String(d)}", not YYYY-MM-DD`);
    m.set(id, d);
  }
  return m;
}

/** Gives each article without a publication date the one --dates names for its id. */
export async function* withDates<R extends InputResult>(inputs: AsyncIterable<R>, dates: Map<string, string> | null): AsyncGenerator<R> {
  for await (const r of inputs) {
    if (dates && r.ok && !r.article.published && dates.has(r.article.id)) yield { ...r, article: { ...r.article, published: dates.get(r.article.id)! } };
    else yield r;
  }
}
