import { describe, expect, it } from 'vitest';
import { changeTo, type Chunk, type ManifestEntry } from './search-index.js';

const chunk = (id: string, sourceId: string, contentHash = id, url = `/${id}`): Chunk => ({
  id, url, title: id, headingPath: [id], text: id, language: 'da', source: sourceId.startsWith('practical') ? 'practical' : 'pinfo', sourceId, contentHash,
});
const manifestOf = (chunks: Chunk[]) =>
  new Map<string, ManifestEntry>(chunks.map((item) => [item.id, { contentHash: item.contentHash, url: item.url, source: item.source, sourceId: item.sourceId }]));

const served = [chunk('koloskopi', 'pages:fjordby'), chunk('mr', 'pages:fjordby'), chunk('parkering', 'practical:fjordby'), chunk('besoeg', 'practical:lyngaa')];

describe('changeTo', () => {
  it('without a scope replaces the whole index: everything not wanted is removed', () => {
    const change = changeTo(manifestOf(served), [served[0] as Chunk]);
    expect([...change.remove].sort()).toEqual(['besoeg', 'mr', 'parkering']);
    expect(change).toMatchObject({ upsert: [], unchanged: 1, kept: 0 });
  });

  it('a run for one hospital’s practical information never removes pages or other hospitals', () => {
    const change = changeTo(manifestOf(served), [chunk('parkering', 'practical:fjordby', 'v2')], { sourceIds: new Set(['practical:fjordby']) });
    expect(change.upsert.map((item) => item.id)).toEqual(['parkering']);
    expect(change.remove).toEqual([]);
    const emptied = changeTo(manifestOf(served), [], { sourceIds: new Set(['practical:fjordby']) });
    expect(emptied.remove).toEqual(['parkering']);
  });

  it('keeps the chunks of pages that failed or were not modified, and counts them as kept', () => {
    const change = changeTo(manifestOf(served), [], { sourceIds: new Set(['pages:fjordby']), keepUrls: new Set(['/mr']) });
    expect(change.remove).toEqual(['koloskopi']);
    expect(change.kept).toBe(1);
  });

  it('treats a chunk that moved to another source as changed, so the new source owns it', () => {
    const change = changeTo(manifestOf(served), [chunk('mr', 'pages:fjordby-web')], { sourceIds: new Set(['pages:fjordby-web']) });
    expect(change.upsert.map((item) => item.sourceId)).toEqual(['pages:fjordby-web']);
    expect(change.unchanged).toBe(0);
  });

  it('a second identical run changes nothing', () => {
    expect(changeTo(manifestOf(served), served, { sourceIds: new Set(served.map((item) => item.sourceId)) })).toMatchObject({ upsert: [], remove: [], unchanged: 4 });
  });
});
