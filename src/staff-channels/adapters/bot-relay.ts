// Carries a chat's live messages to the Bot Framework conversations linked to it: what the citizen
// writes goes into the Teams thread under the escalation's card, and what staff write reaches a
// citizen on Web Chat or Direct Line. Any replica may listen to a chat; a per-event claim in the
// database lets exactly one of them send each message, and messages go out in order per chat.
import type { ChatMessage } from '../../chat/chat-service.js';
import type { EventBus, SessionEvent } from '../../chat/event-bus.js';
import type { BackgroundTasks } from '../../http/background-tasks.js';
import type { Logger } from '../../logger.js';
import { redactPersonalData } from '../../safety/redact.js';
import type { EscalationStatus } from '../../escalation/types.js';
import type { BotConversationPurpose, BotConversations } from '../bot-conversations.js';
import type { BotConnector, ConnectorActivity } from './bot-connector.js';

/** Chats listened to at once per replica; the oldest is dropped first (it is listened to again on its next activity). */
const maxWatched = 10_000;

export interface BotRelayDependencies {
  events: EventBus;
  conversations: BotConversations;
  connector: BotConnector;
  background: BackgroundTasks;
  logger: Logger;
}

export class BotRelay {
  private readonly watched = new Map<string, () => void>();
  private readonly tails = new Map<string, Promise<void>>();
  /** The last state the Teams thread was told of, per chat listened to. */
  private readonly lastState = new Map<string, string>();

  constructor(private readonly dependencies: BotRelayDependencies) {}

  /** Starts listening to a chat (again): called when it gets a Teams thread or a Bot Framework citizen writes. */
  watch(sessionId: string): void {
    if (this.watched.has(sessionId)) return;
    if (this.watched.size >= maxWatched) {
      const [oldest] = this.watched.keys();
      if (oldest !== undefined) this.unwatch(oldest);
    }
    const stop = this.dependencies.events.subscribe(sessionId, (event) => this.enqueue(event));
    this.watched.set(sessionId, stop);
  }

  /**
   * After a start: listens again to every chat whose escalation is open, so the Teams thread and the
   * Web Chat citizen keep hearing from each other across a restart or deploy.
   */
  async resume(): Promise<number> {
    const sessionIds = await this.dependencies.conversations.sessionsWithOpenEscalations();
    for (const sessionId of sessionIds) this.watch(sessionId);
    return sessionIds.length;
  }

  /** Stops listening to every chat (shutdown). */
  stopAll(): void {
    for (const sessionId of [...this.watched.keys()]) this.unwatch(sessionId);
  }

  private unwatch(sessionId: string): void {
    this.watched.get(sessionId)?.();
    this.watched.delete(sessionId);
    this.lastState.delete(sessionId);
  }

  private enqueue(event: SessionEvent): void {
    // One chain per chat keeps "Hej" before "Er du der?" in Teams.
    const previous = this.tails.get(event.sessionId) ?? Promise.resolve();
    const next = previous.then(() => this.relay(event)).catch((error: unknown) => {
      this.dependencies.logger.warn(
        { event: 'bot-relay-failed', sessionId: event.sessionId, eventId: event.id, error: error instanceof Error ? error.message : String(error) },
        'a chat message could not be carried to its Bot Framework conversation',
      );
    });
    this.tails.set(event.sessionId, next);
    void next.finally(() => {
      if (this.tails.get(event.sessionId) === next) this.tails.delete(event.sessionId);
    });
    this.dependencies.background.run('bot-relay', () => next);
  }

  private async relay(event: SessionEvent): Promise<void> {
    if (event.type === 'session-state') {
      const status = (event.payload as { escalation?: Partial<EscalationStatus> } | null)?.escalation;
      const note = status === undefined ? undefined : this.stateNote(event.sessionId, status);
      if (note !== undefined) await this.send(event, 'staff-thread', note, 'da', 'state');
      // Handed back or closed: nothing more to carry until the chat is active here again.
      if (status?.state === 'bot' || status?.state === 'closed') this.unwatch(event.sessionId);
      return;
    }
    if (event.type !== 'message-created') return;
    const message = (event.payload as { message?: ChatMessage } | null)?.message;
    if (message === undefined) return;
    if (message.role === 'user') {
      // Teams is outside the access-controlled transcript: the citizen's words go there redacted.
      await this.send(event, 'staff-thread', `Borgeren skriver: ${redactPersonalData(message.text)}`, 'da', message.role);
    } else if (message.role === 'staff') {
      await this.send(event, 'citizen', `${message.author ?? 'Medarbejder'}: ${message.text}`, message.language, message.role);
    }
  }

  /**
   * What the Teams thread is told when the chat changes hands, so nobody there answers a chat that
   * someone took over in the console, was handed back or has ended. Once per change of state.
   */
  private stateNote(sessionId: string, status: Partial<EscalationStatus>): string | undefined {
    const state = status.state;
    if (state === undefined || this.lastState.get(sessionId) === state) return undefined;
    this.lastState.set(sessionId, state);
    if (state === 'staff') return `${status.staffName ?? 'En medarbejder'} har overtaget samtalen.`;
    if (state === 'bot') return status.previousStaffName ? `${status.previousStaffName} gav samtalen tilbage til chatbotten.` : 'Borgeren venter ikke længere. Chatbotten svarer igen.';
    if (state === 'closed') return 'Samtalen er afsluttet.';
    return undefined;
  }

  private async send(event: SessionEvent, purpose: BotConversationPurpose, text: string, locale: string, what: string): Promise<void> {
    const { conversations, connector, logger } = this.dependencies;
    for (const link of await conversations.forSession(event.sessionId, purpose)) {
      if (!(await conversations.claimRelay(link, event.id))) continue;
      const activity = { type: 'message', text, textFormat: 'plain', locale } as ConnectorActivity;
      await connector.sendToConversation(link.serviceUrl, link.conversationId, activity);
      logger.info({ event: 'bot-relay-sent', sessionId: event.sessionId, channel: link.channelId, what }, 'chat message carried to Bot Framework');
    }
  }
}
