// "Talk to a person" in real Chromium, against a fake server: page.route answers the chat and
// escalation endpoints and the session's events stream with SSE bodies written from the contract in
// src/escalation/types.ts (the server side is built separately). A citizen asks for a person, waits
// (place 2, then 1), gets Mette, reads her message, writes to her, and sees her leave; outside
// opening hours the callback form shows errors at the field and keeps what was typed. axe-core is
// clean in each state; Arabic right-to-left fits 320 px. Screenshots go to test-artifacts/screenshots/.
import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { EscalationStatus } from '../../src/escalation/types.js';
import { buildWidget } from '../../widget/build.js';
import type {} from '../../widget/src/widget.js';
import { axeViolations, browserSuite, chromiumAvailable, saveScreenshot, widgetOverflow } from '../support/browser.js';

const origin = 'https://fjordby-hospital.test';
const sessionId = 'sess-esc-1';

const message = (id: string, role: string, kind: string, text: string, extra: Record<string, unknown> = {}) => ({
  id,
  sessionId,
  role,
  kind,
  text,
  language: 'da',
  citations: [],
  createdAt: '2026-11-26T10:00:00.000Z',
  ...extra,
});

/** One event as the server writes it on GET /api/sessions/{id}/events. */
const sse = (id: number, type: string, data: unknown) => `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
const state = (id: number, escalation: EscalationStatus) => sse(id, 'session-state', { escalation });

// The stream, one body per connection: page.route answers a request whole and then the connection
// ends, so every body after the first also shows that the widget reconnects with Last-Event-ID.
const waitingSecond: EscalationStatus = { state: 'waiting', reason: 'citizen', team: 'patientservice', open: true, queuePosition: 2, expectedWaitMinutes: 6 };
const recordedStream = {
  nextInLine: `: keep-alive\n\n${state(1, { ...waitingSecond, queuePosition: 1, expectedWaitMinutes: 2 })}`,
  metteTakesOver:
    state(2, { state: 'staff', reason: 'citizen', team: 'patientservice', open: true, staffName: 'Mette' }) +
    sse(3, 'message-created', { message: message('m-staff-1', 'staff', 'staff', 'Hej, det er Mette fra Patientservice. Hvad kan jeg hjælpe med?', { author: 'Mette' }) }),
  metteLeaves: state(4, { state: 'bot', reason: 'citizen', team: 'patientservice', open: true, previousStaffName: 'Mette' }),
};

interface Seen {
  method: string;
  path: string;
  body: unknown;
  lastEventId: string | null;
}

describe.skipIf(!chromiumAvailable)('talking to a person, in Chromium against a fake server', () => {
  // The fake server serves the widget as built here.
  const suite = browserSuite({ timeout: 120_000, start: () => buildWidget() });

  /**
   * A host page with the widget and a fake API. `escalation` and `callback` answer those endpoints;
   * `push` hands the next body to the events stream (a connection waits until one is pushed).
   */
  async function fakeSite(options: {
    lang: 'da' | 'ar';
    width: number;
    escalation: (method: string) => EscalationStatus;
    callback?: (body: Record<string, unknown>) => { status: number; body: unknown };
    /** A transcript the tab already has: the session id is put in sessionStorage before the page loads. */
    transcript?: unknown[];
  }): Promise<{ page: Page; seen: Seen[]; push: (body: string) => void }> {
    const page = await suite.newPage({ viewport: { width: options.width, height: 720 } });
    const seen: Seen[] = [];
    const bodies: string[] = [];
    const waiting: ((body: string) => void)[] = [];
    const push = (body: string) => {
      const waiter = waiting.shift();
      if (waiter) waiter(body);
      else bodies.push(body);
    };
    const nextBody = () => new Promise<string>((resolve) => (bodies.length > 0 ? resolve(bodies.shift()!) : waiting.push(resolve)));
    const json = (route: Route, body: unknown, status = 200) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
    const { readFile } = await import('node:fs/promises');

    await page.route(`${origin}/**`, async (route) => {
      const request = route.request();
      const path = new URL(request.url()).pathname;
      const body: unknown = request.postData() ? JSON.parse(request.postData()!) : undefined;
      const headers = await request.allHeaders();
      if (path.startsWith('/api/')) seen.push({ method: request.method(), path, body, lastEventId: headers['last-event-id'] ?? null });
      if (path === '/') {
        return route.fulfill({
          contentType: 'text/html; charset=utf-8',
          body: `<!doctype html><html lang="da"><head><title>Fjordby Hospital</title></head><body><main><h1>Fjordby Hospital</h1>
<script src="/widget.js" data-hospital="fjordby" data-lang="${options.lang}"></script></main></body></html>`,
        });
      }
      if (path === '/widget.js' || path === '/chat.js') {
        const file = path === '/widget.js' ? suite.server.launcher.path : suite.server.chat.path;
        return route.fulfill({ contentType: 'text/javascript', body: await readFile(file, 'utf8') });
      }
      if (path === '/api/sessions') return json(route, { sessionId, createdAt: '2026-11-26T10:00:00.000Z', hospital: 'fjordby', language: options.lang, state: 'bot' }, 201);
      if (path === `/api/sessions/${sessionId}/escalation`) return json(route, { escalation: options.escalation(request.method()) });
      if (path === `/api/sessions/${sessionId}/callback` && options.callback) {
        const answer = options.callback(body as Record<string, unknown>);
        return json(route, answer.body, answer.status);
      }
      if (path === `/api/sessions/${sessionId}/events`) {
        const events = await nextBody();
        return route.fulfill({ status: 200, headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' }, body: events }).catch(() => undefined);
      }
      if (path === `/api/sessions/${sessionId}/messages` && request.method() === 'GET' && options.transcript) return json(route, options.transcript);
      if (path === `/api/sessions/${sessionId}/messages` && request.method() === 'POST') {
        // A person has the chat: the question is stored, the chatbot stays silent.
        const question = message('m-q-1', 'user', 'question', (body as { text: string }).text);
        return route.fulfill({ status: 200, contentType: 'text/event-stream', body: sse(1, 'message-completed', { question, message: null }) });
      }
      return json(route, { error: { code: 'not_found', message: `No fake for ${request.method()} ${path}`, requestId: 'fake' } }, 404);
    });
    if (options.transcript) await page.addInitScript((id) => sessionStorage.setItem('hhc-session', id), sessionId);
    await page.goto(`${origin}/`);
    await page.locator('hospital-help-chat .launcher').click();
    await page.locator('hospital-help-chat textarea').first().waitFor();
    return { page, seen, push };
  }

  const shoot = (page: Page, name: string) => saveScreenshot(page, `escalation-${name}`);
  const status = (page: Page) => page.locator('hospital-help-chat .esc [role=status]').textContent();
  const card = (page: Page) => page.locator('hospital-help-chat .esc-card').textContent();
  const eventsRequests = (seen: Seen[]) => seen.filter((request) => request.path.endsWith('/events'));

  it('asks for a person, waits as number 2 then 1, writes with Mette, and is told when she has left', async () => {
    const { page, seen, push } = await fakeSite({ lang: 'da', width: 1280, escalation: () => waitingSecond });

    // Always in sight in the open chat, a real button reached with the keyboard.
    const talk = page.getByRole('button', { name: 'Tal med en medarbejder' });
    expect(await talk.isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await shoot(page, 'da-1-button');
    await talk.focus();
    await page.keyboard.press('Enter');

    await expect.poll(() => card(page)).toContain('Du er nummer 2 i køen. Det tager cirka 6 minutter.');
    expect(seen.find((request) => request.method === 'POST' && request.path.endsWith('/escalation'))?.body).toEqual({ reason: 'citizen' });
    expect(await status(page)).toBe('Du venter på en medarbejder. Du er nummer 2 i køen. Det tager cirka 6 minutter.');
    // Focus stays in the card that replaced the button, not lost to the page.
    expect(await page.evaluate(() => document.querySelector('hospital-help-chat')!.shadowRoot!.activeElement?.textContent)).toBe('Du venter på en medarbejder');
    expect(await page.getByRole('button', { name: 'Stop med at vente' }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await shoot(page, 'da-2-waiting-2');

    push(recordedStream.nextInLine);
    await expect.poll(() => card(page)).toContain('Du er den næste i køen. Det tager cirka 2 minutter.');
    // Only the new place is read out, not the whole card again.
    expect(await status(page)).toBe('Du er den næste i køen. Det tager cirka 2 minutter.');
    expect(await axeViolations(page)).toEqual([]);
    await shoot(page, 'da-3-waiting-1');

    push(recordedStream.metteTakesOver);
    await expect.poll(() => card(page), { timeout: 10_000 }).toContain('Du skriver nu med Mette');
    const staffMessage = page.locator('hospital-help-chat .kind-staff');
    await staffMessage.waitFor();
    expect(await staffMessage.textContent()).toContain('Hej, det er Mette fra Patientservice.');
    expect(await staffMessage.locator('.card-label').textContent()).toBe('Mette (Medarbejder)');
    expect(await status(page)).toBe('Du skriver nu med Mette');
    // The stream was opened again after each drop, from the last event the widget had.
    expect(eventsRequests(seen).map((request) => request.lastEventId)).toEqual([null, '1']);

    // Writing to Mette: the question is shown, no chatbot answer and no error; and no "the answer is being written" while it is sent.
    const input = page.getByRole('textbox', { name: 'Skriv dit spørgsmål' });
    let sent!: () => void;
    const held = new Promise<void>((resolve) => (sent = resolve));
    await page.route(`${origin}/api/sessions/${sessionId}/messages`, async (route) => {
      await held;
      await route.fallback();
    });
    await input.fill('Jeg skal have flyttet min tid');
    await input.press('Enter');
    await page.locator('hospital-help-chat .msg.own.pending').waitFor();
    expect(await page.locator('hospital-help-chat .typing').isVisible()).toBe(false);
    sent();
    await expect.poll(() => page.locator('hospital-help-chat .msg.own').last().textContent()).toContain('Jeg skal have flyttet min tid');
    await expect.poll(() => page.locator('hospital-help-chat .typing').count()).toBe(0);
    expect(await page.locator('hospital-help-chat .kind-answer').count()).toBe(0);
    expect(await page.locator('hospital-help-chat .error').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await shoot(page, 'da-4-staff');

    push(recordedStream.metteLeaves);
    await expect.poll(() => card(page), { timeout: 10_000 }).toContain('Mette har forladt samtalen — chatbotten svarer igen');
    expect(await status(page)).toBe('Mette har forladt samtalen — chatbotten svarer igen');
    expect(await page.getByRole('button', { name: 'Tal med en medarbejder' }).isVisible()).toBe(true);
    expect(eventsRequests(seen).map((request) => request.lastEventId)).toEqual([null, '1', '3']);
    expect(await axeViolations(page)).toEqual([]);
    await shoot(page, 'da-5-left');

    // Back with the chatbot, the stream stays closed (no reconnect after the 1 s pause).
    await page.waitForTimeout(2_500);
    expect(eventsRequests(seen)).toHaveLength(3);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.close();
  }, 60_000);

  it('stops waiting with one button and is told the chatbot answers again', async () => {
    const { page, seen, push } = await fakeSite({ lang: 'da', width: 1280, escalation: (method) => (method === 'DELETE' ? { state: 'bot', open: true } : waitingSecond) });
    await page.getByRole('button', { name: 'Tal med en medarbejder' }).click();
    await page.getByRole('button', { name: 'Stop med at vente' }).click();
    await expect.poll(() => status(page)).toBe('Du venter ikke længere. Chatbotten svarer dig.');
    expect(seen.filter((request) => request.path.endsWith('/escalation')).map((request) => request.method)).toEqual(['POST', 'DELETE']);
    // Focus lands on the button that came back.
    expect(await page.evaluate(() => document.querySelector('hospital-help-chat')!.shadowRoot!.activeElement?.textContent)).toBe('Tal med en medarbejder');
    push(recordedStream.nextInLine);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.close();
  }, 30_000);

  it('after a reload shows that Mette has the chat, follows her messages, and closes the stream when the widget is removed', async () => {
    const transcript = [message('m-q-0', 'user', 'question', 'Jeg vil gerne tale med en person'), message('m-staff-0', 'staff', 'staff', 'Hej, det er Mette.', { author: 'Mette' })];
    const { page, seen, push } = await fakeSite({ lang: 'da', width: 1280, escalation: () => ({ state: 'staff', open: true, staffName: 'Mette' }), transcript });
    await expect.poll(() => card(page)).toContain('Du skriver nu med Mette');
    // The card is drawn from the status before the events stream is opened: wait for the request.
    await expect.poll(() => seen.map((request) => `${request.method} ${request.path}`).slice(0, 3)).toEqual([
      `GET /api/sessions/${sessionId}/messages`,
      `GET /api/sessions/${sessionId}/escalation`,
      `GET /api/sessions/${sessionId}/events`,
    ]);
    // A status already shown when the page opened is not read out as news.
    expect(await status(page)).toBe('');
    // The server replays from the start on a fresh connection: the message already shown is not doubled.
    push(sse(7, 'message-created', { message: transcript[1] }) + sse(8, 'message-created', { message: message('m-staff-2', 'staff', 'staff', 'Er du der stadig?', { author: 'Mette' }) }));
    await expect.poll(() => page.locator('hospital-help-chat .kind-staff').count()).toBe(2);
    expect(await page.locator('hospital-help-chat .kind-staff').last().textContent()).toContain('Er du der stadig?');
    await expect.poll(() => eventsRequests(seen).map((request) => request.lastEventId), { timeout: 5_000 }).toEqual([null, '8']);

    const failed = new Promise<string>((resolve) => page.on('requestfailed', (request) => resolve(new URL(request.url()).pathname)));
    await page.evaluate(() => document.querySelector('hospital-help-chat')!.remove());
    expect(await failed).toBe(`/api/sessions/${sessionId}/events`);
    await page.waitForTimeout(1_500);
    expect(eventsRequests(seen)).toHaveLength(2);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.close();
  }, 30_000);

  const afterHours: EscalationStatus = { state: 'waiting', reason: 'citizen', team: 'patientservice', open: false, opensAt: '2026-11-27T07:00:00.000Z' };
  const forms = {
    da: {
      talk: 'Tal med en medarbejder',
      opens: 'En medarbejder kan svare igen fredag 27. november kl. 08.00.',
      phone: 'Dit telefonnummer',
      hint: 'For eksempel 12 34 56 78',
      consent: 'Ja, I må ringe til mig, og en medarbejder må læse denne chat.',
      message: 'Besked til medarbejderen (hvis du vil)',
      morning: 'Om formiddagen',
      submit: 'Ring mig op',
      phoneMissing: 'Skriv dit telefonnummer.',
      consentMissing: 'Sæt et flueben, hvis vi må ringe til dig.',
      phoneInvalid: 'Nummeret ser forkert ud. Skriv mindst 8 cifre, for eksempel 12 34 56 78.',
      done: 'Tak. Vi ringer til dig, når vi har åbent.',
    },
    ar: {
      talk: 'تحدّث مع موظف',
      opens: 'يمكن لموظف أن يجيب مرة أخرى',
      phone: 'رقم هاتفك',
      hint: 'مثلًا 12 34 56 78',
      consent: 'نعم، يمكنكم الاتصال بي، ويمكن لموظف أن يقرأ هذه المحادثة.',
      message: 'رسالة إلى الموظف (إن أردت)',
      morning: 'في الصباح',
      submit: 'اتصلوا بي',
      phoneMissing: 'اكتب رقم هاتفك.',
      consentMissing: 'ضع علامة في المربع إذا كان يمكننا الاتصال بك.',
      phoneInvalid: 'يبدو أن الرقم غير صحيح. اكتب 8 أرقام على الأقل، مثلًا 12 34 56 78.',
      done: 'شكرًا. سنتصل بك عندما نفتح.',
    },
  } as const;

  for (const [lang, width] of [['da', 1280], ['ar', 320]] as const) {
    const t = forms[lang];
    it(`${lang} at ${width} px: outside opening hours the callback form names the wrong field, keeps what was typed, then books the call`, async () => {
      let callbacks = 0;
      const { page, seen } = await fakeSite({
        lang,
        width,
        escalation: () => afterHours,
        callback: () =>
          ++callbacks === 1
            ? { status: 400, body: { error: { code: 'invalid_request', message: 'phone: Not a phone number we can call', requestId: 'req-cb-1' } } }
            : { status: 201, body: { escalation: { ...afterHours, callbackRequested: true } } },
      });
      await page.getByRole('button', { name: t.talk }).click();
      await expect.poll(() => card(page)).toContain(t.opens);
      const phone = page.getByRole('textbox', { name: t.phone });
      const consent = page.getByRole('checkbox', { name: t.consent });
      const note = page.getByRole('textbox', { name: t.message });
      expect(await axeViolations(page)).toEqual([]);
      await shoot(page, `${lang}-${width}-after-hours`);

      // Nothing filled in: the errors stand at their fields, and focus goes to the first.
      await page.getByRole('button', { name: t.submit }).click();
      await expect.poll(() => phone.getAttribute('aria-invalid')).toBe('true');
      expect(await consent.getAttribute('aria-invalid')).toBe('true');
      /** What a screen reader reads after the field's name: the texts its aria-describedby points to. */
      const describedBy = async (field: typeof phone) =>
        field.evaluate((element) => (element.getAttribute('aria-describedby') ?? '').split(' ').map((id) => (element.getRootNode() as ShadowRoot).getElementById(id)?.textContent).join(' | '));
      expect(await describedBy(phone)).toBe(`${t.hint} | ${t.phoneMissing}`);
      expect(await describedBy(consent)).toBe(t.consentMissing);
      expect(await page.evaluate(() => (document.querySelector('hospital-help-chat')!.shadowRoot!.activeElement as HTMLInputElement | null)?.type)).toBe('tel');
      expect(seen.filter((request) => request.path.endsWith('/callback'))).toHaveLength(0);
      expect(await axeViolations(page)).toEqual([]);
      await shoot(page, `${lang}-${width}-form-errors`);

      // The server refuses the number: its error is shown at the phone field; nothing typed is lost.
      await phone.fill('99 99 99 99');
      await page.getByRole('radio', { name: t.morning }).check();
      await consent.check();
      await note.fill('Det drejer sig om min indkaldelse');
      await page.getByRole('button', { name: t.submit }).click();
      await expect.poll(() => describedBy(phone)).toBe(`${t.hint} | ${t.phoneInvalid}`);
      expect(await consent.getAttribute('aria-invalid')).toBe('false');
      expect(await phone.inputValue()).toBe('99 99 99 99');
      expect(await consent.isChecked()).toBe(true);
      expect(await note.inputValue()).toBe('Det drejer sig om min indkaldelse');
      expect(await page.getByRole('radio', { name: t.morning }).isChecked()).toBe(true);

      if (width === 320) {
        const direction = await page.locator('hospital-help-chat .esc').first().evaluate((element) => getComputedStyle(element).direction);
        expect({ ...(await widgetOverflow(page)), direction }).toEqual({ page: 320, outside: [], scrollers: [], direction: 'rtl' });
      }
      expect(await axeViolations(page)).toEqual([]);
      await shoot(page, `${lang}-${width}-server-error`);

      if (lang === 'da') {
        // Switching language redraws the widget: the form, what was typed and the error stay.
        await page.evaluate(() => window.HospitalHelpChat!.setLanguage('en'));
        const english = page.getByRole('textbox', { name: 'Your phone number' });
        expect(await english.inputValue()).toBe('99 99 99 99');
        expect(await describedBy(english)).toBe('For example 12 34 56 78 | The number looks wrong. Type at least 8 digits, for example 12 34 56 78.');
        expect(await page.getByRole('textbox', { name: 'Message for the staff (if you like)' }).inputValue()).toBe('Det drejer sig om min indkaldelse');
        await page.evaluate(() => window.HospitalHelpChat!.setLanguage('da'));
        expect(await phone.inputValue()).toBe('99 99 99 99');
        expect(await consent.isChecked()).toBe(true);
      }

      await phone.fill('12 34 56 78');
      await page.getByRole('button', { name: t.submit }).click();
      await expect.poll(() => status(page)).toBe(t.done);
      expect(await card(page)).toContain(t.done);
      expect(seen.filter((request) => request.path.endsWith('/callback')).map((request) => request.body)).toEqual([
        { phone: '99 99 99 99', preferredTime: 'morning', consent: true, message: 'Det drejer sig om min indkaldelse' },
        { phone: '12 34 56 78', preferredTime: 'morning', consent: true, message: 'Det drejer sig om min indkaldelse' },
      ]);
      expect(await axeViolations(page)).toEqual([]);
      await shoot(page, `${lang}-${width}-callback-booked`);
      await page.unrouteAll({ behavior: 'ignoreErrors' });
      await page.close();
    }, 60_000);
  }
});
