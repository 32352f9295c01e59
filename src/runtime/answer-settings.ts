// Answer-core settings derived from configuration; shared by the Node and Worker shells.
import type { AnswerSettings } from '../answer/answer-service.js';
import type { HospitalName } from '../answer/question.js';
import type { Config } from '../config.js';
import type { RateLimitSettings } from '../http/rate-limit.js';

export function answerSettings(config: Config, hospitals: readonly HospitalName[] = []): AnswerSettings {
  const hours = 'hverdage kl. 16–08, weekend og helligdage hele døgnet';
  return {
    defaultLanguage: config.DEFAULT_LANGUAGE,
    passages: 5,
    minimumCoverage: 0.5,
    hospitals,
    contacts: {
      patientOfficePhone: config.PATIENT_OFFICE_PHONE,
      outOfHoursDoctorPhone: config.OUT_OF_HOURS_DOCTOR_PHONE,
      emergencyPhone: config.EMERGENCY_PHONE,
    },
    emergencyNumbers: {
      emergency: config.EMERGENCY_PHONE,
      outOfHoursDoctor: config.OUT_OF_HOURS_DOCTOR_PHONE,
      // Must agree with the hours text above; the medical-advice card computes "open now" from it.
      outOfHoursDoctorOpening: { from: '16:00', to: '08:00' },
      outOfHoursDoctorHours: {
        da: hours,
        en: 'weekdays 16–08, weekends and public holidays all day',
        de: 'werktags 16–08 Uhr, am Wochenende und an Feiertagen rund um die Uhr',
        ar: 'أيام الأسبوع من 16 إلى 08، وطوال اليوم في عطلات نهاية الأسبوع والأعياد',
        uk: 'у будні з 16 до 08, у вихідні та свята цілодобово',
      },
      suicidePrevention: config.SUICIDE_PREVENTION_PHONE,
      suicidePreventionName: config.SUICIDE_PREVENTION_NAME,
      suicidePreventionHours: config.SUICIDE_PREVENTION_HOURS,
    },
  };
}

/** ALLOWED_ORIGINS as the HTTP layer takes it. */
export function allowedOrigins(config: Config): string[] | '*' {
  return config.ALLOWED_ORIGINS.trim() === '*' ? '*' : config.ALLOWED_ORIGINS.split(',').map((origin) => origin.trim());
}

/** The RATE_LIMIT_* settings as the HTTP layer takes them. */
export function rateLimitSettings(config: Config): RateLimitSettings {
  return {
    sessionsPerClient: { perMinute: config.RATE_LIMIT_SESSIONS_PER_MINUTE, capacity: config.RATE_LIMIT_SESSIONS_BURST },
    messagesPerSession: { perMinute: config.RATE_LIMIT_MESSAGES_PER_MINUTE, capacity: config.RATE_LIMIT_MESSAGES_BURST },
    messagesPerClient: { perMinute: config.RATE_LIMIT_CLIENT_MESSAGES_PER_MINUTE, capacity: config.RATE_LIMIT_CLIENT_MESSAGES_BURST },
    feedbackPerClient: { perMinute: config.RATE_LIMIT_FEEDBACK_PER_MINUTE, capacity: config.RATE_LIMIT_FEEDBACK_BURST },
  };
}

/**
 * What an eval run evaluates, as its record shows it: `target` in one line (as `npm run eval`
 * prints it), then the answerer, model, search and the answer settings that move the figures.
 */
export function evaluationConfiguration(config: Config, content: string): { target: string } & Record<string, unknown> {
  const settings = answerSettings(config);
  const answerer = config.CHAT_MODEL === undefined ? 'extractive answerer' : `model ${config.CHAT_MODEL} with extractive fallback`;
  const search = config.SEARCH_BACKEND === 'qdrant' && config.QDRANT_URL !== undefined ? 'Qdrant index' : 'embedded index';
  const hybrid = config.EMBEDDING_MODEL === undefined ? '' : ` (hybrid, ${config.EMBEDDING_MODEL})`;
  return {
    target: `${content}, ${search}${hybrid}, ${answerer}${config.CHAT_MODEL === undefined ? ', default settings' : ''}`,
    answerer: config.CHAT_MODEL === undefined ? 'extractive' : 'model',
    model: config.CHAT_MODEL ?? null,
    search: config.SEARCH_BACKEND === 'qdrant' && config.QDRANT_URL !== undefined ? 'qdrant' : 'embedded',
    embeddingModel: config.EMBEDDING_MODEL ?? null,
    passages: settings.passages,
    minimumCoverage: settings.minimumCoverage,
    defaultLanguage: settings.defaultLanguage,
  };
}
