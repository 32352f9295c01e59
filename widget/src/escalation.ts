// "Talk to a person": the button that is always in the open chat, and what it leads to: waiting in
// the queue (place and expected wait, updated live), outside opening hours a callback form, a person
// who has the chat, the person leaving, and a closed chat. While a person is involved it follows the
// session's events stream, which brings status changes and the staff member's messages.
import { ApiError, type ApiClient, type SessionEvent } from './api.js';
import { escalationStrings, type EscalationStrings, type UiStrings } from './i18n.js';
import { el, uniqueId } from './render.js';
import type { CallbackRequestInput, EscalationStatus, Language, Message } from './types.js';

export const maxCallbackMessageCharacters = 1000;

export interface EscalationHost {
  api: ApiClient;
  /** The session to escalate; creates one when the citizen has not written yet. */
  ensureSession(): Promise<string>;
  /** A staff member's message from the events stream; may come again after a reconnect. */
  onStaffMessage(message: Message): void;
}

export interface CallbackDraft {
  phone: string;
  preferredTime: CallbackRequestInput['preferredTime'] | '';
  consent: boolean;
  message: string;
}

type Field = 'phone' | 'preferredTime' | 'consent' | 'message';
export type FieldErrors = Partial<Record<Field, keyof EscalationStrings['fieldErrors']>>;

/** What the citizen sees, as one of a few layouts; a change of mode draws the card anew. */
export type EscalationMode = 'bot' | 'left' | 'closed' | 'queue' | 'after-hours' | 'callback-requested' | 'staff';

export function modeOf(status: EscalationStatus): EscalationMode {
  switch (status.state) {
    case 'waiting':
      return status.open ? 'queue' : status.callbackRequested ? 'callback-requested' : 'after-hours';
    case 'staff':
      return 'staff';
    case 'closed':
      return 'closed';
    default:
      return status.previousStaffName ? 'left' : 'bot';
  }
}

/** "fredag 27. november kl. 08.00": when the team opens, in the widget's language and Danish time. */
export function formatOpensAt(iso: string | undefined, language: Language): string | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  return new Intl.DateTimeFormat(language, {
    timeZone: 'Europe/Copenhagen',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/** The queue sentences while waiting inside opening hours ("Du er nummer 2 i køen. Det tager cirka 5 minutter."). */
export function queueText(status: EscalationStatus, s: EscalationStrings, language: Language): string {
  const format = (n: number) => n.toLocaleString(language);
  const parts: string[] = [];
  if (status.queuePosition !== undefined) parts.push(s.queue(status.queuePosition, format(status.queuePosition)));
  if (status.expectedWaitMinutes !== undefined) parts.push(s.wait(status.expectedWaitMinutes, format(Math.max(1, Math.round(status.expectedWaitMinutes)))));
  return parts.join(' ');
}

/**
 * The one sentence a screen reader hears when the status changes, or '' when nothing worth saying
 * changed (the same status again, e.g. after a reconnect). `before` is the status shown until now.
 */
export function announcement(before: EscalationStatus, status: EscalationStatus, s: EscalationStrings, language: Language): string {
  const previous = modeOf(before);
  const mode = modeOf(status);
  switch (mode) {
    case 'queue': {
      const queue = queueText(status, s, language);
      if (previous !== 'queue') return `${s.waitingTitle}. ${queue}`.trim();
      return queue === queueText(before, s, language) ? '' : queue;
    }
    case 'after-hours': {
      const when = formatOpensAt(status.opensAt, language);
      return previous === mode ? '' : `${s.closedTitle}. ${when ? s.opensAt(when) : s.opensLater}`;
    }
    case 'callback-requested':
      return previous === mode ? '' : s.callbackDone;
    case 'staff':
      return previous === mode && before.staffName === status.staffName ? '' : s.staffNow(status.staffName);
    case 'left':
      return previous === mode ? '' : s.left(status.previousStaffName);
    case 'closed':
      return previous === mode ? '' : s.closed;
    default:
      return previous === 'queue' || previous === 'after-hours' || previous === 'callback-requested' ? s.stopped : '';
  }
}

/** Checks the callback form before it is sent; an empty object means it may be sent. */
export function validateCallback(draft: CallbackDraft): FieldErrors {
  const errors: FieldErrors = {};
  const phone = draft.phone.trim();
  if (phone === '') errors.phone = 'phoneMissing';
  // Danish numbers have 8 digits; international ones up to 15 (E.164), written with spaces, dashes or brackets.
  else if (!/^\+?\d{8,15}$/.test(phone.replace(/[\s\-().]/g, ''))) errors.phone = 'phoneInvalid';
  if (draft.preferredTime === '') errors.preferredTime = 'timeMissing';
  if (!draft.consent) errors.consent = 'consentMissing';
  if (draft.message.length > maxCallbackMessageCharacters) errors.message = 'messageInvalid';
  return errors;
}

/**
 * The fields a 400 from POST /callback names ("phone: Invalid phone number; consent: …"), as the
 * widget's own wording; empty when the error names none of the form's fields.
 */
export function fieldErrorsFromServer(error: unknown): FieldErrors {
  if (!(error instanceof ApiError) || error.code !== 'invalid_request') return {};
  const errors: FieldErrors = {};
  for (const part of error.message.split(';')) {
    const field = part.split(':')[0]?.trim();
    if (field === 'phone') errors.phone = 'phoneInvalid';
    else if (field === 'consent') errors.consent = 'consentMissing';
    else if (field === 'preferredTime') errors.preferredTime = 'timeMissing';
    else if (field === 'message') errors.message = 'messageInvalid';
  }
  return errors;
}

const emptyDraft = (): CallbackDraft => ({ phone: '', preferredTime: 'any', consent: false, message: '' });
const following = (status: EscalationStatus) => status.state === 'waiting' || status.state === 'staff';

export class Escalation {
  private status: EscalationStatus = { state: 'bot', open: true };
  private mode: EscalationMode = 'bot';
  private sessionId: string | null = null;
  private lastEventId: string | null = null;
  private events: AbortController | null = null;
  private busy = false;
  /** What the citizen typed in the callback form: kept across errors and a change of language. */
  private draft = emptyDraft();
  private errors: FieldErrors = {};
  private t!: UiStrings;
  private s!: EscalationStrings;
  private language: Language = 'da';

  private root = el('div');
  private card = el('div');
  private live = el('div');
  private alert = el('div');

  constructor(private readonly host: EscalationHost) {}

  /** Builds the part of the panel this owns, in `language`, showing the current status. Called again after a change of language. */
  render(t: UiStrings, language: Language): HTMLElement {
    this.t = t;
    this.s = escalationStrings[language];
    this.language = language;
    this.root = el('div', 'esc');
    this.root.dataset.mode = this.mode;
    // Changes are read out from here once; the card itself is not a live region, so nothing is read twice.
    this.live = el('div', 'sr');
    this.live.setAttribute('role', 'status');
    this.alert = el('div');
    this.card = el('div');
    this.root.append(this.live, this.card, this.alert);
    this.draw();
    return this.root;
  }

  /** After a reload: shows where the restored session stands and follows its events if a person is involved. */
  async restore(sessionId: string): Promise<void> {
    this.sessionId = sessionId;
    try {
      this.apply(await this.host.api.getEscalation(sessionId), false);
    } catch {
      // Offline or an older server: the button still works, and asking shows the status.
    }
  }

  /** The widget left the page: no stream stays open behind it. */
  stop(): void {
    this.events?.abort();
    this.events = null;
  }

  /** The widget came back to the page. */
  resume(): void {
    this.follow();
  }

  /** True while the chat is queued for a person or a person has it. */
  get waitingOrWithPerson(): boolean {
    return this.status.state === 'waiting' || this.status.state === 'staff';
  }

  /** A new conversation: forget this session's escalation. */
  reset(): void {
    this.stop();
    this.sessionId = null;
    this.lastEventId = null;
    this.draft = emptyDraft();
    this.errors = {};
    this.status = { state: 'bot', open: true };
    this.mode = 'bot';
    this.root.dataset.mode = this.mode;
    this.alert.replaceChildren();
    this.draw();
  }

  /** Shows `status`; `announce` reads the change out once (a status found on a reload is not news). */
  private apply(status: EscalationStatus, announce = true): void {
    const before = this.status;
    const sentence = announce ? announcement(before, status, this.s, this.language) : '';
    this.status = status;
    this.mode = modeOf(status);
    this.root.dataset.mode = this.mode;
    if (sentence) this.live.textContent = sentence;
    // Redrawing an unchanged card would throw away what the citizen is typing in the callback form.
    if (modeOf(before) !== this.mode || before.staffName !== status.staffName) this.draw();
    else if (this.mode === 'queue') this.updateQueue();
    this.follow();
  }

  /** Opens the events stream while a person is involved, and closes it when not. */
  private follow(): void {
    if (!following(this.status) || this.sessionId === null) {
      this.stop();
      return;
    }
    if (this.events) return;
    const controller = new AbortController();
    this.events = controller;
    const sessionId = this.sessionId;
    void this.host.api
      .followEvents(sessionId, this.lastEventId, (event) => this.onEvent(event, controller), controller.signal)
      .finally(() => {
        if (this.events === controller) this.events = null;
      });
  }

  private onEvent(event: SessionEvent, controller: AbortController): void {
    if (controller.signal.aborted) return;
    if (event.id) this.lastEventId = event.id;
    if (event.type === 'session-state') this.apply(event.escalation);
    else if (event.message.role === 'staff') this.host.onStaffMessage(event.message);
  }

  /** Runs one request with the buttons disabled; a failure is shown under the card with the widget's wording. */
  private async run(work: (sessionId: string) => Promise<EscalationStatus>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.root.setAttribute('aria-busy', 'true');
    this.alert.replaceChildren();
    try {
      // The chat may have started a new session since (the old one expired): escalate the current one.
      const sessionId = await this.host.ensureSession();
      if (sessionId !== this.sessionId) {
        this.stop();
        this.lastEventId = null;
        this.sessionId = sessionId;
      }
      this.apply(await work(sessionId));
      return true;
    } catch (error) {
      const fields = fieldErrorsFromServer(error);
      if (Object.keys(fields).length > 0) {
        this.errors = fields;
        this.draw();
        this.focusFirstError();
      } else {
        const code = error instanceof ApiError ? error.code : 'network';
        const box = el('p', 'esc-error', this.t.errors[code === 'network' ? 'network' : code === 'unavailable' ? 'unavailable' : 'server']);
        box.setAttribute('role', 'alert');
        this.alert.append(box);
      }
      return false;
    } finally {
      this.busy = false;
      this.root.removeAttribute('aria-busy');
    }
  }

  private async ask(): Promise<void> {
    await this.run((id) => this.host.api.requestEscalation(id, { reason: 'citizen' }));
  }

  private async cancel(): Promise<void> {
    await this.run((id) => this.host.api.cancelEscalation(id));
  }

  private async sendCallback(): Promise<void> {
    this.errors = validateCallback(this.draft);
    if (Object.keys(this.errors).length > 0) {
      this.draw();
      this.focusFirstError();
      return;
    }
    const { phone, preferredTime, consent, message } = this.draft;
    const input: CallbackRequestInput = { phone: phone.trim(), preferredTime: preferredTime || 'any', consent };
    if (message.trim()) input.message = message.trim();
    if (await this.run((id) => this.host.api.requestCallback(id, input))) {
      this.draft = emptyDraft();
      this.errors = {};
    }
  }

  private focusFirstError(): void {
    this.card.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  /** Draws the card for the current mode; keeps focus inside it when it was there. */
  private draw(): void {
    const active = (this.root.getRootNode() as Document | ShadowRoot).activeElement;
    const hadFocus = active !== null && this.card.contains(active);
    const s = this.s;
    const card = el('div', `esc-card esc-${this.mode}`);
    const heading = (text: string) => {
      const h = el('h3', 'esc-title', text);
      h.tabIndex = -1;
      return h;
    };
    const button = (label: string, quiet: boolean, action: () => Promise<void>) => {
      const b = el('button', quiet ? 'btn quiet' : 'btn', label);
      b.type = 'button';
      b.addEventListener('click', () => void action());
      return b;
    };
    const talk = () => {
      const b = button(s.talk, true, () => this.ask());
      b.classList.add('esc-talk');
      return b;
    };
    switch (this.mode) {
      case 'queue': {
        const queue = el('p', 'esc-queue', queueText(this.status, s, this.language));
        card.append(heading(s.waitingTitle), queue, el('p', '', s.meanwhile), button(s.stopWaiting, true, () => this.cancel()));
        break;
      }
      case 'after-hours':
      case 'callback-requested': {
        const when = formatOpensAt(this.status.opensAt, this.language);
        card.append(heading(s.closedTitle), el('p', '', when ? s.opensAt(when) : s.opensLater));
        if (this.mode === 'after-hours') card.append(this.callbackForm());
        else card.append(el('p', 'esc-done', s.callbackDone));
        card.append(button(s.stopWaiting, true, () => this.cancel()));
        break;
      }
      case 'staff':
        card.append(heading(s.staffNow(this.status.staffName)), el('p', '', s.staffHint));
        break;
      case 'left':
        card.append(el('p', 'esc-note', s.left(this.status.previousStaffName)), talk());
        break;
      case 'closed':
        card.append(el('p', 'esc-note', s.closed), talk());
        break;
      default:
        card.append(talk());
    }
    this.card.replaceWith(card);
    this.card = card;
    if (hadFocus) (card.querySelector<HTMLElement>('[aria-invalid="true"]') ?? card.querySelector<HTMLElement>('h3, button'))?.focus();
  }

  private updateQueue(): void {
    const queue = this.card.querySelector('.esc-queue');
    if (queue) queue.textContent = queueText(this.status, this.s, this.language);
  }

  private callbackForm(): HTMLFormElement {
    const s = this.s;
    const form = el('form', 'esc-form');
    form.noValidate = true;
    form.append(el('p', '', s.callbackIntro));

    /** The error under a field, tied to it with aria-describedby and aria-invalid. */
    const describe = (control: HTMLElement, field: Field, hintId?: string): HTMLElement | null => {
      const key = this.errors[field];
      const ids = hintId ? [hintId] : [];
      let error: HTMLElement | null = null;
      if (key) {
        error = el('p', 'esc-field-error', s.fieldErrors[key]);
        error.id = uniqueId(`esc-${field}-error`);
        ids.push(error.id);
      }
      control.setAttribute('aria-invalid', String(key !== undefined));
      if (ids.length > 0) control.setAttribute('aria-describedby', ids.join(' '));
      return error;
    };
    const field = (label: string, control: HTMLInputElement | HTMLTextAreaElement, name: Field, hint?: string) => {
      const wrapper = el('div', 'esc-field');
      control.id = uniqueId(`esc-${name}`);
      const labelElement = el('label', '', label);
      labelElement.htmlFor = control.id;
      wrapper.append(labelElement);
      let hintId: string | undefined;
      if (hint) {
        const hintElement = el('p', 'hint', hint);
        hintElement.id = hintId = uniqueId('esc-hint');
        wrapper.append(hintElement);
      }
      const error = describe(control, name, hintId);
      wrapper.append(control);
      if (error) wrapper.append(error);
      return wrapper;
    };

    const phone = el('input');
    phone.type = 'tel';
    phone.autocomplete = 'tel';
    phone.dir = 'ltr';
    phone.value = this.draft.phone;
    phone.addEventListener('input', () => (this.draft.phone = phone.value));

    const times = el('fieldset', 'esc-times');
    times.append(el('legend', '', s.time));
    const group = uniqueId('esc-time');
    for (const value of ['morning', 'afternoon', 'any'] as const) {
      const option = el('label', 'esc-choice');
      const radio = el('input');
      radio.type = 'radio';
      radio.name = group;
      radio.value = value;
      radio.checked = this.draft.preferredTime === value;
      radio.addEventListener('change', () => {
        if (radio.checked) this.draft.preferredTime = value;
      });
      option.append(radio, ` ${s.times[value]}`);
      times.append(option);
    }
    const timeError = this.errors.preferredTime ? el('p', 'esc-field-error', s.fieldErrors[this.errors.preferredTime]) : null;
    if (timeError) {
      timeError.id = uniqueId('esc-time-error');
      times.setAttribute('aria-describedby', timeError.id);
      times.append(timeError);
    }

    const consentBox = el('div', 'esc-field esc-consent');
    const consent = el('input');
    consent.type = 'checkbox';
    consent.id = uniqueId('esc-consent');
    consent.checked = this.draft.consent;
    consent.addEventListener('change', () => (this.draft.consent = consent.checked));
    const consentLabel = el('label', 'esc-choice', s.consent);
    consentLabel.htmlFor = consent.id;
    const consentError = describe(consent, 'consent');
    const consentRow = el('div', 'esc-check');
    consentRow.append(consent, consentLabel);
    consentBox.append(consentRow);
    if (consentError) consentBox.append(consentError);

    const message = el('textarea');
    message.rows = 2;
    message.maxLength = maxCallbackMessageCharacters;
    message.value = this.draft.message;
    message.addEventListener('input', () => (this.draft.message = message.value));

    const submit = el('button', 'btn', s.submit);
    submit.type = 'submit';
    form.append(field(s.phone, phone, 'phone', s.phoneHint), times, consentBox, field(s.message, message, 'message'), submit);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.sendCallback();
    });
    return form;
  }
}

export const escalationStyles = `
.panel:has(.esc[data-mode=staff]) .typing{display:none}
.esc{padding:.5em 1em;border-top:1px solid var(--line);max-height:55%;overflow-y:auto}
.esc-card{display:flex;flex-direction:column;align-items:flex-start;gap:.4em}
.esc-card p{margin:0}
.esc-title{margin:0;font-size:1em;font-weight:700}
.esc-talk{width:100%}
.esc-note{color:var(--fg);font-weight:600}
.esc-form{display:flex;flex-direction:column;gap:.5em;width:100%;padding:0;border:0}
.esc-field{display:flex;flex-direction:column}
.esc-field input[type=tel],.esc-field textarea{width:100%;min-height:44px;padding:.5em .6em;border:2px solid var(--line);border-radius:8px;background:#fff}
.esc-field input[aria-invalid=true],.esc-field textarea[aria-invalid=true]{border-color:var(--alert)}
.esc-times{margin:0;padding:.3em .6em .5em;border:1px solid var(--line);border-radius:8px}
.esc-times legend{font-weight:600;padding:0 .25em}
.esc-choice{display:flex;align-items:center;gap:.4em;min-height:32px;font-weight:400;margin:0}
.esc-check{display:flex;align-items:flex-start;gap:.5em}
.esc-check input,.esc-choice input{width:22px;height:22px;margin:.15em 0 0;flex:none;accent-color:var(--a)}
.esc-field-error,.esc-error{color:var(--alert);font-weight:600;margin:.2em 0 0}
.esc-done{font-weight:600}
`;
