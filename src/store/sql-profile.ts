/**
 * SITREP_SQL_PROFILE=1: time spent per statement in either driver, printed to stderr at exit, slowest
 * first (for finding the next slow query; off by default, no cost then).
 */
const profile = process.env.SITREP_SQL_PROFILE ? new Map<string, { n: number; ms: number }>() : null;
if (profile) {
  process.on('exit', () => {
    const rows = [...profile].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25);
    for (const [k, v] of rows) process.stderr.write(`${v.ms.toFixed(0).padStart(8)} ms ${String(v.n).padStart(8)}× ${k}\n`);
  });
}

export const profiling = profile !== null;

/** Adds one statement's time to the profile. */
export function record(sql: string, ms: number): void {
  if (!profile) return;
  const flat = sql.replace(/\s+/g, ' '), k = flat.length > 150 ? `${flat.slice(0, 60)} … ${flat.slice(-85)}` : flat;
  const e = profile.get(k) ?? { n: 0, ms: 0 };
  e.n++; e.ms += ms; profile.set(k, e);
}
