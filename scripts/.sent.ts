import { analyzeSentence } from '../src/stages/events/classify.js';
import { loadLexicons } from '../src/stages/events/lexicon.js';
import { loadModel } from '../src/stages/events/model.js';
const m = loadModel()!; const lex = loadLexicons();
for (const s of process.argv.slice(2)) {
  const a = analyzeSentence(m, lex, s, true);
  console.log(JSON.stringify({ s: s.slice(0, 80), matches: a.matches.map((x) => `${x.entry.id}:${x.text}${x.blockedBy ? '[blk ' + x.blockedBy.id + ']' : ''}`), acled: a.acled && { t: a.acled.type, s: a.acled.sub, pNone: +a.acled.pNone.toFixed(3), p: +a.acled.p.toFixed(3), by: a.acled.by }, plover: a.plover }));
}
