// The answer pipeline: safety first, then retrieval, then the answerer, then citation checks.
// Every path ends in an answer with sources, a refusal that says who to contact, or the emergency card.
import type { Logger } from '../logger.js';
import { detectLanguage, type SupportedLanguage } from '../language/languages.js';
import { detectEmergency, type EmergencyCategory } from '../safety/emergency.js';
import { emergencyCardText, type EmergencyNumbers } from '../safety/emergency-card.js';
import { termCoverage } from '../search/analysis.js';
import type { SearchIndex } from '../search/search-index.js';
import type { ChatModel, Passage } from './chat-model.js';
import { answerTexts, type RefusalContacts } from './texts.js';
import { verifyCitations } from './verify-citations.js';

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
export type RefusalReason = 'no-source' | 'low-confidence' | 'unsupported' | 'medical-advice';

/** What retrieval returned, best first: for evaluations and the editors' view, never shown to citizens. */
export interface RetrievedPassage {
  chunkId: string;
  url: string;
  score: number;
}

/** An earlier turn of the same conversation, oldest first, so follow-up questions can be resolved. */
export interface ConversationTurn {
  role: 'user' | 'assistant';
  text: string;
}

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
  /** Hospital of the page embedding the widget. */
  hospital?: string;
  /** Earlier turns of the conversation, oldest first. */
  history?: readonly ConversationTurn[];
}

export interface AnswerSettings {
  defaultLanguage: SupportedLanguage;
  emergencyNumbers: EmergencyNumbers;
  contacts: RefusalContacts;
  /** Passages handed to the answerer. */
  passages: number;
  /** Share of the question's content words the best passage must contain, else we refuse. */
  minimumCoverage: number;
}

export class AnswerService {
  constructor(
    private readonly dependencies: { index: SearchIndex; model: ChatModel; settings: AnswerSettings; logger: Logger },
  ) {}

  async answer(request: AnswerRequest, onDelta?: (delta: string) => void): Promise<Answer> {
    const { settings, index, model, logger } = this.dependencies;
    const language = detectLanguage(request.text, request.language ?? settings.defaultLanguage);

    // Safety runs before anything that content or the model could influence.
    const emergency = detectEmergency(request.text);
    if (emergency.emergency) {
      logger.warn({ event: 'emergency-detected', categories: emergency.categories }, 'emergency detected');
      const text = emergencyCardText(language, emergency.categories, settings.emergencyNumbers);
      onDelta?.(text);
      return { kind: 'emergency', language, text, citations: [], emergencyCategories: emergency.categories, retrieved: [] };
    }

    const hits = await index.search({ text: request.text, hospital: request.hospital, limit: settings.passages });
    const retrieved = hits.map((hit) => ({ chunkId: hit.chunk.id, url: hit.chunk.url, score: hit.score }));
    // One answer speaks about one hospital: mixing two hospitals' parking rules would mislead.
    const hospital = hits[0]?.chunk.hospital;
    const passages: Passage[] = hits
      .filter((hit) => hit.chunk.hospital === undefined || hit.chunk.hospital === hospital)
      .map((hit, position) => ({ n: position + 1, chunk: hit.chunk }));
    // Confidence: the best passage must contain most of the question's content words. Checking the
    // best one only is deliberate: across several passages, stray words add up to wrong answers
    // ("vandt" in a football question stems to "vand", water).
    const best = passages[0]?.chunk;
    const coverage = best === undefined ? 0 : termCoverage(request.text, `${best.title}\n${best.headingPath.join('\n')}\n${best.text}`);
    if (passages.length === 0 || coverage < settings.minimumCoverage) {
      logger.info({ event: 'answer-refused', reason: passages.length === 0 ? 'no-hits' : 'low-coverage', coverage }, 'refused');
      return this.refusal(language, passages.length === 0 ? 'no-source' : 'low-confidence', retrieved, onDelta);
    }

    const output = await model.generate({ question: request.text, language, passages }, onDelta);
    const verified = verifyCitations(output.body, passages);
    if (verified.length === 0) {
      logger.info({ event: 'answer-refused', reason: 'unsupported' }, 'refused');
      return this.refusal(language, 'unsupported', retrieved, onDelta);
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
    return { kind: 'answer', language, text, citations, emergencyCategories: [], retrieved };
  }

  private refusal(language: SupportedLanguage, reason: RefusalReason, retrieved: RetrievedPassage[], onDelta?: (delta: string) => void): Answer {
    const text = answerTexts[language].refusal(this.dependencies.settings.contacts);
    onDelta?.(text);
    return { kind: 'refusal', language, text, citations: [], emergencyCategories: [], refusalReason: reason, retrieved };
  }
}
