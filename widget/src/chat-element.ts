// <hospital-help-chat>: launcher button and chat panel in a shadow root. Configured by attributes
// (hospital, language, api-base) so the launcher script and a hand-written tag work the same way.
// The launcher (widget.ts) creates the element with its own button in the shadow root; loading
// chat.js upgrades it in place and replaces that button with the full chat. The public methods
// (open, close, setLanguage, setHospital) are what window.HospitalHelpChat calls.
import { ApiError, createApiClient, type ApiClient } from './api.js';
import { Avatar, avatarStyles } from './avatar.js';
import { renderFeedback } from './feedback.js';
import { checkHospital, checkLanguage } from './embed.js';
import { Escalation, escalationStyles } from './escalation.js';
import { pickLanguage, strings, type ErrorKind, type UiStrings } from './i18n.js';
import { el, renderMessage, renderProvisional, renderTyping } from './render.js';
import { segmentText } from './rich-text.js';
import { styles } from './styles.js';
import type { Language, Message } from './types.js';

export const maxMessageCharacters = 4000;
const storageKey = 'hhc-session';

// sessionStorage throws in some privacy modes and sandboxed frames; the chat still works for the page's lifetime.
let memorySession: string | null = null;
const sessionStore = {
  get(): string | null {
    try {
      return sessionStorage.getItem(storageKey);
    } catch {
      return memorySession;
    }
  },
  set(id: string | null): void {
    memorySession = id;
    try {
      if (id === null) sessionStorage.removeItem(storageKey);
      else sessionStorage.setItem(storageKey, id);
    } catch {
      // Kept in memory only.
    }
  },
};

function errorKind(error: unknown): ErrorKind {
  const code = error instanceof ApiError ? error.code : 'network';
  if (code === 'network') return 'network';
  if (code === 'unavailable') return 'unavailable';
  if (code === 'invalid_request' || code === 'payload_too_large' || code === 'unsupported_media_type') return 'invalid';
  return 'server';
}

export class HospitalHelpChat extends HTMLElement {
  private built = false;
  private language: Language = 'da';
  private t: UiStrings = strings.da;
  private api!: ApiClient;
  private sessionId: string | null = null;
  private creating: Promise<string> | null = null;
  private restored: Promise<void> = Promise.resolve();
  private opened = false;
  private sending = false;
  /** The retry countdown after a "too many messages" answer, stopped when the error goes away. */
  private countdownTimer: ReturnType<typeof setTimeout> | undefined;
  /** Every message shown, in order, so the transcript can be drawn again in another language. */
  private shown: Message[] = [];

  private launcher!: HTMLButtonElement;
  private panel!: HTMLElement;
  private log!: HTMLElement;
  private errorSlot!: HTMLElement;
  private input!: HTMLTextAreaElement;
  private limit!: HTMLElement;
  private avatar!: Avatar;
  /** "Talk to a person" and the states it leads to; lives across redraws in another language. */
  private escalation!: Escalation;

  connectedCallback(): void {
    if (this.built) {
      this.escalation.resume();
      return;
    }
    this.built = true;
    this.language = pickLanguage(this.getAttribute('language'), [...(navigator.languages || []), navigator.language]);
    this.t = strings[this.language];
    this.api = createApiClient(this.getAttribute('api-base') ?? location.origin);
    this.escalation = new Escalation({ api: this.api, ensureSession: () => this.ensureSession(), onStaffMessage: (message) => this.receive(message) });
    this.build();
    this.restored = this.restore();
  }

  disconnectedCallback(): void {
    this.escalation?.stop();
  }

  private build(): void {
    const t = this.t;
    // A countdown on an error box that is about to be replaced has nothing left to count for.
    clearTimeout(this.countdownTimer);
    // The launcher script has already attached a shadow root holding its button: take it over.
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const style = el('style');
    style.textContent = styles + avatarStyles + escalationStyles;
    this.avatar = new Avatar(t);

    this.launcher = el('button', 'btn launcher', t.launcher);
    this.launcher.type = 'button';
    this.launcher.lang = this.language;
    this.launcher.dir = this.language === 'ar' ? 'rtl' : 'ltr';
    this.launcher.setAttribute('aria-haspopup', 'dialog');
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.setAttribute('aria-controls', 'panel');
    this.launcher.addEventListener('click', () => this.open());

    this.panel = el('section', 'panel');
    this.panel.id = 'panel';
    this.panel.hidden = true;
    this.panel.setAttribute('role', 'dialog');
    this.panel.setAttribute('aria-label', t.title);
    this.panel.lang = this.language;
    this.panel.dir = this.language === 'ar' ? 'rtl' : 'ltr';
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        this.close();
      }
    });

    const header = el('header');
    const close = el('button', 'close', '×');
    close.type = 'button';
    close.setAttribute('aria-label', t.close);
    close.addEventListener('click', () => this.close());
    header.append(el('h2', '', t.title), close);

    this.log = el('div', 'log');
    this.log.setAttribute('role', 'log');
    this.log.setAttribute('aria-live', 'polite');
    this.log.setAttribute('aria-label', t.title);
    // A scrollable region must be reachable by keyboard to be scrolled without a mouse.
    this.log.tabIndex = 0;
    const intro = el('div', 'intro');
    const emergencyHint = el('p');
    for (const segment of segmentText(t.emergencyHint, new Set(), true)) {
      if (segment.kind === 'phone') {
        const link = el('a', 'phone', segment.text);
        link.href = segment.href;
        emergencyHint.append(link);
      } else emergencyHint.append(segment.text);
    }
    intro.append(el('p', '', t.intro), emergencyHint);
    this.log.append(intro);

    this.errorSlot = el('div');

    const form = el('form');
    form.noValidate = true;
    const label = el('label', '', t.inputLabel);
    label.htmlFor = 'input';
    this.input = el('textarea');
    this.input.id = 'input';
    this.input.rows = 2;
    this.input.setAttribute('aria-describedby', 'hint limit');
    const hint = el('p', 'hint', t.inputHint);
    hint.id = 'hint';
    this.limit = el('p', 'limit');
    this.limit.id = 'limit';
    this.limit.setAttribute('aria-live', 'polite');
    const send = el('button', 'btn', t.send);
    send.type = 'submit';
    const row = el('div', 'row');
    row.append(this.input, send);
    form.append(label, row, this.limit, hint);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.send();
    });
    this.input.addEventListener('keydown', (event) => {
      // isComposing: Enter also confirms a word in Chinese/Japanese input methods; that must not send.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        void this.send();
      }
    });
    this.input.addEventListener('input', () => this.checkLength(false));
    this.input.addEventListener('focus', () => this.avatar.setListening(true));
    this.input.addEventListener('blur', () => this.avatar.setListening(false));

    this.panel.append(header, this.avatar.element, this.log, this.escalation.render(t, this.language), this.errorSlot, form);
    root.replaceChildren(style, this.launcher, this.panel);
  }

  /** Opens the chat and moves focus to the question field; starts a session the first time. */
  open(): void {
    this.panel.hidden = false;
    this.launcher.hidden = true;
    this.launcher.setAttribute('aria-expanded', 'true');
    this.input.focus();
    this.scrollToEnd();
    if (!this.opened) {
      this.opened = true;
      this.startSession();
    }
  }

  private startSession(): void {
    this.restored
      .then(() => this.ensureSession())
      .catch((error: unknown) => this.showError(error, () => this.startSession()));
  }

  /** Closes the chat and returns focus to the launcher; does nothing when it is closed. */
  close(): void {
    if (!this.built || this.panel.hidden) return;
    this.avatar.cancel();
    this.panel.hidden = true;
    this.launcher.hidden = false;
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.focus();
  }

  /**
   * Draws the whole widget again in another language, keeping the transcript, what the citizen is
   * typing, whether it is open and where focus was. Later questions are sent in that language.
   */
  setLanguage(value: string): void {
    const language = checkLanguage(value);
    this.setAttribute('language', language);
    if (!this.built || language === this.language) return;
    const open = !this.panel.hidden;
    const focused = this.shadowRoot?.activeElement ?? null;
    const typed = this.input.value;
    this.avatar.cancel();
    this.language = language;
    this.t = strings[language];
    this.build();
    for (const message of this.shown) this.log.append(this.renderMessage(message));
    this.input.value = typed;
    this.checkLength(false);
    this.panel.hidden = !open;
    this.launcher.hidden = open;
    this.launcher.setAttribute('aria-expanded', String(open));
    if (open && focused !== null) this.input.focus();
    else if (!open && focused !== null) this.launcher.focus();
    if (open) this.scrollToEnd();
  }

  /** The hospital whose pages are preferred; sent when the next session starts (a running conversation keeps its own). */
  setHospital(value: string): void {
    this.setAttribute('hospital', checkHospital(value));
  }

  /** Shows the transcript of the session this tab already had, or forgets a session the server no longer knows. */
  private async restore(): Promise<void> {
    const id = sessionStore.get();
    if (id === null) return;
    try {
      const messages = await this.api.listMessages(id);
      if (messages === null) {
        sessionStore.set(null);
        return;
      }
      this.sessionId = id;
      for (const message of messages) this.appendMessage(message);
      this.scrollToEnd();
      await this.escalation.restore(id);
    } catch {
      // Offline for a moment: keep the session; the next send uses it and tells if it fails.
      this.sessionId = id;
    }
  }

  private ensureSession(): Promise<string> {
    if (this.sessionId !== null) return Promise.resolve(this.sessionId);
    this.creating ??= this.api
      .createSession(this.getAttribute('hospital') || undefined, this.language)
      .then((session) => {
        this.sessionId = session.sessionId;
        sessionStore.set(session.sessionId);
        return session.sessionId;
      })
      .finally(() => {
        this.creating = null;
      });
    return this.creating;
  }

  /** Says when the text is over the limit; returns whether it may be sent. */
  private checkLength(announce: boolean): boolean {
    const length = this.input.value.trim().length;
    const tooLong = length > maxMessageCharacters;
    const format = (n: number) => n.toLocaleString(this.language);
    const message = tooLong ? this.t.tooLong(format(length), format(maxMessageCharacters)) : '';
    // Re-set on a send attempt so that screen readers hear it again.
    if (announce || this.limit.textContent !== message) this.limit.textContent = message;
    this.input.setAttribute('aria-invalid', String(tooLong));
    return !tooLong;
  }

  private async send(): Promise<void> {
    const text = this.input.value;
    if (this.sending || text.trim() === '') return;
    if (!this.checkLength(true)) {
      this.input.focus();
      return;
    }
    this.sending = true;
    this.clearError();
    // The restored transcript must come first, and a session being restored must not be replaced.
    await this.restored;
    const pending = renderMessage(
      { id: '', sessionId: '', role: 'user', kind: 'question', text: text.trim(), language: this.language, citations: [], createdAt: '' },
      this.t,
    );
    pending.classList.add('pending');
    const typing = renderTyping(this.t);
    let provisional: ReturnType<typeof renderProvisional> | undefined;
    this.log.append(pending, typing);
    this.avatar.setThinking(true);
    this.input.value = '';
    this.scrollToEnd();

    const onDelta = (delta: string) => {
      if (!provisional) {
        provisional = renderProvisional();
        typing.replaceWith(provisional.element);
      }
      provisional.append(delta);
      this.scrollToEnd(false);
    };
    const ask = async (): Promise<{ message: Message | null; question: Message }> => {
      const id = await this.ensureSession();
      try {
        return await this.api.sendMessage(id, text.trim(), this.language, onDelta);
      } catch (error) {
        // The session expired or the server was reset: start a new one once and ask again.
        if (!(error instanceof ApiError && error.code === 'not_found')) throw error;
        this.sessionId = null;
        sessionStore.set(null);
        return this.api.sendMessage(await this.ensureSession(), text.trim(), this.language, onDelta);
      }
    };

    try {
      const { message, question } = await ask();
      this.shown.push(question);
      // The widget may have been redrawn in another language meanwhile; then pending is gone.
      if (pending.isConnected) pending.replaceWith(this.renderMessage(question));
      else this.log.append(this.renderMessage(question));
      typing.remove();
      provisional?.element.remove();
      // null: a person has the chat and answers through the events stream.
      if (message) this.appendMessage(message);
    } catch (error) {
      pending.remove();
      typing.remove();
      provisional?.element.remove();
      // Keep what the citizen typed; do not overwrite anything new they started meanwhile.
      if (this.input.value === '') this.input.value = text;
      this.showError(error, () => void this.send());
    } finally {
      this.sending = false;
      this.avatar.setThinking(false);
      this.scrollToEnd();
    }
  }

  private appendMessage(message: Message): void {
    this.shown.push(message);
    this.log.append(this.renderMessage(message));
  }

  /** A message from the events stream; one already shown (a replay after a reconnect) is skipped. */
  private receive(message: Message): void {
    if (this.shown.some((shown) => shown.id === message.id)) return;
    this.appendMessage(message);
    this.scrollToEnd(false);
  }

  private renderMessage(message: Message): HTMLElement {
    const element = renderMessage(message, this.t);
    if (message.role === 'assistant' && (message.kind === 'answer' || message.kind === 'refusal') && message.id && message.sessionId) {
      const save = (rating: 'up' | 'down', comment?: string) => this.api.sendFeedback(message.sessionId, message.id, rating, comment);
      element.querySelector('.bubble')?.append(renderFeedback(this.t, save, this.language));
    }
    this.avatar.attach(element, message);
    return element;
  }

  private showError(error: unknown, retry?: () => void): void {
    this.clearError();
    // A fresh node each time: screen readers announce an alert when it is inserted.
    const box = el('div', 'error');
    box.setAttribute('role', 'alert');
    const limited = error instanceof ApiError && error.code === 'rate_limited';
    const wait = limited ? error.retryAfterSeconds : undefined;
    const format = (n: number) => n.toLocaleString(this.language);
    box.append(el('p', '', limited ? this.t.rateLimited(wait === undefined ? undefined : format(wait)) : this.t.errors[errorKind(error)]));
    if (error instanceof ApiError && error.requestId) box.append(el('small', '', `${this.t.reference}: ${error.requestId}`));
    if (retry) {
      const button = el('button', 'btn quiet', this.t.retry);
      button.type = 'button';
      button.addEventListener('click', () => {
        this.clearError();
        this.input.focus();
        retry();
      });
      box.append(button);
      if (wait !== undefined) this.countDown(box, button, wait);
    }
    this.errorSlot.append(box);
  }

  /**
   * Keeps the retry button disabled for `seconds`, with the time left shown beside its label. The
   * countdown is hidden from screen readers (the message already says how long to wait, and an
   * alert that changed every second would be read out every second); when the wait is over one
   * sentence is added to the alert, which is announced once. Nothing is retried automatically.
   */
  private countDown(box: HTMLElement, button: HTMLButtonElement, seconds: number): void {
    const left = el('span', 'countdown');
    left.setAttribute('aria-hidden', 'true');
    const gap = document.createTextNode(' ');
    button.append(gap, left);
    button.disabled = true;
    const until = Date.now() + seconds * 1000;
    const tick = () => {
      const remaining = Math.ceil((until - Date.now()) / 1000);
      if (remaining > 0) {
        left.textContent = this.t.retryIn(remaining.toLocaleString(this.language));
        this.countdownTimer = setTimeout(tick, Math.min(1000, until - Date.now() - (remaining - 1) * 1000));
        return;
      }
      this.countdownTimer = undefined;
      gap.remove();
      left.remove();
      button.disabled = false;
      box.insertBefore(el('p', 'ready', this.t.retryReady), button);
    };
    tick();
  }

  private clearError(): void {
    clearTimeout(this.countdownTimer);
    this.countdownTimer = undefined;
    this.errorSlot.replaceChildren();
  }

  /** @param force false while an answer streams: someone who scrolled up to read is left there. */
  private scrollToEnd(force = true): void {
    const log = this.log;
    if (force || log.scrollHeight - log.scrollTop - log.clientHeight < 80) log.scrollTop = log.scrollHeight;
  }
}
