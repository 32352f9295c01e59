// How often answers cited each page and chunk, counted from the stored answers with the same SQL on
// PGlite and PostgreSQL (PostgreSQL runs when TEST_DATABASE_URL, default 127.0.0.1:5432/test, answers).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteDatabase } from '../../src/db/adapters/pglite.js';
import { PostgresDatabase } from '../../src/db/adapters/postgres.js';
import type { Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrations.js';
import { IndexPages } from '../../src/editor/index-pages.js';
import type { EmbeddedSearchIndex } from '../../src/search/adapters/embedded-index.js';
import type { Chunk } from '../../src/search/search-index.js';
import { postgresForTests } from '../support/postgres.js';
import { demoIndex } from '../support/runtime.js';

const postgres = await postgresForTests();
const adapters: { name: string; open: () => Promise<Database>; available: boolean }[] = [
  { name: 'PGlite', open: () => PgliteDatabase.open(), available: true },
  { name: 'PostgreSQL', open: () => PostgresDatabase.open(postgres.url as string), available: postgres.url !== undefined },
];

const now = new Date('2026-11-26T08:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000).toISOString();
const citation = (chunk: Chunk, n = 1) => ({ n, chunkId: chunk.id, title: chunk.title, url: chunk.url, excerpt: chunk.text.slice(0, 40) });

let index: EmbeddedSearchIndex;
beforeAll(async () => {
  index = await demoIndex();
}, 120_000);

for (const adapter of adapters) {
  describe.skipIf(!adapter.available)(`pages in the index with cited counts: ${adapter.name}`, () => {
    let database: Database;
    let pages: IndexPages;
    let parking: Chunk[];
    let fasting: Chunk;
    beforeAll(async () => {
      database = await adapter.open();
      if (adapter.name === 'PostgreSQL') await postgres.reset(database);
      await migrate(database);
      pages = new IndexPages({ index, database, now: () => now });
      parking = await index.chunksOf('/demo/fjordby/praktisk/parkering');
      fasting = (await index.chunksOf('/demo/fjordby/pinfo/faste-foer-bedoevelse'))[0] as Chunk;
      expect(parking.length).toBeGreaterThan(1);
      const [first, second] = parking as [Chunk, Chunk];
      await database.query(`INSERT INTO sessions (id, hospital, language) VALUES ('s-1', 'fjordby', 'da')`);
      const answer = (id: string, at: string, citations: unknown[], role = 'assistant', kind = 'answer') =>
        database.query(`INSERT INTO messages (id, session_id, created_at, role, kind, language, text, citations) VALUES ($1, 's-1', $2, $3, $4, 'da', 'svar', $5::jsonb)`, [
          id,
          at,
          role,
          kind,
          JSON.stringify(citations),
        ]);
      // Citing two chunks of the parking page counts once for the page, once for each chunk.
      await answer('a-1', daysAgo(1), [citation(first, 1), citation(second, 2)]);
      await answer('a-2', daysAgo(89), [citation(first, 1), citation(fasting, 2)]);
      await answer('a-3', daysAgo(91), [citation(first, 1)]);
      await answer('r-1', daysAgo(1), [], 'assistant', 'refusal');
      await answer('q-1', daysAgo(1), [], 'user', 'question');
    });
    afterAll(async () => {
      await database?.close();
      if (adapter.name === 'PostgreSQL') await postgres.drop();
    });

    it('counts the answers of the last 90 days citing each page, most cited first', async () => {
      const { items, total } = await pages.list({ limit: 200 });
      expect(total).toBe((await index.pages()).length);
      expect(items.slice(0, 2).map((item) => [item.url, item.cited])).toEqual([
        ['/demo/fjordby/praktisk/parkering', 2],
        ['/demo/fjordby/pinfo/faste-foer-bedoevelse', 1],
      ]);
      expect(items.slice(2).every((item) => item.cited === 0)).toBe(true);
    });

    it("counts each chunk's citations on the page's detail", async () => {
      const detail = await pages.detail('/demo/fjordby/praktisk/parkering');
      const [first, second] = parking as [Chunk, Chunk];
      expect(detail?.cited).toBe(2);
      expect(detail?.chunks.map((chunk) => [chunk.id, chunk.cited])).toEqual(parking.map((chunk) => [chunk.id, chunk.id === first.id ? 2 : chunk.id === second.id ? 1 : 0]));
      expect(await pages.detail('/demo/fjordby/findes-ikke')).toBeUndefined();
    });
  });
}
