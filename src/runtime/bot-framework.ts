// Assembles the Bot Framework pieces from configuration: the messaging endpoint's dependencies and,
// when a Teams channel is configured, the Teams staff channel for the escalation service.
import type { ChatService } from '../chat/chat-service.js';
import type { EventBus } from '../chat/event-bus.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { StaffActions } from '../escalation/types.js';
import { BackgroundTasks } from '../http/background-tasks.js';
import type { BotMessagesDependencies } from '../http/routes/bot-messages.js';
import type { Logger } from '../logger.js';
import { BotConversations } from '../staff-channels/bot-conversations.js';
import { BotActivityHandler } from '../staff-channels/adapters/bot-activities.js';
import { ConnectorClientBotConnector } from '../staff-channels/adapters/bot-connector.js';
import { BotFrameworkAuthenticator } from '../staff-channels/adapters/bot-framework-auth.js';
import { BotFrameworkTokenSource } from '../staff-channels/adapters/bot-framework-token.js';
import { BotRelay } from '../staff-channels/adapters/bot-relay.js';
import { TeamsStaffChannel } from '../staff-channels/adapters/teams.js';

export interface BotFramework {
  routes: BotMessagesDependencies;
  activities: BotActivityHandler;
  relay: BotRelay;
  /** Set when TEAMS_SERVICE_URL and TEAMS_CHANNEL_ID are. */
  teams?: TeamsStaffChannel;
}

/** Undefined unless MICROSOFT_APP_ID is set (loadConfig then guarantees the password). */
export function botFrameworkFromConfig(
  config: Config,
  dependencies: { chat: ChatService; database: Database; events: EventBus; logger: Logger; staff?: StaffActions },
): BotFramework | undefined {
  if (config.MICROSOFT_APP_ID === undefined || config.MICROSOFT_APP_PASSWORD === undefined) return undefined;
  const appId = config.MICROSOFT_APP_ID;
  const tenantId = config.MICROSOFT_APP_TENANT_ID;
  const tokens = new BotFrameworkTokenSource({ appId, appPassword: config.MICROSOFT_APP_PASSWORD, ...(tenantId !== undefined && { tenantId }) });
  const connector = new ConnectorClientBotConnector(tokens);
  const conversations = new BotConversations(dependencies.database);
  const publicUrl = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  const background = new BackgroundTasks(dependencies.logger);
  const relay = new BotRelay({ events: dependencies.events, conversations, connector, background, logger: dependencies.logger });
  const activities = new BotActivityHandler({
    chat: dependencies.chat,
    conversations,
    connector,
    ...(dependencies.staff !== undefined && { staff: dependencies.staff }),
    defaultLanguage: config.DEFAULT_LANGUAGE,
    publicUrl,
    logger: dependencies.logger,
    relay,
  });
  const routes: BotMessagesDependencies = {
    authenticator: new BotFrameworkAuthenticator({ appId, openIdMetadataUrl: config.BOT_OPENID_METADATA_URL }),
    activities,
    background,
  };
  const teams =
    config.TEAMS_SERVICE_URL !== undefined && config.TEAMS_CHANNEL_ID !== undefined
      ? new TeamsStaffChannel({
          connector,
          conversations,
          relay,
          settings: { appId, serviceUrl: config.TEAMS_SERVICE_URL, channelId: config.TEAMS_CHANNEL_ID, publicUrl, ...(tenantId !== undefined && { tenantId }) },
        })
      : undefined;
  return { routes, activities, relay, ...(teams !== undefined && { teams }) };
}
