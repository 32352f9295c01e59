import { describe, expect, it } from 'vitest';
import { RobotsCache, policyFromOutcome, policyFromRobots, productToken } from './robots.js';

const userAgent = 'HospitalHelpBot/0.1 (+https://example.invalid/bot)';
const allowed = (robots: string, path: string, agent = userAgent) => policyFromRobots(robots, agent).check(new URL(path, 'https://www.fjordby.dk')).allowed;

describe('robots.txt', () => {
  it('lets the longest matching rule decide, and Allow win a tie', () => {
    const robots = 'User-agent: *\nDisallow: /pinfo/\nAllow: /pinfo/offentlig/\nDisallow: /pinfo/offentlig/kladde\nAllow: /side\nDisallow: /side\n';
    expect(allowed(robots, '/pinfo/intern')).toBe(false);
    expect(allowed(robots, '/pinfo/offentlig/koloskopi')).toBe(true);
    expect(allowed(robots, '/pinfo/offentlig/kladde-1')).toBe(false);
    expect(allowed(robots, '/side')).toBe(true);
    expect(allowed(robots, '/praktisk')).toBe(true);
  });

  it('understands * and $ wildcards, matching the query string too', () => {
    const robots = 'User-agent: *\nDisallow: /*.pdf$\nDisallow: /*?print=\nDisallow: /søg\n';
    expect(allowed(robots, '/pjecer/koloskopi.pdf')).toBe(false);
    expect(allowed(robots, '/pjecer/koloskopi.pdf.html')).toBe(true);
    expect(allowed(robots, '/pinfo/mr?print=1')).toBe(false);
    expect(allowed(robots, '/pinfo/mr?lang=en')).toBe(true);
    expect(allowed(robots, '/søg?q=parkering')).toBe(false);
  });

  it('uses the group naming our product token, else the * group, and its Crawl-delay', () => {
    const robots = '# comment\nUser-agent: *\nDisallow: /\nCrawl-delay: 10\n\nUser-agent: googlebot\nUser-agent: HospitalHelpBot\nDisallow: /intern/\nCrawl-delay: 2\n';
    expect(productToken(userAgent)).toBe('hospitalhelpbot');
    expect(allowed(robots, '/pinfo/mr')).toBe(true);
    expect(allowed(robots, '/intern/x')).toBe(false);
    expect(policyFromRobots(robots, userAgent).crawlDelaySeconds).toBe(2);
    expect(allowed(robots, '/pinfo/mr', 'OtherBot/1.0')).toBe(false);
    expect(policyFromRobots(robots, 'OtherBot/1.0').crawlDelaySeconds).toBe(10);
  });

  it('treats an empty Disallow as allow-all and always allows /robots.txt itself', () => {
    expect(allowed('User-agent: *\nDisallow:\n', '/alt')).toBe(true);
    expect(allowed('User-agent: *\nDisallow: /\n', '/robots.txt')).toBe(true);
    expect(policyFromRobots('Sitemap: https://www.fjordby.dk/sitemap.xml\nUser-agent: *\nDisallow: /x', userAgent).sitemaps).toEqual(['https://www.fjordby.dk/sitemap.xml']);
  });

  it('allows everything when robots.txt is missing, and nothing when the server fails or cannot be reached', () => {
    const page = new URL('https://www.fjordby.dk/pinfo/mr');
    expect(policyFromOutcome({ status: 404, text: '' }, userAgent).check(page)).toEqual({ allowed: true });
    expect(policyFromOutcome({ status: 503, text: '' }, userAgent).check(page)).toEqual({ allowed: false, reason: 'robots.txt answered HTTP 503; host not crawled this run' });
    expect(policyFromOutcome({ error: 'ECONNREFUSED' }, userAgent).check(page)).toEqual({ allowed: false, reason: 'robots.txt unreachable (ECONNREFUSED); host not crawled this run' });
  });

  it('fetches robots.txt once per host per crawl', async () => {
    const loaded: string[] = [];
    const cache = new RobotsCache(async (url) => {
      loaded.push(url);
      return { status: 200, text: 'User-agent: *\nDisallow: /intern/' };
    }, userAgent);
    await Promise.all(['/a', '/b', '/intern/c'].map((path) => cache.policyFor(new URL(path, 'https://www.fjordby.dk'))));
    await cache.policyFor(new URL('https://www.ouh.dk/a'));
    expect(loaded).toEqual(['https://www.fjordby.dk/robots.txt', 'https://www.ouh.dk/robots.txt']);
  });
});
