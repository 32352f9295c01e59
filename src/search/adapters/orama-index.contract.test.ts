import { beforeEach } from 'vitest';
import { describeSearchIndexContract } from '../search-index.contract.js';
import { OramaSearchIndex, type SnapshotStore } from './orama-index.js';

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

describeSearchIndexContract('embedded Orama', () => OramaSearchIndex.open(store), { persists: true });
