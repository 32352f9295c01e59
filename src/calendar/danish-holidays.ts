// Danish public holidays (helligdage), computed, never listed by hand: the out-of-hours doctor
// is open all day on them and staff opening hours (issue 6) close on them.
//
// Official public holidays: nytårsdag, skærtorsdag, langfredag, påskedag, 2. påskedag, Kristi
// himmelfartsdag, pinsedag, 2. pinsedag, juledag, 2. juledag. Store bededag (4th Friday after
// Easter) was abolished by law from 2024 (its last year was 2023), so it is included up to 2023.
// Grundlovsdag (5 June), juleaften (24 December) and nytårsaften (31 December) are not official
// public holidays, but most public offices close on them (grundlovsdag from noon by custom; we
// treat it as the whole day). They are included only with `customaryClosedDays: true`.

export type HolidayId =
  | 'nytaarsdag'
  | 'skaertorsdag'
  | 'langfredag'
  | 'paaskedag'
  | 'anden-paaskedag'
  | 'store-bededag'
  | 'kristi-himmelfartsdag'
  | 'pinsedag'
  | 'anden-pinsedag'
  | 'grundlovsdag'
  | 'juleaften'
  | 'juledag'
  | 'anden-juledag'
  | 'nytaarsaften';

export interface Holiday {
  /** Calendar date in Denmark, YYYY-MM-DD. */
  date: string;
  id: HolidayId;
  /** Danish name as citizens know it. */
  name: string;
  /** False for grundlovsdag, juleaften and nytårsaften: closed by custom, not by law. */
  official: boolean;
}

export interface HolidayOptions {
  /** Also count grundlovsdag, juleaften and nytårsaften as closed days. Default false. */
  customaryClosedDays?: boolean;
}

/** The last year store bededag was a public holiday (abolished by law from 2024). */
const LAST_STORE_BEDEDAG = 2023;

/**
 * Easter Sunday by the Gregorian computus (the anonymous algorithm, Meeus/Jones/Butcher).
 * @example easterSunday(2026) // '2026-04-05'
 */
export function easterSunday(year: number): string {
  if (!Number.isInteger(year) || year < 1583) throw new RangeError(`easterSunday: ${year} is not a Gregorian year`);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

/**
 * Public holidays of a year in date order.
 * @example publicHolidays(2026).map((h) => h.date) // ['2026-01-01', '2026-04-02', …]
 */
export function publicHolidays(year: number, options: HolidayOptions = {}): Holiday[] {
  const easter = easterSunday(year);
  const fromEaster = (days: number): string => addDays(easter, days);
  const list: Holiday[] = [
    { date: isoDate(year, 1, 1), id: 'nytaarsdag', name: 'Nytårsdag', official: true },
    { date: fromEaster(-3), id: 'skaertorsdag', name: 'Skærtorsdag', official: true },
    { date: fromEaster(-2), id: 'langfredag', name: 'Langfredag', official: true },
    { date: easter, id: 'paaskedag', name: 'Påskedag', official: true },
    { date: fromEaster(1), id: 'anden-paaskedag', name: '2. påskedag', official: true },
    { date: fromEaster(39), id: 'kristi-himmelfartsdag', name: 'Kristi himmelfartsdag', official: true },
    { date: fromEaster(49), id: 'pinsedag', name: 'Pinsedag', official: true },
    { date: fromEaster(50), id: 'anden-pinsedag', name: '2. pinsedag', official: true },
    { date: isoDate(year, 12, 25), id: 'juledag', name: 'Juledag', official: true },
    { date: isoDate(year, 12, 26), id: 'anden-juledag', name: '2. juledag', official: true },
  ];
  if (year <= LAST_STORE_BEDEDAG) list.push({ date: fromEaster(26), id: 'store-bededag', name: 'Store bededag', official: true });
  if (options.customaryClosedDays) {
    list.push(
      { date: isoDate(year, 6, 5), id: 'grundlovsdag', name: 'Grundlovsdag', official: false },
      { date: isoDate(year, 12, 24), id: 'juleaften', name: 'Juleaften', official: false },
      { date: isoDate(year, 12, 31), id: 'nytaarsaften', name: 'Nytårsaften', official: false },
    );
  }
  return list.sort((x, y) => x.date.localeCompare(y.date));
}

/**
 * The holiday on a Danish calendar date (YYYY-MM-DD), or undefined.
 * A `Date` is an instant: use `copenhagenDate(now)` from opening-hours.ts to get the Danish date.
 */
export function holidayOn(date: string, options: HolidayOptions = {}): Holiday | undefined {
  const year = Number(date.slice(0, 4));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || year < 1583) throw new RangeError(`holidayOn: "${date}" is not a YYYY-MM-DD date`);
  return publicHolidays(year, options).find((h) => h.date === date);
}

/**
 * Whether a Danish calendar date is a public holiday.
 * @example isPublicHoliday('2026-05-14') // true (Kristi himmelfartsdag)
 */
export function isPublicHoliday(date: string, options: HolidayOptions = {}): boolean {
  return holidayOn(date, options) !== undefined;
}

// --- calendar-date arithmetic (UTC-based, so no time zone or DST can shift a date) ---------------

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** 0 = Sunday … 6 = Saturday, as Date.getDay. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}
