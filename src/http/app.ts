// The HTTP shell shared by the Node server and the Cloudflare Worker: middleware, error envelope,
// route groups and the OpenAPI document. Handlers validate, call the core and map errors; no more.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import type { ChatService } from '../chat/chat-service.js';
import type { EventBus } from '../chat/event-bus.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { SearchIndex } from '../search/search-index.js';
import { describeZodError, errorResponse, handleError, requestIdOf } from './errors.js';
import { rateLimits, type RateLimitDependencies } from './rate-limit.js';
import { botMessageRoutes, type BotMessagesDependencies } from './routes/bot-messages.js';
import { healthRoutes } from './routes/health.js';
import { sessionRoutes } from './routes/sessions.js';
import { securityHeaders } from './security-headers.js';

export interface AppEnvironment {
  Variables: { requestId: string };
}

export interface AppDependencies extends RateLimitDependencies {
  chat: ChatService;
  events: EventBus;
  index: SearchIndex;
  database: Database;
  logger: Logger;
  publicUrl?: string;
  /** Extra routes of the shell (the demo site and widget script in the Node server). */
  mount?: (app: Hono<AppEnvironment>) => void;
  keepAliveMs?: number;
  /** Websites allowed to embed the widget and call the API; default any. */
  allowedOrigins?: string[] | '*';
  /** See SessionRoutesDependencies.liveEvents. */
  liveEvents?: boolean;
  /** Bot Framework channels: POST /api/messages exists only when this is given (MICROSOFT_APP_ID set). */
  botFramework?: BotMessagesDependencies;
}

/** @example const response = await createApp(dependencies).request('/healthz') */
export function createApp(dependencies: AppDependencies) {
  const { logger } = dependencies;
  const app = new OpenAPIHono<AppEnvironment>({
    defaultHook: (result, c) => {
      if (!result.success) return errorResponse(c, 'invalid_request', describeZodError(result.error));
      return undefined;
    },
  });

  app.use('*', requestId({ headerName: 'X-Request-Id' }));
  app.use('*', securityHeaders());
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    logger.info(
      {
        event: 'http-request',
        requestId: requestIdOf(c),
        method: c.req.method,
        path: c.req.routePath === '/*' ? c.req.path : c.req.routePath,
        status: c.res.status,
        durationMs: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  app.use(
    '/api/*',
    cors({
      origin: dependencies.allowedOrigins === undefined || dependencies.allowedOrigins === '*' ? '*' : dependencies.allowedOrigins,
      allowMethods: ['GET', 'POST', 'PUT', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'Accept', 'Last-Event-ID'],
      exposeHeaders: ['X-Request-Id', 'Retry-After'],
      maxAge: 600,
    }),
  );
  app.use('/api/*', rateLimits(dependencies));
  app.use(
    '/api/*',
    bodyLimit({ maxSize: 64 * 1024, onError: (c) => errorResponse(c, 'payload_too_large', 'The request body is larger than 64 KB.') }),
  );
  app.use('/api/*', async (c, next) => {
    const type = c.req.header('content-type');
    if ((c.req.method === 'POST' || c.req.method === 'PUT') && type !== undefined && !type.toLowerCase().startsWith('application/json')) {
      return errorResponse(c, 'unsupported_media_type', `Content-Type must be application/json (got "${type}").`);
    }
    await next();
  });

  app.route('/', healthRoutes(dependencies));
  app.route('/', sessionRoutes(dependencies));
  if (dependencies.botFramework !== undefined) app.route('/', botMessageRoutes(dependencies.botFramework));
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Hospital help chat API',
      version: '0.1.0',
      description: "Citizen chat: grounded answers from the hospitals' own pages, with sources. Errors share one envelope: { error: { code, message, requestId } }.",
    },
  });
  dependencies.mount?.(app);

  app.notFound((c) => errorResponse(c, 'not_found', `No route for ${c.req.method} ${c.req.path}.`));
  app.onError((error, c) => handleError(error, c, logger));
  return app;
}
