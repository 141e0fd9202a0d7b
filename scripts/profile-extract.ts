/**
 * Profiling aid: runs the default pipeline over N generated news-like articles in this thread (after a
 * warm-up) so that `node --cpu-prof --import tsx scripts/profile-extract.ts` shows where the time goes.
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx scripts/profile-extract.ts [N]
 */
import { newsCorpus } from './bench-corpus.js';
import { extract } from '../src/pipeline/extract.js';

const N = Number(process.argv[2] ?? 800);
const corpus = newsCorpus(N);

for (const d of corpus.slice(0, 100)) extract({ ...d });
const t0 = performance.now();
for (const d of corpus) extract({ ...d });
const ms = performance.now() - t0;
console.error(`${N} docs in ${ms.toFixed(0)} ms: ${(ms / N).toFixed(2)} ms/doc`);
