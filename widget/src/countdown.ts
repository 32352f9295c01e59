// The wait after a "too many requests" answer, shown on the retry button; used by the chat's error
// box and by the feedback comment form.
import type { UiStrings } from './i18n.js';
import { el } from './render.js';

/**
 * Keeps the retry button disabled for `seconds`, with the time left shown beside its label. The
 * countdown is hidden from screen readers (the message already says how long to wait, and a live
 * region that changed every second would be read out every second); when the wait is over one
 * sentence is added before the button, which is announced once. Nothing is retried automatically.
 * Returns a function that stops the countdown (call it when the box is removed).
 */
export function countDown(box: HTMLElement, button: HTMLButtonElement, seconds: number, t: UiStrings, language: string): () => void {
  const left = el('span', 'countdown');
  left.setAttribute('aria-hidden', 'true');
  const gap = document.createTextNode(' ');
  button.append(gap, left);
  button.disabled = true;
  const until = Date.now() + seconds * 1000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = () => {
    const remaining = Math.ceil((until - Date.now()) / 1000);
    if (remaining > 0) {
      left.textContent = t.retryIn(remaining.toLocaleString(language));
      timer = setTimeout(tick, Math.min(1000, until - Date.now() - (remaining - 1) * 1000));
      return;
    }
    timer = undefined;
    gap.remove();
    left.remove();
    button.disabled = false;
    box.insertBefore(el('p', 'ready', t.retryReady), button);
  };
  tick();
  return () => clearTimeout(timer);
}
