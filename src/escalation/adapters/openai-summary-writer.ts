// The model-written handoff summary: any OpenAI-compatible chat completions endpoint through
// LangChain's ChatOpenAI, one short non-streamed completion. The escalation waits for it before the
// chat is queued, so the whole request (retries included) has a budget of a few seconds; when it
// fails, the escalation service keeps the extractive summary. The material is redacted already; it is
// redacted again here, so nothing that slipped through reaches the model, and goes in as quoted data.
import type { ChatOpenAI } from '@langchain/openai';
import { checkTemplate, fillTemplate, quoteData } from '../../answer/adapters/openai-chat-model.js';
import type { SupportedLanguage } from '../../language/languages.js';
import { redactPersonalData } from '../../safety/redact.js';
import type { SummaryWriter } from '../summary.js';
import type { EscalationReason, HandoffSummary } from '../types.js';

/** The two handoff-summary templates from prompts/, as text. */
export interface SummaryPrompts {
  /** System message: the rules. No placeholders. */
  system: string;
  /** User message: {{questions}} and {{answer}}, optionally {{reason}}, {{language}}, {{flags}}. */
  user: string;
}

export interface OpenAiSummaryWriterOptions {
  /** OpenAI-compatible base URL, e.g. https://api.openai.com/v1 or http://ollama:11434/v1. */
  baseUrl: string;
  /** Model (Azure: deployment) name. */
  model: string;
  /** Sent as a bearer token; local servers (Ollama, vLLM) usually need none. */
  apiKey?: string;
  prompts: SummaryPrompts;
  /** Longest the summary may take, retries included; the escalation waits this long at most. */
  timeoutMs?: number;
  /** Retries on 429, 5xx, timeouts and network errors, within timeoutMs. */
  maxRetries?: number;
  /** Upper bound on the summary's length in tokens: 2–4 sentences need far fewer. */
  maxTokens?: number;
}

/** Why the model gave no summary; the message names the cause, never the chat or the model's text. */
export class SummaryModelError extends Error {
  override name = 'SummaryModelError';
}

const placeholders = {
  system: { required: [], allowed: [] },
  user: { required: ['questions', 'answer'], allowed: ['questions', 'answer', 'reason', 'language', 'flags'] },
} as const;

// What the model is told, in English like the rules; the summary itself is written in Danish.
const reasons: Record<EscalationReason, string> = {
  citizen: 'The citizen asked to talk to a person.',
  emergency: 'The chatbot showed the emergency card (call 112).',
  refusals: 'The chatbot could not answer twice in a row.',
  feedback: 'The citizen was unhappy with an answer and asked for a person.',
  topic: 'The topic is always answered by a person.',
};

const languageNames: Record<SupportedLanguage, string> = {
  da: 'Danish (dansk)',
  en: 'English (engelsk)',
  de: 'German (tysk)',
  ar: 'Arabic (arabisk)',
  uk: 'Ukrainian (ukrainsk)',
};

type Material = Parameters<SummaryWriter['write']>[0];

const maxQuestionCharacters = 400;
const maxAnswerCharacters = 600;
const maxSummaryCharacters = 1000;

/** Redacted, cut to length, and quoted: no value can close its tag or carry personal data. */
const data = (text: string, max: number) => quoteData(redactPersonalData(text.trim()).slice(0, max));
const attribute = (text: string) => data(text, 300).replace(/"/g, '&quot;').replace(/\s+/g, ' ');

function formatQuestions(questions: readonly string[]): string {
  if (questions.length === 0) return '(none)';
  return questions.map((question) => `<question>${data(question, maxQuestionCharacters)}</question>`).join('\n');
}

function formatAnswer(answer: HandoffSummary['lastAnswer']): string {
  if (answer === undefined) return '(the chatbot has not answered)';
  const cited = answer.sources.map((source) => `<cited title="${attribute(source.title)}" url="${attribute(source.url)}"/>`);
  return [`<answer kind="${attribute(answer.kind)}">${data(answer.text, maxAnswerCharacters)}</answer>`, ...cited].join('\n');
}

function formatFlags(material: Material): string {
  const flags: string[] = [];
  // An emergency escalation says so in its reason already.
  if (material.emergencyFlagged && material.reason !== 'emergency') flags.push('The chatbot showed the emergency card (call 112) in this chat.');
  if (material.language !== 'da') flags.push(`The citizen writes in ${languageNames[material.language]}.`);
  return flags.length === 0 ? '(none)' : flags.join(' ');
}

/** A summary cut off by the token limit ends at its last whole sentence, or is not used at all. */
function finished(text: string, finishReason: unknown): string | undefined {
  let summary = text.replace(/\s+/g, ' ').trim();
  if (finishReason === 'length' || summary.length > maxSummaryCharacters) {
    const cut = summary.slice(0, maxSummaryCharacters);
    const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '), /[.!?]$/.test(cut) ? cut.length - 1 : -1);
    summary = end < 0 ? '' : cut.slice(0, end + 1);
  }
  return summary === '' ? undefined : summary;
}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError' || /timed? ?out/i.test(error.name))) {
    return `the summary model did not answer within ${timeoutMs} ms`;
  }
  const status = typeof error === 'object' && error !== null && 'status' in error ? (error as { status: unknown }).status : undefined;
  if (typeof status === 'number') return `the summary model answered HTTP ${status}`;
  return `the summary model could not be reached (${error instanceof Error ? error.name : 'unknown error'})`;
}

/**
 * @example
 * const writer = new OpenAiSummaryWriter({ baseUrl: 'http://ollama:11434/v1', model: 'llama3.1', prompts });
 * new EscalationService({ database, events, settings, logger, summaryWriter: writer });
 */
export class OpenAiSummaryWriter implements SummaryWriter {
  /** Loaded when a model is configured, not by importing this module (see OpenAiChatModel). */
  private readonly chat: Promise<ChatOpenAI>;
  private readonly timeoutMs: number;

  constructor(private readonly options: OpenAiSummaryWriterOptions) {
    checkTemplate('handoff-summary system', options.prompts.system, placeholders.system);
    checkTemplate('handoff-summary user', options.prompts.user, placeholders.user);
    this.timeoutMs = options.timeoutMs ?? 4_000;
    this.chat = import('@langchain/openai').then(({ ChatOpenAI }) => new ChatOpenAI({
      model: options.model,
      // The client refuses to start without a key; servers that need none ignore it.
      apiKey: options.apiKey ?? 'none',
      temperature: 0,
      streaming: false,
      maxTokens: options.maxTokens ?? 200,
      useResponsesApi: false,
      timeout: this.timeoutMs,
      maxRetries: options.maxRetries ?? 1,
      configuration: { baseURL: options.baseUrl },
    }));
    // Awaited by write(); a failed load must not count as an unhandled rejection before that.
    this.chat.catch(() => undefined);
  }

  /** The messages sent for the material: the rules first, the chat as quoted, redacted data. */
  messages(material: Material): [{ role: 'system'; content: string }, { role: 'user'; content: string }] {
    return [
      { role: 'system', content: this.options.prompts.system },
      {
        role: 'user',
        content: fillTemplate(this.options.prompts.user, {
          reason: quoteData(reasons[material.reason]),
          language: quoteData(languageNames[material.language]),
          flags: quoteData(formatFlags(material)),
          questions: formatQuestions(material.questions),
          answer: formatAnswer(material.lastAnswer),
        }),
      },
    ];
  }

  async write(material: Material): Promise<string | undefined> {
    const chat = await this.chat;
    let reply;
    try {
      reply = await chat.invoke(this.messages(material), { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new SummaryModelError(describe(error, this.timeoutMs));
    }
    return finished(reply.text, reply.response_metadata.finish_reason);
  }
}
