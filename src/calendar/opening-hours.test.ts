import { describe, it, expect } from 'vitest';
import { copenhagenDate, openingStatus, outOfHoursDoctorSchedule, outOfHoursDoctorStatus, type OpeningSchedule } from './opening-hours.js';

// Instants are written with their Danish offset, so each case reads as Danish wall-clock time.
const at = (iso: string): Date => new Date(iso);

describe('outOfHoursDoctorStatus (weekdays 16–08, weekends and holidays all day)', () => {
  it('is closed on a Tuesday morning and opens at 16 the same day', () => {
    const status = outOfHoursDoctorStatus(at('2026-03-10T10:00:00+01:00'));
    expect(status.open).toBe(false);
    expect(status.opensAt).toMatchObject({ date: '2026-03-10', time: '16:00', weekday: 'tuesday', dayOffset: 0 });
  });

  it('is open on a Tuesday evening and closes at 08 the next morning', () => {
    const status = outOfHoursDoctorStatus(at('2026-03-10T21:30:00+01:00'));
    expect(status.open).toBe(true);
    expect(status.closesAt).toMatchObject({ date: '2026-03-11', time: '08:00', dayOffset: 1 });
  });

  it('opens and closes exactly on the hour', () => {
    expect(outOfHoursDoctorStatus(at('2026-03-10T15:59:00+01:00')).open).toBe(false);
    expect(outOfHoursDoctorStatus(at('2026-03-10T16:00:00+01:00')).open).toBe(true);
    expect(outOfHoursDoctorStatus(at('2026-03-11T07:59:00+01:00')).open).toBe(true);
    expect(outOfHoursDoctorStatus(at('2026-03-11T08:00:00+01:00')).open).toBe(false);
  });

  it('is open from Friday 16 until Monday 08 without a break', () => {
    const saturdayNoon = outOfHoursDoctorStatus(at('2026-03-14T12:00:00+01:00'));
    expect(saturdayNoon.open).toBe(true);
    expect(saturdayNoon.closesAt).toMatchObject({ date: '2026-03-16', time: '08:00', weekday: 'monday' });
    expect(outOfHoursDoctorStatus(at('2026-03-16T03:00:00+01:00')).open).toBe(true);
  });

  it('is open all day on a public holiday that falls on a weekday (Kristi himmelfartsdag, Thursday)', () => {
    const status = outOfHoursDoctorStatus(at('2026-05-14T11:00:00+02:00'));
    expect(status.open).toBe(true);
    // Open from Wednesday 16:00 through the holiday until Friday 08:00.
    expect(status.closesAt).toMatchObject({ date: '2026-05-15', time: '08:00', weekday: 'friday' });
    // The ordinary Thursday a week later is closed at 11.
    expect(outOfHoursDoctorStatus(at('2026-05-21T11:00:00+02:00')).open).toBe(false);
  });

  it('runs through Easter from skærtorsdag to the Tuesday morning after 2. påskedag', () => {
    const status = outOfHoursDoctorStatus(at('2026-04-02T10:00:00+02:00'));
    expect(status.open).toBe(true);
    expect(status.closesAt).toMatchObject({ date: '2026-04-07', time: '08:00', weekday: 'tuesday' });
  });

  it('uses Danish summer time on the day the clocks go forward (29 March 2026)', () => {
    // Sunday: open all day. The next closing is Monday 08:00 CEST, which is 06:00 UTC.
    const status = outOfHoursDoctorStatus(at('2026-03-29T12:00:00+02:00'));
    expect(status.open).toBe(true);
    expect(status.closesAt?.time).toBe('08:00');
    expect(status.closesAt?.at.toISOString()).toBe('2026-03-30T06:00:00.000Z');
    // Monday morning 07:30 CEST is 05:30 UTC: still open, and 16:00 CEST is 14:00 UTC.
    expect(outOfHoursDoctorStatus(at('2026-03-30T05:30:00Z')).open).toBe(true);
    const monday = outOfHoursDoctorStatus(at('2026-03-30T10:00:00+02:00'));
    expect(monday.opensAt?.at.toISOString()).toBe('2026-03-30T14:00:00.000Z');
  });

  it('uses Danish winter time after the clocks go back (25 October 2026)', () => {
    // 15:30 UTC on Monday 26 October is 16:30 CET (open); in summer time it would have been 17:30.
    expect(outOfHoursDoctorStatus(at('2026-10-26T14:30:00Z')).open).toBe(false);
    expect(outOfHoursDoctorStatus(at('2026-10-26T15:00:00Z')).open).toBe(true);
    const sunday = outOfHoursDoctorStatus(at('2026-10-25T02:30:00+01:00'));
    expect(sunday.open).toBe(true);
    expect(sunday.closesAt?.at.toISOString()).toBe('2026-10-26T07:00:00.000Z');
  });

  it('takes other hours as a parameter', () => {
    const schedule = outOfHoursDoctorSchedule({ from: '17:00', to: '07:00' });
    expect(outOfHoursDoctorStatus(at('2026-03-10T16:30:00+01:00'), schedule).open).toBe(false);
    expect(outOfHoursDoctorStatus(at('2026-03-10T16:30:00+01:00'), schedule).opensAt?.time).toBe('17:00');
  });
});

describe('openingStatus (staff opening hours)', () => {
  const office: OpeningSchedule = {
    weekly: {
      monday: [{ from: '08:00', to: '15:00' }],
      tuesday: [{ from: '08:00', to: '15:00' }],
      wednesday: [{ from: '08:00', to: '15:00' }],
      thursday: [{ from: '08:00', to: '15:00' }],
      friday: [{ from: '08:00', to: '12:00' }],
    },
  };

  it('is closed on a public holiday and names the next working day', () => {
    // 2. påskedag 2026 is Monday 6 April: closed, opens Tuesday 08:00.
    const status = openingStatus(at('2026-04-06T10:00:00+02:00'), office);
    expect(status.open).toBe(false);
    expect(status.opensAt).toMatchObject({ date: '2026-04-07', time: '08:00', dayOffset: 1 });
  });

  it('closes on juleaften only when customary closed days are asked for', () => {
    const christmasEve = at('2026-12-24T10:00:00+01:00'); // a Thursday
    expect(openingStatus(christmasEve, office).open).toBe(true);
    expect(openingStatus(christmasEve, { ...office, holidayOptions: { customaryClosedDays: true } }).open).toBe(false);
  });

  it('reports the Friday early closing', () => {
    expect(openingStatus(at('2026-03-13T11:00:00+01:00'), office).closesAt?.time).toBe('12:00');
  });

  it('names the bad time in the error', () => {
    expect(() => openingStatus(at('2026-03-13T11:00:00+01:00'), { weekly: { friday: [{ from: '8', to: '12:00' }] } })).toThrow(/"8"/);
  });
});

describe('copenhagenDate', () => {
  it('gives the Danish date of an instant, not the UTC date', () => {
    expect(copenhagenDate(at('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(copenhagenDate(at('2026-12-31T22:59:00Z'))).toBe('2026-12-31');
    expect(copenhagenDate(at('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });
});
