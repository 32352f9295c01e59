// Embedded SearchIndex: Orama in-process, with Danish stemming and stopwords, persisted as a JSON
// snapshot. Restoring goes through `load()` into a db created with the same tokenizer, because the
// persistence plugin's `restore()` drops the Danish tokenizer and stemmed searches then find nothing.
import { create, insertMultiple, load, save, search, type AnyOrama, type RawData } from '@orama/orama';
import { language } from '@orama/stemmers/danish';
import { danishStemmer, danishStopwords } from '../analysis.js';
import type { Chunk, SearchHit, SearchIndex, SearchQuery } from '../search-index.js';

/** Where the snapshot lives: a file for the Node server, a bundled asset for the Worker. */
export interface SnapshotStore {
  read(): Promise<string | null>;
  /** Must replace the previous snapshot atomically (write elsewhere, then rename). */
  write(snapshot: string): Promise<void>;
}

const snapshotFormat = 1;
const hospitalBoost = 1.6;

function createDatabase(): AnyOrama {
  return create({
    schema: { title: 'string', headings: 'string', text: 'string', hospital: 'enum', source: 'enum' },
    components: { tokenizer: { language, stemming: true, stemmer: danishStemmer, stopWords: danishStopwords } },
  });
}

interface StoredDocument {
  id: string;
  title: string;
  headings: string;
  text: string;
  hospital: string;
  source: string;
  chunk: Chunk;
}

export class OramaSearchIndex implements SearchIndex {
  private constructor(
    private database: AnyOrama,
    private size: number,
    private readonly store: SnapshotStore,
  ) {}

  /** Opens the index from its snapshot, or empty when there is none yet. */
  static async open(store: SnapshotStore): Promise<OramaSearchIndex> {
    const database = createDatabase();
    const snapshot = await store.read();
    if (snapshot === null) return new OramaSearchIndex(database, 0, store);
    const parsed = JSON.parse(snapshot) as { format: number; size: number; raw: RawData };
    if (parsed.format !== snapshotFormat) {
      throw new Error(`Search index snapshot has format ${parsed.format}, expected ${snapshotFormat}: re-ingest the content.`);
    }
    load(database, parsed.raw);
    return new OramaSearchIndex(database, parsed.size, store);
  }

  async search(query: SearchQuery): Promise<SearchHit[]> {
    if (this.size === 0 || query.text.trim() === '') return [];
    const limit = query.limit ?? 8;
    const result = await search(this.database, {
      term: query.text,
      properties: ['title', 'headings', 'text'],
      boost: { title: 2, headings: 1.5 },
      limit: Math.max(limit * 3, 20),
    });
    return result.hits
      .map((hit) => {
        const document = hit.document as unknown as StoredDocument;
        const boost = query.hospital !== undefined && document.hospital === query.hospital ? hospitalBoost : 1;
        return { chunk: document.chunk, score: hit.score * boost };
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }

  async replaceAll(chunks: readonly Chunk[]): Promise<void> {
    const next = createDatabase();
    const documents: StoredDocument[] = chunks.map((chunk) => ({
      id: chunk.id,
      title: chunk.title,
      // The whole path, title included: an opening section's heading is the page title, and it must
      // not lose to sub-sections that merely repeat a word of the question in their heading.
      headings: chunk.headingPath.join(' › '),
      text: chunk.text,
      hospital: chunk.hospital ?? 'region',
      source: chunk.source,
      chunk,
    }));
    await insertMultiple(next, documents as never[]);
    // Persist first: if writing fails, the running index and the snapshot both stay the old ones.
    await this.store.write(JSON.stringify({ format: snapshotFormat, size: chunks.length, raw: save(next) }));
    this.database = next;
    this.size = chunks.length;
  }

  async count(): Promise<number> {
    return this.size;
  }
}
