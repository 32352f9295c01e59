// Sends activities through the Bot Connector REST API (botframework-connector's ConnectorClient),
// signed with the bot's own token. Only service URLs that came in a verified Bot Framework token or
// from configuration are used, so the token never goes to a host an attacker named.
import type { ConnectorClient } from 'botframework-connector';
import type { BotFrameworkTokenSource } from './bot-framework-token.js';

export type ConnectorActivity = Parameters<ConnectorClient['conversations']['sendToConversation']>[1];
export type ConversationParameters = Parameters<ConnectorClient['conversations']['createConversation']>[0];

/** The Connector operations this project uses. */
export interface BotConnector {
  /** POST {serviceUrl}/v3/conversations: e.g. a new thread in a Teams channel. */
  createConversation(serviceUrl: string, parameters: ConversationParameters): Promise<{ id: string; activityId?: string }>;
  /** POST {serviceUrl}/v3/conversations/{conversationId}/activities/{activityId}: an answer to that activity. */
  replyToActivity(serviceUrl: string, conversationId: string, activityId: string, activity: ConnectorActivity): Promise<{ id?: string }>;
  /** POST {serviceUrl}/v3/conversations/{conversationId}/activities: a message at the end of the conversation. */
  sendToConversation(serviceUrl: string, conversationId: string, activity: ConnectorActivity): Promise<{ id?: string }>;
}

const maxClients = 50;

export class ConnectorClientBotConnector implements BotConnector {
  // One client per service URL (Teams regions, Web Chat, Direct Line): they are cheap but not free.
  private readonly clients = new Map<string, ConnectorClient>();

  /**
   * botframework-connector (with its Azure and MSAL dependencies, ~30 MB resident) is loaded when a bot
   * is configured, not by importing this module: servers without MICROSOFT_APP_ID never load it.
   */
  private readonly library: Promise<{ ConnectorClient: typeof ConnectorClient }>;

  constructor(private readonly tokens: Pick<BotFrameworkTokenSource, 'token'>) {
    this.library = import('botframework-connector');
    // Awaited by client(); a failed load must not count as an unhandled rejection before that.
    this.library.catch(() => undefined);
  }

  async createConversation(serviceUrl: string, parameters: ConversationParameters) {
    const response = await (await this.client(serviceUrl)).conversations.createConversation(parameters);
    return { id: response.id ?? '', ...(response.activityId !== undefined && { activityId: response.activityId }) };
  }

  async replyToActivity(serviceUrl: string, conversationId: string, activityId: string, activity: ConnectorActivity) {
    const response = await (await this.client(serviceUrl)).conversations.replyToActivity(conversationId, activityId, activity);
    return response.id === undefined ? {} : { id: response.id };
  }

  async sendToConversation(serviceUrl: string, conversationId: string, activity: ConnectorActivity) {
    const response = await (await this.client(serviceUrl)).conversations.sendToConversation(conversationId, activity);
    return response.id === undefined ? {} : { id: response.id };
  }

  private async client(serviceUrl: string): Promise<ConnectorClient> {
    const { ConnectorClient } = await this.library;
    const baseUri = serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`;
    let client = this.clients.get(baseUri);
    if (client === undefined) {
      if (this.clients.size >= maxClients) this.clients.delete(this.clients.keys().next().value as string);
      const tokens = this.tokens;
      client = new ConnectorClient(
        {
          async signRequest(request) {
            request.headers.set('Authorization', `Bearer ${await tokens.token()}`);
            return request;
          },
        },
        { baseUri },
      );
      this.clients.set(baseUri, client);
    }
    return client;
  }
}
