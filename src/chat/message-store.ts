// Storing a message and announcing it, shared by the chat (citizen and bot) and the escalation
// service (staff and system notes): the message and its session event commit together, and the
// event is published only after the commit, so a client that reconnects can always replay it.
import type { Citation, RefusalReason } from '../answer/answer-service.js';
import type { Database, Queryable } from '../db/database.js';
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
  /** For an answer: the id of the citizen's message it replies to; null otherwise. */
  replyTo: string | null;
  /** Who wrote a staff message, as shown to the citizen (a first name or a role). */
  author?: string;
}

export interface MessageRow {
  id: string;
  session_id: string;
  created_at: Date | string;
  role: MessageRole;
  kind: MessageKind;
  language: string;
  text: string;
  citations: Citation[];
  reply_to?: string | null;
  author?: string | null;
  refusal_reason?: RefusalReason | null;
}

export const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();

export const toMessage = (row: MessageRow): ChatMessage => ({
  id: row.id,
  sessionId: row.session_id,
  role: row.role,
  kind: row.kind,
  text: row.text,
  language: row.language as SupportedLanguage,
  citations: row.citations,
  createdAt: iso(row.created_at),
  replyTo: row.reply_to ?? null,
  ...(row.author ? { author: row.author } : {}),
});

/**
 * A message to store. `refusalReason` is kept for a refusal (editors group the questions no page
 * answered); it is stored only, never shown to the citizen or sent in the message's event.
 */
export type NewMessage = Pick<ChatMessage, 'role' | 'kind' | 'text' | 'language' | 'citations'> & { author?: string; refusalReason?: RefusalReason };

/**
 * Inserts a session event inside `tx`; the caller publishes it after the commit.
 *
 * The session's row is locked first, so two transactions writing events for the same session take
 * their ids one after the other and commit in id order. Without it a later id could commit first,
 * be sent, and the earlier one would then look already delivered to every stream following the
 * session (they skip ids at or below the last one sent), and be lost to it.
 */
export async function insertEvent(tx: Queryable, sessionId: string, type: string, payload: unknown): Promise<SessionEvent> {
  await tx.query('SELECT 1 FROM sessions WHERE id = $1 FOR UPDATE', [sessionId]);
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO session_events (session_id, type, payload) VALUES ($1, $2, $3::jsonb) RETURNING id::text AS id`,
    [sessionId, type, JSON.stringify(payload)],
  );
  return { id: (rows[0] as { id: string }).id, sessionId, type, payload };
}

/** Inserts a message and its `message-created` event inside `tx`. */
export async function insertMessage(tx: Queryable, id: string, sessionId: string, message: NewMessage, replyTo?: string): Promise<{ stored: ChatMessage; event: SessionEvent }> {
  const rows = await tx.query<MessageRow>(
    `INSERT INTO messages (id, session_id, role, kind, language, text, citations, reply_to, author, refusal_reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10) RETURNING *`,
    [id, sessionId, message.role, message.kind, message.language, message.text, JSON.stringify(message.citations), replyTo ?? null, message.author ?? null, message.refusalReason ?? null],
  );
  const stored = toMessage(rows[0] as MessageRow);
  return { stored, event: await insertEvent(tx, sessionId, 'message-created', { message: stored }) };
}

/**
 * Stores one message with its event, then announces it. One statement, so one round trip: it locks
 * the session's row first (ids of one session commit in order, see insertEvent), inserts the
 * message, and inserts its event. The event's payload is the message as built here with the
 * database's own time added, so the statement returns only that time and the event id.
 */
export async function storeMessageAndEvent(
  database: Database,
  events: EventBus,
  id: string,
  sessionId: string,
  message: NewMessage,
  replyTo?: string,
): Promise<{ stored: ChatMessage; event: SessionEvent }> {
  const shown: Omit<ChatMessage, 'createdAt'> = {
    id,
    sessionId,
    role: message.role,
    kind: message.kind,
    text: message.text,
    language: message.language,
    citations: message.citations,
    replyTo: replyTo ?? null,
    ...(message.author ? { author: message.author } : {}),
  };
  const rows = await database.query<{ created_at: string; event_id: string }>(
    `WITH locked AS (
       SELECT id FROM sessions WHERE id = $2 FOR UPDATE
     ), stored AS (
       INSERT INTO messages (id, session_id, role, kind, language, text, citations, reply_to, author, refusal_reason)
       SELECT $1, locked.id, $3, $4, $5, $6, $7::jsonb, $8, $9, $10 FROM locked
       RETURNING session_id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at
     ), announced AS (
       INSERT INTO session_events (session_id, type, payload)
       SELECT session_id, 'message-created', jsonb_build_object('message', $11::jsonb || jsonb_build_object('createdAt', created_at))
       FROM stored RETURNING id::text AS event_id
     )
     SELECT stored.created_at, announced.event_id FROM stored, announced`,
    [id, sessionId, message.role, message.kind, message.language, message.text, JSON.stringify(message.citations), replyTo ?? null, message.author ?? null, message.refusalReason ?? null, JSON.stringify(shown)],
  );
  const row = rows[0];
  if (row === undefined) throw new AppError('not_found', `No chat session with id "${sessionId}". Start a new session with POST /api/sessions.`);
  const stored: ChatMessage = { ...shown, createdAt: iso(row.created_at) };
  const event: SessionEvent = { id: row.event_id, sessionId, type: 'message-created', payload: { message: stored } };
  await events.publish(event);
  return { stored, event };
}
