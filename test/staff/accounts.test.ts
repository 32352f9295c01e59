// Staff accounts on the real databases (PGlite always, PostgreSQL when it answers) with the real
// scrypt hasher: passwords, lockout, and sessions that end by lifetime, idleness, sign-out,
// disabling and password change. The clock is injected so hours pass in microseconds.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PgliteDatabase } from '../../src/db/adapters/pglite.js';
import { PostgresDatabase } from '../../src/db/adapters/postgres.js';
import type { Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrations.js';
import type { AppError } from '../../src/errors.js';
import type { Logger } from '../../src/logger.js';
import { postgresForTests } from '../support/postgres.js';
import { hashSessionToken, LockedOutError, signInFailedMessage, StaffAccounts, type PasswordHasher } from '../../src/staff/accounts.js';
import { defaultScryptCost, ScryptPasswordHasher } from '../../src/staff/adapters/scrypt-password-hasher.js';

const postgres = await postgresForTests();
const adapters: { name: string; open: () => Promise<Database>; available: boolean }[] = [
  { name: 'PGlite', open: () => PgliteDatabase.open(), available: true },
  { name: 'PostgreSQL', open: () => PostgresDatabase.open(postgres.url as string), available: postgres.url !== undefined },
];

const password = 'Fjordby-vagt-2026!';

/** The real hasher at a lower cost, so the many sign-ins below stay fast; the default cost is tested on its own. */
class RecordingHasher implements PasswordHasher {
  readonly verified: string[] = [];
  private readonly real = new ScryptPasswordHasher({ N: 1024, r: 8, p: 1 });
  hash(secret: string) {
    return this.real.hash(secret);
  }
  verify(secret: string, encoded: string) {
    this.verified.push(encoded);
    return this.real.verify(secret, encoded);
  }
}

describe('scrypt password hashes', () => {
  const hasher = new ScryptPasswordHasher();

  it('are self-describing, salted per password, at OWASP cost, and verify only the right password', async () => {
    expect(defaultScryptCost.N * defaultScryptCost.r * defaultScryptCost.p).toBeGreaterThanOrEqual(2 ** 17 * 8 * 1 * 0.75);
    const first = await hasher.hash(password);
    const second = await hasher.hash(password);
    expect(first).toMatch(/^scrypt\$32768\$8\$3\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain(password);
    expect(await hasher.verify(password, first)).toBe(true);
    expect(await hasher.verify(password, second)).toBe(true);
    expect(await hasher.verify('Fjordby-vagt-2027!', first)).toBe(false);
    expect(await hasher.verify(password, 'not a hash')).toBe(false);
  });

  it('verify hashes made at another cost, so the cost can be raised later', async () => {
    const older = await new ScryptPasswordHasher({ N: 1024, r: 8, p: 1 }).hash(password);
    expect(older.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await hasher.verify(password, older)).toBe(true);
  });
});

for (const adapter of adapters) {
  describe.skipIf(!adapter.available)(`staff accounts on ${adapter.name}`, () => {
    let database: Database;
    let clock: Date;
    let hasher: RecordingHasher;
    let accounts: StaffAccounts;
    const lines: Record<string, unknown>[] = [];
    const logger: Logger = {
      debug: () => undefined,
      info: (fields) => void lines.push(fields),
      warn: (fields) => void lines.push(fields),
      error: (fields) => void lines.push(fields),
      child: () => logger,
    };
    const advance = (minutes: number) => {
      clock = new Date(clock.getTime() + minutes * 60_000);
    };

    beforeAll(async () => {
      database = await adapter.open();
      if (adapter.name === 'PostgreSQL') await postgres.reset(database);
      await migrate(database);
    });
    afterAll(async () => {
      await database?.close();
      if (adapter.name === 'PostgreSQL') await postgres.drop();
    });
    beforeEach(async () => {
      await database.query('DELETE FROM staff_login_failures');
      await database.query('DELETE FROM staff_accounts');
      clock = new Date('2026-11-26T08:00:00Z');
      hasher = new RecordingHasher();
      lines.length = 0;
      accounts = new StaffAccounts({ database, hasher, logger, now: () => clock });
      await accounts.create({ username: 'Mette', displayName: 'Mette', roles: ['staff'], password });
    });

    it('creates an account with a stored hash, never the password, and lists it', async () => {
      const [row] = await database.query<{ username: string; password_hash: string; roles: string[] }>('SELECT username, password_hash, roles FROM staff_accounts');
      expect(row?.username).toBe('mette');
      expect(row?.roles).toEqual(['staff']);
      expect(row?.password_hash).toMatch(/^scrypt\$/);
      expect(JSON.stringify(await database.query('SELECT * FROM staff_accounts'))).not.toContain(password);
      expect(await accounts.list()).toEqual([expect.objectContaining({ username: 'mette', displayName: 'Mette', roles: ['staff'], signIn: 'password', disabled: false })]);
    });

    it('refuses weak passwords, bad usernames, unknown roles and taken usernames with errors naming the field', async () => {
      const attempt = (input: Partial<Parameters<StaffAccounts['create']>[0]>) =>
        accounts.create({ username: 'jonas', displayName: 'Jonas', roles: ['editor'], password, ...input }).then(
          () => 'created',
          (error: AppError) => `${error.code}: ${error.message}`,
        );
      expect(await attempt({ password: 'kort-kode' })).toBe('invalid_request: password: must be at least 12 characters (got 9)');
      expect(await attempt({ username: 'jonas.hansen.1', password: 'Jonas.Hansen.1' })).toBe('invalid_request: password: must not be the username');
      expect(await attempt({ username: 'jonas hansen' })).toMatch(/^invalid_request: username: must be 2–64 characters/);
      expect(await attempt({ roles: ['staff', 'boss'] })).toBe('invalid_request: roles: unknown role(s) "boss"; expected staff, editor, admin');
      expect(await attempt({ roles: [] })).toMatch(/^invalid_request: roles: needs at least one/);
      expect(await attempt({ displayName: '  ' })).toBe('invalid_request: displayName: must not be empty');
      expect(await attempt({ username: 'METTE' })).toBe('conflict: username: "mette" is already taken.');
      expect(await attempt({})).toBe('created');
    });

    it('signs in with the right password, case-insensitively on the username, and knows the session', async () => {
      const { token, staff, expiresAt } = await accounts.login(' METTE ', password);
      expect(token).toMatch(/^hhs_[A-Za-z0-9_-]{43}$/);
      expect(staff).toEqual({ id: expect.any(String), username: 'mette', displayName: 'Mette', roles: ['staff'] });
      expect(expiresAt).toBe('2026-11-26T16:00:00.000Z');
      expect(await accounts.authenticate(token)).toEqual(staff);
      expect(lines).toContainEqual(expect.objectContaining({ event: 'staff-login-succeeded', accountId: staff.id }));
    });

    it('stores only the SHA-256 of the session token', async () => {
      const { token } = await accounts.login('mette', password);
      const rows = await database.query<{ token_hash: string }>('SELECT token_hash FROM staff_sessions');
      expect(rows.map((row) => row.token_hash)).toContain(await hashSessionToken(token));
      expect(JSON.stringify(rows)).not.toContain(token.slice(4));
    });

    it('answers a wrong password, an unknown username and a disabled account alike, after verifying a hash each time', async () => {
      const outcome = (username: string, secret: string) => accounts.login(username, secret).then(() => 'signed in', (error: AppError) => `${error.code}: ${error.message}`);
      expect(await outcome('mette', 'Fjordby-vagt-2027!')).toBe(`unauthorized: ${signInFailedMessage}`);
      expect(await outcome('nobody', password)).toBe(`unauthorized: ${signInFailedMessage}`);
      await accounts.create({ username: 'ole', displayName: 'Ole', roles: ['staff'], password });
      await accounts.disable('ole');
      expect(await outcome('ole', password)).toBe(`unauthorized: ${signInFailedMessage}`);
      // The unknown username and the disabled account cost a real scrypt verification (of a hash
      // nobody knows the password of) at the same parameters as the real account's.
      const [metteHash, unknownHash, disabledHash] = hasher.verified;
      expect(hasher.verified).toHaveLength(3);
      for (const encoded of hasher.verified) expect(encoded).toMatch(/^scrypt\$1024\$8\$1\$/);
      expect(unknownHash).not.toBe(metteHash);
      expect(disabledHash).toBe(unknownHash);
      const failures = lines.filter((line) => line.event === 'staff-login-failed');
      expect(failures).toHaveLength(3);
      expect(JSON.stringify(lines)).not.toContain('Fjordby-vagt');
      expect(JSON.stringify(lines)).not.toContain('nobody');
    });

    it('locks a username for 15 minutes after 5 failures in a row, even with the right password then, and logs it', async () => {
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        await expect(accounts.login('mette', `wrong password ${attempt}`)).rejects.toMatchObject({ code: 'unauthorized' });
      }
      const locked = await accounts.login('mette', password).catch((error: unknown) => error);
      expect(locked).toBeInstanceOf(LockedOutError);
      expect(locked).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 15 * 60 });
      expect(lines).toContainEqual(expect.objectContaining({ event: 'staff-login-failed', failures: 5, locked: true }));
      expect(lines).toContainEqual(expect.objectContaining({ event: 'staff-login-locked' }));
      advance(14);
      await expect(accounts.login('mette', password)).rejects.toMatchObject({ code: 'rate_limited', retryAfterSeconds: 60 });
      advance(1);
      await expect(accounts.login('mette', password)).resolves.toMatchObject({ staff: { username: 'mette' } });
    });

    it('locks unknown usernames the same way, so a lockout does not reveal which usernames exist', async () => {
      for (let attempt = 1; attempt <= 5; attempt += 1) await expect(accounts.login('nobody', password)).rejects.toMatchObject({ code: 'unauthorized' });
      await expect(accounts.login('nobody', password)).rejects.toBeInstanceOf(LockedOutError);
      // Another username is not affected.
      await expect(accounts.login('mette', password)).resolves.toMatchObject({ staff: { username: 'mette' } });
    });

    it('forgets old failures and resets the count after a successful sign-in', async () => {
      for (let attempt = 1; attempt <= 4; attempt += 1) await expect(accounts.login('mette', 'wrong password!')).rejects.toMatchObject({ code: 'unauthorized' });
      await accounts.login('mette', password);
      for (let attempt = 1; attempt <= 4; attempt += 1) await expect(accounts.login('mette', 'wrong password!')).rejects.toMatchObject({ code: 'unauthorized' });
      advance(16);
      await expect(accounts.login('mette', 'wrong password!')).rejects.toMatchObject({ code: 'unauthorized' });
      await expect(accounts.login('mette', password)).resolves.toMatchObject({ staff: { username: 'mette' } });
    });

    it('ends a session 8 hours after sign-in, however active', async () => {
      const { token } = await accounts.login('mette', password);
      for (let step = 0; step < 19; step += 1) {
        advance(25);
        expect(await accounts.authenticate(token)).not.toBeNull();
      }
      advance(5);
      expect(await accounts.authenticate(token)).toBeNull();
    });

    it('ends a session after 30 minutes without a request; activity keeps it open', async () => {
      const { token } = await accounts.login('mette', password);
      advance(29);
      expect(await accounts.authenticate(token)).not.toBeNull();
      advance(29);
      expect(await accounts.authenticate(token)).not.toBeNull();
      advance(30);
      expect(await accounts.authenticate(token)).toBeNull();
      advance(1);
      expect(await accounts.authenticate(token)).toBeNull();
    });

    it('takes its session lengths from the settings', async () => {
      const short = new StaffAccounts({ database, hasher, logger, now: () => clock, settings: { sessionLifetimeMs: 60 * 60_000, sessionIdleMs: 5 * 60_000 } });
      const { token, expiresAt } = await short.login('mette', password);
      expect(expiresAt).toBe('2026-11-26T09:00:00.000Z');
      advance(5);
      expect(await short.authenticate(token)).toBeNull();
    });

    it('ends the session on sign-out, and only that one', async () => {
      const desk = await accounts.login('mette', password);
      const laptop = await accounts.login('mette', password);
      await accounts.logout(desk.token);
      expect(await accounts.authenticate(desk.token)).toBeNull();
      expect(await accounts.authenticate(laptop.token)).not.toBeNull();
      expect(lines).toContainEqual(expect.objectContaining({ event: 'staff-logout' }));
    });

    it('ends every session when the account is disabled or its password is reset', async () => {
      await accounts.create({ username: 'ole', displayName: 'Ole', roles: ['staff', 'editor'], password });
      const mette = await accounts.login('mette', password);
      const ole = await accounts.login('ole', password);
      await accounts.disable('mette');
      expect(await accounts.authenticate(mette.token)).toBeNull();
      expect((await accounts.get('mette')).disabled).toBe(true);
      await accounts.setPassword('ole', 'Et helt nyt kodeord 42');
      expect(await accounts.authenticate(ole.token)).toBeNull();
      await expect(accounts.login('ole', password)).rejects.toMatchObject({ code: 'unauthorized' });
      await expect(accounts.login('ole', 'Et helt nyt kodeord 42')).resolves.toMatchObject({ staff: { roles: ['staff', 'editor'] } });
      await expect(accounts.setPassword('ole', 'kort')).rejects.toMatchObject({ code: 'invalid_request', message: expect.stringMatching(/^password: /) });
      await expect(accounts.disable('nobody')).rejects.toMatchObject({ code: 'not_found' });
    });

    it('never takes a citizen chat session id or a made-up token for a staff session', async () => {
      expect(await accounts.authenticate(crypto.randomUUID())).toBeNull();
      expect(await accounts.authenticate(`hhs_${'A'.repeat(43)}`)).toBeNull();
      expect(await accounts.authenticate('')).toBeNull();
    });
  });
}
