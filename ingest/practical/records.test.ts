// Practical information stays structured all the way into the index: the chunk a citizen's question
// retrieves carries the record it was rendered from, so exact questions can be answered from fields.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EmbeddedSearchIndex } from '../../src/search/adapters/embedded-index.js';
import { changeTo } from '../../src/search/search-index.js';
import { MemorySnapshotStore } from '../../test/support/runtime.js';
import { chunkPage } from '../chunk.js';
import { practicalPages } from './pages.js';
import { practicalInfoSchema } from './schema.js';

const fjordby = practicalInfoSchema.parse(JSON.parse(readFileSync(new URL('../demo/practical/fjordby.json', import.meta.url), 'utf8')));
const chunks = practicalPages(fjordby).flatMap((page) => chunkPage(page, 'practical', 'practical:fjordby'));

describe('structured practical records', () => {
  it('attach the department record to the department’s chunk, with the entrance by its sign name', () => {
    const chunk = chunks.find((candidate) => candidate.headingPath[1] === 'Ortopædkirurgisk Ambulatorium (Ambulatorium A)');
    expect(chunk?.url).toBe('/demo/fjordby/praktisk/find-vej');
    expect(chunk?.record).toMatchObject({
      kind: 'department',
      fields: { entrance: 'Indgang 3 – Ambulatorier', floor: '2. sal', building: 'Ambulatoriebygningen', phone: '99 10 13 20', aliases: expect.arrayContaining(['ortopæd', 'knæ']) },
    });
  });

  it('give every parking area its prices and payment as lists, and leave prose sections without a record', () => {
    const areas = chunks.filter((chunk) => chunk.record?.kind === 'parking-area');
    expect(areas.map((chunk) => chunk.record?.fields['name'])).toEqual(fjordby.sections.parking.areas.map((area) => area.name));
    for (const area of areas) expect(Array.isArray(area.record?.fields['priceRules'])).toBe(true);
    expect(chunks.find((chunk) => chunk.headingPath.length === 1 && chunk.url.endsWith('/parkering'))?.record).toBeUndefined();
  });

  it('survive the index and its snapshot, and a changed department updates that department’s chunk only', async () => {
    const store = new MemorySnapshotStore();
    const index = await EmbeddedSearchIndex.open(store);
    await index.apply(changeTo(await index.manifest(), chunks));
    const reopened = await EmbeddedSearchIndex.open(store);
    const hit = (await reopened.search({ text: 'ortopædkirurgisk ambulatorium indgang', hospital: 'fjordby' })).find((candidate) => candidate.chunk.record?.kind === 'department');
    expect(hit?.chunk.record?.fields['floor']).toBe('2. sal');

    const moved = structuredClone(fjordby);
    const department = moved.sections.wayfinding.departments.find((candidate) => candidate.id === 'ortopaedkirurgi');
    if (department === undefined) throw new Error('demo department missing');
    department.aliases = [...department.aliases, 'sportsskader'];
    const change = changeTo(await reopened.manifest(), practicalPages(moved).flatMap((page) => chunkPage(page, 'practical', 'practical:fjordby')));
    expect(change.upsert.map((chunk) => chunk.headingPath[1])).toEqual(['Ortopædkirurgisk Ambulatorium (Ambulatorium A)']);
  });
});
