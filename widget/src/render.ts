// Builds the DOM of one message. Server text only ever goes through textContent and attribute
// values; links are built from checked http(s) URLs, never from markup.
import type { UiStrings } from './i18n.js';
import { segmentText } from './rich-text.js';
import type { Citation, Message } from './types.js';

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

/** Text for screen readers only, e.g. who said a message, which the layout shows by position. */
export function srOnly(text: string): HTMLSpanElement {
  return el('span', 'sr', text);
}

// A javascript: or data: URL in a citation would run in the host page when clicked.
function safeUrl(url: string): string | null {
  try {
    const parsed = new URL(url, document.baseURI);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

let idCounter = 0;
export const uniqueId = (prefix: string) => `hhc-${prefix}-${++idCounter}`;

function renderSources(citations: Citation[], t: UiStrings): { element: HTMLElement; items: Map<number, HTMLLIElement> } {
  const element = el('div', 'sources');
  const title = el('p', 'sources-title', t.sources);
  title.id = uniqueId('sources');
  const list = el('ol');
  list.setAttribute('aria-labelledby', title.id);
  const items = new Map<number, HTMLLIElement>();
  for (const citation of [...citations].sort((a, b) => a.n - b.n)) {
    const item = el('li');
    item.value = citation.n;
    // Focus target for the [n] markers in the text.
    item.tabIndex = -1;
    const url = safeUrl(citation.url);
    const label = citation.title.trim() || citation.url;
    if (url === null) {
      item.append(el('span', 'source-title', label));
    } else {
      const link = el('a', 'source-title', label);
      link.href = url;
      link.target = '_blank';
      link.rel = 'noopener';
      link.append(srOnly(` ${t.opensInNewWindow}`));
      item.append(link);
    }
    if (citation.excerpt.trim()) item.append(el('span', 'excerpt', citation.excerpt));
    list.append(item);
    items.set(citation.n, item);
  }
  element.append(title, list);
  return { element, items };
}

function renderText(text: string, citations: Citation[], sources: Map<number, HTMLLIElement>, phones: boolean, t: UiStrings): HTMLParagraphElement {
  const paragraph = el('p', 'text');
  // Each message may be in another language and script than the widget (an Arabic question in a Danish widget).
  paragraph.dir = 'auto';
  for (const segment of segmentText(text, new Set(sources.keys()), phones)) {
    if (segment.kind === 'text') {
      paragraph.append(document.createTextNode(segment.text));
    } else if (segment.kind === 'phone') {
      const link = el('a', 'phone', segment.text);
      link.href = segment.href;
      // Keeps "70 11 07 07" in one piece in right-to-left text and on narrow screens.
      link.dir = 'ltr';
      paragraph.append(link);
    } else {
      const citation = citations.find((candidate) => candidate.n === segment.n);
      const target = sources.get(segment.n);
      const sup = el('sup');
      const link = el('a', 'cite', segment.text);
      link.href = (citation && safeUrl(citation.url)) ?? '#';
      link.setAttribute('aria-label', t.source(segment.n, citation?.title ?? ''));
      // A plain click shows the source in the list (title and excerpt); a modified click opens the page.
      link.addEventListener('click', (event) => {
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || !target) return;
        event.preventDefault();
        target.classList.add('highlight');
        target.focus();
        setTimeout(() => target.classList.remove('highlight'), 2000);
      });
      sup.append(link);
      paragraph.append(sup);
    }
  }
  return paragraph;
}

function icon(symbol: string): HTMLSpanElement {
  const element = el('span', 'icon', symbol);
  element.setAttribute('aria-hidden', 'true');
  return element;
}

export function renderMessage(message: Message, t: UiStrings): HTMLElement {
  const { kind } = message;
  const own = message.role === 'user' || kind === 'question';
  const wrapper = el('div', `msg ${own ? 'own' : 'other'} kind-${kind}`);
  wrapper.lang = message.language;
  const bubble = el('div', 'bubble');
  const sources = !own && message.citations.length > 0 ? renderSources(message.citations, t) : undefined;
  const items = sources?.items ?? new Map<number, HTMLLIElement>();
  const phones = kind === 'emergency' || kind === 'refusal';
  const text = renderText(message.text, message.citations, items, phones, t);

  if (kind === 'emergency') {
    bubble.setAttribute('role', 'alert');
    const label = el('p', 'card-label');
    label.append(icon('⚠'), document.createTextNode(t.emergency));
    bubble.append(label, text);
  } else if (kind === 'staff') {
    // Who is writing: "Mette (Medarbejder)", or only the role when the name is not known.
    bubble.append(el('p', 'card-label', message.author ? `${message.author} (${t.staff})` : t.staff), text);
  } else {
    bubble.append(srOnly(own ? t.you : kind === 'system' ? t.system : t.assistant));
    if (kind === 'refusal') bubble.append(icon('ℹ'));
    bubble.append(text);
  }
  if (sources) bubble.append(sources.element);
  wrapper.append(bubble);
  return wrapper;
}

/** The bubble that shows the answer while it streams; its text is provisional and unlinked. */
export function renderProvisional(): { element: HTMLElement; append: (delta: string) => void } {
  const wrapper = el('div', 'msg other kind-answer provisional');
  // Screen readers get the verified answer once, when it replaces this bubble, not every delta.
  wrapper.setAttribute('aria-hidden', 'true');
  const bubble = el('div', 'bubble');
  const text = el('p', 'text');
  text.dir = 'auto';
  bubble.append(text);
  wrapper.append(bubble);
  return { element: wrapper, append: (delta) => text.append(document.createTextNode(delta)) };
}

/** @param note shown beside the dots, e.g. that a lost answer is being fetched; otherwise only screen readers hear "typing". */
export function renderTyping(t: UiStrings, note?: string): HTMLElement {
  const wrapper = el('div', 'msg other typing');
  const bubble = el('div', 'bubble');
  const dots = el('span', 'dots');
  dots.setAttribute('aria-hidden', 'true');
  dots.append(el('span'), el('span'), el('span'));
  bubble.append(dots, note === undefined ? srOnly(t.typing) : el('span', 'note', note));
  wrapper.append(bubble);
  return wrapper;
}
