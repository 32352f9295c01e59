// The OpenAI-compatible embeddings adapter against msw answering in the documented /embeddings
// response shape (__fixtures__/openai-embeddings-response.json: a list of {object, index, embedding}).
import { readFileSync } from 'node:fs';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddingDimensionsError, OpenAiEmbeddings, type OpenAiEmbeddingsOptions } from './openai-embeddings.js';

const baseUrl = 'https://embeddings.test/v1';
interface EmbeddingsRequest {
  model: string;
  input: string | string[];
  dimensions?: number;
  encoding_format?: string;
}
interface EmbeddingsResponse {
  object: 'list';
  data: { object: 'embedding'; index: number; embedding: number[] }[];
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}
const recorded = JSON.parse(readFileSync(new URL('./__fixtures__/openai-embeddings-response.json', import.meta.url), 'utf8')) as EmbeddingsResponse;

let requests: { body: EmbeddingsRequest; authorization: string | null }[] = [];
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  requests = [];
});

/** Answers like the recorded response, one vector per input: its length and a fingerprint of the text. */
function embeddingsEndpoint(size = 4) {
  return http.post(`${baseUrl}/embeddings`, async ({ request }) => {
    const body = (await request.json()) as EmbeddingsRequest;
    requests.push({ body, authorization: request.headers.get('authorization') });
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    const data = inputs.map((text, index) => ({ object: 'embedding' as const, index, embedding: Array.from({ length: size }, (_, i) => (i === 0 ? text.length : text.charCodeAt(i % text.length) / 1000)) }));
    return HttpResponse.json({ ...recorded, data });
  });
}

const open = (options: Partial<OpenAiEmbeddingsOptions> = {}) => new OpenAiEmbeddings({ baseUrl, model: 'text-embedding-3-small', apiKey: 'sk-test', dimensions: 4, maxRetries: 0, ...options });

describe('OpenAI-compatible embeddings', () => {
  it('returns the recorded vectors in order, asking for floats of the configured size', async () => {
    server.use(
      http.post(`${baseUrl}/embeddings`, async ({ request }) => {
        requests.push({ body: (await request.json()) as EmbeddingsRequest, authorization: request.headers.get('authorization') });
        return HttpResponse.json(recorded);
      }),
    );
    const vectors = await open().embedDocuments(['Parkering koster 15 kr. i timen.', 'Besøgstiden er kl. 14–20.']);
    expect(vectors).toEqual(recorded.data.map((item) => item.embedding));
    expect(requests).toHaveLength(1);
    expect(requests[0]?.body).toEqual({ model: 'text-embedding-3-small', input: ['Parkering koster 15 kr. i timen.', 'Besøgstiden er kl. 14–20.'], dimensions: 4, encoding_format: 'float' });
    expect(requests[0]?.authorization).toBe('Bearer sk-test');
  });

  it('sends many chunks in batches and keeps every vector with its text', async () => {
    server.use(embeddingsEndpoint());
    const texts = Array.from({ length: 7 }, (_, i) => `Afsnit ${'x'.repeat(i)}`);
    const vectors = await open({ batchSize: 3 }).embedDocuments(texts);
    expect(requests.map((request) => (request.body.input as string[]).length)).toEqual([3, 3, 1]);
    expect(vectors.map((vector) => vector[0])).toEqual(texts.map((text) => text.length));
  });

  it('never sends personal data from a citizen\'s question to the embedding model', async () => {
    server.use(embeddingsEndpoint());
    await open().embedQuery('Hvad koster parkering? CPR 010190-1234, tlf. 22 34 56 78, mail jens@example.dk');
    expect(JSON.stringify(requests[0]?.body)).not.toMatch(/010190|22 34 56 78|jens@example/);
    expect(requests[0]?.body.input).toBe('Hvad koster parkering? CPR [CPR], tlf. [TELEFON], mail [E-MAIL]');
  });

  it('stops with a clear error when the model returns vectors of another size than configured', async () => {
    server.use(embeddingsEndpoint(1536));
    await expect(open({ dimensions: 512 }).embedQuery('parkering')).rejects.toThrow(EmbeddingDimensionsError);
    await expect(open({ dimensions: 512 }).embedDocuments(['parkering'])).rejects.toThrow(/length 1536, but 512 dimensions/);
  });

  it('reports a rejected key instead of returning empty vectors', async () => {
    server.use(http.post(`${baseUrl}/embeddings`, () => HttpResponse.json({ error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } }, { status: 401 })));
    await expect(open().embedDocuments(['parkering'])).rejects.toMatchObject({ status: 401 });
  });
});
