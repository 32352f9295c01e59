// Too many messages in real Chromium against the real server with a small, fast-refilling limit: the
// citizen sees in Danish how long to wait, keeps what they typed, gets a disabled retry button with
// a visible countdown that enables itself, and the message goes through after the wait.
import { describe, expect, it } from 'vitest';
import { axeViolations, chromiumAvailable, demoSuite } from '../support/browser.js';

describe.skipIf(!chromiumAvailable)('too many messages in Chromium', () => {
  // Two messages at once per chat, then one every 3 seconds: the wait stays short.
  const suite = demoSuite({ RATE_LIMIT_MESSAGES_BURST: '2', RATE_LIMIT_MESSAGES_PER_MINUTE: '20' });

  it('says in Danish how long to wait, keeps the text, counts down on a disabled retry button, and sends after the wait', async () => {
    const page = await suite.openPage();
    await page.getByRole('button', { name: 'Spørg os' }).click();
    const input = page.getByRole('textbox', { name: 'Skriv dit spørgsmål' });
    const alert = page.getByRole('alert');
    // A question stays in the transcript only once the server took it.
    const answered = page.locator('.msg.own:not(.pending)');
    const answering = page.locator('.msg.pending');
    const question = 'Hvor kan jeg parkere?';

    let sent = 0;
    while (!(await alert.isVisible())) {
      expect(sent, 'the limit of two messages at once should have been reached').toBeLessThan(6);
      await input.fill(question);
      await input.press('Enter');
      // Either the answer arrives or the refusal does.
      await expect.poll(async () => (await alert.isVisible()) || ((await answered.count()) > sent && (await answering.count()) === 0), { timeout: 15_000 }).toBe(true);
      if (!(await alert.isVisible())) sent += 1;
    }
    expect(sent).toBeGreaterThanOrEqual(2);

    const text = (await alert.locator('p').first().textContent()) ?? '';
    expect(text).toMatch(/^Du har skrevet mange beskeder på kort tid\. Vent \d+ sekund(er)?, og prøv igen\.$/);
    expect(await input.inputValue()).toBe(question);

    const retry = alert.getByRole('button', { name: 'Prøv igen' });
    expect(await retry.isDisabled()).toBe(true);
    expect(await retry.textContent()).toMatch(/^Prøv igen \(om \d+ sek\.\)$/);
    const violations = await axeViolations(page);
    expect(violations).toEqual([]);

    // Nothing is sent on its own: the button becomes usable and says so once.
    await expect.poll(() => retry.isEnabled(), { timeout: 5_000 }).toBe(true);
    expect(await retry.textContent()).toBe('Prøv igen');
    expect(await alert.textContent()).toContain('Du kan prøve igen nu.');
    expect(await answered.count()).toBe(sent);
    expect(await input.inputValue()).toBe(question);

    await retry.click();
    await expect.poll(() => answered.count(), { timeout: 15_000 }).toBe(sent + 1);
    expect(await alert.count()).toBe(0);
    expect(await input.inputValue()).toBe('');
    await page.close();
  }, 90_000);
});
