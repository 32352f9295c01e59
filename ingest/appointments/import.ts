// Imports one appointments file (a FHIR R4 Bundle as .json, or the project's CSV) into the
// patient-scoped store: valid appointments are upserted, broken entries and rows are reported.
// A file is a feed of updates, not the full list: nothing is removed (a cancellation is a status).
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { AppointmentStore, StoredAppointment } from '../../src/patient/appointment-store.js';
import type { RunProgress, SourceReport } from '../pipeline.js';
import { readAppointmentCsv } from './csv.js';
import { readAppointmentBundle } from './fhir.js';

/** Larger than any export we expect; refusing it beats exhausting memory. */
export const maxAppointmentFileBytes = 200 * 1024 * 1024;

/** Key order and time zone notation do not make an appointment different. */
function fingerprint(appointment: StoredAppointment): string {
  const stable = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(stable)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([key, inner]) => [key, stable(inner)]))
        : value;
  const instant = (value: string | null) => (value === null ? null : new Date(value).toISOString());
  return JSON.stringify(stable({ ...appointment, startsAt: instant(appointment.startsAt), endsAt: instant(appointment.endsAt) }));
}

export async function importAppointmentsFile(
  file: string,
  store: AppointmentStore,
  options: { dryRun?: boolean; progress?: RunProgress } = {},
): Promise<SourceReport> {
  const report: SourceReport = {
    sourceId: `appointments:${basename(file)}`,
    kind: 'appointments',
    items: 0, added: 0, changed: 0, removed: 0, unchanged: 0, failed: 0, notModified: 0, kept: 0,
    problems: [], skipped: [], collapsed: [],
  };
  const fail = (item: string, reason: string) => {
    report.failed += 1;
    report.problems.push({ item, reason });
    options.progress?.problem({ item, reason });
  };
  options.progress?.begin(report.sourceId, undefined);
  let appointments: StoredAppointment[] = [];
  let readable = true;
  try {
    const size = (await stat(file)).size;
    if (size > maxAppointmentFileBytes) throw new Error(`the file is ${(size / 1024 / 1024).toFixed(0)} MB, larger than the ${maxAppointmentFileBytes / 1024 / 1024} MB limit`);
    const bytes = await readFile(file);
    if (extname(file).toLowerCase() === '.csv') {
      const result = readAppointmentCsv(bytes);
      appointments = result.appointments;
      for (const problem of result.problems) fail(`${file}, ${problem.row}`, problem.reason);
    } else {
      let json: unknown;
      try {
        json = JSON.parse(bytes.toString('utf8'));
      } catch (error) {
        throw new Error(`not valid JSON: ${(error as Error).message}`);
      }
      const result = readAppointmentBundle(json);
      appointments = result.appointments;
      for (const problem of result.problems) fail(`${file}, ${problem.entry}`, problem.reason);
    }
  } catch (error) {
    readable = false;
    fail(file, (error as Error).message);
  }
  // The last row wins when a file lists the same appointment twice, as an upsert would.
  const byId = new Map(appointments.map((appointment) => [appointment.id, appointment]));
  const stored = await store.find([...byId.keys()]);
  const write: StoredAppointment[] = [];
  for (const appointment of byId.values()) {
    options.progress?.advance();
    const before = stored.get(appointment.id);
    if (before === undefined) report.added += 1;
    else if (fingerprint(before) !== fingerprint(appointment)) report.changed += 1;
    else {
      report.unchanged += 1;
      continue;
    }
    write.push(appointment);
  }
  report.items = byId.size;
  if (options.dryRun !== true && write.length > 0) await store.upsert(write);
  // "Data as of": a file read through counts as an import even when nothing in it changed.
  if (options.dryRun !== true && readable) await store.recordImport(basename(file), report.items);
  options.progress?.end();
  return report;
}
