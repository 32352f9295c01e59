// Opening hours over a weekly schedule plus Danish public holidays, evaluated in the wall-clock
// time of a time zone (Europe/Copenhagen by default) with Intl.DateTimeFormat, so summer time is
// right on the two days a year when a day has 23 or 25 hours. Pure: `now` is always passed in.
import { addDays, isPublicHoliday, weekdayOf, type HolidayOptions } from './danish-holidays.js';

export const COPENHAGEN = 'Europe/Copenhagen';

/**
 * One opening period that starts on the day it is listed under, "HH:MM" wall-clock time.
 * A `to` at or before `from` ends the next day ("16:00"–"08:00"); "00:00"–"24:00" is the whole day.
 */
export interface TimeRange {
  from: string;
  to: string;
}

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

export interface OpeningSchedule {
  /** Periods per weekday; a missing day is closed. */
  weekly: Partial<Record<Weekday, readonly TimeRange[]>>;
  /** Periods on a public holiday; they replace that weekday's periods. Missing: closed on holidays. */
  holidays?: readonly TimeRange[];
  holidayOptions?: HolidayOptions;
  /** IANA time zone; default Europe/Copenhagen. */
  timeZone?: string;
}

/** A moment expressed in the schedule's local time, ready for a sentence ("åbner kl. 16"). */
export interface LocalMoment {
  at: Date;
  /** YYYY-MM-DD in the schedule's time zone. */
  date: string;
  /** HH:MM in the schedule's time zone. */
  time: string;
  weekday: Weekday;
  /** Calendar days after `now`'s local date: 0 today, 1 tomorrow. */
  dayOffset: number;
}

export interface OpeningStatus {
  open: boolean;
  /** When the current opening ends (set when open and it ends within the search window). */
  closesAt?: LocalMoment;
  /** When it next opens (set when closed and it opens within the search window). */
  opensAt?: LocalMoment;
}

const WEEKDAYS: readonly Weekday[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const SEARCH_DAYS = 14;

/**
 * The out-of-hours doctor's opening pattern: weekday evenings and nights, and round the clock at
 * weekends and on public holidays (each night running into the next morning).
 * @example outOfHoursDoctorSchedule({ from: '16:00', to: '08:00' })
 */
export function outOfHoursDoctorSchedule(weekdayHours: TimeRange = { from: '16:00', to: '08:00' }): OpeningSchedule {
  const allDay: TimeRange = { from: '00:00', to: '24:00' };
  const night = [weekdayHours];
  return {
    weekly: {
      monday: night,
      tuesday: night,
      wednesday: night,
      thursday: night,
      friday: night,
      saturday: [allDay],
      // Sunday and holidays also run on into the next morning, as a weekday night does.
      sunday: [allDay, weekdayHours],
    },
    holidays: [allDay, weekdayHours],
    timeZone: COPENHAGEN,
  };
}

/**
 * Whether the out-of-hours doctor (Lægevagten) is open at `now`, and when it next opens or closes.
 * @example outOfHoursDoctorStatus(new Date('2026-03-10T10:00:00Z')) // { open: false, opensAt: { time: '16:00', dayOffset: 0, … } }
 */
export function outOfHoursDoctorStatus(now: Date, opening: OpeningSchedule = outOfHoursDoctorSchedule()): OpeningStatus {
  return openingStatus(now, opening);
}

/** Whether a schedule is open at `now`, and when that next changes. */
export function openingStatus(now: Date, schedule: OpeningSchedule): OpeningStatus {
  const zone = schedule.timeZone ?? COPENHAGEN;
  const today = zonedParts(now, zone).date;
  const intervals = mergedIntervals(schedule, addDays(today, -2), SEARCH_DAYS + 3);
  const t = now.getTime();
  const moment = (ms: number): LocalMoment => localMoment(new Date(ms), zone, today);
  const current = intervals.find((i) => i.start <= t && t < i.end);
  if (current) {
    const endsInWindow = current.end <= Date.parse(`${addDays(today, SEARCH_DAYS)}T00:00:00Z`);
    return endsInWindow ? { open: true, closesAt: moment(current.end) } : { open: true };
  }
  const next = intervals.find((i) => i.start > t);
  return next ? { open: false, opensAt: moment(next.start) } : { open: false };
}

/** The calendar date (YYYY-MM-DD) of an instant in Denmark. */
export function copenhagenDate(at: Date): string {
  return zonedParts(at, COPENHAGEN).date;
}

// --- intervals ----------------------------------------------------------------------------------

interface Interval {
  start: number;
  end: number;
}

function mergedIntervals(schedule: OpeningSchedule, firstDate: string, days: number): Interval[] {
  const zone = schedule.timeZone ?? COPENHAGEN;
  const raw: Interval[] = [];
  for (let n = 0; n < days; n++) {
    const date = addDays(firstDate, n);
    const holiday = isPublicHoliday(date, schedule.holidayOptions);
    const ranges = holiday ? (schedule.holidays ?? []) : (schedule.weekly[WEEKDAYS[weekdayOf(date)] as Weekday] ?? []);
    for (const range of ranges) {
      const from = parseTime(range.from);
      const to = parseTime(range.to);
      const start = zonedTimeToInstant(date, from, zone);
      const end = to > from ? zonedTimeToInstant(date, to, zone) : zonedTimeToInstant(addDays(date, 1), to, zone);
      if (end > start) raw.push({ start, end });
    }
  }
  raw.sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const i of raw) {
    const last = merged[merged.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else merged.push({ ...i });
  }
  return merged;
}

/** Minutes after midnight; "24:00" is 1440. */
function parseTime(value: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(value);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || hours > 24 || minutes > 59 || (hours === 24 && minutes !== 0)) {
    throw new RangeError(`Opening hours: "${value}" is not a time of day as HH:MM (00:00–24:00)`);
  }
  return hours * 60 + minutes;
}

// --- time zones ---------------------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

function zonedParts(at: Date, zone: string): { date: string; time: string; wallMs: number } {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(at)) parts[p.type] = p.value;
  const [y, mo, d, h, mi, s] = ['year', 'month', 'day', 'hour', 'minute', 'second'].map((k) => Number(parts[k]));
  const wallMs = Date.UTC(y as number, (mo as number) - 1, d, h, mi, s);
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}`, wallMs };
}

/** Offset of the zone from UTC at an instant, in milliseconds (positive east of Greenwich). */
function offsetAt(instant: number, zone: string): number {
  const wall = zonedParts(new Date(instant), zone).wallMs;
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant when the wall clock in `zone` shows `minutes` after midnight of `date`. A time
 * skipped by the spring change (02:30) maps to the instant after the gap; a repeated autumn
 * time maps to its first occurrence.
 */
function zonedTimeToInstant(date: string, minutes: number, zone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 0, minutes);
  const first = wall - offsetAt(wall, zone);
  const second = wall - offsetAt(first, zone);
  if (first === second) {
    // First occurrence of a repeated hour: the earlier instant with the same wall time, if any.
    const earlier = wall - offsetAt(first - 3_600_000, zone);
    return earlier < first && zonedParts(new Date(earlier), zone).wallMs === wall ? earlier : first;
  }
  // In a gap neither candidate shows `wall`; take the later one (after the clocks jumped).
  return Math.max(first, second);
}

function localMoment(at: Date, zone: string, today: string): LocalMoment {
  const parts = zonedParts(at, zone);
  const dayOffset = Math.round((Date.parse(`${parts.date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return { at, date: parts.date, time: parts.time, weekday: WEEKDAYS[weekdayOf(parts.date)] as Weekday, dayOffset };
}
