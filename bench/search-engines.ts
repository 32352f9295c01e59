// The search engines `npm run bench:search` compares, each behind the same two calls. All of them
// get the project's Danish analysis (src/search/analysis.ts), so they differ in the index, not in
// what a word is; the project's own index is driven through its real SearchIndex adapter.
import { create, insertMultiple, search as oramaSearch } from '@orama/orama';
import { language } from '@orama/stemmers/danish';
import FlexSearch from 'flexsearch';
import MiniSearch from 'minisearch';
import { EmbeddedSearchIndex, type EmbeddedIndexOptions } from '../src/search/adapters/embedded-index.js';
import { contentTerms, danishStemmer, danishStopwords } from '../src/search/analysis.js';
import type { Embeddings } from '../src/search/embeddings.js';
import { changeTo, type Chunk, type SearchIndex } from '../src/search/search-index.js';
import type { SnapshotStore } from '../src/search/adapters/snapshot-store.js';

export interface Engine {
  /** Indexes the chunks (for the project's index: applies them, snapshot written and all). */
  build(chunks: readonly Chunk[]): Promise<void>;
  /** Ids of the five best chunks for the question, the hospital's own content boosted. */
  search(text: string, hospital?: string): Promise<string[]>;
}

const hospitalBoost = 1.6;
const fieldBoost = { title: 2, headings: 1.5, text: 1 };

/** Snapshot store that writes nowhere: the snapshot is produced (its cost counts), not kept. */
class DiscardingStore implements SnapshotStore {
  characters = 0;
  async read() {
    return null;
  }
  async write(snapshot: string) {
    this.characters = snapshot.length;
  }
  async writePieces(pieces: Iterable<string>) {
    let characters = 0;
    for (const piece of pieces) characters += piece.length;
    this.characters = characters;
  }
}

/** The project's embedded index through its SearchIndex port, exactly as the server uses it. */
function projectEngine(open: (store: SnapshotStore) => Promise<SearchIndex>): Engine {
  let index: SearchIndex | undefined;
  return {
    async build(chunks) {
      index = await open(new DiscardingStore());
      await index.apply(changeTo(await index.manifest(), chunks));
    },
    async search(text, hospital) {
      const hits = await (index as SearchIndex).search({ text, limit: 5, ...(hospital !== undefined && { hospital }) });
      return hits.map((hit) => hit.chunk.id);
    },
  };
}

const headingsOf = (chunk: Chunk) => chunk.headingPath.join(' › ');

/** The analysis as a MiniSearch term processor: stopwords dropped, the rest stemmed. */
const analysed = (term: string) => contentTerms(term)[0] ?? null;

function miniSearchEngine(options: { prefix: boolean; fuzzy: boolean }): Engine {
  const hospitalOf = new Map<string, string | undefined>();
  const index = new MiniSearch<{ id: string; title: string; headings: string; text: string }>({
    fields: ['title', 'headings', 'text'],
    // The analysis tokenizes itself ("p-plads" stays one word); MiniSearch's own tokenizer would split it.
    tokenize: (text) => text.toLowerCase().match(/[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*/gu) ?? [],
    processTerm: analysed,
  });
  return {
    async build(chunks) {
      for (const chunk of chunks) hospitalOf.set(chunk.id, chunk.hospital);
      index.addAll(chunks.map((chunk) => ({ id: chunk.id, title: chunk.title, headings: headingsOf(chunk), text: chunk.text })));
    },
    async search(text, hospital) {
      const results = index.search(text, {
        boost: { title: fieldBoost.title, headings: fieldBoost.headings },
        prefix: options.prefix ? (term) => term.length >= 4 : false,
        fuzzy: options.fuzzy ? (term) => (term.length >= 5 ? 1 : 0) : false,
        ...(hospital !== undefined && { boostDocument: (id: string) => (hospitalOf.get(id) === hospital ? hospitalBoost : 1) }),
      });
      return results.slice(0, 5).map((result) => result.id as string);
    },
  };
}

/** Orama 3 set up as the project's adapter had it until format 6 (ADR 0005): same tokenizer, boosts and hospital re-ranking. */
function oramaEngine(): Engine {
  const database = create({
    schema: { title: 'string', headings: 'string', text: 'string', hospital: 'enum' },
    components: { tokenizer: { language, stemming: true, stemmer: danishStemmer, stopWords: danishStopwords } },
    sort: { enabled: false },
  });
  return {
    async build(chunks) {
      await insertMultiple(database, chunks.map((chunk) => ({ id: chunk.id, title: chunk.title, headings: headingsOf(chunk), text: chunk.text, hospital: chunk.hospital ?? 'region' })));
    },
    async search(text, hospital) {
      const result = await oramaSearch(database, { term: text, properties: ['title', 'headings', 'text'], boost: { title: fieldBoost.title, headings: fieldBoost.headings }, limit: 20 });
      return result.hits
        .map((hit) => ({ id: hit.id, score: hit.score * (hospital !== undefined && hit.document.hospital === hospital ? hospitalBoost : 1) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, 5)
        .map((hit) => hit.id);
    },
  };
}

/**
 * FlexSearch ranks by word position and context, not by term statistics, and gives a ranked list per
 * field; the lists are fused by rank, weighted like the other engines' field boosts.
 */
function flexSearchEngine(): Engine {
  const hospitalOf = new Map<string, string | undefined>();
  const index = new FlexSearch.Document({
    document: { id: 'id', index: ['title', 'headings', 'text'] },
    tokenize: 'strict',
    // Text arrives analysed (stemmed, stopwords out), words separated by spaces.
    encoder: FlexSearch.Charset.Exact,
  });
  const analysedText = (text: string) => contentTerms(text).join(' ');
  return {
    async build(chunks) {
      for (const chunk of chunks) {
        hospitalOf.set(chunk.id, chunk.hospital);
        index.add({ id: chunk.id, title: analysedText(chunk.title), headings: analysedText(headingsOf(chunk)), text: analysedText(chunk.text) });
      }
    },
    async search(text, hospital) {
      const query = analysedText(text);
      if (query === '') return [];
      const scores = new Map<string, number>();
      for (const { field, result } of index.search(query, { limit: 20, suggest: true })) {
        const weight = fieldBoost[field as keyof typeof fieldBoost] ?? 1;
        result.forEach((id, rank) => scores.set(String(id), (scores.get(String(id)) ?? 0) + weight / (rank + 10)));
      }
      return [...scores]
        .map(([id, score]) => [id, hospital !== undefined && hospitalOf.get(id) === hospital ? score * hospitalBoost : score] as const)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([id]) => id);
    },
  };
}

/**
 * Stand-in for an embedding model, for measuring what dense vectors cost: each analysed word adds to
 * a few dimensions picked by its hash, so every vector has `dimensions` floats like a real model's
 * (the dot products cost the same) and similar texts point alike (recall is not made worse by noise,
 * nor better than a real model's would be).
 */
export class HashedEmbeddings implements Embeddings {
  readonly model = 'bench-hashed-bag-of-words';
  constructor(readonly dimensions: number) {}
  private vector(text: string): number[] {
    const vector = new Array<number>(this.dimensions).fill(0);
    for (const term of contentTerms(text)) {
      let hash = 0x811c9dc5;
      for (let position = 0; position < term.length; position += 1) hash = Math.imul(hash ^ term.charCodeAt(position), 0x01000193) >>> 0;
      for (let spread = 0; spread < 4; spread += 1) {
        const dimension = (hash >>> (spread * 8)) % this.dimensions;
        vector[dimension] = (vector[dimension] as number) + (spread % 2 === 0 ? 1 : -0.5);
      }
    }
    // Every dimension non-zero, as in a real model's vector: no sparsity for the loop to benefit from.
    return vector.map((value, dimension) => value + 0.01 * Math.sin(dimension + text.length));
  }
  async embedDocuments(texts: string[]) {
    return texts.map((text) => this.vector(text));
  }
  async embedQuery(text: string) {
    return this.vector(text);
  }
}

/** Engine names `--dense N` adds: the project's index with N-dimensional vectors, fused with BM25 by rank. */
export const hybridEngineName = (dimensions: number) => `project hybrid (BM25 + ${dimensions}-d vectors)`;

/** The engine of that name: a fixed one, or the hybrid index at the dimensions its name gives. */
export function engineNamed(name: string): () => Promise<Engine> {
  const dimensions = /^project hybrid \(BM25 \+ (\d+)-d vectors\)$/.exec(name)?.[1];
  if (dimensions !== undefined) return project({ embeddings: new HashedEmbeddings(Number(dimensions)), embeddingBatchSize: 1024, queryEmbeddingTimeoutMs: 60_000 });
  const engine = (engines as Record<string, () => Promise<Engine>>)[name];
  if (engine === undefined) throw new Error(`unknown engine "${name}"; known: ${Object.keys(engines).join(', ')}`);
  return engine;
}

export type EngineName = keyof typeof engines;

const project = (options: EmbeddedIndexOptions) => async () => projectEngine((store) => EmbeddedSearchIndex.open(store, options));

export const engines = {
  // The project's index as served (compound prefixes and typo tolerance on), and with them off.
  'project (embedded BM25)': project({}),
  'project: exact words only': project({ prefix: false, typos: false }),
  'project: prefixes only': project({ prefix: true, typos: false }),
  orama: async () => oramaEngine(),
  minisearch: async () => miniSearchEngine({ prefix: false, fuzzy: false }),
  'minisearch prefix+fuzzy': async () => miniSearchEngine({ prefix: true, fuzzy: true }),
  flexsearch: async () => flexSearchEngine(),
} satisfies Record<string, () => Promise<Engine>>;
