// Patient logins under way: what the OpenID Connect callback needs to finish one (docs/adr/0010).
// Kept in the database, keyed by the state the provider sends back, so a replica other than the one
// that started the login can finish it; each attempt is valid for minutes and can be taken once.
import type { Database } from '../db/database.js';

export interface LoginAttempt {
  state: string;
  /** The chat the patient will be bound to. */
  sessionId: string;
  /** Where the widget runs: the callback page posts its result to this origin only. */
  openerOrigin: string;
  nonce: string;
  codeVerifier: string;
}

/** A login not finished this long after it started is refused. */
export const loginAttemptLifetimeMs = 10 * 60_000;

export class DatabaseLoginAttempts {
  constructor(
    private readonly database: Database,
    private readonly now: () => Date,
  ) {}

  async save(attempt: LoginAttempt): Promise<void> {
    const now = this.now();
    // Abandoned attempts go as new ones arrive; there is nothing else to clean up.
    await this.database.query('DELETE FROM patient_login_attempts WHERE expires_at <= $1', [now]);
    await this.database.query(
      'INSERT INTO patient_login_attempts (state, session_id, opener_origin, nonce, code_verifier, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [attempt.state, attempt.sessionId, attempt.openerOrigin, attempt.nonce, attempt.codeVerifier, new Date(now.getTime() + loginAttemptLifetimeMs)],
    );
  }

  /** The attempt with this state, removed so that it cannot be used again; undefined when unknown, used or expired. */
  async take(state: string): Promise<LoginAttempt | undefined> {
    const [row] = await this.database.query<{ state: string; session_id: string; opener_origin: string; nonce: string; code_verifier: string; expires_at: Date | string }>(
      'DELETE FROM patient_login_attempts WHERE state = $1 RETURNING *',
      [state],
    );
    if (row === undefined || new Date(row.expires_at).getTime() <= this.now().getTime()) return undefined;
    return { state: row.state, sessionId: row.session_id, openerOrigin: row.opener_origin, nonce: row.nonce, codeVerifier: row.code_verifier };
  }
}
