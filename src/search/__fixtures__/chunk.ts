// One way for tests to make a chunk: the fields a test cares about, sensible defaults for the rest.
import type { Chunk } from '../search-index.js';

export function testChunk(fields: Partial<Chunk> & Pick<Chunk, 'id' | 'text'>): Chunk {
  const title = fields.title ?? fields.id;
  return {
    url: `/demo/${fields.hospital ?? 'region'}/${fields.id}`,
    title,
    headingPath: [title],
    language: 'da',
    source: 'pinfo',
    sourceId: 'pages:test',
    contentHash: fields.id,
    ...fields,
  };
}
