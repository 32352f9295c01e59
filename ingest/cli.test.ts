// The ingest CLI as an operator runs it: a child process against a temporary DATA_DIR.
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoContentDirectory } from '../test/support/runtime.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = join(root, 'node_modules/.bin/tsx');

function ingest(dataDirectory: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(tsx, ['ingest/cli.ts', ...args], { cwd: root, env: { ...process.env, DATA_DIR: dataDirectory, DATABASE_URL: '', LOG_LEVEL: 'silent' } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
    });
  });
}

describe('npm run ingest', () => {
  let work: string;
  let content: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'ingest-cli-'));
    content = join(work, 'content');
    await cp(demoContentDirectory, content, { recursive: true });
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('--dry-run prints the change and writes nothing; the real run writes it; the next run changes nothing', async () => {
    const data = join(work, 'data-pages');
    const dry = await ingest(data, 'pages', join(content, 'pages/lyngaa'), '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/Dry run: nothing was written/);
    expect(dry.stdout).toMatch(/pages:lyngaa\s+(\d+)\s+0\s+0\s+0\s+0/);
    await expect(readdir(data)).rejects.toThrow(/ENOENT/);
    const real = await ingest(data, 'pages', join(content, 'pages/lyngaa'), '--report', join(work, 'report.json'));
    expect(real.code).toBe(0);
    const report = JSON.parse(await readFile(join(work, 'report.json'), 'utf8')) as { exitCode: number; sources: { sourceId: string; added: number }[] };
    expect(report.exitCode).toBe(0);
    expect(report.sources[0]).toMatchObject({ sourceId: 'pages:lyngaa' });
    expect(report.sources[0]?.added).toBeGreaterThan(0);
    expect((await readdir(data)).sort()).toEqual(['search-index.json', 'search-index.read-times.json']);
    const again = await ingest(data, 'pages', join(content, 'pages/lyngaa'));
    expect(again.stdout).toMatch(/pages:lyngaa\s+0\s+0\s+0\s+\d+\s+0/);
  });

  it('exits 1 and names the problem when an item fails, and 0 once the file is good', async () => {
    const data = join(work, 'data-practical');
    await ingest(data, 'pages', join(content, 'pages/lyngaa'));
    const broken = join(work, 'broken.yaml');
    await writeFile(broken, 'hospital:\n  id: lyngaa\n');
    const result = await ingest(data, 'practical', broken);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/failed\s+.*broken\.yaml: .*sections/);
    const good = await ingest(data, 'practical', join(content, 'practical/lyngaa.json'));
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/practical:lyngaa\s+\d+\s+0\s+0\s+0\s+0/);
  });

  it('refuses a second run while one holds the lock, and says who holds it', async () => {
    const data = join(work, 'data-locked');
    await mkdir(data, { recursive: true });
    // This test process is alive: its lock is not stale.
    await writeFile(join(data, 'ingest.lock'), JSON.stringify({ pid: process.pid, startedAt: '2026-05-01T10:00:00.000Z', command: 'ingest pages' }));
    const result = await ingest(data, 'pages', join(content, 'pages/lyngaa'));
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`Another ingest run is in progress (pid ${process.pid}, "ingest pages"`);
    expect(await readdir(data)).toEqual(['ingest.lock']);
  });

  it('refuses appointments while a server holds the embedded database', async () => {
    const data = join(work, 'data-server');
    await mkdir(data, { recursive: true });
    await writeFile(join(data, 'embedded-database.pid'), JSON.stringify({ pid: process.pid, startedAt: '2026-05-01T10:00:00.000Z', command: 'server' }));
    const result = await ingest(data, 'appointments', join(content, 'appointments/appointments.fhir.json'));
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/stop the server and run again, or set DATABASE_URL/);
  });

  it('exits 2 with the usage for a bad command', async () => {
    const unknown = await ingest(join(work, 'data-usage'), 'pagez', 'x');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "pagez"[\s\S]*Usage: npm run ingest/);
  });

  it('crawls a sitemap over HTTP, and the re-crawl uses conditional requests and changes nothing', async () => {
    const pages: Record<string, string> = {
      '/pinfo/koloskopi': await readFile(join(content, 'pages/fjordby/koloskopi.html'), 'utf8'),
      '/pinfo/mr-scanning': await readFile(join(content, 'pages/fjordby/mr-scanning.html'), 'utf8'),
    };
    const conditional: string[] = [];
    const server = createServer((request, response) => {
      const path = request.url ?? '/';
      if (path === '/robots.txt') return void response.writeHead(404).end();
      if (path === '/sitemap.xml') {
        const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        response.writeHead(200, { 'Content-Type': 'application/xml' });
        return void response.end(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${Object.keys(pages).map((page) => `<url><loc>${base}${page}</loc></url>`).join('')}</urlset>`);
      }
      const html = pages[path];
      if (html === undefined) return void response.writeHead(404).end();
      const etag = `"${path.length}"`;
      if (request.headers['if-none-match'] === etag) {
        conditional.push(path);
        return void response.writeHead(304).end();
      }
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ETag: etag });
      response.end(html);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const sitemap = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sitemap.xml`;
      const data = join(work, 'data-web');
      const first = await ingest(data, 'pages', sitemap);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/pages:127\.0\.0\.1\s+([1-9]\d*)\s+0\s+0\s+0\s+0/);
      const second = await ingest(data, 'pages', sitemap);
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(/pages:127\.0\.0\.1\s+0\s+0\s+0\s+[1-9]\d*\s+0/);
      expect(conditional.sort()).toEqual(Object.keys(pages).sort());
      const missing = await ingest(data, 'pages', sitemap.replace('sitemap.xml', 'nope.xml'));
      expect(missing.code).toBe(1);
      expect(`${missing.stdout}${missing.stderr}`).toMatch(/nope\.xml.*404/);
    } finally {
      server.close();
    }
  }, 60_000);
});
