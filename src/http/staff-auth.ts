// Who is calling the staff, editor and admin APIs, and may they: the session from the `hh_staff`
// cookie or an `Authorization: Bearer` token, a same-origin check on every state-changing request
// (the cookie must not work for another website), and requireRole() on each route.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { AppError } from '../errors.js';
import type { StaffAccounts, StaffPrincipal, StaffRole } from '../staff/accounts.js';
import type { PendingSignIn } from '../staff/adapters/openid-connect.js';
import type { AppEnvironment } from './app.js';
import { errorResponse } from './errors.js';

export const staffCookieName = 'hh_staff';

/** The API paths only signed-in staff use: same-origin only, never the widget's open CORS. */
export const staffApiPath = /^\/api\/(staff|editor|admin)(\/|$)/;

export interface StaffHttpSettings {
  accounts: StaffAccounts;
  /** Force the cookie's Secure flag; by default it follows the request's scheme. */
  secureCookie?: boolean;
  /** Sign-in through an OpenID Connect provider, when configured. */
  identityProvider?: StaffIdentityProvider;
}

/** The OpenID Connect sign-in as the routes use it (src/staff/adapters/openid-connect.ts). */
export interface StaffIdentityProvider {
  start(redirectUri: string): Promise<{ url: string; pending: PendingSignIn }>;
  finish(callbackUrl: URL, pending: PendingSignIn): Promise<{ subject: string; username: string; displayName: string; roles: StaffRole[] }>;
}

interface OriginSettings {
  publicUrl?: string;
  trustProxy?: boolean;
}

function bearerToken(c: Context): string | undefined {
  const header = c.req.header('authorization');
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** The session token of a request: a Bearer token first (tools, tests), else the cookie. */
export function staffTokenOf(c: Context): string | undefined {
  return bearerToken(c) ?? getCookie(c, staffCookieName);
}

/** Whether the request reached us over https, directly or (with TRUST_PROXY) through a proxy. */
export function isHttps(c: Context, settings: OriginSettings): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return settings.trustProxy === true && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}

/** Whether the staff cookies get the Secure flag: as configured, else when PUBLIC_URL or the request is https. */
export function secureCookies(c: Context, staff: StaffHttpSettings, settings: OriginSettings): boolean {
  return staff.secureCookie ?? (settings.publicUrl?.startsWith('https:') === true || isHttps(c, settings));
}

/** This server's own origin: PUBLIC_URL when set, else what the request was addressed to. */
export function ownOrigin(c: Context, settings: OriginSettings): string {
  if (settings.publicUrl !== undefined) return new URL(settings.publicUrl).origin;
  const url = new URL(c.req.url);
  if (isHttps(c, settings)) url.protocol = 'https:';
  return url.origin;
}

/**
 * Looks up the signed-in staff member of a request to the staff APIs (sets c.var.staff when the
 * session is valid), and refuses state-changing requests from another origin: a browser sends the
 * cookie along with a form or fetch from any website, but always says where it came from.
 */
export function staffAuthentication(staff: StaffHttpSettings | undefined, settings: OriginSettings): MiddlewareHandler<AppEnvironment> {
  return async (c, next) => {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
      const origin = c.req.header('origin');
      if (origin === undefined) {
        if (bearerToken(c) === undefined) {
          return errorResponse(c, 'forbidden', 'Origin header missing: staff requests that change something must come from the staff console, or carry an Authorization: Bearer token.');
        }
      } else if (origin !== ownOrigin(c, settings)) {
        return errorResponse(c, 'forbidden', `Requests from ${origin} are not accepted: staff requests must come from the staff console on ${ownOrigin(c, settings)}.`);
      }
    }
    const token = staffTokenOf(c);
    if (staff !== undefined && token !== undefined) {
      const principal = await staff.accounts.authenticate(token);
      if (principal !== null) c.set('staff', principal);
    }
    await next();
  };
}

/**
 * Lets the request through only for a signed-in staff member with one of `roles` (name every role a
 * route admits: none implies another here). 401 when nobody is signed in, 403 for the wrong role.
 * @example app.use('/api/editor/*', requireRole('editor'))
 */
export function requireRole(...roles: StaffRole[]): MiddlewareHandler<AppEnvironment> {
  return async (c, next) => {
    const staff = c.get('staff');
    if (staff === undefined) return errorResponse(c, 'unauthorized', 'Not signed in, or the sign-in has expired. Sign in to the staff console again.');
    if (!staff.roles.some((role) => roles.includes(role))) {
      return errorResponse(c, 'forbidden', `This needs the role ${roles.join(' or ')}; you have ${staff.roles.join(', ')}.`);
    }
    await next();
  };
}

/** The editor console's API (/api/editor): editors, and admins, who run the service (issue 8). */
export const requireEditor = () => requireRole('editor', 'admin');

/** The signed-in staff member in a route behind requireRole(). */
export function signedInStaff(c: Context<AppEnvironment>): StaffPrincipal {
  const staff = c.get('staff');
  if (staff === undefined) throw new AppError('unauthorized', 'Not signed in.');
  return staff;
}
