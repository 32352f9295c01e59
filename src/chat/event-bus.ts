// The EventBus port: live fan-out of session events to whoever is listening (widget, staff console),
// and of deployment-wide broadcasts (the staff queue changed) to every process of the deployment.
// Session events are stored before they are published, so the bus may drop nothing a client cannot
// replay; broadcasts are not stored, so a listener reloads what they describe when told to resync.

export interface SessionEvent {
  /** Monotonic per deployment (session_events.id); clients resume with it as Last-Event-ID. */
  id: string;
  sessionId: string;
  type: string;
  payload: unknown;
}

/** A deployment-wide announcement, e.g. `queue-changed` { sessionId }. Not stored, has no id. */
export interface BroadcastEvent {
  type: string;
  payload: unknown;
}

export type SessionEventListener = (event: SessionEvent) => void;
export type BroadcastListener = (event: BroadcastEvent) => void;

/**
 * Sent to broadcast listeners when the bus may have missed broadcasts (its connection to the other
 * processes was lost and is back): reload whatever the broadcasts describe, e.g. the staff queue.
 */
export const busResynced = 'bus-resynced';

/**
 * Largest broadcast, as JSON in UTF-8. PostgreSQL's NOTIFY takes at most 8000 bytes; broadcasts name
 * what changed (ids), never carry it. Every adapter enforces it, so the embedded default fails the
 * same way production would.
 */
export const maxBroadcastBytes = 4000;

export interface EventBus {
  /** Announces a stored event to the subscribers of its session, in every process of the deployment. */
  publish(event: SessionEvent): Promise<void>;
  /** Returns the function that stops the subscription. */
  subscribe(sessionId: string, listener: SessionEventListener): () => void;
  /** Announces `event` to every broadcast listener in every process. Rejects one over maxBroadcastBytes. */
  broadcast(event: BroadcastEvent): Promise<void>;
  /** Listens to every broadcast; returns the function that stops it. */
  subscribeAll(listener: BroadcastListener): () => void;
  close(): Promise<void>;
}

/** The broadcast as it travels, or an error naming the type when it is too large to. */
export function encodeBroadcast(event: BroadcastEvent): string {
  const json = JSON.stringify({ type: event.type, payload: event.payload });
  const bytes = new TextEncoder().encode(json).length;
  if (bytes > maxBroadcastBytes) {
    throw new Error(`Broadcast "${event.type}" is ${bytes} bytes; at most ${maxBroadcastBytes} travel between processes. Send ids and let listeners load the rest.`);
  }
  return json;
}

/** Embedded EventBus: one process, so a map of listeners is the whole bus. */
export class InProcessEventBus implements EventBus {
  private readonly listeners = new Map<string, Set<SessionEventListener>>();
  private readonly broadcastListeners = new Set<BroadcastListener>();

  async publish(event: SessionEvent): Promise<void> {
    for (const listener of [...(this.listeners.get(event.sessionId) ?? [])]) listener(event);
  }

  subscribe(sessionId: string, listener: SessionEventListener): () => void {
    const set = this.listeners.get(sessionId) ?? new Set<SessionEventListener>();
    set.add(listener);
    this.listeners.set(sessionId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(sessionId);
    };
  }

  async broadcast(event: BroadcastEvent): Promise<void> {
    // Encoded and decoded like the production bus does, so listeners get a copy, never the sender's object.
    const copy = JSON.parse(encodeBroadcast(event)) as BroadcastEvent;
    for (const listener of [...this.broadcastListeners]) listener(copy);
  }

  subscribeAll(listener: BroadcastListener): () => void {
    this.broadcastListeners.add(listener);
    return () => {
      this.broadcastListeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.broadcastListeners.clear();
  }
}
