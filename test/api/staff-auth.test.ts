// Staff sign-in over HTTP through app.request(): the cookie, who may reach which route, what other
// websites cannot do with a signed-in browser, and bad input on every staff route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { silentLogger } from '../../src/logger.js';
import { testRuntime } from '../support/runtime.js';

type Runtime = Awaited<ReturnType<typeof testRuntime>>;
let runtime: Runtime;

const origin = 'http://localhost';
const password = 'Fjordby-vagt-2026!';

beforeAll(async () => {
  runtime = await testRuntime();
  await runtime.staff.create({ username: 'mette', displayName: 'Mette', roles: ['staff'], password });
  await runtime.staff.create({ username: 'ida', displayName: 'Redaktør', roles: ['editor'], password });
  await runtime.staff.create({ username: 'admin', displayName: 'Administrator', roles: ['admin'], password });
}, 120_000);
afterAll(() => runtime.close());

const json = (method: string, body: unknown, headers: Record<string, string> = {}) => ({
  method,
  headers: { 'Content-Type': 'application/json', Origin: origin, ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;

async function login(username: string, secret = password, url = `${origin}/api/staff/login`, headers: Record<string, string> = {}) {
  return runtime.app.request(url, json('POST', { username, password: secret }, headers));
}

/** Signs in and returns the session token from the cookie. */
async function tokenOf(username: string): Promise<string> {
  const response = await login(username);
  expect(response.status).toBe(200);
  const cookie = response.headers.get('set-cookie') ?? '';
  return /hh_staff=([^;]+)/.exec(cookie)?.[1] as string;
}

const signedIn = new Map<string, Promise<string>>();
/** One session per username for tests that only read: sign-ins cost a real scrypt hash each. */
function sharedTokenOf(username: string): Promise<string> {
  if (!signedIn.has(username)) signedIn.set(username, tokenOf(username));
  return signedIn.get(username) as Promise<string>;
}

const get = (path: string, headers: Record<string, string> = {}) => runtime.app.request(path, { headers });
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('signing in and out', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and returns who signed in, without the token in the body', async () => {
    const response = await login('mette');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { staff: unknown; expiresAt: string };
    expect(body.staff).toEqual({ id: expect.any(String), username: 'mette', displayName: 'Mette', roles: ['staff'] });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^hh_staff=hhs_[A-Za-z0-9_-]{43}; /);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; Max-Age=28800/);
    expect(cookie).not.toMatch(/Secure/);
    expect(JSON.stringify(body)).not.toContain('hhs_');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('marks the cookie Secure when the console is reached over https', async () => {
    const response = await login('mette', password, 'https://staff.fjordby.dk/api/staff/login', { Origin: 'https://staff.fjordby.dk' });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('knows the signed-in staff member by the cookie or a Bearer token, until sign-out', async () => {
    const token = await tokenOf('mette');
    const byCookie = await get('/api/staff/me', { Cookie: `hh_staff=${token}` });
    expect(byCookie.status).toBe(200);
    expect(await byCookie.json()).toMatchObject({ username: 'mette', displayName: 'Mette', roles: ['staff'] });
    expect((await get('/api/staff/me', bearer(token))).status).toBe(200);

    const out = await runtime.app.request('/api/staff/logout', { method: 'POST', headers: { Origin: origin, Cookie: `hh_staff=${token}` } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^hh_staff=; Max-Age=0/);
    const after = await get('/api/staff/me', { Cookie: `hh_staff=${token}` });
    expect(after.status).toBe(401);
    expect(await errorOf(after)).toMatchObject({ code: 'unauthorized' });
  });

  it('says so when sign-in through an identity provider is not configured', async () => {
    const response = await get('/api/staff/oidc/login');
    expect(response.status).toBe(404);
    expect((await errorOf(response)).message).toMatch(/STAFF_OIDC_ISSUER/);
  });

  it('behind a proxy, takes its origin from PUBLIC_URL and marks the cookie Secure when that is https', async () => {
    const proxied = createApp({ ...runtime, logger: silentLogger, publicUrl: 'https://staff.fjordby.dk', staff: { accounts: runtime.staff } });
    // The proxy forwards to http://localhost; the browser is on https://staff.fjordby.dk.
    const request = (requestOrigin: string) => proxied.request(`${origin}/api/staff/login`, json('POST', { username: 'mette', password }, { Origin: requestOrigin }));
    expect((await request(origin)).status).toBe(403);
    const response = await request('https://staff.fjordby.dk');
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('gives one message for a wrong password and an unknown username', async () => {
    const wrong = await login('mette', 'not the password at all');
    const unknown = await login('nobody-here', password);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [first, second] = [await errorOf(wrong), await errorOf(unknown)];
    expect(first.message).toBe('Wrong username or password.');
    expect(second.message).toBe(first.message);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('answers 429 with Retry-After once a username is locked, even for the right password', async () => {
    await runtime.staff.create({ username: 'jonas', displayName: 'Jonas', roles: ['staff'], password });
    for (let attempt = 1; attempt <= 5; attempt += 1) expect((await login('jonas', `wrong password ${attempt}`)).status).toBe(401);
    const locked = await login('jonas');
    expect(locked.status).toBe(429);
    // 15 minutes from the fifth failure, less the moments since (seconds on a busy machine).
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(850);
    expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(900);
    expect(await errorOf(locked)).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('15 minutes') });
  });
});

describe('role checks on staff, editor and admin routes', () => {
  const routes = { me: '/api/staff/me', editor: '/api/editor/feedback', admin: '/api/admin/staff-accounts' };

  it('answers 401 without a sign-in, with a made-up token and with a citizen’s chat session id', async () => {
    const created = await runtime.app.request('/api/sessions', json('POST', { language: 'da' }));
    const { sessionId } = (await created.json()) as { sessionId: string };
    for (const path of Object.values(routes)) {
      const attempts: Record<string, string>[] = [{}, bearer('hhs_' + 'x'.repeat(43)), bearer(sessionId), { Cookie: `hh_staff=${sessionId}` }];
      for (const headers of attempts) {
        const response = await get(path, headers);
        expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
        expect((await errorOf(response)).code).toBe('unauthorized');
      }
    }
  });

  it('keeps a staff token out of editor and admin routes (403) and an editor out of admin routes; an admin reaches the editor routes', async () => {
    const staff = await tokenOf('mette');
    expect((await get(routes.me, bearer(staff))).status).toBe(200);
    const editorRoute = await get(routes.editor, bearer(staff));
    expect(editorRoute.status).toBe(403);
    expect(await errorOf(editorRoute)).toMatchObject({ code: 'forbidden', message: 'This needs the role editor or admin; you have staff.' });
    expect((await get(routes.admin, bearer(staff))).status).toBe(403);

    const editor = await tokenOf('ida');
    expect((await get(routes.editor, bearer(editor))).status).toBe(200);
    expect((await get(routes.admin, bearer(editor))).status).toBe(403);

    const admin = await tokenOf('admin');
    const accounts = await get(routes.admin, bearer(admin));
    expect(accounts.status).toBe(200);
    const { items } = (await accounts.json()) as { items: { username: string; roles: string[] }[] };
    expect(items.map((item) => item.username)).toEqual(expect.arrayContaining(['admin', 'ida', 'mette']));
    expect(JSON.stringify(items)).not.toMatch(/scrypt|password_hash/);
    // The editor console is for editors and admins (issue 8), as the staff console is for staff and admins.
    expect((await get(routes.editor, bearer(admin))).status).toBe(200);
  });

  it('shuts a disabled account out at once', async () => {
    await runtime.staff.create({ username: 'ole', displayName: 'Ole', roles: ['editor'], password });
    const token = await tokenOf('ole');
    expect((await get(routes.editor, bearer(token))).status).toBe(200);
    await runtime.staff.disable('ole');
    expect((await get(routes.editor, bearer(token))).status).toBe(401);
  });
});

describe("the editors' feedback list", () => {
  it('lists citizens’ ratings newest first, page by page', async () => {
    for (const rating of ['down', 'up']) {
      const created = await runtime.app.request('/api/sessions', json('POST', { hospital: 'fjordby', language: 'da' }));
      const { sessionId } = (await created.json()) as { sessionId: string };
      const asked = await runtime.app.request(`/api/sessions/${sessionId}/messages`, json('POST', { text: 'Hvor kan jeg parkere?' }, { Accept: 'application/json' }));
      const { message } = (await asked.json()) as { message: { id: string } };
      await runtime.app.request(`/api/sessions/${sessionId}/messages/${message.id}/feedback`, json('PUT', { rating, comment: `Svaret var ${rating}` }));
    }
    const editor = await tokenOf('ida');
    const first = await get('/api/editor/feedback?limit=1', bearer(editor));
    expect(first.status).toBe(200);
    const page = (await first.json()) as { items: { rating: string; comment: string; question: string }[]; nextOffset: number | null };
    expect(page.items).toEqual([expect.objectContaining({ rating: 'up', comment: 'Svaret var up', question: 'Hvor kan jeg parkere?' })]);
    expect(page.nextOffset).toBe(1);
    const second = (await (await get('/api/editor/feedback?limit=1&offset=1', bearer(editor))).json()) as typeof page;
    expect(second.items).toEqual([expect.objectContaining({ rating: 'down' })]);
    const downs = (await (await get('/api/editor/feedback?rating=down', bearer(editor))).json()) as typeof page;
    expect(downs.items.every((item) => item.rating === 'down')).toBe(true);
  });
});

describe('other websites cannot use a signed-in browser', () => {
  it('refuses a cross-origin sign-in, sign-out or any POST, and keeps the session', async () => {
    const token = await tokenOf('mette');
    const evil = { Origin: 'https://evil.example' };
    const crossLogin = await login('mette', password, `${origin}/api/staff/login`, evil);
    expect(crossLogin.status).toBe(403);
    expect(crossLogin.headers.get('set-cookie')).toBeNull();
    expect((await errorOf(crossLogin)).message).toContain('https://evil.example');
    const crossLogout = await runtime.app.request('/api/staff/logout', { method: 'POST', headers: { ...evil, Cookie: `hh_staff=${token}` } });
    expect(crossLogout.status).toBe(403);
    expect((await runtime.app.request('/api/editor/feedback', { method: 'POST', headers: { ...evil, Cookie: `hh_staff=${token}` } })).status).toBe(403);
    expect((await get('/api/staff/me', { Cookie: `hh_staff=${token}` })).status).toBe(200);
  });

  it('refuses a POST without Origin unless it carries a Bearer token (tools)', async () => {
    const token = await tokenOf('mette');
    const withCookie = await runtime.app.request('/api/staff/logout', { method: 'POST', headers: { Cookie: `hh_staff=${token}` } });
    expect(withCookie.status).toBe(403);
    expect((await errorOf(withCookie)).message).toMatch(/^Origin header missing/);
    const withBearer = await runtime.app.request('/api/staff/logout', { method: 'POST', headers: bearer(token) });
    expect(withBearer.status).toBe(204);
    expect((await get('/api/staff/me', bearer(token))).status).toBe(401);
  });

  it('sends no CORS headers on staff routes, while the widget API stays open', async () => {
    const hospital = 'https://www.fjordby-hospital.dk';
    const preflight = await runtime.app.request('/api/staff/login', {
      method: 'OPTIONS',
      headers: { Origin: hospital, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const token = await tokenOf('ida');
    for (const path of ['/api/staff/me', '/api/editor/feedback']) {
      const response = await get(path, { Origin: hospital, Cookie: `hh_staff=${token}` });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
    const widget = await runtime.app.request('/api/sessions', { method: 'OPTIONS', headers: { Origin: hospital, 'Access-Control-Request-Method': 'POST' } });
    expect(widget.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('bad input on staff routes gets 400 naming the field', () => {
  const cases: [string, unknown, RegExp][] = [
    ['a missing username', { password }, /^username: is required/],
    ['an empty username', { username: '  ', password }, /^username: must not be empty/],
    ['a password that is not text', { username: 'mette', password: 12345678901234 }, /^password: is required and must be a string/],
    ['a missing password', { username: 'mette' }, /^password: /],
    ['a password over 1024 characters', { username: 'mette', password: 'x'.repeat(1025) }, /^password: must be at most 1024 characters/],
    ['an unknown field', { username: 'mette', password, remember: true }, /unknown field\(s\) "remember"/],
  ];
  for (const [name, body, message] of cases) {
    it(`login: ${name}`, async () => {
      const response = await runtime.app.request('/api/staff/login', json('POST', body));
      expect(response.status).toBe(400);
      expect(await errorOf(response)).toMatchObject({ code: 'invalid_request', message: expect.stringMatching(message) });
    });
  }

  it('login: a body that is not JSON', async () => {
    const response = await runtime.app.request('/api/staff/login', json('POST', '{username: mette'));
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(/not valid JSON/);
  });

  const queries: [string, RegExp][] = [
    ['limit=0', /^limit: must be at least 1/],
    ['limit=201', /^limit: must be at most 200/],
    ['limit=ten', /^limit: /],
    ['offset=-1', /^offset: must be 0 or more/],
    ['offset=1.5', /^offset: must be a whole number/],
    ['rating=meh', /^rating: must be "up" or "down"/],
    ['sort=newest', /unknown field\(s\) "sort"/],
  ];
  for (const [query, message] of queries) {
    it(`editor feedback: ?${query}`, async () => {
      const response = await get(`/api/editor/feedback?${query}`, bearer(await sharedTokenOf('ida')));
      expect(response.status).toBe(400);
      expect(await errorOf(response)).toMatchObject({ code: 'invalid_request', message: expect.stringMatching(message) });
    });
  }

  it('checks the role before the input: bad input from a staff token is still 403', async () => {
    expect((await get('/api/editor/feedback?limit=0', bearer(await sharedTokenOf('mette')))).status).toBe(403);
  });
});
