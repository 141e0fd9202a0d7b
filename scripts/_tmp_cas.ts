import { casualties } from '../src/stages/arguments/casualties.js';
for (const s of process.argv.slice(2)) { const r = casualties(s, [{ start: 0, end: s.length }]); console.log(r.fatalities?.value ?? null, r.fatalities?.by, '|', s); }
