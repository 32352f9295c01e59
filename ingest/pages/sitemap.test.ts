import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { expandSitemaps, parseSitemap, unpackSitemap, type SitemapItem, type SitemapLoadOutcome } from './sitemap.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const urlset = (...urls: string[]) => `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.map((url) => `<url><loc> ${url} </loc></url>`).join('')}</urlset>`;
const index = (...urls: string[]) => `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.map((url) => `<sitemap><loc>${url}</loc></sitemap>`).join('')}</sitemapindex>`;

async function expand(files: Record<string, string | Uint8Array>, roots: string[], maxDepth?: number): Promise<SitemapItem[]> {
  const load = async (url: string): Promise<SitemapLoadOutcome> => {
    const file = files[url];
    if (file === undefined) return { ok: false, status: 'failed', reason: 'HTTP 404 Not Found' };
    return { ok: true, bytes: typeof file === 'string' ? bytes(file) : file };
  };
  const items: SitemapItem[] = [];
  for await (const item of expandSitemaps(roots, load, maxDepth === undefined ? {} : { maxDepth })) items.push(item);
  return items;
}

describe('sitemaps', () => {
  it('reads page URLs from a urlset and sitemap URLs from an index, entities decoded', () => {
    expect(parseSitemap(urlset('https://a.dk/side?x=1&amp;y=2'))).toEqual({ kind: 'urlset', urls: ['https://a.dk/side?x=1&y=2'] });
    expect(parseSitemap(index('https://a.dk/s1.xml'))).toEqual({ kind: 'sitemapindex', sitemaps: ['https://a.dk/s1.xml'] });
  });

  it('says what is wrong with a document that is not a sitemap', () => {
    expect(() => parseSitemap('<html><body>Siden findes ikke</body></html>')).toThrow('not a sitemap: the root element is <html>, expected <urlset> or <sitemapindex>');
  });

  it('follows nested indexes and gzipped sitemaps, once each, even when they refer to each other', async () => {
    const items = await expand(
      {
        'https://a.dk/index.xml': index('https://a.dk/sub-index.xml', 'https://a.dk/missing.xml'),
        'https://a.dk/sub-index.xml': index('https://a.dk/index.xml', 'https://a.dk/pages.xml.gz', 'https://a.dk/sub-index.xml'),
        'https://a.dk/pages.xml.gz': gzipSync(urlset('https://a.dk/pinfo/mr', 'https://a.dk/pinfo/mr#top', 'ftp://a.dk/x')),
      },
      ['https://a.dk/index.xml'],
    );
    expect(items).toEqual([
      { kind: 'page', url: 'https://a.dk/pinfo/mr', sitemap: 'https://a.dk/pages.xml.gz' },
      { kind: 'problem', url: 'ftp://a.dk/x', status: 'skipped', reason: 'not an http(s) URL in sitemap https://a.dk/pages.xml.gz' },
      { kind: 'problem', url: 'https://a.dk/missing.xml', status: 'failed', reason: 'sitemap: HTTP 404 Not Found' },
    ]);
  });

  it('stops at the nesting limit with a reason', async () => {
    const items = await expand({ 'https://a.dk/1.xml': index('https://a.dk/2.xml'), 'https://a.dk/2.xml': index('https://a.dk/3.xml'), 'https://a.dk/3.xml': urlset('https://a.dk/p') }, ['https://a.dk/1.xml'], 1);
    expect(items).toEqual([{ kind: 'problem', url: 'https://a.dk/3.xml', status: 'skipped', reason: 'sitemap nested deeper than 1 levels' }]);
  });

  it('refuses a gzip bomb and broken gzip by reason', () => {
    expect(() => unpackSitemap(gzipSync(Buffer.alloc(2048)), 1024)).toThrow('sitemap is larger than 1024 bytes when unpacked');
    expect(() => unpackSitemap(Uint8Array.from([0x1f, 0x8b, 1, 2, 3]))).toThrow(/^sitemap is not valid gzip/);
  });
});
