// Thumbs up/down on an answer in real Chromium against the real server: a citizen rates an answer
// with the keyboard alone, adds a comment, and the editors' table holds exactly what they wrote.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PgliteDatabase } from '../../src/db/adapters/pglite.js';
import { axeViolations, chromiumAvailable, demoSuite, sendQuestion } from '../support/browser.js';

describe.skipIf(!chromiumAvailable)('feedback on answers in Chromium', () => {
  const suite = demoSuite();

  async function askOnDemoPage(question: string): Promise<Page> {
    const page = await suite.openPage();
    await page.getByRole('button', { name: 'Spørg os' }).click();
    await sendQuestion(page, question);
    await page.getByRole('button', { name: 'Svaret hjalp ikke' }).waitFor({ timeout: 15_000 });
    return page;
  }

  const focused = (page: Page) =>
    page.evaluate(() => {
      const active = document.activeElement?.shadowRoot?.activeElement;
      return { tag: active?.tagName, label: active?.getAttribute('aria-label') ?? active?.textContent ?? '' };
    });

  const comment = 'Jeg ville vide, om P-huset koster noget.';

  it('takes a thumbs down and a comment by keyboard alone, shows the choice, thanks once, and passes axe-core', async () => {
    const page = await askOnDemoPage('Hvor kan jeg parkere?');
    const down = page.getByRole('button', { name: 'Svaret hjalp ikke' });
    const up = page.getByRole('button', { name: 'Svaret hjalp', exact: true });
    expect(await down.getAttribute('aria-pressed')).toBe('false');
    const box = await down.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(24);
    expect(box?.height).toBeGreaterThanOrEqual(24);

    // From the question box, back through the transcript to the thumbs down, then Enter.
    let presses = 0;
    while ((await focused(page)).label !== 'Svaret hjalp ikke' && presses < 12) {
      await page.keyboard.press('Shift+Tab');
      presses++;
    }
    expect((await focused(page)).label).toBe('Svaret hjalp ikke');
    await page.keyboard.press('Enter');
    expect(await down.getAttribute('aria-pressed')).toBe('true');
    expect(await up.getAttribute('aria-pressed')).toBe('false');

    // The comment box takes the focus, is labelled and counts characters.
    const box2 = page.getByRole('textbox', { name: /Hvad manglede du/ });
    await expect.poll(async () => (await focused(page)).tag).toBe('TEXTAREA');
    expect(await box2.getAttribute('maxlength')).toBe('1000');
    await page.keyboard.type(comment);
    expect(await page.getByText(`${comment.length} af 1.000 tegn`).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await page.keyboard.press('Tab');
    expect((await focused(page)).label).toBe('Send kommentar');
    await page.keyboard.press('Enter');
    const thanks = page.getByRole('log').getByText('Tak. Det hjælper os med at gøre svarene bedre.');
    await thanks.waitFor({ timeout: 5_000 });
    expect(await thanks.count()).toBe(1);
    expect(await box2.isVisible()).toBe(false);
    expect((await focused(page)).label).toBe('Svaret hjalp ikke');
    expect(await down.getAttribute('aria-pressed')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('keeps the rating and the comment when saving fails, and saves them on "Prøv igen"', async () => {
    const page = await askOnDemoPage('Hvad er besøgstiderne?');
    let failing = true;
    let refused = 0;
    await page.route('**/feedback', (route) => {
      if (!failing) return route.continue();
      refused++;
      return route.abort('failed');
    });
    await page.getByRole('button', { name: 'Svaret hjalp ikke' }).click();
    await expect.poll(() => refused).toBe(1);
    const textbox = page.getByRole('textbox', { name: /Hvad manglede du/ });
    await textbox.fill('Står der noget om børn?');
    await page.getByRole('button', { name: 'Send kommentar' }).click();
    await expect.poll(() => refused).toBe(2);
    await page.getByText('Vi kunne ikke gemme din vurdering. Prøv igen.').last().waitFor({ timeout: 5_000 });
    expect(await page.getByRole('button', { name: 'Svaret hjalp ikke' }).getAttribute('aria-pressed')).toBe('true');
    // The comment box is back, with what was written.
    expect(await textbox.isVisible()).toBe(true);
    expect(await textbox.inputValue()).toBe('Står der noget om børn?');
    failing = false;
    await page.getByRole('button', { name: 'Prøv igen' }).last().click();
    await page.getByText('Tak. Det hjælper os med at gøre svarene bedre.').waitFor({ timeout: 5_000 });
    expect(await page.getByText('Vi kunne ikke gemme din vurdering.').count()).toBe(0);
    await page.close();
  });

  it('replaces a thumbs up with a thumbs down, and "Spring over" keeps the rating without a comment', async () => {
    const page = await askOnDemoPage('Hvornår må jeg besøge?');
    const up = page.getByRole('button', { name: 'Svaret hjalp', exact: true });
    const down = page.getByRole('button', { name: 'Svaret hjalp ikke' });
    await up.click();
    await page.getByText('Tak. Det hjælper os med at gøre svarene bedre.').waitFor({ timeout: 5_000 });
    expect(await page.getByRole('textbox', { name: /Hvad manglede du/ }).isVisible()).toBe(false);
    const saved = page.waitForResponse((response) => response.url().endsWith('/feedback') && response.request().method() === 'PUT');
    await down.click();
    expect(await up.getAttribute('aria-pressed')).toBe('false');
    expect(await down.getAttribute('aria-pressed')).toBe('true');
    expect((await saved).status()).toBe(200);
    await page.getByRole('button', { name: 'Spring over' }).click();
    expect(await page.getByRole('textbox', { name: /Hvad manglede du/ }).isVisible()).toBe(false);
    expect(await down.getAttribute('aria-pressed')).toBe('true');
    await page.close();
  });

  it('after a thumbs down, "Tal med en medarbejder om det" saves the comment and hands the chat to a person', async () => {
    const page = await askOnDemoPage('Hvad koster det at parkere?');
    await page.getByRole('button', { name: 'Svaret hjalp ikke' }).click();
    await page.getByRole('textbox', { name: /Hvad manglede du/ }).fill('Jeg vil hellere spørge et menneske.');
    const asked = page.waitForResponse((response) => response.url().endsWith('/escalation') && response.request().method() === 'POST');
    await page.getByRole('button', { name: 'Tal med en medarbejder om det' }).click();
    expect((await asked).status()).toBe(200);
    const sessionId = await page.evaluate(() => sessionStorage.getItem('hhc-session'));
    const status = (await (await fetch(`${suite.server.url}/api/sessions/${sessionId}/escalation`)).json()) as { escalation: { state: string; reason: string } };
    expect(status.escalation).toMatchObject({ state: 'waiting', reason: 'feedback' });
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('stored every rating with its comment for the editors', async () => {
    await suite.browser.close();
    await suite.server.stop();
    const database = await PgliteDatabase.open(join(suite.server.dataDirectory, 'pglite'));
    try {
      const rows = await database.query<{ rating: string; comment: string | null }>('SELECT rating, comment FROM feedback ORDER BY comment');
      expect(rows).toEqual([
        { rating: 'down', comment: 'Jeg vil hellere spørge et menneske.' },
        { rating: 'down', comment },
        { rating: 'down', comment: 'Står der noget om børn?' },
        { rating: 'down', comment: null },
      ]);
    } finally {
      await database.close();
    }
  }, 60_000);
});
