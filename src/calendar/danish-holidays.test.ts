import { describe, it, expect } from 'vitest';
import { addDays, easterSunday, holidayOn, isPublicHoliday, publicHolidays } from './danish-holidays.js';

describe('easterSunday', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    // Edge years of the computus: the earliest and latest possible dates.
    [2008, '2008-03-23'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('%i → %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('refuses a year before the Gregorian calendar', () => {
    expect(() => easterSunday(1500)).toThrow(/Gregorian/);
  });
});

describe('publicHolidays', () => {
  it('lists the official Danish holidays of 2026 in date order', () => {
    expect(publicHolidays(2026).map((h) => `${h.date} ${h.name}`)).toEqual([
      '2026-01-01 Nytårsdag',
      '2026-04-02 Skærtorsdag',
      '2026-04-03 Langfredag',
      '2026-04-05 Påskedag',
      '2026-04-06 2. påskedag',
      '2026-05-14 Kristi himmelfartsdag',
      '2026-05-24 Pinsedag',
      '2026-05-25 2. pinsedag',
      '2026-12-25 Juledag',
      '2026-12-26 2. juledag',
    ]);
  });

  it('has store bededag up to 2023 and not from 2024, when it was abolished', () => {
    expect(holidayOn('2023-05-05')?.id).toBe('store-bededag');
    expect(publicHolidays(2023)).toHaveLength(11);
    expect(publicHolidays(2024).some((h) => h.id === 'store-bededag')).toBe(false);
    // 2024's would-be store bededag (Easter + 26 days) is an ordinary Friday.
    expect(isPublicHoliday(addDays(easterSunday(2024), 26))).toBe(false);
  });

  it('counts grundlovsdag, juleaften and nytårsaften only when asked to', () => {
    for (const date of ['2026-06-05', '2026-12-24', '2026-12-31']) {
      expect(isPublicHoliday(date)).toBe(false);
      expect(isPublicHoliday(date, { customaryClosedDays: true })).toBe(true);
      expect(holidayOn(date, { customaryClosedDays: true })?.official).toBe(false);
    }
  });

  it('finds Kristi himmelfartsdag on a Thursday and pinse on Sunday and Monday', () => {
    for (const year of [2024, 2025, 2026, 2027, 2030]) {
      const byId = new Map(publicHolidays(year).map((h) => [h.id, new Date(`${h.date}T12:00:00Z`).getUTCDay()]));
      expect(byId.get('kristi-himmelfartsdag')).toBe(4);
      expect(byId.get('skaertorsdag')).toBe(4);
      expect(byId.get('langfredag')).toBe(5);
      expect(byId.get('pinsedag')).toBe(0);
      expect(byId.get('anden-pinsedag')).toBe(1);
    }
  });

  it('is not fooled by ordinary days', () => {
    expect(isPublicHoliday('2026-04-07')).toBe(false);
    expect(isPublicHoliday('2026-05-13')).toBe(false);
    expect(() => isPublicHoliday('14/05/2026')).toThrow(/YYYY-MM-DD/);
  });
});
