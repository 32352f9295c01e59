// Thumbs up/down on the chatbot's answers through app.request(): what the widget sends, what editors
// later read, and what never reaches the log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/logger.js';
import { testRuntime } from '../support/runtime.js';

type Runtime = Awaited<ReturnType<typeof testRuntime>>;
// One database per file (PGlite takes seconds to start); every test works in its own session.
let runtime: Runtime;
const lines: string[] = [];

function recordingLogger(): Logger {
  const write = (level: string) => (fields: Record<string, unknown>, message?: string) => void lines.push(JSON.stringify({ level, ...fields, msg: message }));
  const logger: Logger = { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error'), child: () => logger };
  return logger;
}

beforeAll(async () => {
  runtime = await testRuntime({ logger: recordingLogger() });
}, 120_000);
afterAll(() => runtime.close());

const send = (method: string, body: unknown) => ({
  method,
  headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

interface Message {
  id: string;
  role: string;
}
interface Feedback {
  messageId: string;
  sessionId: string;
  rating: string;
  comment: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A session with one question and its answer, made through the API as the widget does. */
async function answeredSession(text = 'Hvor kan jeg parkere?'): Promise<{ sessionId: string; question: Message; answer: Message }> {
  const created = await runtime.app.request('/api/sessions', send('POST', { hospital: 'fjordby', language: 'da' }));
  const { sessionId } = (await created.json()) as { sessionId: string };
  const asked = await runtime.app.request(`/api/sessions/${sessionId}/messages`, send('POST', { text }));
  const { question, message } = (await asked.json()) as { question: Message; message: Message };
  return { sessionId, question, answer: message };
}

const feedbackUrl = (sessionId: string, messageId: string) => `/api/sessions/${sessionId}/messages/${messageId}/feedback`;
const rate = (sessionId: string, messageId: string, body: unknown) => runtime.app.request(feedbackUrl(sessionId, messageId), send('PUT', body));
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;
const storedFeedback = () => runtime.database.query<{ message_id: string; rating: string; comment: string | null }>('SELECT message_id, rating, comment FROM feedback');

describe('rating an answer', () => {
  it('stores a thumbs down with the comment as typed and returns it', async () => {
    const { sessionId, answer } = await answeredSession();
    expect(answer.role).toBe('assistant');
    const response = await rate(sessionId, answer.id, { rating: 'down', comment: '  Jeg ville vide, om det koster noget.  ' });
    expect(response.status).toBe(200);
    const feedback = (await response.json()) as Feedback;
    expect(feedback).toMatchObject({ messageId: answer.id, sessionId, rating: 'down', comment: 'Jeg ville vide, om det koster noget.' });
    expect(feedback.updatedAt).toBe(feedback.createdAt);
    expect((await storedFeedback()).filter((row) => row.message_id === answer.id)).toEqual([
      { message_id: answer.id, rating: 'down', comment: 'Jeg ville vide, om det koster noget.' },
    ]);
  });

  it('accepts a thumbs up without a comment', async () => {
    const { sessionId, answer } = await answeredSession();
    const response = await rate(sessionId, answer.id, { rating: 'up' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ rating: 'up', comment: null });
  });

  it('keeps one rating per answer: changing one’s mind replaces rating and comment', async () => {
    const { sessionId, answer } = await answeredSession();
    const first = (await (await rate(sessionId, answer.id, { rating: 'down', comment: 'Forkert P-hus' })).json()) as Feedback;
    const second = (await (await rate(sessionId, answer.id, { rating: 'up' })).json()) as Feedback;
    expect(second).toMatchObject({ messageId: answer.id, rating: 'up', comment: null, createdAt: first.createdAt });
    expect(Date.parse(second.updatedAt)).toBeGreaterThan(Date.parse(first.updatedAt));
    expect((await storedFeedback()).filter((row) => row.message_id === answer.id)).toHaveLength(1);
  });

  it('rates a refusal and an emergency card too: they are the chatbot’s answers', async () => {
    const refused = await answeredSession('Hvem vandt fodboldkampen i går aftes?');
    expect((await rate(refused.sessionId, refused.answer.id, { rating: 'down' })).status).toBe(200);
    const emergency = await answeredSession('Min far har ondt i brystet og sveder');
    expect((await rate(emergency.sessionId, emergency.answer.id, { rating: 'up' })).status).toBe(200);
  });

  it('can be sent cross-origin from the hospital page embedding the widget', async () => {
    const { sessionId, answer } = await answeredSession();
    const preflight = await runtime.app.request(feedbackUrl(sessionId, answer.id), {
      method: 'OPTIONS',
      headers: { Origin: 'https://www.fjordby-hospital.dk', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
  });
});

describe('feedback is only for this session’s answers', () => {
  it('answers 404 for another session’s answer, and stores nothing', async () => {
    const mine = await answeredSession();
    const theirs = await answeredSession();
    const response = await rate(mine.sessionId, theirs.answer.id, { rating: 'down', comment: 'ikke min' });
    expect(response.status).toBe(404);
    const error = await errorOf(response);
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('messageId');
    expect((await storedFeedback()).some((row) => row.message_id === theirs.answer.id)).toBe(false);
  });

  it('answers 404 alike for an unknown message id and for an unknown session', async () => {
    const { sessionId, answer } = await answeredSession();
    const unknownMessage = await rate(sessionId, 'no-such-message', { rating: 'up' });
    expect(unknownMessage.status).toBe(404);
    expect((await errorOf(unknownMessage)).message).toContain('no-such-message');
    const unknownSession = await rate('no-such-session', answer.id, { rating: 'up' });
    expect(unknownSession.status).toBe(404);
    expect((await errorOf(unknownSession)).message).toContain('no-such-session');
  });

  it('refuses a rating of the citizen’s own message, naming the field', async () => {
    const { sessionId, question } = await answeredSession();
    expect(question.role).toBe('user');
    const response = await rate(sessionId, question.id, { rating: 'down' });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('invalid_request');
    expect(error.message).toMatch(/^messageId: /);
    expect((await storedFeedback()).some((row) => row.message_id === question.id)).toBe(false);
  });
});

describe('bad feedback input gets a clear error naming the field, and stores nothing', () => {
  const cases: [string, unknown, RegExp][] = [
    ['a rating that is neither up nor down', { rating: 'meh' }, /^rating: /],
    ['a missing rating', { comment: 'Godt svar' }, /^rating: /],
    ['a comment over 1,000 characters', { rating: 'down', comment: 'a'.repeat(1001) }, /^comment: must be at most 1000 characters/],
    ['a comment that is not text', { rating: 'down', comment: 5 }, /^comment: /],
    ['an unknown field', { rating: 'up', stars: 5 }, /unknown field\(s\) "stars"/],
  ];
  for (const [name, body, message] of cases) {
    it(`rejects ${name}`, async () => {
      const { sessionId, answer } = await answeredSession();
      const response = await rate(sessionId, answer.id, body);
      expect(response.status).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe('invalid_request');
      expect(error.message).toMatch(message);
      expect((await storedFeedback()).some((row) => row.message_id === answer.id)).toBe(false);
    });
  }

  it('accepts a comment of exactly 1,000 characters', async () => {
    const { sessionId, answer } = await answeredSession();
    const response = await rate(sessionId, answer.id, { rating: 'down', comment: 'æ'.repeat(1000) });
    expect(response.status).toBe(200);
    expect(((await response.json()) as Feedback).comment).toHaveLength(1000);
  });

  it('rejects a body that is not JSON', async () => {
    const { sessionId, answer } = await answeredSession();
    const response = await rate(sessionId, answer.id, '{rating: up');
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(/not valid JSON/);
  });

  it('rejects a body that is not JSON by content type', async () => {
    const { sessionId, answer } = await answeredSession();
    const response = await runtime.app.request(feedbackUrl(sessionId, answer.id), { method: 'PUT', headers: { 'Content-Type': 'text/plain' }, body: 'up' });
    expect(response.status).toBe(415);
  });
});

describe('personal data in a comment', () => {
  it('keeps the comment as typed for editors, but no log line holds its CPR number, phone number or words', async () => {
    lines.length = 0;
    const { sessionId, answer } = await answeredSession();
    const comment = 'Mit CPR er 010190-1234 og ring på 20 30 40 50, jeg fandt ikke P-huset ved Fødegangen';
    const response = await rate(sessionId, answer.id, { rating: 'down', comment });
    expect(response.status).toBe(200);
    expect(((await response.json()) as Feedback).comment).toBe(comment);
    const log = lines.join('\n');
    expect(log).toContain('feedback-recorded');
    for (const secret of ['010190-1234', '0101901234', '20 30 40 50', 'Fødegangen']) expect(log).not.toContain(secret);
    const recorded = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line['event'] === 'feedback-recorded');
    expect(recorded).toMatchObject({ rating: 'down', messageId: answer.id, commentCharacters: comment.length, personalData: { cpr: 1, phone: 1 } });
  });

  it('keeps a CPR number in a rejected comment out of the log as well', async () => {
    lines.length = 0;
    const { sessionId, answer } = await answeredSession();
    const response = await rate(sessionId, answer.id, { rating: 'down', comment: `010190-1234 ${'x'.repeat(1000)}` });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).not.toContain('010190-1234');
    expect(lines.join('\n')).not.toContain('010190-1234');
  });
});

describe('the OpenAPI description', () => {
  it('documents the feedback route with its body', async () => {
    const document = (await (await runtime.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const route = document.paths['/api/sessions/{id}/messages/{messageId}/feedback']?.['put'];
    expect(route).toBeDefined();
    expect(Object.keys(route?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '404']));
    expect(Object.keys(document.components.schemas['FeedbackInput']?.properties ?? {})).toEqual(['rating', 'comment']);
  });
});
