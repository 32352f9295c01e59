// The port a patient login goes through (docs/adr/0010): an identity provider that starts an
// authorization code flow and, from the provider's answer, returns the identity its verified ID token
// asserts. The OpenID Connect adapter lives in src/patient/adapters.

/** The random values of one login, kept server-side (DatabaseLoginAttempts) between start and callback. */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** What a verified ID token asserted; `value` is the patient identifier in the configured system. */
export interface VerifiedPatient {
  system: string;
  value: string;
  displayName?: string;
}

/** Why a login failed, for the log (never with an identifier) and the page the patient sees. */
export type LoginFailureReason = 'provider-error' | 'verification-failed' | 'no-identifier' | 'unknown-attempt' | 'unavailable';

export class PatientLoginError extends Error {
  constructor(
    readonly reason: LoginFailureReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PatientLoginError';
  }
}

export interface PatientIdentityProvider {
  /** The provider's authorization URL for a new login, and the values to keep until its callback. */
  start(redirectUri: string): Promise<{ url: string; pending: PendingLogin }>;
  /** Exchanges the code and verifies the ID token; throws PatientLoginError when anything fails. */
  finish(callbackUrl: URL, pending: PendingLogin): Promise<VerifiedPatient>;
}
