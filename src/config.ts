// The one place that reads settings. Shells pass their environment in (process.env, Worker bindings);
// everything downstream receives the typed Config and never looks at the environment itself.
import { z } from 'zod';

const phone = z.string().trim().regex(/^\+?[0-9][0-9 ]{1,18}[0-9]$/, 'expected a phone number such as "70 11 07 07"');

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

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
  CONTENT_DIR: z.string().min(1).default('./ingest/demo').describe('Content ingested on first start when the index is empty (bundled demo content by default).'),
  INGEST_ON_START: booleanFlag.default(true).describe('Ingest CONTENT_DIR at start-up when the search index is empty.'),
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
  SEARCH_BACKEND: z.enum(['embedded', 'qdrant']).default('embedded').describe('Search index: embedded BM25 index in DATA_DIR, or Qdrant at QDRANT_URL.'),
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
});

// Rules across settings: checked on the whole object, reported under the variable to set.
const checkedConfigSchema = configSchema.superRefine((config, context) => {
  if (config.SEARCH_BACKEND === 'qdrant' && config.QDRANT_URL === undefined) {
    context.addIssue({ code: 'custom', path: ['QDRANT_URL'], message: 'required when SEARCH_BACKEND=qdrant, e.g. http://qdrant:6333' });
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
