// A message reaches the citizen three ways: the live event stream, the replay after a reconnect
// (Last-Event-ID) and the transcript. They must show the same message, to the millisecond, on both
// stores: the message and its event are written by one statement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer, Answerer } from '../../src/answer/answer-service.js';
import { ChatService } from '../../src/chat/chat-service.js';
import { InProcessEventBus, type SessionEvent } from '../../src/chat/event-bus.js';
import { PgliteDatabase } from '../../src/db/adapters/pglite.js';
import { PostgresDatabase } from '../../src/db/adapters/postgres.js';
import type { Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrations.js';
import { postgresForTests } from '../support/postgres.js';

const postgres = await postgresForTests();

const adapters: { name: string; open: () => Promise<Database>; available: boolean }[] = [
  { name: 'PGlite', open: () => PgliteDatabase.open(), available: true },
  { name: 'PostgreSQL', open: () => PostgresDatabase.open(postgres.url as string), available: postgres.url !== undefined },
];

const parkingAnswer: Answer = {
  kind: 'answer',
  language: 'da',
  text: 'Her er, hvad hospitalets side siger:\nDet koster 15 kr. i timen at parkere på P-plads Nord. [1]',
  citations: [{ n: 1, chunkId: 'fjordby-parkering', title: 'Parkering', url: '/fjordby/parkering', excerpt: 'Det koster 15 kr. i timen at parkere på P-plads Nord.' }],
  emergencyCategories: [],
  retrieved: [],
};
const answers: Answerer = { answer: async () => parkingAnswer };

for (const adapter of adapters) {
  describe.skipIf(!adapter.available)(`session events and transcript: ${adapter.name}`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await adapter.open();
      if (adapter.name === 'PostgreSQL') await postgres.reset(database);
      await migrate(database);
    });
    afterAll(async () => {
      await database?.close();
      if (adapter.name === 'PostgreSQL') await postgres.drop();
    });

    it('the live events, the replay and the transcript show the same messages, in order', async () => {
      const events = new InProcessEventBus();
      const chat = new ChatService({ database, events, answers });
      const session = await chat.createSession({ hospital: 'fjordby', language: 'da' });
      const live: SessionEvent[] = [];
      const unsubscribe = events.subscribe(session.id, (event) => live.push(event));
      const first = await chat.ask(session.id, { text: 'Hvad koster det at parkere? Ring på 20 30 40 50' });
      const second = await chat.ask(session.id, { text: 'Og på Lyngå?' });
      unsubscribe();

      const transcript = await chat.messages(session.id);
      expect(transcript).toEqual([first.question, first.answer, second.question, second.answer]);
      expect(transcript[1]).toMatchObject({ role: 'assistant', kind: 'answer', text: parkingAnswer.text, citations: parkingAnswer.citations });
      expect(transcript[0]?.text).toBe('Hvad koster det at parkere? Ring på 20 30 40 50');
      expect(transcript[0]?.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

      const replay = await chat.eventsSince(session.id, undefined);
      expect(replay.map((event) => event.type)).toEqual(['message-created', 'message-created', 'message-created', 'message-created']);
      expect(replay.map((event) => event.id)).toEqual(live.map((event) => event.id));
      expect(replay.map((event) => event.payload)).toEqual(transcript.map((message) => ({ message })));
      expect(live.map((event) => event.payload)).toEqual(transcript.map((message) => ({ message })));
      // Resuming after the second event replays only what came after it.
      expect((await chat.eventsSince(session.id, live[1]?.id)).map((event) => event.id)).toEqual(live.slice(2).map((event) => event.id));
    });
  });
}
