// Reads appointments from a FHIR R4 Bundle (collection or search-set) into patient-scoped rows.
// Patient, Location, HealthcareService and Organization references are resolved inside the bundle.
import { z } from 'zod';
import type { StoredAppointment } from '../../src/patient/appointment-store.js';

const reference = z.object({ reference: z.string().optional(), display: z.string().optional() }).loose();
const codeable = z.object({ text: z.string().optional(), coding: z.array(z.object({ display: z.string().optional(), code: z.string().optional() }).loose()).optional() }).loose();

const resource = z.object({ resourceType: z.string(), id: z.string().optional() }).loose();
const bundleSchema = z
  .object({
    resourceType: z.literal('Bundle'),
    type: z.enum(['collection', 'searchset', 'batch', 'transaction', 'document', 'message', 'history', 'batch-response', 'transaction-response']),
    entry: z.array(z.object({ fullUrl: z.string().optional(), resource }).loose()).default([]),
  })
  .loose();

const appointmentSchema = z
  .object({
    resourceType: z.literal('Appointment'),
    id: z.string().min(1),
    status: z.string(),
    start: z.string().optional(),
    end: z.string().optional(),
    description: z.string().optional(),
    comment: z.string().optional(),
    patientInstruction: z.string().optional(),
    serviceType: z.array(codeable).optional(),
    appointmentType: codeable.optional(),
    participant: z.array(z.object({ actor: reference.optional() }).loose()).default([]),
  })
  .loose();

const identifierSchema = z.object({ system: z.string().optional(), value: z.string().optional() }).loose();


type LooseResource = z.infer<typeof resource>;

const textOf = (concept: z.infer<typeof codeable> | undefined): string | null =>
  concept?.text ?? concept?.coding?.find((coding) => coding.display !== undefined)?.display ?? null;

/** An appointment entry that could not be read, named by its position and id (never the patient). */
export interface EntryProblem {
  entry: string;
  reason: string;
}

const issuesOf = (error: z.ZodError) => error.issues.map((issue) => `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`).join('; ');

/**
 * Reads the appointments of a bundle (collection or search-set). A malformed bundle throws; a
 * malformed appointment is reported in `problems` and the other appointments are still read.
 */
export function readAppointmentBundle(json: unknown): { appointments: StoredAppointment[]; problems: EntryProblem[] } {
  const parsedBundle = bundleSchema.safeParse(json);
  if (!parsedBundle.success) throw new Error(`not a FHIR R4 Bundle: ${issuesOf(parsedBundle.error)}`);
  const bundle = parsedBundle.data;
  const byReference = new Map<string, LooseResource>();
  for (const entry of bundle.entry) {
    if (entry.fullUrl !== undefined) byReference.set(entry.fullUrl, entry.resource);
    if (entry.resource.id !== undefined) byReference.set(`${entry.resource.resourceType}/${entry.resource.id}`, entry.resource);
  }
  const resolve = (type: string, actors: (z.infer<typeof reference> | undefined)[]): LooseResource | undefined => {
    for (const actor of actors) {
      const target = actor?.reference === undefined ? undefined : byReference.get(actor.reference);
      if (target?.resourceType === type) return target;
    }
    return undefined;
  };
  const nameOf = (target: LooseResource | undefined): string | null => (typeof target?.['name'] === 'string' ? target['name'] : null);

  const appointments: StoredAppointment[] = [];
  const problems: EntryProblem[] = [];
  bundle.entry.forEach((entry, position) => {
    if (entry.resource.resourceType !== 'Appointment') return;
    const name = `entry ${position + 1} (Appointment ${entry.resource.id ?? 'without id'})`;
    const parsed = appointmentSchema.safeParse(entry.resource);
    if (!parsed.success) {
      problems.push({ entry: name, reason: issuesOf(parsed.error) });
      return;
    }
    const appointment = parsed.data;
    for (const [field, value] of [['start', appointment.start], ['end', appointment.end]] as const) {
      if (value !== undefined && Number.isNaN(Date.parse(value))) {
        problems.push({ entry: name, reason: `${field}: not a date-time (${JSON.stringify(value)})` });
        return;
      }
    }
    const actors = appointment.participant.map((participant) => participant.actor);
    const patient = resolve('Patient', actors);
    const identifiers = z.array(identifierSchema).safeParse(patient?.['identifier']);
    const identifier = identifiers.success ? identifiers.data.find((candidate) => candidate.value !== undefined) : undefined;
    if (patient === undefined || identifier?.value === undefined) {
      problems.push({ entry: name, reason: 'no Patient participant with an identifier in the bundle' });
      return;
    }
    const location = resolve('Location', actors);
    const service = resolve('HealthcareService', actors);
    const organizationReference = reference.safeParse(location?.['managingOrganization'] ?? service?.['providedBy']);
    const organization = organizationReference.success && organizationReference.data.reference !== undefined ? byReference.get(organizationReference.data.reference) : undefined;
    appointments.push({
      id: appointment.id,
      patientIdentifier: `${identifier.system ?? ''}|${identifier.value}`,
      status: appointment.status,
      startsAt: appointment.start ?? null,
      endsAt: appointment.end ?? null,
      service: textOf(appointment.serviceType?.[0]) ?? textOf(appointment.appointmentType),
      description: appointment.description ?? null,
      hospital: nameOf(organization),
      department: nameOf(service),
      locationName: nameOf(location),
      locationDescription: typeof location?.['description'] === 'string' ? location['description'] : null,
      instruction: appointment.patientInstruction ?? appointment.comment ?? null,
      resource: appointment,
    });
  });
  return { appointments, problems };
}

/** Reads a bundle that must be entirely valid: throws naming the first broken appointment. */
export function appointmentsFromBundle(json: unknown): StoredAppointment[] {
  const { appointments, problems } = readAppointmentBundle(json);
  const first = problems[0];
  if (first !== undefined) throw new Error(`Appointment ${first.entry} is invalid: ${first.reason}`);
  return appointments;
}
