// Every Database adapter passes the same contract: migrations, parameters, JSON, transactions.
// PGlite always runs; PostgreSQL runs when TEST_DATABASE_URL (default 127.0.0.1:5432/test) answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteDatabase } from '../../src/db/adapters/pglite.js';
import { PostgresDatabase } from '../../src/db/adapters/postgres.js';
import type { AnswerService } from '../../src/answer/answer-service.js';
import { ChatService } from '../../src/chat/chat-service.js';
import { InProcessEventBus } from '../../src/chat/event-bus.js';
import type { Database } from '../../src/db/database.js';
import { ContentGaps } from '../../src/editor/content-gaps.js';
import { migrate, migrations } from '../../src/db/migrations.js';
import { AppointmentStore } from '../../src/patient/appointment-store.js';
import { postgresForTests } from '../support/postgres.js';

const postgres = await postgresForTests();

const adapters: { name: string; open: () => Promise<Database>; available: boolean }[] = [
  { name: 'PGlite', open: () => PgliteDatabase.open(), available: true },
  { name: 'PostgreSQL', open: () => PostgresDatabase.open(postgres.url as string), available: postgres.url !== undefined },
];

for (const adapter of adapters) {
  describe.skipIf(!adapter.available)(`Database contract: ${adapter.name}`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await adapter.open();
      if (adapter.name === 'PostgreSQL') await postgres.reset(database);
    });
    afterAll(async () => {
      await database?.close();
      if (adapter.name === 'PostgreSQL') await postgres.drop();
    });

    it('migrates an empty database and is idempotent', async () => {
      expect(await migrate(database)).toEqual(migrations.map((migration) => migration.id));
      expect(await migrate(database)).toEqual([]);
    });

    it('round-trips parameters, JSON and timestamps', async () => {
      await database.query('INSERT INTO sessions (id, hospital, language) VALUES ($1, $2, $3)', ['s-1', 'fjordby', 'da']);
      await database.query(
        `INSERT INTO messages (id, session_id, role, kind, language, text, citations) VALUES ($1, $2, 'assistant', 'answer', 'da', $3, $4::jsonb)`,
        ['m-1', 's-1', 'Prøv P-hus Nord «æøå»', JSON.stringify([{ n: 1, title: 'Parkering', url: '/p', excerpt: 'x' }])],
      );
      const [row] = await database.query<{ text: string; citations: unknown; created_at: Date }>('SELECT * FROM messages WHERE id = $1', ['m-1']);
      expect(row?.text).toBe('Prøv P-hus Nord «æøå»');
      expect(row?.citations).toEqual([{ n: 1, title: 'Parkering', url: '/p', excerpt: 'x' }]);
      expect(row?.created_at).toBeInstanceOf(Date);
    });

    it('rolls a failed transaction back completely', async () => {
      await expect(
        database.transaction(async (tx) => {
          await tx.query('INSERT INTO sessions (id, language) VALUES ($1, $2)', ['s-rollback', 'da']);
          await tx.query('INSERT INTO sessions (id, language) VALUES ($1, $2)', ['s-rollback', 'da']);
        }),
      ).rejects.toThrow();
      expect(await database.query('SELECT id FROM sessions WHERE id = $1', ['s-rollback'])).toEqual([]);
    });

    it('enforces the message kinds the API promises', async () => {
      await expect(
        database.query(`INSERT INTO messages (id, session_id, role, kind, language, text) VALUES ('m-2', 's-1', 'assistant', 'guess', 'da', 'x')`),
      ).rejects.toThrow();
    });

    it('keeps one feedback per answer, within the rules the API promises, and drops it with its session', async () => {
      await database.query(`INSERT INTO sessions (id, language) VALUES ('s-fb', 'da')`);
      await database.query(`INSERT INTO messages (id, session_id, role, kind, language, text) VALUES ('m-fb', 's-fb', 'assistant', 'answer', 'da', 'Svar')`);
      await database.query(`INSERT INTO feedback (message_id, session_id, rating) VALUES ('m-fb', 's-fb', 'up')`);
      await expect(database.query(`INSERT INTO feedback (message_id, session_id, rating) VALUES ('m-fb', 's-fb', 'down')`)).rejects.toThrow();
      await expect(database.query(`UPDATE feedback SET rating = 'meh' WHERE message_id = 'm-fb'`)).rejects.toThrow();
      await expect(database.query(`UPDATE feedback SET comment = $1 WHERE message_id = 'm-fb'`, ['x'.repeat(1001)])).rejects.toThrow();
      await expect(database.query(`INSERT INTO feedback (message_id, session_id, rating) VALUES ('m-none', 's-fb', 'up')`)).rejects.toThrow();
      await database.query(`DELETE FROM sessions WHERE id = 's-fb'`);
      expect(await database.query(`SELECT * FROM feedback WHERE message_id = 'm-fb'`)).toEqual([]);
    });

    it('records, replaces and lists feedback for editors, newest first with the question answered', async () => {
      // Feedback never asks the answer core; this service is only here for its feedback verbs.
      const answers = { answer: () => Promise.reject(new Error('not used by feedback')) } as unknown as AnswerService;
      const chat = new ChatService({ database, events: new InProcessEventBus(), answers });
      const { id: sessionId } = await chat.createSession({ hospital: 'fjordby', language: 'da' });
      // Stored in the same millisecond, as a fast exchange can be: the answer names its question.
      const insert = (id: string, role: string, kind: string, text: string, replyTo: string | null = null) =>
        database.query(`INSERT INTO messages (id, session_id, role, kind, language, text, reply_to) VALUES ($1, $2, $3, $4, 'da', $5, $6)`, [id, sessionId, role, kind, text, replyTo]);
      await insert('fq-1', 'user', 'question', 'Hvor kan jeg parkere?');
      await insert('fa-1', 'assistant', 'answer', 'I P-hus Nord [1]', 'fq-1');
      await insert('fq-2', 'user', 'question', 'Er der en café? Mit CPR er 010190-1234');
      await insert('fa-2', 'assistant', 'refusal', 'Ring til 76 63 14 90', 'fq-2');

      const first = await chat.recordFeedback(sessionId, 'fa-1', { rating: 'down', comment: 'Hvilken indgang?' });
      await chat.recordFeedback(sessionId, 'fa-2', { rating: 'up' });
      const changed = await chat.recordFeedback(sessionId, 'fa-1', { rating: 'up', comment: 'Fandt det alligevel' });
      expect(changed).toMatchObject({ rating: 'up', comment: 'Fandt det alligevel', createdAt: first.createdAt });
      expect(Date.parse(changed.updatedAt)).toBeGreaterThan(Date.parse(first.updatedAt));

      const all = await chat.listFeedback();
      expect(all.nextOffset).toBeNull();
      // fa-1 was rated last (changed), so it comes first; each carries the question it answered.
      expect(all.items.map((item) => [item.messageId, item.rating, item.comment, item.question, item.answer.text, item.answer.kind])).toEqual([
        ['fa-1', 'up', 'Fandt det alligevel', 'Hvor kan jeg parkere?', 'I P-hus Nord [1]', 'answer'],
        ['fa-2', 'up', null, 'Er der en café? Mit CPR er 010190-1234', 'Ring til 76 63 14 90', 'refusal'],
      ]);
      expect(all.items[0]?.hospital).toBe('fjordby');

      const page1 = await chat.listFeedback({ limit: 1 });
      const page2 = await chat.listFeedback({ limit: 1, offset: page1.nextOffset ?? 0 });
      expect([page1.items[0]?.messageId, page1.nextOffset, page2.items[0]?.messageId, page2.nextOffset]).toEqual(['fa-1', 1, 'fa-2', null]);
      await chat.recordFeedback(sessionId, 'fa-2', { rating: 'down' });
      expect((await chat.listFeedback({ rating: 'down' })).items.map((item) => item.messageId)).toEqual(['fa-2']);
    });

    it('marks feedback reviewed, lists the review queue with the conversation around the answer, and finds the refusals for lack of content', async () => {
      const answers = { answer: () => Promise.reject(new Error('not used here')) } as unknown as AnswerService;
      const chat = new ChatService({ database, events: new InProcessEventBus(), answers });
      const { id: sessionId } = await chat.createSession({ hospital: 'fjordby', language: 'da' });
      const insert = (id: string, role: string, kind: string, text: string, replyTo: string | null = null, reason: string | null = null) =>
        database.query(
          `INSERT INTO messages (id, session_id, role, kind, language, text, reply_to, refusal_reason, created_at) VALUES ($1, $2, $3, $4, 'da', $5, $6, $7, now() + ($8::int * interval '1 millisecond'))`,
          [id, sessionId, role, kind, text, replyTo, reason, Number(id.slice(3))],
        );
      await insert('rq-1', 'user', 'question', 'Sælger I frimærker?');
      await insert('ra-2', 'assistant', 'refusal', 'Det ved jeg ikke', 'rq-1', 'no-source');
      await insert('rq-3', 'user', 'question', 'Hvor mange ibuprofen må jeg tage?');
      await insert('ra-4', 'assistant', 'refusal', 'Spørg din læge', 'rq-3', 'medical-advice');
      await insert('rq-5', 'user', 'question', 'Er der frisør?');
      await insert('ra-6', 'assistant', 'refusal', 'Det ved jeg ikke', 'rq-5');
      await insert('rq-7', 'user', 'question', 'Tak');
      await insert('ra-8', 'assistant', 'answer', 'Velbekomme', 'rq-7');
      await insert('rq-9', 'user', 'question', 'Farvel');

      await chat.recordFeedback(sessionId, 'ra-6', { rating: 'down', comment: 'Intet svar' });
      const [open] = (await chat.listFeedback({ rating: 'down', status: 'open' })).items;
      expect(open?.conversation.map((message) => message.id)).toEqual(['ra-2', 'rq-3', 'ra-4', 'rq-5', 'ra-6', 'rq-7', 'ra-8']);
      const reviewed = await chat.reviewFeedback('ra-6', { reviewed: true, editor: 'Ida' });
      expect(reviewed).toMatchObject({ messageId: 'ra-6', reviewedBy: 'Ida' });
      expect((await chat.listFeedback({ status: 'open' })).items.map((item) => item.messageId)).not.toContain('ra-6');
      expect((await chat.listFeedback({ status: 'reviewed' })).items.map((item) => item.messageId)).toEqual(['ra-6']);
      await expect(chat.reviewFeedback('no-such', { reviewed: true, editor: 'Ida' })).rejects.toThrow(/no feedback with id "no-such"/);

      const questions = await new ContentGaps({ database }).unansweredQuestions({ days: 1 });
      expect(questions.filter((question) => question.messageId.startsWith('rq-')).map((question) => [question.messageId, question.text, question.reason])).toEqual([
        ['rq-1', 'Sælger I frimærker?', 'no-source'],
        ['rq-5', 'Er der frisør?', null],
      ]);
    });

    it('keeps appointments per patient', async () => {
      const store = new AppointmentStore(database);
      const base = { status: 'booked', endsAt: null, service: 'Koloskopi', description: null, hospital: 'Fjordby', department: null, locationName: null, locationDescription: null, instruction: null, resource: {} };
      await store.upsert([
        { ...base, id: 'a-1', patientIdentifier: 'cpr|010101-0001', startsAt: '2027-01-10T08:00:00.000Z' },
        { ...base, id: 'a-2', patientIdentifier: 'cpr|020202-0002', startsAt: '2027-01-09T08:00:00.000Z' },
      ]);
      await store.upsert([{ ...base, id: 'a-1', patientIdentifier: 'cpr|010101-0001', startsAt: '2027-01-11T08:00:00.000Z' }]);
      const mine = await store.forPatient('cpr|010101-0001');
      expect(mine.map((appointment) => [appointment.id, appointment.startsAt])).toEqual([['a-1', '2027-01-11T08:00:00.000Z']]);
    });
  });
}

