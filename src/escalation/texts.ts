// What the chatbot writes in the chat when it hands the citizen to a person: in the citizen's
// language, plain, and always saying what happens next. The widget shows the live queue status
// beside it; these sentences are the record in the transcript.
import type { LocalMoment, Weekday } from '../calendar/opening-hours.js';
import type { SupportedLanguage } from '../language/languages.js';

export interface QueueFacts {
  open: boolean;
  position?: number;
  expectedWaitMinutes?: number;
  opensAt?: LocalMoment;
  /** The chat went to the queue without being asked for (emergency, refusals, a topic). */
  automatic: boolean;
}

const weekdayNames: Record<SupportedLanguage, Record<Weekday, string>> = {
  da: { monday: 'mandag', tuesday: 'tirsdag', wednesday: 'onsdag', thursday: 'torsdag', friday: 'fredag', saturday: 'lørdag', sunday: 'søndag' },
  en: { monday: 'Monday', tuesday: 'Tuesday', wednesday: 'Wednesday', thursday: 'Thursday', friday: 'Friday', saturday: 'Saturday', sunday: 'Sunday' },
  de: { monday: 'Montag', tuesday: 'Dienstag', wednesday: 'Mittwoch', thursday: 'Donnerstag', friday: 'Freitag', saturday: 'Samstag', sunday: 'Sonntag' },
  ar: { monday: 'الاثنين', tuesday: 'الثلاثاء', wednesday: 'الأربعاء', thursday: 'الخميس', friday: 'الجمعة', saturday: 'السبت', sunday: 'الأحد' },
  uk: { monday: 'у понеділок', tuesday: 'у вівторок', wednesday: 'у середу', thursday: 'у четвер', friday: 'у пʼятницю', saturday: 'у суботу', sunday: 'у неділю' },
};

/** "i morgen kl. 08:00", "on Monday at 08:00", … */
export function whenText(language: SupportedLanguage, at: LocalMoment): string {
  const day = weekdayNames[language][at.weekday];
  const date = at.date.split('-').map(Number) as [number, number, number];
  const far = at.dayOffset > 6;
  switch (language) {
    case 'da':
      return `${at.dayOffset === 0 ? 'i dag' : at.dayOffset === 1 ? 'i morgen' : far ? `${day} den ${date[2]}/${date[1]}` : `på ${day}`} kl. ${at.time}`;
    case 'en':
      return `${at.dayOffset === 0 ? 'today' : at.dayOffset === 1 ? 'tomorrow' : far ? `on ${day} ${date[2]}/${date[1]}` : `on ${day}`} at ${at.time}`;
    case 'de':
      return `${at.dayOffset === 0 ? 'heute' : at.dayOffset === 1 ? 'morgen' : far ? `am ${day}, ${date[2]}.${date[1]}.` : `am ${day}`} um ${at.time} Uhr`;
    case 'ar':
      return `${at.dayOffset === 0 ? 'اليوم' : at.dayOffset === 1 ? 'غدًا' : far ? `يوم ${day} ${date[2]}/${date[1]}` : `يوم ${day}`} الساعة ${at.time}`;
    case 'uk':
      return `${at.dayOffset === 0 ? 'сьогодні' : at.dayOffset === 1 ? 'завтра' : far ? `${day}, ${date[2]}.${String(date[1]).padStart(2, '0')}` : day} о ${at.time}`;
  }
}

/** The chatbot's message when the chat goes to the queue. */
export function queuedText(language: SupportedLanguage, facts: QueueFacts): string {
  const when = facts.opensAt ? whenText(language, facts.opensAt) : undefined;
  const wait = facts.expectedWaitMinutes;
  switch (language) {
    case 'da':
      if (!facts.open) {
        return `Der er ingen medarbejdere i chatten lige nu.${when ? ` Vi er her igen ${when}.` : ''} Du kan bede os ringe dig op eller skrive en besked, så svarer vi, når vi er tilbage. Er det akut, så ring 112.`;
      }
      return `${facts.automatic ? 'Jeg beder en medarbejder om at hjælpe dig.' : 'Jeg finder en medarbejder til dig.'} Du er nummer ${facts.position ?? 1} i køen${wait ? ` og venter cirka ${wait} minutter` : ''}. Du kan skrive videre imens.`;
    case 'en':
      if (!facts.open) {
        return `No staff are in the chat right now.${when ? ` We are back ${when}.` : ''} You can ask us to call you or leave a message, and we will answer when we are back. If it is urgent, call 112.`;
      }
      return `${facts.automatic ? 'I am asking a member of staff to help you.' : 'I am finding a member of staff for you.'} You are number ${facts.position ?? 1} in the queue${wait ? ` and will wait about ${wait} minutes` : ''}. You can keep writing meanwhile.`;
    case 'de':
      if (!facts.open) {
        return `Gerade ist niemand vom Personal im Chat.${when ? ` Wir sind ${when} wieder da.` : ''} Sie können um einen Rückruf bitten oder eine Nachricht schreiben. Wir antworten, sobald wir zurück sind. Im Notfall rufen Sie 112 an.`;
      }
      return `${facts.automatic ? 'Ich bitte eine Mitarbeiterin oder einen Mitarbeiter, Ihnen zu helfen.' : 'Ich suche jemanden vom Personal für Sie.'} Sie sind Nummer ${facts.position ?? 1} in der Warteschlange${wait ? ` und warten etwa ${wait} Minuten` : ''}. Sie können inzwischen weiterschreiben.`;
    case 'ar':
      if (!facts.open) {
        return `لا يوجد موظفون في الدردشة الآن.${when ? ` سنعود ${when}.` : ''} يمكنك أن تطلب منا الاتصال بك أو أن تترك رسالة، وسنرد عندما نعود. إذا كان الأمر عاجلًا، اتصل بالرقم 112.`;
      }
      return `${facts.automatic ? 'سأطلب من أحد الموظفين مساعدتك.' : 'سأبحث لك عن موظف.'} أنت رقم ${facts.position ?? 1} في قائمة الانتظار${wait ? ` وستنتظر حوالي ${wait} دقيقة` : ''}. يمكنك متابعة الكتابة في أثناء ذلك.`;
    case 'uk':
      if (!facts.open) {
        return `Зараз у чаті немає працівників.${when ? ` Ми повернемося ${when}.` : ''} Ви можете попросити, щоб вам зателефонували, або залишити повідомлення, і ми відповімо, коли повернемося. Якщо це терміново, телефонуйте 112.`;
      }
      return `${facts.automatic ? 'Я прошу працівника допомогти вам.' : 'Я шукаю для вас працівника.'} Ви ${facts.position ?? 1}-й у черзі${wait ? `, чекати приблизно ${wait} хв` : ''}. Поки що можете писати далі.`;
  }
}
