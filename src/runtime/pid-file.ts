// Exclusive pid files in DATA_DIR: the ingest run lock and the marker a server using the embedded
// database leaves while it runs. A file whose process is gone is stale and is taken over.
import { open, readFile, rm } from 'node:fs/promises';

export interface PidFileOwner {
  pid: number;
  startedAt: string;
  command: string;
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live owner of a pid file, or null when there is none or its process has gone. */
export async function livePidFileOwner(path: string): Promise<PidFileOwner | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let owner: PidFileOwner;
  try {
    owner = JSON.parse(text) as PidFileOwner;
  } catch {
    // A file cut short by a crash between create and write holds nobody.
    return null;
  }
  return typeof owner.pid === 'number' && processIsAlive(owner.pid) ? owner : null;
}

/**
 * Creates the pid file exclusively. Returns null when a live process holds it (the caller reports
 * who); a stale file is removed and taken over.
 */
export async function claimPidFile(path: string, command: string): Promise<{ release(): Promise<void> } | { heldBy: PidFileOwner }> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = await open(path, 'wx');
      const owner: PidFileOwner = { pid: process.pid, startedAt: new Date().toISOString(), command };
      await handle.writeFile(JSON.stringify(owner));
      await handle.close();
      return { release: () => rm(path, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = await livePidFileOwner(path);
      if (holder !== null && holder.pid !== process.pid) return { heldBy: holder };
      await rm(path, { force: true });
    }
  }
  throw new Error(`Could not create ${path}: another process keeps re-creating it.`);
}
