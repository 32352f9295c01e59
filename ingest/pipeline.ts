// Reads a content directory (pages/, practical/, appointments/) into the search index and the
// appointment store. A broken file is reported and skipped; the index is replaced in one step, and
// only when there is something to serve, so a bad run never empties a working index.
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import type { Logger } from '../src/logger.js';
import type { AppointmentStore } from '../src/patient/appointment-store.js';
import { changeTo, type Chunk, type SearchIndex } from '../src/search/search-index.js';
import { appointmentsFromBundle } from './appointments/fhir.js';
import { chunkPage } from './chunk.js';
import { parsePage, type ParsedPage } from './pages/parse-html.js';
import { practicalPages } from './practical/pages.js';
import { practicalInfoSchema, type PracticalInfo } from './practical/schema.js';

export interface IngestSummary {
  pages: number;
  practicalPages: number;
  chunks: number;
  /** Chunks written because they are new or changed, removed because their page is gone, and left alone. */
  upserted: number;
  removed: number;
  unchanged: number;
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

/** Sources that could not be read this run: what they had in the index must stay. */
export interface FailedSources {
  urls: Set<string>;
  practicalHospitals: Set<string>;
}

export async function readPages(directory: string, problems: string[], failed?: FailedSources): Promise<ParsedPage[]> {
  const pagesDirectory = join(directory, 'pages');
  const pages: ParsedPage[] = [];
  for (const file of await filesUnder(pagesDirectory, '.html')) {
    try {
      const page = parsePage(await readFile(file, 'utf8'), { fallbackUrl: fallbackUrl(pagesDirectory, file) });
      if (page.blocks.length === 0) {
        problems.push(`${file}: no main content found`);
        failed?.urls.add(page.url);
      } else pages.push(page);
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`);
      failed?.urls.add(fallbackUrl(pagesDirectory, file));
    }
  }
  return pages;
}

/** One file per hospital, named after its id (fjordby.json). */
export async function readPracticalInfo(directory: string, problems: string[], failed?: FailedSources): Promise<PracticalInfo[]> {
  const infos: PracticalInfo[] = [];
  for (const file of await filesUnder(join(directory, 'practical'), '.json')) {
    try {
      const parsed = practicalInfoSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (parsed.success) {
        infos.push(parsed.data);
        continue;
      }
      problems.push(`${file}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`);
    }
    failed?.practicalHospitals.add(basename(file, '.json'));
  }
  return infos;
}

export async function ingestContentDirectory(
  directory: string,
  targets: { index: SearchIndex; appointments?: AppointmentStore; logger: Logger },
): Promise<IngestSummary> {
  const problems: string[] = [];
  const failed: FailedSources = { urls: new Set(), practicalHospitals: new Set() };
  const pages = await readPages(directory, problems, failed);
  const practical = (await readPracticalInfo(directory, problems, failed)).flatMap(practicalPages);
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
  let change: ReturnType<typeof changeTo> = { upsert: [], remove: [], unchanged: 0 };
  if (chunks.length > 0) {
    const manifest = await targets.index.manifest();
    change = changeTo(manifest, chunks);
    if (failed.urls.size > 0 || failed.practicalHospitals.size > 0) {
      // A source that failed this run keeps what it had: a broken file must not empty its pages.
      const kept = new Set(
        change.remove.filter((id) => {
          const entry = manifest.get(id);
          return entry !== undefined && (failed.urls.has(entry.url) || (entry.source === 'practical' && failed.practicalHospitals.has(entry.hospital ?? '')));
        }),
      );
      change = { ...change, remove: change.remove.filter((id) => !kept.has(id)), unchanged: change.unchanged + kept.size };
    }
    await targets.index.apply(change);
  } else {
    targets.logger.error({ event: 'ingest-empty', directory }, 'no content found; the index was left as it was');
  }
  const summary = {
    pages: pages.length,
    practicalPages: practical.length,
    chunks: chunks.length,
    upserted: change.upsert.length,
    removed: change.remove.length,
    unchanged: change.unchanged,
    appointments,
    problems,
  };
  targets.logger.info({ event: 'ingest-finished', ...summary, problems: problems.length }, 'ingest finished');
  return summary;
}
