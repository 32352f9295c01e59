// The API's shapes as the widget sees them. Message types come from the core as type-only imports
// (erased by the build, so no server code reaches the browser); runtime values stay local.
import type { SupportedLanguage } from '../../src/language/languages.js';

export type { Citation } from '../../src/answer/answer-service.js';
import type { ChatMessage } from '../../src/chat/chat-service.js';
export type { MessageKind, MessageRole } from '../../src/chat/chat-service.js';
export type { CallbackRequestInput, EscalationReason, EscalationStatus } from '../../src/escalation/types.js';

/** A transcript message; staff messages from the events stream also carry the staff member's display name. */
export type Message = ChatMessage & { author?: string };

export const languages = ['da', 'en', 'de', 'ar', 'uk'] as const satisfies readonly SupportedLanguage[];
export type Language = SupportedLanguage;

export interface Session {
  sessionId: string;
  createdAt: string;
  hospital: string | null;
  language: Language;
  state: string;
}

export interface SendResult {
  /** null while a person has the chat: the question is stored and the chatbot stays silent. */
  message: Message | null;
  question: Message;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}
