/**
 * Replaces the section of a Markdown file between two identical markers (`<!-- name -->`), or
 * appends it when the file has none; how every measuring script keeps its own part of
 * docs/quality.md and docs/performance.md without touching the others'.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** `block` must start and end with `<!-- name -->`. */
export function writeSection(file: string, name: string, block: string, header = '# Performance\n'): void {
  const marker = `<!-- ${name} -->`;
  if (!block.startsWith(marker) || !block.trimEnd().endsWith(marker)) throw new Error(`writeSection: the block must be wrapped in ${marker}`);
  const cur = existsSync(file) ? readFileSync(file, 'utf8') : header;
  const at = cur.indexOf(marker), end = at < 0 ? -1 : cur.indexOf(marker, at + marker.length);
  const next = at >= 0 && end >= 0
    ? cur.slice(0, at) + block.trimEnd() + cur.slice(end + marker.length)
    : `${cur.trimEnd()}\n\n${block.trimEnd()}\n`;
  writeFileSync(file, next);
}
