// Per-source ingest runs against the real embedded index: idempotence, scoped removal, kept pages,
// near-duplicates, YAML practical information and an interrupted run.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedSearchIndex } from '../src/search/adapters/embedded-index.js';
import { MemorySnapshotStore, demoContentDirectory } from '../test/support/runtime.js';
import type { FetchedPage, PageSource } from './pages/page-source.js';
import { folderSource } from './pages/page-source.js';
import { applySources, knownPageHashes, prepareContentDirectory, preparePages, preparePractical } from './pipeline.js';

const page = (title: string, body: string, canonical?: string) =>
  `<!doctype html><html lang="da"><head><title>${title}</title>${canonical === undefined ? '' : `<link rel="canonical" href="${canonical}">`}
  <meta name="hospital" content="fjordby"></head><body><header><nav>Forside · Kontakt</nav></header>
  <main><h1>${title}</h1>${body}</main><footer>Fjordby Universitetshospital</footer></body></html>`;

function source(items: FetchedPage[]): PageSource {
  return {
    total: items.length,
    pages: (async function* () {
      yield* items;
    })(),
  };
}

async function runPages(index: EmbeddedSearchIndex, pageSource: PageSource, sourceId = 'pages:web') {
  const [report] = await applySources(index, [await preparePages(pageSource, { sourceId })]);
  return report as NonNullable<typeof report>;
}

const urls = async (index: EmbeddedSearchIndex) => new Set([...(await index.manifest()).values()].map((entry) => entry.url));

describe('ingest runs per source', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'ingest-sources-'));
    await cp(demoContentDirectory, directory, { recursive: true });
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('a pages folder: the second run changes nothing, a deleted file is removed', async () => {
    const index = await EmbeddedSearchIndex.open(new MemorySnapshotStore());
    const folder = join(directory, 'pages/lyngaa');
    const first = await runPages(index, await folderSource(folder), 'pages:lyngaa');
    expect(first).toMatchObject({ items: 12, changed: 0, removed: 0, failed: 0 });
    expect(first.added).toBeGreaterThan(0);
    const second = await runPages(index, await folderSource(folder), 'pages:lyngaa');
    expect(second).toMatchObject({ added: 0, changed: 0, removed: 0, unchanged: first.added });
    await rm(join(folder, 'tolkebistand.html'));
    const third = await runPages(index, await folderSource(folder), 'pages:lyngaa');
    expect(third.removed).toBeGreaterThan(0);
    expect(await urls(index)).not.toContain('/demo/lyngaa/pinfo/tolkebistand');
  });

  it('a re-run parses only the pages whose HTML changed; the rest keep their chunks untouched', async () => {
    const index = await EmbeddedSearchIndex.open(new MemorySnapshotStore());
    const folder = join(directory, 'pages/lyngaa');
    const run = async () => {
      const [report] = await applySources(index, [await preparePages(await folderSource(folder), { sourceId: 'pages:lyngaa', knownPages: knownPageHashes(await index.manifest()) })]);
      return report as NonNullable<typeof report>;
    };
    const first = await run();
    expect(first).toMatchObject({ items: 12, notModified: 0 });
    const unchanged = await run();
    expect(unchanged).toMatchObject({ items: 0, notModified: 12, added: 0, changed: 0, removed: 0 });
    expect(unchanged.kept).toBe(first.added);
    const file = join(folder, 'tolkebistand.html');
    await writeFile(file, (await readFile(file, 'utf8')).replace('Tolken har tavshedspligt.', 'Tolken har tavshedspligt og må ikke fortælle andre, hvad du siger.'));
    const edited = await run();
    expect(edited).toMatchObject({ items: 1, notModified: 11, removed: 0 });
    expect(edited.changed).toBeGreaterThan(0);
    const hits = await index.search({ text: 'tavshedspligt fortælle andre', hospital: 'lyngaa', limit: 20 });
    expect(hits.some((hit) => hit.chunk.text.includes('Tolken har tavshedspligt og må ikke fortælle andre'))).toBe(true);
  });

  it('a practical run for one hospital never removes pages or other hospitals’ practical information', async () => {
    const index = await EmbeddedSearchIndex.open(new MemorySnapshotStore());
    await applySources(index, await prepareContentDirectory(directory));
    const before = await index.count();
    const fjordby = join(directory, 'practical/fjordby.json');
    const [again] = await applySources(index, [await preparePractical(fjordby)]);
    expect(again).toMatchObject({ sourceId: 'practical:fjordby', added: 0, changed: 0, removed: 0 });
    // Fjordby drops all but one facility: only Fjordby's practical chunks change.
    const info = JSON.parse(await readFile(fjordby, 'utf8')) as { sections: { facilities: { items: unknown[] } } };
    info.sections.facilities.items = info.sections.facilities.items.slice(0, 1);
    await writeFile(fjordby, JSON.stringify(info));
    const [edited] = await applySources(index, [await preparePractical(fjordby)]);
    expect(edited?.removed).toBeGreaterThan(0);
    const manifest = [...(await index.manifest()).values()];
    expect(manifest.filter((entry) => entry.sourceId.startsWith('pages:')).length).toBeGreaterThan(0);
    expect(manifest.filter((entry) => entry.sourceId === 'practical:lyngaa').length).toBeGreaterThan(0);
    expect(await index.count()).toBe(before - (edited?.removed ?? 0) + (edited?.added ?? 0));
  });

  it('reads practical information from YAML with the same schema, as the same source as its JSON', async () => {
    const index = await EmbeddedSearchIndex.open(new MemorySnapshotStore());
    const yamlFile = join(directory, 'lyngaa.yaml');
    await writeFile(yamlFile, stringify(JSON.parse(await readFile(join(directory, 'practical/lyngaa.json'), 'utf8'))));
    const [fromYaml] = await applySources(index, [await preparePractical(yamlFile)]);
    expect(fromYaml).toMatchObject({ sourceId: 'practical:lyngaa', failed: 0, items: 6 });
    const [fromJson] = await applySources(index, [await preparePractical(join(directory, 'practical/lyngaa.json'))]);
    expect(fromJson).toMatchObject({ added: 0, changed: 0, removed: 0 });
    await writeFile(yamlFile, 'hospital:\n  id: lyngaa\n  name: [unclosed\n');
    const [broken] = await applySources(index, [await preparePractical(yamlFile)]);
    expect(broken?.problems[0]?.reason).toMatch(/not valid YAML/);
    expect(broken).toMatchObject({ failed: 1, removed: 0 });
  });

  it('keeps the chunks of a page that failed or was not modified, and reports the failure by name', async () => {
    const index = await EmbeddedSearchIndex.open(new MemorySnapshotStore());
    const pages: FetchedPage[] = [
      { url: 'https://fjordby.example/faste', status: 'fetched', html: page('Faste før operation', '<p>Du må ikke spise i 6 timer før operationen.</p>') },
      { url: 'https://fjordby.example/mr', status: 'fetched', html: page('MR-scanning', '<p>Tag metal af før scanningen.</p>', 'https://fjordby.example/mr-scanning') },
      { url: 'https://fjordby.example/parkering', status: 'fetched', html: page('Parkering', '<p>Parker i P-huset ved indgang 3.</p>') },
    ];
    await runPages(index, source(pages));
    const next = await runPages(
      index,
      source([
        { url: 'https://fjordby.example/faste', status: 'not-modified' },
        // The page is now served under its canonical link; a failure must still keep it.
        { url: 'https://fjordby.example/mr', status: 'fetched', html: '' },
        { url: 'https://fjordby.example/parkering', status: 'failed', reason: 'HTTP 503 after 3 attempts' },
      ]),
    );
    expect(next).toMatchObject({ notModified: 1, failed: 2, removed: 0, added: 0 });
    expect(next.problems).toEqual([
      { item: 'https://fjordby.example/mr', reason: 'empty page' },
      { item: 'https://fjordby.example/parkering', reason: 'HTTP 503 after 3 attempts' },
    ]);
    expect(await urls(index)).toEqual(new Set(['https://fjordby.example/faste', 'https://fjordby.example/mr-scanning', 'https://fjordby.example/parkering']));
    expect((await index.search({ text: 'spise før operationen' }))[0]?.chunk.url).toBe('https://fjordby.example/faste');
  });

  it('reports malformed, binary and chrome-only pages per item and goes on', async () => {
    const index = await EmbeddedSearchIndex.open(new MemorySnapshotStore());
    const report = await runPages(
      index,
      source([
        { url: 'https://fjordby.example/binary', status: 'fetched', html: 'PK\u0003\u0004\u0000\u0000' },
        { url: 'https://fjordby.example/tekst', status: 'fetched', html: 'bare tekst uden tags' },
        { url: 'https://fjordby.example/chrome', status: 'fetched', html: '<html><body><nav>Menu</nav><footer>Kontakt</footer></body></html>' },
        { url: 'https://fjordby.example/ok', status: 'fetched', html: page('Blodprøver', '<p>Du behøver ikke at faste før en blodprøve.</p>') },
        { url: 'https://fjordby.example/robots', status: 'skipped', reason: 'disallowed by robots.txt' },
      ]),
    );
    expect(report.problems.map((problem) => `${problem.item}: ${problem.reason}`)).toEqual([
      'https://fjordby.example/binary: not an HTML page (binary content)',
      'https://fjordby.example/tekst: not an HTML page (no tags found)',
      expect.stringMatching(/^https:\/\/fjordby.example\/chrome: no main content found/),
    ]);
    expect(report.skipped).toEqual([{ item: 'https://fjordby.example/robots', reason: 'disallowed by robots.txt' }]);
    expect(report).toMatchObject({ items: 1, failed: 3 });
  });

  it('refuses a 20 MB page file without reading it into the index, keeping its old chunks', async () => {
    const index = await EmbeddedSearchIndex.open(new MemorySnapshotStore());
    const folder = join(directory, 'pages/havnekobing');
    const first = await runPages(index, await folderSource(folder), 'pages:havnekobing');
    const file = join(folder, 'hjertesvigtklinikken.html');
    const original = await readFile(file, 'utf8');
    await writeFile(file, original.replace('</main>', `<p>${'x'.repeat(20 * 1024 * 1024)}</p></main>`));
    const second = await runPages(index, await folderSource(folder), 'pages:havnekobing');
    expect(second.problems).toEqual([{ item: file, reason: 'page is 20.0 MB, larger than the 5 MB limit' }]);
    expect(second).toMatchObject({ removed: 0, failed: 1 });
    expect(await index.count()).toBe(first.added);
  });

  it('collapses the same text under two URLs to the canonical page and names the collapsed URL', async () => {
    const index = await EmbeddedSearchIndex.open(new MemorySnapshotStore());
    const body = '<h2>Før undersøgelsen</h2><p>Du skal faste i 6 timer.</p><ul><li>Tag dine piller med lidt vand</li></ul>';
    const report = await runPages(
      index,
      source([
        { url: 'https://fjordby.example/print/gastroskopi?id=12', status: 'fetched', html: page('Gastroskopi', body) },
        { url: 'https://fjordby.example/gastroskopi', status: 'fetched', html: page('Gastroskopi', body.replace('6 timer', '6  timer'), 'https://fjordby.example/gastroskopi') },
      ]),
    );
    expect(report.collapsed).toEqual([{ url: 'https://fjordby.example/print/gastroskopi?id=12', canonical: 'https://fjordby.example/gastroskopi', why: 'same text' }]);
    expect(await urls(index)).toEqual(new Set(['https://fjordby.example/gastroskopi']));
  });

  it('an interrupted run leaves the previous content served in full, and the next run recovers', async () => {
    const store = new MemorySnapshotStore();
    const index = await EmbeddedSearchIndex.open(store);
    const folder = join(directory, 'pages/fjordby');
    const first = await runPages(index, await folderSource(folder), 'pages:fjordby');
    const before = await index.search({ text: 'faste før bedøvelse', hospital: 'fjordby' });
    await writeFile(join(folder, 'koloskopi.html'), page('Koloskopi', '<p>Udrensning dagen før med et nyt afføringsmiddel.</p>', '/demo/fjordby/pinfo/koloskopi'));
    const failingWrite = store.write.bind(store);
    store.write = async () => {
      throw new Error('disk full');
    };
    await expect(runPages(index, await folderSource(folder), 'pages:fjordby')).rejects.toThrow('disk full');
    expect(await index.count()).toBe(first.added);
    expect(await index.search({ text: 'faste før bedøvelse', hospital: 'fjordby' })).toEqual(before);
    expect((await index.search({ text: 'nyt afføringsmiddel' })).some((hit) => hit.chunk.text.includes('nyt afføringsmiddel'))).toBe(false);
    // A restart reads the snapshot: it is the old one, complete.
    expect(await (await EmbeddedSearchIndex.open(store)).count()).toBe(first.added);
    store.write = failingWrite;
    const recovered = await runPages(index, await folderSource(folder), 'pages:fjordby');
    expect(recovered.changed + recovered.added + recovered.removed).toBeGreaterThan(0);
    expect((await index.search({ text: 'nyt afføringsmiddel' }))[0]?.chunk.url).toBe('/demo/fjordby/pinfo/koloskopi');
  });
});
