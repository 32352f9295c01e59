import { readFileSync } from 'node:fs';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Embeddings } from '../embeddings.js';
import { changeTo, type Chunk } from '../search-index.js';
import { FakeQdrant, qdrantUrl, type RecordedRequest } from './__fixtures__/qdrant-server.js';
import { OpenAiEmbeddings } from './openai-embeddings.js';
import { QdrantSearchIndex, type QdrantSearchIndexOptions } from './qdrant-index.js';

let qdrant = new FakeQdrant();
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  qdrant = new FakeQdrant();
  server.resetHandlers(...qdrant.handlers);
});

const open = (options: Partial<QdrantSearchIndexOptions> = {}) =>
  new QdrantSearchIndex({ url: qdrantUrl, collection: 'hospital-help', retry: { attempts: 3, baseDelayMs: 1 }, checkCompatibility: false, ...options });

const chunk = (id: string, text: string, hospital?: string): Chunk => ({
  sourceId: 'pages:test',
  id,
  url: `/${hospital ?? 'region'}/${id}`,
  title: id,
  headingPath: [id],
  text,
  language: 'da',
  source: 'pinfo',
  ...(hospital !== undefined && { hospital }),
  contentHash: `${id}-v1`,
});

const corpus = [
  chunk('3f0c5d1e9a7b4c2d8e6f1a2b3c4d5e6f', 'Du kan parkere i P-huset. Parkeringspladserne koster 15 kr.', 'fjordby'),
  chunk('faste', 'Du må ikke spise i 6 timer før bedøvelsen.', 'fjordby'),
];

const writes = (requests: RecordedRequest[]) => requests.filter((request) => request.method !== 'GET' && !/\/points\/(scroll|count|query)$/.test(request.path));

/** Sees texts by their length only: enough to tell chunks apart and to count what was embedded. */
class FakeEmbeddings implements Embeddings {
  readonly dimensions = 3;
  embedded: string[] = [];
  async embedDocuments(texts: string[]) {
    this.embedded.push(...texts);
    return texts.map((text) => [1, text.length % 7, 1]);
  }
  async embedQuery(text: string) {
    return [1, text.length % 7, 1];
  }
}

describe('Qdrant adapter requests', () => {
  it('creates a generation collection with a sparse "text" vector (idf) and keyword payload indexes, then points the alias at it', async () => {
    const index = open();
    await index.apply(changeTo(new Map(), corpus));
    expect(writes(qdrant.requests).map((request) => `${request.method} ${request.path}`)).toMatchInlineSnapshot(`
      [
        "DELETE /collections/hospital-help-v1",
        "PUT /collections/hospital-help-v1",
        "PUT /collections/hospital-help-v1/index?wait=true",
        "PUT /collections/hospital-help-v1/index?wait=true",
        "PUT /collections/hospital-help-v1/index?wait=true",
        "PUT /collections/hospital-help-v1/index?wait=true",
        "PUT /collections/hospital-help-v1/points?wait=true",
        "POST /collections/aliases",
      ]
    `);
    const body = (path: string) => qdrant.requests.find((request) => request.method !== 'DELETE' && request.path === path)?.body;
    expect(body('/collections/hospital-help-v1')).toMatchInlineSnapshot(`
      {
        "sparse_vectors": {
          "text": {
            "modifier": "idf",
          },
        },
      }
    `);
    expect(qdrant.requests.filter((request) => request.path.includes('/index')).map((request) => request.body)).toEqual(
      ['hospital', 'source', 'language', 'url'].map((field) => ({ field_name: field, field_schema: 'keyword' })),
    );
    const upsert = body('/collections/hospital-help-v1/points?wait=true') as { points: unknown[] };
    expect(upsert.points[0]).toMatchInlineSnapshot(`
      {
        "id": "3f0c5d1e-9a7b-4c2d-8e6f-1a2b3c4d5e6f",
        "payload": {
          "contentHash": "3f0c5d1e9a7b4c2d8e6f1a2b3c4d5e6f-v1",
          "headingPath": [
            "3f0c5d1e9a7b4c2d8e6f1a2b3c4d5e6f",
          ],
          "hospital": "fjordby",
          "id": "3f0c5d1e9a7b4c2d8e6f1a2b3c4d5e6f",
          "language": "da",
          "source": "pinfo",
          "sourceId": "pages:test",
          "text": "Du kan parkere i P-huset. Parkeringspladserne koster 15 kr.",
          "title": "3f0c5d1e9a7b4c2d8e6f1a2b3c4d5e6f",
          "url": "/fjordby/3f0c5d1e9a7b4c2d8e6f1a2b3c4d5e6f",
        },
        "vector": {
          "text": {
            "indices": [
              11080122,
              418063755,
              1430067016,
              1668812473,
              2685995920,
              3159197630,
              3376369155,
            ],
            "values": [
              1.6034985422740526,
              1.6034985422740526,
              1.6034985422740526,
              1.6034985422740526,
              1.6034985422740526,
              1.6034985422740526,
              1.8549747048903882,
            ],
          },
        },
      }
    `);
    expect(body('/collections/aliases')).toMatchInlineSnapshot(`
      {
        "actions": [
          {
            "create_alias": {
              "alias_name": "hospital-help",
              "collection_name": "hospital-help-v1",
            },
          },
        ],
      }
    `);
  });

  it('queries through the alias with a sparse prefetch over everything and one within the hospital, fused by RRF with the same k as the embedded index', async () => {
    const index = open();
    await index.apply(changeTo(new Map(), corpus));
    qdrant.requests.length = 0;
    await index.search({ text: 'Hvor kan jeg parkere?', hospital: 'fjordby', limit: 5 });
    expect(qdrant.requests).toMatchInlineSnapshot(`
      [
        {
          "body": {
            "limit": 5,
            "prefetch": [
              {
                "limit": 20,
                "query": {
                  "indices": [
                    1668812473,
                  ],
                  "values": [
                    1,
                  ],
                },
                "using": "text",
              },
              {
                "filter": {
                  "must": [
                    {
                      "key": "hospital",
                      "match": {
                        "value": "fjordby",
                      },
                    },
                  ],
                },
                "limit": 20,
                "query": {
                  "indices": [
                    1668812473,
                  ],
                  "values": [
                    1,
                  ],
                },
                "using": "text",
              },
            ],
            "query": {
              "rrf": {
                "k": 2,
              },
            },
            "with_payload": true,
          },
          "method": "POST",
          "path": "/collections/hospital-help/points/query",
        },
      ]
    `);
  });

  it('a second identical run sends no write at all', async () => {
    const index = open();
    await index.apply(changeTo(new Map(), corpus));
    qdrant.requests.length = 0;
    await index.apply(changeTo(await index.manifest(), corpus));
    expect(writes(qdrant.requests)).toEqual([]);
  });

  it('records the pages a run read with one set_payload on the serving alias, selecting them by URL; no new generation', async () => {
    const index = open();
    await index.apply(changeTo(new Map(), corpus));
    qdrant.requests.length = 0;
    const urls = corpus.map((item) => item.url);
    await index.apply({ ...changeTo(await index.manifest(), corpus), read: { urls, at: '2026-11-20T06:00:00.000Z' } });
    expect(writes(qdrant.requests)).toEqual([
      {
        method: 'POST',
        path: '/collections/hospital-help/points/payload?wait=true',
        body: { payload: { ingestedAt: '2026-11-20T06:00:00.000Z' }, filter: { must: [{ key: 'url', match: { any: urls } }] } },
      },
    ]);
    expect(qdrant.aliases.get('hospital-help')).toBe('hospital-help-v1');
    expect((await index.pages()).map((page) => page.lastIngestedAt)).toEqual(['2026-11-20T06:00:00.000Z', '2026-11-20T06:00:00.000Z']);
  });

  it('lists a page\'s chunks with one filtered scroll, and its pages with the page fields only', async () => {
    const index = open();
    await index.apply(changeTo(new Map(), corpus));
    qdrant.requests.length = 0;
    expect(await index.chunksOf('/fjordby/faste')).toEqual([corpus[1]]);
    expect(qdrant.requests.map((request) => request.body)).toEqual([
      { limit: 256, with_payload: true, with_vector: false, filter: { must: [{ key: 'url', match: { value: '/fjordby/faste' } }] } },
    ]);
    qdrant.requests.length = 0;
    expect((await index.pages()).map((page) => page.url).sort()).toEqual(corpus.map((item) => item.url).sort());
    expect(qdrant.requests.map((request) => request.body)).toEqual([
      { limit: 256, with_payload: ['id', 'url', 'title', 'hospital', 'sourceId', 'reviewedOn', 'ingestedAt'], with_vector: false },
    ]);
  });

  it('reads its manifest page by page, asking only for the manifest fields', async () => {
    const index = open({ batchSize: 1 });
    await index.apply(changeTo(new Map(), corpus));
    qdrant.requests.length = 0;
    expect([...(await index.manifest()).keys()].sort()).toEqual([corpus[0]?.id, 'faste'].sort());
    const scrolls = qdrant.requests.filter((request) => request.path.endsWith('/points/scroll'));
    expect(scrolls).toHaveLength(2);
    expect(scrolls[0]?.body).toEqual({ limit: 1, with_payload: ['id', 'contentHash', 'url', 'source', 'hospital', 'sourceId', 'readFrom', 'pageHash'], with_vector: false });
    expect(scrolls[1]?.body).toMatchObject({ offset: expect.any(String) });
  });
});

describe('Qdrant adapter keeps the old content serving when an apply fails', () => {
  it('a batch that keeps failing with 500 leaves the alias on the old collection, removes the half-built one and search answers as before', async () => {
    const index = open({ batchSize: 1 });
    await index.apply(changeTo(new Map(), corpus));
    const before = await index.search({ text: 'parkering' });
    let failedUpserts = 0;
    qdrant.failWith = (request) => {
      if (request.method === 'PUT' && request.path.startsWith('/collections/hospital-help-v2/points') && (request.body as { points: { payload: Chunk }[] }).points[0]?.payload.id === 'ny') {
        failedUpserts++;
        return HttpResponse.json(JSON.parse(readFileSync(new URL('./__fixtures__/qdrant/internal-error.json', import.meta.url), 'utf8')), { status: 500 });
      }
      return undefined;
    };
    const next = [...corpus, chunk('ny', 'Søvnapnø undersøges i søvnklinikken.'), chunk('ny-2', 'Endnu en side.')];
    await expect(index.apply(changeTo(await index.manifest(), next))).rejects.toThrow('Qdrant upsert failed after 3 attempts (HTTP 500): Service internal error: task panicked');
    expect(failedUpserts).toBe(3);
    expect(qdrant.aliases.get('hospital-help')).toBe('hospital-help-v1');
    expect([...qdrant.collections.keys()]).toEqual(['hospital-help-v1']);
    expect(await index.count()).toBe(2);
    expect(await index.search({ text: 'parkering' })).toEqual(before);
    expect(await index.search({ text: 'søvnapnø' })).toEqual([]);

    qdrant.failWith = undefined;
    qdrant.requests.length = 0;
    await index.apply(changeTo(await index.manifest(), next));
    // One call moves the alias: no moment without it, and never two collections serving.
    expect(qdrant.requests.filter((request) => request.path === '/collections/aliases').map((request) => request.body)).toEqual([
      { actions: [{ delete_alias: { alias_name: 'hospital-help' } }, { create_alias: { collection_name: 'hospital-help-v2', alias_name: 'hospital-help' } }] },
    ]);
    expect(qdrant.aliases.get('hospital-help')).toBe('hospital-help-v2');
    expect([...qdrant.collections.keys()]).toEqual(['hospital-help-v2']);
    expect((await index.search({ text: 'søvnapnø' }))[0]?.chunk.id).toBe('ny');
  });

  it('retries a 429 or a 503 and carries on', async () => {
    const index = open();
    let refusals = 0;
    qdrant.failWith = (request) => {
      if (request.path.includes('/points') && refusals < 2) {
        refusals++;
        return HttpResponse.json({ status: { error: 'Too many requests' }, time: 0 }, { status: refusals === 1 ? 429 : 503 });
      }
      return undefined;
    };
    await index.apply(changeTo(new Map(), corpus));
    expect(refusals).toBe(2);
    expect(await index.count()).toBe(2);
  });

  it('refuses, naming the problem, when a plain collection already holds the alias name', async () => {
    qdrant.collections.set('hospital-help', { dense: {}, sparse: {}, points: new Map(), payloadIndexes: new Set(), version: 0 });
    await expect(open().apply(changeTo(new Map(), corpus))).rejects.toThrow('Qdrant has a collection named "hospital-help"');
  });
});

describe('Qdrant adapter with embeddings', () => {
  it('adds a dense vector, searches sparse and dense together, and never re-embeds unchanged chunks', async () => {
    const embeddings = new FakeEmbeddings();
    const index = open({ embeddings });
    await index.apply(changeTo(new Map(), corpus));
    expect(qdrant.requests.find((request) => request.method === 'PUT' && request.path === '/collections/hospital-help-v1')?.body).toMatchObject({ vectors: { dense: { size: 3, distance: 'Cosine' } } });
    expect(embeddings.embedded).toHaveLength(2);
    embeddings.embedded = [];
    await index.apply(changeTo(await index.manifest(), [...corpus, chunk('ny', 'Søvnapnø undersøges i søvnklinikken.')]));
    expect(embeddings.embedded).toEqual(['ny\nny\nSøvnapnø undersøges i søvnklinikken.']);
    qdrant.requests.length = 0;
    expect((await index.search({ text: 'parkeringspladserne' }))[0]?.chunk.id).toBe(corpus[0]?.id);
    const query = qdrant.requests.find((request) => request.path.endsWith('/points/query'))?.body as { prefetch: { using: string }[] };
    expect(query.prefetch.map((prefetch) => prefetch.using)).toEqual(['text', 'dense']);
  });
});

describe('Qdrant adapter when the query cannot be embedded', () => {
  const embeddingsUrl = 'https://embeddings.test/v1';
  /** An OpenAI-compatible /embeddings endpoint: vectors for documents, and for queries until told to refuse them. */
  function embeddingsEndpoint(refuseQueries: () => Response | undefined) {
    return http.post(`${embeddingsUrl}/embeddings`, async ({ request }) => {
      const body = (await request.json()) as { input: string | string[] };
      const inputs = Array.isArray(body.input) ? body.input : [body.input];
      if (inputs.length === 1 && inputs[0] === 'Hvor kan jeg parkere?') {
        const refusal = refuseQueries();
        if (refusal !== undefined) return refusal;
      }
      const data = inputs.map((text, index) => ({ object: 'embedding', index, embedding: [text.length, 1, text.includes('parker') ? 1 : 0] }));
      return HttpResponse.json({ object: 'list', data, model: 'text-embedding-3-small', usage: { prompt_tokens: 1, total_tokens: 1 } });
    });
  }
  const embeddings = () => new OpenAiEmbeddings({ baseUrl: embeddingsUrl, model: 'text-embedding-3-small', apiKey: 'sk-test', dimensions: 3, maxRetries: 0 });
  const queryBodies = () => qdrant.requests.filter((request) => request.path.endsWith('/points/query')).map((request) => request.body as { prefetch: { using: string }[] });

  it('searches the sparse vector alone on a 429 from the embedding model, and says so', async () => {
    let refusal: Response | undefined = undefined;
    server.use(embeddingsEndpoint(() => refusal));
    const failures: Error[] = [];
    const index = open({ embeddings: embeddings(), onQueryEmbeddingFailure: ({ error }) => failures.push(error) });
    await index.apply(changeTo(new Map(), corpus));
    const hybrid = await index.search({ text: 'Hvor kan jeg parkere?' });
    expect(queryBodies().at(-1)?.prefetch.map((prefetch) => prefetch.using)).toEqual(['text', 'dense']);
    refusal = HttpResponse.json({ error: { message: 'Rate limit reached for text-embedding-3-small', type: 'requests', code: 'rate_limit_exceeded' } }, { status: 429 });
    const sparseOnly = await index.search({ text: 'Hvor kan jeg parkere?' });
    expect(queryBodies().at(-1)?.prefetch.map((prefetch) => prefetch.using)).toEqual(['text']);
    expect(sparseOnly.map((hit) => hit.chunk.id)).toEqual([corpus[0]?.id]);
    expect(hybrid.map((hit) => hit.chunk.id)[0]).toBe(corpus[0]?.id);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.message).toMatch(/rate limit/i);
  });

  it('does not wait past its timeout for a model that does not answer', async () => {
    let hang = false;
    server.use(embeddingsEndpoint(() => (hang ? (new Promise(() => undefined) as unknown as Response) : undefined)));
    const failures: Error[] = [];
    const index = open({ embeddings: embeddings(), queryEmbeddingTimeoutMs: 50, onQueryEmbeddingFailure: ({ error }) => failures.push(error) });
    await index.apply(changeTo(new Map(), corpus));
    hang = true;
    expect((await index.search({ text: 'Hvor kan jeg parkere?' })).map((hit) => hit.chunk.id)).toEqual([corpus[0]?.id]);
    expect(failures.map((error) => error.message)).toEqual(['the query embedding took longer than 50 ms']);
  });
});

describe('the fake answers in the shapes of the recorded Qdrant responses', () => {
  const shape = (value: unknown): unknown =>
    Array.isArray(value) ? value.slice(0, 1).map(shape) : value !== null && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shape(inner)])) : typeof value;
  const recorded = (name: string) => JSON.parse(readFileSync(new URL(`./__fixtures__/qdrant/${name}.json`, import.meta.url), 'utf8')) as unknown;
  const call = async (method: string, path: string, body?: unknown) => (await fetch(`${qdrantUrl}${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body !== undefined && { body: JSON.stringify(body) }) })).json();

  it('envelopes, errors and results match', async () => {
    expect(shape(await call('POST', '/collections/hospital-help/points/count', { exact: true }))).toEqual(shape(recorded('collection-not-found')));
    await open().apply(changeTo(new Map(), [...corpus, chunk('b', 'Parkering ved Lyngå.', 'lyngaa')]));
    expect(shape(await call('GET', '/aliases'))).toEqual(shape(recorded('aliases')));
    expect(shape(await call('GET', '/collections/hospital-help-v1/exists'))).toEqual(shape(recorded('collection-exists')));
    expect(shape(await call('POST', '/collections/hospital-help/points/count', { exact: true }))).toEqual(shape(recorded('count-points')));
    expect(shape(await call('POST', '/collections/hospital-help/points/scroll', { limit: 1, with_payload: ['id', 'contentHash', 'url', 'source', 'hospital'] }))).toEqual(shape(recorded('scroll-points')));
    const query = await call('POST', '/collections/hospital-help/points/query', { prefetch: [{ query: { indices: [1], values: [1] }, using: 'text', limit: 5 }], query: { fusion: 'rrf' }, with_payload: ['id', 'title'] });
    expect(Object.keys(query as object)).toEqual(['result', 'status', 'time']);
    expect(shape(await call('PUT', '/collections/hospital-help/points?wait=true', { points: [] }))).toEqual(shape(recorded('update-completed')));
    expect(shape(await call('DELETE', '/collections/nothing-here'))).toEqual(shape(recorded('operation-true')));
  });
});
