import { beforeEach } from 'vitest';
import { MeaningEmbeddings } from '../__fixtures__/meaning-embeddings.js';
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
let readTimes = new MemorySnapshotStore();
beforeEach(() => {
  store = new MemorySnapshotStore();
  readTimes = new MemorySnapshotStore();
});

describeSearchIndexContract('embedded BM25', () => EmbeddedSearchIndex.open(store, { readTimes }), { persists: true });

// Hybrid: BM25 fused with cosine over the fake model's vectors; the contract holds all the same.
describeSearchIndexContract('embedded BM25 + dense vectors', () => EmbeddedSearchIndex.open(store, { embeddings: new MeaningEmbeddings(), readTimes }), { persists: true });
