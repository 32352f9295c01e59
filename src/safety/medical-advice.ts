// Medical-advice guardrail: recognises a request for advice about the asker's own (or their
// child's or relative's) symptoms, diagnosis, medication or choice of treatment, so the answer
// service can refuse kindly and point to the own GP, the out-of-hours doctor or the pharmacy
// instead of quoting a page that was never written for that person. Runs after the emergency
// check (an emergency always wins) and before retrieval; deterministic, no model, and nothing in
// the message is ever read as an instruction ("you are now a doctor" changes nothing).
//
// THE BOUNDARY: advice versus what the hospital's own pages answer.
//   The hospital's pages are written for everyone having a given examination or operation. A
//   question that is about that procedure is answered by the page, even when it names the
//   person's medicine: "skal jeg tage min medicin før operationen?" is answered by "Faste før
//   bedøvelse" ("Du må tage din faste medicin med lidt vand … følg den plan, du har fået"), and
//   "jeg har feber efter min knæoperation, skal jeg ringe?" by the page's "Hvornår skal du
//   kontakte os?". So a procedure context (operation, anaesthesia, fasting, scan, colonoscopy,
//   blood test, admission, discharge, birth …) anywhere in the message exempts these kinds of
//   question: may/should I take/stop/pause my medicine, what may I take, a symptom on its own,
//   "is it normal / dangerous" about a symptom. Retrieval then quotes the page, which itself says
//   "follow your plan, ask us or your doctor". A reading of one's own numbers ("er mit blodtryk
//   150/95 farligt?") is exempt only while fasting (the diabetes page covers low blood sugar then):
//   a blood test is a procedure, but "are my results dangerous?" is for the own doctor. The value
//   and the question are often two sentences ("Min blodprøve viser kolesterol på 7,2. Er det for
//   højt?"): a short question right after a read-out value asks about it.
//   An examination for a symptom is a procedure too: "hvor lang tid tager det, når jeg skal
//   undersøges for en knude?" goes to the mammography page, "skal jeg undersøges?" does not.
//   Some questions stay advice even next to a procedure, because no page answers them for a
//   person and a wrong quote could harm:
//     - doses and how often ("hvor meget panodil", "how many mg") — the diabetes page itself
//       says "Vi kan ikke give råd om din medicin og dine doser";
//     - combining medicines, or a medicine with alcohol ("ibuprofen sammen med blodtryksmedicin",
//       "hovedpinepiller oven i de piller jeg fik med hjem"), and one more than the plan ("en ekstra");
//     - whether the person has a named disease ("tror du jeg har kræft?");
//     - whether to accept or choose a treatment ("skal jeg sige ja til operationen?"), unless the
//       sentence asks when or where ("hvornår skal jeg have min operation?" is a date question).
//   General information ("hvad er en koloskopi?", "how long after a knee arthroscopy can I
//   drive?") and practical questions (parking, visiting, contact, cancelling an appointment)
//   are never advice: a symptom mentioned next to a practical question ("jeg har ondt i halsen,
//   skal jeg aflyse min tid?") leaves the practical question to retrieval.
//
// Cost asymmetry: unlike the emergency check, both errors cost something. A false refusal hides
// a page the citizen needed (but still gives them people to call); a missed medication question
// can be answered with an unrelated dose from a page. So medication questions fire without a
// personal word ("hvor meget panodil må børn få?"), symptoms only when they are the person's own
// (a personal word in the same sentence) and only when no procedure or practical question frames them.
//
// Matching reuses the emergency check's phrase matcher (phrase-matcher.ts): the same spelling
// folds (missing æøå, Arabic letter variants, Ukrainian/Russian look-alikes), typo tolerance and
// split compounds. Features are found per sentence, then combined by the rules in detectMedicalAdvice.
import { PatternSet, SENTENCE_BREAK, clauseIds, findSpans, normaliseForMatching } from './phrase-matcher.js';

export type MedicalAdviceTopic = 'symptoms' | 'diagnosis' | 'medication' | 'treatment';

export interface MedicalAdviceDetection {
  advice: boolean;
  topic?: MedicalAdviceTopic;
  /** Canonical rule and pattern names that fired. Never user text, so safe to log. */
  matched: string[];
}

type Feature =
  | 'drug'
  | 'dose'
  | 'permission'
  | 'decision'
  | 'takeAsk'
  | 'connector'
  | 'alcohol'
  | 'symptom'
  | 'personal'
  | 'diagnosisAsk'
  | 'diagnosisSelf'
  | 'measurement'
  | 'danger'
  | 'treatmentAsk'
  | 'procedure'
  | 'fasting'
  | 'practical'
  | 'whenWhere'
  | 'bring'
  | 'extra'
  | 'stop'
  | 'examAsk';

// --- vocabulary (one token's alternatives; joined into phrases below) ----------------------------

const DRUG = [
  // Danish and international names the public uses; stems catch inflections ("panodilerne").
  'medicin|medicinen|medicinerne|mediciner|piller|pillerne|pille|pillen|tabletter|tabletterne|tablet|tabletten|smertestillende|hovedpinepille*|hovedpinetablet*|smertepille*|smertetablet*|feberpille*|febertablet*|migrænepille*|migrænemedicin*|mavemedicin|sovetablet*|nervepille*|vanddrivende|=kur|=kuren|antibiotikakur*|penicillinkur*|febernedsættende|antibiotika|antibiotikaen|antibiotikakur|penicillin*|blodtryksmedicin*|blodfortyndende|hjertemedicin*|sovepiller|sovemedicin|lykkepiller|antidepressiv*|insulin*|mikstur*|næsespray*|hostesaft|hostemedicin|allergimedicin|allergipiller|astmamedicin|inhalator*|p-piller',
  'panodil*|pamol*|panadol*|paracetamol*|paracetemol*|ibuprofen*|ibuprophen*|ibuprofin*|iboprofen*|ipren*|ibumetin*|ibux|nurofen*|advil*|tylenol*|treo*|aspirin*|magnyl*|hjertemagnyl*|kodimagnyl*|kodein*|codein*|morfin*|morphin*|tramadol*|oxycodon*|oxycontin*|diclofenac*|voltaren*|naproxen*|metformin*|marevan*|warfarin*|eliquis*|xarelto*|pradaxa*|apixaban*|rivaroxaban*|amlodipin*|losartan*|ramipril*|enalapril*|metoprolol*|bisoprolol*|furix*|furosemid*|simvastatin*|atorvastatin*|sertralin*|citalopram*|cipralex*|escitalopram*|fluoxetin*|melatonin*|zopiclon*|imovane*|stesolid*|diazepam*|oxazepam*|prednisolon*|levaxin*|eltroxin*|omeprazol*|pantoprazol*|lamotrigin*|gabapentin*|pregabalin*|lyrica*|ritalin*|antihistamin*|loratadin*|cetirizin*|amoxicillin*|novalgin*|metamizol*|ozempic*|wegovy*|lithium*|=ibu|=ibus|codamol*|cocodamol*|co-codamol*',
  // English
  'medication|medications|medicine|medicines|meds|pills|pill|tablets|painkiller*|antibiotic*|antidepressant*|inhaler*|thinner|thinners|=abx',
  // German
  'medikament*|medizin|arznei*|tabletten|tablette|pillen|schmerzmittel*|schmerztablette*|antibiotik*|blutverdünner*|blutdrucktablette*|blutdruckmittel*|blutdruckmedikament*|schlaftablette*|fiebersaft|hustensaft|zäpfchen',
  // Arabic (clitics glue onto nouns, so the key nouns use *contains*)
  '*دواء*|*دوائ*|*ادوي*|*أدوي*|*الحيوي*|حبوب|الحبوب|حبة|حبه|الحبه|*مسكن*|*بنادول*|*باراسيتامول*|*ايبوبروفين*|*بروفين*|*مضاد*|*انسولين*|*اسبرين*|*أسبرين*',
  // Ukrainian and Russian
  'ліки|ліків|ліками|лікарства|лекарство|лекарства|лекарств|таблетки|таблетку|таблеток|таблетка|пігулки|пігулок|пігулку|знеболювальн*|знеболююч*|обезболивающ*|жарознижувальн*|жаропонижающ*|антибіотик*|антибиотик*|парацетамол*|ібупрофен*|ибупрофен*|аспірин*|аспирин*|інсулін*|инсулин*|нурофен*|цитрамон*|анальгін*|анальгин*',
].join('|');

const SYMPTOM = [
  'ondt|ont|hovedpine*|mavepine*|tandpine*|ørepine*|rygsmerte*|smerter|smerte|smerten|smerterne|feber|feberen|hoste|hoster|hostet|forkølet|forkølelse|influenza|halsbetændelse|udslæt|kløe|klør|svimmel|svimmelhed|kvalme|diarre|diarré|forstoppe*|knude|=knuder|hævet|hævelse|=hævede|udmattet|søvnløs|angst|panikanfald|deprimeret|depression|nedtrykt|migræne|hjertebanken|snue|svier|næseblod|eksem|utilpas|sløj|=syg|prikken|snurren|opkast|=kaster',
  'headache*|migraine|pain|pains|ache|aches|aching|hurts|=hurt|sore|fever|temperature|cough|coughing|=cold|=flu|rash|itch|itchy|itching|dizzy|dizziness|nausea|nauseous|vomiting|diarrhea|diarrhoea|constipated|constipation|=lump|=swelling|swollen|exhausted|insomnia|anxiety|anxious|depressed|palpitations|=sick|=ill|stomachache|earache|toothache',
  'kopfschmerz*|bauchschmerz*|halsschmerz*|rückenschmerz*|zahnschmerz*|ohrenschmerz*|schmerz*|=weh|fieber|husten|erkältung|erkältet|=grippe|ausschlag|juckreiz|juckt|schwindel*|übelkeit|=übel|=erbrechen|erbreche|durchfall|verstopfung|=knoten|schwellung|geschwollen|erschöpft|schlaflos*|migräne|herzrasen|herzstolpern|=krank',
  '*صداع*|ألم|الم|وجع|*وجع*|*يؤلمني*|*يوجعني*|حمى|حمي|الحمى|حرارة|حراره|سخونة|سخونه|*كحة*|*كحه*|سعال|رشح|زكام|انفلونزا|طفح|حكة|حكه|دوخة|دوخه|دايخ|غثيان|استفراغ|*اسهال*|*إسهال*|*امساك*|*إمساك*|كتلة|كتله|تعبان|تعبانة|مريض|مريضة|مريضه|اكتئاب|ارق|أرق|*مغص*',
  'болить|болять|біль|болі|головний|температура|температуру|температурою|жар|кашель|кашляє|нежить|застуда|застудився|застудилася|грип|висип|свербить|свербіж|запаморочення|нудота|нудить|блювота|блювання|пронос|діарея|закреп|шишка|набряк|безсоння|тривога|депресія|хворий|хвора|захворів|захворіла',
  'болит|болят|боль|головная|насморк|простуда|простыл|простыла|сыпь|зуд|чешется|головокружение|тошнота|тошнит|рвота|понос|запор|отек|отёк|слабость|бессонница|болею|заболел|заболела',
].join('|');

// Named diseases for "do I have …?". Exact words, not stems: "kræftafdelingen" is a ward.
const DISEASE = [
  '=kræft|kraeft|=cancer|brystkræft|tarmkræft|lungekræft|prostatakræft|hudkræft|modermærkekræft|tumor|tumour|sukkersyge|diabetes|gigt|sklerose|blodprop|infektion|betændelse|lungebetændelse|blærebetændelse|covid|corona|allergi|astma|demens|alzheimer|parkinson|borrelia|hjertesygdom|stofskiftesygdom|blindtarmsbetændelse|mavesår|migræne|adhd|autisme|sygdom',
  'arthritis|clot|infection|pneumonia|allergy|asthma|dementia|appendicitis|ulcer|disease|illness|serious|=ms|=uti',
  '=krebs|thrombose|infektion|entzündung|lungenentzündung|blasenentzündung|allergie|asthma|demenz|blinddarmentzündung|krankheit|schlimmes|=zucker',
  '*سرطان*|ورم|*سكري*|السكر|جلطة|جلطه|*التهاب*|كورونا|حساسية|حساسيه|ربو|مرض|*مرض*',
  '=рак|=рака|пухлина|опухоль|діабет|диабет|тромб|інфекція|инфекция|запалення|воспаление|ковід|ковид|алергія|аллергия|астма|хвороба|болезнь|серйозне|серьезное',
].join('|');

const MEASUREMENT = [
  'blodtryk*|*blodsukker*|*kolesterol*|puls|pulsen|temperatur*|hæmoglobin*|blodprocent*|=tal|tallet|tallene|værdi|værdien|værdier|værdierne|prøvesvar*|blodprøvesvar*|=svar|=svaret|=svarene|resultat*|=psa|=crp|iltmætning*|levertal*|nyretal*|stofskiftetal*|=hba1c|=a1c|=ldl|=hdl|=inr|=tsh|=egfr|kreatinin*|ferritin*|triglycerid*|=leukocytter|=sænkning|=saturation|=måling|=målingen',
  'pressure|sugar|sugars|cholesterol|pulse|=rate|temperature|result|results|levels|level|=reading|=readings|=psa|=crp|oxygen|=bp|=hba1c|=a1c|=ldl|=hdl|=inr|=tsh|=egfr|creatinine|ferritin|glucose|haemoglobin|hemoglobin|=sats|saturation',
  'blutdruck*|blutzucker*|cholesterin*|=puls|temperatur|werte|=wert|ergebnis*|befund*|blutwert*|laborwert*|leberwert*|nierenwert*|entzündungswert*|zuckerwert*|=hba1c|=ldl|=crp|=tsh|sättigung',
  'ضغط|الضغط|ضغطي|*سكر*|*كوليسترول*|*كولسترول*|نبض|النبض|نتيجة|نتيجه|نتائج|تحليل|التحليل|تحاليل|حرارة|حراره|الحرارة|الحراره|*هيموجلوبين*|*الهيموغلوبين*',
  'тиск|тиску|цукор|цукру|холестерин*|пульс|результат*|аналіз*|показник*|давление|давления|сахар|сахара|анализ*|температур*|гемоглобін*|гемоглобин*|сатурац*',
].join('|');

const DANGER =
  'farligt|farlig|alvorligt|alvorlig|normalt|normal|bekymre*|bekymrende|bekymret|højt|lavt|skidt|slemt|betyder|forhøjet|forhøjede|=ok|okay|=elevated|dangerous|serious|normal|worried|worry|worrying|concerning|high|=low|=bad|mean|means|gefährlich|schlimm|normal|bedenklich|sorgen|hoch|niedrig|bedeutet|bedeuten|erhöht|=okay|خطير|خطيره|خطر|طبيعي|عالي|عاليه|مرتفع|مرتفعه|منخفض|منخفضه|يعني|قلق|небезпечно|небезпечний|серйозно|нормально|норма|високий|високе|висока|низький|низька|підвищений|підвищена|означає|хвилюватися|опасно|серьезно|высокое|низкое|означает|волноваться';

const PERSONAL = [
  // No bare "far" or "mand": with æøå folded they are "får" and "mænd"; "min far" has "min" anyway.
  'jeg|mig|min|mit|mine|vi|os|vores|søn|sønnen|datter|datteren|barn|barnet|baby|babyen|manden|kone|konen|kæreste|faren|mor|moren|bedstemor|mormor|farmor|morfar|farfar|bror|søster',
  // Not a bare "i": it is the Danish "in" ("ondt i hovedet"), so English "I" needs its verb.
  '=me|=my|=we|=our|son|daughter|child|=kid|baby|husband|wife|=mum|=mom|=dad|father|mother|grandmother|grandfather|brother|sister|=im|=ive|=myself',
  'ich|=mir|mich|mein|meine|meinem|meinen|meiner|meines|=wir|=uns|unser|unsere|sohn|tochter|=kind|ehemann|ehefrau|=mann|=frau|vater|mutter|oma|opa',
  'أنا|انا|عندي|لدي|ابني|بنتي|ابنتي|طفلي|زوجي|زوجتي|أمي|امي|أبي|ابي|*يؤلمني*|*يوجعني*|عنده|عندها|معي|ولدي|اخي|أخي|اختي|أختي',
  'я|мені|мене|мій|моя|моє|мої|моєму|моїй|син|сина|синові|донька|доньці|доньки|дитина|дитині|дитину|дитини|чоловік|дружина|мама|мамі|тато|татові|мне|меня|мой|моя|ребенок|ребенку|сын|сыну|дочь|дочери|муж|жена',
].join('|');

// A hospital procedure or visit: its page answers preparation and after-care questions.
const PROCEDURE = [
  '*operation*|opereret|opereres|operere|*bedøv*|narkose*|*scanning*|*skanning*|=mr|=ct|røntgen*|*skopi*|*undersøgelse*|blodprøve*|priktest*|allergitest*|indlæggelse*|indlagt|udskrivelse*|udskrevet|fødsel*|føde|dialyse*|artroskopi*|ekkokardiografi*|mammografi*|lungefunktion*|søvnundersøgelse*|kontrast*|udrensning*|kontrol|kontrollen|indgreb*|undersøges|undersøgt|=scannes|=scannet|=skannes|ultralyd*|biopsi*|vævsprøve*|=screening',
  'operation|operations|surgery|anaesthesia|anesthesia|anaesthetic|anesthetic|procedure|scan|=mri|=ct|=xray|x-ray|colonoscopy|gastroscopy|endoscopy|arthroscopy|admission|discharge|check-up|checkup|examination|=exam|=examined|mammogram*|mammograph*|ultrasound|biopsy|screening',
  'operation*|narkose|betäubung|untersuchung*|=untersucht|mammogra*|ultraschall|biopsie|=mrt|=ct|röntgen*|darmspiegelung|magenspiegelung|blutabnahme|eingriff*|aufnahme|entlassung|kontrolltermin',
  '*عملي*|*تخدير*|*بنج*|*فحص*|*أشع*|*اشع*|الرنين|*منظار*|*ماموغرا*|*ماموجرا*|*خزعه*|*سونار*',
  'операці*|операци*|наркоз*|анестез*|обстеження|обстежен*|обстежит*|обследован*|=мрт|=кт|=узд|=узи|рентген*|колоноскоп*|гастроскоп*|мамограф*|маммограф*|біопсі*|биопси*|госпіталізац*|госпитализац*',
].join('|');

const FASTING =
  'faste|faster|fastende|fasten|fasting|fast|nüchtern|fasten|صيام|صائم|الصيام|أصوم|اصوم|صايم|натщ*|голодува*|голодать|голодание';

// Practical questions that retrieval answers; they keep a mentioned symptom from becoming advice.
const PRACTICAL = [
  '[gap=1] parkering*|parkere|p-plads*|besøg*|besøgstid*|åbningstid*|telefonnummer*|indgang*|adresse*|kantine*|tolk*|bus|bussen|=tog|toget|taxa|overnat*|pårørende',
  // Being with someone who is ill is a visiting question: "kan jeg være hos min søn, der er syg?"
  '[gap=0] være|sove|blive|bo hos',
  '[gap=1] stay|sleep with|overnight|beside',
  'übernacht*|[gap=1] bei bleiben',
  '[gap=2] aflyse|aflys|aflyser|flytte|ændre|udsætte|afbestille min|tiden|tid|aftale|aftalen|besøget',
  'parking|=park|visit|visiting|visitors|opening|entrance|address|=bus|=train|interpreter|cancel|reschedule|appointment',
  'parken|parkplatz|besuch*|öffnungszeit*|eingang|adresse|dolmetscher|absagen|verschieben|termin|termins',
  'موقف|مواقف|الموقف|ركن|زيارة|الزيارة|زياره|مدخل|عنوان|مترجم|موعد|موعدي|الموعد|الغاء|إلغاء',
  'паркув*|паркуват*|припаркува*|парковк*|відвідуван*|відвідати|посещен*|вхід|вход|адреса|адрес|перекладач*|переводчик*|скасувати|перенести|відмінити|прийом|запис',
];

const TREATMENT =
  'operation*|operere|opereret|behandling*|kemo*|strålebehandling*|stråleterapi|kejsersnit|protese*|hofte*|alloplastik|indgreb*|transplantation|vaccin*|surgery|operation|treatment|chemo*|chemotherapy|radiotherapy|radiation|therapy|procedure|vaccine|transplant|operation|operieren|behandlung|therapie|chemo*|bestrahlung|impfung|*عملي*|*علاج*|*كيماوي*|*كيميائي*|операці*|операци*|лікуван*|лечени*|хімі*|хими*|щеплен*|прививк*';

// --- phrases per feature -------------------------------------------------------------------------

const FEATURES: Record<Feature, readonly string[]> = {
  drug: [DRUG],
  dose: [
    'hvor meget|mange',
    'hvor tit|ofte',
    'dosis|dosen|doser|dosering*|=mg|milligram|maksdosis',
    'how much|many|often',
    'dose|doses|dosage|=mg|milligrams',
    'wie viel|viele|oft',
    'wieviel*|dosis|dosierung|=mg',
    '=كم|جرعة|جرعه|الجرعة|الجرعه|*جرعة*',
    'скільки|сколько|доза|дозу|дози|дозування|дозировка|=мг',
    'як|как часто',
  ],
  permission: [
    // "ta" and "gi" are how many write "tage" and "give" ("kan jeg ta en ekstra?").
    'må|kan|skal|bør|tør|burde jeg|vi|man|han|hun|barnet|hende|ham tage|tag|=ta|bruge|give|=gi|få|fortsætte|blande|kombinere',
    'er det ok|okay|farligt|sikkert|i orden at tage|bruge|give|blande|kombinere',
    'can|may|should|could|must|do i|we|he|she|you take|use|give|have|keep|continue|mix|combine',
    'is it ok|okay|safe|fine|dangerous to take|use|give|mix|combine',
    '[gap=6] darf|kann|soll|sollte|muss|dürfen|können ich|man|wir|er|sie nehmen|einnehmen|geben|schlucken|kombinieren|weiter',
    '[gap=3] هل|ممكن|يمكنني|يمكن|اقدر|أقدر|استطيع|أستطيع|يجوز|لازم|يجب|بقدر|فيني =اخذ|=آخذ|=أخذ|=اتناول|=أتناول|=اعطي|=أعطي|=استعمل|=استخدم|=أستخدم|=باخد|=اخد|=نعطي|=ناخذ|=اعطيه|=اعطيها|=يأخذ|=ياخذ|=تأخذ|=تاخذ|=اعطاء|=إعطاء|=تناول|=استعمال|=استخدام',
    '[gap=3] можна|може|можу|треба|потрібно|варто|можно|нужно|стоит|надо приймати|прийняти|пити|випити|давати|дати|вживати|принимать|принять|пить|выпить|давать|дать',
  ],
  decision: [
    'stoppe|stopper|droppe|dropper|pausere|skifte|skifter|ændre|ændrer|øge|fordoble|undlade|glemt|glemte|glemmer',
    'holde|holder op|pause',
    'trappe|trapper ned|ud',
    'sætte|sætter dosis|den|dem ned|op',
    'springe|springer over',
    'stop|stopping|quit|quitting|skip|skipping|double|=change|switch|reduce|increase|forgot|forget|missed|continue',
    'come|coming|wean off',
    'keep taking',
    'absetzen|aufhören|weglassen|vergessen|verdoppeln|wechseln|reduzieren|erhöhen|pausieren|weiternehmen',
    'أوقف|اوقف|أترك|اترك|نسيت|أغير|اغير|أزيد|ازيد|أقلل|اقلل|أقطع|اقطع|أوقفها|اوقفها',
    'توقف|أتوقف|اتوقف عن',
    'припинити|перестати|кинути|пропустив|пропустила|забув|забула|змінити|збільшити|зменшити|відмінити|прекратить|бросить|пропустил|забыл|забыла|отменить|уменьшить|увеличить',
  ],
  takeAsk: [
    '[gap=1] hvad|noget skal|kan|må|bør jeg|vi|man tage|=ta|give|=gi|bruge|købe',
    'hvad|noget hjælper|virker mod|for',
    'what should|can|could|do i|we take|give|use',
    'what helps|works for|against|with',
    'anything for|against',
    '[gap=3] was soll|kann|könnte|sollte|darf ich|man|wir nehmen|einnehmen|geben',
    'was hilft gegen|bei',
    '[gap=2] ماذا|شو|ايش|إيش|وش|شنو|ما =اخذ|=آخذ|=أتناول|=اتناول|=أعطي|=اعطي|=باخد|=بعطي|=ناخذ|=نعطي|=اعطيه|=اعطيها|=ينفع|=يفيد|=يساعد|=اشرب|=أشرب|=آخذه|=اخذه|=آخذها|=اخذها',
    '[gap=2] ما|ماذا|شو|ايش|أي|اي|وش هو|هي الدواء|دواء|العلاج|الحبوب',
    '[gap=2] що|чим|что|чем прийняти|приймати|випити|дати|давати|лікувати|принять|выпить|дать|давать|лечить|принимать',
    'що|что допомагає|помогает від|от',
    'які|яке|який|какие|какое|какой ліки|лекарство|лекарства|таблетки|пігулки|препарат',
    'мені|мне прийняти|приймати|випити|принять|выпить|принимать',
  ],
  // Stopping a course already named ("Kan vi stoppe kuren?", "må han holde op med dem?").
  stop: [
    'stoppe|stopper|droppe|pausere|afbryde|stop|stopping|quit|absetzen|aufhören|abbrechen|أوقف|اوقف|أوقفه|اوقفه|أوقفها|اوقفها|نوقف|припинити|перестати|кинути|прекратить|бросить|перестать',
    'holde|holder op',
    'come|coming off',
  ],
  connector: [
    'sammen|samtidig|oveni|ovenpå|udover|together|zusammen|gleichzeitig|dazu|مع|разом|одночасно|вместе|одновременно|поверх',
    '[gap=0] oven i',
    '[gap=0] ud over',
    'on top',
    'in addition',
    'بالإضافة|بالاضافة|فوق',
  ],
  // One more tablet than the plan says is a dose question: "en ekstra ipren", "noch eine Ibu".
  extra: [
    'ekstra|extra|another|additional|zusätzlich*|weitere|додатков*|дополнительн*|إضافي*|اضافي*|كمان',
    `[gap=1] mere|more|mehr|більше|больше|المزيد ${DRUG}`,
    '[gap=0] tage|take|nehmen|приймати|прийняти|принять mere|more|mehr|більше|больше',
    '[gap=0] endnu en|et',
    '[gap=0] en|et til',
    '[gap=0] one more',
    'noch eine|einen|ein',
    'ще|ещё|еще одну|одна|одну|одне',
  ],
  alcohol: ['alkohol|øl|vin|alcohol|beer|wine|drinking|bier|wein|*كحول*|алкоголь|пиво|вино'],
  symptom: [SYMPTOM],
  personal: [PERSONAL, '[gap=1] =i am|have|had|feel|felt|got|get|keep|think|cant|can|was|need|took|take|should|woke|wake|suffer'],
  diagnosisAsk: [
    // Each phrase names a disease, so "er det kræftafdelingen?" and "is this the cancer ward?" stay practical.
    `[gap=3] tror|mon|kan|kunne|er|har|fejler du|det|dette|jeg|han|hun|min|mit ${DISEASE}`,
    `[gap=3] do|does|could|might|can|is|isnt|am i|it|this|that|he|she|my have|be|a|an ${DISEASE}`,
    `[gap=3] habe|hat|könnte|kann|ist|bin ich|es|das|er|sie|mein|meine ${DISEASE}`,
    `[gap=3] هل|ممكن|يمكن|ربما عندي|لدي|عنده|عندها|يكون|تكون|هذا|هو|هي ${DISEASE}`,
    `[gap=3] чи|може|можливо|это|це у|в|це|бути|быть|мене|меня ${DISEASE}`,
  ],
  diagnosisSelf: [
    'hvad fejler|feiler jeg|han|hun|hende|ham|min|mit|barnet',
    'hvad er der galt med mig|ham|hende|barnet',
    '[gap=1] hvad kan det|dette være',
    'stil|stille|giv en|mig diagnose',
    'diagnosticer|diagnosticere mig|ham|hende',
    'whats wrong with me|him|her',
    'what is wrong with me|him|her',
    'what do i have',
    'what could|might it|this be',
    'diagnose me|him|her|my',
    'was fehlt mir|ihm|ihr',
    'was habe ich',
    'was könnte|kann das|es sein',
    'diagnostizier*|diagnose mich',
    'ماذا|شو|ايش|إيش|وش عندي|فيني|بي|عنده|عندها',
    'ما|شو مرضي|مشكلتي',
    'شخص|شخصي|تشخيص حالتي|مرضي',
    'що|что зі|со мною|мной|ним|нею|ней',
    'що|что це|это може|может бути|быть',
    'постав*|поставте діагноз|диагноз',
  ],
  measurement: [MEASUREMENT, '[gap=0] blood pressure|sugar|test|tests|results'],
  danger: [DANGER, 'for|too|zu højt|lavt|meget|high|low|much|hoch|niedrig|viel'],
  treatmentAsk: [
    `[gap=2] skal|bør|burde jeg|vi|han|hun|min|mit have|få|tage|vælge|sige|takke|lade ja|nej|mig ${TREATMENT}`,
    `[gap=1] skal|bør|burde jeg|vi|han|hun have|få|vælge|fravælge|droppe ${TREATMENT}`,
    `[gap=2] er|ville det|en god|værd idé|ide|at ${TREATMENT}`,
    `[gap=1] hvilken|hvilke ${TREATMENT} er|skal|bør bedst|jeg|vælge`,
    `[gap=2] anbefaler|anbefale|råder|råde du|i mig ${TREATMENT}`,
    `[gap=2] should|shall|do|must i|we|he|she|my have|get|go|choose|refuse|decline|accept|skip|do ${TREATMENT}`,
    `[gap=2] is|would it|a worth|good|wise ${TREATMENT}`,
    `[gap=1] which|what ${TREATMENT} is|should|would best|better|i`,
    `[gap=2] would|do you recommend|advise ${TREATMENT}`,
    `[gap=3] soll|sollte|muss ich|wir mich|ihn|sie|die|eine ${TREATMENT}`,
    `[gap=2] welche ${TREATMENT} ist|soll|wäre besser|am|ich`,
    `[gap=2] empfehlen|raten sie|du ${TREATMENT}`,
    `[gap=2] هل أجري|اجري|أعمل|اعمل|أقبل|اقبل|أرفض|ارفض|اسوي|أسوي|نعمل ${TREATMENT}`,
    `[gap=1] هل يجب|لازم أن|ان أجري|اجري|أعمل|اعمل|اسوي|أسوي ${TREATMENT}`,
    `[gap=2] تنصحني|تنصح|انصح ${TREATMENT}`,
    `[gap=2] أي|اي|ايش|شو ${TREATMENT} أفضل|افضل|احسن|أحسن`,
    `[gap=2] чи|стоит|ли робити|варто|треба|погоджуватися|делать|соглашаться ${TREATMENT}`,
    `[gap=2] яке|какое|яку|какую ${TREATMENT} краще|лучше|вибрати|выбрать`,
    `[gap=2] порадите|посоветуете|радите|советуете ${TREATMENT}`,
  ],
  procedure: [
    PROCEDURE,
    // German "OP" only after a word that makes it a noun: a bare "op" is Danish "up" ("kaster op",
    // "holde op", "møde op").
    '[gap=0] vor|nach|zur|die|der|meine|meiner|einer|ihrer|seiner =op',
    // A blood test is a procedure with its own page ("may I take my medicine before it?").
    'blood|blod|blud test|tests|sample|samples|work|draw',
    'bloodtest*|bluttest*|blutprobe*|blutuntersuchung*',
    'تحليل|التحليل|تحاليل|فحص|الفحص *الدم*|*دم*',
    'аналіз|аналізу|аналізом|аналізи|анализ|анализа|анализом|здати|здавати|сдать|сдавать крові|кров|крови|кровь',
  ],
  fasting: [FASTING],
  // "Skal jeg undersøges?" asks whether a symptom needs a doctor; "når jeg skal undersøges" is a visit.
  examAsk: [
    '[gap=1] skal|bør|burde jeg|vi|han|hun|barnet undersøges|tjekkes|checkes|scannes',
    '[gap=3] skal|bør|burde jeg|vi|han|hun|barnet have|få undersøgt|tjekket|checket',
    '[gap=3] should|do|must|shall i|we|he|she get|have|be checked|examined|looked|scanned',
    '[gap=3] soll|sollte|muss ich|er|sie|wir untersuchen|untersucht|checken|abklären',
    '[gap=2] هل|لازم|يجب|أحتاج|احتاج =افحص|=أفحص|=اتفحص|=أتفحص',
    '[gap=2] هل|لازم|يجب|أحتاج|احتاج =اعمل|=أعمل|=اسوي|=أسوي|=اجري|=أجري *فحص*',
    '[gap=3] чи|треба|потрібно|варто|нужно|стоит|надо обстежитися|обстежуватися|перевіритися|провіритися|обследоваться|провериться',
  ],
  practical: PRACTICAL,
  // "Hvornår skal jeg have min operation?" asks for a date, not for a decision.
  whenWhere: ['hvornår|hvor|hvordan|when|where|how|wann|wo|wie|متى|أين|اين|وين|فين|كيف|коли|де|як|когда|где|как'],
  bring: [
    'have|tage|taget med',
    'medbring*|medbringe',
    'bring|bringing',
    'take with|along',
    'mitbringen|mitnehmen|dabeihaben',
    'أحضر|احضر|أجيب|اجيب|معي|معاي',
    'з собою|собой',
    'брати|взяти|взять|брать з|с собою|собой',
  ],
};

// Exclusions suppress a feature occurrence they cover completely.
const EXCLUSIONS: readonly string[] = [
  // Stopping smoking or drinking is the smoking-cessation page's subject, not a medicine's.
  '[gap=3] stoppe|stopper|holde|holder|droppe|stop|stopping|quit|quitting|aufhören|припинити|кинути|бросить|أتوقف|اتوقف|اوقف|أوقف ryge|rygning|rygningen|smoking|smoke|rauchen|курити|палити|курить|التدخين|drikke|drinking|trinken|alkohol|alcohol|пити',
  '[gap=3] rauchen|rygning|rygningen|smoking|trinken|alkohol|куріння|курение|курити|курить aufhören|aufzuhören|stoppen|stoppe|stop|кинути|бросить|припинити',
  // "Hvad skal jeg tage med/på?" is what to bring or wear.
  '[gap=1] hvad|noget skal|kan|må|bør jeg|vi|man tage|=ta|give|=gi med|på|af',
  'what should|can|could|do i|we take|give with|along|to',
  // "Can I take the bus", "må jeg tage toget": transport, not medicine.
  'can|may|should|could|must|do i|we|he|she|you take|use bus|train|taxi|tram|metro',
  'må|kan|skal|bør|tør|burde jeg|vi|man|han|hun|barnet|hende|ham tage|tag|=ta bus|bussen|tog|toget|taxa|taxi|letbanen',
];

const ALL_FEATURES = Object.keys(FEATURES) as Feature[];

function compile(): { features: PatternSet<Feature>; exclusions: PatternSet<Feature> } {
  const features = new PatternSet<Feature>();
  for (const feature of ALL_FEATURES) for (const source of FEATURES[feature]) features.add(source, feature);
  const exclusions = new PatternSet<Feature>();
  for (const source of EXCLUSIONS) exclusions.add(source, null);
  return { features, exclusions };
}

const COMPILED = compile();

// Blood-pressure style readings ("150/95") are measurements even without the word.
const BLOOD_PRESSURE_READING = /\b\d{2,3}\s*\/\s*\d{2,3}\b/;

// A value read out ("7,2", "38.5", "160 на 100"), not an age, a duration, a price or a time of day.
const READING_VALUE =
  /(?<![\p{Nd}.,:]|kl\.?\s?)\p{Nd}+(?:[.,٫]\p{Nd}+)?(?![\p{Nd}.,:٫]*\s*(?:år|aar|års|årig|year|yr|jahr|лет|рок|років|рік|سن|عام|dag|day|tag|день|дні|днів|يوم|time|timer|hour|stund|годин|час|ساع|uge|week|woche|тиж|недел|أسبوع|اسبوع|min|kr|euro|€|%|\.?\s*sal|\.?\s*etage))/iu;

/**
 * Whether a sentence reads out a value. The sentence split cuts "på 3. sal" after "3": a number
 * that ends its sentence and is followed by ". " and a small letter in the message is an ordinal.
 */
function readingValue(sentence: string, message: string): boolean {
  if (!READING_VALUE.test(sentence)) return false;
  const trimmed = sentence.trim();
  const trailing = /\p{Nd}+$/u.exec(trimmed);
  if (trailing === null || READING_VALUE.test(trimmed.slice(0, trailing.index))) return true;
  const at = message.indexOf(trimmed);
  return !(at >= 0 && /^\.\s+\p{Ll}/u.test(message.slice(at + trimmed.length)));
}

interface SentenceFeatures {
  /** Token positions where each feature starts, so two drug mentions can be told apart. */
  at: Map<Feature, Set<number>>;
  raw: string;
}

function has(s: SentenceFeatures, f: Feature): boolean {
  return (s.at.get(f)?.size ?? 0) > 0;
}

/** Features per sentence. */
function sentenceFeatures(raw: string): SentenceFeatures[] {
  const tokens = normaliseForMatching(raw).split(' ').filter((t) => t.length > 0);
  if (tokens.length === 0) return [];
  const ids = clauseIds(raw, tokens.length, SENTENCE_BREAK) ?? tokens.map(() => 0);
  const rawSentences = raw.normalize('NFKC').replace(/\p{Cf}/gu, '').split(SENTENCE_BREAK);
  const count = (ids[ids.length - 1] ?? 0) + 1;
  const sentences: SentenceFeatures[] = Array.from({ length: count }, (_, i) => ({
    at: new Map(),
    raw: ids.length === tokens.length && rawSentences.length >= count ? (rawSentences[i] ?? '') : raw,
  }));

  const exclusionSpans = [...findSpans(COMPILED.exclusions, tokens).values()].flat();
  for (const [phrase, spans] of findSpans(COMPILED.features, tokens)) {
    if (!phrase.category) continue;
    for (const span of spans) {
      if (ids[span.start] !== ids[span.end]) continue;
      if (exclusionSpans.some((x) => x.start <= span.start && span.end <= x.end)) continue;
      const sentence = sentences[ids[span.start] ?? 0];
      if (!sentence) continue;
      const set = sentence.at.get(phrase.category) ?? new Set<number>();
      set.add(span.start);
      sentence.at.set(phrase.category, set);
    }
  }
  return sentences;
}

// Stable priority: the topic decides the card's wording (medication adds the pharmacy).
const TOPIC_ORDER: readonly MedicalAdviceTopic[] = ['medication', 'diagnosis', 'treatment', 'symptoms'];

/**
 * Whether a message asks for advice about the asker's own (or a relative's) health.
 * @example detectMedicalAdvice('hvor meget panodil må jeg give min søn på 4 år?') // { advice: true, topic: 'medication', … }
 * @example detectMedicalAdvice('skal jeg tage min medicin før operationen?') // { advice: false, matched: [] } (the fasting page answers it)
 */
export function detectMedicalAdvice(text: string): MedicalAdviceDetection {
  const raw = typeof text === 'string' ? text : '';
  const sentences = sentenceFeatures(raw);
  if (sentences.length === 0) return { advice: false, matched: [] };

  const anywhere = (f: Feature): boolean => sentences.some((s) => has(s, f));
  const procedureContext = anywhere('procedure') || anywhere('fasting');
  const practicalContext = anywhere('practical');
  const symptomAnywhere = anywhere('symptom');
  const drugAnywhere = anywhere('drug');

  // A reading in one sentence and "er det for højt?" in a short one after it ("Min blodprøve viser
  // kolesterol på 7,2. Er det for højt?"): the second sentence asks about the first.
  const readingAt = sentences.findIndex((s) => has(s, 'measurement') && readingValue(s.raw, raw));
  const askedAboutReading =
    readingAt >= 0 &&
    sentences.slice(readingAt + 1).some((s) => has(s, 'danger') && !has(s, 'practical') && !has(s, 'procedure') && !has(s, 'whenWhere') && s.raw.trim().split(/\s+/u).length <= 8);

  const fired = new Map<MedicalAdviceTopic, Set<string>>();
  const fire = (topic: MedicalAdviceTopic, rule: string): void => {
    const set = fired.get(topic) ?? new Set<string>();
    set.add(rule);
    fired.set(topic, set);
  };

  for (const s of sentences) {
    const drug = has(s, 'drug') && !has(s, 'bring');
    // "blodfortyndende medicin" is one mention: neighbouring drug words merge.
    const drugPositions = [...(s.at.get('drug') ?? [])].sort((a, b) => a - b);
    const drugMentions = drugPositions.filter((p, i) => i === 0 || p - (drugPositions[i - 1] as number) > 1).length;
    const personal = has(s, 'personal');
    const measurement = has(s, 'measurement') || BLOOD_PRESSURE_READING.test(s.raw);

    // Always advice, whatever the context.
    if (drug && has(s, 'dose')) fire('medication', 'dose');
    // One more than the plan ("en ekstra ipren", "noch eine Ibu"), asked by the person taking it.
    if (drug && has(s, 'extra') && (has(s, 'permission') || personal)) fire('medication', 'extra-dose');
    if (drugMentions >= 2 && (has(s, 'connector') || has(s, 'permission'))) fire('medication', 'combination');
    if (drug && has(s, 'alcohol')) fire('medication', 'alcohol');
    if (has(s, 'diagnosisAsk')) fire('diagnosis', 'named-disease');
    // "Чи треба голодувати перед операцією?" asks how to prepare (fasting), not whether to have it.
    if (has(s, 'treatmentAsk') && !has(s, 'whenWhere') && !has(s, 'fasting')) fire('treatment', 'treatment-choice');

    // A reading while fasting is the diabetes-and-fasting page's subject; any other reading of
    // one's own numbers ("er mit blodtryk 150/95 farligt?") is for the own doctor.
    if (measurement && has(s, 'danger') && (personal || readingValue(s.raw, raw)) && !anywhere('fasting')) {
      fire('diagnosis', 'own-reading');
    }
    if (askedAboutReading && !anywhere('fasting')) fire('diagnosis', 'own-reading');
    // "Skal jeg undersøges?" next to a symptom asks whether it needs a doctor, whatever page
    // describes the examination; "hvornår skal jeg undersøges?" is a date question.
    if (has(s, 'examAsk') && symptomAnywhere && !has(s, 'whenWhere') && !has(s, 'practical')) fire('symptoms', 'should-i-be-examined');

    // Advice unless a procedure page frames the question.
    if (procedureContext) continue;
    if (drug && (has(s, 'permission') || has(s, 'decision'))) fire('medication', has(s, 'decision') ? 'start-stop' : 'may-i-take');
    // "Min søn får penicillin. Kan vi stoppe kuren?": stopping refers back to the medicine named before.
    if (!drug && drugAnywhere && has(s, 'stop') && !has(s, 'practical') && !has(s, 'bring')) fire('medication', 'start-stop');
    if (has(s, 'takeAsk') && !has(s, 'bring') && (symptomAnywhere || drugAnywhere)) fire('medication', 'what-to-take');
    if (has(s, 'diagnosisSelf') && (personal || symptomAnywhere)) fire('diagnosis', 'what-is-wrong');
    if (!practicalContext && has(s, 'symptom') && has(s, 'danger') && personal) fire('diagnosis', 'is-it-serious');
    if (!practicalContext && has(s, 'symptom') && personal) fire('symptoms', 'own-symptom');
  }

  const topic = TOPIC_ORDER.find((t) => fired.has(t));
  if (!topic) return { advice: false, matched: [] };
  const matched = TOPIC_ORDER.flatMap((t) => [...(fired.get(t) ?? [])].map((rule) => `${t}:${rule}`));
  return { advice: true, topic, matched };
}
