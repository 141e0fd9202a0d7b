/**
 * Stage "actors": finds who acts in the text — states (names, demonyms, capitals used for their
 * governments), their militaries, police and governments, named armed groups, generic groups
 * (villagers, gunmen, protesters), people with roles, and sources (news agencies, monitors).
 *
 * Reads `clean` and `sentences`, writes `actors`. Works per sentence on its own tokens
 * (./tokens.ts): every token position is matched against one phrase index (./lexicon.ts), then
 * neighbouring matches are chunked into actor phrases (det/modifiers + head, "X-led", "pro-X",
 * "of X", role + name, appositions). Kind and country come from the phrase; a generic group with
 * no country in its phrase gets the article's main country, how 'inferred' (the arguments stage
 * prefers the event location's country).
 */
import { layer, type ActorMention, type Document, type Sentence } from '../../model/document.js';
import { inferred, stated, type Value } from '../../model/span.js';
import type { ActorKind } from '../../model/taxonomy.js';
import { defineStage } from '../../pipeline/stage.js';
import { actorLexicon, type Payload } from './lexicon.js';
import { tokens, type Tok } from './tokens.js';

/** Nouns of an armed act or its means after a force word: "military airstrikes", "army shelling", "police raids". */
/** Verbs after which a capital is the place attacked, not its government. */
const ATTACKED_BEFORE = new Set(['attacked', 'attacking', 'struck', 'striking', 'hit', 'hitting', 'shelled', 'shelling', 'bombed', 'bombing', 'bombarded', 'targeted', 'targeting', 'stormed', 'raided', 'captured', 'seized', 'besieged', 'entered', 'reached', 'encircled', 'surrounded', 'pounded', 'rocked', 'shook', 'invaded']);
const ACT_NOUNS = new Set(['airstrike', 'airstrikes', 'strike', 'strikes', 'raid', 'raids', 'operation', 'operations', 'offensive',
  'bombardment', 'bombardments', 'shelling', 'fire', 'gunfire', 'drone', 'drones', 'jets', 'jet', 'aircraft', 'helicopter',
  'helicopters', 'warplanes', 'artillery', 'assault', 'attack', 'attacks', 'crackdown', 'ambush', 'patrol', 'patrols', 'convoy'])

export { tokens, type Tok } from './tokens.js';

interface Item {
  /** token range [i, j) */
  i: number;
  j: number;
  p: Payload;
  /** "X-led" (country of X) or "X-based" (none) compounds */
  compound?: { iso3: string | null; rel: string; alt?: readonly string[] };
  other?: boolean;
}

const REL_COUNTRY = new Set(['led', 'controlled', 'dominated', 'run', 'commanded']);
/** "Iran-backed", "Iran-aligned", "Russia-allied": a patron, not the group's own country. */
const REL_BACKED = new Set(['backed', 'supported', 'sponsored', 'funded', 'armed', 'trained', 'allied', 'aligned']);
const REL_NONE = new Set(['based', 'linked', 'affiliated', 'born', 'made', 'bound']);
const OF_HEADS = new Set(['forces', 'force', 'army', 'military', 'government', 'ministry', 'members', 'member', 'militants', 'fighters',
  'supporters', 'police', 'president', 'minister', 'officials', 'troops', 'soldiers', 'authorities', 'leader', 'leaders',
  'commander', 'commanders', 'spokesman', 'spokesperson', 'spokeswoman', 'militia', 'militias', 'elements', 'units', 'followers',
  'ministry of defence', 'residents', 'inhabitants', 'villagers', 'people', 'workers', 'students', 'activists', 'group', 'groups']);
/** "the border with X": X is a place, not its government. */
const BORDER_WORDS = new Set(['border', 'borders', 'frontier', 'boundary']);
const ROLE_COMPLEMENT = new Set(['to', 'at', 'for', 'of', 'in', 'with']);
/** Kinds whose members are local to the place of the story when their phrase names no country. */
const LOCAL_KINDS = new Set<ActorKind>(['civilians', 'protesters', 'rioters', 'police', 'militia', 'unknown', 'military', 'government', 'rebel']);
const NAME_STOP = new Set(['The', 'A', 'An', 'In', 'On', 'At', 'He', 'She', 'It', 'They', 'We', 'I', 'But', 'And', 'This', 'That', 'However']);

/** The norms of toks[i, j) joined by spaces (a lexicon phrase's form). */
function normOf(toks: readonly Tok[], i: number, j: number): string {
  let out = toks[i]!.n;
  for (let k = i + 1; k < j; k++) out += ' ' + toks[k]!.n;
  return out;
}

const isNominal = (p: Payload): boolean => !!(p.head || p.named || p.person || p.role || p.country);
const isModifier = (it: Item): boolean => !!(it.p.adj || it.p.kindmod || it.compound || it.p.country || it.p.named || it.p.person || it.p.head);

/** Splits a sentence into lexicon items (longest match first) and plain tokens. */
function itemize(toks: readonly Tok[]): Item[] {
  const lex = actorLexicon();
  const items: Item[] = [];
  let i = 0;
  while (i < toks.length) {
    const t = toks[i]!;
    // pro-X
    if (t.n === 'pro' && toks[i + 1]?.n === '-' && toks[i + 1]!.glued && toks[i + 2]?.glued) {
      const ms = lex.matchesAt(toks, i);
      if (!ms.length || ms[0]!.len < 3) {
        const inner = lex.matchesAt(toks, i + 2)[0];
        items.push({ i, j: i + 2 + (inner?.len ?? 1), p: { kindmod: 'militia' } });
        i = i + 2 + (inner?.len ?? 1);
        continue;
      }
    }
    const ms = lex.matchesAt(toks, i);
    const m = ms[0];
    if (m) {
      const j = i + m.len;
      const dash = toks[j], rel = toks[j + 1];
      if (dash?.n === '-' && dash.glued && rel?.glued && !m.payload.kindmod) {
        const iso = m.payload.country?.iso3 ?? m.payload.named?.country ?? m.payload.person?.country ?? null;
        if (REL_COUNTRY.has(rel.n)) { items.push({ i, j: j + 2, p: {}, compound: { iso3: iso, rel: rel.n, alt: m.payload.country?.alt } }); i = j + 2; continue; }
        if (REL_BACKED.has(rel.n)) { items.push({ i, j: j + 2, p: { kindmod: 'militia' }, compound: { iso3: null, rel: rel.n } }); i = j + 2; continue; }
        if (REL_NONE.has(rel.n)) { items.push({ i, j: j + 2, p: { adj: true }, compound: { iso3: null, rel: rel.n } }); i = j + 2; continue; }
      }
      items.push({ i, j, p: m.payload });
      i = j;
      continue;
    }
    if (/^\p{N}/u.test(t.raw)) { items.push({ i, j: i + 1, p: { det: true } }); i++; continue; }
    items.push({ i, j: i + 1, p: {}, other: true });
    i++;
  }
  return items;
}

interface Chunk { items: Item[]; /** index in items of the role, when the chunk is role (+ complement) + name */ role: number; name: [number, number] | null }

const personNameAt = (toks: readonly Tok[], i: number): number => {
  // capitalised words (and initials) from token i; returns the end index (exclusive), i when none
  let j = i;
  while (j < toks.length && j - i < 4) {
    const t = toks[j]!;
    if (!t.cap || NAME_STOP.has(t.raw) || !/^\p{L}/u.test(t.raw)) break;
    j++;
  }
  return j;
};

export interface SentenceActors { mentions: ActorMention[]; countryVotes: Map<string, number> }

/** Actor phrases of one sentence; countries get filled in by the caller (main-country inference). */
function sentenceActors(text: string, sent: { index: number; span: { start: number; end: number } }): {
  raw: { m: RawActor; items: Item[] }[];
  votes: Map<string, number>;
  ambVotes: { alt: readonly string[]; w: number }[];
} {
  const lex = actorLexicon();
  const toks = tokens(text, sent.span.start, sent.span.end);
  const items = itemize(toks);
  const votes = new Map<string, number>();
  const ambVotes: { alt: readonly string[]; w: number }[] = [];
  const raw: ReturnType<typeof sentenceActors>['raw'] = [];

  let k = 0;
  while (k < items.length) {
    const it = items[k]!;
    if (it.other || !(it.p.det || isModifier(it) || it.p.role)) { k++; continue; }
    // grow a chunk
    const chunk: Chunk = { items: [it], role: it.p.role ? 0 : -1, name: null };
    let q = k + 1;
    for (;;) {
      const nx = items[q];
      if (!nx) break;
      const last = chunk.items[chunk.items.length - 1]!;
      const allDet = chunk.items.every((c) => c.p.det && !isNominal(c.p));
      if (nx.p.det && !isNominal(nx.p) && !nx.p.adj) { if (allDet) { chunk.items.push(nx); q++; continue; } break; }
      if (chunk.role >= 0 && chunk.name) break;
      if (chunk.role >= 0 && nx.p.person && !nx.p.head) continue_name: {
        const end = Math.max(nx.j, personNameAt(toks, nx.i));
        const from = chunk.items.length;
        while (items[q] && items[q]!.i < end) { chunk.items.push(items[q]!); q++; }
        chunk.name = [from, chunk.items.length];
        break continue_name;
      }
      if (chunk.name) break;
      if (!nx.other && (isModifier(nx) || nx.p.role)) {
        // a country name right after a head is not part of it ("forces Syria")
        if (last.p.head && !last.p.adj && (nx.p.country || nx.p.named) && !nx.p.head && !nx.p.role) break;
        if (nx.p.role && chunk.role < 0) chunk.role = chunk.items.length;
        chunk.items.push(nx); q++; continue;
      }
      const t = toks[nx.i]!;
      // possessive: Assad's government, Russia's defence ministry
      if (t.n === "'s" && (last.p.named || last.p.person || last.p.country)) {
        const after = items[q + 1];
        if (after && !after.other && (after.p.head || after.p.adj || after.p.role)) { chunk.items.push(nx); q++; continue; }
        break;
      }
      // American and Russian soldiers
      if ((t.n === 'and' || t.n === ',') && (last.p.country?.form === 'demonym' || last.p.kindmod || last.p.adj) && !last.p.head) {
        const after = items[q + 1];
        if (after && !after.other && (after.p.country?.form === 'demonym' || after.p.kindmod || after.p.adj)) { chunk.items.push(nx); q++; continue; }
        break;
      }
      // forces of Syria, envoy to the UN, director at the Center for ...
      if ((t.n === 'of' && last.p.head && OF_HEADS.has(normOf(toks, last.i, last.j))) || (ROLE_COMPLEMENT.has(t.n) && last.p.role)) {
        let r = q + 1;
        if (items[r] && toks[items[r]!.i]!.n === 'the') r++;
        const tgt = items[r];
        if (tgt && !tgt.other && (tgt.p.named || (tgt.p.country && tgt.p.country.form !== 'demonym'))) {
          for (let z = q; z <= r; z++) chunk.items.push(items[z]!);
          q = r + 1;
          continue;
        }
        // "a spokesperson for the Kenyan Foreign Ministry": modifiers + an institution head
        if (last.p.role && tgt && !tgt.other && (tgt.p.country || tgt.p.adj)) {
          let e = r;
          while (items[e + 1] && !items[e + 1]!.other && (items[e + 1]!.p.country || items[e + 1]!.p.adj || items[e + 1]!.p.head) && e - r < 3) e++;
          if (items[e]!.p.head && ['government', 'military', 'police'].includes(items[e]!.p.head!.kind)) {
            for (let z = q; z <= e; z++) chunk.items.push(items[z]!);
            q = e + 1;
            continue;
          }
        }
        break;
      }
      // role + person name (Defense Secretary Mark Esper, Executive Director ... Paul J. Saunders)
      if (chunk.role >= 0 && (nx.other || nx.p.person) && t.cap) {
        const end = nx.p.person ? Math.max(nx.j, personNameAt(toks, nx.i)) : personNameAt(toks, nx.i);
        if (end > nx.i) {
          const from = chunk.items.length;
          while (items[q] && items[q]!.i < end) { chunk.items.push(items[q]!); q++; }
          chunk.name = [from, chunk.items.length];
          break;
        }
      }
      break;
    }
    k = q;
    const a = evaluate(text, toks, items, chunk, sent.index, lex.locative, lex.kindModHeads);
    if (a) raw.push({ m: a, items: chunk.items });
  }
  // country votes for the main country: names (x2 after a locative word), capitals, demonyms (x0.5)
  for (let z = 0; z < items.length; z++) {
    const c = items[z]!.p.country;
    if (!c?.iso3) continue;
    const prev = z > 0 ? toks[items[z - 1]!.i]!.n : '';
    const next = items[z + 1];
    const asModifier = !!next && !next.other && isNominal(next.p);
    const w = c.form === 'name' ? (lex.locative.has(prev) ? 3 : asModifier ? 0.5 : 1) : c.form === 'metonym' ? 1 : 0.25;
    if (c.alt) ambVotes.push({ alt: c.alt, w });
    else votes.set(c.iso3, (votes.get(c.iso3) ?? 0) + w);
  }
  // appositions: "John Kirby, a spokesperson for the US State Department"
  for (const r of raw) {
    const first = r.items[0]!;
    if (!(r.m.by === 'actors/role' || r.m.by === 'actors/role-name') || toks[first.i]!.n === undefined) continue;
    const det = toks[first.i]!;
    if (!['a', 'an', 'the'].includes(det.n)) continue;
    // the comma right before the determiner (tokens are ordered and do not overlap)
    const ci = first.i > 0 && toks[first.i - 1]!.n === ',' ? first.i - 1 : -1;
    if (ci <= 0) continue;
    let ns = ci;
    while (ns > 0 && toks[ns - 1]!.cap && /^\p{L}/u.test(toks[ns - 1]!.raw) && !NAME_STOP.has(toks[ns - 1]!.raw) && ci - ns < 4) ns--;
    if (ns === ci) continue;
    // drop an actor that is just the name
    const nameSpan = { start: toks[ns]!.s, end: toks[ci - 1]!.e };
    for (let z = raw.length - 1; z >= 0; z--) {
      const o = raw[z]!.m;
      if (o.span.start >= nameSpan.start && o.span.end <= nameSpan.end) raw.splice(z, 1);
    }
    const mm = r.m as { span: { start: number; end: number }; text: string; head: { start: number; end: number }; by: string };
    mm.span = { start: nameSpan.start, end: r.m.span.end };
    mm.text = text.slice(mm.span.start, mm.span.end);
    mm.head = nameSpan;
    mm.by = 'actors/apposition';
  }
  return { raw, votes, ambVotes };
}

type RawActor = Omit<ActorMention, 'country'> & {
  iso: string | null; isoHow: 'stated' | 'inferred' | null; isoBy: string; local: boolean;
  /** the iso came from a name or demonym two states share: its candidates */
  amb: readonly string[] | null;
};

function evaluate(text: string, toks: readonly Tok[], all: Item[], chunk: Chunk, sentence: number,
  locative: ReadonlySet<string>, kindModHeads: ReadonlySet<string>): RawActor | null {
  const its = chunk.items;
  // head = last nominal item (a person name after a role belongs to the role)
  let h = -1;
  const limit = chunk.name ? chunk.name[0] : its.length;
  for (let z = limit - 1; z >= 0; z--) { if (!its[z]!.other && isNominal(its[z]!.p) && toks[its[z]!.i]!.n !== "'s") { h = z; break; } }
  if (h < 0) return null;
  // an item after a role complement ("envoy to the UN") is not the head: the role is
  if (chunk.role >= 0 && h > chunk.role) h = chunk.role;
  const head = its[h]!;
  const hp = head.p;
  const startItem = its[0]!;
  const endItem = its[its.length - 1]!;
  let end = chunk.name ? toks[its[chunk.name[1] - 1]!.j - 1]!.e : toks[endItem.j - 1]!.e;
  // trim a trailing possessive / connector
  let lastIdx = its.length - 1;
  while (lastIdx > h && (its[lastIdx]!.other || its[lastIdx]!.p.det) && !chunk.name) lastIdx--;
  if (!chunk.name) end = toks[its[lastIdx]!.j - 1]!.e;
  const start = toks[startItem.i]!.s;
  const before = startItem.i > 0 ? toks[startItem.i - 1]!.n : '';
  const afterTok = toks[endItem.j];

  // "a new military base", "their local allies": a modifier of a noun that is not an actor ("Afghan
  // military airstrikes", "police raids": the force whose act it is, stays an actor)
  if (hp.adj && afterTok && !chunk.name && !ACT_NOUNS.has(afterTok.n) && /^\p{Ll}/u.test(afterTok.raw) && !/(?:ly|ed)$/.test(afterTok.n) && h === lastIdx && !afterTok.glued &&
      !['and', 'or', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'with', 'by', 'who', 'which', 'that', 'were', 'was', 'are',
        'is', 'have', 'has', 'had', 'said', 'say', 'says', 'reportedly', 'also', 'near', 'after', 'as', 'into', 'against'].includes(afterTok.n)) return null;
  // "the Lavrov-Kerry agreement": part of a hyphenated name
  if ((afterTok?.n === '-' && afterTok.glued) || (startItem.i > 0 && toks[startItem.i - 1]!.n === '-' && toks[startItem.i]!.glued)) return null;
  const namedIt = its.slice(0, limit).find((x) => x.p.named);
  const personIt = its.find((x) => x.p.person);
  const countryIt = its.find((x, z) => z !== h && x.compound?.iso3) ?? its.find((x, z) => (z !== h || !hp.named) && x.p.country?.iso3 && !x.p.named && !x.p.person);
  let kind: ActorKind;
  let name: string | null = null;
  let isSource = false;
  let by = 'actors/phrase';
  let iso: string | null = null;
  let isoHow: 'stated' | 'inferred' | null = null;
  let isoBy = 'actors/phrase-country';
  let headSpan = { start: toks[head.i]!.s, end: toks[head.j - 1]!.e };
  let local = false;
  let amb: readonly string[] | null = null;

  const countryOf = (): void => {
    if (countryIt) { iso = countryIt.compound?.iso3 ?? countryIt.p.country!.iso3; isoHow = 'stated'; amb = (countryIt.compound ? countryIt.compound.alt : countryIt.p.country!.alt) ?? null; }
    else if (namedIt?.p.named?.country) { iso = namedIt.p.named.country; isoHow = 'stated'; isoBy = 'actors/lexicon-country'; }
    else if (personIt?.p.person?.country) { iso = personIt.p.person.country; isoHow = 'inferred'; isoBy = 'actors/lexicon-person'; }
  };

  if (hp.named && !(hp.head && its.slice(0, h).some((x) => x.p.named))) {
    const n = hp.named;
    kind = n.kind; name = n.name; isSource = n.source; by = 'actors/named';
    countryOf();
    if (!countryIt && n.country) { iso = n.country; isoHow = 'stated'; isoBy = 'actors/lexicon-country'; }
  } else if (hp.person && !hp.head) {
    kind = hp.person.kind; name = hp.person.name; by = 'actors/person';
    if (countryIt) countryOf(); else { iso = hp.person.country; isoHow = iso ? 'inferred' : null; isoBy = 'actors/lexicon-person'; }
  } else if (hp.role) {
    const r = hp.role;
    kind = r.kind; isSource = r.source; by = chunk.name ? 'actors/role-name' : 'actors/role';
    const orgIt = its.find((x, z) => x.p.named && !(z > 0 && toks[its[z - 1]!.i]!.n === 'the' && z > 1 && toks[its[z - 2]!.i]!.n === 'to') && !(z > 0 && toks[its[z - 1]!.i]!.n === 'to'));
    if (orgIt && !['government', 'media'].includes(orgIt.p.named!.kind) && !(r.kind === 'military' || r.kind === 'police')) kind = orgIt.p.named!.kind;
    if (orgIt?.p.named?.kind === 'government') kind = r.kind === 'unknown' ? 'government' : r.kind;
    const km = its.find((x) => x.p.kindmod)?.p.kindmod;
    if (km && !orgIt) kind = km;
    if (chunk.name) {
      const [a, b] = chunk.name;
      headSpan = { start: toks[its[a]!.i]!.s, end: toks[its[b - 1]!.j - 1]!.e };
      name = text.slice(headSpan.start, headSpan.end);
      const pIt = its.slice(a, b).find((x) => x.p.person);
      if (pIt && !countryIt && !orgIt?.p.named?.country) { iso = pIt.p.person!.country; isoHow = 'inferred'; isoBy = 'actors/lexicon-person'; }
    }
    if (!iso) countryOf();
    if (!iso && r.countryHint) { iso = r.countryHint; isoHow = 'inferred'; isoBy = 'actors/role-title-country'; }
    if (!iso && !chunk.name && kind !== 'unknown') local = true;
  } else if (hp.head) {
    const hd = hp.head;
    kind = hd.kind;
    // the kind modifier nearest the head wins ("Turkish-backed rebel factions" → rebel)
    let kindmod: ActorKind | undefined;
    for (let z = h - 1; z >= 0 && !kindmod; z--) kindmod = its[z]!.p.kindmod;
    if (namedIt && (hd.member || hd.kind === 'government') && namedIt.p.named!.kind !== 'media') {
      kind = hd.kind === 'government' && namedIt.p.named!.kind !== 'government' ? namedIt.p.named!.kind : namedIt.p.named!.kind;
      name = namedIt.p.named!.name; by = 'actors/named-members';
    } else if (kindmod && kindModHeads.has(normOf(toks, head.i, head.j))) {
      kind = kindmod; by = 'actors/kind-modifier';
    } else if (its.some((x) => x.p.adj && ['islamist', 'jihadist'].includes(toks[x.i]!.n)) && hd.kind === 'unknown') {
      kind = 'terrorist';
    }
    if (hd.kind === 'media') isSource = true;
    countryOf();
    // "pro-regime fighters": the kind modifier names a side, not a country: country stays local
    if (!iso && !hd.air && LOCAL_KINDS.has(kind)) local = true;
    if (!iso && hd.air) local = false;
  } else if (hp.country) {
    // a state named on its own acts as its government, unless it is a place ("in Syria") or a
    // possessor ("Syria's instability") or a singular demonym ("a Syrian")
    const c = hp.country;
    if (!c.iso3) return null;
    if (its.length - (its[0]!.p.det ? 1 : 0) !== 1) return null;
    if (c.form === 'demonym' && !toks[head.j - 1]!.n.endsWith('s')) return null;
    if (c.form === 'demonym' && its[0]!.p.det === undefined && before !== 'the') return null;
    if (locative.has(before) || (its[0]!.p.det && startItem.i > 1 && locative.has(toks[startItem.i - 1]!.n))) return null;
    // "the border with Venezuela": a place
    if (before === 'with' && startItem.i > 1 && BORDER_WORDS.has(toks[startItem.i - 2]!.n)) return null;
    // a dateline's own place in capitals ("GAZA, Feb 29 (Wire) -", "KYIV (Reuters) -"): the place of the report
    if (startItem.i === 0 && toks[head.j - 1]?.caps && afterTok && (afterTok.n === '(' || (afterTok.n === ','
      && /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\p{Lu})/u.test(toks[head.j + 1]?.raw ?? '')))) return null;
    // a dateline's country ("KRAMATORSK, Ukraine, April 8 (Wire) -", "GOMA, Congo -"): the place of the report
    if (before === ',' && toks.slice(0, startItem.i - 1).every((t) => t.caps || t.n === ',' || t.n === '-' || t.n === "'")
      && startItem.i > 1) return null;
    if (afterTok && (afterTok.n === "'s" || (afterTok.n === '-' && afterTok.glued))) return null;
    // a capital as the object of an attack ("attacked Kyiv with drones", "shelled Damascus"): the city
    if (c.form === 'metonym' && ATTACKED_BEFORE.has(before)) return null;
    if (c.form === 'metonym') {
      // a dateline ("MOGADISHU, July 24 (Reuters) -") or a place used as a modifier ("Tripoli
      // clashes", "Kabul residents") is the place, not its government
      const nextWords = toks.slice(head.j, head.j + 3).map((t) => t.n);
      if (nextWords[0] === ',' && /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/.test(nextWords[1] ?? '')) return null;
      if (/^(?:clash|clashes|fighting|attack|attacks|blast|blasts|bombing|bombings|explosion|riots?|protests?|violence|residents|people|police|airport|province|city|governor|mayor|streets?|suburbs?)$/.test(nextWords[0] ?? '')) return null;
    }
    kind = 'government'; iso = c.iso3; isoHow = 'stated'; amb = c.alt ?? null; by = c.form === 'metonym' ? 'actors/capital-government' : 'actors/state';
    // a capital city after a verb of motion or as a place ("to Damascus") was excluded above
  } else return null;
  void all;
  return {
    span: { start, end }, text: text.slice(start, end), name, kind, head: headSpan, sentence, isSource, by,
    iso, isoHow, isoBy, local, amb,
  };
}

/** Actor mentions of a whole text split into sentences (used by the stage and by tests). */
export function findActors(text: string, sentences: readonly Pick<Sentence, 'index' | 'span'>[]): ActorMention[] {
  const per = sentences.map((s) => sentenceActors(text, s));
  const votes = new Map<string, number>();
  for (const p of per) for (const [k, v] of p.votes) votes.set(k, (votes.get(k) ?? 0) + v);
  // a name or demonym two states share ("Congolese") is the candidate the article's other country
  // mentions favour ("Democratic Republic of Congo", "Kinshasa"), else the first listed
  const pickAlt = (alt: readonly string[]): string => {
    let bestIso = alt[0]!, bestV = votes.get(alt[0]!) ?? 0;
    for (const iso of alt) { const v = votes.get(iso) ?? 0; if (v > bestV) { bestIso = iso; bestV = v; } }
    return bestIso;
  };
  const resolved = new Map<readonly string[], string>();
  for (const p of per) for (const { alt } of p.ambVotes) if (!resolved.has(alt)) resolved.set(alt, pickAlt(alt));
  for (const p of per) for (const { alt, w } of p.ambVotes) { const k = resolved.get(alt)!; votes.set(k, (votes.get(k) ?? 0) + w); }
  let main: string | null = null;
  let best = 0;
  for (const [k, v] of votes) if (v > best) { best = v; main = k; }
  const out: ActorMention[] = [];
  // people introduced with a role are known by their surname later in the article
  const known = new Map<string, ActorMention>();
  for (const p of per) {
    for (const { m } of p.raw) {
      let country: Value<string> | null = null;
      if (m.iso && m.amb) country = inferred(resolved.get(m.amb) ?? pickAlt(m.amb), m.span, 'actors/ambiguous-country');
      else if (m.iso) country = m.isoHow === 'inferred' ? inferred(m.iso, m.span, m.isoBy) : stated(m.iso, m.span, m.isoBy);
      else if (m.local && main) country = inferred(main, null, 'actors/main-country');
      // the mention's fields in evaluate()'s order, then the country
      const am: ActorMention = {
        span: m.span, text: m.text, name: m.name, kind: m.kind, head: m.head, sentence: m.sentence, isSource: m.isSource, by: m.by,
        country,
      };
      out.push(am);
      if ((m.by === 'actors/role-name' || m.by === 'actors/apposition') && m.head.end - m.head.start > 2) {
        const parts = text.slice(m.head.start, m.head.end).split(/\s+/);
        const surname = parts[parts.length - 1]!;
        if (surname.length > 2) known.set(surname, am);
      }
    }
  }
  resolveGroupAnaphora(out);
  if (known.size) {
    // a token can only be a surname of one of these lengths
    const lengths = new Set<number>();
    for (const k of known.keys()) lengths.add(k.length);
    for (const s of sentences) {
      const toks = tokens(text, s.span.start, s.span.end);
      for (const t of toks) {
        if (!lengths.has(t.raw.length)) continue;
        const ref = known.get(t.raw);
        if (!ref) continue;
        if (out.some((o) => o.span.start <= t.s && t.e <= o.span.end)) continue;
        out.push({
          span: { start: t.s, end: t.e }, text: t.raw, name: ref.name, kind: ref.kind,
          country: ref.country ? inferred(ref.country.value, ref.span, 'actors/same-person') : null,
          head: { start: t.s, end: t.e }, sentence: s.index, isSource: ref.isSource, by: 'actors/surname',
        });
      }
    }
    out.sort((a, b) => a.span.start - b.span.start);
  }
  return out;
}

/** "the group", "the militants": a definite generic armed head with nothing else in its phrase. */
const ANAPHOR = /^the\s+(?:armed\s+)?(?:group|militants|militia|insurgents|rebels|jihadists|fighters|insurgent\s+group|militant\s+group)$/i;
const ANAPHOR_KINDS = new Set<ActorKind>(['unknown', 'militia', 'rebel', 'terrorist']);
const NAMED_ARMED = new Set<ActorKind>(['militia', 'rebel', 'terrorist']);
/**
 * `actors/anaphora-group`: "… the Houthi movement. … after the group launched …": a definite generic
 * armed head refers back to the nearest named non-state armed group of its sentence (before it) or of
 * the three sentences before; it takes that group's name and kind, and its country (inferred, span
 * of the named mention). Mentions are in text order.
 */
function resolveGroupAnaphora(out: ActorMention[]): void {
  let last: ActorMention | null = null;
  for (let z = 0; z < out.length; z++) {
    const a = out[z]!;
    // (a movement coded as a state's forces, "Military Forces of Yemen (Houthi)" with its faction in
    // brackets as ACLED names it, is a group too; a state's own army, "Military Forces of Myanmar", is not)
    if (a.name && (NAMED_ARMED.has(a.kind) || (a.kind === 'military' && /\(.+\)$/.test(a.name)))
      && (a.by === 'actors/named' || a.by === 'actors/named-members')) { last = a; continue; }
    if (!last || a.name || !ANAPHOR_KINDS.has(a.kind) || a.sentence - last.sentence > 3) continue;
    if (a.span.end - a.span.start > 24 || !ANAPHOR.test(a.text)) continue;
    out[z] = {
      span: a.span, text: a.text, name: last.name, kind: last.kind, head: a.head, sentence: a.sentence, isSource: a.isSource,
      by: 'actors/anaphora-group', country: last.country ? inferred(last.country.value, last.span, 'actors/anaphora-group') : a.country,
    };
  }
}

/** The article's main country as the actors stage sees it (most mentioned, places weighted). */
export function mainCountry(actors: readonly ActorMention[]): string | null {
  for (const a of actors) if (a.country?.by === 'actors/main-country') return a.country.value;
  return null;
}

/** Sentences when the sentences layer is empty (stand-alone use): paragraphs of the clean body. */
export function fallbackSentences(doc: Document): Pick<Sentence, 'index' | 'span'>[] {
  const body = doc.layers.clean?.body?.length ? doc.layers.clean.body : [{ start: 0, end: doc.text.length }];
  return body.map((span, index) => ({ index, span }));
}

export const actorsStage = defineStage({
  name: 'actors',
  reads: ['clean', 'sentences'],
  writes: ['actors'],
  run: (doc) => {
    const sents = layer(doc, 'sentences');
    return { layers: { actors: findActors(doc.text, sents.length ? sents : fallbackSentences(doc)) } };
  },
});
