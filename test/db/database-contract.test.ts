// Every Database adapter passes the same contract: migrations, parameters, JSON, transactions.
// PGlite always runs; PostgreSQL runs when TEST_DATABASE_URL (default 127.0.0.1:5432/test) answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteDatabase } from '../../src/db/adapters/pglite.js';
import { PostgresDatabase } from '../../src/db/adapters/postgres.js';
import type { Database } from '../../src/db/database.js';
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

