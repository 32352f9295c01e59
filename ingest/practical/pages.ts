// Renders a hospital's structured practical information as readable pages (one per section), the
// same shape a parsed web page has: the demo site shows them, and the chunker indexes them, so the
// text a citizen is quoted is exactly the text on the page the citation opens.
import type { PracticalRecord } from '../../src/search/search-index.js';
import type { PageBlock, ParsedPage } from '../pages/parse-html.js';
import type { PracticalInfo } from './schema.js';

/** Drops unset fields, so a record holds only what the file says. */
function record(kind: PracticalRecord['kind'], fields: Record<string, string | number | string[] | undefined>): PracticalRecord {
  return { kind, fields: Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string | number | string[]] => entry[1] !== undefined)) };
}

const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

export function practicalPages(info: PracticalInfo): ParsedPage[] {
  const { hospital, sections } = info;
  const entranceName = new Map(sections.wayfinding.entrances.map((entrance) => [entrance.id, entrance.name]));
  const nameOf = (id: string) => entranceName.get(id) ?? id;

  type Add = (heading: string | null, ...texts: (string | undefined)[]) => void;
  type Keep = (heading: string, kept: PracticalRecord) => void;
  const page = (url: string, title: string, build: (add: Add, keep: Keep) => void): ParsedPage => {
    const blocks: PageBlock[] = [];
    const records: Record<string, PracticalRecord> = {};
    build((heading, ...texts) => {
      for (const text of texts) {
        if (text === undefined || text.trim() === '') continue;
        blocks.push({ headingPath: heading === null ? [title] : [title, heading], text: text.trim() });
      }
    }, (heading, kept) => {
      records[heading] = kept;
    });
    return {
      url,
      title,
      language: 'da',
      hospital: hospital.id,
      ...(info.lastReviewed !== undefined && { reviewedOn: info.lastReviewed }),
      blocks,
      ...(Object.keys(records).length > 0 && { records }),
    };
  };

  const { parking, transport, wayfinding, visiting, facilities, contact } = sections;
  return [
    page(parking.url, parking.title, (add, keep) => {
      add(null, parking.summary);
      for (const area of parking.areas) {
        keep(
          area.name,
          record('parking-area', {
            name: area.name,
            location: area.location,
            nearestEntrances: area.nearestEntrances.map(nameOf),
            spaces: area.spaces,
            priceRules: area.priceRules,
            payment: area.payment,
            disabledSpaces: area.disabledSpaces,
            evChargers: area.evChargers,
            maxStay: area.maxStay,
          }),
        );
        add(
          area.name,
          `Du kan parkere i ${area.name}. ${sentence(area.location)}`,
          `Nærmeste indgang: ${area.nearestEntrances.map(nameOf).join(', ')}.`,
          area.spaces === undefined ? undefined : `Antal pladser: ${area.spaces}.`,
          `Pris: ${area.priceRules.map((rule) => rule.trim().replace(/\.$/, '')).join('. ')}.`,
          area.payment.length === 0 ? undefined : `Betaling: ${area.payment.map((way) => way.replace(/\.$/, '')).join('. ')}.`,
          area.disabledSpaces === undefined ? undefined : `Handicappladser: ${area.disabledSpaces}.`,
          area.evChargers === undefined ? undefined : `Ladestandere til elbiler: ${area.evChargers}.`,
          area.maxStay === undefined ? undefined : `Længste parkeringstid: ${sentence(area.maxStay)}`,
          ...(area.notes ?? []).map((note) => `• ${note}`),
        );
      }
      add('Aflevering og afhentning', parking.dropOff);
      add('Handicapparkering', parking.disabledParking);
      add('Opladning af elbil', parking.evCharging);
      add('Regler for parkering', ...parking.rules.map((rule) => `• ${rule}`));
      add('Cykelparkering', parking.bicycle);
    }),
    page(transport.url, transport.title, (add) => {
      add(null, transport.summary);
      for (const bus of transport.bus) {
        const lines = bus.lines.length === 1 ? `Bus ${bus.lines[0]} stopper` : `Busserne ${bus.lines.join(', ')} stopper`;
        add('Bus', `${lines} ved stoppestedet ${bus.stop}. Derfra går du ${bus.walkMinutes} minutter. ${bus.notes === undefined ? '' : sentence(bus.notes)}`.trim());
      }
      for (const train of transport.trains) add('Tog', `${train.station}: ${sentence(train.howToGetThere)}`);
      add('Taxa', transport.taxi);
      add('Befordring (kørsel til og fra hospitalet)', transport.patientTransport);
    }),
    page(wayfinding.url, wayfinding.title, (add, keep) => {
      add(null, wayfinding.summary);
      for (const entrance of wayfinding.entrances) {
        keep(entrance.name, record('entrance', { name: entrance.name, description: entrance.description, openingHours: entrance.openingHours, serves: entrance.serves }));
        add(
          entrance.name,
          entrance.description,
          entrance.openingHours === undefined ? undefined : `Åbent: ${sentence(entrance.openingHours)}`,
          entrance.serves.length === 0 ? undefined : `Her kommer du til: ${entrance.serves.join(', ')}.`,
        );
      }
      for (const department of wayfinding.departments) {
        keep(
          department.name,
          record('department', {
            name: department.name,
            aliases: department.aliases,
            building: department.building,
            entrance: nameOf(department.entrance),
            floor: department.floor,
            route: department.route,
            phone: department.phone,
            phoneHours: department.phoneHours,
            openingHours: department.openingHours,
          }),
        );
        add(
          department.name,
          `${department.name} ligger i ${department.building}, ${nameOf(department.entrance)}, ${department.floor}.`,
          department.route === undefined ? undefined : sentence(department.route),
          `Telefon ${department.phone} (${department.phoneHours.replace(/\.$/, '')}).`,
          department.openingHours === undefined ? undefined : `Åbningstid: ${sentence(department.openingHours)}`,
          department.aliases.length === 0 ? undefined : `Kaldes også: ${department.aliases.join(', ')}.`,
        );
      }
    }),
    page(visiting.url, visiting.title, (add, keep) => {
      add(null, visiting.summary);
      keep('Besøgstider', record('visiting-hours', { hours: visiting.hours.map((hours) => `${hours.area}: ${hours.hours}`) }));
      add('Besøgstider', ...visiting.hours.map((hours) => `${hours.area}: ${sentence(hours.hours)}`));
      add('Gode råd og regler for besøg', ...visiting.rules.map((rule) => `• ${rule}`));
      add('Overnatning for pårørende', visiting.overnightForRelatives);
    }),
    page(facilities.url, facilities.title, (add, keep) => {
      add(null, facilities.summary);
      for (const item of facilities.items) {
        keep(item.name, record('facility', { name: item.name, location: item.location, openingHours: item.openingHours, description: item.description }));
        add(item.name, sentence(item.description), `Hvor: ${sentence(item.location)}`, `Åbent: ${sentence(item.openingHours)}`);
      }
    }),
    page(contact.url, contact.title, (add, keep) => {
      add(null, contact.summary);
      keep('Hospitalets omstilling', record('switchboard', { phone: contact.switchboard, hours: contact.switchboardHours }));
      add('Hospitalets omstilling', `Ring til omstillingen på ${contact.switchboard}. ${sentence(contact.switchboardHours)}`);
      add('E-mail', contact.email === undefined ? undefined : `Skriv til ${contact.email}. Skriv ikke om dit helbred i en almindelig e-mail.`);
      add('Patientkontoret', contact.patientOffice);
      add('Glemte sager', contact.lostAndFound);
    }),
  ];
}
