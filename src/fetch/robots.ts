/**
 * robots.txt (RFC 9309): the group for our user agent (or *), Allow/Disallow with the longest match
 * winning (Allow on a tie), `*` and `$` in patterns, and Crawl-delay (not in the RFC, widely used).
 */

export interface RobotsRules {
  /** True when the path (with its query) may be fetched. */
  allowed(pathAndQuery: string): boolean;
  /** Seconds between requests the site asks for, if any. */
  readonly crawlDelay: number | null;
}

interface Rule { readonly allow: boolean; readonly pattern: string; readonly re: RegExp }

export const ALLOW_ALL: RobotsRules = { allowed: () => true, crawlDelay: null };
export const DISALLOW_ALL: RobotsRules = { allowed: () => false, crawlDelay: null };

function patternRe(p: string): RegExp {
  const anchored = p.endsWith('$');
  const body = (anchored ? p.slice(0, -1) : p).split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`);
}

/** Percent-encoding normalised so /a%2fb and /a%2Fb compare equal, and non-ASCII is encoded. */
function norm(p: string): string {
  let s = p;
  try { s = encodeURI(decodeURI(p)); } catch { /* keep */ }
  return s.replace(/%[0-9a-f]{2}/gi, (m) => m.toUpperCase());
}

/** The rules of one robots.txt for a user agent token ("sitrep"). */
export function parseRobots(text: string, agent: string): RobotsRules {
  const me = agent.toLowerCase();
  type Group = { agents: string[]; rules: Rule[]; delay: number | null };
  const groups: Group[] = [];
  let cur: Group | null = null;
  let lastWasAgent = false;
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1].toLowerCase();
    const val = m[2].trim();
    if (key === 'user-agent') {
      if (!cur || !lastWasAgent) { cur = { agents: [], rules: [], delay: null }; groups.push(cur); }
      cur.agents.push(val.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!cur) continue;
    if (key === 'allow' || key === 'disallow') {
      if (!val) continue; // "Disallow:" (empty) allows everything
      const pattern = norm(val);
      cur.rules.push({ allow: key === 'allow', pattern, re: patternRe(pattern) });
    } else if (key === 'crawl-delay') {
      const d = Number(val);
      if (Number.isFinite(d) && d >= 0) cur.delay = d;
    }
  }
  // the groups naming us (product token match), else the * groups; several groups are combined
  const mine = groups.filter((g) => g.agents.some((a) => a !== '*' && (me.startsWith(a) || a.startsWith(me))));
  const chosen = mine.length ? mine : groups.filter((g) => g.agents.includes('*'));
  const rules = chosen.flatMap((g) => g.rules);
  const delays = chosen.map((g) => g.delay).filter((d): d is number => d !== null);
  return {
    crawlDelay: delays.length ? Math.max(...delays) : null,
    allowed(pathAndQuery: string): boolean {
      const p = norm(pathAndQuery || '/');
      if (p === '/robots.txt') return true;
      let best: Rule | null = null;
      for (const r of rules) {
        if (!r.re.test(p)) continue;
        if (!best || r.pattern.length > best.pattern.length || (r.pattern.length === best.pattern.length && r.allow && !best.allow)) best = r;
      }
      return best ? best.allow : true;
    },
  };
}
