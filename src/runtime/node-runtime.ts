// Composition root for Node: picks adapters from configuration, opens them, migrates, and ingests
// the bundled content on first start. The only place that knows which adapters exist. The PostgreSQL
// and Qdrant adapters are loaded by `import()` when configured, so the embedded default never loads
// their client libraries (the server bundle keeps them in chunks of their own).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ingestContentDirectory, readHospitalNames } from '../../ingest/pipeline.js';
import { AnswerService } from '../answer/answer-service.js';
import { ChatService } from '../chat/chat-service.js';
import { readEvalSetDirectory } from '../editor/adapters/eval-set-files.js';
import { EvalRuns } from '../editor/eval-runs.js';
import { EvalSets } from '../editor/eval-sets.js';
import type { EditorEvaluations } from '../http/routes/editor-evals.js';
import { InProcessEventBus, type EventBus } from '../chat/event-bus.js';
import type { Config } from '../config.js';
import { PgliteDatabase } from '../db/adapters/pglite.js';
import type { Database } from '../db/database.js';
import { migrate } from '../db/migrations.js';
import { ContentGaps } from '../editor/content-gaps.js';
import type { Logger } from '../logger.js';
import { AppointmentAnswerer } from '../patient/appointment-answer.js';
import { AppointmentStore } from '../patient/appointment-store.js';
import { DatabaseLoginAttempts } from '../patient/login-attempts.js';
import { DatabasePatientSessions, type PatientSessions } from '../patient/patient-sessions.js';
import { FileSnapshotStore } from '../search/adapters/file-snapshot-store.js';
import { EmbeddedSearchIndex } from '../search/adapters/embedded-index.js';
import type { QueryEmbeddingFailure } from '../search/query-embedding.js';
import type { SearchIndex } from '../search/search-index.js';
import { StaffAccounts } from '../staff/accounts.js';
import { OpenIdConnectSignIn, parseRoleMap } from '../staff/adapters/openid-connect.js';
import { ScryptPasswordHasher } from '../staff/adapters/scrypt-password-hasher.js';
import { AnswerQueue } from './answer-queue.js';
import { answerSettings, evaluationConfiguration } from './answer-settings.js';
import { botFrameworkFromConfig, type BotFramework } from './bot-framework.js';
import { chatModelFor, embeddingsFor, summaryWriterFor, usesPrompts } from './answerers.js';
import { claimPidFile } from './pid-file.js';
import { loadEscalationSettings } from './escalation-settings.js';
import { EscalationService } from '../escalation/escalation-service.js';
import type { StaffChannel } from '../escalation/types.js';
import { readAnswerPrompts, readSummaryPrompts } from './prompt-files.js';

export interface Runtime {
  database: Database;
  index: SearchIndex;
  events: EventBus;
  chat: ChatService;
  escalations: EscalationService;
  appointments: AppointmentStore;
  /** Patients bound to chats by a verified login; the OpenID Connect callback binds through bindVerifiedLogin. */
  patients: PatientSessions;
  /** Patient logins between the popup's start and the provider's callback. */
  loginAttempts: DatabaseLoginAttempts;
  staff: StaffAccounts;
  /** Eval sets and stored eval runs of this server's answer core, for the editor console. */
  evaluations: EditorEvaluations;
  /** The editors' content gaps, grouped with the embedding model too when one is configured. */
  contentGaps: ContentGaps;
  /** Bot Framework channels and the Teams staff channel; set when MICROSOFT_APP_ID is. */
  botChannels?: BotFramework;
  close(): Promise<void>;
}

/** Present while a server has the embedded database in DATA_DIR open; the ingest CLI checks it. */
export const embeddedDatabaseMarker = 'embedded-database.pid';

/** How often a search may check whether `npm run ingest` wrote a newer index snapshot. */
const snapshotReloadCheckMs = 3000;

export async function openRuntime(config: Config, logger: Logger): Promise<Runtime> {
  const started = performance.now();
  let releaseMarker = async () => undefined as void;
  if (config.DATABASE_URL === undefined) {
    await mkdir(config.DATA_DIR, { recursive: true });
    // PGlite has no locking of its own: a second process opening the directory would corrupt it.
    const marker = await claimPidFile(join(config.DATA_DIR, embeddedDatabaseMarker), 'server');
    if ('heldBy' in marker) {
      throw new Error(
        `Another process (pid ${marker.heldBy.pid}, ${marker.heldBy.command}, since ${marker.heldBy.startedAt}) has the embedded database in ${config.DATA_DIR} open. ` +
          'Stop it first, or give this one its own DATA_DIR.',
      );
    }
    releaseMarker = marker.release;
  }
  let database: Database;
  try {
    database =
      config.DATABASE_URL === undefined
        ? await PgliteDatabase.open(join(config.DATA_DIR, 'pglite'))
        : await (await import('../db/adapters/postgres.js')).PostgresDatabase.open(config.DATABASE_URL, { poolSize: config.DATABASE_POOL_SIZE });
  } catch (error) {
    await releaseMarker();
    throw error;
  }
  let events: EventBus | undefined;
  const close = async () => {
    await events?.close();
    await database.close();
    await releaseMarker();
  };
  try {
    const applied = await migrate(database);
    if (applied.length > 0) logger.info({ event: 'migrations-applied', migrations: applied }, 'database migrated');
    const index = await openSearchIndex(config, logger);
    const appointments = new AppointmentStore(database);
    if (config.INGEST_ON_START && (await index.count()) === 0) {
      logger.info({ event: 'ingest-started', directory: config.CONTENT_DIR }, 'search index is empty: ingesting content');
      await ingestContentDirectory(config.CONTENT_DIR, { index, appointments, logger });
    }
    // One process embedded; with PostgreSQL there may be several replicas, so events travel through it.
    events =
      config.DATABASE_URL === undefined
        ? new InProcessEventBus()
        : await (await import('../chat/adapters/postgres-event-bus.js')).PostgresEventBus.open({ connectionString: config.DATABASE_URL, database, logger: logger.child({ component: 'event-bus' }) });
    const model = chatModelFor(config, usesPrompts(config) ? await readAnswerPrompts() : undefined, logger);
    const hospitals = await readHospitalNames(config.CONTENT_DIR);
    const now = () => new Date();
    const patients = new DatabasePatientSessions(database, now, { idleTimeoutMs: config.PATIENT_SESSION_IDLE_MINUTES * 60_000 });
    // One answer started per turn of the event loop: a burst of questions cannot hold up the first
    // event of every stream (the stored question) behind all of their answering.
    const answers = new AnswerQueue(new AnswerService({
      index,
      model,
      settings: answerSettings(config, hospitals),
      logger,
      now,
      appointments: new AppointmentAnswerer({ appointments, index, hospitals, logger: logger.child({ component: 'appointments' }), now }),
    }));
    const escalationSettings = await loadEscalationSettings(config.ESCALATION_CONFIG);
    const summaryWriter = summaryWriterFor(config, usesPrompts(config) ? await readSummaryPrompts() : undefined);
    // The escalation service announces to Teams and Teams replies go to it: the channel list is filled
    // once the Bot Framework pieces (which need the chat) exist.
    const staffChannels: StaffChannel[] = [];
    const escalations = new EscalationService({
      database,
      events,
      settings: escalationSettings,
      logger: logger.child({ component: 'escalation' }),
      ...(summaryWriter !== undefined && { summaryWriter }),
      channels: staffChannels,
      ...(config.PUBLIC_URL !== undefined && { takeOverLink: (sessionId: string) => `${config.PUBLIC_URL}/staff#/chats/${encodeURIComponent(sessionId)}` }),
    });
    const chat = new ChatService({ database, events, answers, escalations, escalationPolicy: escalationSettings, patients });
    const botFramework = botFrameworkFromConfig(config, { chat, database, events, logger: logger.child({ component: 'bot-framework' }), staff: escalations });
    if (botFramework?.teams !== undefined) staffChannels.push(botFramework.teams);
    await botFramework?.relay.resume();
    logger.info(
      {
        event: 'runtime-ready',
        database: config.DATABASE_URL === undefined ? 'pglite' : 'postgres',
        answerer: config.CHAT_MODEL === undefined ? 'extractive' : `model ${config.CHAT_MODEL} (extractive fallback)`,
        handoffSummary: summaryWriter === undefined ? 'extractive' : `model ${config.CHAT_MODEL} (extractive fallback)`,
        chunks: await index.count(),
        botFramework: botFramework === undefined ? 'off' : botFramework.teams === undefined ? 'on' : 'on, with Teams',
        ms: Math.round(performance.now() - started),
      },
      'runtime ready',
    );
    const staff = staffAccountsFor(config, database, logger);
    await staff.prepare();
    const evaluations = await evaluationsFor(config, database, answers, logger);
    const closeAll = async () => {
      // Replies already promised to Bot Framework users go out before the database closes.
      botFramework?.relay.stopAll();
      await botFramework?.routes.background.idle();
      await close();
    };
    return {
      database,
      index,
      events,
      chat,
      escalations,
      appointments,
      patients,
      loginAttempts: new DatabaseLoginAttempts(database, now),
      staff,
      evaluations,
      contentGaps: contentGapsFor(config, database, logger),
      ...(botFramework !== undefined && { botChannels: botFramework }),
      close: closeAll,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

/** The configured search index: Qdrant, or the embedded index's snapshot in DATA_DIR; hybrid with an embedding model. */
export async function openSearchIndex(config: Config, logger: Logger): Promise<SearchIndex> {
  const embeddings = embeddingsFor(config);
  // A citizen's question is answered from the lexical side alone rather than failing or waiting.
  const onQueryEmbeddingFailure = ({ error }: QueryEmbeddingFailure) =>
    logger.warn({ event: 'query-embedding-failed', error: error.message }, 'the question could not be embedded; searched by its words alone');
  if (config.SEARCH_BACKEND === 'qdrant' && config.QDRANT_URL !== undefined) {
    const { QdrantSearchIndex } = await import('../search/adapters/qdrant-index.js');
    return new QdrantSearchIndex({
      url: config.QDRANT_URL,
      collection: config.QDRANT_COLLECTION,
      ...(config.QDRANT_API_KEY !== undefined && { apiKey: config.QDRANT_API_KEY }),
      ...(embeddings !== undefined && { embeddings, onQueryEmbeddingFailure }),
    });
  }
  const index = await EmbeddedSearchIndex.open(new FileSnapshotStore(join(config.DATA_DIR, 'search-index.json')), {
    // When ingest runs last read each page (the editor console shows it), beside the snapshot.
    readTimes: new FileSnapshotStore(join(config.DATA_DIR, 'search-index.read-times.json')),
    reloadCheckMs: snapshotReloadCheckMs,
    onReload: (outcome) =>
      'error' in outcome
        ? logger.error({ event: 'index-reload-failed', error: outcome.error.message }, 'a newer index snapshot could not be loaded; serving the previous one')
        : logger.info({ event: 'index-reloaded', chunks: outcome.chunks }, 'loaded the index snapshot written by an ingest run'),
    ...(embeddings !== undefined && { embeddings, onQueryEmbeddingFailure }),
  });
  const missing = await index.missingVectors();
  if (missing > 0 && (await index.count()) > 0) {
    // The server never writes the snapshot behind the ingest CLI's back: the next ingest run embeds them.
    logger.warn({ event: 'index-vectors-missing', chunks: missing }, 'some chunks have no vector for the configured embedding model; run npm run ingest to embed them (until then they are found by their words only)');
  }
  return index;
}

/**
 * The editor console's evaluations: the file sets in EVAL_SETS_DIR, the stored runs, and this
 * server's answer core (through the answer queue, so citizens' questions go between a run's).
 */
async function evaluationsFor(config: Config, database: Database, answers: AnswerQueue, logger: Logger): Promise<EditorEvaluations> {
  const files = await readEvalSetDirectory(config.EVAL_SETS_DIR);
  for (const problem of files.problems) logger.warn({ event: 'eval-set-unreadable', problem }, 'an eval set was left out');
  // The embedded database is this process's alone: a run still marked running was cut off when it
  // stopped. With PostgreSQL another replica may be running one: only runs silent for a while count.
  const runs = new EvalRuns({ database, logger: logger.child({ component: 'eval-runs' }) });
  await runs.failInterrupted(config.DATABASE_URL === undefined ? 0 : undefined);
  const content = config.CONTENT_DIR.replace(/\/+$/, '').endsWith('ingest/demo') ? 'demo content' : `content of ${config.CONTENT_DIR}`;
  return {
    sets: new EvalSets({ database, files: files.sets }),
    runs,
    answer: (request) => answers.answer(request),
    configuration: evaluationConfiguration(config, content),
  };
}

/** Content gaps for editors: questions grouped by their words, and by the embedding model when one is configured. */
export function contentGapsFor(config: Config, database: Database, logger: Logger): ContentGaps {
  const embeddings = embeddingsFor(config);
  return new ContentGaps({
    database,
    ...(embeddings !== undefined && {
      embeddings,
      onEmbeddingFailure: (error: Error) =>
        logger.warn({ event: 'content-gaps-embedding-failed', error: error.message }, 'the questions could not be embedded; grouped by their words alone'),
    }),
  });
}

/** Staff accounts with the configured session lengths and lockout, on the scrypt password hash. */
export function staffAccountsFor(config: Config, database: Database, logger: Logger): StaffAccounts {
  return new StaffAccounts({
    database,
    hasher: new ScryptPasswordHasher(),
    logger,
    settings: {
      sessionLifetimeMs: config.STAFF_SESSION_HOURS * 60 * 60_000,
      sessionIdleMs: config.STAFF_SESSION_IDLE_MINUTES * 60_000,
      maxFailedLogins: config.STAFF_LOGIN_MAX_FAILURES,
      lockoutMs: config.STAFF_LOGIN_LOCKOUT_MINUTES * 60_000,
    },
  });
}

/** The configured OpenID Connect sign-in for staff, or undefined when STAFF_OIDC_ISSUER is unset. */
export function staffIdentityProviderFor(config: Config): OpenIdConnectSignIn | undefined {
  if (config.STAFF_OIDC_ISSUER === undefined || config.STAFF_OIDC_CLIENT_ID === undefined || config.STAFF_OIDC_CLIENT_SECRET === undefined) return undefined;
  return new OpenIdConnectSignIn({
    issuer: config.STAFF_OIDC_ISSUER,
    clientId: config.STAFF_OIDC_CLIENT_ID,
    clientSecret: config.STAFF_OIDC_CLIENT_SECRET,
    rolesClaim: config.STAFF_OIDC_ROLES_CLAIM,
    roleMap: parseRoleMap(config.STAFF_OIDC_ROLE_MAP),
  });
}
