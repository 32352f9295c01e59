import { describe, expect, it } from 'vitest';
import { defaultSelectors, parsePage } from './parse-html.js';
import { parseSiteSelectorsConfig, selectorsFor } from './site-selectors.js';

const config = parseSiteSelectorsConfig({
  sites: { 'www.Fjordby.dk': { main: ['.pinfo-body'], remove: ['.related-links'] }, 'localhost:8080': { remove: ['.demo'] } },
});

describe('per-site selectors', () => {
  it('tries the site\'s main selectors before the defaults and adds its remove selectors to them', () => {
    const selectors = selectorsFor('https://fjordby.dk/pinfo/mr', config);
    expect(selectors.main.slice(0, 2)).toEqual(['.pinfo-body', defaultSelectors.main[0]]);
    expect(selectors.remove).toEqual([...defaultSelectors.remove, '.related-links']);
    expect(selectorsFor('http://localhost:8080/x', config).remove.at(-1)).toBe('.demo');
    expect(selectorsFor('https://www.ouh.dk/x', config)).toBe(defaultSelectors);
  });

  it('reads only the configured main content of a site with an unusual layout', () => {
    const html = `<html><body><div class="layout"><div class="menu"><a href="/">Forside</a></div>
      <div class="pinfo-body"><h1>MR-scanning</h1><p>Du skal ligge stille i 30 minutter.</p><div class="related-links"><p>Se også: CT</p></div></div></div></body></html>`;
    const page = parsePage(html, { fallbackUrl: 'https://www.fjordby.dk/pinfo/mr', selectors: selectorsFor('https://www.fjordby.dk/pinfo/mr', config) });
    expect(page.blocks.map((block) => block.text)).toEqual(['Du skal ligge stille i 30 minutter.']);
  });

  it('rejects a bad configuration naming the site and the selector', () => {
    expect(() => parseSiteSelectorsConfig({ sites: { 'www.ouh.dk': { main: ['div['] } } })).toThrow(/sites\.www\.ouh\.dk\.main\.0: "div\[" is not a valid CSS selector/);
    expect(() => parseSiteSelectorsConfig({ sites: { 'https://www.ouh.dk/': { main: ['main'] } } })).toThrow(/a site key must be a host name/);
    expect(() => parseSiteSelectorsConfig({ sites: { 'www.ouh.dk': { mian: ['main'] } } })).toThrow(/sites\.www\.ouh\.dk: Unrecognized key: "mian"/);
  });
});
