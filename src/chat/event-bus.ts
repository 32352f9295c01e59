// The EventBus port: live fan-out of session events to whoever is listening (widget, staff console).
// Events are stored before they are published, so the bus may drop nothing a client cannot replay.

export interface SessionEvent {
  /** Monotonic per deployment; clients resume with it as Last-Event-ID. */
  id: string;
  sessionId: string;
  type: string;
  payload: unknown;
}

export type SessionEventListener = (event: SessionEvent) => void;

export interface EventBus {
  publish(event: SessionEvent): Promise<void>;
  /** Returns the function that stops the subscription. */
  subscribe(sessionId: string, listener: SessionEventListener): () => void;
}

/** Embedded EventBus: one process, so a map of listeners is the whole bus. */
export class InProcessEventBus implements EventBus {
  private readonly listeners = new Map<string, Set<SessionEventListener>>();

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
}
