// Checks an answer body against the passages it cites. A sentence survives only if it cites a
// passage it was given, shares most of its words with that passage, and every number in it (prices,
// phone numbers, times) appears in the passage exactly.
import { contentTerms, termMatches } from '../search/analysis.js';
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

function supports(sentence: string, passage: Passage): boolean {
  const source = `${passage.chunk.title}\n${passage.chunk.headingPath.join('\n')}\n${passage.chunk.text}`;
  const sourceNumbers = new Set(numbersIn(source));
  if (!numbersIn(sentence).every((number) => sourceNumbers.has(number))) return false;
  const terms = [...new Set(contentTerms(sentence))];
  if (terms.length === 0) return false;
  const present = new Set(contentTerms(source));
  return terms.filter((term) => termMatches(term, present)).length / terms.length >= minimumOverlap;
}

/** Splits the body into lines/sentences and keeps only the supported ones. */
export function verifyCitations(body: string, passages: readonly Passage[]): VerifiedSentence[] {
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
      return passage !== undefined && supports(claim, passage);
    });
    if (supported.length > 0) verified.push({ text: claim, cites: supported });
  }
  return verified;
}
