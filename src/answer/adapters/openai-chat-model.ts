// The model-backed ChatModel: any OpenAI-compatible chat completions endpoint (OpenAI, Azure OpenAI's
// v1 endpoint, vLLM, Ollama) through LangChain's ChatOpenAI. The prompt templates come in as strings
// (prompts/*.md, read by the shell); sources and the conversation go in as quoted data, the question
// and history redacted. Only sentences that pass citation verification are streamed, so even the
// provisional text never shows a claim the sources do not support.
import type { ChatOpenAI } from '@langchain/openai';
import type { SupportedLanguage } from '../../language/languages.js';
import { redactPersonalData } from '../../safety/redact.js';
import type { ChatModel, ChatModelInput, ChatModelOutput, ConversationTurn, Passage } from '../chat-model.js';
import { verifyCitations } from '../verify-citations.js';

/** The two answer templates from prompts/, as text. */
export interface AnswerPrompts {
  /** System message: the rules. Placeholder: {{language}}. */
  system: string;
  /** User message: {{history}}, {{sources}}, {{question}} and optionally {{language}}. */
  user: string;
}

export interface OpenAiChatModelOptions {
  /** OpenAI-compatible base URL, e.g. https://api.openai.com/v1 or http://ollama:11434/v1. */
  baseUrl: string;
  /** Model (Azure: deployment) name. */
  model: string;
  /** Sent as a bearer token; local servers (Ollama, vLLM) usually need none. */
  apiKey?: string;
  prompts: AnswerPrompts;
  /** Longest a whole answer may take, retries included; each attempt gets the same limit. */
  timeoutMs?: number;
  /** Retries on 429, 5xx, timeouts and network errors (not on 401/403/400). */
  maxRetries?: number;
  /** Earlier turns handed to the model, newest kept. */
  maxHistoryTurns?: number;
}

/** Thrown when a template lacks a placeholder the adapter needs, or names one it does not fill. */
export class PromptTemplateError extends Error {
  override name = 'PromptTemplateError';
}

// Language names as the (English) system prompt names them, with the endonym to anchor the model.
const languageNames: Record<SupportedLanguage, string> = {
  da: 'Danish (dansk)',
  en: 'English',
  de: 'German (Deutsch)',
  ar: 'Arabic (العربية)',
  uk: 'Ukrainian (українська)',
};

const placeholders = {
  system: { required: [], allowed: ['language'] },
  user: { required: ['sources', 'question'], allowed: ['sources', 'question', 'history', 'language'] },
} as const;

const placeholderPattern = /\{\{\s*([a-z]+)\s*\}\}/g;
const maxQuestionCharacters = 2000;
const maxTurnCharacters = 1000;

/** Throws a PromptTemplateError naming each required placeholder `template` lacks and each unknown one it names. */
export function checkTemplate(kind: string, template: string, { required, allowed }: { required: readonly string[]; allowed: readonly string[] }): void {
  const named = new Set([...template.matchAll(placeholderPattern)].map((match) => match[1] as string));
  const missing = required.filter((name) => !named.has(name));
  const unknown = [...named].filter((name) => !allowed.includes(name));
  if (missing.length > 0 || unknown.length > 0) {
    const problems = [...missing.map((name) => `lacks {{${name}}}`), ...unknown.map((name) => `names unknown {{${name}}}`)];
    throw new PromptTemplateError(`The ${kind} prompt template ${problems.join(' and ')} (allowed: ${allowed.map((name) => `{{${name}}}`).join(', ')}).`);
  }
}

/** Fills {{name}} in one pass, so a value containing "{{question}}" is not expanded again. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(placeholderPattern, (whole, name: string) => values[name] ?? whole);
}

/** Quoted data cannot close its tag or open a new one: <, > and & are written as entities. */
export function quoteData(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const quoteAttribute = (text: string) => quoteData(text).replace(/"/g, '&quot;').replace(/\s+/g, ' ');

export function formatSources(passages: readonly Passage[]): string {
  return passages
    .map(({ n, chunk }) => {
      const section = chunk.headingPath.length > 0 ? ` section="${quoteAttribute(chunk.headingPath.join(' › '))}"` : '';
      return `<source n="${n}" title="${quoteAttribute(chunk.title)}"${section} url="${quoteAttribute(chunk.url)}">\n${quoteData(chunk.text.trim())}\n</source>`;
    })
    .join('\n');
}

function formatHistory(history: readonly ConversationTurn[], maxTurns: number): string {
  const turns = history.slice(-maxTurns).map((turn) => {
    // Our earlier answers' [n] markers number other sources; left in, the model might copy them.
    const text = turn.role === 'assistant' ? turn.text.replace(/\[\d+\]/g, '') : turn.text;
    return `<turn role="${turn.role}">${quoteData(redactPersonalData(text.trim()).slice(0, maxTurnCharacters))}</turn>`;
  });
  return turns.length === 0 ? '(none)' : turns.join('\n');
}

// "… i timen [1]." → "… i timen. [1]": the answer service shows a sentence and then its markers, as
// the extractive answerer writes them; left as the model writes it, the full stop would stand alone.
const markersBeforeStop = /[ \t]*((?:\[\d+\])+)[ \t]*([.!?])/g;
export const moveMarkersAfterStop = (text: string) => text.replace(markersBeforeStop, '$2 $1');

// The same sentence boundaries verifyCitations uses: a line break, or a citation marker (and its
// full stop) followed by a capitalised word.
const sentenceBoundary = /\n+|(?<=\]\s?[.!?]?)\s+(?=\p{Lu})/gu;

/** Buffers streamed text into sentences and passes on only those the sources support. */
class VerifiedSentenceStream {
  private text = '';
  private emittedUpTo = 0;

  constructor(
    private readonly passages: readonly Passage[],
    private readonly language: SupportedLanguage,
    private readonly onDelta: ((delta: string) => void) | undefined,
  ) {}

  push(delta: string): void {
    this.text += delta;
    let end = this.emittedUpTo;
    // Everything before the last boundary is whole sentences; the rest may still grow.
    for (const match of this.text.matchAll(sentenceBoundary)) if (match.index >= this.emittedUpTo) end = match.index + match[0].length;
    if (end === this.emittedUpTo) return;
    this.emit(this.text.slice(this.emittedUpTo, end));
    this.emittedUpTo = end;
  }

  finish(): string {
    this.emit(this.text.slice(this.emittedUpTo));
    this.emittedUpTo = this.text.length;
    return this.text;
  }

  private emit(segment: string): void {
    if (this.onDelta === undefined || segment.trim() === '') return;
    for (const sentence of verifyCitations(moveMarkersAfterStop(segment), this.passages, this.language)) this.onDelta(`${sentence.text} ${sentence.cites.map((n) => `[${n}]`).join('')}\n`);
  }
}

/**
 * @example
 * const model = new OpenAiChatModel({ baseUrl: 'http://ollama:11434/v1', model: 'llama3.1', prompts });
 * const { body } = await model.generate({ question, language: 'da', passages }, (delta) => send(delta));
 */
export class OpenAiChatModel implements ChatModel {
  /**
   * LangChain and the OpenAI client are loaded when a model is configured, not by importing this
   * module: the extractive default never loads them (~60 MB resident once loaded). Loading starts here,
   * at start-up, so the first question does not wait for it.
   */
  private readonly chat: Promise<ChatOpenAI>;
  private readonly timeoutMs: number;
  private readonly maxHistoryTurns: number;

  constructor(private readonly options: OpenAiChatModelOptions) {
    checkTemplate('system', options.prompts.system, placeholders.system);
    checkTemplate('user', options.prompts.user, placeholders.user);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxHistoryTurns = options.maxHistoryTurns ?? 6;
    this.chat = import('@langchain/openai').then(({ ChatOpenAI }) => new ChatOpenAI({
      model: options.model,
      // The client refuses to start without a key; servers that need none ignore it.
      apiKey: options.apiKey ?? 'none',
      temperature: 0,
      streaming: true,
      // Older vLLM and Ollama versions reject stream_options; we do not use the token counts.
      streamUsage: false,
      // Chat completions is the API every OpenAI-compatible server offers.
      useResponsesApi: false,
      timeout: this.timeoutMs,
      maxRetries: options.maxRetries ?? 2,
      configuration: { baseURL: options.baseUrl },
    }));
    // Awaited by generate(); a failed load must not count as an unhandled rejection before that.
    this.chat.catch(() => undefined);
  }

  /** The messages sent for an input: the rules first, then everything else as quoted data. */
  messages(input: ChatModelInput): [{ role: 'system'; content: string }, { role: 'user'; content: string }] {
    const language = languageNames[input.language];
    const question = redactPersonalData(input.question.trim()).slice(0, maxQuestionCharacters);
    return [
      { role: 'system', content: fillTemplate(this.options.prompts.system, { language }) },
      {
        role: 'user',
        content: fillTemplate(this.options.prompts.user, {
          language,
          history: formatHistory(input.history ?? [], this.maxHistoryTurns),
          sources: formatSources(input.passages),
          question: quoteData(question),
        }),
      },
    ];
  }

  async generate(input: ChatModelInput, onDelta?: (delta: string) => void): Promise<ChatModelOutput> {
    const sentences = new VerifiedSentenceStream(input.passages, input.language, onDelta);
    const chat = await this.chat;
    const stream = await chat.stream(this.messages(input), { signal: AbortSignal.timeout(this.timeoutMs) });
    for await (const chunk of stream) sentences.push(chunk.text);
    // No lead: the model's sentences are the answer, each checked against its source afterwards.
    return { body: moveMarkersAfterStop(sentences.finish()).trim() };
  }
}
