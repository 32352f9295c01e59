// Understanding the question before retrieval: which hospital it names, and what a follow-up
// ("og på Lyngå?", "and at the children's hospital?", "hvad koster det?") means given the turn before.
import { isStopword, tokenize } from '../search/analysis.js';
import { questionConcepts } from '../search/query.js';
import { questionAspects, withoutAspectWords } from './aspects.js';
import type { ConversationTurn } from './chat-model.js';

/** A hospital and the names citizens call it by (official name, short name, aliases). */
export interface HospitalName {
  id: string;
  names: readonly string[];
}

/** Lower case, Danish letters spelled out the way people type without them: "Lyngå" = "lyngaa" = "lynga". */
function fold(text: string): string {
  return ` ${tokenize(text).join(' ')} `
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/aa/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/ae/g, 'a');
}

/** The hospital a question names, if exactly one; with its words, so they can be left out of the topic. */
export function mentionedHospital(text: string, hospitals: readonly HospitalName[]): { id: string; words: string[] } | undefined {
  const folded = fold(text);
  const found = new Map<string, string[]>();
  for (const hospital of hospitals) {
    for (const name of [hospital.id, ...hospital.names]) {
      // Generic words of a name ("Sygehus", "Universitetshospital") do not name a hospital on their own.
      const distinctive = tokenize(name).filter((word) => !isStopword(word) && !/^(sygehus|hospital|universitetshospital|hospitalet|sygehuset|region)$/.test(word));
      if (distinctive.length === 0) continue;
      if (folded.includes(fold(distinctive.join(' ')))) {
        found.set(hospital.id, [...(found.get(hospital.id) ?? []), ...distinctive.map((word) => fold(word).trim())]);
      }
    }
  }
  if (found.size !== 1) return undefined;
  const [id, words] = [...found][0] as [string, string[]];
  return { id, words: [...new Set(words)] };
}

// Words that open a follow-up: "og …?", "and …?", "what about …?", "und …?", "و…", "а …?".
// (\b knows only ASCII letters, so word edges are written out for Arabic and Cyrillic.)
const followUpOpeners = /^(og|men|hvad med|hvordan med|and|but|what about|how about|und|aber|was ist mit|wie ist es mit|وماذا عن|ماذا عن|و|а як щодо|а що з|а|і|й)(?!\p{L})/iu;
// Words that point back at the earlier question: "hvad koster det?", "is it free?", "wo ist das?".
const pointers = /(?<!\p{L})(det|dét|den|de|dem|deres|dens|its|their|ihr|ihre|їх|його|її|it|that|they|them|es|das|sie|це|він|вона|ذلك|هذا)(?!\p{L})/iu;

/**
 * The question to retrieve for. A follow-up that names little of its own topic borrows the topic of
 * the citizen's previous question; a hospital it names replaces the one named before.
 */
export function resolveFollowUp(
  text: string,
  history: readonly ConversationTurn[] | undefined,
  hospitals: readonly HospitalName[],
): { text: string; followUp: boolean } {
  const previous = [...(history ?? [])].reverse().find((turn) => turn.role === 'user')?.text;
  if (previous === undefined) return { text, followUp: false };
  const mention = mentionedHospital(text, hospitals);
  // "Hvor lang tid tager den?": the aspect asked ("how long") is not a topic of its own.
  const ownTopic = withoutAspectWords(questionConcepts(text), questionAspects(text)).filter((concept) => !concept.words.some((word) => mention?.words.includes(fold(word).trim())));
  // "tlf nummer" is one thing asked (two words of the same synonym group).
  const topics = new Set(ownTopic.map((concept) => (concept.known ? concept.topics.join('+') : concept.words.join(' ')))).size;
  const opensAsFollowUp = followUpOpeners.test(text.trim());
  const pointsBack = pointers.test(text) && topics <= 1;
  const onlyNamesAHospital = mention !== undefined && topics <= 1;
  if (!(opensAsFollowUp && topics <= 3) && !pointsBack && !onlyNamesAHospital) return { text, followUp: false };
  // The earlier question without the hospital it named, when this one names another.
  const previousMention = mentionedHospital(previous, hospitals);
  const topic =
    mention !== undefined && previousMention !== undefined && previousMention.id !== mention.id
      ? tokenize(previous).filter((word) => !previousMention.words.includes(fold(word).trim())).join(' ')
      : previous;
  return { text: `${topic} ${text}`, followUp: true };
}
