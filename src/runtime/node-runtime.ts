// Composition root for Node: picks adapters from configuration, opens them, migrates, and ingests
// the bundled content on first start. The only place that knows which adapters exist.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ingestContentDirectory } from '../../ingest/pipeline.js';
import { AnswerService } from '../answer/answer-service.js';
import { ExtractiveAnswerer } from '../answer/extractive-answerer.js';
import { ChatService } from '../chat/chat-service.js';
import { InProcessEventBus } from '../chat/event-bus.js';
import type { Config } from '../config.js';
import { PgliteDatabase } from '../db/adapters/pglite.js';
import { PostgresDatabase } from '../db/adapters/postgres.js';
import type { Database } from '../db/database.js';
import { migrate } from '../db/migrations.js';
import type { Logger } from '../logger.js';
import { AppointmentStore } from '../patient/appointment-store.js';
import { FileSnapshotStore } from '../search/adapters/file-snapshot-store.js';
import { OramaSearchIndex } from '../search/adapters/orama-index.js';
import { QdrantSearchIndex } from '../search/adapters/qdrant-index.js';
import type { SearchIndex } from '../search/search-index.js';
import { answerSettings } from './answer-settings.js';

export interface Runtime {
  database: Database;
  index: SearchIndex;
  events: InProcessEventBus;
  chat: ChatService;
  appointments: AppointmentStore;
  close(): Promise<void>;
}

export async function openRuntime(config: Config, logger: Logger): Promise<Runtime> {
  const started = performance.now();
  if (config.DATABASE_URL === undefined) await mkdir(config.DATA_DIR, { recursive: true });
  const database: Database =
    config.DATABASE_URL === undefined
      ? await PgliteDatabase.open(join(config.DATA_DIR, 'pglite'))
      : await PostgresDatabase.open(config.DATABASE_URL);
  try {
    const applied = await migrate(database);
    if (applied.length > 0) logger.info({ event: 'migrations-applied', migrations: applied }, 'database migrated');
    const index = await openSearchIndex(config);
    const appointments = new AppointmentStore(database);
    if (config.INGEST_ON_START && (await index.count()) === 0) {
      logger.info({ event: 'ingest-started', directory: config.CONTENT_DIR }, 'search index is empty: ingesting content');
      await ingestContentDirectory(config.CONTENT_DIR, { index, appointments, logger });
    }
    const events = new InProcessEventBus();
    const answers = new AnswerService({ index, model: new ExtractiveAnswerer(), settings: answerSettings(config), logger });
    const chat = new ChatService({ database, events, answers });
    logger.info(
      { event: 'runtime-ready', database: config.DATABASE_URL === undefined ? 'pglite' : 'postgres', chunks: await index.count(), ms: Math.round(performance.now() - started) },
      'runtime ready',
    );
    return { database, index, events, chat, appointments, close: () => database.close() };
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}

async function openSearchIndex(config: Config): Promise<SearchIndex> {
  if (config.SEARCH_BACKEND === 'qdrant' && config.QDRANT_URL !== undefined) {
    return new QdrantSearchIndex({ url: config.QDRANT_URL, collection: config.QDRANT_COLLECTION, ...(config.QDRANT_API_KEY !== undefined && { apiKey: config.QDRANT_API_KEY }) });
  }
  return OramaSearchIndex.open(new FileSnapshotStore(join(config.DATA_DIR, 'search-index.json')));
}
