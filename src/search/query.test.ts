import { describe, expect, it } from 'vitest';
import { tokenize } from './analysis.js';
import { conceptCoverage, questionConcepts, searchText, withinEdits } from './query.js';
import { synonymGroups } from './synonyms.js';

const topics = (question: string) => questionConcepts(question).map((concept) => concept.words.join(' '));
const covers = (question: string, pageText: string) => conceptCoverage(questionConcepts(question), pageText);

describe('questionConcepts', () => {
  it('keeps what a question asks about and drops question words in all five languages', () => {
    expect(topics('Hvor kan jeg parkere?')).toEqual(['parkere']);
    expect(topics('Where can I park?')).toEqual(['park']);
    expect(topics('Wo kann ich parken?')).toEqual(['parken']);
    expect(topics('أين يمكنني ركن السيارة؟')).toEqual(['ركن السيارة']);
    expect(topics('Де можна припаркуватися?')).toContain('припаркуватися');
  });

  it('reads a phrase from the list as one concept', () => {
    expect(topics('Where do I go for a blood test?')).toContain('blood test');
    expect(topics('Hvornår skal jeg have en kikkertundersøgelse af tyktarmen?')).toContain('kikkertundersøgelse af tyktarmen');
  });
});

// The synonym groups a question's words were matched to ("besøg", "tolk"): what the question asks about.
const groups = (question: string) => questionConcepts(question).flatMap((concept) => concept.topics);

describe('questionConcepts: a word in another language, inflected as citizens write it', () => {
  it('finds the Ukrainian concept whatever its case or number', () => {
    expect(groups('Які години відвідування?')).toEqual(['besøg']);
    expect(groups('Скільки годин відвідувань?')).toEqual(['besøg']);
    expect(groups('Чи можу я отримати перекладача?')).toEqual(['tolk']);
    expect(groups('Мені потрібен перекладач')).toEqual(['tolk']);
    expect(groups('Де зупинка автобуса?')).toEqual(['bus', 'bus']);
    expect(groups('Як доїхати автобусом?')).toContain('bus');
    expect(groups('Де можна здати аналіз крові?')).toEqual(['blodprøve']);
    expect(groups('Де знаходиться приймальне відділення невідкладної допомоги?')).toEqual(['akutmodtagelse']);
    expect(groups('Скільки коштує парковка?')).toEqual(['pris', 'parkering']);
    expect(groups('Чи є безкоштовна стоянка?')).toContain('parkering');
    expect(groups('Чи можна пити воду перед операцією?')).toEqual(['drikke', 'vand', 'operation']);
    expect(groups('Чи є інвалідні візки?')).toEqual(['kørestol']);
    expect(groups('Як поскаржитися?')).toEqual(['rettigheder']);
  });

  it('keeps Ukrainian question and function words out of the topic', () => {
    expect(topics('Чи можу я отримати перекладача?')).toEqual(['перекладача']);
    expect(topics('Який автобус їде до лікарні?')).toEqual(['автобус']);
    expect(topics('Де можна припаркуватися?')).toEqual(['припаркуватися']);
  });

  it('finds German, English and Arabic forms the list does not spell out', () => {
    expect(groups('Wo sind die Parkplätze?')).toEqual(['parkering']);
    expect(groups('Where have I parked?')).toEqual(['parkering']);
    expect(groups('Which buses go to the hospital?')).toEqual(['bus']);
    expect(groups('Gibt es Dolmetscherinnen?')).toEqual(['tolk']);
    expect(groups('Wo ist die Bushaltestelle?')).toEqual(['bus']);
    expect(groups('هل يوجد المترجم؟')).toEqual(['tolk']);
    expect(groups('أين موقف الحافلات؟')).toEqual(['bus']);
  });

  it('does not join unrelated words that share a short stem', () => {
    // "рано" (early) and "рана" (wound), "водій" (driver) and "вода" (water), "лікар" (doctor) and "ліки" (medicine).
    expect(groups('Як рано треба прийти?')).not.toContain('sår');
    expect(groups('Чи може водій чекати біля входу?')).not.toContain('drikke');
    expect(groups('Коли приймає лікар?')).not.toContain('medicin');
    // A phone charger on the visiting page is not where to charge an electric car.
    expect(covers('Where can I charge my electric car?', 'Bring a phone charger and a book.')).toBeLessThan(0.6);
    expect(covers('Where can I charge my electric car?', 'Der er 24 ladestandere i P-hus Nord.')).toBe(1);
    // Danish questions are read as before: "vandt" (won) is not "vand", "should" is not "shoulder".
    expect(groups('Hvem vandt fodboldkampen?')).toEqual([]);
    expect(groups('Should I bring my pills?')).not.toContain('skulder');
  });

  it('answers a Ukrainian question from the Danish page', () => {
    const page = 'Besøgstider: Der er besøgstid hver dag kl. 11.00–20.00.';
    expect(conceptCoverage(questionConcepts('Які години відвідування?'), page, 0.5)).toBe(1);
    expect(conceptCoverage(questionConcepts('Чи можу я отримати перекладача?'), 'Du har ret til en tolk.', 0.5)).toBe(1);
    expect(conceptCoverage(questionConcepts('Який автобус їде до лікарні?'), 'Bus 1A kører fra Banegården.', 0.5)).toBe(1);
  });
});

describe('conceptCoverage: a page says it in its own words', () => {
  it('finds the clinical word for the lay word and back', () => {
    expect(covers('Hvor får jeg taget en blodprøve?', 'Blodprøvetagningen ligger i Indgang 2.')).toBe(1);
    expect(covers('Hvad sker der ved en tarmundersøgelse?', 'Ved en koloskopi ser lægen på tyktarmen.')).toBe(1);
    expect(covers('Hvad er en kikkertundersøgelse?', 'Endoskopi er en undersøgelse med et tyndt rør.')).toBe(1);
  });

  it('joins compounds and abbreviations: p-plads, parkeringsplads, parkere', () => {
    expect(covers('Hvor er der en p-plads?', 'Du kan parkere i P-hus Nord.')).toBe(1);
    expect(covers('Hvor kan jeg parkere?', 'Parkeringspladsen ligger ved Indgang 3.')).toBe(1);
  });

  it('finds the Danish page for a question in another language', () => {
    const page = 'Der er besøgstid hver dag kl. 10–20.';
    for (const question of ['What are the visiting hours?', 'Wann ist Besuchszeit?', 'ما هي مواعيد الزيارة؟', 'Коли можна відвідати?']) {
      expect(conceptCoverage(questionConcepts(question), page, 0.5), question).toBeGreaterThanOrEqual(0.6);
    }
  });

  it('counts a price question as answered by a page with prices', () => {
    expect(covers('Hvad koster det at parkere?', 'Parkering: Derefter 15 kr. pr. påbegyndt time.')).toBe(1);
  });

  it('forgives one typo in a longer word, and missing æ, ø, å', () => {
    expect(covers('hvor kan jeg parkre', 'Parkering ved hospitalet')).toBe(1);
    expect(covers('besogstider', 'Besøgstider på sengeafsnit')).toBe(1);
    expect(covers('blodprve', 'Blodprøvetagning')).toBe(1);
    expect(covers('opration', 'Før din operation')).toBe(1);
  });

  it('does not let short or unrelated words pass for each other', () => {
    // The Danish stemmer joins "vandt" (won) and "vand" (water): the football question still finds
    // too little of itself on a fasting page to be answered from it.
    expect(covers('Hvem vandt fodboldkampen?', 'Du må drikke vand indtil to timer før.')).toBeLessThan(0.6);
    expect(covers('Hvor er kantinen?', 'Kontakt kardiologisk ambulatorium.')).toBe(0);
    expect(covers('Hvad koster en pizza?', 'Parkering: 15 kr. pr. time.')).toBeLessThan(0.6);
  });
});

describe('searchText', () => {
  it('asks the index for every way a page may say it, without the question words', () => {
    const text = searchText(questionConcepts('Hvad koster det at parkere?'));
    expect(text).toContain('parkering');
    expect(text).toContain('pris');
    expect(text).not.toMatch(/\bhvad\b/);
  });
});

describe('withinEdits', () => {
  it('counts inserts, deletes, substitutions and swapped neighbours as one edit each', () => {
    expect(withinEdits('parkring', 'parkering', 1)).toBe(true);
    expect(withinEdits('prakering', 'parkering', 1)).toBe(true);
    expect(withinEdits('parkerin', 'parkering', 1)).toBe(true);
    expect(withinEdits('pakrein', 'parkering', 1)).toBe(false);
  });
});

describe('the synonym list', () => {
  it('has no empty entries, and no entry twice in one group', () => {
    for (const group of synonymGroups) {
      for (const entry of group) expect(tokenize(entry).length, JSON.stringify(entry)).toBeGreaterThan(0);
      expect(new Set(group.map((entry) => entry.toLowerCase())).size, group[0]).toBe(group.length);
    }
  });
});
