// The launcher (widget.js) in real Chromium: a hospital page downloads only the small launcher until
// the citizen opens the chat; then chat.js loads and the chat opens with focus in the question field.
// The page's JS API (window.HospitalHelpChat) works before and after the chat has loaded.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, chromiumAvailable, demoSuite } from '../support/browser.js';

interface Api {
  open(): void;
  close(): void;
  setLanguage(language: string): void;
  setHospital(hospital: string): void;
}

describe.skipIf(!chromiumAvailable)('widget launcher in Chromium', () => {
  const suite = demoSuite();

  /** The demo page with the launcher ready, and every request the page made from the start. */
  async function openDemoPage(): Promise<{ page: Page; requested: () => string[] }> {
    const urls: string[] = [];
    const page = await suite.openPage('/', { beforeLoad: (page) => page.on('request', (request) => urls.push(new URL(request.url()).pathname)) });
    await page.waitForFunction(() => 'HospitalHelpChat' in window);
    return { page, requested: () => [...urls] };
  }

  const focusedTag = (page: Page) => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.tagName);
  const sessionBodies = (page: Page) => {
    const bodies: { hospital?: string; language?: string }[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/sessions') bodies.push(JSON.parse(request.postData() ?? '{}'));
    });
    return bodies;
  };

  it('downloads only widget.js until the chat is opened; a click loads chat.js and opens the chat with focus in the input', async () => {
    const { page, requested } = await openDemoPage();
    await page.waitForLoadState('networkidle');
    const launcher = page.getByRole('button', { name: 'Spørg os' });
    await launcher.waitFor();
    const scripts = requested().filter((path) => path.endsWith('.js'));
    expect(scripts).toEqual(['/widget.js']);
    expect(requested().filter((path) => path.startsWith('/api/'))).toEqual([]);
    expect(await page.evaluate(() => customElements.get('hospital-help-chat'))).toBeUndefined();
    expect(await page.getByRole('dialog').count()).toBe(0);

    await launcher.click();
    const input = page.getByRole('textbox', { name: 'Skriv dit spørgsmål' });
    await input.waitFor();
    expect(requested()).toContain('/chat.js');
    expect(await page.getByRole('dialog').isVisible()).toBe(true);
    await expect.poll(() => focusedTag(page)).toBe('TEXTAREA');
    // The launcher's button has been taken over by the chat's: still exactly one on the page.
    expect(await page.locator('hospital-help-chat').count()).toBe(1);
    await page.close();
  });

  it('makes one launcher even when the tag is on the page twice', async () => {
    const { page } = await openDemoPage();
    await page.addScriptTag({ url: '/widget.js' });
    await page.addScriptTag({ url: '/widget.js' });
    expect(await page.locator('hospital-help-chat').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Spørg os' }).count()).toBe(1);
    await page.close();
  });

  it('applies JS API calls made before the chat loaded, in order: language, hospital, open', async () => {
    const { page, requested } = await openDemoPage();
    const sessions = sessionBodies(page);
    await page.evaluate(() => {
      const api = (window as unknown as { HospitalHelpChat: Api }).HospitalHelpChat;
      api.setLanguage('en');
      api.setHospital('lyngaa');
      api.open();
    });
    const input = page.getByRole('textbox', { name: 'Type your question' });
    await input.waitFor();
    expect(requested()).toContain('/chat.js');
    await expect.poll(() => focusedTag(page)).toBe('TEXTAREA');
    await expect.poll(() => sessions.length).toBe(1);
    expect(sessions[0]).toEqual({ hospital: 'lyngaa', language: 'en' });

    // After loading: close returns focus to the (English) launcher; setLanguage redraws in German.
    await page.evaluate(() => (window as unknown as { HospitalHelpChat: Api }).HospitalHelpChat.close());
    expect(await page.getByRole('dialog').isVisible()).toBe(false);
    await expect.poll(() => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent)).toBe('Ask us');
    await page.evaluate(() => (window as unknown as { HospitalHelpChat: Api }).HospitalHelpChat.setLanguage('de'));
    await page.getByRole('button', { name: 'Fragen Sie uns' }).click();
    await page.getByRole('textbox', { name: 'Schreiben Sie Ihre Frage' }).waitFor();
    expect(await page.getByRole('dialog').getAttribute('lang')).toBe('de');
    // The conversation goes on in the same session, now in German.
    expect(sessions).toHaveLength(1);
    await page.close();
  });

  it('changes the launcher label before loading, and the transcript language after, keeping what was asked', async () => {
    const { page, requested } = await openDemoPage();
    await page.evaluate(() => (window as unknown as { HospitalHelpChat: Api }).HospitalHelpChat.setLanguage('uk'));
    await page.getByRole('button', { name: 'Запитайте нас' }).waitFor();
    expect(requested()).not.toContain('/chat.js');
    await page.getByRole('button', { name: 'Запитайте нас' }).click();
    const input = page.getByRole('textbox', { name: 'Напишіть своє запитання' });
    await input.fill('Hvor kan jeg parkere?');
    await input.press('Enter');
    await page.locator('hospital-help-chat a.source-title[href$="/praktisk/parkering"]').first().waitFor({ timeout: 15_000 });
    await page.evaluate(() => (window as unknown as { HospitalHelpChat: Api }).HospitalHelpChat.setLanguage('da'));
    await page.getByRole('textbox', { name: 'Skriv dit spørgsmål' }).waitFor();
    expect(await page.getByRole('log').textContent()).toContain('Hvor kan jeg parkere?');
    expect(await page.locator('hospital-help-chat a.source-title[href$="/praktisk/parkering"]').count()).toBeGreaterThan(0);
    await expect.poll(() => focusedTag(page)).toBe('TEXTAREA');
    await page.close();
  });

  it('throws a clear error for an unsupported language or a malformed hospital id', async () => {
    const { page } = await openDemoPage();
    const attempt = (call: string) =>
      page.evaluate((source) => {
        const api = (window as unknown as { HospitalHelpChat: Api }).HospitalHelpChat;
        try {
          if (source === 'fr') api.setLanguage('fr');
          else api.setHospital('Fjordby Hospital');
          return 'no error';
        } catch (error) {
          return error instanceof Error ? error.message : String(error);
        }
      }, call);
    expect(await attempt('fr')).toMatch(/setLanguage: unsupported language "fr"; use one of da, en, de, ar, uk/);
    expect(await attempt('hospital')).toMatch(/setHospital: "Fjordby Hospital" is not a hospital id/);
    // Nothing changed: still the Danish launcher.
    expect(await page.getByRole('button', { name: 'Spørg os' }).count()).toBe(1);
    await page.close();
  });

  it('has no WCAG 2.2 A/AA violations that axe-core can find with only the launcher loaded', async () => {
    const { page, requested } = await openDemoPage();
    const violations = await axeViolations(page);
    expect(violations).toEqual([]);
    expect(requested()).not.toContain('/chat.js');
    // Keyboard: the launcher is in the tab order.
    const tabbable = await page.evaluate(() => document.querySelector('hospital-help-chat')?.shadowRoot?.querySelector('button')?.tabIndex);
    expect(tabbable).toBe(0);
    await page.close();
  });
});
