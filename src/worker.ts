// Cloudflare Worker entry: the same Hono app as the Node server, on Worker-compatible adapters.
// PostgreSQL (DATABASE_URL, e.g. through Hyperdrive) holds sessions; the search index is the
// snapshot `npm run build:worker` puts in the static assets, beside the prompt templates a configured
// chat model needs (a Worker has no files to read). Workers may not share I/O objects
// between requests, so each request gets its own database client, closed when the response ends.
import { AnswerService } from './answer/answer-service.js';
import { ChatService } from './chat/chat-service.js';
import { InProcessEventBus } from './chat/event-bus.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { PostgresDatabase } from './db/adapters/postgres.js';
import { createApp } from './http/app.js';
import { createRateLimiters, type RateLimiters } from './http/rate-limit.js';
import type { Logger } from './logger.js';
import { allowedOrigins, answerSettings, rateLimitSettings } from './runtime/answer-settings.js';
import { answerPromptFiles, chatModelFor, usesPrompts, type AnswerPrompts } from './runtime/answerers.js';
import { EmbeddedSearchIndex } from './search/adapters/embedded-index.js';
import type { HospitalName } from './answer/question.js';
import { z } from 'zod';

const hospitalNamesSchema = z.array(z.object({ id: z.string().min(1), names: z.array(z.string().min(1)) }));

interface AssetsBinding {
  fetch(request: Request | string): Promise<Response>;
}

interface WorkerEnvironment {
  ASSETS: AssetsBinding;
  [setting: string]: unknown;
}

interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

function jsonLogger(bindings: Record<string, unknown> = {}): Logger {
  const write = (level: string) => (fields: Record<string, unknown>, message?: string) =>
    console.log(JSON.stringify({ level, time: Date.now(), ...bindings, ...fields, msg: message }));
  return { debug: () => undefined, info: write('info'), warn: write('warn'), error: write('error'), child: (more) => jsonLogger({ ...bindings, ...more }) };
}

let cachedIndex: Promise<EmbeddedSearchIndex> | undefined;

function searchIndex(assets: AssetsBinding): Promise<EmbeddedSearchIndex> {
  cachedIndex ??= EmbeddedSearchIndex.open({
    read: async () => {
      const response = await assets.fetch('https://assets.local/search-index.json');
      return response.ok ? response.text() : null;
    },
    write: async () => {
      throw new Error('The Worker serves a read-only index; ingest with the Node CLI and redeploy.');
    },
  }).catch((error: unknown) => {
    cachedIndex = undefined;
    throw error;
  });
  return cachedIndex;
}

let cachedHospitals: Promise<HospitalName[]> | undefined;

/** The hospitals' names `npm run build:worker` wrote beside the index; none when it is absent. */
function hospitalNames(assets: AssetsBinding): Promise<HospitalName[]> {
  cachedHospitals ??= assets
    .fetch('https://assets.local/hospitals.json')
    .then(async (response) => (response.ok ? hospitalNamesSchema.parse(await response.json()) : []))
    .catch((error: unknown) => {
      cachedHospitals = undefined;
      throw error;
    });
  return cachedHospitals;
}

let cachedPrompts: Promise<AnswerPrompts> | undefined;

/** The prompt templates `npm run build:worker` copied into the assets under prompts/. */
function answerPrompts(assets: AssetsBinding): Promise<AnswerPrompts> {
  const read = async (file: string) => {
    const response = await assets.fetch(`https://assets.local/prompts/${file}`);
    if (!response.ok) throw new Error(`prompts/${file} is not in the Worker's assets (HTTP ${response.status}); run npm run build:worker.`);
    return response.text();
  };
  cachedPrompts ??= Promise.all([read(answerPromptFiles.system), read(answerPromptFiles.user)])
    .then(([system, user]) => ({ system, user }))
    .catch((error: unknown) => {
      cachedPrompts = undefined;
      throw error;
    });
  return cachedPrompts;
}

function workerConfig(environment: WorkerEnvironment): Config {
  const settings = Object.fromEntries(Object.entries(environment).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const config = loadConfig(settings);
  if (config.DATABASE_URL === undefined) throw new ConfigError(['DATABASE_URL: required in the Worker, which has no disk for the embedded database']);
  return config;
}

// Rate-limit buckets outlive a request but not the isolate: each isolate counts on its own.
let rateLimiters: RateLimiters | undefined;

export const worker = {
  async fetch(request: Request, environment: WorkerEnvironment, context: ExecutionContext): Promise<Response> {
    const logger = jsonLogger({ service: 'hospital-help-worker' });
    let config: Config;
    try {
      config = workerConfig(environment);
    } catch (error) {
      const message = error instanceof ConfigError ? error.message : 'Invalid configuration.';
      logger.error({ event: 'config-invalid', message }, 'configuration');
      return Response.json({ error: { code: 'unavailable', message: 'The service is not configured.', requestId: 'config' } }, { status: 503 });
    }
    const url = new URL(request.url);
    if (url.pathname === '/widget.js' || url.pathname === '/chat.js') return environment.ASSETS.fetch(request);

    const database = await PostgresDatabase.open(config.DATABASE_URL as string);
    const index = await searchIndex(environment.ASSETS);
    const events = new InProcessEventBus();
    const model = chatModelFor(config, usesPrompts(config) ? await answerPrompts(environment.ASSETS) : undefined, logger);
    const answers = new AnswerService({ index, model, settings: answerSettings(config, await hospitalNames(environment.ASSETS)), logger, now: () => new Date() });
    const chat = new ChatService({ database, events, answers });
    rateLimiters ??= createRateLimiters(rateLimitSettings(config));
    const app = createApp({
      chat,
      events,
      index,
      database,
      logger,
      liveEvents: false,
      allowedOrigins: allowedOrigins(config),
      rateLimiters,
      clientAddress: (c) => c.req.header('CF-Connecting-IP'),
      trustProxy: config.TRUST_PROXY,
      ...(config.PUBLIC_URL !== undefined && { publicUrl: config.PUBLIC_URL }),
    });
    const response = await app.fetch(request);
    if (response.body === null) {
      context.waitUntil(database.close());
      return response;
    }
    const body = response.body.pipeThrough(new TransformStream({ flush: () => void database.close() }));
    return new Response(body, response);
  },
};

// Workers look for the handler on the module's default export.
// eslint-disable-next-line import-x/no-default-export
export default worker;
