// `npm run ingest -- <pages|practical|appointments|demo> …`: the operator's way to update the index
// and the appointment store. Documented in docs/ingest.md (usage, formats, exit codes).
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { ConfigError, loadConfig, type Config } from '../src/config.js';
import { PgliteDatabase } from '../src/db/adapters/pglite.js';
import { PostgresDatabase } from '../src/db/adapters/postgres.js';
import type { Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrations.js';
import { AppointmentStore } from '../src/patient/appointment-store.js';
import { embeddedDatabaseMarker, openSearchIndex } from '../src/runtime/node-runtime.js';
import { claimPidFile, livePidFileOwner } from '../src/runtime/pid-file.js';
import { importAppointmentsFile } from './appointments/import.js';
import { folderSource, type PageSource } from './pages/page-source.js';
import { parseSiteSelectorsConfig, type SiteSelectorsConfig } from './pages/site-selectors.js';
import { webSource, type WebSource } from './pages/web-source.js';
import { applySources, ingestContentDirectory, knownPageHashes, preparePages, preparePractical, type SourceReport } from './pipeline.js';
import { ProgressDisplay, summaryTable } from './run-display.js';

export const exitCodes = { ok: 0, itemsFailed: 1, usage: 2, refused: 3 } as const;

const usage = `Usage: npm run ingest -- <command> [options]

Commands:
  pages <folder | sitemap URL | file of URLs>   hospital and patient-information pages
  practical <file.json | file.yaml>             one hospital's practical information
  appointments <bundle.json | file.csv>         appointments (FHIR R4 Bundle or CSV) into the patient store
  demo [content directory]                      what start-up does: the whole content directory (default CONTENT_DIR)

Options:
  --dry-run          compute and print the change; write nothing
  --report <file>    also write the summary as JSON
  --hospital <id>    hospital of pages that do not name one; for practical, the hospital the file must be for
  --source <id>      source id for pages (default pages:<folder name>)
  --selectors <file> per-site main-content selectors for pages: {"sites": {"www.example.dk": {"main": [...], "remove": [...]}}}
  --help

Exit codes: 0 all good, 1 an item or the run failed, 2 usage or configuration error, 3 refused (another run, or the server holds the database).
`;

class UsageError extends Error {}
class RefusedError extends Error {}

interface Options {
  command: string;
  target: string | undefined;
  dryRun: boolean;
  report: string | undefined;
  hospital: string | undefined;
  source: string | undefined;
  selectors: string | undefined;
}

function parseOptions(argv: string[]): Options | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      report: { type: 'string' },
      hospital: { type: 'string' },
      source: { type: 'string' },
      selectors: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';
  const [command, target, ...extra] = positionals;
  if (command === undefined) throw new UsageError('no command given');
  if (!['pages', 'practical', 'appointments', 'demo'].includes(command)) throw new UsageError(`unknown command "${command}"`);
  if (command !== 'demo' && target === undefined) throw new UsageError(`"${command}" needs a file, folder or URL`);
  if (extra.length > 0) throw new UsageError(`unexpected argument(s): ${extra.join(' ')}`);
  if (values.source !== undefined && !/^pages:[\w.-]+$/.test(values.source)) throw new UsageError('--source must look like pages:<name>');
  return { command, target, dryRun: values['dry-run'], report: values.report, hospital: values.hospital, source: values.source, selectors: values.selectors };
}

/** Per-site content selectors (`--selectors sites.json`); a bad file is a usage error naming the problem. */
async function readSelectors(file: string): Promise<SiteSelectorsConfig> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--selectors ${file}: ${(error as Error).message}`);
  }
  try {
    return parseSiteSelectorsConfig(json);
  } catch (error) {
    throw new UsageError(`--selectors ${file}: ${(error as Error).message}`);
  }
}

async function pageSource(target: string, options: Options, config: Config): Promise<{ source: PageSource | WebSource; sourceId: string }> {
  if (/^https?:\/\//i.test(target)) {
    return { source: webSource({ sitemapUrl: target }, { dataDirectory: config.DATA_DIR }), sourceId: options.source ?? `pages:${new URL(target).hostname}` };
  }
  const info = await stat(target).catch(() => null);
  if (info === null) throw new UsageError(`${target} does not exist`);
  if (info.isDirectory()) {
    return {
      source: await folderSource(target, options.hospital === undefined ? {} : { hospital: options.hospital }),
      sourceId: options.source ?? `pages:${basename(resolve(target))}`,
    };
  }
  const urls = (await readFile(target, 'utf8'))
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const notUrls = urls.filter((line) => !/^https?:\/\//i.test(line));
  if (notUrls.length > 0) throw new UsageError(`${target}: a list of URLs must hold one http(s) URL per line; not a URL: ${notUrls.slice(0, 3).join(', ')}`);
  return { source: webSource({ urls }, { dataDirectory: config.DATA_DIR }), sourceId: options.source ?? `pages:${basename(target, extname(target))}` };
}

/**
 * Opens the appointment database. The embedded one may be open in one process only: while the server
 * runs, the CLI says so instead of corrupting it. Returns a close function that releases everything.
 */
async function openAppointments(config: Config, dryRun: boolean): Promise<{ store: AppointmentStore; close(): Promise<void> }> {
  let database: Database;
  let release = async () => undefined as void;
  if (config.DATABASE_URL !== undefined) {
    database = await PostgresDatabase.open(config.DATABASE_URL);
  } else {
    const marker = join(config.DATA_DIR, embeddedDatabaseMarker);
    const refuse = (holder: { pid: number; command: string; startedAt: string }) =>
      new RefusedError(
        `The embedded database in ${config.DATA_DIR} is open in another process (pid ${holder.pid}, ${holder.command}, since ${holder.startedAt}). ` +
          'PGlite can be open in one process only: stop the server and run again, or set DATABASE_URL to use PostgreSQL so the server and ingest can run together. ' +
          '(Pages and practical information can be ingested while the server runs; it loads the new index by itself.)',
      );
    if (dryRun) {
      const holder = await livePidFileOwner(marker);
      if (holder !== null) throw refuse(holder);
    } else {
      const claim = await claimPidFile(marker, 'ingest');
      if ('heldBy' in claim) throw refuse(claim.heldBy);
      release = claim.release;
    }
    const directory = join(config.DATA_DIR, 'pglite');
    // A dry run must not create a database where there is none: everything would be new.
    database = dryRun && !existsSync(directory) ? await PgliteDatabase.open() : await PgliteDatabase.open(directory);
  }
  try {
    if (!dryRun || config.DATABASE_URL === undefined) await migrate(database);
  } catch (error) {
    await database.close();
    await release();
    throw error;
  }
  return {
    store: new AppointmentStore(database),
    close: async () => {
      await database.close();
      await release();
    },
  };
}

async function run(options: Options, config: Config): Promise<SourceReport[]> {
  const progress = new ProgressDisplay(process.stderr);
  // The configured index (embedded or Qdrant), as the server uses it.
  const index = () => openSearchIndex(config, pino({ level: 'silent' }));
  const target = options.target as string;
  switch (options.command) {
    case 'pages': {
      const { source, sourceId } = await pageSource(target, options, config);
      const selectors = options.selectors === undefined ? undefined : await readSelectors(options.selectors);
      const pagesIndex = await index();
      const prepared = await preparePages(source, {
        sourceId,
        knownPages: knownPageHashes(await pagesIndex.manifest()),
        ...(options.hospital !== undefined && { hospital: options.hospital }),
        ...(selectors !== undefined && { selectors }),
        progress,
      });
      const reports = await applySources(pagesIndex, [prepared], { dryRun: options.dryRun });
      if (!options.dryRun && 'commit' in source) await source.commit();
      return reports;
    }
    case 'practical': {
      if (!existsSync(target)) throw new UsageError(`${target} does not exist`);
      const prepared = await preparePractical(target, { ...(options.hospital !== undefined && { hospital: options.hospital }), progress });
      return applySources(await index(), [prepared], { dryRun: options.dryRun });
    }
    case 'appointments': {
      if (!existsSync(target)) throw new UsageError(`${target} does not exist`);
      const appointments = await openAppointments(config, options.dryRun);
      try {
        return [await importAppointmentsFile(target, appointments.store, { dryRun: options.dryRun, progress })];
      } finally {
        await appointments.close();
      }
    }
    default: {
      const directory = options.target ?? config.CONTENT_DIR;
      if (!existsSync(directory)) throw new UsageError(`${directory} does not exist`);
      const appointments = await openAppointments(config, options.dryRun);
      try {
        const logger = pino({ level: 'silent' });
        const summary = await ingestContentDirectory(directory, { index: await index(), appointments: appointments.store, logger, dryRun: options.dryRun, progress });
        return summary.sources;
      } finally {
        await appointments.close();
      }
    }
  }
}

async function main(argv: string[]): Promise<number> {
  const startedAt = new Date();
  let options: Options | 'help';
  let config: Config;
  try {
    options = parseOptions(argv);
    if (options === 'help') {
      process.stdout.write(usage);
      return exitCodes.ok;
    }
    config = loadConfig({ ...process.env, INGEST_ON_START: 'false' });
  } catch (error) {
    process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `${(error as Error).message}\n\n${usage}`);
    return exitCodes.usage;
  }

  let reports: SourceReport[] = [];
  let failure: string | undefined;
  let code: number = exitCodes.ok;
  let releaseLock = async () => undefined as void;
  try {
    if (!options.dryRun) {
      await mkdir(config.DATA_DIR, { recursive: true });
      const lock = await claimPidFile(join(config.DATA_DIR, 'ingest.lock'), `ingest ${options.command}`);
      if ('heldBy' in lock) {
        throw new RefusedError(
          `Another ingest run is in progress (pid ${lock.heldBy.pid}, "${lock.heldBy.command}", started ${lock.heldBy.startedAt}). ` +
            `Wait for it to finish and run again. If no ingest is running, remove ${join(config.DATA_DIR, 'ingest.lock')}.`,
        );
      }
      releaseLock = lock.release;
    }
    reports = await run(options, config);
    process.stdout.write(summaryTable(reports, { dryRun: options.dryRun }));
    if (reports.some((report) => report.failed > 0)) code = exitCodes.itemsFailed;
  } catch (error) {
    failure = (error as Error).message;
    if (error instanceof UsageError) {
      process.stderr.write(`${failure}\n`);
      code = exitCodes.usage;
    } else if (error instanceof RefusedError) {
      process.stderr.write(`Refused: ${failure}\n`);
      code = exitCodes.refused;
    } else {
      process.stderr.write(
        `The run failed: ${failure}\nNo half-written change: the index and each appointment file are updated in one step each, so what was served before is still served. Run again once the cause is fixed.\n`,
      );
      code = exitCodes.itemsFailed;
    }
  } finally {
    await releaseLock();
  }
  if (options.report !== undefined) {
    const report = {
      command: options.command,
      target: options.target ?? null,
      dryRun: options.dryRun,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      exitCode: code,
      ...(failure !== undefined && { error: failure }),
      sources: reports,
    };
    await writeFile(options.report, `${JSON.stringify(report, null, 2)}\n`);
  }
  return code;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(exitCodes.itemsFailed);
  },
);
