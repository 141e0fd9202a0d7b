/**
 * readInputs: files, folders (recursive), batch JSONL and stdin → a stream of articles or errors.
 * A bad input is an error result naming it (path, or path:line for a batch line); the stream goes on.
 * Sizes are checked with stat before reading; batch files are streamed line by line, the limit then
 * applying to each record, so a batch of any size can be read.
 */
import { createReadStream } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Article } from '../model/document.js';
import { SitrepError } from '../model/errors.js';
import {
  articleFromBytes, articlesFromString, idFromName, kindFromExtension, recordFromLine,
  type ArticleOptions, type InputKind, type InputResult,
} from './article.js';
import { decodeBytes, decodeCp1252, sniffUtf16 } from './decode.js';

export interface ReadOptions {
  /** Read standard input (also done for a path '-'). */
  readonly stdin?: boolean;
  /** Largest article accepted, in bytes (a file; for batches, one record). Default 5 MB. */
  readonly maxBytes?: number;
  /** Publication date (YYYY-MM-DD) for articles whose input gives none. */
  readonly published?: string | null;
  /** Standard input to read (tests); defaults to process.stdin. */
  readonly stdinStream?: Readable;
}

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
/** Extensions a folder is searched for. */
export const INPUT_EXTENSIONS = ['.txt', '.text', '.html', '.htm', '.json', '.jsonl'] as const;

const fail = (code: SitrepError['code'], message: string, input: string): InputResult =>
  ({ ok: false, error: new SitrepError(code, message, input) });

const mb = (n: number): string => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${n} bytes`);

/**
 * Reads every input in order. Article ids are the file names without extension, or the batch
 * record ids; a repeated id gets a suffix (-2, -3…) and a warning E012.
 */
export async function* readInputs(paths: readonly string[], opts: ReadOptions = {}): AsyncGenerator<InputResult> {
  const maxBytes = opts.maxBytes && opts.maxBytes > 0 ? opts.maxBytes : DEFAULT_MAX_BYTES;
  const seen = new Map<string, number>();
  const unique = (r: InputResult): InputResult => {
    if (!r.ok) return r;
    const n = seen.get(r.article.id) ?? 0;
    seen.set(r.article.id, n + 1);
    if (!n) return r;
    let id = `${r.article.id}-${n + 1}`;
    while (seen.has(id)) id = `${id}-${n + 1}`;
    seen.set(id, 1);
    const where = r.article.origin ?? r.article.id;
    const warn = new SitrepError('E012_DUPLICATE_ID', `id "${r.article.id}" was already used; renamed "${id}"`, where);
    return { ok: true, article: { ...r.article, id }, warnings: [...r.warnings, warn] };
  };
  const aopts = { published: opts.published ?? null };
  const list = [...paths];
  if (opts.stdin && !list.includes('-')) list.push('-');
  for (const p of list) {
    const source = p === '-' ? readStdin(opts.stdinStream ?? process.stdin, maxBytes, aopts) : readPath(p, maxBytes, aopts);
    for await (const r of source) yield unique(r);
  }
}

async function* readPath(p: string, maxBytes: number, aopts: ArticleOptions): AsyncGenerator<InputResult> {
  let st;
  try {
    st = await stat(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    yield fail('E001_INPUT_NOT_FOUND', code === 'ENOENT' ? 'no such file or folder' : `cannot read (${code ?? (e as Error).message})`, p);
    return;
  }
  if (st.isDirectory()) {
    let n = 0;
    for await (const f of walk(p, new Set())) {
      n++;
      yield* readFile(f, maxBytes, aopts, kindFromExtension(f));
    }
    if (!n) yield fail('E001_INPUT_NOT_FOUND', `the folder holds no ${INPUT_EXTENSIONS.join(' ')} files`, p);
    return;
  }
  if (!st.isFile()) {
    yield fail('E001_INPUT_NOT_FOUND', 'not a regular file or folder', p);
    return;
  }
  yield* readFile(p, maxBytes, aopts, kindFromExtension(p), st.size);
}

/** Files under a folder with an input extension, sorted, skipping hidden entries and symlink loops. */
async function* walk(dir: string, visited: Set<string>): AsyncGenerator<string> {
  let real: string;
  try {
    real = await realpath(dir);
  } catch {
    return;
  }
  if (visited.has(real)) return;
  visited.add(real);
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const s = await stat(full);
        isDir = s.isDirectory();
        isFile = s.isFile();
      } catch {
        continue;
      }
    }
    if (isDir) yield* walk(full, visited);
    else if (isFile && (INPUT_EXTENSIONS as readonly string[]).includes(path.extname(e.name).toLowerCase())) yield full;
  }
}

async function* readFile(
  p: string, maxBytes: number, aopts: ArticleOptions, kind: InputKind | null, size?: number,
): AsyncGenerator<InputResult> {
  if (size === undefined) {
    try {
      size = (await stat(p)).size;
    } catch (e) {
      yield fail('E001_INPUT_NOT_FOUND', `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, p);
      return;
    }
  }
  const opts = { ...aopts, origin: p };
  if (kind === 'jsonl') {
    yield* readJsonlFile(p, size, maxBytes, opts);
    return;
  }
  if (size > maxBytes) {
    yield fail('E004_INPUT_TOO_LARGE', `${mb(size)} is over the limit of ${mb(maxBytes)}`, p);
    return;
  }
  if (size === 0) {
    yield fail('E002_INPUT_EMPTY', 'the file is empty (0 bytes)', p);
    return;
  }
  let bytes: Buffer;
  try {
    const fh = await open(p, 'r');
    try {
      bytes = await fh.readFile();
    } finally {
      await fh.close();
    }
  } catch (e) {
    yield fail('E001_INPUT_NOT_FOUND', `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, p);
    return;
  }
  if (kind === 'json' || (kind === null && startsLikeJson(bytes))) {
    const d = decodeBytes(bytes);
    if (!d.ok) {
      yield d.problem === 'empty' ? fail('E002_INPUT_EMPTY', `the file is empty (${d.detail})`, p) : fail('E003_INPUT_BINARY', `binary data, not text (${d.detail})`, p);
      return;
    }
    const warn = d.guessed ? [new SitrepError('E005_ENCODING', `read as ${d.encoding}`, p)] : [];
    for (const r of articlesFromString(p, d.text, kind ?? undefined, opts)) {
      yield r.ok && warn.length ? { ...r, warnings: [...warn, ...r.warnings] } : r;
    }
    return;
  }
  yield articleFromBytes(p, bytes, kind ?? undefined, opts);
}

const startsLikeJson = (b: Uint8Array): boolean => {
  for (let i = b[0] === 0xef ? 3 : 0; i < Math.min(b.length, 64); i++) {
    const c = b[i];
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    return c === 0x7b || c === 0x5b; // { [
  }
  return false;
};

/**
 * Splits a byte stream into lines without holding more than one line (at most maxBytes) in memory;
 * a longer line is dropped as it streams and reported as oversized.
 */
async function* streamLines(src: AsyncIterable<Buffer | string>, maxBytes: number): AsyncGenerator<{ line: Buffer | null; no: number; size: number }> {
  let parts: Buffer[] = [];
  let len = 0;
  let over = false;
  let no = 1;
  for await (const chunk0 of src) {
    const chunk = typeof chunk0 === 'string' ? Buffer.from(chunk0) : chunk0;
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, from);
      const end = nl < 0 ? chunk.length : nl;
      if (!over) {
        if (len + (end - from) > maxBytes) {
          over = true;
          parts = [];
        } else if (end > from) {
          parts.push(chunk.subarray(from, end));
        }
      }
      len += end - from;
      if (nl < 0) break;
      yield { line: over ? null : Buffer.concat(parts, len), no, size: len };
      parts = [];
      len = 0;
      over = false;
      no++;
      from = nl + 1;
    }
  }
  if (len > 0 || over) yield { line: over ? null : Buffer.concat(parts, len), no, size: len };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

async function* jsonlFromStream(src: AsyncIterable<Buffer | string>, origin: string, maxBytes: number, opts: ArticleOptions): AsyncGenerator<InputResult> {
  let any = false;
  for await (const { line, no, size } of streamLines(src, maxBytes)) {
    const where = `${origin}:${no}`;
    if (line === null) {
      any = true;
      yield fail('E004_INPUT_TOO_LARGE', `the record is ${mb(size)}, over the limit of ${mb(maxBytes)}; the line was skipped`, where);
      continue;
    }
    let text: string;
    let guessed = false;
    try {
      text = utf8.decode(line);
    } catch {
      text = decodeCp1252(line);
      guessed = true;
    }
    if (no === 1) text = text.replace(/^\uFEFF/, '');
    if (!text.trim()) continue;
    any = true;
    const r = recordFromLine(text, where, opts);
    yield r.ok && guessed ? { ...r, warnings: [new SitrepError('E005_ENCODING', 'line not valid UTF-8; read as Windows-1252', where), ...r.warnings] } : r;
  }
  if (!any) yield fail('E002_INPUT_EMPTY', 'the batch holds no records', origin);
}

async function* readJsonlFile(p: string, size: number, maxBytes: number, opts: ArticleOptions): AsyncGenerator<InputResult> {
  if (size === 0) {
    yield fail('E002_INPUT_EMPTY', 'the batch file is empty (0 bytes)', p);
    return;
  }
  // UTF-16 batches cannot be split on 0x0A bytes: decode them whole (bounded)
  const head = await readHead(p, 4096);
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) || sniffUtf16(head);
  if (utf16) {
    if (size > maxBytes * 8) {
      yield fail('E004_INPUT_TOO_LARGE', `a UTF-16 batch of ${mb(size)} is over the limit of ${mb(maxBytes * 8)}; re-save it as UTF-8`, p);
      return;
    }
    const bytes = await readHead(p, size);
    const d = decodeBytes(bytes);
    if (!d.ok) {
      yield fail(d.problem === 'empty' ? 'E002_INPUT_EMPTY' : 'E003_INPUT_BINARY', d.detail, p);
      return;
    }
    yield* articlesFromString(p, d.text, 'jsonl', opts);
    return;
  }
  if (head.subarray(0, 4096).some((b) => b === 0)) {
    yield fail('E003_INPUT_BINARY', 'binary data (NUL bytes), not a JSONL batch', p);
    return;
  }
  yield* jsonlFromStream(createReadStream(p, { highWaterMark: 256 * 1024 }), p, maxBytes, opts);
}

async function readHead(p: string, n: number): Promise<Buffer> {
  const fh = await open(p, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * Standard input: up to maxBytes is buffered and its kind sniffed; a stream that goes on past the
 * limit is read further only when it is a JSONL batch (each record then has the limit).
 */
async function* readStdin(stream: Readable, maxBytes: number, aopts: ArticleOptions): AsyncGenerator<InputResult> {
  const origin = 'stdin';
  const opts = { ...aopts, origin };
  const it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const parts: Buffer[] = [];
  let len = 0;
  let done = false;
  while (len <= maxBytes) {
    const n = await it.next();
    if (n.done) { done = true; break; }
    const b = typeof n.value === 'string' ? Buffer.from(n.value) : n.value;
    parts.push(b);
    len += b.length;
  }
  const buf = Buffer.concat(parts, len);
  if (!done) {
    if (startsLikeJson(buf) && buf.indexOf(0x0a) > 0 && buf.indexOf(0x0a) < maxBytes) {
      async function* rest(): AsyncGenerator<Buffer | string> {
        yield buf;
        for (;;) {
          const n = await it.next();
          if (n.done) return;
          yield n.value;
        }
      }
      yield* jsonlFromStream(rest(), origin, maxBytes, opts);
      return;
    }
    stream.destroy?.();
    yield fail('E004_INPUT_TOO_LARGE', `standard input is over the limit of ${mb(maxBytes)}`, origin);
    return;
  }
  if (!len) {
    yield fail('E002_INPUT_EMPTY', 'standard input is empty', origin);
    return;
  }
  const d = decodeBytes(buf);
  if (!d.ok) {
    yield d.problem === 'empty' ? fail('E002_INPUT_EMPTY', `standard input is empty (${d.detail})`, origin) : fail('E003_INPUT_BINARY', `binary data, not text (${d.detail})`, origin);
    return;
  }
  const warn = d.guessed ? [new SitrepError('E005_ENCODING', `read as ${d.encoding}`, origin)] : [];
  for (const r of articlesFromString(origin, d.text, undefined, opts)) {
    yield r.ok && warn.length ? { ...r, warnings: [...warn, ...r.warnings] } : r;
  }
}

/** Reads inputs into an array (tests, small runs). */
export async function readAll(paths: readonly string[], opts: ReadOptions = {}): Promise<InputResult[]> {
  const out: InputResult[] = [];
  for await (const r of readInputs(paths, opts)) out.push(r);
  return out;
}

export type { Article };
export { idFromName };
