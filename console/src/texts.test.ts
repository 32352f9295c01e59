import { describe, expect, it } from 'vitest';
import { chatStateText, clock, languageName, reasonLabel, signInError, teamName, waitingTime } from './texts.js';

describe('the console in plain Danish', () => {
  const now = new Date('2026-11-26T09:30:00.000Z');

  it('says how long a citizen has waited, in minutes and then hours', () => {
    expect(waitingTime('2026-11-26T09:29:40.000Z', now)).toBe('under 1 min');
    expect(waitingTime('2026-11-26T09:26:00.000Z', now)).toBe('4 min');
    expect(waitingTime('2026-11-26T08:25:00.000Z', now)).toBe('1 t 5 min');
    expect(waitingTime('2026-11-26T07:30:00.000Z', now)).toBe('2 t');
    // A clock a little ahead of the server's is not a negative wait.
    expect(waitingTime('2026-11-26T09:31:00.000Z', now)).toBe('under 1 min');
  });

  it('shows Copenhagen time, with the date only when it is not today', () => {
    expect(clock('2026-11-26T09:05:00.000Z', now)).toBe('10.05');
    expect(clock('2026-11-24T13:05:00.000Z', now)).toBe('24.11. 14.05');
  });

  it('names languages, reasons and teams the way staff say them', () => {
    expect(languageName('ar')).toBe('Arabisk');
    expect(languageName('uk')).toBe('Ukrainsk');
    expect(reasonLabel('emergency')).toBe('Mulig akut situation');
    expect(reasonLabel('something-new')).toBe('something-new');
    expect(teamName('patientservice')).toBe('Patientservice');
  });

  it('turns a failed sign-in into one Danish sentence, with the wait after too many tries', () => {
    expect(signInError(401, null)).toBe('Forkert brugernavn eller adgangskode.');
    expect(signInError(429, 840)).toBe('For mange forkerte forsøg. Prøv igen om 14 minutter.');
    expect(signInError(429, 30)).toBe('For mange forkerte forsøg. Prøv igen om 1 minut.');
    expect(signInError(500, null)).toMatch(/Prøv igen om lidt/);
  });

  it('says who has the chat', () => {
    expect(chatStateText('waiting', undefined, false)).toBe('Venter på en medarbejder');
    expect(chatStateText('staff', 'Mette', true)).toBe('Du har samtalen');
    expect(chatStateText('staff', 'Mette', false)).toBe('Mette har samtalen');
    expect(chatStateText('bot', undefined, false)).toBe('Chatbotten svarer');
  });
});
