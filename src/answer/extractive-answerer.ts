// Embedded ChatModel: no model at all. It quotes the source sentences that best match the question,
// so every word of the answer is the hospital's own, and the framing is the project's template.
import { contentTerms, termMatches } from '../search/analysis.js';
import type { ChatModel, ChatModelInput, ChatModelOutput } from './chat-model.js';
import { answerTexts } from './texts.js';

const maxSentences = 3;
const maxCharacters = 480;

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
    const wanted = [...new Set(contentTerms(input.question))];
    const candidates: Candidate[] = input.passages.flatMap((passage) =>
      splitSentences(passage.chunk.text).map((sentence, position) => {
        const present = new Set(contentTerms(sentence));
        const matched = wanted.filter((term) => termMatches(term, present)).length;
        return { n: passage.n, position, text: sentence, score: matched - passage.n * 0.01 };
      }),
    );
    const ranked = candidates.filter((candidate) => candidate.score > 0).sort((a, b) => b.score - a.score);
    const best = ranked[0];
    const chosen: Candidate[] = [];
    let length = 0;
    for (const candidate of best === undefined ? candidates.slice(0, 2) : ranked) {
      if (chosen.length >= maxSentences) break;
      if (best !== undefined && candidate.score < best.score * 0.5) break;
      if (chosen.length > 0 && length + candidate.text.length > maxCharacters) continue;
      chosen.push(candidate);
      length += candidate.text.length;
    }
    chosen.sort((a, b) => a.n - b.n || a.position - b.position);

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
