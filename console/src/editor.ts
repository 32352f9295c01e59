// The editor console in the browser (/editor): the same sign-in as the staff console, then
// evaluations, feedback, content gaps and the pages in the index. Editors and admins only; a
// staff-only account is told so. Views are chosen by the URL hash (#/evals, #/evals/{id},
// #/evals/{id}/results/{caseId}, #/compare/{base}/{other}, #/feedback, #/gaps, #/pages,
// #/pages/detail?url=…).
import type { Staff } from './api.js';
import { h } from './dom.js';
import { showContentGaps, showFeedback, showPageDetail, showPages } from './editor-content.js';
import { showComparison, showResult, showRun, showRuns } from './editor-evals.js';
import { session } from './editor-kit.js';
import { canAnswerChats, canEdit, currentStaff, showSignInForm, signOut } from './sign-in.js';
import { heading, main, top } from './ui.js';

const consoleName = 'Hospitalschat for redaktører';
let me: Staff | null = null;
let cleanup: () => void = () => undefined;

function stopView(): void {
  cleanup();
  cleanup = () => undefined;
}

function showSignIn(notice?: string): void {
  stopView();
  me = null;
  showSignInForm({
    consoleName,
    intro: 'Konsollen for redaktører: se hvor godt chatbotten svarer, hvad borgerne savner, og hvilke sider den bruger.',
    ...(notice !== undefined && { notice }),
    onSignedIn: (staff) => {
      me = staff;
      route();
    },
  });
}
session.ended = () => showSignIn('Du er blevet logget ud. Log ind igen.');

type Section = 'evals' | 'feedback' | 'gaps' | 'pages' | null;

function renderFrame(current: Section): void {
  const link = (href: string, text: string, section: Section) => h('li', {}, h('a', { href, 'aria-current': section === current ? 'page' : undefined }, text));
  top.replaceChildren(
    h(
      'header',
      { class: 'top' },
      h('p', { class: 'brand' }, 'Hospitalschat · redaktører'),
      me !== null && canEdit(me)
        ? h('nav', { 'aria-label': 'Hovedmenu' }, h('ul', {}, link('#/evals', 'Evalueringer', 'evals'), link('#/feedback', 'Feedback', 'feedback'), link('#/gaps', 'Indholdshuller', 'gaps'), link('#/pages', 'Sider', 'pages')))
        : null,
      h(
        'div',
        { class: 'who' },
        me !== null && canAnswerChats(me) ? h('a', { href: '/staff' }, 'Medarbejderkonsollen') : null,
        h('span', {}, `Logget ind som ${me?.displayName ?? ''}`),
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onclick: () =>
              void signOut().then(() => {
                showSignIn('Du er logget ud.');
              }),
          },
          'Log ud',
        ),
      ),
    ),
  );
}

/** A signed-in account without the editor role: why there is nothing here, and where to go. */
function showRefused(staff: Staff): void {
  document.title = `Ingen adgang – ${consoleName}`;
  renderFrame(null);
  main.replaceChildren(
    h(
      'div',
      { class: 'narrow' },
      heading('Ingen adgang'),
      h('p', { class: 'error', role: 'alert' }, 'Redaktørkonsollen er kun for redaktører og administratorer. Din konto har ikke rollen "editor".'),
      h('p', {}, 'Spørg en administrator, hvis du skal arbejde med chatbottens indhold.'),
      canAnswerChats(staff) ? h('p', {}, h('a', { href: '/staff' }, 'Gå til medarbejderkonsollen')) : null,
    ),
  );
  (main.querySelector('h1') as HTMLElement).focus();
}

function route(event?: HashChangeEvent): void {
  if (me === null) return;
  // The skip link ("#main") moves focus, not the view.
  if (event !== undefined && location.hash !== '' && !location.hash.startsWith('#/')) return;
  stopView();
  if (!canEdit(me)) {
    showRefused(me);
    return;
  }
  const [path = '', search = ''] = location.hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter((part) => part !== '').map(decodeURIComponent);
  const parameters = new URLSearchParams(search);
  const [first, second, third, fourth] = parts;
  if (first === 'feedback') {
    renderFrame('feedback');
    cleanup = showFeedback();
  } else if (first === 'gaps') {
    renderFrame('gaps');
    cleanup = showContentGaps();
  } else if (first === 'pages' && second === 'detail' && parameters.get('url') !== null) {
    renderFrame('pages');
    cleanup = showPageDetail(parameters.get('url') as string);
  } else if (first === 'pages') {
    renderFrame('pages');
    cleanup = showPages();
  } else if (first === 'compare' && second !== undefined && third !== undefined) {
    renderFrame('evals');
    cleanup = showComparison(second, third);
  } else if (first === 'evals' && second !== undefined && third === 'results' && fourth !== undefined) {
    renderFrame('evals');
    cleanup = showResult(second, fourth);
  } else if (first === 'evals' && second !== undefined) {
    renderFrame('evals');
    cleanup = showRun(second);
  } else {
    renderFrame('evals');
    cleanup = showRuns();
  }
}

window.addEventListener('hashchange', (event) => route(event));
currentStaff().then(
  (staff) => {
    if (staff === null) showSignIn();
    else {
      me = staff;
      route();
    }
  },
  (failure: unknown) => showSignIn(failure instanceof Error ? failure.message : undefined),
);
