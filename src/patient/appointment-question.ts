// Recognises a question about the citizen's own appointments ("hvornår er min næste tid?", "where do I
// park for my appointment?", "muss ich vor meinem Termin nüchtern sein?") in the five languages,
// typos included, and what it asks: which appointments and which practical detail.
// It reads the redacted question only: an identifier in the message is never looked at here.

export type AppointmentAspect = 'where' | 'parking' | 'transport' | 'fasting' | 'bring' | 'preparation' | 'change';

export interface AppointmentQuestion {
  /** Which appointments: the next one, all upcoming, or those on one day (YYYY-MM-DD, Danish time). */
  scope: 'next' | 'all' | 'date';
  date?: string;
  aspects: AppointmentAspect[];
  /** The question's words, lower case, so the answerer can tell whether it names one of the patient's clinics. */
  words: string[];
}

const tokenize = (text: string): string[] => text.normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 1) return 2;
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = previous[0] as number;
    previous[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = previous[j] as number;
      previous[j] = Math.min(above + 1, (previous[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length] as number;
}

/**
 * Whether a word is the stem or starts with it; stems of five letters or more also match with one
 * typo ("apointment", "parkerring", "aftle"). Short stems must match exactly: "tid" is not "tik".
 */
function matches(word: string, stem: string, prefix: boolean): boolean {
  if (word === stem || (prefix && word.startsWith(stem))) return true;
  if (stem.length < 5) return false;
  if (distance(word, stem) <= 1) return true;
  return prefix && word.length > stem.length && (distance(word.slice(0, stem.length), stem) <= 1 || distance(word.slice(0, stem.length + 1), stem) <= 1 || distance(word.slice(0, stem.length - 1), stem) <= 1);
}

const hasAny = (words: readonly string[], stems: readonly string[], prefix = true): boolean => words.some((word) => stems.some((stem) => matches(word, stem, prefix)));

/** Words that name an appointment in any of the languages (stems). */
const appointmentNouns = ['aftale', 'indkaldelse', 'booking', 'appointment', 'termin', 'прийом', 'прийому', 'запис', 'візит', 'موعد', 'مواعيد', 'حجز'];
/** "tid" is also "time" ("hvad tid åbner…"): only with a word that makes it the citizen's own. */
const timeNouns = ['tid', 'tider', 'tiden', 'tiderne'];
/** Words that make it the citizen's own (or a list of them): my, next, all, upcoming. */
const personal = ['min', 'mine', 'mit', 'næste', 'naeste', 'nste', 'kommende', 'alle', 'my', 'next', 'upcoming', 'all', 'mein', 'meine', 'meinem', 'meinen', 'meiner', 'nächste', 'nächsten', 'naechste', 'alle', 'мій', 'мого', 'моєму', 'мої', 'моїх', 'наступний', 'наступного', 'наступні', 'всі', 'усі', 'القادم', 'كل', 'جميع'];
/** Arabic attaches "my" to the noun: موعدي, مواعيدي, حجزي. */
const arabicOwn = /(موعدي|مواعيدي|حجزي|موعد[يى])/u;

const allWords = ['alle', 'all', 'every', 'всі', 'усі', 'كل', 'جميع', 'liste', 'list', 'oversigt', 'overview', 'übersicht', 'список'];

const aspectStems: Record<AppointmentAspect, readonly string[]> = {
  where: ['indgang', 'etage', 'entrance', 'floor', 'eingang', 'stockwerk', 'مدخل', 'вхід', 'поверх'],
  parking: ['parker', 'parkering', 'p-plads', 'park', 'parken', 'parkplatz', 'موقف', 'ركن', 'أركن', 'اركن', 'парк', 'паркува', 'парковк'],
  transport: ['bus', 'tog', 'transport', 'kørsel', 'befordring', 'taxa', 'train', 'taxi', 'zug', 'fahren', 'حافلة', 'مواصلات', 'автобус', 'транспорт', 'потяг'],
  fasting: ['faste', 'fastende', 'spise', 'drikke', 'fast', 'fasting', 'eat', 'drink', 'nüchtern', 'fasten', 'essen', 'trinken', 'صيام', 'صائم', 'آكل', 'أشرب', 'натще', 'голод', 'їсти', 'пити'],
  bring: ['medbring', 'tage med', 'bring', 'mitbringen', 'mitnehmen', 'أحضر', 'احضر', 'معي', 'взяти', 'принести'],
  preparation: ['forbered', 'forberedelse', 'prepare', 'preparation', 'vorbereit', 'تحضير', 'أستعد', 'підготу'],
  change: ['flytte', 'ændre', 'aendre', 'aflyse', 'aflys', 'afbud', 'change', 'cancel', 'reschedule', 'move', 'verschieb', 'absag', 'ändern', 'stornier', 'إلغاء', 'الغاء', 'تغيير', 'تأجيل', 'скасува', 'перенес', 'змінити'],
};
const whereWords = ['hvor', 'hvorhen', 'where', 'wo', 'wohin', 'أين', 'اين', 'де', 'куди'];
/** Multi-word phrases, matched on the lower-cased text. */
const aspectPhrases: Partial<Record<AppointmentAspect, readonly string[]>> = {
  bring: ['tage med', 'have med', 'tag med', 'what to bring', 'mitbringen'],
  where: ['skal jeg hen', 'skal jeg møde', 'where do i go', 'where is'],
};

const monthNames: Record<string, number> = Object.fromEntries(
  [
    ['januar', 'january', 'jan', 'січня'],
    ['februar', 'february', 'feb', 'лютого'],
    ['marts', 'march', 'märz', 'mar', 'березня'],
    ['april', 'apr', 'квітня'],
    ['maj', 'may', 'mai', 'травня'],
    ['juni', 'june', 'jun', 'червня'],
    ['juli', 'july', 'jul', 'липня'],
    ['august', 'aug', 'серпня'],
    ['september', 'sep', 'sept', 'вересня'],
    ['oktober', 'october', 'okt', 'oct', 'жовтня'],
    ['november', 'nov', 'листопада'],
    ['december', 'dezember', 'dec', 'dez', 'грудня'],
  ].flatMap((names, index) => names.map((name) => [name, index + 1])),
);

/** The calendar day (YYYY-MM-DD) an instant falls on in Denmark. */
export function danishDay(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The next day/month on or after today, when the question gives no year. */
function withYear(day: number, month: number, year: number | undefined, today: string): string | undefined {
  if (day < 1 || day > 31 || month < 1 || month > 12) return undefined;
  if (year !== undefined) return `${year < 100 ? 2000 + year : year}-${pad(month)}-${pad(day)}`;
  const thisYear = Number(today.slice(0, 4));
  const candidate = `${thisYear}-${pad(month)}-${pad(day)}`;
  return candidate >= today ? candidate : `${thisYear + 1}-${pad(month)}-${pad(day)}`;
}

/** A day the question names: "i morgen", "8/12", "8. december", "2026-12-08", "December 8th". */
export function mentionedDay(text: string, now: Date): string | undefined {
  const lower = text.toLowerCase();
  const today = danishDay(now);
  if (/\b(i dag|today|heute)\b|اليوم|сьогодні/u.test(lower)) return today;
  if (/\b(i morgen|imorgen|tomorrow|morgen)\b|غدا|غداً|завтра/u.test(lower)) return danishDay(new Date(now.getTime() + 24 * 3600_000));
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(lower);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  // "8/12" or "8/12/2026" or "8.12.2026" (not "kl. 8.30": a dotted date needs its year).
  const numeric = /\b(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?\b/.exec(lower) ?? /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/.exec(lower);
  if (numeric) return withYear(Number(numeric[1]), Number(numeric[2]), numeric[3] === undefined ? undefined : Number(numeric[3]), today);
  const words = tokenize(lower);
  for (let i = 0; i < words.length; i += 1) {
    const month = monthNames[words[i] as string];
    if (month === undefined) continue;
    const before = /^(\d{1,2})$/.exec(words[i - 1] ?? '');
    const after = /^(\d{1,2})(st|nd|rd|th)?$/.exec(words[i + 1] ?? '');
    const day = before ? Number(before[1]) : after ? Number(after[1]) : undefined;
    if (day === undefined) continue;
    const yearWord = words[i + 1] !== undefined && /^\d{4}$/.test(words[i + 1] as string) ? words[i + 1] : words[i + 2] !== undefined && /^\d{4}$/.test(words[i + 2] as string) ? words[i + 2] : undefined;
    return withYear(day, month, yearWord === undefined ? undefined : Number(yearWord), today);
  }
  return undefined;
}

/**
 * A follow-up to an appointment question ("Hvornår er min næste tid?" then "og hvor skal jeg
 * parkere?"): the same appointments, the new aspects. Undefined when the earlier question was not
 * about appointments or the new one asks for none of the details.
 */
export function appointmentFollowUp(text: string, previous: string, now: Date): AppointmentQuestion | undefined {
  const earlier = appointmentQuestion(previous, now);
  if (earlier === undefined) return undefined;
  const lower = text.normalize('NFC').toLowerCase();
  const words = tokenize(lower);
  const aspects = aspectsOf(lower, words).filter((aspect) => aspect !== 'where' || words.length <= 8);
  if (aspects.length === 0) return undefined;
  return { ...earlier, aspects, words: [...earlier.words, ...words] };
}

function aspectsOf(lower: string, words: readonly string[]): AppointmentAspect[] {
  const aspects = (Object.keys(aspectStems) as AppointmentAspect[]).filter(
    (aspect) => hasAny(words, aspectStems[aspect].filter((stem) => !stem.includes(' '))) || (aspectPhrases[aspect] ?? []).some((phrase) => lower.includes(phrase)),
  );
  // "Where" words only as whole words: "hvor" is also the start of "hvornår" (when).
  if (!aspects.includes('where') && words.some((word) => whereWords.includes(word))) aspects.unshift('where');
  return aspects;
}

/**
 * The appointment question in `text` (redacted, instruction-override phrases removed), or undefined
 * when it is not about the citizen's own appointments.
 */
export function appointmentQuestion(text: string, now: Date): AppointmentQuestion | undefined {
  const lower = text.normalize('NFC').toLowerCase();
  const words = tokenize(lower);
  const own = hasAny(words, personal, false) || arabicOwn.test(lower);
  const timeIsOwn = words.some((word, index) => timeNouns.includes(word) && index > 0 && personal.includes(words[index - 1] as string));
  // "list all appointments", "show appointments for …": asking for a list is asking for one's own (the only ones shown).
  const listing = hasAny(words, ['vis', 'list', 'show', 'zeig', 'покажи', 'اعرض', 'أظهر'], true);
  // "Har jeg en tid den 8. december?": a time on a named day is an appointment too.
  const timeOnDay = words.some((word) => timeNouns.includes(word)) && mentionedDay(lower, now) !== undefined;
  const about = (hasAny(words, appointmentNouns) && (own || listing)) || arabicOwn.test(lower) || timeIsOwn || timeOnDay;
  if (!about) return undefined;
  const aspects = aspectsOf(lower, words);
  const date = mentionedDay(lower, now);
  const scope: AppointmentQuestion['scope'] = date !== undefined ? 'date' : hasAny(words, allWords, false) || /\b(tider|aftaler|appointments|termine|прийоми|записи)\b|مواعيد/u.test(lower) ? 'all' : 'next';
  return { scope, ...(date !== undefined && { date }), aspects, words };
}
