import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { describeSearchIndexContract } from '../search-index.contract.js';
import { FakeQdrant, qdrantUrl } from './__fixtures__/qdrant-server.js';
import { QdrantSearchIndex } from './qdrant-index.js';

let qdrant = new FakeQdrant();
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  qdrant = new FakeQdrant();
  server.resetHandlers(...qdrant.handlers);
});

// Small batches, so copying and upserting go through more than one page.
describeSearchIndexContract(
  'Qdrant (in-memory fake of its REST API)',
  async () => new QdrantSearchIndex({ url: qdrantUrl, collection: 'hospital-help', batchSize: 2, retry: { attempts: 2, baseDelayMs: 1 }, checkCompatibility: false }),
  { persists: true },
);
