// The contract every EventBus adapter passes (run from event-bus.test.ts and the adapters' tests):
// what the event stream and the staff console rely on, whichever bus a deployment runs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { busResynced, maxBroadcastBytes, type BroadcastEvent, type EventBus, type SessionEvent } from './event-bus.js';

/** One deployment under test: its processes' buses and the store events are written to first. */
export interface EventBusDeployment {
  /**
   * The bus one more process of the deployment opens. An embedded deployment is one process, so it
   * may hand out the same bus every time.
   */
  openProcess(): Promise<EventBus>;
  /** A new chat session events can belong to. */
  newSession(): Promise<string>;
  /** Stores an event as ChatService does before publishing it; returns it with its id. */
  store(sessionId: string, type: string, payload: unknown): Promise<SessionEvent>;
  /**
   * Cuts `bus` off from the other processes (kills its LISTEN connection) and resolves once it is
   * cut, so events published next are published while it is away. Absent for a one-process bus.
   */
  interrupt?(bus: EventBus): Promise<void>;
  /** Closes every bus it opened and drops what it stored. */
  close(): Promise<void>;
}

/** How long a live event may take to arrive; a reconnect with backoff may take several times that. */
const deliveryMs = 5_000;

async function eventually(check: () => void, timeoutMs = deliveryMs): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

function record(bus: EventBus, sessionId: string): { events: SessionEvent[]; ids: () => string[]; stop: () => void } {
  const events: SessionEvent[] = [];
  const stop = bus.subscribe(sessionId, (event) => events.push(event));
  return { events, ids: () => events.map((event) => event.id), stop };
}

export function eventBusContract(name: string, openDeployment: () => Promise<EventBusDeployment>, options: { skip?: boolean } = {}): void {
  describe.skipIf(options.skip === true)(`EventBus contract: ${name}`, () => {
    let deployment: EventBusDeployment;
    beforeEach(async () => {
      deployment = await openDeployment();
    });
    afterEach(async () => {
      await deployment.close();
    });

    const storeAndPublish = async (bus: EventBus, sessionId: string, text: string) => {
      const event = await deployment.store(sessionId, 'message-created', { message: { text } });
      await bus.publish(event);
      return event;
    };

    it('delivers a published event to the subscribers of its session only, with its id, type and payload', async () => {
      const bus = await deployment.openProcess();
      const [mine, other] = [await deployment.newSession(), await deployment.newSession()];
      const mineHeard = record(bus, mine);
      const otherHeard = record(bus, other);
      const question = await storeAndPublish(bus, mine, 'Hvor kan jeg parkere?');
      await eventually(() => expect(mineHeard.events).toEqual([question]));
      // Published after the first one: once it has arrived, the first one would have too.
      const marker = await storeAndPublish(bus, other, 'Hvornår har I åbent?');
      await eventually(() => expect(otherHeard.events).toEqual([marker]));
      expect(mineHeard.events).toEqual([question]);
    });

    it('stops delivering to a listener once it unsubscribes, and keeps delivering to the others', async () => {
      const bus = await deployment.openProcess();
      const session = await deployment.newSession();
      const leaving = record(bus, session);
      const staying = record(bus, session);
      const first = await storeAndPublish(bus, session, 'Første');
      await eventually(() => expect([leaving.ids(), staying.ids()]).toEqual([[first.id], [first.id]]));
      leaving.stop();
      const second = await storeAndPublish(bus, session, 'Anden');
      await eventually(() => expect(staying.ids()).toEqual([first.id, second.id]));
      expect(leaving.ids()).toEqual([first.id]);
    });

    it("lets two processes of the deployment hear each other's events", async () => {
      const serverA = await deployment.openProcess();
      const serverB = await deployment.openProcess();
      const session = await deployment.newSession();
      const onA = record(serverA, session);
      const onB = record(serverB, session);
      const fromA = await storeAndPublish(serverA, session, 'Spurgt på A');
      const fromB = await storeAndPublish(serverB, session, 'Svaret på B');
      await eventually(() => expect([onA.events, onB.events]).toEqual([[fromA, fromB], [fromA, fromB]]));
    });

    it('delivers each event once and in the order of its id, to every subscriber in every process', async () => {
      const serverA = await deployment.openProcess();
      const serverB = await deployment.openProcess();
      const session = await deployment.newSession();
      const listeners = [record(serverA, session), record(serverA, session), record(serverB, session)];
      const published: string[] = [];
      for (let n = 0; n < 20; n += 1) published.push((await storeAndPublish(n % 2 === 0 ? serverA : serverB, session, `Besked ${n}`)).id);
      expect(published.map(BigInt)).toEqual([...published.map(BigInt)].sort((a, b) => (a < b ? -1 : 1)));
      await eventually(() => expect(listeners.map((listener) => listener.ids())).toEqual([published, published, published]));
      // Late duplicates would arrive before an event published afterwards.
      const last = await storeAndPublish(serverB, session, 'Sidste');
      await eventually(() => expect(listeners.every((listener) => listener.ids().includes(last.id))).toBe(true));
      expect(listeners.map((listener) => listener.ids())).toEqual([0, 1, 2].map(() => [...published, last.id]));
    });

    it('broadcasts to every process, not to session subscribers, and refuses a broadcast too large to travel', async () => {
      const serverA = await deployment.openProcess();
      const serverB = await deployment.openProcess();
      const session = await deployment.newSession();
      const sessionHeard = record(serverA, session);
      const heardOnA: BroadcastEvent[] = [];
      const heardOnB: BroadcastEvent[] = [];
      const stopA = serverA.subscribeAll((event) => heardOnA.push(event));
      serverB.subscribeAll((event) => heardOnB.push(event));
      const queueChanged = { type: 'queue-changed', payload: { sessionId: session } };
      await serverB.broadcast(queueChanged);
      await eventually(() => expect([heardOnA, heardOnB]).toEqual([[queueChanged], [queueChanged]]));
      stopA();
      const again = { type: 'queue-changed', payload: { sessionId: 'another' } };
      await serverA.broadcast(again);
      await eventually(() => expect(heardOnB).toEqual([queueChanged, again]));
      expect(heardOnA).toEqual([queueChanged]);
      expect(sessionHeard.events).toEqual([]);

      await expect(serverA.broadcast({ type: 'queue-changed', payload: { note: 'æ'.repeat(maxBroadcastBytes) } })).rejects.toThrow(
        new RegExp(`"queue-changed" is \\d+ bytes; at most ${maxBroadcastBytes}`),
      );
    });

    it('delivers the events published while its connection was down once it is back, once each and in order', async (context) => {
      if (deployment.interrupt === undefined) {
        context.skip('one process: no connection to lose');
        return;
      }
      const session = await deployment.newSession();
      // History from before the process started: the stream replays it from the store, the bus must
      // not replay it after reconnecting.
      await deployment.store(session, 'message-created', { message: { text: 'Før' } });
      const citizenServer = await deployment.openProcess();
      const staffServer = await deployment.openProcess();
      const heard = record(citizenServer, session);
      const broadcasts: BroadcastEvent[] = [];
      citizenServer.subscribeAll((event) => broadcasts.push(event));
      const before = await storeAndPublish(staffServer, session, 'Hej');
      await eventually(() => expect(heard.ids()).toEqual([before.id]));

      await deployment.interrupt(citizenServer);
      const meanwhile = [await storeAndPublish(staffServer, session, 'Er du der?'), await storeAndPublish(staffServer, session, 'Ring 70 11 31 31')];
      await eventually(() => expect(heard.ids()).toEqual([before.id, ...meanwhile.map((event) => event.id)]), 4 * deliveryMs);
      expect(broadcasts.map((event) => event.type)).toContain(busResynced);

      const after = await storeAndPublish(staffServer, session, 'Tak');
      await eventually(() => expect(heard.ids()).toEqual([before.id, ...meanwhile.map((event) => event.id), after.id]));
      expect(heard.events.slice(1, 3)).toEqual(meanwhile);
    });
  });
}
