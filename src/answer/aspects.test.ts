import { describe, expect, it } from 'vitest';
import { questionConcepts } from '../search/query.js';
import { questionAspects, withoutAspectWords } from './aspects.js';

describe('questionAspects', () => {
  it('hears the same aspect in the five languages', () => {
    for (const question of ['Hvad skal jeg have med?', 'What should I bring?', 'Was muss ich mitbringen?', 'ماذا يجب أن أحضر؟', 'Що треба взяти з собою?']) {
      expect([...questionAspects(question).aspects], question).toContain('bring');
    }
    for (const question of ['Hvor lang tid tager det?', 'How long does it take?', 'Wie lange dauert es?', 'كم من الوقت يستغرق؟', 'Скільки часу це триває?']) {
      expect([...questionAspects(question).aspects], question).toContain('duration');
    }
  });

  it('matches whole words only', () => {
    expect(questionAspects('Hvor er parkeringen?').aspects.has('contact')).toBe(false); // "ring" inside "parkeringen"
    expect(questionAspects('Hvad skal jeg føre i journalen?').aspects.has('before')).toBe(false);
  });

  it('drops the aspect\'s own words from what a page must contain, but keeps words the synonym list knows', () => {
    const duration = questionAspects('Hvor lang tid tager en MR-scanning?');
    expect(withoutAspectWords(questionConcepts('Hvor lang tid tager en MR-scanning?'), duration).map((concept) => concept.words.join(' '))).toEqual(['mr-scanning']);
    const phone = questionAspects('Hvad er telefonnummeret til kardiologisk?');
    expect(withoutAspectWords(questionConcepts('Hvad er telefonnummeret til kardiologisk?'), phone).some((concept) => concept.topics.includes('telefon'))).toBe(true);
  });

  it('does not read "should" as "shoulder"', () => {
    expect(questionConcepts('What should I bring?').some((concept) => concept.topics.includes('skulder'))).toBe(false);
  });
});
