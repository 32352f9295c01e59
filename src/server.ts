// Node entry point: read configuration, open the runtime (embedded defaults or production adapters),
// serve the API, the demo site and the widget, and shut down cleanly on SIGINT/SIGTERM.
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { pino } from 'pino';
import { buildConsole, stopConsoleBuilder } from '../console/build.js';
import { ConfigError, loadConfig } from './config.js';
import { demoSite } from './demo/site.js';
import { createApp } from './http/app.js';
import { createRateLimiters } from './http/rate-limit.js';
import { staffConsoleRoutes } from './http/staff-console.js';
import type { Logger } from './logger.js';
import { allowedOrigins, rateLimitSettings } from './runtime/answer-settings.js';
import { openRuntime, staffIdentityProviderFor } from './runtime/node-runtime.js';
import { patientLoginFor } from './runtime/patient-login.js';
import { projectPath } from './runtime/project-root.js';
import { purgeTranscripts } from './chat/retention.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every setting and its default.\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger: Logger = pino({ level: config.LOG_LEVEL, base: { service: 'hospital-help' } });
  const runtime = await openRuntime(config, logger);
  const publicUrl = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  const patientLogin = await patientLoginFor(config, logger, [
    ...new Set([`${publicUrl}/api/patient/callback`, `http://localhost:${config.PORT}/api/patient/callback`, `http://127.0.0.1:${config.PORT}/api/patient/callback`]),
  ]);
  const identityProvider = staffIdentityProviderFor(config);
  const site = await demoSite({
    contentDirectory: config.CONTENT_DIR,
    widgetScriptPath: projectPath('widget', 'dist', 'widget.js'),
  });
  const staffConsole = staffConsoleRoutes(await buildConsole());
  await stopConsoleBuilder();
  const app = createApp({
    ...runtime,
    logger,
    allowedOrigins: allowedOrigins(config),
    rateLimiters: createRateLimiters(rateLimitSettings(config)),
    clientAddress: (c) => getConnInfo(c).remote.address,
    trustProxy: config.TRUST_PROXY,
    staff: {
      accounts: runtime.staff,
      ...(config.STAFF_COOKIE_SECURE !== undefined && { secureCookie: config.STAFF_COOKIE_SECURE }),
      ...(identityProvider !== undefined && { identityProvider }),
    },
    ...(config.PUBLIC_URL !== undefined && { publicUrl: config.PUBLIC_URL }),
    ...(runtime.botChannels !== undefined && { botFramework: runtime.botChannels.routes }),
    patientLogin: {
      patients: runtime.patients,
      attempts: runtime.loginAttempts,
      ...(patientLogin.identityProvider !== undefined && { identityProvider: patientLogin.identityProvider }),
    },
    mount: (root) => {
      root.route('/', staffConsole);
      root.route('/', site);
    },
  });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => {
    logger.info({ event: 'server-listening', url: publicUrl, port: config.PORT }, 'listening');
    process.stdout.write(
      `\n  Hospital help chat is running (demo content, embedded defaults).\n` +
        `  Demo hospital page with the chat:  ${publicUrl}/\n` +
        `  API description (OpenAPI):         ${publicUrl}/api/openapi.json\n` +
        `  Staff console:                     ${publicUrl}/staff\n` +
        `  Health:                            ${publicUrl}/readyz\n\n`,
    );
  });
  // Retention: transcripts older than TRANSCRIPT_RETENTION_DAYS go once at start and then daily. With
  // several replicas each runs it; the DELETE is idempotent, so that is harmless.
  const purge = () =>
    purgeTranscripts(runtime.database, { retentionDays: config.TRANSCRIPT_RETENTION_DAYS, now: new Date() }).then(
      ({ sessions }) => logger.info({ event: 'transcripts-purged', sessions, retentionDays: config.TRANSCRIPT_RETENTION_DAYS }, 'old chat transcripts deleted'),
      (error: unknown) => logger.error({ event: 'transcript-purge-failed', error: error instanceof Error ? error.message : String(error) }, 'purging old chat transcripts failed; trying again tomorrow'),
    );
  void purge();
  const purgeTimer = setInterval(() => void purge(), 24 * 3600_000);
  purgeTimer.unref();
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    clearInterval(purgeTimer);
    logger.info({ event: 'server-stopping', signal }, 'stopping');
    server.close();
    // Open event streams keep connections alive; do not wait for them longer than a moment.
    setTimeout(() => process.exit(0), 1500).unref();
    void Promise.all([runtime.close(), patientLogin.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
