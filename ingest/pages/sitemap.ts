// Sitemaps: <urlset> lists pages, <sitemapindex> lists further sitemaps. Indexes may nest (the
// protocol forbids it, sites do it anyway), so expansion is depth-limited and skips sitemaps it has
// already read. A sitemap that cannot be read is one problem item; the others are still read.
import { gunzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import type { Element } from 'domhandler';

/** The sitemap protocol's own limit on an uncompressed sitemap. */
export const sitemapMaxBytes = 50 * 1024 * 1024;

export type ParsedSitemap =
  | { kind: 'urlset'; urls: string[] }
  | { kind: 'sitemapindex'; sitemaps: string[] };

export type SitemapLoadOutcome =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; status: 'failed' | 'skipped'; reason: string };

export type SitemapItem =
  | { kind: 'page'; url: string; sitemap: string }
  | { kind: 'problem'; url: string; status: 'failed' | 'skipped'; reason: string };

function localName(element: Element): string {
  return element.tagName.replace(/^.*:/, '').toLowerCase();
}

/** Reads a sitemap document; throws an Error naming the problem when it is neither a urlset nor an index. */
export function parseSitemap(xml: string): ParsedSitemap {
  const $ = cheerio.load(xml, { xml: true });
  const root = $.root().children().toArray().find((node): node is Element => node.type === 'tag');
  if (!root) throw new Error('not a sitemap: the document has no XML root element');
  const rootName = localName(root);
  const entryName = rootName === 'urlset' ? 'url' : rootName === 'sitemapindex' ? 'sitemap' : undefined;
  if (!entryName) throw new Error(`not a sitemap: the root element is <${root.tagName}>, expected <urlset> or <sitemapindex>`);
  const locations: string[] = [];
  for (const entry of $(root).children().toArray()) {
    if (entry.type !== 'tag' || localName(entry) !== entryName) continue;
    const loc = $(entry).children().toArray().find((child) => child.type === 'tag' && localName(child) === 'loc');
    const text = loc ? $(loc).text().trim() : '';
    if (text !== '') locations.push(text);
  }
  return rootName === 'urlset' ? { kind: 'urlset', urls: locations } : { kind: 'sitemapindex', sitemaps: locations };
}

/** Unpacks gzip (recognised by its magic bytes, whatever the file is called) without exceeding `maxBytes`. */
export function unpackSitemap(bytes: Uint8Array, maxBytes = sitemapMaxBytes): Uint8Array {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (error) {
    if (error instanceof RangeError) throw new Error(`sitemap is larger than ${maxBytes} bytes when unpacked`);
    throw new Error(`sitemap is not valid gzip: ${(error as Error).message}`);
  }
}

function absolute(location: string, base: string): URL | undefined {
  try {
    const url = new URL(location, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads sitemaps and the sitemaps their indexes list, yielding every page URL once, in order,
 * and one problem item per sitemap that could not be read or was nested too deep.
 */
export async function* expandSitemaps(
  sitemapUrls: string[],
  load: (url: string) => Promise<SitemapLoadOutcome>,
  options: { maxDepth?: number } = {},
): AsyncGenerator<SitemapItem> {
  const maxDepth = options.maxDepth ?? 4;
  const seenSitemaps = new Set<string>();
  const seenPages = new Set<string>();

  async function* visit(sitemapUrl: string, depth: number): AsyncGenerator<SitemapItem> {
    if (seenSitemaps.has(sitemapUrl)) return;
    seenSitemaps.add(sitemapUrl);
    if (depth > maxDepth) {
      yield { kind: 'problem', url: sitemapUrl, status: 'skipped', reason: `sitemap nested deeper than ${maxDepth} levels` };
      return;
    }
    const loaded = await load(sitemapUrl);
    if (!loaded.ok) {
      yield { kind: 'problem', url: sitemapUrl, status: loaded.status, reason: `sitemap: ${loaded.reason}` };
      return;
    }
    let parsed: ParsedSitemap;
    try {
      parsed = parseSitemap(new TextDecoder('utf-8').decode(unpackSitemap(loaded.bytes)));
    } catch (error) {
      yield { kind: 'problem', url: sitemapUrl, status: 'failed', reason: `sitemap: ${(error as Error).message}` };
      return;
    }
    const locations = parsed.kind === 'urlset' ? parsed.urls : parsed.sitemaps;
    for (const location of locations) {
      const url = absolute(location, sitemapUrl);
      if (!url) {
        yield { kind: 'problem', url: location, status: 'skipped', reason: `not an http(s) URL in sitemap ${sitemapUrl}` };
        continue;
      }
      url.hash = '';
      if (parsed.kind === 'sitemapindex') {
        yield* visit(url.href, depth + 1);
      } else if (!seenPages.has(url.href)) {
        seenPages.add(url.href);
        yield { kind: 'page', url: url.href, sitemap: sitemapUrl };
      }
    }
  }

  for (const sitemapUrl of sitemapUrls) yield* visit(sitemapUrl, 0);
}
