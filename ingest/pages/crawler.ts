// Fetches hospital pages politely: only the configured hosts, robots.txt obeyed, one request at a
// time per host spaced by a delay (robots Crawl-delay wins if larger), a global concurrency limit,
// timeouts, retries with backoff on server errors, conditional requests on re-crawl, a page cap and a
// size cap that stops reading instead of buffering a huge page.
import { setTimeout as sleep } from 'node:timers/promises';
import { decodeHtml } from './encoding.js';
import { RobotsCache, robotsMaxBytes, type RobotsFetchOutcome } from './robots.js';
import { expandSitemaps, sitemapMaxBytes, type SitemapLoadOutcome } from './sitemap.js';

export interface CrawlValidators {
  etag?: string;
  lastModified?: string;
}

export interface CrawlCache {
  get(url: string): Promise<CrawlValidators | undefined>;
  set(url: string, validators: CrawlValidators): Promise<void>;
}

export interface CrawlOptions {
  /** Only these hosts are fetched ("www.ouh.dk", or "host:port"); URLs elsewhere are skipped with a reason. */
  allowedHosts: string[];
  /** Requests in flight at once, over all hosts. Default 4. */
  concurrency?: number;
  /** Minimum spacing between request starts to one host. Default 500; robots Crawl-delay wins if larger. */
  perHostDelayMs?: number;
  /** Per request, until the whole body is read. Default 15000. */
  timeoutMs?: number;
  /** Extra attempts on 5xx, 429, timeouts and network errors. Default 3. */
  retries?: number;
  /** First backoff step; doubled per attempt, with jitter. Retry-After wins when the server sends it. Default 1000. */
  retryDelayMs?: number;
  /** Pages requested at most; later URLs are skipped with a reason. Default 5000. */
  maxPages?: number;
  /** Per page, decompressed. Larger pages fail with a size reason and are never read whole. Default 10 MB. */
  maxBytes?: number;
  /** Sent with every request and matched against robots.txt groups by its product token. */
  userAgent?: string;
  /** Validators from earlier crawls, for If-None-Match / If-Modified-Since. */
  cache?: CrawlCache;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

export type CrawlResult =
  | { url: string; status: 'fetched'; finalUrl: string; html: string; charset: string }
  | { url: string; status: 'not-modified' }
  | { url: string; status: 'skipped'; reason: string }
  | { url: string; status: 'failed'; reason: string };

export const defaultUserAgent = 'HospitalHelpBot/0.1';

/** Retry-After values beyond this are treated as "not this run" rather than waited for. */
const maxRetryAfterMs = 120_000;
const maxRedirects = 5;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const htmlTypes = new Set(['text/html', 'application/xhtml+xml']);

interface Settings {
  allowedHosts: Set<string>;
  concurrency: number;
  perHostDelayMs: number;
  timeoutMs: number;
  retries: number;
  retryDelayMs: number;
  maxPages: number;
  maxBytes: number;
  userAgent: string;
  cache: CrawlCache | undefined;
  fetch: typeof fetch;
  signal: AbortSignal;
}

function whole(name: string, value: number | undefined, fallback: number, minimum: number): number {
  const resolved = value ?? fallback;
  if (!Number.isInteger(resolved) || resolved < minimum) {
    throw new Error(`Crawl option ${name} must be a whole number ≥ ${minimum}, got ${String(value)}`);
  }
  return resolved;
}

function resolveSettings(options: CrawlOptions, signal: AbortSignal): Settings {
  const allowedHosts = options.allowedHosts.map((host) => host.trim().toLowerCase()).filter((host) => host !== '');
  if (allowedHosts.length === 0) throw new Error('Crawl option allowedHosts must name at least one host');
  return {
    allowedHosts: new Set(allowedHosts),
    concurrency: whole('concurrency', options.concurrency, 4, 1),
    perHostDelayMs: whole('perHostDelayMs', options.perHostDelayMs, 500, 0),
    timeoutMs: whole('timeoutMs', options.timeoutMs, 15_000, 1),
    retries: whole('retries', options.retries, 3, 0),
    retryDelayMs: whole('retryDelayMs', options.retryDelayMs, 1000, 0),
    maxPages: whole('maxPages', options.maxPages, 5000, 0),
    maxBytes: whole('maxBytes', options.maxBytes, 10 * 1024 * 1024, 1),
    userAgent: options.userAgent ?? defaultUserAgent,
    cache: options.cache,
    fetch: options.fetch ?? globalThis.fetch,
    signal,
  };
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${bytes} bytes`;
}

function describeError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  if (cause?.code) return cause.code;
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

function httpStatus(response: Response): string {
  return `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
}

/** Seconds or an HTTP date, as milliseconds from now. */
function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Spaces request starts to one host: each waits for the previous one plus the host's delay. */
class HostGate {
  private tail: Promise<void> = Promise.resolve();
  private nextStart = 0;

  constructor(public delayMs: number) {}

  async enter(signal: AbortSignal): Promise<void> {
    const previous = this.tail;
    let leave = () => {};
    this.tail = new Promise((resolve) => (leave = resolve));
    try {
      await previous;
      const wait = this.nextStart - performance.now();
      if (wait > 0) await sleep(wait, undefined, { signal });
      this.nextStart = performance.now() + this.delayMs;
    } finally {
      leave();
    }
  }
}

type RequestOutcome = { ok: true; response: Response; signal: AbortSignal } | { ok: false; reason: string };
type ReadOutcome = { ok: true; bytes: Uint8Array; truncated: boolean } | { ok: false; reason: string };

interface PageOutcome {
  result: CrawlResult;
  validators?: CrawlValidators;
}

class Crawler {
  private readonly gates = new Map<string, HostGate>();
  private readonly robots: RobotsCache;
  private pagesRequested = 0;

  constructor(private readonly settings: Settings) {
    this.robots = new RobotsCache((robotsUrl) => this.loadRobots(robotsUrl), settings.userAgent);
  }

  isAllowedHost(url: URL): boolean {
    return this.settings.allowedHosts.has(url.hostname.toLowerCase()) || this.settings.allowedHosts.has(url.host.toLowerCase());
  }

  private gate(url: URL): HostGate {
    let gate = this.gates.get(url.host);
    if (!gate) {
      gate = new HostGate(this.settings.perHostDelayMs);
      this.gates.set(url.host, gate);
    }
    return gate;
  }

  /** One request with retries on 5xx, 429, timeouts and network errors. */
  private async request(url: URL, headers: Record<string, string>, redirect: RequestRedirect): Promise<RequestOutcome> {
    const { settings } = this;
    for (let attempt = 1; ; attempt++) {
      await this.gate(url).enter(settings.signal);
      const timeout = AbortSignal.timeout(settings.timeoutMs);
      const signal = AbortSignal.any([settings.signal, timeout]);
      let failure: string;
      let retryAfterMs: number | undefined;
      try {
        const response = await settings.fetch(url, { headers: { 'user-agent': settings.userAgent, ...headers }, redirect, signal });
        if (response.status !== 429 && response.status < 500) return { ok: true, response, signal };
        failure = httpStatus(response);
        retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
        await response.body?.cancel().catch(() => undefined);
      } catch (error) {
        if (settings.signal.aborted) throw settings.signal.reason;
        failure = timeout.aborted ? `no response within ${settings.timeoutMs} ms` : `network error: ${describeError(error)}`;
      }
      const attempts = `${attempt} attempt${attempt === 1 ? '' : 's'}`;
      if (attempt > settings.retries) return { ok: false, reason: `${failure} after ${attempts}` };
      if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) {
        return { ok: false, reason: `${failure} after ${attempts}; the server asked to retry after ${Math.round(retryAfterMs / 1000)} s` };
      }
      const backoff = settings.retryDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() * 0.5);
      await sleep(retryAfterMs ?? backoff, undefined, { signal: settings.signal });
    }
  }

  /** Reads a body up to `limit` bytes; past it, stops reading and either fails or keeps the first `limit` bytes. */
  private async readBody(response: Response, limit: number, whenTooLarge: 'fail' | 'truncate'): Promise<ReadOutcome> {
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (whenTooLarge === 'fail' && Number.isFinite(declared) && declared > limit) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, reason: `too large: ${formatBytes(declared)} declared, the limit is ${formatBytes(limit)}` };
    }
    if (!response.body) return { ok: true, bytes: new Uint8Array(0), truncated: false };
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    let truncated = false;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (total + value.byteLength > limit) {
        await reader.cancel().catch(() => undefined);
        if (whenTooLarge === 'fail') return { ok: false, reason: `too large: over the limit of ${formatBytes(limit)} (stopped reading)` };
        chunks.push(value.subarray(0, limit - total));
        total = limit;
        truncated = true;
        break;
      }
      chunks.push(value);
      total += value.byteLength;
    }
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return { ok: true, bytes, truncated };
  }

  private async loadRobots(robotsUrl: string): Promise<RobotsFetchOutcome> {
    try {
      const outcome = await this.request(new URL(robotsUrl), { accept: 'text/plain' }, 'follow');
      if (!outcome.ok) return { error: outcome.reason };
      const body = await this.readBody(outcome.response, robotsMaxBytes, 'truncate');
      if (!body.ok) return { error: body.reason };
      return { status: outcome.response.status, text: new TextDecoder('utf-8').decode(body.bytes) };
    } catch (error) {
      if (this.settings.signal.aborted) throw error;
      return { error: describeError(error) };
    }
  }

  /** Sitemaps are named by the operator, so robots.txt is not consulted for them; the host list is. */
  async loadSitemap(sitemapUrl: string): Promise<SitemapLoadOutcome> {
    const url = new URL(sitemapUrl);
    if (!this.isAllowedHost(url)) return { ok: false, status: 'skipped', reason: `host ${url.host} is not in the allowed hosts` };
    try {
      const outcome = await this.request(url, { accept: 'application/xml, text/xml;q=0.9, */*;q=0.1' }, 'follow');
      if (!outcome.ok) return { ok: false, status: 'failed', reason: outcome.reason };
      if (!outcome.response.ok) {
        await outcome.response.body?.cancel().catch(() => undefined);
        return { ok: false, status: 'failed', reason: httpStatus(outcome.response) };
      }
      const body = await this.readBody(outcome.response, sitemapMaxBytes, 'fail');
      return body.ok ? { ok: true, bytes: body.bytes } : { ok: false, status: 'failed', reason: body.reason };
    } catch (error) {
      if (this.settings.signal.aborted) throw error;
      return { ok: false, status: 'failed', reason: describeError(error) };
    }
  }

  private capReached(): boolean {
    return this.pagesRequested >= this.settings.maxPages;
  }

  async crawlPage(url: string): Promise<PageOutcome> {
    const { settings } = this;
    const skipped = (reason: string): PageOutcome => ({ result: { url, status: 'skipped', reason } });
    const failed = (reason: string): PageOutcome => ({ result: { url, status: 'failed', reason } });
    const capReason = `page cap of ${settings.maxPages} reached`;

    let current = new URL(url);
    if (!this.isAllowedHost(current)) return skipped(`host ${current.host} is not in the allowed hosts`);
    if (this.capReached()) return skipped(capReason);
    const stored = await settings.cache?.get(url);

    for (let hop = 0; hop <= maxRedirects; hop++) {
      if (hop > 0 && !this.isAllowedHost(current)) return skipped(`redirects to ${current.href}, whose host is not in the allowed hosts`);
      const policy = await this.robots.policyFor(current);
      const verdict = policy.check(current);
      if (!verdict.allowed) return skipped(hop === 0 ? verdict.reason : `redirects to ${current.href}, ${verdict.reason}`);
      this.gate(current).delayMs = Math.max(settings.perHostDelayMs, (policy.crawlDelaySeconds ?? 0) * 1000);
      if (hop === 0) {
        if (this.capReached()) return skipped(capReason);
        this.pagesRequested++;
      }

      const headers: Record<string, string> = { accept: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1' };
      if (stored?.etag) headers['if-none-match'] = stored.etag;
      if (stored?.lastModified) headers['if-modified-since'] = stored.lastModified;
      const conditional = headers['if-none-match'] !== undefined || headers['if-modified-since'] !== undefined;
      try {
        const outcome = await this.request(current, headers, 'manual');
        if (!outcome.ok) return failed(outcome.reason);
        const { response } = outcome;
        const location = response.headers.get('location');
        if (redirectStatuses.has(response.status) && location) {
          await response.body?.cancel().catch(() => undefined);
          current = new URL(location, current);
          current.hash = '';
          continue;
        }
        if (response.status === 304) {
          await response.body?.cancel().catch(() => undefined);
          return conditional ? { result: { url, status: 'not-modified' } } : failed('HTTP 304 Not Modified to a request without validators');
        }
        if (!response.ok) {
          await response.body?.cancel().catch(() => undefined);
          return failed(httpStatus(response));
        }
        const contentType = response.headers.get('content-type') ?? undefined;
        const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
        if (mediaType && !htmlTypes.has(mediaType)) {
          await response.body?.cancel().catch(() => undefined);
          return skipped(`not HTML (${mediaType})`);
        }
        const body = await this.readBody(response, settings.maxBytes, 'fail');
        if (!body.ok) return failed(body.reason);
        const { html, charset } = decodeHtml(body.bytes, contentType);
        const etag = response.headers.get('etag') ?? undefined;
        const lastModified = response.headers.get('last-modified') ?? undefined;
        const validators: CrawlValidators = { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
        const changedValidators = stored !== undefined || etag !== undefined || lastModified !== undefined;
        return {
          result: { url, status: 'fetched', finalUrl: current.href, html, charset },
          ...(settings.cache && changedValidators ? { validators } : {}),
        };
      } catch (error) {
        if (settings.signal.aborted) throw error;
        const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
        return failed(timedOut ? `no complete response within ${settings.timeoutMs} ms` : `network error: ${describeError(error)}`);
      }
    }
    return failed(`more than ${maxRedirects} redirects`);
  }
}

function normalizeSeed(url: string): string | undefined {
  try {
    const parsed = new URL(url.trim());
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    parsed.hash = '';
    return parsed.href;
  } catch {
    return undefined;
  }
}

/**
 * Crawls the given URLs and every page the sitemaps list, yielding one result per URL as it completes
 * (sitemap problems first, as they are found). Each URL is crawled once. A page's validators are
 * saved to the cache only after the consumer has taken its result, so a consumer that stops before
 * storing a page does not get a "not-modified" for it next time. Aborting `signal` rejects the iteration.
 */
export function crawl(seeds: { urls?: string[]; sitemaps?: string[] }, options: CrawlOptions): AsyncGenerator<CrawlResult> {
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  // Validated here rather than on the first iteration, so a bad option fails where crawl() is called.
  const settings = resolveSettings(options, signal);
  return run(seeds, settings, stop);
}

async function* run(seeds: { urls?: string[]; sitemaps?: string[] }, settings: Settings, stop: AbortController): AsyncGenerator<CrawlResult> {
  const crawler = new Crawler(settings);
  const queue: string[] = [];
  const queued = new Set<string>();
  const enqueue = (url: string) => {
    if (queued.has(url)) return;
    queued.add(url);
    queue.push(url);
  };

  try {
    for (const url of seeds.urls ?? []) {
      const normalized = normalizeSeed(url);
      if (normalized) enqueue(normalized);
      else yield { url, status: 'skipped', reason: 'not an http(s) URL' };
    }
    const sitemaps = (seeds.sitemaps ?? []).map((url) => ({ url, normalized: normalizeSeed(url) }));
    for (const sitemap of sitemaps) {
      if (!sitemap.normalized) yield { url: sitemap.url, status: 'failed', reason: 'sitemap: not an http(s) URL' };
    }
    const validSitemaps = sitemaps.flatMap((sitemap) => (sitemap.normalized ? [sitemap.normalized] : []));
    for await (const item of expandSitemaps(validSitemaps, (url) => crawler.loadSitemap(url))) {
      if (item.kind === 'page') enqueue(item.url);
      else yield { url: item.url, status: item.status, reason: item.reason };
    }

    type Settled = { index: number; outcome: PageOutcome } | { index: number; error: unknown };
    const inFlight = new Map<number, Promise<Settled>>();
    let next = 0;
    while (next < queue.length || inFlight.size > 0) {
      while (inFlight.size < settings.concurrency && next < queue.length) {
        const index = next++;
        const settled = crawler.crawlPage(queue[index] as string).then(
          (outcome): Settled => ({ index, outcome }),
          (error: unknown): Settled => ({ index, error }),
        );
        inFlight.set(index, settled);
      }
      const settled = await Promise.race(inFlight.values());
      inFlight.delete(settled.index);
      if ('error' in settled) throw settled.error;
      yield settled.outcome.result;
      if (settings.cache && settled.outcome.validators) await settings.cache.set(settled.outcome.result.url, settled.outcome.validators);
    }
  } finally {
    // Stops requests still in flight when the consumer leaves early or something failed.
    stop.abort();
  }
}

/**
 * Reads a file of URLs: one per line, blank lines and lines starting with # ignored. Throws one
 * Error listing every invalid line by number, so the operator can fix the file in one go.
 */
export function readUrlList(text: string): string[] {
  const urls: string[] = [];
  const problems: string[] = [];
  text.split(/\r\n|\r|\n/).forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) return;
    const normalized = /\s/.test(line) ? undefined : normalizeSeed(line);
    if (normalized) urls.push(normalized);
    else problems.push(`line ${index + 1}: "${line.length > 80 ? `${line.slice(0, 80)}…` : line}" is not an http(s) URL`);
  });
  if (problems.length > 0) throw new Error(`Invalid URL list:\n${problems.join('\n')}`);
  return urls;
}
