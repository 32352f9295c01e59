// Production Database: PostgreSQL through node-postgres, chosen when DATABASE_URL is set.
import pg from 'pg';
import type { Database, Queryable } from '../database.js';

export class PostgresDatabase implements Database {
  private constructor(private readonly pool: pg.Pool) {}

  /**
   * @param options.poolSize connections kept open. Every question makes two round trips before its
   *   first event, so with too few connections a burst of chats waits in the pool's queue: at 100
   *   concurrent chats the first event's p95 was 181 ms with 10 and 60 ms with 20 (docs/load-benchmark.md).
   */
  static async open(connectionString: string, options: { poolSize?: number } = {}): Promise<PostgresDatabase> {
    const pool = new pg.Pool({ connectionString, max: options.poolSize ?? 10 });
    // Without a listener an idle client's network error would crash the process.
    pool.on('error', () => undefined);
    const database = new PostgresDatabase(pool);
    await database.ping();
    return database;
  }

  async query<Row extends object>(sql: string, parameters: readonly unknown[] = []): Promise<Row[]> {
    const result = await this.pool.query<Row & pg.QueryResultRow>(sql, [...parameters]);
    return result.rows;
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work({
        query: async <Row extends object>(sql: string, parameters: readonly unknown[] = []) =>
          (await client.query<Row & pg.QueryResultRow>(sql, [...parameters])).rows,
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
