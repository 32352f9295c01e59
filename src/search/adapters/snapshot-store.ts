// Where the embedded index keeps its snapshot: a file for the Node server, a bundled asset for the Worker.

export interface SnapshotStore {
  read(): Promise<string | null>;
  /** Must replace the previous snapshot atomically (write elsewhere, then rename). */
  write(snapshot: string): Promise<void>;
  /**
   * Like `write`, with the snapshot given as pieces to be written one after another: a store that
   * has it never holds the whole text (hundreds of megabytes for a large site). Same atomicity.
   */
  writePieces?(pieces: Iterable<string>): Promise<void>;
  /**
   * A token that changes whenever the stored snapshot is replaced (by this process or another, such
   * as the ingest CLI), or null when there is none. Stores without it are never reloaded.
   */
  version?(): Promise<string | null>;
}
