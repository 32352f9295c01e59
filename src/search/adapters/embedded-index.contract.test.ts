import { beforeEach } from 'vitest';
import { describeSearchIndexContract } from '../search-index.contract.js';
import { EmbeddedSearchIndex, type SnapshotStore } from './embedded-index.js';

class MemorySnapshotStore implements SnapshotStore {
  snapshot: string | null = null;
  async read() {
    return this.snapshot;
  }
  async write(snapshot: string) {
    this.snapshot = snapshot;
  }
}

let store = new MemorySnapshotStore();
beforeEach(() => {
  store = new MemorySnapshotStore();
});

describeSearchIndexContract('embedded BM25', () => EmbeddedSearchIndex.open(store), { persists: true });
