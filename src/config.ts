// The one place that reads settings. Shells pass their environment in (process.env, Worker bindings);
// everything downstream receives the typed Config and never looks at the environment itself.
import { z } from 'zod';

const phone = z.string().trim().regex(/^\+?[0-9][0-9 ]{1,18}[0-9]$/, 'expected a phone number such as "70 11 07 07"');

const modelUrl = z
  .string()
  .trim()
  .regex(/^https?:\/\/[^\s]+$/, 'expected an OpenAI-compatible base URL such as https://api.openai.com/v1 or http://ollama:11434/v1');

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

// Rate limits are token buckets: BURST requests at once, refilled at PER_MINUTE; buckets are per replica.
const perMinute = (fallback: number) => z.coerce.number().int().min(0).max(1_000_000).default(fallback);
const burst = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000).default(fallback);

/** Every setting, its embedded default and what it means. `.env.example` mirrors this table. */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8787).describe('HTTP port of the Node server.'),
  HOST: z.string().min(1).default('0.0.0.0').describe('Interface to listen on.'),
  PUBLIC_URL: z.url().optional().describe('Public base URL printed at start-up and used in links; default http://localhost:PORT.'),
  DATA_DIR: z.string().min(1).default('./data').describe('Where the embedded search index and PGlite database live.'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('Log level (JSON lines on stdout).'),
  ALLOWED_ORIGINS: z
    .string()
    .regex(/^(\*|https?:\/\/[^\s,]+(\s*,\s*https?:\/\/[^\s,]+)*)$/, 'expected "*" or a comma-separated list of origins such as https://www.fjordby.dk')
    .default('*')
    .describe('Origins (hospital websites) allowed to call the chat API from the widget; "*" allows any.'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'expected a PostgreSQL URL such as postgres://user@host:5432/db')
    .optional()
    .describe('PostgreSQL connection URL. Unset: embedded PGlite in DATA_DIR.'),
  DATABASE_POOL_SIZE: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(20)
    .describe('Connections each server process keeps to PostgreSQL (with DATABASE_URL). Replicas × this must stay below the server\'s max_connections.'),
  TRUST_PROXY: booleanFlag.default(false).describe('A reverse proxy sets X-Forwarded-For: rate limits count its first address as the client. Leave false when clients reach the server directly (they could forge the header).'),
  RATE_LIMIT_SESSIONS_PER_MINUTE: perMinute(30).describe('New chats one client (address) may start per minute; 0 disables.'),
  RATE_LIMIT_SESSIONS_BURST: burst(10).describe('New chats one client may start at once before the per-minute rate applies.'),
  RATE_LIMIT_MESSAGES_PER_MINUTE: perMinute(20).describe('Messages per minute in one chat; 0 disables.'),
  RATE_LIMIT_MESSAGES_BURST: burst(6).describe('Messages one chat may send at once.'),
  RATE_LIMIT_CLIENT_MESSAGES_PER_MINUTE: perMinute(120).describe('Messages per minute from one client across all its chats; 0 disables.'),
  RATE_LIMIT_CLIENT_MESSAGES_BURST: burst(30).describe('Messages one client may send at once across its chats.'),
  RATE_LIMIT_FEEDBACK_PER_MINUTE: perMinute(120).describe('Feedback (thumbs) per minute from one client; 0 disables.'),
  RATE_LIMIT_FEEDBACK_BURST: burst(60).describe('Feedback one client may give at once.'),
  ESCALATION_CONFIG: z
    .string()
    .min(1)
    .optional()
    .describe('JSON file with the escalation teams, opening hours, hospital → team, topics and canned replies (see docs/escalation.md). Unset: one team, Patientservice, weekdays 08–15.'),
  CONTENT_DIR: z.string().min(1).default('./ingest/demo').describe('Content ingested on first start when the index is empty (bundled demo content by default).'),
  INGEST_ON_START: booleanFlag.default(true).describe('Ingest CONTENT_DIR at start-up when the search index is empty.'),
  EVAL_SETS_DIR: z.string().min(1).default('./evals/sets').describe('Eval sets (*.jsonl) the editor console can run, read at start-up (see evals/README.md).'),
  DEFAULT_LANGUAGE: z.enum(['da', 'en', 'de', 'ar', 'uk']).default('da').describe('Language assumed when a message is too short to tell.'),
  EMERGENCY_PHONE: phone.default('112').describe('Emergency number shown on the emergency card.'),
  OUT_OF_HOURS_DOCTOR_PHONE: phone.default('70 11 07 07').describe('Out-of-hours doctor (Lægevagten).'),
  SUICIDE_PREVENTION_PHONE: phone.default('70 201 201').describe('Suicide-prevention line (Livslinien).'),
  SUICIDE_PREVENTION_NAME: z.string().min(1).default('Livslinien').describe('Name of the suicide-prevention line.'),
  SUICIDE_PREVENTION_HOURS: z
    .string()
    .regex(/^\d{1,2}(?:[.:]\d{2})?\s*[–-]\s*\d{1,2}(?:[.:]\d{2})?$/, 'expected a daily time range such as "11–05"')
    .default('11–05')
    .describe('Daily opening hours of the suicide-prevention line.'),
  PATIENT_OFFICE_PHONE: phone.default('76 63 14 90').describe('Regional patient office, offered when the bot cannot answer.'),
  SEARCH_BACKEND: z.enum(['embedded', 'qdrant']).default('embedded').describe('Search index: embedded BM25 index in DATA_DIR (hybrid with EMBEDDING_MODEL), or Qdrant at QDRANT_URL.'),
  QDRANT_URL: z
    .string()
    .regex(/^https?:\/\/[^\s/]+:\d+\/?$/, 'expected a URL with its port, such as http://qdrant:6333')
    .optional()
    .describe('Qdrant REST URL with its port; required when SEARCH_BACKEND=qdrant.'),
  QDRANT_API_KEY: z.string().min(1).optional().describe('Qdrant API key, when the server requires one.'),
  QDRANT_COLLECTION: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'expected letters, digits, "-" or "_"')
    .default('hospital-help')
    .describe('Alias the Qdrant index serves through; each ingest builds a new collection behind it.'),
  CHAT_MODEL_URL: modelUrl.optional().describe('OpenAI-compatible base URL of the chat model (OpenAI, Azure OpenAI v1, vLLM, Ollama). Unset: extractive answers, no model.'),
  CHAT_MODEL: z.string().trim().min(1).optional().describe('Chat model name (Azure: the deployment name); required with CHAT_MODEL_URL.'),
  CHAT_MODEL_API_KEY: z.string().min(1).optional().describe('API key for the chat model endpoint; local servers usually need none.'),
  CHAT_MODEL_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(30_000).describe('Longest a model answer may take, retries included; after it the extractive answer is given.'),
  CHAT_MODEL_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2).describe('Retries on rate limits, server errors, timeouts and network errors (never on a rejected key).'),
  SUMMARY_MODEL_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(500)
    .max(30_000)
    .default(4_000)
    .describe('Longest the chat model may take to write the handoff summary for staff, retries included; the escalation waits for it, and after it the extractive summary is used.'),
  EMBEDDING_MODEL_URL: modelUrl.optional().describe('OpenAI-compatible base URL of the embedding model; adds dense vectors and hybrid search (BM25 + cosine, fused by rank) to either search index.'),
  EMBEDDING_MODEL: z.string().trim().min(1).optional().describe('Embedding model name (Azure: the deployment name); required with EMBEDDING_MODEL_URL.'),
  EMBEDDING_MODEL_API_KEY: z.string().min(1).optional().describe('API key for the embedding model endpoint.'),
  EMBEDDING_DIMENSIONS: z.coerce.number().int().min(1).max(65_536).optional().describe('Length of the embedding vectors; required with EMBEDDING_MODEL. Changing it re-embeds every chunk on the next ingest (the embedded index does so for a new EMBEDDING_MODEL too).'),
  MICROSOFT_APP_ID: z
    .string()
    .trim()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected the Azure Bot\'s Microsoft App ID, a GUID such as 00000000-0000-0000-0000-000000000000')
    .optional()
    .describe('App ID of the Azure Bot registration. Set: POST /api/messages serves Bot Framework channels (Web Chat, Direct Line, Teams) and only accepts tokens issued for this ID.'),
  MICROSOFT_APP_PASSWORD: z.string().min(1).optional().describe('Client secret of the bot\'s app registration; required with MICROSOFT_APP_ID.'),
  MICROSOFT_APP_TENANT_ID: z
    .string()
    .trim()
    .regex(/^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9.-]+\.[a-z]{2,})$/i, 'expected a tenant GUID or domain such as fjordby.onmicrosoft.com')
    .optional()
    .describe('Tenant of a single-tenant bot: tokens are requested from it and Teams conversations created in it. Unset: a multi-tenant bot (tokens from botframework.com).'),
  TEAMS_SERVICE_URL: z
    .string()
    .trim()
    .regex(/^https:\/\/[^\s]+$/, 'expected the Bot Framework service URL of your Teams region, such as https://smba.trafficmanager.net/emea/')
    .optional()
    .describe('Service URL the bot posts new escalations to Teams through; with TEAMS_CHANNEL_ID.'),
  TEAMS_CHANNEL_ID: z
    .string()
    .trim()
    .regex(/^19:[^\s]+@thread\.(tacv2|skype)$/, 'expected a Teams channel ID such as 19:abc123@thread.tacv2')
    .optional()
    .describe('Teams channel where new escalations are posted as cards; staff answer in the card\'s thread. Requires MICROSOFT_APP_ID and TEAMS_SERVICE_URL.'),
  BOT_OPENID_METADATA_URL: z
    .url()
    .default('https://login.botframework.com/v1/.well-known/openidconfiguration')
    .describe('OpenID metadata that names the keys Bot Framework signs its requests with (change only for a sovereign cloud).'),
  TRANSCRIPT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30).describe('Chat transcripts are deleted this many days after their last message (daily in the Node server, or npm run purge).'),
  PATIENT_SESSION_IDLE_MINUTES: z.coerce.number().min(1).max(24 * 60).default(30).describe("A patient's login to a chat ends after this long without a message."),
  STAFF_SESSION_HOURS: z.coerce.number().min(0.25).max(24).default(8).describe('A staff sign-in lasts at most this long, however active.'),
  STAFF_SESSION_IDLE_MINUTES: z.coerce.number().min(1).max(24 * 60).default(30).describe('A staff sign-in ends after this long without a request.'),
  STAFF_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5).describe('Failed sign-ins in a row for one username before it is locked.'),
  STAFF_LOGIN_LOCKOUT_MINUTES: z.coerce.number().min(1).max(24 * 60).default(15).describe('How long a username stays locked after too many failed sign-ins.'),
  STAFF_COOKIE_SECURE: booleanFlag.optional().describe('Mark the staff sign-in cookie Secure. Unset: when the request came over https (X-Forwarded-Proto counts with TRUST_PROXY). Set true behind a TLS proxy.'),
  STAFF_OIDC_ISSUER: z.url().optional().describe('OpenID Connect issuer for staff sign-in (e.g. https://login.microsoftonline.com/<tenant>/v2.0). Unset: local accounts only (npm run staff).'),
  STAFF_OIDC_CLIENT_ID: z.string().trim().min(1).optional().describe('Client (application) id registered at the issuer; required with STAFF_OIDC_ISSUER.'),
  STAFF_OIDC_CLIENT_SECRET: z.string().min(1).optional().describe('Client secret registered at the issuer; required with STAFF_OIDC_ISSUER.'),
  STAFF_OIDC_ROLES_CLAIM: z.string().trim().min(1).default('roles').describe('ID-token claim holding the app roles (Entra ID app roles: "roles").'),
  STAFF_OIDC_ROLE_MAP: z
    .string()
    .regex(/^\s*[^=,\s]+\s*=\s*(staff|editor|admin)\s*(,\s*[^=,\s]+\s*=\s*(staff|editor|admin)\s*)*$/, 'expected provider-role=app-role pairs such as "Helpdesk=staff,Redaktion=editor,Admin=admin"')
    .default('staff=staff,editor=editor,admin=admin')
    .describe('Which provider roles give which app role (staff, editor, admin); a sign-in with none of them is refused.'),
  NODE_ENV: z.string().trim().min(1).optional().describe('"production" refuses development-only stand-ins (the built-in demo login provider for patients).'),
  PATIENT_LOGIN_ENABLED: booleanFlag.default(true).describe('Patients may log in (OpenID Connect) to ask about their own appointments. false: no login, personal questions are declined.'),
  PATIENT_OIDC_ISSUER: z
    .url()
    .optional()
    .describe("OpenID Connect issuer for patients' login (the region's MitID broker). Unset outside production: a built-in demo provider with the fictional demo patients; required with NODE_ENV=production."),
  PATIENT_OIDC_CLIENT_ID: z.string().trim().min(1).optional().describe('Client id registered at the patient issuer; required with PATIENT_OIDC_ISSUER.'),
  PATIENT_OIDC_CLIENT_SECRET: z.string().min(1).optional().describe('Client secret registered at the patient issuer; required with PATIENT_OIDC_ISSUER.'),
  PATIENT_OIDC_SCOPES: z
    .string()
    .trim()
    .regex(/^(\S+\s+)*openid(\s+\S+)*$/, 'expected space-separated scopes including "openid", such as "openid profile ssn"')
    .default('openid profile')
    .describe('Scopes asked for at the patient issuer (brokers name the one releasing the CPR number differently).'),
  PATIENT_OIDC_ID_CLAIM: z.string().trim().min(1).default('dk:gov:cpr').describe('ID-token claim carrying the patient identifier, e.g. "ssn", "nin" or "dk:gov:cpr".'),
  PATIENT_OIDC_ID_SYSTEM: z.string().trim().regex(/^[^|\s]+$/, 'expected an identifier system without spaces or "|", such as urn:oid:1.2.208.176.1.2').default('urn:oid:1.2.208.176.1.2').describe('Identifier system of that claim, as the appointment import records it (CPR: urn:oid:1.2.208.176.1.2).'),
  PATIENT_DEV_OIDC_PORT: z.coerce.number().int().min(0).max(65535).default(0).describe('Port of the built-in demo login provider (development only); 0 picks a free one.'),
});

// Rules across settings: checked on the whole object, reported under the variable to set.
const checkedConfigSchema = configSchema.superRefine((config, context) => {
  if (config.SEARCH_BACKEND === 'qdrant' && config.QDRANT_URL === undefined) {
    context.addIssue({ code: 'custom', path: ['QDRANT_URL'], message: 'required when SEARCH_BACKEND=qdrant, e.g. http://qdrant:6333' });
  }
  // A model half configured would silently fall back to extractive answers or lexical search: say so.
  const together = (name: keyof Config, other: keyof Config, example: string) => {
    if (config[other] !== undefined && config[name] === undefined) context.addIssue({ code: 'custom', path: [name], message: `required when ${other} is set, e.g. ${example}` });
  };
  together('CHAT_MODEL_URL', 'CHAT_MODEL', 'https://api.openai.com/v1');
  together('CHAT_MODEL', 'CHAT_MODEL_URL', 'gpt-4o-mini');
  together('CHAT_MODEL', 'CHAT_MODEL_API_KEY', 'gpt-4o-mini');
  together('EMBEDDING_MODEL_URL', 'EMBEDDING_MODEL', 'https://api.openai.com/v1');
  together('EMBEDDING_MODEL', 'EMBEDDING_MODEL_URL', 'text-embedding-3-small');
  together('EMBEDDING_MODEL', 'EMBEDDING_MODEL_API_KEY', 'text-embedding-3-small');
  together('EMBEDDING_DIMENSIONS', 'EMBEDDING_MODEL', '1536 for text-embedding-3-small');
  together('MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_ID', 'the client secret of the bot registration');
  together('MICROSOFT_APP_ID', 'MICROSOFT_APP_PASSWORD', '00000000-0000-0000-0000-000000000000');
  together('MICROSOFT_APP_ID', 'TEAMS_CHANNEL_ID', '00000000-0000-0000-0000-000000000000');
  together('TEAMS_SERVICE_URL', 'TEAMS_CHANNEL_ID', 'https://smba.trafficmanager.net/emea/');
  together('TEAMS_CHANNEL_ID', 'TEAMS_SERVICE_URL', '19:abc123@thread.tacv2');
  together('STAFF_OIDC_CLIENT_ID', 'STAFF_OIDC_ISSUER', 'the application (client) id from the identity provider');
  together('STAFF_OIDC_CLIENT_SECRET', 'STAFF_OIDC_ISSUER', 'the client secret from the identity provider');
  together('STAFF_OIDC_ISSUER', 'STAFF_OIDC_CLIENT_ID', 'https://login.microsoftonline.com/<tenant>/v2.0');
  together('PATIENT_OIDC_CLIENT_ID', 'PATIENT_OIDC_ISSUER', 'the client id from the login broker');
  together('PATIENT_OIDC_CLIENT_SECRET', 'PATIENT_OIDC_ISSUER', 'the client secret from the login broker');
  together('PATIENT_OIDC_ISSUER', 'PATIENT_OIDC_CLIENT_ID', 'https://broker.region.dk');
  // The built-in demo provider lets anyone log in as any demo patient: never in production.
  if (config.NODE_ENV === 'production' && config.PATIENT_LOGIN_ENABLED && config.PATIENT_OIDC_ISSUER === undefined) {
    context.addIssue({
      code: 'custom',
      path: ['PATIENT_OIDC_ISSUER'],
      message: "required when NODE_ENV=production: the built-in demo login provider is for development only. Set the region's OpenID Connect issuer, or PATIENT_LOGIN_ENABLED=false",
    });
  }
});

export type Config = z.infer<typeof configSchema>;

/** Raised when settings are missing or malformed; the message names every offending variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parse settings from an environment-like record. Empty strings count as unset, so a blank line in
 * `.env` falls back to the default instead of failing.
 * @example const config = loadConfig(process.env)
 */
export function loadConfig(environment: Record<string, string | undefined>): Config {
  const relevant: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = environment[key];
    if (value !== undefined && value.trim() !== '') relevant[key] = value;
  }
  const parsed = checkedConfigSchema.safeParse(relevant);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '(config)');
        return `${name}: ${issue.message} (got ${JSON.stringify(relevant[name] ?? null)})`;
      }),
    );
  }
  return parsed.data;
}
