// Which chat session a Bot Framework conversation belongs to: a citizen's Web Chat / Direct Line
// conversation (one session each), or the Teams thread under an escalation's card.
import type { Database } from '../db/database.js';

export type BotConversationPurpose = 'citizen' | 'staff-thread';

/** A conversation as Bot Framework names it: the channel ("msteams", "webchat", …) and its id. */
export interface BotConversationKey {
  channelId: string;
  conversationId: string;
}

export interface BotConversationLink extends BotConversationKey {
  purpose: BotConversationPurpose;
  sessionId: string;
  serviceUrl: string;
}

interface LinkRow {
  channel_id: string;
  conversation_id: string;
  purpose: BotConversationPurpose;
  session_id: string;
  service_url: string;
}

const toLink = (row: LinkRow): BotConversationLink => ({
  channelId: row.channel_id,
  conversationId: row.conversation_id,
  purpose: row.purpose,
  sessionId: row.session_id,
  serviceUrl: row.service_url,
});

export class BotConversations {
  constructor(private readonly database: Database) {}

  /** Remembers the Teams thread an escalation was announced in, so replies there reach the citizen. */
  async linkStaffThread(link: Omit<BotConversationLink, 'purpose'>): Promise<void> {
    await this.database.query(
      `INSERT INTO bot_conversations (channel_id, conversation_id, purpose, session_id, service_url)
       VALUES ($1, $2, 'staff-thread', $3, $4)
       ON CONFLICT (channel_id, conversation_id) DO UPDATE SET session_id = excluded.session_id, service_url = excluded.service_url`,
      [link.channelId, link.conversationId, link.sessionId, link.serviceUrl],
    );
  }

  async find(key: BotConversationKey): Promise<BotConversationLink | undefined> {
    const rows = await this.database.query<LinkRow>('SELECT * FROM bot_conversations WHERE channel_id = $1 AND conversation_id = $2', [
      key.channelId,
      key.conversationId,
    ]);
    return rows[0] === undefined ? undefined : toLink(rows[0]);
  }

  /** The conversations of one chat session with the given purpose. */
  async forSession(sessionId: string, purpose: BotConversationPurpose): Promise<BotConversationLink[]> {
    const rows = await this.database.query<LinkRow>('SELECT * FROM bot_conversations WHERE session_id = $1 AND purpose = $2 ORDER BY created_at', [
      sessionId,
      purpose,
    ]);
    return rows.map(toLink);
  }

  /** Chats with a Bot Framework conversation whose escalation is still open (waiting or with staff). */
  async sessionsWithOpenEscalations(): Promise<string[]> {
    const rows = await this.database.query<{ session_id: string }>(
      `SELECT DISTINCT b.session_id FROM bot_conversations b
         JOIN escalations e ON e.session_id = b.session_id AND e.state IN ('waiting', 'staff')`,
    );
    return rows.map((row) => row.session_id);
  }

  /** True for exactly one caller per conversation and session event: the one that may send it. */
  async claimRelay(link: BotConversationLink, eventId: string): Promise<boolean> {
    const rows = await this.database.query(
      `INSERT INTO bot_relayed_events (channel_id, conversation_id, event_id, session_id) VALUES ($1, $2, $3::bigint, $4)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [link.channelId, link.conversationId, eventId, link.sessionId],
    );
    return rows.length === 1;
  }

  /**
   * The citizen's session for a Bot Framework conversation, made with `createSession` on its first
   * message. Two first messages at once both create a session; the first link stored wins and the
   * other session stays empty.
   */
  async citizenSession(key: BotConversationKey & { serviceUrl: string }, createSession: () => Promise<string>): Promise<string> {
    const existing = await this.find(key);
    if (existing !== undefined) return existing.sessionId;
    const sessionId = await createSession();
    await this.database.query(
      `INSERT INTO bot_conversations (channel_id, conversation_id, purpose, session_id, service_url)
       VALUES ($1, $2, 'citizen', $3, $4) ON CONFLICT (channel_id, conversation_id) DO NOTHING`,
      [key.channelId, key.conversationId, sessionId, key.serviceUrl],
    );
    return (await this.find(key))?.sessionId ?? sessionId;
  }
}
