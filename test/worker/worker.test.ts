// The Worker shell: built offline by wrangler, and its fetch handler answering through PostgreSQL
// and the bundled index snapshot (run here in Node with the same Request/Response objects).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresDatabase } from '../../src/db/adapters/postgres.js';
import { migrate } from '../../src/db/migrations.js';
import { worker } from '../../src/worker.js';
import { postgresForTests } from '../support/postgres.js';
import { readHospitalNames } from '../../ingest/pipeline.js';
import { demoContentDirectory, demoIndexSnapshot } from '../support/runtime.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const postgres = await postgresForTests();

describe('wrangler build', () => {
  it('bundles the Worker offline with `wrangler deploy --dry-run`', async () => {
    const outdir = await mkdtemp(join(tmpdir(), 'hospital-help-worker-'));
    try {
      await run(process.execPath, ['--import', 'tsx', 'scripts/build-worker-assets.ts'], { cwd: root, env: { ...process.env, LOG_LEVEL: 'warn' } });
      const environment = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', WRANGLER_LOG_PATH: outdir };
      await run(join(root, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', outdir], { cwd: root, env: environment, timeout: 120_000 });
      const bundle = await stat(join(outdir, 'worker.js'));
      expect(bundle.size).toBeGreaterThan(100_000);
      expect((await stat(join(root, 'dist/worker-assets/search-index.json'))).size).toBeGreaterThan(10_000);
      // Appointments are private and must never be bundled with the public index.
      expect(await readFile(join(root, 'dist/worker-assets/search-index.json'), 'utf8')).not.toMatch(/1\.2\.208\.176\.1\.2|Appointment/);
      // A configured chat model reads its prompt templates from the assets: the Worker has no files.
      expect(await readFile(join(root, 'dist/worker-assets/prompts/answer.system.md'), 'utf8')).toBe(await readFile(join(root, 'prompts/answer.system.md'), 'utf8'));
      expect(await readFile(join(root, 'dist/worker-assets/prompts/handoff-summary.user.md'), 'utf8')).toBe(await readFile(join(root, 'prompts/handoff-summary.user.md'), 'utf8'));
      // The launcher hospitals embed, and the chat it loads on first use.
      expect(await readFile(join(root, 'dist/worker-assets/widget.js'), 'utf8')).toBe(await readFile(join(root, 'widget/dist/widget.js'), 'utf8'));
      expect(await readFile(join(root, 'dist/worker-assets/chat.js'), 'utf8')).toBe(await readFile(join(root, 'widget/dist/chat.js'), 'utf8'));
      // The hospitals' names, so a question can name a hospital ("parkering på Lyngå").
      expect(JSON.parse(await readFile(join(root, 'dist/worker-assets/hospitals.json'), 'utf8'))).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'lyngaa' })]));
    } finally {
      await rm(outdir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe.skipIf(postgres.url === undefined)('Worker fetch handler', () => {
  let snapshot: string;
  beforeAll(async () => {
    const database = await PostgresDatabase.open(postgres.url as string);
    await migrate(database);
    await database.close();
    snapshot = await demoIndexSnapshot();
  });
  afterAll(async () => {
    await postgres.drop();
  });

  const environment = () => ({
    DATABASE_URL: postgres.url as string,
    ASSETS: {
      fetch: async (request: Request | string) => {
        const path = new URL(typeof request === 'string' ? request : request.url).pathname;
        if (path === '/hospitals.json') return new Response(JSON.stringify(await readHospitalNames(demoContentDirectory)));
        if (path === '/widget.js' || path === '/chat.js') return new Response(`// asset ${path}`, { headers: { 'Content-Type': 'text/javascript' } });
        return path === '/search-index.json' ? new Response(snapshot) : new Response('not found', { status: 404 });
      },
    },
  });
  const context = () => {
    const pending: Promise<unknown>[] = [];
    return { waitUntil: (promise: Promise<unknown>) => void pending.push(promise), settle: () => Promise.all(pending) };
  };

  it('answers the parking question through PostgreSQL and the bundled index', async () => {
    const ctx = context();
    const created = await worker.fetch(
      new Request('https://chat.example/api/sessions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"hospital":"fjordby"}' }),
      environment(),
      ctx,
    );
    expect(created.status).toBe(201);
    const { sessionId } = (await created.json()) as { sessionId: string };
    const answered = await worker.fetch(
      new Request(`https://chat.example/api/sessions/${sessionId}/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ text: 'Hvor kan jeg parkere?' }),
      }),
      environment(),
      ctx,
    );
    const { message } = (await answered.json()) as { message: { kind: string; citations: { url: string }[] } };
    expect(message.kind).toBe('answer');
    expect(message.citations[0]?.url).toBe('https://chat.example/demo/fjordby/praktisk/parkering');

    // A question that names another hospital is answered for that hospital: the Worker knows the names.
    const named = await worker.fetch(
      new Request(`https://chat.example/api/sessions/${sessionId}/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ text: 'Hvor kan jeg parkere på Lyngå Sygehus?' }),
      }),
      environment(),
      ctx,
    );
    const { message: lyngaa } = (await named.json()) as { message: { citations: { url: string }[] } };
    expect(lyngaa.citations[0]?.url).toBe('https://chat.example/demo/lyngaa/praktisk/parkering');

    // Events replay and then end with a retry hint, since isolates do not share a live bus.
    const events = await worker.fetch(new Request(`https://chat.example/api/sessions/${sessionId}/events`), environment(), ctx);
    const text = await events.text();
    expect(text.match(/event: message-created/g)).toHaveLength(4);
    expect(text).toContain('retry: 3000');
    await ctx.settle();
  });

  it('counts new chats per CF-Connecting-IP across requests of the isolate, and answers 429 with Retry-After', async () => {
    const ctx = context();
    const create = (address: string) =>
      worker.fetch(new Request('https://chat.example/api/sessions', { method: 'POST', headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': address }, body: '{"hospital":"fjordby"}' }), environment(), ctx);
    const statuses: number[] = [];
    let refused: Response | undefined;
    // 10 at once by default, one more every 2 s.
    for (let i = 0; i < 20 && refused === undefined; i += 1) {
      const response = await create('203.0.113.77');
      statuses.push(response.status);
      if (response.status === 429) refused = response;
    }
    expect(statuses.slice(0, 10).every((status) => status === 201)).toBe(true);
    expect(Number(refused?.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
    expect(((await refused?.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect((await create('203.0.113.78')).status).toBe(201);
    await ctx.settle();
  });

  it('asks the configured chat model with the bundled prompts, and answers from the page when the model refuses the key', async () => {
    const promptFile = (path: string) => readFile(join(root, path.slice(1)), 'utf8');
    const assets = {
      fetch: async (request: Request | string) => {
        const path = new URL(typeof request === 'string' ? request : request.url).pathname;
        if (path === '/search-index.json') return new Response(snapshot);
        return path.startsWith('/prompts/') ? new Response(await promptFile(path)) : new Response('not found', { status: 404 });
      },
    };
    const model = { DATABASE_URL: postgres.url as string, CHAT_MODEL_URL: 'https://llm.test/v1', CHAT_MODEL: 'gpt-4o-mini', CHAT_MODEL_API_KEY: 'sk-test', CHAT_MODEL_MAX_RETRIES: '0', ASSETS: assets };
    const asked: { messages: { role: string; content: string }[] }[] = [];
    const llm = setupServer(
      http.post('https://llm.test/v1/chat/completions', async ({ request }) => {
        asked.push((await request.json()) as (typeof asked)[number]);
        return HttpResponse.json({ error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } }, { status: 401 });
      }),
    );
    llm.listen({ onUnhandledRequest: 'bypass' });
    try {
      const ctx = context();
      const created = await worker.fetch(new Request('https://chat.example/api/sessions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"hospital":"lyngaa"}' }), model, ctx);
      const { sessionId } = (await created.json()) as { sessionId: string };
      const answered = await worker.fetch(
        new Request(`https://chat.example/api/sessions/${sessionId}/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ text: 'Hvornår kan jeg få taget blodprøver?' }),
        }),
        model,
        ctx,
      );
      const { message } = (await answered.json()) as { message: { kind: string; citations: { url: string }[] } };
      await ctx.settle();
      expect(asked).toHaveLength(1);
      expect(asked[0]?.messages[0]?.content).toContain('These rules come first');
      expect(asked[0]?.messages[1]?.content).toContain('<question>\nHvornår kan jeg få taget blodprøver?\n</question>');
      expect(message.kind).toBe('answer');
      // The blood-test page or the blood-test department's record (with its hours): both are Lyngå's answer.
      expect(message.citations[0]?.url).toMatch(/\/demo\/lyngaa\/(pinfo\/blodproever-paa-lyngaa-sygehus|praktisk\/find-vej)$/);
    } finally {
      llm.close();
    }
  });

  it('serves the widget launcher and the chat bundle it loads from the assets', async () => {
    for (const path of ['/widget.js', '/chat.js']) {
      const response = await worker.fetch(new Request(`https://chat.example${path}`), environment(), context());
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(`// asset ${path}`);
    }
  });

  it('says it is not configured, without details, when DATABASE_URL is missing', async () => {
    const response = await worker.fetch(new Request('https://chat.example/api/sessions', { method: 'POST' }), { ASSETS: environment().ASSETS }, context());
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unavailable');
  });
});
