// Builds the real core on embedded adapters for tests: in-memory PGlite, the embedded search index, the demo content.
import { fileURLToPath } from 'node:url';
import { ingestContentDirectory, readHospitalNames } from '../../ingest/pipeline.js';
import { AnswerService } from '../../src/answer/answer-service.js';
import type { ChatModel } from '../../src/answer/chat-model.js';
import { ExtractiveAnswerer } from '../../src/answer/extractive-answerer.js';
import { ChatService } from '../../src/chat/chat-service.js';
import { InProcessEventBus } from '../../src/chat/event-bus.js';
import { loadConfig } from '../../src/config.js';
import { EscalationService } from '../../src/escalation/escalation-service.js';
import { defaultEscalationSettings, type EscalationSettings } from '../../src/escalation/settings.js';
import type { SummaryWriter } from '../../src/escalation/summary.js';
import type { StaffChannel } from '../../src/escalation/types.js';
import { PgliteDatabase } from '../../src/db/adapters/pglite.js';
import { migrate } from '../../src/db/migrations.js';
import { readEvalSetDirectory } from '../../src/editor/adapters/eval-set-files.js';
import { EvalRuns } from '../../src/editor/eval-runs.js';
import { EvalSets } from '../../src/editor/eval-sets.js';
import { createApp, type AppDependencies } from '../../src/http/app.js';
import type { RateLimitDependencies } from '../../src/http/rate-limit.js';
import type { StaffIdentityProvider } from '../../src/http/staff-auth.js';
import { silentLogger, type Logger } from '../../src/logger.js';
import { AppointmentAnswerer } from '../../src/patient/appointment-answer.js';
import { AppointmentStore } from '../../src/patient/appointment-store.js';
import { DatabaseLoginAttempts } from '../../src/patient/login-attempts.js';
import type { PatientIdentityProvider } from '../../src/patient/patient-login.js';
import { DatabasePatientSessions, type PatientSessionSettings } from '../../src/patient/patient-sessions.js';
import { EmbeddedSearchIndex, type SnapshotStore } from '../../src/search/adapters/embedded-index.js';
import { answerSettings, evaluationConfiguration } from '../../src/runtime/answer-settings.js';
import { StaffAccounts, type StaffAccountsSettings } from '../../src/staff/accounts.js';
import { ScryptPasswordHasher } from '../../src/staff/adapters/scrypt-password-hasher.js';

export const demoContentDirectory = fileURLToPath(new URL('../../ingest/demo', import.meta.url));

export class MemorySnapshotStore implements SnapshotStore {
  snapshot: string | null = null;
  writes = 0;
  async read() {
    return this.snapshot;
  }
  async write(snapshot: string) {
    this.snapshot = snapshot;
    this.writes += 1;
  }
}

let demoSnapshot: string | null = null;
let demoReadTimes: string | null = null;

/** The demo content's index snapshot, built once per test file: ingest is the slow part. */
export async function demoIndexSnapshot(): Promise<string> {
  if (demoSnapshot === null) {
    const store = new MemorySnapshotStore();
    const readTimes = new MemorySnapshotStore();
    const database = await PgliteDatabase.open();
    await migrate(database);
    const index = await EmbeddedSearchIndex.open(store, { readTimes });
    await ingestContentDirectory(demoContentDirectory, { index, appointments: new AppointmentStore(database), logger: silentLogger });
    await database.close();
    demoSnapshot = store.snapshot as string;
    demoReadTimes = readTimes.snapshot;
  }
  return demoSnapshot;
}

/** A fresh index over the demo content, with the times its ingest read each page. */
export async function demoIndex(): Promise<EmbeddedSearchIndex> {
  const store = new MemorySnapshotStore();
  store.snapshot = await demoIndexSnapshot();
  const readTimes = new MemorySnapshotStore();
  readTimes.snapshot = demoReadTimes;
  return EmbeddedSearchIndex.open(store, { readTimes });
}

/**
 * The real core on embedded adapters. `now` fixes the clock (the out-of-hours doctor's status);
 * `model` replaces the extractive answerer, e.g. with one that records what it was given.
 */
/** `http` adds shell settings such as rate limits or extra routes (`mount`); by default the app has none. `staff` sets session lengths and lockout. */
export async function testRuntime(
  options: {
    logger?: Logger;
    now?: () => Date;
    model?: ChatModel;
    http?: RateLimitDependencies & { publicUrl?: string; mount?: AppDependencies['mount'] };
    staff?: Partial<StaffAccountsSettings>;
    escalationSettings?: EscalationSettings;
    staffChannels?: StaffChannel[];
    staffIdentityProvider?: StaffIdentityProvider;
    /** Writes the handoff summary's text (a model adapter); unset: the extractive summary alone. */
    summaryWriter?: SummaryWriter;
    patientSessions?: Partial<PatientSessionSettings>;
    /** Patients log in through this provider (GET /api/patient/login); unset: login is off. */
    patientIdentityProvider?: PatientIdentityProvider;
    allowedOrigins?: string[] | '*';
    /** File eval sets the editor console lists and runs (*.jsonl); unset: none, only editor sets. */
    evalSetsDirectory?: string;
  } = {},
) {
  const logger = options.logger ?? silentLogger;
  const database = await PgliteDatabase.open();
  await migrate(database);
  const index = await demoIndex();
  const events = new InProcessEventBus();
  const now = options.now ?? (() => new Date());
  const hospitals = await readHospitalNames(demoContentDirectory);
  const appointments = new AppointmentStore(database);
  const patients = new DatabasePatientSessions(database, now, options.patientSessions);
  const answers = new AnswerService({
    index,
    model: options.model ?? new ExtractiveAnswerer(),
    settings: answerSettings(loadConfig({}), hospitals),
    logger,
    now,
    appointments: new AppointmentAnswerer({ appointments, index, hospitals, logger, now }),
  });
  const escalationSettings = options.escalationSettings ?? defaultEscalationSettings;
  const escalations = new EscalationService({
    database,
    events,
    settings: escalationSettings,
    logger,
    now: options.now ?? (() => new Date()),
    channels: options.staffChannels ?? [],
    ...(options.summaryWriter !== undefined && { summaryWriter: options.summaryWriter }),
  });
  const chat = new ChatService({ database, events, answers, escalations, escalationPolicy: escalationSettings, patients });
  const staff = new StaffAccounts({ database, hasher: new ScryptPasswordHasher(), logger, ...(options.staff !== undefined && { settings: options.staff }) });
  const evaluations = {
    sets: new EvalSets({ database, files: options.evalSetsDirectory === undefined ? new Map() : (await readEvalSetDirectory(options.evalSetsDirectory)).sets, now }),
    runs: new EvalRuns({ database, logger, now }),
    answer: (request: Parameters<AnswerService['answer']>[0]) => answers.answer(request),
    configuration: evaluationConfiguration(loadConfig({}), 'demo content'),
  };
  const app = createApp({
    chat,
    evaluations,
    events,
    index,
    database,
    logger,
    escalations,
    keepAliveMs: 200,
    staff: { accounts: staff, ...(options.staffIdentityProvider !== undefined && { identityProvider: options.staffIdentityProvider }) },
    patientLogin: {
      patients,
      attempts: new DatabaseLoginAttempts(database, now),
      ...(options.patientIdentityProvider !== undefined && { identityProvider: options.patientIdentityProvider }),
    },
    ...(options.allowedOrigins !== undefined && { allowedOrigins: options.allowedOrigins }),
    ...options.http,
  });
  return { app, database, index, events, chat, answers, escalations, staff, appointments, patients, evaluations, close: () => database.close() };
}
