// DEVELOPMENT ONLY: a real OpenID Connect provider (oidc-provider) on a local port, whose accounts are
// the fictional demo patients of the appointment import. Anyone may log in as any of them with any
// password, so config.ts refuses it with NODE_ENV=production. Used by `npm start` when
// PATIENT_OIDC_ISSUER is unset, and by the tests.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Provider } from 'oidc-provider';

export interface DemoPatient {
  /** The FHIR Patient id, e.g. "p-002": may be typed as the login too. */
  id: string;
  /** What to type as "login": the first given name in lower case, e.g. "mads". */
  login: string;
  name: string;
  /** The CPR number of the demo record (fictional). */
  identifier: string;
}

interface FhirPatient {
  resourceType: string;
  id?: string;
  identifier?: { system?: string; value?: string }[];
  name?: { text?: string; given?: string[] }[];
}

/** The demo patients of a FHIR bundle: those with an identifier in `system`. */
export async function readDemoPatients(bundleFile: string, system: string): Promise<DemoPatient[]> {
  const bundle = JSON.parse(await readFile(bundleFile, 'utf8')) as { entry?: { resource?: FhirPatient }[] };
  const patients: DemoPatient[] = [];
  for (const { resource } of bundle.entry ?? []) {
    if (resource?.resourceType !== 'Patient' || resource.id === undefined) continue;
    const identifier = resource.identifier?.find((candidate) => candidate.system === system)?.value;
    const name = resource.name?.[0];
    if (identifier === undefined || name?.text === undefined) continue;
    patients.push({ id: resource.id, login: (name.given?.[0] ?? resource.id).toLowerCase(), name: name.text, identifier });
  }
  return patients;
}

export interface DemoOidcProviderOptions {
  patients: DemoPatient[];
  /** Where the chat server's callback is (every form the browser may use, e.g. localhost and 127.0.0.1). */
  redirectUris: string[];
  /** The claim carrying the identifier, as the server reads it (PATIENT_OIDC_ID_CLAIM). */
  identifierClaim: string;
  /** 0: any free port. */
  port?: number;
}

export interface DemoOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

/**
 * @example
 * const provider = await startDemoOidcProvider({ patients, redirectUris: ['http://localhost:8787/api/patient/callback'], identifierClaim: 'dk:gov:cpr' });
 * // log in at provider.issuer as "mads" with any password
 */
export async function startDemoOidcProvider(options: DemoOidcProviderOptions): Promise<DemoOidcProvider> {
  const byLogin = new Map<string, DemoPatient>();
  for (const patient of options.patients) {
    for (const key of [patient.id, patient.login]) if (!byLogin.has(key)) byLogin.set(key, patient);
  }
  // The provider needs its issuer URL, which needs the port: the server starts first and hands over once it exists.
  const handler: { current?: (request: IncomingMessage, response: ServerResponse) => void } = {};
  const server: Server = createServer((request, response) => handler.current?.(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'hospital-help-demo';
  const clientSecret = randomBytes(32).toString('base64url');
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: options.redirectUris, token_endpoint_auth_method: 'client_secret_post' }],
    // The identifier and name go into the ID token itself, as MitID brokers do.
    claims: { openid: ['sub', options.identifierClaim], profile: ['name', 'given_name'] },
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    findAccount: async (_context: unknown, id: string) => {
      const patient = byLogin.get(id);
      if (patient === undefined) return undefined;
      // The provider keeps the login as typed as the account id; the subject is the demo record's id.
      return {
        accountId: id,
        claims: async () => ({ sub: id, [options.identifierClaim]: patient.identifier, name: patient.name, given_name: patient.name.split(' ')[0] }),
      };
    },
  });
  handler.current = provider.callback();
  return {
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
