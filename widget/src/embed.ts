// What the launcher (widget.js) and the chat bundle (chat.js) share: the supported languages, the
// launcher's label in each, and the checks behind the public JS API. Kept small: the launcher
// bundles all of it and has a 5 KB gzip budget.
import { isLanguage, languages, type Language } from './types.js';

export const tagName = 'hospital-help-chat';

/** The launcher button's label; the same words as `strings[language].launcher` in i18n.ts. */
export const launcherLabels: Record<Language, string> = {
  da: 'Spørg os',
  en: 'Ask us',
  de: 'Fragen Sie uns',
  ar: 'اسألنا',
  uk: 'Запитайте нас',
};

/**
 * The widget's language: the page's `data-lang` when supported, else the browser's first
 * preference when supported, else Danish (the hospitals' own language).
 * @example pickLanguage(undefined, ['en-GB', 'da']) // 'en'
 */
export function pickLanguage(requested: string | null | undefined, browserLanguages: readonly string[]): Language {
  const wanted = requested?.trim().toLowerCase();
  if (isLanguage(wanted)) return wanted;
  const first = browserLanguages[0]?.toLowerCase().split('-')[0];
  return isLanguage(first) ? first : 'da';
}

/** For `HospitalHelpChat.setLanguage`: a supported language code, or an Error that says which are. */
export function checkLanguage(value: unknown): Language {
  const wanted = typeof value === 'string' ? value.trim().toLowerCase() : value;
  if (isLanguage(wanted)) return wanted;
  throw new Error(`HospitalHelpChat.setLanguage: unsupported language ${JSON.stringify(value)}; use one of ${languages.join(', ')}`);
}

/** For `HospitalHelpChat.setHospital`: a hospital id as the API accepts it (e.g. "fjordby"). */
export function checkHospital(value: unknown): string {
  if (typeof value === 'string' && /^[a-z0-9-]{1,64}$/.test(value)) return value;
  throw new Error(`HospitalHelpChat.setHospital: ${JSON.stringify(value)} is not a hospital id (lowercase letters, digits and "-", e.g. "fjordby")`);
}

/** What the launcher calls on the <hospital-help-chat> element once chat.js has upgraded it. */
export interface ChatControls {
  open(): void;
  close(): void;
  setLanguage(language: Language): void;
  setHospital(hospital: string): void;
}
