// Embedded ChatModel: no model at all. It quotes the source sentences that best match the question,
// so every word of the answer is the hospital's own, and the framing is the project's template.
import { contentTerms } from '../search/analysis.js';
import { conceptPresent, questionConcepts } from '../search/query.js';
import { durationVerbIn, questionAspects, sectionAnswersAspect, sentenceAnswersAspect, topicConcepts, withoutAspectWords } from './aspects.js';
import type { ChatModel, ChatModelInput, ChatModelOutput } from './chat-model.js';
import { perChunk } from './chunk-memo.js';
import { quoteLead } from './texts.js';

const maxSentences = 3;
const maxCharacters = 480;
const openingSectionBonus = 0.3;
// Retrieval ranked the passages by how much of the question they hold: a lower one must match more
// (not merely be an opening section) to be quoted instead.
const passageRankPenalty = 0.35;
// A concept named only in the page title ("Koloskopi" over the section "Før undersøgelsen") counts half.
const titleConceptWeight = 0.5;
// A section about the part of the topic asked for ("before", "bring", "results") outweighs one more word.
const aspectBonus = 1;
const sentenceAspectBonus = 0.5;
// Sentences about the page rather than the subject ("Her kan du læse …", "This page explains …") say nothing.
// So are a record's search aliases ("Kaldes også: røntgen, scanning …"): they are there to be found, not read.
const aboutThePage = /^(?:her kan du (?:læse|se|finde)|på denne side|denne side|læs (?:her|mere)|this page|on this page|here you can|auf dieser seite|hier (?:können|erfahren|lesen)|kaldes også:)/iu;
const aboutThePagePenalty = 3;
// A table's or list's caption ("Faste for voksne før bedøvelse") names the topic; the rows under it answer.
const captionPenalty = 1;
const isCaption = (sentence: string) => !sentence.startsWith('•') && !/[.!?:)]$/.test(sentence) && !/\d/.test(sentence) && sentence.split(/\s+/).length <= 6;

interface Candidate {
  n: number;
  /** The passage is the section about the aspect asked for: read from its start. */
  aspectSection: boolean;
  position: number;
  text: string;
  score: number;
}

/** Splits chunk text into quotable units: list items and table rows are lines, prose is sentences. */
export function splitSentences(text: string): string[] {
  return text
    .split(/\n+/)
    // Not after the number of a numbered list item ("3. Du tager hjem …").
    .flatMap((line) => line.split(/(?<=[.!?])(?<!^\s*\d{1,2}\.)\s+(?=[\p{Lu}«"])/u))
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

const weightOf = (sentence: string) => (sentence.startsWith('•') ? 0.5 : 1);

/** How many of the passage's sentences, from its start, fit within the answer's limits. */
function fits(sentences: readonly { text: string }[]): number {
  let count = 0;
  let length = 0;
  let weight = 0;
  for (const sentence of sentences) {
    if (weight + weightOf(sentence.text) > maxSentences || (count > 0 && length + sentence.text.length > maxCharacters)) break;
    count += 1;
    length += sentence.text.length;
    weight += weightOf(sentence.text);
  }
  return count;
}

interface AnalysedSentence {
  text: string;
  terms: ReadonlySet<string>;
  /** Penalties that do not depend on the question: the sentence is about the page; it is a caption. */
  aboutThePage: number;
  caption: number;
}

interface AnalysedPassage {
  /** Terms of the page title and the first heading. */
  title: ReadonlySet<string>;
  /** Terms of the section's own headings. */
  section: ReadonlySet<string>;
  heading: ReadonlySet<string>;
  sentences: AnalysedSentence[];
}

// Splitting and stemming a passage does not depend on the question: done once per version of the chunk.
const analysePassage = perChunk((chunk): AnalysedPassage => {
  const title = new Set(contentTerms(`${chunk.title}\n${chunk.headingPath[0] ?? ''}`));
  const section = new Set(contentTerms(chunk.headingPath.slice(1).join('\n')));
  return {
    title,
    section,
    heading: new Set([...title, ...section]),
    sentences: splitSentences(chunk.text).map((text) => ({
      text,
      terms: new Set(contentTerms(text)),
      aboutThePage: aboutThePage.test(text) ? aboutThePagePenalty : 0,
      caption: isCaption(text) ? captionPenalty : 0,
    })),
  };
});

export class ExtractiveAnswerer implements ChatModel {
  async generate(input: ChatModelInput, onDelta?: (delta: string) => void): Promise<ChatModelOutput> {
    const asked = questionAspects(input.question);
    const wanted = withoutAspectWords(questionConcepts(input.question), asked);
    const topic = topicConcepts(wanted, asked);
    const candidates: Candidate[] = input.passages.flatMap((passage) => {
      const { title, section, heading, sentences } = analysePassage(passage.chunk);
      const aspect = sectionAnswersAspect(passage.chunk, asked, () => topic.some((concept) => conceptPresent(concept, heading))) ? aspectBonus : 0;
      // A page's opening section summarises it: on a tie it answers a general question best.
      const opening = passage.chunk.headingPath.length <= 1 ? openingSectionBonus : 0;
      const inSectionHeading = wanted.map((concept) => conceptPresent(concept, section));
      const inPageTitle = wanted.map((concept) => conceptPresent(concept, title));
      return sentences.map((sentence, position) => {
        let inSentence = 0;
        let inSection = 0;
        let inTitle = 0;
        wanted.forEach((concept, index) => {
          if (conceptPresent(concept, sentence.terms)) inSentence += 1;
          // A concept in the section's own heading ("Sådan klager du") counts as in the sentence; in the page title, half.
          else if (inSectionHeading[index] === true) inSection += 1;
          else if (inPageTitle[index] === true) inTitle += 1;
        });
        const matched = inSentence + inSection + titleConceptWeight * inTitle + aspect + (sentenceAnswersAspect(sentence.text, asked) ? sentenceAspectBonus * (1 + durationVerbIn(sentence.text, asked)) : 0);
        const penalty = (passage.n - 1) * passageRankPenalty + sentence.aboutThePage + sentence.caption;
        return { n: passage.n, aspectSection: aspect > 0, position, text: sentence.text, score: matched === 0 ? 0 : matched + opening - penalty };
      });
    });
    const best = [...candidates].sort((a, b) => b.score - a.score)[0];
    // The best sentence and the ones right after it in the same passage: they continue its thought,
    // which reads better than sentences picked from different pages.
    // A section about what was asked ("What to bring") is quoted from its start: it is the answer, in order.
    const chosen: Candidate[] = [];
    let length = 0;
    let sentences = 0;
    // … unless the best sentence lies beyond what fits: then from the best sentence itself.
    const sectionStart = best?.aspectSection === true ? fits(candidates.filter((candidate) => candidate.n === best.n)) : 0;
    const from = best === undefined || best.score === 0 ? candidates[0] : best.aspectSection && best.position < sectionStart ? { ...best, position: 0 } : best;
    for (const candidate of candidates) {
      if (from === undefined || candidate.n !== from.n || candidate.position < from.position) continue;
      // A list item is short: two of them weigh one sentence.
      const weight = weightOf(candidate.text);
      if (sentences + weight > maxSentences || (chosen.length > 0 && length + candidate.text.length > maxCharacters)) break;
      chosen.push(candidate);
      length += candidate.text.length;
      sentences += weight;
    }

    const quoted = input.passages.find((passage) => passage.n === chosen[0]?.n)?.chunk.language ?? 'da';
    const lead = quoteLead(input.language, quoted);
    const lines = chosen.map((candidate) => `${candidate.text} [${candidate.n}]`);
    if (onDelta !== undefined) {
      onDelta(`${lead}\n`);
      for (const line of lines) onDelta(`${line}\n`);
    }
    return { lead, body: lines.join('\n') };
  }
}
