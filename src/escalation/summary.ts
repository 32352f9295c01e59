// The handoff summary staff read when they open an escalated chat: what the citizen asked, what
// the bot answered and cited, language and flags, with CPR numbers, phone numbers and e-mail
// addresses redacted. Written for Danish staff. This is the project's own extractive summary; a
// configured chat model may write the `text` instead (see SummaryWriter), from the same redacted
// material.
import type { ChatMessage } from '../chat/message-store.js';
import type { SupportedLanguage } from '../language/languages.js';
import { redactPersonalData } from '../safety/redact.js';
import type { EscalationReason, HandoffSummary } from './types.js';

/** Writes the summary's text with a model; returns undefined to keep the extractive text. */
export interface SummaryWriter {
  write(material: Omit<HandoffSummary, 'text' | 'madeBy'>): Promise<string | undefined>;
}

const reasonText: Record<EscalationReason, string> = {
  citizen: 'Borgeren bad selv om at tale med en medarbejder.',
  emergency: 'Chatbotten viste nødkortet (ring 112). Ring borgeren op, hvis det er muligt.',
  refusals: 'Chatbotten kunne ikke svare to gange i træk.',
  feedback: 'Borgeren var utilfreds med et svar og bad om en medarbejder.',
  topic: 'Emnet skal altid besvares af en medarbejder.',
};

/** Language names in Danish, for staff. */
const languageInDanish: Record<SupportedLanguage, string> = { da: 'dansk', en: 'engelsk', de: 'tysk', ar: 'arabisk', uk: 'ukrainsk' };

const maxQuestions = 5;
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

export function extractiveSummary(
  messages: readonly ChatMessage[],
  context: { language: SupportedLanguage; reason: EscalationReason; emergencyFlagged: boolean },
): HandoffSummary {
  const questions = messages
    .filter((message) => message.role === 'user')
    .slice(-maxQuestions)
    .map((message) => clip(redactPersonalData(message.text), 400));
  const last = [...messages].reverse().find((message) => message.role === 'assistant');
  const lastAnswer = last && {
    text: clip(redactPersonalData(last.text), 600),
    kind: last.kind,
    sources: last.citations.map((citation) => ({ title: citation.title, url: citation.url })),
  };
  const sentences = [reasonText[context.reason]];
  if (context.language !== 'da') sentences.push(`Borgeren skriver på ${languageInDanish[context.language]}.`);
  if (context.emergencyFlagged && context.reason !== 'emergency') sentences.push('Chatbotten har vist nødkortet i denne samtale.');
  const asked = questions.at(-1);
  if (asked !== undefined) sentences.push(`Seneste spørgsmål: »${clip(asked, 200)}«.`);
  if (lastAnswer !== undefined) {
    if (lastAnswer.kind === 'refusal') sentences.push('Chatbotten kunne ikke svare på det.');
    else if (lastAnswer.sources.length > 0) sentences.push(`Chatbotten svarede ud fra: ${lastAnswer.sources.map((source) => source.title).join(', ')}.`);
  }
  if (questions.length > 1) sentences.push(`Borgeren har stillet ${questions.length} spørgsmål i alt${questions.length === maxQuestions ? ' (eller flere)' : ''}.`);
  return {
    language: context.language,
    reason: context.reason,
    emergencyFlagged: context.emergencyFlagged,
    questions,
    ...(lastAnswer !== undefined && { lastAnswer }),
    text: sentences.join(' '),
    madeBy: 'extractive',
  };
}
