// Composition root for Node: picks adapters from configuration, opens them, migrates, and ingests
// the bundled content on first start. The only place that knows which adapters exist.
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
import type { AnswerSettings } from '../answer/answer-service.js';

export interface Runtime {
  database: Database;
  index: OramaSearchIndex;
  events: InProcessEventBus;
  chat: ChatService;
  appointments: AppointmentStore;
  close(): Promise<void>;
}

export function answerSettings(config: Config): AnswerSettings {
  const hours = 'hverdage kl. 16–08, weekend og helligdage hele døgnet';
  return {
    defaultLanguage: config.DEFAULT_LANGUAGE,
    passages: 4,
    minimumCoverage: 0.6,
    contacts: {
      patientOfficePhone: config.PATIENT_OFFICE_PHONE,
      outOfHoursDoctorPhone: config.OUT_OF_HOURS_DOCTOR_PHONE,
      emergencyPhone: config.EMERGENCY_PHONE,
    },
    emergencyNumbers: {
      emergency: config.EMERGENCY_PHONE,
      outOfHoursDoctor: config.OUT_OF_HOURS_DOCTOR_PHONE,
      outOfHoursDoctorHours: {
        da: hours,
        en: 'weekdays 16–08, weekends and public holidays all day',
        de: 'werktags 16–08 Uhr, am Wochenende und an Feiertagen rund um die Uhr',
        ar: 'أيام الأسبوع من 16 إلى 08، وطوال اليوم في عطلات نهاية الأسبوع والأعياد',
        uk: 'у будні з 16 до 08, у вихідні та свята цілодобово',
      },
      suicidePrevention: config.SUICIDE_PREVENTION_PHONE,
      suicidePreventionName: config.SUICIDE_PREVENTION_NAME,
    },
  };
}

export async function openRuntime(config: Config, logger: Logger): Promise<Runtime> {
  const started = performance.now();
  const database: Database =
    config.DATABASE_URL === undefined
      ? await PgliteDatabase.open(join(config.DATA_DIR, 'pglite'))
      : await PostgresDatabase.open(config.DATABASE_URL);
  try {
    const applied = await migrate(database);
    if (applied.length > 0) logger.info({ event: 'migrations-applied', migrations: applied }, 'database migrated');
    const index = await OramaSearchIndex.open(new FileSnapshotStore(join(config.DATA_DIR, 'search-index.json')));
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
