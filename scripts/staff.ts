// `npm run staff -- <add|list|disable|reset-password> …`: the operator's way to manage local staff
// accounts, on the embedded database in DATA_DIR or on DATABASE_URL. Passwords are asked for
// without echo on a terminal, or read from stdin with --password-stdin; never from the command line.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { ConfigError, loadConfig, type Config } from '../src/config.js';
import { PgliteDatabase } from '../src/db/adapters/pglite.js';
import { PostgresDatabase } from '../src/db/adapters/postgres.js';
import type { Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrations.js';
import { AppError } from '../src/errors.js';
import { embeddedDatabaseMarker, staffAccountsFor } from '../src/runtime/node-runtime.js';
import { claimPidFile } from '../src/runtime/pid-file.js';
import { passwordProblem, staffRoles, usernameProblem, type StaffAccount } from '../src/staff/accounts.js';

export const exitCodes = { ok: 0, failed: 1, usage: 2, refused: 3 } as const;

const usage = `Usage: npm run staff -- <command> [options]

Commands:
  add --username <name> --name <shown to citizens> --role <role> [--role <role>…]
                       create a local account; roles: ${staffRoles.join(', ')}
  list                 every account with its roles and whether it is disabled
  disable --username <name>
                       disable an account and end its sessions at once
  reset-password --username <name>
                       set a new password and end the account's sessions

Options:
  --password-stdin     read the password from stdin (one line) instead of asking on the terminal
  --help

The password must be at least 12 characters and not the username. Uses DATA_DIR (embedded database;
stop the server first) or DATABASE_URL (PostgreSQL; the server may keep running).
Exit codes: 0 done, 1 the command failed (unknown or taken username), 2 usage or bad input, 3 refused.
`;

class UsageError extends Error {}
class RefusedError extends Error {}

interface Options {
  command: 'add' | 'list' | 'disable' | 'reset-password';
  username: string | undefined;
  name: string | undefined;
  roles: string[];
  passwordStdin: boolean;
}

function parseOptions(argv: string[]): Options | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        username: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string', multiple: true },
        'password-stdin': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const [command, ...extra] = positionals;
  if (command === undefined) throw new UsageError('no command given');
  if (command !== 'add' && command !== 'list' && command !== 'disable' && command !== 'reset-password') throw new UsageError(`unknown command "${command}"`);
  if (extra.length > 0) throw new UsageError(`unexpected argument(s): ${extra.join(' ')}`);
  if (command !== 'list' && values.username === undefined) throw new UsageError(`"${command}" needs --username`);
  if (command === 'add' && values.name === undefined) throw new UsageError('"add" needs --name: the name citizens see, such as a first name or "Sygeplejerske"');
  if (command === 'add' && (values.role ?? []).length === 0) throw new UsageError(`"add" needs at least one --role (${staffRoles.join(', ')})`);
  if (command !== 'add' && (values.name !== undefined || values.role !== undefined)) throw new UsageError(`--name and --role belong to "add", not "${command}"`);
  // Checked before the password is asked for, so nobody types one for a command that cannot work.
  if (command === 'add') {
    const problem = usernameProblem(values.username ?? '');
    if (problem !== null) throw new UsageError(`--username: ${problem}`);
    const unknown = (values.role ?? []).filter((role) => !(staffRoles as readonly string[]).includes(role));
    if (unknown.length > 0) throw new UsageError(`--role: unknown role(s) ${unknown.map((role) => `"${role}"`).join(', ')}; expected ${staffRoles.join(', ')}`);
  }
  return { command, username: values.username, name: values.name, roles: values.role ?? [], passwordStdin: values['password-stdin'] };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One line: the newline `echo` or a password manager adds is not part of the password.
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Reads a line from the terminal without showing it. */
function askHidden(question: string): Promise<string> {
  const input = process.stdin;
  // Echo off before the question appears: whatever is typed after it is never shown.
  input.setRawMode(true);
  process.stderr.write(question);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === '\r' || character === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (character === '\u0003' || character === '\u0004') {
          finish();
          reject(new UsageError('cancelled'));
          return;
        }
        value = character === '\u007f' || character === '\b' ? [...value].slice(0, -1).join('') : value + character;
      }
    };
    input.on('data', onData);
  });
}

async function newPassword(options: Options): Promise<string> {
  const username = options.username ?? '';
  if (options.passwordStdin) return readStdin();
  if (!process.stdin.isTTY) throw new UsageError('no terminal to ask for the password on: pipe it in with --password-stdin');
  for (;;) {
    const first = await askHidden(`New password for ${username} (at least 12 characters, not shown): `);
    const problem = passwordProblem(first, username);
    if (problem !== null) {
      process.stderr.write(`password: ${problem}. Try again.\n`);
      continue;
    }
    if ((await askHidden('Type it again: ')) === first) return first;
    process.stderr.write('The two passwords differ. Try again.\n');
  }
}

/** The configured database, migrated. The embedded one is refused while the server has it open. */
async function openDatabase(config: Config): Promise<{ database: Database; close(): Promise<void> }> {
  if (config.DATABASE_URL !== undefined) {
    const database = await PostgresDatabase.open(config.DATABASE_URL);
    return { database, close: () => database.close() };
  }
  await mkdir(config.DATA_DIR, { recursive: true });
  const claim = await claimPidFile(join(config.DATA_DIR, embeddedDatabaseMarker), 'staff');
  if ('heldBy' in claim) {
    throw new RefusedError(
      `The embedded database in ${config.DATA_DIR} is open in another process (pid ${claim.heldBy.pid}, ${claim.heldBy.command}, since ${claim.heldBy.startedAt}). ` +
        'PGlite can be open in one process only: stop the server, run this again, and start the server. With DATABASE_URL (PostgreSQL) the server may keep running.',
    );
  }
  try {
    const database = await PgliteDatabase.open(join(config.DATA_DIR, 'pglite'));
    return {
      database,
      close: async () => {
        await database.close();
        await claim.release();
      },
    };
  } catch (error) {
    await claim.release();
    throw error;
  }
}

function table(accounts: StaffAccount[]): string {
  if (accounts.length === 0) return 'No staff accounts yet. Add one with: npm run staff -- add --username <name> --name <shown name> --role staff\n';
  const rows = [
    ['USERNAME', 'SHOWN AS', 'ROLES', 'SIGN-IN', 'STATUS', 'CREATED'],
    ...accounts.map((account) => [account.username, account.displayName, account.roles.join(','), account.signIn, account.disabled ? 'disabled' : 'active', account.createdAt.slice(0, 10)]),
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => [...(row[column] ?? '')].length))) ?? [];
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n') + '\n';
}

async function run(options: Options, config: Config): Promise<void> {
  // Read the password before opening the database: nothing is held while someone types.
  const password = options.command === 'add' || options.command === 'reset-password' ? await newPassword(options) : undefined;
  const { database, close } = await openDatabase(config);
  try {
    await migrate(database);
    const logger = pino({ level: config.LOG_LEVEL, base: { service: 'hospital-help-staff-cli' } }, pino.destination(2));
    const accounts = staffAccountsFor(config, database, logger);
    const username = options.username ?? '';
    if (options.command === 'list') {
      process.stdout.write(table(await accounts.list()));
    } else if (options.command === 'add') {
      const account = await accounts.create({ username, displayName: options.name ?? '', roles: options.roles, password: password ?? '' });
      process.stdout.write(`Created ${account.username} (shown to citizens as "${account.displayName}") with the role(s) ${account.roles.join(', ')}.\n`);
    } else if (options.command === 'disable') {
      const account = await accounts.disable(username);
      process.stdout.write(`Disabled ${account.username}; any open sessions have ended.\n`);
    } else {
      await accounts.setPassword(username, password ?? '');
      process.stdout.write(`New password set for ${username.trim().toLowerCase()}; any open sessions have ended.\n`);
    }
  } finally {
    await close();
  }
}

async function main(argv: string[]): Promise<number> {
  let options: Options | 'help';
  let config: Config;
  try {
    options = parseOptions(argv);
    if (options === 'help') {
      process.stdout.write(usage);
      return exitCodes.ok;
    }
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof UsageError) process.stderr.write(`Error: ${error.message}\n\n${usage}`);
    else if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
    else throw error;
    return exitCodes.usage;
  }
  try {
    await run(options, config);
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`Error: ${error.message}\n`);
      return exitCodes.usage;
    }
    if (error instanceof RefusedError) {
      process.stderr.write(`Refused: ${error.message}\n`);
      return exitCodes.refused;
    }
    if (error instanceof AppError) {
      process.stderr.write(`Error: ${error.message}\n`);
      return error.code === 'invalid_request' ? exitCodes.usage : exitCodes.failed;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(exitCodes.failed);
  },
);
