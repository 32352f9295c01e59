// Which messages are about the citizen's own appointments, and what they ask, in the five languages.
import { describe, expect, it } from 'vitest';
import { appointmentQuestion, mentionedDay } from './appointment-question.js';

const now = new Date('2026-11-26T08:00:00Z');

describe('recognising questions about my own appointments', () => {
  it.each([
    ['Hvornår er min næste tid?', 'next'],
    ['hvornår er min nste tid', 'next'],
    ['Hvornår er min næste aftle?', 'next'],
    ['Vis alle mine tider', 'all'],
    ['When is my next appointment?', 'next'],
    ['when is my next apointment', 'next'],
    ['List all appointments', 'all'],
    ['Wann ist mein nächster Termin?', 'next'],
    ['متى موعدي القادم؟', 'next'],
    ['Коли мій наступний прийом?', 'next'],
  ])('%s → %s', (text, scope) => {
    expect(appointmentQuestion(text, now)?.scope).toBe(scope);
  });

  it.each([
    ['Hvor skal jeg parkere til min tid?', ['where', 'parking']],
    ['Skal jeg faste før min operation? Det er min næste tid', ['fasting']],
    ['Hvad skal jeg tage med til min aftale?', ['bring']],
    ['Hvordan aflyser jeg min tid?', ['change']],
    ['Which entrance for my appointment?', ['where']],
    ['Muss ich vor meinem Termin nüchtern sein?', ['fasting']],
    ['أين أركن السيارة لموعدي؟', ['where']],
    ['Як перенести мій прийом?', ['change']],
  ])('%s asks about %j', (text, aspects) => {
    expect(appointmentQuestion(text, now)?.aspects).toEqual(expect.arrayContaining(aspects));
  });

  it('does not take "hvornår" (when) for a where-question', () => {
    expect(appointmentQuestion('Hvornår er min næste tid?', now)?.aspects).toEqual([]);
  });

  it.each(['Hvad tid åbner blodprøvetagningen?', 'Hvor kan jeg parkere?', 'Hvornår er der besøgstid?', 'What are the visiting hours?', 'Wo ist der Eingang?', 'أين يمكنني ركن السيارة؟', 'Які правила відвідування?'])(
    'leaves a general question to the hospital pages: %s',
    (text) => {
      expect(appointmentQuestion(text, now)).toBeUndefined();
    },
  );

  it('reads the day a question names, the next one when no year is given', () => {
    expect(appointmentQuestion('Har jeg en tid den 8. december?', now)).toMatchObject({ scope: 'date', date: '2026-12-08' });
    expect(mentionedDay('my appointment on 19/1', now)).toBe('2027-01-19');
    expect(mentionedDay('meine Termine am 2026-12-02', now)).toBe('2026-12-02');
    expect(mentionedDay('min tid i morgen', now)).toBe('2026-11-27');
    expect(mentionedDay('мій прийом 8 грудня', now)).toBe('2026-12-08');
    // A time of day is not a date.
    expect(mentionedDay('min tid kl. 8.30', now)).toBeUndefined();
  });
});
