// Keeps the embedded index snapshot in a file; writes go to a temporary file that is renamed over
// the old one, so a crash mid-write leaves the previous snapshot intact.
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SnapshotStore } from './snapshot-store.js';

/** Pieces are gathered up to about this many characters per write: few system calls, little memory. */
const writeBatchCharacters = 1 << 20;

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
    await this.writePieces([snapshot]);
  }

  async writePieces(pieces: Iterable<string>): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.${Date.now()}.tmp`;
    const file = await open(temporary, 'w');
    try {
      let batch: string[] = [];
      let batchCharacters = 0;
      for (const piece of pieces) {
        batch.push(piece);
        batchCharacters += piece.length;
        if (batchCharacters >= writeBatchCharacters) {
          await file.write(batch.join(''), null, 'utf8');
          batch = [];
          batchCharacters = 0;
        }
      }
      if (batch.length > 0) await file.write(batch.join(''), null, 'utf8');
      await file.close();
    } catch (error) {
      await file.close().catch(() => undefined);
      // A half-written snapshot must not be left behind; the old one is untouched.
      await rm(temporary, { force: true });
      throw error;
    }
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
