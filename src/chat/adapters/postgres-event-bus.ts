// Production EventBus: PostgreSQL LISTEN/NOTIFY, so a message stored on one replica reaches the event
// streams open on every other replica.
//
// - Each process keeps one dedicated connection that LISTENs on one channel. Publishing is pg_notify
//   through the pool. A process hears its own notifications too, so local and remote subscribers are
//   served by the same path and each event is delivered once.
// - A session event's notification carries only { id, sessionId, type }. A process with subscribers
//   for that session loads the stored row by id; the others ignore it. NOTIFY payloads stop at 8000
//   bytes and an answer with its citations can be larger, so nothing rides inline that could outgrow
//   it; the stored row is also exactly what a Last-Event-ID replay sends. Broadcasts are not stored:
//   they travel inline, capped by maxBroadcastBytes.
// - The channel is named after the schema, so deployments sharing a database in separate schemas do
//   not hear each other.
// - When the LISTEN connection drops, it reconnects with backoff, then delivers what was stored
//   meanwhile (id > last delivered, per subscribed session) before anything newer, and tells
//   broadcast listeners to resync (broadcasts sent meanwhile are gone).
// - Within a session, events are assumed to be stored and published one after the other (as
//   ChatService does): an event whose id is not above the last one delivered for its session is taken
//   as already delivered, the same rule the event stream applies to Last-Event-ID.
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../db/database.js';
import { silentLogger, type Logger } from '../../logger.js';
import {
  busResynced,
  encodeBroadcast,
  type BroadcastEvent,
  type BroadcastListener,
  type EventBus,
  type SessionEvent,
  type SessionEventListener,
} from '../event-bus.js';

export interface PostgresEventBusOptions {
  /** Same database (and search_path) as `database`; the LISTEN connection is opened from it. */
  connectionString: string;
  /** Used to publish (pg_notify) through the pool. */
  database: Pick<Database, 'query'>;
  logger?: Logger;
  /** First wait before reconnecting a dropped LISTEN connection; doubles up to maxReconnectDelayMs. */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  /** How the LISTEN connection shows in pg_stat_activity. */
  applicationName?: string;
}

type Notice = { kind: 'session'; id: string; sessionId: string; type: string } | { kind: 'broadcast'; event: BroadcastEvent };

interface EventRow {
  id: string;
  session_id: string;
  type: string;
  payload: unknown;
}

interface Subscription {
  listeners: Set<SessionEventListener>;
  /** Highest event id delivered (or known to predate the subscription) for this session. */
  lastId: bigint;
}

/** Longest channel name PostgreSQL accepts (NAMEDATALEN - 1). */
const maxChannelBytes = 63;

/** The channel of the deployment whose tables live in `schema`. */
export function channelFor(schema: string): string {
  const readable = `chat_events_${schema}`;
  if (/^[a-z0-9_]+$/.test(schema) && readable.length <= maxChannelBytes) return readable;
  return `chat_events_${createHash('sha256').update(schema).digest('hex').slice(0, 32)}`;
}

export class PostgresEventBus implements EventBus {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly broadcastListeners = new Set<BroadcastListener>();
  private readonly logger: Logger;
  private client: pg.Client | undefined;
  /** Highest event id this process knows is stored: where a new subscription starts. */
  private knownId = 0n;
  /** Notifications, loads and catch-ups run one at a time, so events leave in the order they came. */
  private work: Promise<void> = Promise.resolve();
  private failures = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  private constructor(
    private readonly options: PostgresEventBusOptions,
    /** The NOTIFY channel this deployment uses. */
    readonly channel: string,
  ) {
    this.logger = options.logger ?? silentLogger;
  }

  /** Opens the LISTEN connection; rejects when the database cannot be reached, so start-up stops. */
  static async open(options: PostgresEventBusOptions): Promise<PostgresEventBus> {
    const [row] = await options.database.query<{ schema: string }>('SELECT current_schema() AS schema');
    const bus = new PostgresEventBus(options, channelFor(row?.schema ?? 'public'));
    await bus.connect(false);
    return bus;
  }

  async publish(event: SessionEvent): Promise<void> {
    if (!/^\d{1,18}$/.test(event.id)) throw new Error(`Session event id "${event.id}" is not a stored event id (session_events.id).`);
    const notice: Notice = { kind: 'session', id: event.id, sessionId: event.sessionId, type: event.type };
    await this.options.database.query('SELECT pg_notify($1, $2)', [this.channel, JSON.stringify(notice)]);
  }

  subscribe(sessionId: string, listener: SessionEventListener): () => void {
    const subscription = this.subscriptions.get(sessionId) ?? { listeners: new Set<SessionEventListener>(), lastId: this.knownId };
    subscription.listeners.add(listener);
    this.subscriptions.set(sessionId, subscription);
    return () => {
      subscription.listeners.delete(listener);
      if (subscription.listeners.size === 0 && this.subscriptions.get(sessionId) === subscription) this.subscriptions.delete(sessionId);
    };
  }

  async broadcast(event: BroadcastEvent): Promise<void> {
    const notice: Notice = { kind: 'broadcast', event: JSON.parse(encodeBroadcast(event)) as BroadcastEvent };
    await this.options.database.query('SELECT pg_notify($1, $2)', [this.channel, JSON.stringify(notice)]);
  }

  subscribeAll(listener: BroadcastListener): () => void {
    this.broadcastListeners.add(listener);
    return () => {
      this.broadcastListeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
    await this.work;
    this.subscriptions.clear();
    this.broadcastListeners.clear();
  }

  /** Connects and LISTENs; resolves once events stored before LISTEN are delivered to subscribers. */
  private async connect(resync: boolean): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: this.options.applicationName ?? 'chat-event-bus',
      // The connection may sit idle for hours: TCP keep-alive lets a dead peer surface as an error.
      keepAlive: true,
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('the LISTEN connection ended')));
    client.on('notification', (message) => {
      if (message.channel !== this.channel || message.payload === undefined) return;
      const payload = message.payload;
      this.enqueue(() => this.receive(client, payload));
    });
    await client.connect();
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    const listening = client.query(`LISTEN "${this.channel}"`);
    // Queued before any notification can arrive, so what was stored while nobody listened goes first.
    const ready = this.enqueue(async () => {
      await listening;
      const [row] = (await client.query<{ id: string }>('SELECT coalesce(max(id), 0)::text AS id FROM session_events')).rows;
      const caughtUp = await this.catchUp(client);
      this.raiseKnownId(BigInt(row?.id ?? '0'));
      this.failures = 0;
      if (resync) {
        this.logger.info({ event: 'event-bus-reconnected', channel: this.channel, caughtUp }, 'event bus listening again; delivered the events stored meanwhile');
        this.deliverBroadcast({ type: busResynced, payload: {} });
      }
    });
    await ready.catch(async (error: unknown) => {
      if (resync) return this.lost(client, error as Error);
      // The first connection failing stops start-up: no reconnecting behind the caller's back.
      this.closed = true;
      this.client = undefined;
      await client.end().catch(() => undefined);
      throw error;
    });
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.closed || this.client !== client) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    this.logger.warn({ event: 'event-bus-disconnected', channel: this.channel, error: error.message }, 'event bus lost its LISTEN connection; reconnecting');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    const base = this.options.reconnectDelayMs ?? 250;
    const delay = Math.min(base * 2 ** this.failures, this.options.maxReconnectDelayMs ?? 10_000);
    this.failures += 1;
    this.reconnectTimer = setTimeout(() => {
      this.connect(true).catch((error: unknown) => {
        this.logger.warn({ event: 'event-bus-reconnect-failed', channel: this.channel, error: (error as Error).message }, 'event bus could not reconnect yet');
        if (this.client === undefined) this.scheduleReconnect();
      });
    }, delay);
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.work.then(task);
    this.work = run.catch(() => undefined);
    return run;
  }

  private async receive(client: pg.Client, payload: string): Promise<void> {
    let notice: Notice;
    try {
      notice = JSON.parse(payload) as Notice;
    } catch {
      this.logger.warn({ event: 'event-bus-notice-unreadable', channel: this.channel }, 'ignored a notification that is not JSON');
      return;
    }
    if (notice.kind === 'broadcast') {
      this.deliverBroadcast(notice.event);
      return;
    }
    const id = BigInt(notice.id);
    this.raiseKnownId(id);
    const subscription = this.subscriptions.get(notice.sessionId);
    // A notification from a connection already replaced: the catch-up after reconnecting covers it.
    if (subscription === undefined || id <= subscription.lastId || client !== this.client) return;
    try {
      const { rows } = await client.query<EventRow>('SELECT id::text AS id, session_id, type, payload FROM session_events WHERE id = $1 AND session_id = $2', [
        notice.id,
        notice.sessionId,
      ]);
      for (const row of rows) this.deliver(row);
    } catch (error) {
      // Not delivered, so lastId stays put and the catch-up after reconnecting loads it.
      this.lost(client, error as Error);
    }
  }

  /** Delivers events stored after the last one each subscribed session got; returns how many. */
  private async catchUp(client: pg.Client): Promise<number> {
    const sessions = [...this.subscriptions].map(([sessionId, subscription]) => [sessionId, subscription.lastId.toString()] as const);
    if (sessions.length === 0) return 0;
    const { rows } = await client.query<EventRow>(
      `SELECT e.id::text AS id, e.session_id, e.type, e.payload
         FROM unnest($1::text[], $2::bigint[]) AS s(session_id, after)
         JOIN session_events e ON e.session_id = s.session_id AND e.id > s.after
        ORDER BY e.id`,
      [sessions.map(([sessionId]) => sessionId), sessions.map(([, after]) => after)],
    );
    let delivered = 0;
    for (const row of rows) if (this.deliver(row)) delivered += 1;
    return delivered;
  }

  private deliver(row: EventRow): boolean {
    const subscription = this.subscriptions.get(row.session_id);
    const id = BigInt(row.id);
    if (subscription === undefined || id <= subscription.lastId) return false;
    subscription.lastId = id;
    const event: SessionEvent = { id: row.id, sessionId: row.session_id, type: row.type, payload: row.payload };
    for (const listener of [...subscription.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error({ event: 'event-listener-failed', type: event.type, error: (error as Error).message }, 'a session event listener threw');
      }
    }
    return true;
  }

  private deliverBroadcast(event: BroadcastEvent): void {
    for (const listener of [...this.broadcastListeners]) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error({ event: 'broadcast-listener-failed', type: event.type, error: (error as Error).message }, 'a broadcast listener threw');
      }
    }
  }

  private raiseKnownId(id: bigint): void {
    if (id > this.knownId) this.knownId = id;
  }
}
