// Which identity provider patients log in with: the configured issuer (the region's MitID broker),
// or, outside production and without one, the demo provider with the fictional demo patients.
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { PatientOpenIdConnectLogin } from '../patient/adapters/openid-connect-login.js';
import type { PatientIdentityProvider } from '../patient/patient-login.js';

export interface PatientLoginRuntime {
  /** Unset when PATIENT_LOGIN_ENABLED=false. */
  identityProvider?: PatientIdentityProvider;
  close(): Promise<void>;
}

/** `callbackUrls`: every URL of /api/patient/callback the browser may come back to (for the demo provider's client). */
export async function patientLoginFor(config: Config, logger: Logger, callbackUrls: string[]): Promise<PatientLoginRuntime> {
  const none = async () => undefined;
  if (!config.PATIENT_LOGIN_ENABLED) {
    logger.info({ event: 'patient-login-off' }, 'patient login is off (PATIENT_LOGIN_ENABLED=false): personal questions are declined');
    return { close: none };
  }
  const settings = { scopes: config.PATIENT_OIDC_SCOPES, identifierClaim: config.PATIENT_OIDC_ID_CLAIM, identifierSystem: config.PATIENT_OIDC_ID_SYSTEM };
  if (config.PATIENT_OIDC_ISSUER !== undefined && config.PATIENT_OIDC_CLIENT_ID !== undefined && config.PATIENT_OIDC_CLIENT_SECRET !== undefined) {
    return {
      identityProvider: new PatientOpenIdConnectLogin({ issuer: config.PATIENT_OIDC_ISSUER, clientId: config.PATIENT_OIDC_CLIENT_ID, clientSecret: config.PATIENT_OIDC_CLIENT_SECRET, ...settings }),
      close: none,
    };
  }
  if (config.NODE_ENV === 'production') throw new Error('PATIENT_OIDC_ISSUER: required when NODE_ENV=production (the demo login provider is for development only).');
  // Loaded only here: a server with a real issuer never loads oidc-provider at all.
  const { readDemoPatients, startDemoOidcProvider } = await import('../patient/adapters/demo-oidc-provider.js');
  const patients = await readDemoPatients(join(config.CONTENT_DIR, 'appointments', 'appointments.fhir.json'), config.PATIENT_OIDC_ID_SYSTEM).catch(() => []);
  const demo = await startDemoOidcProvider({ patients, redirectUris: callbackUrls, identifierClaim: config.PATIENT_OIDC_ID_CLAIM, port: config.PATIENT_DEV_OIDC_PORT });
  logger.warn(
    { event: 'demo-login-provider-started', issuer: demo.issuer, logins: patients.map((patient) => patient.login) },
    `DEVELOPMENT ONLY: patients log in through a built-in demo provider at ${demo.issuer} as any fictional demo patient (type e.g. "${patients[0]?.login ?? 'mads'}", any password). Set PATIENT_OIDC_ISSUER for a real login; NODE_ENV=production refuses this provider.`,
  );
  return {
    identityProvider: new PatientOpenIdConnectLogin({ issuer: demo.issuer, clientId: demo.clientId, clientSecret: demo.clientSecret, ...settings, scopes: 'openid profile' }),
    close: demo.close,
  };
}
