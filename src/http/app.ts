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
import { ContentGaps } from '../editor/content-gaps.js';
import type { EscalationService } from '../escalation/escalation-service.js';
import type { Logger } from '../logger.js';
import type { SearchIndex } from '../search/search-index.js';
import { IndexPages } from '../editor/index-pages.js';
import type { StaffPrincipal } from '../staff/accounts.js';
import { describeZodError, errorResponse, handleError, requestIdOf } from './errors.js';
import { rateLimits, type RateLimitDependencies } from './rate-limit.js';
import { botMessageRoutes, type BotMessagesDependencies } from './routes/bot-messages.js';
import { adminStaffRoutes } from './routes/admin-staff.js';
import { editorEvalRoutes, type EditorEvaluations } from './routes/editor-evals.js';
import { editorFeedbackRoutes } from './routes/editor-feedback.js';
import { editorPagesRoutes } from './routes/editor-pages.js';
import { editorGapsRoutes } from './routes/editor-gaps.js';
import { healthRoutes } from './routes/health.js';
import { patientLoginRoutes, type PatientLoginRoutesDependencies } from './routes/patient-login.js';
import { escalationRoutes } from './routes/escalation.js';
import { sessionRoutes } from './routes/sessions.js';
import { staffAuthRoutes } from './routes/staff-auth.js';
import { staffRoutes } from './routes/staff.js';
import { staffOidcRoutes } from './routes/staff-oidc.js';
import { securityHeaders } from './security-headers.js';
import { staffApiPath, staffAuthentication, type StaffHttpSettings } from './staff-auth.js';

export interface AppEnvironment {
  Variables: {
    requestId: string;
    /** The signed-in staff member on /api/staff|editor|admin requests; guard routes with requireRole(). */
    staff?: StaffPrincipal;
  };
}

export interface AppDependencies extends RateLimitDependencies {
  chat: ChatService;
  events: EventBus;
  /** Escalation to a person; without it the escalation routes are not mounted. */
  escalations?: EscalationService;
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
  /** Staff sign-in; without it (the Worker) the staff, editor and admin APIs answer 401. */
  staff?: StaffHttpSettings;
  /** The editors' content gaps; default: grouped by the words alone (no embeddings). */
  contentGaps?: ContentGaps;
  /** Patient login in a popup (docs/adr/0010) and logout; without it (the Worker) those routes do not exist. */
  patientLogin?: Pick<PatientLoginRoutesDependencies, 'patients' | 'attempts' | 'identityProvider'>;
  /** Stored eval runs for the editor console; without it (the Worker) the eval routes do not exist. */
  evaluations?: EditorEvaluations;
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
  const widgetCors = cors({
    origin: dependencies.allowedOrigins === undefined || dependencies.allowedOrigins === '*' ? '*' : dependencies.allowedOrigins,
    allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Accept', 'Last-Event-ID'],
    exposeHeaders: ['X-Request-Id', 'Retry-After'],
    maxAge: 600,
  });
  // The widget's API is open to the hospitals' websites; the staff console's is same-origin only:
  // no CORS headers at all, so no other website can read its answers.
  app.use('/api/*', (c, next) => (staffApiPath.test(c.req.path) ? next() : widgetCors(c, next)));
  const staffGate = staffAuthentication(dependencies.staff, dependencies);
  app.use('/api/*', (c, next) => (staffApiPath.test(c.req.path) ? staffGate(c, next) : next()));
  app.use('/api/*', rateLimits(dependencies));
  const limitBody = bodyLimit({ maxSize: 64 * 1024, onError: (c) => errorResponse(c, 'payload_too_large', 'The request body is larger than 64 KB.') });
  // No route reads a GET's body. Checking one would: reading `c.req.raw.body` makes the Node adapter
  // build a whole web Request, which an events stream then keeps for as long as the widget is open.
  app.use('/api/*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));
  app.use('/api/*', async (c, next) => {
    const type = c.req.header('content-type');
    if ((c.req.method === 'POST' || c.req.method === 'PUT') && type !== undefined && !type.toLowerCase().startsWith('application/json')) {
      return errorResponse(c, 'unsupported_media_type', `Content-Type must be application/json (got "${type}").`);
    }
    await next();
  });

  app.route('/', healthRoutes(dependencies));
  app.route('/', sessionRoutes(dependencies));
  if (dependencies.patientLogin !== undefined) {
    app.route(
      '/',
      patientLoginRoutes({
        ...dependencies.patientLogin,
        chat: dependencies.chat,
        logger,
        ...(dependencies.allowedOrigins !== undefined && { allowedOrigins: dependencies.allowedOrigins }),
        ...(dependencies.publicUrl !== undefined && { publicUrl: dependencies.publicUrl }),
        ...(dependencies.trustProxy !== undefined && { trustProxy: dependencies.trustProxy }),
      }),
    );
  }
  if (dependencies.botFramework !== undefined) app.route('/', botMessageRoutes(dependencies.botFramework));
  if (dependencies.escalations) {
    app.route('/', escalationRoutes({ escalations: dependencies.escalations }));
    app.route('/', staffRoutes({ chat: dependencies.chat, escalations: dependencies.escalations, events: dependencies.events, logger, ...(dependencies.keepAliveMs !== undefined && { keepAliveMs: dependencies.keepAliveMs }) }));
  }
  if (dependencies.staff !== undefined) {
    app.route('/', staffAuthRoutes({ staff: dependencies.staff, publicUrl: dependencies.publicUrl, trustProxy: dependencies.trustProxy }));
    app.route('/', adminStaffRoutes({ staff: dependencies.staff }));
    app.route('/', staffOidcRoutes({ staff: dependencies.staff, publicUrl: dependencies.publicUrl, trustProxy: dependencies.trustProxy }));
  }
  app.route('/', editorFeedbackRoutes(dependencies));
  app.route('/', editorPagesRoutes({ pages: new IndexPages({ index: dependencies.index, database: dependencies.database }) }));
  if (dependencies.evaluations !== undefined) app.route('/', editorEvalRoutes(dependencies.evaluations));
  app.route('/', editorGapsRoutes({ contentGaps: dependencies.contentGaps ?? new ContentGaps({ database: dependencies.database }) }));
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
