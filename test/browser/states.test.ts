// The widget in each state a citizen can meet it in (closed, open, answering, answered, emergency card,
// avatar on), in Danish and in Arabic, checked with axe-core and photographed; and the widget on a host
// page whose CSS is as hostile as it gets. Screenshots are kept in test-artifacts/screenshots/.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, chromiumAvailable, demoSuite, saveScreenshot, widgetOverflow, widgetSettled } from '../support/browser.js';

// Everything a careless or hostile stylesheet can do to elements it reaches.
const hostileCss = `
  :root { direction: rtl; font-family: "Comic Sans MS", fantasy !important; line-height: 3 !important; }
  body, body * { all: unset; font-size: 40px !important; color: red !important; display: block; letter-spacing: 0.3em !important;
    text-transform: uppercase !important; box-sizing: content-box !important; visibility: visible; }
  button { display: none !important; }
  div, section, textarea { position: absolute !important; top: 0 !important; left: 0 !important; width: 10px !important; }
  p, a, span { transform: rotate(180deg) !important; opacity: 0.2 !important; }
  * { z-index: 2147483647; background: yellow !important; border: 9px solid lime !important; padding: 30px !important; margin: 20px !important; }
  svg, svg * { fill: red !important; stroke: red !important; }
`;

interface Box { x: number; y: number; width: number; height: number }

describe.skipIf(!chromiumAvailable)('widget states in Chromium', () => {
  const suite = demoSuite();

  /** A host page of our own (served from the test server's origin), with the widget added by a script element. */
  async function hostPage(options: { lang: string; css?: string; width?: number }): Promise<{ page: Page; probeBefore: Record<string, string> }> {
    const page = await suite.newPage({ viewport: { width: options.width ?? 1280, height: 800 } });
    await page.route(`${suite.server.url}/host-page`, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><html lang="da"><head><title>Værtsside</title><style>${options.css ?? ''}</style></head>
<body><main><h1>Fjordby Hospital</h1><p id="probe">Velkommen til hospitalet. <a href="#x">Læs mere</a></p>
<div id="box">Boks</div><button id="host-button" type="button">Værtens knap</button></main></body></html>`,
      }),
    );
    await page.goto(`${suite.server.url}/host-page`);
    const probeBefore = await probeStyle(page);
    await page.evaluate((lang) => {
      const script = document.createElement('script');
      script.src = '/widget.js';
      script.dataset.hospital = 'fjordby';
      script.dataset.lang = lang;
      document.body.append(script);
    }, options.lang);
    await page.locator('hospital-help-chat .launcher').waitFor();
    return { page, probeBefore };
  }

  /** The host page's own elements, as computed: the widget must not change them. */
  const probeStyle = (page: Page) =>
    page.evaluate(() => {
      const out: Record<string, string> = {};
      for (const selector of ['html', 'body', 'h1', '#probe', '#probe a', '#box', '#host-button']) {
        const style = getComputedStyle(document.querySelector(selector)!);
        for (const property of ['color', 'background-color', 'font-family', 'font-size', 'line-height', 'display', 'position', 'margin-top', 'padding-left', 'direction', 'box-sizing', 'border-top-width']) {
          out[`${selector} ${property}`] = style.getPropertyValue(property);
        }
      }
      return out;
    });

  const box = async (page: Page, selector: string): Promise<Box> => {
    await widgetSettled(page);
    const found = await page.locator(`hospital-help-chat ${selector}`).first().boundingBox();
    if (!found) throw new Error(`${selector} is not rendered`);
    return found;
  };

  /** Serious and critical WCAG 2.2 A/AA violations, in the whole page or only in the widget. */
  const audit = (page: Page, scope: 'page' | 'widget' = 'page') => axeViolations(page, { impacts: ['serious', 'critical'], ...(scope === 'widget' && { within: 'hospital-help-chat' }) });

  /** Holds POSTed messages until release() is called, so the answering state can be seen. */
  async function holdAnswers(page: Page): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/sessions/*/messages', async (route) => {
      if (route.request().method() === 'POST') await held;
      await route.continue();
    });
    return release;
  }

  const ui = {
    da: { launcher: 'Spørg os', input: 'Skriv dit spørgsmål', question: 'Hvor kan jeg parkere?', emergency: 'min mand kan ikke få vejret', typing: /Skriver svar|Tænker over svaret/ },
    ar: { launcher: 'اسألنا', input: 'اكتب سؤالك', question: 'أين يمكنني ركن السيارة؟', emergency: 'ابني ما عم يقدر يتنفس', typing: /جارٍ كتابة الرد|يفكّر في الرد/ },
  } as const;

  for (const lang of ['da', 'ar'] as const) {
    const t = ui[lang];
    it(`${lang}: closed, open, answering, answered and emergency card, avatar on, have no serious or critical axe-core violation`, async () => {
      const { page } = await hostPage({ lang, width: lang === 'ar' ? 320 : 1280 });
      expect(await page.getByRole('button', { name: t.launcher }).isVisible()).toBe(true);
      expect(await audit(page)).toEqual([]);
      await saveScreenshot(page, `${lang}-1-closed`);

      await page.getByRole('button', { name: t.launcher }).click();
      const input = page.getByRole('textbox', { name: t.input });
      await input.waitFor();
      // Avatar on is the default.
      expect(await page.locator('hospital-help-chat .avatar').isVisible()).toBe(true);
      expect(await audit(page)).toEqual([]);
      await saveScreenshot(page, `${lang}-2-open-avatar-on`);

      const release = await holdAnswers(page);
      await input.fill(t.question);
      await input.press('Enter');
      await expect.poll(() => page.locator('hospital-help-chat .avatar').getAttribute('data-state')).toBe('thinking');
      expect(await page.locator('hospital-help-chat .panel').textContent()).toMatch(t.typing);
      expect(await audit(page)).toEqual([]);
      await saveScreenshot(page, `${lang}-3-answering`);
      release();

      await page.locator('hospital-help-chat a.source-title[href$="/praktisk/parkering"]').first().waitFor({ timeout: 15_000 });
      expect(await audit(page)).toEqual([]);
      await saveScreenshot(page, `${lang}-4-answered`);

      await input.fill(t.emergency);
      await input.press('Enter');
      const alert = page.getByRole('alert');
      await alert.waitFor({ timeout: 15_000 });
      expect(await alert.locator('a[href="tel:112"]').count()).toBeGreaterThan(0);
      expect(await audit(page)).toEqual([]);
      await saveScreenshot(page, `${lang}-5-emergency`);
      await page.close();
    }, 60_000);
  }

  it('ar: right-to-left chat with Arabic texts, an Arabic answer marking its Danish quote, no overflow at 320 px', async () => {
    const { page } = await hostPage({ lang: 'ar', width: 320 });
    const launcher = page.getByRole('button', { name: 'اسألنا' });
    expect(await launcher.getAttribute('dir')).toBe('rtl');
    await launcher.click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getAttribute('dir')).toBe('rtl');
    expect(await dialog.getAttribute('lang')).toBe('ar');
    expect(await page.locator('hospital-help-chat .panel').evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    expect(await dialog.textContent()).toContain('اطرح سؤالًا عن زيارتك للمستشفى');
    const input = page.getByRole('textbox', { name: 'اكتب سؤالك' });
    await input.fill('أين يمكنني ركن السيارة؟');
    await input.press('Enter');
    await page.locator('hospital-help-chat a.source-title[href$="/praktisk/parkering"]').first().waitFor({ timeout: 15_000 });
    const answer = page.locator('hospital-help-chat .kind-answer').last();
    expect(await answer.getAttribute('lang')).toBe('ar');
    const text = (await answer.locator('.text').textContent()) ?? '';
    expect(text).toContain('هذا ما تقوله صفحة المستشفى');
    expect(text).toContain('(اقتباس باللغة الدنماركية من الصفحة)');
    expect(await answer.locator('a.cite').first().textContent()).toMatch(/1/);
    expect(await page.getByRole('button', { name: 'إرسال' }).isVisible()).toBe(true);

    // Nothing sticks out of a 320 px wide screen: neither the page nor anything inside the widget.
    expect(await widgetOverflow(page)).toEqual({ page: 320, outside: [], scrollers: [] });
    await saveScreenshot(page, 'ar-320px-answer');
    await page.close();
  }, 60_000);

  it('looks and works the same on a host page with hostile CSS, and leaves the page\'s own styles alone', async () => {
    // The same widget on a plain page, for comparison.
    const plain = await hostPage({ lang: 'da' });
    const plainLauncher = await box(plain.page, '.launcher');
    await plain.page.locator('hospital-help-chat .launcher').click();
    await plain.page.getByRole('textbox', { name: 'Skriv dit spørgsmål' }).waitFor();
    const plainPanel = await box(plain.page, '.panel');
    const plainInput = await box(plain.page, 'textarea');
    await plain.page.close();

    const { page, probeBefore } = await hostPage({ lang: 'da', css: hostileCss });
    const launcher = page.getByRole('button', { name: 'Spørg os' });
    expect(await launcher.isVisible()).toBe(true);
    expect(await box(page, '.launcher')).toEqual(plainLauncher);
    expect(await audit(page, 'widget')).toEqual([]);
    await saveScreenshot(page, 'hostile-1-closed');

    await launcher.click();
    const input = page.getByRole('textbox', { name: 'Skriv dit spørgsmål' });
    await input.waitFor();
    expect(await box(page, '.panel')).toEqual(plainPanel);
    expect(await box(page, 'textarea')).toEqual(plainInput);
    const inside = await page.locator('hospital-help-chat .panel').evaluate((element) => {
      const style = getComputedStyle(element);
      return { color: style.color, direction: style.direction, position: style.position, fontSize: style.fontSize };
    });
    expect(inside).toEqual({ color: expect.not.stringMatching(/^rgb\(255, 0, 0\)$/), direction: 'ltr', position: 'fixed', fontSize: expect.not.stringMatching(/^40px$/) });
    await input.fill('Hvor kan jeg parkere?');
    await input.press('Enter');
    const source = page.locator('hospital-help-chat a.source-title[href$="/demo/fjordby/praktisk/parkering"]').first();
    await source.waitFor({ timeout: 15_000 });
    expect(await source.isVisible()).toBe(true);
    expect(await page.locator('hospital-help-chat a.cite').first().textContent()).toMatch(/1/);
    expect(await audit(page, 'widget')).toEqual([]);
    await saveScreenshot(page, 'hostile-2-answered');

    // The host page's own elements are styled exactly as before the widget came.
    expect(await probeStyle(page)).toEqual(probeBefore);
    await page.close();
  }, 60_000);
});
