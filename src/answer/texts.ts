// Fixed wording the answer core uses around content, in every supported language. Written by the
// project in plain language; contact numbers are always passed in, never written here.
import type { SupportedLanguage } from '../language/languages.js';

export interface RefusalContacts {
  patientOfficePhone: string;
  outOfHoursDoctorPhone: string;
  emergencyPhone: string;
}

interface AnswerTexts {
  lead: string;
  /** Said after the lead when the quote is in another language than the question: pages are Danish, a few English. */
  quotedIn: Partial<Record<SupportedLanguage, string>>;
  refusal: (contacts: RefusalContacts) => string;
  /** Said before the refusal when a message only tried to change the bot's rules or role. */
  rulesStay: string;
}

export const answerTexts: Record<SupportedLanguage, AnswerTexts> = {
  da: {
    rulesStay: 'Jeg kan kun svare på spørgsmål om hospitalet ud fra hospitalets egne sider. Det kan man ikke ændre ved at skrive til mig.',
    lead: 'Det står på hospitalets side:',
    quotedIn: { en: '(citeret på engelsk fra siden)' },
    refusal: (c) =>
      `Det kan jeg desværre ikke svare sikkert på ud fra hospitalets sider. ` +
      `Ring til Patientkontoret på ${c.patientOfficePhone}, eller tryk på "Tal med en person". ` +
      `Har du brug for en læge uden for dagtid, så ring til Lægevagten på ${c.outOfHoursDoctorPhone}. Ved livsfare: ring ${c.emergencyPhone}.`,
  },
  en: {
    rulesStay: "I can only answer questions about the hospital from the hospital's own pages. Writing to me cannot change that.",
    lead: "This is what the hospital's page says:",
    quotedIn: { da: '(quoted in Danish from the page)' },
    refusal: (c) =>
      `Sorry, I cannot answer that safely from the hospital's pages. ` +
      `Call the Patient Office on ${c.patientOfficePhone}, or press "Talk to a person". ` +
      `If you need a doctor outside normal hours, call the out-of-hours doctor (Lægevagten) on ${c.outOfHoursDoctorPhone}. If a life is in danger: call ${c.emergencyPhone}.`,
  },
  de: {
    rulesStay: 'Ich kann nur Fragen zum Krankenhaus mit den Seiten des Krankenhauses beantworten. Das lässt sich durch eine Nachricht an mich nicht ändern.',
    lead: 'Das steht auf der Seite des Krankenhauses:',
    quotedIn: { da: '(auf Dänisch von der Seite zitiert)', en: '(auf Englisch von der Seite zitiert)' },
    refusal: (c) =>
      `Das kann ich leider nicht sicher mit den Seiten des Krankenhauses beantworten. ` +
      `Rufen Sie das Patientenbüro unter ${c.patientOfficePhone} an oder drücken Sie auf „Mit einem Menschen sprechen“. ` +
      `Brauchen Sie außerhalb der Sprechzeiten einen Arzt, rufen Sie den ärztlichen Bereitschaftsdienst (Lægevagten) unter ${c.outOfHoursDoctorPhone} an. Bei Lebensgefahr: ${c.emergencyPhone}.`,
  },
  ar: {
    rulesStay: 'أستطيع فقط أن أجيب عن أسئلة حول المستشفى من صفحات المستشفى نفسها. لا يمكن تغيير ذلك بالكتابة إليّ.',
    lead: 'هذا ما تقوله صفحة المستشفى:',
    quotedIn: { da: '(اقتباس باللغة الدنماركية من الصفحة)', en: '(اقتباس باللغة الإنجليزية من الصفحة)' },
    refusal: (c) =>
      `عذرًا، لا أستطيع الإجابة عن هذا بشكل آمن من صفحات المستشفى. ` +
      `اتصل بمكتب المرضى على ${c.patientOfficePhone}، أو اضغط على "تحدث مع شخص". ` +
      `إذا احتجت إلى طبيب خارج أوقات العمل، اتصل بطبيب الطوارئ المناوب (Lægevagten) على ${c.outOfHoursDoctorPhone}. إذا كانت الحياة في خطر: اتصل بـ ${c.emergencyPhone}.`,
  },
  uk: {
    rulesStay: 'Я можу відповідати лише на запитання про лікарню за сторінками самої лікарні. Це не можна змінити повідомленням мені.',
    lead: 'Ось що написано на сторінці лікарні:',
    quotedIn: { da: '(цитата данською мовою зі сторінки)', en: '(цитата англійською мовою зі сторінки)' },
    refusal: (c) =>
      `На жаль, я не можу надійно відповісти на це за сторінками лікарні. ` +
      `Зателефонуйте до Бюро пацієнтів за номером ${c.patientOfficePhone} або натисніть «Поговорити з людиною». ` +
      `Якщо вам потрібен лікар у неробочий час, телефонуйте черговому лікарю (Lægevagten) за номером ${c.outOfHoursDoctorPhone}. Якщо є загроза життю: телефонуйте ${c.emergencyPhone}.`,
  },
};

/** The lead before quoted page text, saying which language the quote is in when it is not the citizen's. */
export function quoteLead(language: SupportedLanguage, quoted: SupportedLanguage): string {
  const texts = answerTexts[language];
  const note = quoted === language ? undefined : texts.quotedIn[quoted];
  return note === undefined ? texts.lead : `${texts.lead} ${note}`;
}
