import { describe, it, expect } from 'vitest';
import { outOfHoursDoctorStatus } from '../calendar/opening-hours.js';
import type { SupportedLanguage } from '../language/languages.js';
import { medicalAdviceCardText, type MedicalAdviceContacts } from './medical-advice-card.js';
import type { MedicalAdviceTopic } from './medical-advice.js';

// Numbers deliberately differ from the real ones, so a hard-coded number in a template shows up.
const CONTACTS: MedicalAdviceContacts = { emergency: '999', outOfHoursDoctor: '12 34 56 78' };
const TUESDAY_MORNING = outOfHoursDoctorStatus(new Date('2026-03-10T10:00:00+01:00'));
const TUESDAY_EVENING = outOfHoursDoctorStatus(new Date('2026-03-10T21:00:00+01:00'));
const LANGUAGES: readonly SupportedLanguage[] = ['da', 'en', 'de', 'ar', 'uk'];
const TOPICS: readonly MedicalAdviceTopic[] = ['symptoms', 'diagnosis', 'medication', 'treatment'];

describe('medicalAdviceCardText', () => {
  it('sends a Danish citizen to the own doctor, Lægevagten with its status now, and 112', () => {
    const card = medicalAdviceCardText('da', 'symptoms', { emergency: '112', outOfHoursDoctor: '70 11 07 07' }, TUESDAY_MORNING);
    expect(card).toContain('egen læge');
    expect(card).toContain('Lægevagten på 70 11 07 07');
    expect(card).toContain('Lægevagten åbner kl. 16.');
    expect(card).toContain('ring 112');
  });

  it('says Lægevagten is open now in the evening', () => {
    const card = medicalAdviceCardText('da', 'symptoms', CONTACTS, TUESDAY_EVENING);
    expect(card).toContain('Lægevagten har åbent nu.');
    expect(card).not.toContain('åbner');
  });

  it('says "i morgen" when Lægevagten opens the next day', () => {
    const card = medicalAdviceCardText('da', 'symptoms', CONTACTS, {
      open: false,
      opensAt: { at: new Date('2026-03-11T15:00:00Z'), date: '2026-03-11', time: '16:30', weekday: 'wednesday', dayOffset: 1 },
    });
    expect(card).toContain('Lægevagten åbner i morgen kl. 16.30.');
  });

  it('mentions the pharmacy only for medicine questions and the treating doctor only for treatment choices', () => {
    expect(medicalAdviceCardText('da', 'medication', CONTACTS, TUESDAY_MORNING)).toContain('apoteket');
    expect(medicalAdviceCardText('da', 'symptoms', CONTACTS, TUESDAY_MORNING)).not.toContain('apoteket');
    expect(medicalAdviceCardText('da', 'treatment', CONTACTS, TUESDAY_MORNING)).toContain('den læge, der behandler dig');
    expect(medicalAdviceCardText('da', 'diagnosis', CONTACTS, TUESDAY_MORNING)).not.toContain('behandler dig');
  });

  it.each(LANGUAGES)('%s: every topic has its own first line and every number comes from configuration', (language) => {
    const placeholders: MedicalAdviceContacts = { emergency: 'EMERGENCY', outOfHoursDoctor: 'DOCTOR' };
    const firstLines = new Set<string>();
    for (const topic of TOPICS) {
      const card = medicalAdviceCardText(language, topic, placeholders, { open: true });
      expect(card).not.toMatch(/\d/);
      expect(card).toContain('EMERGENCY');
      expect(card).toContain('DOCTOR');
      firstLines.add(card.split('\n')[0] ?? '');
    }
    expect(firstLines.size).toBe(TOPICS.length);
  });

  it.each(LANGUAGES)('%s: gives the opening time when closed', (language) => {
    expect(medicalAdviceCardText(language, 'medication', CONTACTS, TUESDAY_MORNING)).toMatch(/16/);
  });

  it.each([
    ['ar', /\p{Script=Arabic}/gu],
    ['uk', /\p{Script=Cyrillic}/gu],
  ] as const)('%s card is written in its own script, with the number kept whole', (language, script) => {
    const card = medicalAdviceCardText(language, 'medication', CONTACTS, TUESDAY_MORNING);
    const native = card.match(script)?.length ?? 0;
    const latin = card.match(/\p{Script=Latin}/gu)?.length ?? 0;
    expect(native).toBeGreaterThan(latin * 3);
    expect(card).toContain('12 34 56 78');
  });

  it('isolates numbers in right-to-left Arabic text', () => {
    expect(medicalAdviceCardText('ar', 'symptoms', CONTACTS, TUESDAY_MORNING)).toContain('\u206612 34 56 78\u2069');
  });
});
