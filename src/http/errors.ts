// One error envelope for every failure: { error: { code, message, requestId } }. Known errors keep
// their message; anything else is logged with its stack and answered with a generic sentence.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { AppError, type ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';

const statusOf: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export function errorBody(code: ErrorCode, message: string, requestId: string) {
  return { error: { code, message, requestId } };
}

export function errorResponse(c: Context, code: ErrorCode, message: string) {
  return c.json(errorBody(code, message, requestIdOf(c)), statusOf[code]);
}

export function requestIdOf(c: Context): string {
  return (c.get('requestId' as never) as string | undefined) ?? 'unknown';
}

/** "text: must not be empty; language: Invalid option…" — names each bad field. */
export function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.join('.') || 'body';
      if (issue.code === 'unrecognized_keys') return `${field}: unknown field(s) ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
      return `${field}: ${issue.message}`;
    })
    .join('; ');
}

export function handleError(error: Error, c: Context, logger: Logger) {
  if (error instanceof AppError) return errorResponse(c, error.code, error.message);
  if (error instanceof HTTPException && error.status < 500) {
    const message = /json/i.test(error.message) ? 'The request body is not valid JSON.' : error.message || 'Bad request.';
    const code: ErrorCode = error.status === 413 ? 'payload_too_large' : error.status === 415 ? 'unsupported_media_type' : error.status === 404 ? 'not_found' : 'invalid_request';
    return errorResponse(c, code, message);
  }
  logger.error({ event: 'request-failed', requestId: requestIdOf(c), error: { name: error.name, message: error.message, stack: error.stack } }, 'unhandled error');
  return errorResponse(c, 'internal', 'Something went wrong on our side. Please try again in a moment.');
}
