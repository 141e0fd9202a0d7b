/** The word lists the places stage reads (data/lexicons/, see README.md there), loaded once. */
import { loadJson, loadList } from '../../util/lexicon.js';
import { normKey } from '../../gazetteer/normalize.js';

export interface PlaceCues {
  near: string[];
  directions: string[];
  distanceUnits: string[];
  locative: string[];
  featureWords: string[];
  adminWords: string[];
  regionModifiers: string[];
  streetWords: string[];
  unitWords: string[];
}

export interface PlaceLexicon {
  readonly stop: ReadonlySet<string>;
  readonly firstNames: ReadonlySet<string>;
  readonly surnames: ReadonlySet<string>;
  readonly titles: ReadonlySet<string>;
  readonly cues: PlaceCues;
  readonly adminWords: ReadonlySet<string>;
  readonly featureWords: ReadonlySet<string>;
  readonly regionModifiers: ReadonlySet<string>;
  readonly locative: ReadonlySet<string>;
  readonly streetWords: ReadonlySet<string>;
  /** Regex source of the near cues, longest first ("on the outskirts of" before "outside"). */
  readonly nearAlt: string;
  readonly dirAlt: string;
  readonly unitAlt: string;
  readonly featureAlt: string;
  readonly unitAlt2: string;
  readonly unitWords: ReadonlySet<string>;
  /** Plurals of the one-word division words ("counties", "provinces"), derived from adminWords. */
  readonly adminPlurals: ReadonlySet<string>;
}

/** English plural of a division word: county → counties, parish → parishes, province → provinces. */
export function pluralOf(w: string): string {
  if (/[^aeiou]y$/.test(w)) return `${w.slice(0, -1)}ies`;
  if (/(?:s|sh|ch|x|z)$/.test(w)) return `${w}es`;
  return `${w}s`;
}

let lex: PlaceLexicon | null = null;

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
const alt = (xs: string[]): string => [...xs].sort((a, b) => b.length - a.length).map(esc).join('|');

export function placeLexicon(): PlaceLexicon {
  if (lex) return lex;
  const cues = loadJson<PlaceCues>('place-cues.json');
  lex = Object.freeze({
    stop: new Set(loadList('place-stopwords.txt').map(normKey)),
    firstNames: new Set(loadList('person-first-names.txt').map(normKey)),
    surnames: new Set(loadList('person-surnames.txt').map(normKey)),
    titles: new Set(loadList('person-titles.txt').map(normKey)),
    cues,
    adminWords: new Set(cues.adminWords.map(normKey)),
    featureWords: new Set(cues.featureWords.map(normKey)),
    regionModifiers: new Set(cues.regionModifiers.map(normKey)),
    locative: new Set(cues.locative.map(normKey)),
    streetWords: new Set(cues.streetWords.map(normKey)),
    nearAlt: alt(cues.near),
    dirAlt: alt(cues.directions),
    unitAlt: alt(cues.distanceUnits),
    featureAlt: alt(cues.featureWords),
    unitAlt2: alt(cues.unitWords),
    unitWords: new Set(cues.unitWords.map(normKey)),
    adminPlurals: new Set(cues.adminWords.map(normKey).filter((w) => !w.includes(' ')).map(pluralOf)),
  });
  return lex;
}
