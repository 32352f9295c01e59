// Which patient a chat session belongs to. The binding is made only by a verified login (the OpenID
// Connect callback calls bindVerifiedLogin); nothing a citizen types or sends can create or change it.
// The identifier is kept server-side in patient_sessions and is never put in messages, events, logs
// or responses.
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';

/** The patient a verified login asserted. */
export interface PatientIdentity {
  /** "<system>|<value>", e.g. "urn:oid:1.2.208.176.1.2|0101701234": the key of the appointment store. */
  identifier: string;
  displayName?: string;
  /** Name and address protection ("navne- og adressebeskyttelse"): see docs/patient-appointments.md. */
  protectedAddress?: boolean;
}

export interface PatientSessionSettings {
  /** A binding unused this long is no longer valid (default 30 minutes). */
  idleTimeoutMs: number;
  /** A binding is never valid longer than this after login, used or not (default 8 hours). */
  maxLifetimeMs: number;
}

export const defaultPatientSessionSettings: PatientSessionSettings = { idleTimeoutMs: 30 * 60_000, maxLifetimeMs: 8 * 60 * 60_000 };

/** Why a lookup found no patient: logged (without identifiers) when a personal question is refused. */
export type PatientLookupMiss = 'none' | 'expired' | 'idle' | 'revoked';

export interface PatientSessions {
  /** Binds a verified identity to a chat session, replacing an earlier binding of that session. */
  bind(sessionId: string, identity: PatientIdentity): Promise<void>;
  /** The identity bound to the session if the binding is still valid; each valid lookup counts as activity. */
  lookup(sessionId: string): Promise<{ identity: PatientIdentity } | { identity: undefined; miss: PatientLookupMiss }>;
  /** Ends the binding (logout). The chat itself goes on, without a patient. */
  revoke(sessionId: string): Promise<void>;
}

interface PatientSessionRow {
  patient_identifier: string;
  display_name: string | null;
  protected_address: boolean;
  last_seen_at: Date | string;
  expires_at: Date | string;
  revoked_at: Date | string | null;
}

const identifierPattern = /^[^|\s]*\|\S+$/;

/** Patient sessions in the database (PGlite or PostgreSQL). */
export class DatabasePatientSessions implements PatientSessions {
  private readonly settings: PatientSessionSettings;

  constructor(
    private readonly database: Database,
    private readonly now: () => Date,
    settings: Partial<PatientSessionSettings> = {},
  ) {
    this.settings = { ...defaultPatientSessionSettings, ...settings };
  }

  async bind(sessionId: string, identity: PatientIdentity): Promise<void> {
    if (!identifierPattern.test(identity.identifier)) throw new AppError('invalid_request', 'identifier: expected "<system>|<value>" as asserted by the login');
    const now = this.now();
    const rows = await this.database.query<{ session_id: string }>(
      `INSERT INTO patient_sessions (session_id, patient_identifier, display_name, protected_address, created_at, last_seen_at, expires_at)
       SELECT id, $2, $3, $4, $5, $5, $6 FROM sessions WHERE id = $1
       ON CONFLICT (session_id) DO UPDATE SET patient_identifier = EXCLUDED.patient_identifier, display_name = EXCLUDED.display_name,
         protected_address = EXCLUDED.protected_address, created_at = EXCLUDED.created_at, last_seen_at = EXCLUDED.last_seen_at,
         expires_at = EXCLUDED.expires_at, revoked_at = NULL
       RETURNING session_id`,
      [sessionId, identity.identifier, identity.displayName ?? null, identity.protectedAddress === true, now, new Date(now.getTime() + this.settings.maxLifetimeMs)],
    );
    if (rows.length === 0) throw new AppError('not_found', `No chat session with id "${sessionId}".`);
  }

  async lookup(sessionId: string): Promise<{ identity: PatientIdentity } | { identity: undefined; miss: PatientLookupMiss }> {
    const [row] = await this.database.query<PatientSessionRow>('SELECT * FROM patient_sessions WHERE session_id = $1', [sessionId]);
    if (row === undefined) return { identity: undefined, miss: 'none' };
    if (row.revoked_at !== null) return { identity: undefined, miss: 'revoked' };
    const now = this.now();
    if (new Date(row.expires_at).getTime() <= now.getTime()) return { identity: undefined, miss: 'expired' };
    if (new Date(row.last_seen_at).getTime() + this.settings.idleTimeoutMs <= now.getTime()) return { identity: undefined, miss: 'idle' };
    await this.database.query('UPDATE patient_sessions SET last_seen_at = $2 WHERE session_id = $1', [sessionId, now]);
    return {
      identity: {
        identifier: row.patient_identifier,
        ...(row.display_name !== null && { displayName: row.display_name }),
        ...(row.protected_address && { protectedAddress: true }),
      },
    };
  }

  async revoke(sessionId: string): Promise<void> {
    await this.database.query('UPDATE patient_sessions SET revoked_at = $2 WHERE session_id = $1 AND revoked_at IS NULL', [sessionId, this.now()]);
  }
}

/**
 * What the OpenID Connect callback calls once it has verified the ID token (signature, issuer,
 * audience, nonce, expiry): binds the asserted patient to the chat session the login was started
 * from. Nothing else may call it with an identity that did not come from a verified token.
 *
 * @example
 * await bindVerifiedLogin(patientSessions, chatSessionId, { system: 'urn:oid:1.2.208.176.1.2', value: claims.cpr, displayName: claims.name });
 */
export async function bindVerifiedLogin(
  sessions: PatientSessions,
  sessionId: string,
  verified: { system: string; value: string; displayName?: string; protectedAddress?: boolean },
): Promise<void> {
  await sessions.bind(sessionId, {
    identifier: `${verified.system}|${verified.value}`,
    ...(verified.displayName !== undefined && { displayName: verified.displayName }),
    ...(verified.protectedAddress !== undefined && { protectedAddress: verified.protectedAddress }),
  });
}
