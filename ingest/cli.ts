// `npm run ingest [-- <content-directory>]`: re-reads the content into the configured index and
// database. Serving processes pick the new index up on restart; nothing is removed if the run fails.
import { pino } from 'pino';
import { ConfigError, loadConfig } from '../src/config.js';
import type { Logger } from '../src/logger.js';
import { openRuntime } from '../src/runtime/node-runtime.js';
import { ingestContentDirectory } from './pipeline.js';

async function main(): Promise<number> {
  const config = loadConfig({ ...process.env, INGEST_ON_START: 'false' });
  const directory = process.argv[2] ?? config.CONTENT_DIR;
  const logger: Logger = pino({ level: config.LOG_LEVEL });
  const runtime = await openRuntime(config, logger);
  try {
    const summary = await ingestContentDirectory(directory, { index: runtime.index, appointments: runtime.appointments, logger });
    process.stdout.write(
      `Ingested ${summary.pages} pages and ${summary.practicalPages} practical pages into ${summary.chunks} chunks; ` +
        `${summary.appointments} appointments.\n`,
    );
    for (const problem of summary.problems) process.stdout.write(`  skipped: ${problem}\n`);
    return summary.chunks > 0 ? 0 : 1;
  } finally {
    await runtime.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  },
);
