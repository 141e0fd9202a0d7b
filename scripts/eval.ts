/**
 * npm run eval [-- set1 set2 …] — runs the extractor over every set in ../shared/eval (or
 * $SITREP_EVAL_DIR), scores it with ../shared/eval/score.mjs, and writes the figures to
 * docs/quality.md (set, figure, value, commit, date). Raw predictions go to eval-out/ (or
 * $SITREP_EVAL_OUT); `--no-write` scores without touching docs/quality.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { availableParallelism } from 'node:os';
import { ROOT } from '../src/util/lexicon.js';
import { predictFile } from './predict.js';

const EVAL = process.env.SITREP_EVAL_DIR ?? path.resolve(ROOT, '../shared/eval');
const OUT = process.env.SITREP_EVAL_OUT ?? path.join(ROOT, 'eval-out');
const SKIP = new Set(['petrarch2_unittests']); // CAMEO gold: the scorer refuses it
/** The figures each set is judged by (issue targets); all figures go to the JSON file. */
const HEADLINE: Record<string, string[]> = {
  acled_notes: ['event_type_macro_f1', 'sub_event_type_macro_f1', 'event_type_accuracy', 'sub_event_type_accuracy', 'location_within_25km', 'location_within_100km', 'country_accuracy', 'date_exact', 'date_exact_day_precision', 'fatalities_exact', 'fatalities_exact_nonzero', 'actor1_country', 'actor1_kind'],
  acled_legacy_asia2015: ['event_type_macro_f1', 'event_type_accuracy', 'location_within_25km', 'country_accuracy', 'date_exact', 'fatalities_exact', 'fatalities_exact_nonzero', 'actor1_country', 'actor1_kind'],
  case2021_task2_acled_subtypes: ['sub_event_type_macro_f1', 'sub_event_type_accuracy', 'event_type_macro_f1', 'non_acled_rows_no_event'],
  plover_gsr: ['plover_event_macro_f1', 'plover_event_accuracy', 'plover_event_accuracy_strict', 'source_country', 'target_country'],
  ngec_synthetic_plover: ['plover_event_macro_f1', 'plover_event_accuracy', 'plover_mode_accuracy'],
  ucdp_ged_sample: ['records_with_event', 'deaths_best_exact', 'deaths_within_low_high'],
  geo_lgl: ['toponym_f1', 'toponym_precision', 'toponym_recall', 'geonameid_accuracy', 'acc161', 'end_to_end_acc161', 'median_error_km'],
  geo_trnews: ['toponym_f1', 'toponym_precision', 'toponym_recall', 'geonameid_accuracy', 'acc161', 'end_to_end_acc161', 'median_error_km'],
  geo_geowebnews: ['toponym_f1', 'toponym_precision', 'toponym_recall', 'geonameid_accuracy', 'acc161', 'end_to_end_acc161', 'median_error_km'],
  geo_geovirus: ['toponym_f1', 'toponym_precision', 'toponym_recall', 'acc161', 'end_to_end_acc161', 'median_error_km'],
  tempeval3_timex: ['timex_f1', 'timex_strict_f1', 'value_f1', 'value_accuracy', 'type_accuracy'],
  wikievents_news: ['mention_recall', 'mention_recall_typed', 'event_precision', 'event_f1', 'argument_recall', 'argument_recall_role'],
};

type Figure = { value?: number; num?: number; den?: number; [k: string]: unknown };

function commit(): string {
  try { return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim(); } catch { return 'unknown'; }
}

async function main() {
  if (!existsSync(EVAL)) { console.error(`eval: no evaluation data at ${EVAL} (set SITREP_EVAL_DIR)`); process.exit(2); }
  mkdirSync(OUT, { recursive: true });
  const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const sets = readdirSync(EVAL).filter((d) => existsSync(path.join(EVAL, d, 'data.jsonl')) && !SKIP.has(d))
    .filter((d) => !only.length || only.includes(d)).sort();
  const workers = Math.min(2, availableParallelism());
  const results: Record<string, Record<string, Figure>> = {};
  for (const set of sets) {
    const batch = path.join(OUT, `${set}.batch.jsonl`), pred = path.join(OUT, `${set}.pred.jsonl`);
    execFileSync(process.execPath, [path.join(EVAL, 'make-batch.mjs'), path.join(EVAL, set), batch], { stdio: 'ignore' });
    console.error(await predictFile(batch, pred, workers));
    const raw = execFileSync(process.execPath, [path.join(EVAL, 'score.mjs'), path.join(EVAL, set), pred, '--json'], { maxBuffer: 64 << 20 }).toString();
    const json = JSON.parse(raw.trim().split('\n').pop()!);
    results[set] = json.figures;
    writeFileSync(path.join(OUT, `${set}.score.json`), JSON.stringify(json, null, 2));
    const head = (HEADLINE[set] ?? Object.keys(json.figures)).filter((k) => json.figures[k]);
    console.error(`  ${set}: ` + head.map((k) => `${k} ${fmt(json.figures[k])}`).join(', '));
  }
  if (process.argv.includes('--no-write')) console.error('eval: --no-write, docs/quality.md left as it is');
  else writeQuality(results);
}

const fmt = (f: Figure) => (typeof f.value === 'number' ? f.value.toFixed(3) : '—') + (f.den !== undefined ? ` (${f.num}/${f.den})` : '');

function writeQuality(results: Record<string, Record<string, Figure>>) {
  const file = path.join(ROOT, 'docs', 'quality.md');
  const date = new Date().toISOString().slice(0, 10), c = commit();
  const marker = '<!-- eval:figures -->';
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  // keep the rows of sets not re-run this time
  const kept = new Map<string, string[]>();
  const table = old.split(marker)[1] ?? '';
  for (const line of table.split('\n')) {
    const m = line.match(/^\| (\S+) \|/);
    if (m && m[1] !== 'set' && !results[m[1]!]) kept.set(m[1]!, [...(kept.get(m[1]!) ?? []), line]);
  }
  const rows: string[] = [];
  for (const [set, figs] of Object.entries(results)) {
    for (const k of HEADLINE[set] ?? Object.keys(figs)) if (figs[k]) rows.push(`| ${set} | ${k} | ${fmt(figs[k]!)} | ${c} | ${date} |`);
  }
  for (const lines of kept.values()) rows.push(...lines);
  rows.sort();
  const head = old.split(marker)[0] || '# Quality\n\nFigures from `npm run eval`: every set in `../shared/eval` (the visible, dev part), run through\n`bin/sitrep`\'s pipeline and scored by `../shared/eval/score.mjs`. Written by scripts/eval.ts; all\nfigures of the last run are in `eval-out/<set>.score.json`.\n\n';
  const body = `${marker}\n| set | figure | value | commit | date |\n|---|---|---|---|---|\n${rows.join('\n')}\n${marker}`;
  const tail = old.split(marker)[2] ?? '\n';
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, head + body + tail);
  console.error(`eval: wrote ${file}`);
}

await main();
