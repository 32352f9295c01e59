// <hospital-help-chat>: launcher button and chat panel in a shadow root. Configured by attributes
// (hospital, language, api-base) so the launcher script and a hand-written tag work the same way.
// The launcher (widget.ts) creates the element with its own button in the shadow root; loading
// chat.js upgrades it in place and replaces that button with the full chat. The public methods
// (open, close, setLanguage, setHospital) are what window.HospitalHelpChat calls.
import { ApiError, createApiClient, type ApiClient } from './api.js';
import { Avatar, avatarStyles } from './avatar.js';
import { countDown } from './countdown.js';
import { renderFeedback } from './feedback.js';
import { checkHospital, checkLanguage } from './embed.js';
import { Escalation, escalationStyles } from './escalation.js';
import { pickLanguage, strings, type ErrorKind, type UiStrings } from './i18n.js';
import { el, renderMessage, renderProvisional, renderTyping } from './render.js';
import { segmentText } from './rich-text.js';
import { styles } from './styles.js';
import type { Language, Message } from './types.js';
import { renderVoiceControl, type VoiceControl } from './voice.js';

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

// Which chat this tab logged a patient in to, so another page of the site still shows "Log ud". Only
// the chat id is kept, not the name: the hospital's own scripts can read this storage.
const loginStorageKey = 'hhc-patient-login';
const loginStore = {
  get(): string | null {
    try {
      return sessionStorage.getItem(loginStorageKey);
    } catch {
      return null;
    }
  },
  set(sessionId: string | null): void {
    try {
      if (sessionId === null) sessionStorage.removeItem(loginStorageKey);
      else sessionStorage.setItem(loginStorageKey, sessionId);
    } catch {
      // Shown for this page only.
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
  /** Stops the retry countdown after a "too many messages" answer, when the error goes away. */
  private stopCountdown: () => void = () => undefined;
  /** Every message shown, in order, so the transcript can be drawn again in another language. */
  private shown: Message[] = [];

  private launcher!: HTMLButtonElement;
  private panel!: HTMLElement;
  private log!: HTMLElement;
  private errorSlot!: HTMLElement;
  private input!: HTMLTextAreaElement;
  private limit!: HTMLElement;
  private avatar!: Avatar;
  private voice: VoiceControl | undefined;
  private inputFocused = false;
  /** Bumped when the citizen clears the conversation: answers still on their way are then dropped. */
  private conversation = 0;
  /** "Talk to a person" and the states it leads to; lives across redraws in another language. */
  private escalation!: Escalation;
  /** The logged-in patient's name ('' when the login gave none); undefined: not logged in. */
  private patientName: string | undefined = undefined;
  private loginBar!: HTMLElement;
  /** The login popup this chat opened; only its message is listened to. */
  private loginPopup: Window | null = null;
  private readonly onLoginMessage = (event: MessageEvent) => this.loginMessage(event);

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
    window.addEventListener('message', this.onLoginMessage);
  }

  disconnectedCallback(): void {
    this.escalation?.stop();
    window.removeEventListener('message', this.onLoginMessage);
  }

  private build(): void {
    const t = this.t;
    // A countdown on an error box that is about to be replaced has nothing left to count for.
    this.stopCountdown();
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
    const clear = el('button', 'newchat', t.newChat.button);
    clear.type = 'button';
    clear.setAttribute('aria-haspopup', 'dialog');
    clear.addEventListener('click', () => this.confirmClear(clear));
    header.append(el('h2', '', t.title), clear, close);
    this.loginBar = el('div', 'login');
    this.renderLogin();

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
    this.voice?.abort();
    this.voice = renderVoiceControl(t, this.language, {
      get: () => this.input.value,
      set: (text) => {
        this.input.value = text;
        this.checkLength(false);
      },
      focus: () => this.input.focus(),
      listening: () => this.updateListening(),
    });
    row.append(this.input, ...(this.voice ? [this.voice.button] : []), send);
    form.append(label, row, ...(this.voice ? [this.voice.status] : []), this.limit, hint);
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
    this.input.addEventListener('focus', () => {
      this.inputFocused = true;
      this.updateListening();
    });
    this.input.addEventListener('blur', () => {
      this.inputFocused = false;
      this.updateListening();
    });

    this.panel.append(header, this.loginBar, this.avatar.element, this.log, this.escalation.render(t, this.language), this.errorSlot, form);
    root.replaceChildren(style, this.launcher, this.panel);
  }

  /** "Log ind for at spørge om dine aftaler", or who is logged in and "Log ud". */
  private renderLogin(): void {
    const t = this.t.login;
    if (this.patientName === undefined) {
      const login = el('button', 'loginbtn', t.button);
      login.type = 'button';
      login.addEventListener('click', () => this.startLogin());
      this.loginBar.replaceChildren(login);
      return;
    }
    const logout = el('button', 'loginbtn', t.logout);
    logout.type = 'button';
    logout.addEventListener('click', () => void this.logoutPatient());
    this.loginBar.replaceChildren(el('span', 'who', this.patientName === '' ? t.loggedIn : t.loggedInAs.replace('{name}', this.patientName)), logout);
  }

  /**
   * Opens the login popup at once, inside the click (a popup opened later is blocked), and sends it to
   * the server's login page once the chat session exists. See docs/adr/0010-patient-login-popup.md.
   */
  private startLogin(): void {
    const popup = window.open('', 'hhc-login', 'popup,width=520,height=720');
    if (popup === null) {
      this.notice(this.t.login.blocked);
      return;
    }
    this.loginPopup = popup;
    this.ensureSession().then(
      (sessionId) => {
        popup.location.href = this.api.patientLoginUrl(sessionId, location.origin);
      },
      () => {
        popup.close();
        this.loginPopup = null;
        this.notice(this.t.login.failed);
      },
    );
  }

  /** The popup's result: only from our server's origin and from the popup this chat opened. */
  private loginMessage(event: MessageEvent): void {
    if (event.origin !== this.api.serverOrigin || this.loginPopup === null || event.source !== this.loginPopup) return;
    const data: unknown = event.data;
    if (typeof data !== 'object' || data === null || (data as { type?: unknown }).type !== 'hospital-help:patient-login') return;
    this.loginPopup = null;
    const { ok, displayName } = data as { ok?: unknown; displayName?: unknown };
    if (ok !== true) {
      this.notice(this.t.login.failed);
      return;
    }
    this.patientName = typeof displayName === 'string' ? displayName : '';
    loginStore.set(this.sessionId);
    this.renderLogin();
    this.notice(this.patientName === '' ? this.t.login.loggedIn : this.t.login.loggedInAs.replace('{name}', this.patientName));
    this.input.focus();
  }

  private async logoutPatient(): Promise<void> {
    if (this.sessionId !== null) {
      try {
        await this.api.logoutPatient(this.sessionId);
      } catch {
        this.notice(this.t.login.logoutFailed);
        return;
      }
    }
    this.patientName = undefined;
    loginStore.set(null);
    this.renderLogin();
    this.notice(this.t.login.loggedOut);
  }

  /** A line in the log, read out by its live region. */
  private notice(text: string): void {
    this.log.append(el('p', 'cleared', text));
    this.scrollToEnd();
  }

  /** The avatar listens while the citizen types or speaks. */
  private updateListening(): void {
    this.avatar.setListening(this.inputFocused || (this.voice?.listening ?? false));
  }

  /**
   * "Ny samtale": after a yes, deletes the conversation (on the server too) and starts fresh. The confirmation
   * sits under the header; focus goes to "no", the choice that loses nothing.
   */
  private confirmClear(opener: HTMLButtonElement): void {
    if (this.panel.querySelector('.confirm')) return;
    const t = this.t.newChat;
    const box = el('div', 'confirm');
    box.setAttribute('role', 'alertdialog');
    box.setAttribute('aria-modal', 'false');
    const question = el('p', '', t.confirm);
    question.id = 'confirm-text';
    box.setAttribute('aria-labelledby', 'confirm-text');
    const yes = el('button', 'btn', t.yes);
    yes.type = 'button';
    const no = el('button', 'btn quiet', t.no);
    no.type = 'button';
    const actions = el('div', 'row');
    actions.append(yes, no);
    box.append(question, actions);
    const dismiss = (focus: HTMLElement) => {
      box.remove();
      focus.focus();
    };
    no.addEventListener('click', () => dismiss(opener));
    yes.addEventListener('click', () => {
      box.remove();
      void this.deleteConversation(opener);
    });
    box.addEventListener('keydown', (event) => {
      // Escape answers "no" here instead of closing the whole chat.
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        dismiss(opener);
      }
    });
    this.panel.querySelector('header')?.after(box);
    no.focus();
  }

  /**
   * Deletes the conversation on the server (messages, feedback, a wait for a person, the patient's
   * login to it), then forgets it in the tab. If the server cannot be reached, nothing is forgotten:
   * the citizen is told and can try again, so a conversation they wanted gone is never left behind
   * without them knowing.
   */
  private async deleteConversation(opener: HTMLButtonElement): Promise<void> {
    const sessionId = this.sessionId;
    if (sessionId !== null) {
      opener.disabled = true;
      const failure = await this.api.deleteSession(sessionId).then(
        () => null,
        (error: unknown) => error,
      );
      opener.disabled = false;
      if (failure !== null) {
        this.showError(failure, () => void this.deleteConversation(opener), false, this.t.newChat.failed);
        // The "yes" button is gone: focus goes back to where the citizen started.
        opener.focus();
        return;
      }
      // Another conversation started meanwhile (another tab's session restored): leave it alone.
      if (this.sessionId !== sessionId) return;
    }
    this.clearConversation();
  }

  private clearConversation(): void {
    this.conversation++;
    this.escalation.reset();
    this.patientName = undefined;
    loginStore.set(null);
    this.renderLogin();
    this.sessionId = null;
    sessionStore.set(null);
    this.shown = [];
    this.sending = false;
    this.avatar.cancel();
    this.avatar.setThinking(false);
    this.voice?.abort();
    this.clearError();
    this.log.replaceChildren(...Array.from(this.log.children).filter((child) => child.classList.contains('intro')));
    // Read out by the log's live region.
    this.log.append(el('p', 'cleared', this.t.newChat.done));
    this.input.value = '';
    this.checkLength(false);
    this.input.focus();
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
    this.voice?.abort();
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
      if (loginStore.get() === id) {
        this.patientName = '';
        this.renderLogin();
      }
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
      { id: '', sessionId: '', role: 'user', kind: 'question', text: text.trim(), language: this.language, citations: [], createdAt: '', replyTo: null },
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
    // Set once the server confirms the question is saved: from then on it is never sent again.
    let stored: { question: Message; eventId: string } | undefined;
    const onStored = (question: Message, eventId: string) => (stored = { question, eventId });
    const ask = async (): Promise<{ message: Message | null; question: Message }> => {
      const id = await this.ensureSession();
      try {
        return await this.api.sendMessage(id, text.trim(), this.language, onDelta, onStored);
      } catch (error) {
        // The session expired or the server was reset: start a new one once and ask again.
        if (!(error instanceof ApiError && error.code === 'not_found') || stored) throw error;
        this.sessionId = null;
        sessionStore.set(null);
        return this.api.sendMessage(await this.ensureSession(), text.trim(), this.language, onDelta, onStored);
      }
    };
    const conversation = this.conversation;

    try {
      const { message, question } = await ask();
      if (conversation !== this.conversation) return;
      this.shown.push(question);
      // The widget may have been redrawn in another language meanwhile; then pending is gone.
      if (pending.isConnected) pending.replaceWith(this.renderMessage(question));
      else this.log.append(this.renderMessage(question));
      typing.remove();
      provisional?.element.remove();
      // null: a person has the chat and answers through the events stream.
      if (message) this.appendMessage(message);
    } catch (error) {
      if (conversation !== this.conversation) return;
      typing.remove();
      provisional?.element.remove();
      if (stored) {
        // The question is saved and its answer is still being made and stored: show the question
        // as sent, and fetch the answer from the session's events instead of asking again.
        this.shown.push(stored.question);
        if (pending.isConnected) pending.replaceWith(this.renderMessage(stored.question));
        else this.log.append(this.renderMessage(stored.question));
        await this.fetchAnswer(stored.question, stored.eventId, error);
        return;
      }
      pending.remove();
      // Keep what the citizen typed; do not overwrite anything new they started meanwhile.
      const kept = this.input.value === '';
      if (kept) this.input.value = text;
      this.showError(error, () => void this.send(), kept);
    } finally {
      if (conversation === this.conversation) {
        this.sending = false;
        this.avatar.setThinking(false);
        this.scrollToEnd();
      }
    }
  }

  /**
   * After the answer stream broke (network drop, idle timeout) with the question saved: waits for
   * the answer among the session's events. If that fails too, says so; "retry" tries fetching again
   * and never sends the question a second time.
   */
  private async fetchAnswer(question: Message, eventId: string, streamError: unknown): Promise<void> {
    // Errors the server sent about the answer (not a broken connection) will not be fixed by waiting.
    if (streamError instanceof ApiError && streamError.code !== 'network') {
      this.showError(streamError);
      return;
    }
    const conversation = this.conversation;
    this.sending = true;
    this.avatar.setThinking(true);
    const waiting = renderTyping(this.t, this.t.resuming);
    this.log.append(waiting);
    this.scrollToEnd();
    try {
      const answer = await this.api.awaitAnswer(question.sessionId, eventId, question.id);
      if (conversation !== this.conversation) return;
      waiting.remove();
      this.appendMessage(answer);
    } catch (error) {
      if (conversation !== this.conversation) return;
      waiting.remove();
      this.showError(error, () => void this.fetchAnswer(question, eventId, streamError), false, this.t.answerMissing);
    } finally {
      if (conversation === this.conversation) {
        this.sending = false;
        this.avatar.setThinking(false);
        this.scrollToEnd();
      }
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
      element.querySelector('.bubble')?.append(renderFeedback(this.t, save, this.language, () => void this.escalation.askForPerson('feedback')));
    }
    this.avatar.attach(element, message);
    return element;
  }

  /**
   * @param keptText the question did not reach the server and is back in the field: say so.
   * @param message replaces the wording chosen from the error.
   */
  private showError(error: unknown, retry?: () => void, keptText = false, message?: string): void {
    this.clearError();
    // A fresh node each time: screen readers announce an alert when it is inserted.
    const box = el('div', 'error');
    box.setAttribute('role', 'alert');
    const limited = error instanceof ApiError && error.code === 'rate_limited';
    const wait = limited ? error.retryAfterSeconds : undefined;
    const format = (n: number) => n.toLocaleString(this.language);
    box.append(el('p', '', message ?? (limited ? this.t.rateLimited(wait === undefined ? undefined : format(wait)) : this.t.errors[errorKind(error)])));
    if (keptText && !limited) box.append(el('p', '', this.t.notSent));
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
      if (wait !== undefined) this.stopCountdown = countDown(box, button, wait, this.t, this.language);
    }
    this.errorSlot.append(box);
  }

  private clearError(): void {
    this.stopCountdown();
    this.errorSlot.replaceChildren();
  }

  /** @param force false while an answer streams: someone who scrolled up to read is left there. */
  private scrollToEnd(force = true): void {
    const log = this.log;
    if (force || log.scrollHeight - log.scrollTop - log.clientHeight < 80) log.scrollTop = log.scrollHeight;
  }
}
