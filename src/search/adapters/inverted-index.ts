// The embedded index's data structure: a BM25F inverted index over the project's Danish analysis
// (src/search/analysis.ts, the same terms the answerer matches), with prefix matching for Danish
// compounds and one-edit typo tolerance. Immutable: a change builds a new index that shares every
// untouched postings list with the old one, so searches keep using the old one until it is swapped.
//
// Why our own and not a library (ADR 0005): on the benchmark's 50k-chunk hospital corpus, Orama and
// MiniSearch score and sort every matching document and took hundreds of milliseconds for common
// words (docs/search-benchmark.md). Here postings are typed arrays in slot order, scored term by
// term into reused arrays, rarest term first; once the documents found so far cannot be overtaken,
// the long lists of common words are not scanned (MaxScore), and only the best `limit` are sorted.
import { contentTerms, danishStemmer, tokenize } from '../analysis.js';
import type { Chunk, IndexChange, SearchHit } from '../search-index.js';

export interface MatchOptions {
  /** A query term of 4+ letters also finds the words it begins ("parkering" → "parkeringsplads"). */
  prefix: boolean;
  /** A query term of 5+ letters the index does not know finds words one edit away ("parkerng"). */
  typos: boolean;
}

export interface InvertedSearch extends Partial<MatchOptions> {
  text: string;
  limit: number;
  /** Documents of this hospital get their score multiplied by `hospitalBoost`. */
  hospital?: string;
  /** Scan every postings list, skipping none (for checking that skipping changes no result). */
  exhaustive?: boolean;
}

/** The indexed fields of a chunk and their weights: a word in the title says more than one in the text. */
const fieldCount = 3;
const fieldWeights = [2, 1.5, 1] as const;
const fieldsOf = (chunk: Chunk): [string, string, string] => [
  chunk.title,
  // The whole path, title included: an opening section's heading is the page title, and it must not
  // lose to sub-sections that merely repeat a word of the question in their heading.
  chunk.headingPath.join(' › '),
  chunk.text,
];

// BM25 parameters (the usual ones) and what a looser match is worth next to the exact word.
const k1 = 1.2;
const b = 0.75;
export const hospitalBoost = 1.6;
const prefixWeight = 0.5;
const typoWeight = 0.4;
const minPrefixLength = 4;
const minTypoLength = 5;
const alphabet = 'abcdefghijklmnopqrstuvwxyzæøå';
/** A short prefix can begin thousands of compounds: only the most frequent ones are followed. */
const maxPrefixExpansions = 32;

// A posting is two numbers: the document's slot and its term counts per field, packed
// title (8 bits) | headings (8 bits) | text (16 bits).
const pack = (counts: readonly number[]) => (Math.min(counts[0] ?? 0, 0xff) | (Math.min(counts[1] ?? 0, 0xff) << 8) | (Math.min(counts[2] ?? 0, 0xffff) << 16)) >>> 0;

interface Analysed {
  /** Packed field counts by term. */
  terms: Map<string, number>;
  lengths: [number, number, number];
}

function analyse(chunk: Chunk): Analysed {
  const counts = new Map<string, number[]>();
  const lengths: [number, number, number] = [0, 0, 0];
  fieldsOf(chunk).forEach((text, field) => {
    const terms = contentTerms(text);
    lengths[field] = terms.length;
    for (const term of terms) {
      let perField = counts.get(term);
      if (perField === undefined) counts.set(term, (perField = [0, 0, 0]));
      perField[field] = (perField[field] as number) + 1;
    }
  });
  return { terms: new Map([...counts].map(([term, perField]) => [term, pack(perField)])), lengths };
}

/**
 * A postings list with `added` (slot, counts pairs) merged in, in slot order: searches look documents
 * up in lists by binary search. A first build adds in slot order, so it only appends.
 */
function merged(list: Uint32Array, added: readonly number[]): Uint32Array {
  let ordered = list.length === 0 || (added[0] as number) > (list[list.length - 2] as number);
  for (let position = 2; ordered && position < added.length; position += 2) ordered = (added[position] as number) > (added[position - 2] as number);
  const joined = new Uint32Array(list.length + added.length);
  joined.set(list);
  joined.set(added, list.length);
  if (ordered) return joined;
  const pairs: [number, number][] = [];
  for (let position = 0; position < joined.length; position += 2) pairs.push([joined[position] as number, joined[position + 1] as number]);
  pairs.sort((x, y) => x[0] - y[0]);
  pairs.forEach(([slot, packed], index) => {
    joined[index * 2] = slot;
    joined[index * 2 + 1] = packed;
  });
  return joined;
}

/** Whether `a` and `b` differ by exactly one insertion, deletion, substitution or swap of neighbours. */
export function oneEditApart(a: string, b: string): boolean {
  const difference = a.length - b.length;
  if (difference > 1 || difference < -1) return false;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  const restEqual = (fromA: number, fromB: number) => {
    if (a.length - fromA !== b.length - fromB) return false;
    for (let offset = 0; fromA + offset < a.length; offset += 1) if (a[fromA + offset] !== b[fromB + offset]) return false;
    return true;
  };
  if (difference === 1) return restEqual(start + 1, start);
  if (difference === -1) return restEqual(start, start + 1);
  if (start === a.length) return false; // the same word
  return restEqual(start + 1, start + 1) || (a[start] === b[start + 1] && a[start + 1] === b[start] && restEqual(start + 2, start + 2));
}

/** The snapshot's JSON shape (format version and envelope are the adapter's). */
export interface InvertedSnapshot {
  chunks: (Chunk | null)[];
  postings: Record<string, number[]>;
}

/**
 * Per-search working memory, one entry per slot, kept between searches of the same index so a search
 * allocates nothing in proportion to the corpus. `termOf` says which query term `termBest` belongs to
 * (term numbers only grow, so nothing has to be cleared between terms).
 */
interface Scratch {
  scores: Float64Array;
  termBest: Float64Array;
  termOf: Float64Array;
  touched: Int32Array;
  touchedCount: number;
  termNumber: number;
}

/**
 * A posting's field counts (packed as title | headings << 8 | text << 16) times its document's
 * per-field norms (weight / length factor): the sum BM25F saturates.
 */
function weightedFields(packed: number, norms: Float64Array, slot: number): number {
  const base = slot * fieldCount;
  return (packed & 0xff) * (norms[base] as number) + ((packed >>> 8) & 0xff) * (norms[base + 1] as number) + (packed >>> 16) * (norms[base + 2] as number);
}

/**
 * Adds one postings list's BM25F scores to the documents' scores. A document matching the current
 * query term in several ways (the word and a compound) counts only its best match. Kept small and
 * monomorphic: it is the hot loop.
 */
function scoreList(list: Uint32Array, weight: number, norms: Float64Array, scratch: Scratch): void {
  const { scores, termBest, termOf, touched, termNumber } = scratch;
  let touchedCount = scratch.touchedCount;
  for (let position = 0; position < list.length; position += 2) {
    const slot = list[position] as number;
    const packed = list[position + 1] as number;
    // Field counts weighted and length-normalised, then saturated.
    const weighted = weightedFields(packed, norms, slot);
    const score = (weight * weighted) / (k1 + weighted);
    if (termOf[slot] !== termNumber) {
      termOf[slot] = termNumber;
      termBest[slot] = score;
      if (scores[slot] === 0) touched[touchedCount++] = slot;
      scores[slot] = (scores[slot] as number) + score;
    } else if (score > (termBest[slot] as number)) {
      scores[slot] = (scores[slot] as number) + score - (termBest[slot] as number);
      termBest[slot] = score;
    }
  }
  scratch.touchedCount = touchedCount;
}

/** A query term's postings lists (the word, its compounds, near spellings) and their factors. */
interface TermLists {
  lists: Uint32Array[];
  factors: number[];
  /** The most a document can get from this term. */
  bound: number;
  postings: number;
}

/** Lists shorter than this are scanned anyway: checking whether they can be skipped costs as much. */
const pruneFrom = 1024;
/** Rough cost of finding a document in a list by binary search, in postings scanned. */
const lookupCost = 16;

/** Position of `slot` in a slot-ordered postings list, or -1. */
function find(list: Uint32Array, slot: number): number {
  let low = 0;
  let high = list.length / 2 - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = list[middle * 2] as number;
    if (found === slot) return middle * 2;
    if (found < slot) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** What one document gets from one query term: its best match among the term's lists. */
function scoreOne(group: TermLists, slot: number, norms: Float64Array): number {
  let best = 0;
  group.lists.forEach((list, index) => {
    const position = find(list, slot);
    if (position < 0) return;
    const weighted = weightedFields(list[position + 1] as number, norms, slot);
    best = Math.max(best, ((group.factors[index] as number) * weighted) / (k1 + weighted));
  });
  return best;
}

export class InvertedIndex {
  /** Terms in code-unit order, for prefix ranges. */
  private readonly vocabulary: string[];
  /**
   * Typo candidates: terms by length and first letter ("9:a"), and by length and second letter
   * ("9/b"). A word one edit away from a query term shares its first letter unless the edit is at
   * the start, and then it starts with, or has as second letter, one of the term's first two letters.
   */
  private readonly typoBuckets = new Map<string, string[]>();
  private scratchSpace: Scratch | undefined;
  /** Per postings list of this index (norms differ between indexes): see saturationBound. */
  private readonly saturationBounds = new WeakMap<Uint32Array, number>();
  private norms: Float64Array | undefined;
  /** Hospital of each slot as a number (index in `hospitals`), so ranking never reads the chunks. */
  private hospitalCodes: Int32Array | undefined;
  private hospitals = new Map<string, number>();

  private constructor(
    /** Documents by slot; a removed document leaves a hole that a later one fills. */
    private readonly chunks: readonly (Chunk | undefined)[],
    private readonly slots: ReadonlyMap<string, number>,
    private readonly free: readonly number[],
    private readonly postings: ReadonlyMap<string, Uint32Array>,
    /** Content-term count of each field, `fieldCount` per slot. */
    private readonly lengths: Uint32Array,
    private readonly totals: readonly number[],
  ) {
    this.vocabulary = [...postings.keys()].sort();
    for (const term of this.vocabulary) {
      if (term.length < minTypoLength - 1) continue;
      for (const key of [`${term.length}:${term[0]}`, `${term.length}/${term[1]}`]) {
        let bucket = this.typoBuckets.get(key);
        if (bucket === undefined) this.typoBuckets.set(key, (bucket = []));
        bucket.push(term);
      }
    }
  }

  static empty(): InvertedIndex {
    return new InvertedIndex([], new Map(), [], new Map(), new Uint32Array(0), [0, 0, 0]);
  }

  /** Rebuilds the index from its snapshot; throws when the snapshot contradicts itself. */
  static fromSnapshot(snapshot: InvertedSnapshot): InvertedIndex {
    const chunks = snapshot.chunks.map((chunk) => chunk ?? undefined);
    const slots = new Map<string, number>();
    const free: number[] = [];
    chunks.forEach((chunk, slot) => (chunk === undefined ? free.push(slot) : slots.set(chunk.id, slot)));
    // Field lengths are the sums of the counts in the postings: stopwords are never indexed.
    const lengths = new Uint32Array(chunks.length * fieldCount);
    const totals = [0, 0, 0];
    const postings = new Map<string, Uint32Array>();
    for (const [term, list] of Object.entries(snapshot.postings)) {
      // Lists are written in slot order; one that is not (an edited file) is put in order.
      const typed = merged(new Uint32Array(0), list);
      for (let position = 0; position < typed.length; position += 2) {
        const slot = typed[position] as number;
        if (chunks[slot] === undefined) throw new Error(`the index snapshot is damaged: term "${term}" points at a missing chunk`);
        const packed = typed[position + 1] as number;
        const counts = [packed & 0xff, (packed >>> 8) & 0xff, packed >>> 16];
        for (let field = 0; field < fieldCount; field += 1) {
          const count = counts[field] as number;
          lengths[slot * fieldCount + field] = (lengths[slot * fieldCount + field] as number) + count;
          totals[field] = (totals[field] as number) + count;
        }
      }
      postings.set(term, typed);
    }
    return new InvertedIndex(chunks, slots, free, postings, lengths, totals);
  }

  get size(): number {
    return this.slots.size;
  }

  /** Served documents in slot order. */
  *documents(): Generator<Chunk> {
    for (const chunk of this.chunks) if (chunk !== undefined) yield chunk;
  }

  has(id: string): boolean {
    return this.slots.has(id);
  }

  /** The served chunk with this id. */
  get(id: string): Chunk | undefined {
    const slot = this.slots.get(id);
    return slot === undefined ? undefined : this.chunks[slot];
  }

  /** A new index with the change applied; this one is left exactly as it was. */
  withChange(change: IndexChange): InvertedIndex {
    const chunks = this.chunks.slice();
    const slots = new Map(this.slots);
    const free = this.free.slice();
    const totals = this.totals.slice();
    const removedByTerm = new Map<string, Set<number>>();
    const needed = chunks.length + change.upsert.length;
    const lengths = new Uint32Array(Math.max(needed, 16) * fieldCount);
    lengths.set(this.lengths);

    const removeSlot = (slot: number) => {
      const old = chunks[slot] as Chunk;
      for (const term of analyse(old).terms.keys()) {
        let removed = removedByTerm.get(term);
        if (removed === undefined) removedByTerm.set(term, (removed = new Set()));
        removed.add(slot);
      }
      for (let field = 0; field < fieldCount; field += 1) {
        totals[field] = (totals[field] as number) - (lengths[slot * fieldCount + field] as number);
        lengths[slot * fieldCount + field] = 0;
      }
      chunks[slot] = undefined;
      slots.delete(old.id);
      free.push(slot);
    };
    for (const id of [...change.remove, ...change.upsert.map((chunk) => chunk.id)]) {
      const slot = slots.get(id);
      if (slot !== undefined) removeSlot(slot);
    }

    const addedByTerm = new Map<string, number[]>();
    const upserts = new Map(change.upsert.map((chunk) => [chunk.id, chunk]));
    for (const chunk of upserts.values()) {
      const slot = free.pop() ?? chunks.length;
      chunks[slot] = chunk;
      slots.set(chunk.id, slot);
      const analysed = analyse(chunk);
      for (const [term, packed] of analysed.terms) {
        let added = addedByTerm.get(term);
        if (added === undefined) addedByTerm.set(term, (added = []));
        added.push(slot, packed);
      }
      for (let field = 0; field < fieldCount; field += 1) {
        lengths[slot * fieldCount + field] = analysed.lengths[field] as number;
        totals[field] = (totals[field] as number) + (analysed.lengths[field] as number);
      }
    }

    // Only the postings lists of touched terms are copied; all others are shared with this index.
    const postings = new Map(this.postings);
    for (const [term, removed] of removedByTerm) {
      const list = postings.get(term) as Uint32Array;
      const kept: number[] = [];
      for (let position = 0; position < list.length; position += 2) {
        if (!removed.has(list[position] as number)) kept.push(list[position] as number, list[position + 1] as number);
      }
      if (kept.length === 0) postings.delete(term);
      else postings.set(term, Uint32Array.from(kept));
    }
    for (const [term, added] of addedByTerm) {
      const list = postings.get(term);
      if (list === undefined) {
        postings.set(term, merged(new Uint32Array(0), added));
        continue;
      }
      postings.set(term, merged(list, added));
    }
    return new InvertedIndex(chunks, slots, free, postings, lengths.slice(0, chunks.length * fieldCount), totals);
  }

  /** Index terms a query term stands for, with what a match on each is worth. */
  private expand(term: string, word: string, options: MatchOptions & { correct: boolean }): [string, number][] {
    const expansions: [string, number][] = [];
    const exact = this.postings.has(term);
    if (exact) expansions.push([term, 1]);
    if (options.prefix && term.length >= minPrefixLength) {
      const longer: [string, number][] = [];
      let low = 0;
      let high = this.vocabulary.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((this.vocabulary[middle] as string) <= term) low = middle + 1;
        else high = middle;
      }
      for (let position = low; position < this.vocabulary.length && (this.vocabulary[position] as string).startsWith(term); position += 1) {
        const word = this.vocabulary[position] as string;
        longer.push([word, this.frequency(word)]);
      }
      if (longer.length > maxPrefixExpansions) longer.sort((x, y) => y[1] - x[1]).length = maxPrefixExpansions;
      for (const [word] of longer) expansions.push([word, prefixWeight]);
    }
    // Typos only for words the index does not know: a known word is taken as meant.
    if (options.typos && !exact && term.length >= minTypoLength) {
      const seen = new Set<string>();
      const [first, second] = [term[0] as string, term[1] as string];
      for (const length of [term.length - 1, term.length, term.length + 1]) {
        for (const key of [`${length}:${first}`, `${length}:${second}`, `${length}/${first}`, `${length}/${second}`]) {
          for (const candidate of this.typoBuckets.get(key) ?? []) {
            if (!seen.has(candidate) && oneEditApart(term, candidate)) {
              seen.add(candidate);
              expansions.push([candidate, typoWeight]);
            }
          }
        }
      }
      // A misspelling can also change how the word stems ("bedøvlsen" keeps its ending, "bedøvelsen"
      // becomes "bedøv"): then the word as written is corrected one edit at a time and stemmed again.
      if (seen.size === 0 && options.correct) for (const candidate of this.correctedStems(word)) expansions.push([candidate, typoWeight]);
    }
    return expansions;
  }

  /** Per slot and field: the field's weight over its BM25 length factor, computed once per index. */
  private fieldNorms(): Float64Array {
    if (this.norms !== undefined) return this.norms;
    const documents = Math.max(this.slots.size, 1);
    const averages = this.totals.map((total) => Math.max(total / documents, 1));
    const norms = new Float64Array(this.chunks.length * fieldCount);
    for (let slot = 0; slot < this.chunks.length; slot += 1) {
      for (let field = 0; field < fieldCount; field += 1) {
        const length = this.lengths[slot * fieldCount + field] as number;
        norms[slot * fieldCount + field] = (fieldWeights[field] as number) / (1 - b + (b * length) / (averages[field] as number));
      }
    }
    return (this.norms = norms);
  }

  private hospitalCode(hospital: string | undefined): number {
    if (this.hospitalCodes === undefined) {
      this.hospitalCodes = new Int32Array(this.chunks.length).fill(-1);
      this.chunks.forEach((chunk, slot) => {
        if (chunk?.hospital === undefined) return;
        if (!this.hospitals.has(chunk.hospital)) this.hospitals.set(chunk.hospital, this.hospitals.size);
        (this.hospitalCodes as Int32Array)[slot] = this.hospitals.get(chunk.hospital) as number;
      });
    }
    return hospital === undefined ? -2 : (this.hospitals.get(hospital) ?? -2);
  }

  /** Index terms that are the stem of a word one edit away from `word` (as written, lower-cased). */
  private correctedStems(word: string): Set<string> {
    const found = new Set<string>();
    // Only words in the Danish alphabet: an Arabic or Ukrainian word has no Danish spelling to fix.
    if (!/^[a-zæøå]+$/.test(word)) return found;
    const consider = (variant: string) => {
      const stem = danishStemmer(variant);
      if (this.postings.has(stem)) found.add(stem);
    };
    for (let position = 0; position <= word.length; position += 1) {
      const before = word.slice(0, position);
      const after = word.slice(position);
      if (after.length > 0) consider(before + after.slice(1));
      if (after.length > 1) consider(before + after[1] + after[0] + after.slice(2));
      for (const letter of alphabet) {
        consider(before + letter + after);
        if (after.length > 0 && after[0] !== letter) consider(before + letter + after.slice(1));
      }
    }
    return found;
  }

  private frequency(term: string): number {
    return (this.postings.get(term)?.length ?? 0) / 2;
  }

  search(query: InvertedSearch): SearchHit[] {
    const options: MatchOptions = { prefix: query.prefix ?? true, typos: query.typos ?? true };
    // Each content word of the question with its stem: typo correction needs the word as written.
    const terms = new Map<string, string>();
    for (const word of tokenize(query.text)) {
      const [term] = contentTerms(word);
      if (term !== undefined && !terms.has(term)) terms.set(term, word);
    }
    const documents = this.slots.size;
    if (documents === 0 || terms.size === 0 || query.limit <= 0) return [];
    const slotCount = this.chunks.length;
    const scratch = (this.scratchSpace ??= {
      scores: new Float64Array(slotCount),
      termBest: new Float64Array(slotCount),
      termOf: new Float64Array(slotCount),
      touched: new Int32Array(slotCount),
      touchedCount: 0,
      termNumber: 0,
    });
    scratch.touchedCount = 0;
    const norms = this.fieldNorms();
    const idfOf = (frequency: number) => Math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5));
    // Each query term's postings lists with what a match in each is worth at most (its factor: a
    // BM25 score is below the factor, as saturation stays below 1).
    const groups: TermLists[] = [];
    // Correcting a word before stemming tries hundreds of spellings: worth it for a short question or
    // a Danish one with a typo, not for a long question in another language, where most words are unknown.
    const known = [...terms.keys()].filter((term) => this.postings.has(term)).length;
    const correct = terms.size <= 2 || known * 2 >= terms.size;
    for (const [term, written] of terms) {
      // A compound or a near spelling means what the query word means: it is not worth more for
      // being rarer ("parkeringssygeplejerske" must not beat "parkering" for "parkering").
      const ceiling = this.postings.has(term) ? idfOf(this.frequency(term)) : Infinity;
      const group: TermLists = { lists: [], factors: [], bound: 0, postings: 0 };
      for (const [word, weight] of this.expand(term, written, { ...options, correct })) {
        const list = this.postings.get(word) as Uint32Array;
        const factor = weight * Math.min(idfOf(list.length / 2), ceiling);
        group.lists.push(list);
        group.factors.push(factor);
        group.bound = Math.max(group.bound, factor * this.saturationBound(list, norms));
        group.postings += list.length / 2;
      }
      if (group.lists.length > 0) groups.push(group);
    }
    // Rarest terms first (MaxScore): once the documents found so far score so well that the terms
    // left could not lift a document they have not seen into the top `limit`, the long lists of
    // common words are no longer scanned; only the documents that can still make it are completed.
    groups.sort((x, y) => y.bound - x.bound);
    const boostedCode = this.hospitalCode(query.hospital);
    const codes = this.hospitalCodes as Int32Array;
    const boostOf = (slot: number) => (codes[slot] === boostedCode ? hospitalBoost : 1);
    const maxBoost = query.hospital === undefined ? 1 : hospitalBoost;
    const left = groups.map((_, index) => groups.slice(index).reduce((sum, group) => sum + group.bound, 0));
    const { scores, touched } = scratch;
    /** Once common words are being skipped: the documents that can still make the top. */
    let candidates: number[] | undefined;
    groups.forEach((group, index) => {
      if (candidates === undefined && query.exhaustive !== true && index > 0 && group.postings > pruneFrom && scratch.touchedCount >= query.limit) {
        const threshold = this.kthScore(scratch, query.limit, boostOf);
        const rest = left[index] as number;
        if (threshold > rest * maxBoost) {
          candidates = [];
          for (let next = 0; next < scratch.touchedCount; next += 1) {
            const slot = touched[next] as number;
            if (((scores[slot] as number) + rest) * boostOf(slot) > threshold) candidates.push(slot);
          }
        }
      }
      // Looking the candidates up in the lists, or scanning the lists, whichever is less work.
      if (candidates !== undefined && candidates.length * group.lists.length * lookupCost < group.postings) {
        for (const slot of candidates) scores[slot] = (scores[slot] as number) + scoreOne(group, slot, norms);
        return;
      }
      scratch.termNumber += 1;
      group.lists.forEach((list, position) => scoreList(list, group.factors[position] as number, norms, scratch));
    });
    const touchedCount = scratch.touchedCount;
    // The best `limit` documents, kept in a small sorted list: no sorting of every match.
    const best: { slot: number; score: number }[] = [];
    for (let next = 0; next < touchedCount; next += 1) {
      const slot = touched[next] as number;
      const score = (scores[slot] as number) * boostOf(slot);
      scores[slot] = 0;
      if (best.length === query.limit && score <= (best[best.length - 1] as { score: number }).score) continue;
      let place = best.length;
      while (place > 0 && (best[place - 1] as { score: number }).score < score) place -= 1;
      best.splice(place, 0, { slot, score });
      if (best.length > query.limit) best.pop();
    }
    return best.map(({ slot, score }) => ({ chunk: this.chunks[slot] as Chunk, score }));
  }

  /**
   * The highest saturated field score any document has in `list` (below 1): with it, what a term
   * can add to a document is known tightly enough to skip common words. Worked out once per list.
   */
  private saturationBound(list: Uint32Array, norms: Float64Array): number {
    const known = this.saturationBounds.get(list);
    if (known !== undefined) return known;
    let highest = 0;
    for (let position = 0; position < list.length; position += 2) {
      const slot = list[position] as number;
      const packed = list[position + 1] as number;
      const weighted = weightedFields(packed, norms, slot);
      if (weighted > highest) highest = weighted;
    }
    const bound = highest / (k1 + highest);
    this.saturationBounds.set(list, bound);
    return bound;
  }

  /** The `k`-th best (boosted) score among the documents scored so far. */
  private kthScore(scratch: Scratch, k: number, boostOf: (slot: number) => number): number {
    const best: number[] = [];
    for (let next = 0; next < scratch.touchedCount; next += 1) {
      const slot = scratch.touched[next] as number;
      const score = (scratch.scores[slot] as number) * boostOf(slot);
      if (best.length === k && score <= (best[k - 1] as number)) continue;
      let place = best.length;
      while (place > 0 && (best[place - 1] as number) < score) place -= 1;
      best.splice(place, 0, score);
      if (best.length > k) best.pop();
    }
    return best.length < k ? 0 : (best[k - 1] as number);
  }

  /** The snapshot's JSON text, piece by piece (a chunk or a term per piece), never the whole text at once. */
  *snapshotPieces(): Generator<string> {
    yield '"chunks":[';
    let first = true;
    for (const chunk of this.chunks) {
      yield `${first ? '' : ','}${chunk === undefined ? 'null' : JSON.stringify(chunk)}`;
      first = false;
    }
    yield '],"postings":{';
    first = true;
    for (const [term, list] of this.postings) {
      yield `${first ? '' : ','}${JSON.stringify(term)}:[${list.join(',')}]`;
      first = false;
    }
    yield '}';
  }
}
