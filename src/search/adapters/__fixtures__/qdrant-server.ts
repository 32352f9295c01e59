// A small in-memory Qdrant behind msw, answering the REST endpoints the adapter uses in the shapes of
// Qdrant's API reference (https://api.qdrant.tech/v-1-18-x/api-reference, OpenAPI in
// github.com/qdrant/qdrant openapi/openapi.json). Envelopes come from the recorded-style examples in
// ./qdrant/*.json. Scoring follows Qdrant's docs: sparse dot product with the `idf` modifier
// (https://qdrant.tech/documentation/concepts/indexing/#idf-modifier), cosine for dense vectors and
// Reciprocal Rank Fusion 1/(k + 0-based position), k = 2 unless the query names it
// (https://qdrant.tech/documentation/concepts/hybrid-queries/; lib/segment/src/common/reciprocal_rank_fusion.rs).
import { readFileSync } from 'node:fs';
import { http, HttpResponse, type JsonBodyType } from 'msw';
import { fuseByRank } from '../../rank-fusion.js';

export const qdrantUrl = 'http://qdrant.test:6333';

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./qdrant/${name}.json`, import.meta.url), 'utf8')) as T;
}

interface SparseVector {
  indices: number[];
  values: number[];
}
type Vectors = Record<string, SparseVector | number[]>;
type Payload = Record<string, unknown>;
interface StoredPoint {
  id: string | number;
  vector: Vectors;
  payload: Payload;
}
interface Collection {
  dense: Record<string, { size: number }>;
  sparse: Record<string, { modifier?: string }>;
  points: Map<string, StoredPoint>;
  payloadIndexes: Set<string>;
  version: number;
}
interface Filter {
  must?: { key: string; match: { value: unknown } | { any: unknown[] } }[];
}
interface Prefetch {
  query: SparseVector | number[];
  using: string;
  limit?: number;
  filter?: Filter;
}

/** A request as it reached the fake, for asserting what the adapter sends. */
export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Qdrant's DEFAULT_RRF_K, used for `{ fusion: 'rrf' }`. */
const defaultRrfK = 2;

const ok = (result: JsonBodyType) => HttpResponse.json({ result, status: 'ok', time: 0.000_2 });
// Qdrant's error envelope: no result, the message under status.error (see collection-not-found.json).
const failure = (httpStatus: number, error: string) => HttpResponse.json({ status: { error }, time: 0.000_01 }, { status: httpStatus });
const notFound = (name: string) => failure(404, `Not found: Collection \`${name}\` doesn't exist!`);
const badRequest = (message: string) => failure(400, `Wrong input: ${message}`);

// MatchValue and MatchAny conditions (https://qdrant.tech/documentation/concepts/filtering/#match, #match-any).
function matches(payload: Payload, filter: Filter | undefined): boolean {
  return (filter?.must ?? []).every(({ key, match }) => ('any' in match ? match.any.includes(payload[key]) : payload[key] === match.value));
}

export class FakeQdrant {
  readonly collections = new Map<string, Collection>();
  readonly aliases = new Map<string, string>();
  readonly requests: RecordedRequest[] = [];
  /** Answers the matching request with this response instead, e.g. a 500 for every upsert into one collection. */
  failWith: ((request: RecordedRequest) => Response | undefined) | undefined;

  private resolve(name: string): Collection | undefined {
    return this.collections.get(this.aliases.get(name) ?? name);
  }

  private validatePoint(collection: Collection, point: StoredPoint): string | undefined {
    if (!(typeof point.id === 'number' || uuidPattern.test(String(point.id)))) return `Unable to parse UUID: ${String(point.id)}`;
    for (const [name, vector] of Object.entries(point.vector)) {
      if (Array.isArray(vector)) {
        const expected = collection.dense[name]?.size;
        if (expected === undefined) return `Not existing vector name error: ${name}`;
        if (vector.length !== expected) return `Vector dimension error: expected dim: ${expected}, got ${vector.length}`;
      } else {
        if (collection.sparse[name] === undefined) return `Not existing vector name error: ${name}`;
        if (vector.indices.length !== vector.values.length) return 'Sparse vector indices and values must have the same length';
        if (new Set(vector.indices).size !== vector.indices.length) return 'Sparse vector indices must be unique';
      }
    }
    return undefined;
  }

  private score(collection: Collection, prefetch: Prefetch): { point: StoredPoint; score: number }[] {
    const candidates = [...collection.points.values()].filter((point) => matches(point.payload, prefetch.filter));
    const query = prefetch.query;
    const scored = candidates.flatMap((point) => {
      const vector = point.vector[prefetch.using];
      if (vector === undefined) return [];
      if (Array.isArray(query)) {
        const dense = vector as number[];
        const dot = dense.reduce((sum, value, position) => sum + value * (query[position] ?? 0), 0);
        const norms = Math.hypot(...dense) * Math.hypot(...query);
        return [{ point, score: norms === 0 ? 0 : dot / norms }];
      }
      const sparse = vector as SparseVector;
      let score = 0;
      query.indices.forEach((index, position) => {
        const at = sparse.indices.indexOf(index);
        if (at < 0) return;
        // IDF over the whole collection, as Qdrant computes it for `modifier: idf`.
        const total = collection.points.size;
        const containing = [...collection.points.values()].filter((other) => (other.vector[prefetch.using] as SparseVector | undefined)?.indices.includes(index)).length;
        const idf = collection.sparse[prefetch.using]?.modifier === 'idf' ? Math.log((total - containing + 0.5) / (containing + 0.5) + 1) : 1;
        score += idf * (query.values[position] ?? 0) * (sparse.values[at] ?? 0);
      });
      return score > 0 ? [{ point, score }] : [];
    });
    return scored.sort((a, b) => b.score - a.score).slice(0, prefetch.limit ?? 10);
  }

  readonly handlers = [
    http.all(`${qdrantUrl}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const body = request.method === 'GET' || request.method === 'DELETE' ? undefined : await request.clone().json();
      const recorded = { method: request.method, path: url.pathname + url.search, body };
      this.requests.push(recorded);
      return this.failWith?.(recorded);
    }),
    // GET / — service version, read by the client's compatibility check.
    http.get(`${qdrantUrl}/`, () => HttpResponse.json(fixture<JsonBodyType>('version'))),
    // GET /aliases — "List all aliases" (api-reference/aliases/get-collections-aliases).
    http.get(`${qdrantUrl}/aliases`, () => ok({ aliases: [...this.aliases].map(([alias_name, collection_name]) => ({ alias_name, collection_name })) })),
    // POST /collections/aliases — "Update aliases": all actions applied together or none.
    http.post(`${qdrantUrl}/collections/aliases`, async ({ request }) => {
      const { actions } = (await request.json()) as { actions: ({ create_alias: { collection_name: string; alias_name: string } } | { delete_alias: { alias_name: string } })[] };
      const next = new Map(this.aliases);
      for (const action of actions) {
        if ('delete_alias' in action) {
          if (!next.delete(action.delete_alias.alias_name)) return failure(404, `Not found: Alias ${action.delete_alias.alias_name} does not exists!`);
        } else {
          const { collection_name, alias_name } = action.create_alias;
          if (!this.collections.has(collection_name)) return notFound(collection_name);
          if (this.collections.has(alias_name)) return badRequest(`Collection \`${alias_name}\` already exists!`);
          next.set(alias_name, collection_name);
        }
      }
      this.aliases.clear();
      for (const [alias, collection] of next) this.aliases.set(alias, collection);
      return ok(true);
    }),
    // GET /collections/{name}/exists — "Check the existence of a collection".
    http.get(`${qdrantUrl}/collections/:name/exists`, ({ params }) => ok({ exists: this.collections.has(String(params.name)) })),
    // PUT /collections/{name} — "Create a collection" with named dense and sparse vectors.
    http.put(`${qdrantUrl}/collections/:name`, async ({ request, params }) => {
      const name = String(params.name);
      if (this.collections.has(name) || this.aliases.has(name)) return badRequest(`Collection \`${name}\` already exists!`);
      const config = (await request.json()) as { vectors?: Record<string, { size: number; distance: string }>; sparse_vectors?: Record<string, { modifier?: string }> };
      this.collections.set(name, { dense: config.vectors ?? {}, sparse: config.sparse_vectors ?? {}, points: new Map(), payloadIndexes: new Set(), version: 0 });
      return ok(true);
    }),
    // DELETE /collections/{name} — result false when there was nothing to delete.
    http.delete(`${qdrantUrl}/collections/:name`, ({ params }) => {
      const name = String(params.name);
      const existed = this.collections.delete(name);
      for (const [alias, collection] of this.aliases) if (collection === name) this.aliases.delete(alias);
      return ok(existed);
    }),
    // PUT /collections/{name}/index — "Create index for field in collection".
    http.put(`${qdrantUrl}/collections/:name/index`, async ({ request, params }) => {
      const collection = this.resolve(String(params.name));
      if (collection === undefined) return notFound(String(params.name));
      const { field_name } = (await request.json()) as { field_name: string; field_schema: string };
      collection.payloadIndexes.add(field_name);
      return ok({ operation_id: collection.version++, status: 'completed' });
    }),
    // PUT /collections/{name}/points — "Upsert points" (update-completed.json).
    http.put(`${qdrantUrl}/collections/:name/points`, async ({ request, params }) => {
      const collection = this.resolve(String(params.name));
      if (collection === undefined) return notFound(String(params.name));
      const { points } = (await request.json()) as { points: StoredPoint[] };
      for (const point of points) {
        const problem = this.validatePoint(collection, point);
        if (problem !== undefined) return badRequest(problem);
      }
      for (const point of points) collection.points.set(String(point.id), { ...point, payload: point.payload ?? {} });
      return ok({ operation_id: collection.version++, status: 'completed' });
    }),
    // POST /collections/{name}/points/scroll — pages ordered by id, next_page_offset = next id (scroll-points.json).
    http.post(`${qdrantUrl}/collections/:name/points/scroll`, async ({ request, params }) => {
      const collection = this.resolve(String(params.name));
      if (collection === undefined) return notFound(String(params.name));
      const { limit = 10, offset, with_payload = true, with_vector = false, filter } = (await request.json()) as {
        limit?: number;
        offset?: string;
        with_payload?: boolean | string[];
        with_vector?: boolean;
        filter?: Filter;
      };
      const ordered = [...collection.points.values()].filter((point) => matches(point.payload, filter)).sort((a, b) => String(a.id).localeCompare(String(b.id)));
      const start = offset === undefined ? 0 : ordered.findIndex((point) => String(point.id) >= String(offset));
      const page = start < 0 ? [] : ordered.slice(start, start + limit);
      const points = page.map((point) => ({
        id: point.id,
        ...(with_payload !== false && { payload: Array.isArray(with_payload) ? Object.fromEntries(with_payload.filter((key) => key in point.payload).map((key) => [key, point.payload[key]])) : point.payload }),
        ...(with_vector && { vector: point.vector }),
      }));
      return ok({ points, next_page_offset: start >= 0 ? (ordered[start + limit]?.id ?? null) : null } as JsonBodyType);
    }),
    // POST /collections/{name}/points/payload — "Set payload": merges the keys into the payload of the
    // points listed or selected by the filter (api-reference/points/set-payload; update-completed.json).
    http.post(`${qdrantUrl}/collections/:name/points/payload`, async ({ request, params }) => {
      const collection = this.resolve(String(params.name));
      if (collection === undefined) return notFound(String(params.name));
      const { payload, points, filter } = (await request.json()) as { payload?: Payload; points?: (string | number)[]; filter?: Filter };
      if (payload === undefined) return badRequest('missing field `payload`');
      if (points === undefined && filter === undefined) return badRequest('either `points` or `filter` is required');
      for (const point of collection.points.values()) {
        const selected = points !== undefined ? points.map(String).includes(String(point.id)) : matches(point.payload, filter);
        if (selected) point.payload = { ...point.payload, ...payload };
      }
      return ok({ operation_id: collection.version++, status: 'completed' });
    }),
    // POST /collections/{name}/points/count — count-points.json.
    http.post(`${qdrantUrl}/collections/:name/points/count`, ({ params }) => {
      const collection = this.resolve(String(params.name));
      return collection === undefined ? notFound(String(params.name)) : ok({ count: collection.points.size });
    }),
    // POST /collections/{name}/points/query — Query API with prefetches fused by RRF (query-points.json).
    http.post(`${qdrantUrl}/collections/:name/points/query`, async ({ request, params }) => {
      const collection = this.resolve(String(params.name));
      if (collection === undefined) return notFound(String(params.name));
      const { prefetch = [], query, limit = 10, with_payload = false } = (await request.json()) as {
        prefetch?: Prefetch[];
        query?: { fusion?: string; rrf?: { k?: number | null } };
        limit?: number;
        with_payload?: boolean;
      };
      if (query?.fusion !== 'rrf' && query?.rrf === undefined) return badRequest('this fake answers only prefetch + { fusion: "rrf" } or { rrf: { k } } queries');
      const rankings: { point: StoredPoint; score: number }[][] = [];
      for (const sub of prefetch) {
        if (collection.dense[sub.using] === undefined && collection.sparse[sub.using] === undefined) return badRequest(`Not existing vector name error: ${sub.using}`);
        rankings.push(this.score(collection, sub));
      }
      const fused = fuseByRank(rankings, ({ point }) => String(point.id), query.rrf?.k ?? defaultRrfK);
      const points = fused
        .slice(0, limit)
        .map(({ item: { point }, score }) => ({ id: point.id, version: collection.version, score, ...(with_payload && { payload: point.payload }) }));
      return ok({ points } as JsonBodyType);
    }),
  ];
}
