// robots.txt as RFC 9309 and Google read it: the group for our product token (else `*`), the longest
// matching Allow/Disallow wins (Allow on a tie), `*` and `$` wildcards, and Crawl-delay honoured.

export interface RobotsRule {
  allow: boolean;
  /** The path pattern as written, for the reason shown to the operator. */
  pattern: string;
  matcher: RegExp;
}

export interface RobotsGroup {
  /** User-agent values of the group, lower-cased. */
  agents: string[];
  rules: RobotsRule[];
  crawlDelaySeconds?: number;
}

export interface ParsedRobots {
  groups: RobotsGroup[];
  sitemaps: string[];
}

export type RobotsVerdict = { allowed: true } | { allowed: false; reason: string };

export interface RobotsPolicy {
  check(url: URL): RobotsVerdict;
  crawlDelaySeconds?: number;
  /** `Sitemap:` lines of the file. */
  sitemaps: string[];
}

/** What fetching `/robots.txt` gave: a status and body, or a network error. */
export type RobotsFetchOutcome = { status: number; text: string } | { error: string };

/** Google reads at most 500 KiB of a robots.txt. */
export const robotsMaxBytes = 500 * 1024;

/** Percent-encodes non-ASCII characters and upper-cases escapes, so "/æ" in a rule matches "/%C3%A6" in a URL. */
function normalizeEncoding(text: string): string {
  return text
    .replace(/[^\p{ASCII}]/gu, (character) => encodeURIComponent(character))
    .replace(/%[0-9a-f]{2}/gi, (escape) => escape.toUpperCase());
}

function compilePattern(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = anchored ? pattern.slice(0, -1) : pattern;
  const source = normalizeEncoding(body)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}${anchored ? '$' : ''}`);
}

/** Parses a robots.txt body; unknown lines and malformed values are ignored, as crawlers do. */
export function parseRobots(text: string): ParsedRobots {
  const groups: RobotsGroup[] = [];
  const sitemaps: string[] = [];
  let current: RobotsGroup | undefined;
  let collectingAgents = false;
  for (const rawLine of text.slice(0, robotsMaxBytes).split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const separator = line.indexOf(':');
    if (separator < 0) continue;
    const field = line.slice(0, separator).trim().toLowerCase();
    const value = line.slice(separator + 1).trim();
    if (field === 'user-agent') {
      if (!collectingAgents || !current) {
        current = { agents: [], rules: [] };
        groups.push(current);
        collectingAgents = true;
      }
      current.agents.push(value.toLowerCase());
    } else if (field === 'allow' || field === 'disallow') {
      collectingAgents = false;
      // An empty Disallow allows everything; it adds no rule.
      if (current && value !== '') current.rules.push({ allow: field === 'allow', pattern: value, matcher: compilePattern(value) });
    } else if (field === 'crawl-delay') {
      collectingAgents = false;
      const seconds = Number(value);
      if (current && Number.isFinite(seconds) && seconds >= 0) current.crawlDelaySeconds = seconds;
    } else if (field === 'sitemap') {
      if (value !== '') sitemaps.push(value);
    }
  }
  return { groups, sitemaps };
}

/** The product token robots.txt groups are matched against: "HospitalHelpBot/0.1 (+…)" → "hospitalhelpbot". */
export function productToken(userAgent: string): string {
  return (/^[A-Za-z_-]+/.exec(userAgent.trim())?.[0] ?? userAgent).toLowerCase();
}

/** The rules that apply to a crawler: every group naming its product token, else every `*` group. */
export function groupFor(robots: ParsedRobots, userAgent: string): RobotsGroup {
  const token = productToken(userAgent);
  const named = robots.groups.filter((group) => group.agents.includes(token));
  const chosen = named.length > 0 ? named : robots.groups.filter((group) => group.agents.includes('*'));
  const delays = chosen.flatMap((group) => (group.crawlDelaySeconds === undefined ? [] : [group.crawlDelaySeconds]));
  return {
    agents: chosen.flatMap((group) => group.agents),
    rules: chosen.flatMap((group) => group.rules),
    ...(delays.length > 0 ? { crawlDelaySeconds: Math.max(...delays) } : {}),
  };
}

/** Whether a URL may be fetched under a group's rules: the longest matching pattern decides, Allow on a tie. */
export function checkRules(group: RobotsGroup, url: URL): RobotsVerdict {
  if (url.pathname === '/robots.txt') return { allowed: true };
  const target = normalizeEncoding(url.pathname + url.search);
  let best: RobotsRule | undefined;
  for (const rule of group.rules) {
    if (!rule.matcher.test(target)) continue;
    const longer = !best || rule.pattern.length > best.pattern.length;
    const tieAllow = best !== undefined && rule.pattern.length === best.pattern.length && rule.allow && !best.allow;
    if (longer || tieAllow) best = rule;
  }
  if (!best || best.allow) return { allowed: true };
  return { allowed: false, reason: `disallowed by robots.txt (Disallow: ${best.pattern})` };
}

export function policyFromRobots(text: string, userAgent: string): RobotsPolicy {
  const robots = parseRobots(text);
  const group = groupFor(robots, userAgent);
  return {
    check: (url) => checkRules(group, url),
    ...(group.crawlDelaySeconds === undefined ? {} : { crawlDelaySeconds: group.crawlDelaySeconds }),
    sitemaps: robots.sitemaps,
  };
}

/**
 * The policy a robots.txt fetch outcome implies. A missing file (any 4xx but 429) allows everything;
 * a server error, 429 or an unreachable host disallows the whole host for this run, as Google does,
 * because the site may be down or asking us to stay away.
 */
export function policyFromOutcome(outcome: RobotsFetchOutcome, userAgent: string): RobotsPolicy {
  if ('error' in outcome) return disallowAll(`robots.txt unreachable (${outcome.error}); host not crawled this run`);
  if (outcome.status >= 200 && outcome.status < 300) return policyFromRobots(outcome.text, userAgent);
  if (outcome.status === 429 || outcome.status >= 500) {
    return disallowAll(`robots.txt answered HTTP ${outcome.status}; host not crawled this run`);
  }
  return { check: () => ({ allowed: true }), sitemaps: [] };
}

function disallowAll(reason: string): RobotsPolicy {
  return { check: () => ({ allowed: false, reason }), sitemaps: [] };
}

/** Fetches each origin's robots.txt once per crawl and remembers the policy. */
export class RobotsCache {
  private readonly policies = new Map<string, Promise<RobotsPolicy>>();

  constructor(
    private readonly load: (robotsUrl: string) => Promise<RobotsFetchOutcome>,
    private readonly userAgent: string,
  ) {}

  policyFor(url: URL): Promise<RobotsPolicy> {
    let policy = this.policies.get(url.origin);
    if (!policy) {
      policy = this.load(`${url.origin}/robots.txt`).then((outcome) => policyFromOutcome(outcome, this.userAgent));
      this.policies.set(url.origin, policy);
    }
    return policy;
  }
}
