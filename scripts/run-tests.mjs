// Runs every *.test.ts under src/ and test/ with node's test runner (Node 20's --test does not
// expand globs). Extra arguments are passed through: `npm test -- --test-name-pattern seed`, or
// paths/folders to run only those.
import { readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith('-'));
const roots = args.filter((a) => !a.startsWith('-'));
const files = [];
function walk(p) {
  const st = statSync(p);
  if (st.isDirectory()) {
    for (const e of readdirSync(p).sort()) if (e !== 'node_modules' && !e.startsWith('.')) walk(path.join(p, e));
  } else if (p.endsWith('.test.ts')) files.push(p);
}
for (const r of roots.length ? roots : ['src', 'test']) walk(path.resolve(root, r));
const reporter = flags.some((f) => f.startsWith('--test-reporter')) ? [] : ['--test-reporter=spec'];
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...reporter, ...flags, ...files], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);
