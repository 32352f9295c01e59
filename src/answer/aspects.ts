// What part of a topic a question asks about: "what must I do *before* a colonoscopy?", "what should I
// *bring*?", "when do I get the *results*?". The words that say it ("før", "have med", "svar") are
// stopwords to retrieval, so without this every section of the colonoscopy page looks equally good
// and the answer quotes the introduction. Patient-information pages name their sections after these
// aspects ("Før undersøgelsen", "Hvad skal jeg have med?", "Svar på prøverne"), so a section whose
// heading names the aspect asked for is the better passage.
import { tokenize } from '../search/analysis.js';
import type { Concept } from '../search/query.js';
import type { Chunk } from '../search/search-index.js';

export type Aspect = 'before' | 'bring' | 'after' | 'results' | 'duration' | 'why' | 'how' | 'contact' | AnswerType;

/** What kind of fact the question wants, from its question word: a time, a place, a distance, … */
type AnswerType = 'time' | 'place' | 'distance' | 'frequency' | 'price';

interface AspectWords {
  aspect: Aspect;
  /** How a question asks for it, in the five languages (lower case). */
  question: string[];
  /** How a section heading names it (the pages are Danish, a few English). */
  heading: string[];
}

const aspectWords: readonly AspectWords[] = [
  {
    aspect: 'before',
    question: ['før', 'foer', 'inden', 'forberede', 'forberedelse', 'forbereder', 'gøre klar', 'before', 'prepare', 'preparation', 'vorher', 'vor der', 'vor dem', 'vorbereiten', 'vorbereitung', 'قبل', 'التحضير', 'перед', 'підготуватися', 'підготовка'],
    heading: ['før', 'inden', 'forbered', 'gør dig klar', 'gøre klar', 'before', 'prepar'],
  },
  {
    aspect: 'bring',
    question: ['have med', 'tage med', 'tag med', 'medbringe', 'medbring', 'pakke', 'bring', 'pack', 'take with', 'mitbringen', 'mitnehmen', 'einpacken', 'أحضر', 'احضر', 'آخذ معي', 'взяти з собою', 'взяти', 'брати', 'принести'],
    heading: ['have med', 'tag med', 'medbring', 'bring', 'tøj og personlige', 'pakke', 'taske'],
  },
  {
    aspect: 'after',
    question: ['efter', 'bagefter', 'after', 'afterwards', 'nach der', 'nach dem', 'danach', 'بعد', 'після'],
    heading: ['efter', 'after', 'hjemme', 'når du kommer hjem', 'de første dage'],
  },
  {
    aspect: 'results',
    question: ['svar', 'svaret', 'resultat', 'resultatet', 'resultater', 'result', 'results', 'ergebnis', 'ergebnisse', 'befund', 'نتيجة', 'النتيجة', 'نتائج', 'результат', 'результати'],
    heading: ['svar', 'result'],
  },
  {
    aspect: 'duration',
    question: ['hvor lang tid', 'hvor længe', 'varer', 'tager det', 'how long', 'wie lange', 'dauert', 'كم من الوقت', 'كم يستغرق', 'скільки часу', 'скільки триває', 'як довго'],
    heading: ['varer', 'varighed', 'hvor lang tid', 'how long'],
  },
  {
    aspect: 'why',
    question: ['hvorfor', 'why', 'warum', 'wieso', 'لماذا', 'чому', 'навіщо'],
    heading: ['hvorfor', 'why'],
  },
  {
    aspect: 'how',
    question: ['hvordan', 'how do', 'how can', 'how to', 'wie kann', 'wie muss', 'wie mache', 'كيف', 'як'],
    heading: ['sådan', 'how to', 'how do'],
  },
  {
    aspect: 'contact',
    question: ['kontakt', 'kontakte', 'ringe', 'ring', 'telefon', 'telefonnummer', 'contact', 'call', 'phone', 'anrufen', 'kontaktieren', 'telefonnummer', 'اتصل', 'الاتصال', 'هاتف', 'зателефонувати', 'телефон', 'контакт'],
    heading: ['kontakt', 'contact', 'ringe', 'hvornår skal du ringe'],
  },
];

const isLetter = (character: string | undefined) => character !== undefined && /\p{L}/u.test(character);

/** Whether `text` holds `phrase` at the start of a word and, when `whole`, ending one too. */
function holdsWord(text: string, phrase: string, whole: boolean): boolean {
  for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
    if (!isLetter(text[at - 1]) && (!whole || !isLetter(text[at + phrase.length]))) return true;
  }
  return false;
}

// Whole words only: "før" must not match "føre", "ring" not "parkering".
const containsPhrase = (text: string, phrase: string) => holdsWord(text, phrase, true);
const startsWord = (text: string, stem: string) => holdsWord(text, stem, false);

export interface AskedAspects {
  aspects: Set<Aspect>;
  /** The question's words that asked for them ("hvor", "lang", "tid"): not the topic. */
  words: Set<string>;
}

// The question word says what kind of fact answers it; a sentence holding such a fact is the answer
// ("Hvornår …?" → "kl. 7.00–15.30"; "Hvor langt …?" → "1,2 km"), not one that only repeats the topic.
const answerTypes: readonly { aspect: AnswerType; question: RegExp; sentence: RegExp }[] = [
  {
    aspect: 'time',
    question: /(?<!\p{L})(?:hvornår|hvornar|hvorn[aå]r|when|what time|hours|wann|um wie viel uhr|uhrzeit|متى|أوقات|مواعيد|коли|о котрій|години|годин)(?!\p{L})|åbningstid|åbent|åben\b|besøgstid|opening hours|visiting hours|öffnungszeit|besuchszeit/iu,
    sentence: /kl\.\s*\d|\d{1,2}[.:]\d{2}|\d{1,2}\s*(?:am|pm)(?!\p{L})|døgnet rundt|hele døgnet|hverdage|weekend|(?<!\p{L})(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|monday|friday|daily)|\d+\s*(?:timer|dage|døgn|uger|hours)\s*(?:før|efter|before|after)|uge\s*\d+/iu,
  },
  {
    aspect: 'place',
    question: /(?<!\p{L})(?:hvor(?!\s+(?:meget|mange|lang|længe|langt|tit|ofte|høj|stor|gammel))|where|wo(?!\s+lange)|أين|اين|де)(?!\p{L})/iu,
    sentence: /indgang|\d+\.\s*sal|stueetage|etage|bygning|(?<!\p{L})ligger(?!\p{L})|kælder|fløj/iu,
  },
  {
    aspect: 'distance',
    question: /hvor langt|how far|wie weit|كم تبعد|як далеко/iu,
    sentence: /\d+(?:,\d+)?\s*(?:km|meter)(?!\p{L})|\d+\s*minutters?\s*gang|går du\s*\d+\s*minutter/iu,
  },
  {
    aspect: 'frequency',
    question: /hvor tit|hvor ofte|how often|wie oft|كم مرة|як часто/iu,
    sentence: /gange (?:om|i|pr\.)|(?<!\p{L})hver (?:dag|uge|måned|\d+\.? ?minut)|dagligt|ugentligt|every \d+ minutes|times a (?:day|week)|alle \d+ minuten/iu,
  },
  {
    aspect: 'price',
    question: /(?<!\p{L})(?:hvad koster|hvor meget koster|koster det|pris|prisen|how much|cost|was kostet|wie viel kostet|كم سعر|كم يكلف|скільки коштує)(?!\p{L})/iu,
    sentence: /\d+\s*kr\.?(?!\p{L})|gratis|(?<!\p{L})free(?!\p{L})/iu,
  },
];

/** The aspects a question asks about, and the words that asked. */
export function questionAspects(question: string): AskedAspects {
  const text = question.toLowerCase();
  const asked: AskedAspects = { aspects: new Set(), words: new Set() };
  for (const type of answerTypes) {
    const match = type.question.exec(question);
    if (match === null) continue;
    asked.aspects.add(type.aspect);
    // "hvor langt", "hvor tit": the words asked for the kind of fact, not for the topic.
    for (const word of tokenize(match[0])) asked.words.add(word);
  }
  for (const entry of aspectWords) {
    const phrases = entry.question.filter((phrase) => containsPhrase(text, phrase));
    if (phrases.length === 0) continue;
    asked.aspects.add(entry.aspect);
    for (const word of phrases.flatMap(tokenize)) asked.words.add(word);
  }
  return asked;
}

const isAspectConcept = (concept: Concept, asked: AskedAspects) => concept.words.every((word) => asked.words.has(word));

/**
 * The concepts to look for once the aspect is understood: "lang", "tid" and "tager" in "hvor lang tid
 * tager en MR-scanning?" are the aspect, not words a page must contain. Words the synonym list knows
 * stay ("telefon" also tells which practical field is asked for).
 */
export function withoutAspectWords(concepts: readonly Concept[], asked: AskedAspects): Concept[] {
  return concepts.filter((concept) => concept.known || !isAspectConcept(concept, asked));
}

/** The concepts that name the topic, for telling whether a page is about it. */
export function topicConcepts(concepts: readonly Concept[], asked: AskedAspects): Concept[] {
  return concepts.filter((concept) => !isAspectConcept(concept, asked));
}

/**
 * Whether the chunk is a section about one of the asked aspects of the question's topic. Only section
 * headings name the aspect, not the page title (every section of "Faste før bedøvelse" is not about
 * "before"); the topic must be in the title or headings (`aboutTopic`): the "Før operationen" section of
 * the cataract page does not answer "må jeg drikke vand før bedøvelse?".
 */
export function sectionAnswersAspect(chunk: Chunk, asked: AskedAspects, aboutTopic: (headings: string) => boolean): boolean {
  if (asked.aspects.size === 0 || !aboutTopic(`${chunk.title}\n${chunk.headingPath.join('\n')}`)) return false;
  const sections = chunk.headingPath.slice(1).join('\n').toLowerCase();
  if (sections === '') return false;
  return aspectWords.some((entry) => asked.aspects.has(entry.aspect) && entry.heading.some((stem) => (stem.length >= 5 ? sections.includes(stem) : startsWord(sections, stem))));
}

// What a sentence holds when it answers the aspect, whatever its section is called.
const sentenceCues: Partial<Record<Aspect, RegExp>> = {
  ...Object.fromEntries(answerTypes.map((type) => [type.aspect, type.sentence])),
  duration: /\d+\s*(?:[–-]\s*\d+\s*)?(?:minutter|min\.|timer|time|døgn|dage|uger|minutes|hours|days|weeks)(?!\p{L})|(?<!\p{L})(?:en|et par|halv|one|an) (?:time|timer|hour)(?!\p{L})/iu,
  contact: /(?<!\d)(?:\+45\s?)?\d{2}\s?\d{2}\s?\d{2}\s?\d{2}(?!\d)/u,
  results: /(?<!\p{L})(?:svar|svaret|svarene|result|results)(?!\p{L})/iu,
};

// "Undersøgelsen tager 20–40 minutter" is how long it takes; "regn med 2–3 timer i alt" is the visit.
const durationVerb = /(?<!\p{L})(?:tager|varer|tar|takes|lasts|dauert|триває|يستغرق)(?!\p{L})/iu;

/** How strongly a sentence answers a "how long" question by its verb (0 or 1). */
export function durationVerbIn(sentence: string, asked: AskedAspects): number {
  return asked.aspects.has('duration') && durationVerb.test(sentence) ? 1 : 0;
}

/** Whether a sentence (or a passage) itself answers an aspect asked for ("En scanning tager typisk 20–45 minutter"). */
export function sentenceAnswersAspect(sentence: string, asked: AskedAspects): boolean {
  return [...asked.aspects].some((aspect) => sentenceCues[aspect]?.test(sentence) === true);
}
