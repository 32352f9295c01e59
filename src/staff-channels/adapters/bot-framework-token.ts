// The bot's own access token for the Bot Connector service: OAuth 2.0 client credentials against
// Microsoft Entra ID (scope https://api.botframework.com/.default), kept until shortly before it expires.
import { AppError } from '../../errors.js';

export interface BotCredentials {
  appId: string;
  appPassword: string;
  /** Single-tenant bots ask their own tenant; multi-tenant bots ask botframework.com. */
  tenantId?: string;
}

/** A token is renewed this long before it expires, so a request never carries one that runs out on the way. */
const renewBeforeExpiryMs = 5 * 60 * 1000;

interface TokenResponse {
  token_type?: string;
  expires_in?: number | string;
  access_token?: string;
}

/**
 * @example const token = await new BotFrameworkTokenSource({ appId, appPassword }).token()
 */
export class BotFrameworkTokenSource {
  private cached: { token: string; renewAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly credentials: BotCredentials,
    private readonly now: () => number = Date.now,
  ) {}

  get tokenEndpoint(): string {
    return `https://login.microsoftonline.com/${encodeURIComponent(this.credentials.tenantId ?? 'botframework.com')}/oauth2/v2.0/token`;
  }

  async token(): Promise<string> {
    if (this.cached !== undefined && this.now() < this.cached.renewAt) return this.cached.token;
    // Concurrent callers share one request instead of each asking Entra ID.
    this.pending ??= this.request().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async request(): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.credentials.appId,
      client_secret: this.credentials.appPassword,
      scope: 'https://api.botframework.com/.default',
    });
    let response: Response;
    try {
      response = await fetch(this.tokenEndpoint, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
    } catch (error) {
      throw new AppError('unavailable', 'The Bot Framework token service (login.microsoftonline.com) could not be reached.', { cause: error });
    }
    const payload = (await response.json().catch(() => ({}))) as TokenResponse & { error?: string; error_description?: string };
    if (!response.ok || typeof payload.access_token !== 'string') {
      // error_description names the problem (e.g. AADSTS7000215: invalid client secret) and never holds the secret.
      const reason = payload.error_description?.split('\n')[0] ?? payload.error ?? `HTTP ${response.status}`;
      throw new AppError('unavailable', `The Bot Framework token service refused the bot's credentials (MICROSOFT_APP_ID / MICROSOFT_APP_PASSWORD): ${reason}`);
    }
    const lifetimeMs = Number(payload.expires_in ?? 3600) * 1000;
    this.cached = { token: payload.access_token, renewAt: this.now() + Math.max(lifetimeMs - renewBeforeExpiryMs, 0) };
    return payload.access_token;
  }
}
