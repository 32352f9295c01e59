// The citizen's side of escalation: ask for a person, see where the chat stands, stop waiting,
// and ask for a call back. Live changes arrive as `session-state` events on the session's stream.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { EscalationService } from '../../escalation/escalation-service.js';
import type { AppEnvironment } from '../app.js';
import { callbackBody, errorSchema, escalationBody, escalationResponse, sessionIdParam } from '../schemas.js';

const errorResponses = {
  400: { description: 'Bad input; the message names the field.', content: { 'application/json': { schema: errorSchema } } },
  404: { description: 'Unknown session.', content: { 'application/json': { schema: errorSchema } } },
  500: { description: 'Unknown failure; details are only in the log.', content: { 'application/json': { schema: errorSchema } } },
};

const status = { description: 'Where the chat stands now.', content: { 'application/json': { schema: escalationResponse } } };

const requestPerson = createRoute({
  method: 'post',
  path: '/api/sessions/{id}/escalation',
  summary: 'Ask for a person ("talk to a person")',
  description:
    'Puts the chat in the queue of the team that answers it. Inside opening hours the status has the place in line and an ' +
    'expected wait; outside them `open` is false and `opensAt` says when someone answers (offer a callback). Asking again ' +
    'while waiting or talking to a person changes nothing and returns the same status.',
  request: { params: sessionIdParam, body: { required: false, content: { 'application/json': { schema: escalationBody } } } },
  responses: { 200: status, ...errorResponses },
});

const getStatus = createRoute({
  method: 'get',
  path: '/api/sessions/{id}/escalation',
  summary: 'Where the chat stands: chatbot, waiting, a person, closed',
  request: { params: sessionIdParam },
  responses: { 200: status, ...errorResponses },
});

const stopWaiting = createRoute({
  method: 'delete',
  path: '/api/sessions/{id}/escalation',
  summary: 'Stop waiting for a person (back to the chatbot), or leave the chat with a person',
  request: { params: sessionIdParam },
  responses: { 200: status, ...errorResponses },
});

const requestCallback = createRoute({
  method: 'post',
  path: '/api/sessions/{id}/callback',
  summary: 'Ask to be called back',
  description: 'Stores the request for staff (the chat is queued if it was not already). The phone number is shown to staff only and never logged.',
  request: { params: sessionIdParam, body: { required: true, content: { 'application/json': { schema: callbackBody } } } },
  responses: { 201: { ...status, description: 'The request is stored; where the chat stands now.' }, ...errorResponses },
});

export function escalationRoutes(dependencies: { escalations: EscalationService }) {
  const { escalations } = dependencies;
  const app = new OpenAPIHono<AppEnvironment>();
  app.openapi(requestPerson, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json') ?? {};
    const { status } = await escalations.request(id, body.reason ?? 'citizen');
    return c.json({ escalation: status }, 200);
  });
  app.openapi(getStatus, async (c) => c.json({ escalation: await escalations.status(c.req.valid('param').id) }, 200));
  app.openapi(stopWaiting, async (c) => c.json({ escalation: await escalations.cancel(c.req.valid('param').id) }, 200));
  app.openapi(requestCallback, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const status = await escalations.requestCallback(id, {
      phone: body.phone,
      preferredTime: body.preferredTime,
      consent: body.consent,
      ...(body.message !== undefined && { message: body.message }),
    });
    return c.json({ escalation: status }, 201);
  });
  return app;
}
