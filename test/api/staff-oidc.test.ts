// Staff sign-in through OpenID Connect against a real provider (oidc-provider, on a local port)
// started here: the redirect with PKCE, the provider's login and consent pages, the callback, and
// the same server session as a password sign-in; roles come from the provider's roles claim.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Provider } from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenIdConnectSignIn, parseRoleMap } from '../../src/staff/adapters/openid-connect.js';
import { testRuntime } from '../support/runtime.js';

type Runtime = Awaited<ReturnType<typeof testRuntime>>;

const app = 'http://localhost';
const callback = `${app}/api/staff/oidc/callback`;

/** People at the provider: their claims, roles as the provider names them. */
const people: Record<string, Record<string, unknown>> = {
  'mette-1': { given_name: 'Mette', name: 'Mette Hansen', preferred_username: 'mette@fjordby.dk', email: 'mette@fjordby.dk', roles: ['Helpdesk'] },
  'ida-2': { given_name: 'Ida', preferred_username: 'ida@fjordby.dk', roles: ['Redaktion', 'Helpdesk'] },
  'guest-3': { given_name: 'Gæst', preferred_username: 'guest@fjordby.dk', roles: ['Kantine'] },
};

let server: Server;
let issuer: string;
let runtime: Runtime;
let pkceSeen: { method: string | null; challenge: boolean }[] = [];

beforeAll(async () => {
  let handle: (request: IncomingMessage, response: ServerResponse) => void = () => undefined;
  server = createServer((request, response) => {
    if (request.url?.startsWith('/auth?') === true) {
      const query = new URL(request.url, 'http://x').searchParams;
      pkceSeen.push({ method: query.get('code_challenge_method'), challenge: (query.get('code_challenge') ?? '').length >= 43 });
    }
    handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: 'hospital-help', client_secret: 'a-long-test-client-secret', redirect_uris: [callback], token_endpoint_auth_method: 'client_secret_post' }],
    claims: { openid: ['sub'], profile: ['name', 'given_name', 'preferred_username', 'roles'], email: ['email'] },
    // Scope claims in the ID token, as Entra ID does with app roles.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    findAccount: async (_context: unknown, id: string) => (people[id] === undefined ? undefined : { accountId: id, claims: async () => ({ sub: id, ...people[id] }) }),
  });
  handle = provider.callback();

  const identityProvider = new OpenIdConnectSignIn({
    issuer,
    clientId: 'hospital-help',
    clientSecret: 'a-long-test-client-secret',
    rolesClaim: 'roles',
    roleMap: parseRoleMap('Helpdesk=staff, Redaktion=editor, Admin=admin'),
  });
  runtime = await testRuntime({ staffIdentityProvider: identityProvider });
}, 120_000);

afterAll(async () => {
  await runtime?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** A browser's cookie jar for the provider's site, by cookie name. */
class Jar {
  private readonly cookies = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = (pair ?? '').indexOf('=');
      const name = (pair ?? '').slice(0, index);
      const value = (pair ?? '').slice(index + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * Signs `person` in the way a browser would: the app's login redirect, the provider's login form and
 * consent form, back to the app's callback. Returns the callback's response.
 */
async function signInAtProvider(person: string, tamper: (callbackUrl: URL) => URL = (url) => url, appCookies?: string) {
  const start = await runtime.app.request(`${app}/api/staff/oidc/login`);
  expect(start.status).toBe(302);
  const pendingCookie = /hh_staff_oidc=[^;]+/.exec(start.headers.get('set-cookie') ?? '')?.[0] as string;
  const providerJar = new Jar();
  let location = start.headers.get('location') as string;
  for (let step = 0; step < 12 && !location.startsWith(callback); step += 1) {
    let response = await fetch(location, { redirect: 'manual', headers: { cookie: providerJar.header() } });
    providerJar.take(response);
    if (response.status === 200) {
      const html = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1] as string;
      const fields: Record<string, string> = html.includes('name="login"') ? { prompt: 'login', login: person, password: 'any' } : { prompt: 'consent' };
      response = await fetch(new URL(action, location), {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: providerJar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
      providerJar.take(response);
    }
    location = new URL(response.headers.get('location') as string, location).toString();
  }
  expect(location.startsWith(callback)).toBe(true);
  return runtime.app.request(tamper(new URL(location)).toString(), { headers: { Cookie: appCookies ?? pendingCookie } });
}

describe('staff sign-in through OpenID Connect', () => {
  it('signs a staff member in at the provider with PKCE and opens the usual session with their first name and mapped roles', async () => {
    pkceSeen = [];
    const response = await signInAtProvider('mette-1');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/staff');
    expect(pkceSeen).toEqual([{ method: 'S256', challenge: true }]);
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('hh_staff='));
    expect(cookie).toMatch(/^hh_staff=hhs_[A-Za-z0-9_-]{43}; Max-Age=28800; Path=\/; HttpOnly; SameSite=Strict/);
    const token = /hh_staff=([^;]+)/.exec(cookie ?? '')?.[1] as string;
    const me = await runtime.app.request('/api/staff/me', { headers: { Cookie: `hh_staff=${token}` } });
    expect(await me.json()).toMatchObject({ username: 'mette@fjordby.dk', displayName: 'Mette', roles: ['staff'] });
    expect((await runtime.app.request('/api/editor/feedback', { headers: { Cookie: `hh_staff=${token}` } })).status).toBe(403);
  });

  it('gives every mapped role, and the same account on the next sign-in', async () => {
    const first = await signInAtProvider('ida-2');
    const second = await signInAtProvider('ida-2');
    for (const response of [first, second]) {
      const token = /hh_staff=([^;]+)/.exec(response.headers.getSetCookie().find((line) => line.startsWith('hh_staff=')) ?? '')?.[1] as string;
      const me = (await (await runtime.app.request('/api/staff/me', { headers: { Cookie: `hh_staff=${token}` } })).json()) as { roles: string[] };
      expect(me.roles.sort()).toEqual(['editor', 'staff']);
    }
    const accounts = await runtime.staff.list();
    expect(accounts.filter((account) => account.username === 'ida@fjordby.dk')).toEqual([expect.objectContaining({ signIn: 'oidc', displayName: 'Ida' })]);
  });

  it('refuses someone whose provider roles give no role here, with 403 and no session', async () => {
    const response = await signInAtProvider('guest-3');
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie().some((line) => line.startsWith('hh_staff='))).toBe(false);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/no role for this service/);
  });

  it('refuses a callback whose state does not match, and one without the browser’s sign-in cookie', async () => {
    const forged = await signInAtProvider('mette-1', (url) => {
      url.searchParams.set('state', 'not-the-state');
      return url;
    });
    expect(forged.status).toBe(401);
    expect(forged.headers.getSetCookie().some((line) => line.startsWith('hh_staff='))).toBe(false);
    const elsewhere = await signInAtProvider('mette-1', (url) => url, 'other=1');
    expect(elsewhere.status).toBe(400);
    expect(((await elsewhere.json()) as { error: { message: string } }).error.message).toMatch(/not started in this browser/);
  });
});
