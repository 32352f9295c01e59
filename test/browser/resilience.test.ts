// When the answer stream breaks, in real Chromium against the real server: an answer whose stream
// is cut after the question was saved is fetched from the session's events and shown once; a
// question that never reached the server stays in the field with a plain message; when fetching
// fails too, the citizen is told and "Prøv igen" fetches it without sending the question again.
// Also the "too many" countdown on the feedback comment form.
import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, chromiumAvailable, demoSuite, questionField, sendQuestion } from '../support/browser.js';

describe.skipIf(!chromiumAvailable)('a broken answer stream in Chromium', () => {
  const suite = demoSuite();

  /** The server answers in full, but the browser only gets the first event (the saved question), then the stream ends. */
  async function cutAfterQuestion(route: Route): Promise<void> {
    if (route.request().method() !== 'POST') return route.continue();
    const response = await route.fetch();
    const [first] = (await response.text()).split('\n\n');
    expect(first).toMatch(/^id: \d+$/m);
    expect(first).toContain('event: message-created');
    await route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream' }, body: `${first}\n\n` });
  }

  const own = (page: Page) => page.locator('hospital-help-chat .msg.own:not(.pending)');
  const answers = (page: Page) => page.locator('hospital-help-chat .msg.other.kind-answer:not(.provisional)');
  const input = questionField;

  it('fetches the answer from the session events when the stream breaks after the question was saved, and shows each once', async () => {
    const page = await suite.openChat();
    await page.route('**/api/sessions/*/messages', cutAfterQuestion);
    const resumed = page.waitForRequest((request) => /\/events\?lastEventId=\d+$/.test(request.url()));
    await sendQuestion(page, 'Hvor kan jeg parkere?');
    await resumed;
    await page.locator('hospital-help-chat a.source-title[href$="/demo/fjordby/praktisk/parkering"]').first().waitFor({ timeout: 15_000 });
    expect(await own(page).count()).toBe(1);
    expect(await own(page).textContent()).toContain('Hvor kan jeg parkere?');
    expect(await answers(page).count()).toBe(1);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await input(page).inputValue()).toBe('');
    // The answer is a full answer: it can be rated like any other.
    expect(await page.getByRole('button', { name: 'Svaret hjalp', exact: true }).count()).toBe(1);

    // The server holds the same: the question once, then its answer.
    await page.unroute('**/api/sessions/*/messages');
    await page.reload();
    await page.getByRole('button', { name: 'Spørg os' }).click();
    await answers(page).first().waitFor();
    expect(await own(page).count()).toBe(1);
    expect(await answers(page).count()).toBe(1);
    await page.close();
  }, 60_000);

  it('keeps a question that never reached the server in the field, says so plainly, and sends it on "Prøv igen"', async () => {
    const page = await suite.openChat();
    let refuse = true;
    await page.route('**/api/sessions/*/messages', (route) => (refuse && route.request().method() === 'POST' ? route.abort('connectionreset') : route.continue()));
    await sendQuestion(page, 'Hvad er besøgstiderne?');
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).toContain('Vi kunne ikke få forbindelse. Tjek din internetforbindelse, og prøv igen.');
    expect(await alert.textContent()).toContain('Dit spørgsmål blev ikke sendt. Det står stadig i feltet.');
    expect(await input(page).inputValue()).toBe('Hvad er besøgstiderne?');
    expect(await own(page).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    refuse = false;
    await alert.getByRole('button', { name: 'Prøv igen' }).click();
    await answers(page).first().waitFor({ timeout: 15_000 });
    expect(await own(page).count()).toBe(1);
    expect(await input(page).inputValue()).toBe('');
    await page.close();
  }, 60_000);

  it('says the answer did not arrive when fetching it fails too, keeps the question shown once, and fetches it on "Prøv igen"', async () => {
    const page = await suite.openChat();
    await page.route('**/api/sessions/*/messages', cutAfterQuestion);
    let tries = 0;
    let refuse = true;
    await page.route('**/api/sessions/*/events*', (route) => {
      if (!refuse) return route.continue();
      tries++;
      return route.abort('connectionreset');
    });
    await sendQuestion(page, 'Hvor kan jeg parkere?');
    // While it tries again, the citizen sees that the answer is being fetched.
    await page.getByText('Forbindelsen blev afbrudt. Vi henter svaret …').waitFor({ timeout: 10_000 });
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 20_000 });
    expect(tries).toBe(4);
    expect(await alert.textContent()).toContain('Vi har fået dit spørgsmål, men svaret kom ikke frem. Tryk på "Prøv igen" for at hente det.');
    expect(await own(page).count()).toBe(1);
    expect(await page.locator('hospital-help-chat .msg.pending').count()).toBe(0);
    expect(await answers(page).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    refuse = false;
    const posts: string[] = [];
    page.on('request', (request) => request.method() === 'POST' && posts.push(request.url()));
    await alert.getByRole('button', { name: 'Prøv igen' }).click();
    await answers(page).first().waitFor({ timeout: 15_000 });
    expect(await own(page).count()).toBe(1);
    expect(await answers(page).count()).toBe(1);
    expect(posts).toEqual([]);
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.close();
  }, 60_000);

  it('counts down on the feedback form’s "Prøv igen" when sending the comment is refused as too many', async () => {
    const page = await suite.openChat();
    await sendQuestion(page, 'Hvad er besøgstiderne?');
    await answers(page).first().waitFor({ timeout: 15_000 });
    let limited = true;
    await page.route('**/feedback', (route) =>
      limited
        ? route.fulfill({
            status: 429,
            headers: { 'content-type': 'application/json', 'retry-after': '2' },
            body: JSON.stringify({ error: { code: 'rate_limited', message: 'Too many', requestId: 'r1' } }),
          })
        : route.continue(),
    );
    await page.getByRole('button', { name: 'Svaret hjalp ikke' }).click();
    const textbox = page.getByRole('textbox', { name: /Hvad manglede du/ });
    await textbox.fill('Står der noget om børn?');
    await page.getByRole('button', { name: 'Send kommentar' }).click();
    const status = page.locator('hospital-help-chat .fb-status');
    await status.getByText(/^Du har skrevet mange beskeder på kort tid\. Vent 2 sekunder, og prøv igen\.$/).waitFor({ timeout: 5_000 });
    const retry = status.getByRole('button', { name: 'Prøv igen' });
    expect(await retry.isDisabled()).toBe(true);
    expect(await retry.textContent()).toMatch(/^Prøv igen \(om [12] sek\.\)$/);
    expect(await textbox.inputValue()).toBe('Står der noget om børn?');
    expect(await axeViolations(page)).toEqual([]);

    await expect.poll(() => retry.isEnabled(), { timeout: 5_000 }).toBe(true);
    expect(await retry.textContent()).toBe('Prøv igen');
    expect(await status.textContent()).toContain('Du kan prøve igen nu.');
    limited = false;
    await retry.click();
    await status.getByText('Tak. Det hjælper os med at gøre svarene bedre.').waitFor({ timeout: 5_000 });
    await page.close();
  }, 60_000);
});
