// The conversation across pages and its end, and speaking a question, in real Chromium against the
// real server: the transcript follows the citizen to another page of the site; "Ny samtale" (with a
// confirmation, by keyboard) deletes it on the server and in this tab, and keeps it when that fails; the microphone fills the field from a fake
// speech recognition and never sends by itself.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, chromiumAvailable, demoSuite, openWidget, questionField, sendQuestion } from '../support/browser.js';

/** Runs in the page before any script: a webkitSpeechRecognition the test drives through window.speech. */
function installRecognition(): void {
  interface Fake {
    lang: string;
    interimResults: boolean;
    started: boolean;
    stopped: boolean;
    onresult: ((event: unknown) => void) | null;
    onerror: ((event: { error: string }) => void) | null;
    onend: (() => void) | null;
  }
  const made: Fake[] = [];
  class FakeRecognition {
    lang = '';
    interimResults = false;
    continuous = true;
    started = false;
    stopped = false;
    onresult: ((event: unknown) => void) | null = null;
    onerror: ((event: { error: string }) => void) | null = null;
    onend: (() => void) | null = null;
    constructor() {
      made.push(this);
    }
    start() {
      this.started = true;
    }
    stop() {
      this.stopped = true;
    }
    abort() {
      this.onerror?.({ error: 'aborted' });
      this.onend?.();
    }
  }
  const last = () => made[made.length - 1] as Fake;
  // Newer Chromium also has the unprefixed name, which the widget prefers: take it away so the fake is used.
  delete (window as unknown as Record<string, unknown>)['SpeechRecognition'];
  (window as unknown as Record<string, unknown>)['webkitSpeechRecognition'] = FakeRecognition;
  (window as unknown as Record<string, unknown>)['speech'] = {
    last: () => ({ lang: last().lang, interimResults: last().interimResults, started: last().started, stopped: last().stopped, count: made.length }),
    hear: (parts: [string, boolean][]) => last().onresult?.({ results: parts.map(([transcript, isFinal]) => Object.assign([{ transcript }], { isFinal })) }),
    fail: (error: string) => last().onerror?.({ error }),
    end: () => last().onend?.(),
  };
}

describe.skipIf(!chromiumAvailable)('the conversation and voice input in Chromium', () => {
  const suite = demoSuite();

  const input = questionField;
  const own = (page: Page) => page.locator('hospital-help-chat .msg.own:not(.pending)');
  const answers = (page: Page) => page.locator('hospital-help-chat .msg.other.kind-answer:not(.provisional)');
  const focusedLabel = (page: Page) =>
    page.evaluate(() => {
      const active = document.activeElement?.shadowRoot?.activeElement;
      return active?.getAttribute('aria-label') ?? active?.textContent ?? '';
    });

  it('keeps the transcript on another page of the site, and "Ny samtale" deletes it after a yes, by keyboard', async () => {
    const page = await suite.openChat();
    await sendQuestion(page, 'Hvor kan jeg parkere?');
    await answers(page).first().waitFor({ timeout: 15_000 });

    // Another page of the same site, as a citizen following a link.
    await page.goto(`${suite.server.url}/demo/fjordby/praktisk/parkering`);
    await openWidget(page);
    await answers(page).first().waitFor({ timeout: 10_000 });
    expect(await own(page).count()).toBe(1);
    expect(await own(page).textContent()).toContain('Hvor kan jeg parkere?');
    expect(await answers(page).count()).toBe(1);

    // "Ny samtale" by keyboard; "Nej" (where focus lands) keeps everything.
    const newChat = page.getByRole('button', { name: 'Ny samtale' });
    await newChat.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog', { name: /Vil du slette samtalen og starte forfra\?/ });
    await dialog.waitFor();
    expect(await focusedLabel(page)).toBe('Nej, fortsæt');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    expect(await dialog.count()).toBe(0);
    expect(await focusedLabel(page)).toBe('Ny samtale');
    expect(await own(page).count()).toBe(1);
    // Escape says no too, and leaves the chat open.
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    expect(await dialog.count()).toBe(0);
    expect(await page.getByRole('dialog').isVisible()).toBe(true);
    expect(await own(page).count()).toBe(1);

    // Yes, but the server cannot be reached: nothing is forgotten, the citizen is told and can retry.
    const sessionId = await page.evaluate(() => sessionStorage.getItem('hhc-session'));
    expect(sessionId).not.toBeNull();
    await page.route('**/api/sessions/*', (route) => (route.request().method() === 'DELETE' ? route.abort('internetdisconnected') : route.continue()));
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Shift+Tab');
    expect(await focusedLabel(page)).toBe('Ja, slet samtalen');
    await page.keyboard.press('Enter');
    const failed = page.getByRole('alert').filter({ hasText: 'Vi kunne ikke slette samtalen. Den er her stadig.' });
    await failed.waitFor();
    expect(await focusedLabel(page)).toBe('Ny samtale');
    expect(await own(page).count()).toBe(1);
    expect(await page.evaluate(() => sessionStorage.getItem('hhc-session'))).toBe(sessionId);
    expect((await fetch(`${suite.server.url}/api/sessions/${sessionId}/messages`)).status).toBe(200);
    await page.unroute('**/api/sessions/*');

    // Yes again: the conversation is deleted on the server too, the transcript is gone, the citizen
    // is told, and focus is in the question field.
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => own(page).count()).toBe(0);
    expect(await answers(page).count()).toBe(0);
    expect(await failed.count()).toBe(0);
    expect(await page.getByRole('log').textContent()).toContain('Samtalen er slettet. Du kan stille et nyt spørgsmål.');
    expect((await fetch(`${suite.server.url}/api/sessions/${sessionId}/messages`)).status).toBe(404);
    await expect.poll(() => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.tagName)).toBe('TEXTAREA');
    expect(await page.evaluate(() => sessionStorage.getItem('hhc-session'))).toBeNull();
    expect(await axeViolations(page)).toEqual([]);

    // Another page: the old conversation does not come back; a new question starts a new one.
    await page.goto(`${suite.server.url}/`);
    await openWidget(page);
    await sendQuestion(page, 'Hvad er besøgstiderne?');
    await answers(page).first().waitFor({ timeout: 15_000 });
    expect(await own(page).count()).toBe(1);
    expect(await own(page).textContent()).toContain('Hvad er besøgstiderne?');
    await page.close();
  }, 90_000);

  it('labels "Ny samtale" and its confirmation in every language', async () => {
    const expected = { en: 'New conversation', de: 'Neues Gespräch', ar: 'محادثة جديدة', uk: 'Нова розмова' };
    const page = await suite.openChat();
    for (const [language, label] of Object.entries(expected)) {
      await page.evaluate((lang) => (window as unknown as { HospitalHelpChat: { setLanguage(l: string): void } }).HospitalHelpChat.setLanguage(lang), language);
      const button = page.getByRole('button', { name: label });
      await button.click();
      expect(await page.getByRole('alertdialog').count()).toBe(1);
      await page.keyboard.press('Escape');
    }
    await page.close();
  });

  it('fills the field from speech in Danish, shows words as they are heard, listens with the avatar, and never sends by itself', async () => {
    const page = await suite.openChat('/', { beforeLoad: (page) => page.addInitScript(installRecognition) });
    const mic = page.getByRole('button', { name: 'Indtal dit spørgsmål' });
    expect(await mic.getAttribute('aria-pressed')).toBe('false');
    expect(await axeViolations(page)).toEqual([]);

    await mic.click();
    const speech = await page.evaluate(() => (window as unknown as { speech: { last(): unknown } }).speech.last());
    expect(speech).toMatchObject({ lang: 'da-DK', interimResults: true, started: true });
    expect(await mic.getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('hospital-help-chat .avatar').getAttribute('data-state')).toBe('listening');
    expect(await page.getByText('Jeg lytter. Tal nu, og tryk på mikrofonen igen, når du er færdig.').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await page.evaluate(() => (window as unknown as { speech: { hear(parts: [string, boolean][]): void } }).speech.hear([['hvor kan jeg', false]]));
    expect(await input(page).inputValue()).toBe('hvor kan jeg');
    // A second press stops; the final words arrive before the end.
    await mic.click();
    expect(await page.evaluate(() => (window as unknown as { speech: { last(): { stopped: boolean } } }).speech.last().stopped)).toBe(true);
    await page.evaluate(() => {
      const speech = (window as unknown as { speech: { hear(parts: [string, boolean][]): void; end(): void } }).speech;
      speech.hear([['hvor kan jeg parkere', true]]);
      speech.end();
    });
    expect(await input(page).inputValue()).toBe('hvor kan jeg parkere');
    expect(await mic.getAttribute('aria-pressed')).toBe('false');
    expect(await page.getByText('Tjek teksten, og tryk Send.').isVisible()).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.tagName)).toBe('TEXTAREA');
    // Nothing was sent: the citizen checks and sends.
    await page.waitForTimeout(300);
    expect(await own(page).count()).toBe(0);
    await input(page).press('Enter');
    await answers(page).first().waitFor({ timeout: 15_000 });
    expect(await own(page).textContent()).toContain('hvor kan jeg parkere');
    await page.close();
  }, 60_000);

  it('says plainly when the microphone is not allowed or nothing was heard, in the widget language', async () => {
    const page = await suite.openChat('/', { beforeLoad: (page) => page.addInitScript(installRecognition) });
    const mic = page.getByRole('button', { name: 'Indtal dit spørgsmål' });
    const fail = (error: string) =>
      page.evaluate((code) => {
        const speech = (window as unknown as { speech: { fail(error: string): void; end(): void } }).speech;
        speech.fail(code);
        speech.end();
      }, error);
    await mic.click();
    await fail('not-allowed');
    expect(await page.getByText('Mikrofonen må ikke bruges. Giv lov i browserens indstillinger, eller skriv dit spørgsmål.').isVisible()).toBe(true);
    expect(await mic.getAttribute('aria-pressed')).toBe('false');
    await mic.click();
    await fail('no-speech');
    expect(await page.getByText('Vi hørte ikke noget. Prøv igen, eller skriv dit spørgsmål.').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await page.evaluate(() => (window as unknown as { HospitalHelpChat: { setLanguage(l: string): void } }).HospitalHelpChat.setLanguage('uk'));
    const ukMic = page.getByRole('button', { name: 'Сказати запитання голосом' });
    await ukMic.click();
    expect(await page.evaluate(() => (window as unknown as { speech: { last(): { lang: string } } }).speech.last().lang)).toBe('uk-UA');
    await page.close();
  });

  it('shows no microphone where the browser has no speech recognition', async () => {
    // Chromium here may or may not have it: take it away to be sure.
    const page = await suite.openChat('/', {
      beforeLoad: (page) =>
        page.addInitScript(() => {
          delete (window as unknown as Record<string, unknown>)['webkitSpeechRecognition'];
          delete (window as unknown as Record<string, unknown>)['SpeechRecognition'];
        }),
    });
    expect(await page.getByRole('button', { name: 'Indtal dit spørgsmål' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Send' }).isVisible()).toBe(true);
    await page.close();
  });
});
