/**
 * The pipeline version stored with every article: the package version and a digest of everything
 * that decides extraction (stage code, pipeline, output, lexicons, models). When it changes, a
 * re-ingest re-extracts. SITREP_PIPELINE_VERSION overrides it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PARTS = ['src/stages', 'src/pipeline', 'src/output', 'src/gazetteer', 'src/model', 'data/lexicons', 'data/models'];
let cached: string | null = null;

function walk(dir: string, out: string[]): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, out);
    else if (!/\.test\.ts$/.test(name) && st.size < 50_000_000) out.push(p);
  }
}

export function pipelineVersion(): string {
  if (process.env.SITREP_PIPELINE_VERSION) return process.env.SITREP_PIPELINE_VERSION;
  if (cached) return cached;
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const h = createHash('sha1');
  const files: string[] = [];
  for (const p of PARTS) walk(join(ROOT, p), files);
  for (const f of files) h.update(f.slice(ROOT.length)).update('\0').update(readFileSync(f)).update('\0');
  cached = `${pkg.version}+${h.digest('hex').slice(0, 10)}`;
  return cached;
}
