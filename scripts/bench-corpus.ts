import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../src/util/lexicon.js';

/**
 * A generated benchmark corpus: news-like articles of ~3 KB assembled from sentence templates
 * written for this project, with a seeded PRNG so every run measures the same text.
 */
const TOWNS = ['Aleppo', 'Idlib', 'Raqqa', 'Deir ez-Zor', 'Qamishli', 'Mosul', 'Kirkuk', 'Kandahar', 'Herat', 'Kunduz',
  'Mogadishu', 'Kismayo', 'Maiduguri', 'Gao', 'Timbuktu', 'Ouagadougou', 'Djibo', 'Khartoum', 'El Fasher', 'Kharkiv',
  'Donetsk', 'Sanaa', 'Taiz', 'Marib', 'Tripoli', 'Benghazi', 'Goma', 'Beni', 'Mandalay', 'Sittwe'];
const GROUPS = ['Islamic State fighters', 'Taliban militants', 'al-Shabaab gunmen', 'unidentified gunmen', 'rebel forces',
  'Houthi forces', 'government troops', 'security forces', 'a local militia', 'armed herders'];
const VICTIMS = ['civilians', 'soldiers', 'police officers', 'villagers', 'worshippers', 'aid workers', 'students'];
const DAYS = ['on Monday', 'on Tuesday', 'late on Wednesday', 'on Thursday night', 'early on Friday', 'on Saturday', 'last week'];
const SOURCES = ['a local official said', 'the health ministry said', 'residents told reporters', 'according to a monitoring group', 'police said', 'the army said in a statement'];
const TEMPLATES = [
  '{G} attacked a checkpoint near {T} {D}, killing {N} {V} and wounding {M} others, {S}.',
  'An airstrike hit a market in {T} {D}, {S}, leaving at least {N} people dead.',
  'Hundreds of protesters gathered in central {T} {D} to demand the release of detained activists.',
  'Police fired tear gas to disperse demonstrators in {T} {D}, {S}.',
  'A roadside bomb exploded as a military convoy passed through {T} {D}, killing {N} {V}.',
  '{G} abducted {N} {V} from a village outside {T} {D}, {S}.',
  'Shelling on residential districts of {T} killed {N} {V} {D}, {S}.',
  'Security forces arrested {N} suspected members of {G} in {T} {D}.',
  'Clashes between {G} and government troops broke out on the outskirts of {T} {D}.',
  'Officials in {T} said talks between the two sides would resume next month.',
  'The United Nations warned that the humanitarian situation around {T} was deteriorating.',
  'Prices of bread and fuel in {T} have doubled since the start of the year, traders said.',
  'The governor of the province visited {T} {D} and promised to rebuild damaged schools.',
  'A suicide bomber blew himself up outside a mosque in {T} {D}, killing {N} {V}, {S}.',
  '{G} seized control of {T} {D} after government forces withdrew, {S}.',
];

export function mulberry32(seed: number): () => number {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateCorpus(n: number, seed = 42, targetBytes = 3000): { id: string; text: string; published: string }[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const docs = [];
  for (let i = 0; i < n; i++) {
    const paras: string[] = [];
    let size = 0;
    while (size < targetBytes) {
      const sentences = Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => pick(TEMPLATES)
        .replace('{G}', pick(GROUPS)).replace('{T}', pick(TOWNS)).replace('{D}', pick(DAYS)).replace('{S}', pick(SOURCES))
        .replace('{V}', pick(VICTIMS)).replace('{N}', String(2 + Math.floor(rnd() * 40))).replace('{M}', String(1 + Math.floor(rnd() * 60)))
        .replace(/^./, (c) => c.toUpperCase()));
      const p = sentences.join(' ');
      paras.push(p);
      size += p.length + 2;
    }
    const month = 1 + Math.floor(rnd() * 12), day = 1 + Math.floor(rnd() * 28);
    docs.push({ id: `bench-${i}`, text: paras.join('\n\n'), published: `2021-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` });
  }
  return docs;
}

/**
 * A news-like benchmark corpus: articles of ~targetBytes assembled from paragraphs of the project's
 * own sample corpus (samples/articles/*.txt, prose written for this project), shuffled with a seeded
 * PRNG, so event density and sentence shapes are those of real reporting rather than templates.
 */
export function newsCorpus(n: number, seed = 7, targetBytes = 3000): { id: string; text: string; published: string }[] {
  const dir = path.join(ROOT, 'samples', 'articles');
  const paras: string[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()) {
    const raw = readFileSync(path.join(dir, f));
    let text: string;
    try { text = new TextDecoder('utf-8', { fatal: true }).decode(raw).replace(/^\uFEFF/, ''); } catch { continue; }
    for (const p of text.split(/\r?\n\s*\r?\n/)) if (p.trim().length > 80) paras.push(p.trim());
  }
  const rnd = mulberry32(seed);
  const docs = [];
  for (let i = 0; i < n; i++) {
    const out: string[] = [];
    let size = 0;
    while (size < targetBytes) { const p = paras[Math.floor(rnd() * paras.length)]!; out.push(p); size += p.length + 2; }
    const month = 1 + Math.floor(rnd() * 12), day = 1 + Math.floor(rnd() * 28);
    docs.push({ id: `news-${i}`, text: out.join('\n\n'), published: `2023-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` });
  }
  return docs;
}
