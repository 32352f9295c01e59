// Recognises a citizen asking for a person ("kan jeg tale med et menneske?", "human please",
// "ich möchte mit einem Mitarbeiter sprechen", "أريد التحدث مع موظف", "з'єднайте з оператором"),
// and the configured topics that always go to staff (complaints, for example). Deterministic, on
// the same phrase matcher as the safety checks, so typos and missing æøå are tolerated. A message
// that only mentions people ("kan min mand være med?", "hvornår kan jeg tale med lægen om svaret?")
// is not a request to leave the chatbot: the patterns need a verb of talking plus a word for a
// person at the hospital's end of the chat, or an explicit "not a bot".
import { PatternSet, findSpans, normaliseForMatching } from '../safety/phrase-matcher.js';

const PERSON_PATTERNS: readonly string[] = [
  // Danish
  '[gap=4] tale|snakke|skrive|chatte|tal|snak|skriv|chat med menneske*|person|personer|medarbejder*|nogen|rigtig|levende|kundeservice|sekretær*',
  'få menneske*|medarbejder*',
  'fat i|på menneske*|medarbejder*|person|nogen',
  'rigtigt|rigtig|levende menneske|person',
  'stil mig videre',
  'viderestil*',
  '=menneske tak',
  'ikke en|nogen robot|bot|chatbot|maskine',
  // English
  '[gap=4] talk|speak|chat|connect|transfer|put to|with|me human*|person|someone|somebody|agent|operator|staff|representative',
  'real|live|actual human|person|agent',
  'human please',
  'not a bot|robot|machine',
  // German
  'mit mensch*|mitarbeiter*|person|jemand* sprechen|reden|schreiben|chatten',
  'echte*|echten|richtige* mensch*|person',
  'kein|keinen bot|roboter|chatbot',
  // Arabic (folded: أ→ا, ة→ه)
  '*تحدث*|*كلم*|*تواصل* *شخص*|*موظف*|*انسان*|*بشري*|*ممرض*',
  'شخص حقيقي',
  '*موظف*|*انسان* من فضلك',
  // Ukrainian
  '[gap=4] поговорити|говорити|зв\'язатися|зв\'яжіть|з\'єднайте|поговорить людин*|оператор*|працівник*|медсестр*|консультант*|спеціаліст*|кимось',
  'жив* людин*',
  'не бот|робот',
];

const PERSON = (() => {
  const set = new PatternSet<'person'>();
  for (const pattern of PERSON_PATTERNS) set.add(pattern, 'person');
  return set;
})();

// A citizen who says they do NOT want a person ("jeg vil ikke tale med et menneske").
const NEGATIONS = new Set(['ikke', 'not', "don't", 'dont', 'nicht', 'не', 'لا']);
// A message that is only the word: "menneske", "human", "agent", "Mitarbeiter", "оператор".
const ALONE = new Set(['menneske', 'medarbejder', 'human', 'agent', 'operator', 'person', 'mensch', 'mitarbeiter', 'موظف', 'انسان', 'оператор', 'людина', 'людину']);

const tokensOf = (text: string) => normaliseForMatching(text).split(' ').filter((token) => token.length > 0);

/** True when the message asks to talk to a person instead of the chatbot. */
export function asksForPerson(text: string): boolean {
  const tokens = tokensOf(text);
  const words = tokens.filter((token) => !['please', 'tak', 'bitte', 'будь', 'ласка', 'من', 'فضلك'].includes(token));
  if (words.length === 1 && ALONE.has(words[0] as string)) return true;
  for (const [phrase, spans] of findSpans(PERSON, tokens)) {
    for (const span of spans) {
      // "ikke en robot" is itself a request; elsewhere a negation just before the verb is a refusal.
      if (phrase.label.startsWith('ikke') || phrase.label.startsWith('not') || phrase.label.startsWith('kein') || phrase.label.startsWith('не')) return true;
      if (!tokens.slice(Math.max(0, span.start - 3), span.start).some((token) => NEGATIONS.has(token))) return true;
    }
  }
  return false;
}

/** A topic that always goes to staff, from configuration. */
export interface EscalationTopic {
  id: string;
  /** Phrases in the matcher's pattern language ("klage*", "complain*|complaint"). */
  phrases: readonly string[];
  /** The team that answers it; default the chat's team. */
  team?: string;
}

/** Compiles configured topics once; `match` returns the first topic a message is about. */
export function topicMatcher(topics: readonly EscalationTopic[]): (text: string) => EscalationTopic | undefined {
  if (topics.length === 0) return () => undefined;
  const set = new PatternSet<string>();
  for (const topic of topics) for (const phrase of topic.phrases) set.add(phrase, topic.id);
  return (text) => {
    for (const [phrase] of findSpans(set, tokensOf(text))) {
      const topic = topics.find((candidate) => candidate.id === phrase.category);
      if (topic) return topic;
    }
    return undefined;
  };
}
