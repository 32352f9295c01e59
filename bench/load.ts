// `npm run bench:load`: the real server (Node runtime, embedded defaults, extractive answers, its own
// temporary DATA_DIR) in a child process, loaded over loopback from this process, so the server's RSS
// is measured on its own. Two phases:
//   1. LOAD_SESSIONS (100) concurrent sessions ask the demo eval questions with `Accept: text/event-stream`
//      for LOAD_SECONDS (20) after a warm-up: answers/s, time to the first SSE event and to the last.
//   2. LOAD_IDLE (5000) idle SSE connections to /api/sessions/{id}/events (one session each): the
//      server's VmRSS before and with them open, whether a keep-alive comment reached every one, whether
//      a live event still reaches a stream, and whether the server lets go of the sockets afterwards.
// `--store postgres` runs the server on PostgreSQL (TEST_DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/test, in a fresh schema dropped afterwards) instead of embedded PGlite.
// Writes bench/results/load.json: the embedded run at the top level, the PostgreSQL run under `postgres`
// (a run replaces its own part and keeps the other).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { Agent, request, type IncomingMessage } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildServer, serverNodeFlags } from '../scripts/build-server.js';
import { freePort } from '../test/support/server-process.js';
import { buildWidget } from '../widget/build.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const sessions = Number(process.env['LOAD_SESSIONS'] ?? 100);
const seconds = Number(process.env['LOAD_SECONDS'] ?? 20);
const warmUpSeconds = Number(process.env['LOAD_WARMUP_SECONDS'] ?? 5);
const idleTarget = Number(process.env['LOAD_IDLE'] ?? 5000);
/** The server's default keep-alive interval is 15 s (SessionRoutesDependencies.keepAliveMs); hold longer. */
const idleHoldSeconds = Number(process.env['LOAD_IDLE_HOLD_SECONDS'] ?? 20);
/** One JSON log line per request at `info` would put pipe I/O in this process on the same two cores. */
const serverLogLevel = process.env['LOAD_LOG_LEVEL'] ?? 'warn';
const questionsPerSession = 5;
const { values: options } = parseArgs({ options: { store: { type: 'string', default: 'embedded' } } });
if (options.store !== 'embedded' && options.store !== 'postgres') throw new Error(`--store must be "embedded" or "postgres" (got "${options.store}")`);
const store = options.store;

interface EvalCase {
  question: string;
  language: string;
  hospital: string;
}

const evalCases: EvalCase[] = (await readFile(join(root, 'evals/sets/demo.jsonl'), 'utf8'))
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as EvalCase);

const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
};
const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function vmRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1]);
  return round(kb / 1024);
}
/** User + system CPU time the process has used, in ms (clock ticks are 100 Hz on Linux). */
async function cpuMs(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
const openFds = async (pid: number) => (await readdir(`/proc/${pid}/fd`)).length;

// ---------------------------------------------------------------------------------------------
// The store: embedded PGlite in DATA_DIR, or a fresh schema on the PostgreSQL server tests use.
const postgresBase = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const postgresSchema = `bench_load_${process.pid}_${Date.now()}`;
async function postgresAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresBase });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
let databaseUrl = '';
if (store === 'postgres') {
  await postgresAdmin(`CREATE SCHEMA ${postgresSchema}`);
  const url = new URL(postgresBase);
  url.searchParams.set('options', `-c search_path=${postgresSchema}`);
  databaseUrl = url.toString();
}

// ---------------------------------------------------------------------------------------------
// The server process
const dataDirectory = await mkdtemp(join(tmpdir(), 'bench-load-'));
const port = await freePort();
const host = '127.0.0.1';
/** LOAD_CPU_PROF=<dir> writes a V8 CPU profile of the measured server process there when it stops. */
const cpuProfileDirectory = process.env['LOAD_CPU_PROF'];
let serverOutput = '';

// All load comes from one address (this process), far beyond what one citizen sends: the rate limits
// would refuse most of it, so the measured server runs with every limit off (0 per minute).
const rateLimitsOff = {
  RATE_LIMIT_SESSIONS_PER_MINUTE: '0',
  RATE_LIMIT_MESSAGES_PER_MINUTE: '0',
  RATE_LIMIT_CLIENT_MESSAGES_PER_MINUTE: '0',
  RATE_LIMIT_FEEDBACK_PER_MINUTE: '0',
};

// The server runs as `npm start` runs it: the widget and the server bundle built, then plain Node.
await buildWidget();
const serverBundle = await buildServer();

function startServer(profile: boolean): ChildProcess {
  const started = spawn(process.execPath, [...(profile && cpuProfileDirectory !== undefined ? ['--cpu-prof', '--cpu-prof-dir', cpuProfileDirectory] : []), ...serverNodeFlags, serverBundle], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: host, LOG_LEVEL: serverLogLevel, DATA_DIR: dataDirectory, CHAT_MODEL: '', DATABASE_URL: databaseUrl, SEARCH_BACKEND: 'embedded', EMBEDDING_MODEL: '', ...rateLimitsOff },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.stdout?.on('data', (chunk: Buffer) => (serverOutput = (serverOutput + chunk.toString()).slice(-20_000)));
  started.stderr?.on('data', (chunk: Buffer) => (serverOutput = (serverOutput + chunk.toString()).slice(-20_000)));
  return started;
}

async function ready(started: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (started.exitCode !== null) throw new Error(`server exited with ${started.exitCode}:\n${serverOutput}`);
    if (Date.now() > deadline) throw new Error(`server not ready within 120 s:\n${serverOutput}`);
    try {
      if ((await fetch(`http://${host}:${port}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
}

async function stop(started: ChildProcess): Promise<void> {
  if (started.exitCode !== null) return;
  const exited = new Promise((resolve) => started.once('exit', resolve));
  started.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
  if (started.exitCode === null) started.kill('SIGKILL');
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers on node:http (lighter than fetch, so the load generator takes less of the two cores)
const answerAgent = new Agent({ keepAlive: true, maxSockets: sessions + 10 });

function postJson(path: string, body: unknown, agent: Agent = answerAgent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = request({ host, port, path, method: 'POST', agent, headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Content-Length': Buffer.byteLength(payload) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function createSession(hospital: string, language: string): Promise<string> {
  const response = await postJson('/api/sessions', { hospital, language });
  if (response.status !== 201) throw new Error(`session not created: ${response.status} ${response.body}`);
  return (JSON.parse(response.body) as { sessionId: string }).sessionId;
}

interface StreamedAnswer {
  status: number;
  firstEventMs: number;
  totalMs: number;
  completed: boolean;
  errorEvent: boolean;
}

/** POST a question with Accept: text/event-stream; time the first complete SSE event and the end. */
function askStreaming(sessionId: string, text: string): Promise<StreamedAnswer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const payload = JSON.stringify({ text });
    const req = request(
      {
        host,
        port,
        path: `/api/sessions/${sessionId}/messages`,
        method: 'POST',
        agent: answerAgent,
        headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream', 'Content-Length': Buffer.byteLength(payload) },
      },
      (res) => {
        let buffer = '';
        let firstEventMs = Number.NaN;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          if (Number.isNaN(firstEventMs) && buffer.includes('\n\n')) firstEventMs = performance.now() - started;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            firstEventMs,
            totalMs: performance.now() - started,
            completed: buffer.includes('event: message-completed'),
            errorEvent: buffer.includes('event: error'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

// ---------------------------------------------------------------------------------------------
// Phase 1: concurrent sessions streaming answers
interface AnswerSample {
  at: number;
  result: StreamedAnswer;
}

async function answerLoad() {
  const samples: AnswerSample[] = [];
  const sessionCreations: { at: number; ms: number }[] = [];
  let failures = 0;
  const phaseStart = performance.now();
  const measureFrom = phaseStart + warmUpSeconds * 1000;
  const measureUntil = measureFrom + seconds * 1000;
  // CPU used by the server and by this load generator inside the measured window.
  const cpu = { server: [0, 0], generator: [0, 0] };
  const windowStart = sleep(warmUpSeconds * 1000).then(async () => {
    cpu.server[0] = await cpuMs(pid);
    cpu.generator[0] = process.cpuUsage().user / 1000 + process.cpuUsage().system / 1000;
  });
  const windowEnd = sleep((warmUpSeconds + seconds) * 1000).then(async () => {
    cpu.server[1] = await cpuMs(pid);
    cpu.generator[1] = process.cpuUsage().user / 1000 + process.cpuUsage().system / 1000;
  });
  const worker = async (number: number) => {
    let next = (number * 7) % evalCases.length;
    let sessionId: string | undefined;
    let sessionHospital = '';
    let asked = 0;
    while (performance.now() < measureUntil) {
      const question = evalCases[next] as EvalCase;
      next = (next + 1) % evalCases.length;
      // A session is one hospital's widget; a citizen asks a few questions in it.
      if (sessionId === undefined || sessionHospital !== question.hospital || asked >= questionsPerSession) {
        const creating = performance.now();
        sessionId = await createSession(question.hospital, question.language);
        sessionCreations.push({ at: performance.now(), ms: performance.now() - creating });
        sessionHospital = question.hospital;
        asked = 0;
      }
      asked += 1;
      try {
        const result = await askStreaming(sessionId, question.question);
        const at = performance.now();
        if (result.status !== 200 || !result.completed) failures += 1;
        samples.push({ at, result });
      } catch {
        failures += 1;
      }
    }
  };
  await Promise.all([...Array.from({ length: sessions }, (_, number) => worker(number)), windowStart, windowEnd]);
  const serverCpuMs = (cpu.server[1] as number) - (cpu.server[0] as number);
  // Answers that completed inside the window; those in flight at its end are not counted.
  const measured = samples.filter((sample) => sample.at >= measureFrom && sample.at < measureUntil);
  const ok = measured.filter((sample) => sample.result.status === 200 && sample.result.completed);
  const first = ok.map((sample) => sample.result.firstEventMs);
  const total = ok.map((sample) => sample.result.totalMs);
  const createdInWindow = sessionCreations.filter((c) => c.at >= measureFrom && c.at < measureUntil).map((c) => c.ms);
  return {
    concurrentSessions: sessions,
    measuredSeconds: seconds,
    warmUpSeconds,
    answers: ok.length,
    answersPerSecond: Math.round(ok.length / seconds),
    p50FirstEventMs: round(percentile(first, 50)),
    p95FirstEventMs: round(percentile(first, 95)),
    p99FirstEventMs: round(percentile(first, 99)),
    p50TotalMs: round(percentile(total, 50)),
    p95TotalMs: round(percentile(total, 95)),
    sessionsCreated: createdInWindow.length,
    p50SessionCreateMs: round(percentile(createdInWindow, 50)),
    p95SessionCreateMs: round(percentile(createdInWindow, 95)),
    serverCpuShareOfOneCore: round(serverCpuMs / (seconds * 1000), 2),
    serverCpuMsPerAnswer: round(serverCpuMs / Math.max(1, ok.length)),
    generatorCpuShareOfOneCore: round(((cpu.generator[1] as number) - (cpu.generator[0] as number)) / (seconds * 1000), 2),
    failedAnswers: failures,
    errorEvents: measured.filter((sample) => sample.result.errorEvent).length,
  };
}

// ---------------------------------------------------------------------------------------------
// Phase 2: idle SSE connections
interface IdleStream {
  response: IncomingMessage;
  heartbeats: number;
  events: string;
}

async function idleStreams() {
  // Sessions first (one per visitor's widget), in parallel batches.
  const sessionIds: string[] = [];
  const creator = new Agent({ keepAlive: true, maxSockets: 50 });
  const creationStarted = performance.now();
  for (let batch = 0; batch < idleTarget; batch += 50) {
    const count = Math.min(50, idleTarget - batch);
    const created = await Promise.all(
      Array.from({ length: count }, async () => {
        const response = await postJson('/api/sessions', { hospital: 'fjordby', language: 'da' }, creator);
        return (JSON.parse(response.body) as { sessionId: string }).sessionId;
      }),
    );
    sessionIds.push(...created);
  }
  creator.destroy();
  const sessionsPerSecond = Math.round(sessionIds.length / ((performance.now() - creationStarted) / 1000));
  await sleep(2000);
  const rssBeforeMb = await vmRssMb(pid);
  const fdsBefore = await openFds(pid);

  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const streams: IdleStream[] = [];
  let openFailures = 0;
  let firstError = '';
  const open = (sessionId: string) =>
    new Promise<void>((resolve) => {
      const req = request({ host, port, path: `/api/sessions/${sessionId}/events`, agent, headers: { Accept: 'text/event-stream' } }, (response) => {
        if (response.statusCode !== 200) {
          openFailures += 1;
          response.resume();
          resolve();
          return;
        }
        const stream: IdleStream = { response, heartbeats: 0, events: '' };
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          stream.heartbeats += chunk.split(': keep-alive').length - 1;
          if (chunk.includes('event:')) stream.events += chunk;
        });
        response.on('error', () => undefined);
        streams.push(stream);
        resolve();
      });
      req.on('error', (error) => {
        openFailures += 1;
        firstError ||= error.message;
        resolve();
      });
      req.end();
    });
  const openStarted = performance.now();
  for (let batch = 0; batch < sessionIds.length; batch += 200) await Promise.all(sessionIds.slice(batch, batch + 200).map(open));
  const openSeconds = (performance.now() - openStarted) / 1000;

  // Hold them past one keep-alive interval, sampling the server's RSS.
  let peakRssMb = await vmRssMb(pid);
  const holdUntil = performance.now() + idleHoldSeconds * 1000;
  while (performance.now() < holdUntil) {
    await sleep(1000);
    peakRssMb = Math.max(peakRssMb, await vmRssMb(pid));
  }
  const rssOpenMb = await vmRssMb(pid);
  const fdsOpen = await openFds(pid);
  const withHeartbeat = streams.filter((stream) => stream.heartbeats > 0).length;

  // A live event still reaches idle streams while thousands are open.
  const probes = streams.slice(0, 10);
  const probeIds = sessionIds.slice(0, 10);
  const probeStarted = performance.now();
  await Promise.all(probeIds.map((id) => postJson(`/api/sessions/${id}/messages`, { text: 'Hvor kan jeg parkere?' })));
  while (performance.now() - probeStarted < 5000 && probes.some((stream) => !stream.events.includes('message-created'))) await sleep(50);
  const liveEventsDelivered = probes.filter((stream) => stream.events.includes('message-created')).length;

  // Clean-up on client disconnect: the server must let go of the sockets.
  for (const stream of streams) stream.response.destroy();
  agent.destroy();
  await sleep(3000);
  const fdsAfterClose = await openFds(pid);
  const rssAfterCloseMb = await vmRssMb(pid);

  return {
    idleSseConnections: streams.length,
    idleSseRssMb: peakRssMb,
    idleSseRssBeforeMb: rssBeforeMb,
    idleSseRssAtEndMb: rssOpenMb,
    idleSseKbPerConnection: streams.length > 0 ? Math.round(((peakRssMb - rssBeforeMb) * 1024) / streams.length) : null,
    idleSseOpenFailures: openFailures,
    ...(firstError !== '' && { idleSseFirstError: firstError }),
    idleSseOpenSeconds: round(openSeconds),
    sessionsCreatedPerSecond: sessionsPerSecond,
    idleSseHoldSeconds: idleHoldSeconds,
    idleSseWithHeartbeat: withHeartbeat,
    liveEventsDelivered: `${liveEventsDelivered}/${probes.length}`,
    serverFds: { before: fdsBefore, open: fdsOpen, afterClientsClosed: fdsAfterClose },
    rssAfterClientsClosedMb: rssAfterCloseMb,
  };
}

// ---------------------------------------------------------------------------------------------
let child: ChildProcess | undefined;
let pid = 0;
try {
  // The first start ingests the demo content into the fresh DATA_DIR; measure a restarted server, as it
  // runs day to day (ingest leaves its garbage in the heap of the process that did it).
  const ingesting = startServer(false);
  child = ingesting;
  await ready(ingesting);
  const rssAfterIngestMb = await vmRssMb(ingesting.pid as number);
  await stop(ingesting);
  child = startServer(true);
  pid = child.pid as number;
  await ready(child);
  const loadAverageAtStart = loadavg().map((value) => round(value, 2));
  const rssIdleServerMb = await vmRssMb(pid);
  process.stdout.write(`server pid ${pid} ready on :${port} (RSS ${rssIdleServerMb} MB); ${sessions} sessions for ${warmUpSeconds}+${seconds} s…\n`);
  const answers = await answerLoad();
  const rssAfterAnswersMb = await vmRssMb(pid);
  const loadAverageAfterAnswers = loadavg().map((value) => round(value, 2));
  process.stdout.write(`${JSON.stringify(answers)}\nopening ${idleTarget} idle event streams…\n`);
  const idle = await idleStreams();
  const result = {
    store,
    answersPerSecond: answers.answersPerSecond,
    p50FirstEventMs: answers.p50FirstEventMs,
    p95FirstEventMs: answers.p95FirstEventMs,
    idleSseConnections: idle.idleSseConnections,
    idleSseRssMb: idle.idleSseRssMb,
    answerLoad: answers,
    idleSse: idle,
    serverRssMb: { firstStartAfterIngest: rssAfterIngestMb, startedIdle: rssIdleServerMb, afterAnswerLoad: rssAfterAnswersMb },
    loadAverage: { atStart: loadAverageAtStart, afterAnswerLoad: loadAverageAfterAnswers, atEnd: loadavg().map((value) => round(value, 2)) },
    targets: { answersPerSecond: 300, p95FirstEventMs: 50, idleSseConnections: 5000, idleSseRssMb: 300 },
    setup: {
      mode:
        store === 'postgres'
          ? `extractive (no CHAT_MODEL), embedded index in a fresh DATA_DIR, PostgreSQL (${postgresBase}, fresh schema), demo content`
          : 'extractive (no CHAT_MODEL), embedded index and PGlite in a fresh DATA_DIR, demo content',
      serverLogLevel,
      questions: `evals/sets/demo.jsonl (${evalCases.length}), ${questionsPerSession} per session`,
      cpus: cpus().length,
      node: process.version,
      measuredAt: new Date().toISOString(),
    },
  };
  const output = fileURLToPath(new URL('results/load.json', import.meta.url));
  await mkdir(join(output, '..'), { recursive: true });
  // One file for both stores: this run replaces its own part and keeps the other store's last run.
  const previous = (await readFile(output, 'utf8').then((text) => JSON.parse(text) as Record<string, unknown>).catch(() => ({}))) as Record<string, unknown>;
  const { postgres: previousPostgres, ...previousEmbedded } = previous;
  const combined =
    store === 'postgres'
      ? { ...previousEmbedded, postgres: result }
      : { ...result, ...(previousPostgres !== undefined && { postgres: previousPostgres }) };
  await writeFile(output, `${JSON.stringify(combined, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  if (child !== undefined) await stop(child);
  await rm(dataDirectory, { recursive: true, force: true });
  if (store === 'postgres') await postgresAdmin(`DROP SCHEMA IF EXISTS ${postgresSchema} CASCADE`);
}
