import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('runs on embedded defaults with nothing set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 8787, DATA_DIR: './data', EMERGENCY_PHONE: '112', DEFAULT_LANGUAGE: 'da' });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('rate-limits by default, lets 0 per minute switch a limit off, and trusts X-Forwarded-For only when told', () => {
    expect(loadConfig({})).toMatchObject({ RATE_LIMIT_SESSIONS_PER_MINUTE: 30, RATE_LIMIT_SESSIONS_BURST: 10, RATE_LIMIT_MESSAGES_PER_MINUTE: 20, RATE_LIMIT_MESSAGES_BURST: 6, TRUST_PROXY: false });
    expect(loadConfig({ RATE_LIMIT_MESSAGES_PER_MINUTE: '0', TRUST_PROXY: 'true' })).toMatchObject({ RATE_LIMIT_MESSAGES_PER_MINUTE: 0, TRUST_PROXY: true });
    expect(() => loadConfig({ RATE_LIMIT_MESSAGES_BURST: '0' })).toThrow(/RATE_LIMIT_MESSAGES_BURST/);
    expect(() => loadConfig({ RATE_LIMIT_SESSIONS_PER_MINUTE: '-1' })).toThrow(/RATE_LIMIT_SESSIONS_PER_MINUTE/);
  });

  it('treats blank values as unset, so an empty line in .env keeps the default', () => {
    expect(loadConfig({ PORT: '', DATA_DIR: '  ' })).toMatchObject({ PORT: 8787, DATA_DIR: './data' });
  });

  it('names every bad variable and the value it got', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: '99999', DATABASE_URL: 'mysql://x', EMERGENCY_PHONE: 'call us', ALLOWED_ORIGINS: 'fjordby.dk' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/PORT: .*\(got "99999"\)/);
    expect(message).toMatch(/DATABASE_URL: expected a PostgreSQL URL/);
    expect(message).toMatch(/EMERGENCY_PHONE: expected a phone number/);
    expect(message).toMatch(/ALLOWED_ORIGINS: expected "\*" or a comma-separated list/);
  });

  it('has staff sign-in defaults and asks for the OpenID Connect client with an issuer', () => {
    expect(loadConfig({})).toMatchObject({ STAFF_SESSION_HOURS: 8, STAFF_SESSION_IDLE_MINUTES: 30, STAFF_LOGIN_MAX_FAILURES: 5, STAFF_LOGIN_LOCKOUT_MINUTES: 15, STAFF_OIDC_ROLES_CLAIM: 'roles' });
    expect(loadConfig({}).STAFF_COOKIE_SECURE).toBeUndefined();
    expect(() => loadConfig({ STAFF_OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0' })).toThrow(/STAFF_OIDC_CLIENT_ID: required when STAFF_OIDC_ISSUER is set/);
    expect(() => loadConfig({ STAFF_OIDC_ROLE_MAP: 'Helpdesk=boss' })).toThrow(/STAFF_OIDC_ROLE_MAP: expected provider-role=app-role pairs/);
    expect(() => loadConfig({ STAFF_SESSION_IDLE_MINUTES: '0' })).toThrow(/STAFF_SESSION_IDLE_MINUTES/);
  });

  it('turns Bot Framework and Teams on only when their settings come together, naming the one missing', () => {
    const appId = '6b3a2c1d-4e5f-4a7b-8c9d-0e1f2a3b4c5d';
    expect(loadConfig({}).MICROSOFT_APP_ID).toBeUndefined();
    expect(loadConfig({ MICROSOFT_APP_ID: appId, MICROSOFT_APP_PASSWORD: 'secret' })).toMatchObject({
      MICROSOFT_APP_ID: appId,
      BOT_OPENID_METADATA_URL: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
    });
    expect(() => loadConfig({ MICROSOFT_APP_ID: appId })).toThrow(/MICROSOFT_APP_PASSWORD: required when MICROSOFT_APP_ID is set/);
    expect(() => loadConfig({ MICROSOFT_APP_ID: 'my-bot' })).toThrow(/MICROSOFT_APP_ID: expected the Azure Bot's Microsoft App ID, a GUID/);
    expect(() => loadConfig({ TEAMS_CHANNEL_ID: '19:abc@thread.tacv2', TEAMS_SERVICE_URL: 'https://smba.trafficmanager.net/emea/' })).toThrow(
      /MICROSOFT_APP_ID: required when TEAMS_CHANNEL_ID is set/,
    );
    expect(() => loadConfig({ MICROSOFT_APP_ID: appId, MICROSOFT_APP_PASSWORD: 'secret', TEAMS_CHANNEL_ID: '19:abc@thread.tacv2' })).toThrow(
      /TEAMS_SERVICE_URL: required when TEAMS_CHANNEL_ID is set/,
    );
    expect(() => loadConfig({ MICROSOFT_APP_ID: appId, MICROSOFT_APP_PASSWORD: 'secret', TEAMS_SERVICE_URL: 'https://smba.trafficmanager.net/emea/', TEAMS_CHANNEL_ID: 'General' })).toThrow(
      /TEAMS_CHANNEL_ID: expected a Teams channel ID such as 19:abc123@thread.tacv2/,
    );
  });

  it('accepts production settings', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://app@db:5432/help', ALLOWED_ORIGINS: 'https://www.fjordby.dk, https://lyngaa.dk', INGEST_ON_START: 'false' });
    expect(config).toMatchObject({ DATABASE_URL: 'postgres://app@db:5432/help', INGEST_ON_START: false, DATABASE_POOL_SIZE: 20 });
    expect(loadConfig({ DATABASE_POOL_SIZE: '40' }).DATABASE_POOL_SIZE).toBe(40);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: 'many' })).toThrow(/DATABASE_POOL_SIZE/);
  });

  it('refuses the built-in demo login provider for patients in production, naming PATIENT_OIDC_ISSUER', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PATIENT_OIDC_ISSUER: required when NODE_ENV=production: the built-in demo login provider is for development only/);
    expect(loadConfig({ NODE_ENV: 'production', PATIENT_LOGIN_ENABLED: 'false' }).PATIENT_LOGIN_ENABLED).toBe(false);
    const real = loadConfig({ NODE_ENV: 'production', PATIENT_OIDC_ISSUER: 'https://broker.fjordland.dk', PATIENT_OIDC_CLIENT_ID: 'chat', PATIENT_OIDC_CLIENT_SECRET: 's3cret', PATIENT_OIDC_ID_CLAIM: 'ssn', PATIENT_OIDC_SCOPES: 'openid ssn' });
    expect(real).toMatchObject({ PATIENT_OIDC_ID_CLAIM: 'ssn', PATIENT_OIDC_SCOPES: 'openid ssn', PATIENT_OIDC_ID_SYSTEM: 'urn:oid:1.2.208.176.1.2' });
    expect(() => loadConfig({ PATIENT_OIDC_ISSUER: 'https://broker.fjordland.dk' })).toThrow(/PATIENT_OIDC_CLIENT_ID: required when PATIENT_OIDC_ISSUER is set/);
    expect(() => loadConfig({ PATIENT_OIDC_SCOPES: 'profile ssn' })).toThrow(/PATIENT_OIDC_SCOPES: expected space-separated scopes including "openid"/);
  });

  it('uses the embedded index unless told otherwise, and Qdrant only with a URL', () => {
    expect(loadConfig({})).toMatchObject({ SEARCH_BACKEND: 'embedded', QDRANT_COLLECTION: 'hospital-help' });
    expect(() => loadConfig({ SEARCH_BACKEND: 'qdrant' })).toThrow(/QDRANT_URL: required when SEARCH_BACKEND=qdrant/);
    expect(() => loadConfig({ SEARCH_BACKEND: 'qdrant', QDRANT_URL: 'http://qdrant' })).toThrow(/QDRANT_URL: expected a URL with its port/);
    expect(loadConfig({ SEARCH_BACKEND: 'qdrant', QDRANT_URL: 'http://qdrant:6333', QDRANT_API_KEY: 'secret' })).toMatchObject({ QDRANT_URL: 'http://qdrant:6333', QDRANT_API_KEY: 'secret' });
  });

  it('answers without a model unless one is configured, and names what a half-configured model lacks', () => {
    expect(loadConfig({}).CHAT_MODEL).toBeUndefined();
    expect(() => loadConfig({ CHAT_MODEL: 'gpt-4o-mini' })).toThrow(/CHAT_MODEL_URL: required when CHAT_MODEL is set/);
    expect(() => loadConfig({ CHAT_MODEL_URL: 'http://ollama:11434/v1' })).toThrow(/CHAT_MODEL: required when CHAT_MODEL_URL is set/);
    expect(() => loadConfig({ CHAT_MODEL_API_KEY: 'sk-x' })).toThrow(/CHAT_MODEL: required when CHAT_MODEL_API_KEY is set/);
    expect(() => loadConfig({ CHAT_MODEL_URL: 'ollama:11434', CHAT_MODEL: 'llama3.1' })).toThrow(/CHAT_MODEL_URL: expected an OpenAI-compatible base URL/);
    expect(loadConfig({ CHAT_MODEL_URL: 'https://fjordby.openai.azure.com/openai/v1/', CHAT_MODEL: 'gpt-4o-mini', CHAT_MODEL_API_KEY: 'key' })).toMatchObject({
      CHAT_MODEL: 'gpt-4o-mini',
      CHAT_MODEL_TIMEOUT_MS: 30_000,
      CHAT_MODEL_MAX_RETRIES: 2,
      SUMMARY_MODEL_TIMEOUT_MS: 4_000,
    });
    expect(() => loadConfig({ SUMMARY_MODEL_TIMEOUT_MS: '100' })).toThrow(/SUMMARY_MODEL_TIMEOUT_MS/);
  });

  it('takes an embedding model for either index, only with its URL and vector size', () => {
    const qdrant = { SEARCH_BACKEND: 'qdrant', QDRANT_URL: 'http://qdrant:6333' };
    const embeddings = { EMBEDDING_MODEL_URL: 'https://api.openai.com/v1', EMBEDDING_MODEL: 'text-embedding-3-small', EMBEDDING_DIMENSIONS: '512' };
    expect(loadConfig({ ...qdrant, ...embeddings })).toMatchObject({ EMBEDDING_MODEL: 'text-embedding-3-small', EMBEDDING_DIMENSIONS: 512 });
    expect(() => loadConfig({ ...qdrant, EMBEDDING_MODEL: 'text-embedding-3-small', EMBEDDING_DIMENSIONS: '512' })).toThrow(/EMBEDDING_MODEL_URL: required when EMBEDDING_MODEL is set/);
    expect(() => loadConfig({ ...qdrant, EMBEDDING_MODEL_URL: 'https://api.openai.com/v1', EMBEDDING_MODEL: 'text-embedding-3-small' })).toThrow(/EMBEDDING_DIMENSIONS: required when EMBEDDING_MODEL is set/);
    // The embedded index is hybrid with an embedding model too.
    expect(loadConfig(embeddings)).toMatchObject({ SEARCH_BACKEND: 'embedded', EMBEDDING_MODEL: 'text-embedding-3-small', EMBEDDING_DIMENSIONS: 512 });
    expect(() => loadConfig({ ...qdrant, ...embeddings, EMBEDDING_DIMENSIONS: 'many' })).toThrow(/EMBEDDING_DIMENSIONS: .*\(got "many"\)/);
  });
});
