// The API's shapes as the widget sees them. Message types come from the core as type-only imports
// (erased by the build, so no server code reaches the browser); runtime values stay local.
import type { SupportedLanguage } from '../../src/language/languages.js';

export type { Citation } from '../../src/answer/answer-service.js';
import type { ChatMessage } from '../../src/chat/chat-service.js';
export type { ChatMessage as Message, MessageKind, MessageRole } from '../../src/chat/chat-service.js';

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
  message: ChatMessage;
  question: ChatMessage;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}
