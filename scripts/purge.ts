// `npm run purge`: deletes chat transcripts whose last message is older than TRANSCRIPT_RETENTION_DAYS
// (default 30), with everything that hangs on them. The Node server does the same once a day; this
// is for operators who run it from cron, or after lowering the setting.
// Exit codes: 0 done, 1 failed, 2 bad configuration, 3 the embedded database is open in the server.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../src/config.js';
import { purgeTranscripts } from '../src/chat/retention.js';
import { PgliteDatabase } from '../src/db/adapters/pglite.js';
import { PostgresDatabase } from '../src/db/adapters/postgres.js';
import type { Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrations.js';
import { embeddedDatabaseMarker } from '../src/runtime/node-runtime.js';
import { claimPidFile } from '../src/runtime/pid-file.js';

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  let database: Database;
  let release = async () => undefined as void;
  if (config.DATABASE_URL !== undefined) {
    database = await PostgresDatabase.open(config.DATABASE_URL);
  } else {
    await mkdir(config.DATA_DIR, { recursive: true });
    const claim = await claimPidFile(join(config.DATA_DIR, embeddedDatabaseMarker), 'purge');
    if ('heldBy' in claim) {
      process.stderr.write(
        `The embedded database in ${config.DATA_DIR} is open in the server (pid ${claim.heldBy.pid}). The server already deletes old transcripts once a day; ` +
          'stop it to run the purge now.\n',
      );
      return 3;
    }
    release = claim.release;
    database = await PgliteDatabase.open(join(config.DATA_DIR, 'pglite'));
  }
  try {
    await migrate(database);
    const { sessions } = await purgeTranscripts(database, { retentionDays: config.TRANSCRIPT_RETENTION_DAYS, now: new Date() });
    process.stdout.write(`Deleted ${sessions} chat ${sessions === 1 ? 'transcript' : 'transcripts'} with no message in the last ${config.TRANSCRIPT_RETENTION_DAYS} days.\n`);
    return 0;
  } finally {
    await database.close();
    await release();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`The purge failed: ${error instanceof Error ? error.message : String(error)}\nNothing was half deleted: the purge is one statement. Run again once the cause is fixed.\n`);
    process.exit(1);
  },
);
