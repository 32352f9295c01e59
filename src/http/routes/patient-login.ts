// Patient login in a popup (docs/adr/0010). GET /api/patient/login starts the provider's authorization
// code flow for a chat session; GET /api/patient/callback verifies the answer, binds the chat to the
// patient server-side and answers a small page that tells the widget "logged in as <name>" (or that
// it failed) through postMessage to the widget's own origin; POST /api/sessions/{id}/logout-patient ends it.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ChatService } from '../../chat/chat-service.js';
import { AppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { DatabaseLoginAttempts } from '../../patient/login-attempts.js';
import { PatientLoginError, type PatientIdentityProvider } from '../../patient/patient-login.js';
import { bindVerifiedLogin, type PatientSessions } from '../../patient/patient-sessions.js';
import type { AppEnvironment } from '../app.js';
import { errorResponse, requestIdOf } from '../errors.js';
import { errorSchema, sessionIdParam } from '../schemas.js';
import { ownOrigin } from '../staff-auth.js';

const callbackPath = '/api/patient/callback';
/** The message type the widget listens for. */
export const patientLoginMessageType = 'hospital-help:patient-login';

export interface PatientLoginRoutesDependencies {
  chat: ChatService;
  patients: PatientSessions;
  attempts: DatabaseLoginAttempts;
  /** Unset: patient login is off (PATIENT_LOGIN_ENABLED=false); the routes say so. */
  identityProvider?: PatientIdentityProvider;
  logger: Logger;
  allowedOrigins?: string[] | '*';
  publicUrl?: string;
  trustProxy?: boolean;
}

const logoutPatient = createRoute({
  method: 'post',
  path: '/api/sessions/{id}/logout-patient',
  summary: "Log the patient out of this chat",
  description: 'Ends the patient login bound to the chat (idempotent). The chat goes on; questions about own appointments ask for a login again.',
  request: { params: sessionIdParam },
  responses: { 204: { description: 'Logged out.' }, 404: { description: 'Unknown session.', content: { 'application/json': { schema: errorSchema } } } },
});

export function patientLoginRoutes(dependencies: PatientLoginRoutesDependencies) {
  const { chat, patients, attempts, identityProvider, logger } = dependencies;
  const app = new OpenAPIHono<AppEnvironment>();

  app.get('/api/patient/login', async (c) => {
    const sessionId = c.req.query('sessionId') ?? '';
    const origin = openerOrigin(c.req.query('origin'), dependencies.allowedOrigins);
    if (origin === undefined) {
      return resultPage(c, 400, { ok: false }, 'origin: expected the origin of the page with the chat (e.g. https://www.fjordby.dk), one of ALLOWED_ORIGINS.');
    }
    if (identityProvider === undefined) return resultPage(c, 404, { ok: false, openerOrigin: origin }, 'Patient login is turned off here (PATIENT_LOGIN_ENABLED=false).');
    if (sessionId === '' || sessionId.length > 100) return resultPage(c, 400, { ok: false, openerOrigin: origin }, 'sessionId: expected the id of the chat to log in to.');
    if (!(await sessionExists(chat, sessionId))) return resultPage(c, 404, { ok: false, openerOrigin: origin }, `No chat session with id "${sessionId}".`);
    let started;
    try {
      started = await identityProvider.start(`${ownOrigin(c, dependencies)}${callbackPath}`);
    } catch (error) {
      logger.error({ event: 'patient-login-failed', requestId: requestIdOf(c), reason: 'unavailable', error: (error as Error).message }, 'the login provider could not be reached');
      return resultPage(c, 503, { ok: false, openerOrigin: origin }, 'The login provider could not be reached.');
    }
    await attempts.save({ ...started.pending, sessionId, openerOrigin: origin });
    logger.info({ event: 'patient-login-started', requestId: requestIdOf(c) }, 'patient login started');
    c.header('Cache-Control', 'no-store');
    return c.redirect(started.url, 302);
  });

  app.get(callbackPath, async (c) => {
    const attempt = await attempts.take(c.req.query('state') ?? '');
    if (attempt === undefined) {
      logger.warn({ event: 'patient-login-failed', requestId: requestIdOf(c), reason: 'unknown-attempt' }, 'a login callback with an unknown, used or expired state; nothing bound');
      return resultPage(c, 400, { ok: false }, 'This login is unknown, was already used, or took longer than 10 minutes.');
    }
    if (identityProvider === undefined) return resultPage(c, 404, { ok: false, openerOrigin: attempt.openerOrigin }, 'Patient login is turned off here.');
    const callbackUrl = new URL(`${ownOrigin(c, dependencies)}${callbackPath}${new URL(c.req.url).search}`);
    try {
      const patient = await identityProvider.finish(callbackUrl, attempt);
      await bindVerifiedLogin(patients, attempt.sessionId, patient);
      logger.info({ event: 'patient-login-completed', requestId: requestIdOf(c) }, 'patient logged in to a chat');
      return resultPage(c, 200, { ok: true, openerOrigin: attempt.openerOrigin, ...(patient.displayName !== undefined && { displayName: patient.displayName }) });
    } catch (error) {
      const reason = error instanceof PatientLoginError ? error.reason : 'bind-failed';
      // The message names the failed check (audience, nonce, signature …), never a claim's value.
      logger.warn({ event: 'patient-login-failed', requestId: requestIdOf(c), reason, error: (error as Error).message }, 'patient login failed; nothing bound');
      return resultPage(c, reason === 'unavailable' ? 503 : 401, { ok: false, openerOrigin: attempt.openerOrigin }, (error as Error).message);
    }
  });

  app.openapi(logoutPatient, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await sessionExists(chat, id))) return errorResponse(c, 'not_found', `No chat session with id "${id}".`) as never;
    await patients.revoke(id);
    logger.info({ event: 'patient-logged-out', requestId: requestIdOf(c) }, 'patient logged out of a chat');
    return c.body(null, 204);
  });

  return app;
}

async function sessionExists(chat: ChatService, sessionId: string): Promise<boolean> {
  try {
    await chat.getSession(sessionId);
    return true;
  } catch (error) {
    // Anything but "no such chat" (the database down) is the error handler's to answer.
    if (error instanceof AppError && error.code === 'not_found') return false;
    throw error;
  }
}

/** The origin the widget said it runs on, if it is one and ALLOWED_ORIGINS allows it. */
function openerOrigin(value: string | undefined, allowed: string[] | '*' | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== value) return undefined;
  if (allowed !== undefined && allowed !== '*' && !allowed.includes(url.origin)) return undefined;
  return url.origin;
}

interface LoginResult {
  ok: boolean;
  displayName?: string;
  /** Unset when we do not know (or may not trust) where the widget is: nothing is posted then. */
  openerOrigin?: string;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** Short texts for the popup, Danish first. */
function resultTexts(result: LoginResult): { lang: string; dir?: 'rtl'; text: string }[] {
  if (!result.ok) {
    return [
      { lang: 'da', text: 'Det lykkedes ikke at logge dig ind, så du er ikke logget ind i chatten. Luk vinduet, og prøv igen fra chatten.' },
      { lang: 'en', text: 'We could not log you in, so you are not logged in to the chat. Close this window and try again from the chat.' },
      { lang: 'de', text: 'Die Anmeldung hat nicht geklappt. Sie sind im Chat nicht angemeldet. Schließen Sie das Fenster und versuchen Sie es im Chat noch einmal.' },
      { lang: 'ar', dir: 'rtl', text: 'لم نتمكن من تسجيل دخولك، لذلك أنت غير مسجَّل في المحادثة. أغلق هذه النافذة وحاول مرة أخرى من المحادثة.' },
      { lang: 'uk', text: 'Не вдалося увійти, тож ви не увійшли в чат. Закрийте це вікно і спробуйте ще раз із чату.' },
    ];
  }
  const name = result.displayName === undefined ? undefined : escapeHtml(result.displayName);
  return [
    { lang: 'da', text: `${name === undefined ? 'Du er logget ind' : `Du er logget ind som ${name}`}. Gå tilbage til chatten. Vinduet lukker af sig selv.` },
    { lang: 'en', text: `${name === undefined ? 'You are logged in' : `You are logged in as ${name}`}. Go back to the chat. This window closes by itself.` },
    { lang: 'de', text: `${name === undefined ? 'Sie sind angemeldet' : `Sie sind als ${name} angemeldet`}. Gehen Sie zurück zum Chat. Das Fenster schließt sich von selbst.` },
    { lang: 'ar', dir: 'rtl', text: `${name === undefined ? 'لقد سجّلت الدخول' : `لقد سجّلت الدخول باسم ${name}`}. عُد إلى المحادثة. ستُغلق هذه النافذة تلقائيًا.` },
    { lang: 'uk', text: `${name === undefined ? 'Ви увійшли' : `Ви увійшли як ${name}`}. Поверніться до чату. Це вікно закриється саме.` },
  ];
}

/**
 * The page the popup ends on: the result in words, and a script (allowed by a nonce in a strict CSP)
 * that posts { type, ok, displayName } to the widget's origin only and closes the window.
 */
function resultPage(c: Context, status: 200 | 400 | 401 | 404 | 503, result: LoginResult, detail?: string) {
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const message = { type: patientLoginMessageType, ok: result.ok, ...(result.displayName !== undefined && { displayName: result.displayName }) };
  // JSON inside a script: "<" escaped so that no value can end the script element.
  const data = JSON.stringify({ message, target: result.openerOrigin ?? null }).replace(/</g, '\\u003c');
  const title = result.ok ? 'Du er logget ind' : 'Login mislykkedes';
  const html = `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style nonce="${nonce}">body{font:1.1rem/1.5 system-ui,sans-serif;margin:2rem auto;max-width:32rem;padding:0 1rem;color:#1a1a1a}p{margin:0 0 1rem}p.detail{color:#555;font-size:.9rem}</style>
</head>
<body>
<main>
<h1>${title}</h1>
${resultTexts(result).map((line) => `<p lang="${line.lang}"${line.dir === undefined ? '' : ` dir="${line.dir}"`}>${line.text}</p>`).join('\n')}
${detail === undefined ? '' : `<p class="detail" lang="en">${escapeHtml(detail)}</p>`}
</main>
<script nonce="${nonce}">
(function () {
  var data = ${data};
  if (data.target && window.opener) {
    window.opener.postMessage(data.message, data.target);
    if (data.message.ok) setTimeout(function () { window.close(); }, 1500);
  }
})();
</script>
</body>
</html>`;
  c.header('Content-Security-Policy', `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`);
  c.header('Cache-Control', 'no-store');
  return c.html(html, status);
}
