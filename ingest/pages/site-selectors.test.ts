import { describe, expect, it } from 'vitest';
import { defaultSelectors, parsePage } from './parse-html.js';
import { parseSiteSelectorsConfig, selectorsFor } from './site-selectors.js';
import { preparePages } from '../pipeline.js';
import type { PageSource } from './page-source.js';

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

describe('per-site selectors in an ingest run', () => {
  const html = `<!doctype html><html lang="da"><head><title>Koloskopi</title></head><body>
    <div class="topmenu"><a href="/">Forside</a> <a href="/kontakt">Kontakt os</a></div>
    <div class="artikel"><h1>Koloskopi</h1><p>Du skal drikke udrensningsvæske dagen før undersøgelsen.</p>
      <div class="relaterede"><p>Læs også om gastroskopi og om vores nye kantine.</p></div></div>
  </body></html>`;
  const source = (): PageSource => ({
    pages: (async function* () {
      yield { url: 'https://www.fjordby.example/koloskopi', status: 'fetched' as const, html };
    })(),
  });
  const texts = (prepared: Awaited<ReturnType<typeof preparePages>>) => prepared.chunks.map((chunk) => chunk.text).join('\n');

  it('reads only the site’s article and drops its related-links box when the site is configured', async () => {
    const selectors = parseSiteSelectorsConfig({ sites: { 'fjordby.example': { main: ['.artikel'], remove: ['.relaterede'] } } });
    const configured = texts(await preparePages(source(), { sourceId: 'pages:test', selectors }));
    expect(configured).toContain('udrensningsvæske');
    expect(configured).not.toMatch(/kantine|Kontakt os/);
    // Without the site's selectors the same page drags the menu and the related box along.
    expect(texts(await preparePages(source(), { sourceId: 'pages:test' }))).toMatch(/kantine/);
  });
});
