// Keeps the embedded index snapshot in a file; writes go to a temporary file that is renamed over
// the old one, so a crash mid-write leaves the previous snapshot intact.
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SnapshotStore } from './orama-index.js';

export class FileSnapshotStore implements SnapshotStore {
  constructor(private readonly path: string) {}

  async read(): Promise<string | null> {
    try {
      return await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async write(snapshot: string): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, snapshot, 'utf8');
    await rename(temporary, this.path);
  }

  /** Modification time and size: the file is replaced by rename, so a new snapshot changes both or at least the time. */
  async version(): Promise<string | null> {
    try {
      const info = await stat(this.path);
      return `${info.mtimeMs}:${info.size}:${info.ino}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}
