// The crawler against real HTTP servers on 127.0.0.1: robots.txt, nested and gzipped sitemaps, legacy
// encodings, retries, timeouts, a 20 MB page, conditional re-crawls, the page cap, politeness and concurrency.
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileCrawlCache } from './crawl-cache.js';
import { crawl, readUrlList, type CrawlOptions, type CrawlResult } from './crawler.js';
import { parsePage } from './parse-html.js';

interface LoggedRequest {
  path: string;
  host: string;
  at: number;
  headers: IncomingMessage['headers'];
}

type Handler = (request: IncomingMessage, response: ServerResponse, site: Site) => unknown;

interface Site {
  origin: string;
  port: number;
  requests: LoggedRequest[];
  inFlight: number;
  maxInFlight: number;
  server: Server;
  /** Page requests only: robots.txt and sitemaps left out. */
  pageRequests(): LoggedRequest[];
}

async function startSite(routes: Record<string, Handler>): Promise<Site> {
  const site = { requests: [], inFlight: 0, maxInFlight: 0 } as unknown as Site;
  site.server = createServer((request, response) => {
    const path = request.url ?? '/';
    site.requests.push({ path, host: request.headers.host ?? '', at: performance.now(), headers: request.headers });
    site.inFlight++;
    site.maxInFlight = Math.max(site.maxInFlight, site.inFlight);
    response.on('close', () => site.inFlight--);
    const handler = routes[path];
    if (!handler) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    void handler(request, response, site);
  });
  site.server.listen(0, '127.0.0.1');
  await once(site.server, 'listening');
  site.port = (site.server.address() as AddressInfo).port;
  site.origin = `http://127.0.0.1:${site.port}`;
  site.pageRequests = () => site.requests.filter((request) => request.path !== '/robots.txt' && !request.path.includes('sitemap'));
  return site;
}

async function stopSite(site: Site): Promise<void> {
  site.server.closeAllConnections();
  site.server.close();
  await once(site.server, 'close');
}

async function collect(results: AsyncIterable<CrawlResult>): Promise<Map<string, CrawlResult>> {
  const byUrl = new Map<string, CrawlResult>();
  for await (const result of results) byUrl.set(result.url, result);
  return byUrl;
}

const html = (body: string) => ({ 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) });
const send = (body: string, headers: Record<string, string | number> = html(body)): Handler => (_request, response) => {
  response.writeHead(200, headers).end(body);
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A page as Danish hospital sites serve them: cookie banner, header, navigation, share widget, footer. */
function hospitalPage(title: string, content: string, charsetMeta = '<meta charset="utf-8">'): string {
  return `<!doctype html><html lang="da"><head>${charsetMeta}<title>${title} - Fjordby Sygehus</title></head><body>
  <div id="CybotCookiebotDialog"><p>Denne hjemmeside bruger cookies</p><button>Tillad alle</button></div>
  <a class="skip-link" href="#content">Gå til indhold</a>
  <header><a href="/"><img src="/logo.svg" alt="Fjordby Sygehus"></a><form role="search"><input name="q"></form></header>
  <nav class="main-nav"><ul><li><a href="/pinfo">Patientinformation</a></li><li><a href="/praktisk">Praktisk</a></li></ul></nav>
  <ol class="breadcrumb"><li><a href="/">Forside</a></li><li>${title}</li></ol>
  <main id="content"><article><h1>${title}</h1>${content}
    <div class="share"><a href="#">Del på Facebook</a><a href="#">Print</a></div>
  </article></main>
  <footer><p>Fjordby Sygehus · Fjordvej 10 · 7000 Fjordby · Tlf. 70 00 00 00</p></footer>
  </body></html>`;
}

const urlset = (urls: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls
    .map((url) => `<url><loc>${url}</loc><lastmod>2026-05-14</lastmod></url>`)
    .join('')}</urlset>`;
const sitemapIndex = (urls: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls
    .map((url) => `<sitemap><loc>${url}</loc></sitemap>`)
    .join('')}</sitemapindex>`;

const windows1252 = (text: string) => Buffer.from(text, 'latin1');

describe('crawling a hospital site from its nested sitemaps', () => {
  const crawlDelaySeconds = 0.2;
  let site: Site;
  let results: Map<string, CrawlResult>;

  beforeAll(async () => {
    site = await startSite({
      '/robots.txt': send(`# Fjordby Sygehus\nUser-agent: *\nDisallow: /private/\nAllow: /private/open\nCrawl-delay: ${crawlDelaySeconds}\n\nUser-agent: HospitalHelpBot-Strict\nDisallow: /\n`, { 'content-type': 'text/plain' }),
      '/sitemap-index.xml': (_request, response, self) => {
        response.writeHead(200, { 'content-type': 'application/xml' }).end(
          sitemapIndex([`${self.origin}/sitemaps/pinfo.xml`, `${self.origin}/sitemaps/practical.xml.gz`, `${self.origin}/sitemaps/retired.xml`]),
        );
      },
      '/sitemaps/pinfo.xml': (_request, response, self) => {
        response.writeHead(200, { 'content-type': 'application/xml' }).end(
          urlset([
            `${self.origin}/pinfo/koloskopi`,
            `${self.origin}/pinfo/blodproeve`,
            `${self.origin}/pinfo/roentgen`,
            `${self.origin}/private/journal`,
            `http://localhost:${self.port}/pinfo/koloskopi`,
            `${self.origin}/pjecer/koloskopi.pdf`,
          ]),
        );
      },
      '/sitemaps/practical.xml.gz': (_request, response, self) => {
        response
          .writeHead(200, { 'content-type': 'application/gzip' })
          .end(gzipSync(urlset([`${self.origin}/praktisk/parkering`, `${self.origin}/pinfo/koloskopi`])));
      },
      '/pinfo/koloskopi': send(hospitalPage('Koloskopi', '<p>Ved en koloskopi undersøger lægen din tyktarm.</p><h2>Før undersøgelsen</h2><ul><li>Du skal drikke udrensningsvæske.</li></ul>')),
      '/pinfo/blodproeve': (_request, response) => {
        const body = windows1252(hospitalPage('Blodprøve på Ærø', '<p>Mød op i blodprøvetagningen før kl. 9. Husk sygesikringsbevis.</p>', ''));
        response.writeHead(200, { 'content-type': 'text/html; charset=windows-1252', 'content-length': body.length }).end(body);
      },
      '/pinfo/roentgen': (_request, response) => {
        const body = windows1252(hospitalPage('Røntgen og åbningstider', '<p>Du behøver ikke at bestille tid til røntgen af knæ.</p>', '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'));
        response.writeHead(200, { 'content-type': 'text/html', 'content-length': body.length }).end(body);
      },
      '/pjecer/koloskopi.pdf': send('%PDF-1.7 ...', { 'content-type': 'application/pdf' }),
      '/praktisk/parkering': send(hospitalPage('Parkering', '<table><tr><th>Område</th><th>Pris</th></tr><tr><td>P1</td><td>Gratis</td></tr></table>')),
      '/private/journal': send('<p>never served</p>'),
    });
    results = await collect(crawl({ sitemaps: [`${site.origin}/sitemap-index.xml`] }, { allowedHosts: ['127.0.0.1'], perHostDelayMs: 20, retries: 0 }));
  });
  afterAll(() => stopSite(site));

  it('fetches every page the nested sitemaps list, the gzipped one included, each once', () => {
    const fetched = [...results.values()].filter((result) => result.status === 'fetched').map((result) => new URL(result.url).pathname);
    expect(fetched.sort()).toEqual(['/pinfo/blodproeve', '/pinfo/koloskopi', '/pinfo/roentgen', '/praktisk/parkering']);
    expect(site.pageRequests().filter((request) => request.path === '/pinfo/koloskopi')).toHaveLength(1);
    const koloskopi = results.get(`${site.origin}/pinfo/koloskopi`);
    expect(koloskopi?.status === 'fetched' && koloskopi.finalUrl).toBe(`${site.origin}/pinfo/koloskopi`);
  });

  it('hands over the whole page; the main content is what parsing keeps', () => {
    const koloskopi = results.get(`${site.origin}/pinfo/koloskopi`);
    if (koloskopi?.status !== 'fetched') throw new Error(`koloskopi was ${koloskopi?.status}`);
    expect(koloskopi.html).toContain('Denne hjemmeside bruger cookies');
    const text = parsePage(koloskopi.html, { fallbackUrl: koloskopi.finalUrl }).blocks.map((block) => block.text).join(' | ');
    expect(text).toBe('Ved en koloskopi undersøger lægen din tyktarm. | • Du skal drikke udrensningsvæske.');
  });

  it('keeps æøå from windows-1252 pages declared in the header or only in a <meta> tag', () => {
    const blodproeve = results.get(`${site.origin}/pinfo/blodproeve`);
    const roentgen = results.get(`${site.origin}/pinfo/roentgen`);
    if (blodproeve?.status !== 'fetched' || roentgen?.status !== 'fetched') throw new Error('legacy pages not fetched');
    expect(blodproeve.charset).toBe('windows-1252');
    expect(parsePage(blodproeve.html, { fallbackUrl: blodproeve.url }).title).toBe('Blodprøve på Ærø');
    expect(roentgen.charset).toBe('windows-1252');
    expect(parsePage(roentgen.html, { fallbackUrl: roentgen.url }).title).toBe('Røntgen og åbningstider');
    expect(roentgen.html).not.toContain('\uFFFD');
  });

  it('never requests what robots.txt disallows, nor pages on another host, and says why', () => {
    expect(results.get(`${site.origin}/private/journal`)).toEqual({ url: `${site.origin}/private/journal`, status: 'skipped', reason: 'disallowed by robots.txt (Disallow: /private/)' });
    expect(results.get(`http://localhost:${site.port}/pinfo/koloskopi`)).toEqual({
      url: `http://localhost:${site.port}/pinfo/koloskopi`,
      status: 'skipped',
      reason: `host localhost:${site.port} is not in the allowed hosts`,
    });
    expect(site.requests.map((request) => request.path)).not.toContain('/private/journal');
    expect(site.requests.every((request) => request.host.startsWith('127.0.0.1'))).toBe(true);
    expect(site.requests.every((request) => request.headers['user-agent'] === 'HospitalHelpBot/0.1')).toBe(true);
  });

  it('skips files that are not HTML, and reports a sitemap that 404s as one failed item', () => {
    expect(results.get(`${site.origin}/pjecer/koloskopi.pdf`)).toMatchObject({ status: 'skipped', reason: 'not HTML (application/pdf)' });
    expect(results.get(`${site.origin}/sitemaps/retired.xml`)).toEqual({ url: `${site.origin}/sitemaps/retired.xml`, status: 'failed', reason: 'sitemap: HTTP 404 Not Found' });
  });

  it('spaces page requests by the robots.txt Crawl-delay when it is longer than the configured delay', () => {
    const starts = site.pageRequests().map((request) => request.at);
    expect(starts.length).toBe(5);
    const gaps = starts.slice(1).map((at, index) => at - (starts[index] as number));
    // Timers and the loopback add a few milliseconds of noise either way; the delay itself is 200 ms.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(crawlDelaySeconds * 1000 * 0.9);
  });
});

describe('crawling through failures', () => {
  let site: Site;
  let flakyAttempts = 0;
  let hugeBytesSent = 0;

  beforeAll(async () => {
    const streamHuge: Handler = async (_request, response) => {
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let closed = false;
      const closing = once(response, 'close').then(() => (closed = true));
      response.writeHead(200, { 'content-type': 'text/html' });
      response.write('<!doctype html><html><body><p>');
      for (let sent = 0; sent < 20 * 1024 * 1024 && !closed; sent += chunk.length) {
        hugeBytesSent += chunk.length;
        if (!response.write(chunk)) await Promise.race([new Promise((resolve) => response.once('drain', resolve)), closing]);
      }
      if (!closed) response.end('</p></body></html>');
    };
    site = await startSite({
      '/flaky': (_request, response) => {
        flakyAttempts++;
        if (flakyAttempts <= 2) response.writeHead(503, { 'retry-after': '0' }).end('Prøv igen');
        else send(hospitalPage('Akutmodtagelse', '<p>Ring 1813 før du kommer.</p>'))(_request, response, site);
      },
      '/broken': (_request, response) => response.writeHead(500).end('boom'),
      '/slow': async (_request, response) => {
        await sleep(5000);
        if (!response.destroyed) send('<p>too late</p>')(_request, response, site);
      },
      '/huge': streamHuge,
      '/huge-declared': (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html', 'content-length': 20 * 1024 * 1024 });
        response.write('<p>');
      },
      '/gone': (_request, response) => response.writeHead(410).end(),
      '/moved': (_request, response) => response.writeHead(301, { location: '/akut' }).end(),
      '/akut': send(hospitalPage('Akut', '<p>Ring 1813.</p>')),
      '/leaves': (_request, response) => response.writeHead(302, { location: `http://localhost:${site.port}/akut` }).end(),
    });
  });
  afterAll(() => stopSite(site));

  it('retries server errors with backoff, gives up with the status, times out slow pages and refuses a 20 MB page', async () => {
    const started = performance.now();
    const url = (path: string) => `${site.origin}${path}`;
    const results = await collect(
      crawl(
        { urls: ['/flaky', '/broken', '/slow', '/huge', '/huge-declared', '/gone', '/moved', '/leaves'].map(url) },
        { allowedHosts: ['127.0.0.1'], perHostDelayMs: 0, retries: 2, retryDelayMs: 20, timeoutMs: 400, maxBytes: 1024 * 1024, concurrency: 4 },
      ),
    );

    expect(results.get(url('/flaky'))).toMatchObject({ status: 'fetched' });
    expect(flakyAttempts).toBe(3);
    expect(results.get(url('/broken'))).toEqual({ url: url('/broken'), status: 'failed', reason: 'HTTP 500 Internal Server Error after 3 attempts' });
    expect(site.requests.filter((request) => request.path === '/broken')).toHaveLength(3);
    expect(results.get(url('/slow'))).toEqual({ url: url('/slow'), status: 'failed', reason: 'no response within 400 ms after 3 attempts' });
    expect(results.get(url('/huge'))).toEqual({ url: url('/huge'), status: 'failed', reason: 'too large: over the limit of 1.0 MB (stopped reading)' });
    // Measured: about 4 MB leave the server (1 MB read plus socket buffers) before the client hangs up.
    expect(hugeBytesSent).toBeLessThan(10 * 1024 * 1024);
    expect(results.get(url('/huge-declared'))).toEqual({ url: url('/huge-declared'), status: 'failed', reason: 'too large: 20.0 MB declared, the limit is 1.0 MB' });
    expect(results.get(url('/gone'))).toEqual({ url: url('/gone'), status: 'failed', reason: 'HTTP 410 Gone' });
    expect(site.requests.filter((request) => request.path === '/gone')).toHaveLength(1);
    expect(results.get(url('/moved'))).toMatchObject({ status: 'fetched', finalUrl: url('/akut') });
    expect(results.get(url('/leaves'))).toMatchObject({ status: 'skipped', reason: `redirects to http://localhost:${site.port}/akut, whose host is not in the allowed hosts` });
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('stops promptly when the operator aborts, rejecting with the abort reason', async () => {
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(new Error('operator pressed Ctrl-C')), 150);
    await expect(
      collect(crawl({ urls: [`${site.origin}/slow`] }, { allowedHosts: ['127.0.0.1'], perHostDelayMs: 0, timeoutMs: 10_000, signal: controller.signal })),
    ).rejects.toThrow('operator pressed Ctrl-C');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('treats a host whose robots.txt answers 503 as disallowed for the run', async () => {
    const down = await startSite({ '/robots.txt': (_request, response) => response.writeHead(503).end(), '/side': send('<p>x</p>') });
    try {
      const results = await collect(crawl({ urls: [`${down.origin}/side`] }, { allowedHosts: ['127.0.0.1'], retries: 1, retryDelayMs: 10, perHostDelayMs: 0 }));
      expect(results.get(`${down.origin}/side`)).toEqual({
        url: `${down.origin}/side`,
        status: 'skipped',
        reason: 'robots.txt unreachable (HTTP 503 Service Unavailable after 2 attempts); host not crawled this run',
      });
      expect(down.pageRequests()).toHaveLength(0);
    } finally {
      await stopSite(down);
    }
  });
});

describe('re-crawling with a cache of validators', () => {
  let site: Site;
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'crawl-cache-'));
    const body = hospitalPage('Besøgstider', '<p>Besøg er velkomne kl. 10–20.</p>');
    site = await startSite({
      '/besoeg': (request, response) => {
        if (request.headers['if-none-match'] === '"v1"') {
          response.writeHead(304, { etag: '"v1"' }).end();
          return;
        }
        response.writeHead(200, { ...html(body), etag: '"v1"', 'last-modified': 'Thu, 14 May 2026 08:00:00 GMT' }).end(body);
      },
    });
  });
  afterAll(async () => {
    await stopSite(site);
    await rm(directory, { recursive: true, force: true });
  });

  it('asks "changed since?" on the second crawl and reports the page as not modified', async () => {
    const cachePath = join(directory, 'crawl-cache.json');
    const url = `${site.origin}/besoeg`;
    const options: CrawlOptions = { allowedHosts: ['127.0.0.1'], perHostDelayMs: 0 };
    const first = await collect(crawl({ urls: [url] }, { ...options, cache: fileCrawlCache(cachePath) }));
    expect(first.get(url)?.status).toBe('fetched');
    expect(JSON.parse(await readFile(cachePath, 'utf8')).pages[url]).toEqual({ etag: '"v1"', lastModified: 'Thu, 14 May 2026 08:00:00 GMT' });

    const second = await collect(crawl({ urls: [url] }, { ...options, cache: fileCrawlCache(cachePath) }));
    expect(second.get(url)).toEqual({ url, status: 'not-modified' });
    const lastRequest = site.requests.at(-1);
    expect(lastRequest?.headers['if-none-match']).toBe('"v1"');
    expect(lastRequest?.headers['if-modified-since']).toBe('Thu, 14 May 2026 08:00:00 GMT');
  });

  it('does not remember a page the consumer stopped before taking', async () => {
    const cachePath = join(directory, 'abandoned.json');
    const cache = fileCrawlCache(cachePath);
    const results = crawl({ urls: [`${site.origin}/besoeg`] }, { allowedHosts: ['127.0.0.1'], perHostDelayMs: 0, cache });
    for await (const result of results) {
      expect(result.status).toBe('fetched');
      break;
    }
    await cache.flush();
    expect(await cache.get(`${site.origin}/besoeg`)).toBeUndefined();
  });
});

describe('limits: page cap, per-host delay, concurrency', () => {
  let site: Site;
  const paths = Array.from({ length: 12 }, (_, index) => `/side-${index + 1}`);

  beforeAll(async () => {
    site = await startSite(
      Object.fromEntries(
        paths.map((path) => [
          path,
          async (request: IncomingMessage, response: ServerResponse) => {
            await sleep(120);
            send(hospitalPage(path, '<p>Indhold.</p>'))(request, response, site);
          },
        ]),
      ),
    );
  });
  afterAll(() => stopSite(site));
  const urls = (count: number) => paths.slice(0, count).map((path) => `${site.origin}${path}`);

  it('stops requesting pages at the cap and reports the rest as skipped', async () => {
    site.requests.length = 0;
    const results = [...(await collect(crawl({ urls: urls(5) }, { allowedHosts: ['127.0.0.1'], perHostDelayMs: 0, maxPages: 2 }))).values()];
    expect(results.filter((result) => result.status === 'fetched')).toHaveLength(2);
    expect(results.filter((result) => result.status === 'skipped' && result.reason === 'page cap of 2 reached')).toHaveLength(3);
    expect(site.pageRequests()).toHaveLength(2);
  });

  it('waits at least the per-host delay between requests to one host', async () => {
    site.requests.length = 0;
    const delay = 250;
    await collect(crawl({ urls: urls(4) }, { allowedHosts: ['127.0.0.1'], perHostDelayMs: delay, concurrency: 4 }));
    const starts = site.pageRequests().map((request) => request.at);
    expect(starts).toHaveLength(4);
    const gaps = starts.slice(1).map((at, index) => at - (starts[index] as number));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(delay * 0.9);
  });

  it('never has more requests in flight than the concurrency limit', async () => {
    site.requests.length = 0;
    site.maxInFlight = 0;
    const started = performance.now();
    const results = await collect(crawl({ urls: urls(12) }, { allowedHosts: ['127.0.0.1'], perHostDelayMs: 0, concurrency: 3 }));
    expect([...results.values()].every((result) => result.status === 'fetched')).toBe(true);
    expect(site.maxInFlight).toBeLessThanOrEqual(3);
    // Twelve 120 ms pages one at a time would take 1.4 s: the limit is reached, not just respected.
    expect(site.maxInFlight).toBeGreaterThan(1);
    expect(performance.now() - started).toBeLessThan(1200);
  });
});

describe('reading a file of URLs', () => {
  it('takes one URL per line, ignoring comments and blank lines', () => {
    expect(readUrlList('# Fjordby\nhttps://www.fjordby.dk/pinfo/koloskopi\n\n  https://www.fjordby.dk/praktisk#parkering  \n')).toEqual([
      'https://www.fjordby.dk/pinfo/koloskopi',
      'https://www.fjordby.dk/praktisk',
    ]);
  });

  it('rejects the file naming every bad line', () => {
    expect(() => readUrlList('https://ok.dk/a\nwww.fjordby.dk/side\nftp://fjordby.dk/x\nhttps://ok.dk/b c')).toThrow(
      'Invalid URL list:\nline 2: "www.fjordby.dk/side" is not an http(s) URL\nline 3: "ftp://fjordby.dk/x" is not an http(s) URL\nline 4: "https://ok.dk/b c" is not an http(s) URL',
    );
  });
});

describe('crawl options', () => {
  it('refuses nonsense settings by name when the crawl is set up', () => {
    expect(() => crawl({ urls: [] }, { allowedHosts: ['www.fjordby.dk'], concurrency: 0 })).toThrow('Crawl option concurrency must be a whole number ≥ 1, got 0');
    expect(() => crawl({ urls: [] }, { allowedHosts: ['www.fjordby.dk'], timeoutMs: 1.5 })).toThrow('Crawl option timeoutMs must be a whole number ≥ 1, got 1.5');
    expect(() => crawl({ urls: [] }, { allowedHosts: [' '] })).toThrow('Crawl option allowedHosts must name at least one host');
  });
});
