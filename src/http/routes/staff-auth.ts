// Staff sign-in with a local account: POST /api/staff/login sets the `hh_staff` session cookie,
// POST /api/staff/logout ends the session, GET /api/staff/me says who is signed in.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import { LockedOutError, staffRoles } from '../../staff/accounts.js';
import type { AppEnvironment } from '../app.js';
import { errorResponseOf as error } from '../schemas.js';
import { requireRole, secureCookies, signedInStaff, staffCookieName, staffTokenOf, type StaffHttpSettings } from '../staff-auth.js';

export interface StaffAuthRoutesDependencies {
  staff: StaffHttpSettings;
  publicUrl?: string;
  trustProxy?: boolean;
}

export const staffSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string().openapi({ description: 'What citizens see: a first name or a role.' }),
    roles: z.array(z.enum(staffRoles)),
  })
  .openapi('Staff');

const loginBody = z
  .object({
    username: z.string({ error: 'is required and must be a string' }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    password: z.string({ error: 'is required and must be a string' }).min(1, 'must not be empty').max(1024, 'must be at most 1024 characters'),
  })
  .strict()
  .openapi('StaffLogin');

const signedIn = z.object({ staff: staffSchema, expiresAt: z.string().openapi({ format: 'date-time', description: 'The latest the sign-in can last.' }) }).openapi('StaffSignedIn');


const login = createRoute({
  method: 'post',
  path: '/api/staff/login',
  summary: 'Sign in to the staff console with a local account',
  description:
    'Sets the session cookie `hh_staff` (HttpOnly, SameSite=Strict). The response body carries no token; tools that cannot keep ' +
    'cookies read it from Set-Cookie and send it as `Authorization: Bearer`. Requests must come from this server\'s origin.',
  request: { body: { required: true, content: { 'application/json': { schema: loginBody } } } },
  responses: {
    200: { description: 'Signed in.', content: { 'application/json': { schema: signedIn } } },
    400: error('Bad input; the message names the field.'),
    401: error('Wrong username or password (one message for both).'),
    403: error('The request came from another origin.'),
    429: error('Too many failed sign-ins for this username; see Retry-After.'),
  },
});

const logout = createRoute({
  method: 'post',
  path: '/api/staff/logout',
  summary: 'Sign out: ends the session and clears the cookie',
  responses: { 204: { description: 'Signed out (also when no one was signed in).' }, 403: error('The request came from another origin.') },
});

const me = createRoute({
  method: 'get',
  path: '/api/staff/me',
  summary: 'Who is signed in',
  middleware: [requireRole(...staffRoles)] as const,
  responses: { 200: { description: 'The signed-in staff member.', content: { 'application/json': { schema: staffSchema } } }, 401: error('Not signed in.') },
});

export function staffAuthRoutes(dependencies: StaffAuthRoutesDependencies) {
  const { accounts } = dependencies.staff;
  const app = new OpenAPIHono<AppEnvironment>();

  app.openapi(login, async (c) => {
    const { username, password } = c.req.valid('json');
    try {
      const session = await accounts.login(username, password);
      setCookie(c, staffCookieName, session.token, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        secure: secureCookies(c, dependencies.staff, dependencies),
        maxAge: Math.floor(accounts.settings.sessionLifetimeMs / 1000),
      });
      c.header('Cache-Control', 'no-store');
      return c.json({ staff: session.staff, expiresAt: session.expiresAt }, 200);
    } catch (failure) {
      if (failure instanceof LockedOutError) c.header('Retry-After', String(failure.retryAfterSeconds));
      throw failure;
    }
  });

  app.openapi(logout, async (c) => {
    const token = staffTokenOf(c);
    if (token !== undefined) await accounts.logout(token);
    deleteCookie(c, staffCookieName, { path: '/', httpOnly: true, sameSite: 'Strict', secure: secureCookies(c, dependencies.staff, dependencies) });
    return c.body(null, 204);
  });

  app.openapi(me, (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(signedInStaff(c), 200);
  });

  return app;
}
