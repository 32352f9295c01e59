// The sign-in form and sign-out both consoles share: the same account, cookie and messages; each
// console says what it is for and what happens once someone is signed in.
import { api, ApiError, type Staff } from './api.js';
import { h } from './dom.js';
import { signInError } from './texts.js';
import { errorBox, heading, main, showError, top } from './ui.js';

export interface SignInPage {
  /** The console's name in the tab title, e.g. "Hospitalschat for medarbejdere". */
  consoleName: string;
  /** One sentence under the heading: who the console is for. */
  intro: string;
  /** Why the form is shown again ("Du er logget ud."), read out as a status. */
  notice?: string;
  onSignedIn: (staff: Staff) => void;
}

/** Replaces the page with the sign-in form, the cursor in "Brugernavn". */
export function showSignInForm(page: SignInPage): void {
  top.replaceChildren();
  document.title = `Log ind – ${page.consoleName}`;
  const error = errorBox();
  error.id = 'signin-error';
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, spellcheck: 'false', autocapitalize: 'none' });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit' }, 'Log ind');
  const form = h(
    'form',
    { class: 'signin', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'username' }, 'Brugernavn'), username),
    h('div', { class: 'field' }, h('label', { for: 'password' }, 'Adgangskode'), password),
    submit,
  );
  const markInvalid = (input: HTMLInputElement, invalid: boolean) => {
    if (invalid) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', 'signin-error');
    } else {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const missing = [username.value.trim() === '' ? 'dit brugernavn' : null, password.value === '' ? 'din adgangskode' : null].filter((item) => item !== null);
    markInvalid(username, username.value.trim() === '');
    markInvalid(password, password.value === '');
    if (missing.length > 0) {
      showError(error, `Skriv ${missing.join(' og ')}.`);
      return;
    }
    submit.disabled = true;
    api.login(username.value.trim(), password.value).then(
      ({ staff }) => {
        error.hidden = true;
        page.onSignedIn(staff);
      },
      (failure: unknown) => {
        submit.disabled = false;
        password.value = '';
        const status = failure instanceof ApiError ? failure.status : 0;
        if (status === 401) {
          markInvalid(username, true);
          markInvalid(password, true);
        }
        showError(error, status === 0 && failure instanceof Error ? failure.message : signInError(status, failure instanceof ApiError ? failure.retryAfterSeconds : null));
      },
    );
  });
  main.replaceChildren(h('div', { class: 'narrow' }, heading('Log ind'), h('p', {}, page.intro), page.notice === undefined ? null : h('p', { class: 'notice', role: 'status' }, page.notice), error, form));
  username.focus();
}

/** Ends the sign-in on the server; signed out locally either way (the session ends by its idle limit). */
export async function signOut(): Promise<void> {
  try {
    await api.logout();
  } catch {
    // nothing more to do: the console shows the form again
  }
}

/** Who is signed in, or null (a 401); other failures are thrown. */
export async function currentStaff(): Promise<Staff | null> {
  try {
    return await api.me();
  } catch (failure) {
    if (failure instanceof ApiError && failure.status === 401) return null;
    throw failure;
  }
}

/** The editor console is for editors and admins; the staff console for staff. */
export const canEdit = (staff: Staff) => staff.roles.includes('editor') || staff.roles.includes('admin');
export const canAnswerChats = (staff: Staff) => staff.roles.includes('staff');
