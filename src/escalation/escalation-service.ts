// Escalation to a person: the queue (emergency-flagged first, then oldest), each team's opening
// hours with Danish public holidays, callback requests outside hours, the handoff summary, and what
// staff do with a chat (take over, write, hand back, close). Every change is one transaction that
// updates the escalation and the session and stores a `session-state` event for each chat whose
// status changed (its own, and those behind it in the queue), then announces the events; a widget
// or console that reconnects with Last-Event-ID replays them. Taking over is a conditional update,
// so of two staff claiming the same chat exactly one wins, on one process or many.
import { openingStatus } from '../calendar/opening-hours.js';
import type { EventBus, SessionEvent } from '../chat/event-bus.js';
import { insertMessage, iso, toMessage, type ChatMessage, type MessageRow } from '../chat/message-store.js';
import type { Database, Queryable } from '../db/database.js';
import { AppError } from '../errors.js';
import type { SupportedLanguage } from '../language/languages.js';
import type { Logger } from '../logger.js';
import { findPersonalData } from '../safety/redact.js';
import { teamFor, type CannedReply, type EscalationSettings, type EscalationTeam } from './settings.js';
import { extractiveSummary, type SummaryWriter } from './summary.js';
import { queuedText } from './texts.js';
import type { EscalationTopic } from './triggers.js';
import type {
  CallbackRequestInput,
  EscalationForStaff,
  EscalationReason,
  EscalationStatus,
  HandoffSummary,
  StaffActions,
  StaffChannel,
  StaffIdentity,
} from './types.js';

export interface EscalationDependencies {
  database: Database;
  events: EventBus;
  settings: EscalationSettings;
  logger: Logger;
  now?: () => Date;
  newId?: () => string;
  /** Teams and other channels told about new escalations; the console always has them. */
  channels?: readonly StaffChannel[];
  /** Writes the summary's text with a chat model when one is configured. */
  summaryWriter?: SummaryWriter;
  /** Link to the chat in the staff console, for channels ("Overtag samtalen"). */
  takeOverLink?: (sessionId: string) => string;
}

interface EscalationRow {
  id: string;
  session_id: string;
  state: EscalationStatus['state'];
  reason: EscalationReason;
  team: string;
  priority: number;
  requested_at: Date | string;
  claimed_by: string | null;
  claimed_by_name: string | null;
  claimed_at: Date | string | null;
  ended_at: Date | string | null;
  outcome: string | null;
  summary: HandoffSummary;
  hospital: string | null;
  language: string;
  callback_requested: boolean;
}

/** A callback request as staff see it; the phone number is for staff only. */
export interface CallbackRequest {
  id: string;
  sessionId: string;
  phone: string;
  preferredTime: CallbackRequestInput['preferredTime'];
  message: string | null;
  createdAt: string;
  handledAt: string | null;
  handledBy: string | null;
  language: SupportedLanguage;
  hospital: string | null;
  summary: HandoffSummary;
}

interface CallbackRow {
  id: string;
  session_id: string;
  phone: string;
  preferred_time: CallbackRequestInput['preferredTime'];
  message: string | null;
  created_at: Date | string;
  handled_at: Date | string | null;
  handled_by_name: string | null;
  language: string;
  hospital: string | null;
  summary: HandoffSummary;
}

/** Outcomes staff close a chat with; the console offers these. */
export const closeOutcomes = ['answered', 'callback-booked', 'referred', 'no-response', 'other'] as const;
export type CloseOutcome = (typeof closeOutcomes)[number];

export const maxStaffMessageCharacters = 4000;
export const maxCallbackMessageCharacters = 1000;

const ESCALATION_COLUMNS = `e.*, s.hospital, s.language,
  EXISTS (SELECT 1 FROM callback_requests c WHERE c.escalation_id = e.id) AS callback_requested`;

/** Danish (8 digits, optional +45/0045) or international (+ and 7–15 digits) phone numbers. */
export function normalisePhone(typed: string): string | null {
  const compact = typed.replace(/[\s\-().]/g, '');
  const danish = /^(?:\+45|0045)?(\d{8})$/.exec(compact);
  if (danish) return `+45${danish[1]}`;
  const international = /^(?:\+|00)(\d{7,15})$/.exec(compact);
  return international ? `+${international[1]}` : null;
}

export class EscalationService implements StaffActions {
  constructor(private readonly dependencies: EscalationDependencies) {}

  private now(): Date {
    return this.dependencies.now?.() ?? new Date();
  }

  private newId(): string {
    return this.dependencies.newId?.() ?? crypto.randomUUID();
  }

  get cannedReplies(): readonly CannedReply[] {
    return this.dependencies.settings.cannedReplies;
  }

  private team(id: string): EscalationTeam {
    const team = this.dependencies.settings.teams.find((candidate) => candidate.id === id);
    return team ?? teamFor(this.dependencies.settings, null);
  }

  /** Where the chat stands, as the citizen's widget shows it. */
  async status(sessionId: string): Promise<EscalationStatus> {
    return this.statusIn(this.dependencies.database, sessionId);
  }

  private async sessionRow(db: Queryable, sessionId: string) {
    const [session] = await db.query<{ id: string; hospital: string | null; language: string; emergency_flagged: boolean; state: string }>(
      'SELECT id, hospital, language, emergency_flagged, state FROM sessions WHERE id = $1',
      [sessionId],
    );
    if (session === undefined) throw new AppError('not_found', `No chat session with id "${sessionId}". Start a new session with POST /api/sessions.`);
    return session;
  }

  private async latest(db: Queryable, sessionId: string): Promise<EscalationRow | undefined> {
    const [row] = await db.query<EscalationRow>(
      `SELECT ${ESCALATION_COLUMNS} FROM escalations e JOIN sessions s ON s.id = e.session_id
        WHERE e.session_id = $1 ORDER BY e.id DESC LIMIT 1`,
      [sessionId],
    );
    return row;
  }

  private async statusIn(db: Queryable, sessionId: string): Promise<EscalationStatus> {
    const status = (await this.statusesIn(db, [sessionId])).get(sessionId);
    if (status === undefined) throw new AppError('not_found', `No chat session with id "${sessionId}". Start a new session with POST /api/sessions.`);
    return status;
  }

  /**
   * The status of several chats in three queries, however long the queue: the latest escalation of
   * each, and every waiting chat's place in its team's line from one window function. (One count
   * per chat made an emergency, which moves everyone back, cost a query per waiting chat.)
   */
  private async statusesIn(db: Queryable, sessionIds: readonly string[]): Promise<Map<string, EscalationStatus>> {
    const sessions = await db.query<{ id: string; hospital: string | null }>('SELECT id, hospital FROM sessions WHERE id = ANY($1::text[])', [sessionIds]);
    const latest = await db.query<EscalationRow>(
      `SELECT DISTINCT ON (e.session_id) ${ESCALATION_COLUMNS} FROM escalations e JOIN sessions s ON s.id = e.session_id
        WHERE e.session_id = ANY($1::text[]) ORDER BY e.session_id, e.id DESC`,
      [sessionIds],
    );
    const byId = new Map(latest.map((row) => [row.session_id, row]));
    const waitingTeams = [...new Set(latest.filter((row) => row.state === 'waiting').map((row) => row.team))];
    const places = new Map<string, number>();
    if (waitingTeams.length > 0) {
      const ranked = await db.query<{ session_id: string; place: number }>(
        `SELECT session_id, place FROM (
           SELECT session_id, row_number() OVER (PARTITION BY team ORDER BY priority, requested_at, id)::int AS place
             FROM escalations WHERE state = 'waiting' AND team = ANY($1::text[])
         ) q WHERE session_id = ANY($2::text[])`,
        [waitingTeams, sessionIds],
      );
      for (const row of ranked) places.set(row.session_id, row.place);
    }
    const now = this.now();
    const hoursOf = new Map<string, ReturnType<typeof openingStatus>>();
    const statuses = new Map<string, EscalationStatus>();
    for (const session of sessions) {
      const row = byId.get(session.id);
      const team = row ? this.team(row.team) : teamFor(this.dependencies.settings, session.hospital);
      const hours = hoursOf.get(team.id) ?? openingStatus(now, team.schedule);
      hoursOf.set(team.id, hours);
      const status: EscalationStatus = {
        state: 'bot',
        team: team.id,
        open: hours.open,
        ...(!hours.open && hours.opensAt && { opensAt: hours.opensAt.at.toISOString() }),
      };
      if (row !== undefined) {
        status.state = row.state;
        status.reason = row.reason;
        if (row.callback_requested) status.callbackRequested = true;
        if (row.state === 'staff' && row.claimed_by_name) status.staffName = row.claimed_by_name;
        if ((row.state === 'bot' || row.state === 'closed') && row.claimed_by_name) status.previousStaffName = row.claimed_by_name;
        const place = places.get(session.id);
        if (row.state === 'waiting' && hours.open && place !== undefined) {
          status.queuePosition = place;
          status.expectedWaitMinutes = place * team.minutesPerChat;
        }
      }
      statuses.set(session.id, status);
    }
    return statuses;
  }

  /** Stores a `session-state` event with the current status of each chat, inside `tx`, in one insert. */
  private async stateEvents(tx: Queryable, sessionIds: Iterable<string>): Promise<SessionEvent[]> {
    // Sorted: transactions lock sessions in one order, so they cannot deadlock; locked before the
    // event ids are drawn, so one session's events commit in id order (see insertEvent).
    const ids = [...new Set(sessionIds)].sort();
    if (ids.length === 0) return [];
    await tx.query('SELECT id FROM sessions WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE', [ids]);
    const statuses = await this.statusesIn(tx, ids);
    const present = ids.filter((id) => statuses.has(id));
    const payloads = present.map((id) => JSON.stringify({ escalation: statuses.get(id) }));
    const rows = await tx.query<{ id: string; session_id: string }>(
      `INSERT INTO session_events (session_id, type, payload)
       SELECT session_id, 'session-state', payload::jsonb FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(session_id, payload, n)
        ORDER BY n RETURNING id::text AS id, session_id`,
      [present, payloads],
    );
    return rows
      .map((row) => ({ id: row.id, sessionId: row.session_id, type: 'session-state', payload: { escalation: statuses.get(row.session_id) } }))
      .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }

  /** The chats waiting in a team's queue, for announcing a changed place in line. */
  private async waitingIn(tx: Queryable, team: string): Promise<string[]> {
    const rows = await tx.query<{ session_id: string }>(`SELECT session_id FROM escalations WHERE team = $1 AND state = 'waiting'`, [team]);
    return rows.map((row) => row.session_id);
  }

  /** Announces stored events, then tells every staff console (on every replica) the queue changed. */
  private async publish(events: readonly SessionEvent[]): Promise<void> {
    for (const event of events) await this.dependencies.events.publish(event);
    const changed = new Set(events.filter((event) => event.type === 'session-state').map((event) => event.sessionId));
    for (const sessionId of changed) {
      await this.dependencies.events.broadcast({ type: 'queue-changed', payload: { sessionId } }).catch((error: unknown) => {
        this.dependencies.logger.warn({ event: 'queue-broadcast-failed', sessionId, error: String(error) }, 'queue change not broadcast');
      });
    }
  }

  /**
   * Puts the chat in its team's queue (or keeps it there: asking twice changes nothing). Inside
   * opening hours the citizen gets a place in line; outside them the status says when the team
   * opens and the widget offers a callback. Staff channels (Teams) are told after the commit.
   */
  async request(sessionId: string, reason: EscalationReason, options: { topic?: EscalationTopic } = {}): Promise<{ status: EscalationStatus; created: boolean }> {
    const { database } = this.dependencies;
    const session = await this.sessionRow(database, sessionId);
    const open = await this.latest(database, sessionId);
    if (open && (open.state === 'waiting' || open.state === 'staff')) return { status: await this.status(sessionId), created: false };

    const team = teamFor(this.dependencies.settings, session.hospital, options.topic);
    const summary = await this.summarise(sessionId, session.language as SupportedLanguage, reason, session.emergency_flagged);
    const priority = reason === 'emergency' || session.emergency_flagged ? 0 : 1;
    const result = await database.transaction(async (tx) => {
      const inserted = await tx.query<{ id: string }>(
        `INSERT INTO escalations (session_id, state, reason, team, priority, requested_at, summary)
         VALUES ($1, 'waiting', $2, $3, $4, $5, $6::jsonb)
         ON CONFLICT (session_id) WHERE state IN ('waiting', 'staff') DO NOTHING RETURNING id::text AS id`,
        [sessionId, reason, team.id, priority, this.now().toISOString(), JSON.stringify(summary)],
      );
      if (inserted.length === 0) return { events: [], created: false };
      await tx.query(`UPDATE sessions SET state = 'waiting' WHERE id = $1`, [sessionId]);
      // An emergency goes ahead of others: their place in line changes too.
      const affected = priority === 0 ? await this.waitingIn(tx, team.id) : [sessionId];
      return { events: await this.stateEvents(tx, [sessionId, ...affected]), created: true };
    });
    await this.publish(result.events);
    const status = await this.status(sessionId);
    if (result.created) {
      this.dependencies.logger.info({ event: 'escalation-requested', sessionId, reason, team: team.id, priority, open: status.open }, 'chat escalated');
      void this.announce(sessionId);
    }
    return { status, created: result.created };
  }

  /** Tells staff channels about a new escalation; a channel failing is logged and changes nothing else. */
  private async announce(sessionId: string): Promise<void> {
    const channels = this.dependencies.channels ?? [];
    if (channels.length === 0) return;
    const escalation = await this.forStaff(sessionId);
    if (escalation === undefined) return;
    const takeOver = this.dependencies.takeOverLink?.(sessionId) ?? `/staff#/chats/${encodeURIComponent(sessionId)}`;
    await Promise.all(
      channels.map((channel) =>
        channel.announce(escalation, { takeOver }).catch((error: unknown) => {
          this.dependencies.logger.error({ event: 'staff-channel-failed', channel: channel.name, sessionId, error: String(error) }, 'staff channel failed');
        }),
      ),
    );
  }

  private async summarise(sessionId: string, language: SupportedLanguage, reason: EscalationReason, emergencyFlagged: boolean): Promise<HandoffSummary> {
    const messages = await this.transcript(sessionId);
    const summary = extractiveSummary(messages, { language, reason, emergencyFlagged });
    const writer = this.dependencies.summaryWriter;
    if (writer === undefined) return summary;
    try {
      const text = await writer.write({
        language: summary.language,
        reason: summary.reason,
        emergencyFlagged: summary.emergencyFlagged,
        questions: summary.questions,
        ...(summary.lastAnswer !== undefined && { lastAnswer: summary.lastAnswer }),
      });
      // A model's summary is redacted like everything else staff get from the chat.
      if (text !== undefined && text.trim() !== '' && findPersonalData(text).length === 0) return { ...summary, text: text.trim(), madeBy: 'model' };
    } catch (error) {
      this.dependencies.logger.warn({ event: 'summary-model-failed', sessionId, error: String(error) }, 'summary model failed; extractive summary used');
    }
    return summary;
  }

  private async transcript(sessionId: string): Promise<ChatMessage[]> {
    const rows = await this.dependencies.database.query<MessageRow>('SELECT * FROM messages WHERE session_id = $1 ORDER BY created_at, id', [sessionId]);
    return rows.map(toMessage);
  }

  /** The citizen stops waiting (back to the chatbot), or leaves a person's chat (closed). */
  async cancel(sessionId: string): Promise<EscalationStatus> {
    await this.sessionRow(this.dependencies.database, sessionId);
    const events = await this.dependencies.database.transaction(async (tx) => {
      const rows = await tx.query<{ team: string; state: string }>(
        `UPDATE escalations SET state = CASE WHEN state = 'staff' THEN 'closed' ELSE 'bot' END,
                ended_at = $2, outcome = CASE WHEN state = 'staff' THEN 'citizen-left' ELSE 'citizen-cancelled' END
          WHERE session_id = $1 AND state IN ('waiting', 'staff') RETURNING team, state`,
        [sessionId, this.now().toISOString()],
      );
      const row = rows[0];
      if (row === undefined) return [];
      await tx.query(`UPDATE sessions SET state = $2 WHERE id = $1`, [sessionId, row.state]);
      return this.stateEvents(tx, [sessionId, ...(await this.waitingIn(tx, row.team))]);
    });
    await this.publish(events);
    return this.status(sessionId);
  }

  /**
   * A callback request: validated field by field, stored for staff, and the chat queued if it was
   * not already (so staff see it with its summary). The phone number is never logged.
   */
  async requestCallback(sessionId: string, input: CallbackRequestInput): Promise<EscalationStatus> {
    const phone = normalisePhone(typeof input.phone === 'string' ? input.phone : '');
    if (phone === null) throw new AppError('invalid_request', 'phone: must be a phone number, e.g. "20 30 40 50" or "+45 20 30 40 50".');
    if (!['morning', 'afternoon', 'any'].includes(input.preferredTime)) throw new AppError('invalid_request', 'preferredTime: must be "morning", "afternoon" or "any".');
    if (input.consent !== true) throw new AppError('invalid_request', 'consent: must be true; we can only call you back if you agree to it.');
    const message = input.message?.trim() || null;
    if (message !== null && message.length > maxCallbackMessageCharacters) {
      throw new AppError('invalid_request', `message: must be at most ${maxCallbackMessageCharacters} characters.`);
    }
    await this.request(sessionId, 'citizen');
    const events = await this.dependencies.database.transaction(async (tx) => {
      const [open] = await tx.query<{ id: string }>(`SELECT id::text AS id FROM escalations WHERE session_id = $1 AND state IN ('waiting', 'staff')`, [sessionId]);
      if (open === undefined) throw new AppError('conflict', 'This chat is no longer waiting for a person; ask for a person again.');
      await tx.query(
        `INSERT INTO callback_requests (id, session_id, escalation_id, phone, preferred_time, message, consent_at) VALUES ($1, $2, $3::bigint, $4, $5, $6, $7)`,
        [this.newId(), sessionId, open.id, phone, input.preferredTime, message, this.now().toISOString()],
      );
      return this.stateEvents(tx, [sessionId]);
    });
    await this.publish(events);
    this.dependencies.logger.info({ event: 'callback-requested', sessionId, preferredTime: input.preferredTime, withMessage: message !== null }, 'callback requested');
    return this.status(sessionId);
  }

  /** The chatbot's sentence when the chat goes to the queue, in the citizen's language, from the status request() returned. */
  queuedMessage(status: EscalationStatus, language: SupportedLanguage, automatic: boolean): string {
    const team = this.team(status.team ?? this.dependencies.settings.defaultTeam);
    const hours = openingStatus(this.now(), team.schedule);
    return queuedText(language, {
      open: status.open,
      automatic,
      ...(status.queuePosition !== undefined && { position: status.queuePosition }),
      ...(status.expectedWaitMinutes !== undefined && { expectedWaitMinutes: status.expectedWaitMinutes }),
      ...(hours.opensAt && { opensAt: hours.opensAt }),
    });
  }

  // --- staff ----------------------------------------------------------------------------------

  private toStaff(row: EscalationRow): EscalationForStaff {
    return {
      sessionId: row.session_id,
      state: row.state,
      reason: row.reason,
      team: row.team,
      priority: row.priority,
      hospital: row.hospital,
      language: row.language as SupportedLanguage,
      requestedAt: iso(row.requested_at),
      ...(row.claimed_by !== null && { claimedBy: { id: row.claimed_by, name: row.claimed_by_name ?? '' } }),
      summary: row.summary,
    };
  }

  /** Waiting and active chats, emergency-flagged first, then oldest first. */
  async queue(options: { team?: string } = {}): Promise<EscalationForStaff[]> {
    const rows = await this.dependencies.database.query<EscalationRow>(
      `SELECT ${ESCALATION_COLUMNS} FROM escalations e JOIN sessions s ON s.id = e.session_id
        WHERE e.state IN ('waiting', 'staff') AND ($1::text IS NULL OR e.team = $1::text)
        ORDER BY CASE e.state WHEN 'waiting' THEN 0 ELSE 1 END, e.priority, e.requested_at, e.id
        LIMIT 500`,
      [options.team ?? null],
    );
    return rows.map((row) => this.toStaff(row));
  }

  /** The chat's latest escalation with its summary, or undefined when it never went to a person. */
  async forStaff(sessionId: string): Promise<EscalationForStaff | undefined> {
    const row = await this.latest(this.dependencies.database, sessionId);
    return row && this.toStaff(row);
  }

  /** Everything staff need to take over: the escalation, the status and the whole transcript. */
  async chatForStaff(sessionId: string): Promise<{ escalation: EscalationForStaff | null; status: EscalationStatus; messages: ChatMessage[] }> {
    const status = await this.status(sessionId);
    const escalation = (await this.forStaff(sessionId)) ?? null;
    return { escalation, status, messages: await this.transcript(sessionId) };
  }

  async takeOver(sessionId: string, staff: StaffIdentity): Promise<EscalationStatus> {
    await this.sessionRow(this.dependencies.database, sessionId);
    const outcome = await this.dependencies.database.transaction(async (tx) => {
      const claimed = await tx.query<{ team: string }>(
        `UPDATE escalations SET state = 'staff', claimed_by = $2, claimed_by_name = $3, claimed_at = $4
          WHERE session_id = $1 AND state = 'waiting' RETURNING team`,
        [sessionId, staff.id, staff.displayName, this.now().toISOString()],
      );
      const row = claimed[0];
      if (row === undefined) {
        const [open] = await tx.query<{ state: string; claimed_by: string | null; claimed_by_name: string | null }>(
          `SELECT state, claimed_by, claimed_by_name FROM escalations WHERE session_id = $1 AND state IN ('waiting', 'staff')`,
          [sessionId],
        );
        if (open?.state === 'staff' && open.claimed_by === staff.id) return { events: [] as SessionEvent[] };
        if (open?.state === 'staff') throw new AppError('conflict', `${open.claimed_by_name ?? 'Another member of staff'} has already taken over this chat.`);
        throw new AppError('conflict', 'This chat is not waiting for a person (it was handed back, closed or never escalated).');
      }
      await tx.query(`UPDATE sessions SET state = 'staff' WHERE id = $1`, [sessionId]);
      return { events: await this.stateEvents(tx, [sessionId, ...(await this.waitingIn(tx, row.team))]) };
    });
    await this.publish(outcome.events);
    if (outcome.events.length > 0) this.dependencies.logger.info({ event: 'escalation-taken-over', sessionId, staffId: staff.id }, 'chat taken over');
    return this.status(sessionId);
  }

  /** Only the member of staff who has the chat may write in it. */
  private async requireOwner(tx: Queryable, sessionId: string, staff: StaffIdentity): Promise<{ id: string; team: string; language: string }> {
    await this.sessionRow(tx, sessionId);
    const [open] = await tx.query<{ id: string; team: string; claimed_by: string | null; claimed_by_name: string | null; state: string; language: string }>(
      `SELECT e.id::text AS id, e.team, e.claimed_by, e.claimed_by_name, e.state, s.language FROM escalations e JOIN sessions s ON s.id = e.session_id
        WHERE e.session_id = $1 AND e.state IN ('waiting', 'staff') FOR UPDATE OF e`,
      [sessionId],
    );
    if (open === undefined || open.state !== 'staff') throw new AppError('conflict', 'Take over the chat first: nobody has it now.');
    if (open.claimed_by !== staff.id) throw new AppError('conflict', `${open.claimed_by_name ?? 'Another member of staff'} has this chat; only they can write in it.`);
    return open;
  }

  async postStaffMessage(sessionId: string, staff: StaffIdentity, text: string): Promise<void> {
    await this.postStaffMessageReturning(sessionId, staff, text);
  }

  /** As postStaffMessage, returning the stored message (the console shows it at once). */
  async postStaffMessageReturning(sessionId: string, staff: StaffIdentity, text: string): Promise<ChatMessage> {
    const trimmed = typeof text === 'string' ? text.trim() : '';
    if (trimmed === '') throw new AppError('invalid_request', 'text: must not be empty.');
    if (trimmed.length > maxStaffMessageCharacters) throw new AppError('invalid_request', `text: must be at most ${maxStaffMessageCharacters} characters.`);
    const { stored, event } = await this.dependencies.database.transaction(async (tx) => {
      const open = await this.requireOwner(tx, sessionId, staff);
      return insertMessage(tx, this.newId(), sessionId, {
        role: 'staff',
        kind: 'staff',
        text: trimmed,
        language: open.language as SupportedLanguage,
        citations: [],
        author: staff.displayName,
      });
    });
    await this.dependencies.events.publish(event);
    return stored;
  }

  async handBack(sessionId: string, staff: StaffIdentity): Promise<EscalationStatus> {
    return this.end(sessionId, staff, 'bot', 'handed-back');
  }

  async close(sessionId: string, staff: StaffIdentity, outcome: string): Promise<EscalationStatus> {
    if (!(closeOutcomes as readonly string[]).includes(outcome)) {
      throw new AppError('invalid_request', `outcome: must be one of ${closeOutcomes.map((value) => `"${value}"`).join(', ')}.`);
    }
    return this.end(sessionId, staff, 'closed', outcome);
  }

  private async end(sessionId: string, staff: StaffIdentity, state: 'bot' | 'closed', outcome: string): Promise<EscalationStatus> {
    const events = await this.dependencies.database.transaction(async (tx) => {
      const open = await this.requireOwner(tx, sessionId, staff);
      await tx.query(`UPDATE escalations SET state = $2, ended_at = $3, ended_by_name = $4, outcome = $5 WHERE id = $1::bigint`, [
        open.id,
        state,
        this.now().toISOString(),
        staff.displayName,
        outcome,
      ]);
      await tx.query(`UPDATE sessions SET state = $2 WHERE id = $1`, [sessionId, state]);
      return this.stateEvents(tx, [sessionId]);
    });
    await this.publish(events);
    this.dependencies.logger.info({ event: state === 'bot' ? 'escalation-handed-back' : 'escalation-closed', sessionId, staffId: staff.id, outcome }, 'chat ended by staff');
    return this.status(sessionId);
  }

  /** Callback requests, open ones first and oldest first; `handled` filters. */
  async callbacks(options: { handled?: boolean; limit?: number; offset?: number } = {}): Promise<{ items: CallbackRequest[]; nextOffset: number | null }> {
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), 200);
    const offset = Math.max(Math.trunc(options.offset ?? 0), 0);
    const rows = await this.dependencies.database.query<CallbackRow>(
      `SELECT c.*, s.language, s.hospital, e.summary FROM callback_requests c
         JOIN sessions s ON s.id = c.session_id JOIN escalations e ON e.id = c.escalation_id
        WHERE $1::boolean IS NULL OR (c.handled_at IS NOT NULL) = $1::boolean
        ORDER BY (c.handled_at IS NOT NULL), c.created_at, c.id LIMIT $2 OFFSET $3`,
      [options.handled ?? null, limit + 1, offset],
    );
    const items = rows.slice(0, limit).map((row) => ({
      id: row.id,
      sessionId: row.session_id,
      phone: row.phone,
      preferredTime: row.preferred_time,
      message: row.message,
      createdAt: iso(row.created_at),
      handledAt: row.handled_at === null ? null : iso(row.handled_at),
      handledBy: row.handled_by_name,
      language: row.language as SupportedLanguage,
      hospital: row.hospital,
      summary: row.summary,
    }));
    return { items, nextOffset: rows.length > limit ? offset + limit : null };
  }

  /** Marks a callback request as done (called back, or given up on); idempotent. */
  async markCallbackHandled(callbackId: string, staff: StaffIdentity): Promise<void> {
    const rows = await this.dependencies.database.query<{ id: string }>(
      `UPDATE callback_requests SET handled_at = COALESCE(handled_at, $2), handled_by_name = COALESCE(handled_by_name, $3) WHERE id = $1 RETURNING id`,
      [callbackId, this.now().toISOString(), staff.displayName],
    );
    if (rows.length === 0) throw new AppError('not_found', `callbackId: no callback request with id "${callbackId}".`);
  }
}
