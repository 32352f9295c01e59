// The kind refusal shown when detectMedicalAdvice fires: we cannot give advice about your own
// health here, and this is who can. Plain language (a 12-year-old must understand it), every
// phone number from configuration, and the out-of-hours doctor's opening status right now, so a
// citizen at 14:00 is not sent to a closed line and one at 22:00 knows they can call.
import type { OpeningStatus } from '../calendar/opening-hours.js';
import type { SupportedLanguage } from '../language/languages.js';
import type { MedicalAdviceTopic } from './medical-advice.js';

export interface MedicalAdviceContacts {
  emergency: string;
  outOfHoursDoctor: string;
}

interface CardTexts {
  cannot: Record<MedicalAdviceTopic, string>;
  ownDoctor: string;
  outOfHours: (phone: string) => string;
  openNow: string;
  opens: (time: string, dayOffset: number, weekday: string) => string;
  treatingDoctor: string;
  pharmacy: string;
  emergency: (phone: string) => string;
  weekdays: readonly string[];
}

/** "16" for 16:00, "16.30" for 16:30: how Danes write a time after "kl.". */
function danishTime(time: string): string {
  const [h, m] = time.split(':');
  return m === '00' ? String(Number(h)) : `${Number(h)}.${m}`;
}

const TEXTS: Record<SupportedLanguage, CardTexts> = {
  da: {
    cannot: {
      symptoms: 'Jeg kan ikke vurdere dine symptomer her. Det skal en læge gøre.',
      diagnosis: 'Jeg kan ikke sige, hvad du fejler. Det kan kun en læge, der undersøger dig.',
      medication: 'Jeg kan ikke give råd om din medicin eller om, hvor meget du må tage.',
      treatment: 'Jeg kan ikke råde dig om, hvilken behandling du skal vælge.',
    },
    ownDoctor: 'Ring til din egen læge i dagtimerne.',
    outOfHours: (p) => `Når din læge har lukket, kan du ringe til Lægevagten på ${p}.`,
    openNow: 'Lægevagten har åbent nu.',
    opens: (t, d, w) => `Lægevagten åbner ${d === 0 ? '' : d === 1 ? 'i morgen ' : `${w} `}kl. ${danishTime(t)}.`,
    treatingDoctor: 'Tal også med den læge, der behandler dig. Lægen kan fortælle dig, hvad der er godt og skidt ved hver mulighed.',
    pharmacy: 'Har du spørgsmål om medicin, kan du også spørge på apoteket.',
    emergency: (p) => `Er det livsfarligt, så ring ${p}.`,
    weekdays: ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'],
  },
  en: {
    cannot: {
      symptoms: 'I cannot assess your symptoms here. A doctor needs to do that.',
      diagnosis: 'I cannot tell you what is wrong. Only a doctor who examines you can.',
      medication: 'I cannot give advice about your medicine or how much you may take.',
      treatment: 'I cannot advise you on which treatment to choose.',
    },
    ownDoctor: 'Call your own doctor (GP) during the day.',
    outOfHours: (p) => `When your doctor is closed, you can call the out-of-hours doctor (Lægevagten) on ${p}.`,
    openNow: 'The out-of-hours doctor is open now.',
    opens: (t, d, w) => `The out-of-hours doctor opens ${d === 0 ? 'today' : d === 1 ? 'tomorrow' : `on ${w}`} at ${t}.`,
    treatingDoctor: 'Also talk to the doctor who treats you. They can tell you what is good and bad about each choice.',
    pharmacy: 'If you have questions about medicine, you can also ask at a pharmacy.',
    emergency: (p) => `If a life is in danger, call ${p}.`,
    weekdays: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  },
  de: {
    cannot: {
      symptoms: 'Ich kann Ihre Beschwerden hier nicht beurteilen. Das muss ein Arzt tun.',
      diagnosis: 'Ich kann Ihnen nicht sagen, was Sie haben. Das kann nur ein Arzt, der Sie untersucht.',
      medication: 'Ich kann Sie nicht zu Ihren Medikamenten beraten und nicht sagen, wie viel Sie nehmen dürfen.',
      treatment: 'Ich kann Ihnen nicht raten, welche Behandlung Sie wählen sollen.',
    },
    ownDoctor: 'Rufen Sie tagsüber Ihren Hausarzt an.',
    outOfHours: (p) => `Wenn Ihr Hausarzt geschlossen hat, rufen Sie den ärztlichen Bereitschaftsdienst (Lægevagten) an: ${p}.`,
    openNow: 'Der Bereitschaftsdienst ist jetzt erreichbar.',
    opens: (t, d, w) => `Der Bereitschaftsdienst ist ab ${d === 0 ? 'heute' : d === 1 ? 'morgen' : w} ${t} Uhr erreichbar.`,
    treatingDoctor: 'Sprechen Sie auch mit dem Arzt, der Sie behandelt. Er kann Ihnen sagen, was für und gegen jede Möglichkeit spricht.',
    pharmacy: 'Fragen zu Medikamenten können Sie auch in der Apotheke stellen.',
    emergency: (p) => `Bei Lebensgefahr rufen Sie ${p} an.`,
    weekdays: ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'],
  },
  ar: {
    cannot: {
      symptoms: 'لا أستطيع تقييم أعراضك هنا. يجب أن يفعل ذلك طبيب.',
      diagnosis: 'لا أستطيع أن أقول لك ما هو مرضك. فقط الطبيب الذي يفحصك يستطيع ذلك.',
      medication: 'لا أستطيع أن أنصحك بشأن دوائك أو الكمية التي يمكنك أن تأخذها.',
      treatment: 'لا أستطيع أن أنصحك بالعلاج الذي تختاره.',
    },
    ownDoctor: 'اتصل بطبيبك الخاص (طبيب العائلة) في النهار.',
    outOfHours: (p) => `عندما تكون عيادة طبيبك مغلقة، يمكنك الاتصال بطبيب المناوبة (Lægevagten) على الرقم ${p}.`,
    openNow: 'طبيب المناوبة متاح الآن.',
    opens: (t, d, w) => `طبيب المناوبة متاح ${d === 0 ? 'اليوم' : d === 1 ? 'غدًا' : `يوم ${w}`} من الساعة ${t}.`,
    treatingDoctor: 'تحدث أيضًا مع الطبيب الذي يعالجك. يستطيع أن يشرح لك الإيجابيات والسلبيات لكل خيار.',
    pharmacy: 'إذا كانت لديك أسئلة عن الدواء، يمكنك أيضًا أن تسأل في الصيدلية.',
    emergency: (p) => `إذا كانت الحياة في خطر، اتصل بالرقم ${p}.`,
    weekdays: ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'],
  },
  uk: {
    cannot: {
      symptoms: 'Я не можу оцінити ваші симптоми тут. Це має зробити лікар.',
      diagnosis: 'Я не можу сказати, що з вами. Це може тільки лікар, який вас огляне.',
      medication: 'Я не можу радити щодо ваших ліків або того, скільки їх можна приймати.',
      treatment: 'Я не можу порадити, яке лікування вам вибрати.',
    },
    ownDoctor: 'Удень телефонуйте своєму сімейному лікарю.',
    outOfHours: (p) => `Коли ваш лікар не працює, телефонуйте черговому лікарю (Lægevagten): ${p}.`,
    openNow: 'Черговий лікар працює зараз.',
    opens: (t, d, w) => `Черговий лікар працює ${d === 0 ? 'сьогодні' : d === 1 ? 'завтра' : `у ${w}`} з ${t}.`,
    treatingDoctor: 'Поговоріть також із лікарем, який вас лікує. Він пояснить, що добре і що погано в кожному варіанті.',
    pharmacy: 'Якщо у вас є питання про ліки, можна також запитати в аптеці.',
    emergency: (p) => `Якщо є загроза життю, телефонуйте ${p}.`,
    weekdays: ['неділю', 'понеділок', 'вівторок', 'середу', 'четвер', "п'ятницю", 'суботу'],
  },
};

// Right-to-left text reorders digit groups ("70 11 07 07"); isolate numbers and times as left-to-right.
const isolate = (language: SupportedLanguage, value: string): string => (language === 'ar' ? `\u2066${value}\u2069` : value);

const WEEKDAY_INDEX: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };

/**
 * The refusal for a medical-advice question, one sentence per line.
 * @example medicalAdviceCardText('da', 'medication', { emergency: '112', outOfHoursDoctor: '70 11 07 07' }, { open: true })
 */
export function medicalAdviceCardText(
  language: SupportedLanguage,
  topic: MedicalAdviceTopic,
  contacts: MedicalAdviceContacts,
  outOfHoursDoctor: OpeningStatus,
): string {
  const lang: SupportedLanguage = language in TEXTS ? language : 'da';
  const t = TEXTS[lang];
  const lines = [t.cannot[topic] ?? t.cannot.symptoms, t.ownDoctor, t.outOfHours(isolate(lang, contacts.outOfHoursDoctor))];
  if (outOfHoursDoctor.open) lines.push(t.openNow);
  else if (outOfHoursDoctor.opensAt) {
    const { time, dayOffset, weekday } = outOfHoursDoctor.opensAt;
    lines.push(t.opens(isolate(lang, time), dayOffset, t.weekdays[WEEKDAY_INDEX[weekday] ?? 0] ?? weekday));
  }
  if (topic === 'treatment') lines.push(t.treatingDoctor);
  if (topic === 'medication') lines.push(t.pharmacy);
  lines.push(t.emergency(isolate(lang, contacts.emergency)));
  return lines.join('\n');
}
