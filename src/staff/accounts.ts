// Staff accounts and their sign-in sessions: local accounts with a password (the embedded default)
// or accounts an OpenID Connect provider vouches for, roles, lockout after failed sign-ins, and
// server-side sessions of which only a hash of the token is stored.
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';

export const staffRoles = ['staff', 'editor', 'admin'] as const;
export type StaffRole = (typeof staffRoles)[number];

/** Who is signed in, as routes see it. displayName is what citizens are shown (a first name or a role). */
export interface StaffPrincipal {
  id: string;
  username: string;
  displayName: string;
  roles: StaffRole[];
}

export interface StaffAccount extends StaffPrincipal {
  /** "password" for local accounts, "oidc" for accounts signed in through the identity provider. */
  signIn: 'password' | 'oidc';
  disabled: boolean;
  createdAt: string;
}

/**
 * A password hash: `hash` makes a self-describing string with its own salt and cost, `verify`
 * checks a password against one in constant time.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, encoded: string): Promise<boolean>;
}

export interface StaffAccountsSettings {
  /** A session ends this long after sign-in, however active. */
  sessionLifetimeMs: number;
  /** A session ends after this long without a request. */
  sessionIdleMs: number;
  /** Failed sign-ins in a row for one username before it is locked. */
  maxFailedLogins: number;
  /** How long a username stays locked; also how long failures are remembered. */
  lockoutMs: number;
}

export const defaultStaffAccountsSettings: StaffAccountsSettings = {
  sessionLifetimeMs: 8 * 60 * 60_000,
  sessionIdleMs: 30 * 60_000,
  maxFailedLogins: 5,
  lockoutMs: 15 * 60_000,
};

export const minimumPasswordLength = 12;
const maximumPasswordLength = 1024;
export const usernamePattern = /^[a-z0-9][a-z0-9._@-]{1,63}$/;
const tokenPattern = /^hhs_[A-Za-z0-9_-]{43}$/;

/** The one answer for a wrong username, a wrong password and a disabled account. */
export const signInFailedMessage = 'Wrong username or password.';

/** Sign-in refused because the username has failed too often; retry after the given seconds. */
export class LockedOutError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', `Too many failed sign-ins for this username. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute${retryAfterSeconds > 60 ? 's' : ''}.`);
    this.name = 'LockedOutError';
  }
}

export interface StaffAccountsDependencies {
  database: Database;
  hasher: PasswordHasher;
  logger: Logger;
  now?: () => Date;
  settings?: Partial<StaffAccountsSettings>;
}

interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  roles: StaffRole[];
  password_hash: string | null;
  oidc_subject: string | null;
  created_at: Date | string;
  disabled_at: Date | string | null;
}

interface SessionRow extends AccountRow {
  expires_at: Date | string;
  last_seen_at: Date | string;
  revoked_at: Date | string | null;
}

const time = (value: Date | string) => (value instanceof Date ? value : new Date(value)).getTime();

function toAccount(row: AccountRow): StaffAccount {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles,
    signIn: row.oidc_subject === null ? 'password' : 'oidc',
    disabled: row.disabled_at !== null,
    createdAt: new Date(time(row.created_at)).toISOString(),
  };
}

const toPrincipal = (row: AccountRow): StaffPrincipal => ({ id: row.id, username: row.username, displayName: row.display_name, roles: row.roles });

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** SHA-256 of a session token, hex: what the sessions table holds instead of the token. */
export async function hashSessionToken(token: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** Why a username cannot be used, or null. */
export function usernameProblem(username: string): string | null {
  return usernamePattern.test(normaliseUsername(username))
    ? null
    : 'must be 2–64 characters: lowercase letters, digits, ".", "_", "-" or "@", starting with a letter or digit';
}

/** Why a password is refused, or null. The policy is length, not character classes (NIST SP 800-63B). */
export function passwordProblem(password: string, username: string): string | null {
  const length = [...password].length;
  if (length < minimumPasswordLength) return `must be at least ${minimumPasswordLength} characters (got ${length})`;
  if (length > maximumPasswordLength) return `must be at most ${maximumPasswordLength} characters`;
  if (password.trim().toLowerCase() === normaliseUsername(username)) return 'must not be the username';
  return null;
}

function displayNameProblem(displayName: string): string | null {
  const trimmed = displayName.trim();
  if (trimmed.length === 0) return 'must not be empty';
  if (trimmed.length > 60) return 'must be at most 60 characters';
  return null;
}

function rolesProblem(roles: readonly string[]): string | null {
  if (roles.length === 0) return `needs at least one of ${staffRoles.join(', ')}`;
  const unknown = roles.filter((role) => !(staffRoles as readonly string[]).includes(role));
  if (unknown.length > 0) return `unknown role(s) ${unknown.map((role) => `"${role}"`).join(', ')}; expected ${staffRoles.join(', ')}`;
  return null;
}

function invalid(field: string, problem: string | null): void {
  if (problem !== null) throw new AppError('invalid_request', `${field}: ${problem}`);
}

/**
 * @example
 * const accounts = new StaffAccounts({ database, hasher: new ScryptPasswordHasher(), logger });
 * await accounts.create({ username: 'mette', displayName: 'Mette', roles: ['staff'], password: 'lang nok adgangskode' });
 * const { token } = await accounts.login('mette', 'lang nok adgangskode');
 * const staff = await accounts.authenticate(token); // { id, username, displayName, roles } or null
 */
export class StaffAccounts {
  readonly settings: StaffAccountsSettings;
  private readonly now: () => Date;
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly dependencies: StaffAccountsDependencies) {
    this.settings = { ...defaultStaffAccountsSettings, ...dependencies.settings };
    this.now = dependencies.now ?? (() => new Date());
  }

  async create(input: { username: string; displayName: string; roles: readonly string[]; password: string }): Promise<StaffAccount> {
    const username = normaliseUsername(input.username);
    invalid('username', usernameProblem(username));
    invalid('displayName', displayNameProblem(input.displayName));
    invalid('roles', rolesProblem(input.roles));
    invalid('password', passwordProblem(input.password, username));
    const passwordHash = await this.dependencies.hasher.hash(input.password);
    const now = this.now().toISOString();
    const rows = await this.dependencies.database.query<AccountRow>(
      `INSERT INTO staff_accounts (id, username, display_name, roles, password_hash, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6)
       ON CONFLICT (username) DO NOTHING
       RETURNING *`,
      [crypto.randomUUID(), username, input.displayName.trim(), [...new Set(input.roles)], passwordHash, now],
    );
    const row = rows[0];
    if (row === undefined) throw new AppError('conflict', `username: "${username}" is already taken.`);
    this.dependencies.logger.info({ event: 'staff-account-created', accountId: row.id, roles: row.roles }, 'staff account created');
    return toAccount(row);
  }

  async list(): Promise<StaffAccount[]> {
    return (await this.dependencies.database.query<AccountRow>('SELECT * FROM staff_accounts ORDER BY username')).map(toAccount);
  }

  async get(username: string): Promise<StaffAccount> {
    return toAccount(await this.row(username));
  }

  /** Disables the account and ends its sessions at once. */
  async disable(username: string): Promise<StaffAccount> {
    const row = await this.row(username);
    const now = this.now().toISOString();
    await this.dependencies.database.transaction(async (tx) => {
      await tx.query('UPDATE staff_accounts SET disabled_at = COALESCE(disabled_at, $2), updated_at = $2 WHERE id = $1', [row.id, now]);
      await tx.query('UPDATE staff_sessions SET revoked_at = $2 WHERE account_id = $1 AND revoked_at IS NULL', [row.id, now]);
    });
    this.dependencies.logger.info({ event: 'staff-account-disabled', accountId: row.id }, 'staff account disabled');
    return this.get(username);
  }

  /** Sets a new password (an admin's reset or the owner's change) and ends every session of the account. */
  async setPassword(username: string, password: string): Promise<void> {
    const row = await this.row(username);
    if (row.oidc_subject !== null) throw new AppError('invalid_request', `username: "${row.username}" signs in through the identity provider and has no password here.`);
    invalid('password', passwordProblem(password, row.username));
    const passwordHash = await this.dependencies.hasher.hash(password);
    const now = this.now().toISOString();
    await this.dependencies.database.transaction(async (tx) => {
      await tx.query('UPDATE staff_accounts SET password_hash = $2, updated_at = $3 WHERE id = $1', [row.id, passwordHash, now]);
      await tx.query('UPDATE staff_sessions SET revoked_at = $2 WHERE account_id = $1 AND revoked_at IS NULL', [row.id, now]);
      await tx.query('DELETE FROM staff_login_failures WHERE username = $1', [row.username]);
    });
    this.dependencies.logger.info({ event: 'staff-password-changed', accountId: row.id }, 'staff password changed; sessions ended');
  }

  /**
   * Checks a username and password and opens a session. Wrong username, wrong password and a
   * disabled account get the same error after the same work (a password hash is verified in each
   * case), so neither the answer nor its timing tells which usernames exist.
   * @throws AppError unauthorized, or LockedOutError after too many failures for the username.
   */
  async login(username: string, password: string): Promise<{ token: string; staff: StaffPrincipal; expiresAt: string }> {
    const { database, hasher, logger } = this.dependencies;
    const name = normaliseUsername(username).slice(0, 200);
    const now = this.now();
    const [failure] = await database.query<{ locked_until: Date | string | null }>('SELECT locked_until FROM staff_login_failures WHERE username = $1', [name]);
    if (failure?.locked_until != null && time(failure.locked_until) > now.getTime()) {
      logger.warn({ event: 'staff-login-locked', ...(await this.accountIdField(name)) }, 'sign-in refused: username locked');
      throw new LockedOutError(Math.max(1, Math.ceil((time(failure.locked_until) - now.getTime()) / 1000)));
    }
    const [row] = await database.query<AccountRow>('SELECT * FROM staff_accounts WHERE username = $1', [name]);
    const usable = row !== undefined && row.password_hash !== null && row.disabled_at === null;
    const matches = await hasher.verify(password, usable ? (row.password_hash as string) : await this.unknownUserHash());
    if (!usable || !matches) {
      await this.recordFailure(name, row, now);
      throw new AppError('unauthorized', signInFailedMessage);
    }
    await database.query('DELETE FROM staff_login_failures WHERE username = $1', [name]);
    const session = await this.openSession(row.id, now);
    logger.info({ event: 'staff-login-succeeded', accountId: row.id, method: 'password' }, 'staff signed in');
    return { ...session, staff: toPrincipal(row) };
  }

  /**
   * Signs in an account the identity provider vouches for (OpenID Connect): creates it on first
   * sign-in and brings its name and roles up to date every time after.
   */
  async loginExternal(identity: { subject: string; username: string; displayName: string; roles: readonly StaffRole[] }): Promise<{ token: string; staff: StaffPrincipal; expiresAt: string }> {
    invalid('roles', rolesProblem(identity.roles));
    const now = this.now();
    const username = normaliseUsername(identity.username);
    const displayName = identity.displayName.trim() === '' ? username : identity.displayName.trim().slice(0, 60);
    const rows = await this.dependencies.database.query<AccountRow>(
      `INSERT INTO staff_accounts (id, username, display_name, roles, oidc_subject, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6)
       ON CONFLICT (oidc_subject) DO UPDATE SET username = EXCLUDED.username, display_name = EXCLUDED.display_name, roles = EXCLUDED.roles, updated_at = EXCLUDED.updated_at
       RETURNING *`,
      [crypto.randomUUID(), username, displayName, [...new Set(identity.roles)], identity.subject, now.toISOString()],
    );
    const row = rows[0] as AccountRow;
    if (row.disabled_at !== null) {
      this.dependencies.logger.warn({ event: 'staff-login-failed', accountId: row.id, method: 'oidc', reason: 'disabled' }, 'sign-in refused: account disabled');
      throw new AppError('forbidden', 'This staff account is disabled. Ask an administrator.');
    }
    const session = await this.openSession(row.id, now);
    this.dependencies.logger.info({ event: 'staff-login-succeeded', accountId: row.id, method: 'oidc' }, 'staff signed in');
    return { ...session, staff: toPrincipal(row) };
  }

  /** The signed-in staff member of a session token, or null when it is unknown, ended, expired or idle too long. */
  async authenticate(token: string): Promise<StaffPrincipal | null> {
    // Anything that is not a staff token (a citizen's chat session id, say) is not even looked up.
    if (!tokenPattern.test(token)) return null;
    const now = this.now();
    const [row] = await this.dependencies.database.query<SessionRow>(
      `SELECT a.*, s.expires_at, s.last_seen_at, s.revoked_at
         FROM staff_sessions s JOIN staff_accounts a ON a.id = s.account_id
        WHERE s.token_hash = $1`,
      [await hashSessionToken(token)],
    );
    if (row === undefined || row.revoked_at !== null || row.disabled_at !== null) return null;
    if (time(row.expires_at) <= now.getTime()) return null;
    if (time(row.last_seen_at) + this.settings.sessionIdleMs <= now.getTime()) return null;
    await this.dependencies.database.query('UPDATE staff_sessions SET last_seen_at = $2 WHERE token_hash = $1', [await hashSessionToken(token), now.toISOString()]);
    return toPrincipal(row);
  }

  /** Ends a session (sign-out). Unknown tokens are ignored. */
  async logout(token: string): Promise<void> {
    if (!tokenPattern.test(token)) return;
    const [row] = await this.dependencies.database.query<{ account_id: string }>(
      'UPDATE staff_sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL RETURNING account_id',
      [await hashSessionToken(token), this.now().toISOString()],
    );
    if (row !== undefined) this.dependencies.logger.info({ event: 'staff-logout', accountId: row.account_id }, 'staff signed out');
  }

  private async openSession(accountId: string, now: Date): Promise<{ token: string; expiresAt: string }> {
    const token = `hhs_${base64url(crypto.getRandomValues(new Uint8Array(32)))}`;
    const expiresAt = new Date(now.getTime() + this.settings.sessionLifetimeMs).toISOString();
    await this.dependencies.database.query(
      'INSERT INTO staff_sessions (token_hash, account_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)',
      [await hashSessionToken(token), accountId, now.toISOString(), expiresAt],
    );
    return { token, expiresAt };
  }

  private async recordFailure(name: string, row: AccountRow | undefined, now: Date): Promise<void> {
    const { database, logger } = this.dependencies;
    // Failures older than the lockout period are forgotten: the count starts again.
    const [counted] = await database.query<{ failures: number }>(
      `INSERT INTO staff_login_failures (username, failures, updated_at) VALUES ($1, 1, $2)
       ON CONFLICT (username) DO UPDATE SET
         failures = CASE WHEN staff_login_failures.updated_at < $3 THEN 1 ELSE staff_login_failures.failures + 1 END,
         updated_at = EXCLUDED.updated_at
       RETURNING failures`,
      [name, now.toISOString(), new Date(now.getTime() - this.settings.lockoutMs).toISOString()],
    );
    const failures = counted?.failures ?? 1;
    const locked = failures >= this.settings.maxFailedLogins;
    if (locked) {
      await database.query('UPDATE staff_login_failures SET failures = 0, locked_until = $2 WHERE username = $1', [
        name,
        new Date(now.getTime() + this.settings.lockoutMs).toISOString(),
      ]);
    }
    // Never the password; the typed username only when it is an account's (a password typed into
    // the username field must not end up in the log).
    logger.warn(
      {
        event: 'staff-login-failed',
        method: 'password',
        ...(row === undefined ? { accountId: null } : { accountId: row.id, reason: row.disabled_at !== null ? 'disabled' : 'password' }),
        failures,
        locked,
      },
      locked ? 'sign-in failed; username locked' : 'sign-in failed',
    );
  }

  private async accountIdField(name: string): Promise<{ accountId: string | null }> {
    const [row] = await this.dependencies.database.query<{ id: string }>('SELECT id FROM staff_accounts WHERE username = $1', [name]);
    return { accountId: row?.id ?? null };
  }

  private unknownUserHash(): Promise<string> {
    // A hash made with the same hasher (same cost), of a password nobody knows.
    this.dummyHash ??= this.dependencies.hasher.hash(base64url(crypto.getRandomValues(new Uint8Array(18))));
    return this.dummyHash;
  }

  private async row(username: string): Promise<AccountRow> {
    const name = normaliseUsername(username);
    const [row] = await this.dependencies.database.query<AccountRow>('SELECT * FROM staff_accounts WHERE username = $1', [name]);
    if (row === undefined) throw new AppError('not_found', `username: no staff account "${name}".`);
    return row;
  }
}
