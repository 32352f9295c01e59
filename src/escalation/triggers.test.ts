import { describe, expect, it } from 'vitest';
import { asksForPerson, topicMatcher } from './triggers.js';

describe('asksForPerson: a citizen who wants a person, in any supported language', () => {
  it.each([
    'Kan jeg tale med et menneske?',
    'jeg vil gerne snakke med en rigtig person',
    'kan jeg faa fat i en medarbejder',
    'tal med menneske',
    'Menneske tak',
    'menneske',
    'stil mig videre',
    'Jeg vil ikke snakke med en robot, kan jeg få en medarbejder?',
    'Can I talk to a human?',
    'speak to someone please',
    'connect me with an agent',
    'I want a real person',
    'human please',
    'Ich möchte mit einem Mitarbeiter sprechen',
    'kann ich mit einem echten Menschen reden',
    'أريد التحدث مع موظف',
    'ممكن اكلم شخص حقيقي',
    'Можна поговорити з людиною?',
    "з'єднайте мене з оператором",
    'оператор',
  ])('"%s" asks for a person', (text) => {
    expect(asksForPerson(text)).toBe(true);
  });

  it.each([
    'Hvor kan jeg parkere?',
    'Hvem kan jeg tale med om parkering?',
    'Må min mand være med til fødslen?',
    'Hvornår kan jeg tale med lægen om svaret?',
    'Kan personalet hjælpe mig med kørestol?',
    'jeg vil ikke tale med et menneske, bare svar',
    'Is the human papilloma vaccine given here?',
    'How many people can visit at once?',
    'Wo kann ich parken?',
    'ما هي ساعات الزيارة؟',
    'Де можна припаркуватися?',
  ])('"%s" does not', (text) => {
    expect(asksForPerson(text)).toBe(false);
  });
});

describe('topicMatcher: configured topics that always go to staff', () => {
  const match = topicMatcher([
    { id: 'complaint', phrases: ['klage*', 'complain*|complaint*', 'beschwerde*'], team: 'patientkontor' },
    { id: 'records', phrases: ['aktindsigt', 'journal udskrift*'] },
  ]);

  it('finds the topic with typos and inflections', () => {
    expect(match('Jeg vil gerne klage over behandlingen')?.id).toBe('complaint');
    expect(match('I want to make a complaint')?.id).toBe('complaint');
    expect(match('hvordan søger jeg aktindsigt?')?.id).toBe('records');
    expect(match('hvordan søger jeg aktindsihgt?')?.id).toBe('records');
  });

  it('leaves other questions alone, and no topics means none', () => {
    expect(match('Hvor kan jeg parkere?')).toBeUndefined();
    expect(topicMatcher([])('jeg vil klage')).toBeUndefined();
  });
});
