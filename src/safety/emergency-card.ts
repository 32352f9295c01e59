// The emergency card shown the moment detectEmergency fires, before any search or model call.
// Texts are fixed and plain (a 12-year-old must understand them), give no medical advice beyond
// "stay with the person, unlock the door", and take every phone number from the caller's
// configuration so that a region can change a number without touching these templates.
import type { TimeRange } from '../calendar/opening-hours.js';
import type { SupportedLanguage } from '../language/languages.js';
import type { EmergencyCategory } from './emergency.js';

export type { SupportedLanguage };

export interface EmergencyNumbers {
  emergency: string;
  outOfHoursDoctor: string;
  outOfHoursDoctorHours: Record<SupportedLanguage, string>;
  /**
   * The out-of-hours doctor's weekday opening as wall-clock times (it is open all day at weekends
   * and on public holidays), for its "open now" / "opens at 16" status. Default 16:00–08:00.
   */
  outOfHoursDoctorOpening?: TimeRange;
  suicidePrevention: string;
  suicidePreventionName: string;
  /** Daily opening hours of the suicide-prevention line as a time range, e.g. "11–05" (Livslinien is not open around the clock). */
  suicidePreventionHours: string;
}

interface CardTexts {
  callNow: (emergency: string) => string;
  whileWaiting: string;
  suicideLine: (name: string, phone: string, hours: string) => string;
  kindWords: string;
  notSure: (phone: string, hours: string) => string;
}

const TEXTS: Record<SupportedLanguage, CardTexts> = {
  da: {
    callNow: (n) => `Ring ${n} nu.`,
    whileWaiting: 'Bliv hos personen, og lås døren op, så hjælpen kan komme ind.',
    suicideLine: (name, phone, hours) => `Tænker du eller en, du kender, på selvmord? Ring til ${name} på ${phone}. De har åbent hver dag kl. ${hours}.`,
    kindWords: 'Du er ikke alene. Det er godt, at du fortæller det.',
    notSure: (phone, hours) => `Er du i tvivl, om det haster? Ring til lægevagten på ${phone} (${hours}).`,
  },
  en: {
    callNow: (n) => `Call ${n} now.`,
    whileWaiting: 'Stay with the person and unlock the door so help can get in.',
    suicideLine: (name, phone, hours) => `Are you or someone you know thinking about suicide? Call ${name} on ${phone}. They are open every day from ${hours}.`,
    kindWords: 'You are not alone. It is good that you told us.',
    notSure: (phone, hours) => `Not sure if it is urgent? Call the out-of-hours doctor (Lægevagten) on ${phone} (${hours}).`,
  },
  de: {
    callNow: (n) => `Rufen Sie jetzt ${n} an.`,
    whileWaiting: 'Bleiben Sie bei der Person und schließen Sie die Tür auf, damit die Hilfe hereinkommt.',
    suicideLine: (name, phone, hours) => `Denken Sie oder jemand, den Sie kennen, an Suizid? Rufen Sie ${name} an: ${phone}. Täglich erreichbar von ${hours} Uhr.`,
    kindWords: 'Sie sind nicht allein. Es ist gut, dass Sie es uns sagen.',
    notSure: (phone, hours) =>
      `Nicht sicher, ob es eilt? Rufen Sie den ärztlichen Notdienst (Lægevagten) an: ${phone} (${hours}).`,
  },
  ar: {
    callNow: (n) => `اتصل بالرقم ${n} الآن.`,
    whileWaiting: 'ابق مع الشخص، وافتح قفل الباب حتى يستطيع المسعفون الدخول.',
    suicideLine: (name, phone, hours) => `هل تفكر أنت أو شخص تعرفه في الانتحار؟ اتصل بـ ${name} على الرقم ${phone}. الخط مفتوح كل يوم من الساعة ${hours}.`,
    kindWords: 'أنت لست وحدك. من الجيد أنك أخبرتنا.',
    notSure: (phone, hours) => `لست متأكدا إن كان الأمر عاجلا؟ اتصل بطبيب المناوبة (Lægevagten) على الرقم ${phone} (${hours}).`,
  },
  uk: {
    callNow: (n) => `Телефонуйте ${n} зараз.`,
    whileWaiting: 'Залишайтеся поруч із людиною і відчиніть двері, щоб допомога могла зайти.',
    suicideLine: (name, phone, hours) =>
      `Ви або хтось із ваших близьких думаєте про самогубство? Зателефонуйте на лінію ${name}: ${phone}. Вона працює щодня з ${hours}.`,
    kindWords: 'Ви не самі. Добре, що ви про це сказали.',
    notSure: (phone, hours) =>
      `Не впевнені, чи це терміново? Зателефонуйте черговому лікарю (Lægevagten): ${phone} (${hours}).`,
  },
};

// In right-to-left text a number like "70 201 201" is reordered group by group by the bidi
// algorithm, so a caller could dial "201 201 70". Isolating it as left-to-right keeps it whole.
const LRI = '\u2066';
const PDI = '\u2069';

function displayNumber(language: SupportedLanguage, value: string): string {
  return language === 'ar' ? `${LRI}${value}${PDI}` : value;
}

export function emergencyCardText(
  language: SupportedLanguage,
  categories: EmergencyCategory[],
  numbers: EmergencyNumbers,
): string {
  // An unknown language code must never produce an empty card; Danish is the hospitals' language.
  const lang: SupportedLanguage = language in TEXTS ? language : 'da';
  const t = TEXTS[lang];
  const num = (value: string): string => displayNumber(lang, value);
  const hours = numbers.outOfHoursDoctorHours[lang] ?? numbers.outOfHoursDoctorHours.da;

  const lines = [t.callNow(num(numbers.emergency)), t.whileWaiting];
  if (categories.includes('suicide')) {
    lines.push(t.suicideLine(numbers.suicidePreventionName, num(numbers.suicidePrevention), num(numbers.suicidePreventionHours)), t.kindWords);
  }
  lines.push(t.notSure(num(numbers.outOfHoursDoctor), hours));
  return lines.join('\n');
}
