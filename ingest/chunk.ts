// Section-aware chunking: a chunk is one section of a page (its heading path kept as context),
// split only between blocks, so a list item or table row is never cut in half.
import { createHash } from 'node:crypto';
import type { Chunk, ChunkSource } from '../src/search/search-index.js';
import type { ParsedPage } from './pages/parse-html.js';

/** Upper bound for a chunk's text; a single longer block becomes its own chunk. */
export const maxChunkCharacters = 1100;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Stable id from the page and the heading path, so a re-ingest updates instead of duplicating. */
/**
 * Version of what turns a page's HTML into chunks (parse-html.ts and this file). Bump it when either
 * changes what comes out, so pages whose HTML did not change are parsed again all the same.
 */
export const pageParserVersion = 1;

/** What identifies a page as read: its raw HTML and the parser version. */
export function pageHash(html: string): string {
  return sha256(`${pageParserVersion}\u0000${html}`);
}

export function chunkId(url: string, headingPath: readonly string[], part: number): string {
  return sha256(`${url}\u0000${headingPath.join('\u0000')}\u0000${part}`).slice(0, 32);
}

/** `sourceId` names the ingest source the page came from (see `Chunk.sourceId`). */
export function chunkPage(page: ParsedPage, source: ChunkSource, sourceId: string): Chunk[] {
  const sections: { headingPath: string[]; texts: string[] }[] = [];
  for (const block of page.blocks) {
    const headingPath = block.headingPath.length > 0 ? block.headingPath : [page.title];
    const last = sections[sections.length - 1];
    if (last !== undefined && last.headingPath.join('\u0000') === headingPath.join('\u0000')) last.texts.push(block.text);
    else sections.push({ headingPath, texts: [block.text] });
  }

  const chunks: Chunk[] = [];
  for (const section of sections) {
    const parts: string[][] = [[]];
    let size = 0;
    for (const text of section.texts) {
      const current = parts[parts.length - 1] as string[];
      if (current.length > 0 && size + text.length > maxChunkCharacters) {
        parts.push([text]);
        size = text.length;
      } else {
        current.push(text);
        size += text.length + 1;
      }
    }
    const record = page.records?.[section.headingPath[1] ?? ''];
    parts.forEach((texts, part) => {
      const text = texts.join('\n');
      chunks.push({
        id: chunkId(page.url, section.headingPath, part),
        url: page.url,
        title: page.title,
        headingPath: section.headingPath,
        text,
        language: page.language,
        source,
        sourceId,
        ...(page.hospital !== undefined && { hospital: page.hospital }),
        ...(page.department !== undefined && { department: page.department }),
        ...(page.reviewedOn !== undefined && { reviewedOn: page.reviewedOn }),
        ...(record !== undefined && { record }),
        // The record is part of the content: a changed field must reach the index even if the text reads the same.
        contentHash: sha256(`${section.headingPath.join('\n')}\n${text}${record === undefined ? '' : `\n${JSON.stringify(record)}`}`),
      });
    });
  }
  return chunks;
}
