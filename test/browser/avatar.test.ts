// The avatar in real Chromium: its states while the citizen types, waits and listens to an answer read
// aloud; the switch that hides it and is remembered; reduced motion; axe-core with the avatar shown.
// Headless Chromium has no voices, so speechSynthesis is replaced in the page by a fake engine that
// speaks one word every 120 ms and sends word boundary events, as Chrome's own engines do.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, chromiumAvailable, demoSuite, openWidget, saveScreenshot, sendQuestion } from '../support/browser.js';

/** fake: word boundary events; silent: none (some engines), so the avatar's own timeline must run. */
type Speech = 'fake' | 'silent' | 'none';

function installSpeech(kind: Speech): void {
  if (kind === 'none') {
    Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
    return;
  }
  const log: { text: string; lang: string }[] = [];
  let timers: number[] = [];
  let queue: SpeechSynthesisUtterance[] = [];
  const fire = (utterance: SpeechSynthesisUtterance, type: string, charIndex = 0, charLength = 0) =>
    utterance.dispatchEvent(new SpeechSynthesisEvent(type, { utterance, charIndex, charLength, name: 'word', elapsedTime: 0 }));
  const next = () => {
    const utterance = queue[0];
    if (!utterance) return;
    log.push({ text: utterance.text, lang: utterance.lang });
    fire(utterance, 'start');
    let at = 50;
    for (const match of utterance.text.matchAll(/\S+/g)) {
      if (kind === 'fake') timers.push(window.setTimeout(() => fire(utterance, 'boundary', match.index, match[0].length), at));
      at += 120;
    }
    timers.push(
      window.setTimeout(() => {
        queue.shift();
        fire(utterance, 'end');
        next();
      }, at),
    );
  };
  const fake = {
    speaking: false,
    pending: false,
    paused: false,
    getVoices: () => [],
    speak(utterance: SpeechSynthesisUtterance) {
      queue.push(utterance);
      if (queue.length === 1) next();
    },
    cancel() {
      for (const timer of timers) clearTimeout(timer);
      timers = [];
      queue = [];
    },
    pause() {},
    resume() {},
  };
  Object.defineProperty(window, 'speechSynthesis', { value: fake, configurable: true });
  (window as unknown as { spoken: typeof log }).spoken = log;
}

describe.skipIf(!chromiumAvailable)('avatar in Chromium', () => {
  const suite = demoSuite();

  /** The chat open, with `speech` as the browser's speech engine; the chat loads when the launcher is pressed. */
  const openChat = (speech: Speech = 'fake', reducedMotion: 'reduce' | 'no-preference' = 'no-preference'): Promise<Page> =>
    suite.openChat('/', { reducedMotion, beforeLoad: (page) => page.addInitScript(installSpeech, speech) });

  const avatar = (page: Page) => page.locator('hospital-help-chat .avatar');
  const state = (page: Page) => avatar(page).getAttribute('data-state');

  async function ask(page: Page, question: string): Promise<void> {
    await sendQuestion(page, question);
    await page.getByRole('button', { name: 'Læs op' }).first().waitFor({ timeout: 15_000 });
  }

  it('listens while the citizen types, thinks while the answer is on its way, and says so in text', async () => {
    const page = await openChat();
    await expect.poll(() => state(page)).toBe('listening');
    expect(await avatar(page).textContent()).toContain('Lytter til dig');
    // Hold the answer back so the waiting state can be seen.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/sessions/*/messages', async (route) => {
      if (route.request().method() === 'POST') await held;
      await route.continue();
    });
    await sendQuestion(page, 'Hvor kan jeg parkere?');
    await expect.poll(() => state(page)).toBe('thinking');
    expect(await avatar(page).textContent()).toContain('Tænker over svaret');
    release();
    await page.getByRole('button', { name: 'Læs op' }).first().waitFor({ timeout: 15_000 });
    await expect.poll(() => state(page)).toBe('listening');
    await page.close();
  });

  it('reads an answer aloud in Danish, moving the mouth and marking each spoken word outside the live log, and stops', async () => {
    const page = await openChat();
    await ask(page, 'Hvor kan jeg parkere?');
    const read = page.getByRole('button', { name: 'Læs op' }).first();
    await read.click();
    await expect.poll(() => state(page)).toBe('speaking');
    expect(await read.getAttribute('aria-pressed')).toBe('true');
    expect(await avatar(page).textContent()).toContain('Læser svaret op');

    // Sample the caption and the mouth while the fake engine speaks.
    const marked = new Set<string>();
    const mouths = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const mark = page.locator('hospital-help-chat .caption mark');
      if (await mark.count()) marked.add((await mark.textContent()) ?? '');
      mouths.add((await page.locator('hospital-help-chat .mouth').getAttribute('d')) ?? '');
      await page.waitForTimeout(60);
    }
    expect(marked.size).toBeGreaterThan(2);
    const answer = (await page.locator('hospital-help-chat .kind-answer .text').last().textContent()) ?? '';
    for (const word of marked) expect(answer).toContain(word);
    expect(mouths.size).toBeGreaterThan(1);
    // The highlight is not in the live log, so screen readers do not hear the message again word by word.
    expect(await page.locator('hospital-help-chat [aria-live] mark').count()).toBe(0);
    const spoken = await page.evaluate(() => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken);
    expect(spoken[0]?.lang).toBe('da-DK');
    expect(spoken[0]?.text).not.toMatch(/\[\d+\]/);

    await page.getByRole('button', { name: 'Stop oplæsning' }).click();
    await expect.poll(() => state(page)).not.toBe('speaking');
    expect(await read.getAttribute('aria-pressed')).toBe('false');
    expect(await page.locator('hospital-help-chat .caption').textContent()).toBe('');
    await expect.poll(() => page.getByRole('button', { name: 'Stop oplæsning' }).isVisible()).toBe(false);
    await saveScreenshot(page, 'avatar-after-reading');
    await page.close();
  });

  it('still moves the mouth and marks words from its own timeline when the speech engine sends no word boundaries', async () => {
    const page = await openChat('silent');
    await ask(page, 'Hvor kan jeg parkere?');
    await page.getByRole('button', { name: 'Læs op' }).first().click();
    await expect.poll(() => state(page)).toBe('speaking');
    const marked = new Set<string>();
    const mouths = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const mark = page.locator('hospital-help-chat .caption mark');
      if (await mark.count()) marked.add((await mark.textContent()) ?? '');
      mouths.add((await page.locator('hospital-help-chat .mouth').getAttribute('d')) ?? '');
      await page.waitForTimeout(60);
    }
    expect(marked.size).toBeGreaterThan(2);
    expect(mouths.size).toBeGreaterThan(1);
    await page.close();
  });

  it('has no "read aloud" button when the browser cannot speak, and the answer text is still there', async () => {
    const page = await openChat('none');
    await sendQuestion(page, 'Hvor kan jeg parkere?');
    await page.locator('hospital-help-chat a.source-title').first().waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: 'Læs op' }).count()).toBe(0);
    expect(await page.getByRole('log').textContent()).toMatch(/parkere/i);
    await page.close();
  });

  it('can be switched off with a labelled switch, stays off after a reload, and can be switched on again', async () => {
    const page = await openChat();
    const figure = page.locator('hospital-help-chat .avatar svg');
    expect(await figure.isVisible()).toBe(true);
    await page.getByRole('checkbox', { name: 'Vis figuren' }).uncheck();
    expect(await figure.isVisible()).toBe(false);
    await page.reload();
    await openWidget(page);
    expect(await page.getByRole('checkbox', { name: 'Vis figuren' }).isChecked()).toBe(false);
    expect(await figure.isVisible()).toBe(false);
    await page.getByRole('checkbox', { name: 'Vis figuren' }).check();
    expect(await figure.isVisible()).toBe(true);
    await page.close();
  });

  it('stops all avatar animation under prefers-reduced-motion, and shows speaking by a still open mouth and text', async () => {
    const animations = (page: Page) =>
      page.evaluate(() => {
        const root = document.querySelector('hospital-help-chat')?.shadowRoot;
        return [...(root?.querySelectorAll('.avatar *') ?? [])].map((node) => getComputedStyle(node).animationName).filter((name) => name !== 'none');
      });
    const moving = await openChat();
    expect(await animations(moving)).toContain('hhc-blink');
    await moving.close();

    const page = await openChat('fake', 'reduce');
    expect(await animations(page)).toEqual([]);
    await ask(page, 'Hvor kan jeg parkere?');
    await page.getByRole('button', { name: 'Læs op' }).first().click();
    await expect.poll(() => state(page)).toBe('speaking');
    expect(await animations(page)).toEqual([]);
    const mouth = () => page.evaluate(() => getComputedStyle(document.querySelector('hospital-help-chat')!.shadowRoot!.querySelector('.mouth')!).getPropertyValue('d'));
    const shapes = new Set<string>();
    for (let i = 0; i < 8; i++) {
      shapes.add(await mouth());
      await page.waitForTimeout(60);
    }
    expect(shapes.size).toBe(1);
    expect(await avatar(page).textContent()).toContain('Læser svaret op');
    await page.close();
  });

  it('has no WCAG 2.2 A/AA violations that axe-core can find with the avatar shown, idle and speaking', async () => {
    const page = await openChat();
    expect(await avatar(page).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await ask(page, 'Hvor kan jeg parkere?');
    await page.getByRole('button', { name: 'Læs op' }).first().click();
    await page.locator('hospital-help-chat .caption mark').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'avatar-speaking');
    await page.close();
  });
});
