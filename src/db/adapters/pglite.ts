// Embedded Database: PGlite (Postgres compiled to WebAssembly) in a directory, or in memory.
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable } from '../database.js';

export class PgliteDatabase implements Database {
  private constructor(private readonly client: PGlite) {}

  /** @param directory a folder to persist into, or undefined for an in-memory database (tests). */
  static async open(directory?: string): Promise<PgliteDatabase> {
    const client = directory === undefined ? new PGlite() : new PGlite(directory);
    await client.waitReady;
    return new PgliteDatabase(client);
  }

  async query<Row extends object>(sql: string, parameters: readonly unknown[] = []): Promise<Row[]> {
    const result = await this.client.query<Row>(sql, [...parameters]);
    return result.rows;
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.client.transaction(async (tx) =>
      work({
        query: async <Row extends object>(sql: string, parameters: readonly unknown[] = []) =>
          (await tx.query<Row>(sql, [...parameters])).rows,
      }),
    );
  }

  async ping(): Promise<void> {
    await this.client.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (!this.client.closed) await this.client.close();
  }
}
