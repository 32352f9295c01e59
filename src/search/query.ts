// What a question asks about, as concepts: each content word of the question, or a phrase from the
// synonym list, with every way a page may say it. Retrieval searches for all of them, and confidence
// and sentence choice count a concept as found when any of its alternatives is on the page, so
// "Hvad koster det at parkere?" finds "15 kr. pr. påbegyndt time" on the parking page, and
// "Where can I park?" finds the Danish parking page.
import { stemmer as arabicStemmer } from '@orama/stemmers/arabic';
import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stemmer as germanStemmer } from '@orama/stemmers/german';
import { stemmer as ukrainianStemmer } from '@orama/stemmers/ukrainian';
import { contentTerms, danishStemmer, isStopword, termMatches, tokenize } from './analysis.js';
import { synonymGroups } from './synonyms.js';

export interface Concept {
  /** The question's own words this concept came from. */
  words: string[];
  /** Ways a page may say it: each alternative is a sequence of stemmed terms that must all be present. */
  alternatives: string[][];
  /** Words to add to the search query (Latin script; pages are Danish, a few English). */
  searchWords: string[];
  /** Whether the synonym list knew the word (else only the word itself is looked for). */
  known: boolean;
  /** The synonym groups' head words ("pris", "telefon", "indgang"): what kind of thing is asked. */
  topics: string[];
  /** An unknown word long enough that a page spelling it one letter differently still counts ("opration"). */
  fuzzy?: boolean;
}

const latin = /^[\p{Script=Latin}\p{N}\s'&-]+$/u;
const prefixMinimum = 5;
const typoMinimum = 6;

/** Danish letters as people type them without the keys: "besøgstid" = "besoegstid". */
export function spelledOut(word: string): string {
  return word.replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa');
}

/** Whether the word has a letter spelledOut changes: without one, spelling out changes nothing. */
const hasDanishLetter = (word: string) => /[æøå]/.test(word);

// Rows of the edit-distance table, reused: every question compares words with many others.
let rows = [new Int32Array(32), new Int32Array(32), new Int32Array(32)] as const;

/**
 * Whether two words are within `limit` edits (insert, delete, substitute, swap two neighbours):
 * "parkring" ~ "parkering", "blodprvoe" ~ "blodprøve" once Danish letters are spelled out.
 */
export function withinEdits(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  if (rows[0].length <= b.length + 1) rows = [new Int32Array(b.length * 2 + 2), new Int32Array(b.length * 2 + 2), new Int32Array(b.length * 2 + 2)];
  // Only cells within `limit` of the diagonal can stay within `limit`: the others are "too far" (cap).
  const cap = limit + 1;
  let [previousRow, row, next] = rows;
  for (let j = 0; j <= b.length; j += 1) row[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    next[0] = i;
    if (from > 1) next[from - 1] = cap;
    let rowMinimum = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j += 1) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let value = Math.min((row[j] as number) + 1, (next[j - 1] as number) + 1, (row[j - 1] as number) + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) value = Math.min(value, (previousRow[j - 2] as number) + 1);
      next[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (to < b.length) next[to + 1] = cap;
    if (rowMinimum > limit) return false;
    [previousRow, row, next] = [row, next, previousRow];
  }
  return (row[b.length] as number) <= limit;
}

/** Within `limit` edits as typed, or once Danish letters are spelled out on both sides. */
export function similar(a: string, b: string, limit: number): boolean {
  if (withinEdits(a, b, limit)) return true;
  // Spelled out, words without æ, ø or å are the same words: the same comparison again.
  return (hasDanishLetter(a) || hasDanishLetter(b)) && withinEdits(spelledOut(a), spelledOut(b), limit);
}

/** Edits a misspelling may have: none below six letters (too many real words are one letter apart), one, or two from ten. */
export function typoLimit(word: string): number {
  return word.length < typoMinimum ? 0 : word.length < 10 ? 1 : 2;
}

/** Arabic words carry "and", "the", "with" as prefixes: compare without them. */
function arabicCore(word: string): string {
  return word.replace(/^(?:و|ف|ب|ل|ك)?(?:ال)/u, '');
}

// Words a question is phrased with that name no topic, in the languages whose stopword lists lack
// them (the packaged Ukrainian list is 28 mis-encoded words). Kept here, not in the index's stopwords:
// they only decide what a question asks about, never what the index stores.
const questionFillers = new Set([
  // Ukrainian: pronouns, prepositions, question words, "can", "need", "is located", "get", "goes".
  'я', 'ти', 'ви', 'він', 'вона', 'воно', 'ми', 'вони', 'мене', 'мені', 'мій', 'моя', 'моє', 'мої', 'мого', 'моєї', 'моїй', 'моєму', 'моїм',
  'нас', 'нам', 'вам', 'вас', 'ваш', 'ваша', 'ваше', 'ваші', 'свій', 'своя', 'своє', 'свої', 'його', 'її', 'їх', 'їм', 'себе', 'собою',
  'у', 'в', 'на', 'до', 'з', 'із', 'зі', 'від', 'для', 'по', 'при', 'про', 'за', 'під', 'над', 'без', 'біля', 'через', 'після', 'перед',
  'і', 'й', 'та', 'а', 'але', 'або', 'чи', 'що', 'щоб', 'як', 'де', 'куди', 'звідки', 'коли', 'скільки', 'чому', 'навіщо', 'хто', 'кого',
  'який', 'яка', 'яке', 'які', 'якого', 'якої', 'якому', 'якій', 'яку', 'яким', 'якими', 'яких', 'котра', 'котрий', 'котрій', 'котрої',
  'це', 'цей', 'ця', 'ці', 'цього', 'цієї', 'той', 'те', 'там', 'тут', 'так', 'ні', 'не', 'є', 'був', 'була', 'було', 'буде', 'бути',
  'можна', 'можу', 'може', 'можете', 'можемо', 'треба', 'потрібно', 'потрібен', 'потрібна', 'потрібні', 'слід', 'маю', 'має', 'хочу', 'хотів', 'хотіла',
  'послуга', 'послуги', 'послуг', 'будь', 'ласка', 'привіт', 'дякую', 'добрий', 'день', 'вже', 'ще', 'також', 'теж', 'лише', 'тільки', 'взагалі', 'саме',
  'знаходиться', 'знаходяться', 'розташований', 'розташована', 'розташоване', 'розташовані', 'отримати', 'дістатися', 'дістатись',
  'їде', 'їдуть', 'йде', 'іде', 'ходить', 'прийти', 'приїхати', 'знайти', 'дізнатися', 'підкажіть', 'скажіть',
  'лікарня', 'лікарні', 'лікарню', 'лікарнею', 'лікарень', 'шпиталь', 'шпиталі',
  // Arabic verbs and particles the list lacks: "is done", "getting", "must", "I have", "there is".
  'يتم', 'الحصول', 'يجب', 'لدي', 'يوجد', 'توجد', 'أجد', 'يمكن',
  // English and German: "goes", "there is", "may I", "I need", "I get".
  'goes', 'take', 'gibt', 'geht', 'darf', 'brauche', 'bekomme', 'bekommen', 'finden', 'krankenhauses', 'klinikum', 'university',
]);

/** Whether a lower-cased question word names no topic. */
function isFiller(word: string): boolean {
  return isStopword(word) || questionFillers.has(word);
}

const arabicLetters = /[\u0600-\u06FF]/u;
const cyrillicLetters = /\p{Script=Cyrillic}/u;
// A stem this short is shared by unrelated words ("рана" wound, "рано" early): they must be listed as written.
const stemMinimum = 4;

// Every question word is compared with every entry: stems are remembered, the entries' for good and
// the questions' until the memory holds too many (a server answers questions for weeks).
const stemMemoryLimit = 20_000;
function remembered(stem: (word: string) => string): (word: string) => string {
  const memory = new Map<string, string>();
  return (word) => {
    let stemmed = memory.get(word);
    if (stemmed === undefined) {
      if (memory.size >= stemMemoryLimit) memory.clear();
      stemmed = stem(word);
      memory.set(word, stemmed);
    }
    return stemmed;
  };
}
const stemmers = {
  arabic: remembered(arabicStemmer),
  english: remembered(englishStemmer),
  german: remembered(germanStemmer),
  ukrainian: remembered(ukrainianStemmer),
  danish: remembered(danishStemmer),
};

function sameStem(stem: (word: string) => string, a: string, b: string): boolean {
  const stemmed = stem(a);
  return stemmed.length >= stemMinimum && stemmed === stem(b);
}

// Endings a short Danish word takes without changing meaning ("mor" → "moren"); the stemmer alone would
// also join "vandt" (won) to "vand" (water).
const shortWordEndings = /^(?:e|en|et|er|ene|erne|s|n|r)$/;

/**
 * Whether a question word is a form of a synonym entry's word. Each script is compared with its own
 * languages' inflections: Ukrainian cases ("годин", "перекладача", "автобуса"), Arabic prefixes and
 * endings, English and German endings ("parked", "Parkplätze") as well as the Danish ones. Only the
 * question's words are compared this way; the index keeps its Danish analysis.
 */
function wordMatches(questionWord: string, entryWord: string): boolean {
  if (questionWord === entryWord) return true;
  // "should" is not "shoulder", though the Danish stemmer makes them one word.
  if (isFiller(questionWord)) return false;
  if (arabicLetters.test(entryWord)) return arabicCore(questionWord) === arabicCore(entryWord) || sameStem(stemmers.arabic, questionWord, entryWord);
  if (cyrillicLetters.test(entryWord)) {
    if (sameStem(stemmers.ukrainian, questionWord, entryWord)) return true;
    if (entryWord.length < prefixMinimum) return false;
    if (questionWord.startsWith(entryWord)) return true;
    const limit = typoLimit(entryWord);
    return limit > 0 && withinEdits(questionWord, entryWord, limit);
  }
  // English and German endings ("parked" → "park", "Parkplätze" → "Parkplatz"), on Latin words only.
  const otherLatin = !cyrillicLetters.test(questionWord) && !arabicLetters.test(questionWord) && (sameStem(stemmers.english, questionWord, entryWord) || sameStem(stemmers.german, questionWord, entryWord));
  if (entryWord.length < prefixMinimum) return (questionWord.startsWith(entryWord) && shortWordEndings.test(questionWord.slice(entryWord.length))) || otherLatin;
  if (stemmers.danish(questionWord) === stemmers.danish(entryWord) || otherLatin) return true;
  // Inflections and compounds: "parkeringen", "blodprøvetagningen".
  if (questionWord.startsWith(entryWord)) return true;
  const limit = typoLimit(entryWord);
  return limit > 0 && similar(questionWord, entryWord, limit);
}

interface Entry {
  words: string[];
  groups: number[];
}

// Every entry once, with the groups it belongs to; longest phrases first so "blood test" wins over "blood".
const entries: Entry[] = (() => {
  const byText = new Map<string, Entry>();
  synonymGroups.forEach((group, index) => {
    for (const text of group) {
      const words = tokenize(text);
      if (words.length === 0) continue;
      const key = words.join(' ');
      const entry = byText.get(key) ?? { words, groups: [] };
      if (!entry.groups.includes(index)) entry.groups.push(index);
      byText.set(key, entry);
    }
  });
  return [...byText.values()].sort((a, b) => b.words.length - a.words.length);
})();

// Every question word used to be compared with every entry word (about a thousand, each comparison
// stemming in three languages and measuring edit distance): most of the cost of understanding a
// question. The entry words are indexed by everything wordMatches compares on, so a question word is
// compared in full only with the few that share a stem, are a prefix of it, or are near it in length;
// the comparison itself is unchanged, so the concepts are exactly those of a full scan.
const entryWords = [...new Set(entries.flatMap((entry) => entry.words))];
const entryWordsByKey = new Map<string, string[]>();
/** Entry words long enough to be misspelt (six letters or more), by length as typed and spelled out. */
interface TypoCandidate {
  word: string;
  spelledLength: number;
  limit: number;
}
const typoCandidates = { byLength: new Map<number, TypoCandidate[]>(), bySpelledLength: new Map<number, TypoCandidate[]>() };
function indexUnder<Key, Value>(map: Map<Key, Value[]>, key: Key, value: Value): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
for (const word of entryWords) {
  indexUnder(entryWordsByKey, `=${word}`, word);
  if (arabicLetters.test(word)) {
    indexUnder(entryWordsByKey, `core:${arabicCore(word)}`, word);
    indexUnder(entryWordsByKey, `ar:${stemmers.arabic(word)}`, word);
  } else if (cyrillicLetters.test(word)) {
    indexUnder(entryWordsByKey, `uk:${stemmers.ukrainian(word)}`, word);
  } else {
    indexUnder(entryWordsByKey, `da:${stemmers.danish(word)}`, word);
    indexUnder(entryWordsByKey, `en:${stemmers.english(word)}`, word);
    indexUnder(entryWordsByKey, `de:${stemmers.german(word)}`, word);
  }
  if (typoLimit(word) > 0) {
    const candidate = { word, spelledLength: spelledOut(word).length, limit: typoLimit(word) };
    indexUnder(typoCandidates.byLength, word.length, candidate);
    indexUnder(typoCandidates.bySpelledLength, candidate.spelledLength, candidate);
  }
}
const maxTypoLimit = 2;

// What each question word matched is remembered like its stems: citizens' words repeat.
const entryWordMemory = new Map<string, ReadonlySet<string>>();
function matchingEntryWords(questionWord: string): ReadonlySet<string> {
  let matched = entryWordMemory.get(questionWord);
  if (matched === undefined) {
    if (entryWordMemory.size >= stemMemoryLimit) entryWordMemory.clear();
    matched = findMatchingEntryWords(questionWord);
    entryWordMemory.set(questionWord, matched);
  }
  return matched;
}

/** The entry words `questionWord` matches (wordMatches), found through the index. */
function findMatchingEntryWords(questionWord: string): ReadonlySet<string> {
  const candidates = new Set<string>();
  const addAll = (words: readonly string[] | undefined) => {
    if (words !== undefined) for (const word of words) candidates.add(word);
  };
  const byKey = (key: string) => addAll(entryWordsByKey.get(key));
  // The word itself and every entry word it starts with ("parkeringen" → "parkering", "p").
  for (let length = 1; length <= questionWord.length; length += 1) byKey(`=${questionWord.slice(0, length)}`);
  byKey(`da:${stemmers.danish(questionWord)}`);
  if (!cyrillicLetters.test(questionWord) && !arabicLetters.test(questionWord)) {
    byKey(`en:${stemmers.english(questionWord)}`);
    byKey(`de:${stemmers.german(questionWord)}`);
  }
  byKey(`uk:${stemmers.ukrainian(questionWord)}`);
  byKey(`ar:${stemmers.arabic(questionWord)}`);
  byKey(`core:${arabicCore(questionWord)}`);
  // Misspellings: an edit distance within the limit needs lengths within it too (as typed or spelled out).
  const spelledLength = spelledOut(questionWord).length;
  const nearInLength = (candidate: TypoCandidate) =>
    Math.abs(candidate.word.length - questionWord.length) <= candidate.limit || Math.abs(candidate.spelledLength - spelledLength) <= candidate.limit;
  for (let delta = -maxTypoLimit; delta <= maxTypoLimit; delta += 1) {
    for (const candidate of typoCandidates.byLength.get(questionWord.length + delta) ?? []) if (nearInLength(candidate)) candidates.add(candidate.word);
    for (const candidate of typoCandidates.bySpelledLength.get(spelledLength + delta) ?? []) if (nearInLength(candidate)) candidates.add(candidate.word);
  }
  const matched = new Set<string>();
  for (const candidate of candidates) if (wordMatches(questionWord, candidate)) matched.add(candidate);
  return matched;
}

/** Positions in `entries` of the entries starting with each word, in order. */
const entryOrderByFirstWord = new Map<string, number[]>();
entries.forEach((entry, order) => indexUnder(entryOrderByFirstWord, entry.words[0] as string, order));

function stems(text: string): string[] {
  const terms = contentTerms(text);
  return terms.length > 0 ? terms : tokenize(text).map((word) => danishStemmer(word));
}

const groupAlternatives = synonymGroups.map((group) => group.map(stems).filter((alternative) => alternative.length > 0));
const maxSearchWordsPerConcept = 8;
const groupSearchWords = synonymGroups.map((group) => {
  const seen = new Set<string>();
  const words: string[] = [];
  for (const text of group) {
    if (!latin.test(text)) continue;
    const key = stems(text).join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    words.push(text);
  }
  return words.slice(0, maxSearchWordsPerConcept);
});

/** The concepts of a question, in the order they appear. Stopwords and question words are skipped. */
export function questionConcepts(text: string): Concept[] {
  const words = tokenize(text);
  const concepts: Concept[] = [];
  const matches = new Map<string, ReadonlySet<string>>();
  const matchesOf = (word: string) => {
    let matched = matches.get(word);
    if (matched === undefined) {
      matched = matchingEntryWords(word);
      matches.set(word, matched);
    }
    return matched;
  };
  let position = 0;
  while (position < words.length) {
    // The first entry, in the list's order (longest phrases first), whose words all match here.
    let entry: Entry | undefined;
    let entryOrder = Number.POSITIVE_INFINITY;
    for (const first of matchesOf(words[position] as string)) {
      for (const order of entryOrderByFirstWord.get(first) ?? []) {
        if (order >= entryOrder) break;
        const candidate = entries[order] as Entry;
        const all = candidate.words.every((word, offset) => {
          const questionWord = words[position + offset];
          return questionWord !== undefined && matchesOf(questionWord).has(word);
        });
        if (all) {
          entry = candidate;
          entryOrder = order;
          break;
        }
      }
    }
    if (entry !== undefined) {
      const own = words.slice(position, position + entry.words.length);
      const ownStems = stems(own.join(' '));
      concepts.push({
        words: own,
        alternatives: [ownStems, ...entry.groups.flatMap((group) => groupAlternatives[group] ?? [])],
        searchWords: [...new Set([own.join(' '), ...entry.groups.flatMap((group) => groupSearchWords[group] ?? [])])],
        known: true,
        topics: entry.groups.map((group) => synonymGroups[group]?.[0] as string),
      });
      position += entry.words.length;
      continue;
    }
    const word = words[position] as string;
    position += 1;
    if (isFiller(word)) continue;
    concepts.push({ words: [word], alternatives: [[danishStemmer(word)]], searchWords: [word], known: false, topics: [], ...(typoLimit(word) > 0 && { fuzzy: true }) });
  }
  return concepts;
}

/** The text to hand the search index: what the question asks about, in every way a page may say it. */
export function searchText(concepts: readonly Concept[]): string {
  return [...new Set(concepts.flatMap((concept) => [concept.words.join(' '), ...concept.searchWords]))].join(' ');
}

function alternativePresent(alternative: readonly string[], present: ReadonlySet<string>): boolean {
  return alternative.every((term) => termMatches(term, present));
}

/** Whether `present` (stemmed terms of a text) contains the concept in any of its forms. */
export function conceptPresent(concept: Concept, present: ReadonlySet<string>): boolean {
  if (concept.alternatives.some((alternative) => alternativePresent(alternative, present))) return true;
  if (concept.fuzzy !== true) return false;
  const [word] = concept.alternatives[0] ?? [];
  if (word === undefined) return false;
  const limit = typoLimit(word);
  const spelled = spelledOut(word);
  for (const term of present) {
    // Spelling out æøå lengthens a word by at most one letter each: a far longer or shorter term cannot be near.
    if (Math.abs(term.length - word.length) > limit + 3) continue;
    if (withinEdits(word, term, limit) || withinEdits(spelled, spelledOut(term), limit)) return true;
  }
  return false;
}

/** A text, or its stemmed content terms already computed (a passage ranked for several checks). */
export type Terms = string | ReadonlySet<string>;
const termsOf = (text: Terms): ReadonlySet<string> => (typeof text === 'string' ? new Set(contentTerms(text)) : text);

/** Share of the question's concepts that `text` contains in the question's own words ("ambulatorium", not "afdeling"). */
export function literalCoverage(concepts: readonly Concept[], text: Terms): number {
  if (concepts.length === 0) return 0;
  const present = termsOf(text);
  return concepts.filter((concept) => alternativePresent(concept.alternatives[0] ?? [], present)).length / concepts.length;
}

/**
 * Share of the question's concepts that `text` contains (0 when the question has none). Words the
 * synonym list does not know weigh `unknownWeight`: in a question in another language they are often
 * words no Danish page can contain, and should not sink an answer the known words found.
 */
export function conceptCoverage(concepts: readonly Concept[], text: Terms, unknownWeight = 1): number {
  if (concepts.length === 0) return 0;
  const present = termsOf(text);
  let total = 0;
  let found = 0;
  for (const concept of concepts) {
    const weight = concept.known ? 1 : unknownWeight;
    total += weight;
    if (conceptPresent(concept, present)) found += weight;
  }
  return total === 0 ? 0 : found / total;
}
