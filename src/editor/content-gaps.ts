// Content gaps: the questions the chatbot refused because no page held the answer, grouped by
// similarity into topics ("parkering, natten: 37 questions"), most asked first, so editors see
// which pages to write. Similarity is the search's own analysis (Danish stems, the synonym list's
// concepts, typo tolerance), with dense embeddings on top when a model is configured.
import type { RefusalReason } from '../answer/answer-service.js';
import type { Database } from '../db/database.js';
import { danishStemmer } from '../search/analysis.js';
import type { Embeddings } from '../search/embeddings.js';
import { questionConcepts, spelledOut, typoLimit, withinEdits } from '../search/query.js';
import { redactPersonalData, withoutPlaceholders } from '../safety/redact.js';

/**
 * Refusals for lack of content. Medical advice, prompt injection, login and emergencies are the
 * chatbot doing its job, not a page missing. Refusals stored before reasons were (no reason) count.
 */
export const contentGapReasons = ['no-source', 'low-confidence', 'unsupported'] as const satisfies readonly RefusalReason[];
export type ContentGapReason = (typeof contentGapReasons)[number];

/** A citizen's question the chatbot refused for lack of content. */
export interface UnansweredQuestion {
  /** The citizen's message (the question), not the refusal. */
  messageId: string;
  /** As typed; redacted before it is analysed or shown. */
  text: string;
  language: string;
  createdAt: string;
  /** Why it was refused; null for refusals stored before the reason was. */
  reason: ContentGapReason | null;
}

export interface ContentGapExample {
  messageId: string;
  /** Redacted: CPR, phone numbers and e-mail addresses are placeholders. */
  text: string;
  language: string;
  createdAt: string;
  reason: ContentGapReason | null;
}

/** One topic citizens asked about that no page answers. */
export interface ContentGap {
  /** The id of the topic's earliest question: stable while that question is in the window. */
  id: string;
  /** Its most characteristic words, e.g. "Parkering, natten". */
  label: string;
  questions: number;
  /** Questions per language. */
  languages: Record<string, number>;
  firstAskedAt: string;
  lastAskedAt: string;
  /** A few of its questions, newest first, different wordings preferred. */
  examples: ContentGapExample[];
}

export interface GroupingOptions {
  /**
   * Dense vectors for the questions (the search's Embeddings port); without it the grouping is
   * lexical only. A failing model is told to `onEmbeddingFailure` and the grouping goes on without.
   */
  embeddings?: Embeddings;
  onEmbeddingFailure?: (error: Error) => void;
  /** Questions join a topic when their average similarity to it is at least this (0–1). Default 0.5. */
  threshold?: number;
  /** Cosine between two questions' vectors that counts as similar as `threshold` lexically. Default 0.8. */
  embeddingThreshold?: number;
  /** Examples per topic. Default 5. */
  examples?: number;
}

const defaultThreshold = 0.5;
const defaultEmbeddingThreshold = 0.8;
/** Below this cosine two vectors say nothing about a shared topic. */
const embeddingFloor = 0.3;
const defaultExamples = 5;
/**
 * Pairs less similar than this count as not similar at all (0) in a group's average: it makes the
 * average a little stricter, and spares keeping the many pairs that share one minor word.
 */
const weakest = 0.25;
/**
 * Comparing every pair of vectors costs nodes² / 2 × dimensions multiplications; above this budget
 * (about 700 questions at 1,536 dimensions), only the pairs that share a word are compared.
 */
const allPairsBudget = 4e8;
const embeddingBatch = 64;

// How much a shared term says two questions are about the same thing. A concept of the synonym
// list is a topic someone chose words for; a word it does not know may be one too ("blomster",
// "natten"), or just the verb the question was phrased with ("holde", "give"), so it weighs less.
// Concepts that name what is asked about a topic (its price, opening hours, phone number) or who
// asks, not the topic itself, weigh least: "gratis wifi" is about the wifi. No weighting by rarity
// within the window: the topic asked most is exactly the one that must hold its questions together.
const conceptWeight = 1;
const wordWeight = 0.7;
const aspectWeight = 0.5;
const aspectConcepts = new Set(['c:pris', 'c:åbningstid', 'c:telefon', 'c:medbringe', 'c:afdeling', 'c:pårørende']);

function termWeight(key: string): number {
  if (aspectConcepts.has(key)) return aspectWeight;
  return key.startsWith('c:') ? conceptWeight : wordWeight;
}

/** A term of a question: a concept of the synonym list (`c:`, its Danish head word) or a stemmed word (`w:`). */
interface Term {
  key: string;
  /** The word as the citizen wrote it (for a label); the head word for a concept. */
  surface: string;
}

const minimumSuffix = 5;
const minimumPrefix = 3;

function conceptTerms(text: string): Term[] {
  const terms: Term[] = [];
  for (const concept of questionConcepts(text)) {
    if (concept.known) {
      for (const topic of concept.topics) terms.push({ key: `c:${topic}`, surface: topic });
      continue;
    }
    const [word] = concept.words;
    if (word === undefined || word.length < 2 || /^\p{N}+$/u.test(word)) continue;
    terms.push(...compoundTerms(word));
  }
  return terms;
}

const compoundMemory = new Map<string, Term[]>();
const compoundMemoryLimit = 20_000;

/**
 * A word the synonym list does not know, split when it ends in a word it does: Danish compounds put
 * the topic last ("natparkering" = nat + parkering, "gæsteparkering" = gæst + parkering).
 */
function compoundTerms(word: string): Term[] {
  let terms = compoundMemory.get(word);
  if (terms !== undefined) return terms;
  terms = [{ key: `w:${danishStemmer(word)}`, surface: word }];
  for (let split = minimumPrefix; word.length - split >= minimumSuffix; split += 1) {
    const suffix = word.slice(split);
    const head = questionConcepts(suffix);
    const [only] = head;
    if (head.length !== 1 || only === undefined || !only.known) continue;
    // The ending must be the known word itself or a form of it, not a near miss: "strygning" is not
    // "str" + "rygning" misspelt.
    const stem = danishStemmer(suffix);
    // (The first alternative is the ending itself.)
    if (!only.alternatives.slice(1).some(([term, ...more]) => more.length === 0 && term !== undefined && (term === stem || (term.length >= minimumSuffix && stem.startsWith(term))))) continue;
    const prefix = word.slice(0, split);
    const prefixConcepts = questionConcepts(prefix);
    const prefixTerms =
      prefixConcepts.length === 1 && prefixConcepts[0]?.known
        ? prefixConcepts[0].topics.map((topic) => ({ key: `c:${topic}`, surface: topic }))
        : [{ key: `w:${danishStemmer(prefix)}`, surface: prefix }];
    terms = [...prefixTerms, ...only.topics.map((topic) => ({ key: `c:${topic}`, surface: topic }))];
    break;
  }
  if (compoundMemory.size >= compoundMemoryLimit) compoundMemory.clear();
  compoundMemory.set(word, terms);
  return terms;
}

/** Unions of a few thousand keys. */
class UnionFind {
  private readonly parent = new Map<string, string>();
  find(key: string): string {
    const parent = this.parent.get(key);
    if (parent === undefined || parent === key) return key;
    // Path compression: later finds of the same key are one step.
    const root = this.find(parent);
    this.parent.set(key, root);
    return root;
  }
  union(a: string, b: string): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.parent.set(rootB, rootA);
  }
}

/**
 * Words the synonym list does not know, misspelt alike across questions, become one term
 * ("blomster" and "blomsterne", "blomstre" typed in a hurry): same stem, or within the typo limit
 * the search allows (as typed or with æ, ø, å spelled out). Candidates are found through
 * one-letter deletions, so every pair one edit apart is compared, not every pair.
 */
function typoCanonical(words: ReadonlyMap<string, string>): (stem: string) => string {
  const unions = new UnionFind();
  const byDeletion = new Map<string, string[]>();
  for (const word of words.keys()) {
    if (typoLimit(word) === 0) continue;
    const spelled = spelledOut(word);
    const keys = new Set([spelled]);
    for (let at = 0; at < spelled.length; at += 1) keys.add(spelled.slice(0, at) + spelled.slice(at + 1));
    for (const key of keys) {
      const list = byDeletion.get(key);
      if (list === undefined) byDeletion.set(key, [word]);
      else list.push(word);
    }
  }
  for (const list of byDeletion.values()) {
    if (list.length < 2) continue;
    const [first, ...rest] = list as [string, ...string[]];
    for (const other of rest) {
      const limit = Math.min(typoLimit(first), typoLimit(other));
      if (limit > 0 && (withinEdits(first, other, limit) || withinEdits(spelledOut(first), spelledOut(other), limit))) {
        unions.union(`w:${danishStemmer(first)}`, `w:${danishStemmer(other)}`);
      }
    }
  }
  return (key) => unions.find(key);
}

/** Questions with the same terms, once: a question asked 30 times is compared once. */
interface Node {
  terms: Map<string, number>;
  questions: UnansweredQuestion[];
  /** Sum of the terms' weights. */
  mass: number;
}

/** Weighted overlap of two term sets (Ochiai on weight sums): 1 for the same terms, 0 for none shared. */
function overlap(a: Node, b: Node): number {
  if (a.mass === 0 || b.mass === 0) return 0;
  let shared = 0;
  const [small, large] = a.terms.size <= b.terms.size ? [a, b] : [b, a];
  for (const [key, weight] of small.terms) if (large.terms.has(key)) shared += weight;
  return shared / Math.sqrt(a.mass * b.mass);
}

/** Pairs of nodes as one number (a string per pair made the garbage collector the slowest part). */
const pairKey = (i: number, j: number, count: number) => (i < j ? i * count + j : j * count + i);
const pairOf = (key: number, count: number): [number, number] => [Math.floor(key / count), key % count];

/**
 * Groups unanswered questions into topics, most asked first. Each question's text is redacted, then
 * analysed as the search analyses a question; questions join a topic by average link: the average
 * similarity between the two groups must reach the threshold, so one shared word cannot chain
 * unrelated questions together.
 * @example const gaps = await groupUnansweredQuestions([{ messageId: 'm1', text: 'parkring om natten?', language: 'da', createdAt, reason: 'no-source' }]);
 */
export async function groupUnansweredQuestions(questions: readonly UnansweredQuestion[], options: GroupingOptions = {}): Promise<ContentGap[]> {
  const threshold = options.threshold ?? defaultThreshold;
  const redacted = questions.map((question) => ({ ...question, text: redactPersonalData(question.text) }));

  // Terms of every distinct text, then misspelt unknown words joined across the questions.
  const termsByText = new Map<string, Term[]>();
  const unknownWords = new Map<string, string>();
  for (const question of redacted) {
    const normalised = question.text.toLowerCase().replace(/\s+/g, ' ').trim();
    if (termsByText.has(normalised)) continue;
    const terms = conceptTerms(withoutPlaceholders(question.text));
    termsByText.set(normalised, terms);
    for (const term of terms) if (term.key.startsWith('w:')) unknownWords.set(term.surface, term.key);
  }
  const canonical = typoCanonical(unknownWords);
  const surfaces = new Map<string, Map<string, number>>();

  const nodesByTerms = new Map<string, Node>();
  for (const question of redacted) {
    const terms = termsByText.get(question.text.toLowerCase().replace(/\s+/g, ' ').trim()) ?? [];
    const keys = new Map<string, number>();
    for (const term of terms) {
      const key = term.key.startsWith('w:') ? canonical(term.key) : term.key;
      keys.set(key, 1);
      const seen = surfaces.get(key) ?? new Map<string, number>();
      seen.set(term.surface, (seen.get(term.surface) ?? 0) + 1);
      surfaces.set(key, seen);
    }
    const signature = [...keys.keys()].sort().join('|');
    let node = nodesByTerms.get(signature);
    if (node === undefined) {
      node = { terms: keys, questions: [], mass: 0 };
      nodesByTerms.set(signature, node);
    }
    node.questions.push(question);
  }
  const nodes = [...nodesByTerms.values()];

  for (const node of nodes) {
    for (const key of node.terms.keys()) node.terms.set(key, termWeight(key));
    node.mass = [...node.terms.values()].reduce((sum, weight) => sum + weight, 0);
  }

  // Similar pairs: lexically, only nodes sharing a term can be similar (an inverted index finds them).
  const similarity = new Map<number, number>();
  const postings = new Map<string, number[]>();
  nodes.forEach((node, index) => {
    for (const key of node.terms.keys()) {
      const list = postings.get(key) ?? [];
      list.push(index);
      postings.set(key, list);
    }
  });
  for (const list of postings.values()) {
    for (let a = 0; a < list.length; a += 1) {
      for (let b = a + 1; b < list.length; b += 1) {
        const key = pairKey(list[a] as number, list[b] as number, nodes.length);
        if (similarity.has(key)) continue;
        const value = overlap(nodes[list[a] as number] as Node, nodes[list[b] as number] as Node);
        similarity.set(key, value >= weakest ? value : 0);
      }
    }
  }
  if (options.embeddings !== undefined) await addEmbeddingSimilarity(nodes, similarity, options.embeddings, threshold, options);

  const clusters = averageLinkClusters(nodes, similarity, threshold);
  const gaps = clusters.map((members) => describe(members, nodes, surfaces, options.examples ?? defaultExamples));
  gaps.sort((a, b) => b.questions - a.questions || b.lastAskedAt.localeCompare(a.lastAskedAt) || a.id.localeCompare(b.id));
  return gaps;
}

/**
 * Adds the vectors' view: two questions whose vectors are close count as similar even without a
 * shared word ("Hvor kan jeg stille bilen?" and "parkering"). The cosine is rescaled so that
 * `embeddingThreshold` means what `threshold` means lexically; the higher of the two counts.
 */
async function addEmbeddingSimilarity(nodes: readonly Node[], similarity: Map<number, number>, embeddings: Embeddings, threshold: number, options: GroupingOptions): Promise<void> {
  const texts = nodes.map((node) => (node.questions[0] as UnansweredQuestion).text);
  let vectors: Float32Array[];
  try {
    vectors = [];
    for (let start = 0; start < texts.length; start += embeddingBatch) {
      const batch = await embeddings.embedDocuments(texts.slice(start, start + embeddingBatch));
      if (batch.length !== Math.min(embeddingBatch, texts.length - start)) throw new Error(`the embedding model returned ${batch.length} vectors for ${Math.min(embeddingBatch, texts.length - start)} texts`);
      for (const vector of batch) vectors.push(normalised(vector));
    }
  } catch (error) {
    options.onEmbeddingFailure?.(error instanceof Error ? error : new Error(String(error)));
    return;
  }
  const target = options.embeddingThreshold ?? defaultEmbeddingThreshold;
  const rescaled = (cosine: number) => Math.min(1, Math.max(0, ((cosine - embeddingFloor) / (target - embeddingFloor)) * threshold));
  const consider = (i: number, j: number) => {
    const score = rescaled(dot(vectors[i] as Float32Array, vectors[j] as Float32Array));
    if (score <= 0) return;
    const key = pairKey(i, j, nodes.length);
    if (score > (similarity.get(key) ?? 0)) similarity.set(key, score);
  };
  if ((nodes.length * nodes.length * embeddings.dimensions) / 2 <= allPairsBudget) {
    for (let i = 0; i < nodes.length; i += 1) for (let j = i + 1; j < nodes.length; j += 1) consider(i, j);
  } else {
    for (const key of [...similarity.keys()]) {
      const [i, j] = pairOf(key, nodes.length);
      consider(i, j);
    }
  }
}

function normalised(vector: readonly number[]): Float32Array {
  const result = Float32Array.from(vector);
  const length = Math.hypot(...result) || 1;
  for (let index = 0; index < result.length; index += 1) result[index] = (result[index] as number) / length;
  return result;
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let index = 0; index < a.length; index += 1) sum += (a[index] as number) * (b[index] as number);
  return sum;
}

/**
 * Average-link clustering over the similar pairs, strongest first: two groups merge when the
 * average similarity over all their pairs of questions (pairs not similar at all count 0) reaches
 * the threshold. The sums between groups are kept sparse and merged with the groups.
 */
function averageLinkClusters(nodes: readonly Node[], similarity: ReadonlyMap<number, number>, threshold: number): number[][] {
  const members = nodes.map((_, index) => [index]);
  const size = nodes.map((node) => node.questions.length);
  const owner = nodes.map((_, index) => index);
  // links[a].get(b): Σ count_i · count_j · similarity(i, j) over i in group a, j in group b.
  const links = nodes.map(() => new Map<number, number>());
  const edges: [number, number, number][] = [];
  for (const [key, value] of similarity) {
    if (value <= 0) continue;
    const [i, j] = pairOf(key, nodes.length);
    const weight = value * size[i]! * size[j]!;
    links[i]!.set(j, weight);
    links[j]!.set(i, weight);
    if (value >= threshold) edges.push([i, j, value]);
  }
  edges.sort((a, b) => b[2] - a[2] || a[0] - b[0] || a[1] - b[1]);
  for (const [i, j] of edges) {
    const a = owner[i] as number;
    const b = owner[j] as number;
    if (a === b) continue;
    const average = (links[a]!.get(b) ?? 0) / (size[a]! * size[b]!);
    if (average < threshold) continue;
    // Merge the group with fewer links into the other: the merge costs one step per link.
    const [keep, gone] = links[a]!.size >= links[b]!.size ? [a, b] : [b, a];
    for (const index of members[gone]!) owner[index] = keep;
    members[keep]!.push(...members[gone]!);
    members[gone] = [];
    size[keep]! += size[gone]!;
    for (const [other, sum] of links[gone]!) {
      if (other === keep) continue;
      links[keep]!.set(other, (links[keep]!.get(other) ?? 0) + sum);
      const back = links[other]!;
      back.delete(gone);
      back.set(keep, (back.get(keep) ?? 0) + sum);
    }
    links[keep]!.delete(gone);
    links[gone]!.clear();
  }
  return members.filter((group) => group.length > 0);
}

const labelTerms = 3;
/** A term names the topic beside the first when more than this share of its questions have it. */
const labelShare = 0.5;

function describe(
  group: readonly number[],
  nodes: readonly Node[],
  surfaces: ReadonlyMap<string, ReadonlyMap<string, number>>,
  exampleCount: number,
): ContentGap {
  const questions = group.flatMap((index) => (nodes[index] as Node).questions);
  const termCounts = new Map<string, number>();
  for (const index of group) {
    const node = nodes[index] as Node;
    for (const key of node.terms.keys()) termCounts.set(key, (termCounts.get(key) ?? 0) + node.questions.length);
  }
  const ranked = [...termCounts].sort((a, b) => b[1] - a[1] || termWeight(b[0]) - termWeight(a[0]) || a[0].localeCompare(b[0]));
  const named = ranked.filter(([, count], position) => position === 0 || count / questions.length > labelShare).slice(0, labelTerms);
  const words = named.map(([key]) => mostUsed(surfaces.get(key)) ?? key.slice(2));
  const label = words.length > 0 ? capitalised(words.join(', ')) : 'Uden genkendelige emneord';

  const languages: Record<string, number> = {};
  let first = questions[0] as UnansweredQuestion;
  let last = first;
  for (const question of questions) {
    languages[question.language] = (languages[question.language] ?? 0) + 1;
    if (question.createdAt < first.createdAt || (question.createdAt === first.createdAt && question.messageId < first.messageId)) first = question;
    if (question.createdAt > last.createdAt) last = question;
  }
  return { id: first.messageId, label, questions: questions.length, languages, firstAskedAt: first.createdAt, lastAskedAt: last.createdAt, examples: examplesOf(questions, exampleCount) };
}

/** The newest questions, one per wording first; repeats of a wording only when there are too few. */
function examplesOf(questions: readonly UnansweredQuestion[], count: number): ContentGapExample[] {
  const newest = [...questions].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.messageId.localeCompare(a.messageId));
  const seen = new Set<string>();
  const distinct: UnansweredQuestion[] = [];
  const repeats: UnansweredQuestion[] = [];
  for (const question of newest) {
    const wording = question.text.toLowerCase().replace(/\s+/g, ' ').trim();
    if (seen.has(wording)) repeats.push(question);
    else {
      seen.add(wording);
      distinct.push(question);
    }
  }
  return [...distinct, ...repeats].slice(0, count).map(({ messageId, text, language, createdAt, reason }) => ({ messageId, text, language, createdAt, reason }));
}

function mostUsed(counts: ReadonlyMap<string, number> | undefined): string | undefined {
  if (counts === undefined) return undefined;
  let best: string | undefined;
  let bestCount = 0;
  for (const [surface, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== undefined && surface < best)) {
      best = surface;
      bestCount = count;
    }
  }
  return best;
}

const capitalised = (text: string) => text.charAt(0).toLocaleUpperCase('da') + text.slice(1);

/** Questions read per call at most: the newest, when a long window holds more. */
const maxQuestions = 10_000;

export interface ContentGapsQuery {
  /** Days back from now. Default 30. */
  days?: number;
  /** Only questions in this language (the language the chatbot answered in). */
  language?: string;
  limit?: number;
  offset?: number;
}

/**
 * The editors' content-gaps list from the stored chats: every refusal for lack of content in the
 * window, with the citizen's question it replied to, grouped (groupUnansweredQuestions) and paged.
 */
export class ContentGaps {
  constructor(
    private readonly dependencies: {
      database: Database;
      embeddings?: Embeddings;
      onEmbeddingFailure?: (error: Error) => void;
      now?: () => Date;
      grouping?: Omit<GroupingOptions, 'embeddings' | 'onEmbeddingFailure'>;
    },
  ) {
    this.embeddings = dependencies.embeddings === undefined ? undefined : rememberingEmbeddings(dependencies.embeddings);
  }

  /** The model's vectors, remembered: every page of the list groups the same questions again. */
  private readonly embeddings: Embeddings | undefined;
  private lastGrouping: { signature: string; gaps: ContentGap[] } | undefined;

  /** The questions of the window, oldest first. */
  async unansweredQuestions(query: Pick<ContentGapsQuery, 'days' | 'language'> = {}): Promise<UnansweredQuestion[]> {
    const now = this.dependencies.now?.() ?? new Date();
    const since = new Date(now.getTime() - (query.days ?? 30) * 24 * 60 * 60 * 1000);
    const rows = await this.dependencies.database.query<{ message_id: string; text: string; language: string; created_at: Date | string; reason: ContentGapReason | null }>(
      `SELECT q.id AS message_id, q.text, r.language, q.created_at, r.refusal_reason AS reason
         FROM messages r
         JOIN LATERAL (
           -- The question the refusal replies to; for rows stored before reply_to existed, the
           -- citizen's latest message before it.
           SELECT id, text, created_at FROM messages m
            WHERE m.session_id = r.session_id AND m.role = 'user'
              AND (m.id = r.reply_to OR (r.reply_to IS NULL AND m.created_at <= r.created_at))
            ORDER BY (m.id = r.reply_to) DESC, m.created_at DESC, m.id DESC LIMIT 1
         ) q ON true
        WHERE r.kind = 'refusal' AND r.created_at >= $1
          AND (r.refusal_reason IS NULL OR r.refusal_reason = ANY($2::text[]))
          AND ($3::text IS NULL OR r.language = $3::text)
        ORDER BY r.created_at DESC, r.id DESC
        LIMIT $4`,
      [since.toISOString(), [...contentGapReasons], query.language ?? null, maxQuestions],
    );
    return rows.reverse().map((row) => ({
      messageId: row.message_id,
      text: row.text,
      language: row.language,
      createdAt: (row.created_at instanceof Date ? row.created_at : new Date(row.created_at)).toISOString(),
      reason: row.reason,
    }));
  }

  /** One page of topics, most asked first. */
  async list(query: ContentGapsQuery = {}): Promise<{ items: ContentGap[]; nextOffset: number | null; total: number }> {
    const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), 200);
    const offset = Math.max(Math.trunc(query.offset ?? 0), 0);
    const questions = await this.unansweredQuestions(query);
    // Paging through the list groups the same questions again: the last grouping is kept while the
    // window holds exactly the same questions (same ids, reasons and times).
    const signature = signatureOf(questions);
    let gaps = this.lastGrouping?.signature === signature ? this.lastGrouping.gaps : undefined;
    if (gaps === undefined) {
      const { onEmbeddingFailure, grouping } = this.dependencies;
      const { embeddings } = this;
      gaps = await groupUnansweredQuestions(questions, {
        ...grouping,
        ...(embeddings !== undefined && { embeddings }),
        ...(onEmbeddingFailure !== undefined && { onEmbeddingFailure }),
      });
      this.lastGrouping = { signature, gaps };
    }
    const items = gaps.slice(offset, offset + limit);
    return { items, nextOffset: offset + items.length < gaps.length ? offset + items.length : null, total: gaps.length };
  }
}

/** Vectors remembered per text, up to this many texts. */
const rememberedVectors = 20_000;

/** The model, asked only for texts it has not embedded before. */
function rememberingEmbeddings(embeddings: Embeddings): Embeddings {
  const memory = new Map<string, number[]>();
  return {
    dimensions: embeddings.dimensions,
    ...(embeddings.model !== undefined && { model: embeddings.model }),
    async embedDocuments(texts) {
      const missing = [...new Set(texts.filter((text) => !memory.has(text)))];
      if (missing.length > 0) {
        const vectors = await embeddings.embedDocuments(missing);
        if (vectors.length !== missing.length) throw new Error(`the embedding model returned ${vectors.length} vectors for ${missing.length} texts`);
        if (memory.size + missing.length > rememberedVectors) memory.clear();
        missing.forEach((text, index) => memory.set(text, vectors[index] as number[]));
      }
      return texts.map((text) => memory.get(text) as number[]);
    },
    embedQuery: (text) => embeddings.embedQuery(text),
  };
}

/** A short fingerprint of the questions (FNV-1a over ids, reasons, times and texts). */
function signatureOf(questions: readonly UnansweredQuestion[]): string {
  let hash = 0x811c9dc5;
  for (const question of questions) {
    const text = `${question.messageId}\u0000${question.reason ?? ''}\u0000${question.createdAt}\u0000${question.language}\u0000${question.text}\u0001`;
    for (let index = 0; index < text.length; index += 1) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  }
  return `${questions.length}:${hash.toString(16)}`;
}
