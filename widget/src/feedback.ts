// Thumbs up/down under one answer, and after a thumbs down an optional comment for the editors.
// The rating is saved at once; a comment sent later replaces it (the server keeps one per answer).
// Requests run one after another, so a quick "down, then comment" arrives in that order.
import { ApiError, type Rating } from './api.js';
import { countDown } from './countdown.js';
import type { UiStrings } from './i18n.js';
import { el, uniqueId } from './render.js';

export const maxFeedbackCharacters = 1000;

// A thumb (Material "thumb_up"); the thumbs down is the same shape turned upside down in CSS.
// Built with createElementNS, not innerHTML, so host pages that enforce Trusted Types still work.
const svgNs = 'http://www.w3.org/2000/svg';
function thumb(): SVGSVGElement {
  const svg = document.createElementNS(svgNs, 'svg');
  const path = document.createElementNS(svgNs, 'path');
  const attributes = { viewBox: '0 0 24 24', width: '20', height: '20', 'aria-hidden': 'true', focusable: 'false' };
  for (const [name, value] of Object.entries(attributes)) svg.setAttribute(name, value);
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', 'M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.4-1.1L13.2 1 6.6 7.6C6.2 8 6 8.5 6 9v10a2 2 0 0 0 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z');
  svg.append(path);
  return svg;
}

export function renderFeedback(t: UiStrings, save: (rating: Rating, comment?: string) => Promise<void>, language: string): HTMLElement {
  const f = t.feedback;
  const box = el('div', 'fb');
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', f.question);

  const button = (rating: Rating, label: string) => {
    const b = el('button', `fb-btn fb-${rating}`);
    b.type = 'button';
    b.append(thumb());
    b.setAttribute('aria-label', label);
    b.title = label;
    b.setAttribute('aria-pressed', 'false');
    return b;
  };
  const up = button('up', f.up);
  const down = button('down', f.down);

  const form = el('form', 'fb-form');
  form.noValidate = true;
  form.hidden = true;
  const comment = el('textarea');
  comment.id = uniqueId('fb');
  comment.rows = 2;
  comment.maxLength = maxFeedbackCharacters;
  const label = el('label', '', f.commentLabel);
  label.htmlFor = comment.id;
  const count = el('p', 'hint');
  count.id = uniqueId('fb-count');
  comment.setAttribute('aria-describedby', count.id);
  const format = (n: number) => n.toLocaleString(language);
  const updateCount = () => (count.textContent = f.count(format(comment.value.length), format(maxFeedbackCharacters)));
  updateCount();
  comment.addEventListener('input', updateCount);
  const send = el('button', 'btn', f.send);
  send.type = 'submit';
  const skip = el('button', 'btn quiet', f.skip);
  skip.type = 'button';
  const actions = el('div', 'row');
  actions.append(send, skip);
  form.append(label, comment, count, actions);

  // Thanks and failures appear here; it sits in the transcript's live region, so each is read out once.
  const status = el('div', 'fb-status');
  box.append(up, down, form, status);

  let queue = Promise.resolve();
  let saved = false;
  let stopCountdown: () => void = () => undefined;
  const showStatus = (...nodes: Node[]) => {
    stopCountdown();
    status.replaceChildren(...nodes);
  };
  const submit = (rating: Rating, text: string | undefined, done: () => void) => {
    saved = false;
    queue = queue.then(() =>
      save(rating, text).then(
        () => {
          saved = true;
          showStatus();
          done();
        },
        (error: unknown) => {
          // The comment stays where the citizen wrote it.
          if (rating === 'down' && text?.trim()) form.hidden = false;
          const retry = el('button', 'btn quiet', t.retry);
          retry.type = 'button';
          retry.addEventListener('click', () => {
            (rating === 'up' ? up : form.hidden ? down : comment).focus();
            submit(rating, text, done);
          });
          // Too many ratings at once: say how long to wait and count down on the retry button.
          const wait = error instanceof ApiError && error.code === 'rate_limited' ? error.retryAfterSeconds : undefined;
          const limited = error instanceof ApiError && error.code === 'rate_limited';
          showStatus(el('p', 'fb-error', limited ? t.rateLimited(wait === undefined ? undefined : wait.toLocaleString(language)) : f.failed), retry);
          if (wait !== undefined) stopCountdown = countDown(status, retry, wait, t, language);
        },
      ),
    );
  };
  const thank = () => showStatus(el('p', '', f.thanks));
  const choose = (rating: Rating) => {
    up.setAttribute('aria-pressed', String(rating === 'up'));
    down.setAttribute('aria-pressed', String(rating === 'down'));
    form.hidden = rating === 'up';
    if (rating === 'down') comment.focus();
    submit(rating, rating === 'down' ? comment.value : undefined, rating === 'up' ? thank : () => undefined);
  };
  up.addEventListener('click', () => choose('up'));
  down.addEventListener('click', () => choose('down'));
  const finish = () => {
    form.hidden = true;
    down.focus();
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    finish();
    submit('down', comment.value, thank);
  });
  skip.addEventListener('click', () => {
    finish();
    if (saved) thank();
  });
  return box;
}
