// Danish text analysis shared by the embedded index and the extractive answerer, so that what the
// index matched and what the answerer quotes agree on what a "word" is.
import { stemmer } from '@orama/stemmers/danish';
import { stopwords as arabicStopwords } from '@orama/stopwords/arabic';
import { stopwords } from '@orama/stopwords/danish';
import { stopwords as englishStopwords } from '@orama/stopwords/english';
import { stopwords as germanStopwords } from '@orama/stopwords/german';
import { stopwords as ukrainianStopwords } from '@orama/stopwords/ukrainian';

// Question words and fillers that carry no topic in the languages citizens write in.
const extraStopwords = [
  'hvor', 'hvad', 'hvornår', 'hvordan', 'hvorfor', 'hvem', 'hvilken', 'hvilke', 'kan', 'skal', 'må', 'jeg', 'min', 'mit', 'mine',
  'gerne', 'bare', 'lige', 'hej', 'tak', 'går', 'taget', 'tager', 'før', 'får', 'fik', 'sker', 'ved', 'vide', 'fortælle', 'fortæl', 'nogen', 'nogle', 'mon', 'egentlig', 'godt', 'ok', 'okay', 'altså', 'så', 'sådan', 'hvilket', 'hvornår', 'venligst', 'kommer', 'komme', 'få', 'finde', 'finder', 'gøre', 'gør', 'man', 'nogen', 'noget', 'ligger', 'sygehus', 'hospital', 'hospitalet', 'sygehuset', 'sygehusets', 'hospitalets', 'universitetshospital', 'universitetshospitalet', 'fået', 'hva', 'university', 'universitätsklinikum', 'klinikum', 'krankenhauses', 'uniklinik',
  'the', 'a', 'an', 'is', 'are', 'where', 'what', 'when', 'how', 'why', 'who', 'can', 'could', 'should', 'must', 'do', 'does',
  'i', 'my', 'me', 'to', 'of', 'in', 'at', 'for', 'on', 'and', 'or', 'it', 'there', 'please',
  'wo', 'was', 'wann', 'wie', 'warum', 'ich', 'mein', 'meine', 'kann', 'muss', 'ist', 'der', 'die', 'das', 'am', 'im', 'zu', 'und', 'bitte', 'krankenhaus',
];
// Questions come in five languages; their function words carry no topic either. Arabic and Ukrainian
// question words the lists lack are added by hand.
const questionWords = [
  'أين', 'متى', 'كيف', 'ماذا', 'هل', 'كم', 'ما', 'من', 'في', 'على', 'إلى', 'أريد', 'يمكنني', 'أستطيع', 'المستشفى', 'مستشفى',
  'де', 'коли', 'як', 'що', 'чи', 'скільки', 'можу', 'мені', 'треба', 'потрібно', 'лікарня', 'лікарні', 'лікарню',
  'hello', 'hi', 'hey', 'thanks', 'thank', 'hallo', 'danke', 'much', 'many', 'need', 'want', 'get', 'find', 'go',
];
const stopwordSet = new Set([...stopwords, ...extraStopwords, ...englishStopwords, ...germanStopwords, ...arabicStopwords, ...ukrainianStopwords, ...questionWords]);

/** Whether a lower-cased word carries no topic (function words and question words, five languages). */
export function isStopword(word: string): boolean {
  return stopwordSet.has(word);
}

/** Lower-cased word tokens, numbers kept ("p-plads" stays one token). */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*/gu) ?? [];
}

/** Stemmed content terms of `text`: stopwords removed, duplicates kept in order of appearance. */
export function contentTerms(text: string): string[] {
  return tokenize(text)
    .filter((token) => !stopwordSet.has(token))
    .map((token) => stemmer(token));
}

export { stemmer as danishStemmer, stopwords as danishStopwords };

/**
 * Whether a question term appears among a text's stemmed terms, counting Danish compounds: "park"
 * (from "parkere") matches "parkering" and "parkeringsplads". Prefixes shorter than 4 letters would
 * match too much, so they must be exact.
 */
export function termMatches(questionTerm: string, textTerms: ReadonlySet<string>): boolean {
  if (textTerms.has(questionTerm)) return true;
  if (questionTerm.length < 4) return false;
  if (textTerms.size >= indexedSetSize) {
    const { sorted, tails } = prefixIndex(textTerms);
    // One direction only: "vandt" (won) must not match "vand" (water).
    const at = lowerBound(sorted, questionTerm);
    return (at < sorted.length && (sorted[at] as string).startsWith(questionTerm)) || tails.has(questionTerm);
  }
  for (const term of textTerms) {
    if (term.startsWith(questionTerm)) return true;
    // The last part of a hyphenated compound: "wifi" in "gæste-wifi".
    if (term.endsWith(`-${questionTerm}`)) return true;
  }
  return false;
}

// A passage's terms are looked up for many question terms: above this size, sorted once for
// prefix search instead of scanned for every term.
const indexedSetSize = 48;
const prefixIndexes = new WeakMap<ReadonlySet<string>, { sorted: string[]; tails: Set<string> }>();

function prefixIndex(terms: ReadonlySet<string>): { sorted: string[]; tails: Set<string> } {
  let index = prefixIndexes.get(terms);
  if (index === undefined) {
    const sorted = [...terms].sort();
    // Every ending after a hyphen: "gæste-wifi" → "wifi"; "a-b-c" → "b-c", "c".
    const tails = new Set(sorted.flatMap((term) => [...term.matchAll(/-/g)].map((hyphen) => term.slice((hyphen.index as number) + 1))));
    index = { sorted, tails };
    prefixIndexes.set(terms, index);
  }
  return index;
}

function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as string) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
