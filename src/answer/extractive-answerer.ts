// Embedded ChatModel: no model at all. It quotes the source sentences that best match the question,
// so every word of the answer is the hospital's own, and the framing is the project's template.
import { contentTerms } from '../search/analysis.js';
import { conceptPresent, questionConcepts } from '../search/query.js';
import type { ChatModel, ChatModelInput, ChatModelOutput } from './chat-model.js';
import { answerTexts } from './texts.js';

const maxSentences = 3;
const maxCharacters = 480;
const openingSectionBonus = 0.3;
// Retrieval ranked the passages by how much of the question they hold: a lower one must match more
// (not merely be an opening section) to be quoted instead.
const passageRankPenalty = 0.35;

interface Candidate {
  n: number;
  position: number;
  text: string;
  score: number;
}

/** Splits chunk text into quotable units: list items and table rows are lines, prose is sentences. */
export function splitSentences(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => line.split(/(?<=[.!?])\s+(?=[\p{Lu}«"])/u))
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

export class ExtractiveAnswerer implements ChatModel {
  async generate(input: ChatModelInput, onDelta?: (delta: string) => void): Promise<ChatModelOutput> {
    const wanted = questionConcepts(input.question);
    const candidates: Candidate[] = input.passages.flatMap((passage) =>
      splitSentences(passage.chunk.text).map((sentence, position) => {
        const present = new Set(contentTerms(sentence));
        const matched = wanted.filter((concept) => conceptPresent(concept, present)).length;
        // A page's opening section summarises it: on a tie it answers a general question best.
        const opening = passage.chunk.headingPath.length <= 1 ? openingSectionBonus : 0;
        return { n: passage.n, position, text: sentence, score: matched === 0 ? 0 : matched + opening - (passage.n - 1) * passageRankPenalty };
      }),
    );
    const best = [...candidates].sort((a, b) => b.score - a.score)[0];
    // The best sentence and the ones right after it in the same passage: they continue its thought,
    // which reads better than sentences picked from different pages.
    const chosen: Candidate[] = [];
    let length = 0;
    const from = best === undefined || best.score === 0 ? candidates[0] : best;
    for (const candidate of candidates) {
      if (from === undefined || candidate.n !== from.n || candidate.position < from.position) continue;
      if (chosen.length >= maxSentences || (chosen.length > 0 && length + candidate.text.length > maxCharacters)) break;
      chosen.push(candidate);
      length += candidate.text.length;
    }

    const texts = answerTexts[input.language];
    const lead = input.language === 'da' ? texts.lead : `${texts.lead} ${texts.danishQuoteNote}`;
    const lines = chosen.map((candidate) => `${candidate.text} [${candidate.n}]`);
    if (onDelta !== undefined) {
      onDelta(`${lead}\n`);
      for (const line of lines) onDelta(`${line}\n`);
    }
    return { lead, body: lines.join('\n') };
  }
}
