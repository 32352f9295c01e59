// Emergency pre-check: runs on the raw citizen message before any search or model call, so it
// must be deterministic, dependency-free and impossible to talk out of a decision. Nothing in the
// message is ever treated as an instruction; the only way a phrase is suppressed is a fixed,
// narrow exclusion (e.g. "stroke unit") that covers that exact occurrence and nothing else.
//
// Cost asymmetry: a card shown for a practical question is a nuisance; a card missing for an
// emergency can cost a life. When a pattern choice is borderline we let it fire, and negation
// ("ikke selvmord, men ...") never suppresses.
//
// Past events: "min far havde et hjerteanfald sidste år, hvor parkerer jeg?" is history, not an
// emergency. One narrow rule suppresses such an occurrence, and only when all of these hold in
// the same clause: a past-tense verb sits just before the phrase ("havde", "had", "hatte",
// "أصيب", "переніс"; at most five words before it, with no present-tense verb such as "har" in
// between: "havde … sidste år og har ondt i brystet" fires), a historical time is named ("sidste år",
// "for 3 år siden", "last year", "in 2019", "vor zwei Jahren", "قبل سنتين", "минулого року";
// months and years only, never hours or days: chest pain "for 2 dage siden" still fires), and
// nothing in the clause says now ("nu", "now", "jetzt", "i dag", "suddenly"). Suicide is never
// suppressed: a past attempt is itself a reason to show the suicide line. Anything in another
// clause, or any present-tense phrase, fires as before.

import { PatternSet, clauseIds, findSpans, normaliseForMatching, type Span } from './phrase-matcher.js';

export { normaliseForMatching };

export type EmergencyCategory =
  | 'cardiac'
  | 'stroke'
  | 'breathing'
  | 'bleeding'
  | 'unconscious'
  | 'poisoning'
  | 'suicide'
  | 'seizure'
  | 'allergic'
  | 'meningitis'
  | 'burn'
  | 'head-injury';

export interface EmergencyDetection {
  emergency: boolean;
  categories: EmergencyCategory[];
  /** Canonical (normalised) pattern phrases that fired. Never user text, so safe to log. */
  matched: string[];
}

// Stable order so that cards and logs do not depend on which phrase happened to match first.
const CATEGORY_ORDER: readonly EmergencyCategory[] = [
  'cardiac',
  'stroke',
  'breathing',
  'bleeding',
  'unconscious',
  'poisoning',
  'suicide',
  'seizure',
  'allergic',
  'meningitis',
  'burn',
  'head-injury',
];

/*
 * Phrases use the pattern mini-language described in phrase-matcher.ts.
 * Every language table is applied to every message: citizens mix languages, and language
 * detection on a three-word panic message is unreliable.
 */
type PhraseTable = Partial<Record<EmergencyCategory, readonly string[]>>;

const DA: PhraseTable = {
  cardiac: [
    'ondt|ont|smerter|smerte|smerten|smerterne|smertefuldt|jagende|stikkende|brændende i|for|bag bryst|brystet|brystkassen|brystkasse|brystbenet',
    '[gap=1] trykken|trykker|trykkende|knugende|klemmen|klemmer|snøren|spænding i|for|på bryst|brystet|brystkassen',
    'brystsmerte*',
    'brystsmerter',
    'hjertestop*',
    'hjerteanfald*',
    'hjertetilfælde*',
    'hjerteinfarkt*',
    'blodprop i|på hjertet',
    'hjertet stoppet|stoppede|stopper',
    'hjertet står|holdt stille|op',
    '[gap=1] ingen|mærke|finde puls|pulsen',
    'giver|giv|gav|laver|starter|startet|begyndt hjertemassage|genoplivning',
  ],
  breathing: [
    'kan|ka|kunne ikke|ikk|ik få|trække vejret|luft|vejr',
    'får|fik ikke vejret|luft',
    'trækker|trak ikke vejret|vejr',
    'holdt|holder|stoppet|stopper|stoppede op|med at trække vejret',
    'åndenød',
    'åndedrætsbesvær',
    'vejrtrækningsbesvær',
    'svært|besvær|problemer ved|med at trække|få vejret|luft',
    'gisper|gispe|gisper|snapper efter vejret|luft',
    'blå|blålig|blålige|blåt i|om ansigtet|læberne|munden',
    '[gap=0] blå|blålige læber',
    'ved at blive kvalt',
    '=kvæles|=kvæler|=kvælning|=kvælningsfornemmelse',
    'kvælningsanfald',
    'sidder fast i halsen|luftrøret|svælget',
  ],
  unconscious: [
    // "han svarer ikke, når jeg taler til ham": not a phone line that does not answer.
    '[gap=3] svarer|svarede ikke taler|råber|kalder|rusker|snakker',
    'bevidstløs*',
    'bevidstløs',
    'mistet|mister|miste bevidstheden',
    'ikke ved bevidsthed',
    'uden bevidsthed',
    '[gap=1] vågner ikke',
    'kan ikke vække|vække',
    'kan ikke få liv i',
    'reagerer ikke',
    '[gap=0] faldet|falder|faldt|segnet|segner om',
    'livløs*',
    'kommer ikke til sig selv|bevidsthed',
    'besvimet|besvimede og vågner ikke',
  ],
  stroke: [
    'skæv|skævt|skæve i|på ansigtet|munden|mundvigen|ansigt',
    'ansigtet|ansigt|munden|mund|mundvigen|mundvig hænger|skæv|skævt|slapt',
    '[gap=1] hængende|slap|slappe mundvig|mundvigen|ansigt|ansigtshalvdel',
    'kan ikke løfte|bevæge armen|arm|armene',
    'taler|snakker sløret|utydeligt|uklart|sludrende|usammenhængende',
    '[gap=0] sløret|utydelig tale',
    '=snøvler|=snøvlet|=snøvle',
    'blodprop i|på hjernen|hovedet',
    'hjerneblødning*',
    'hjerneinfarkt*',
    'slagtilfælde*',
    'apopleksi',
    'lammet|lam|lammelse|følelsesløs|føleløs i|på|af ene|venstre|højre side|halvdel|kropshalvdel',
  ],
  bleeding: [
    '[gap=1] bløder|blødte|bløde voldsomt|kraftigt|meget|voldsom|vildt|slemt|massivt|kraftig',
    '[gap=1] voldsom|voldsomme|kraftig|kraftige|massiv|massive|stor|store blødning|blødninger|blodtab',
    'stopper|holder ikke med at bløde',
    'vil|kan ikke stoppe|standse|holde med at bløde',
    'ikke op med at bløde',
    'kan|kunne ikke stoppe|standse blødningen',
    'blødningen stopper|standser|vil|kan ikke',
    '[gap=1] sprøjter|fosser|vælter blod',
    '[gap=1] blod|blodet sprøjter|fosser|vælter|pumper',
    '[gap=1] kaster|kastede|brækker|brækkede|hoster|hostede blod',
  ],
  poisoning: [
    '=slugt|=slugte',
    'overdosis',
    'overdosis*',
    'forgift*',
    'drukket|drak|drikker|spist|spiste|indtaget|slikket klorin|klor|rensemiddel|rengøringsmiddel|opvaskemiddel|afløbsrens|lampeolie|benzin|gift|rottegift|ukrudtsmiddel|ætsende|vaskemiddel|opvasketabs|maskinopvask',
    'for mange piller|tabletter|pillerne|sovepiller|panodiler|pamoler|smertestillende',
    '[gap=3] hel|hele|helt glas|glasset|pakke|pakken|æske|æsken|pakning|pakningen piller|pillerne|tabletter|tabletterne|sovepiller|sovepillerne|panodil|panodiler|pamol|pamoler|smertestillende|medicin|medicinen',
    // People take pills; a child who has eaten or swallowed them is poisoned.
    '[gap=4] =spist|=spiste|=slugt|=slugte piller|pillerne|tabletter|tabletterne|sovepiller|sovepillerne|panodil|panodiler|pamol|pamoler|smertestillende|medicin|medicinen',
    'kulilte*',
  ],
  suicide: [
    'afskedsbrev*',
    '[gap=1] skrevet|skrev et brev til farvel',
    'selvmord*',
    'selvmord',
    'suicid*',
    'tage|tager|taget mit|sit|dit liv',
    'vil|orker|kan|gider ikke leve',
    'ikke lyst leve',
    'vil|ønsker|lyst dø',
    'slå|slår mig|sig|dig ihjel',
    'gøre|gør ende det|livet|mit|alt',
    'gøre|gjort det af med mig|sig',
    '[gap=1] skade|skader|skære|skærer|cutte|cutter mig selv',
    'selvskade*',
    'hænge mig',
    'livstræt*',
    'bedre uden mig',
    'ingen grund til at leve',
    'ende|afslutte|afslutter mit|sit liv|livet',
  ],
  seizure: [
    'krampeanfald*',
    'krampeanfald',
    'feberkramper|feberkrampe',
    '[gap=0] epileptisk|epileptiske anfald',
    'epilepsianfald*',
    'kramper|krampe|krampetrækninger hele kroppen',
    'krampetrækning*',
    'kramper|krampe|krampede og vågner|reagerer ikke',
    'rykker|rykninger i hele kroppen',
  ],
  allergic: [
    '[gap=1] hævet|hæver|hævelse|hævede|opsvulmet|svulmer i|om halsen|svælget|tungen',
    'halsen|tungen|svælget hæver|hævet|hævede|svulmer|snører',
    'allergisk|allergiske chok',
    'anafylak*',
    'anafylaksi',
    '[gap=1] voldsom|kraftig|alvorlig|svær allergisk reaktion',
    'brugt|givet|taget|bruge|brug|stukket epipen*|adrenalinpen*',
    'quincke*',
  ],
};

const EN: PhraseTable = {
  cardiac: [
    'chest pain|pains|ache|aches|hurts|hurting|pressure|tightness|tight|squeezing|crushing',
    '[gap=1] crushing|tight|heavy chest',
    'pain|pains|ache|pressure|tightness|hurts|hurting|squeezing|crushing in|on|across chest',
    'heart attack|attacks',
    'cardiac arrest',
    'heart stopped|has stopped|stopping',
    '[gap=0] no pulse',
    'doing|giving|started|start cpr|compressions',
  ],
  breathing: [
    'cant|cannot|couldnt breathe|breath|breathing',
    'can not breathe|breath',
    'unable to breathe',
    'not|isnt|wasnt|aint|stopped breathing',
    'struggling|fighting to breathe',
    'hard|difficult|trouble|difficulty|problems breathing|to breathe',
    'short|shortness of breath',
    'gasping for air|breath',
    'choking',
    'choked on',
    'turning|turned blue',
    'lips|face are|is|turning blue',
    'blue lips',
    'cant get air',
    'suffocating',
  ],
  unconscious: [
    'unconscious',
    'passed out',
    'wont|cant|doesnt|not|isnt wake|waking|woken',
    'unresponsive',
    'not responding|responsive',
    'collapsed',
    'lost consciousness',
    'lifeless',
  ],
  stroke: [
    '=stroke|=strokes',
    'face drooping|droop|droops|drooped|droopy|sagging|saggy',
    '[gap=0] drooping|droopy|saggy|sagging face|mouth|smile',
    'mouth drooping|droops',
    'slurred|slurring speech|words|talk|talking',
    'speech is slurred|slurring',
    '=slurring',
    'cant|cannot|couldnt lift|raise arm',
    'numb|paralysed|paralyzed|weak on one side',
    'brain bleed|haemorrhage|hemorrhage|bleeding',
    'blood clot in brain',
    'bleeding in brain',
  ],
  bleeding: [
    'bleeding|bleeds|bleed heavily|badly|profusely|severely|everywhere|nonstop|uncontrollably|alot|lots',
    '[gap=4] bleeding|bleeds wont|cant|doesnt|isnt|not|won stop|stopping',
    '[gap=1] bleeding lot',
    '[gap=1] heavy|severe|massive|uncontrolled|uncontrollable|profuse bleeding|haemorrhage|hemorrhage',
    'wont|cant|doesnt|not stop bleeding',
    'bleeding wont|doesnt|not|isnt stop|stopping',
    'lots|lot of blood',
    '[gap=1] losing|lost lot|lots|much|so blood',
    '[gap=1] vomiting|throwing|coughing|puking|spitting blood',
    '[gap=1] spurting|gushing|pouring blood',
    '[gap=1] blood spurting|gushing|pouring|everywhere',
  ],
  poisoning: [
    '=overdos*',
    'overdose',
    'swallowed',
    'poisoned',
    'poisoning',
    'drank|drunk|ate|eaten|swallowed bleach|poison|detergent|cleaner|cleaning|antifreeze|chemicals|lye|batteries|battery|magnets|magnet|rat|weedkiller',
    'too many pills|tablets|paracetamol|painkillers|sleeping',
    '[gap=1] whole|entire|full bottle|box|packet|pack|jar|strip pills|tablets|paracetamol|painkillers|medicine|meds|sleeping|pill',
    'carbon monoxide',
  ],
  suicide: [
    'suicide note',
    'goodbye|farewell letter|note|message',
    'suicid*',
    'suicide',
    'kill|killing|kil myself',
    'end|ending|take|taking my life',
    'end it all',
    'want|wanna|wish|ready die',
    'dont|not|no want live|alive|exist',
    'no reason|point live|living',
    'better off dead',
    'better off without me',
    '[gap=1] harm|harming|cutting myself',
    'want|wanna|going|gonna|urge hurt|cut myself',
    'self harm|harming|harmed',
    'selfharm*',
    'hang myself',
  ],
  seizure: [
    'seizure*',
    'seizure',
    '=seizing',
    '=convuls*',
    '[gap=1] having|had fit',
    '[gap=0] epileptic fit|attack|seizure',
  ],
  allergic: [
    'anaphyla*',
    'anaphylaxis',
    'allergic shock',
    'throat swelling|swollen|swells|closing|tightening',
    '[gap=1] swollen|swelling throat|tongue',
    'tongue swelling|swollen|swells',
    'severe allergic reaction',
    'used|using|gave|give|needed epipen|epi',
  ],
};

const DE: PhraseTable = {
  cardiac: [
    'brustschmerz*',
    'brustschmerzen',
    'schmerzen|schmerz|stechen|druck|druckgefühl|engegefühl|enge|brennen|ziehen in|auf brust|brustkorb',
    '[gap=1] brust|brustkorb tut|schmerzt|schmerzen|brennt|sticht',
    'herzinfarkt*',
    'herzinfarkt',
    'herzanfall*',
    'herzstillstand*',
    '[gap=1] kein|keinen puls|pulsschlag',
    'herz hat|steht|bleibt aufgehört|still|stehen',
    'mache|machen|macht|gebe|beginne herzdruckmassage|wiederbelebung',
  ],
  breathing: [
    '[gap=1] keine|kaum luft',
    'kann|konnte|können|kann nicht|kaum atmen',
    '[gap=1] atmet|atme nicht|kaum',
    'atemnot',
    'atemstillstand',
    'ringt|ringe nach luft|atem',
    'erstick*',
    '[gap=0] blaue lippen',
    'blau im gesicht',
  ],
  unconscious: [
    'bewusstlos*',
    'bewusstlos',
    'bewusstsein verloren',
    'verliert|verlor bewusstsein',
    'wacht nicht auf',
    'wird nicht wach',
    'nicht ansprechbar',
    'reagiert nicht',
    'zusammengebrochen',
    'kollabiert',
    'leblos',
  ],
  stroke: [
    'schlaganfall*',
    'schlaganfall',
    'hirninfarkt',
    'hirnblutung',
    'gehirnblutung',
    'hirnschlag',
    'apoplex*',
    '[gap=0] hängender|hängende|hängenden mundwinkel|gesichtshälfte',
    'mundwinkel|gesicht|gesichtshälfte hängt|hängen|schief|verzogen',
    '[gap=0] schiefes|verzogenes gesicht',
    '[gap=1] spricht|redet|sprechen verwaschen|undeutlich|lallend',
    '[gap=0] verwaschene|undeutliche|lallende sprache|aussprache',
    'arm nicht heben|hochheben',
    'halbseitig gelähmt|lähmung',
    'gelähmt auf einer seite',
    'blutgerinnsel im gehirn|kopf|hirn',
  ],
  bleeding: [
    '[gap=1] blutet|bluten|blutete stark|heftig|extrem|massiv|ununterbrochen',
    '[gap=1] starke|starker|starken|heftige|heftiger|massive|massiver|unstillbare blutung|blutungen|blutverlust',
    'hört nicht auf zu bluten',
    'blutung hört|stoppt nicht',
    '[gap=1] viel blut verloren',
    '[gap=1] erbricht|erbreche|spuckt|hustet|kotzt blut',
    '[gap=0] blut erbrechen|spucken|husten',
  ],
  poisoning: [
    'vergift*',
    'vergiftung',
    'überdos*',
    'überdosis',
    'verschluckt',
    'bleiche|putzmittel|reiniger|chlor|gift|batterie|batterien|abflussreiniger|spülmittel|waschmittel|rattengift geschluckt|getrunken|gegessen',
    'zu viele tabletten|pillen|medikamente|schlaftabletten',
    '[gap=2] tabletten|pillen|medikamente|schlaftabletten|schmerztabletten geschluckt|gegessen',
    '[gap=1] ganze|ganzen packung|schachtel|flasche|dose tabletten|pillen|schlaftabletten|medikamente',
    'kohlenmonoxid*',
  ],
  suicide: [
    'abschiedsbrief*',
    'selbstmord*',
    'selbstmord',
    'suizid*',
    'mich|sich umbringen|töten',
    '[gap=1] bringe|bringt|bring|bringen mich|sich um',
    'mir|sich das leben nehmen',
    '[gap=1] nicht mehr leben',
    'will|möchte|wollte sterben',
    'mein leben beenden',
    'lebensmüde',
    '[gap=1] mir etwas|was antun',
    '[gap=1] mich verletzen|ritzen',
    'ritze mich',
  ],
  seizure: [
    'krampfanfall*',
    'krampfanfall',
    'krampfanfälle',
    '[gap=0] epileptischer|epileptischen|epileptische anfall|anfälle',
    'fieberkrampf*',
    'krampft|zuckt|krampfen|zucken ganzen körper',
  ],
  allergic: [
    'allergischer|allergischen schock',
    'anaphylak*',
    'anaphylaxie',
    'hals|rachen|zunge|kehle schwillt|schwellt|geschwollen|schnürt',
    '[gap=0] geschwollene|geschwollener|geschwollenen zunge|hals|rachen|kehle',
    'quincke*',
    'epipen|adrenalinpen benutzt|gegeben|gespritzt',
  ],
};

// Arabic: clitics (ال, ب, ل, و) glue onto words, so key nouns use *contains*; fuzzy matching is
// off for Arabic script because one letter separates unrelated words (انتحار / انتظار).
const AR: PhraseTable = {
  cardiac: [
    'ألم|الم|الألم|آلام|الام|وجع|أوجاع|اوجاع|الوجع *صدر*',
    '[gap=1] *صدر*|*قلب* يؤلمني|يوجعني|توجعني|تؤلمني|يولمني|بيوجعني',
    '[gap=1] أزمة|ازمه|نوبة|نوبه|جلطة|جلطه|سكتة|سكته *قلب*',
    '[gap=0] ذبحة|ذبحه صدرية|صدريه',
    '[gap=1] توقف|وقف|توقفت *قلب*',
    '[gap=1] *قلب* توقف|وقف',
    'لا|ما|ليس|بدون|مافي|مفيش|مافيه|ماكو *نبض*',
  ],
  breathing: [
    '[gap=1] لا|ما|مش|مو|ماقدر|مقدرش أستطيع|استطيع|أقدر|اقدر|قادر|قادرة|قادره|بقدر|يقدر|تقدر|يستطيع|تستطيع|عم|عمبقدر *تنفس*',
    '[gap=1] لا|ما|مش|مو =يتنفس|=تتنفس|=اتنفس|=بيتنفس|=بتتنفس|=يتنفسش',
    '[gap=1] ضيق|صعوبة|صعوبه *تنفس* شديد|شديدة|شديده|حاد|جدا',
    '[gap=1] ضيق|صعوبة|صعوبه شديد|شديدة|شديده|حاد *تنفس*',
    '=اختناق|=يختنق|=تختنق|=أختنق|=اختنق|=مختنق',
    '[gap=1] توقف|توقفت|وقف *تنفس*',
  ],
  unconscious: [
    '[gap=1] فاقد|فاقدة|فاقده|فقد|فقدت|فقدان|غائب|غايب *وعي*',
    '[gap=0] مغمى|مغمي|أغمي|اغمي|أغمى|اغمى عليه|عليها|عليا|علي',
    '[gap=1] لا|ما|مش يستجيب|تستجيب|يصحى|تصحى|يستيقظ|تستيقظ|يفيق|تفيق|بيصحى|بتصحى',
  ],
  stroke: [
    '[gap=1] جلطة|جلطه|سكتة|سكته|بجلطة|بجلطه|بسكتة|بسكته *دماغ*',
    'جلطة|جلطه|نزيف المخ|بالمخ|مخ|مخه|مخها',
    '[gap=1] نزيف *دماغ*',
    '[gap=1] *وجه* مائل|مايل|معوج|ملتوي|متدلي|مرتخي',
    '[gap=1] ميلان|ارتخاء|تدلي|اعوجاج *وجه*|الفم|فمه|فمها|فم',
    'كلامه|كلامها|الكلام|كلام|نطقه غير|مش|مو واضح|مفهوم',
    '[gap=1] كلامه|كلامها|كلام|نطقه ثقيل|متلعثم|متداخل|مشوش',
    '[gap=1] لا|ما|مش يستطيع|يقدر|تستطيع|تقدر|قادر|قادره رفع|يرفع|ترفع *ذراع*|يده|يدها|ايده|ايدها',
    'شلل|خدر|تنميل نصف|جانب|الجانب|الجهه|جهه',
  ],
  bleeding: [
    '[gap=1] *نزيف*|*نزف* شديد|شديده|حاد|حاده|قوي|غزير|غزيره|كثير|كثيرا|كتير|بشده|بغزاره|بقوه|جامد|مستمر',
    '[gap=1] *نزيف*|*نزف* لا|ما|مش يتوقف|يقف|بيوقف|يوقف|توقف',
    '[gap=1] يتقيأ|يتقيا|تتقيأ|تتقيا|استفرغ|يستفرغ|تستفرغ|يرجع|ترجع|يسعل|تسعل|يكح|تكح|يبصق|يبصق دم|دما|الدم|دماء|بالدم',
  ],
  poisoning: [
    '*تسمم*',
    '=مسموم|=مسمومه|=مسمومة',
    '=ابتلع|=ابتلعت|=ابتلعه|=ابتلعها|=ابتلعوا|=بلعت',
    '[gap=0] جرعة|جرعه زائدة|زائده|زايده|مفرطة|مفرطه',
    'شرب|شربت|أكل|اكل|أكلت|اكلت كلور|الكلور|كلوركس|مبيض|المبيض|منظف|منظفات|سم|السم|مبيد|مبيدات|الفلاش',
    '[gap=2] أخذ|اخذ|أخذت|اخذت|بلع|شرب|شربت حبوب|الحبوب|ادويه|الادويه|أدوية|الأدوية|دواء كثير|كثيرة|كثيره|كتير',
  ],
  suicide: [
    '[gap=0] رسالة|رساله|الرسالة وداع|الوداع|وداعية',
    '[gap=1] لم|ما أعد|عدت أستطيع|اقدر|أقدر الاستمرار|أستمر|اكمل|أكمل',
    '*انتحار*',
    '=انتحر|=أنتحر|=ينتحر|=تنتحر|=سأنتحر|=سانتحر|=سينتحر|=ستنتحر|=بنتحر|=منتحر|=منتحره|=منتحرة|=هنتحر|=حنتحر|=انتحرت',
    '[gap=1] أقتل|اقتل|يقتل|تقتل|قتل|سأقتل|ساقتل نفسي|نفسه|نفسها|حالي|حاله|روحي',
    'أنهي|انهي|سأنهي|سانهي|إنهاء|انهاء|ينهي|تنهي حياتي|حياته|حياتها|عمري',
    '[gap=1] لا|ما|مش|مو أريد|اريد|بدي|ابغى|ابغي|ابي|عايز|عاوز|عاوزه|أرغب|ارغب أعيش|اعيش|العيش|الحياة|الحياه|أحيا|احيا|عايش',
    '[gap=1] أريد|اريد|بدي|ابغى|ابغي|عايز|عاوز|أتمنى|اتمنى|نفسي أموت|اموت|الموت|موت',
    '[gap=1] أؤذي|أوذي|اوذي|أذيت|اذيت|أجرح|اجرح نفسي|حالي',
  ],
  seizure: [
    '*تشنج*',
    '[gap=1] نوبة|نوبه صرع|الصرع|صرعيه|صرعية',
  ],
  allergic: [
    '[gap=1] صدمة|صدمه *حساسي*|*تحسسي*',
    '[gap=0] الحساسية|الحساسيه|حساسية|حساسيه المفرطة|المفرطه|مفرطه|مفرطة',
    '=التأق',
    '[gap=1] انتفاخ|تورم|ورم|منتفخ|متورم|ينتفخ|يتورم|تنتفخ|تتورم *حلق*|*لسان*|*بلعوم*|زور|الزور|زوره|*حنجر*',
    '[gap=1] *حلق*|*لسان*|*بلعوم*|زوره|الزور منتفخ|متورم|ينتفخ|يتورم|تورم|انتفخ|ورم',
  ],
};

// Ukrainian, plus the Russian that many Ukrainian refugees in Denmark write in: one extra table
// costs nothing and a panicking parent types in whichever language comes first.
const UK: PhraseTable = {
  cardiac: [
    'біль|болі|болить|болять|боляче|пече|тисне|давить|стискає|колить|боль|болит|боли|давит|жжет|сжимает|колет грудях|груди|грудній|грудина|грудині|грудну|серці|серце|грудной|грудине|сердце',
    '[gap=1] груди|грудях|серце|сердце болить|болять|пече|тисне|болит|болят|давит|жжет',
    '[gap=0] серцевий|серцевий|сердечный напад|приступ',
    'інфаркт*',
    'инфаркт*',
    '[gap=0] зупинка|остановка серця|сердца',
    '[gap=1] серце|сердце зупинилося|зупинилось|остановилось|зупинилося',
    '[gap=1] немає|нема|нет пульсу|пульса',
  ],
  breathing: [
    'не можу|може|можемо|можуть|могу|может дихати|дихать|вдихнути|дышать|вдохнуть',
    '[gap=1] не дихає|дише|дышит',
    '[gap=1] перестав|перестала|припинив|припинила|перестал|перестала дихати|дышать',
    'задих*',
    'задых*',
    '[gap=1] нічим|чим|нечем дихати|дышать',
    '[gap=1] важко|тяжело|трудно дихати|дышать',
    '=посинів|=посиніла|=посинел|=посинела|=синіє|=синеет',
    '=вдавився|=вдавилася|=вдавилась|=подавився|=подавилася|=подавился|=подавилась',
  ],
  unconscious: [
    '[gap=0] без свідомості|тями|сознания|памяти',
    'непритомн*',
    'знепритомн*',
    '=зомлів|=зомліла',
    '[gap=1] втратив|втратила|втратили|потерял|потеряла свідомість|сознание',
    'не приходить|приходит тями|себя',
    '[gap=1] не реагує|реагирует|прокидається|просыпается',
  ],
  stroke: [
    'інсульт*',
    'инсульт*',
    '[gap=1] крововилив|кровоизлияние мозок|мозку|мозг',
    'перекосило|перекошене|перекошено|перекосился обличчя|лице|лицо|рот|губи',
    '[gap=1] обличчя|лицо|рот перекосило|перекошене|перекошено|перекосился',
    '[gap=1] опущений|опущенный|опустився|опустился куточок|кутик|уголок',
    '[gap=0] невиразна|нечітка|невнятная|змазана мова|речь',
    '[gap=1] говорить|розмовляє|говорит невиразно|нечітко|невнятно|незрозуміло',
    '[gap=1] не може|можу|может|могу підняти|поднять руку|руки',
  ],
  bleeding: [
    '[gap=1] сильн*|масивн*|рясн*|велик*|страшн* кровотеч*',
    '[gap=1] кровотеч* не зупин*|останавл*|припин*',
    'не можу|можем|могу|можемо зупинити|остановить кровотеч*|кров',
    '[gap=1] сильно|дуже|очень кровить|кровоточить|кровоточит|кровит',
    '[gap=1] блює|блюе|рве|рвет|кашляє|кашляет кров|кровю|кровью',
  ],
  poisoning: [
    'отруєн*',
    'отруї*',
    'отруив*',
    'отрав*',
    '=передоз*',
    '=проковтнув|=проковтнула|=ковтнув|=ковтнула|=проглотил|=проглотила|=проглотив',
    'випив|випила|выпил|выпила хлорку|хлор|відбілювач|отруту|яд|отраву|білизну|очисник|отрута',
    '[gap=2] забагато|занадто|слишком таблеток|пігулок|ліків|лекарств|таблетки',
    '[gap=2] випив|випила|наковтався|наковталася|выпил|выпила|проковтнув|проглотил|проглотила всі|все|багато|много|пачку|упаковку таблеток|пігулок|ліків|таблетки|лекарств',
  ],
  suicide: [
    'прощальн* лист*|записк*|повідомлення',
    'самогубств*',
    'самоубийств*',
    'суїцид*',
    'суицид*',
    '[gap=1] вбити|убити|убить|вбю|убю|вбʼю себе|себя',
    'покінчити|покінчу|покончить|покончу|покінчив|покончил собою|собой|життям|жизнью',
    'накласти|накладу|наложить|наложу руки',
    '[gap=1] не хочу|хочеться|хочется жити|жить',
    '[gap=1] хочу|хочеться|хочется померти|помереть|вмерти|умереть|здохнути|сдохнуть',
    '[gap=1] заподіяти|завдати|нашкодити|навредить собі|себе',
    'немає|нема|нет сенсу|смысла жити|жить',
  ],
  seizure: [
    'судом*',
    'судорог*',
    '[gap=0] епілептичний|епілептичного|эпилептический напад|приступ|припадок',
    '[gap=0] напад|приступ епілепсії|эпилепсии',
  ],
  allergic: [
    'анафілак*',
    '[gap=0] алергічний|аллергический|алергічного шок|шоку',
    '[gap=1] сильна|тяжка|тяжелая алергічна|аллергическая реакція|реакция',
    '[gap=1] набряк|набряку|набрякло|отек|отёк|опух|опухло|опухла горла|горло|гортані|язика|язик|гортани|языка|язык|квінке|квинке',
    '[gap=1] горло|язик|язык|гортань набрякає|набрякло|набрякла|опухло|опухає|опухает|опух|отекает|распухло|распух',
  ],
};

// Red flags added after the first tables: infants and children (limp, blue lips), signs of
// meningitis (fever with a stiff neck, a rash that does not fade under a glass), severe burns and
// scalds, and a head injury followed by vomiting, confusion or drowsiness. All five languages.
const RED_FLAGS: PhraseTable = {
  unconscious: [
    '[gap=3] baby|babyen|barnet|spædbarnet|spædbarn|lille|lillebror|lillesøster er|virker|ligger|bliver|blevet slap|slatten|livløs',
    '[gap=3] baby|babys|infant|newborn|toddler|child is|seems|went|feels|has|gone|looks limp|floppy',
    '[gap=3] baby|säugling|kind|neugeborene|neugeborenes ist|wirkt|wird|liegt schlaff|schlapp',
    '[gap=3] الطفل|طفلي|الرضيع|رضيعي|البيبي|ابني|بنتي|الولد رخو|مرتخي|مرخي|مايع|خامل',
    "[gap=3] дитина|малюк|немовля|ребенок|малыш млява|млявий|мляве|в'яла|вялый|вялая|обм'якла|обмяк",
  ],
  stroke: [
    '[gap=1] kan|kunne pludselig|pludseligt ikke tale|snakke|sige|forstå',
    '[gap=1] suddenly cant|cannot|couldnt|unable speak|talk',
    '[gap=1] kann|konnte plötzlich nicht sprechen|reden',
    '[gap=1] فجأة|فجاه لا|ما|مش يستطيع|يقدر|تقدر|تستطيع يتكلم|تتكلم|الكلام',
    '[gap=1] раптом|вдруг не може|может говорити|говорить',
  ],
  poisoning: [
    '[gap=2] شرب|شربت|أكل|اكل|أكلت|اكلت|ابتلع|ابتلعت|بلع|بلعت سامة|سامه|كيماوية|كيماويه',
  ],
  breathing: [
    '[gap=1] *شفا*|*شفت* زرقاء|زرقا|زرق|ازرقت|مزرقه|مزرقة|أزرق|ازرق',
    '[gap=1] ازرق|أزرق|ازرقت|ازرقاق وجهه|وجهها|لونه|لونها|شفايفه|شفايفها',
    '[gap=1] сині|синіють|посиніли|синие|посинели губи|губы',
    '[gap=1] губи|губы сині|посиніли|синие|посинели',
  ],
  meningitis: [
    'meningitis',
    'hjernehindebetændelse*',
    'meningokok*',
    'hirnhautentzündung*',
    '*سحايا*',
    'менінгіт*',
    'менингит*',
    '[gap=6] feber|temperatur stiv|stift|stive nakke|nakken',
    '[gap=6] stiv|stift nakke|nakken feber',
    '[gap=3] udslæt|prikker|pletter|udslættet|prikkerne|pletterne ikke forsvinder|blegner|går|fortager|forsvinde',
    '[gap=3] udslæt|prikker|pletter|udslættet|prikkerne|pletterne forsvinder|blegner|fortager ikke',
    '[gap=6] fever|temperature stiff neck',
    '[gap=6] stiff neck fever|temperature',
    "[gap=3] rash|spots|spot doesnt|dont|does|do|wont|isnt|not fade|disappear|blanch|go",
    'non blanching|fading rash',
    '[gap=6] fieber steifer|steifen|steif nacken',
    '[gap=6] nacken steif fieber',
    '[gap=3] ausschlag|flecken|punkte verschwindet|verschwinden|verblasst nicht',
    'nicht wegdrückbar*',
    '[gap=6] حمى|حمي|حرارة|حراره|سخونة|سخونه تيبس|تصلب|تيبّس|ناشفة|ناشفه *رقب*',
    '[gap=2] طفح|بقع|نقط لا|ما يختفي|تختفي|يزول|تزول|يروح',
    "[gap=6] температура|жар|гарячка|температурою тверда|негнучка|ригідн*|дерев* шия|шиї|потилиця",
    "[gap=2] шия|шиї тверда|негнучка|не гнеться|ригідн*",
    '[gap=3] висип|висипання|плями|сыпь|пятна не зникає|зникають|блідне|исчезает|исчезают',
  ],
  burn: [
    '[gap=1] slemt|alvorligt|voldsomt|meget|stærkt|kraftigt forbrændt|skoldet|forbrændte|skoldede',
    '[gap=1] stor|store|alvorlig|alvorlige|voldsom|voldsomme|dyb|dybe|slem|slemme forbrænding|forbrændinger|brandsår|skoldning',
    '[gap=2] forbrændt|skoldet|brændt hele|ansigtet|ansigt|kroppen|brystet',
    '[gap=3] kogende|kogt vand|olie|te|kaffe|suppe over|udover',
    '[gap=1] severe|severely|bad|badly|serious|seriously|major|deep|large|big burn|burns|burned|burnt|scald|scalded|scalds',
    '[gap=2] burned|burnt|scalded all|face|whole|chest',
    '[gap=2] boiling water|oil|tea|coffee over|on|all',
    '[gap=1] hot oil|fat over|on',
    '[gap=1] schwere|schwer|starke|stark|großflächige|großflächig verbrennung|verbrennungen|verbrüht|verbrannt|verbrühung|verbrühungen',
    '[gap=2] kochendes|heißes|siedendes wasser|öl über',
    '[gap=1] حرق|حروق|الحرق|الحروق شديد|شديدة|شديده|كبير|كبيرة|كبيره|بليغ|بليغة|بليغه',
    '[gap=2] انسكب|انكب|اندلق|انكبت|انسكبت|كب|كبت ماء|مي|مية|زيت|الماء|المي|الزيت مغلي|يغلي|المغلي|حار|الحار',
    '[gap=2] احترق|انحرق|احترقت|انحرقت وجهه|وجهها|جسمه|جسمها',
    '[gap=1] сильний|сильні|великий|великі|важкий|важкі|сильный|тяжелый опік|опіки|ожог|ожоги',
    '[gap=2] облився|облилася|обварився|обварилася|ошпарився|ошпарилася|ошпарился|ошпарилась окроп*|кипят*|гарячою|горячей',
  ],
  'head-injury': [
    '[gap=5] slået|slog|slår|slaaet|faldet|faldt|ramt|stødt|stødte|slag hovedet|hoved|baghovedet|panden kaster|kastede|kastet|brækker|brækkede|brækket|opkast|forvirret|sløv|omtåget|besvimede|besvimet',
    '[gap=6] hjernerystelse|hovedskade|kraniebrud kaster|kastede|kastet|brækker|brækkede|opkast|forvirret|sløv',
    '[gap=5] kaster|kastede|brækker|brækkede|forvirret|sløv efter|siden slag|slået|slog|faldt|faldet hovedet',
    '[gap=5] hit|hits|banged|bumped|knocked|fell|fall|struck|blow|hitting|banging head vomiting|vomited|vomit|throwing|threw|puking|puked|confused|drowsy|unconscious',
    '[gap=6] head injury|trauma vomiting|vomited|throwing|confused|drowsy',
    '[gap=5] vomiting|vomited|throwing|confused|drowsy after|since hitting|hit|banging|bumping|falling|fall|blow head',
    '[gap=5] kopf gestoßen|angeschlagen|aufgeschlagen|gefallen|geschlagen|stoß erbricht|erbrechen|erbrochen|übergibt|verwirrt|benommen|bewusstlos',
    '[gap=6] kopfverletzung|gehirnerschütterung|schädel erbricht|erbrochen|übergibt|verwirrt|benommen',
    '[gap=5] ضرب|ضربة|ضربه|وقع|وقعت|سقط|سقطت|انضرب|انضربت *رأس*|*راس* *تقيأ*|*تقيا*|*استفرغ*|*يستفرغ*|*ترجع*|يرجع|مشوش|مشوشه|نعسان|دايخ',
    '[gap=5] вдарився|вдарилася|вдарився|ударився|ударилась|упав|впав|впала|упала|удар головою|голову|голови блює|блював|блювала|вирвало|рвет|рвота|вырвало|сплутан*|сонлив*|заторможен*',
  ],
};

// Arabic and Ukrainian typed in Latin letters ("Arabizi" digits for sounds: 3 = ع, 7 = ح,
// 2 = ء; Ukrainian and Russian transliterations), for the three commonest emergencies.
const TRANSLITERATED: PhraseTable = {
  cardiac: [
    'alam|alaam|wajaa|waja3|waja|wja3|wjaa|wje3|waje3 fi|fe|bi|b|f sadri|sadr|elsadr|alsadr|essadr|sadry|galbi|qalbi|2albi',
    '[gap=1] sadri|sadry|galbi|qalbi|2albi yooja3ni|byooja3ni|yuja3ni|bywaj3ni|biwja3ni|yewja3ni|youjaani|ywja3ni|bywja3ni|biwaj3ni|yoolimuni',
    'nawba|nawbe|azma|jalta qalbiya|galbiya|qalbiyya|2albiye|albiye|qalbia',
    'bil|bol|bolyt|bolit|boli|bolyat|tysne|davit|peche u|v|w hrudyakh|hrudiakh|hrudi|grudi|grudyakh|grudah|hrudy|serci|serdce|sertsi',
    '[gap=1] hrudy|grudi|hrudi|serce|serdce|sertse bolyt|bolit|bolyat|tysne|davit',
    'sertsevyi|sertsevyy|sertsevyj|serdechnyi|serdechnyy|serdechnyj napad|pristup|prystup',
  ],
  breathing: [
    'ma|mish|mush|mo|la|mesh agdar|a2dar|aqdar|a9dar|adar|astatee3|astati3|mgdar|2adar atnafas|atnaffas|etnafas|tanaffos|tanafus|tnaffas|atnafs|at2anafas',
    'dee2|di2|diq|deeq|daiq|ddiq|ded|dai2 nafas|tanaffus|tanafos|tanafus|tanaffos',
    'mokhtaneq|makhnoo2|akhtaneq|yekhtaneq|mekhtene2',
    'ne|nemozhu mozhu|mogu|mozhe|mozhet|moje dykhaty|dykhaty|dyhaty|dychaty|dyshat|dyshit|dyshati|dykhat|dihati|dihat|dyhat',
    'zadykh*|zadyh*|zadikh*|zadih*',
    'nemaie|nema|nechem|nichym|nichim dykhaty|dyshat|dyhaty',
  ],
  suicide: [
    'intihar|inti7ar|ente7ar|intehar|entehar|enti7ar',
    'ant7er|antaher|bente7er|bantaher|anta7er|bent7er',
    'abi|bdi|badi|biddi|ayez|ayza|3ayez|abgha|ureed|oreed|bidi amoot|amut|mout|moot|amout|almawt|emoot',
    'aqtol|a2tol|aktol|agtol|2otol nafsi|7ali|hali',
    'samohubstv*|samogubstv*|samoubiystv*|samoubijstv*|samoubiistv*|suitsyd*',
    'ne|nechochu khochu|hochu|chochu|xochu zhyty|zhyt|zhiti|zhit|zhity',
    'khochu|hochu|xochu pomerty|pomereti|umeret|umerty|vmerty|pomeret|umerti',
    "vbyty|ubyty|ubit|vbiyu|ubyu|ubiu sebe|sebya",
    'pokinchyty|pokonchit|pokinchu|pokonchu z|s soboyu|soboi|soboy|soboj|zhyttyam|zhiznyu',
  ],
};

// Signs described in lay words, without the medical term: the held-out set caught the first
// tables knowing "blodprop i hjernen" but not "hendes ene arm er slap". One block per class, each
// in all five languages (Danish, English, German, Arabic, Ukrainian with Russian). Where a sign
// is also an everyday complaint (a swollen face, "I can't go on", "alle mine piller") the pattern
// asks for a second sign or a context (a sting, nuts, a quantity of pills) rather than nothing.
const LAY_SIGNS: PhraseTable = {
  stroke: [
    // FAST: sudden confusion, lost or garbled words.
    '[gap=3] pludselig|pludseligt|pludselige forvirret|forvirring|omtåget|desorienteret|konfus',
    '[gap=3] forvirret|forvirring|desorienteret|konfus pludselig|pludseligt',
    'kan|ka|kunne ikke|ik|ikk finde ordene|ord',
    'svært|besvær finde ordene',
    '[gap=1] taler|snakker|siger volapyk|vrøvl|sludder|uforståeligt|underligt|mærkeligt|grødet',
    'ordene|ord kommer forkert|forkerte|mærkeligt|underligt',
    '[gap=2] suddenly|sudden confused|confusion|disoriented|disorientated|muddled|incoherent',
    'cant|cannot|couldnt|unable|struggling find|get words',
    '[gap=4] speech|talking|talk|words|speaking garbled|jumbled|slurred|slurring|muddled|gibberish|nonsense|mumbled',
    '[gap=1] garbled|jumbled|muddled|mumbled speech|words|talk|talking',
    '[gap=1] talking|speaking|saying|talks gibberish|nonsense',
    '[gap=3] plötzlich|schlagartig|urplötzlich verwirrt|verwirt|desorientiert|durcheinander',
    '[gap=1] findet|finde|fand|finden keine worte|wörter',
    '[gap=2] findet|finde|fand|finden worte|wörter nicht',
    '[gap=1] redet|spricht|sprechen|reden|redete|sprach wirres|wirr|wirre|unverständlich|unverständliches|komisch|seltsam|durcheinander|kauderwelsch|undeutlich|verwaschen|lallend',
    '=lallt|=lallen|=lallte|=lallend|=nuschelt',
    '[gap=3] فجأة|فجأه|مفاجئ|فجاءة مشوش|مشوشه|مشوشة|متلخبط|متلخبطه|ملخبط|مخربط|تايه|تايهه|مرتبك|مرتبكه|مرتبكة',
    '[gap=3] مشوش|مشوشه|مشوشة|متلخبط|متلخبطه|مرتبك|مرتبكه فجأة|فجأه',
    '[gap=2] لا|ما|مش|مو يلاقي|تلاقي|يجد|تجد|يلقى|تلقى الكلمات|كلمات|كلماته|كلماتها|الكلمه|الكلمة',
    '[gap=2] لا|ما|مش|مو يتكلم|تتكلم|يحكي|تحكي|ينطق|تنطق|يتحدث|تتحدث',
    '[gap=1] لسانه|لسانها|لساني|اللسان ثقيل|تقيل|ثقيله|ثقيلة|معقود|مربوط',
    '[gap=3] раптом|раптово|вдруг|внезапно|резко|різко розгублен*|сплутан*|дезорієнтован*|дезориентирован*|растерян*|спутан*',
    '[gap=1] сплутан*|спутан* свідомість|свідомості|сознание|сознания|мова|мовлення|речь',
    '[gap=2] не може|можу|может|могу знайти|підібрати|найти|подобрать|вимовити|выговорить слова|слів|слово|слов',
    '[gap=1] язик|язык заплітається|заплетается|заплітався|заплелся|ватний|ватный',
    'заплітається|заплетается язик|язык',
    // FAST: one arm or leg limp, weak, numb or cannot be lifted.
    '[gap=3] arm|armen|ben|benet|hånd|hånden|ansigtshalvdel|kropshalvdel slap|slapt|lammet|lam|følelsesløs|følelsesløst|føleløs|føleløst|kraftesløs|kraftløs|=svag|=svagt',
    'arm|armen hænger|dingler',
    '[gap=1] slap|lammet|lam|følelsesløs|følelsesløst|føleløs|kraftesløs|kraftløs|svag|svækket i|på arm|armen|ben|benet|hånden|ene|venstre|højre',
    'kan|ka|kunne ikke|ik|ikk løfte|bevæge|bruge|mærke|røre|rokke arm|armen|armene|ben|benet|hånd|hånden|fingrene|foden|siden',
    '[gap=3] arm|leg|hand|side went|is|feels|gone|has numb|limp|floppy|weak|paralysed|paralyzed|dead|useless',
    'cant|cannot|couldnt|unable move|lift|raise|feel|use arm|arms|leg|legs|hand|side',
    '[gap=1] numb|limp|paralysed|paralyzed|floppy arm|leg',
    '[gap=3] arm|bein|hand|seite|gesichtshälfte|körperhälfte schlaff|schlapp|taub|gelähmt|lahm|kraftlos|gefühllos',
    'kann|konnte|können arm|arme|bein|beine|hand nicht|kaum bewegen|heben|spüren|anheben|hochheben',
    '[gap=2] *ذراع*|ايده|يده|ايدها|يدها|إيده|إيدها|رجله|رجلها|ساقه|ساقها|جنبه|جنبها ضعيفة|ضعيفه|ضعيف|مشلولة|مشلوله|مشلول|مرتخية|مرتخيه|مرتخي|خدرانة|خدرانه|خدران|منملة|منمله|منمل|مخدرة|مخدره|مخدر',
    '[gap=2] لا|ما|مش|مو يحرك|تحرك|يرفع|ترفع|يحس|تحس|يمسك|تمسك *ذراع*|ايده|يده|ايدها|يدها|إيده|إيدها|رجله|رجلها|ساقه|ساقها',
    '[gap=2] рука|нога|руку|ногу|бік|сторона|половина оніміла|онемела|ослабла|ослабела|повисла|висить|отнялась|віднялася|віднялась|паралізована|парализована',
    '[gap=2] оніміла|онемела|ослабла|ослабела|повисла|отнялась|віднялася|віднялась|паралізувало|парализовало рука|руку|нога|ногу|ліва|права|левая|правая|ліву|праву|левую|правую',
    '[gap=1] рука|нога|руки|ноги не слухається|слухаються|слушается|слушаются|рухається|двигается|ворушиться|шевелится',
    '[gap=2] не може|можу|может|могу поворухнути|ворухнути|рухати|пошевелить|двигать|поднять|підняти руку|рукою|ногою|ногу|рукой|ногой|руки|ноги',
    // FAST: a drooping face or mouth.
    '[gap=2] face dropped|dropping|sagged|sags|fallen|lopsided|crooked|slanted|twisted',
    '[gap=1] فمه|فمها|تمه|تمها|بوزه|بوزها|الفم|شفته مائل|مايل|معوج|عوج|ملتوي|متدلي|مرتخي|مسحوب|مايله',
    // A sudden, severe headache, or sudden loss of sight.
    '[gap=2] pludselig|pludseligt|pludselige|værste hovedpine',
    '[gap=5] hovedpine kan|ka ikke|ik se',
    '[gap=5] hovedpine ser dobbelt|sort|sløret',
    '[gap=2] pludselig|pludseligt kan ikke se',
    '[gap=2] pludselig|pludseligt blind',
    'mistet|mister synet',
    '[gap=2] blind ene|venstre|højre øje',
    '[gap=2] worst|sudden|suddenly|thunderclap headache',
    '[gap=5] headache cant|cannot|couldnt see',
    '[gap=5] headache lost|losing|double|blurred vision|sight',
    '[gap=2] suddenly|sudden cant|cannot see',
    '[gap=2] suddenly|sudden blind|lost vision|sight',
    '[gap=2] plötzlich|plötzliche|plötzlicher|plötzlichen|schlimmste|schlimmsten|stärkste|stärksten|vernichtende|vernichtender kopfschmerz*',
    '[gap=5] kopfschmerz* sehe|sieht|sehen nichts|kaum|doppelt|verschwommen',
    '[gap=2] plötzlich blind|erblindet',
    '[gap=3] صداع|الصداع فجأة|فجأه|مفاجئ|مفاجيء',
    '[gap=2] فجأة|فجأه|مفاجئ صداع',
    '[gap=4] صداع|الصداع لا|ما|مش|مو اشوف|أشوف|ارى|أرى|يشوف|تشوف|يرى|ترى|شايف|شايفه',
    'فقدت|فقد|فقدان|راح|راحت النظر|البصر|الرؤية|الرؤيه|نظري|نظره',
    '[gap=3] раптом|раптовий|раптова|раптово|різкий|вдруг|внезапно|внезапная|внезапный|резкая|резкий головний|головна|головная|голова',
    '[gap=5] головний|головная|голова|голову біль|боль|болить|болит не бачу|бачить|вижу|видит',
    'втратив|втратила|потерял|потеряла зір|зрение',
    '[gap=2] раптом|вдруг осліп|осліпла|ослеп|ослепла',
  ],
  cardiac: [
    // Pressure, tightness or heaviness in the chest, not only "pain".
    '[gap=1] tryk|trykken|trykker|trykkende|stramhed|stram|stramt|strammer|tyngde|jag|spænding|klem|knugen i|for|på|om bryst|brystet|brystkassen|brystkasse',
    '[gap=2] strammer|trykker|klemmer|snører|knuger|presser|spænder|brænder|stikker|jager i|om|for|på brystet|bryst|brystkassen',
    '[gap=2] brystet|brystkassen|bryst gør|gjorde ondt|ont|nas',
    '[gap=2] brystet|brystkassen strammer|snører|trykker|klemmer|brænder|spænder|knuger',
    '[gap=2] chest heavy|heaviness|tight|tightness|tightening|squeezing|squeezed|crushing|crushed|pressure|burning|hurting|hurts|aching|aches|pain|pains|pian|painful|weight',
    '[gap=2] heaviness|weight|elephant|band|vice in|on|across|around chest',
    '[gap=2] druck|engegefühl|enge|schwere|beklemmung|beklemmungsgefühl|stechen|stiche|brennen|ziehen|schmerzen|schmerz|drücken|drückt in|auf|der brust|brustkorb',
    '[gap=2] brust|brustkorb eng|schwer|zugeschnürt|zusammengeschnürt|zusammengedrückt',
    '[gap=2] ضغط|بضغط|ضغطه|ضغطة|ثقل|بثقل|تقل|بتقل|ضيق|بضيق|ضيقه|عصرة|عصره|انقباض|شد|بشد|وخز|نغزة|نغزه *صدر*',
    '[gap=1] *صدر* يعصرني|بيعصرني|عاصرني|ماسكني|ضاغط|يضغط|يضغطني|مضغوط|ثقيل|تقيل|يوجعني',
    '[gap=2] важкість|тяжесть|тяжість|печіння|жжение|стиснення|сдавливание|здавлює|сдавило|стиснуло|здавило|тиск|давление у|в|за грудях|груди|грудині|грудиною|грудиной|грудью|серці|сердце',
    '[gap=2] біль|болить|пече|тисне|давить|давит|печет|жжет|болит|боль за грудиною|грудиной',
    // Pain spreading to the arm, jaw, shoulder or back.
    // Arm, jaw, shoulder and neck, not the back: "går ned i ryggen" is mostly a back or kidney question.
    '[gap=2] stråler|strålende|udstråler|udstrålende|trækker|går|breder|spreder|jager ud|op|ned|over arm|armen|armene|kæben|kæbe|skulderen|skulder|halsen',
    '[gap=3] stråler|udstråler|udstrålende arm|armen|kæben|skulderen',
    '[gap=4] koldsved|koldsvedig|klamtsvedig|sveder|svedig ondt|smerter|smerte|tryk venstre|armen|kæben|brystet',
    '[gap=4] ondt|smerter i venstre|kæben sveder|koldsved|svedig|kvalme',
    '[gap=3] spreading|spreads|spread|radiating|radiates|radiated|shooting|shoots to|into|down|up|through arm|arms|jaw|shoulder|neck',
    '[gap=2] going|goes|went|moving|moves|travelling|traveling|running into|down|up arm|arms|jaw|shoulder',
    '[gap=3] strahlt|strahlen|strahlend|ausstrahlend|ausstrahlende|ausstrahlenden|ausstrahlt|ausstrahlen arm|arme|kiefer|unterkiefer|schulter|hals',
    '[gap=2] zieht|ziehen|zog bis|in arm|kiefer|unterkiefer',
    '[gap=3] يمتد|ممتد|ينتشر|منتشر|نازل|ينزل|بينزل|واصل|يوصل|بيوصل|يضرب|ماشي *ذراع*|*كتف*|فكه|فكي|فكها|الفك|للفك|ايده|يده|ايدي|يدي|إيدي|إيده|ايدها|يدها|رقبته|رقبتي',
    '[gap=2] віддає|отдает|отдаёт|іррадіює|иррадиирует|переходить|переходит руку|руки|щелепу|челюсть|лопатку|плече|плечо|шию|шею',
  ],
  allergic: [
    // The throat closing or swelling; lips or tongue swelling.
    '[gap=2] halsen|hals|svælget|luftrøret|luftvejene lukker|lukket|lukkes|snører|snærer|strammer|svulmer|tykner',
    '[gap=2] læber|læberne|læbe|læben|tunge|tungen hævet|hævede|hæver|hævelse|opsvulmet|opsvulmede|svulmer|svulmet|tyk|tykke',
    '[gap=2] hævet|hævede|hævelse|opsvulmet|opsvulmede|svulmer|hæver i|om|på|af læber|læberne|læben|tungen|tunge|svælget',
    '[gap=4] throat|airway|airways closing|closes|closed|shutting|tight|tightening|swelling|swollen|swells|swelled|constricting|narrowing',
    '[gap=3] lips|lip|tongue|mouth swelling|swollen|swells|swelled|puffing|puffed|blowing|ballooning',
    '[gap=1] swollen|swelling|puffy lips|lip|tongue',
    '[gap=3] hals|rachen|kehle|luftröhre wird|ist|fühlt eng|zugeschnürt|schwillt|geschwollen|schwellt|dicht',
    '[gap=2] lippen|lippe|zunge|mund schwellen|schwillt|geschwollen|angeschwollen|dick',
    '[gap=1] geschwollene|geschwollenen|dicke|dicken lippen|lippe|zunge',
    '[gap=2] *حلق*|زوري|زوره|زورها|الزور|*حنجر*|بلعومي يتسكر|بيتسكر|مسكر|مسكره|مسكرة|ينغلق|منغلق|انغلق|يقفل|مقفل|مقفول|انقفل|ينسد|انسد|مسدود|يضيق|ضايق|ضايقه|بيضيق',
    '[gap=2] شفايفه|شفايفها|شفايفي|شفايف|الشفايف|شفاهه|شفاهها|شفاه|الشفاه|شفتيه|شفتيها|شفته|شفتها|*لسان* منتفخ|منتفخه|منتفخة|منفوخ|منفوخه|منفوخة|انتفخ|انتفخت|ينتفخ|تنتفخ|متورم|متورمه|متورمة|وارم|وارمه|وارمة|ورمت|تورم|تخين|تخينه',
    '[gap=2] губи|губы|язик|язык|горло|гортань набряк*|опухло|опухли|опухла|опух|опухає|опухает|розпух*|распух*|отекло|отекли|отек|отёк|отекает',
    '[gap=2] набряк*|опухло|опухли|опухла|опух|розпух*|распух*|отекло|отекли губи|губы|язик|язык|горло|гортань',
    '[gap=2] горло|горлі|гортань|горла стискає|стискається|стиснуло|перехоплює|перехопило|закривається|сжимает|сжимается|сдавливает|сдавило|перехватывает|перехватило|закрывается',
    '[gap=1] стискає|стискається|стиснуло|перехопило|сдавило|сжимает|сжало горло',
    // Swelling or hives after a sting, nuts, shellfish or penicillin.
    '[gap=6] stukket|stik|stikket|bistik|hvepsestik|bi|bien|hveps|hvepsen|gedehams|nødder|nødderne|jordnødder|jordnødderne|peanuts|cashewnødder|rejer|rejerne|skaldyr|skaldyrene|penicillin|penicillinen hævet|hævede|hæver|hævelse|opsvulmet|opsvulmede|svulmer|svulmet|nældefeber',
    '[gap=6] hævet|hævede|hæver|hævelse|opsvulmet|svulmer|nældefeber stik|stikket|bistik|hvepsestik|nødder|jordnødder|peanuts|skaldyr|rejer|penicillin',
    '[gap=6] stung|sting|stings|bee|wasp|hornet|nuts|peanuts|peanut|shellfish|shrimp|prawns|penicillin|amoxicillin swelling|swollen|swelled|swell|swells|puffing|hives|welts',
    '[gap=6] swelling|swollen|swelled|puffed|hives nuts|peanuts|peanut|shellfish|shrimp|prawns|sting|stung|bee|wasp|penicillin',
    '[gap=6] stich|wespenstich*|bienenstich*|insektenstich*|gestochen|wespe|biene|hornisse|nüsse|nüssen|erdnüsse|erdnüssen|nuss|erdnuss|meeresfrüchte|garnelen|penicillin schwillt|schwellen|geschwollen|angeschwollen|quaddeln|nesselsucht|zugeschwollen',
    '[gap=6] geschwollen|schwillt|angeschwollen|quaddeln stich|wespenstich*|bienenstich*|nüsse|nüssen|erdnüsse|erdnüssen|gestochen',
    '[gap=6] قرصته|قرصها|قرصتني|قرصه|قرصة|لسعته|لسعتها|لسعتني|لسعة|لسعه|لدغته|لدغتها|لدغتني|لدغة|نحلة|نحله|دبور|دبورة|دبوره|زنبور|زنبورة|مكسرات|سوداني|فستق|الفستق|بندق|كاجو|قريدس|جمبري|روبيان|بنسلين|البنسلين منتفخ|منتفخه|منتفخة|انتفخ|انتفخت|ينتفخ|تنتفخ|متورم|متورمه|متورمة|وارم|وارمه|وارمة|تورم|منفوخ|منفوخه|منفوخة|انتفاخ|طفح',
    "[gap=6] укус|укусу|укуса|укусила|укусил|вкусила|вкусив|вжалила|вжалив|ужалила|ужалил|оса|оси|осы|бджола|бджоли|пчела|пчелы|шершень|горіхи|горіхів|горіх|арахіс|арахісу|орехи|орехов|арахис|арахиса|креветки|пеніцилін|пенициллин набряк*|опухло|опухли|опухла|розпух*|распух*|отекло|отекли|кропив'янка|крапивница",
    '[gap=6] укус|укусу|укуса|укусила|вкусила|вжалила|ужалила|оса|оси|осы|бджола|бджоли|пчела|пчелы|горіхи|горіхів|арахіс|орехи|орехов|арахис важко|тяжело|трудно дихати|ковтати|дышать|глотать',
  ],
  poisoning: [
    // A quantity of pills: "alle mine sovepiller", "a whole pack", "20 Tabletten".
    '[gap=3] taget|tog|slugt|=slugte|=indtaget|drukket|drak|nappet|knaldet alle|hele|masse|mange|flere|10|12|15|20|25|30|40|50|100|tyve|tredive|fyrre|halvtreds|hundrede|glas|glasset|pakke|pakken|æske|æsken|pakning|pakningen piller|pillerne|piler|pilerne|tabletter|tabletterne|sovepiller|sovepillerne|sovemedicin|sovemedicinen|smertestillende|panodil|panodiler|pamol|pamoler|paracetamol|ipren|ibuprofen|medicin|medicinen|nervepiller|lykkepiller|antidepressiva|insulin|morfin|tramadol|stesolid|kodimagnyl',
    '[gap=4] fået|faaet fat i|på piller|pillerne|medicin|medicinen|tabletter|tabletterne|sovepiller|sovepillerne|smertestillende|panodil|pamol',
    '[gap=2] drukket|drak|drikker|spist|spiste|slikket|tygget|slugt maskinopvask*|opvasketab*|vasketab*|vaskekapsel*|afkalker*|rodalon|toiletrens|terpentin|petroleum|nikotin*|myresyre|kaustisk|ammoniak|batteri*|magnet*|knapcelle*',
    '[gap=3] took|taken|swallowed|downed|necked|overdid all|whole|entire|full|bunch|load|loads|lot|lots|handful|heap|10|12|15|20|25|30|40|50|60|100|twenty|thirty|forty|fifty|hundred|bottle|box|pack|packet|strip pills|tablets|paracetamol|painkillers|sleeping|meds|medication|medicine|medicines|antidepressants|ibuprofen|tylenol|aspirin|insulin|opioids|oxycodone|xanax|diazepam|valium|tramadol|codeine|morphine|sleepers|prescription|script',
    '[gap=4] son|daughter|toddler|baby|kid|kids|child|boy|girl|grandson|granddaughter|old|nephew|niece ate|eaten|swallowed|chewed pills|pill|tablets|tablet|meds|medicine|medication|vitamins|gummies|pod|pods|battery|batteries|magnet|magnets|bleach|detergent|cleaner|chemicals',
    '[gap=4] son|daughter|toddler|baby|kid|kids|child|boy|girl|grandson|granddaughter|old|nephew|niece pills|pill|tablets|meds|medicine|medication ate|eaten|swallowed|chewed',
    '[gap=3] got|gotten into pills|tablets|meds|medicine|medication|cleaning|chemicals|bleach',
    '[gap=2] drank|drunk|ate|eaten|swallowed|chewed|licked dishwasher|washing|laundry|pod|pods|tablet|detergent|turpentine|petrol|gasoline|kerosene|paraffin|ammonia|nicotine|vape|eliquid',
    '[gap=3] alle|ganze|ganzen|viele|packung|schachtel|flasche|blister|haufen|10|12|15|20|25|30|40|50|100|zwanzig|dreißig|vierzig|fünfzig tabletten|pillen|schlaftabletten|schmerztabletten|medikamente|paracetamol|ibuprofen|antidepressiva|beruhigungsmittel|insulin|schlafmittel genommen|geschluckt|eingenommen|gegessen|eingeworfen|reingeworfen',
    // Sleeping pills or painkillers on top of spirits (not "alkohol": "må jeg drikke alkohol, når jeg har taget mine piller?").
    '[gap=5] vodka|sprut|whisky|snaps taget|tog|slugt sovepiller|sovepillerne|piller|pillerne|tabletter|tabletterne|smertestillende|panodil|pamol',
    '[gap=5] vodka|whisky|whiskey|booze took|taken|swallowed sleeping|pills|tablets|painkillers|meds|paracetamol',
    '[gap=5] wodka|whisky|schnaps schlaftabletten|tabletten|pillen|schlafmittel|schmerztabletten genommen|geschluckt|eingenommen',
    '[gap=2] spülmaschinentab*|spültab*|geschirrspültab*|waschmittelkapsel*|waschpod*|entkalker|lampenöl|nikotin*|knopfzelle*|magnet* gegessen|geschluckt|getrunken|verschluckt|gelutscht',
    '[gap=3] أخذت|اخذت|اخدت|خذيت|بلعت|ابتلعت|شربت|تناولت|أكلت|اكلت كل|كامل|كامله|كاملة|علبة|علبه|شريط|باكيت|كمية|كميه|عشرين|ثلاثين|٢٠|٣٠|20|30 حبوب|الحبوب|حبوبي|حبات|الحبات|دوا|الدوا|دواء|الدواء|ادوية|أدوية|الأدوية|ادويتي|أدويتي|منوم|المنوم|مسكن|مسكنات|المسكنات|بنادول|باراسيتامول|بانادول|مهدئ|مهدئات',
    '[gap=3] ابني|بنتي|ابنتي|طفلي|طفلتي|الطفل|الطفله|الولد|البنت|ولدي|الصغير|الصغيره أكل|اكل|أكلت|اكلت|بلع|بلعت|ابتلع|ابتلعت|شرب|شربت|أخذ|اخذ|أخذت|اخذت حبوب|الحبوب|حبات|حبة|حبه|دوا|الدوا|دواء|الدواء|ادوية|أدوية|الأدوية',
    "[gap=3] =випив|=випила|=випили|=прийняв|=прийняла|=прийняли|=проковтнув|=проковтнула|=ковтнув|=ковтнула|=з'їв|=з'їла|=з'їли|=выпил|=выпила|=выпили|=принял|=приняла|=приняли|=проглотил|=проглотила|=съел|=съела всю|весь|всі|усі|усю|увесь|все|цілу|цілий|багато|купу|пачку|упаковку|блістер|пляшечку|целую|целый|кучу|много|10|15|20|25|30|40|50|100|двадцять|тридцять|двадцать|тридцать таблеток|таблетки|пігулок|пігулки|ліків|ліки|снодійного|снодійне|снодійних|знеболювальних|знеболювальні|снотворного|снотворное|снотворных|лекарств|лекарства|парацетамолу|парацетамол|антидепресантів|антидепрессантов|інсуліну|инсулина",
    '[gap=2] наковтався|наковталася|наковталась|наглотался|наглоталась|наглоталася таблеток|пігулок|ліків|снодійного|лекарств|снотворного',
    "[gap=3] дитина|син|синок|донька|дочка|малюк|ребенок|сын|дочь|малыш з'їв|з'їла|з'їли|проковтнув|проковтнула|ковтнув|ковтнула|съел|съела|проглотил|проглотила|випив|випила|выпил|выпила таблетки|таблеток|пігулки|пігулок|ліки|ліків|лекарства|лекарств|батарейку|магніт|магнит|хлорку|відбілювач",
  ],
  suicide: [
    // "I can't go on" in the words people use; everyday uses ("orker ikke mere at vente") are
    // narrow exclusions below, so a bare "jeg orker ikke mere" always shows the suicide line.
    '[gap=1] orker|gider ikke|ik|ikk mere|mer|længere',
    '[gap=0] kan|ka ikke|ik|ikk mere|mer',
    '[gap=2] vil|gider|orker ikke|ik her|eksistere mere|længere',
    '[gap=2] sove|falde for altid|evigt',
    '[gap=3] vil|ønsker|håber|lyst aldrig vågne|vaagne',
    '[gap=1] tage|tager|taget livet af mig|sig',
    'afskedsbrev*',
    '[gap=0] cant|cannot|couldnt go on',
    '[gap=1] cant|cannot|couldnt do|take|handle|bear|stand this|it|life anymore|any|no',
    '[gap=1] want|wanna|going|gonna|ready|need|wish end it',
    '[gap=2] it all over|end|stop|ended|finished',
    '[gap=2] dont|not|never|no want|wanna here|around anymore|any|longer',
    '[gap=2] dont|never want|wanna wake up again|ever|tomorrow|anymore',
    '=kms',
    'unalive*',
    '[gap=1] done with life|living',
    '[gap=2] no|dont|cant|not|any point living|anymore|life',
    '[gap=0] kann|will|mag nicht|nich mehr',
    '[gap=2] halte|halt|hält|ertrage|ertrag nicht|nich mehr aus',
    '[gap=3] leben|alles|das hat|macht keinen|kein sinn mehr',
    '[gap=1] nicht|nich mehr aufwachen|aufwachn',
    '[gap=2] allem|alles|leben ein ende setzen|machen|bereiten',
    '[gap=1] nicht|nich|net mehr|mer leben|lebn',
    'nimmer leben|lebn',
    '[gap=1] will|möchte|werde schluss machen',
    '[gap=2] لا|ما|مش|مو أريد|اريد|بدي|ابغى|ابغي|ابي|عايز|عاوز|عاوزه|أرغب|ارغب أعيش|اعيش|العيش|الحياة|الحياه|أحيا|احيا|عايش|عيش',
    '[gap=1] تعبت|تعبان|تعبانه|زهقت|مليت|سئمت|طفشت|كرهت|قرفت من|م الحياة|الحياه|حياتي|العيش|الدنيا|عيشتي',
    '[gap=1] خلص|أخلص|اخلص|ارتاح|أرتاح من حياتي|حالي|نفسي|روحي|الدنيا|عمري',
    '[gap=1] لا|ما|مش أستطيع|استطيع|أقدر|اقدر|بقدر|قادر|قادره الاستمرار|أستمر|استمر',
    '[gap=2] لا|ما|مش بقدر|أقدر|اقدر|قادر|قادره كمل|أكمل|اكمل|عيش|أعيش|اعيش هيك|كده|بهالحياة|بالحياة|حياتي',
    '[gap=0] більше|больше не можу|могу',
    '[gap=0] не можу|могу більше|больше',
    '[gap=1] втомився|втомилася|втомилась|устал|устала|надоело|набридло|обридло жити|жить|існувати',
    '[gap=3] хочу|хотілося|хочеться|хочется|хотела|хотів|хотіла не прокинутися|прокинутись|проснуться|просыпаться|прокидатися',
    'покінчити|покінчу|покончить|покончу з|с усім|всім|всем',
  ],
  breathing: [
    'hiver|hev|hive|snapper|gisper efter vejret|luft|vejr',
    '[gap=1] barely|hardly|scarcely breathe|breathing|breath',
    'cant|cannot|couldnt breth|brethe|breahte|breate|breth',
    'schnappt|schnappe|japst|japse nach luft|atem',
    '[gap=1] ضيق|صعوبة|صعوبه|ضيقة|ضيقه نفس|النفس|بالنفس|نفسه|نفسها|بنفسه شديد|شديده|شديدة|جدا|حاد|كتير|كثير|قوي',
    '[gap=1] نفسه|نفسها|نفسي مقطوع|مقطوعه|مقطوعة|انقطع|منقطع',
    '*ختنق*',
    '[gap=1] ледве|ледь|насилу|еле|едва дихає|дихаю|дише|дихати|дышит|дышу|дышать',
  ],
  unconscious: [
    '[gap=0] out cold',
    '[gap=2] ist|liegt|wurde|bleibt ohnmächtig',
    '[gap=1] ohnmacht gefallen',
    '[gap=4] وقع|سقط|وقعت|سقطت|طاح|طاحت|انهار|انهارت ما|لا|مش|مو يتحرك|تتحرك|بيتحرك|بتتحرك|يرد|ترد|يحس|تحس',
  ],
  bleeding: [
    '[gap=1] so|too much blood',
    '[gap=0] überall blut',
    '[gap=0] blut überall',
    '[gap=2] الدم|دم|دمه|دمها ما|لا|مش يوقف|يتوقف|بيوقف|واقف|يقف',
    '[gap=1] кров|кровь не зупиняється|зупиняеться|зупиниться|останавливается|перестає|перестает|спиняється|уймается',
  ],
  seizure: [
    '[gap=3] skum|fråde munden|mund',
    '[gap=0] is|hes|shes|keeps|started|been fitting',
    '[gap=2] foaming|frothing mouth',
    '[gap=2] schaum mund',
    '[gap=3] رغوة|رغوه|زبد|زبده|زبدة|رغاوي فمه|فمها|فمي|الفم|تمه|تمها',
    '[gap=2] піна|пена|піною|пеной рота|рта',
    '=припадок|=припадку|=припадке|=припадки',
  ],
};

const TABLES: readonly PhraseTable[] = [DA, EN, DE, AR, UK, RED_FLAGS, LAY_SIGNS, TRANSLITERATED];

// The narrow past-event rule (see the file header).
type HistoryMarker = 'pastVerb' | 'presentVerb' | 'historicalTime' | 'presentTime';
const HISTORY: Record<HistoryMarker, readonly string[]> = {
  pastVerb: [
    'havde|haft|fik|fået|var|blev|overlevede|gennemgik',
    'had|got|suffered|survived|was|went',
    'hatte|hatten|gehabt|bekam|bekommen|erlitt|erlitten|war|überlebte',
    'كان|كانت|أصيب|اصيب|أصيبت|اصيبت|جاته|جاه|جاءته|صار|صارت|حصل|حصلت|جاتها|جاها',
    'мав|мала|був|була|було|переніс|перенесла|пережив|пережила|стався|сталася|трапився|имел|имела|был|была|перенес|перенесла|случился',
  ],
  // A present-tense verb between the past verb and the phrase ends the past event: "havde … og har ondt".
  presentVerb: ['har|er|has|have|is|are|hat|habe|ist|bin|sind|عنده|عندها|عندي|يعاني|تعاني|має|маю|є|есть|имеет|болить|болит|hurts|weh|tut'],
  historicalTime: [
    'sidste|sidst år|måned|sommer|vinter|forår|efterår',
    '[gap=2] for år|måneder|måned|årtier siden',
    'sidste|forrige år|måned',
    'last year|month|summer|winter|spring|autumn|fall',
    '[gap=2] years|months|year|month ago',
    'letztes|letzten|letzte jahr|monat|sommer|winter',
    '[gap=2] vor jahren|monaten|jahr|monat|jahrzehnten',
    '[gap=0] السنة|العام|سنة|عام|الشهر|شهر الماضي|الماضيه|الماضية|اللي فات',
    '[gap=2] قبل سنة|سنه|سنوات|سنين|سنتين|شهور|أشهر|اشهر|شهر|عام|أعوام|اعوام',
    'минулого|прошлом|прошлого року|місяця|году|месяце|года|месяца',
    'торік|минулоріч|торік',
    '[gap=2] роки|років|рік|місяці|місяців|лет|года|год|месяцев|месяца тому|назад',
  ],
  presentTime: [
    'nu|lige|akut|pludselig|pludseligt|now|right|suddenly|currently|jetzt|gerade|plötzlich|الآن|الان|هلق|هلأ|هلا|دلوقتي|حاليا|зараз|щойно|раптом|сейчас|вдруг|tonight|heute|اليوم|сьогодні|сегодня|today',
    'i dag|aften|nat',
    'i morges',
  ],
};

const HISTORY_SET = (() => {
  const set = new PatternSet<HistoryMarker>();
  for (const marker of Object.keys(HISTORY) as HistoryMarker[]) for (const source of HISTORY[marker]) set.add(source, marker);
  return set;
})();

const YEAR = /^(19|20)\d\d$/;

/** Whether the trigger occurrence `span` is a clearly past event (rule in the file header). */
function isHistorical(span: Span, tokens: readonly string[], clauses: readonly number[], history: Map<HistoryMarker, Span[]>): boolean {
  const clause = clauses[span.start];
  const inClause = (s: Span): boolean => clauses[s.start] === clause && clauses[s.end] === clause;
  const presentBetween = (from: number): boolean => (history.get('presentVerb') ?? []).some((p) => p.start > from && p.start < span.start);
  const pastVerbJustBefore = (history.get('pastVerb') ?? []).some(
    (v) => inClause(v) && v.end < span.start && span.start - v.end <= 5 && !presentBetween(v.end),
  );
  const yearInClause = tokens.some((t, i) => clauses[i] === clause && YEAR.test(t));
  const historicalTime = yearInClause || (history.get('historicalTime') ?? []).some(inClause);
  const now = (history.get('presentTime') ?? []).some(inClause);
  return pastVerbJustBefore && historicalTime && !now;
}

// Exclusions suppress a trigger occurrence only when their span covers it completely, so they
// can silence "stroke" in "Where is the stroke unit?" but never a second, real "stroke" later.
const DEVICES =
  'elevator|elevatoren|elevatorerne|liften|aufzug|fahrstuhl|ліфт|лифт|app|appen|siden|hjemmesiden|knappen|linket|skærmen|computeren|telefonen|systemet|chatten|mitid|website|site|page|button|phone|screen|system|chat|link|computer|server|browser|seite|webseite|taste|knopf|telefon|handy|bildschirm|додаток|сайт|сторінка|кнопка|телефон|програма|приложение|страница|программа';

function deviceIsNotResponding(): string[] {
  return ['reagerer ikke', 'not responding', 'unresponsive', 'reagiert nicht', 'не реагує|реагирует'].map(
    (tail) => `[gap=1] ${DEVICES} ${tail}`,
  );
}

// "1st" … "31st", for "I can't go on the 12th".
const DAYS_OF_MONTH: readonly string[] = Array.from({ length: 31 }, (_, i) => {
  const day = i + 1;
  const suffix = day >= 11 && day <= 13 ? 'th' : (['st', 'nd', 'rd'][(day % 10) - 1] ?? 'th');
  return `${day}${suffix}`;
});

const EXCLUSIONS: readonly string[] = [
  // Ward and service names: a location question about the stroke unit is not a stroke.
  '=apopleksiafsnit*|=apopleksiafdeling*|=apopleksienhed*|=apopleksiklinik*|=strokeafsnit*|=strokeunit*|=strokeenhed*|=schlaganfallstation*|=schlaganfallabteilung*|=schlaganfalleinheit*',
  '[gap=0] stroke|strokes|slagtilfælde|apopleksi|schlaganfall unit*|ward*|department*|cent*|clinic*|team*|nurs*|rehab*|service*|section*|afsnit*|afdeling*|enhed*|ambulatorie*|station*|abteilung*|einheit*|klinik*|sygeplejersk*',
  '[gap=1] afsnit|afsnittet|afdeling|afdelingen|enhed|enheden|ambulatorie|ambulatoriet|center|centret|klinik unit|ward|for|til stroke|slagtilfælde|apopleksi',
  '[gap=1] station|abteilung|einheit|zentrum|klinik für schlaganfall|schlaganfälle',
  '[gap=0] قسم|لقسم|بقسم|وحدة|وحده|لوحدة|لوحده|مركز|عيادة|عياده|جناح *سكت*|*جلط* *دماغ*',
  '[gap=0] інсульт*|инсульт* відділ*|отделен*|блок*|центр*',
  '[gap=1] відділ*|отделен*|центр*|блок* інсульт*|инсульт*',
  // Software that "does not respond" is not a person who does not respond.
  ...deviceIsNotResponding(),
  // Not responding to a treatment is a question for the ward, not unconsciousness.
  '[gap=1] reagerer|reagerede ikke godt|dårligt|medicinen|behandlingen|medicin|behandling|antibiotika|antibiotikaen',
  '[gap=1] not responding|responded to treatment|medication|medicine|antibiotics|chemo|therapy|well',
  '[gap=2] reagiert|reagierte nicht behandlung|medikamente|medikament|therapie|antibiotika',
  '[gap=1] не реагує|реагирует ліки|лікування|лекарства|лечение|антибіотики|антибиотики',
  '[gap=0] لا|ما|مش يستجيب|تستجيب للعلاج|للدواء|للادويه|للأدوية|العلاج',
  // Already in hospital after the event ("indlagt efter en blodprop i hjertet"): a visiting question.
  '[gap=2] indlagt|indlagte|opereret|behandlet|udskrevet|genoptræning|genoptræner|rehabilitering efter|for|med|pga blodprop|blodproppen i|på hjertet|hjernen',
  '[gap=2] indlagt|indlagte|opereret|behandlet|udskrevet|genoptræning|genoptræner|rehabilitering efter|for|med|pga hjerteanfald|hjerteanfaldet|slagtilfælde|slagtilfældet|hjertestop|hjerneblødning|hjerneblødningen|apopleksi',
  '[gap=2] admitted|hospitalised|hospitalized|recovering|rehab|rehabilitation|discharged|treated after|from|with|for heart|cardiac attack|arrest',
  '[gap=2] admitted|hospitalised|hospitalized|recovering|rehab|rehabilitation|discharged|treated after|from|with|for stroke|strokes',
  // "Når man har åndenød" is the general case of a page about lung tests, not someone gasping now.
  '[gap=1] når|hvis man har|får|lider åndenød|astma',
  // "Tage mit liv tilbage" is getting one's life back.
  '[gap=1] tage|tager|taget mit|sit|dit liv tilbage',
  // "Faldet om natten" is a fall at night, not a collapse.
  '[gap=0] faldet|falder|faldt om natten|aftenen|morgenen|dagen',
  // Swollen tonsils or glands are an ordinary ENT question.
  '[gap=0] hævede|hævet|hævelse mandler|mandlerne|lymfeknuder|kirtler|kirtlerne i|om|på halsen',
  // Food poisoning is a GP question, not a 112 call (and the Danish/German compounds never fire).
  '[gap=0] food poisoning',
  '[gap=0] *تسمم* غذائي|الغذائي|غذايي|الغذايي',
  '[gap=0] харчове|харчового|пищевое|пищевого отруєн*|отравлен*',
  // "أن أبتلع" is "(can I) swallow", a question about fasting, not "he swallowed".
  '[gap=1] أن|ان|أقدر|اقدر|أستطيع|استطيع|يمكنني|ممكن|لازم|يجب|هل =ابتلع',
  // Clothes or a bandage that press on the chest are not chest pressure.
  '[gap=4] tøj|tøjet|bh|bhen|bukser|bukserne|trøje|trøjen|bælte|bæltet|sele|selen|korset|kjole|kjolen|skjorte|skjorten|bandage|bandagen|forbinding|forbindingen|strømper strammer|trykker|klemmer|snører|spænder i|om|for|på brystet|bryst|brystkassen',
  // Numbness after an anaesthetic or a nerve block is expected and asked about: a ward question.
  '[gap=4] arm|armen|ben|benet|benene|hånd|hånden|fod|foden|kan|ka slap|følelsesløs|følelsesløst|føleløs|føleløst|lammet|lam|bevæge|løfte|mærke efter|pga|fra bedøvelse*|blokade*|narkose*|rygmarvsbedøvelse*|epidural*|blodprøve*|drop|droppet|indstik*|vaccin*|stikket',
  '[gap=4] arm|leg|legs|hand|foot|cant|cannot numb|limp|weak|dead|move|lift|feel after|from|since anaesthetic|anesthetic|anaesthesia|anesthesia|nerve|block|epidural|spinal|blood|drip|injection|jab|vaccine|vaccination|cannula',
  '[gap=4] arm|bein|beine|hand|fuß|kann taub|gelähmt|schlaff|bewegen|heben|spüren nach|seit|wegen betäubung|narkose|spinalanästhesie|periduralanästhesie|nervenblock*|pda|blutabnahme|infusion|spritze|impfung',
  '[gap=4] рука|нога|руку|ногу|оніміла|онемела після|после наркозу|наркоза|анестезії|анестезии|уколу|укола|крапельниці|капельницы|блокади|блокады|щеплення|прививки',
  '[gap=4] *ذراع*|ايده|يده|ايدها|يدها|رجله|رجلها بعد البنج|التخدير|الابره|الإبرة|الحقنه|الحقنة|المغذي|التطعيم',
  // "Can't speak Arabic well" asks for an interpreter; it is not a lost voice.
  '[gap=3] لا|ما|مش|مو يتكلم|تتكلم|يحكي|تحكي|ينطق|تنطق|يتحدث|تتحدث عربي|العربي|عربيه|العربيه|عربية|العربية|انجليزي|الانجليزي|انكليزي|دنماركي|الدنماركي|الدنماركيه|الدنماركية|اللغه|اللغة|لغه|لغة',
  // Dementia that takes a person's words is known, not sudden: a question about the visit.
  '[gap=4] demens|dement|demente|alzheimer|alzheimers|afasi kan|ka|svært finde ord|ordene',
  '[gap=4] dementia|alzheimers|alzheimer|aphasia cant|cannot|struggles|struggling find|get words',
  '[gap=4] demenz|dement|alzheimer|aphasie findet|finde keine|die worte|wörter',
  '[gap=4] деменці*|деменци*|альцгеймер* не може|может знайти|підібрати|найти|подобрать слова|слів|слов',
  // Thanks and lost words in a letter are not aphasia: "kan ikke finde ord for", "keine Worte für".
  '[gap=1] kan|ka|kunne ikke|ik|ikk finde ord|ordene for|til',
  '[gap=2] cant|cannot|couldnt|unable|struggling find|get words to|for',
  '[gap=1] finde|finden|findet|fand keine worte|wörter für|um',
  // "I can't go on" followed by what cannot be done is a practical limit, not despair:
  // "orker ikke mere at vente", "kan ikke mere end gå 100 meter", "can't go on Tuesday",
  // "kann nicht mehr so lange stehen", "більше не можу чекати". Nothing here reaches past a comma.
  '[gap=1] orker|gider|kan|ka ikke|ik|ikk mere|mer|længere at|af|med|end|til|vent*|telefonkø*|gå|huske|køre|arbejde|stå|sidde|betale',
  '[gap=0] cant|cannot|couldnt go on monday|tuesday|wednesday|thursday|friday|saturday|sunday|mondays|tuesdays|wednesdays|thursdays|fridays|weekend|holiday|holidays|vacation|foot|leave|tomorrow|today|that|those|these|date|day|days|time|online|internet',
  // "the" alone would also hide "I can't go on the way things are", so the noun is named.
  `[gap=1] cant|cannot|couldnt go on the|a|an|my|his|her|their|our|this|that|next|that ${[
    'bus|train|plane|flight|trip|date|day|ward|website|site|holiday|vacation|list|waiting|scan|appointment|tour|walk|stairs|escalator|weekend|morning|afternoon|evening',
    ...DAYS_OF_MONTH,
  ].join('|')}`,
  '[gap=0] no point anymore in|to|coming|going|waiting|calling|booking',
  '[gap=1] kann|will|mag nicht|nich mehr als|warten|laufen|gehen|stehen|sitzen|schlafen|essen|trinken|arbeiten|lesen|schreiben|fahren|autofahren|lange|länger|allein|alleine|selbst|richtig|zur|zum|ins|treppen|treppe',
  '[gap=2] не можу|може|может|могу знайти|підібрати|найти|подобрать слова|слів|слов подяки|вдячності|благодарности|признательности',
  '[gap=1] більше|больше не можу|могу чекати|ходити|стояти|сидіти|їсти|спати|працювати|їхати|платити|ждать|ходить|стоять|сидеть|есть|спать|работать|ехать|платить',
  '[gap=1] не можу|могу більше|больше чекати|ходити|стояти|сидіти|їсти|спати|працювати|їхати|платити|ждать|ходить|стоять|сидеть|есть|спать|работать|ехать|платить',
  // Muscle and leg cramps are not seizures.
  '[gap=0] *تشنج* عضلي|العضلات|عضلات|الساق|بالساق|الرجل|رجلي',
  '[gap=1] судом*|судорог* ногах|нозі|литках|литці|икрах|ногу|ноге|ноги',
];

function compile(): { triggers: PatternSet<EmergencyCategory>; exclusions: PatternSet<EmergencyCategory> } {
  const triggers = new PatternSet<EmergencyCategory>();
  for (const table of TABLES) {
    for (const category of CATEGORY_ORDER) {
      for (const source of table[category] ?? []) triggers.add(source, category);
    }
  }
  const exclusions = new PatternSet<EmergencyCategory>();
  for (const source of EXCLUSIONS) exclusions.add(source, null);
  return { triggers, exclusions };
}

const COMPILED = compile();

export function detectEmergency(text: string): EmergencyDetection {
  const raw = typeof text === 'string' ? text : '';
  const tokens = normaliseForMatching(raw).split(' ').filter((t) => t.length > 0);
  if (tokens.length === 0) return { emergency: false, categories: [], matched: [] };

  const triggerSpans = findSpans(COMPILED.triggers, tokens);
  const clauses = clauseIds(raw, tokens.length);
  const exclusionSpans: Span[] = [];
  if (clauses) {
    for (const list of findSpans(COMPILED.exclusions, tokens).values()) {
      for (const x of list) if (clauses[x.start] === clauses[x.end]) exclusionSpans.push(x);
    }
  }

  const history = new Map<HistoryMarker, Span[]>();
  if (clauses) {
    for (const [phrase, spans] of findSpans(HISTORY_SET, tokens)) {
      if (phrase.category) history.set(phrase.category, [...(history.get(phrase.category) ?? []), ...spans]);
    }
  }

  const categories = new Set<EmergencyCategory>();
  const matched = new Set<string>();
  for (const [phrase, spans] of triggerSpans) {
    const live = spans.some(
      (s) =>
        !exclusionSpans.some((x) => x.start <= s.start && s.end <= x.end) &&
        !(clauses && phrase.category !== 'suicide' && isHistorical(s, tokens, clauses, history)),
    );
    if (!live || !phrase.category) continue;
    categories.add(phrase.category);
    matched.add(phrase.label);
  }
  const ordered = CATEGORY_ORDER.filter((c) => categories.has(c));
  return { emergency: ordered.length > 0, categories: ordered, matched: [...matched].sort() };
}
