// Turns a hospital web page into its main content as headed blocks of readable text: site chrome,
// cookie banners and share widgets are stripped; list items and table rows stay whole lines.
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { PracticalRecord } from '../../src/search/search-index.js';
import { detectLanguage, isSupportedLanguage, type SupportedLanguage } from '../../src/language/languages.js';

export interface SiteSelectors {
  /** Tried in order; the first that matches is the main content. */
  main: string[];
  /** Removed from the main content before reading it. */
  remove: string[];
}

export const defaultSelectors: SiteSelectors = {
  main: ['main article', 'article', '[role=main]', 'main', '#content', '#page-content', '.content'],
  remove: [
    'script', 'style', 'noscript', 'template', 'nav', 'header', 'footer', 'aside', 'form', 'button', 'iframe',
    '.cookie-banner', '#cookie-banner', '.cc-window', '#CybotCookiebotDialog', '[class*=cookie]',
    '.share', '.social-share', '.share-buttons', '.breadcrumb', '.demo-flag', '.skip-link',
  ],
};

export interface PageBlock {
  /** Headings above this block, outermost first (the h1 included). */
  headingPath: string[];
  text: string;
}

export interface ParsedPage {
  url: string;
  title: string;
  language: SupportedLanguage;
  hospital?: string;
  department?: string;
  reviewedOn?: string;
  description?: string;
  blocks: PageBlock[];
  /** Structured records by section heading (practical information rendered as a page). */
  records?: Record<string, PracticalRecord>;
}

const blockTags = new Set(['p', 'li', 'dt', 'dd', 'blockquote', 'pre', 'figcaption', 'address', 'summary']);
/** How much of a page's text its language is detected from. */
const languageSampleCharacters = 800;
const headingTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const inlineSeparatorTags = new Set(['br', 'td', 'th', 'div', 'p', 'li', 'tr', 'span']);

const months: Record<string, number> = {
  januar: 1, january: 1, jan: 1, februar: 2, february: 2, feb: 2, marts: 3, march: 3, mar: 3, april: 4, apr: 4,
  maj: 5, may: 5, juni: 6, june: 6, jun: 6, juli: 7, july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9,
  oktober: 10, october: 10, okt: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};

const reviewedPattern =
  /^(senest gennemgået|sidst revideret|opdateret|senest opdateret|revideret|last reviewed|last updated|updated|reviewed)\s*:?\s*(.+)$/i;

/** Reads "14. maj 2026", "20.01.2026", "14 May 2026" or "2026-05-14" as an ISO date. */
export function parseDate(text: string): string | undefined {
  const pad = (value: number) => String(value).padStart(2, '0');
  const trimmed = text.trim().replace(/\.$/, '');
  let match = /^(\d{4})-(\d{2})-(\d{2})/.exec(trimmed);
  if (match) return `${match[1]}-${match[2]}-${match[3]}`;
  match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})/.exec(trimmed);
  if (match) return `${match[3]}-${pad(Number(match[2]))}-${pad(Number(match[1]))}`;
  match = /^(\d{1,2})\.?\s+([\p{L}]+)\.?\s+(\d{4})/u.exec(trimmed);
  const month = match ? months[(match[2] as string).toLowerCase()] : undefined;
  if (match && month !== undefined) return `${match[3]}-${pad(month)}-${pad(Number(match[1]))}`;
  return undefined;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Text of a node with spaces where block boundaries were, so "Parkering" and "Du kan" stay apart. */
function textOf(node: AnyNode): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  if (!('children' in node)) return '';
  const element = node as Element;
  const inner = element.children.map(textOf).join('');
  return inlineSeparatorTags.has(element.tagName) ? ` ${inner} ` : inner;
}

function tableLines($: cheerio.CheerioAPI, table: Element): string[] {
  const rows = $(table).find('tr').toArray();
  const headerRow = $(table).find('thead tr').first().toArray()[0] ?? (rows[0] !== undefined && $(rows[0]).find('th').length > 0 ? rows[0] : undefined);
  const headers = headerRow === undefined ? [] : $(headerRow).find('th,td').toArray().map((cell) => collapse(textOf(cell)));
  const caption = collapse($(table).find('caption').text());
  const lines = caption === '' ? [] : [caption];
  for (const row of rows) {
    if (row === headerRow) continue;
    const cells = $(row).find('th,td').toArray().map((cell) => collapse(textOf(cell)));
    if (cells.every((cell) => cell === '')) continue;
    lines.push(
      cells
        .map((cell, column) => (headers[column] !== undefined && headers[column] !== '' ? `${headers[column]}: ${cell}` : cell))
        .join('; '),
    );
  }
  return lines;
}

/**
 * Parses one page. `fallbackUrl` is used when the page has no canonical link.
 * @example parsePage(html, { fallbackUrl: '/demo/fjordby/pinfo/koloskopi' }).blocks[0]
 */
export function parsePage(html: string, options: { fallbackUrl: string; selectors?: SiteSelectors; fallbackLanguage?: SupportedLanguage }): ParsedPage {
  const selectors = options.selectors ?? defaultSelectors;
  const $ = cheerio.load(html);
  const url = $('link[rel=canonical]').attr('href')?.trim() || options.fallbackUrl;
  const meta = (name: string) => $(`meta[name="${name}"]`).attr('content')?.trim() || undefined;

  let main: cheerio.Cheerio<AnyNode> = $('body');
  for (const selector of selectors.main) {
    const found = $(selector).first();
    if (found.length > 0) {
      main = found;
      break;
    }
  }
  // Department often sits in the page header; read it before chrome is removed.
  const departmentLine = collapse(main.find('.department').first().text()).replace(/^(afdeling|department)\s*:\s*/i, '');
  main.find(selectors.remove.join(',')).remove();

  const blocks: PageBlock[] = [];
  const headings: { level: number; text: string }[] = [];
  // One path per section, shared by its blocks (a page's blocks would otherwise each copy it).
  let headingPath: string[] | null = null;
  let reviewedOn: string | undefined;
  const emit = (text: string) => {
    const clean = collapse(text);
    if (clean === '') return;
    const reviewed = reviewedPattern.exec(clean);
    if (reviewed && clean.length < 80) {
      reviewedOn ??= parseDate(reviewed[2] as string);
      return;
    }
    headingPath ??= headings.map((heading) => heading.text);
    blocks.push({ headingPath, text: clean });
  };
  const walk = (node: AnyNode) => {
    if (node.type === 'text') {
      emit((node as unknown as { data: string }).data);
      return;
    }
    if (node.type !== 'tag') return;
    const element = node as Element;
    const tag = element.tagName;
    if (headingTags.has(tag)) {
      const level = Number(tag.slice(1));
      while (headings.length > 0 && (headings[headings.length - 1] as { level: number }).level >= level) headings.pop();
      headings.push({ level, text: collapse(textOf(element)) });
      headingPath = null;
      return;
    }
    if (tag === 'table') {
      for (const line of tableLines($, element)) emit(line);
      return;
    }
    if (tag === 'li') {
      const nested = $(element).children('ul,ol').remove().toArray();
      const ordered = element.parent !== null && (element.parent as Element).tagName === 'ol';
      const index = $(element).index() + 1;
      emit(`${ordered ? `${index}.` : '•'} ${collapse(textOf(element))}`);
      for (const list of nested) walk(list);
      return;
    }
    if (blockTags.has(tag)) {
      emit(textOf(element));
      return;
    }
    for (const child of element.children) walk(child);
  };
  const root = main.toArray()[0];
  if (root !== undefined && 'children' in root) for (const child of root.children) walk(child);

  const h1 = collapse($('h1').first().text());
  const title = h1 || collapse($('title').text()).split(/\s[–|-]\s/)[0] || url;
  // franc's cost grows with the text and a few sentences settle the language: the page's opening
  // ~800 characters are plenty (the whole page made detection half of the parse time).
  let languageSample = '';
  for (const block of blocks) {
    if (languageSample.length >= languageSampleCharacters) break;
    languageSample += `${block.text} `;
  }
  const declared = ($('html').attr('lang') ?? '').slice(0, 2).toLowerCase();
  const fallbackLanguage = isSupportedLanguage(declared) ? declared : (options.fallbackLanguage ?? 'da');
  const hospital = meta('hospital') ?? /\/demo\/([a-z0-9-]+)\//.exec(url)?.[1];

  return {
    url,
    title,
    language: detectLanguage(languageSample.slice(0, languageSampleCharacters), fallbackLanguage),
    ...(hospital !== undefined && { hospital }),
    ...((meta('department') ?? (departmentLine || undefined)) !== undefined && { department: meta('department') ?? departmentLine }),
    ...(reviewedOn !== undefined && { reviewedOn }),
    ...(meta('description') !== undefined && { description: meta('description') }),
    blocks,
  };
}
