// Appointments live only here, keyed by the patient's identifier; they never enter the search index.
// Reads take the identifier from the verified login, never from message text (see the patient issue).
import type { Database } from '../db/database.js';

export interface StoredAppointment {
  id: string;
  patientIdentifier: string;
  status: string;
  startsAt: string | null;
  endsAt: string | null;
  service: string | null;
  description: string | null;
  hospital: string | null;
  department: string | null;
  locationName: string | null;
  locationDescription: string | null;
  instruction: string | null;
  resource: unknown;
}

interface AppointmentRow {
  id: string;
  patient_identifier: string;
  status: string;
  starts_at: Date | string | null;
  ends_at: Date | string | null;
  service: string | null;
  description: string | null;
  hospital: string | null;
  department: string | null;
  location_name: string | null;
  location_description: string | null;
  instruction: string | null;
  resource: unknown;
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

export class AppointmentStore {
  constructor(private readonly database: Database) {}

  /** Inserts or updates appointments by id in one transaction: all of them land or none. */
  async upsert(appointments: readonly StoredAppointment[]): Promise<void> {
    await this.database.transaction(async (tx) => {
      for (const a of appointments) {
        await tx.query(
          `INSERT INTO appointments (id, patient_identifier, status, starts_at, ends_at, service, description, hospital, department,
             location_name, location_description, instruction, resource, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, now())
           ON CONFLICT (id) DO UPDATE SET patient_identifier = EXCLUDED.patient_identifier, status = EXCLUDED.status,
             starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, service = EXCLUDED.service, description = EXCLUDED.description,
             hospital = EXCLUDED.hospital, department = EXCLUDED.department, location_name = EXCLUDED.location_name,
             location_description = EXCLUDED.location_description, instruction = EXCLUDED.instruction,
             resource = EXCLUDED.resource, updated_at = now()`,
          [a.id, a.patientIdentifier, a.status, a.startsAt, a.endsAt, a.service, a.description, a.hospital, a.department,
            a.locationName, a.locationDescription, a.instruction, JSON.stringify(a.resource)],
        );
      }
    });
  }

  /** The stored appointments with these ids, by id: lets an import tell new from changed from unchanged. */
  async find(ids: readonly string[]): Promise<Map<string, StoredAppointment>> {
    if (ids.length === 0) return new Map();
    const rows = await this.database.query<AppointmentRow>('SELECT * FROM appointments WHERE id = ANY($1::text[])', [[...ids]]);
    return new Map(rows.map((row) => [row.id, fromRow(row)]));
  }

  /** The patient's own appointments, soonest first. */
  async forPatient(patientIdentifier: string): Promise<StoredAppointment[]> {
    const rows = await this.database.query<AppointmentRow>(
      'SELECT * FROM appointments WHERE patient_identifier = $1 ORDER BY starts_at NULLS LAST, id',
      [patientIdentifier],
    );
    return rows.map(fromRow);
  }

  /** Notes that an import finished: answers tell the patient how fresh their appointments are. */
  async recordImport(source: string, appointments: number): Promise<void> {
    await this.database.query('INSERT INTO appointment_imports (source, appointments) VALUES ($1, $2)', [source, appointments]);
  }

  /** When appointments were last imported; null if never. */
  async lastImportAt(): Promise<string | null> {
    const rows = await this.database.query<{ finished_at: Date | string | null }>('SELECT max(finished_at) AS finished_at FROM appointment_imports');
    return iso(rows[0]?.finished_at ?? null);
  }

  async count(): Promise<number> {
    const rows = await this.database.query<{ count: string }>('SELECT count(*)::text AS count FROM appointments');
    return Number(rows[0]?.count ?? 0);
  }
}

function fromRow(row: AppointmentRow): StoredAppointment {
  return {
    id: row.id,
    patientIdentifier: row.patient_identifier,
    status: row.status,
    startsAt: iso(row.starts_at),
    endsAt: iso(row.ends_at),
    service: row.service,
    description: row.description,
    hospital: row.hospital,
    department: row.department,
    locationName: row.location_name,
    locationDescription: row.location_description,
    instruction: row.instruction,
    resource: row.resource,
  };
}
