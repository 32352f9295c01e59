// The staff console in real Chromium against the real app (PGlite, the real staff and escalation
// routes) served over HTTP: sign in, a citizen asks for a person and appears in the queue live (an
// emergency before them), take over, reply with a canned reply, the citizen's answer arrives live,
// hand back; a second member of staff who clicks "Overtag" too late is told who has the chat;
// callback requests; sign out. Keyboard only, announced through the live region, clean for axe-core
// under the console's strict CSP, and without sideways scrolling at 768 px and at 200% zoom.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { COPENHAGEN, type Weekday } from '../../src/calendar/opening-hours.js';
import { defaultEscalationSettings, type EscalationSettings } from '../../src/escalation/settings.js';
import { axeViolations, chromiumAvailable, saveScreenshot } from '../support/browser.js';
import { announced, consoleSuite, focusRing, heard, noSidewaysScroll } from '../support/console-browser.js';

const password = 'Fjordby-vagt-2026!';

const days: Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const allDay = [{ from: '00:00', to: '24:00' }];
// Open round the clock, so the test does not depend on when it runs.
const alwaysOpen: EscalationSettings = {
  ...defaultEscalationSettings,
  teams: defaultEscalationSettings.teams.map((team) => ({ ...team, schedule: { weekly: Object.fromEntries(days.map((day) => [day, allDay])), holidays: allDay, timeZone: COPENHAGEN } })),
};

/** expect.poll with room for a slow, shared machine (a sign-in costs a real scrypt hash). */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 10_000, interval: 100 });

describe.skipIf(!chromiumAvailable)('the staff console in Chromium', () => {
  const suite = consoleSuite({
    timeout: 120_000,
    runtime: async () => ({ escalationSettings: alwaysOpen }),
    staff: [
      { username: 'mette', displayName: 'Mette', roles: ['staff'] },
      { username: 'jonas', displayName: 'Jonas', roles: ['staff'] },
      { username: 'ida', displayName: 'Redaktør', roles: ['editor'] },
    ],
    password,
    path: '/staff',
    heading: 'Kø',
  });
  const { openConsole, signIn } = suite;
  const origin = () => suite.server.origin;

  const citizen = {
    start: suite.startChat,
    async write(sessionId: string, text: string) {
      const response = await fetch(`${origin()}/api/sessions/${sessionId}/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text }) });
      expect(response.status).toBeLessThan(300);
    },
    async askForPerson(sessionId: string) {
      const response = await fetch(`${origin()}/api/sessions/${sessionId}/escalation`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      expect(response.status).toBe(200);
    },
    async messages(sessionId: string) {
      return (await (await fetch(`${origin()}/api/sessions/${sessionId}/messages`)).json()) as { role: string; text: string; author?: string }[];
    },
    async escalation(sessionId: string) {
      return ((await (await fetch(`${origin()}/api/sessions/${sessionId}/escalation`)).json()) as { escalation: Record<string, unknown> }).escalation;
    },
  };

  const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

  it('tells a wrong sign-in at once, with focus on the message, and is clean for axe', async () => {
    const { page, cspErrors } = await openConsole();
    await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('username');

    await page.getByRole('button', { name: 'Log ind' }).press('Enter');
    const alert = page.getByRole('alert');
    await eventually(() => alert.textContent()).toBe('Skriv dit brugernavn og din adgangskode.');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');

    await page.getByLabel('Brugernavn').fill('mette');
    await page.getByLabel('Adgangskode').fill('forkert-kodeord-123');
    await page.getByLabel('Adgangskode').press('Enter');
    await eventually(() => alert.textContent()).toBe('Forkert brugernavn eller adgangskode.');
    expect(await focusedText(page)).toBe('Forkert brugernavn eller adgangskode.');
    expect(await page.getByLabel('Adgangskode').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Adgangskode').inputValue()).toBe('');

    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-sign-in', { fullPage: true });
    expect(cspErrors).toEqual([]);
  });

  it('shows a citizen who asks for a person live, takes over, replies, hears the answer live and hands back', async () => {
    const { page, cspErrors } = await openConsole();
    await signIn(page, 'mette');
    await eventually(() => page.locator('.live-state').textContent()).toBe('Opdateres automatisk.');
    expect(await page.getByRole('heading', { level: 2, name: 'Venter (0)' }).count()).toBe(1);

    // A citizen asks about parking, then for a person: the queue shows them without a reload.
    const chat = await citizen.start();
    await citizen.write(chat, 'Hvor kan jeg parkere?');
    await citizen.askForPerson(chat);
    await page.getByRole('heading', { level: 2, name: 'Venter (1)' }).waitFor();
    await eventually(() => announced(page)).toBe('Ny i køen: Dansk, bad om en medarbejder.');
    const first = page.locator('.cards li').first();
    expect(await first.locator('h3').textContent()).toBe('Dansk · Bad om en medarbejder');
    expect(await first.locator('.facts').textContent()).toContain('Team:Patientservice');
    expect(await first.locator('.facts').textContent()).toContain('Venter:under 1 min');

    // A second citizen writes about chest pain: marked AKUT and put first, announced once.
    const urgent = await citizen.start();
    await citizen.write(urgent, 'Min far har ondt i brystet og kan ikke få vejret');
    await page.getByRole('heading', { level: 2, name: 'Venter (2)' }).waitFor();
    await eventually(() => announced(page)).toBe('Ny i køen: Akut: Dansk, mulig akut situation.');
    expect(await page.locator('.cards li h3').allTextContents()).toEqual(['AKUT Dansk · Mulig akut situation', 'Dansk · Bad om en medarbejder']);
    expect(await page.locator('.cards li').first().getAttribute('class')).toContain('emergency');
    // Each newcomer read out once; the chats already there when the queue opened, not at all.
    expect(await heard(page)).toEqual(['Ny i køen: Dansk, bad om en medarbejder.', 'Ny i køen: Akut: Dansk, mulig akut situation.']);

    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-queue', { fullPage: true });

    // Keyboard only: Tab from the top of the page to the parking chat's "Overtag" and press Enter.
    const takeOver = page.locator('.cards li').nth(1).getByRole('button', { name: 'Overtag' });
    await page.locator('h1').focus();
    const stops: string[] = [];
    for (let presses = 0; presses < 12 && !(await takeOver.evaluate((button) => button === document.activeElement)); presses++) {
      await page.keyboard.press('Tab');
      stops.push(await focusedText(page));
      expect(await focusRing(page)).toBe(true);
    }
    expect(stops).toEqual(['Overtag', 'Se samtalen', 'Overtag']);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Samtale · Dansk' }).waitFor();
    await eventually(() => page.locator('.chat-state').textContent()).toBe('Du har samtalen');
    await eventually(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    expect(await page.locator('.summary-box').textContent()).toContain('Hvor kan jeg parkere?');
    expect(await page.locator('.transcript .message.user .text').first().textContent()).toBe('Hvor kan jeg parkere?');
    expect(await page.locator('.transcript .message.assistant .role').first().textContent()).toBe('Chatbot');

    // A canned reply, put in by keyboard and edited before sending.
    await page.getByLabel('Standardsvar').selectOption({ label: 'Goddag' });
    await page.getByRole('button', { name: 'Indsæt' }).press('Enter');
    const box = page.getByLabel('Besked til borgeren');
    expect(await box.inputValue()).toBe('Hej, du skriver nu med en medarbejder fra hospitalet. Hvad kan jeg hjælpe dig med?');
    await box.press('End');
    await page.keyboard.type(' Jeg hedder Mette.');
    await page.getByRole('button', { name: 'Send' }).press('Enter');
    await eventually(() => page.locator('.transcript .message.staff .text').last().textContent()).toContain('Jeg hedder Mette.');
    expect(await box.inputValue()).toBe('');
    expect(await page.locator('.transcript .message.staff .role').last().textContent()).toBe('Medarbejder: Mette');
    // The citizen's transcript has it, signed by Mette.
    expect((await citizen.messages(chat)).at(-1)).toMatchObject({ role: 'staff', author: 'Mette', text: expect.stringContaining('Jeg hedder Mette.') });

    expect(await axeViolations(page)).toEqual([]);

    // The citizen answers: it appears in the console without a reload, announced once.
    await citizen.write(chat, 'Tak! Er der handicapparkering ved indgang A?');
    await eventually(() => page.locator('.transcript .message.user .text').last().textContent()).toBe('Tak! Er der handicapparkering ved indgang A?');
    await eventually(() => announced(page)).toBe('Ny besked fra borgeren: Tak! Er der handicapparkering ved indgang A?');
    expect(await page.locator('.transcript .message.user').count()).toBe(2);
    expect((await heard(page)).filter((sentence) => sentence.startsWith('Ny besked'))).toEqual(['Ny besked fra borgeren: Tak! Er der handicapparkering ved indgang A?']);
    await saveScreenshot(page, 'staff-chat', { fullPage: true });

    // Hand back: the chatbot answers again, and the citizen is told Mette left.
    await page.getByRole('button', { name: 'Giv samtalen tilbage til chatbotten' }).press('Enter');
    await eventually(() => page.locator('.chat-state').textContent()).toBe('Chatbotten svarer');
    await eventually(() => announced(page)).toBe('Samtalen er givet tilbage til chatbotten.');
    expect(await citizen.escalation(chat)).toMatchObject({ state: 'bot', previousStaffName: 'Mette' });
    expect(await page.getByLabel('Besked til borgeren').count()).toBe(0);

    // Back in the queue only the emergency waits.
    await page.getByRole('link', { name: 'Tilbage til køen' }).press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Venter (1)' }).waitFor();
    expect(cspErrors).toEqual([]);

    // A staff-only account may not read the editors' feedback.
    expect(await page.evaluate(async () => (await fetch('/api/editor/feedback')).status)).toBe(403);
  });

  it('takes over from the chat view and closes the chat with an outcome', async () => {
    const chat = await citizen.start('uk');
    await citizen.write(chat, 'Де можна припаркуватися?');
    await citizen.askForPerson(chat);
    // A link to the chat (as Teams sends) opens it after sign-in.
    const { page, cspErrors } = await openConsole(1280, `/staff#/chats/${chat}`);
    await signIn(page, 'mette', 'Samtale · Ukrainsk');
    expect(await page.locator('.chat-state').textContent()).toBe('Venter på en medarbejder');
    expect(await page.locator('.transcript .message.user .text').first().getAttribute('lang')).toBe('uk');

    await page.getByRole('button', { name: 'Overtag samtalen' }).press('Enter');
    await eventually(() => page.locator('.chat-state').textContent()).toBe('Du har samtalen');
    await eventually(() => announced(page)).toBe('Du har overtaget samtalen.');
    await page.getByLabel('Resultat').selectOption('referred');
    await page.getByRole('button', { name: 'Afslut samtalen' }).press('Enter');
    await eventually(() => page.locator('.chat-state').textContent()).toBe('Samtalen er afsluttet');
    await eventually(() => announced(page)).toBe('Samtalen er afsluttet.');
    expect(await citizen.escalation(chat)).toMatchObject({ state: 'closed' });
    expect(await page.getByRole('button', { name: 'Afslut samtalen' }).count()).toBe(0);
    expect(cspErrors).toEqual([]);
  });

  it("tells a second member of staff who clicks 'Overtag' too late that Mette has the chat", async () => {
    const chat = await citizen.start('en');
    await citizen.write(chat, 'Where can I park?');
    await citizen.askForPerson(chat);

    const { page } = await openConsole();
    await signIn(page, 'jonas');
    const card = page.locator('.cards li', { has: page.getByRole('heading', { name: 'Engelsk · Bad om en medarbejder' }) });
    await card.waitFor();
    // Jonas's live updates are held back, as if Mette clicked in the same second.
    await page.route('**/api/staff/events*', () => undefined);
    await page.evaluate(() => window.dispatchEvent(new HashChangeEvent('hashchange')));
    await card.waitFor();

    const login = await fetch(`${origin()}/api/staff/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: origin() }, body: JSON.stringify({ username: 'mette', password }) });
    const token = /hh_staff=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1] as string;
    const taken = await fetch(`${origin()}/api/staff/chats/${chat}/take-over`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    expect(taken.status).toBe(200);

    await card.getByRole('button', { name: 'Overtag' }).press('Enter');
    const alert = page.getByRole('alert');
    await eventually(() => alert.textContent()).toBe('Du kunne ikke overtage samtalen. Mette has already taken over this chat.');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    // The queue was loaded again: the chat is now under "I gang", with Mette.
    await eventually(() => card.locator('.facts').textContent()).toContain('Hos:Mette');
    expect(await card.getByRole('button', { name: 'Overtag' }).count()).toBe(0);
    await saveScreenshot(page, 'staff-take-over-conflict', { fullPage: true });
  });

  it('fits 768 px and 200% zoom without sideways scrolling', async () => {
    const chat = await citizen.start('ar');
    await citizen.write(chat, 'أين يمكنني ركن السيارة؟');
    await citizen.askForPerson(chat);
    for (const [width, name] of [
      [768, 'staff-queue-768'],
      [640, 'staff-queue-zoom-200'],
    ] as const) {
      const { page } = await openConsole(width);
      await signIn(page, 'jonas');
      await page.locator('.cards li').first().waitFor();
      expect(await noSidewaysScroll(page)).toBe(true);
      await saveScreenshot(page, name, { fullPage: true });
      await page.locator('.cards li', { hasText: 'Arabisk' }).getByRole('link', { name: 'Se samtalen' }).press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Samtale · Arabisk' }).waitFor();
      await page.locator('.transcript .message').first().waitFor();
      expect(await noSidewaysScroll(page)).toBe(true);
      await saveScreenshot(page, name.replace('queue', 'chat'), { fullPage: true });
    }
  });

  it('sends a console whose sign-in ended back to the form, and tells an editor without the staff role why the queue is empty', async () => {
    const { page } = await openConsole();
    await signIn(page, 'jonas');
    // The skip link shows when focused and moves focus to the content without leaving the queue.
    const skip = page.getByRole('link', { name: 'Gå til indholdet' });
    await skip.focus();
    expect(((await skip.boundingBox()) as { y: number }).y).toBeGreaterThanOrEqual(0);
    await skip.press('Enter');
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(await page.getByRole('heading', { level: 1, name: 'Kø' }).count()).toBe(1);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Kø' }).waitFor();

    // The session ends on the server (as after 30 minutes idle): the next request gets 401.
    expect(await page.evaluate(async () => (await fetch('/api/staff/logout', { method: 'POST' })).status)).toBe(204);
    await page.getByRole('link', { name: 'Opringninger' }).press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
    expect(await page.locator('.notice').textContent()).toBe('Du er blevet logget ud. Log ind igen.');

    await signIn(page, 'ida', 'Opringninger');
    await eventually(() => page.getByRole('alert').textContent()).toBe('Din konto har ikke adgang til medarbejdernes konsol. Spørg en administrator om rollen "staff".');
  });

  it('lists callback requests, marks one as called, and signs out', async () => {
    const chat = await citizen.start();
    await citizen.write(chat, 'Jeg vil gerne tale med nogen om min operation');
    const response = await fetch(`${origin()}/api/sessions/${chat}/callback`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ phone: '20 30 40 50', preferredTime: 'morning', consent: true, message: 'Helst før kl. 10' }),
    });
    expect(response.status).toBe(201);

    const { page, cspErrors } = await openConsole();
    await signIn(page, 'mette');
    await page.getByRole('link', { name: 'Opringninger' }).press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Opringninger' }).waitFor();
    const card = page.locator('.cards li', { hasText: '+4520304050' });
    await card.waitFor();
    expect(await card.textContent()).toContain('Helst:Formiddag');
    expect(await card.textContent()).toContain('Helst før kl. 10');
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'staff-callbacks', { fullPage: true });

    await card.getByRole('button', { name: 'Markér som ringet op' }).press('Enter');
    await eventually(() => card.count()).toBe(0);
    await eventually(() => announced(page)).toBe('+4520304050 er markeret som ringet op.');
    const open = (await (await page.evaluate(async () => (await fetch('/api/staff/callbacks?handled=false')).json())) as { items: { phone: string }[] }).items;
    expect(open.map((item) => item.phone)).not.toContain('+4520304050');

    await page.getByRole('button', { name: 'Log ud' }).press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Du er logget ud.' }).count()).toBe(1);
    expect(await page.evaluate(async () => (await fetch('/api/staff/me')).status)).toBe(401);
    expect(cspErrors).toEqual([]);
  });
});
