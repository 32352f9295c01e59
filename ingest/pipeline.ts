// Reads a content directory (pages/, practical/, appointments/) into the search index and the
// appointment store. A broken file is reported and skipped; the index is replaced in one step, and
// only when there is something to serve, so a bad run never empties a working index.
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import type { Logger } from '../src/logger.js';
import type { AppointmentStore } from '../src/patient/appointment-store.js';
import type { Chunk, SearchIndex } from '../src/search/search-index.js';
import { appointmentsFromBundle } from './appointments/fhir.js';
import { chunkPage } from './chunk.js';
import { parsePage, type ParsedPage } from './pages/parse-html.js';
import { practicalPages } from './practical/pages.js';
import { practicalInfoSchema, type PracticalInfo } from './practical/schema.js';

export interface IngestSummary {
  pages: number;
  practicalPages: number;
  chunks: number;
  appointments: number;
  /** One line per file that was skipped, naming the file and the problem. */
  problems: string[];
}

async function filesUnder(directory: string, extension: string): Promise<string[]> {
  try {
    const entries = await readdir(directory, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() && entry.name.endsWith(extension))
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Site path a page is served at when it has no canonical link: /demo/<hospital>/pinfo/<slug>. */
function fallbackUrl(pagesDirectory: string, file: string): string {
  const [hospital] = relative(pagesDirectory, file).split(sep);
  return `/demo/${hospital}/pinfo/${basename(file, '.html')}`;
}

export async function readPages(directory: string, problems: string[]): Promise<ParsedPage[]> {
  const pagesDirectory = join(directory, 'pages');
  const pages: ParsedPage[] = [];
  for (const file of await filesUnder(pagesDirectory, '.html')) {
    try {
      const page = parsePage(await readFile(file, 'utf8'), { fallbackUrl: fallbackUrl(pagesDirectory, file) });
      if (page.blocks.length === 0) problems.push(`${file}: no main content found`);
      else pages.push(page);
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`);
    }
  }
  return pages;
}

export async function readPracticalInfo(directory: string, problems: string[]): Promise<PracticalInfo[]> {
  const infos: PracticalInfo[] = [];
  for (const file of await filesUnder(join(directory, 'practical'), '.json')) {
    try {
      const parsed = practicalInfoSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (parsed.success) infos.push(parsed.data);
      else problems.push(`${file}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`);
    }
  }
  return infos;
}

export async function ingestContentDirectory(
  directory: string,
  targets: { index: SearchIndex; appointments?: AppointmentStore; logger: Logger },
): Promise<IngestSummary> {
  const problems: string[] = [];
  const pages = await readPages(directory, problems);
  const practical = (await readPracticalInfo(directory, problems)).flatMap(practicalPages);
  const chunks: Chunk[] = [...pages.flatMap((page) => chunkPage(page, 'pinfo')), ...practical.flatMap((page) => chunkPage(page, 'practical'))];

  let appointments = 0;
  // Appointments are private: only a target with an appointment store receives them.
  const appointmentFiles = targets.appointments === undefined ? [] : await filesUnder(join(directory, 'appointments'), '.json');
  for (const file of appointmentFiles) {
    try {
      const records = appointmentsFromBundle(JSON.parse(await readFile(file, 'utf8')));
      await targets.appointments?.upsert(records);
      appointments += records.length;
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`);
    }
  }

  for (const problem of problems) targets.logger.warn({ event: 'ingest-skipped', problem }, 'skipped a source file');
  if (chunks.length > 0) await targets.index.replaceAll(chunks);
  else targets.logger.error({ event: 'ingest-empty', directory }, 'no content found; the index was left as it was');
  const summary = { pages: pages.length, practicalPages: practical.length, chunks: chunks.length, appointments, problems };
  targets.logger.info({ event: 'ingest-finished', ...summary, problems: problems.length }, 'ingest finished');
  return summary;
}
