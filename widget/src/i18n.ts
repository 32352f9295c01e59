// The widget's own wording in every supported language, written by the project in plain language
// (Danish first). Answers and their sources are never written here: they come from the API.
import { launcherLabels } from './embed.js';
import type { Language } from './types.js';

export type ErrorKind = 'network' | 'server' | 'unavailable' | 'invalid';

export interface UiStrings {
  launcher: string;
  title: string;
  intro: string;
  /** Shown under the intro; the number is turned into a phone link. */
  emergencyHint: string;
  close: string;
  inputLabel: string;
  inputHint: string;
  send: string;
  you: string;
  assistant: string;
  staff: string;
  system: string;
  emergency: string;
  sources: string;
  opensInNewWindow: string;
  source: (n: number, title: string) => string;
  typing: string;
  tooLong: (count: string, max: string) => string;
  errors: Record<ErrorKind, string>;
  retry: string;
  /** Too many messages in a short time; `seconds` is the wait the server asked for, if it said. */
  rateLimited: (seconds: string | undefined) => string;
  /** The visible countdown next to the disabled retry button. */
  retryIn: (seconds: string) => string;
  /** Said once when the wait is over. */
  retryReady: string;
  reference: string;
  /** The avatar: its on/off switch, what it is doing (shown as text too), and reading an answer aloud. */
  avatarToggle: string;
  avatarStates: Record<'idle' | 'listening' | 'thinking' | 'speaking', string>;
  readAloud: string;
  stopReading: string;
  /** Thumbs up/down under each answer, and the optional comment after a thumbs down. */
  feedback: {
    question: string;
    up: string;
    down: string;
    commentLabel: string;
    count: (n: string, max: string) => string;
    send: string;
    skip: string;
    /** After a thumbs down: leave the chatbot for a person. */
    person: string;
    thanks: string;
    failed: string;
  };
  /** The answer stream broke after the question was saved; the answer is being fetched another way. */
  resuming: string;
  /** Fetching it failed too: the question is saved, and "retry" fetches the answer again. */
  answerMissing: string;
  /** Added to an error when the question never reached the server and is back in the field. */
  notSent: string;
  /** The header control that forgets the conversation in this tab, and its confirmation. */
  newChat: { button: string; confirm: string; yes: string; no: string; done: string; failed: string };
  /** Patient login in a popup (docs/adr/0010); "{name}" is replaced by the name the login gave. */
  login: { button: string; loggedInAs: string; loggedIn: string; logout: string; loggedOut: string; logoutFailed: string; failed: string; blocked: string };
  /** Speaking the question instead of typing it (browser speech recognition). */
  voice: { button: string; listening: string; check: string; notAllowed: string; noSpeech: string; failed: string };
}

export const strings: Record<Language, UiStrings> = {
  da: {
    launcher: launcherLabels.da,
    title: 'Spørg os',
    intro: 'Stil et spørgsmål om dit besøg på hospitalet. Svarene kommer fra hospitalets egne sider, og du kan se kilderne.',
    emergencyHint: 'Ved livsfare: ring 112.',
    close: 'Luk',
    inputLabel: 'Skriv dit spørgsmål',
    inputHint: 'Tryk Enter for at sende. Shift+Enter giver en ny linje.',
    send: 'Send',
    you: 'Du skrev:',
    assistant: 'Svar:',
    staff: 'Medarbejder',
    system: 'Besked:',
    emergency: 'Akut',
    sources: 'Kilder',
    opensInNewWindow: '(åbner i et nyt vindue)',
    source: (n, title) => `Kilde ${n}: ${title}`,
    typing: 'Svaret bliver skrevet …',
    tooLong: (count, max) => `Dit spørgsmål er for langt: ${count} tegn. Der må højst være ${max} tegn.`,
    errors: {
      network: 'Vi kunne ikke få forbindelse. Tjek din internetforbindelse, og prøv igen.',
      server: 'Der gik noget galt hos os. Prøv igen om lidt.',
      unavailable: 'Chatten virker ikke lige nu. Prøv igen om lidt.',
      invalid: 'Beskeden kunne ikke sendes. Prøv igen.',
    },
    retry: 'Prøv igen',
    rateLimited: (seconds) =>
      `Du har skrevet mange beskeder på kort tid. ${seconds === undefined ? 'Vent lidt' : `Vent ${seconds} ${seconds === '1' ? 'sekund' : 'sekunder'}`}, og prøv igen.`,
    retryIn: (seconds) => `(om ${seconds} sek.)`,
    retryReady: 'Du kan prøve igen nu.',
    reference: 'Reference',
    avatarToggle: 'Vis figuren',
    avatarStates: { idle: 'Klar til dit spørgsmål', listening: 'Lytter til dig', thinking: 'Tænker over svaret …', speaking: 'Læser svaret op' },
    readAloud: 'Læs op',
    stopReading: 'Stop oplæsning',
    feedback: {
      question: 'Hjalp svaret dig?',
      up: 'Svaret hjalp',
      down: 'Svaret hjalp ikke',
      commentLabel: 'Hvad manglede du? Du behøver ikke skrive noget.',
      count: (n, max) => `${n} af ${max} tegn`,
      send: 'Send kommentar',
      skip: 'Spring over',
      person: 'Tal med en medarbejder om det',
      thanks: 'Tak. Det hjælper os med at gøre svarene bedre.',
      failed: 'Vi kunne ikke gemme din vurdering. Prøv igen.',
    },
    resuming: 'Forbindelsen blev afbrudt. Vi henter svaret …',
    answerMissing: 'Vi har fået dit spørgsmål, men svaret kom ikke frem. Tryk på "Prøv igen" for at hente det.',
    notSent: 'Dit spørgsmål blev ikke sendt. Det står stadig i feltet.',
    newChat: {
      button: 'Ny samtale',
      confirm: 'Vil du slette samtalen og starte forfra? Den bliver slettet helt, også hos hospitalet.',
      yes: 'Ja, slet samtalen',
      no: 'Nej, fortsæt',
      done: 'Samtalen er slettet. Du kan stille et nyt spørgsmål.',
      failed: 'Vi kunne ikke slette samtalen. Den er her stadig. Prøv igen om lidt.',
    },
    login: {
      button: 'Log ind for at spørge om dine aftaler',
      loggedInAs: 'Du er logget ind som {name}.',
      loggedIn: 'Du er logget ind.',
      logout: 'Log ud',
      logoutFailed: 'Det lykkedes ikke at logge ud. Prøv igen.',
      loggedOut: 'Du er logget ud. Vil du spørge om dine aftaler igen, skal du logge ind igen.',
      failed: 'Det lykkedes ikke at logge ind. Du kan prøve igen.',
      blocked: 'Login-vinduet kunne ikke åbne. Tillad pop op-vinduer for denne side, og prøv igen.',
    },
    voice: {
      button: 'Indtal dit spørgsmål',
      listening: 'Jeg lytter. Tal nu, og tryk på mikrofonen igen, når du er færdig.',
      check: 'Tjek teksten, og tryk Send.',
      notAllowed: 'Mikrofonen må ikke bruges. Giv lov i browserens indstillinger, eller skriv dit spørgsmål.',
      noSpeech: 'Vi hørte ikke noget. Prøv igen, eller skriv dit spørgsmål.',
      failed: 'Tale virker ikke lige nu. Skriv dit spørgsmål i stedet.',
    },
  },
  en: {
    launcher: launcherLabels.en,
    title: 'Ask us',
    intro: "Ask a question about your visit to the hospital. The answers come from the hospital's own pages, and you can see the sources.",
    emergencyHint: 'If a life is in danger: call 112.',
    close: 'Close',
    inputLabel: 'Type your question',
    inputHint: 'Press Enter to send. Shift+Enter makes a new line.',
    send: 'Send',
    you: 'You wrote:',
    assistant: 'Answer:',
    staff: 'Staff',
    system: 'Message:',
    emergency: 'Urgent',
    sources: 'Sources',
    opensInNewWindow: '(opens in a new window)',
    source: (n, title) => `Source ${n}: ${title}`,
    typing: 'Writing the answer …',
    tooLong: (count, max) => `Your question is too long: ${count} characters. The limit is ${max} characters.`,
    errors: {
      network: 'We could not connect. Check your internet connection and try again.',
      server: 'Something went wrong on our side. Please try again in a moment.',
      unavailable: 'The chat is not working right now. Please try again in a moment.',
      invalid: 'The message could not be sent. Please try again.',
    },
    retry: 'Try again',
    rateLimited: (seconds) =>
      `You have sent many messages in a short time. ${seconds === undefined ? 'Please wait a little' : `Please wait ${seconds} ${seconds === '1' ? 'second' : 'seconds'}`} and try again.`,
    retryIn: (seconds) => `(in ${seconds} s)`,
    retryReady: 'You can try again now.',
    reference: 'Reference',
    avatarToggle: 'Show the figure',
    avatarStates: { idle: 'Ready for your question', listening: 'Listening to you', thinking: 'Thinking about the answer …', speaking: 'Reading the answer aloud' },
    readAloud: 'Read aloud',
    stopReading: 'Stop reading',
    feedback: {
      question: 'Did the answer help you?',
      up: 'The answer helped',
      down: 'The answer did not help',
      commentLabel: 'What was missing? You do not have to write anything.',
      count: (n, max) => `${n} of ${max} characters`,
      send: 'Send comment',
      skip: 'Skip',
      person: 'Talk to a member of staff about it',
      thanks: 'Thank you. This helps us make the answers better.',
      failed: 'We could not save your rating. Please try again.',
    },
    resuming: 'The connection was lost. We are fetching the answer …',
    answerMissing: 'We got your question, but the answer did not come through. Press "Try again" to fetch it.',
    notSent: 'Your question was not sent. It is still in the box.',
    newChat: {
      button: 'New conversation',
      confirm: 'Delete the conversation and start again? It will be deleted completely, also at the hospital.',
      yes: 'Yes, delete it',
      no: 'No, go on',
      done: 'The conversation was deleted. You can ask a new question.',
      failed: 'We could not delete the conversation. It is still here. Please try again in a moment.',
    },
    login: {
      button: 'Log in to ask about your appointments',
      loggedInAs: 'You are logged in as {name}.',
      loggedIn: 'You are logged in.',
      logout: 'Log out',
      logoutFailed: 'We could not log you out. Please try again.',
      loggedOut: 'You are logged out. To ask about your appointments again, log in again.',
      failed: 'We could not log you in. You can try again.',
      blocked: 'The login window could not open. Allow pop-ups for this page and try again.',
    },
    voice: {
      button: 'Speak your question',
      listening: 'Listening. Speak now, and press the microphone again when you are done.',
      check: 'Check the text, then press Send.',
      notAllowed: 'The microphone is not allowed. Allow it in your browser settings, or type your question.',
      noSpeech: 'We did not hear anything. Try again, or type your question.',
      failed: 'Speaking does not work right now. Please type your question.',
    },
  },
  de: {
    launcher: launcherLabels.de,
    title: 'Fragen Sie uns',
    intro: 'Stellen Sie eine Frage zu Ihrem Besuch im Krankenhaus. Die Antworten kommen von den Seiten des Krankenhauses, und Sie sehen die Quellen.',
    emergencyHint: 'Bei Lebensgefahr: Rufen Sie 112 an.',
    close: 'Schließen',
    inputLabel: 'Schreiben Sie Ihre Frage',
    inputHint: 'Enter sendet. Umschalt+Enter macht eine neue Zeile.',
    send: 'Senden',
    you: 'Sie schrieben:',
    assistant: 'Antwort:',
    staff: 'Mitarbeitende',
    system: 'Hinweis:',
    emergency: 'Dringend',
    sources: 'Quellen',
    opensInNewWindow: '(öffnet in einem neuen Fenster)',
    source: (n, title) => `Quelle ${n}: ${title}`,
    typing: 'Die Antwort wird geschrieben …',
    tooLong: (count, max) => `Ihre Frage ist zu lang: ${count} Zeichen. Erlaubt sind höchstens ${max} Zeichen.`,
    errors: {
      network: 'Keine Verbindung. Prüfen Sie Ihre Internetverbindung und versuchen Sie es noch einmal.',
      server: 'Bei uns ist ein Fehler passiert. Bitte versuchen Sie es gleich noch einmal.',
      unavailable: 'Der Chat funktioniert gerade nicht. Bitte versuchen Sie es gleich noch einmal.',
      invalid: 'Die Nachricht konnte nicht gesendet werden. Bitte versuchen Sie es noch einmal.',
    },
    retry: 'Noch einmal versuchen',
    rateLimited: (seconds) =>
      `Sie haben in kurzer Zeit viele Nachrichten geschrieben. ${seconds === undefined ? 'Warten Sie bitte kurz' : `Warten Sie bitte ${seconds} ${seconds === '1' ? 'Sekunde' : 'Sekunden'}`} und versuchen Sie es dann noch einmal.`,
    retryIn: (seconds) => `(in ${seconds} s)`,
    retryReady: 'Sie können es jetzt noch einmal versuchen.',
    reference: 'Referenz',
    avatarToggle: 'Figur zeigen',
    avatarStates: { idle: 'Bereit für Ihre Frage', listening: 'Hört Ihnen zu', thinking: 'Denkt über die Antwort nach …', speaking: 'Liest die Antwort vor' },
    readAloud: 'Vorlesen',
    stopReading: 'Vorlesen beenden',
    feedback: {
      question: 'Hat Ihnen die Antwort geholfen?',
      up: 'Die Antwort hat geholfen',
      down: 'Die Antwort hat nicht geholfen',
      commentLabel: 'Was hat gefehlt? Sie müssen nichts schreiben.',
      count: (n, max) => `${n} von ${max} Zeichen`,
      send: 'Kommentar senden',
      skip: 'Überspringen',
      person: 'Mit dem Personal darüber sprechen',
      thanks: 'Danke. Das hilft uns, die Antworten besser zu machen.',
      failed: 'Wir konnten Ihre Bewertung nicht speichern. Bitte versuchen Sie es noch einmal.',
    },
    resuming: 'Die Verbindung wurde unterbrochen. Wir holen die Antwort …',
    answerMissing: 'Wir haben Ihre Frage bekommen, aber die Antwort ist nicht angekommen. Drücken Sie auf „Noch einmal versuchen“, um sie zu holen.',
    notSent: 'Ihre Frage wurde nicht gesendet. Sie steht noch im Feld.',
    newChat: {
      button: 'Neues Gespräch',
      confirm: 'Möchten Sie das Gespräch löschen und neu beginnen? Es wird ganz gelöscht, auch beim Krankenhaus.',
      yes: 'Ja, löschen',
      no: 'Nein, weiter',
      done: 'Das Gespräch wurde gelöscht. Sie können eine neue Frage stellen.',
      failed: 'Wir konnten das Gespräch nicht löschen. Es ist noch da. Bitte versuchen Sie es gleich noch einmal.',
    },
    login: {
      button: 'Anmelden, um nach Ihren Terminen zu fragen',
      loggedInAs: 'Sie sind als {name} angemeldet.',
      loggedIn: 'Sie sind angemeldet.',
      logout: 'Abmelden',
      logoutFailed: 'Die Abmeldung hat nicht geklappt. Bitte versuchen Sie es noch einmal.',
      loggedOut: 'Sie sind abgemeldet. Um wieder nach Ihren Terminen zu fragen, melden Sie sich erneut an.',
      failed: 'Die Anmeldung hat nicht geklappt. Sie können es noch einmal versuchen.',
      blocked: 'Das Anmeldefenster konnte nicht öffnen. Erlauben Sie Pop-ups für diese Seite und versuchen Sie es erneut.',
    },
    voice: {
      button: 'Frage sprechen',
      listening: 'Ich höre zu. Sprechen Sie jetzt, und drücken Sie noch einmal auf das Mikrofon, wenn Sie fertig sind.',
      check: 'Prüfen Sie den Text, und drücken Sie dann auf Senden.',
      notAllowed: 'Das Mikrofon ist nicht erlaubt. Erlauben Sie es in den Einstellungen des Browsers, oder schreiben Sie Ihre Frage.',
      noSpeech: 'Wir haben nichts gehört. Versuchen Sie es noch einmal, oder schreiben Sie Ihre Frage.',
      failed: 'Sprechen funktioniert gerade nicht. Bitte schreiben Sie Ihre Frage.',
    },
  },
  ar: {
    launcher: launcherLabels.ar,
    title: 'اسألنا',
    intro: 'اطرح سؤالًا عن زيارتك للمستشفى. الإجابات مأخوذة من صفحات المستشفى نفسه، ويمكنك رؤية المصادر.',
    emergencyHint: 'إذا كانت الحياة في خطر: اتصل بالرقم 112.',
    close: 'إغلاق',
    inputLabel: 'اكتب سؤالك',
    inputHint: 'اضغط Enter للإرسال. Shift+Enter لسطر جديد.',
    send: 'إرسال',
    you: 'كتبتَ:',
    assistant: 'الرد:',
    staff: 'موظف',
    system: 'رسالة:',
    emergency: 'عاجل',
    sources: 'المصادر',
    opensInNewWindow: '(يفتح في نافذة جديدة)',
    source: (n, title) => `المصدر ${n}: ${title}`,
    typing: 'جارٍ كتابة الرد …',
    tooLong: (count, max) => `سؤالك طويل جدًا: ${count} حرفًا. الحد الأقصى ${max} حرف.`,
    errors: {
      network: 'تعذّر الاتصال. تحقّق من اتصالك بالإنترنت ثم حاول مرة أخرى.',
      server: 'حدث خطأ من جهتنا. حاول مرة أخرى بعد قليل.',
      unavailable: 'المحادثة لا تعمل الآن. حاول مرة أخرى بعد قليل.',
      invalid: 'تعذّر إرسال الرسالة. حاول مرة أخرى.',
    },
    retry: 'حاول مرة أخرى',
    rateLimited: (seconds) =>
      `لقد أرسلت رسائل كثيرة في وقت قصير. ${seconds === undefined ? 'انتظر قليلًا' : `انتظر ${seconds} ثانية`} ثم حاول مرة أخرى.`,
    retryIn: (seconds) => `(بعد ${seconds} ث)`,
    retryReady: 'يمكنك المحاولة مرة أخرى الآن.',
    reference: 'المرجع',
    avatarToggle: 'إظهار الشخصية',
    avatarStates: { idle: 'جاهز لسؤالك', listening: 'يستمع إليك', thinking: 'يفكّر في الرد …', speaking: 'يقرأ الرد بصوت عالٍ' },
    readAloud: 'اقرأ بصوت عالٍ',
    stopReading: 'إيقاف القراءة',
    feedback: {
      question: 'هل ساعدك الرد؟',
      up: 'الرد ساعدني',
      down: 'الرد لم يساعدني',
      commentLabel: 'ما الذي كان ناقصًا؟ لست مضطرًا إلى كتابة أي شيء.',
      count: (n, max) => `${n} من ${max} حرف`,
      send: 'إرسال التعليق',
      skip: 'تخطٍّ',
      person: 'تحدّث مع موظف عن ذلك',
      thanks: 'شكرًا. هذا يساعدنا على تحسين الردود.',
      failed: 'تعذّر حفظ تقييمك. حاول مرة أخرى.',
    },
    resuming: 'انقطع الاتصال. نحن نجلب الإجابة …',
    answerMissing: 'وصلنا سؤالك، لكن الإجابة لم تصل. اضغط على «حاول مرة أخرى» لجلبها.',
    notSent: 'لم يُرسَل سؤالك. ما زال مكتوبًا في الخانة.',
    newChat: {
      button: 'محادثة جديدة',
      confirm: 'هل تريد حذف المحادثة والبدء من جديد؟ ستُحذف بالكامل، وكذلك لدى المستشفى.',
      yes: 'نعم، احذفها',
      no: 'لا، تابع',
      done: 'حُذفت المحادثة. يمكنك طرح سؤال جديد.',
      failed: 'لم نتمكن من حذف المحادثة. ما زالت هنا. حاول مرة أخرى بعد قليل.',
    },
    login: {
      button: 'سجّل الدخول لتسأل عن مواعيدك',
      loggedInAs: 'لقد سجّلت الدخول باسم {name}.',
      loggedIn: 'لقد سجّلت الدخول.',
      logout: 'تسجيل الخروج',
      logoutFailed: 'لم نتمكن من تسجيل خروجك. حاول مرة أخرى.',
      loggedOut: 'لقد سجّلت الخروج. لتسأل عن مواعيدك مرة أخرى، سجّل الدخول من جديد.',
      failed: 'لم نتمكن من تسجيل دخولك. يمكنك المحاولة مرة أخرى.',
      blocked: 'تعذّر فتح نافذة تسجيل الدخول. اسمح بالنوافذ المنبثقة لهذه الصفحة وحاول مرة أخرى.',
    },
    voice: {
      button: 'قل سؤالك بصوتك',
      listening: 'أنا أستمع. تكلّم الآن، ثم اضغط على الميكروفون مرة أخرى عندما تنتهي.',
      check: 'راجع النص، ثم اضغط على «إرسال».',
      notAllowed: 'استخدام الميكروفون غير مسموح. اسمح به في إعدادات المتصفح، أو اكتب سؤالك.',
      noSpeech: 'لم نسمع شيئًا. حاول مرة أخرى، أو اكتب سؤالك.',
      failed: 'الكلام لا يعمل الآن. اكتب سؤالك من فضلك.',
    },
  },
  uk: {
    launcher: launcherLabels.uk,
    title: 'Запитайте нас',
    intro: 'Поставте запитання про ваш візит до лікарні. Відповіді беруться зі сторінок самої лікарні, і ви бачите джерела.',
    emergencyHint: 'Якщо є загроза життю: телефонуйте 112.',
    close: 'Закрити',
    inputLabel: 'Напишіть своє запитання',
    inputHint: 'Enter — надіслати. Shift+Enter — новий рядок.',
    send: 'Надіслати',
    you: 'Ви написали:',
    assistant: 'Відповідь:',
    staff: 'Працівник лікарні',
    system: 'Повідомлення:',
    emergency: 'Терміново',
    sources: 'Джерела',
    opensInNewWindow: '(відкривається в новому вікні)',
    source: (n, title) => `Джерело ${n}: ${title}`,
    typing: 'Відповідь пишеться …',
    tooLong: (count, max) => `Ваше запитання задовге: ${count} символів. Можна щонайбільше ${max} символів.`,
    errors: {
      network: "Не вдалося з'єднатися. Перевірте підключення до інтернету і спробуйте ще раз.",
      server: 'У нас сталася помилка. Спробуйте ще раз трохи згодом.',
      unavailable: 'Чат зараз не працює. Спробуйте ще раз трохи згодом.',
      invalid: 'Не вдалося надіслати повідомлення. Спробуйте ще раз.',
    },
    retry: 'Спробувати ще раз',
    rateLimited: (seconds) =>
      `Ви надіслали багато повідомлень за короткий час. ${seconds === undefined ? 'Зачекайте трохи' : `Зачекайте ${seconds} с`} і спробуйте ще раз.`,
    retryIn: (seconds) => `(через ${seconds} с)`,
    retryReady: 'Тепер можна спробувати ще раз.',
    reference: 'Код запиту',
    avatarToggle: 'Показувати фігуру',
    avatarStates: { idle: 'Готовий до вашого запитання', listening: 'Слухає вас', thinking: 'Обмірковує відповідь …', speaking: 'Читає відповідь вголос' },
    readAloud: 'Прочитати вголос',
    stopReading: 'Зупинити читання',
    feedback: {
      question: 'Чи допомогла вам відповідь?',
      up: 'Відповідь допомогла',
      down: 'Відповідь не допомогла',
      commentLabel: 'Чого бракувало? Писати нічого не обовʼязково.',
      count: (n, max) => `${n} з ${max} символів`,
      send: 'Надіслати коментар',
      skip: 'Пропустити',
      person: 'Поговорити про це з працівником',
      thanks: 'Дякуємо. Це допомагає нам покращувати відповіді.',
      failed: 'Не вдалося зберегти вашу оцінку. Спробуйте ще раз.',
    },
    resuming: 'Зʼєднання перервалося. Ми отримуємо відповідь …',
    answerMissing: 'Ми отримали ваше запитання, але відповідь не надійшла. Натисніть «Спробувати ще раз», щоб отримати її.',
    notSent: 'Ваше запитання не надіслано. Воно досі в полі.',
    newChat: {
      button: 'Нова розмова',
      confirm: 'Видалити розмову й почати знову? Її буде видалено повністю, також у лікарні.',
      yes: 'Так, видалити',
      no: 'Ні, продовжити',
      done: 'Розмову видалено. Ви можете поставити нове запитання.',
      failed: 'Не вдалося видалити розмову. Вона ще тут. Спробуйте ще раз за хвилину.',
    },
    login: {
      button: 'Увійти, щоб запитати про ваші записи',
      loggedInAs: 'Ви увійшли як {name}.',
      loggedIn: 'Ви увійшли.',
      logout: 'Вийти',
      logoutFailed: 'Не вдалося вийти. Спробуйте ще раз.',
      loggedOut: 'Ви вийшли. Щоб знову запитати про ваші записи, увійдіть ще раз.',
      failed: 'Не вдалося увійти. Спробуйте ще раз.',
      blocked: 'Не вдалося відкрити вікно входу. Дозвольте спливні вікна для цієї сторінки і спробуйте ще раз.',
    },
    voice: {
      button: 'Сказати запитання голосом',
      listening: 'Слухаю. Говоріть, а коли закінчите, натисніть мікрофон ще раз.',
      check: 'Перевірте текст і натисніть «Надіслати».',
      notAllowed: 'Мікрофон не дозволено. Дозвольте його в налаштуваннях браузера або напишіть запитання.',
      noSpeech: 'Ми нічого не почули. Спробуйте ще раз або напишіть запитання.',
      failed: 'Голосове введення зараз не працює. Будь ласка, напишіть запитання.',
    },
  },
};

export { pickLanguage } from './embed.js';

/** The "talk to a person" button and the states it leads to (escalation.ts). Numbers come formatted. */
export interface EscalationStrings {
  talk: string;
  waitingTitle: string;
  queue: (position: number, formatted: string) => string;
  wait: (minutes: number, formatted: string) => string;
  meanwhile: string;
  stopWaiting: string;
  stopped: string;
  closedTitle: string;
  /** `when` is a weekday, date and time in the widget's language, Danish time. */
  opensAt: (when: string) => string;
  opensLater: string;
  callbackIntro: string;
  phone: string;
  phoneHint: string;
  time: string;
  times: Record<'morning' | 'afternoon' | 'any', string>;
  consent: string;
  message: string;
  submit: string;
  fieldErrors: Record<'phoneMissing' | 'phoneInvalid' | 'consentMissing' | 'timeMissing' | 'messageInvalid', string>;
  callbackDone: string;
  /** `name` is missing when the server did not say who (then "a member of staff"). */
  staffNow: (name: string | undefined) => string;
  staffHint: string;
  left: (name: string | undefined) => string;
  closed: string;
}

export const escalationStrings: Record<Language, EscalationStrings> = {
  da: {
    talk: 'Tal med en medarbejder',
    waitingTitle: 'Du venter på en medarbejder',
    queue: (position, n) => (position <= 1 ? 'Du er den næste i køen.' : `Du er nummer ${n} i køen.`),
    wait: (minutes, n) => (minutes <= 1 ? 'Det tager cirka 1 minut.' : `Det tager cirka ${n} minutter.`),
    meanwhile: 'Imens kan du stadig skrive til chatbotten.',
    stopWaiting: 'Stop med at vente',
    stopped: 'Du venter ikke længere. Chatbotten svarer dig.',
    closedTitle: 'Der er ingen medarbejdere lige nu',
    opensAt: (when) => `En medarbejder kan svare igen ${when}.`,
    opensLater: 'En medarbejder svarer, når vi åbner igen.',
    callbackIntro: 'Vil du ringes op? Skriv dit nummer, så ringer vi, når vi har åbent.',
    phone: 'Dit telefonnummer',
    phoneHint: 'For eksempel 12 34 56 78',
    time: 'Hvornår må vi ringe?',
    times: { morning: 'Om formiddagen', afternoon: 'Om eftermiddagen', any: 'Det er lige meget' },
    consent: 'Ja, I må ringe til mig, og en medarbejder må læse denne chat.',
    message: 'Besked til medarbejderen (hvis du vil)',
    submit: 'Ring mig op',
    fieldErrors: {
      phoneMissing: 'Skriv dit telefonnummer.',
      phoneInvalid: 'Nummeret ser forkert ud. Skriv mindst 8 cifre, for eksempel 12 34 56 78.',
      consentMissing: 'Sæt et flueben, hvis vi må ringe til dig.',
      timeMissing: 'Vælg, hvornår vi må ringe.',
      messageInvalid: 'Beskeden kunne ikke sendes. Gør den kortere, og prøv igen.',
    },
    callbackDone: 'Tak. Vi ringer til dig, når vi har åbent.',
    staffNow: (name) => `Du skriver nu med ${name ?? 'en medarbejder'}`,
    staffHint: 'Skriv din besked nedenfor. Chatbotten svarer ikke imens.',
    left: (name) => `${name ?? 'Medarbejderen'} har forladt samtalen — chatbotten svarer igen`,
    closed: 'Samtalen med medarbejderen er slut. Chatbotten svarer igen.',
  },
  en: {
    talk: 'Talk to a member of staff',
    waitingTitle: 'You are waiting for a member of staff',
    queue: (position, n) => (position <= 1 ? 'You are next in line.' : `You are number ${n} in line.`),
    wait: (minutes, n) => (minutes <= 1 ? 'It takes about 1 minute.' : `It takes about ${n} minutes.`),
    meanwhile: 'Meanwhile you can still write to the chatbot.',
    stopWaiting: 'Stop waiting',
    stopped: 'You are no longer waiting. The chatbot answers you.',
    closedTitle: 'No staff are available right now',
    opensAt: (when) => `A member of staff can answer again on ${when}.`,
    opensLater: 'A member of staff answers when we open again.',
    callbackIntro: 'Would you like us to call you? Type your number and we will call when we are open.',
    phone: 'Your phone number',
    phoneHint: 'For example 12 34 56 78',
    time: 'When may we call?',
    times: { morning: 'In the morning', afternoon: 'In the afternoon', any: 'Any time' },
    consent: 'Yes, you may call me, and a member of staff may read this chat.',
    message: 'Message for the staff (if you like)',
    submit: 'Call me',
    fieldErrors: {
      phoneMissing: 'Type your phone number.',
      phoneInvalid: 'The number looks wrong. Type at least 8 digits, for example 12 34 56 78.',
      consentMissing: 'Tick the box if we may call you.',
      timeMissing: 'Choose when we may call.',
      messageInvalid: 'The message could not be sent. Make it shorter and try again.',
    },
    callbackDone: 'Thank you. We will call you when we are open.',
    staffNow: (name) => `You are now writing with ${name ?? 'a member of staff'}`,
    staffHint: 'Type your message below. The chatbot does not answer meanwhile.',
    left: (name) => `${name ?? 'The member of staff'} has left the chat — the chatbot answers again`,
    closed: 'The chat with the member of staff has ended. The chatbot answers again.',
  },
  de: {
    talk: 'Mit einer Mitarbeiterin oder einem Mitarbeiter sprechen',
    waitingTitle: 'Sie warten auf eine Mitarbeiterin oder einen Mitarbeiter',
    queue: (position, n) => (position <= 1 ? 'Sie sind als Nächste dran.' : `Sie sind Nummer ${n} in der Warteschlange.`),
    wait: (minutes, n) => (minutes <= 1 ? 'Es dauert etwa 1 Minute.' : `Es dauert etwa ${n} Minuten.`),
    meanwhile: 'In der Zwischenzeit können Sie weiter dem Chatbot schreiben.',
    stopWaiting: 'Nicht mehr warten',
    stopped: 'Sie warten nicht mehr. Der Chatbot antwortet Ihnen.',
    closedTitle: 'Gerade ist niemand da',
    opensAt: (when) => `Eine Mitarbeiterin oder ein Mitarbeiter kann wieder am ${when} antworten.`,
    opensLater: 'Jemand antwortet, sobald wir wieder geöffnet haben.',
    callbackIntro: 'Sollen wir Sie anrufen? Schreiben Sie Ihre Nummer, dann rufen wir an, wenn wir geöffnet haben.',
    phone: 'Ihre Telefonnummer',
    phoneHint: 'Zum Beispiel 12 34 56 78',
    time: 'Wann dürfen wir anrufen?',
    times: { morning: 'Vormittags', afternoon: 'Nachmittags', any: 'Egal wann' },
    consent: 'Ja, Sie dürfen mich anrufen, und eine Mitarbeiterin oder ein Mitarbeiter darf diesen Chat lesen.',
    message: 'Nachricht an das Personal (wenn Sie möchten)',
    submit: 'Rufen Sie mich an',
    fieldErrors: {
      phoneMissing: 'Schreiben Sie Ihre Telefonnummer.',
      phoneInvalid: 'Die Nummer sieht falsch aus. Schreiben Sie mindestens 8 Ziffern, zum Beispiel 12 34 56 78.',
      consentMissing: 'Setzen Sie ein Häkchen, wenn wir Sie anrufen dürfen.',
      timeMissing: 'Wählen Sie, wann wir anrufen dürfen.',
      messageInvalid: 'Die Nachricht konnte nicht gesendet werden. Kürzen Sie sie und versuchen Sie es noch einmal.',
    },
    callbackDone: 'Danke. Wir rufen Sie an, wenn wir geöffnet haben.',
    staffNow: (name) => `Sie schreiben jetzt mit ${name ?? 'einer Mitarbeiterin oder einem Mitarbeiter'}`,
    staffHint: 'Schreiben Sie Ihre Nachricht unten. Der Chatbot antwortet in der Zeit nicht.',
    left: (name) => `${name ?? 'Die Mitarbeiterin oder der Mitarbeiter'} hat den Chat verlassen — der Chatbot antwortet wieder`,
    closed: 'Der Chat mit dem Personal ist beendet. Der Chatbot antwortet wieder.',
  },
  ar: {
    talk: 'تحدّث مع موظف',
    waitingTitle: 'أنت تنتظر موظفًا',
    queue: (position, n) => (position <= 1 ? 'أنت التالي في الدور.' : `أنت رقم ${n} في الدور.`),
    // Arabic counts: 2 has its own form, 3 to 10 take the plural, 11 and more the singular.
    wait: (minutes, n) =>
      minutes <= 1 ? 'يستغرق ذلك دقيقة واحدة تقريبًا.' : minutes === 2 ? 'يستغرق ذلك دقيقتين تقريبًا.' : minutes <= 10 ? `يستغرق ذلك ${n} دقائق تقريبًا.` : `يستغرق ذلك ${n} دقيقة تقريبًا.`,
    meanwhile: 'في هذه الأثناء يمكنك أن تكتب إلى روبوت المحادثة.',
    stopWaiting: 'توقّف عن الانتظار',
    stopped: 'لم تعد تنتظر. روبوت المحادثة يجيبك.',
    closedTitle: 'لا يوجد موظفون الآن',
    opensAt: (when) => `يمكن لموظف أن يجيب مرة أخرى ${when}.`,
    opensLater: 'سيجيب موظف عندما نفتح من جديد.',
    callbackIntro: 'هل تريد أن نتصل بك؟ اكتب رقمك وسنتصل بك عندما نفتح.',
    phone: 'رقم هاتفك',
    phoneHint: 'مثلًا 12 34 56 78',
    time: 'متى يمكننا الاتصال؟',
    times: { morning: 'في الصباح', afternoon: 'بعد الظهر', any: 'في أي وقت' },
    consent: 'نعم، يمكنكم الاتصال بي، ويمكن لموظف أن يقرأ هذه المحادثة.',
    message: 'رسالة إلى الموظف (إن أردت)',
    submit: 'اتصلوا بي',
    fieldErrors: {
      phoneMissing: 'اكتب رقم هاتفك.',
      phoneInvalid: 'يبدو أن الرقم غير صحيح. اكتب 8 أرقام على الأقل، مثلًا 12 34 56 78.',
      consentMissing: 'ضع علامة في المربع إذا كان يمكننا الاتصال بك.',
      timeMissing: 'اختر متى يمكننا الاتصال.',
      messageInvalid: 'تعذّر إرسال الرسالة. اجعلها أقصر وحاول مرة أخرى.',
    },
    callbackDone: 'شكرًا. سنتصل بك عندما نفتح.',
    staffNow: (name) => `أنت تكتب الآن مع ${name ?? 'موظف'}`,
    staffHint: 'اكتب رسالتك في الأسفل. روبوت المحادثة لا يجيب في هذه الأثناء.',
    left: (name) => `${name ?? 'الموظف'} غادر المحادثة — روبوت المحادثة يجيب من جديد`,
    closed: 'انتهت المحادثة مع الموظف. روبوت المحادثة يجيب من جديد.',
  },
  uk: {
    talk: 'Поговорити з працівником',
    waitingTitle: 'Ви чекаєте на працівника',
    queue: (position, n) => (position <= 1 ? 'Ви наступні в черзі.' : `Ви номер ${n} у черзі.`),
    wait: (minutes, n) => (minutes <= 1 ? 'Це займе приблизно 1 хвилину.' : `Це займе приблизно ${n} хв.`),
    meanwhile: 'Тим часом ви можете писати чат-боту.',
    stopWaiting: 'Більше не чекати',
    stopped: 'Ви більше не чекаєте. Вам відповідає чат-бот.',
    closedTitle: 'Зараз немає працівників',
    opensAt: (when) => `Працівник зможе відповісти знову: ${when}.`,
    opensLater: 'Працівник відповість, коли ми знову відкриємося.',
    callbackIntro: 'Хочете, щоб вам зателефонували? Напишіть свій номер, і ми зателефонуємо, коли відкриємося.',
    phone: 'Ваш номер телефону',
    phoneHint: 'Наприклад, 12 34 56 78',
    time: 'Коли можна телефонувати?',
    times: { morning: 'Зранку', afternoon: 'Після обіду', any: 'Будь-коли' },
    consent: 'Так, мені можна зателефонувати, і працівник може прочитати цей чат.',
    message: 'Повідомлення для працівника (якщо хочете)',
    submit: 'Зателефонуйте мені',
    fieldErrors: {
      phoneMissing: 'Напишіть свій номер телефону.',
      phoneInvalid: 'Номер виглядає неправильно. Напишіть щонайменше 8 цифр, наприклад 12 34 56 78.',
      consentMissing: 'Поставте позначку, якщо нам можна вам зателефонувати.',
      timeMissing: 'Виберіть, коли можна телефонувати.',
      messageInvalid: 'Не вдалося надіслати повідомлення. Скоротіть його і спробуйте ще раз.',
    },
    callbackDone: 'Дякуємо. Ми зателефонуємо вам, коли відкриємося.',
    staffNow: (name) => `Ви зараз пишете з ${name ?? 'працівником'}`,
    staffHint: 'Напишіть своє повідомлення нижче. Чат-бот тим часом не відповідає.',
    left: (name) => `${name ?? 'Працівник'} вийшов із розмови — чат-бот знову відповідає`,
    closed: 'Розмову з працівником завершено. Чат-бот знову відповідає.',
  },
};
