// Exact practical questions ("which entrance for Billeddiagnostisk?", "what does parking cost?", "what
// is the phone number of …?") answered from the structured record a practical chunk was rendered
// from, rather than from whichever sentence happens to match: the citizen gets the field they asked
// for, in full, with the page it is on as the citation.
import type { Concept } from '../search/query.js';
import type { PracticalRecord } from '../search/search-index.js';
import type { Passage } from './chat-model.js';

/** What the question asks for, when it is one of the things records hold. */
export type PracticalField = 'price' | 'phone' | 'hours' | 'place';

/** Fields asked for, from the question's synonym topics and whether it asks "where". */
export function askedFields(concepts: readonly Concept[], asksWhere: boolean): Set<PracticalField> {
  const topics = new Set(concepts.flatMap((concept) => concept.topics));
  const fields = new Set<PracticalField>();
  if (topics.has('pris')) fields.add('price');
  if (topics.has('telefon') || (topics.has('omstilling') && !topics.has('åbningstid'))) fields.add('phone');
  if (topics.has('åbningstid')) fields.add('hours');
  if (asksWhere || topics.has('indgang') || topics.has('etage')) fields.add('place');
  return fields;
}

const text = (value: PracticalRecord['fields'][string] | undefined): string | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value.map((item) => item.trim().replace(/\.$/, '')).join('. ') : String(value).trim().replace(/\.$/, '');

/** The sentence a record gives for a field, or nothing when the record does not hold it. */
function sentenceFor(record: PracticalRecord, field: PracticalField): string | undefined {
  const f = record.fields;
  const name = text(f.name);
  switch (field) {
    case 'price':
      return record.kind === 'parking-area' && f.priceRules !== undefined ? `${name}: ${text(f.priceRules)}.` : undefined;
    case 'phone':
      if (record.kind === 'switchboard' && f.phone !== undefined) return `Ring til omstillingen på ${text(f.phone)}${f.hours === undefined ? '' : ` (${text(f.hours)})`}.`;
      return record.kind === 'department' && f.phone !== undefined ? `${name}: telefon ${text(f.phone)}${f.phoneHours === undefined ? '' : ` (${text(f.phoneHours)})`}.` : undefined;
    case 'hours':
      if (f.openingHours !== undefined) return `${name}: ${text(f.openingHours)}.`;
      if (record.kind === 'switchboard' && f.hours !== undefined) return `Omstillingen har åbent: ${text(f.hours)}.`;
      return record.kind === 'visiting-hours' && f.hours !== undefined ? `${text(f.hours)}.` : undefined;
    case 'place':
      if (record.kind === 'department') return `${name} ligger i ${text(f.building)}, ${text(f.entrance)}, ${text(f.floor)}.`;
      if (record.kind === 'facility' && f.location !== undefined) return `${name}: ${text(f.location)}.`;
      if (record.kind === 'parking-area' && f.location !== undefined) return `${name}: ${text(f.location)}.`;
      return undefined;
  }
}

const fieldOrder: readonly PracticalField[] = ['place', 'price', 'hours', 'phone'];
/** Parking prices differ by area: the citizen should see every area's price, up to this many. */
const maxAreas = 3;

/**
 * An answer body (sentences with [n]) built from the top passage's record, or undefined when the top
 * passage has no record holding a field the question asks for. A price question lists the price
 * rules of every parking area among the passages, because "what does parking cost?" has one answer
 * per area.
 */
export function answerFromRecords(fields: ReadonlySet<PracticalField>, passages: readonly Passage[]): string | undefined {
  const top = passages[0];
  if (top?.chunk.record === undefined || fields.size === 0) return undefined;
  const lines: string[] = [];
  for (const field of fieldOrder) {
    if (!fields.has(field)) continue;
    const sources = field === 'price' && top.chunk.record.kind === 'parking-area'
      ? passages.filter((passage) => passage.chunk.record?.kind === 'parking-area' && passage.chunk.url === top.chunk.url).slice(0, maxAreas)
      : [top];
    for (const passage of sources) {
      const sentence = passage.chunk.record === undefined ? undefined : sentenceFor(passage.chunk.record, field);
      if (sentence !== undefined) lines.push(`${sentence} [${passage.n}]`);
    }
  }
  return lines.length === 0 ? undefined : lines.join('\n');
}

/** Whether a record can answer one of the fields asked: retrieval ranks such chunks first. */
export function recordAnswers(record: PracticalRecord | undefined, fields: ReadonlySet<PracticalField>): boolean {
  return record !== undefined && [...fields].some((field) => sentenceFor(record, field) !== undefined);
}
