// Pieces both consoles (staff at /staff, editors at /editor) build their views from: the page's
// header slot, main area and its one polite live region, error boxes and view headings.
import { h } from './dom.js';

export const top = document.getElementById('top') as HTMLElement;
export const main = document.getElementById('main') as HTMLElement;
const announcer = document.getElementById('announcer') as HTMLElement;

/** Reads a sentence out once through the polite live region. */
export function announce(text: string): void {
  announcer.textContent = '';
  // A fresh text node after a tick: screen readers announce a change, not a repeated value.
  window.setTimeout(() => {
    announcer.textContent = text;
  }, 50);
}

export function errorBox(): HTMLElement {
  return h('div', { class: 'error', role: 'alert', tabindex: -1, hidden: true });
}

export function showError(box: HTMLElement, text: string, focus = true): void {
  box.textContent = text;
  box.hidden = false;
  if (focus) box.focus();
}

export function heading(text: string): HTMLHeadingElement {
  return h('h1', { tabindex: -1 }, text);
}
