// Where pages come from: a folder of HTML files (here) or the web crawler (web-source.ts).
// Both yield the same items, so the pipeline does not care which it reads.
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';

/** One page as a source delivers it. This is the whole contract between the crawler and the pipeline. */
export interface FetchedPage {
  /** The address the page was read from: its URL, or for a file the path it is cited at. */
  url: string;
  /**
   * fetched: `html` holds the page. not-modified: a conditional request said the page is unchanged,
   * so its chunks stay as they are. skipped: deliberately not read (robots.txt, another host, the
   * page cap); not an error, and the page is no longer part of the source. failed: could not be read;
   * `reason` says why, and its chunks stay as they are.
   */
  status: 'fetched' | 'not-modified' | 'skipped' | 'failed';
  html?: string;
  reason?: string;
  /**
   * The canonical URL the page had when it was last fetched, if the source remembers it (for
   * not-modified and failed pages whose chunks are stored under their canonical link).
   */
  canonicalUrl?: string;
  /** What to call the page in messages (a file path); defaults to `url`. */
  label?: string;
}

/** A source of pages: its items, and how many there will be when that is known in advance. */
export interface PageSource {
  total?: number;
  pages: AsyncIterable<FetchedPage>;
}

/** Where a web crawl starts: `npm run ingest -- pages <sitemap URL | file of URLs>`. */
export type CrawlStart = { sitemapUrl: string } | { urls: string[] };

/** Pages larger than this are refused: no hospital page is this big, and parsing it would stall the run. */
export const maxPageBytes = 5 * 1024 * 1024;

const legacyCharsets = new Set(['windows-1252', 'iso-8859-1', 'latin1', 'iso-8859-15', 'cp1252']);

/** Decodes a file as the charset its meta tag declares (Danish sites still serve windows-1252), else UTF-8. */
export function decodeHtml(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const declared = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  return new TextDecoder(declared !== undefined && legacyCharsets.has(declared) ? 'windows-1252' : 'utf-8').decode(bytes);
}

/** The canonical link of a page, read cheaply from its source (also for pages that fail to parse). */
export function canonicalLink(html: string): string | undefined {
  const tag = /<link\b[^>]*\brel\s*=\s*["']?canonical\b[^>]*>/i.exec(html)?.[0];
  return tag === undefined ? undefined : /\bhref\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1]?.trim();
}

/** The hospital a file in a pages folder belongs to: `--hospital`, its sub-folder, or the folder's name. */
function hospitalOf(folder: string, file: string, hospital: string | undefined): string {
  if (hospital !== undefined) return hospital;
  const parts = relative(folder, file).split(sep);
  return parts.length > 1 ? (parts[0] as string) : basename(resolve(folder));
}

/** Site path a page without a canonical link is cited at: /demo/<hospital>/pinfo/<file name>. */
export function fallbackUrl(folder: string, file: string, hospital?: string): string {
  return `/demo/${hospitalOf(folder, file, hospital)}/pinfo/${basename(file, '.html')}`;
}

async function firstBytes(file: string, length: number): Promise<Uint8Array> {
  const handle = await open(file);
  try {
    const buffer = new Uint8Array(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export async function htmlFilesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && /\.html?$/i.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Every .html file under `folder`. A file too large to be a page is reported without being read in full. */
export async function folderSource(folder: string, options: { hospital?: string } = {}): Promise<PageSource> {
  const files = await htmlFilesUnder(folder);
  async function* pages(): AsyncGenerator<FetchedPage> {
    for (const file of files) {
      const url = fallbackUrl(folder, file, options.hospital);
      try {
        const size = (await stat(file)).size;
        if (size > maxPageBytes) {
          const canonical = canonicalLink(decodeHtml(await firstBytes(file, 64 * 1024)));
          yield {
            url,
            label: file,
            status: 'failed',
            reason: `page is ${(size / 1024 / 1024).toFixed(1)} MB, larger than the ${maxPageBytes / 1024 / 1024} MB limit`,
            ...(canonical !== undefined && { canonicalUrl: canonical }),
          };
          continue;
        }
        yield { url, label: file, status: 'fetched', html: decodeHtml(await readFile(file)) };
      } catch (error) {
        yield { url, label: file, status: 'failed', reason: (error as Error).message };
      }
    }
  }
  return { total: files.length, pages: pages() };
}
