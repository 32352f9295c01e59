// The staff console in the browser: sign-in, the live queue, one chat (summary, transcript, take
// over, write, hand back, close) and callback requests. Views are chosen by the URL hash
// (#/, #/chats/{id}, #/callbacks); live changes come from EventSource on /api/staff/events.
import { api, ApiError, type Callback, type CannedReply, type ChatMessage, type ChatView, type EscalationForStaff, type Staff } from './api.js';
import { h, uid } from './dom.js';
import { canEdit, showSignInForm, signOut as endSignIn } from './sign-in.js';
import { chatStateText, clock, languageName, outcomeLabels, preferredTimeLabels, reasonLabel, roleLabels, teamName, waitingTime } from './texts.js';
import { announce, errorBox, heading, main, showError, top } from './ui.js';

let me: Staff | null = null;
let cleanup: () => void = () => undefined;
/** Queue items already seen (announced or there when the queue was first shown): announced once. */
let knownQueue: Set<string> | null = null;
/** A chat just taken over from the queue: its view opens with the cursor in the message field. */
let justTakenOver: string | null = null;

/** A 401 anywhere means the sign-in ended: back to the form, with a reason. */
function handleFailure(error: unknown, box: HTMLElement): void {
  if (error instanceof ApiError && error.status === 401) {
    me = null;
    showSignIn('Du er blevet logget ud. Log ind igen.');
    return;
  }
  if (error instanceof ApiError && error.status === 403) {
    showError(box, /role/i.test(error.message) ? 'Din konto har ikke adgang til medarbejdernes konsol. Spørg en administrator om rollen "staff".' : `Du har ikke adgang: ${error.message}`);
    return;
  }
  showError(box, error instanceof Error ? error.message : String(error));
}

/** An EventSource that reloads on (re)connection and reports its state in `status`. */
function liveStream(url: string, status: HTMLElement, handlers: Record<string, (event: MessageEvent<string>) => void>, onReconnect: () => void): () => void {
  let source: EventSource | null = null;
  let retry: number | undefined;
  let stopped = false;
  let opened = false;
  let delay = 3000;
  const connect = () => {
    source = new EventSource(url);
    source.addEventListener('open', () => {
      delay = 3000;
      status.textContent = 'Opdateres automatisk.';
      if (opened) onReconnect();
      opened = true;
    });
    source.addEventListener('error', () => {
      status.textContent = 'Forbindelsen er afbrudt. Prøver igen …';
      if (source?.readyState === EventSource.CLOSED && !stopped) {
        // Closed for good (e.g. the sign-in ended): check who we are, then try again.
        source = null;
        // Waits longer after each refusal (up to a minute), so a console without access does not hammer the server.
        delay = Math.min(delay * 2, 60_000);
        void api.me().then(
          () => {
            if (!stopped) retry = window.setTimeout(connect, delay);
          },
          (error: unknown) => {
            if (!stopped && error instanceof ApiError && error.status === 401) handleFailure(error, status);
            else if (!stopped) retry = window.setTimeout(connect, delay);
          },
        );
      }
    });
    for (const [type, handler] of Object.entries(handlers)) source.addEventListener(type, handler as EventListener);
  };
  connect();
  return () => {
    stopped = true;
    window.clearTimeout(retry);
    source?.close();
  };
}

// ---------------------------------------------------------------------------------------------
// Frame: header with navigation and sign-out

function renderFrame(): void {
  const route = location.hash.startsWith('#/callbacks') ? 'callbacks' : location.hash.startsWith('#/chats/') ? 'chat' : 'queue';
  const link = (href: string, text: string, current: boolean) => h('li', {}, h('a', { href, 'aria-current': current ? 'page' : undefined }, text));
  top.replaceChildren(
    h(
      'header',
      { class: 'top' },
      h('p', { class: 'brand' }, 'Hospitalschat · medarbejdere'),
      h('nav', { 'aria-label': 'Hovedmenu' }, h('ul', {}, link('#/', 'Kø', route === 'queue' || route === 'chat'), link('#/callbacks', 'Opringninger', route === 'callbacks'))),
      h(
        'div',
        { class: 'who' },
        me !== null && canEdit(me) ? h('a', { href: '/editor' }, 'Redaktørkonsollen') : null,
        h('span', {}, `Logget ind som ${me?.displayName ?? ''}`),
        h('button', { type: 'button', class: 'secondary', onclick: () => void signOut() }, 'Log ud'),
      ),
    ),
  );
}

async function signOut(): Promise<void> {
  await endSignIn();
  me = null;
  showSignIn('Du er logget ud.');
}

// ---------------------------------------------------------------------------------------------
// Sign-in

function showSignIn(notice?: string): void {
  cleanup();
  cleanup = () => undefined;
  knownQueue = null;
  showSignInForm({
    consoleName: 'Hospitalschat for medarbejdere',
    intro: 'Konsollen for medarbejdere, der svarer borgerne i hospitalets chat.',
    ...(notice !== undefined && { notice }),
    onSignedIn: (staff) => {
      me = staff;
      route();
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Queue

const queueKey = (item: EscalationForStaff) => `${item.sessionId}@${item.requestedAt}`;
const isEmergency = (item: EscalationForStaff) => item.priority === 0 || item.summary.emergencyFlagged;

/** Waiting before taken, emergency-flagged first, then oldest: the server's order, kept if it ever differs. */
function ordered(items: EscalationForStaff[]): EscalationForStaff[] {
  const rank = (item: EscalationForStaff) => (item.state === 'waiting' ? 0 : 1);
  return [...items].sort((a, b) => rank(a) - rank(b) || Number(isEmergency(b)) - Number(isEmergency(a)) || a.requestedAt.localeCompare(b.requestedAt));
}

function describe(item: EscalationForStaff): string {
  return `${isEmergency(item) ? 'Akut: ' : ''}${languageName(item.language)}, ${reasonLabel(item.reason).toLowerCase()}`;
}

function showQueue(): void {
  document.title = 'Kø – Hospitalschat for medarbejdere';
  const error = errorBox();
  const live = h('p', { class: 'live-state' }, 'Forbinder …');
  const lists = h('div', { class: 'queue' });
  main.replaceChildren(heading('Kø'), live, error, lists);
  (main.querySelector('h1') as HTMLElement).focus();
  let items: EscalationForStaff[] = [];

  const card = (item: EscalationForStaff) => {
    const titleId = uid('chat');
    const emergency = isEmergency(item);
    const mine = item.claimedBy?.id === me?.id;
    const take = h('button', { type: 'button', 'aria-describedby': titleId }, 'Overtag');
    take.addEventListener('click', () => void takeOver(item, take));
    return h(
      'li',
      { class: emergency ? 'card emergency' : 'card' },
      h(
        'article',
        { 'aria-labelledby': titleId },
        h('h3', { id: titleId }, emergency ? h('span', { class: 'badge' }, 'AKUT') : null, emergency ? ' ' : null, `${languageName(item.language)} · ${reasonLabel(item.reason)}`),
        h(
          'dl',
          { class: 'facts' },
          item.state === 'waiting'
            ? h('div', {}, h('dt', {}, 'Venter:'), h('dd', { 'data-since': item.requestedAt }, waitingTime(item.requestedAt, new Date())))
            : h('div', {}, h('dt', {}, 'Bad om hjælp:'), h('dd', {}, clock(item.requestedAt, new Date()))),
          h('div', {}, h('dt', {}, 'Team:'), h('dd', {}, teamName(item.team))),
          h('div', {}, h('dt', {}, 'Hospital:'), h('dd', {}, item.hospital === null ? 'Ukendt' : teamName(item.hospital))),
          item.state === 'staff' ? h('div', {}, h('dt', {}, 'Hos:'), h('dd', {}, mine ? 'Dig' : (item.claimedBy?.name ?? 'En medarbejder'))) : null,
        ),
        h('p', { class: 'summary' }, item.summary.text),
        h(
          'div',
          { class: 'actions' },
          item.state === 'waiting' ? take : null,
          h('a', { href: `#/chats/${encodeURIComponent(item.sessionId)}`, 'aria-describedby': titleId, class: 'button-link' }, mine ? 'Åbn din samtale' : 'Se samtalen'),
        ),
      ),
    );
  };

  const render = () => {
    const waiting = items.filter((item) => item.state === 'waiting');
    const active = items.filter((item) => item.state !== 'waiting');
    const section = (title: string, list: EscalationForStaff[], empty: string) => {
      const id = uid('section');
      return h('section', { 'aria-labelledby': id }, h('h2', { id }, `${title} (${list.length})`), list.length === 0 ? h('p', { class: 'empty' }, empty) : h('ul', { class: 'cards' }, list.map(card)));
    };
    // Keep keyboard focus on the same control when the list is rebuilt under it.
    const focused = document.activeElement instanceof HTMLElement && lists.contains(document.activeElement) ? describeFocus(document.activeElement) : null;
    lists.replaceChildren(section('Venter', waiting, 'Ingen venter lige nu.'), section('I gang', active, 'Ingen samtaler er i gang.'));
    if (focused !== null) restoreFocus(lists, focused);
  };

  let loading: Promise<void> | null = null;
  let again = false;
  const load = async (): Promise<void> => {
    if (loading !== null) {
      again = true;
      return loading;
    }
    loading = (async () => {
      try {
        items = ordered((await api.queue()).items);
        const fresh = items.filter((item) => item.state === 'waiting' && knownQueue !== null && !knownQueue.has(queueKey(item)));
        if (knownQueue === null) knownQueue = new Set();
        for (const item of items) knownQueue.add(queueKey(item));
        render();
        if (fresh.length > 0) announce(`Ny i køen: ${fresh.map(describe).join('. ')}.`);
      } catch (failure) {
        handleFailure(failure, error);
      } finally {
        loading = null;
      }
    })();
    await loading;
    if (again) {
      again = false;
      await load();
    }
  };

  const takeOver = async (item: EscalationForStaff, button: HTMLButtonElement) => {
    button.disabled = true;
    try {
      await api.takeOver(item.sessionId);
      justTakenOver = item.sessionId;
      location.hash = `#/chats/${encodeURIComponent(item.sessionId)}`;
    } catch (failure) {
      button.disabled = false;
      if (failure instanceof ApiError && failure.status === 409) {
        showError(error, `Du kunne ikke overtage samtalen. ${failure.message}`);
        await load();
        error.focus();
      } else handleFailure(failure, error);
    }
  };

  void load();
  const stop = liveStream('/api/staff/events', live, { 'queue-changed': () => void load(), 'bus-resynced': () => void load() }, () => void load());
  const ticker = window.setInterval(() => {
    for (const element of lists.querySelectorAll<HTMLElement>('[data-since]')) element.textContent = waitingTime(element.dataset['since'] as string, new Date());
  }, 30_000);
  cleanup = () => {
    stop();
    window.clearInterval(ticker);
  };
}

/** Which control had focus, by its text and the heading it belongs to. */
function describeFocus(element: HTMLElement): { describedBy: string | null; text: string; heading: string | null } {
  const described = element.getAttribute('aria-describedby');
  return { describedBy: described === null ? null : (document.getElementById(described)?.textContent ?? null), text: element.textContent ?? '', heading: element.closest('section')?.querySelector('h2')?.textContent ?? null };
}

function restoreFocus(container: HTMLElement, focus: ReturnType<typeof describeFocus>): void {
  for (const candidate of container.querySelectorAll<HTMLElement>('button, a')) {
    const described = candidate.getAttribute('aria-describedby');
    if (candidate.textContent === focus.text && (described === null ? null : document.getElementById(described)?.textContent) === focus.describedBy) {
      candidate.focus();
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// One chat

function messageItem(message: ChatMessage): HTMLLIElement {
  const role = message.role === 'staff' ? `${roleLabels['staff']}: ${message.author ?? ''}` : (roleLabels[message.role] ?? message.role);
  const note = message.kind === 'refusal' ? ' (kunne ikke svare)' : message.kind === 'emergency' ? ' (akut-besked)' : '';
  return h(
    'li',
    { class: `message ${message.role}`, 'data-id': message.id },
    h('p', { class: 'meta' }, h('span', { class: 'role' }, role + note), ' ', h('time', { datetime: message.createdAt }, clock(message.createdAt, new Date()))),
    h('p', { class: 'text', lang: message.language, dir: 'auto' }, message.text),
    message.citations.length === 0
      ? null
      : h('ul', { class: 'sources', 'aria-label': 'Kilder' }, message.citations.map((citation) => h('li', {}, h('a', { href: citation.url, target: '_blank', rel: 'noopener noreferrer' }, `[${citation.n}] ${citation.title}`)))),
  );
}

function summaryBox(escalation: EscalationForStaff | null): HTMLElement {
  const id = uid('summary');
  if (escalation === null) return h('section', { class: 'summary-box', 'aria-labelledby': id }, h('h2', { id }, 'Resumé'), h('p', {}, 'Samtalen har ikke været sendt til en medarbejder.'));
  const { summary } = escalation;
  return h(
    'section',
    { class: isEmergency(escalation) ? 'summary-box emergency' : 'summary-box', 'aria-labelledby': id },
    h('h2', { id }, 'Resumé'),
    isEmergency(escalation) ? h('p', { class: 'emergency-note' }, h('span', { class: 'badge' }, 'AKUT'), ' Borgeren kan være i en akut situation. Henvis til 112 ved livsfare.') : null,
    h(
      'dl',
      { class: 'facts' },
      h('div', {}, h('dt', {}, 'Sprog:'), h('dd', {}, languageName(escalation.language))),
      h('div', {}, h('dt', {}, 'Årsag:'), h('dd', {}, reasonLabel(escalation.reason))),
      h('div', {}, h('dt', {}, 'Team:'), h('dd', {}, teamName(escalation.team))),
      h('div', {}, h('dt', {}, 'Hospital:'), h('dd', {}, escalation.hospital === null ? 'Ukendt' : teamName(escalation.hospital))),
      h('div', {}, h('dt', {}, 'Bad om hjælp:'), h('dd', {}, clock(escalation.requestedAt, new Date()))),
    ),
    h('p', { class: 'summary' }, summary.text),
    summary.questions.length === 0 ? null : [h('h3', {}, 'Borgerens spørgsmål'), h('ol', {}, summary.questions.map((question) => h('li', { lang: escalation.language, dir: 'auto' }, question)))],
    summary.lastAnswer === undefined
      ? null
      : [
          h('h3', {}, 'Chatbottens sidste svar'),
          h('p', { class: 'text', dir: 'auto' }, summary.lastAnswer.text),
          summary.lastAnswer.sources.length === 0
            ? null
            : h('ul', { class: 'sources', 'aria-label': 'Kilder i sidste svar' }, summary.lastAnswer.sources.map((source) => h('li', {}, h('a', { href: source.url, target: '_blank', rel: 'noopener noreferrer' }, source.title)))),
        ],
  );
}

function showChat(sessionId: string): void {
  document.title = 'Samtale – Hospitalschat for medarbejdere';
  const error = errorBox();
  const title = heading('Samtale');
  const state = h('p', { class: 'chat-state' });
  const live = h('p', { class: 'live-state' }, 'Forbinder …');
  const summarySlot = h('div', { class: 'summary-slot' });
  const transcriptId = uid('transcript');
  const transcript = h('ol', { class: 'transcript', 'aria-labelledby': transcriptId });
  const actionsId = uid('actions');
  const actions = h('section', { class: 'chat-actions', 'aria-labelledby': actionsId });
  main.replaceChildren(
    h('p', {}, h('a', { href: '#/' }, 'Tilbage til køen')),
    title,
    state,
    live,
    error,
    h('div', { class: 'chat-layout' }, summarySlot, h('section', { class: 'transcript-box', 'aria-labelledby': transcriptId }, h('h2', { id: transcriptId }, 'Samtalen'), transcript), actions),
  );
  title.focus();

  let view: ChatView | null = null;
  let shownState = '';
  let ownActions = 0;
  /** Runs one of this console's own state changes; live reloads meanwhile stay quiet. */
  const own = async <T>(action: () => Promise<T>): Promise<T> => {
    ownActions += 1;
    try {
      return await action();
    } finally {
      // The live event of the change arrives a moment after the answer.
      window.setTimeout(() => (ownActions -= 1), 1000);
    }
  };
  const seen = new Set<string>();
  let canned: CannedReply[] = [];
  const draft = { text: '' };

  const mine = () => view !== null && view.status.state === 'staff' && view.escalation?.claimedBy?.id === me?.id;
  const stateKey = () => (view === null ? '' : `${view.status.state}:${mine() ? 'me' : (view.status.staffName ?? '')}`);

  const append = (message: ChatMessage, fromStream: boolean) => {
    if (seen.has(message.id)) return;
    seen.add(message.id);
    transcript.append(messageItem(message));
    if (fromStream && !(message.role === 'staff' && message.author === me?.displayName && mine())) {
      const who = message.role === 'user' ? 'borgeren' : message.role === 'assistant' ? 'chatbotten' : message.role === 'staff' ? (message.author ?? 'en medarbejder') : 'systemet';
      announce(`Ny besked fra ${who}: ${message.text.length > 200 ? `${message.text.slice(0, 200)} …` : message.text}`);
    }
  };

  const renderActions = () => {
    if (view === null) return;
    const key = stateKey();
    if (key === shownState) return;
    const textarea = actions.querySelector('textarea');
    if (textarea !== null) draft.text = textarea.value;
    shownState = key;
    state.textContent = chatStateText(view.status.state, view.status.staffName, mine());
    title.textContent = view.escalation === null ? 'Samtale' : `Samtale · ${languageName(view.escalation.language)}`;
    const heading2 = h('h2', { id: actionsId }, 'Handlinger');
    if (view.status.state === 'waiting') {
      actions.replaceChildren(heading2, h('button', { type: 'button', onclick: (event: Event) => void takeOver(event.currentTarget as HTMLButtonElement) }, 'Overtag samtalen'));
    } else if (mine()) {
      actions.replaceChildren(heading2, messageForm(), h('div', { class: 'end' }, handBackButton(), closeForm()));
    } else if (view.status.state === 'staff') {
      actions.replaceChildren(heading2, h('p', {}, `${view.status.staffName ?? 'En anden medarbejder'} har samtalen. Du kan læse med, men ikke skrive.`));
    } else {
      actions.replaceChildren(heading2, h('p', {}, view.status.state === 'closed' ? 'Samtalen er afsluttet.' : 'Chatbotten har samtalen. Den er ikke i køen.'));
    }
  };

  const messageForm = () => {
    const formError = errorBox();
    const textId = uid('text');
    const cannedId = uid('canned');
    const textarea = h('textarea', { id: textId, name: 'text', rows: 4, maxlength: 4000 });
    textarea.value = draft.text;
    const select = h('select', { id: cannedId }, h('option', { value: '' }, 'Vælg et standardsvar'), canned.map((reply) => h('option', { value: reply.id }, reply.title)));
    const insert = h('button', { type: 'button', class: 'secondary' }, 'Indsæt');
    insert.addEventListener('click', () => {
      const reply = canned.find((candidate) => candidate.id === select.value);
      if (reply === undefined) {
        showError(formError, 'Vælg først et standardsvar på listen.');
        select.focus();
        return;
      }
      formError.hidden = true;
      textarea.value = textarea.value.trim() === '' ? reply.text : `${textarea.value.trimEnd()}\n${reply.text}`;
      textarea.focus();
    });
    const send = h('button', { type: 'submit' }, 'Send');
    const form = h(
      'form',
      { class: 'compose', novalidate: true },
      canned.length === 0 ? null : h('div', { class: 'field inline' }, h('label', { for: cannedId }, 'Standardsvar'), h('div', { class: 'row' }, select, insert)),
      h('div', { class: 'field' }, h('label', { for: textId }, 'Besked til borgeren'), textarea),
      formError,
      send,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = textarea.value.trim();
      if (text === '') {
        textarea.setAttribute('aria-invalid', 'true');
        showError(formError, 'Skriv en besked, før du sender.');
        textarea.focus();
        return;
      }
      textarea.removeAttribute('aria-invalid');
      send.disabled = true;
      api.send(sessionId, text).then(
        ({ message }) => {
          send.disabled = false;
          formError.hidden = true;
          textarea.value = '';
          draft.text = '';
          append(message, false);
          announce('Beskeden er sendt.');
          textarea.focus();
        },
        (failure: unknown) => {
          // What was typed stays in the field.
          send.disabled = false;
          handleFailure(failure, formError);
          if (failure instanceof ApiError && failure.status === 409) void reload();
        },
      );
    });
    return form;
  };

  const handBackButton = () => {
    const button = h('button', { type: 'button', class: 'secondary' }, 'Giv samtalen tilbage til chatbotten');
    button.addEventListener('click', () => {
      button.disabled = true;
      own(() => api.handBack(sessionId)).then(
        async () => {
          await reload();
          announce('Samtalen er givet tilbage til chatbotten.');
          state.setAttribute('tabindex', '-1');
          state.focus();
        },
        (failure: unknown) => {
          button.disabled = false;
          handleFailure(failure, error);
        },
      );
    });
    return button;
  };

  const closeForm = () => {
    const outcomeId = uid('outcome');
    const select = h('select', { id: outcomeId, name: 'outcome' }, outcomeLabels.map(([value, label]) => h('option', { value }, label)));
    const submit = h('button', { type: 'submit', class: 'secondary' }, 'Afslut samtalen');
    const form = h('form', { class: 'close' }, h('div', { class: 'field' }, h('label', { for: outcomeId }, 'Resultat'), select), submit);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submit.disabled = true;
      own(() => api.close(sessionId, select.value)).then(
        async () => {
          await reload();
          announce('Samtalen er afsluttet.');
          state.setAttribute('tabindex', '-1');
          state.focus();
        },
        (failure: unknown) => {
          submit.disabled = false;
          handleFailure(failure, error);
        },
      );
    });
    return form;
  };

  const takeOver = async (button: HTMLButtonElement) => {
    button.disabled = true;
    try {
      await own(() => api.takeOver(sessionId));
      await reload();
      announce('Du har overtaget samtalen.');
      actions.querySelector('textarea')?.focus();
    } catch (failure) {
      button.disabled = false;
      if (failure instanceof ApiError && failure.status === 409) {
        showError(error, `Du kunne ikke overtage samtalen. ${failure.message}`);
        await reload();
        error.focus();
      } else handleFailure(failure, error);
    }
  };

  /** The chat as the server has it now; announces a change of who has it that someone else made. */
  const reload = async (announceChange = false) => {
    try {
      const fresh = await api.chat(sessionId);
      const before = shownState;
      view = fresh;
      summarySlot.replaceChildren(summaryBox(view.escalation));
      for (const message of view.messages) append(message, false);
      renderActions();
      // This console's own take-over, hand-back or close is announced by the action itself.
      if (announceChange && ownActions === 0 && before !== '' && shownState !== before) announce(chatStateText(view.status.state, view.status.staffName, mine()));
    } catch (failure) {
      handleFailure(failure, error);
    }
  };

  let stop: () => void = () => undefined;
  let stopped = false;
  void Promise.all([api.cannedReplies().then(({ items }) => (canned = items)).catch(() => (canned = [])), reload()]).then(() => {
    if (view === null || stopped) return;
    if (justTakenOver === sessionId && mine()) {
      announce('Du har overtaget samtalen.');
      actions.querySelector('textarea')?.focus();
    }
    justTakenOver = null;
    // Opened after the transcript is shown: what was replayed is skipped by id, what is new appears.
    stop = liveStream(
      `/api/staff/events?chat=${encodeURIComponent(sessionId)}`,
      live,
      {
        'message-created': (event) => {
          const payload = JSON.parse(event.data) as { message?: ChatMessage };
          if (payload.message !== undefined) append(payload.message, true);
        },
        // The payload may be a replayed, older state: the chat is fetched again instead.
        'session-state': () => void reload(true),
        'bus-resynced': () => void reload(true),
      },
      () => void reload(true),
    );
  });
  cleanup = () => {
    stopped = true;
    stop();
  };
}

// ---------------------------------------------------------------------------------------------
// Callback requests

function showCallbacks(): void {
  document.title = 'Opringninger – Hospitalschat for medarbejdere';
  const error = errorBox();
  const list = h('ul', { class: 'cards' });
  const empty = h('p', { class: 'empty', hidden: true }, 'Ingen borgere venter på at blive ringet op.');
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Vis flere');
  main.replaceChildren(heading('Opringninger'), h('p', {}, 'Borgere, der har bedt om at blive ringet op. De ældste står først.'), error, empty, list, more);
  (main.querySelector('h1') as HTMLElement).focus();
  let nextOffset: number | null = 0;

  const card = (item: Callback) => {
    const titleId = uid('callback');
    const done = h('button', { type: 'button', 'aria-describedby': titleId }, 'Markér som ringet op');
    const element = h(
      'li',
      { class: 'card' },
      h(
        'article',
        { 'aria-labelledby': titleId },
        h('h2', { id: titleId, tabindex: -1 }, `Ring til ${item.phone}`),
        h(
          'dl',
          { class: 'facts' },
          h('div', {}, h('dt', {}, 'Telefon:'), h('dd', {}, h('a', { href: `tel:${item.phone}` }, item.phone))),
          h('div', {}, h('dt', {}, 'Helst:'), h('dd', {}, preferredTimeLabels[item.preferredTime] ?? item.preferredTime)),
          h('div', {}, h('dt', {}, 'Sprog:'), h('dd', {}, languageName(item.language))),
          h('div', {}, h('dt', {}, 'Hospital:'), h('dd', {}, item.hospital === null ? 'Ukendt' : teamName(item.hospital))),
          h('div', {}, h('dt', {}, 'Bedt om:'), h('dd', {}, clock(item.createdAt, new Date()))),
        ),
        item.message === null ? null : h('p', { class: 'text' }, h('strong', {}, 'Besked: '), h('span', { lang: item.language, dir: 'auto' }, item.message)),
        h('p', { class: 'summary' }, item.summary.text),
        h('div', { class: 'actions' }, done, h('a', { href: `#/chats/${encodeURIComponent(item.sessionId)}`, class: 'button-link', 'aria-describedby': titleId }, 'Se samtalen')),
      ),
    );
    done.addEventListener('click', () => {
      done.disabled = true;
      api.callbackHandled(item.id).then(
        () => {
          const next = (element.nextElementSibling ?? element.previousElementSibling)?.querySelector('h2');
          element.remove();
          announce(`${item.phone} er markeret som ringet op.`);
          empty.hidden = list.children.length > 0;
          if (next instanceof HTMLElement) next.focus();
          else (main.querySelector('h1') as HTMLElement).focus();
        },
        (failure: unknown) => {
          done.disabled = false;
          handleFailure(failure, error);
        },
      );
    });
    return element;
  };

  const load = async () => {
    if (nextOffset === null) return;
    try {
      const page = await api.callbacks(nextOffset);
      list.append(...page.items.map(card));
      nextOffset = page.nextOffset;
      more.hidden = nextOffset === null;
      empty.hidden = list.children.length > 0;
    } catch (failure) {
      handleFailure(failure, error);
    }
  };
  more.addEventListener('click', () => void load());
  void load();
}

// ---------------------------------------------------------------------------------------------
// Routing

function route(event?: HashChangeEvent): void {
  if (me === null) return;
  // The skip link ("#main") moves focus, not the view; opened with such an address, the queue shows.
  if (event !== undefined && location.hash !== '' && !location.hash.startsWith('#/')) return;
  cleanup();
  cleanup = () => undefined;
  renderFrame();
  const chat = /^#\/chats\/(.+)$/.exec(location.hash);
  if (chat?.[1] !== undefined) showChat(decodeURIComponent(chat[1]));
  else if (location.hash.startsWith('#/callbacks')) showCallbacks();
  else showQueue();
}

window.addEventListener('hashchange', (event) => route(event));
api.me().then(
  (staff) => {
    me = staff;
    route();
  },
  (failure: unknown) => {
    if (failure instanceof ApiError && failure.status === 401) showSignIn();
    else showSignIn(failure instanceof Error ? failure.message : undefined);
  },
);
