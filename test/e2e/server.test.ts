// The product as an operator starts it: a real server process on a clean data directory.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, serverNodeFlags } from '../../scripts/build-server.js';
import { startServer, type ServerProcess } from '../support/server-process.js';

const dataDirectory = await mkdtemp(join(tmpdir(), 'hospital-help-e2e-'));
// The server as `npm start` runs it: bundled, with plain Node. Built into a folder of its own inside
// the project, so a server started from dist/server by hand is not touched.
const bundleDirectory = fileURLToPath(new URL(`../../dist/e2e-server-${process.pid}`, import.meta.url));
let bundle = '';
let server: ServerProcess | undefined;

beforeAll(async () => {
  bundle = await buildServer(bundleDirectory);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await rm(dataDirectory, { recursive: true, force: true });
  await rm(bundleDirectory, { recursive: true, force: true });
});

async function askParking(baseUrl: string) {
  const created = await fetch(`${baseUrl}/api/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ hospital: 'fjordby', language: 'da' }),
  });
  expect(created.status).toBe(201);
  const { sessionId } = (await created.json()) as { sessionId: string };
  const answered = await fetch(`${baseUrl}/api/sessions/${sessionId}/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ text: 'Hvor kan jeg parkere?' }),
  });
  expect(answered.status).toBe(200);
  return ((await answered.json()) as { message: { kind: string; text: string; citations: { url: string; title: string }[] } }).message;
}

describe('npm start on a fresh machine', () => {
  it('ingests the demo content on first start, answers with the parking page, and reuses the index after a restart', async () => {
    server = await startServer({ DATA_DIR: dataDirectory }, undefined, { bundle });
    expect(server.output()).toContain(`${server.url.replace('127.0.0.1', 'localhost')}/`);
    expect(server.logs.some((line) => line['event'] === 'ingest-started')).toBe(true);
    const finished = server.logs.find((line) => line['event'] === 'ingest-finished');
    expect(finished?.['pages']).toBeGreaterThanOrEqual(40);
    expect(await stat(join(dataDirectory, 'search-index.json'))).toBeTruthy();

    const first = await askParking(server.url);
    expect(first.kind).toBe('answer');
    expect(first.citations[0]?.url).toBe(`${server.url}/demo/fjordby/praktisk/parkering`);
    // The cited page exists and is the demo parking page.
    const page = await fetch(first.citations[0]?.url as string);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('DEMO');
    // One JSON line per request, with a request id.
    expect(server.logs.some((line) => line['event'] === 'http-request' && typeof line['requestId'] === 'string')).toBe(true);

    expect(await server.stop()).toBe(0);

    server = await startServer({ DATA_DIR: dataDirectory }, undefined, { bundle });
    expect(server.logs.some((line) => line['event'] === 'ingest-started')).toBe(false);
    const again = await askParking(server.url);
    expect(again.kind).toBe('answer');
    expect(again.citations[0]?.url).toBe(`${server.url}/demo/fjordby/praktisk/parkering`);

    // The real server counts new chats per socket address (10 at once by default, one already used,
    // one more every 2 s);
    // a forged X-Forwarded-For does not make a new client unless TRUST_PROXY says a proxy sets it.
    const create = () =>
      fetch(`${server?.url}/api/sessions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `198.51.100.${Math.floor(Math.random() * 250)}` },
        body: JSON.stringify({ hospital: 'fjordby' }),
      });
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 20 && refused === undefined; i += 1) {
      const response = await create();
      statuses.push(response.status);
      if (response.status === 429) refused = response;
    }
    expect(statuses.slice(0, 9).every((status) => status === 201)).toBe(true);
    expect(refused?.status).toBe(429);
    expect(Number(refused?.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
    expect(refused?.headers.get('Cache-Control')).toBe('no-store');
    expect(((await refused?.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    // Two real start-ups (one with ingest) on a shared two-core machine.
  }, 180_000);

  it('runs the bundle with the same Node flags in npm start, the Dockerfile and the tests', async () => {
    const root = new URL('../../', import.meta.url);
    const start = (JSON.parse(await readFile(new URL('package.json', root), 'utf8')) as { scripts: Record<string, string> }).scripts['start'];
    expect(start).toContain(`node ${serverNodeFlags.join(' ')} dist/server/server.js`);
    const dockerfile = await readFile(new URL('Dockerfile', root), 'utf8');
    expect(dockerfile).toContain(`CMD ${JSON.stringify(['node', ...serverNodeFlags, 'dist/server/server.js'])}`.replaceAll('","', '", "'));
  });

  it('refuses to start on a bad setting and names the variable', async () => {
    await expect(startServer({ DATA_DIR: dataDirectory, PORT: 'eighty', DATABASE_URL: 'mysql://nope' }, 60_000, { bundle })).rejects.toThrow(
      /PORT: .*eighty[\s\S]*DATABASE_URL: expected a PostgreSQL URL/,
    );
  }, 90_000);
});
