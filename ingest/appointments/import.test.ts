// Appointment files into the real (in-memory PGlite) store: FHIR collection and search-set bundles
// with a broken entry, and CSV rows with errors named by line and column.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PgliteDatabase } from '../../src/db/adapters/pglite.js';
import { migrate } from '../../src/db/migrations.js';
import { AppointmentStore } from '../../src/patient/appointment-store.js';
import { demoContentDirectory } from '../../test/support/runtime.js';
import { importAppointmentsFile } from './import.js';

interface Bundle {
  type: string;
  entry: { fullUrl?: string; resource: Record<string, unknown>; search?: { mode: string } }[];
}

const header = 'appointment_id,patient_system,patient_id,status,start,end,service,description,hospital,department,location_name,location_description,instruction';

describe('importing appointments', () => {
  let directory: string;
  let database: PgliteDatabase;
  let store: AppointmentStore;
  let demoBundle: Bundle;
  // One database for the file: opening PGlite is the slow part. Each test starts from an empty table.
  beforeAll(async () => {
    database = await PgliteDatabase.open();
    await migrate(database);
    store = new AppointmentStore(database);
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'appointments-'));
    await database.query('DELETE FROM appointments');
    demoBundle = JSON.parse(await readFile(join(demoContentDirectory, 'appointments/appointments.fhir.json'), 'utf8')) as Bundle;
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('a search-set bundle with one broken entry: the others are stored, the broken one is named, a re-run changes nothing', async () => {
    const appointments = demoBundle.entry.filter((entry) => entry.resource['resourceType'] === 'Appointment');
    const broken = appointments[1] as Bundle['entry'][number];
    broken.resource = { ...broken.resource, status: undefined, start: 'næste tirsdag' };
    const searchset = {
      ...demoBundle,
      type: 'searchset',
      entry: demoBundle.entry.map((entry) => ({ ...entry, search: { mode: entry.resource['resourceType'] === 'Appointment' ? 'match' : 'include' } })),
    };
    const file = join(directory, 'searchset.json');
    await writeFile(file, JSON.stringify(searchset));
    const first = await importAppointmentsFile(file, store);
    expect(first).toMatchObject({ kind: 'appointments', added: appointments.length - 1, failed: 1 });
    const brokenPosition = demoBundle.entry.indexOf(broken) + 1;
    expect(first.problems).toEqual([{ item: `${file}, entry ${brokenPosition} (Appointment ${String(broken.resource['id'])})`, reason: expect.stringMatching(/status/) }]);
    expect(await store.count()).toBe(appointments.length - 1);
    const second = await importAppointmentsFile(file, store);
    expect(second).toMatchObject({ added: 0, changed: 0, unchanged: appointments.length - 1 });
  });

  it('a file that is not a bundle fails as a whole and stores nothing', async () => {
    const file = join(directory, 'patient.json');
    await writeFile(file, JSON.stringify({ resourceType: 'Patient', id: 'x' }));
    const report = await importAppointmentsFile(file, store);
    expect(report.problems[0]?.reason).toMatch(/^not a FHIR R4 Bundle/);
    expect(await store.count()).toBe(0);
  });

  it('CSV: valid rows are stored, a row with a bad date is named by line and column, a changed row counts as changed', async () => {
    const file = join(directory, 'aftaler.csv');
    await writeFile(
      file,
      [
        header,
        'A-1,urn:oid:1.2.208.176.1.2,0101701234,booked,2026-06-01T09:30:00+02:00,2026-06-01T10:00:00+02:00,Koloskopi,,Fjordby Universitetshospital,Mave-tarm-ambulatoriet,Indgang 3,2. sal,Mød fastende',
        'A-2,urn:oid:1.2.208.176.1.2,0101701234,booked,01-06-2026 11:00,,MR-scanning,,,,,,',
        'A-3,urn:oid:1.2.208.176.1.2,0202801234,maybe,2026-06-02T08:00:00+02:00,,Blodprøve,,,,,,',
        'A-4;urn:oid:1.2.208.176.1.2;0303901234;booked;2026-06-03T08:00:00Z;;Røntgen;;;;;;',
      ].join('\n'),
    );
    const report = await importAppointmentsFile(file, store);
    expect(report).toMatchObject({ added: 2, failed: 2 });
    expect(report.problems).toEqual([
      { item: `${file}, line 3, column start`, reason: 'expected a date and time with offset such as 2026-06-01T09:30:00+02:00 (got "01-06-2026 11:00")' },
      { item: `${file}, line 4, column status`, reason: expect.stringMatching(/^Invalid option/) },
    ]);
    const [stored] = await store.forPatient('urn:oid:1.2.208.176.1.2|0101701234');
    expect(stored).toMatchObject({ id: 'A-1', startsAt: '2026-06-01T07:30:00.000Z', department: 'Mave-tarm-ambulatoriet', instruction: 'Mød fastende' });
    expect(await importAppointmentsFile(file, store)).toMatchObject({ added: 0, changed: 0, unchanged: 2 });
    await writeFile(file, `${header}\nA-1,urn:oid:1.2.208.176.1.2,0101701234,cancelled,2026-06-01T09:30:00+02:00,,Koloskopi,,,,,,\n`);
    expect(await importAppointmentsFile(file, store)).toMatchObject({ added: 0, changed: 1, failed: 0 });
  });

  it('CSV: a patient identifier is never repeated in an error, and a wrong header names the columns', async () => {
    const file = join(directory, 'aftaler.csv');
    await writeFile(file, `${header}\nA-9,urn:x,,booked,2026-06-01T09:30:00+02:00,,,,,,,,\n`);
    const report = await importAppointmentsFile(file, store);
    expect(report.problems).toEqual([{ item: `${file}, line 2, column patient_id`, reason: 'required' }]);
    await writeFile(file, 'id,patient,start\n1,2,3\n');
    const wrong = await importAppointmentsFile(file, store);
    expect(wrong.problems[0]?.reason).toMatch(/unknown column\(s\) id, patient; missing column\(s\) appointment_id, patient_id, status/);
  });

  it('CSV in windows-1252 is refused with how to fix it', async () => {
    const file = join(directory, 'aftaler.csv');
    await writeFile(file, Buffer.from(`${header}\nA-1,,1,booked,2026-06-01T09:30:00+02:00,,Røntgen,,,,,,\n`, 'latin1'));
    expect((await importAppointmentsFile(file, store)).problems[0]?.reason).toMatch(/not UTF-8/);
  });
});
