// Embedded Database: PGlite (Postgres compiled to WebAssembly) in a directory, or in memory.
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable } from '../database.js';

/**
 * PostgreSQL's shared buffer cache inside PGlite's WebAssembly memory. PostgreSQL's default (128 MB)
 * is all touched at start-up, so it is resident from the first second: that alone was ~120 MB of the
 * embedded server's RSS. PGlite's files are read through the operating system's page cache, so a page
 * not in this cache costs a read() call, not a disk seek; the chat's hot rows (recent sessions,
 * messages, events) fit many times over. Measured: the same CPU per answer with 16 MB as with 128 MB
 * (docs/load-benchmark.md).
 */
export const pgliteSharedBuffers = '16MB';

export class PgliteDatabase implements Database {
  private constructor(private readonly client: PGlite) {}

  /** @param directory a folder to persist into, or undefined for an in-memory database (tests). */
  static async open(directory?: string, options: { sharedBuffers?: string } = {}): Promise<PgliteDatabase> {
    const startParams = [...PGlite.defaultStartParams, '-c', `shared_buffers=${options.sharedBuffers ?? pgliteSharedBuffers}`];
    const client = new PGlite(directory, { startParams });
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
