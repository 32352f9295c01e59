// Answers a question about the logged-in patient's own appointments: the appointments come from the
// store by the identifier of the verified login (never from the message), joined with the hospital's
// practical records (department, entrance, parking, bus) and the patient-information page for that
// kind of visit, each cited. The answer is composed from fixed wording and quoted facts: no chat model
// sees appointment data, so the identifier cannot reach one.
//
// Protected name and address ("navne- og adressebeskyttelse"), as decided for what we show: the
// patient's name is never shown (to anyone, protected or not: answers are stored in the transcript
// staff read), and for a protected patient nothing from the booking's free text is shown either (its
// location description and instruction can hold a home address, e.g. for a home visit or transport);
// the place is then given only from the hospital's own published records.
import type { HospitalName } from '../answer/question.js';
import { mentionedHospital } from '../answer/question.js';
import type { SupportedLanguage } from '../language/languages.js';
import type { Logger } from '../logger.js';
import { scanForInjection } from '../safety/injection.js';
import { redactPersonalData } from '../safety/redact.js';
import type { Chunk, SearchIndex } from '../search/search-index.js';
import type { AppointmentAspect, AppointmentQuestion } from './appointment-question.js';
import { danishDay } from './appointment-question.js';
import type { StoredAppointment } from './appointment-store.js';
import { appointmentTexts, type AppointmentTexts } from './appointment-texts.js';
import type { PatientIdentity, PatientLookupMiss } from './patient-sessions.js';

/** What the answer needs of the appointment store. */
export interface AppointmentReader {
  forPatient(patientIdentifier: string): Promise<StoredAppointment[]>;
  lastImportAt(): Promise<string | null>;
}

/** The same shape as the answer core's citation. */
export interface AppointmentCitation {
  n: number;
  chunkId: string;
  title: string;
  url: string;
  excerpt: string;
}

export interface AppointmentAnswer {
  /** False when the patient must log in (again): nothing personal was read. */
  answered: boolean;
  text: string;
  citations: AppointmentCitation[];
}

/** The patient bound to the chat, or why there is none. */
export type PatientContext = { identity: PatientIdentity } | { identity: undefined; miss: PatientLookupMiss };

/** What the guardrails saw in the message; logged (without identifiers) when it tried to reach further. */
export interface AttemptSignals {
  /** The message held an identifier (a CPR number): it is never used to choose whose appointments are read. */
  identifierInMessage: boolean;
  /** The message tried to override the rules ("ignore…", "as admin…"). */
  instructionOverride: boolean;
}

export interface AppointmentAnswererDependencies {
  appointments: AppointmentReader;
  index: SearchIndex;
  hospitals: readonly HospitalName[];
  logger: Logger;
  now: () => Date;
}

const over = new Set(['cancelled', 'entered-in-error', 'noshow', 'fulfilled']);
/** Longest list shown for "all my appointments". */
const maxListed = 8;
const timeZone = 'Europe/Copenhagen';
const adminWords = /\b(admin|administrator|superuser|staff|personale|alle patienter|all patients|alle patienten)\b/i;

const fold = (text: string) => text.normalize('NFC').toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa').replace(/\s+/g, ' ').trim();
const field = (chunk: Chunk | undefined, name: string): string | undefined => {
  const value = chunk?.record?.fields[name];
  return value === undefined ? undefined : Array.isArray(value) ? value.join('. ') : String(value);
};
const stripStop = (text: string) => text.trim().replace(/\.$/, '');
/** Words of a clinic or service name that say what it is (not "ambulatorium", "afdeling"). */
const distinctive = (text: string | null) =>
  fold(text ?? '').split(/[^a-z0-9æøå]+/).filter((word) => word.length >= 5 && !/^(ambulatori|afdeling|afsnit|klinik|sygehus|hospital|universitet|samtale|kontrol|undersoeg|operation|foerste)/.test(word));

const aspectSentence: Partial<Record<AppointmentAspect, RegExp>> = {
  fasting: /(\bfast|\bmå (ikke )?(spise|drikke)|spise eller drikke|tyggegummi|klare væsker)/i,
  bring: /(medbring|\btag\b.*\bmed\b|\btage\b.*\bmed\b|\bhave\b.*\bmed\b)/i,
  preparation: /\b(forbered|før undersøgelsen|før operationen|dagen før|udrensning)/i,
};

const marker = '\u0000';
/** The start of every language's "data as of" line: the last line of every appointment answer. */
const dataAsOfStarts = Object.values(appointmentTexts).flatMap((texts) => [texts.dataAsOf(marker).split(marker)[0] as string, texts.dataAsOfUnknown]);

/**
 * What of an earlier appointment answer may be handed on as conversation history (to a chat model
 * among others): the appointment lines only (date, time, clinic, hospital), none of the booking's free
 * text. Undefined when `text` is not an appointment answer.
 */
export function appointmentAnswerForHistory(text: string): string | undefined {
  const lines = text.split('\n');
  const last = lines.at(-1) ?? '';
  if (!dataAsOfStarts.some((start) => last.startsWith(start))) return undefined;
  return lines.filter((line) => line.startsWith('• ')).join('\n');
}

export class AppointmentAnswerer {
  constructor(private readonly dependencies: AppointmentAnswererDependencies) {}

  async answer(question: AppointmentQuestion, patient: PatientContext | undefined, language: SupportedLanguage, signals: AttemptSignals): Promise<AppointmentAnswer> {
    const { logger } = this.dependencies;
    const texts = appointmentTexts[language];
    if (patient?.identity === undefined) {
      const miss = patient?.miss ?? 'none';
      logger.info({ event: 'appointment-refused', reason: miss === 'none' ? 'not-logged-in' : `login-${miss}`, ...this.attempts(signals) }, 'personal question without a valid login');
      return { answered: false, text: miss === 'none' ? texts.loginNeeded : texts.loginAgain, citations: [] };
    }
    const attempted = signals.identifierInMessage || signals.instructionOverride || adminWords.test(question.words.join(' '));
    if (attempted) logger.warn({ event: 'appointment-attempt-ignored', ...this.attempts(signals), scope: question.scope }, "only the logged-in patient's own appointments are read");

    const now = this.dependencies.now();
    const all = await this.dependencies.appointments.forPatient(patient.identity.identifier);
    const upcoming = all.filter((a) => !over.has(a.status) && a.startsAt !== null && new Date(a.endsAt ?? a.startsAt).getTime() > now.getTime());
    const chosen = this.choose(question, upcoming);
    logger.info({ event: 'appointment-answered', scope: question.scope, aspects: question.aspects, upcoming: upcoming.length, shown: chosen.length }, 'appointment question answered');

    const citations: AppointmentCitation[] = [];
    const cite = (chunk: Chunk, excerpt: string): number => {
      const known = citations.find((citation) => citation.chunkId === chunk.id);
      if (known !== undefined) return known.n;
      citations.push({ n: citations.length + 1, chunkId: chunk.id, title: chunk.title, url: chunk.url, excerpt });
      return citations.length;
    };
    const lines: string[] = [];
    if (attempted) lines.push(texts.onlyOwn);
    const dayText = question.date === undefined ? '' : this.formatDay(question.date, texts);
    if (chosen.length === 0) {
      lines.push(question.scope === 'date' ? texts.noneOnDay(dayText) : texts.noUpcoming);
    } else {
      lines.push(question.scope === 'all' ? texts.all(chosen.length) : question.scope === 'date' ? texts.onDay(dayText) : texts.next);
      const detailed = question.scope === 'all' ? chosen.slice(0, 1) : chosen;
      for (const appointment of chosen.slice(0, maxListed)) {
        lines.push(`• ${this.summary(appointment, texts)}`);
        if (detailed.includes(appointment)) lines.push(...(await this.details(appointment, question.aspects, patient.identity, texts, cite)));
      }
    }
    const imported = await this.dependencies.appointments.lastImportAt();
    lines.push(imported === null ? texts.dataAsOfUnknown : texts.dataAsOf(new Intl.DateTimeFormat(texts.locale, { timeZone, dateStyle: 'long', timeStyle: 'short' }).format(new Date(imported))));
    return { answered: true, text: lines.join('\n'), citations };
  }

  private attempts(signals: AttemptSignals) {
    return { identifierInMessage: signals.identifierInMessage, instructionOverride: signals.instructionOverride };
  }

  /** The appointments the question is about, soonest first. */
  private choose(question: AppointmentQuestion, upcoming: StoredAppointment[]): StoredAppointment[] {
    if (question.scope === 'date') return upcoming.filter((a) => danishDay(new Date(a.startsAt as string)) === question.date);
    // "min tid på Hjerteambulatoriet": the appointments at a clinic the question names.
    // The clinic named most fully wins: "Ortopædkirurgisk Dagkirurgi" is not "Ortopædkirurgisk Ambulatorium".
    const asked = question.words.map(fold).filter((word) => word.length >= 5);
    const score = (a: StoredAppointment) =>
      [...new Set([a.department, a.service, a.locationName].flatMap(distinctive))].filter((word) => asked.some((w) => w.startsWith(word.slice(0, 6)) || word.startsWith(w.slice(0, 6)))).length;
    const best = Math.max(0, ...upcoming.map(score));
    const pool = best > 0 ? upcoming.filter((a) => score(a) === best) : upcoming;
    return question.scope === 'all' ? pool : pool.slice(0, 1);
  }

  private formatDay(day: string, texts: AppointmentTexts): string {
    return new Intl.DateTimeFormat(texts.locale, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${day}T12:00:00Z`));
  }

  /** "tirsdag den 8. december 2026 kl. 08.30: Koloskopi, Endoskopiafsnittet …, Fjordby Universitetshospital". */
  private summary(appointment: StoredAppointment, texts: AppointmentTexts): string {
    const when = new Intl.DateTimeFormat(texts.locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(appointment.startsAt as string));
    const clinic = appointment.department ?? appointment.locationName;
    // "Blodprøvetagning, Blodprøvetagning (Klinisk Biokemisk Afdeling)" says it twice.
    const service = appointment.service !== null && clinic?.startsWith(appointment.service) ? null : appointment.service;
    const what = [service, clinic, appointment.hospital].filter((part): part is string => part !== null && part !== '');
    return `${when}: ${what.join(', ')}`;
  }

  private async details(
    appointment: StoredAppointment,
    aspects: readonly AppointmentAspect[],
    identity: PatientIdentity,
    texts: AppointmentTexts,
    cite: (chunk: Chunk, excerpt: string) => number,
  ): Promise<string[]> {
    const hospital = appointment.hospital === null ? undefined : mentionedHospital(appointment.hospital, this.dependencies.hospitals)?.id;
    const wanted = new Set<AppointmentAspect>(aspects.length === 0 ? ['where', 'parking'] : aspects);
    const lines: string[] = [];
    const department = await this.department(appointment, hospital);
    if (wanted.has('where')) {
      if (department !== undefined) {
        const place = `${stripStop(field(department, 'name') ?? '')}: ${stripStop(field(department, 'building') ?? '')}, ${stripStop(field(department, 'entrance') ?? '')}, ${stripStop(field(department, 'floor') ?? '')}.`;
        const route = field(department, 'route');
        const excerpt = `${place}${route === undefined ? '' : ` ${route}`}`;
        lines.push(`${texts.place} ${excerpt} [${cite(department, excerpt)}]`);
      } else if (identity.protectedAddress === true) {
        lines.push(texts.protectedNote);
      } else if (appointment.locationDescription !== null) {
        lines.push(`${texts.fromBooking} ${redactPersonalData(appointment.locationDescription)}`);
      }
    }
    const entrance = field(department, 'entrance');
    if (wanted.has('parking') && hospital !== undefined) {
      const area = await this.parking(hospital, entrance);
      if (area !== undefined) {
        const excerpt = `${stripStop(field(area, 'name') ?? '')}: ${stripStop(field(area, 'location') ?? '')}. ${stripStop(field(area, 'priceRules') ?? '')}.`;
        lines.push(`${texts.parking} ${excerpt} [${cite(area, excerpt)}]`);
      }
    }
    if (wanted.has('transport') && hospital !== undefined) {
      const bus = await this.transport(hospital, entrance);
      if (bus !== undefined) lines.push(`${texts.transport} ${bus.text} [${cite(bus.chunk, bus.text)}]`);
    }
    const preparing = (['fasting', 'bring', 'preparation'] as const).filter((aspect) => wanted.has(aspect));
    if (preparing.length > 0 || aspects.length === 0) {
      if (identity.protectedAddress === true) {
        if (!lines.includes(texts.protectedNote)) lines.push(texts.protectedNote);
      }
      else if (appointment.instruction !== null) lines.push(`${texts.fromBooking} ${redactPersonalData(appointment.instruction)}`);
    }
    if (preparing.length > 0) {
      const information = await this.information(appointment, hospital, preparing);
      if (information.length === 0) lines.push(texts.noInformation);
      else {
        lines.push(texts.information);
        for (const { chunk, sentences } of information) lines.push(`${sentences.join(' ')} [${cite(chunk, sentences.join(' '))}]`);
      }
    }
    if (wanted.has('change')) {
      const phone = field(department, 'phone');
      // No record of the clinic: the hospital's switchboard puts the patient through.
      const switchboard = department === undefined || phone === undefined ? await this.switchboard(hospital) : undefined;
      const switchboardPhone = field(switchboard, 'phone');
      if (department !== undefined && phone !== undefined) {
        lines.push(`${texts.change(stripStop(field(department, 'name') ?? ''), phone, field(department, 'phoneHours'))} [${cite(department, `${field(department, 'name')}: telefon ${phone}`)}]`);
      } else if (switchboard !== undefined && switchboardPhone !== undefined) {
        lines.push(`${texts.change(appointment.hospital ?? '', switchboardPhone, field(switchboard, 'hours'))} [${cite(switchboard, `Omstillingen: ${switchboardPhone}`)}]`);
      } else lines.push(texts.changeNoPhone);
    }
    return lines;
  }

  /** The hospital's record of the department the appointment is at; only an exact name match counts (a wrong one would send the patient astray). */
  private async department(appointment: StoredAppointment, hospital: string | undefined): Promise<Chunk | undefined> {
    const names = [appointment.department, appointment.locationName].filter((name): name is string => name !== null).map(fold);
    if (names.length === 0) return undefined;
    const hits = await this.dependencies.index.search({ text: [appointment.department, appointment.locationName].filter(Boolean).join(' '), ...(hospital !== undefined && { hospital }), limit: 40 });
    return hits.map((hit) => hit.chunk).find((chunk) => chunk.record?.kind === 'department' && (hospital === undefined || chunk.hospital === hospital) && names.includes(fold(field(chunk, 'name') ?? '')));
  }

  private async switchboard(hospital: string | undefined): Promise<Chunk | undefined> {
    if (hospital === undefined) return undefined;
    const hits = await this.dependencies.index.search({ text: 'omstilling omstillingen telefon', hospital, limit: 20 });
    return hits.map((hit) => hit.chunk).find((chunk) => chunk.record?.kind === 'switchboard' && chunk.hospital === hospital);
  }

  /** The parking area nearest the department's entrance, else the hospital's first. */
  private async parking(hospital: string, entrance: string | undefined): Promise<Chunk | undefined> {
    const hits = await this.dependencies.index.search({ text: `parkering ${entrance ?? ''}`, hospital, limit: 40 });
    const areas = hits.map((hit) => hit.chunk).filter((chunk) => chunk.record?.kind === 'parking-area' && chunk.hospital === hospital);
    const entrancesOf = (chunk: Chunk) => (chunk.record?.fields['nearestEntrances'] as string[] | undefined) ?? [];
    // An area whose nearest entrance is this one beats an area that merely lists it.
    const nearest = entrance === undefined ? undefined : areas.find((chunk) => entrancesOf(chunk)[0] === entrance);
    const near = entrance === undefined ? undefined : areas.find((chunk) => entrancesOf(chunk).includes(entrance));
    return nearest ?? near ?? areas[0];
  }

  /** The bus stop nearest the entrance ("Nærmest Indgang 3"), else the hospital's first bus passage. */
  private async transport(hospital: string, entrance: string | undefined): Promise<{ chunk: Chunk; text: string } | undefined> {
    const short = entrance?.split(' – ')[0];
    const hits = await this.dependencies.index.search({ text: `bus stoppested ${short ?? ''}`, hospital, limit: 40 });
    const buses = hits.map((hit) => hit.chunk).filter((chunk) => chunk.source === 'practical' && chunk.hospital === hospital && chunk.headingPath[1] === 'Bus');
    // One passage holds every stop, a line each: quote the stops by this entrance.
    const stops = buses.flatMap((chunk) => chunk.text.split('\n').map((line) => ({ chunk, text: line.trim() }))).filter((stop) => stop.text !== '');
    return (short === undefined ? undefined : stops.find((stop) => new RegExp(`\\b${short}\\b`).test(stop.text))) ?? stops[0];
  }

  /**
   * Sentences about fasting, what to bring or preparation from the patient-information page for
   * this kind of visit. A sentence that tries to give the chatbot instructions is never quoted.
   */
  private async information(appointment: StoredAppointment, hospital: string | undefined, aspects: readonly AppointmentAspect[]): Promise<{ chunk: Chunk; sentences: string[] }[]> {
    const subject = distinctive(appointment.service).concat(distinctive(appointment.description));
    if (subject.length === 0) return [];
    const aspectWords = aspects.map((aspect) => ({ fasting: 'faste spise drikke', bring: 'medbring tag med', preparation: 'forberedelse før' })[aspect as 'fasting']).join(' ');
    const hits = await this.dependencies.index.search({ text: `${appointment.service ?? ''} ${aspectWords}`, ...(hospital !== undefined && { hospital }), limit: 40 });
    const about = (chunk: Chunk) => subject.some((word) => fold(`${chunk.title} ${chunk.headingPath.join(' ')}`).includes(word.slice(0, Math.max(5, word.length - 2))));
    const local = (chunk: Chunk) => chunk.source === 'pinfo' && (chunk.hospital === undefined || chunk.hospital === hospital);
    // A page on what comes after ("Efter din skulderoperation") does not say how to prepare.
    const before = (chunk: Chunk) => !/^efter\b/i.test(chunk.title);
    let pages = hits.map((hit) => hit.chunk).filter((chunk) => local(chunk) && about(chunk) && before(chunk));
    if (aspects.includes('fasting') && /operation|bedøv|narkose/i.test(`${appointment.service} ${appointment.description}`) && !pages.some((chunk) => aspectSentence.fasting?.test(chunk.text))) {
      // No page for this operation says it: the hospital's page on fasting before anaesthesia does.
      const fasting = await this.dependencies.index.search({ text: 'faste før bedøvelse operation', ...(hospital !== undefined && { hospital }), limit: 20 });
      pages = fasting.map((hit) => hit.chunk).filter((chunk) => local(chunk) && chunk.hospital === hospital && /fast/i.test(chunk.title));
    }
    const page = pages.find((chunk) => aspects.some((aspect) => aspectSentence[aspect]?.test(chunk.text)))?.url;
    const found: { chunk: Chunk; sentences: string[] }[] = [];
    for (const chunk of pages.filter((candidate) => candidate.url === page)) {
      const sentences = chunk.text
        .split(/(?<=[.!?])\s+/)
        .filter((sentence) => aspects.some((aspect) => aspectSentence[aspect]?.test(sentence)) && !scanForInjection(sentence).injection)
        .slice(0, 3);
      if (sentences.length > 0) found.push({ chunk, sentences });
      if (found.length === 2) break;
    }
    return found;
  }
}
