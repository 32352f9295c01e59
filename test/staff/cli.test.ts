// `npm run staff` as an operator runs it: a child process on a temporary DATA_DIR (embedded PGlite)
// and on PostgreSQL; the account it makes can then sign in.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteDatabase } from '../../src/db/adapters/pglite.js';
import { PostgresDatabase } from '../../src/db/adapters/postgres.js';
import { silentLogger } from '../../src/logger.js';
import { StaffAccounts } from '../../src/staff/accounts.js';
import { ScryptPasswordHasher } from '../../src/staff/adapters/scrypt-password-hasher.js';
import { postgresForTests } from '../support/postgres.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = join(root, 'node_modules/.bin/tsx');
const password = 'Et langt kodeord 42';

function staff(environment: Record<string, string>, stdin: string | undefined, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(tsx, ['scripts/staff.ts', ...args], { cwd: root, env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent', ...environment } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
    });
    if (stdin !== undefined) child.stdin?.end(stdin);
    else child.stdin?.end();
  });
}

// Each run is a fresh tsx process opening PGlite: seconds each, more on a busy machine.
describe('npm run staff on the embedded database', { timeout: 240_000 }, () => {
  let work: string;
  let data: string;
  const run = (stdin: string | undefined, ...args: string[]) => staff({ DATA_DIR: data }, stdin, ...args);

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'staff-cli-'));
    data = join(work, 'data');
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('adds an account from a password on stdin, lists it, and the account signs in with that password', async () => {
    const added = await run(`${password}\n`, 'add', '--username', 'Mette', '--name', 'Mette', '--role', 'staff', '--role', 'editor', '--password-stdin');
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toBe('Created mette (shown to citizens as "Mette") with the role(s) staff, editor.\n');
    const listed = await run(undefined, 'list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^USERNAME\s+SHOWN AS\s+ROLES\s+SIGN-IN\s+STATUS\s+CREATED\nmette\s+Mette\s+staff,editor\s+password\s+active\s+\d{4}-\d{2}-\d{2}\n$/);

    const database = await PgliteDatabase.open(join(data, 'pglite'));
    try {
      const accounts = new StaffAccounts({ database, hasher: new ScryptPasswordHasher(), logger: silentLogger });
      // The trailing newline from stdin is not part of the password.
      await expect(accounts.login('mette', password)).resolves.toMatchObject({ staff: { roles: ['staff', 'editor'] } });
      await expect(accounts.login('mette', `${password}\n`)).rejects.toMatchObject({ code: 'unauthorized' });
    } finally {
      await database.close();
    }
  });

  it('resets a password and disables an account', async () => {
    expect((await run(`${password}\n`, 'add', '--username', 'ole', '--name', 'Sygeplejerske', '--role', 'staff', '--password-stdin')).code).toBe(0);
    const reset = await run('Et andet langt kodeord\n', 'reset-password', '--username', 'ole', '--password-stdin');
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain('New password set for ole');
    const disabled = await run(undefined, 'disable', '--username', 'ole');
    expect(disabled.code).toBe(0);
    expect((await run(undefined, 'list')).stdout).toMatch(/\nole\s+Sygeplejerske\s+staff\s+password\s+disabled\s/);
  });

  it('refuses bad input with exit code 2 and a message naming the problem, creating nothing', async () => {
    const cases: [string | undefined, string[], RegExp][] = [
      ['kort\n', ['add', '--username', 'ida', '--name', 'Ida', '--role', 'editor', '--password-stdin'], /password: must be at least 12 characters \(got 4\)/],
      ['ida.redaktion1\n', ['add', '--username', 'ida.redaktion1', '--name', 'Ida', '--role', 'editor', '--password-stdin'], /password: must not be the username/],
      [`${password}\n`, ['add', '--username', 'ida', '--name', 'Ida', '--role', 'boss', '--password-stdin'], /--role: unknown role\(s\) "boss"; expected staff, editor, admin/],
      [`${password}\n`, ['add', '--username', 'ida', '--name', 'Ida', '--password-stdin'], /"add" needs at least one --role/],
      [`${password}\n`, ['add', '--username', 'ida', '--role', 'staff', '--password-stdin'], /"add" needs --name/],
      [`${password}\n`, ['add', '--username', 'Ida Hansen', '--name', 'Ida', '--role', 'staff', '--password-stdin'], /--username: must be 2–64 characters/],
      [undefined, ['add', '--username', 'ida', '--name', 'Ida', '--role', 'staff'], /no terminal to ask for the password on: pipe it in with --password-stdin/],
      [undefined, ['disable'], /"disable" needs --username/],
      [undefined, ['remove', '--username', 'ida'], /unknown command "remove"/],
      [undefined, ['add', '--username', 'ida', '--password', password], /Unknown option '--password'/],
    ];
    for (const [stdin, args, message] of cases) {
      const result = await run(stdin, ...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect((await run(undefined, 'list')).stdout).not.toMatch(/\nida\s/);
  });

  it('exits 1 for a taken username and for an unknown one', async () => {
    const taken = await run(`${password}\n`, 'add', '--username', 'METTE', '--name', 'Mette', '--role', 'staff', '--password-stdin');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/username: "mette" is already taken/);
    const unknown = await run(undefined, 'disable', '--username', 'nobody');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no staff account "nobody"/);
  });

  it('refuses with exit code 3 while a server has the embedded database open', async () => {
    await writeFile(join(data, 'embedded-database.pid'), JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString(), command: 'server' }));
    try {
      const result = await run(undefined, 'list');
      expect(result.code).toBe(3);
      expect(result.stderr).toMatch(/is open in another process \(pid \d+, server,.*stop the server/);
    } finally {
      await rm(join(data, 'embedded-database.pid'), { force: true });
    }
  });
});

const postgres = await postgresForTests();

describe.skipIf(postgres.url === undefined)('npm run staff with DATABASE_URL (PostgreSQL)', { timeout: 120_000 }, () => {
  afterAll(() => postgres.drop());

  it('adds and lists an account in PostgreSQL, and it signs in there', async () => {
    const environment = { DATABASE_URL: postgres.url as string, DATA_DIR: join(tmpdir(), 'staff-cli-unused') };
    const added = await staff(environment, `${password}\n`, 'add', '--username', 'admin', '--name', 'Administrator', '--role', 'admin', '--password-stdin');
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect((await staff(environment, undefined, 'list')).stdout).toMatch(/\nadmin\s+Administrator\s+admin\s+password\s+active\s/);
    const database = await PostgresDatabase.open(postgres.url as string);
    try {
      const accounts = new StaffAccounts({ database, hasher: new ScryptPasswordHasher(), logger: silentLogger });
      await expect(accounts.login('admin', password)).resolves.toMatchObject({ staff: { roles: ['admin'] } });
    } finally {
      await database.close();
    }
  });
});
