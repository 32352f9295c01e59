// A patient logs in from the chat through the demo OpenID Connect provider (a real oidc-provider on a
// local port, with the fictional demo patients), the way the widget's popup does: the login route,
// the provider's forms, the callback page that posts "logged in as …" to the widget's origin. The chat
// is then bound to that patient: their appointment is answered; after logout it is not.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAppointmentsFile } from '../../ingest/appointments/import.js';
import type { Logger } from '../../src/logger.js';
import { readDemoPatients, startDemoOidcProvider, type DemoOidcProvider } from '../../src/patient/adapters/demo-oidc-provider.js';
import { PatientOpenIdConnectLogin } from '../../src/patient/adapters/openid-connect-login.js';
import { appointmentTexts } from '../../src/patient/appointment-texts.js';
import { loginAtProvider } from '../support/oidc-browser.js';
import { demoContentDirectory, testRuntime } from '../support/runtime.js';

const app = 'http://localhost';
const callback = `${app}/api/patient/callback`;
const widgetOrigin = 'https://www.fjordby.dk';
const cprSystem = 'urn:oid:1.2.208.176.1.2';
// Demo patients (fictional): Mads's next appointment is a blood test on 2 December; Karen's a colonoscopy on 8 December.
// Bounded by non-digits, so a timestamp or port that holds the same digits by chance is not taken for them.
const identifierDigits = [/(?<!\d)020971/, /(?<!\d)1629(?!\d)/, /(?<!\d)140358/, /(?<!\d)2370(?!\d)/];

const lines: string[] = [];
function recordingLogger(): Logger {
  const write = (level: string) => (fields: Record<string, unknown>, message?: string) => void lines.push(JSON.stringify({ level, ...fields, msg: message }));
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error'), child: () => recordingLogger() };
}

let provider: DemoOidcProvider;
let runtime: Awaited<ReturnType<typeof testRuntime>>;
beforeAll(async () => {
  const patients = await readDemoPatients(join(demoContentDirectory, 'appointments/appointments.fhir.json'), cprSystem);
  provider = await startDemoOidcProvider({ patients, redirectUris: [callback], identifierClaim: 'dk:gov:cpr' });
  const login = new PatientOpenIdConnectLogin({
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    scopes: 'openid profile',
    identifierClaim: 'dk:gov:cpr',
    identifierSystem: cprSystem,
  });
  const clock = new Date('2026-11-26T08:00:00Z');
  runtime = await testRuntime({ logger: recordingLogger(), now: () => clock, patientIdentityProvider: login, allowedOrigins: [widgetOrigin, 'https://lyngaa.dk'] });
  await importAppointmentsFile(join(demoContentDirectory, 'appointments/appointments.fhir.json'), runtime.appointments);
}, 120_000);
afterAll(async () => {
  await runtime?.close();
  await provider?.close();
});

async function newChat() {
  return (await runtime.chat.createSession({ hospital: 'fjordby', language: 'da' })).id;
}

/** The popup's start: our login route, which sends the browser to the provider. */
async function startLogin(sessionId: string, origin = widgetOrigin) {
  return runtime.app.request(`${app}/api/patient/login?sessionId=${encodeURIComponent(sessionId)}&origin=${encodeURIComponent(origin)}`);
}

async function loginAs(sessionId: string, login: string) {
  const start = await startLogin(sessionId);
  expect(start.status).toBe(302);
  const callbackUrl = await loginAtProvider(start.headers.get('location') as string, login, callback);
  return { callbackUrl, page: await runtime.app.request(callbackUrl.toString()) };
}

/** What the callback page's script posts, and to which origin. */
function postedMessage(html: string): { message: { type: string; ok: boolean; displayName?: string }; target: string | null } {
  return JSON.parse(/var data = (\{.*\});/.exec(html)?.[1] as string);
}

async function ask(sessionId: string, text: string) {
  const { answer } = await runtime.chat.ask(sessionId, { text });
  return answer?.text ?? '';
}

describe('patient login in a popup through the demo provider', () => {
  it('logs Mads in with PKCE, posts only "logged in as Mads …" to the widget, and his next appointment is answered', async () => {
    const sessionId = await newChat();
    expect(await ask(sessionId, 'Hvornår er min næste tid?')).toBe(appointmentTexts.da.loginNeeded);

    const start = await startLogin(sessionId);
    const authorization = new URL(start.headers.get('location') as string);
    expect(authorization.origin).toBe(provider.issuer);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('nonce')?.length).toBeGreaterThanOrEqual(43);
    expect(start.headers.getSetCookie()).toEqual([]);

    const callbackUrl = await loginAtProvider(authorization.toString(), 'mads', callback);
    const page = await runtime.app.request(callbackUrl.toString());
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Du er logget ind som Mads Kjærgaard Jensen');
    expect(postedMessage(html)).toEqual({ message: { type: 'hospital-help:patient-login', ok: true, displayName: 'Mads Kjærgaard Jensen' }, target: widgetOrigin });
    const nonce = /script-src 'nonce-([^']+)'/.exec(page.headers.get('content-security-policy') ?? '')?.[1];
    expect(nonce).toBeDefined();
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html).toContain(`<script nonce="${nonce}">`);
    for (const digits of identifierDigits) expect(html).not.toMatch(digits);

    const answer = await ask(sessionId, 'Hvornår er min næste tid?');
    expect(answer).toMatch(/• onsdag den 2\. december 2026 kl\. 09\.30: Blodprøvetagning/);
    expect(answer).toMatch(/Parkering: P-hus Nord/);
  });

  it('logs out: the same question no longer answers with the appointment', async () => {
    const sessionId = await newChat();
    const { page } = await loginAs(sessionId, 'karen');
    expect(page.status).toBe(200);
    expect(await ask(sessionId, 'Hvornår er min næste tid?')).toMatch(/8\. december 2026/);
    const logout = await runtime.app.request(`/api/sessions/${sessionId}/logout-patient`, { method: 'POST' });
    expect(logout.status).toBe(204);
    const after = await ask(sessionId, 'Hvornår er min næste tid?');
    expect(after).not.toMatch(/december/);
    expect(after).toBe(appointmentTexts.da.loginAgain);
    expect((await runtime.app.request('/api/sessions/no-such-chat/logout-patient', { method: 'POST' })).status).toBe(404);
  });

  it('binds nothing when the callback is replayed, and says so in Danish without posting to anyone', async () => {
    const sessionId = await newChat();
    const { callbackUrl, page } = await loginAs(sessionId, 'mads');
    expect(page.status).toBe(200);
    await runtime.app.request(`/api/sessions/${sessionId}/logout-patient`, { method: 'POST' });
    const replay = await runtime.app.request(callbackUrl.toString());
    expect(replay.status).toBe(400);
    const html = await replay.text();
    expect(html).toContain('Det lykkedes ikke at logge dig ind, så du er ikke logget ind i chatten.');
    expect(postedMessage(html).target).toBeNull();
    expect(await runtime.patients.lookup(sessionId)).toEqual({ identity: undefined, miss: 'revoked' });
  });

  it('binds nothing when the provider answers with an error, and posts the failure to the widget', async () => {
    const sessionId = await newChat();
    const start = await startLogin(sessionId);
    const state = new URL(start.headers.get('location') as string).searchParams.get('state') as string;
    const page = await runtime.app.request(`${callback}?error=access_denied&state=${encodeURIComponent(state)}`);
    expect(page.status).toBe(401);
    const html = await page.text();
    expect(html).toContain('Det lykkedes ikke at logge dig ind');
    expect(postedMessage(html)).toEqual({ message: { type: 'hospital-help:patient-login', ok: false }, target: widgetOrigin });
    expect(await runtime.patients.lookup(sessionId)).toEqual({ identity: undefined, miss: 'none' });
  });

  it('refuses to start for an origin outside ALLOWED_ORIGINS or an unknown chat', async () => {
    const sessionId = await newChat();
    const elsewhere = await startLogin(sessionId, 'https://evil.example');
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.text()).toContain('ALLOWED_ORIGINS');
    const unknown = await startLogin('no-such-chat');
    expect(unknown.status).toBe(404);
    expect(postedMessage(await unknown.text())).toEqual({ message: { type: 'hospital-help:patient-login', ok: false }, target: widgetOrigin });
  });

  it('never writes the identifier to the logs', () => {
    const text = lines.join('\n');
    expect(text).toContain('patient-login-completed');
    expect(text).toContain('patient-login-failed');
    for (const digits of identifierDigits) expect(text).not.toMatch(digits);
  });
});
