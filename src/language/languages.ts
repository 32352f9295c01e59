// Language detection for citizens' questions and content. franc misreads short Danish as Norwegian
// or Swedish and short German as Low German (see STACK-NOTES), so the candidates are restricted and
// script is checked first for Arabic and Cyrillic.
import { franc } from 'franc';

export const supportedLanguages = ['da', 'en', 'de', 'ar', 'uk'] as const;
export type SupportedLanguage = (typeof supportedLanguages)[number];

export function isSupportedLanguage(value: string): value is SupportedLanguage {
  return (supportedLanguages as readonly string[]).includes(value);
}

const francToSupported: Record<string, SupportedLanguage> = {
  dan: 'da',
  nob: 'da',
  swe: 'da',
  eng: 'en',
  deu: 'de',
  arb: 'ar',
  ukr: 'uk',
};

const arabicScript = /[\u0600-\u06FF]/g;
const cyrillicScript = /[\u0400-\u04FF]/g;
const letters = /\p{L}/gu;
const danishLetters = /[æøå]/i;
const germanMarkers = /[äöüß]|\b(ich|nicht|und|der|die|das|ist|wo|wann|kann|wie|bitte)\b/i;
const englishMarkers = /\b(the|where|what|when|how|can|i|my|is|are|do|does|parking|hospital)\b/i;

/**
 * Best guess of the language of `text`, or `fallback` when the text is too short or ambiguous.
 * @example detectLanguage('Wo kann ich parken?', 'da') // 'de'
 */
export function detectLanguage(text: string, fallback: SupportedLanguage): SupportedLanguage {
  const letterCount = text.match(letters)?.length ?? 0;
  if (letterCount === 0) return fallback;
  const arabic = text.match(arabicScript)?.length ?? 0;
  const cyrillic = text.match(cyrillicScript)?.length ?? 0;
  if (arabic / letterCount > 0.5) return 'ar';
  if (cyrillic / letterCount > 0.5) return 'uk';
  // Long text: franc is reliable, and English pages often name Danish places ("Fjordby Sygehus, Indgang 3").
  if (letterCount < 40 && danishLetters.test(text)) return 'da';
  const guess = franc(text, { minLength: 3, only: Object.keys(francToSupported) });
  const mapped = francToSupported[guess];
  // franc is unreliable below ~20 letters; cheap word markers settle the common short questions.
  if (letterCount < 20) {
    if (germanMarkers.test(text)) return 'de';
    if (englishMarkers.test(text)) return 'en';
    return mapped === 'da' ? 'da' : fallback;
  }
  return mapped ?? fallback;
}
