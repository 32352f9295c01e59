// Rate limits and security headers through the real app: what a citizen's browser (or a script
// hammering the API) sees when it asks too fast, and the headers every response carries.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSite } from '../../src/demo/site.js';
import { createApp } from '../../src/http/app.js';
import { createRateLimiters, type RateLimitDependencies, type RateLimitSettings } from '../../src/http/rate-limit.js';
import { silentLogger } from '../../src/logger.js';
import { demoContentDirectory, testRuntime } from '../support/runtime.js';

type Runtime = Awaited<ReturnType<typeof testRuntime>>;
let runtime: Runtime;
let widgetDirectory: string;

beforeAll(async () => {
  runtime = await testRuntime();
  widgetDirectory = await mkdtemp(join(tmpdir(), 'hospital-help-widget-'));
  await writeFile(join(widgetDirectory, 'widget.js'), 'window.widgetLoaded = true;\n');
});
afterAll(async () => {
  await runtime.close();
  await rm(widgetDirectory, { recursive: true, force: true });
});

const generous = { capacity: 1000, perMinute: 1000 };
const noLimits: RateLimitSettings = { sessionsPerClient: generous, messagesPerSession: generous, messagesPerClient: generous, feedbackPerClient: generous };

/** An app over the shared runtime with its own buckets and a clock the test moves. */
function appWith(settings: Partial<RateLimitSettings>, http: Omit<RateLimitDependencies, 'rateLimiters'> = { trustProxy: true }) {
  let now = 5_000_000;
  const rateLimiters = createRateLimiters({ ...noLimits, ...settings }, { now: () => now });
  const app = createApp({ chat: runtime.chat, events: runtime.events, index: runtime.index, database: runtime.database, logger: silentLogger, rateLimiters, ...http });
  return { app, advance: (ms: number) => (now += ms) };
}

type App = ReturnType<typeof appWith>['app'];

const post = (body: unknown, client: string, method = 'POST') => ({
  method,
  headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Forwarded-For': `${client}, 10.0.0.1` },
  body: JSON.stringify(body),
});

async function newSession(app: App, client: string): Promise<string> {
  const response = await app.request('/api/sessions', post({ hospital: 'fjordby', language: 'da' }, client));
  expect(response.status).toBe(201);
  return ((await response.json()) as { sessionId: string }).sessionId;
}

const ask = (app: App, sessionId: string, client: string, text = 'Hvor kan jeg parkere?') => app.request(`/api/sessions/${sessionId}/messages`, post({ text }, client));

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string; requestId: string } }).error;
}

describe('messages in one chat', () => {
  it('answers the burst, refuses the next with 429, Retry-After and the error envelope, and works again after waiting', async () => {
    const { app, advance } = appWith({ messagesPerSession: { capacity: 3, perMinute: 20 } });
    const sessionId = await newSession(app, '198.51.100.1');
    for (let i = 0; i < 3; i += 1) expect((await ask(app, sessionId, '198.51.100.1')).status).toBe(200);

    const refused = await ask(app, sessionId, '198.51.100.1');
    expect(refused.status).toBe(429);
    // 20 a minute: the next message is possible in 3 seconds.
    expect(refused.headers.get('Retry-After')).toBe('3');
    const error = await errorOf(refused);
    expect(error.code).toBe('rate_limited');
    expect(error.message).toBe('Too many messages in this chat. Please wait 3 seconds and try again.');
    expect(error.requestId).toBe(refused.headers.get('X-Request-Id'));
    // Nothing was stored for the refused message.
    const listed = (await (await app.request(`/api/sessions/${sessionId}/messages`)).json()) as { role: string }[];
    expect(listed.filter((message) => message.role === 'user')).toHaveLength(3);

    // Another chat of the same citizen is unaffected.
    const other = await newSession(app, '198.51.100.1');
    expect((await ask(app, other, '198.51.100.1')).status).toBe(200);

    advance(3000);
    expect((await ask(app, sessionId, '198.51.100.1')).status).toBe(200);
    expect((await ask(app, sessionId, '198.51.100.1')).status).toBe(429);
  });

  it('exposes Retry-After to the widget on another website', async () => {
    const { app } = appWith({ messagesPerSession: { capacity: 1, perMinute: 1 } });
    const sessionId = await newSession(app, '198.51.100.2');
    await ask(app, sessionId, '198.51.100.2');
    const request = post({ text: 'Og besøgstider?' }, '198.51.100.2');
    const refused = await app.request(`/api/sessions/${sessionId}/messages`, { ...request, headers: { ...request.headers, Origin: 'https://www.fjordby.dk' } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('60');
    expect(refused.headers.get('Access-Control-Expose-Headers')).toMatch(/Retry-After/);
  });
});

describe('one client across its chats', () => {
  it('limits messages from one address over all its chats, not other addresses', async () => {
    const { app } = appWith({ messagesPerClient: { capacity: 2, perMinute: 10 } });
    const first = await newSession(app, '203.0.113.5');
    const second = await newSession(app, '203.0.113.5');
    expect((await ask(app, first, '203.0.113.5')).status).toBe(200);
    expect((await ask(app, second, '203.0.113.5')).status).toBe(200);
    const refused = await ask(app, first, '203.0.113.5');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('6');
    expect((await errorOf(refused)).message).toMatch(/^Too many messages from your address\./);

    const neighbour = await newSession(app, '203.0.113.6');
    expect((await ask(app, neighbour, '203.0.113.6')).status).toBe(200);
  });

  it('limits how many chats one address starts', async () => {
    const { app, advance } = appWith({ sessionsPerClient: { capacity: 2, perMinute: 30 } });
    await newSession(app, '192.0.2.7');
    await newSession(app, '192.0.2.7');
    const refused = await app.request('/api/sessions', post({ hospital: 'fjordby', language: 'da' }, '192.0.2.7'));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('2');
    expect((await errorOf(refused)).message).toBe('Too many new chats from your address. Please wait 2 seconds and try again.');
    await newSession(app, '192.0.2.8');
    advance(2000);
    await newSession(app, '192.0.2.7');
  });

  it('limits feedback per address', async () => {
    const { app } = appWith({ feedbackPerClient: { capacity: 1, perMinute: 60 } });
    const sessionId = await newSession(app, '192.0.2.9');
    const answer = ((await (await ask(app, sessionId, '192.0.2.9')).json()) as { message: { id: string } }).message;
    const rate = (rating: string) => app.request(`/api/sessions/${sessionId}/messages/${answer.id}/feedback`, post({ rating }, '192.0.2.9', 'PUT'));
    expect((await rate('up')).status).toBe(200);
    const refused = await rate('down');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('1');
    expect((await errorOf(refused)).message).toMatch(/^Too much feedback from your address\./);
  });

  it('ignores X-Forwarded-For unless a proxy is trusted, using the address the runtime gives', async () => {
    const { app } = appWith({ sessionsPerClient: { capacity: 1, perMinute: 1 } }, { trustProxy: false, clientAddress: () => '192.0.2.50' });
    await newSession(app, '192.0.2.51');
    // A forged header does not make a new client.
    const refused = await app.request('/api/sessions', post({ hospital: 'fjordby', language: 'da' }, '192.0.2.52'));
    expect(refused.status).toBe(429);
  });
});

describe('security headers', () => {
  const siteApp = async () => {
    const site = await demoSite({ contentDirectory: demoContentDirectory, widgetScriptPath: join(widgetDirectory, 'widget.js') });
    return createApp({ chat: runtime.chat, events: runtime.events, index: runtime.index, database: runtime.database, logger: silentLogger, mount: (root) => root.route('/', site) });
  };

  it('API JSON is never cached or sniffed', async () => {
    const app = await siteApp();
    for (const response of [await app.request('/api/sessions', post({ hospital: 'fjordby', language: 'da' }, '192.0.2.60')), await app.request('/api/sessions/nope/messages')]) {
      expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
      expect(response.headers.get('Cache-Control')).toBe('no-store');
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(response.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
    }
  });

  it('the demo pages may not be framed', async () => {
    const app = await siteApp();
    const page = await app.request('/demo/fjordby');
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(page.headers.get('X-Frame-Options')).toBe('DENY');
    expect(page.headers.get('Content-Security-Policy')).toBe("frame-ancestors 'none'");
    expect(page.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(page.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
  });

  it('the widget script can be loaded by hospital websites', async () => {
    const app = await siteApp();
    const script = await app.request('/widget.js');
    expect(script.status).toBe(200);
    expect(await script.text()).toContain('widgetLoaded');
    expect(script.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin');
    expect(script.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(script.headers.get('X-Frame-Options')).toBeNull();
  });
});
