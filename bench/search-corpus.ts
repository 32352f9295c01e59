// The corpus and queries of `npm run bench:search`: chunks that read like the demo hospitals' pages
// (their own sentences, recombined, with the long tail of Danish compounds a real site has), and a
// fixed set of questions, each with the chunks that answer it, so Recall@5 can be measured.
import type { Chunk } from '../src/search/search-index.js';

/** Small deterministic generator (mulberry32): the corpus is the same on every machine. */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

export type QueryKind = 'common' | 'rare' | 'typo' | 'compound';

export interface BenchQuery {
  text: string;
  kind: QueryKind;
  hospital?: string;
  /** Chunk ids that answer the question: a hit among the first five counts for Recall@5. */
  relevant: string[];
  /**
   * For a one-word question many chunks answer equally well: besides `relevant`, any chunk of the
   * question's hospital whose title contains this word counts.
   */
  relevantTitleWord?: string;
}

const hospitals = ['fjordby', 'havnekobing', 'lyngaa'];
const hospitalNames: Record<string, string> = { fjordby: 'Fjordby Sygehus', havnekobing: 'Havnekøbing Sygehus', lyngaa: 'Lyngå Sygehus' };

// Practical sentences every hospital site has many variants of; the demo pages are mostly patient
// information, so parking, transport and meeting times would otherwise be rarer than on a real site.
const practicalSentences = [
  'Du kan parkere gratis på P-pladsen ved indgang 2.',
  'Parkering i P-huset koster 15 kr. i timen, og du betaler med appen.',
  'Der er handicapparkering tæt ved hovedindgangen.',
  'Mød op i afsnittets reception 15 minutter før din tid.',
  'Hvis du er forsinket, skal du ringe til afdelingen.',
  'Bussen stopper ved hovedindgangen hvert kvarter.',
  'Besøgstiden er fra kl. 12 til 20, men tal med personalet, hvis du har brug for noget andet.',
  'Du er velkommen til at tage en pårørende med til samtalen.',
  'Husk dit sundhedskort og en liste over den medicin, du tager.',
  'Operationen foregår i bedøvelse, og du skal faste fra midnat.',
  'Efter operationen kommer du på opvågningsafsnittet.',
  'Ring til os på telefon 66 11 22 33 på hverdage kl. 8–15.',
  'Du kan få en tolk, hvis du ikke taler dansk.',
  'Elevatoren til 3. sal ligger til højre for informationen.',
  'Afbud skal ske senest dagen før, ellers kan du blive opkrævet et gebyr.',
];

// Parts of the long tail: compounds such as "hjertemedicin" or "parkeringsvagt" that a region's
// pages contain thousands of, each on few pages. The index's vocabulary grows with them as it would.
const compoundHeads = (
  'hjerte lunge nyre lever mave tarm hud øje øre knæ hofte skulder ryg blod sår smerte bedøvelse operations ' +
  'parkerings besøgs patient børne akut ambulatorie sengeafsnits røntgen scannings trænings kost medicin ' +
  'jordemoder fødsels graviditets diabetes allergi vaccinations kontrol udskrivnings indlæggelses tolke ' +
  'knogle muskel nerve hjerne blære prostata bryst livmoder hals næse tand mund fod hånd arm ben led sene ' +
  'kræft stråle kemo dialyse ilt væske ernærings søvn stress angst demens gigt astma infektions feber'
).split(' ');
const compoundTails = (
  'klinik afsnit undersøgelse behandling tid plads vagt kort liste plan skema samtale forløb pjece telefon ' +
  'team læge sygeplejerske prøve måling svar pleje indgang gang rum hus aftale kontakt ordning regler ' +
  'bog seddel skole kursus gruppe vejledning henvisning kørsel ophold ' +
  'center enhed funktion kirurgi terapi middel dosis test kort stue seng vogn bad køkken depot lager ' +
  'sekretær koordinator konsulent forsker studie projekt register database rapport portal app'
).split(' ');

/** Rare medical terms, each placed in a handful of chunks. */
const rareTerms = ['sarkoidose', 'akalasi', 'myasteni', 'kolesteatom', 'trigeminusneuralgi', 'hidrosadenitis', 'polymyalgi', 'akromegali'];
const chunksPerRareTerm = 4;

interface Bank {
  sentences: string[];
  titles: string[];
  headings: string[];
}

/** Sentences, titles and headings of the demo content, the raw material of the generated chunks. */
export function bankOf(demoChunks: readonly Chunk[]): Bank {
  const sentences = new Set<string>(practicalSentences);
  const titles = new Set<string>();
  const headings = new Set<string>();
  for (const chunk of demoChunks) {
    if (chunk.language !== 'da') continue;
    titles.add(chunk.title);
    for (const heading of chunk.headingPath.slice(1)) headings.add(heading);
    for (const sentence of chunk.text.split(/(?<=[.!?])\s+|\n+/)) {
      const cleaned = sentence.replace(/^[•\-–]\s*/, '').trim();
      if (cleaned.split(/\s+/).length >= 4) sentences.add(cleaned);
    }
  }
  return { sentences: [...sentences], titles: [...titles], headings: [...headings] };
}

const pick = <T>(items: readonly T[], next: () => number): T => items[Math.floor(next() * items.length)] as T;

function compound(next: () => number): string {
  const head = pick(compoundHeads, next);
  // Now and then three parts, as in "hjertemedicinliste".
  const tail = next() < 0.4 ? `${pick(compoundHeads, next).replace(/s$/, '')}${pick(compoundTails, next)}` : pick(compoundTails, next);
  // A number now and then, as in "afsnit 7b", makes the vocabulary as varied as a real site's.
  return next() < 0.3 ? `${head}${tail}${Math.floor(next() * 90) + 10}` : `${head}${tail}`;
}

function sentenceWithTail(sentence: string, next: () => number): string {
  return sentence
    .split(' ')
    .map((word) => (word.length > 4 && next() < 0.08 ? compound(next) : word))
    .join(' ');
}

function chunkOf(id: string, hospital: string, title: string, headingPath: string[], text: string): Chunk {
  return {
    id,
    url: `https://${hospital}.example/patientinformation/${id}`,
    title,
    headingPath,
    text,
    language: 'da',
    source: 'pinfo',
    sourceId: 'pages:bench',
    hospital,
    contentHash: id,
  };
}

/** The chunks the queries are about: written for the benchmark, placed among the generated ones. */
function targetChunks(): { chunks: Chunk[]; queries: BenchQuery[] } {
  const chunks: Chunk[] = [];
  const queries: BenchQuery[] = [];
  const target = (id: string, hospital: string, title: string, heading: string, text: string) => {
    chunks.push(chunkOf(id, hospital, title, [title, heading], text));
    return id;
  };
  const parking = target('target-parkering', 'lyngaa', 'Parkering ved Lyngå Sygehus', 'Parkering for patienter og pårørende', 'Parkering er gratis på alle P-pladser ved Lyngå Sygehus. Parkeringspladserne ved indgang 1 er reserveret til korttidsparkering.');
  const meet = target('target-moede', 'fjordby', 'Når du skal opereres', 'Hvornår skal jeg møde?', 'Du skal møde på dagkirurgisk afsnit kl. 7.30 på operationsdagen. Mød fastende, og tag dit sundhedskort med.');
  const fasting = target('target-faste', 'fjordby', 'Faste før operation', 'Hvornår må jeg spise og drikke?', 'Du må spise indtil 6 timer før operationen og drikke vand, saft eller kaffe uden mælk indtil 2 timer før.');
  const visiting = target('target-besoeg', 'havnekobing', 'Besøg på sengeafsnittet', 'Besøgstider', 'Besøgstiden på sengeafsnittene er kl. 12–20. Børn er velkomne som besøgende sammen med en voksen. Mødre kan trække sig tilbage i amningsrummet på 1. sal.');
  const blood = target('target-blodproeve', 'havnekobing', 'Blodprøvetagning', 'Blodprøve uden tidsbestilling', 'Du kan få taget en blodprøve uden tidsbestilling i laboratoriet på hverdage kl. 7–15. Tag et nummer ved indgangen.');
  const pain = target('target-smerter', 'fjordby', 'Smerter efter operation', 'Smertestillende medicin hjemme', 'Tag den smertestillende medicin fast de første dage efter operationen, også selvom smerterne er små.');
  const parkingPlace = target('target-parkeringsplads', 'fjordby', 'Handicapparkering og parkeringsplads til elbiler', 'Parkeringspladser', 'Fjordby Sygehus har ladestandere på parkeringspladsen ved indgang 4 og handicappladser ved hovedindgangen.');
  const operation = target('target-operation', 'lyngaa', 'Operation på Lyngå Sygehus', 'Sådan foregår en operation', 'En operation foregår på operationsgangen på 2. sal. Før operationen taler du med en anæstesilæge om bedøvelsen.');
  queries.push(
    { text: 'parkering', kind: 'common', hospital: 'lyngaa', relevant: [parking, parkingPlace], relevantTitleWord: 'parkering' },
    { text: 'operation', kind: 'common', hospital: 'lyngaa', relevant: [operation], relevantTitleWord: 'operation' },
    { text: 'hvornår skal jeg møde', kind: 'common', hospital: 'fjordby', relevant: [meet] },
    { text: 'hvornår må jeg spise og drikke før operationen', kind: 'common', hospital: 'fjordby', relevant: [fasting] },
    { text: 'besøgstid på sengeafsnittet', kind: 'common', relevant: [visiting] },
    { text: 'blodprøve uden tidsbestilling', kind: 'common', relevant: [blood] },
    { text: 'smerter efter operationen medicin', kind: 'common', hospital: 'fjordby', relevant: [pain] },
    { text: 'parkeringsplads', kind: 'common', relevant: [parkingPlace, parking] },
    // Misspellings citizens write: one letter missing, swapped or wrong.
    { text: 'parkerng', kind: 'typo', hospital: 'lyngaa', relevant: [parking, parkingPlace] },
    { text: 'blodprøe uden tidsbestiling', kind: 'typo', relevant: [blood] },
    { text: 'besøgstd sengeafsnit', kind: 'typo', relevant: [visiting] },
    { text: 'smertr efter operatoin', kind: 'typo', hospital: 'fjordby', relevant: [pain] },
    // A word that only occurs inside compounds in the answering chunk.
    { text: 'ladestander elbil', kind: 'compound', hospital: 'fjordby', relevant: [parkingPlace] },
    { text: 'korttid parkering', kind: 'compound', hospital: 'lyngaa', relevant: [parking] },
    { text: 'amning besøgstid', kind: 'compound', hospital: 'havnekobing', relevant: [visiting] },
  );
  return { chunks, queries };
}

/**
 * `size` chunks: generated from the demo content's sentences, the benchmark's target chunks among
 * them, and each rare term in a few chunks (the first of them titled after it: the one to find).
 */
export function generateCorpus(size: number, bank: Bank, seed = 20260601): { chunks: Chunk[]; queries: BenchQuery[] } {
  const next = random(seed);
  const { chunks: targets, queries } = targetChunks();
  const generated: Chunk[] = [];
  const rareCount = rareTerms.length * chunksPerRareTerm;
  for (let number = 0; generated.length < size - targets.length - rareCount; number += 1) {
    const hospital = pick(hospitals, next);
    const title = `${pick(bank.titles, next)}`;
    const sections = 1 + Math.floor(next() * 3);
    for (let section = 0; section < sections && generated.length < size - targets.length - rareCount; section += 1) {
      const headingPath = section === 0 ? [title] : [title, sentenceWithTail(pick(bank.headings, next), next)];
      const sentences = Array.from({ length: 2 + Math.floor(next() * 5) }, () => sentenceWithTail(pick(bank.sentences, next), next));
      if (next() < 0.1) sentences.push(`Kontakt ${hospitalNames[hospital]} på telefon ${60 + Math.floor(next() * 39)} ${10 + Math.floor(next() * 89)} ${10 + Math.floor(next() * 89)} ${10 + Math.floor(next() * 89)}.`);
      generated.push(chunkOf(`side-${number}-${section}`, hospital, title, headingPath, sentences.join(' ')));
    }
  }
  const rare: Chunk[] = [];
  for (const [termNumber, term] of rareTerms.entries()) {
    for (let copy = 0; copy < chunksPerRareTerm; copy += 1) {
      const hospital = pick(hospitals, next);
      const id = `rare-${term}-${copy}`;
      const title = copy === 0 ? `${term.charAt(0).toUpperCase()}${term.slice(1)}: undersøgelse og behandling` : pick(bank.titles, next);
      const text = copy === 0
        ? `Ved ${term} bliver du undersøgt i ambulatoriet. ${pick(bank.sentences, next)} Lægen fortæller dig om behandlingen af ${term}.`
        : `${pick(bank.sentences, next)} Nogle patienter med ${term} bliver også fulgt her. ${pick(bank.sentences, next)}`;
      rare.push(chunkOf(id, hospital, title, [title], text));
    }
    // Half ask for the rare word alone, half together with a common one.
    queries.push({ text: termNumber % 2 === 0 ? term : `behandling af ${term}`, kind: 'rare', relevant: [`rare-${term}-0`] });
  }
  // Targets and rare chunks spread through the corpus, not bunched at its end.
  const chunks = [...generated];
  for (const [position, special] of [...targets, ...rare].entries()) {
    chunks.splice(Math.floor(((position + 1) * chunks.length) / (targets.length + rare.length + 1)), 0, special);
  }
  for (const query of queries) {
    const word = query.relevantTitleWord;
    if (word === undefined) continue;
    const alike = chunks.filter((chunk) => chunk.hospital === query.hospital && chunk.title.toLowerCase().includes(word));
    query.relevant = [...new Set([...query.relevant, ...alike.map((chunk) => chunk.id)])];
  }
  return { chunks, queries };
}
