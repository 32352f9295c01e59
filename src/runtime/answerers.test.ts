// What the configuration switches on: no model by default, a model with the extractive answer as its
// fallback when CHAT_MODEL is set (writing the staff's handoff summary too), and dense vectors in
// either index when an embedding model is.
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExtractiveAnswerer } from '../answer/extractive-answerer.js';
import { FallbackChatModel } from '../answer/fallback-chat-model.js';
import { loadConfig } from '../config.js';
import { silentLogger, type Logger } from '../logger.js';
import { FakeQdrant, qdrantUrl } from '../search/adapters/__fixtures__/qdrant-server.js';
import { changeTo, type Chunk } from '../search/search-index.js';
import { OpenAiSummaryWriter } from '../escalation/adapters/openai-summary-writer.js';
import { chatModelFor, summaryWriterFor, usesPrompts } from './answerers.js';
import { openSearchIndex } from './node-runtime.js';
import { readAnswerPrompts, readSummaryPrompts } from './prompt-files.js';

const qdrant = new FakeQdrant();
const embedded: string[] = [];
const server = setupServer(
  ...qdrant.handlers,
  http.post('https://embeddings.test/v1/embeddings', async ({ request }) => {
    const body = (await request.json()) as { input: string[]; dimensions: number };
    if (body.input.includes('Where do I leave the car?')) return HttpResponse.json({ error: { message: 'Rate limit reached', code: 'rate_limit_exceeded' } }, { status: 429 });
    embedded.push(...body.input);
    return HttpResponse.json({
      object: 'list',
      data: body.input.map((_, index) => ({ object: 'embedding', index, embedding: Array.from({ length: body.dimensions }, (__, i) => (i === index % body.dimensions ? 1 : 0)) })),
      model: 'text-embedding-3-small',
      usage: { prompt_tokens: 1, total_tokens: 1 },
    });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const modelSettings = { CHAT_MODEL_URL: 'http://ollama.test:11434/v1', CHAT_MODEL: 'llama3.1' };

describe('chatModelFor', () => {
  it('answers without a model when none is configured, and needs no prompt files', () => {
    const config = loadConfig({});
    expect(usesPrompts(config)).toBe(false);
    expect(chatModelFor(config, undefined, silentLogger)).toBeInstanceOf(ExtractiveAnswerer);
  });

  it('uses the configured model, with the extractive answer as fallback, built from the prompt files in prompts/', async () => {
    const config = loadConfig(modelSettings);
    expect(usesPrompts(config)).toBe(true);
    expect(chatModelFor(config, await readAnswerPrompts(), silentLogger)).toBeInstanceOf(FallbackChatModel);
  });

  it('will not start a configured model without its prompts', () => {
    expect(() => chatModelFor(loadConfig(modelSettings), undefined, silentLogger)).toThrow(/prompts\/answer\.system\.md/);
  });
});

describe('summaryWriterFor', () => {
  const material = { language: 'da' as const, reason: 'citizen' as const, emergencyFlagged: false, questions: ['Hvor kan jeg parkere?'] };
  afterEach(() => server.resetHandlers());

  it('leaves the handoff summary to the extractive summary when no model is configured', () => {
    expect(summaryWriterFor(loadConfig({}), undefined)).toBeUndefined();
  });

  it('has the configured model write it, from the templates in prompts/', async () => {
    server.use(
      http.post('http://ollama.test:11434/v1/chat/completions', async ({ request }) => {
        const body = (await request.json()) as { model: string; messages: { content: string }[] };
        expect(body.model).toBe('llama3.1');
        expect(body.messages[1]?.content).toContain('<question>Hvor kan jeg parkere?</question>');
        return HttpResponse.json({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          created: 1764136800,
          model: 'llama3.1',
          choices: [{ index: 0, message: { role: 'assistant', content: 'Borgeren spørger om parkering.' }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 200, completion_tokens: 8, total_tokens: 208 },
        });
      }),
    );
    const writer = summaryWriterFor(loadConfig(modelSettings), await readSummaryPrompts());
    expect(writer).toBeInstanceOf(OpenAiSummaryWriter);
    expect(await writer?.write(material)).toBe('Borgeren spørger om parkering.');
  });

  it('gives up after SUMMARY_MODEL_TIMEOUT_MS, so an escalation is not held up by a slow model', async () => {
    server.use(
      http.post('http://ollama.test:11434/v1/chat/completions', async () => {
        await delay(3_000);
        return HttpResponse.json({ error: { message: 'too late' } }, { status: 500 });
      }),
    );
    const writer = summaryWriterFor(loadConfig({ ...modelSettings, SUMMARY_MODEL_TIMEOUT_MS: '500', CHAT_MODEL_MAX_RETRIES: '0' }), await readSummaryPrompts());
    const started = performance.now();
    await expect(writer?.write(material)).rejects.toThrow(/did not answer within 500 ms/);
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('will not start a configured model without its summary templates', () => {
    expect(() => summaryWriterFor(loadConfig(modelSettings), undefined)).toThrow(/prompts\/handoff-summary\.system\.md/);
  });
});

describe('embeddings in the Qdrant index', () => {
  it('stores a dense vector of EMBEDDING_DIMENSIONS for every chunk when an embedding model is configured', async () => {
    const config = loadConfig({
      SEARCH_BACKEND: 'qdrant',
      QDRANT_URL: qdrantUrl,
      EMBEDDING_MODEL_URL: 'https://embeddings.test/v1',
      EMBEDDING_MODEL: 'text-embedding-3-small',
      EMBEDDING_DIMENSIONS: '8',
    });
    const chunk: Chunk = { id: 'parkering', url: '/p', title: 'Parkering', headingPath: ['Parkering'], text: 'Parkering koster 15 kr. i timen.', language: 'da', source: 'pinfo', sourceId: 'pages:x', contentHash: 'v1' };
    const index = await openSearchIndex(config, silentLogger);
    await index.apply(changeTo(new Map(), [chunk]));
    const created = qdrant.requests.find((request) => request.method === 'PUT' && /^\/collections\/hospital-help-v\d+$/.test(request.path));
    expect(created?.body).toMatchObject({ vectors: { dense: { size: 8, distance: 'Cosine' } } });
    expect(embedded.some((text) => text.includes('Parkering koster 15 kr. i timen.'))).toBe(true);
  });
});

describe('embeddings in the embedded index', () => {
  it('stores the vectors in the snapshot in DATA_DIR, and logs a question it could not embed while still answering it', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'hybrid-runtime-'));
    try {
      const config = loadConfig({ DATA_DIR: directory, EMBEDDING_MODEL_URL: 'https://embeddings.test/v1', EMBEDDING_MODEL: 'text-embedding-3-small', EMBEDDING_DIMENSIONS: '8' });
      const warnings: Record<string, unknown>[] = [];
      const logger: Logger = { ...silentLogger, warn: (fields) => warnings.push(fields), child: () => logger };
      const chunk: Chunk = { id: 'bil', url: '/p', title: 'Parkering', headingPath: ['Parkering'], text: 'Bilen kan stå i P-huset.', language: 'da', source: 'pinfo', sourceId: 'pages:x', contentHash: 'v1' };
      const index = await openSearchIndex(config, logger);
      await index.apply(changeTo(new Map(), [chunk]));
      expect(embedded.some((text) => text.includes('Bilen kan stå i P-huset.'))).toBe(true);
      const snapshot = JSON.parse(await readFile(join(directory, 'search-index.json'), 'utf8')) as { vectors?: { dimensions: number; model: string } };
      expect(snapshot.vectors).toMatchObject({ dimensions: 8, model: 'text-embedding-3-small' });
      expect((await index.search({ text: 'Where do I leave the car? P-huset' }))[0]?.chunk.id).toBe('bil');
      expect(warnings).toEqual([expect.objectContaining({ event: 'query-embedding-failed', error: expect.stringMatching(/rate limit/i) })]);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
