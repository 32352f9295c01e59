// The ingest pipeline: reads one source at a time (a pages folder or crawl, one hospital's practical
// information), works out what is new, changed and gone among THAT source's chunks only, and applies
// the changes of a run in one step. An item that fails keeps what it had; so does a page the web
// server says is not modified. Appointments go to the patient store (ingest/appointments/import.ts).
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Logger } from '../src/logger.js';
import type { AppointmentStore } from '../src/patient/appointment-store.js';
import { changeTo, type ChangeScope, type Chunk, type ManifestEntry, type SearchIndex } from '../src/search/search-index.js';
import { importAppointmentsFile } from './appointments/import.js';
import { chunkPage, pageHash, sha256 } from './chunk.js';
import { canonicalLink, folderSource, type FetchedPage, type PageSource } from './pages/page-source.js';
import { parsePage, type ParsedPage } from './pages/parse-html.js';
import { selectorsFor, type SiteSelectorsConfig } from './pages/site-selectors.js';
import type { HospitalName } from '../src/answer/question.js';
import { practicalPages } from './practical/pages.js';
import { practicalInfoSchema, type PracticalInfo } from './practical/schema.js';

export type SourceKind = 'pages' | 'practical' | 'appointments';

/** Something about one item (a page, a file, an appointment, a CSV row), for the operator. */
export interface ItemProblem {
  item: string;
  reason: string;
}

/** What one run did to one source. Chunk counts for pages and practical info; appointment counts for appointments. */
export interface SourceReport {
  sourceId: string;
  kind: SourceKind;
  /** Items read successfully: pages, practical pages or appointments. */
  items: number;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  /** Items that could not be read; what they had before stays served. */
  failed: number;
  /** Pages the web server reported as not modified; their chunks stay as they are. */
  notModified: number;
  /** Chunks left in place because their page failed or was not modified. */
  kept: number;
  problems: ItemProblem[];
  /** Pages deliberately not read (robots.txt, other hosts, page cap): not failures. */
  skipped: ItemProblem[];
  /** Pages dropped because another page has the same text or canonical URL. */
  collapsed: { url: string; canonical: string; why: 'same text' | 'same canonical URL' }[];
}

/** Told about progress item by item, so the CLI can draw a bar; the pipeline itself prints nothing. */
export interface RunProgress {
  begin(sourceLabel: string, total: number | undefined): void;
  advance(): void;
  problem(problem: ItemProblem): void;
  end(): void;
}

export const noProgress: RunProgress = { begin: () => undefined, advance: () => undefined, problem: () => undefined, end: () => undefined };

/** A source read and chunked, not yet compared with the index. */
export interface PreparedSource {
  report: SourceReport;
  chunks: Chunk[];
  scope: ChangeScope;
  /**
   * Addresses (and canonical URLs) of pages this run read that had not changed (the server said not
   * modified, or the same HTML): their chunks stay as they are, but they count as read now.
   */
  readUnchanged?: ReadonlySet<string>;
}

export function emptyReport(sourceId: string, kind: SourceKind): SourceReport {
  return { sourceId, kind, items: 0, added: 0, changed: 0, removed: 0, unchanged: 0, failed: 0, notModified: 0, kept: 0, problems: [], skipped: [], collapsed: [] };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A page's main text with case and spacing normalised: equal for the same content under two URLs. */
export function normalisedTextHash(page: ParsedPage): string {
  return sha256(page.blocks.map((block) => block.text).join('\n').toLowerCase().replace(/\s+/g, ' ').trim());
}

interface Candidate {
  page: ParsedPage;
  /** Where the page was read from. */
  readFrom: string;
  /** The page says it is canonical: its canonical link is its own address (or, from a file, any canonical link). */
  selfCanonical: boolean;
  pageHash: string;
}

/**
 * Page hashes the index already holds, by the address each page was read from: a page read again with
 * the same hash is not parsed again, which keeps re-runs fast and light.
 */
export function knownPageHashes(manifest: ReadonlyMap<string, ManifestEntry>): Map<string, string> {
  const known = new Map<string, string>();
  for (const entry of manifest.values()) if (entry.pageHash !== undefined) known.set(entry.readFrom ?? entry.url, entry.pageHash);
  return known;
}

/**
 * Keeps one page per text and per canonical URL. The page whose canonical link points at itself wins,
 * then the shorter URL, then the alphabetically first, so the choice is the same on every run.
 */
export function collapseDuplicates(candidates: readonly Candidate[]): { pages: Candidate[]; collapsed: SourceReport['collapsed'] } {
  const preferred = [...candidates].sort(
    (a, b) => Number(b.selfCanonical) - Number(a.selfCanonical) || a.page.url.length - b.page.url.length || a.page.url.localeCompare(b.page.url),
  );
  const byText = new Map<string, string>();
  const byUrl = new Set<string>();
  const pages: Candidate[] = [];
  const collapsed: SourceReport['collapsed'] = [];
  for (const candidate of preferred) {
    const { page } = candidate;
    const hash = normalisedTextHash(page);
    const sameText = byText.get(hash);
    if (byUrl.has(page.url)) collapsed.push({ url: page.url, canonical: page.url, why: 'same canonical URL' });
    else if (sameText !== undefined) collapsed.push({ url: page.url, canonical: sameText, why: 'same text' });
    else {
      byText.set(hash, page.url);
      byUrl.add(page.url);
      pages.push(candidate);
    }
  }
  return { pages, collapsed };
}

/** Why a fetched page cannot be indexed, or undefined when it can be parsed. */
function unusableReason(html: string): string | undefined {
  if (html.trim() === '') return 'empty page';
  if (html.includes('\u0000')) return 'not an HTML page (binary content)';
  if (!/<[a-z!][^>]*>/i.test(html)) return 'not an HTML page (no tags found)';
  return undefined;
}

/** Reads every page of a source, parses and chunks it. Nothing is written. */
export async function preparePages(
  source: PageSource,
  options: { sourceId: string; hospital?: string; progress?: RunProgress; selectors?: SiteSelectorsConfig; knownPages?: ReadonlyMap<string, string> },
): Promise<PreparedSource> {
  const progress = options.progress ?? noProgress;
  const report = emptyReport(options.sourceId, 'pages');
  const keepUrls = new Set<string>();
  const readUnchanged = new Set<string>();
  const candidates: Candidate[] = [];
  const readButUnchanged = (item: FetchedPage) => {
    for (const url of [item.url, item.canonicalUrl]) if (url !== undefined) readUnchanged.add(url);
  };
  const keep = (item: FetchedPage, canonical?: string) => {
    keepUrls.add(item.url);
    for (const url of [item.canonicalUrl, canonical]) if (url !== undefined) keepUrls.add(url);
  };
  const fail = (item: FetchedPage, reason: string, canonical?: string) => {
    report.failed += 1;
    const problem = { item: item.label ?? item.url, reason };
    report.problems.push(problem);
    progress.problem(problem);
    keep(item, canonical);
  };

  progress.begin(options.sourceId, source.total);
  for await (const item of source.pages) {
    progress.advance();
    if (item.status === 'not-modified') {
      report.notModified += 1;
      keep(item);
      readButUnchanged(item);
      continue;
    }
    if (item.status === 'skipped') {
      report.skipped.push({ item: item.label ?? item.url, reason: item.reason ?? 'skipped' });
      continue;
    }
    if (item.status === 'failed' || item.html === undefined) {
      fail(item, item.reason ?? 'could not be read');
      continue;
    }
    const html = item.html;
    const hash = pageHash(html);
    if (options.knownPages?.get(item.url) === hash) {
      report.notModified += 1;
      keep(item);
      readButUnchanged(item);
      continue;
    }
    const canonical = canonicalLink(html);
    const unusable = unusableReason(html);
    if (unusable !== undefined) {
      fail(item, unusable, canonical);
      continue;
    }
    try {
      const parsed = parsePage(html, { fallbackUrl: item.url, ...(options.selectors !== undefined && { selectors: selectorsFor(item.url, options.selectors) }) });
      if (parsed.blocks.length === 0) {
        fail(item, 'no main content found (malformed HTML, or only navigation and site chrome)', canonical);
        continue;
      }
      const page = options.hospital !== undefined && parsed.hospital === undefined ? { ...parsed, hospital: options.hospital } : parsed;
      // From a file any canonical link is the page's own; from the web it must name the address read.
      const selfCanonical = canonical !== undefined && (item.label !== undefined || canonical === item.url);
      candidates.push({ page, readFrom: item.url, selfCanonical, pageHash: hash });
    } catch (error) {
      fail(item, `could not be parsed: ${messageOf(error)}`, canonical);
    }
  }
  progress.end();

  const { pages, collapsed } = collapseDuplicates(candidates);
  report.collapsed = collapsed;
  report.items = pages.length;
  const chunks = pages.flatMap(({ page, readFrom, pageHash: hash }) =>
    chunkPage(page, 'pinfo', options.sourceId).map((chunk) => ({ ...chunk, pageHash: hash, ...(readFrom !== chunk.url && { readFrom }) })),
  );
  // A source that yielded nothing usable (a sitemap that 404s, an emptied folder by mistake) must not
  // empty its part of the index: its removals wait for a run that reads something.
  const readSomething = pages.length > 0 || report.notModified > 0;
  return { report, chunks, scope: { sourceIds: new Set(readSomething ? [options.sourceId] : []), keepUrls }, readUnchanged };
}

/** Parses a practical-information file (JSON, or YAML for .yaml/.yml) against the schema. */
export async function readPracticalFile(file: string): Promise<PracticalInfo> {
  const text = await readFile(file, 'utf8');
  const extension = extname(file).toLowerCase();
  let data: unknown;
  try {
    data = extension === '.yaml' || extension === '.yml' ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new Error(`not valid ${extension === '.json' ? 'JSON' : 'YAML'}: ${messageOf(error)}`);
  }
  const parsed = practicalInfoSchema.safeParse(data);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  return parsed.data;
}

/** The source id of a hospital's practical information. */
export const practicalSourceId = (hospital: string) => `practical:${hospital}`;

/** One hospital's practical information as a source. A broken file yields nothing, so nothing is removed. */
export async function preparePractical(file: string, options: { hospital?: string; progress?: RunProgress } = {}): Promise<PreparedSource> {
  const progress = options.progress ?? noProgress;
  progress.begin(file, 1);
  let info: PracticalInfo | undefined;
  let failure: string | undefined;
  try {
    info = await readPracticalFile(file);
    if (options.hospital !== undefined && info.hospital.id !== options.hospital) {
      failure = `the file is for hospital "${info.hospital.id}", not "${options.hospital}"`;
      info = undefined;
    }
  } catch (error) {
    failure = messageOf(error);
  }
  progress.advance();
  progress.end();
  const hospital = info?.hospital.id ?? options.hospital ?? basename(file, extname(file));
  const sourceId = practicalSourceId(hospital);
  const report = emptyReport(sourceId, 'practical');
  if (info === undefined) {
    report.failed = 1;
    const problem = { item: file, reason: failure ?? 'could not be read' };
    report.problems.push(problem);
    progress.problem(problem);
    return { report, chunks: [], scope: { sourceIds: new Set() } };
  }
  const pages = practicalPages(info);
  report.items = pages.length;
  return { report, chunks: pages.flatMap((page) => chunkPage(page, 'practical', sourceId)), scope: { sourceIds: new Set([sourceId]) } };
}

/**
 * The pages (by chunk URL) the prepared sources read: every page they chunked, and every served page
 * read again unchanged.
 */
export function pagesRead(manifest: ReadonlyMap<string, ManifestEntry>, prepared: readonly PreparedSource[]): string[] {
  const urls = new Set<string>();
  for (const { chunks, readUnchanged } of prepared) {
    for (const chunk of chunks) urls.add(chunk.url);
    if (readUnchanged === undefined || readUnchanged.size === 0) continue;
    for (const entry of manifest.values()) {
      if (readUnchanged.has(entry.url) || (entry.readFrom !== undefined && readUnchanged.has(entry.readFrom))) urls.add(entry.url);
    }
  }
  return [...urls];
}

/**
 * Compares the prepared sources with what the index serves and applies all their changes in one
 * step (unless `dryRun`), recording every page read as ingested at `now`. Fills in each report's
 * added / changed / removed / unchanged / kept. If `apply` fails, it throws and the index keeps
 * serving what it served before.
 */
export async function applySources(index: SearchIndex, prepared: readonly PreparedSource[], options: { dryRun?: boolean; now?: () => Date } = {}): Promise<SourceReport[]> {
  const manifest = await index.manifest();
  const upsert = new Map<string, Chunk>();
  const remove = new Set<string>();
  for (const { report, chunks, scope } of prepared) {
    const change = changeTo(manifest, chunks, scope);
    report.added = change.upsert.filter((chunk) => !manifest.has(chunk.id)).length;
    report.changed = change.upsert.length - report.added;
    report.removed = change.remove.length;
    report.unchanged = change.unchanged;
    report.kept = change.kept;
    for (const chunk of change.upsert) upsert.set(chunk.id, chunk);
    for (const id of change.remove) remove.add(id);
  }
  // A chunk another source of this run still wants is not removed (a page moving between folders).
  for (const id of upsert.keys()) remove.delete(id);
  // Applied even when nothing changed: an index may have work of its own (the embedded index embeds
  // chunks that have no vector yet, after an upgrade or once an embedding model is configured).
  if (options.dryRun !== true) {
    const read = { urls: pagesRead(manifest, prepared), at: (options.now?.() ?? new Date()).toISOString() };
    await index.apply({ upsert: [...upsert.values()], remove: [...remove], read });
  }
  return prepared.map((source) => source.report);
}

async function filesUnder(directory: string, pattern: RegExp): Promise<string[]> {
  try {
    const entries = await readdir(directory, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() && pattern.test(entry.name))
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function subfolders(directory: string): Promise<string[]> {
  try {
    return (await readdir(directory, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export const practicalFilePattern = /\.(json|ya?ml)$/i;

/**
 * The sources of a content directory (the layout of ingest/demo): one `pages:<hospital>` source per
 * folder under pages/, one `practical:<hospital>` source per file under practical/.
 */
export async function prepareContentDirectory(directory: string, progress: RunProgress = noProgress, knownPages?: ReadonlyMap<string, string>): Promise<PreparedSource[]> {
  const pagesDirectory = join(directory, 'pages');
  const prepared: PreparedSource[] = [];
  for (const hospital of await subfolders(pagesDirectory)) {
    const folder = join(pagesDirectory, hospital);
    prepared.push(await preparePages(await folderSource(folder, { hospital }), { sourceId: `pages:${hospital}`, progress, ...(knownPages !== undefined && { knownPages }) }));
  }
  for (const file of await filesUnder(join(directory, 'practical'), practicalFilePattern)) prepared.push(await preparePractical(file, { progress }));
  return prepared;
}

/** Parsed pages of a content directory, for the demo site. Problems are appended as "file: reason". */
export async function readPages(directory: string, problems: string[]): Promise<ParsedPage[]> {
  const pages: ParsedPage[] = [];
  const pagesDirectory = join(directory, 'pages');
  for (const hospital of await subfolders(pagesDirectory)) {
    for await (const item of (await folderSource(join(pagesDirectory, hospital), { hospital })).pages) {
      try {
        if (item.html === undefined) throw new Error(item.reason ?? 'could not be read');
        const page = parsePage(item.html, { fallbackUrl: item.url });
        if (page.blocks.length === 0) problems.push(`${item.label ?? item.url}: no main content found`);
        else pages.push(page);
      } catch (error) {
        problems.push(`${item.label ?? item.url}: ${messageOf(error)}`);
      }
    }
  }
  return pages;
}

/** The hospitals a content directory describes and the names citizens call them by, for the answer core. */
export async function readHospitalNames(directory: string): Promise<HospitalName[]> {
  return (await readPracticalInfo(directory, [])).map(({ hospital }) => ({
    id: hospital.id,
    names: [hospital.name, ...(hospital.shortName === undefined ? [] : [hospital.shortName]), ...(hospital.aliases ?? [])],
  }));
}

/** Every hospital's practical information in a content directory, for the demo site. */
export async function readPracticalInfo(directory: string, problems: string[]): Promise<PracticalInfo[]> {
  const infos: PracticalInfo[] = [];
  for (const file of await filesUnder(join(directory, 'practical'), practicalFilePattern)) {
    try {
      infos.push(await readPracticalFile(file));
    } catch (error) {
      problems.push(`${file}: ${messageOf(error)}`);
    }
  }
  return infos;
}

export interface IngestSummary {
  pages: number;
  practicalPages: number;
  chunks: number;
  upserted: number;
  removed: number;
  unchanged: number;
  appointments: number;
  /** One line per item that was skipped, naming it and the problem. */
  problems: string[];
  sources: SourceReport[];
}

/**
 * Ingests a whole content directory (what start-up does): its pages and practical sources into the
 * index in one step, then its appointments into the store when one is given.
 */
export async function ingestContentDirectory(
  directory: string,
  targets: { index: SearchIndex; appointments?: AppointmentStore; logger: Logger; dryRun?: boolean; progress?: RunProgress; now?: () => Date },
): Promise<IngestSummary> {
  const prepared = await prepareContentDirectory(directory, targets.progress, knownPageHashes(await targets.index.manifest()));
  const sources = await applySources(targets.index, prepared, { dryRun: targets.dryRun ?? false, ...(targets.now !== undefined && { now: targets.now }) });
  // Appointments are private: only a target with an appointment store receives them.
  if (targets.appointments !== undefined) {
    for (const file of await filesUnder(join(directory, 'appointments'), /\.(json|csv)$/i)) {
      sources.push(await importAppointmentsFile(file, targets.appointments, { dryRun: targets.dryRun ?? false, ...(targets.progress !== undefined && { progress: targets.progress }) }));
    }
  }
  const problems = sources.flatMap((source) => source.problems.map((problem) => `${problem.item}: ${problem.reason}`));
  for (const problem of problems) targets.logger.warn({ event: 'ingest-skipped', problem }, 'skipped a source item');
  const indexed = sources.filter((source) => source.kind !== 'appointments');
  const summary: IngestSummary = {
    pages: indexed.filter((source) => source.kind === 'pages').reduce((sum, source) => sum + source.items, 0),
    practicalPages: indexed.filter((source) => source.kind === 'practical').reduce((sum, source) => sum + source.items, 0),
    chunks: prepared.reduce((sum, source) => sum + source.chunks.length, 0),
    upserted: indexed.reduce((sum, source) => sum + source.added + source.changed, 0),
    removed: indexed.reduce((sum, source) => sum + source.removed, 0),
    unchanged: indexed.reduce((sum, source) => sum + source.unchanged + source.kept, 0),
    appointments: sources.filter((source) => source.kind === 'appointments').reduce((sum, source) => sum + source.items, 0),
    problems,
    sources,
  };
  if (summary.chunks === 0) targets.logger.error({ event: 'ingest-empty', directory }, 'no content found; the index was left as it was');
  targets.logger.info({ event: 'ingest-finished', ...summary, sources: sources.length, problems: problems.length }, 'ingest finished');
  return summary;
}
