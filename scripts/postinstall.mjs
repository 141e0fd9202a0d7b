// Runs after `npm install`: builds the gazetteer index once (data/gazetteer/gazetteer.sqlite) so
// that no start-up has to. Skips quietly when the build script or tsx is not there yet.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
const here = new URL('..', import.meta.url).pathname;
if (existsSync(`${here}scripts/build-gazetteer.ts`) && existsSync(`${here}node_modules/tsx`)) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `${here}scripts/build-gazetteer.ts`], { cwd: here, stdio: 'inherit' });
  if (r.status !== 0) { console.error('sitrep: building the gazetteer index failed (run `npm run build:gazetteer` to retry)'); process.exit(r.status ?? 1); }
}
