// Each ID-token check openid-client makes on our behalf, exercised for real: a local oidc-provider
// whose signing key the test knows sits behind a small proxy that can rewrite the ID token in the
// token endpoint's answer, re-signed with the provider's own key (so that only the one check under
// test fails) or with another key (bad signature). Every failure binds nothing to the chat.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { Provider } from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAppointmentsFile } from '../../ingest/appointments/import.js';
import { PatientOpenIdConnectLogin } from '../../src/patient/adapters/openid-connect-login.js';
import { loginAtProvider } from '../support/oidc-browser.js';
import { demoContentDirectory, testRuntime } from '../support/runtime.js';

const app = 'http://localhost';
const callback = `${app}/api/patient/callback`;
const widgetOrigin = 'https://www.fjordby.dk';
const kid = 'provider-key';

/** Fictional demo patient Karen (colonoscopy on 8 December). */
const karen = { sub: 'karen', 'dk:gov:cpr': '140358-2370', name: 'Karen Holmgaard Nielsen' };

type Rewrite = (claims: JWTPayload) => JWTPayload;
let rewrite: { claims: Rewrite; key: 'provider' | 'other' } | undefined;

let providerServer: Server;
let proxy: Server;
let providerKey: CryptoKey;
let otherKey: CryptoKey;
let runtime: Awaited<ReturnType<typeof testRuntime>>;

async function resign(idToken: string): Promise<string> {
  if (rewrite === undefined) return idToken;
  const claims = rewrite.claims({ ...decodeJwt(idToken) });
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(rewrite.key === 'provider' ? providerKey : otherKey);
}

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  providerKey = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(pair.privateKey)), kid, alg: 'RS256', use: 'sig' };

  // The provider listens on its own port; its issuer is the proxy's address, which forwards every request.
  let handle: (incoming: IncomingMessage, outgoing: ServerResponse) => void = () => undefined;
  providerServer = createServer((incoming, outgoing) => handle(incoming, outgoing));
  await new Promise<void>((resolve) => providerServer.listen(0, '127.0.0.1', resolve));
  const providerPort = (providerServer.address() as AddressInfo).port;
  proxy = createServer((incoming, outgoing) => {
    const upstream = request({ host: '127.0.0.1', port: providerPort, method: incoming.method, path: incoming.url, headers: incoming.headers }, (answer) => {
      if (incoming.method !== 'POST' || incoming.url?.startsWith('/token') !== true || answer.statusCode !== 200) {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
        return;
      }
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const tokens = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id_token: string };
        void resign(tokens.id_token).then((idToken) => {
          const body = JSON.stringify({ ...tokens, id_token: idToken });
          outgoing.writeHead(200, { ...answer.headers, 'content-length': Buffer.byteLength(body) });
          outgoing.end(body);
        });
      });
    });
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: 'hospital-help', client_secret: 'a-long-test-client-secret', redirect_uris: [callback], token_endpoint_auth_method: 'client_secret_post' }],
    claims: { openid: ['sub', 'dk:gov:cpr'], profile: ['name'] },
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    jwks: { keys: [jwk] },
    findAccount: async (_context: unknown, id: string) => (id === 'karen' ? { accountId: id, claims: async () => karen } : undefined),
  });
  handle = provider.callback();

  const login = new PatientOpenIdConnectLogin({
    issuer,
    clientId: 'hospital-help',
    clientSecret: 'a-long-test-client-secret',
    scopes: 'openid profile',
    identifierClaim: 'dk:gov:cpr',
    identifierSystem: 'urn:oid:1.2.208.176.1.2',
  });
  runtime = await testRuntime({ now: () => new Date('2026-11-26T08:00:00Z'), patientIdentityProvider: login });
  await importAppointmentsFile(join(demoContentDirectory, 'appointments/appointments.fhir.json'), runtime.appointments);
}, 120_000);

afterAll(async () => {
  await runtime?.close();
  await new Promise((resolve) => proxy?.close(resolve));
  await new Promise((resolve) => providerServer?.close(resolve));
});

/** Karen logs in from a new chat with the token endpoint's ID token rewritten by `tamper`; returns the chat and the callback page. */
async function loginWith(tamper: typeof rewrite) {
  const sessionId = (await runtime.chat.createSession({ hospital: 'fjordby', language: 'da' })).id;
  const start = await runtime.app.request(`${app}/api/patient/login?sessionId=${sessionId}&origin=${encodeURIComponent(widgetOrigin)}`);
  expect(start.status).toBe(302);
  const callbackUrl = await loginAtProvider(start.headers.get('location') as string, 'karen', callback);
  rewrite = tamper;
  try {
    const page = await runtime.app.request(callbackUrl.toString());
    return { sessionId, page, html: await page.text() };
  } finally {
    rewrite = undefined;
  }
}

const now = () => Math.floor(Date.now() / 1000);

async function expectNothingBound(result: Awaited<ReturnType<typeof loginWith>>) {
  expect(result.page.status).toBe(401);
  expect(result.html).toContain('Det lykkedes ikke at logge dig ind, så du er ikke logget ind i chatten.');
  expect(result.html).toContain('"ok":false');
  expect(result.html).not.toContain('Karen');
  expect(await runtime.patients.lookup(result.sessionId)).toEqual({ identity: undefined, miss: 'none' });
  const { answer } = await runtime.chat.ask(result.sessionId, { text: 'Hvornår er min næste tid?' });
  expect(answer?.text).not.toMatch(/december/);
}

describe('the ID token is verified before a chat is bound', () => {
  it('binds Karen when the token is untouched, and when it is re-signed unchanged by the provider key (the rewriting itself is sound)', async () => {
    for (const tamper of [undefined, { key: 'provider' as const, claims: (claims: JWTPayload) => claims }]) {
      const { sessionId, page } = await loginWith(tamper);
      expect(page.status).toBe(200);
      expect((await runtime.patients.lookup(sessionId)).identity).toMatchObject({ displayName: 'Karen Holmgaard Nielsen' });
      const { answer } = await runtime.chat.ask(sessionId, { text: 'Hvornår er min næste tid?' });
      expect(answer?.text).toMatch(/8\. december 2026/);
    }
  });

  it('refuses an expired ID token', async () => {
    const result = await loginWith({ key: 'provider', claims: (claims) => ({ ...claims, iat: now() - 7200, exp: now() - 3600 }) });
    expect(result.html).toMatch(/&#34;exp&#34; \(expiration time\) claim value, expiration is past current timestamp/);
    await expectNothingBound(result);
  });

  it('refuses an ID token for another audience', async () => {
    const result = await loginWith({ key: 'provider', claims: (claims) => ({ ...claims, aud: 'another-client' }) });
    expect(result.html).toMatch(/unexpected JWT &#34;aud&#34; \(audience\) claim value/);
    await expectNothingBound(result);
  });

  it('refuses an ID token from another issuer', async () => {
    const result = await loginWith({ key: 'provider', claims: (claims) => ({ ...claims, iss: 'https://broker.evil.example' }) });
    expect(result.html).toMatch(/unexpected JWT &#34;iss&#34; \(issuer\) claim value/);
    await expectNothingBound(result);
  });

  it('refuses an ID token signed with a key that is not the provider’s', async () => {
    const result = await loginWith({ key: 'other', claims: (claims) => claims });
    expect(result.html).toMatch(/JWT signature verification failed/);
    await expectNothingBound(result);
  });

  it('refuses an ID token without the nonce, or with another nonce', async () => {
    const missing = await loginWith({
      key: 'provider',
      claims: ({ nonce: _nonce, ...claims }) => claims,
    });
    expect(missing.html).toMatch(/JWT &#34;nonce&#34; \(nonce\) claim missing/);
    await expectNothingBound(missing);
    const wrong = await loginWith({ key: 'provider', claims: (claims) => ({ ...claims, nonce: 'a-nonce-from-another-login' }) });
    expect(wrong.html).toMatch(/unexpected ID Token &#34;nonce&#34; claim value/);
    await expectNothingBound(wrong);
  });
});
