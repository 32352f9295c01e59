// Administrators' list of staff accounts (who may sign in, with which roles). Accounts are made and
// changed with `npm run staff`; this read-only view is what the admin console starts from.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { staffRoles } from '../../staff/accounts.js';
import type { AppEnvironment } from '../app.js';
import { errorResponseOf as error } from '../schemas.js';
import { requireRole, type StaffHttpSettings } from '../staff-auth.js';

const accountSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.enum(staffRoles)),
    signIn: z.enum(['password', 'oidc']),
    disabled: z.boolean(),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('StaffAccount');


const listAccounts = createRoute({
  method: 'get',
  path: '/api/admin/staff-accounts',
  summary: 'Staff accounts and their roles (admins)',
  middleware: [requireRole('admin')] as const,
  responses: {
    200: { description: 'Every account, by username.', content: { 'application/json': { schema: z.object({ items: z.array(accountSchema) }) } } },
    401: error('Not signed in.'),
    403: error('Signed in without the admin role.'),
  },
});

export function adminStaffRoutes(dependencies: { staff: StaffHttpSettings }) {
  const app = new OpenAPIHono<AppEnvironment>();
  app.openapi(listAccounts, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ items: await dependencies.staff.accounts.list() }, 200);
  });
  return app;
}
