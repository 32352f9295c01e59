// Reads appointments from the project's CSV format (documented in ./README.md). Each row is checked
// on its own: a bad row is reported by its line number and column, and the other rows are still read.
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { StoredAppointment } from '../../src/patient/appointment-store.js';

/** ISO 8601 date and time with an explicit offset: an appointment time without one is ambiguous. */
const dateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})$/, 'expected a date and time with offset such as 2026-06-01T09:30:00+02:00')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'not a real date (check day and month)');

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? null : value));

export const appointmentStatuses = ['proposed', 'pending', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow', 'entered-in-error', 'checked-in', 'waitlist'] as const;

export const csvRowSchema = z.strictObject({
  appointment_id: z.string().trim().min(1, 'required'),
  patient_system: optionalText,
  patient_id: z.string().trim().min(1, 'required'),
  status: z.enum(appointmentStatuses),
  start: dateTime,
  end: z.union([z.literal(''), dateTime]).transform((value) => (value === '' ? null : value)),
  service: optionalText,
  description: optionalText,
  hospital: optionalText,
  department: optionalText,
  location_name: optionalText,
  location_description: optionalText,
  instruction: optionalText,
});

export const csvColumns = Object.keys(csvRowSchema.shape);
const requiredColumns = ['appointment_id', 'patient_id', 'status', 'start'];
/** Columns whose values identify a patient: never repeated in an error message. */
const privateColumns = new Set(['patient_id', 'patient_system']);

export interface RowProblem {
  /** "line 7, column start" */
  row: string;
  reason: string;
}

/** Parses a CSV file's bytes. Throws when the file as a whole is unusable (encoding, header). */
export function readAppointmentCsv(bytes: Uint8Array): { appointments: StoredAppointment[]; problems: RowProblem[] } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error('the file is not UTF-8; save it as "CSV UTF-8" (Excel) or convert it, e.g. iconv -f windows-1252 -t utf-8');
  }
  const problems: RowProblem[] = [];
  const records = parse(text, {
    bom: true,
    columns: (header: string[]) => {
      const names = header.map((name) => name.trim().toLowerCase());
      const unknown = names.filter((name) => !csvColumns.includes(name));
      const missing = requiredColumns.filter((name) => !names.includes(name));
      if (unknown.length > 0 || missing.length > 0) {
        throw new Error(
          [unknown.length > 0 ? `unknown column(s) ${unknown.join(', ')}` : '', missing.length > 0 ? `missing column(s) ${missing.join(', ')}` : '']
            .filter(Boolean)
            .join('; ') + ` (expected: ${csvColumns.join(', ')})`,
        );
      }
      return names;
    },
    delimiter: [',', ';'],
    skip_empty_lines: true,
    info: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error !== undefined) problems.push({ row: `line ${error.lines}`, reason: error.message });
      return undefined;
    },
  }) as { record: Record<string, string>; info: { lines: number } }[];

  const appointments: StoredAppointment[] = [];
  for (const { record, info } of records) {
    const complete = Object.fromEntries(csvColumns.map((column) => [column, record[column] ?? '']));
    const parsed = csvRowSchema.safeParse(complete);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? '');
        const value = privateColumns.has(column) ? '' : ` (got ${JSON.stringify(complete[column] ?? '')})`;
        problems.push({ row: `line ${info.lines}, column ${column}`, reason: `${issue.message}${value}` });
      }
      continue;
    }
    const row = parsed.data;
    appointments.push({
      id: row.appointment_id,
      patientIdentifier: `${row.patient_system ?? ''}|${row.patient_id}`,
      status: row.status,
      startsAt: row.start,
      endsAt: row.end,
      service: row.service,
      description: row.description,
      hospital: row.hospital,
      department: row.department,
      locationName: row.location_name,
      locationDescription: row.location_description,
      instruction: row.instruction,
      // The row as given, so the record keeps what the hospital sent, like a FHIR resource.
      resource: { format: 'csv', ...record },
    });
  }
  return { appointments, problems };
}
