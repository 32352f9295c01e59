// The pages in the index for editors, through app.request(): who may see them, the list sorted by how
// often the bot's answers cited each page, one page with its chunks, and bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime } from '../support/runtime.js';

type Runtime = Awaited<ReturnType<typeof testRuntime>>;
let runtime: Runtime;

const origin = 'http://localhost';
const password = 'Fjordby-redaktion-2026!';
let editorToken: string;
let staffToken: string;

interface Citation {
  chunkId: string;
  url: string;
  title: string;
}
interface Page {
  url: string;
  title: string;
  hospital: string | null;
  sourceId: string;
  chunks: number;
  lastIngestedAt: string | null;
  lastReviewed: string | null;
  cited: number;
}
interface PagesPage {
  items: Page[];
  nextOffset: number | null;
  total: number;
}
interface Detail extends Omit<Page, 'chunks'> {
  chunks: { id: string; headings: string[]; text: string; cited: number }[];
}

async function tokenOf(username: string): Promise<string> {
  const response = await runtime.app.request(`${origin}/api/staff/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin },
    body: JSON.stringify({ username, password }),
  });
  expect(response.status).toBe(200);
  return /hh_staff=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1] as string;
}

const get = (path: string, token?: string) => runtime.app.request(path, { headers: token === undefined ? {} : { Authorization: `Bearer ${token}` } });
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;

/** Asks a question as the widget does and returns the citations of the answer. */
async function ask(text: string, hospital = 'fjordby'): Promise<{ sessionId: string; citations: Citation[] }> {
  const created = await runtime.app.request('/api/sessions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ hospital, language: 'da' }),
  });
  const { sessionId } = (await created.json()) as { sessionId: string };
  const asked = await runtime.app.request(`/api/sessions/${sessionId}/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ text }),
  });
  const { message } = (await asked.json()) as { message: { kind: string; citations: Citation[] } };
  expect(message.kind, text).toBe('answer');
  expect(message.citations.length, text).toBeGreaterThan(0);
  // The widget gets absolute links; the index (and the editors' list) has the demo pages' site paths.
  return { sessionId, citations: message.citations.map((citation) => ({ ...citation, url: new URL(citation.url).pathname })) };
}

const answers: Citation[][] = [];

beforeAll(async () => {
  runtime = await testRuntime();
  await runtime.staff.create({ username: 'mette', displayName: 'Mette', roles: ['staff'], password });
  await runtime.staff.create({ username: 'ida', displayName: 'Redaktør', roles: ['editor'], password });
  [editorToken, staffToken] = await Promise.all([tokenOf('ida'), tokenOf('mette')]);
  for (const question of ['Hvor kan jeg parkere?', 'Hvad koster det at parkere?', 'Hvor kan jeg parkere?', 'Hvornår skal jeg stoppe med at spise før bedøvelse?']) {
    answers.push((await ask(question)).citations);
  }
}, 180_000);
afterAll(() => runtime.close());

/** Answers citing each page, and each chunk, counted the way editors are told: one per answer. */
function expectedCounts(): { pages: Map<string, number>; chunks: Map<string, number> } {
  const pages = new Map<string, number>();
  const chunks = new Map<string, number>();
  for (const citations of answers) {
    for (const url of new Set(citations.map((citation) => citation.url))) pages.set(url, (pages.get(url) ?? 0) + 1);
    for (const id of new Set(citations.map((citation) => citation.chunkId))) chunks.set(id, (chunks.get(id) ?? 0) + 1);
  }
  return { pages, chunks };
}

describe('who may see the pages in the index', () => {
  it('answers 401 without a sign-in and 403 to a staff-only account, on the list and on a page', async () => {
    for (const path of ['/api/editor/pages', '/api/editor/pages/detail?url=%2Fdemo%2Ffjordby%2Fpraktisk%2Fparkering']) {
      const anonymous = await get(path);
      expect(anonymous.status, path).toBe(401);
      expect((await errorOf(anonymous)).code).toBe('unauthorized');
      const staff = await get(path, staffToken);
      expect(staff.status, path).toBe(403);
      expect((await errorOf(staff)).code).toBe('forbidden');
    }
  });
});

describe('GET /api/editor/pages', () => {
  it('lists every served page, most cited first, with the answers citing it, its chunks and when it was ingested', async () => {
    const response = await get('/api/editor/pages?sort=cited&limit=200', editorToken);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const page = (await response.json()) as PagesPage;
    const { pages: cited } = expectedCounts();
    // The demo content: 46 patient-information pages and 18 practical pages.
    expect(page.total).toBe(64);
    expect(page.items).toHaveLength(64);
    expect(page.nextOffset).toBeNull();
    expect(page.items.map((item) => item.cited)).toEqual(page.items.map((item) => cited.get(item.url) ?? 0));
    expect(page.items.map((item) => item.cited)).toEqual([...page.items.map((item) => item.cited)].sort((a, b) => b - a));
    const top = page.items[0] as Page;
    expect(top.cited).toBe(Math.max(...cited.values()));
    expect(top.url).toContain('parker');
    for (const item of page.items) {
      expect(item.chunks).toBeGreaterThan(0);
      expect(item.lastIngestedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(item.sourceId).toMatch(/^(pages|practical):/);
    }
  });

  it('pages through the list with limit and offset', async () => {
    const first = (await (await get('/api/editor/pages?sort=title&limit=10', editorToken)).json()) as PagesPage;
    expect(first.items).toHaveLength(10);
    expect(first.nextOffset).toBe(10);
    const last = (await (await get('/api/editor/pages?sort=title&limit=10&offset=60', editorToken)).json()) as PagesPage;
    expect(last.items).toHaveLength(4);
    expect(last.nextOffset).toBeNull();
    expect(last.total).toBe(64);
    const titles = first.items.map((item) => item.title);
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, 'da')));
  });

  it('finds pages by part of the title or URL, and by hospital', async () => {
    const found = (await (await get('/api/editor/pages?q=PARKERING', editorToken)).json()) as PagesPage;
    expect(found.total).toBeGreaterThan(0);
    for (const item of found.items) expect(`${item.title} ${item.url}`.toLowerCase()).toContain('parkering');
    const lyngaa = (await (await get('/api/editor/pages?hospital=lyngaa&sort=ingested', editorToken)).json()) as PagesPage;
    expect(lyngaa.total).toBeGreaterThan(0);
    expect(new Set(lyngaa.items.map((item) => item.hospital))).toEqual(new Set(['lyngaa']));
    const none = (await (await get('/api/editor/pages?q=findes-slet-ikke', editorToken)).json()) as PagesPage;
    expect(none).toEqual({ items: [], nextOffset: null, total: 0 });
  });

  it('counts only answers from the last 90 days', async () => {
    const { sessionId, citations } = await ask('Hvad koster det at parkere?');
    answers.push(citations);
    const url = (citations[0] as Citation).url;
    const before = (await (await get(`/api/editor/pages/detail?url=${encodeURIComponent(url)}`, editorToken)).json()) as Detail;
    // An answer from 100 days ago citing the same page.
    await runtime.database.query(
      `INSERT INTO messages (id, session_id, created_at, role, kind, language, text, citations) VALUES ($1, $2, now() - interval '100 days', 'assistant', 'answer', 'da', 'Gammelt svar', $3::jsonb)`,
      ['old-answer', sessionId, JSON.stringify(citations)],
    );
    const after = (await (await get(`/api/editor/pages/detail?url=${encodeURIComponent(url)}`, editorToken)).json()) as Detail;
    expect(after.cited).toBe(before.cited);
    expect(after.cited).toBe(expectedCounts().pages.get(url));
  });

  it('refuses bad parameters, naming them', async () => {
    const cases: [string, string][] = [
      ['sort=popular', 'sort'],
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['offset=-1', 'offset'],
      ['limit=ti', 'limit'],
      ['page=2', 'page'],
    ];
    for (const [query, field] of cases) {
      const response = await get(`/api/editor/pages?${query}`, editorToken);
      expect(response.status, query).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe('invalid_request');
      expect(error.message, query).toContain(field);
    }
  });
});

describe('GET /api/editor/pages/detail', () => {
  it("shows a cited page's chunks with their text and how often each was cited", async () => {
    const { pages, chunks: citedChunks } = expectedCounts();
    const url = [...pages].sort((a, b) => b[1] - a[1])[0]?.[0] as string;
    const response = await get(`/api/editor/pages/detail?url=${encodeURIComponent(url)}`, editorToken);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const detail = (await response.json()) as Detail;
    const listed = ((await (await get(`/api/editor/pages?q=${encodeURIComponent(url)}`, editorToken)).json()) as PagesPage).items.find((item) => item.url === url) as Page;
    expect(detail).toMatchObject({ url, title: listed.title, hospital: listed.hospital, sourceId: listed.sourceId, lastIngestedAt: listed.lastIngestedAt, cited: pages.get(url) });
    expect(detail.chunks).toHaveLength(listed.chunks);
    for (const chunk of detail.chunks) {
      expect(chunk.text.length).toBeGreaterThan(0);
      expect(chunk.headings[0]).toBe(detail.title);
      expect(chunk.cited).toBe(citedChunks.get(chunk.id) ?? 0);
    }
    expect(detail.chunks.some((chunk) => chunk.cited > 0)).toBe(true);
  });

  it('answers 404 for a page the index does not serve, and 400 without a url', async () => {
    const unknown = await get('/api/editor/pages/detail?url=%2Fdemo%2Ffjordby%2Ffindes-ikke', editorToken);
    expect(unknown.status).toBe(404);
    expect(await errorOf(unknown)).toMatchObject({ code: 'not_found', message: expect.stringContaining('/demo/fjordby/findes-ikke') });
    const missing = await get('/api/editor/pages/detail', editorToken);
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).message).toContain('url');
  });
});

describe('the OpenAPI document', () => {
  it('describes both routes with their parameters and errors', async () => {
    const document = (await (await runtime.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string }[]; responses: Record<string, unknown> }>>;
    };
    const list = document.paths['/api/editor/pages']?.['get'];
    expect(list?.parameters?.map((parameter) => parameter.name)).toEqual(['q', 'hospital', 'sort', 'limit', 'offset']);
    expect(Object.keys(list?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401', '403']));
    const detail = document.paths['/api/editor/pages/detail']?.['get'];
    expect(detail?.parameters?.map((parameter) => parameter.name)).toEqual(['url']);
    expect(Object.keys(detail?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404']));
  });
});
