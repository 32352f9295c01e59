// Building blocks of the editor console's views: tables with a caption and header scopes, a pager,
// definition lists, labelled selects, and the failure handling every view shares.
import { ApiError } from './api.js';
import { h, uid } from './dom.js';
import { pageRange } from './editor-texts.js';
import { showError } from './ui.js';

type Cell = Node | string;

/** Set by the console: what to do when a request finds the sign-in ended. */
export const session = { ended: (): void => undefined };

/** A 401 sends the console back to sign-in; other failures are shown in `box` in Danish. */
export function handleFailure(error: unknown, box: HTMLElement): void {
  if (error instanceof ApiError && error.status === 401) {
    session.ended();
    return;
  }
  if (error instanceof ApiError && error.status === 403) {
    showError(box, 'Din konto har ikke adgang til dette. Det kræver rollen "editor" – spørg en administrator.');
    return;
  }
  if (error instanceof ApiError && error.status === 404) {
    showError(box, `Findes ikke (længere): ${error.message}`);
    return;
  }
  showError(box, error instanceof Error ? error.message : String(error));
}

/**
 * A table with a caption, column headers (scope=col) and the first cell of each row as its row
 * header (scope=row). Wrapped in a focusable region so it can scroll sideways on its own at 768 px.
 */
export function table(caption: string, headers: string[], rows: Cell[][], options: { numeric?: number[]; className?: string } = {}): HTMLElement {
  const captionId = uid('caption');
  const numeric = new Set(options.numeric ?? []);
  const element = h(
    'table',
    { class: options.className },
    h('caption', { id: captionId }, caption),
    h('thead', {}, h('tr', {}, headers.map((text, index) => h('th', { scope: 'col', class: numeric.has(index) ? 'number' : undefined }, text)))),
    h(
      'tbody',
      {},
      rows.map((cells) => h('tr', {}, cells.map((cell, index) => (index === 0 ? h('th', { scope: 'row' }, cell) : h('td', { class: numeric.has(index) ? 'number' : undefined }, cell))))),
    ),
  );
  return h('div', { class: 'table-wrap', role: 'region', 'aria-labelledby': captionId, tabindex: 0 }, element);
}

/** Key facts as a definition list: [["Startet af", "Ida"], …]. */
export function facts(entries: [string, Cell | null][]): HTMLDListElement {
  return h(
    'dl',
    { class: 'facts' },
    entries.filter(([, value]) => value !== null).map(([term, value]) => h('div', {}, h('dt', {}, `${term}:`), h('dd', {}, value as Cell))),
  );
}

/** A labelled select; options as [value, text]. */
export function select(labelText: string, name: string, options: [string, string][], value?: string): { field: HTMLElement; control: HTMLSelectElement } {
  const id = uid(name);
  const control = h('select', { id, name }, options.map(([optionValue, text]) => h('option', { value: optionValue }, text)));
  if (value !== undefined) control.value = value;
  return { field: h('div', { class: 'field' }, h('label', { for: id }, labelText), control), control };
}

/** "Forrige side" / "Næste side" with where the reader is; `go` loads the page at an offset. */
export function pager(label: string, offset: number, shown: number, total: number, nextOffset: number | null, limit: number, go: (offset: number) => void): HTMLElement {
  const previous = h('button', { type: 'button', class: 'secondary', disabled: offset === 0 }, 'Forrige side');
  const next = h('button', { type: 'button', class: 'secondary', disabled: nextOffset === null }, 'Næste side');
  previous.addEventListener('click', () => go(Math.max(0, offset - limit)));
  next.addEventListener('click', () => {
    if (nextOffset !== null) go(nextOffset);
  });
  // An empty list says so itself; there is nothing to page through.
  if (total === 0) return h('div');
  return h('nav', { class: 'pager', 'aria-label': label }, h('p', {}, pageRange(offset, shown, total)), offset === 0 && nextOffset === null ? null : h('div', { class: 'row' }, previous, next));
}

/** A section with its own h2, labelled by it. */
export function section(title: string, ...children: (Node | null | false | (Node | null)[])[]): HTMLElement {
  const id = uid('section');
  return h('section', { 'aria-labelledby': id }, h('h2', { id, tabindex: -1 }, title), ...children);
}

/** A link that opens a source page in a new tab, saying so. */
export function externalLink(url: string, text: string): HTMLAnchorElement {
  return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, text, h('span', { class: 'visually-hidden' }, ' (åbner i en ny fane)'));
}
