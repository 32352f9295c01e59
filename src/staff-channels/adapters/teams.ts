// Microsoft Teams as a staff channel: each new escalation becomes a card in the configured Teams
// channel (a new conversation, i.e. a thread), and the thread is linked to the citizen's session so
// a staff member's reply there reaches the citizen (see bot-activities.ts) and the citizen's next
// messages appear in the thread (bot-relay.ts).
import type { EscalationForStaff, EscalationReason, StaffChannel } from '../../escalation/types.js';
import type { SupportedLanguage } from '../../language/languages.js';
import type { BotConversations } from '../bot-conversations.js';
import type { BotConnector, ConnectorActivity } from './bot-connector.js';

export interface TeamsChannelSettings {
  appId: string;
  serviceUrl: string;
  /** "19:…@thread.tacv2" */
  channelId: string;
  tenantId?: string;
  /** Base for a relative take-over link (PUBLIC_URL): Teams opens only absolute URLs. */
  publicUrl: string;
}

const languageNames: Record<SupportedLanguage, string> = { da: 'Dansk', en: 'Engelsk', de: 'Tysk', ar: 'Arabisk', uk: 'Ukrainsk' };

const reasonTexts: Record<EscalationReason, string> = {
  citizen: 'Borgeren bad om at tale med en person',
  emergency: 'Chatten viste nødkortet (mulig nødsituation)',
  refusals: 'Chatbotten kunne ikke svare to gange i træk',
  feedback: 'Borgeren var utilfreds med et svar og bad om en person',
  topic: 'Emnet skal altid til en medarbejder',
};

const copenhagenTime = new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', dateStyle: 'short', timeStyle: 'short' });

/** The Adaptive Card staff see in Teams for one escalation (Danish: it is for the hospital's staff). */
export function escalationCard(escalation: EscalationForStaff, links: { takeOver: string }) {
  const { summary } = escalation;
  const facts = [
    { title: 'Sprog', value: languageNames[escalation.language] },
    { title: 'Årsag', value: reasonTexts[escalation.reason] },
    { title: 'Hospital', value: escalation.hospital ?? 'Ikke oplyst' },
    { title: 'Team', value: escalation.team },
    { title: 'Modtaget', value: copenhagenTime.format(new Date(escalation.requestedAt)) },
  ];
  const body: Record<string, unknown>[] = [];
  if (summary.emergencyFlagged) {
    body.push({ type: 'TextBlock', text: 'Mulig nødsituation: borgeren fik vist nødkortet (ring 112).', color: 'attention', weight: 'bolder', wrap: true });
  }
  body.push(
    { type: 'TextBlock', text: 'En borger vil tale med en medarbejder', size: 'medium', weight: 'bolder', wrap: true },
    { type: 'FactSet', facts },
    { type: 'TextBlock', text: 'Resumé', weight: 'bolder', spacing: 'medium' },
    { type: 'TextBlock', text: summary.text, wrap: true },
  );
  if (summary.questions.length > 0) {
    body.push(
      { type: 'TextBlock', text: 'Borgeren skrev', weight: 'bolder', spacing: 'medium' },
      ...summary.questions.map((question) => ({ type: 'TextBlock', text: `“${question}”`, wrap: true, isSubtle: true })),
    );
  }
  body.push({ type: 'TextBlock', text: 'Svar i denne tråd, så når dit svar frem til borgeren. Du overtager samtalen, når du skriver.', wrap: true, spacing: 'medium', size: 'small' });
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body,
    actions: [{ type: 'Action.OpenUrl', title: 'Overtag samtalen', url: links.takeOver }],
  };
}

/**
 * @example new TeamsStaffChannel({ connector, conversations, settings }).announce(escalation, { takeOver })
 */
export class TeamsStaffChannel implements StaffChannel {
  readonly name = 'teams';

  constructor(
    private readonly dependencies: {
      connector: BotConnector;
      conversations: BotConversations;
      settings: TeamsChannelSettings;
      /** Carries the citizen's further messages into the thread. */
      relay?: { watch(sessionId: string): void };
    },
  ) {}

  async announce(escalation: EscalationForStaff, links: { takeOver: string }): Promise<void> {
    const { connector, conversations, settings } = this.dependencies;
    const takeOver = new URL(links.takeOver, settings.publicUrl).toString();
    const activity = {
      type: 'message',
      // The notification and screen-reader text; the card carries the rest.
      summary: `${escalation.summary.emergencyFlagged ? 'Mulig nødsituation: ' : ''}en borger vil tale med en medarbejder (${languageNames[escalation.language]})`,
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: escalationCard(escalation, { takeOver }) }],
    } as ConnectorActivity;
    const created = await connector.createConversation(settings.serviceUrl, {
      isGroup: true,
      bot: { id: settings.appId, name: '' },
      channelData: { channel: { id: settings.channelId }, ...(settings.tenantId !== undefined && { tenant: { id: settings.tenantId } }) },
      ...(settings.tenantId !== undefined && { tenantId: settings.tenantId }),
      activity,
    } as Parameters<BotConnector['createConversation']>[1]);
    if (created.id === '') throw new Error('Teams created the conversation but returned no conversation id.');
    // Replies in the thread arrive with the conversation id "<channel>;messageid=<card's id>".
    const conversationId = created.id.includes(';messageid=') || created.activityId === undefined ? created.id : `${settings.channelId};messageid=${created.activityId}`;
    await conversations.linkStaffThread({ channelId: 'msteams', conversationId, sessionId: escalation.sessionId, serviceUrl: settings.serviceUrl });
    this.dependencies.relay?.watch(escalation.sessionId);
  }
}
