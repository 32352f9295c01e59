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
const scriptShare = 0.4;
const cyrillicScript = /[\u0400-\u04FF]/g;
const letters = /\p{L}/gu;
const danishLetters = /[æøå]/i;
const germanMarkers = /[äöüß]|\b(ich|nicht|und|der|die|das|ist|wo|wann|kann|wie|bitte)\b/i;
const englishMarkers = /\b(the|where|what|when|how|can|i|my|is|are|do|does|parking|hospital)\b/i;

/** What the caller knows besides the text: used when the text is too short or ambiguous to tell. */
export interface LanguagePriors {
  /**
   * The widget's language: the one the citizen picked, or the language of the page embedding it.
   * The strongest prior.
   */
  widget?: SupportedLanguage;
  /** The browser's Accept-Language header, e.g. "ar-SA,ar;q=0.9,en;q=0.8". */
  acceptLanguage?: string;
  /** The same, already parsed (parseAcceptLanguage) at the HTTP edge; used instead of `acceptLanguage`. */
  acceptLanguages?: readonly SupportedLanguage[];
  /** Used when neither the text nor the priors tell. */
  fallback: SupportedLanguage;
}

/**
 * Supported languages in a browser's Accept-Language header, most preferred first (q-values
 * respected, q=0 dropped, regional variants such as da-DK folded into their language).
 * @example parseAcceptLanguage('en-GB,en;q=0.9,da;q=0.8,fr;q=0.7') // ['en', 'da']
 */
export function parseAcceptLanguage(header: string | undefined | null): SupportedLanguage[] {
  if (typeof header !== 'string' || header.length > 1000) return [];
  const entries: { language: SupportedLanguage; q: number; order: number }[] = [];
  header.split(',').forEach((part, order) => {
    const [tag = '', ...params] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0] ?? '';
    if (!isSupportedLanguage(primary)) return;
    let q = 1;
    for (const param of params) {
      const match = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(param);
      if (match) q = Number(match[1]);
      else if (/^\s*q\s*=/i.test(param)) q = 0; // a malformed weight is not a preference
    }
    if (q > 0 && q <= 1) entries.push({ language: primary, q, order });
  });
  entries.sort((a, b) => b.q - a.q || a.order - b.order);
  return [...new Set(entries.map((e) => e.language))];
}

// Short-text markers: frequent function words that only one of the Latin-script languages uses.
const words = (list: string): RegExp => new RegExp(`(?<!\\p{L})(?:${list})(?!\\p{L})`, 'giu');
const shortMarkers: Record<'da' | 'en' | 'de', RegExp> = {
  // "der" is German too ("Er der en café?" / "Wo ist der Eingang?"): the other words decide.
  da: words('hvor|hvad|hvornår|hvornar|besøgstid|besøgstiden|besogstid|besogstiden|hvordan|hvem|hvilken|hvilke|jeg|mig|må|skal|kan|ikke|og|min|mit|mine|har|til|på|af|tak|hej|med|sygehus|sygehuset|hospitalet|parkere|parkering|besøg|tid|er|der|en|et|det|nogen|noget|ved|hvis|kantine|kantinen'),
  // No "i" or "to": they are Danish words too ("i Odense", "to timer"); nor "have" ("skal have").
  // Nor "go" (Danish "go' dag"), "stop", "drink", "bring", "test" or "bus": Danish words as well.
  en: words(
    'the|where|what|when|how|who|which|can|my|myself|me|it|this|that|with|is|are|do|does|will|would|should|could|want|get|goes|after|before|here|' +
      'parking|please|thanks|hello|hi|of|and|not|need|there|any|you|your|has|' +
      'visiting|hours|open|opening|free|cost|interpreter|blood|entrance|emergency|department|appointment|eat',
  ),
  // Nor "mit", "den", "dem", "for" or "hat": Danish words as well. "er" (he) and "der" count for both.
  de: words(
    'er|ich|nicht|und|der|die|das|ist|wo|wann|wie|wer|welche|welcher|welches|kann|darf|bitte|mein|meine|mir|mich|danke|hallo|zum|zur|im|' +
      'von|bei|nach|auf|aus|auch|nur|noch|sehr|schon|wird|haben|möchte|können|' +
      'parken|parkplatz|krankenhaus|muss|habe|gibt|es|ein|eine|einen|kein|keine|' +
      'besuchszeit|besuchszeiten|dolmetscher|blutabnahme|notaufnahme|eingang|toilette|kostet|wasser|essen|trinken|abteilung',
  ),
};
// A word with ä, ö, ü or ß is German among the Latin-script languages supported (Danish writes æ, ø).
const germanLetterWords = /(?<!\p{L})\p{L}*[äöüß]\p{L}*/giu;

/**
 * The text without capitalised words after its first word: names of hospitals and towns are Danish
 * whatever the question's language ("Which bus goes to Lyngå hospital?").
 */
function withoutNames(text: string): string {
  const [first = '', ...rest] = text.trim().split(/\s+/u);
  return [first, ...rest.filter((word) => !/^\P{L}*\p{Lu}/u.test(word))].join(' ');
}

/**
 * Best guess of the language of `text`. With a bare fallback (the original form) the fallback is
 * used when the text is too short or ambiguous; with priors the widget's language, then the
 * browser's Accept-Language, then the fallback settle it, and also break ties between languages
 * whose words the short text shares.
 * @example detectLanguage('Wo kann ich parken?', 'da') // 'de'
 * @example detectLanguage('ok tak', { widget: 'da', fallback: 'en' }) // 'da'
 */
export function detectLanguage(text: string, fallbackOrPriors: SupportedLanguage | LanguagePriors): SupportedLanguage {
  const priors: LanguagePriors = typeof fallbackOrPriors === 'string' ? { fallback: fallbackOrPriors } : fallbackOrPriors;
  const browser = priors.acceptLanguages ?? parseAcceptLanguage(priors.acceptLanguage);
  const preferred = [...(priors.widget ? [priors.widget] : []), ...browser, priors.fallback];
  const prior = preferred[0] ?? priors.fallback;
  const fallback = prior;
  const letterCount = text.match(letters)?.length ?? 0;
  if (letterCount === 0) return fallback;
  const arabic = text.match(arabicScript)?.length ?? 0;
  const cyrillic = text.match(cyrillicScript)?.length ?? 0;
  // A question in Arabic or Cyrillic script may name a Latin-script thing ("Чи є wifi?"): the script
  // of most of its letters, or of nearly half, tells.
  if (arabic / letterCount >= scriptShare && arabic >= cyrillic) return 'ar';
  if (cyrillic / letterCount >= scriptShare) return 'uk';
  // Long text: franc is reliable, and English pages often name Danish places ("Fjordby Sygehus, Indgang 3").
  if (letterCount < 40 && danishLetters.test(withoutNames(text))) return 'da';
  if (typeof fallbackOrPriors === 'string') {
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
  // With priors: franc only above a minimum length; below it, marker words, and the priors break ties.
  const scores = (Object.keys(shortMarkers) as ('da' | 'en' | 'de')[]).map((language) => ({
    language,
    score: (text.match(shortMarkers[language])?.length ?? 0) + (language === 'de' ? (text.match(germanLetterWords)?.length ?? 0) : 0),
  }));
  const best = Math.max(...scores.map((s) => s.score));
  if (letterCount >= francMinimumLetters) {
    // Up to a sentence or two, clear marker words outvote franc, which reads a drug name or two as
    // Scandinavian ("how much paracetamol can I give my 3 year old" → nob).
    const ranked = [...scores].sort((a, b) => b.score - a.score);
    const [first, second] = ranked as [{ language: SupportedLanguage; score: number }, { score: number }];
    if (letterCount < francConfidentLetters && first.score >= 3 && first.score >= 2 * second.score) return first.language;
    const mapped = francToSupported[franc(text, { minLength: 3, only: Object.keys(francToSupported) })];
    if (mapped) return mapped;
  }
  if (best === 0) return prior;
  const leaders = scores.filter((s) => s.score === best).map((s) => s.language);
  if (leaders.length === 1) return leaders[0] as SupportedLanguage;
  return preferred.find((language) => (leaders as string[]).includes(language)) ?? prior;
}

/** Below this many letters franc guesses (nno, tiv, nds …) are worse than marker words and priors. */
const francMinimumLetters = 30;
/** Above this many letters franc's guess stands on its own. */
const francConfidentLetters = 80;
