// The maintained list of words that mean the same thing to a citizen asking and to the page answering:
// lay ↔ clinical Danish ("blodprøve" ↔ "blodprøvetagning", "kikkertundersøgelse" ↔ "endoskopi"),
// compounds and abbreviations ("p-plads" ↔ "parkeringsplads"), and the words citizens use in English,
// German, Arabic and Ukrainian for what the Danish pages call it. The embedded default has no
// translation model, so this list is also how a question in another language finds the Danish page.
//
// Each group is one concept; its first entry is the Danish word a page most likely uses. Entries may be
// phrases ("blood test"); a question word is matched on its Danish stem, or as a prefix for entries of
// five letters or more ("parkeringen" matches "parkering"). Keep groups narrow: a word that belongs to
// two meanings ("spise": to eat, and the café) goes in both groups only when both are meant.
//
// To add a word: put it in the group it means, add a question to `evals/sets/` that needs it, and run
// `npm run eval`. Groups are data, not code; tests check their shape (src/search/query.test.ts).

export const synonymGroups: readonly (readonly string[])[] = [
  // Getting there and parking
  ['parkering', 'parkere', 'parkeringsplads', 'parkeringspladser', 'p-plads', 'p-pladser', 'p-hus', 'p-huset', 'parkeringshus', 'p-område', 'parkeringsområde', 'park', 'parking', 'car park', 'parken', 'parkplatz', 'parkhaus', 'parkmöglichkeit', 'موقف', 'مواقف', 'ركن', 'اركن', 'паркування', 'парковка', 'паркінг', 'припаркуватися', 'припаркувати', 'parking lot', 'parking space', 'parking spaces', 'parkmöglichkeiten', 'موقف السيارات', 'مواقف السيارات', 'ركن السيارة', 'стоянка', 'автостоянка', 'стоянці', 'парковці', 'паркуватися', 'припаркуватись'],
  ['pris', 'priser', 'koste', 'koster', 'kr', 'takst', 'takster', 'betale', 'betaling', 'betaler', 'gratis', 'price', 'prices', 'cost', 'costs', 'pay', 'fee', 'free', 'kosten', 'kostet', 'preis', 'preise', 'gebühr', 'bezahlen', 'kostenlos', 'سعر', 'تكلفة', 'يكلف', 'ادفع', 'الدفع', 'مجاني', 'ціна', 'вартість', 'коштує', 'коштують', 'коштуватиме', 'коштувати', 'платити', 'заплатити', 'оплатити', 'оплата', 'безкоштовно', 'kostenpflichtig', 'رسوم', 'بكم', 'платний', 'платна', 'платно', 'тариф'],
  ['handicapparkering', 'handicappladser', 'handicapplads', 'handicap', 'disabled', 'blue badge', 'accessible parking', 'behindertenparkplatz', 'behindert', 'ذوي الاحتياجات', 'інвалідністю', 'інвалідів'],
  ['ladestander', 'ladestandere', 'opladning', 'elbil', 'elbiler', 'electric car', 'ev charging', 'charging', 'ev charger', 'car charger', 'charging point', 'charging station', 'elektroauto', 'ladestation', 'laden', 'سيارة كهربائية', 'شحن', 'електромобіль', 'зарядка', 'зарядна', 'зарядити', 'підзарядити', 'зарядки'],
  ['aflevering', 'afhentning', 'sætte af', 'sætte én af', 'drop off', 'drop-off', 'pick up', 'absetzen', 'abholen', 'إنزال', 'висадити'],
  ['bus', 'busser', 'buslinje', 'buslinjer', 'busstoppested', 'stoppested', 'bus stop', 'haltestelle', 'حافلة', 'باص', 'автобус', 'зупинка', 'buses', 'busse', 'buslinie', 'bushaltestelle', 'الباص', 'الحافلات', 'موقف الحافلات', 'محطة الحافلات', 'автобусна зупинка', 'маршрутка', 'маршрутки'],
  ['tog', 'togstation', 'station', 'banegård', 'train', 'railway', 'zug', 'bahnhof', 'قطار', 'محطة', 'потяг', 'поїзд', 'вокзал', 'станція', 'züge', 'الْقطار', 'електричка'],
  ['taxa', 'taxi', 'taxis', 'تاكسي', 'таксі'],
  ['befordring', 'kørsel', 'patientbefordring', 'patient transport', 'krankentransport', 'نقل المرضى', 'транспортування'],
  ['cykel', 'cykler', 'cykelparkering', 'bike', 'bicycle', 'fahrrad', 'دراجة', 'велосипед'],
  // Finding the way
  ['indgang', 'indgange', 'hovedindgang', 'hovedindgangen', 'entrance', 'entrances', 'main entrance', 'entry', 'eingang', 'haupteingang', 'مدخل', 'المدخل', 'вхід', 'входу', 'вход', 'входи', 'головний вхід', 'بوابة'],
  ['etage', 'sal', 'floor', 'level', 'stock', 'stockwerk', 'طابق', 'الطابق', 'поверх', 'поверсі'],
  ['afdeling', 'afsnit', 'ambulatorium', 'klinik', 'department', 'ward', 'clinic', 'outpatient', 'abteilung', 'ambulanz', 'قسم', 'عيادة', 'відділення', 'клініка', 'палата'],
  ['akutmodtagelse', 'akutmodtagelsen', 'skadestue', 'skadestuen', 'emergency department', 'a&e', 'casualty', 'notaufnahme', 'قسم الطوارئ', 'الطوارئ', 'приймальне відділення', 'emergency room', 'emergency ward', 'accident and emergency', 'notfallaufnahme', 'notfallambulanz', 'rettungsstelle', 'قسم الإسعاف', 'طوارئ', 'приймальне відділення невідкладної допомоги', 'відділення невідкладної допомоги', 'невідкладна допомога', 'приймальний покій', 'травмпункт'],
  ['børn', 'barn', 'børnehospital', 'børnehospitalet', 'børneafdeling', 'børneambulatoriet', 'pædiatri', 'child', 'children', 'kids', "children's hospital", 'kinder', 'kinderklinik', 'أطفال', 'طفل', 'діти', 'дитина', 'дитяча', 'дитину', 'дитини', 'дітей', 'дитячий', 'дитяче', 'طفلي', 'أطفالي'],
  // Visiting and facilities
  ['besøg', 'besøge', 'besøgstid', 'besøgstider', 'besøgende', 'visit', 'visiting', 'visitor', 'visitors', 'visiting hours', 'besuch', 'besuchen', 'besuchszeit', 'besuchszeiten', 'besucher', 'زيارة', 'الزيارة', 'الزوار', 'відвідування', 'відвідати', 'відвідувачі', 'visiting time', 'visiting times', 'مواعيد الزيارة', 'أوقات الزيارة', 'أزور', 'години відвідування', 'час відвідування', 'відвідини', 'відвідувач', 'провідати', 'провідувати'],
  ['åbningstid', 'åbningstider', 'åbent', 'åben', 'åbner', 'lukker', 'opening hours', 'open', 'opens', 'closes', 'öffnungszeiten', 'geöffnet', 'offen', 'ساعات العمل', 'مفتوح', 'години роботи', 'відчинено', 'працює', 'opening times', 'أوقات العمل', 'مواعيد العمل', 'يفتح', 'يغلق', 'графік роботи', 'відкрито', 'зачинено'],
  ['café', 'cafe', 'cafeteria', 'kantine', 'kiosk', 'kaffe', 'canteen', 'coffee', 'snack', 'kaffee', 'imbiss', 'مقهى', 'كافتيريا', 'قهوة', 'кафе', 'їдальня', 'кава', 'كافيه', 'кав\'ярня', 'кафетерій', 'буфет'],
  ['mad', 'spise', 'spiser', 'måltid', 'food', 'eat', 'meal', 'essen', 'mahlzeit', 'طعام', 'أكل', 'آكل', 'їжа', 'їсти', 'поїсти', 'їжу', 'їжі'],
  ['drikke', 'drikker', 'drink', 'trinken', 'شرب', 'أشرب', 'пити', 'попити'],
  ['vand', 'water', 'wasser', 'ماء', 'الماء', 'вода', 'воду', 'води'],
  ['pårørende', 'familie', 'mor', 'far', 'mand', 'kone', 'hustru', 'kæreste', 'forældre', 'søn', 'datter', 'bedstemor', 'bedstefar', 'relative', 'relatives', 'family', 'mother', 'father', 'mum', 'mom', 'dad', 'wife', 'husband', 'partner', 'angehörige', 'mutter', 'vater', 'ehefrau', 'ehemann', 'الأهل', 'أمي', 'أبي', 'زوجتي', 'زوجي', 'родичі', 'мама', 'мати', 'тато', 'батько', 'дружина', 'чоловік', 'мамою', 'мами', 'мамі', 'сина', 'син', 'донька', 'дочка', 'доньку', 'дружину', 'дружини', 'чоловіка', 'батьки'],
  ['overnatning', 'overnatte', 'sove', 'stay overnight', 'overnight', 'übernachten', 'übernachtung', 'المبيت', 'ночувати', 'переночувати', 'залишитися на ніч'],
  ['wifi', 'trådløst', 'internet', 'wi-fi', 'wlan', 'الإنترنت', 'інтернет', 'wlan-zugang', 'واي فاي', 'вайфай', 'вай-фай'],
  ['glemte sager', 'glemt', 'glemte', 'forgot', 'forgotten', 'hittegods', 'lost property', 'lost and found', 'fundbüro', 'المفقودات', 'бюро знахідок'],
  ['kørestol', 'kørestole', 'wheelchair', 'rollstuhl', 'كرسي متحرك', 'інвалідний візок', 'візок', 'كراسي متحركة', 'كرسي للمقعدين', 'інвалідні візки', 'візки', 'візка'],
  ['e-mail', 'e-mailadresse', 'e-mail-adresse', 'mailadresse', 'email', 'mail', 'e-mail address', 'email address', 'البريد الإلكتروني', 'ايميل', 'електронна пошта', 'імейл', 'email-адреса'],
  ['omstilling', 'omstillingen', 'hovednummer', 'switchboard', 'main number', 'telefonzentrale', 'zentrale', 'المقسم', 'الرقم الرئيسي', 'комутатор', 'довідкова'],
  ['telefon', 'telefonnummer', 'telefonnr', 'tlf', 'tlf nr', 'ringe', 'ring', 'nummer', 'phone', 'telephone', 'call', 'number', 'anrufen', 'هاتف', 'رقم', 'اتصال', 'أتصل', 'телефон', 'номер', 'зателефонувати', 'telephone number', 'رقم الهاتف', 'подзвонити', 'дзвонити'],
  ['tolk', 'tolke', 'tolkning', 'tolkebistand', 'interpreter', 'translator', 'dolmetscher', 'dolmetschen', 'مترجم', 'ترجمة', 'перекладач', 'interpreting', 'übersetzer', 'مترجمة', 'ترجمان', 'перекладачка', 'переклад'],
  ['patientkontor', 'patientkontoret', 'patient office', 'patientenbüro', 'مكتب المرضى', 'бюро пацієнтів'],
  ['rettigheder', 'patientrettigheder', 'klage', 'klager', 'klagemulighed', 'rights', 'complaint', 'complain', 'rechte', 'beschwerde', 'حقوق', 'شكوى', 'права', 'скарга', 'поскаржитися', 'скаржитися', 'скаргу'],
  // Before and after a procedure
  ['faste', 'fastende', 'fasten', 'fasting', 'fast', 'nil by mouth', 'nüchtern', 'صيام', 'الصيام', 'صائم', 'натщесерце', 'голодувати', 'голодування', 'empty stomach', 'nüchtern sein', 'معدة فارغة', 'صائما', 'голодний шлунок', 'أصوم', 'الصوم', 'صوم'],
  ['bedøvelse', 'bedøves', 'bedøvet', 'narkose', 'anæstesi', 'fuld bedøvelse', 'anaesthesia', 'anesthesia', 'anaesthetic', 'anesthetic', 'betäubung', 'anästhesie', 'تخدير', 'التخدير', 'наркоз', 'анестезія'],
  ['operation', 'operationen', 'opereret', 'opereres', 'indgreb', 'kirurgi', 'surgery', 'operiert', 'eingriff', 'عملية', 'جراحة', 'операція', 'операції', 'операцію', 'операцією'],
  ['medbringe', 'medbring', 'tage med', 'pakke', 'bring', 'pack', 'mitbringen', 'mitnehmen', 'أحضر', 'إحضار', 'взяти', 'взяти з собою'],
  ['indlæggelse', 'indlagt', 'indlæggelsen', 'admission', 'admitted', 'stay in hospital', 'aufnahme', 'stationär', 'دخول المستشفى', 'госпіталізація'],
  ['udskrivelse', 'udskrevet', 'hjem', 'discharge', 'discharged', 'going home', 'entlassung', 'entlassen', 'الخروج', 'виписка'],
  ['sår', 'sårpleje', 'forbinding', 'plaster', 'wound', 'dressing', 'wunde', 'verband', 'جرح', 'рана', 'пов\'язка'],
  ['smerter', 'smertelindring', 'smertestillende', 'ondt', 'pain', 'painkiller', 'painkillers', 'pain relief', 'schmerzen', 'schmerzmittel', 'ألم', 'مسكن', 'біль', 'знеболення'],
  ['køre bil', 'bilkørsel', 'drive', 'driving', 'auto fahren', 'قيادة', 'керувати', 'за кермо'],
  ['rygestop', 'rygning', 'ryge', 'ryger', 'smoking', 'smoke', 'stop smoking', 'rauchen', 'rauchstopp', 'التدخين', 'куріння'],
  ['medicin', 'medicinen', 'tabletter', 'piller', 'medication', 'medicine', 'pills', 'medikamente', 'tabletten', 'دواء', 'أدوية', 'دوائي', 'الدواء', 'أدويتي', 'ліки', 'ліків', 'таблетки', 'ліками', 'препарати', 'медикаменти'],
  // Examinations and treatments: lay ↔ clinical
  ['blodprøve', 'blodprøver', 'blodprøvetagning', 'blodprøvetagningen', 'prøvetagning', 'blood test', 'blood tests', 'blood sample', 'blood samples', 'blutprobe', 'blutabnahme', 'bluttest', 'blutuntersuchung', 'تحليل دم', 'فحص الدم', 'تحليل الدم', 'عينات الدم', 'عينة دم', 'عينة الدم', 'سحب الدم', 'аналіз крові', 'аналізом крові', 'аналізу крові', 'аналізи крові', 'здати кров', 'blood work', 'blood draw', 'blutentnahme', 'blut abnehmen', 'تحاليل الدم', 'سحب دم', 'забір крові', 'здати аналіз крові', 'здати аналіз', 'здати аналізи', 'кров на аналіз'],
  ['endoskopi', 'kikkertundersøgelse', 'kikkertundersøgelser', 'skopi', 'endoscopy', 'endoskopie', 'spiegelung', 'تنظير', 'ендоскопія'],
  ['koloskopi', 'tarmundersøgelse', 'kikkertundersøgelse af tyktarmen', 'tyktarm', 'tyktarmen', 'colonoscopy', 'bowel', 'darmspiegelung', 'koloskopie', 'تنظير القولون', 'колоноскопія'],
  ['gastroskopi', 'mavesæk', 'mavesækken', 'kikkertundersøgelse af mavesækken', 'gastroscopy', 'stomach', 'magenspiegelung', 'gastroskopie', 'تنظير المعدة', 'гастроскопія'],
  ['artroskopi', 'kikkertundersøgelse af knæet', 'kikkertoperation', 'arthroscopy', 'keyhole', 'arthroskopie', 'kniespiegelung', 'تنظير المفصل', 'артроскопія'],
  ['røntgen', 'røntgenundersøgelse', 'røntgenafdeling', 'røntgenafdelingen', 'billeddiagnostik', 'radiologi', 'x-ray', 'xray', 'x ray', 'röntgen', 'أشعة', 'الأشعة', 'рентген'],
  ['mr-scanning', 'mr', 'mri', 'mr-skanning', 'magnetisk resonans', 'scanner', 'mrt', 'kernspin', 'الرنين المغناطيسي', 'мрт'],
  ['ct-scanning', 'ct', 'ct-skanning', 'ct scan', 'الأشعة المقطعية', 'кт'],
  ['scanning', 'skanning', 'scan', 'ultralyd', 'ultrasound', 'ultraschall', 'سونار', 'узд', 'сканування'],
  ['graviditetsscanning', 'nakkefoldsscanning', 'misdannelsesscanning', 'gravid', 'graviditet', 'pregnancy scan', 'pregnant', 'pregnancy', 'schwanger', 'schwangerschaft', 'حامل', 'الحمل', 'вагітність', 'вагітна'],
  ['fødsel', 'føde', 'fødegang', 'fødegangen', 'fødeafdeling', 'birth', 'give birth', 'labour', 'maternity', 'geburt', 'entbindung', 'kreißsaal', 'ولادة', 'الولادة', 'пологи', 'народжувати'],
  ['grå stær', 'katarakt', 'cataract', 'grauer star', 'المياه البيضاء', 'катаракта'],
  ['ny hofte', 'hofte', 'hofteoperation', 'hoftealloplastik', 'hip', 'hip replacement', 'hüfte', 'hüftoperation', 'الورك', 'кульшовий', 'стегно'],
  ['nyt knæ', 'knæ', 'knæet', 'knæoperation', 'knee', 'knee replacement', 'knie', 'الركبة', 'ركبة', 'коліно', 'коліна'],
  ['skulder', 'skulderen', 'skulderoperation', 'shoulder', 'schulter', 'كتف', 'الكتف', 'плече'],
  ['galdesten', 'galdeblære', 'gallstones', 'gallbladder', 'gallensteine', 'gallenblase', 'حصى المرارة', 'жовчні камені'],
  ['lyskebrok', 'brok', 'hernia', 'leistenbruch', 'فتق', 'грижа'],
  ['hjertesvigt', 'hjertesvigtklinik', 'hjertesvigtklinikken', 'heart failure', 'herzinsuffizienz', 'herzschwäche', 'فشل القلب', 'серцева недостатність'],
  ['ekkokardiografi', 'hjertescanning', 'ultralydsscanning af hjertet', 'echocardiogram', 'echocardiography', 'heart scan', 'herzultraschall', 'echokardiographie', 'إيكو القلب', 'ехокардіографія'],
  ['dialyse', 'dialysis', 'غسيل الكلى', 'діаліз'],
  ['mammografi', 'brystkræft', 'brystundersøgelse', 'mammogram', 'mammography', 'breast cancer', 'mammographie', 'brustkrebs', 'سرطان الثدي', 'мамографія'],
  ['søvnapnø', 'søvnundersøgelse', 'snorken', 'sleep apnoea', 'sleep apnea', 'sleep study', 'snoring', 'schlafapnoe', 'schnarchen', 'انقطاع النفس', 'апное'],
  ['lungefunktionsundersøgelse', 'lungefunktion', 'spirometri', 'lung function', 'spirometry', 'lungenfunktion', 'وظائف الرئة', 'функція легень'],
  ['allergitest', 'priktest', 'allergi', 'allergy test', 'skin prick', 'allergy', 'allergietest', 'allergie', 'حساسية', 'алергія', 'алергопроба'],
  ['fysioterapi', 'genoptræning', 'fysioterapeut', 'physiotherapy', 'physio', 'rehabilitation', 'physiotherapie', 'krankengymnastik', 'علاج طبيعي', 'фізіотерапія'],
  ['metal', 'implantat', 'pacemaker', 'implant', 'معدن', 'метал'],
];
