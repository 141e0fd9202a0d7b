/**
 * Loading of plain-data lexicons from data/lexicons (see data/lexicons/README.md). Files are read
 * once per process and cached.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The project root (where package.json lives), whether run from src/ via tsx or elsewhere. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const dataPath = (...parts: string[]): string => path.join(ROOT, 'data', ...parts);

const cache = new Map<string, unknown>();

/** A TXT lexicon: one entry per line; blank lines and lines starting with # are skipped. */
export function loadList(name: string): readonly string[] {
  const key = `list:${name}`;
  if (!cache.has(key)) {
    const lines = readFileSync(dataPath('lexicons', name), 'utf8').split(/\r?\n/)
      .map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    cache.set(key, Object.freeze(lines));
  }
  return cache.get(key) as readonly string[];
}

/** A JSON lexicon (any shape; the caller types it). */
export function loadJson<T>(name: string): T {
  const key = `json:${name}`;
  if (!cache.has(key)) cache.set(key, JSON.parse(readFileSync(dataPath('lexicons', name), 'utf8')));
  return cache.get(key) as T;
}
