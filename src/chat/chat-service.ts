// Sessions and messages: stores what the citizen wrote before anything else can fail, asks the
// answer core, stores the reply, and announces both as session events.
import type { Answer, Answerer, Citation, ConversationTurn } from '../answer/answer-service.js';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import type { SupportedLanguage } from '../language/languages.js';
import type { EventBus, SessionEvent } from './event-bus.js';
import type { EscalationService } from '../escalation/escalation-service.js';
import { asksForPerson, topicMatcher, type EscalationTopic } from '../escalation/triggers.js';
import type { EscalationReason } from '../escalation/types.js';
import { detectLanguage } from '../language/languages.js';
import type { PatientSessions } from '../patient/patient-sessions.js';
import { detectEmergency } from '../safety/emergency.js';
import { iso, storeMessageAndEvent, toMessage, type ChatMessage, type MessageKind, type MessageRole, type MessageRow, type NewMessage } from './message-store.js';

export type { ChatMessage, MessageKind, MessageRole } from './message-store.js';

/** A turn of the conversation with what kind of message it was. */
type Turn = ConversationTurn & { kind: MessageKind };

/** Earlier messages handed to the answer service for follow-ups: the last three exchanges. */
const historyTurns = 6;

/** A session with what answering its next message needs (see ChatService.openTurn). */
export interface OpenTurn {
  session: ChatSession;
  /** The last turns between the citizen and the chatbot, oldest first. */
  history: Turn[];
  /** Whether a patient login was ever bound to the session; the login itself is checked on lookup. */
  patientBound: boolean;
}

export interface ChatSession {
  id: string;
  createdAt: string;
  hospital: string | null;
  language: SupportedLanguage;
  state: 'bot' | 'waiting' | 'staff' | 'closed';
  emergencyFlagged: boolean;
}

export const feedbackRatings = ['up', 'down'] as const;
export type FeedbackRating = (typeof feedbackRatings)[number];
/** Longest feedback comment stored; the database enforces it too. */
export const maxFeedbackCommentCharacters = 1000;

/** The citizen's rating of one answer, as stored. */
export interface Feedback {
  messageId: string;
  sessionId: string;
  rating: FeedbackRating;
  /** As the citizen typed it (trimmed); null when none was given. */
  comment: string | null;
  createdAt: string;
  updatedAt: string;
}

export const feedbackStatuses = ['open', 'reviewed'] as const;
/** Whether an editor has dealt with the feedback: the review queue is the open thumbs down. */
export type FeedbackStatus = (typeof feedbackStatuses)[number];

/** A message of the conversation around a rated answer, as editors see it. */
export interface ConversationMessage {
  id: string;
  role: MessageRole;
  kind: MessageKind;
  text: string;
  createdAt: string;
}

/** Feedback with what it is about, for the editors' console. */
export interface FeedbackForEditors extends Feedback {
  hospital: string | null;
  /** The citizen's message the answer replied to; null if none precedes it. */
  question: string | null;
  answer: { text: string; kind: MessageKind; language: SupportedLanguage; citations: Citation[]; createdAt: string };
  /** The chat around the rated answer, oldest first: up to 4 messages before it, the answer, up to 2 after. */
  conversation: ConversationMessage[];
  /** When an editor marked it reviewed, and who (display name); null while it is open. */
  reviewedAt: string | null;
  reviewedBy: string | null;
}

/** Messages of the chat shown before and after a rated answer. */
const conversationBefore = 4;
const conversationAfter = 2;

interface FeedbackRow {
  message_id: string;
  session_id: string;
  rating: FeedbackRating;
  comment: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

interface FeedbackForEditorsRow extends FeedbackRow {
  reviewed_at: Date | string | null;
  reviewed_by: string | null;
  total: string | number;
  hospital: string | null;
  question: string | null;
  answer_text: string;
  answer_kind: MessageKind;
  answer_language: string;
  answer_citations: Citation[];
  answer_created_at: Date | string;
}

interface SessionRow {
  id: string;
  created_at: Date | string;
  hospital: string | null;
  language: string;
  state: ChatSession['state'];
  emergency_flagged: boolean;
}

interface EventRow {
  id: string;
  session_id: string;
  type: string;
  payload: unknown;
}

const toSession = (row: SessionRow): ChatSession => ({
  id: row.id,
  createdAt: iso(row.created_at),
  hospital: row.hospital,
  language: row.language as SupportedLanguage,
  state: row.state,
  emergencyFlagged: row.emergency_flagged,
});

const toFeedback = (row: FeedbackRow): Feedback => ({
  messageId: row.message_id,
  sessionId: row.session_id,
  rating: row.rating,
  comment: row.comment,
  createdAt: iso(row.created_at),
  updatedAt: iso(row.updated_at),
});

export class ChatService {
  constructor(
    private readonly dependencies: {
      database: Database;
      events: EventBus;
      answers: Answerer;
      newId?: () => string;
      /** Hands chats to a person; without it the chatbot never escalates. */
      escalations?: EscalationService;
      /** Topics that always go to a person, and refusals in a row before one is asked. */
      escalationPolicy?: { topics: readonly EscalationTopic[]; refusalsBeforeEscalation: number };
      /** Which patient a verified login bound to a session; without it nobody is ever logged in. */
      patients?: PatientSessions;
    },
  ) {
    this.topicOf = topicMatcher(dependencies.escalationPolicy?.topics ?? []);
  }

  private readonly topicOf: (text: string) => EscalationTopic | undefined;

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

  /**
   * Deletes the conversation: the session with its messages, events, feedback, escalations, callback
   * requests and patient login (they cascade). The citizen's "Ny samtale" calls it.
   */
  async deleteSession(sessionId: string): Promise<void> {
    const rows = await this.dependencies.database.query<{ id: string }>('DELETE FROM sessions WHERE id = $1 RETURNING id', [sessionId]);
    if (rows.length === 0) throw new AppError('not_found', `No chat session with id "${sessionId}".`);
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
  /**
   * What answering the next message needs, read in one statement: the session, the conversation so
   * far and whether a patient login is bound to it (when none is, the patient lookup is skipped).
   * A route that must answer 404 before it starts a stream reads this first and hands it to ask().
   */
  async openTurn(sessionId: string): Promise<OpenTurn> {
    // The chatbot's notes about the queue are not part of the question-and-answer thread.
    const [row] = await this.dependencies.database.query<SessionRow & { patient_bound: boolean; history: Turn[] | null }>(
      `SELECT s.*,
              EXISTS (SELECT 1 FROM patient_sessions p WHERE p.session_id = s.id) AS patient_bound,
              (SELECT json_agg(json_build_object('role', t.role, 'text', t.text, 'kind', t.kind) ORDER BY t.created_at)
                 FROM (SELECT role, text, kind, created_at FROM messages m
                        WHERE m.session_id = s.id AND m.role IN ('user', 'assistant') AND m.kind <> 'system'
                        ORDER BY m.created_at DESC LIMIT $2) t) AS history
         FROM sessions s WHERE s.id = $1`,
      [sessionId, historyTurns],
    );
    if (row === undefined) throw new AppError('not_found', `No chat session with id "${sessionId}". Start a new session with POST /api/sessions.`);
    return { session: toSession(row), history: row.history ?? [], patientBound: row.patient_bound };
  }

  async ask(
    turn: string | OpenTurn,
    input: { text: string; language?: SupportedLanguage; acceptLanguages?: readonly SupportedLanguage[] },
    onDelta?: (delta: string) => void,
    /**
     * Called once the question is stored, before answering: a stream can confirm it at once. The
     * session event id lets a client that loses the stream replay the session's events from there.
     */
    onQuestionStored?: (question: ChatMessage, eventId: string) => void,
  ): Promise<{ question: ChatMessage; answer: ChatMessage | null }> {
    const { session, history, patientBound } = typeof turn === 'string' ? await this.openTurn(turn) : turn;
    const sessionId = session.id;
    const language = input.language ?? session.language;
    const { escalations } = this.dependencies;
    // A person has the chat: the message is theirs to answer, and the chatbot stays silent.
    if (session.state === 'staff' && escalations !== undefined) {
      const { stored: question, event } = await this.storeMessageAndEvent(sessionId, { role: 'user', kind: 'question', text: input.text, language, citations: [] });
      onQuestionStored?.(question, event.id);
      return { question, answer: null };
    }
    // The conversation so far (`history`) is read with the session, so a follow-up ("og på Lyngå?",
    // "hvad koster det?") is understood. As typed: the answer service redacts it before it reaches
    // analysis, a log or a model.
    const { stored: question, event } = await this.storeMessageAndEvent(sessionId, { role: 'user', kind: 'question', text: input.text, language, citations: [] });
    onQuestionStored?.(question, event.id);

    // "Kan jeg tale med et menneske?": straight to the queue, unless it is an emergency, which the
    // answer service meets with the emergency card first (and the chat is then escalated below).
    if (escalations !== undefined && session.state !== 'waiting' && asksForPerson(input.text) && !detectEmergency(input.text).emergency) {
      const { status } = await escalations.request(sessionId, 'citizen');
      const replyLanguage = detectLanguage(input.text, { widget: language, ...(input.acceptLanguages && { acceptLanguages: input.acceptLanguages }), fallback: language });
      const text = escalations.queuedMessage(status, replyLanguage, false);
      const reply = await this.storeMessage(sessionId, { role: 'assistant', kind: 'system', text, language: replyLanguage, citations: [] }, question.id);
      return { question, answer: reply };
    }

    // The patient comes from the verified login bound to this session, never from the input.
    // No login was ever bound: the lookup would find none, so it is not made.
    const { patients } = this.dependencies;
    const patient = patients === undefined ? undefined : patientBound ? await patients.lookup(sessionId) : ({ identity: undefined, miss: 'none' } as const);
    const answer: Answer = await this.dependencies.answers.answer(
      {
        ...(patient !== undefined && { patient }),
        text: input.text,
        language,
        ...(input.acceptLanguages !== undefined && { acceptLanguages: input.acceptLanguages }),
        hospital: session.hospital ?? undefined,
        ...(history.length > 0 && { history: history.map(({ role, text }) => ({ role, text })) }),
      },
      onDelta,
    );
    // Flag the session for staff: an emergency card was shown, someone may need a call back.
    if (answer.kind === 'emergency' && !session.emergencyFlagged) {
      await this.dependencies.database.query('UPDATE sessions SET emergency_flagged = true WHERE id = $1', [sessionId]);
    }
    const reply = await this.storeMessage(
      sessionId,
      {
        role: 'assistant',
        kind: answer.kind,
        text: answer.text,
        language: answer.language,
        citations: answer.citations,
        ...(answer.kind === 'refusal' && answer.refusalReason !== undefined && { refusalReason: answer.refusalReason }),
      },
      question.id,
    );
    if (escalations !== undefined && session.state !== 'waiting') {
      const reason = this.escalationAfter(answer, input.text, history);
      if (reason !== undefined) {
        const { status } = await escalations.request(sessionId, reason.reason, reason.topic ? { topic: reason.topic } : {});
        const text = escalations.queuedMessage(status, answer.language, true);
        await this.storeMessage(sessionId, { role: 'assistant', kind: 'system', text, language: answer.language, citations: [] }, question.id);
      }
    }
    return { question, answer: reply };
  }

  /**
   * Whether the chatbot hands the chat to a person after this answer: an emergency (the card has
   * been shown), the chatbot unable to answer several times in a row, or a topic that always goes
   * to staff.
   */
  private escalationAfter(answer: Answer, text: string, history: readonly Turn[]): { reason: EscalationReason; topic?: EscalationTopic } | undefined {
    if (answer.kind === 'emergency') return { reason: 'emergency' };
    const topic = this.topicOf(text);
    if (topic !== undefined) return { reason: 'topic', topic };
    const needed = this.dependencies.escalationPolicy?.refusalsBeforeEscalation ?? 2;
    // Asked to log in (or refused medical advice): not a failure of the chatbot a person must take over.
    if (answer.kind === 'refusal' && answer.refusalReason !== 'medical-advice' && answer.refusalReason !== 'login-required') {
      // The earlier answers, newest first: were the last (needed - 1) of them refusals too?
      const earlier = history.filter((turn) => turn.role === 'assistant').reverse().slice(0, needed - 1);
      if (earlier.length === needed - 1 && earlier.every((turn) => turn.kind === 'refusal')) return { reason: 'refusals' };
    }
    return undefined;
  }

  /**
   * Records the citizen's rating of one of the chatbot's answers in this session; a second rating
   * of the same answer replaces the first (comment included). The comment is stored as typed, for
   * editors: it may hold personal data, so callers must not log it (log countPersonalData instead).
   */
  async recordFeedback(sessionId: string, messageId: string, input: { rating: FeedbackRating; comment?: string | null }): Promise<Feedback> {
    if (!feedbackRatings.includes(input.rating)) throw new AppError('invalid_request', 'rating: must be "up" or "down"');
    const comment = input.comment?.trim() || null;
    if (comment !== null && comment.length > maxFeedbackCommentCharacters) {
      throw new AppError('invalid_request', `comment: must be at most ${maxFeedbackCommentCharacters} characters`);
    }
    await this.getSession(sessionId);
    const { database } = this.dependencies;
    // Unknown and other sessions' messages get the same answer: nothing tells them apart.
    const [message] = await database.query<Pick<MessageRow, 'role'>>('SELECT role FROM messages WHERE id = $1 AND session_id = $2', [messageId, sessionId]);
    if (message === undefined) throw new AppError('not_found', `messageId: no message with id "${messageId}" in this chat session.`);
    if (message.role !== 'assistant') {
      throw new AppError('invalid_request', `messageId: feedback is for the chatbot's answers; message "${messageId}" is not one.`);
    }
    const rows = await database.query<FeedbackRow>(
      `INSERT INTO feedback (message_id, session_id, rating, comment) VALUES ($1, $2, $3, $4)
       ON CONFLICT (message_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, updated_at = now()
       RETURNING *`,
      [messageId, sessionId, input.rating, comment],
    );
    return toFeedback(rows[0] as FeedbackRow);
  }

  /**
   * Feedback for editors, most recently given first, with the answer, the question it replied to
   * and the conversation around it. Texts are as stored (unredacted): this is for the
   * access-controlled editors' console only. `status: 'open'` with `rating: 'down'` is the review queue.
   */
  async listFeedback(
    options: { limit?: number; offset?: number; rating?: FeedbackRating; status?: FeedbackStatus } = {},
  ): Promise<{ items: FeedbackForEditors[]; nextOffset: number | null; total: number }> {
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), 200);
    const offset = Math.max(Math.trunc(options.offset ?? 0), 0);
    const rows = await this.feedbackRows({ rating: options.rating ?? null, status: options.status ?? null, messageId: null, limit, offset });
    const conversations = await this.conversationsAround(rows.map((row) => row.message_id));
    const items = rows.map((row) => this.toFeedbackForEditors(row, conversations.get(row.message_id) ?? []));
    // The total rides on every row; an offset past the end has no row to carry it.
    const total = rows[0] !== undefined ? Number(rows[0].total) : offset > 0 ? await this.countFeedback(options.rating ?? null, options.status ?? null) : 0;
    return { items, nextOffset: offset + rows.length < total ? offset + rows.length : null, total };
  }

  /**
   * Marks a rated answer's feedback reviewed by an editor (`editor`: the display name), or open
   * again. Marking it reviewed again keeps the first review's time and name.
   */
  async reviewFeedback(messageId: string, input: { reviewed: boolean; editor: string }): Promise<FeedbackForEditors> {
    const updated = await this.dependencies.database.query<{ message_id: string }>(
      `UPDATE feedback
          SET reviewed_at = CASE WHEN $2::boolean THEN COALESCE(reviewed_at, now()) END,
              reviewed_by = CASE WHEN $2::boolean THEN COALESCE(reviewed_by, $3::text) END
        WHERE message_id = $1
        RETURNING message_id`,
      [messageId, input.reviewed, input.editor],
    );
    if (updated.length === 0) throw new AppError('not_found', `id: no feedback with id "${messageId}" (the id is the rated answer's message id).`);
    const [row] = await this.feedbackRows({ rating: null, status: null, messageId, limit: 1, offset: 0 });
    if (row === undefined) throw new AppError('not_found', `id: no feedback with id "${messageId}" (the id is the rated answer's message id).`);
    const conversations = await this.conversationsAround([messageId]);
    return this.toFeedbackForEditors(row, conversations.get(messageId) ?? []);
  }

  private feedbackRows(filter: { rating: FeedbackRating | null; status: FeedbackStatus | null; messageId: string | null; limit: number; offset: number }): Promise<FeedbackForEditorsRow[]> {
    return this.dependencies.database.query<FeedbackForEditorsRow>(
      `SELECT f.*, count(*) OVER () AS total, s.hospital, q.text AS question,
              a.text AS answer_text, a.kind AS answer_kind, a.language AS answer_language,
              a.citations AS answer_citations, a.created_at AS answer_created_at
         FROM feedback f
         JOIN messages a ON a.id = f.message_id
         JOIN sessions s ON s.id = f.session_id
         LEFT JOIN LATERAL (
           -- The question the answer replies to; for rows stored before reply_to existed, the
           -- citizen's latest message before the answer.
           SELECT text FROM messages m
            WHERE m.session_id = a.session_id AND m.role = 'user'
              AND (m.id = a.reply_to OR (a.reply_to IS NULL AND m.created_at <= a.created_at))
            ORDER BY (m.id = a.reply_to) DESC, m.created_at DESC LIMIT 1
         ) q ON true
        WHERE ($1::text IS NULL OR f.rating = $1::text)
          AND ($2::text IS NULL OR ($2::text = 'open') = (f.reviewed_at IS NULL))
          AND ($3::text IS NULL OR f.message_id = $3::text)
        ORDER BY f.updated_at DESC, f.message_id DESC
        LIMIT $4 OFFSET $5`,
      [filter.rating, filter.status, filter.messageId, filter.limit, filter.offset],
    );
  }

  private async countFeedback(rating: FeedbackRating | null, status: FeedbackStatus | null): Promise<number> {
    const [row] = await this.dependencies.database.query<{ total: string | number }>(
      `SELECT count(*) AS total FROM feedback f
        WHERE ($1::text IS NULL OR f.rating = $1::text) AND ($2::text IS NULL OR ($2::text = 'open') = (f.reviewed_at IS NULL))`,
      [rating, status],
    );
    return Number(row?.total ?? 0);
  }

  /** For each rated answer: the messages of its chat around it (4 before, the answer, 2 after), oldest first. */
  private async conversationsAround(answerIds: readonly string[]): Promise<Map<string, ConversationMessage[]>> {
    const conversations = new Map<string, ConversationMessage[]>();
    if (answerIds.length === 0) return conversations;
    const rows = await this.dependencies.database.query<{ around: string; id: string; role: MessageRole; kind: MessageKind; text: string; created_at: Date | string }>(
      `WITH rated AS (
         SELECT id, session_id, created_at FROM messages WHERE id = ANY($1::text[])
       ), numbered AS (
         SELECT m.id, m.session_id, m.role, m.kind, m.text, m.created_at,
                row_number() OVER (PARTITION BY m.session_id ORDER BY m.created_at, m.id) AS position
           FROM messages m WHERE m.session_id IN (SELECT session_id FROM rated)
       )
       SELECT r.id AS around, n.id, n.role, n.kind, n.text, n.created_at
         FROM rated r
         JOIN numbered a ON a.id = r.id
         JOIN numbered n ON n.session_id = a.session_id AND n.position BETWEEN a.position - $2::int AND a.position + $3::int
        ORDER BY r.id, n.position`,
      [answerIds, conversationBefore, conversationAfter],
    );
    for (const row of rows) {
      const list = conversations.get(row.around) ?? [];
      list.push({ id: row.id, role: row.role, kind: row.kind, text: row.text, createdAt: iso(row.created_at) });
      conversations.set(row.around, list);
    }
    return conversations;
  }

  private toFeedbackForEditors(row: FeedbackForEditorsRow, conversation: ConversationMessage[]): FeedbackForEditors {
    return {
      ...toFeedback(row),
      hospital: row.hospital,
      question: row.question,
      answer: {
        text: row.answer_text,
        kind: row.answer_kind,
        language: row.answer_language as SupportedLanguage,
        citations: row.answer_citations,
        createdAt: iso(row.answer_created_at),
      },
      conversation,
      reviewedAt: row.reviewed_at === null ? null : iso(row.reviewed_at),
      reviewedBy: row.reviewed_by,
    };
  }

  /** Stored events after `afterId` (exclusive), oldest first: the replay behind Last-Event-ID. */
  async eventsSince(sessionId: string, afterId: string | undefined): Promise<SessionEvent[]> {
    await this.getSession(sessionId);
    const after = afterId !== undefined && /^\d{1,18}$/.test(afterId) ? afterId : '0';
    const rows = await this.dependencies.database.query<EventRow>(
      'SELECT id::text AS id, session_id, type, payload FROM session_events WHERE session_id = $1 AND id > $2::bigint ORDER BY session_events.id',
      [sessionId, after],
    );
    return rows.map((row) => ({ id: row.id, sessionId: row.session_id, type: row.type, payload: row.payload }));
  }

  private async storeMessage(sessionId: string, message: NewMessage, replyTo?: string): Promise<ChatMessage> {
    return (await this.storeMessageAndEvent(sessionId, message, replyTo)).stored;
  }

  private storeMessageAndEvent(sessionId: string, message: NewMessage, replyTo?: string): Promise<{ stored: ChatMessage; event: SessionEvent }> {
    return storeMessageAndEvent(this.dependencies.database, this.dependencies.events, this.newId(), sessionId, message, replyTo);
  }
}
