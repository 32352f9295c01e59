// Adversarial tests per emergency class and language: the held-out set showed that the tables knew
// the tuned phrases but not the classes (stroke without the word "blodprop", heart attack without
// "pain", anaphylaxis without "allergic", an overdose said as "all my pills"). Each class has at
// least four wordings per language as lay people type them (no æøå, misspellings, SMS style),
// and practical questions that share its words.
import { describe, it, expect } from 'vitest';
import { detectEmergency, type EmergencyCategory } from './emergency.js';

type Language = 'da' | 'en' | 'de' | 'ar' | 'uk';
type ClassTable = Partial<Record<EmergencyCategory, Record<Language, readonly string[]>>>;

const POSITIVES: ClassTable = {
  stroke: {
    da: [
      'Min far er pludselig helt forvirret og snakker volapyk',
      'hun kan ikke finde ordene og hendes arm er slap',
      'mors ene arm er slap',
      'farmor kan ik løfte hendes venstre arm',
      'hans højre ben er pludselig følelsesløst',
      'min mand snøvler og den ene side af ansigtet hænger',
      'pludselig voldsom hovedpine og jeg kan ikke se noget',
      'han taler helt uforstaaeligt og er forvirret',
      'plutselig forvirret og armen hænger',
      'farfar kan ikke holde på koppen og hans mund hænger',
    ],
    en: [
      'my dad is suddenly confused and cant find his words',
      'her speech is all garbled',
      'he is talking gibberish and his arm is weak',
      'one side of his face has dropped',
      'my left arm went numb and i cant lift it',
      'worst headache of my life and now i cant see properly',
      'slured speach and confused',
      "mum can't move her right leg",
    ],
    de: [
      'Meine Mutter ist plötzlich verwirrt und findet keine Worte',
      'er redet wirres Zeug und ein Arm ist schlaff',
      'Opa lallt und kann den linken Arm nicht heben',
      'sein Gesicht hängt auf einer Seite',
      'plötzlich starke Kopfschmerzen und ich sehe nichts mehr',
      'ploetzlich ist ihr bein taub',
      'sie findet die Wörter nicht mehr',
    ],
    ar: [
      // My father suddenly became confused and can't find the words.
      'أبي فجأة صار مشوش وما يقدر يلاقي الكلمات',
      // My mother's left arm is weak and her speech is heavy.
      'ذراع أمي اليسرى ضعيفة وكلامها ثقيل',
      // His face is crooked and he can't move his hand.
      'وجهه مايل ومش قادر يحرك ايده',
      // His tongue is suddenly heavy.
      'لسانه ثقيل فجأة',
      // A sudden severe headache and I can't see any more.
      'صداع شديد فجأة وما عدت أشوف',
      // His right leg is paralysed.
      'رجله اليمين صارت مشلولة',
    ],
    uk: [
      'мама раптом розгублена і не може знайти слова',
      'у тата заплітається язик і рука не слухається',
      'в бабусі оніміла ліва рука',
      'раптом сильний головний біль і я нічого не бачу',
      'у деда онемела рука и он невнятно говорит',
      'обличчя перекосило на один бік',
    ],
  },
  cardiac: {
    da: [
      'min far har sån et tryk i brystet',
      'det strammer helt vildt i brystet',
      'smerterne stråler ud i armen og kæben',
      'brystet gør sindssygt ondt',
      'han har ont i brystkasen',
      'hun har koldsved og ondt i venstre arm',
    ],
    en: [
      'my chest is tight and the pain goes down my left arm',
      'pain spreading to my jaw and i feel sick and sweaty',
      'feels like an elephant sitting on my chest',
      'crushing pressure in my chest',
      'chest pian and sweating',
      'my chest feels heavy',
    ],
    de: [
      'Druck auf der Brust und kalter Schweiß',
      'Die Schmerzen strahlen in den linken Arm aus',
      'meine Brust ist ganz eng und mir ist übel',
      'brustschmertzen seit einer stunde',
      'es zieht bis in den Kiefer und die Brust tut weh',
    ],
    ar: [
      // Heaviness on my chest and a cold sweat.
      'عندي ثقل على صدري وعرق بارد',
      // My chest is squeezing me and the pain goes down my left arm.
      'صدري يعصرني والوجع نازل على ايدي اليسار',
      // Pain spreading to the jaw and the arm, with sweating.
      'ألم ينتشر إلى الفك والذراع مع تعرق',
      // Tightness in the chest and dizziness.
      'ضيق في الصدر ودوخة',
      'وجع بصدري قوي كتير',
    ],
    uk: [
      'важкість у грудях і холодний піт',
      'пече за грудиною',
      'біль віддає в щелепу і руку',
      'давит в груди и отдает в левую руку',
      'стискає груди, нудить і пітнію',
    ],
  },
  allergic: {
    da: [
      'han blev stukket af en hveps og nu hæver hans ansigt op',
      'halsen lukker sig efter jeg spiste nødder',
      'hendes læber er helt hævede',
      'tungen er hævet og tyk',
      'føles som om min hals lukker til',
      'min datter har spist jordnødder og hendes ansigt er opsvulmet',
      'efter rejerne hæver hendes øjne',
    ],
    en: [
      'my throat feels tight after eating shrimp',
      'her lips and tongue are swelling up',
      'stung by a bee and his face is swelling',
      'my sons face swelled up after eating peanuts',
      'throat closing up',
    ],
    de: [
      'Mein Hals wird eng nach dem Bienenstich',
      'Ihre Lippen schwellen an',
      'nach dem Essen von Nüssen ist sein Gesicht geschwollen',
      'die Zunge ist ganz dick',
      'Hals schnürt sich zu',
    ],
    ar: [
      // A wasp stung him and his throat is closing.
      'قرصته دبورة وحلقه عم يتسكر',
      // I ate nuts and my face swelled up.
      'أكلت مكسرات ووجهي انتفخ',
      // His lips are puffed up.
      'شفايفه منفوخة',
      // I feel my throat is closed after the medicine.
      'حاسس زوري مسكر بعد الدواء',
      // A bee stung me and my eyes are swollen.
      'لسعتني نحلة وعيوني وارمة',
    ],
    uk: [
      'після укусу бджоли набрякло обличчя',
      'горло стискає після горіхів',
      'губи й язик опухли',
      'после укуса осы распухло лицо',
      'вжалила бджола, тепер важко дихати',
    ],
  },
  poisoning: {
    da: [
      'jeg har taget alle mine sovepiller',
      'tog 30 piller for en time siden',
      'min søn har fået fat i min medicin',
      'har taget en masse sovepiler',
      'han har drukket afløbsrens',
      'jeg har lige drukket en flaske vodka og taget mine sovepiller',
    ],
    en: [
      'i took all my sleeping pills',
      'took a whole pack of paracetamol',
      'my toddler ate some of my pills',
      'she drank dishwasher liquid',
      'my son got into my meds',
      'took my whole prescription',
    ],
    de: [
      'hab 20 tabletten auf einmal genommen',
      'sie hat eine ganze Packung Paracetamol geschluckt',
      'mein Sohn hat Spülmaschinentabs gegessen',
      'Kind hat Knopfzelle verschluckt',
      'er hat alle seine Medikamente eingenommen',
    ],
    ar: [
      // I took all the pills I have.
      'أخذت كل الحبوب اللي عندي',
      // I swallowed a whole box of Panadol.
      'بلعت علبة بنادول كاملة',
      // My son ate pills from his grandmother's medicine.
      'ابني أكل حبوب من دواء جدته',
      // I took a whole strip of sleeping pills.
      'شربت شريط منوم كامل',
    ],
    uk: [
      'прийняв усі таблетки, що були',
      "дитина з'їла мамині таблетки",
      'ковтнула купу пігулок',
      'наглоталась таблеток',
      'выпила все снотворное',
    ],
  },
  suicide: {
    da: [
      'jeg orker ikke mere',
      'orker ikk mer',
      'jeg vil ikke være her mere',
      'jeg har ikke lyst til at leve længere',
      'jeg vil bare sove og aldrig vågne igen',
      'jeg vil tage livet af mig',
      'jeg har skrevet et afskedsbrev',
      'jeg kan ikke mere',
    ],
    en: [
      "I can't go on",
      'i cant go on anymore',
      'I want to end it',
      "I don't want to be here anymore",
      'gonna kms',
      'i cant do this anymore',
      'i just want it all to be over',
      "there's no point anymore",
      'I dont see the point in living',
    ],
    de: [
      'ich kann nicht mehr, alles hat keinen Sinn mehr',
      'ich halte das alles nicht mehr aus',
      'Ich will einfach nicht mehr aufwachen',
      'ich möchte allem ein Ende setzen',
      'ich will nich mehr lebn',
    ],
    ar: [
      // I don't want to live any more (Levantine).
      'ما عاد بدي عيش',
      // I'm tired of life.
      'تعبت من الحياة',
      // I want to be done with my life.
      'بدي خلص من حياتي',
      // I cannot go on.
      'لا أستطيع الاستمرار',
      // I'm fed up with my life.
      'مليت من حياتي',
    ],
    uk: [
      'я більше не можу',
      'втомилася жити',
      'хочу заснути і не прокинутися',
      'хочу покінчити з усім',
      'не могу больше так жить',
      'надоело жить',
    ],
  },
  breathing: {
    da: ['han hiver efter vejret', 'kan ik faa vejret', 'min baby gisper efter luft', 'hun kan næsten ikke trække vejret'],
    en: ['i can hardly breathe', 'he cant catch his breath', 'cant breth', 'she is barely breathing'],
    de: ['er bekommt kaum Luft', 'sie schnappt nach Luft', 'Atemnot', 'ich krieg keine luft mehr'],
    // He can't breathe; severe shortness of breath; his breath is cut off; he is choking.
    ar: ['ابني ما عم يقدر يتنفس', 'ضيق نفس شديد', 'نفسه مقطوع', 'بيختنق'],
    uk: ['ледве дихає', 'йому важко дихати', 'еле дышит', 'не можу вдихнути'],
  },
  unconscious: {
    da: ['han er besvimet og reagerer ikke', 'hun er faldet om', 'jeg kan ikke vække min far', 'bevistløs'],
    en: ['he passed out', "she fainted and won't wake up", 'hes out cold', 'colapsed on the floor'],
    de: ['Er ist ohnmächtig', 'sie wacht nicht auf', 'ist zusammengebrochen und reagiert nicht', 'bewustlos'],
    // She fainted and does not wake; unconscious; he fell and does not move; fainted.
    ar: ['أغمي عليها وما بتصحى', 'فاقد الوعي', 'وقع على الأرض وما يتحرك', 'مغمي عليه'],
    uk: ['втратила свідомість', 'знепритомнів і не реагує', 'не приходит в себя', 'без тями'],
  },
  bleeding: {
    da: ['det bløder helt vildt', 'blodet fosser ud', 'det stopper ikke med at bløde fra armen', 'bloder voldsomt'],
    en: ['bleeding a lot from his head', 'so much blood', 'cant stop the bleeding', 'blood is pouring out'],
    de: ['er blutet sehr stark', 'die Blutung hört nicht auf', 'es hört nicht auf zu bluten', 'überall Blut'],
    // Bleeding a lot; heavy bleeding from his head; the blood does not stop; bleeding and won't stop.
    ar: ['ينزف كثير', 'نزيف قوي من راسه', 'الدم ما عم يوقف', 'عم ينزف وما بيوقف'],
    uk: ['кров не зупиняється', 'дуже кровить рана', 'сильное кровотечение', 'кровь не останавливается'],
  },
  seizure: {
    da: ['han har et krampeanfald', 'krampeanfal', 'hun har kramper i hele kroppen', 'skum ud af munden og rykker i hele kroppen'],
    en: ['shes having a fit', 'he is fitting', 'convulsing', 'foaming at the mouth', 'seisure'],
    de: ['Krampfanfall', 'er krampft am ganzen Körper', 'epileptischer Anfall', 'Schaum vor dem Mund'],
    // Epileptic fit; my son is convulsing; convulsions and not answering; foam came out of his mouth.
    ar: ['عنده نوبة صرع', 'ابني عم يتشنج', 'تشنجات وما يرد', 'طلعت رغوة من فمه'],
    uk: ['у сина судоми', 'епілептичний напад', 'піна з рота', 'у него припадок'],
  },
};

// An overdose said together with a wish to die must raise both: the suicide line is on the card
// only when 'suicide' is a category.
const OVERDOSE_WITH_SUICIDE: Record<Language, string> = {
  da: 'jeg har slugt alle mine piller, jeg orker ikke mere',
  en: "took all my painkillers, I can't go on",
  de: 'Ich habe eine ganze Packung Schlaftabletten genommen, ich will nicht mehr leben',
  ar: 'أخذت كل حبوب المنوم وبدي موت',
  uk: 'я випила всі таблетки, більше не можу',
};

// Practical questions that share words with a class. Decisions are noted where they were close.
const NEGATIVES: Partial<Record<EmergencyCategory | 'after-anaesthetic numbness' | 'practical limits', readonly string[]>> = {
  stroke: [
    'Jeg er lidt forvirret over hvor jeg skal parkere',
    'Jeg kan ikke finde ord for hvor glad jeg er for personalet',
    'Hvornår må jeg løfte armen efter skulderoperationen?',
    'Jeg har hovedpine, kan jeg stadig komme til min tid?',
    "I'm confused about the parking rules",
    "I can't find the words to thank the nurses",
    'Ich bin verwirrt wegen der Parkregeln',
    'Ich finde keine Worte für die tolle Pflege',
    'Wo ist die neurologische Abteilung?',
    'أنا محتار وين أصف السيارة',
    'Я заплутався, де вхід?',
  ],
  cardiac: [
    'Hvor er hjerteafdelingen?',
    'Jeg har ondt i armen efter blodprøven',
    'Where is the cardiology department?',
    'I have a chest infection, can I still come to my appointment?',
    'I am going to the back entrance, is it open?',
    'Wo ist die Kardiologie?',
    'Es zieht im Rücken, wenn ich lange sitze. Wo ist die Physiotherapie?',
    'أين قسم أمراض القلب؟',
    'هل قياس الضغط مجاني؟',
    'Де кардіологічне відділення?',
  ],
  allergic: [
    'Hvad gør jeg, hvis jeg bliver stukket af en hveps i haven?',
    'Må jeg have nødder med til min mor?',
    'Jeg er allergisk over for nødder, kan kantinen tage hensyn?',
    'Min ankel er hævet efter operationen, hvem ringer jeg til?',
    'Can I bring peanuts for my dad?',
    'I have swollen glands in my throat, can I still have the scan?',
    'Darf ich Nüsse mitbringen?',
    'Was tun bei einem Wespenstich?',
    'هل يمكنني إحضار مكسرات لأمي؟',
    'بعد الأكل بطني منتفخ، هل أحتاج موعد؟',
    'Чи можна принести горіхи в палату?',
  ],
  // Decision: a quantity is enough to fire, so "Jeg har taget alle mine piller i morges" shows the
  // card (a nuisance); "Jeg har taget mine piller i morges" does not.
  poisoning: [
    'Hvor ligger apoteket, jeg skal hente mine sovepiller?',
    'Må jeg tage mine piller før operationen?',
    'Skal jeg tage alle mine piller med til indlæggelsen?',
    'Jeg har taget mine piller i morges, må jeg stadig komme til scanning?',
    'Jeg har taget en panodil, må jeg køre bil?',
    'Hvor kan jeg få fat i min medicin efter udskrivelsen?',
    'Where can I pick up my sleeping pills?',
    'Should I bring all my medicine to the ward?',
    'I ate before taking my pills, is that ok?',
    'Muss ich alle meine Medikamente mitbringen?',
    'هل آخذ حبوبي قبل العملية؟',
    'هل آخذ كل أدويتي معي إلى المستشفى؟',
    'Чи можна прийняти таблетки перед операцією?',
    'Де аптека? Мені треба забрати снодійне.',
  ],
  suicide: [
    'Jeg orker ikke mere at vente i telefonkøen, kan I ringe mig op?',
    'Jeg kan ikke mere end gå 100 meter, kan jeg få kørsel?',
    "I can't go on Tuesday, can I move my appointment?",
    "I can't go on the bus with my wheelchair",
    "I don't want to wake my husband, can I call later?",
    'Ich kann nicht mehr so lange stehen, gibt es Rollstühle?',
    'Ich will nicht mehr warten, wann komme ich dran?',
    'لا أستطيع الانتظار أكثر، متى دوري؟',
    'ما بقدر كمل الاستمارة على الموقع',
    'Я більше не можу чекати, коли прийом?',
    'Я боюся не прокинутися після наркозу',
  ],
  // Exclusions found by probing with more practical questions.
  'after-anaesthetic numbness': [
    'Mit ben er følelsesløst efter rygmarvsbedøvelsen, hvornår går det over?',
    'My leg is still numb from the epidural, is that normal?',
    'Mein Arm ist nach der Betäubung noch taub, ist das normal?',
    'Рука трохи оніміла після крапельниці, це нормально?',
    'my arm went numb after the injection, is that normal?',
  ],
  'practical limits': [
    'Vi orker ikke mere ventetid, hvornår får vi svar?',
    'Må jeg drikke alkohol når jeg har taget mine piller?',
    'There is no point anymore in coming if the scan is cancelled',
    'Ich kann nicht mehr als 100 Meter gehen, gibt es einen Rollstuhl?',
    "I can't go on the 12th, can I rebook?",
    'Не можу знайти слова подяки лікарям',
    'Чи можна прийняти всі таблетки зранку?',
    'My daughter found her medicine in the bag, can she take it?',
    // Exclusions never reach across a comma, so "Skal jeg have tøj på, som ikke strammer …" shows the card.
    'Skal jeg have tøj på der ikke strammer om brystet?',
    // My son can't speak Arabic well, is there an interpreter?
    'ابني ما يقدر يحكي عربي منيح، هل في مترجم؟',
    'Min far har demens og kan ikke finde ordene, må jeg være med til samtalen?',
    'Does the pain usually spread to the back after a kidney stone?',
  ],
  unconscious: ['Der Aufzug reagiert nicht', 'The elevator is not responding, how do I get to floor 3?', 'Elevatoren reagerer ikke'],
  seizure: ['Jeg får kramper i benene om natten', 'I have a cramp in my leg after the walk'],
  bleeding: ['Hvornår stopper blødningen efter en blodprøve normalt?'],
};

// The exclusions above are narrow: the same words with the emergency still there must fire.
const STILL_FIRES: readonly (readonly [string, EmergencyCategory])[] = [
  ['jeg orker ikke mere, jeg vil ikke leve', 'suicide'],
  ['jeg orker ikke mere at leve', 'suicide'],
  ["I can't go on the way things are", 'suicide'],
  ['i cant go on like this', 'suicide'],
  ['ich kann nicht mehr, ich will sterben', 'suicide'],
  ['Ich kann nicht mehr so leben', 'suicide'],
  ['я більше не можу, не хочу жити', 'suicide'],
  ['Min far kan pludselig ikke bevæge armen efter han vågnede', 'stroke'],
  ['Jeg har tryk for brystet, og min BH strammer ikke', 'cardiac'],
  ['my son found my pills and ate them', 'poisoning'],
  ['Min far har demens, men nu kan han pludselig ikke finde ordene og armen er slap', 'stroke'],
  // My son suddenly can't speak.
  ['ابني فجأة ما يقدر يحكي', 'stroke'],
  ['chest pain going through to my back', 'cardiac'],
];

const LANGUAGES: readonly Language[] = ['da', 'en', 'de', 'ar', 'uk'];

const positiveCases = Object.entries(POSITIVES).flatMap(([category, byLanguage]) =>
  LANGUAGES.flatMap((language) => (byLanguage?.[language] ?? []).map((text) => [category as EmergencyCategory, language, text] as const)),
);

describe('detectEmergency: every class in every language', () => {
  it('has at least four wordings per class and language', () => {
    for (const byLanguage of Object.values(POSITIVES)) {
      for (const language of LANGUAGES) expect(byLanguage?.[language]?.length ?? 0).toBeGreaterThanOrEqual(4);
    }
  });

  it.each(positiveCases)('%s [%s]: %s', (category, _language, text) => {
    expect(detectEmergency(text).categories).toContain(category);
  });

  it.each(LANGUAGES)('%s: an overdose with a wish to die raises poisoning and suicide', (language) => {
    const { categories } = detectEmergency(OVERDOSE_WITH_SUICIDE[language]);
    expect(categories).toContain('poisoning');
    expect(categories).toContain('suicide');
  });
});

describe('detectEmergency: exclusions stay narrow', () => {
  it.each(STILL_FIRES)('%s → %s', (text, category) => {
    expect(detectEmergency(text).categories).toContain(category);
  });
});

describe('detectEmergency: practical questions that share a class’s words', () => {
  const cases = Object.entries(NEGATIVES).flatMap(([category, texts]) => (texts ?? []).map((text) => [category, text] as const));
  it.each(cases)('%s: %s', (_category, text) => {
    expect(detectEmergency(text)).toEqual({ emergency: false, categories: [], matched: [] });
  });
});
