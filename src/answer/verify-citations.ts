// Checks an answer body against the passages it cites. A sentence survives only if it cites a
// passage it was given, shares most of its words with that passage, and every number in it (prices,
// phone numbers, times) appears in the passage exactly, and "free" only where the page says free. A sentence in another language than its
// source (a model answering an English question from a Danish page) cannot share its words: it must
// share its concepts instead, through the same synonym list retrieval uses ("costs" ↔ "koster"),
// with its numbers still exact.
import type { SupportedLanguage } from '../language/languages.js';
import { contentTerms, termMatches } from '../search/analysis.js';
import { conceptCoverage, questionConcepts } from '../search/query.js';
import type { Passage } from './chat-model.js';

export interface VerifiedSentence {
  text: string;
  /** Passage numbers the sentence cites and is supported by. */
  cites: number[];
}

const markerPattern = /\[(\d+)\]/g;
const minimumOverlap = 0.6;

function numbersIn(text: string): string[] {
  return (text.match(/\d+(?:[ .,:]\d+)*/g) ?? []).map((number) => number.replace(/[ ]/g, ''));
}

// In a translated sentence, words the synonym list does not know ("hour", "started") count half:
// they are often ordinary words with no way to appear on a Danish page.
const translatedUnknownWeight = 0.5;

function supports(sentence: string, passage: Passage, language: SupportedLanguage | undefined): boolean {
  const source = `${passage.chunk.title}\n${passage.chunk.headingPath.join('\n')}\n${passage.chunk.text}`;
  const sourceNumbers = new Set(numbersIn(source));
  if (!numbersIn(sentence).every((number) => sourceNumbers.has(number))) return false;
  // "Free" is a price like "15 kr.": it must be on the page as such.
  if (freeWord.test(sentence) && !freeWord.test(source)) return false;
  // Numbers were checked exactly above; counted again as words they would make an invented claim
  // around a real price look supported.
  const terms = [...new Set(contentTerms(sentence))].filter((term) => !/^\d/.test(term));
  if (terms.length === 0) return numbersIn(sentence).length > 0;
  const present = new Set(contentTerms(source));
  if (terms.filter((term) => termMatches(term, present)).length / terms.length >= minimumOverlap) return true;
  if (language === undefined || language === passage.chunk.language) return false;
  const concepts = questionConcepts(sentence);
  // Every concept the synonym list knows must be on the page (a claim adds no known meaning the page
  // lacks), and with the unknown words, most of the sentence.
  const known = concepts.filter((concept) => concept.known);
  if (known.length === 0 || !known.every((concept) => conceptCoverage([concept], source) === 1)) return false;
  return conceptCoverage(concepts, source, translatedUnknownWeight) >= minimumOverlap;
}

const freeWord = /(?<!\p{L})(?:gratis|free|kostenlos|umsonst|مجان\p{L}*|безкоштовн\p{L}*)(?!\p{L})/iu;

/**
 * Splits the body into lines/sentences and keeps only the supported ones. `language` is the answer's
 * language: sentences in another language than their source are checked by concept instead of word.
 */
export function verifyCitations(body: string, passages: readonly Passage[], language?: SupportedLanguage): VerifiedSentence[] {
  const byNumber = new Map(passages.map((passage) => [passage.n, passage]));
  const sentences = body
    .split(/\n+|(?<=\]\s?[.!?]?)\s+(?=\p{Lu})/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
  const verified: VerifiedSentence[] = [];
  for (const sentence of sentences) {
    const cited = [...sentence.matchAll(markerPattern)].map((match) => Number(match[1]));
    const claim = sentence.replace(markerPattern, '').trim();
    const supported = [...new Set(cited)].filter((n) => {
      const passage = byNumber.get(n);
      return passage !== undefined && supports(claim, passage, language);
    });
    if (supported.length > 0) verified.push({ text: claim, cites: supported });
  }
  return verified;
}
