// What the bot does with a verified Bot Framework activity: a staff member's reply in a Teams
// escalation thread goes to the citizen (taking the chat over first if needed); any other message is
// a citizen asking the chatbot, answered in the same conversation; everything else is ignored.
import type { ChatMessage, ChatService } from '../../chat/chat-service.js';
import { AppError } from '../../errors.js';
import type { StaffActions, StaffIdentity } from '../../escalation/types.js';
import { isSupportedLanguage, type SupportedLanguage } from '../../language/languages.js';
import type { Logger } from '../../logger.js';
import type { BotConversationLink, BotConversations } from '../bot-conversations.js';
import type { BotConnector, ConnectorActivity } from './bot-connector.js';

/** The fields of a Bot Framework activity this bot reads (the schema allows many more). */
export interface IncomingActivity {
  type: string;
  id?: string;
  serviceUrl: string;
  channelId: string;
  conversation: { id: string };
  from: { id: string; name?: string; aadObjectId?: string };
  recipient?: { id: string; name?: string };
  text?: string;
  locale?: string;
}

const sourcesHeading: Record<SupportedLanguage, string> = { da: 'Kilder', en: 'Sources', de: 'Quellen', ar: 'المصادر', uk: 'Джерела' };

const somethingWentWrong: Record<SupportedLanguage, string> = {
  da: 'Beklager, noget gik galt hos os. Din besked er gemt. Prøv igen om lidt.',
  en: 'Sorry, something went wrong on our side. Your message is saved. Please try again in a moment.',
  de: 'Entschuldigung, bei uns ist etwas schiefgelaufen. Ihre Nachricht ist gespeichert. Bitte versuchen Sie es gleich noch einmal.',
  ar: 'عذرًا، حدث خطأ عندنا. تم حفظ رسالتك. حاول مرة أخرى بعد قليل.',
  uk: 'Вибачте, у нас щось пішло не так. Ваше повідомлення збережено. Спробуйте ще раз трохи згодом.',
};

/** Said in the Teams thread (to staff, in Danish) when a reply could not reach the citizen. */
const staffReplyFailed = {
  // The escalation service says which (a colleague has it, or it was handed back or closed), in English.
  conflict: (reason: string) => `Din besked blev ikke sendt: en kollega har samtalen, eller den er givet tilbage til chatbotten eller lukket. (${reason})`,
  other: 'Din besked blev ikke sendt til borgeren. Prøv igen, eller åbn samtalen i personalekonsollen.',
  notConnected: 'Din besked blev ikke sendt: Teams er ikke koblet til køen endnu. Åbn samtalen i personalekonsollen.',
};

/** Teams sends "<at>Hospitalshjælp</at> Hej Anna" with some HTML; the citizen gets the plain words. */
export function plainTeamsText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}

/** "Mette Hansen" → "Mette": the citizen sees a first name, never the full name. */
export function staffIdentityOf(from: IncomingActivity['from']): StaffIdentity {
  const firstName = from.name?.trim().split(/\s+/)[0];
  return { id: `teams:${from.aadObjectId ?? from.id}`, displayName: firstName !== undefined && firstName !== '' ? firstName : 'Medarbejder' };
}

/**
 * The answer as a Bot Framework message: the text (the emergency card's text for emergencies), then
 * its sources as links; the demo content's relative URLs are made absolute against `publicUrl`.
 */
export function answerMessageText(answer: Pick<ChatMessage, 'text' | 'citations' | 'language'>, publicUrl: string): string {
  if (answer.citations.length === 0) return answer.text;
  const escape = (title: string) => title.replace(/([[\]\\])/g, '\\$1');
  const sources = answer.citations.map((citation) => `${citation.n}. [${escape(citation.title)}](${new URL(citation.url, publicUrl).toString()})`).join('\n');
  return `${answer.text}\n\n${sourcesHeading[answer.language]}:\n\n${sources}`;
}

export interface BotActivityDependencies {
  chat: ChatService;
  conversations: BotConversations;
  connector: BotConnector;
  /** The escalation service; without it, Teams thread replies are answered with a notice. */
  staff?: StaffActions;
  defaultLanguage: SupportedLanguage;
  /** Base for relative source links (PUBLIC_URL). */
  publicUrl: string;
  logger: Logger;
  /** Carries staff messages to Bot Framework citizens and citizens' messages to Teams threads. */
  relay?: { watch(sessionId: string): void };
}

export class BotActivityHandler {
  private staff: StaffActions | undefined;

  constructor(private readonly dependencies: BotActivityDependencies) {
    this.staff = dependencies.staff;
  }

  /** Connects Teams thread replies to the escalation service, for wiring that builds it after this handler. */
  connectStaff(staff: StaffActions): void {
    this.staff = staff;
  }

  async handle(activity: IncomingActivity): Promise<void> {
    if (activity.type !== 'message') return;
    const link = await this.dependencies.conversations.find({ channelId: activity.channelId, conversationId: activity.conversation.id });
    if (link?.purpose === 'staff-thread') return this.staffReply(activity, link);
    return this.citizenMessage(activity);
  }

  private async staffReply(activity: IncomingActivity, link: BotConversationLink): Promise<void> {
    const { logger } = this.dependencies;
    const staff = this.staff;
    const text = plainTeamsText(activity.text ?? '');
    if (text === '') return;
    const identity = staffIdentityOf(activity.from);
    this.dependencies.relay?.watch(link.sessionId);
    if (staff === undefined) {
      logger.warn({ event: 'teams-reply-not-connected', sessionId: link.sessionId }, 'a Teams reply arrived but no escalation service is connected');
      return this.tellThread(activity, staffReplyFailed.notConnected);
    }
    try {
      try {
        await staff.postStaffMessage(link.sessionId, identity, text);
      } catch (error) {
        // Only the person who has the chat may write: take it over first, then send.
        if (!(error instanceof AppError) || (error.code !== 'forbidden' && error.code !== 'conflict')) throw error;
        await staff.takeOver(link.sessionId, identity);
        await staff.postStaffMessage(link.sessionId, identity, text);
      }
      logger.info({ event: 'teams-reply-relayed', sessionId: link.sessionId }, 'staff reply from Teams relayed to the citizen');
    } catch (error) {
      const conflict = error instanceof AppError && error.code === 'conflict' ? error.message : undefined;
      logger.warn(
        { event: 'teams-reply-failed', sessionId: link.sessionId, error: error instanceof Error ? error.message : String(error) },
        'a staff reply from Teams did not reach the citizen',
      );
      await this.tellThread(activity, conflict !== undefined ? staffReplyFailed.conflict(conflict) : staffReplyFailed.other);
    }
  }

  private async citizenMessage(activity: IncomingActivity): Promise<void> {
    const { chat, conversations, logger } = this.dependencies;
    const text = (activity.text ?? '').trim();
    if (text === '') return;
    const localeLanguage = activity.locale?.slice(0, 2).toLowerCase() ?? '';
    const language = isSupportedLanguage(localeLanguage) ? localeLanguage : this.dependencies.defaultLanguage;
    const sessionId = await conversations.citizenSession(
      { channelId: activity.channelId, conversationId: activity.conversation.id, serviceUrl: activity.serviceUrl },
      async () => (await chat.createSession({ language })).id,
    );
    // Before asking: if the question escalates the chat, staff messages must find their way back here.
    this.dependencies.relay?.watch(sessionId);
    let reply: string;
    let replyLanguage: SupportedLanguage = language;
    try {
      const { answer } = await chat.ask(sessionId, { text, language });
      // A person has the chat: the message is stored for them, and the chatbot stays silent.
      if (answer === null) return;
      reply = answerMessageText(answer, this.dependencies.publicUrl);
      replyLanguage = answer.language;
    } catch (error) {
      logger.error({ event: 'bot-answer-failed', sessionId, error: error instanceof Error ? error.message : String(error) }, 'a Bot Framework message could not be answered');
      reply = somethingWentWrong[language];
    }
    await this.reply(activity, { text: reply, textFormat: 'markdown', locale: replyLanguage });
  }

  private tellThread(activity: IncomingActivity, text: string): Promise<void> {
    return this.reply(activity, { text, textFormat: 'plain', locale: 'da' });
  }

  /** Answers in the same conversation, threaded under the message it replies to. */
  private async reply(activity: IncomingActivity, message: { text: string; textFormat: string; locale: string }): Promise<void> {
    const outgoing = {
      type: 'message',
      ...message,
      conversation: activity.conversation,
      ...(activity.recipient !== undefined && { from: activity.recipient }),
      recipient: activity.from,
      ...(activity.id !== undefined && { replyToId: activity.id }),
    } as ConnectorActivity;
    const { connector } = this.dependencies;
    if (activity.id !== undefined) await connector.replyToActivity(activity.serviceUrl, activity.conversation.id, activity.id, outgoing);
    else await connector.sendToConversation(activity.serviceUrl, activity.conversation.id, outgoing);
  }
}
