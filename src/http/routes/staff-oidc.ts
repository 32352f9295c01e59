// Staff sign-in through the configured OpenID Connect provider: GET /api/staff/oidc/login sends the
// browser to the provider; GET /api/staff/oidc/callback checks its answer, opens the same server
// session as a password sign-in (the hh_staff cookie) and goes on to the staff console.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppEnvironment } from '../app.js';
import { errorResponse } from '../errors.js';
import { ownOrigin, secureCookies, staffCookieName, type StaffHttpSettings } from '../staff-auth.js';

const pendingCookie = 'hh_staff_oidc';
const callbackPath = '/api/staff/oidc/callback';
const pendingSchema = z.object({ state: z.string().min(1), nonce: z.string().min(1), codeVerifier: z.string().min(43) });

export interface StaffOidcRoutesDependencies {
  staff: StaffHttpSettings;
  publicUrl?: string;
  trustProxy?: boolean;
  /** Where the browser goes once signed in. */
  consolePath?: string;
}

export function staffOidcRoutes(dependencies: StaffOidcRoutesDependencies) {
  const { accounts, identityProvider } = dependencies.staff;
  const app = new OpenAPIHono<AppEnvironment>();
  const secure = (c: Context) => secureCookies(c, dependencies.staff, dependencies);

  app.get('/api/staff/oidc/login', async (c) => {
    if (identityProvider === undefined) return errorResponse(c, 'not_found', 'Sign-in through an identity provider is not configured here (STAFF_OIDC_ISSUER); use a local account.');
    const { url, pending } = await identityProvider.start(`${ownOrigin(c, dependencies)}${callbackPath}`);
    // SameSite=Lax: the provider sends the browser back with a top-level navigation from its own site.
    setCookie(c, pendingCookie, btoa(JSON.stringify(pending)), { httpOnly: true, sameSite: 'Lax', path: '/api/staff/oidc', maxAge: 600, secure: secure(c) });
    c.header('Cache-Control', 'no-store');
    return c.redirect(url, 302);
  });

  app.get(callbackPath, async (c) => {
    if (identityProvider === undefined) return errorResponse(c, 'not_found', 'Sign-in through an identity provider is not configured here (STAFF_OIDC_ISSUER).');
    const stored = getCookie(c, pendingCookie);
    let pending;
    try {
      pending = pendingSchema.parse(JSON.parse(atob(stored ?? '')));
    } catch {
      return errorResponse(c, 'invalid_request', 'This sign-in was not started in this browser, or took longer than 10 minutes. Start again from the staff console.');
    }
    deleteCookie(c, pendingCookie, { path: '/api/staff/oidc', httpOnly: true, sameSite: 'Lax', secure: secure(c) });
    const callbackUrl = new URL(`${ownOrigin(c, dependencies)}${callbackPath}${new URL(c.req.url).search}`);
    const identity = await identityProvider.finish(callbackUrl, pending);
    const session = await accounts.loginExternal(identity);
    setCookie(c, staffCookieName, session.token, { httpOnly: true, sameSite: 'Strict', path: '/', secure: secure(c), maxAge: Math.floor(accounts.settings.sessionLifetimeMs / 1000) });
    c.header('Cache-Control', 'no-store');
    return c.redirect(dependencies.consolePath ?? '/staff', 302);
  });

  return app;
}
