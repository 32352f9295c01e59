// Fixed wording around a patient's own appointments, in every supported language. The facts (clinic,
// entrance, parking, the patient-information page) are quoted in Danish, as the hospitals write them.
import type { SupportedLanguage } from '../language/languages.js';

export interface AppointmentTexts {
  /** Intl locale for dates and times. */
  locale: string;
  loginNeeded: string;
  /** The login has run out or the patient logged out. */
  loginAgain: string;
  onlyOwn: string;
  noUpcoming: string;
  noneOnDay: (day: string) => string;
  next: string;
  all: (count: number) => string;
  onDay: (day: string) => string;
  place: string;
  parking: string;
  transport: string;
  fromBooking: string;
  protectedNote: string;
  information: string;
  noInformation: string;
  change: (clinic: string, phone: string, hours: string | undefined) => string;
  changeNoPhone: string;
  dataAsOf: (when: string) => string;
  dataAsOfUnknown: string;
}

export const appointmentTexts: Record<SupportedLanguage, AppointmentTexts> = {
  da: {
    locale: 'da-DK',
    loginNeeded: 'Jeg kan kun svare på spørgsmål om dine egne tider, når du er logget ind. Log ind med MitID for at se dem. Jeg gætter ikke. Spørgsmål om fx parkering og åbningstider kan jeg godt svare på uden login.',
    loginAgain: 'Du er ikke logget ind længere. Log ind igen med MitID, så kan jeg se dine tider.',
    onlyOwn: 'Jeg kan kun vise dine egne tider.',
    noUpcoming: 'Jeg kan ikke finde nogen kommende tider for dig.',
    noneOnDay: (day) => `Jeg kan ikke finde nogen tid for dig ${day}.`,
    next: 'Din næste tid:',
    all: (count) => (count === 1 ? 'Du har 1 kommende tid:' : `Du har ${count} kommende tider:`),
    onDay: (day) => `Dine tider ${day}:`,
    place: 'Her skal du hen:',
    parking: 'Parkering:',
    transport: 'Bus og tog:',
    fromBooking: 'Fra din indkaldelse:',
    protectedNote: 'Læs din indkaldelse for de præcise instrukser.',
    information: 'Fra hospitalets patientinformation:',
    noInformation: 'Jeg har ikke fundet en side om forberedelse til netop denne tid. Læs din indkaldelse, eller ring til afdelingen.',
    change: (clinic, phone, hours) => `Jeg kan ikke flytte eller aflyse tider. Ring til ${clinic} på ${phone}${hours === undefined ? '' : ` (${hours})`}.`,
    changeNoPhone: 'Jeg kan ikke flytte eller aflyse tider. Ring til hospitalets omstilling, eller brug linket i din indkaldelse.',
    dataAsOf: (when) => `Oplysningerne er fra ${when}. Der kan mangle tider, som er bestilt eller flyttet for nylig. Se din indkaldelse i e-Boks eller på sundhed.dk, eller ring til afdelingen.`,
    dataAsOfUnknown: 'Der kan mangle tider, som er bestilt eller flyttet for nylig. Se din indkaldelse i e-Boks eller på sundhed.dk, eller ring til afdelingen.',
  },
  en: {
    locale: 'en-GB',
    loginNeeded: 'I can only answer questions about your own appointments when you are logged in. Log in with MitID to see them. I will not guess. I can answer questions about things like parking and opening hours without a login.',
    loginAgain: 'You are no longer logged in. Log in again with MitID, and I can see your appointments.',
    onlyOwn: 'I can only show your own appointments.',
    noUpcoming: 'I cannot find any upcoming appointments for you.',
    noneOnDay: (day) => `I cannot find an appointment for you on ${day}.`,
    next: 'Your next appointment:',
    all: (count) => (count === 1 ? 'You have 1 upcoming appointment:' : `You have ${count} upcoming appointments:`),
    onDay: (day) => `Your appointments on ${day}:`,
    place: 'Where to go (in Danish):',
    parking: 'Parking:',
    transport: 'Bus and train:',
    fromBooking: 'From your appointment letter:',
    protectedNote: 'Read your appointment letter for the exact instructions.',
    information: "From the hospital's patient information (in Danish):",
    noInformation: 'I have not found a page about preparing for this appointment. Read your appointment letter, or call the department.',
    change: (clinic, phone, hours) => `I cannot move or cancel appointments. Call ${clinic} on ${phone}${hours === undefined ? '' : ` (${hours})`}.`,
    changeNoPhone: "I cannot move or cancel appointments. Call the hospital's switchboard, or use the link in your appointment letter.",
    dataAsOf: (when) => `This information is from ${when}. Appointments booked or moved recently may be missing. Check your letter in e-Boks or on sundhed.dk, or call the department.`,
    dataAsOfUnknown: 'Appointments booked or moved recently may be missing. Check your letter in e-Boks or on sundhed.dk, or call the department.',
  },
  de: {
    locale: 'de-DE',
    loginNeeded: 'Fragen zu Ihren eigenen Terminen kann ich nur beantworten, wenn Sie angemeldet sind. Melden Sie sich mit MitID an, um sie zu sehen. Ich rate nicht. Fragen etwa zum Parken und zu Öffnungszeiten beantworte ich auch ohne Anmeldung.',
    loginAgain: 'Sie sind nicht mehr angemeldet. Melden Sie sich wieder mit MitID an, dann kann ich Ihre Termine sehen.',
    onlyOwn: 'Ich kann nur Ihre eigenen Termine zeigen.',
    noUpcoming: 'Ich finde keine kommenden Termine für Sie.',
    noneOnDay: (day) => `Ich finde keinen Termin für Sie am ${day}.`,
    next: 'Ihr nächster Termin:',
    all: (count) => (count === 1 ? 'Sie haben 1 kommenden Termin:' : `Sie haben ${count} kommende Termine:`),
    onDay: (day) => `Ihre Termine am ${day}:`,
    place: 'Hierhin gehen Sie (auf Dänisch):',
    parking: 'Parken:',
    transport: 'Bus und Bahn:',
    fromBooking: 'Aus Ihrem Einladungsbrief:',
    protectedNote: 'Lesen Sie Ihren Einladungsbrief für die genauen Anweisungen.',
    information: 'Aus der Patienteninformation des Krankenhauses (auf Dänisch):',
    noInformation: 'Ich habe keine Seite zur Vorbereitung auf genau diesen Termin gefunden. Lesen Sie Ihren Einladungsbrief, oder rufen Sie die Abteilung an.',
    change: (clinic, phone, hours) => `Ich kann Termine nicht verschieben oder absagen. Rufen Sie ${clinic} an: ${phone}${hours === undefined ? '' : ` (${hours})`}.`,
    changeNoPhone: 'Ich kann Termine nicht verschieben oder absagen. Rufen Sie die Zentrale des Krankenhauses an, oder nutzen Sie den Link in Ihrem Einladungsbrief.',
    dataAsOf: (when) => `Diese Angaben sind vom ${when}. Kürzlich gebuchte oder verschobene Termine können fehlen. Sehen Sie in Ihren Brief in e-Boks oder auf sundhed.dk, oder rufen Sie die Abteilung an.`,
    dataAsOfUnknown: 'Kürzlich gebuchte oder verschobene Termine können fehlen. Sehen Sie in Ihren Brief in e-Boks oder auf sundhed.dk, oder rufen Sie die Abteilung an.',
  },
  ar: {
    locale: 'ar-u-nu-latn',
    loginNeeded: 'لا أستطيع الإجابة عن أسئلة حول مواعيدك الخاصة إلا بعد تسجيل الدخول. سجّل الدخول باستخدام MitID لتراها. أنا لا أخمّن. يمكنني الإجابة عن أسئلة مثل مواقف السيارات وأوقات العمل دون تسجيل الدخول.',
    loginAgain: 'لم تعد مسجّل الدخول. سجّل الدخول مرة أخرى باستخدام MitID، وعندها أستطيع رؤية مواعيدك.',
    onlyOwn: 'يمكنني أن أعرض مواعيدك أنت فقط.',
    noUpcoming: 'لا أجد أي مواعيد قادمة لك.',
    noneOnDay: (day) => `لا أجد موعدًا لك في ${day}.`,
    next: 'موعدك القادم:',
    all: (count) => (count === 1 ? 'لديك موعد قادم واحد:' : `لديك ${count} مواعيد قادمة:`),
    onDay: (day) => `مواعيدك في ${day}:`,
    place: 'إلى أين تذهب (بالدنماركية):',
    parking: 'مواقف السيارات:',
    transport: 'الحافلة والقطار:',
    fromBooking: 'من رسالة موعدك:',
    protectedNote: 'اقرأ رسالة موعدك لمعرفة التعليمات الدقيقة.',
    information: 'من معلومات المستشفى للمرضى (بالدنماركية):',
    noInformation: 'لم أجد صفحة عن التحضير لهذا الموعد بالذات. اقرأ رسالة موعدك، أو اتصل بالقسم.',
    change: (clinic, phone, hours) => `لا أستطيع نقل المواعيد أو إلغاءها. اتصل بـ ${clinic} على الرقم ${phone}${hours === undefined ? '' : ` (${hours})`}.`,
    changeNoPhone: 'لا أستطيع نقل المواعيد أو إلغاءها. اتصل بمقسم المستشفى، أو استخدم الرابط في رسالة موعدك.',
    dataAsOf: (when) => `هذه المعلومات من ${when}. قد تنقص مواعيد حُجزت أو نُقلت مؤخرًا. انظر رسالتك في e-Boks أو على sundhed.dk، أو اتصل بالقسم.`,
    dataAsOfUnknown: 'قد تنقص مواعيد حُجزت أو نُقلت مؤخرًا. انظر رسالتك في e-Boks أو على sundhed.dk، أو اتصل بالقسم.',
  },
  uk: {
    locale: 'uk-UA',
    loginNeeded: 'Я можу відповідати на запитання про ваші власні прийоми, лише коли ви увійшли в систему. Увійдіть через MitID, щоб їх побачити. Я не вгадую. На запитання, наприклад, про паркування чи години роботи я можу відповісти й без входу.',
    loginAgain: 'Ви більше не в системі. Увійдіть знову через MitID, і я зможу побачити ваші прийоми.',
    onlyOwn: 'Я можу показати лише ваші власні прийоми.',
    noUpcoming: 'Я не знаходжу жодних майбутніх прийомів для вас.',
    noneOnDay: (day) => `Я не знаходжу прийому для вас на ${day}.`,
    next: 'Ваш наступний прийом:',
    all: (count) => `Ваші майбутні прийоми (${count}):`,
    onDay: (day) => `Ваші прийоми на ${day}:`,
    place: 'Куди йти (данською):',
    parking: 'Паркування:',
    transport: 'Автобус і потяг:',
    fromBooking: 'З вашого листа-запрошення:',
    protectedNote: 'Прочитайте ваш лист-запрошення, щоб знати точні інструкції.',
    information: 'З інформації лікарні для пацієнтів (данською):',
    noInformation: 'Я не знайшов сторінки про підготовку саме до цього прийому. Прочитайте ваш лист-запрошення або зателефонуйте у відділення.',
    change: (clinic, phone, hours) => `Я не можу перенести чи скасувати прийом. Зателефонуйте до ${clinic}: ${phone}${hours === undefined ? '' : ` (${hours})`}.`,
    changeNoPhone: 'Я не можу перенести чи скасувати прийом. Зателефонуйте на комутатор лікарні або скористайтеся посиланням у вашому листі-запрошенні.',
    dataAsOf: (when) => `Ці дані станом на ${when}. Прийоми, які нещодавно записали або перенесли, можуть бути відсутні. Перевірте ваш лист в e-Boks або на sundhed.dk, або зателефонуйте у відділення.`,
    dataAsOfUnknown: 'Прийоми, які нещодавно записали або перенесли, можуть бути відсутні. Перевірте ваш лист в e-Boks або на sundhed.dk, або зателефонуйте у відділення.',
  },
};
