// The embedded index's dense half: one unit-length Float32 vector per chunk, searched by brute-force
// cosine (a dot product per chunk). Immutable like the inverted index: a change builds a new set that
// shares every untouched vector. Each vector remembers the content hash it was made from, so an
// unchanged chunk is never embedded again and a changed one never keeps a stale vector.

/** The snapshot's JSON shape under "vectors". */
export interface VectorSnapshot {
  dimensions: number;
  /** The model that made the vectors, when the Embeddings adapter names it. */
  model?: string;
  /** By chunk id: the content hash the vector was made from, and the vector as little-endian Float32, base64. */
  entries: Record<string, [string, string]>;
}

export interface StoredVector {
  contentHash: string;
  /** Unit length: cosine similarity is then a dot product. */
  vector: Float32Array;
}

/** Which model, and how long its vectors are: vectors of another identity are not comparable. */
export interface VectorIdentity {
  dimensions: number;
  model?: string;
}

/** A vector scaled to length 1 (a zero vector stays zero and matches nothing). */
export function unitVector(values: readonly number[]): Float32Array {
  const vector = Float32Array.from(values);
  let sum = 0;
  for (let position = 0; position < vector.length; position += 1) sum += (vector[position] as number) ** 2;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let position = 0; position < vector.length; position += 1) vector[position] = (vector[position] as number) / norm;
  return vector;
}

// Explicit little-endian through a DataView: the snapshot reads the same on any machine. btoa/atob
// instead of Buffer: the Worker loads the same snapshot.
function encode(vector: Float32Array): string {
  const bytes = new Uint8Array(vector.length * 4);
  const view = new DataView(bytes.buffer);
  for (let position = 0; position < vector.length; position += 1) view.setFloat32(position * 4, vector[position] as number, true);
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x2000) binary += String.fromCharCode(...bytes.subarray(start, start + 0x2000));
  return btoa(binary);
}

function decode(text: string, dimensions: number, id: string): Float32Array {
  const binary = atob(text);
  if (binary.length !== dimensions * 4) throw new Error(`the index snapshot is damaged: the vector of "${id}" has ${binary.length / 4} dimensions, ${dimensions} expected`);
  const view = new DataView(new ArrayBuffer(binary.length));
  for (let position = 0; position < binary.length; position += 1) view.setUint8(position, binary.charCodeAt(position));
  const vector = new Float32Array(dimensions);
  for (let position = 0; position < dimensions; position += 1) vector[position] = view.getFloat32(position * 4, true);
  return vector;
}

/** Dot product, four at a time: this loop is the whole cost of a dense search. */
function dot(a: Float32Array, b: Float32Array): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const end = a.length - (a.length % 4);
  let position = 0;
  for (; position < end; position += 4) {
    s0 += (a[position] as number) * (b[position] as number);
    s1 += (a[position + 1] as number) * (b[position + 1] as number);
    s2 += (a[position + 2] as number) * (b[position + 2] as number);
    s3 += (a[position + 3] as number) * (b[position + 3] as number);
  }
  for (; position < a.length; position += 1) s0 += (a[position] as number) * (b[position] as number);
  return s0 + s1 + s2 + s3;
}

export class DenseVectors {
  /** Ids and vectors side by side, built at the first search: iterating a Map per search costs more. */
  private rows: { ids: string[]; vectors: Float32Array[] } | undefined;

  private constructor(
    readonly identity: VectorIdentity | undefined,
    private readonly entries: ReadonlyMap<string, StoredVector>,
  ) {}

  static empty(identity?: VectorIdentity): DenseVectors {
    return new DenseVectors(identity, new Map());
  }

  static fromSnapshot(snapshot: VectorSnapshot): DenseVectors {
    if (!Number.isInteger(snapshot.dimensions) || snapshot.dimensions <= 0 || typeof snapshot.entries !== 'object' || snapshot.entries === null) {
      throw new Error('the index snapshot is damaged: its vectors have no dimensions or no entries');
    }
    const entries = new Map<string, StoredVector>();
    for (const [id, [contentHash, text]] of Object.entries(snapshot.entries)) entries.set(id, { contentHash, vector: decode(text, snapshot.dimensions, id) });
    return new DenseVectors({ dimensions: snapshot.dimensions, ...(snapshot.model !== undefined && { model: snapshot.model }) }, entries);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Whether these vectors can be compared with vectors of `identity` (same length, same model when both are named). */
  fits(identity: VectorIdentity): boolean {
    const own = this.identity;
    if (own === undefined) return true;
    return own.dimensions === identity.dimensions && (own.model === undefined || identity.model === undefined || own.model === identity.model);
  }

  /** The vector made from exactly this content of the chunk, if there is one. */
  vectorOf(id: string, contentHash: string): Float32Array | undefined {
    const stored = this.entries.get(id);
    return stored?.contentHash === contentHash ? stored.vector : undefined;
  }

  /**
   * A new set: only the vectors `keep` accepts, plus `added`. With another `identity` (a new model or
   * length), nothing old is kept.
   */
  with(keep: (id: string, stored: StoredVector) => boolean, added: ReadonlyMap<string, StoredVector>, identity: VectorIdentity | undefined = this.identity): DenseVectors {
    const sameIdentity = identity === undefined || this.fits(identity);
    const entries = new Map<string, StoredVector>();
    if (sameIdentity) for (const [id, stored] of this.entries) if (keep(id, stored)) entries.set(id, stored);
    for (const [id, stored] of added) entries.set(id, stored);
    return new DenseVectors(sameIdentity ? (this.identity ?? identity) : identity, entries);
  }

  /**
   * The `limit` chunks most similar to `query` (unit length), by cosine times `boostOf(id)` (at most
   * `maxBoost`); only chunks pointing the query's way (cosine above 0) count. The boost is looked up
   * only for a chunk that could make the list with it: most are ruled out by their cosine alone.
   */
  nearest(query: Float32Array, limit: number, boostOf: (id: string) => number, maxBoost = 1): { id: string; score: number }[] {
    this.rows ??= { ids: [...this.entries.keys()], vectors: [...this.entries.values()].map((stored) => stored.vector) };
    const { ids, vectors } = this.rows;
    const best: { row: number; score: number }[] = [];
    let threshold = 0;
    for (let row = 0; row < vectors.length; row += 1) {
      const vector = vectors[row] as Float32Array;
      if (vector.length !== query.length) continue;
      const cosine = dot(query, vector);
      if (cosine <= 0 || cosine * maxBoost <= threshold) continue;
      const score = maxBoost === 1 ? cosine : cosine * boostOf(ids[row] as string);
      if (score <= threshold) continue;
      let place = best.length;
      while (place > 0 && (best[place - 1] as { score: number }).score < score) place -= 1;
      best.splice(place, 0, { row, score });
      if (best.length > limit) best.pop();
      if (best.length === limit) threshold = (best[limit - 1] as { score: number }).score;
    }
    return best.map(({ row, score }) => ({ id: ids[row] as string, score }));
  }

  /** The `"vectors":{…}` member of the snapshot, an entry per piece; nothing when there are none. */
  *snapshotPieces(): Generator<string> {
    if (this.identity === undefined || this.entries.size === 0) return;
    yield `"vectors":{"dimensions":${this.identity.dimensions},${this.identity.model === undefined ? '' : `"model":${JSON.stringify(this.identity.model)},`}"entries":{`;
    let first = true;
    for (const [id, stored] of this.entries) {
      yield `${first ? '' : ','}${JSON.stringify(id)}:[${JSON.stringify(stored.contentHash)},"${encode(stored.vector)}"]`;
      first = false;
    }
    yield '}}';
  }
}
