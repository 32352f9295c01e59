// Chat transcripts are not kept for ever: the purge deletes conversations with no message for the
// retention period, and a citizen can delete their own conversation at once.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteDatabase } from '../../src/db/adapters/pglite.js';
import { migrate } from '../../src/db/migrations.js';
import { purgeTranscripts } from '../../src/chat/retention.js';
import { bindVerifiedLogin } from '../../src/patient/patient-sessions.js';
import { testRuntime } from '../support/runtime.js';

let runtime: Awaited<ReturnType<typeof testRuntime>>;
beforeAll(async () => {
  runtime = await testRuntime();
}, 120_000);
afterAll(() => runtime.close());

const count = async (table: string, sessionId: string) =>
  Number((await runtime.database.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table} WHERE session_id = $1`, [sessionId]))[0]?.n);

/** A conversation with a question, an answer, feedback and a patient login, last written `daysAgo` days ago. */
async function conversation(daysAgo: number): Promise<string> {
  const session = await runtime.chat.createSession({ hospital: 'fjordby', language: 'da' });
  const { answer } = await runtime.chat.ask(session.id, { text: 'Hvor kan jeg parkere?' });
  await runtime.chat.recordFeedback(session.id, answer?.id as string, { rating: 'up' });
  await bindVerifiedLogin(runtime.patients, session.id, { system: 'urn:oid:1.2.208.176.1.2', value: '020971-1629' });
  const then = `${daysAgo} days`;
  await runtime.database.query(`UPDATE sessions SET created_at = now() - $2::interval WHERE id = $1`, [session.id, then]);
  await runtime.database.query(`UPDATE messages SET created_at = now() - $2::interval WHERE session_id = $1`, [session.id, then]);
  await runtime.database.query(`UPDATE session_events SET created_at = now() - $2::interval WHERE session_id = $1`, [session.id, then]);
  return session.id;
}

describe('the purge of old chat transcripts', () => {
  it('deletes conversations with no message for the retention period, with everything that hangs on them, and keeps the rest', async () => {
    const old = await conversation(31);
    const recent = await conversation(29);
    // Started long ago, but the citizen wrote yesterday: still in use.
    const revived = await conversation(40);
    await runtime.database.query(`UPDATE messages SET created_at = now() - interval '1 day' WHERE id = (SELECT id FROM messages WHERE session_id = $1 LIMIT 1)`, [revived]);

    const { sessions } = await purgeTranscripts(runtime.database, { retentionDays: 30, now: new Date() });
    expect(sessions).toBe(1);
    await expect(runtime.chat.getSession(old)).rejects.toMatchObject({ code: 'not_found' });
    for (const table of ['messages', 'session_events', 'feedback', 'patient_sessions']) expect(await count(table, old)).toBe(0);
    for (const id of [recent, revived]) expect((await runtime.chat.messages(id)).length).toBe(2);
    expect(await count('patient_sessions', recent)).toBe(1);
  });

  it('takes a shorter period when configured so, and refuses a period under one day', async () => {
    const week = await conversation(8);
    expect((await purgeTranscripts(runtime.database, { retentionDays: 7, now: new Date() })).sessions).toBeGreaterThanOrEqual(1);
    await expect(runtime.chat.getSession(week)).rejects.toMatchObject({ code: 'not_found' });
    await expect(purgeTranscripts(runtime.database, { retentionDays: 0, now: new Date() })).rejects.toThrow(/retentionDays must be at least 1/);
  });
});

describe('DELETE /api/sessions/{id}', () => {
  it("deletes the citizen's conversation at once, the patient login with it; a second delete is a 404", async () => {
    const id = await conversation(0);
    const response = await runtime.app.request(`/api/sessions/${id}`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect((await runtime.app.request(`/api/sessions/${id}/messages`)).status).toBe(404);
    for (const table of ['messages', 'session_events', 'feedback', 'patient_sessions']) expect(await count(table, id)).toBe(0);
    const again = await runtime.app.request(`/api/sessions/${id}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(((await again.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'not_found', message: expect.stringContaining(id) });
  });

  it('leaves other conversations alone', async () => {
    const mine = await conversation(0);
    const theirs = await conversation(0);
    expect((await runtime.app.request(`/api/sessions/${mine}`, { method: 'DELETE' })).status).toBe(204);
    expect((await runtime.chat.messages(theirs)).length).toBe(2);
  });
});

describe('npm run purge', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const purge = (dataDirectory: string, environment: Record<string, string>) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(join(root, 'node_modules/.bin/tsx'), ['scripts/purge.ts'], { cwd: root, env: { ...process.env, DATA_DIR: dataDirectory, DATABASE_URL: '', ...environment } }, (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr }),
      );
    });

  it('deletes the old transcripts in the embedded database and says how many; a bad setting is named', async () => {
    const dataDirectory = await mkdtemp(join(tmpdir(), 'purge-'));
    try {
      const database = await PgliteDatabase.open(join(dataDirectory, 'pglite'));
      await migrate(database);
      await database.query(`INSERT INTO sessions (id, language, created_at) VALUES ('old', 'da', now() - interval '40 days'), ('new', 'da', now())`);
      await database.close();

      const result = await purge(dataDirectory, { TRANSCRIPT_RETENTION_DAYS: '30' });
      expect(result).toMatchObject({ code: 0, stdout: 'Deleted 1 chat transcript with no message in the last 30 days.\n' });
      const after = await PgliteDatabase.open(join(dataDirectory, 'pglite'));
      expect((await after.query<{ id: string }>('SELECT id FROM sessions')).map((row) => row.id)).toEqual(['new']);
      await after.close();

      const bad = await purge(dataDirectory, { TRANSCRIPT_RETENTION_DAYS: 'a month' });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('TRANSCRIPT_RETENTION_DAYS');
    } finally {
      await rm(dataDirectory, { recursive: true, force: true });
    }
  }, 60_000);
});
