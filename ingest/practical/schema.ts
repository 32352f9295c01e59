/**
 * Schema for one hospital's practical information (parking, transport, way-finding, visiting hours,
 * facilities, contact). One JSON file per hospital, e.g. `ingest/demo/practical/fjordby.json`.
 *
 * Every section has its own page `url`: that is the page the chatbot cites when it answers from the
 * section, so it must point at a page that shows the same facts. All objects are strict: an unknown
 * (e.g. misspelt) field is an error, not silently ignored.
 *
 * Emergency and out-of-hours numbers (112, Lægevagten, Livslinien) are configuration, not content:
 * do not put them in these files.
 *
 * Documentation for editors: `ingest/practical/README.md`.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

/** Lower-case ASCII slug: `fjordby`, `p-hus-nord`, `indgang-3`. */
export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Skal være et slug: små bogstaver a-z, tal og bindestreg (fx "indgang-3")')
  .describe('Stable identifier in slug form: lower-case a-z, digits and single hyphens, e.g. "indgang-3".');

/** Danish phone number written as four pairs, optionally with +45: `99 10 00 00`. */
export const phoneSchema = z
  .string()
  .regex(/^(?:\+45 )?\d{2} \d{2} \d{2} \d{2}$/, 'Telefonnummer skal skrives som "99 10 00 00" (evt. med "+45 " foran)')
  .describe('Danish phone number as four pairs of digits, e.g. "99 10 00 00" (optionally prefixed "+45 ").');

/** A page on the site (`/demo/fjordby/praktisk/parkering`) or an absolute https URL. */
export const pageUrlSchema = z
  .string()
  .regex(
    /^(?:\/[A-Za-z0-9._~%\-/]*|https:\/\/[^\s]+)$/,
    'Skal være en sti på sitet (starter med "/") eller en https-adresse',
  )
  .describe('Page that citations link to: a site path starting with "/" or an absolute https URL.');

const text = (description: string) => z.string().trim().min(1, 'Må ikke være tom').describe(description);
const textList = (description: string) => z.array(text('One item.')).describe(description);

// ---------------------------------------------------------------------------------------------
// Hospital
// ---------------------------------------------------------------------------------------------

export const addressSchema = z
  .strictObject({
    street: text('Street and number, e.g. "Fjordvej 10".'),
    postalCode: z
      .string()
      .regex(/^\d{4}$/, 'Postnummer skal være 4 cifre')
      .describe('Danish postal code, 4 digits.'),
    city: text('Postal district / town, e.g. "Fjordby".'),
  })
  .describe('Postal address of the hospital (main entrance).');

export const hospitalSchema = z
  .strictObject({
    id: slugSchema.describe('Hospital slug, used in URLs and file names, e.g. "fjordby".'),
    name: text('Full official name, e.g. "Fjordby Universitetshospital".'),
    shortName: text('Short name used in running text, e.g. "Fjordby".').optional(),
    aliases: textList(
      'Other names citizens use for the hospital or for units with their own name, e.g. "Børnehospitalet Fjordby".',
    ).optional(),
    region: text('Region that runs the hospital, e.g. "Region Fjordland".'),
    demo: z.boolean().describe('true for fictional demo content. Demo content must never be shown as real.'),
    address: addressSchema,
    phone: phoneSchema.describe('Main switchboard number.'),
    switchboardHours: text('When the switchboard answers, in plain Danish, e.g. "Døgnet rundt".'),
    url: pageUrlSchema.describe('Hospital start page, e.g. "/demo/fjordby".'),
  })
  .describe('The hospital the file describes.');

// ---------------------------------------------------------------------------------------------
// Parking
// ---------------------------------------------------------------------------------------------

export const parkingAreaSchema = z
  .strictObject({
    id: slugSchema.describe('Area slug, e.g. "p-hus-nord".'),
    name: text('Name as written on signs, e.g. "P-hus Nord (P1)".'),
    location: text('Where the area is and how to drive to it.'),
    nearestEntrances: z
      .array(slugSchema)
      .min(1, 'Angiv mindst én indgang')
      .describe('Ids of the nearest entrances (must exist in sections.wayfinding.entrances).'),
    spaces: z.int().positive().describe('Number of parking spaces.').optional(),
    priceRules: textList(
      'Price rules in reading order, one per item, e.g. "Første time gratis", "Derefter 15 kr. pr. påbegyndt time", "Maks. 120 kr. pr. døgn". Free areas say so ("Gratis").',
    ).min(1, 'Angiv mindst én prisregel (skriv "Gratis", hvis det er gratis)'),
    payment: textList(
      'Ways to pay or register, e.g. "ParkOne (demo)", "Betalingsautomat ved elevatoren (betalingskort)". Empty for free areas without registration.',
    ),
    disabledSpaces: z.int().nonnegative().describe('Number of disabled parking spaces (handicap-pladser).').optional(),
    evChargers: z.int().nonnegative().describe('Number of charging points for electric cars.').optional(),
    maxStay: text('Maximum parking time, e.g. "3 timer med P-skive".').optional(),
    notes: textList('Other things drivers should know about this area.').optional(),
  })
  .describe('One car park or parking area.');

export const parkingSectionSchema = z
  .strictObject({
    url: pageUrlSchema.describe('Page with parking information, e.g. "/demo/fjordby/praktisk/parkering".'),
    title: text('Page title, e.g. "Parkering".'),
    summary: text('Two or three sentences answering "where do I park and what does it cost?".'),
    areas: z.array(parkingAreaSchema).min(1, 'Angiv mindst ét parkeringsområde').describe('Parking areas.'),
    dropOff: text('Where a driver can drop off and pick up a patient.'),
    disabledParking: text('Disabled parking: where, and the rules (e.g. parking card in the window).'),
    evCharging: text('Charging for electric cars: where, how to pay.'),
    rules: textList(
      'General rules: control fees, registering the number plate, week tickets for long admissions, etc.',
    ),
    bicycle: text('Bicycle parking.').optional(),
  })
  .describe('Parking section.');

// ---------------------------------------------------------------------------------------------
// Transport
// ---------------------------------------------------------------------------------------------

export const busConnectionSchema = z
  .strictObject({
    lines: z
      .array(text('Line number or name, e.g. "14".'))
      .min(1, 'Angiv mindst én buslinje')
      .describe('Bus lines that stop here, e.g. ["1A", "14"].'),
    stop: text('Name of the stop, e.g. "Fjordby Universitetshospital".'),
    walkMinutes: z.int().nonnegative().describe('Minutes on foot from the stop to the nearest entrance.'),
    notes: text('Which entrance the stop is nearest, frequency, etc.').optional(),
  })
  .describe('One bus stop and the lines serving it.');

export const trainConnectionSchema = z
  .strictObject({
    station: text('Station name, e.g. "Fjordby Station".'),
    howToGetThere: text('How to get from the station to the hospital (bus line, walking time).'),
  })
  .describe('A train station near the hospital.');

export const transportSectionSchema = z
  .strictObject({
    url: pageUrlSchema.describe('Page with transport information, e.g. "/demo/fjordby/praktisk/transport".'),
    title: text('Page title, e.g. "Transport til hospitalet".'),
    summary: text('Two or three sentences answering "how do I get there without a car?".'),
    bus: z.array(busConnectionSchema).describe('Bus stops near the hospital.'),
    trains: z.array(trainConnectionSchema).describe('Train stations near the hospital.'),
    taxi: text('Taxi rank / how to order a taxi.').optional(),
    patientTransport: text(
      'Patient transport (befordring): who can get free transport or reimbursement, and how and when to book.',
    ),
  })
  .describe('Transport section.');

// ---------------------------------------------------------------------------------------------
// Way-finding
// ---------------------------------------------------------------------------------------------

export const entranceSchema = z
  .strictObject({
    id: slugSchema.describe('Entrance slug, e.g. "indgang-3". Referenced by departments and parking areas.'),
    name: text('Name as written on signs, e.g. "Indgang 3".'),
    description: text('Where the entrance is and what you meet inside.'),
    openingHours: text('When the doors are open, e.g. "Hverdage kl. 6.30–18.00".').optional(),
    serves: textList('What the entrance leads to, in lay words, e.g. "Ortopædkirurgisk ambulatorium".'),
  })
  .describe('One entrance.');

export const departmentSchema = z
  .strictObject({
    id: slugSchema.describe('Department slug, e.g. "ortopaedkirurgi". Stable: other data links to it.'),
    name: text('Official name, e.g. "Ortopædkirurgisk Ambulatorium A".'),
    aliases: textList(
      'Words citizens use: lay words, body parts, abbreviations, examinations, e.g. "ortopæd", "knæ og hofte", "røntgen".',
    ),
    building: text('Building name, e.g. "Hovedbygningen".'),
    entrance: slugSchema.describe('Id of the entrance to use (must exist in entrances).'),
    floor: text('Floor in plain Danish, lower case because it is used mid-sentence, e.g. "stueetagen", "2. sal", "kælderen".'),
    route: text('How to walk from the entrance, e.g. "Følg den grønne linje".').optional(),
    phone: phoneSchema.describe('Phone number patients should call.'),
    phoneHours: text('When the phone is answered, e.g. "Hverdage kl. 8.00–14.00".'),
    openingHours: text('When the department receives patients.').optional(),
    pinfoTopics: z
      .array(slugSchema)
      .describe(
        'Patient-information topics the department handles, in slug form (e.g. "koloskopi"); linked to /demo/<hospital>/pinfo/<slug> when such a page exists.',
      )
      .optional(),
  })
  .describe('One department, clinic or service citizens may need to find.');

export const wayfindingSectionSchema = z
  .strictObject({
    url: pageUrlSchema.describe('Page with way-finding information, e.g. "/demo/fjordby/praktisk/find-vej".'),
    title: text('Page title, e.g. "Find vej".'),
    summary: text('Two or three sentences on how the hospital is laid out.'),
    entrances: z.array(entranceSchema).min(1, 'Angiv mindst én indgang').describe('Entrances.'),
    departments: z.array(departmentSchema).min(1, 'Angiv mindst én afdeling').describe('Departments.'),
  })
  .describe('Way-finding section.');

// ---------------------------------------------------------------------------------------------
// Visiting
// ---------------------------------------------------------------------------------------------

export const visitingHoursSchema = z
  .strictObject({
    area: text('Ward or area, e.g. "Sengeafsnit generelt", "Børnehospitalet".'),
    hours: text('Visiting hours / who may visit, in plain Danish.'),
  })
  .describe('Visiting hours for one ward or area.');

export const visitingSectionSchema = z
  .strictObject({
    url: pageUrlSchema.describe('Page with visiting information, e.g. "/demo/fjordby/praktisk/besoeg".'),
    title: text('Page title, e.g. "Besøg".'),
    summary: text('Two or three sentences on visiting.'),
    hours: z.array(visitingHoursSchema).min(1, 'Angiv mindst én besøgstid').describe('Visiting hours per area.'),
    rules: textList('Rules and good advice for visitors.'),
    overnightForRelatives: text('Whether and how relatives can stay overnight.').optional(),
  })
  .describe('Visiting section.');

// ---------------------------------------------------------------------------------------------
// Facilities
// ---------------------------------------------------------------------------------------------

export const facilitySchema = z
  .strictObject({
    name: text('Name, e.g. "Café Fjordlys", "Stilleværelse", "Gæste-wifi".'),
    location: text('Where it is (entrance, floor).'),
    openingHours: text('Opening hours, e.g. "Hverdage kl. 7.30–19.00" or "Døgnet rundt".'),
    description: text('What it offers, prices/payment where relevant.'),
  })
  .describe('One facility (café, kiosk, silent room, patient hotel, wifi, lockers, ...).');

export const facilitiesSectionSchema = z
  .strictObject({
    url: pageUrlSchema.describe('Page with facilities, e.g. "/demo/fjordby/praktisk/faciliteter".'),
    title: text('Page title, e.g. "Faciliteter".'),
    summary: text('One or two sentences introducing the facilities.').optional(),
    items: z.array(facilitySchema).min(1, 'Angiv mindst én facilitet').describe('Facilities.'),
  })
  .describe('Facilities section.');

// ---------------------------------------------------------------------------------------------
// Contact
// ---------------------------------------------------------------------------------------------

export const contactSectionSchema = z
  .strictObject({
    url: pageUrlSchema.describe('Contact page, e.g. "/demo/fjordby/praktisk/kontakt".'),
    title: text('Page title, e.g. "Kontakt".'),
    summary: text('One or two sentences on how to contact the hospital.').optional(),
    switchboard: phoneSchema.describe('Switchboard number.'),
    switchboardHours: text('When the switchboard answers.'),
    email: z
      .email('Ugyldig e-mailadresse')
      .describe('General e-mail address (no health information by ordinary e-mail), e.g. "kontakt@fjordby.demo".')
      .optional(),
    patientOffice: text('Patient office / patient counselling: what they help with and how to reach them.').optional(),
    lostAndFound: text('Lost and found: where to ask.').optional(),
  })
  .describe('Contact section.');

// ---------------------------------------------------------------------------------------------
// Whole file
// ---------------------------------------------------------------------------------------------

export const practicalSectionsSchema = z
  .strictObject({
    parking: parkingSectionSchema,
    transport: transportSectionSchema,
    wayfinding: wayfindingSectionSchema,
    visiting: visitingSectionSchema,
    facilities: facilitiesSectionSchema,
    contact: contactSectionSchema,
  })
  .describe('Practical topics; each has its own page url that citations link to.');

/** Section key → URL slug under `<hospital.url>/praktisk/`. */
export const practicalSectionSlugs = {
  parking: 'parkering',
  transport: 'transport',
  wayfinding: 'find-vej',
  visiting: 'besoeg',
  facilities: 'faciliteter',
  contact: 'kontakt',
} as const satisfies Record<keyof z.infer<typeof practicalSectionsSchema>, string>;

export type PracticalSectionKey = keyof typeof practicalSectionSlugs;

/** Site path of a section page for a hospital served by the demo, e.g. `/demo/fjordby/praktisk/find-vej`. */
export function practicalSectionUrl(hospitalUrl: string, section: PracticalSectionKey): string {
  return `${hospitalUrl.replace(/\/+$/, '')}/praktisk/${practicalSectionSlugs[section]}`;
}

function duplicates(values: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) dupes.add(v);
    seen.add(v);
  }
  return dupes;
}

export const practicalInfoSchema = z
  .strictObject({
    lastReviewed: z.iso
      .date('Dato skal skrives som ÅÅÅÅ-MM-DD')
      .describe('Date an editor last checked the content (YYYY-MM-DD).')
      .optional(),
    hospital: hospitalSchema,
    sections: practicalSectionsSchema,
  })
  .superRefine((info, ctx) => {
    const { hospital, sections } = info;
    const wf = sections.wayfinding;

    // Demo hospitals are served by the demo: url and section urls follow a fixed pattern.
    if (hospital.demo) {
      const expectedHospitalUrl = `/demo/${hospital.id}`;
      if (hospital.url !== expectedHospitalUrl) {
        ctx.addIssue({
          code: 'custom',
          path: ['hospital', 'url'],
          message: `Demo-hospital skal have url "${expectedHospitalUrl}"`,
        });
      }
      for (const key of Object.keys(practicalSectionSlugs) as PracticalSectionKey[]) {
        const expected = practicalSectionUrl(expectedHospitalUrl, key);
        if (sections[key].url !== expected) {
          ctx.addIssue({
            code: 'custom',
            path: ['sections', key, 'url'],
            message: `Demo-sektionen skal have url "${expected}"`,
          });
        }
      }
    }

    // Ids must be unique within their list.
    const uniqueIds = (ids: readonly string[], path: (string | number)[], what: string) => {
      for (const id of duplicates(ids)) {
        ctx.addIssue({ code: 'custom', path, message: `${what} "${id}" findes flere gange` });
      }
    };
    uniqueIds(
      wf.entrances.map((e) => e.id),
      ['sections', 'wayfinding', 'entrances'],
      'Indgangs-id',
    );
    uniqueIds(
      wf.departments.map((d) => d.id),
      ['sections', 'wayfinding', 'departments'],
      'Afdelings-id',
    );
    uniqueIds(
      sections.parking.areas.map((a) => a.id),
      ['sections', 'parking', 'areas'],
      'Parkerings-id',
    );

    // Entrance references must resolve.
    const entranceIds = new Set(wf.entrances.map((e) => e.id));
    wf.departments.forEach((d, i) => {
      if (!entranceIds.has(d.entrance)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sections', 'wayfinding', 'departments', i, 'entrance'],
          message: `Ukendt indgang "${d.entrance}"`,
        });
      }
    });
    sections.parking.areas.forEach((a, i) => {
      a.nearestEntrances.forEach((e, j) => {
        if (!entranceIds.has(e)) {
          ctx.addIssue({
            code: 'custom',
            path: ['sections', 'parking', 'areas', i, 'nearestEntrances', j],
            message: `Ukendt indgang "${e}"`,
          });
        }
      });
    });
  })
  .describe("One hospital's practical information.");

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

export type Address = z.infer<typeof addressSchema>;
export type Hospital = z.infer<typeof hospitalSchema>;
export type ParkingArea = z.infer<typeof parkingAreaSchema>;
export type ParkingSection = z.infer<typeof parkingSectionSchema>;
export type BusConnection = z.infer<typeof busConnectionSchema>;
export type TrainConnection = z.infer<typeof trainConnectionSchema>;
export type TransportSection = z.infer<typeof transportSectionSchema>;
export type Entrance = z.infer<typeof entranceSchema>;
export type Department = z.infer<typeof departmentSchema>;
export type WayfindingSection = z.infer<typeof wayfindingSectionSchema>;
export type VisitingHours = z.infer<typeof visitingHoursSchema>;
export type VisitingSection = z.infer<typeof visitingSectionSchema>;
export type Facility = z.infer<typeof facilitySchema>;
export type FacilitiesSection = z.infer<typeof facilitiesSectionSchema>;
export type ContactSection = z.infer<typeof contactSectionSchema>;
export type PracticalSections = z.infer<typeof practicalSectionsSchema>;
export type PracticalInfo = z.infer<typeof practicalInfoSchema>;
