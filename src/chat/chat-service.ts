// Sessions and messages: stores what the citizen wrote before anything else can fail, asks the
// answer core, stores the reply, and announces both as session events.
import type { Answer, AnswerService, Citation } from '../answer/answer-service.js';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import type { SupportedLanguage } from '../language/languages.js';
import type { EventBus, SessionEvent } from './event-bus.js';

export type MessageRole = 'user' | 'assistant' | 'staff' | 'system';
export type MessageKind = 'question' | 'answer' | 'refusal' | 'emergency' | 'staff' | 'system';

export interface ChatMessage {
  id: string;
  sessionId: string;
  role: MessageRole;
  kind: MessageKind;
  text: string;
  language: SupportedLanguage;
  citations: Citation[];
  createdAt: string;
}

export interface ChatSession {
  id: string;
  createdAt: string;
  hospital: string | null;
  language: SupportedLanguage;
  state: 'bot' | 'waiting' | 'staff' | 'closed';
  emergencyFlagged: boolean;
}

interface SessionRow {
  id: string;
  created_at: Date | string;
  hospital: string | null;
  language: string;
  state: ChatSession['state'];
  emergency_flagged: boolean;
}

interface MessageRow {
  id: string;
  session_id: string;
  created_at: Date | string;
  role: MessageRole;
  kind: MessageKind;
  language: string;
  text: string;
  citations: Citation[];
}

interface EventRow {
  id: string;
  session_id: string;
  type: string;
  payload: unknown;
}

const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();

const toSession = (row: SessionRow): ChatSession => ({
  id: row.id,
  createdAt: iso(row.created_at),
  hospital: row.hospital,
  language: row.language as SupportedLanguage,
  state: row.state,
  emergencyFlagged: row.emergency_flagged,
});

const toMessage = (row: MessageRow): ChatMessage => ({
  id: row.id,
  sessionId: row.session_id,
  role: row.role,
  kind: row.kind,
  text: row.text,
  language: row.language as SupportedLanguage,
  citations: row.citations,
  createdAt: iso(row.created_at),
});

export class ChatService {
  constructor(
    private readonly dependencies: { database: Database; events: EventBus; answers: AnswerService; newId?: () => string },
  ) {}

  private newId(): string {
    return this.dependencies.newId?.() ?? crypto.randomUUID();
  }

  async createSession(options: { hospital?: string; language: SupportedLanguage }): Promise<ChatSession> {
    const rows = await this.dependencies.database.query<SessionRow>(
      'INSERT INTO sessions (id, hospital, language) VALUES ($1, $2, $3) RETURNING *',
      [this.newId(), options.hospital ?? null, options.language],
    );
    return toSession(rows[0] as SessionRow);
  }

  async getSession(sessionId: string): Promise<ChatSession> {
    const rows = await this.dependencies.database.query<SessionRow>('SELECT * FROM sessions WHERE id = $1', [sessionId]);
    const row = rows[0];
    if (row === undefined) throw new AppError('not_found', `No chat session with id "${sessionId}". Start a new session with POST /api/sessions.`);
    return toSession(row);
  }

  async messages(sessionId: string): Promise<ChatMessage[]> {
    await this.getSession(sessionId);
    const rows = await this.dependencies.database.query<MessageRow>(
      'SELECT * FROM messages WHERE session_id = $1 ORDER BY created_at, id',
      [sessionId],
    );
    return rows.map(toMessage);
  }

  /**
   * Stores the citizen's message, answers it and stores the answer. The question is committed first,
   * so it survives any failure further down.
   *
   * Personal data: the transcript keeps the message exactly as the citizen typed it, CPR or phone
   * number included. It is the conversation record staff read when they take over or call back
   * ("ring mig på 20 30 40 50"), and it lives in the same access-controlled database as the
   * patients' appointments. Everything that leaves that record is redacted: the answer service
   * redacts before question analysis, its log lines and the answerer (model), and anything that
   * copies transcripts into an evaluation record or an export must run them through
   * redactPersonalData as well. This service logs nothing of the text.
   */
  async ask(
    sessionId: string,
    input: { text: string; language?: SupportedLanguage; acceptLanguages?: readonly SupportedLanguage[] },
    onDelta?: (delta: string) => void,
  ): Promise<{ question: ChatMessage; answer: ChatMessage }> {
    const session = await this.getSession(sessionId);
    const language = input.language ?? session.language;
    const question = await this.storeMessage(sessionId, { role: 'user', kind: 'question', text: input.text, language, citations: [] });
    const answer: Answer = await this.dependencies.answers.answer(
      {
        text: input.text,
        language,
        ...(input.acceptLanguages !== undefined && { acceptLanguages: input.acceptLanguages }),
        hospital: session.hospital ?? undefined,
      },
      onDelta,
    );
    // Flag the session for staff: an emergency card was shown, someone may need a call back.
    if (answer.kind === 'emergency' && !session.emergencyFlagged) {
      await this.dependencies.database.query('UPDATE sessions SET emergency_flagged = true WHERE id = $1', [sessionId]);
    }
    const reply = await this.storeMessage(sessionId, {
      role: 'assistant',
      kind: answer.kind,
      text: answer.text,
      language: answer.language,
      citations: answer.citations,
    });
    return { question, answer: reply };
  }

  /** Stored events after `afterId` (exclusive), oldest first: the replay behind Last-Event-ID. */
  async eventsSince(sessionId: string, afterId: string | undefined): Promise<SessionEvent[]> {
    await this.getSession(sessionId);
    const after = afterId !== undefined && /^\d{1,18}$/.test(afterId) ? afterId : '0';
    const rows = await this.dependencies.database.query<EventRow>(
      'SELECT id::text AS id, session_id, type, payload FROM session_events WHERE session_id = $1 AND id > $2::bigint ORDER BY id',
      [sessionId, after],
    );
    return rows.map((row) => ({ id: row.id, sessionId: row.session_id, type: row.type, payload: row.payload }));
  }

  private async storeMessage(
    sessionId: string,
    message: Pick<ChatMessage, 'role' | 'kind' | 'text' | 'language' | 'citations'>,
  ): Promise<ChatMessage> {
    const { database, events } = this.dependencies;
    const id = this.newId();
    const { stored, event } = await database.transaction(async (tx) => {
      const rows = await tx.query<MessageRow>(
        `INSERT INTO messages (id, session_id, role, kind, language, text, citations)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) RETURNING *`,
        [id, sessionId, message.role, message.kind, message.language, message.text, JSON.stringify(message.citations)],
      );
      const stored = toMessage(rows[0] as MessageRow);
      const eventRows = await tx.query<{ id: string }>(
        `INSERT INTO session_events (session_id, type, payload) VALUES ($1, 'message-created', $2::jsonb) RETURNING id::text AS id`,
        [sessionId, JSON.stringify({ message: stored })],
      );
      const event: SessionEvent = { id: (eventRows[0] as { id: string }).id, sessionId, type: 'message-created', payload: { message: stored } };
      return { stored, event };
    });
    await events.publish(event);
    return stored;
  }
}
