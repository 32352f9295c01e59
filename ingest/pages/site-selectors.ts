// Which part of a page is its main content, and which chrome to cut, per site. Most hospital sites
// are read well by the defaults; a site with an unusual layout gets its own selectors by host.
import * as cheerio from 'cheerio';
import { z } from 'zod';
import { defaultSelectors, type SiteSelectors } from './parse-html.js';

const probe = cheerio.load('<p></p>');

const selectorSchema = z
  .string()
  .trim()
  .min(1, 'a selector must not be empty')
  .superRefine((selector, context) => {
    try {
      probe(selector);
    } catch (error) {
      context.addIssue({ code: 'custom', message: `"${selector}" is not a valid CSS selector (${(error as Error).message})` });
    }
  });

const hostSchema = z
  .string()
  .regex(/^[a-z0-9.-]+(:\d+)?$/i, 'a site key must be a host name such as "www.ouh.dk" (optionally with :port), not a URL');

export const siteSelectorsConfigSchema = z.object({
  sites: z.record(
    hostSchema,
    z.object({ main: z.array(selectorSchema).optional(), remove: z.array(selectorSchema).optional() }).strict(),
  ),
}).strict();

export type SiteSelectorsConfig = z.infer<typeof siteSelectorsConfigSchema>;

/** Validates a selectors configuration; the error names the site and selector at fault. */
export function parseSiteSelectorsConfig(input: unknown): SiteSelectorsConfig {
  const parsed = siteSelectorsConfigSchema.safeParse(input);
  if (parsed.success) {
    // Host names are case-insensitive; keys are looked up lower-cased.
    return { sites: Object.fromEntries(Object.entries(parsed.data.sites).map(([host, site]) => [host.toLowerCase(), site])) };
  }
  const problems = parsed.error.issues.map((issue) => {
    // A bad record key is reported as "Invalid key in record"; its own issue says what is wrong.
    const detail = issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
    return `${issue.path.join('.') || '(root)'}: ${detail}`;
  });
  throw new Error(`Invalid site selectors configuration:\n${problems.join('\n')}`);
}

/**
 * The selectors for a page: the site's own main-content selectors are tried before the defaults,
 * and its remove selectors are added to the defaults. The site is found by host and port, else by
 * host name, with or without "www.".
 */
export function selectorsFor(url: string, config: SiteSelectorsConfig): SiteSelectors {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return defaultSelectors;
  }
  const hostname = parsed.hostname.toLowerCase();
  const candidates = [parsed.host.toLowerCase(), hostname, hostname.startsWith('www.') ? hostname.slice(4) : `www.${hostname}`];
  const site = candidates.map((host) => config.sites[host]).find((entry) => entry !== undefined);
  if (!site) return defaultSelectors;
  return {
    main: [...new Set([...(site.main ?? []), ...defaultSelectors.main])],
    remove: [...new Set([...defaultSelectors.remove, ...(site.remove ?? [])])],
  };
}
