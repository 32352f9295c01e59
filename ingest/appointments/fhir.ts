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

/** Parses a bundle; throws with the failing entry named when the bundle or an appointment is malformed. */
export function appointmentsFromBundle(json: unknown): StoredAppointment[] {
  const bundle = bundleSchema.parse(json);
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

  return bundle.entry
    .filter((entry) => entry.resource.resourceType === 'Appointment')
    .map((entry, position) => {
      const parsed = appointmentSchema.safeParse(entry.resource);
      if (!parsed.success) throw new Error(`Appointment entry ${position + 1} (${entry.fullUrl ?? entry.resource.id ?? 'no id'}) is invalid: ${parsed.error.message}`);
      const appointment = parsed.data;
      const actors = appointment.participant.map((participant) => participant.actor);
      const patient = resolve('Patient', actors);
      const identifiers = z.array(identifierSchema).safeParse(patient?.['identifier']);
      const identifier = identifiers.success ? identifiers.data.find((candidate) => candidate.value !== undefined) : undefined;
      if (patient === undefined || identifier?.value === undefined) {
        throw new Error(`Appointment ${appointment.id} has no Patient participant with an identifier in the bundle.`);
      }
      const location = resolve('Location', actors);
      const service = resolve('HealthcareService', actors);
      const organizationReference = reference.safeParse(location?.['managingOrganization'] ?? service?.['providedBy']);
      const organization = organizationReference.success && organizationReference.data.reference !== undefined ? byReference.get(organizationReference.data.reference) : undefined;
      return {
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
      };
    });
}
