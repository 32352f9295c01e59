// Every EventBus adapter passes the same contract. The in-process bus always runs; the PostgreSQL
// bus runs when TEST_DATABASE_URL (default 127.0.0.1:5432/test) answers, and is skipped loudly if not.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresEventBus } from '../../src/chat/adapters/postgres-event-bus.js';
import { eventBusContract, type EventBusDeployment } from '../../src/chat/event-bus.contract.js';
import { InProcessEventBus, type BroadcastEvent, type EventBus, type SessionEvent } from '../../src/chat/event-bus.js';
import { PostgresDatabase } from '../../src/db/adapters/postgres.js';
import type { Logger } from '../../src/logger.js';
import { migrate } from '../../src/db/migrations.js';
import { postgresForTests } from '../support/postgres.js';

eventBusContract('in-process', async () => {
  const bus = new InProcessEventBus();
  let nextId = 0;
  return {
    openProcess: async () => bus,
    newSession: async () => crypto.randomUUID(),
    store: async (sessionId, type, payload) => ({ id: String((nextId += 1)), sessionId, type, payload }),
    close: () => bus.close(),
  };
});

const postgres = await postgresForTests();
let database: PostgresDatabase | undefined;

afterAll(async () => {
  await database?.close();
  await postgres.drop();
});

async function migratedDatabase(): Promise<PostgresDatabase> {
  if (database === undefined) {
    database = await PostgresDatabase.open(postgres.url as string);
    await migrate(database);
  }
  return database;
}

let busNumber = 0;

async function postgresDeployment(): Promise<EventBusDeployment> {
  const db = await migratedDatabase();
  const url = postgres.url as string;
  const buses = new Map<EventBus, string>();
  return {
    openProcess: async () => {
      busNumber += 1;
      // A name of its own, so the test can find this bus's LISTEN connection and kill it.
      const applicationName = `event-bus-test-${process.pid}-${busNumber}`;
      const bus = await PostgresEventBus.open({ connectionString: url, database: db, applicationName, reconnectDelayMs: 300 });
      buses.set(bus, applicationName);
      return bus;
    },
    newSession: async () => {
      const id = crypto.randomUUID();
      await db.query(`INSERT INTO sessions (id, language) VALUES ($1, 'da')`, [id]);
      return id;
    },
    store: async (sessionId, type, payload) => {
      const [row] = await db.query<{ id: string }>('INSERT INTO session_events (session_id, type, payload) VALUES ($1, $2, $3::jsonb) RETURNING id::text AS id', [
        sessionId,
        type,
        JSON.stringify(payload),
      ]);
      return { id: (row as { id: string }).id, sessionId, type, payload };
    },
    interrupt: async (bus) => {
      const applicationName = buses.get(bus);
      const killed = await db.query<{ pid: number }>('SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
      expect(killed).toHaveLength(1);
      // Gone from the server, so nothing published from here on can reach it over that connection.
      for (let waited = 0; (await db.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [killed[0]?.pid])).length > 0; waited += 10) {
        if (waited > 5000) throw new Error(`the LISTEN backend ${killed[0]?.pid} did not go away`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: async () => {
      await Promise.all([...buses.keys()].map((bus) => bus.close()));
    },
  };
}

eventBusContract('PostgreSQL LISTEN/NOTIFY', postgresDeployment, { skip: postgres.url === undefined });

describe.skipIf(postgres.url === undefined)('PostgresEventBus', () => {
  it('stops start-up with the reason when the database cannot be reached', async () => {
    const db = await migratedDatabase();
    await expect(PostgresEventBus.open({ connectionString: 'postgres://postgres@127.0.0.1:1/none', database: db })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('keeps deployments that share a database in separate schemas apart', async () => {
    const db = await migratedDatabase();
    const neighbour = await postgresForTests();
    const neighbourDb = await PostgresDatabase.open(neighbour.url as string);
    await migrate(neighbourDb);
    const ours = await PostgresEventBus.open({ connectionString: postgres.url as string, database: db });
    const theirs = await PostgresEventBus.open({ connectionString: neighbour.url as string, database: neighbourDb });
    try {
      const heardByThem: BroadcastEvent[] = [];
      theirs.subscribeAll((event) => heardByThem.push(event));
      await ours.broadcast({ type: 'queue-changed', payload: { sessionId: 'ours' } });
      await theirs.broadcast({ type: 'queue-changed', payload: { sessionId: 'theirs' } });
      for (let waited = 0; heardByThem.length === 0 && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(heardByThem).toEqual([{ type: 'queue-changed', payload: { sessionId: 'theirs' } }]);
    } finally {
      await Promise.all([ours.close(), theirs.close()]);
      await neighbourDb.close();
      await neighbour.drop();
    }
  });

  it('rides out a network outage: retries with backoff until the database answers again, then delivers what was stored meanwhile', async () => {
    const db = await migratedDatabase();
    const direct = new URL(postgres.url as string);
    const network = await tcpProxy(direct.hostname, Number(direct.port || 5432));
    const throughProxy = new URL(direct);
    throughProxy.hostname = '127.0.0.1';
    throughProxy.port = String(network.port);
    const logs: Record<string, unknown>[] = [];
    const logger: Logger = { debug: () => undefined, info: (fields) => logs.push(fields), warn: (fields) => logs.push(fields), error: (fields) => logs.push(fields), child: () => logger };
    const bus = await PostgresEventBus.open({ connectionString: throughProxy.toString(), database: db, logger, reconnectDelayMs: 50, maxReconnectDelayMs: 200 });
    try {
      const sessionId = crypto.randomUUID();
      await db.query(`INSERT INTO sessions (id, language) VALUES ($1, 'da')`, [sessionId]);
      const heard: SessionEvent[] = [];
      bus.subscribe(sessionId, (event) => heard.push(event));
      const store = async (text: string) => {
        const [row] = await db.query<{ id: string }>(`INSERT INTO session_events (session_id, type, payload) VALUES ($1, 'message-created', $2::jsonb) RETURNING id::text AS id`, [
          sessionId,
          JSON.stringify({ message: { text } }),
        ]);
        const event = { id: (row as { id: string }).id, sessionId, type: 'message-created', payload: { message: { text } } };
        await bus.publish(event);
        return event;
      };

      await network.cut();
      const meanwhile = [await store('Er der nogen?'), await store('Ring til mig')];
      // Long enough for several refused attempts.
      for (let waited = 0; logs.filter((line) => line['event'] === 'event-bus-reconnect-failed').length < 2; waited += 20) {
        if (waited > 5000) throw new Error(`no failed reconnect attempts logged: ${JSON.stringify(logs)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(heard).toEqual([]);

      await network.restore();
      for (let waited = 0; heard.length < 2 && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(heard).toEqual(meanwhile);
      const after = await store('Tak');
      for (let waited = 0; heard.length < 3 && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(heard).toEqual([...meanwhile, after]);
      expect(logs.map((line) => line['event'])).toEqual(expect.arrayContaining(['event-bus-disconnected', 'event-bus-reconnect-failed', 'event-bus-reconnected']));
      expect(logs.find((line) => line['event'] === 'event-bus-reconnected')?.['caughtUp']).toBe(2);
    } finally {
      await bus.close();
      await network.close();
    }
  });

  it('stops listening when closed: its LISTEN connection is gone and does not come back', async () => {
    const db = await migratedDatabase();
    const applicationName = `event-bus-close-${process.pid}`;
    const bus = await PostgresEventBus.open({ connectionString: postgres.url as string, database: db, applicationName, reconnectDelayMs: 50 });
    const connections = () => db.query('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
    expect(await connections()).toHaveLength(1);
    await bus.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await connections()).toHaveLength(0);
  });
});

/** A TCP hop to PostgreSQL that a test can cut (connections dropped and refused) and restore. */
async function tcpProxy(host: string, port: number): Promise<{ port: number; cut(): Promise<void>; restore(): Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let listeningPort = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(port, host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(listeningPort, '127.0.0.1', () => {
        const address = server?.address();
        if (typeof address === 'object' && address !== null) listeningPort = address.port;
        resolve();
      });
    });
  const cut = async () => {
    const closed = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
    server = undefined;
  };
  await listen();
  return { port: listeningPort, cut, restore: listen, close: cut };
}
