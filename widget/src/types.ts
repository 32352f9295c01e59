// The API's shapes as the widget sees them. Kept apart from the server's own types on purpose:
// importing those would pull zod and the server into the browser bundle.

export const languages = ['da', 'en', 'de', 'ar', 'uk'] as const;
export type Language = (typeof languages)[number];

export type MessageRole = 'user' | 'assistant' | 'staff' | 'system';
export type MessageKind = 'question' | 'answer' | 'refusal' | 'emergency' | 'staff' | 'system';

export interface Citation {
  n: number;
  title: string;
  url: string;
  excerpt: string;
}

export interface Message {
  id: string;
  sessionId: string;
  role: MessageRole;
  kind: MessageKind;
  text: string;
  language: Language;
  citations: Citation[];
  createdAt: string;
}

export interface Session {
  sessionId: string;
  createdAt: string;
  hospital: string | null;
  language: Language;
  state: string;
}

export interface SendResult {
  message: Message;
  question: Message;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}
