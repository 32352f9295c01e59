// POST /api/messages: the Bot Framework messaging endpoint (Web Chat, Direct Line, Teams). Only
// requests signed by the Bot Framework service for this bot pass; the work happens after the 200.
import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { ActivityToAuthenticate } from '../../staff-channels/adapters/bot-framework-auth.js';
import type { IncomingActivity } from '../../staff-channels/adapters/bot-activities.js';
import type { BackgroundTasks } from '../background-tasks.js';
import { describeZodError } from '../errors.js';

export interface BotMessagesDependencies {
  authenticator: { authenticate(authorization: string | undefined, activity: ActivityToAuthenticate): Promise<unknown> };
  activities: { handle(activity: IncomingActivity): Promise<void> };
  background: BackgroundTasks;
}

const account = z.looseObject({ id: z.string().min(1), name: z.string().optional(), aadObjectId: z.string().optional() });

// Loose: Bot Framework adds fields (channelData, entities, …) the bot does not read.
const activitySchema = z.looseObject({
  type: z.string().min(1),
  id: z.string().min(1).optional(),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  channelId: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
  from: account,
  recipient: account.optional(),
  text: z.string().max(10_000).optional(),
  locale: z.string().max(20).optional(),
});

export function botMessageRoutes(dependencies: BotMessagesDependencies) {
  const app = new Hono();
  app.post('/api/messages', async (c) => {
    const authorization = c.req.header('authorization');
    // Nothing in the body is looked at for a caller that did not even bring a token.
    if (authorization === undefined) throw new AppError('unauthorized', 'Bot Framework authentication failed: the Authorization header is missing.');
    const body: unknown = await c.req.json().catch(() => {
      throw new AppError('invalid_request', 'The request body is not valid JSON.');
    });
    const parsed = activitySchema.safeParse(body);
    if (!parsed.success) throw new AppError('invalid_request', `Not a Bot Framework activity: ${describeZodError(parsed.error)}`);
    const activity = parsed.data as IncomingActivity;
    await dependencies.authenticator.authenticate(authorization, activity);
    dependencies.background.run('bot-activity', () => dependencies.activities.handle(activity));
    return c.body(null, 200);
  });
  return app;
}
