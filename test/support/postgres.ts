// Finds the PostgreSQL server tests may use. Each run gets its own schema, so runs on a shared
// server do not see each other's tables. When REQUIRE_ALL_SUITES is set (CI), a missing server fails.
import pg from 'pg';
import type { Database } from '../../src/db/database.js';

export interface PostgresForTests {
  /** Connection URL with this run's search_path, or undefined when no server answers. */
  url: string | undefined;
  reason: string;
  reset(database: Database): Promise<void>;
  /** Drops this run's schema. */
  drop(): Promise<void>;
}

export async function postgresForTests(): Promise<PostgresForTests> {
  const base = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `test_${process.pid}_${Date.now()}`;
  const client = new pg.Client({ connectionString: base, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
  } catch (error) {
    const reason = `no PostgreSQL at ${base} (${(error as Error).message})`;
    if (process.env['REQUIRE_ALL_SUITES'] === '1') throw new Error(`REQUIRE_ALL_SUITES is set but ${reason}`);
    console.warn(`\n!!! SKIPPED: suites that need PostgreSQL: ${reason}\n`);
    return { url: undefined, reason, reset: async () => undefined, drop: async () => undefined };
  } finally {
    await client.end().catch(() => undefined);
  }
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    reason: '',
    reset: async (database) => {
      await database.query(`SET search_path TO ${schema}`);
    },
    drop: async () => {
      const cleaner = new pg.Client({ connectionString: base });
      await cleaner.connect();
      await cleaner.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await cleaner.end();
    },
  };
}
