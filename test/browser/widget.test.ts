// The citizen's view: the demo hospital page in real Chromium, the widget opened by keyboard and
// mouse, a question typed, and an answer whose sources link to the hospital's own page.
import { describe, expect, it } from 'vitest';
import { axeViolations, chromiumAvailable, demoSuite, saveScreenshot, sendQuestion } from '../support/browser.js';

describe.skipIf(!chromiumAvailable)('chat widget in Chromium', () => {
  const suite = demoSuite();

  it('answers "Hvor kan jeg parkere?" with a Danish answer and a numbered source linking to the parking page', async () => {
    const page = await suite.openPage();
    await expect(page.getByText('DEMO', { exact: false }).first().isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Spørg os' }).click();
    await sendQuestion(page, 'Hvor kan jeg parkere?');

    // The numbered source list: title linking to the page, opening in a new tab.
    const source = page.locator('hospital-help-chat a.source-title[href$="/demo/fjordby/praktisk/parkering"]').first();
    await source.waitFor({ timeout: 15_000 });
    expect(await source.getAttribute('target')).toBe('_blank');
    expect(await source.textContent()).toMatch(/Parkering/);
    // The [1] marker in the answer points at the same page.
    const marker = page.locator('hospital-help-chat a.cite').first();
    expect(await marker.textContent()).toMatch(/1/);
    expect(await marker.getAttribute('href')).toMatch(/\/demo\/fjordby\/praktisk\/parkering$/);
    const log = page.getByRole('log');
    const transcript = (await log.textContent()) ?? '';
    expect(transcript).toContain('Hvor kan jeg parkere?');
    expect(transcript).toMatch(/Det står på hospitalets side/);
    expect(transcript).toMatch(/parkere/i);
    await saveScreenshot(page, 'widget-answer');
    await page.close();
  });

  it('can be used with the keyboard alone, and Escape returns focus to the launcher', async () => {
    const page = await suite.openPage();
    const launcher = page.getByRole('button', { name: 'Spørg os' });
    await launcher.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.tagName)).toBe('TEXTAREA');
    await page.keyboard.type('Hvad er besøgstiderne?');
    await page.keyboard.press('Enter');
    await page.locator('hospital-help-chat a.source-title[href*="/praktisk/besoeg"]').first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog').isVisible()).toBe(false);
    await expect.poll(() => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent)).toBe('Spørg os');
    await page.close();
  });

  it('shows the emergency card for an emergency, with 112 as a phone link', async () => {
    const page = await suite.openPage();
    await page.getByRole('button', { name: 'Spørg os' }).click();
    await sendQuestion(page, 'min mand kan ikke få vejret');
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.locator('a[href="tel:112"]').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('has no WCAG 2.2 A/AA violations that axe-core can find, closed and open', async () => {
    const page = await suite.openPage();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Spørg os' }).click();
    await sendQuestion(page, 'Hvor kan jeg parkere?');
    await page.locator('hospital-help-chat a.source-title[href$="/praktisk/parkering"]').first().waitFor({ timeout: 15_000 });
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
