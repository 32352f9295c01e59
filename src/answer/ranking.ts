// Ranking and confidence for the answer pipeline: which retrieved passages answer the question best,
// and whether the best one holds what the question is about. Pure functions over the question's
// concepts and the passages; the numbers are tuned with `npm run eval` (evals/README.md).
import type { SupportedLanguage } from '../language/languages.js';
import { contentTerms } from '../search/analysis.js';
import { conceptCoverage, literalCoverage, questionConcepts, type Concept } from '../search/query.js';
import type { Chunk, SearchHit } from '../search/search-index.js';
import { sectionAnswersAspect, sentenceAnswersAspect, topicConcepts, type AskedAspects } from './aspects.js';
import { perChunk } from './chunk-memo.js';
import { recordAnswers, type PracticalField } from './practical-answer.js';
import { mentionedHospital, type HospitalName } from './question.js';

// How much a word the synonym list does not know counts towards confidence: fully in Danish, half in
// another language, where it is often a word no Danish page can contain ("car" in "park my car").
const unknownWordWeight: Record<SupportedLanguage, number> = { da: 1, en: 0.5, de: 0.5, ar: 0.5, uk: 0.5 };

export function isHospitalWord(word: string, hospitals: readonly HospitalName[]): boolean {
  return mentionedHospital(word, hospitals) !== undefined;
}

// Synonym groups that say what is asked about a subject (its price, entrance, floor, hours, phone),
// not the subject itself: "Hvor ligger Psykiatrisk Afdeling?" is about psychiatry, not departments.
const facetTopics = new Set(['pris', 'indgang', 'etage', 'afdeling', 'åbningstid', 'telefon', 'omstilling', 'e-mail', 'medbringe']);
// A word the synonym list does not know this long is usually the name of the thing asked about.
const specificWordLength = 7;
const subjectWordLength = 5;

/**
 * Whether the best passage misses what the question is about. A page about "afdeling" and "åbent"
 * does not answer when the Plastic Surgery department opens if it never says "plastikkirurgisk": the
 * honest answer is "I don't know" (out of scope), not another department's hours.
 * - The subjects the synonym list knows must be on the page, at least half of them (a question names
 *   its context too: "parkere, når jeg besøger …"); then the words it does not know may be missing
 *   ("svigermor" in a parking question is not what is asked).
 * - A question with no subject the list knows ("Hvad koster en pizza?", "Hvordan laver man
 *   frikadeller?") is answered only when the page holds some of its subject and, in Danish, every long
 *   word the list does not know: such a word is usually the name of the thing asked about. In other
 *   languages that word is often one no Danish page can contain, so only "some of it" is asked for.
 */
export function lacksSubject(concepts: readonly Concept[], chunk: Chunk, language: SupportedLanguage): boolean {
  const text = chunkTerms(chunk);
  const subjects = concepts.filter((concept) => !concept.topics.some((topic) => facetTopics.has(topic)));
  const present = (concept: Concept) => conceptCoverage([concept], text) === 1;
  const known = subjects.filter((concept) => concept.known);
  // Half of them at least: "parkere, når jeg besøger min svigermor" is about parking, not visiting.
  if (known.length > 0) return known.filter(present).length * 2 < known.length;
  // Short words the list does not know ("hva", "ta", "kop", "який") are rarely the subject.
  const unknown = subjects.filter((concept) => concept.words.join(' ').length >= subjectWordLength);
  if (unknown.length === 0) return false;
  const specific = unknown.filter((concept) => language === 'da' && concept.words.join(' ').length >= specificWordLength);
  // Most of them, too: "netto på Hedevej" is about the supermarket, not the hospital's street.
  return unknown.filter(present).length * 2 <= unknown.length || !specific.every(present);
}

// Page titles repeat across questions; their analysis is kept (bounded: a large site has many titles).
const titleConceptCache = new Map<string, Concept[]>();
function titleConcepts(title: string): Concept[] {
  let concepts = titleConceptCache.get(title);
  if (concepts === undefined) {
    if (titleConceptCache.size >= 10_000) titleConceptCache.clear();
    concepts = questionConcepts(title);
    titleConceptCache.set(title, concepts);
  }
  return concepts;
}

/** A question with nothing but facets ("hvad er telefonnummeret?"): about the hospital as a whole. */
export const isGeneral = (concepts: readonly Concept[]) => concepts.every((concept) => concept.topics.some((name) => facetTopics.has(name)));

interface RankedHit extends SearchHit {
  coverage: number;
}

const chunkText = (chunk: Chunk) => `${chunk.title}\n${chunk.headingPath.join('\n')}\n${chunk.text}`;

// A passage's stemmed terms are needed by every check and for every question that retrieves it.
const chunkTerms = perChunk((chunk): ReadonlySet<string> => new Set(contentTerms(chunkText(chunk))));
const headingTerms = perChunk((chunk): ReadonlySet<string> => new Set(contentTerms(`${chunk.title}\n${chunk.headingPath.join('\n')}`)));

// "Where is …?" in the five languages; the question word itself is a stopword, so it is looked for here.
export const wherePattern = /(?<!\p{L})(hvor ligger|hvor er|hvor finder|hvor skal jeg hen|hvor skal jeg møde|where is|where are|where do i find|how do i find|wo ist|wo sind|wo finde|أين|де знаходиться|де)(?!\p{L})/iu;

/**
 * Orders candidates by how much of the question they contain, then by the index's score. A hospital
 * the citizen named (or the one a follow-up continues) is required, not only preferred: the parking
 * rules of another hospital are a wrong answer.
 */
export function rank(
  hits: readonly SearchHit[],
  concepts: readonly Concept[],
  hospital: string | undefined,
  strict: boolean,
  language: SupportedLanguage,
  fields: ReadonlySet<PracticalField>,
  aspects: AskedAspects,
): RankedHit[] {
  const best = Math.max(...hits.map((hit) => hit.score), Number.MIN_VALUE);
  const topic = topicConcepts(concepts, aspects);
  // "Hvad er telefonnummeret?" with no subject of its own: the hospital's switchboard.
  const general = isGeneral(concepts);
  const asked = new Set(concepts.flatMap((concept) => concept.topics));
  const titleExtras = new Map<string, number>();
  // A page whose title names a subject the question does not ("Når dit barn skal bedøves" for "må jeg
  // drikke vand før bedøvelse?") is about someone or something more specific than what was asked.
  const extraSubjects = (title: string) => {
    let extra = titleExtras.get(title);
    if (extra === undefined) {
      extra = titleConcepts(title).filter((concept) => concept.known && !concept.topics.some((name) => asked.has(name) || facetTopics.has(name))).length;
      titleExtras.set(title, extra);
    }
    return extra;
  };
  // Coverage decides; the index's score, the hospital and a page in the citizen's own language break ties.
  const value = (hit: RankedHit) =>
    hit.coverage +
    0.3 * (hit.score / best) +
    (hospital !== undefined && hit.chunk.hospital === hospital ? 0.2 : 0) +
    (hit.chunk.language === language ? 0.3 : 0) +
    // "Hvor er røntgen?", "Hvad koster det at parkere?": the record holding the field asked for
    // (the department's building, entrance and floor; each parking area's prices) rather than a page that mentions it.
    (recordAnswers(hit.chunk.record, fields) ? 0.25 : 0) +
    // "Hvad skal jeg gøre før en koloskopi?": the section "Før undersøgelsen" rather than the introduction.
    (sectionAnswersAspect(hit.chunk, aspects, () => conceptCoverage(topic, headingTerms(hit.chunk)) > 0) || sentenceAnswersAspect(hit.chunk.text, aspects) ? 0.2 : 0) +
    // A page's opening section sums it up: the better answer to a general question.
    (hit.chunk.headingPath.length <= 1 ? 0.1 : 0) +
    // A passage that holds what the question is about beats one that holds more of its other words.
    (lacksSubject(concepts, hit.chunk, language) ? 0 : 0.3) +
    (general && fields.has('phone') && hit.chunk.record?.kind === 'switchboard' ? 0.3 : 0) +
    // The question's own words beat synonyms on a tie: "Medicinsk Ambulatorium", not "Medicinsk Sengeafsnit".
    0.2 * literalCoverage(concepts, chunkTerms(hit.chunk)) -
    Math.min(0.2, 0.1 * extraSubjects(hit.chunk.title));
  return hits
    // Another hospital's practical information (its parking, entrances, wifi) is never the answer
    // for this one, even when it matches the question's words better.
    .filter((hit) => hospital === undefined || hit.chunk.hospital === undefined || hit.chunk.hospital === hospital || (!strict && hit.chunk.source !== 'practical'))
    .map((hit) => ({ ...hit, coverage: conceptCoverage(concepts, chunkTerms(hit.chunk), unknownWordWeight[language]) }))
    // Each passage is valued once, not in every comparison of the sort (the checks above are the cost).
    .map((hit) => ({ hit, value: value(hit) }))
    .sort((a, b) => b.value - a.value)
    .map(({ hit }) => hit);
}

