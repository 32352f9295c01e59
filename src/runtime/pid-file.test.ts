import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimPidFile } from './pid-file.js';

describe('pid files', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'pid-file-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('refuses while a live process holds the file, naming it', async () => {
    const path = join(directory, 'ingest.lock');
    // The test runner's parent is alive for the whole test.
    await writeFile(path, JSON.stringify({ pid: process.ppid, startedAt: '2026-05-01T10:00:00.000Z', command: 'ingest pages' }));
    expect(await claimPidFile(path, 'ingest practical')).toEqual({ heldBy: { pid: process.ppid, startedAt: '2026-05-01T10:00:00.000Z', command: 'ingest pages' } });
  });

  it('takes over a stale file whose process is gone, and releases it', async () => {
    const path = join(directory, 'ingest.lock');
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)']);
    await writeFile(path, JSON.stringify({ pid: Number(String(gone.stdout).trim()), startedAt: '2026-05-01T10:00:00.000Z', command: 'ingest pages' }));
    const claim = await claimPidFile(path, 'ingest practical');
    expect('release' in claim).toBe(true);
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ pid: process.pid, command: 'ingest practical' });
    if ('release' in claim) await claim.release();
    await expect(readFile(path)).rejects.toThrow(/ENOENT/);
  });
});
