// The answer pipeline: safety first, then retrieval, then the answerer, then citation checks.
// Every path ends in an answer with sources, a refusal that says who to contact, or the emergency card.
//
// Order of the guardrails, none of which content or the model can switch off:
//   1. personal data is redacted: everything after this sees only the redacted text;
//   2. the emergency check (on the message as typed: it must never miss, and it yields categories only);
//   3. the medical-advice check (on the whole redacted message, injection wrapper included);
//   4. instruction-override phrases are removed; a message that was nothing else is refused;
//   4a. a question about the patient's own appointments is answered from the verified login's
//       appointments only (src/patient/appointment-answer.ts), or meets a kind "please log in";
//   5. retrieval, confidence, the answerer and citation checks see the cleaned question only.
import { outOfHoursDoctorSchedule, outOfHoursDoctorStatus } from '../calendar/opening-hours.js';
import type { Logger } from '../logger.js';
import { detectLanguage, type SupportedLanguage } from '../language/languages.js';
import { detectEmergency, type EmergencyCategory } from '../safety/emergency.js';
import { emergencyCardText, type EmergencyNumbers } from '../safety/emergency-card.js';
import { scanForInjection } from '../safety/injection.js';
import { detectMedicalAdvice } from '../safety/medical-advice.js';
import { medicalAdviceCardText } from '../safety/medical-advice-card.js';
import { countPersonalData, redactPersonalData, withoutPlaceholders } from '../safety/redact.js';
import { questionConcepts, searchText } from '../search/query.js';
import type { SearchIndex } from '../search/search-index.js';
import { questionAspects, withoutAspectWords } from './aspects.js';
import type { ChatModel, ChatModelOutput, ConversationTurn, Passage } from './chat-model.js';
import { answerFromRecords, askedFields } from './practical-answer.js';
import { mentionedHospital, resolveFollowUp, type HospitalName } from './question.js';
import { isGeneral, isHospitalWord, lacksSubject, rank, wherePattern } from './ranking.js';
import { answerTexts, quoteLead, type RefusalContacts } from './texts.js';
import { verifyCitations } from './verify-citations.js';
import { appointmentAnswerForHistory, type AppointmentAnswerer, type PatientContext } from '../patient/appointment-answer.js';
import { appointmentFollowUp, appointmentQuestion } from '../patient/appointment-question.js';

export interface Citation {
  n: number;
  /** The chunk cited, so editors and evaluations can see exactly which passage was used. */
  chunkId: string;
  title: string;
  url: string;
  /** The quoted source text the answer relies on (Danish, as on the page). */
  excerpt: string;
}

export type AnswerKind = 'answer' | 'refusal' | 'emergency';

/** Why the bot declined: the refusal text and the contact it offers depend on it. */
export type RefusalReason = 'no-source' | 'low-confidence' | 'unsupported' | 'medical-advice' | 'prompt-injection' | 'login-required';

/** What retrieval returned, best first: for evaluations and the editors' view, never shown to citizens. */
export interface RetrievedPassage {
  chunkId: string;
  url: string;
  score: number;
  /** The page title and the chunk's text, so an editor sees what retrieval offered the answerer. */
  title: string;
  text: string;
}

export type { ConversationTurn };

export interface Answer {
  kind: AnswerKind;
  language: SupportedLanguage;
  text: string;
  citations: Citation[];
  emergencyCategories: EmergencyCategory[];
  /** Set on refusals. */
  refusalReason?: RefusalReason;
  /** Passages retrieval returned (empty for emergencies and guardrail refusals). */
  retrieved: RetrievedPassage[];
}

export interface AnswerRequest {
  text: string;
  /** The widget's language, used when the message is too short to tell. */
  language?: SupportedLanguage;
  /** The browser's languages (Accept-Language), most preferred first: the next prior after the widget's. */
  acceptLanguages?: readonly SupportedLanguage[];
  /** Hospital of the page embedding the widget. */
  hospital?: string;
  /** Earlier turns of the conversation, oldest first. */
  history?: readonly ConversationTurn[];
  /**
   * The patient bound to the chat by a verified login, or why there is none. Set by the chat
   * service from PatientSessions, never from anything the citizen sent.
   */
  patient?: PatientContext;
}

export interface AnswerSettings {
  defaultLanguage: SupportedLanguage;
  emergencyNumbers: EmergencyNumbers;
  contacts: RefusalContacts;
  /** Passages handed to the answerer. */
  passages: number;
  /** Share of the question's concepts the best passage must contain, else we refuse. */
  minimumCoverage: number;
  /** Hospitals and the names citizens use for them, so a question can name one ("parkering på Lyngå"). */
  hospitals?: readonly HospitalName[];
}

/** What the chat asks of the answer core: AnswerService itself, or a runtime adapter in front of it. */
export interface Answerer {
  answer(request: AnswerRequest, onDelta?: (delta: string) => void): Promise<Answer>;
}

export interface AnswerServiceDependencies {
  index: SearchIndex;
  model: ChatModel;
  settings: AnswerSettings;
  logger: Logger;
  /** The clock, for the out-of-hours doctor's "open now" (the shells pass real time; tests a fixed one). */
  now: () => Date;
  /** Answers questions about the logged-in patient's own appointments; without it they go to retrieval like any question. */
  appointments?: AppointmentAnswerer;
}

/** Appointment details the hospital's pages also answer for everyone. */
const generalAspects: ReadonlySet<string> = new Set(['parking', 'transport', 'fasting', 'bring', 'preparation']);

export class AnswerService implements Answerer {
  constructor(private readonly dependencies: AnswerServiceDependencies) {}

  /**
   * Answers one message. Personal data (CPR numbers, phone numbers, e-mail addresses) is redacted
   * first: question analysis, log lines and the answerer only ever see the redacted text and history.
   */
  async answer(request: AnswerRequest, onDelta?: (delta: string) => void): Promise<Answer> {
    const personalData = countPersonalData(request.text);
    if (Object.keys(personalData).length > 0) {
      this.dependencies.logger.info({ event: 'personal-data-redacted', counts: personalData }, 'personal data redacted from the question');
    }
    const redacted: AnswerRequest = {
      ...request,
      text: redactPersonalData(request.text),
      // An earlier answer about the patient's appointments goes on as its appointment lines only.
      ...(request.history !== undefined && {
        history: request.history.map((turn) => ({ role: turn.role, text: redactPersonalData((turn.role === 'assistant' ? appointmentAnswerForHistory(turn.text) : undefined) ?? turn.text) })),
      }),
    };
    return this.answerRedacted(redacted, request.text, onDelta);
  }

  /** `request` is redacted; `typed` is the message as typed, read by the emergency check only. */
  private async answerRedacted(request: AnswerRequest, typed: string, onDelta?: (delta: string) => void): Promise<Answer> {
    const { settings, index, model, logger } = this.dependencies;
    // An injection wrapper ("Ignore all previous instructions. Hvor kan jeg parkere?") is left out
    // of everything that weighs the question, language included; redaction placeholders too.
    const injection = scanForInjection(request.text);
    const question = withoutPlaceholders(injection.question).trim();
    const language = detectLanguage(question !== '' ? question : withoutPlaceholders(request.text), {
      ...(request.language !== undefined && { widget: request.language }),
      ...(request.acceptLanguages !== undefined && { acceptLanguages: request.acceptLanguages }),
      fallback: settings.defaultLanguage,
    });

    // Safety runs before anything that content or the model could influence.
    const emergency = detectEmergency(typed);
    if (emergency.emergency) {
      logger.warn({ event: 'emergency-detected', categories: emergency.categories }, 'emergency detected');
      const text = emergencyCardText(language, emergency.categories, settings.emergencyNumbers);
      onDelta?.(text);
      return { kind: 'emergency', language, text, citations: [], emergencyCategories: emergency.categories, retrieved: [] };
    }

    // Advice about the citizen's own health is refused kindly, with who to call and whether the
    // out-of-hours doctor is open right now. Read on the whole message: a wrapper cannot hide it.
    const advice = detectMedicalAdvice(request.text);
    if (advice.advice && advice.topic !== undefined) {
      logger.info({ event: 'answer-refused', reason: 'medical-advice', topic: advice.topic, matched: advice.matched }, 'refused');
      const status = outOfHoursDoctorStatus(this.dependencies.now(), outOfHoursDoctorSchedule(settings.emergencyNumbers.outOfHoursDoctorOpening));
      const text = medicalAdviceCardText(language, advice.topic, { emergency: settings.emergencyNumbers.emergency, outOfHoursDoctor: settings.emergencyNumbers.outOfHoursDoctor }, status);
      onDelta?.(text);
      return { kind: 'refusal', language, text, citations: [], emergencyCategories: [], refusalReason: 'medical-advice', retrieved: [] };
    }

    if (injection.injection) {
      logger.warn({ event: 'prompt-injection-removed', matched: injection.matched }, 'instruction-override phrases left out of the question');
      if (questionConcepts(question).length === 0) {
        logger.info({ event: 'answer-refused', reason: 'prompt-injection' }, 'refused');
        return this.refusal(language, 'prompt-injection', [], onDelta);
      }
    }

    // A question about the patient's own appointments: after the emergency and medical-advice checks,
    // answered from the verified login's appointments only. An identifier in the message is redacted
    // by now and never chooses whose appointments are read.
    const appointments = this.dependencies.appointments;
    const previousQuestion = [...(request.history ?? [])].reverse().find((turn) => turn.role === 'user')?.text;
    const personal =
      appointments === undefined || question === ''
        ? undefined
        : (appointmentQuestion(question, this.dependencies.now()) ??
          // A follow-up counts only for a logged-in patient: without a login, "og hvor kan jeg parkere?" is a general question.
          (previousQuestion === undefined || request.patient?.identity === undefined ? undefined : appointmentFollowUp(question, scanForInjection(previousQuestion).question, this.dependencies.now())));
    // Without a login, "hvor skal jeg parkere til min tid?" still has a general answer on the hospital's
    // pages; only what needs the patient's own appointments (when, which, where exactly) asks for a login.
    const generalWithoutLogin = request.patient?.identity === undefined && personal?.aspects.some((aspect) => generalAspects.has(aspect)) === true;
    if (appointments !== undefined && personal !== undefined && !generalWithoutLogin) {
      const signals = { identifierInMessage: (countPersonalData(typed).cpr ?? 0) > 0, instructionOverride: injection.injection };
      const result = await appointments.answer(personal, request.patient, language, signals);
      onDelta?.(result.text);
      return result.answered
        ? { kind: 'answer', language, text: result.text, citations: result.citations, emergencyCategories: [], retrieved: [] }
        : { kind: 'refusal', language, text: result.text, citations: [], emergencyCategories: [], refusalReason: 'login-required', retrieved: [] };
    }

    // What to look for: a follow-up borrows the topic of the question before it; a hospital the
    // question names outranks the hospital of the page the widget sits on.
    const hospitals = settings.hospitals ?? [];
    const earlier = request.history?.map((turn) => (turn.role === 'user' ? { ...turn, text: scanForInjection(turn.text).question } : turn));
    const resolved = resolveFollowUp(question, earlier, hospitals);
    const named = mentionedHospital(resolved.text, hospitals) ?? (resolved.followUp ? mentionedHospital(question, hospitals) : undefined);
    const aspects = questionAspects(resolved.text);
    const asked = questionConcepts(resolved.text).filter((concept) => !concept.words.every((word) => isHospitalWord(word, hospitals)));
    // The aspect's own words ("svar", "lang tid") help find the section but are not needed for confidence.
    const concepts = withoutAspectWords(asked, aspects);
    const hospital = named?.id ?? request.hospital;
    const fields = askedFields(concepts, wherePattern.test(question));
    // A phone number with no subject of its own ("hva er tlf nr til sygehuset?") is the switchboard's.
    const switchboard = fields.has('phone') && isGeneral(concepts) ? ' omstilling omstillingen' : '';
    const hits = await index.search({ text: searchText(asked) + switchboard, hospital, limit: Math.max(settings.passages * 8, 40) });
    const retrieved = rank(hits, concepts, hospital, named !== undefined, language, fields, aspects)
      .slice(0, settings.passages)
      .map((hit) => ({ chunkId: hit.chunk.id, url: hit.chunk.url, score: hit.score, chunk: hit.chunk, coverage: hit.coverage }));
    // One answer speaks about one hospital: mixing two hospitals' parking rules would mislead.
    const answerHospital = retrieved[0]?.chunk.hospital;
    const passages: Passage[] = retrieved
      .filter((hit) => hit.chunk.hospital === undefined || hit.chunk.hospital === answerHospital)
      .map((hit, position) => ({ n: position + 1, chunk: hit.chunk }));
    const trace = retrieved.map(({ chunkId, url, score, chunk }) => ({ chunkId, url, score, title: chunk.title, text: chunk.text }));
    // Confidence: the best passage must contain most of what the question asks about. Checking the
    // best one only is deliberate: across several passages, stray words add up to wrong answers
    // ("vandt" in a football question stems to "vand", water).
    const coverage = retrieved[0]?.coverage ?? 0;
    const offTopic = retrieved[0] !== undefined && lacksSubject(concepts, retrieved[0].chunk, language);
    if (passages.length === 0 || coverage < settings.minimumCoverage || offTopic) {
      const reason = passages.length === 0 ? 'no-hits' : offTopic ? 'subject-missing' : 'low-coverage';
      logger.info({ event: 'answer-refused', reason, coverage }, 'refused');
      return this.refusal(language, passages.length === 0 ? 'no-source' : 'low-confidence', trace, onDelta);
    }

    // An exact practical question is answered from the record; anything else goes to the answerer.
    const fromRecord = answerFromRecords(fields, passages);
    const output = fromRecord === undefined ? await model.generate({ question: resolved.text, language, passages, history: request.history }, onDelta) : this.recordOutput(language, fromRecord, onDelta);
    const verified = verifyCitations(output.body, passages, language);
    if (verified.length === 0) {
      logger.info({ event: 'answer-refused', reason: 'unsupported' }, 'refused');
      return this.refusal(language, 'unsupported', trace, onDelta);
    }

    // Renumber so the citizen sees [1], [2]… in the order sources are first cited.
    const renumber = new Map<number, number>();
    for (const sentence of verified) for (const n of sentence.cites) if (!renumber.has(n)) renumber.set(n, renumber.size + 1);
    const lines = verified.map((sentence) => `${sentence.text} ${sentence.cites.map((n) => `[${renumber.get(n)}]`).join('')}`);
    const citations: Citation[] = [...renumber].map(([original, n]) => {
      const passage = passages[original - 1] as Passage;
      const excerpt = verified.filter((sentence) => sentence.cites.includes(original)).map((sentence) => sentence.text).join(' ');
      return { n, chunkId: passage.chunk.id, title: passage.chunk.title, url: passage.chunk.url, excerpt };
    });
    const text = [output.lead, ...lines].filter((line) => line !== undefined && line !== '').join('\n');
    return { kind: 'answer', language, text, citations, emergencyCategories: [], retrieved: trace };
  }

  private recordOutput(language: SupportedLanguage, body: string, onDelta?: (delta: string) => void): ChatModelOutput {
    // Records are written in Danish.
    const lead = quoteLead(language, 'da');
    onDelta?.(`${lead}\n${body}\n`);
    return { lead, body };
  }

  private refusal(language: SupportedLanguage, reason: RefusalReason, retrieved: RetrievedPassage[], onDelta?: (delta: string) => void): Answer {
    const texts = answerTexts[language];
    const contacts = texts.refusal(this.dependencies.settings.contacts);
    const text = reason === 'prompt-injection' ? `${texts.rulesStay}\n${contacts}` : contacts;
    onDelta?.(text);
    return { kind: 'refusal', language, text, citations: [], emergencyCategories: [], refusalReason: reason, retrieved };
  }
}
