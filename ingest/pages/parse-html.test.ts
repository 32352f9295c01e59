import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunkPage, maxChunkCharacters } from '../chunk.js';
import { parseDate, parsePage } from './parse-html.js';

const page = (body: string, head = '') =>
  `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Koloskopi – Demo</title>${head}</head><body>${body}</body></html>`;

describe('reading a hospital page', () => {
  it('keeps the main content and drops cookie banner, navigation, share widgets and footer', () => {
    const parsed = parsePage(
      page(`
        <div id="cookie-banner" class="cookie-banner"><p>Vi bruger cookies</p><button>Accepter</button></div>
        <header><a href="/">Hospital</a></header>
        <nav class="main-nav"><ul><li><a href="/p">Parkering</a></li></ul></nav>
        <main id="content"><article>
          <h1>Koloskopi</h1><p class="lead">Her kan du læse om undersøgelsen.</p>
          <h2>Før undersøgelsen</h2><p>Du skal drikke udrensning.</p>
          <aside class="share"><p>Del siden</p></aside>
        </article></main>
        <footer><p>Fjordvej 10</p></footer>`),
      { fallbackUrl: '/demo/fjordby/pinfo/koloskopi' },
    );
    const all = parsed.blocks.map((block) => block.text).join(' | ');
    expect(all).toBe('Her kan du læse om undersøgelsen. | Du skal drikke udrensning.');
    expect(parsed.title).toBe('Koloskopi');
    expect(parsed.url).toBe('/demo/fjordby/pinfo/koloskopi');
    expect(parsed.blocks[1]?.headingPath).toEqual(['Koloskopi', 'Før undersøgelsen']);
  });

  it('keeps words apart where block elements meet, and list items and table rows whole', () => {
    const parsed = parsePage(
      page(`<main><h1>Faste</h1><div><strong>Parkering</strong><div>Du kan parkere her.</div></div><p>Indgang 1<br>Indgang 3</p>
        <ul><li>Mad: <em>6 timer</em> før</li><li>Klare væsker</li></ul>
        <ol><li>Første dag</li><li>Anden dag</li></ol>
        <table><thead><tr><th>Hvad</th><th>Hvor længe før</th></tr></thead>
          <tbody><tr><td>Mad</td><td>6 timer</td></tr><tr><td>Vand</td><td>2 timer</td></tr></tbody></table></main>`),
      { fallbackUrl: '/x' },
    );
    expect(parsed.blocks.map((block) => block.text)).toEqual([
      'Parkering',
      'Du kan parkere her.',
      'Indgang 1 Indgang 3',
      '• Mad: 6 timer før',
      '• Klare væsker',
      '1. Første dag',
      '2. Anden dag',
      'Hvad: Mad; Hvor længe før: 6 timer',
      'Hvad: Vand; Hvor længe før: 2 timer',
    ]);
  });

  it('reads canonical URL, department, hospital and the review date, and keeps the date line out of the text', () => {
    const parsed = parsePage(
      page(
        '<main><h1>MR</h1><p>Tekst om MR-scanning af knæet og hvad du skal gøre.</p><p class="reviewed">Senest gennemgået: 14. maj 2026</p></main>',
        '<link rel="canonical" href="/demo/fjordby/pinfo/mr-scanning"><meta name="department" content="Billeddiagnostisk Afdeling"><meta name="hospital" content="fjordby">',
      ),
      { fallbackUrl: '/x' },
    );
    expect(parsed).toMatchObject({ url: '/demo/fjordby/pinfo/mr-scanning', department: 'Billeddiagnostisk Afdeling', hospital: 'fjordby', reviewedOn: '2026-05-14' });
    expect(parsed.blocks.map((block) => block.text)).toEqual(['Tekst om MR-scanning af knæet og hvad du skal gøre.']);
  });

  it('understands the date styles the hospital sites use', () => {
    expect(parseDate('14. maj 2026')).toBe('2026-05-14');
    expect(parseDate('20.01.2026')).toBe('2026-01-20');
    expect(parseDate('3 February 2026')).toBe('2026-02-03');
    expect(parseDate('2026-11-02')).toBe('2026-11-02');
    expect(parseDate('i går')).toBeUndefined();
  });

  it('detects English pages', () => {
    const html = readFileSync(new URL('../demo/pages/fjordby/fasting-before-anaesthesia.html', import.meta.url), 'utf8');
    expect(parsePage(html, { fallbackUrl: '/x' }).language).toBe('en');
  });

  it('reads all three demo site layouts', () => {
    for (const file of ['fjordby/koloskopi.html', 'lyngaa/tolkebistand.html', 'havnekobing/faste-foer-operation.html']) {
      const parsed = parsePage(readFileSync(new URL(`../demo/pages/${file}`, import.meta.url), 'utf8'), { fallbackUrl: '/x' });
      const text = parsed.blocks.map((block) => block.text).join('\n');
      expect(parsed.blocks.length, file).toBeGreaterThan(5);
      expect(parsed.reviewedOn, file).toMatch(/^20\d\d-\d\d-\d\d$/);
      expect(parsed.department, file).toBeTruthy();
      expect(text, file).not.toMatch(/cookies|Del siden|Del:/i);
    }
  });
});

describe('chunking', () => {
  it('gives each section its own chunk with its heading path, and stable ids', () => {
    const html = readFileSync(new URL('../demo/pages/fjordby/faste-foer-bedoevelse.html', import.meta.url), 'utf8');
    const parsed = parsePage(html, { fallbackUrl: '/x' });
    const first = chunkPage(parsed, 'pinfo', 'pages:test');
    const second = chunkPage(parsePage(html, { fallbackUrl: '/x' }), 'pinfo', 'pages:test');
    expect(first.map((chunk) => chunk.id)).toEqual(second.map((chunk) => chunk.id));
    expect(new Set(first.map((chunk) => chunk.id)).size).toBe(first.length);
    expect(first.every((chunk) => chunk.headingPath[0] === parsed.title)).toBe(true);
    // The fasting table stays readable: a row is one line with its column names.
    expect(first.some((chunk) => /timer/.test(chunk.text) && chunk.text.includes(': '))).toBe(true);
  });

  it('splits long sections between blocks, never inside one', () => {
    const items = Array.from({ length: 40 }, (_, index) => `<li>Punkt ${index}: ${'ord '.repeat(20)}slut</li>`).join('');
    const parsed = parsePage(page(`<main><h1>Lang</h1><h2>Liste</h2><ul>${items}</ul></main>`), { fallbackUrl: '/x' });
    const chunks = chunkPage(parsed, 'pinfo', 'pages:test');
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(maxChunkCharacters);
      for (const line of chunk.text.split('\n')) expect(line).toMatch(/^• Punkt \d+: .* slut$/);
    }
  });
});
