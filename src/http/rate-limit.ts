// Token-bucket rate limits for the chat API: creating sessions per client, sending messages per
// session and per client, feedback per client. A refused request gets 429 in the usual error
// envelope with Retry-After (whole seconds, at least 1).
//
// The buckets live in this process's memory, so each replica (and each Worker isolate) counts on its
// own: with N replicas a client may get up to N times the limit. A shared store (Redis, Durable
// Objects) is future work.
import type { Context, MiddlewareHandler } from 'hono';
import { errorResponse } from './errors.js';

export interface BucketLimit {
  /** Requests allowed at once (the burst). */
  capacity: number;
  /** Tokens added back per minute; 0 disables the limit. */
  perMinute: number;
}

export type TakeResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * One token bucket per key. Memory is bounded: beyond `maxKeys` the least recently used key is
 * forgotten (it starts again with a full bucket, the lenient side).
 * @example const buckets = new TokenBuckets({ capacity: 6, perMinute: 20 }); buckets.take('session-1')
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly refillPerMs: number;

  constructor(
    private readonly limit: BucketLimit,
    private readonly options: { now?: () => number; maxKeys?: number } = {},
  ) {
    this.refillPerMs = limit.perMinute / 60_000;
  }

  get enabled(): boolean {
    return this.limit.perMinute > 0 && this.limit.capacity > 0;
  }

  get size(): number {
    return this.buckets.size;
  }

  take(key: string): TakeResult {
    if (!this.enabled) return { allowed: true };
    const now = (this.options.now ?? Date.now)();
    const previous = this.buckets.get(key);
    const tokens = previous === undefined ? this.limit.capacity : Math.min(this.limit.capacity, previous.tokens + Math.max(0, now - previous.at) * this.refillPerMs);
    // Re-insert so the Map's order is least recently used first.
    this.buckets.delete(key);
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: now });
      this.evict();
      return { allowed: true };
    }
    this.buckets.set(key, { tokens, at: now });
    this.evict();
    // Whole milliseconds first, so floating-point dust does not add a second.
    const waitMs = Math.round((1 - tokens) / this.refillPerMs);
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  private evict(): void {
    const maxKeys = this.options.maxKeys ?? 50_000;
    while (this.buckets.size > maxKeys) {
      const oldest = this.buckets.keys().next().value as string;
      this.buckets.delete(oldest);
    }
  }
}

export interface RateLimitSettings {
  sessionsPerClient: BucketLimit;
  messagesPerSession: BucketLimit;
  messagesPerClient: BucketLimit;
  feedbackPerClient: BucketLimit;
}

/** The buckets of one process; create once and pass to every app built in it. */
export interface RateLimiters {
  sessionsPerClient: TokenBuckets;
  messagesPerSession: TokenBuckets;
  messagesPerClient: TokenBuckets;
  feedbackPerClient: TokenBuckets;
}

export function createRateLimiters(settings: RateLimitSettings, options: { now?: () => number; maxKeys?: number } = {}): RateLimiters {
  return {
    sessionsPerClient: new TokenBuckets(settings.sessionsPerClient, options),
    messagesPerSession: new TokenBuckets(settings.messagesPerSession, options),
    messagesPerClient: new TokenBuckets(settings.messagesPerClient, options),
    feedbackPerClient: new TokenBuckets(settings.feedbackPerClient, options),
  };
}

export interface RateLimitDependencies {
  rateLimiters?: RateLimiters;
  /** The caller's address as the runtime sees it (the socket on Node, CF-Connecting-IP on the Worker). */
  clientAddress?: (c: Context) => string | undefined;
  /** A proxy in front sets X-Forwarded-For; its first address is the client. Never trust it otherwise. */
  trustProxy?: boolean;
}

/** Who is asking: the first X-Forwarded-For address behind a trusted proxy, else the runtime's address. */
export function clientOf(c: Context, dependencies: RateLimitDependencies): string {
  if (dependencies.trustProxy === true) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded !== undefined && forwarded !== '') return forwarded;
  }
  return dependencies.clientAddress?.(c) ?? 'unknown';
}

const messagesPath = /^\/api\/sessions\/([^/]+)\/messages$/;
const feedbackPath = /^\/api\/sessions\/[^/]+\/messages\/[^/]+\/feedback$/;

/** One middleware for /api/*: picks the buckets that apply to the request and refuses when one is empty. */
export function rateLimits(dependencies: RateLimitDependencies): MiddlewareHandler {
  return async (c, next) => {
    const limiters = dependencies.rateLimiters;
    if (limiters === undefined) return next();
    const method = c.req.method;
    const path = c.req.path;
    const checks: [TokenBuckets, string, string][] = [];
    if (method === 'POST' && path === '/api/sessions') {
      checks.push([limiters.sessionsPerClient, clientOf(c, dependencies), 'Too many new chats from your address']);
    } else if (method === 'POST' && messagesPath.test(path)) {
      const sessionId = messagesPath.exec(path)?.[1] ?? '';
      checks.push([limiters.messagesPerSession, sessionId, 'Too many messages in this chat']);
      checks.push([limiters.messagesPerClient, clientOf(c, dependencies), 'Too many messages from your address']);
    } else if (method === 'PUT' && feedbackPath.test(path)) {
      checks.push([limiters.feedbackPerClient, clientOf(c, dependencies), 'Too much feedback from your address']);
    }
    for (const [buckets, key, what] of checks) {
      const result = buckets.take(key);
      if (!result.allowed) {
        const seconds = result.retryAfterSeconds;
        c.header('Retry-After', String(seconds));
        return errorResponse(c, 'rate_limited', `${what}. Please wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`);
      }
    }
    return next();
  };
}
