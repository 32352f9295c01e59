// Grouping the questions no page answered: paraphrases and misspellings of one topic land together,
// unrelated questions do not, and what an editor reads (labels, counts, examples) makes sense.
import { describe, expect, it } from 'vitest';
import type { Embeddings } from '../search/embeddings.js';
import { groupUnansweredQuestions, type ContentGap, type UnansweredQuestion } from './content-gaps.js';

let sequence = 0;
/** Questions asked one minute apart, in the order given. */
function asked(texts: readonly (string | [string, string])[]): UnansweredQuestion[] {
  return texts.map((entry) => {
    const [text, language] = typeof entry === 'string' ? [entry, 'da'] : entry;
    sequence += 1;
    return { messageId: `q-${sequence}`, text, language, createdAt: new Date(Date.UTC(2026, 10, 1, 8, sequence)).toISOString(), reason: 'no-source' };
  });
}

const parkingAtNight = ['hvor kan jeg parkere om natten', 'parkring om natten?', 'må man holde bil på p-pladsen om natten', 'natparkering'];
const wifi = ['Er der gratis wifi?', 'Kan man få wi-fi på stuen?'];
const cafeteria = ['Hvornår har cafeteriet åbent?'];
const flowers = ['Må jeg tage blomster med til min mor?'];

const groupOf = (gaps: readonly ContentGap[], text: string) => gaps.find((gap) => gap.examples.some((example) => example.text === text));
const textsOf = (gap: ContentGap | undefined) => (gap?.examples ?? []).map((example) => example.text).sort();

describe('grouping unanswered questions', () => {
  it('puts Danish paraphrases of parking at night, misspelt and as a compound, in one topic', async () => {
    const gaps = await groupUnansweredQuestions(asked([...parkingAtNight, ...wifi, ...cafeteria, ...flowers]));
    const parking = groupOf(gaps, 'natparkering');
    expect(textsOf(parking)).toEqual([...parkingAtNight].sort());
    expect(parking).toMatchObject({ questions: 4, languages: { da: 4 } });
    expect(parking?.label).toBe('Parkering, natten');
    // Most asked first.
    expect(gaps[0]).toBe(parking);
  });

  it('keeps WiFi, the cafeteria’s opening hours and bringing flowers out of the parking topic and apart from each other', async () => {
    const gaps = await groupUnansweredQuestions(asked([...parkingAtNight, ...wifi, ...cafeteria, ...flowers]));
    const topics = [groupOf(gaps, 'natparkering'), groupOf(gaps, 'Er der gratis wifi?'), groupOf(gaps, cafeteria[0] as string), groupOf(gaps, flowers[0] as string)];
    expect(new Set(topics.map((topic) => topic?.id)).size).toBe(4);
    // The two WiFi questions ("wifi", "wi-fi") are one topic; the synonym list joins the spellings.
    expect(textsOf(topics[1])).toEqual([...wifi].sort());
    expect(topics[1]?.label).toBe('Wifi');
    expect(textsOf(topics[2])).toEqual(cafeteria);
    expect(textsOf(topics[3])).toEqual(flowers);
    expect(gaps.reduce((sum, gap) => sum + gap.questions, 0)).toBe(8);
  });

  it('joins English and German parking questions through the synonym list, where it knows their words', async () => {
    const gaps = await groupUnansweredQuestions(asked([...parkingAtNight, ['Where can I park at night?', 'en'], ['Wo kann ich nachts parken?', 'de'], ...wifi, ...flowers]), { examples: 10 });
    const parking = groupOf(gaps, 'natparkering');
    expect(textsOf(parking)).toEqual([...parkingAtNight, 'Where can I park at night?', 'Wo kann ich nachts parken?'].sort());
    expect(parking?.languages).toEqual({ da: 4, en: 1, de: 1 });
    expect(groupOf(gaps, 'Er der gratis wifi?')).not.toBe(parking);
  });

  it('does not join two topics through a word they merely share ("natten" in parking and in charging an electric car)', async () => {
    const gaps = await groupUnansweredQuestions(asked([...parkingAtNight, 'Hvor kan jeg lade min elbil om natten?']));
    expect(groupOf(gaps, 'Hvor kan jeg lade min elbil om natten?')).not.toBe(groupOf(gaps, 'natparkering'));
  });

  it('splits a compound only where it ends in a known word, not in a near miss of one', async () => {
    const gaps = await groupUnansweredQuestions(asked(['Hvor er gæsteparkeringen?', 'gæsteparkering', 'Kan jeg få strygning af mit tøj?', 'Må man ryge på stuen?']));
    expect(groupOf(gaps, 'gæsteparkering')).toBe(groupOf(gaps, 'Hvor er gæsteparkeringen?'));
    expect(groupOf(gaps, 'Kan jeg få strygning af mit tøj?')).not.toBe(groupOf(gaps, 'Må man ryge på stuen?'));
  });

  it('joins the same question asked many times, counts it, and shows different wordings first, newest first', async () => {
    const questions = asked(['Sælger I frimærker?', 'Sælger I frimærker?', 'sælger i frimærker?', 'Kan man købe frimærker?', 'frimærker', 'frimærkker']);
    const [stamps, ...others] = await groupUnansweredQuestions(questions);
    expect(others).toEqual([]);
    expect(stamps).toMatchObject({ questions: 6, label: 'Frimærker', firstAskedAt: questions[0]?.createdAt, lastAskedAt: questions[5]?.createdAt, id: questions[0]?.messageId });
    expect(stamps?.examples.map((example) => example.text)).toEqual(['frimærkker', 'frimærker', 'Kan man købe frimærker?', 'sælger i frimærker?', 'Sælger I frimærker?']);
  });

  it('redacts CPR numbers, phone numbers and e-mail addresses in the examples, and groups by the words around them', async () => {
    const gaps = await groupUnansweredQuestions(asked(['Mit CPR er 010190-1234, er der wifi?', 'Er der wifi? Ring på 20 30 40 50 eller skriv til ida@example.dk']));
    expect(gaps).toHaveLength(1);
    const texts = textsOf(gaps[0]).join(' ');
    expect(texts).toContain('[CPR]');
    expect(texts).toContain('[TELEFON]');
    expect(texts).toContain('[E-MAIL]');
    for (const secret of ['010190-1234', '20 30 40 50', 'ida@example.dk']) expect(texts).not.toContain(secret);
    expect(gaps[0]?.label).toBe('Wifi');
  });

  it('answers an empty list for no questions', async () => {
    expect(await groupUnansweredQuestions([])).toEqual([]);
  });
});

/** Embeddings that know one thing: texts about dogs point one way, everything else another. */
function dogEmbeddings(calls: string[][]): Embeddings {
  const vector = (text: string) => (/\b(hund|hunden|dog|hund\w*)\b/i.test(text) ? [1, 0, 0] : /kaffe|coffee/i.test(text) ? [0, 1, 0] : [0, 0, 1]);
  return {
    dimensions: 3,
    async embedDocuments(texts) {
      calls.push(texts);
      return texts.map(vector);
    },
    async embedQuery(text) {
      return vector(text);
    },
  };
}

describe('with an embedding model', () => {
  it('joins questions the vectors call alike, though they share no word', async () => {
    const questions = asked(['Må jeg tage min hund med?', ['Can I bring my dog?', 'en'], 'Er der gratis wifi?']);
    const lexical = await groupUnansweredQuestions(questions);
    expect(groupOf(lexical, 'Må jeg tage min hund med?')).not.toBe(groupOf(lexical, 'Can I bring my dog?'));
    const calls: string[][] = [];
    const gaps = await groupUnansweredQuestions(questions, { embeddings: dogEmbeddings(calls) });
    expect(textsOf(groupOf(gaps, 'Can I bring my dog?'))).toEqual(['Can I bring my dog?', 'Må jeg tage min hund med?']);
    expect(groupOf(gaps, 'Er der gratis wifi?')?.questions).toBe(1);
    expect(calls.flat()).toHaveLength(3);
  });

  it('groups by the words alone when the model fails, and says so', async () => {
    const failures: Error[] = [];
    const failing: Embeddings = {
      dimensions: 3,
      embedDocuments: () => Promise.reject(new Error('rate limited')),
      embedQuery: () => Promise.reject(new Error('rate limited')),
    };
    const gaps = await groupUnansweredQuestions(asked(parkingAtNight), { embeddings: failing, onEmbeddingFailure: (error) => failures.push(error) });
    expect(gaps).toHaveLength(1);
    expect(failures.map((error) => error.message)).toEqual(['rate limited']);
  });
});

describe('a few thousand questions', () => {
  // How fast is a benchmark's question, not a unit test's (shared, noisy machines): this checks that
  // a month of questions is grouped whole, every question counted once.
  it('a month of questions (3,000) is grouped into its topics, every question counted once', async () => {
    const topics = ['parkering om natten', 'gratis wifi', 'cafeteriet åbent', 'blomster med', 'frimærker', 'frisør', 'pizza', 'bibliotek', 'hund med', 'kiosken søndag'];
    const texts = Array.from({ length: 3000 }, (_, index) => `${['Hvor', 'Kan', 'Må'][index % 3]} ${topics[index % topics.length]} ${index % 7 === 0 ? `ord${index}` : ''}`.trim());
    const gaps = await groupUnansweredQuestions(asked(texts));
    expect(gaps.reduce((sum, gap) => sum + gap.questions, 0)).toBe(3000);
    expect(gaps[0]?.questions).toBeGreaterThan(200);
  });
});
