// Loader for hospital pages:
//   <script src="https://chat.example/widget.js" data-hospital="fjordby" data-lang="da" async></script>
// The API is called on the origin the script came from, so the same tag works on any hospital site.
import { HospitalHelpChat } from './chat-element.js';

const tagName = 'hospital-help-chat';

function ownScript(): HTMLScriptElement | null {
  // currentScript is null in some cases (e.g. when run from a module wrapper); the src suffix finds it then.
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  return document.querySelector<HTMLScriptElement>('script[src$="widget.js"]');
}

function mount(script: HTMLScriptElement | null): void {
  if (!customElements.get(tagName)) customElements.define(tagName, HospitalHelpChat);
  // A second copy of the script, or a hand-written <hospital-help-chat>, must not give two launchers.
  if (document.querySelector(tagName)) return;
  const chat = document.createElement(tagName);
  if (script?.dataset.hospital) chat.setAttribute('hospital', script.dataset.hospital);
  if (script?.dataset.lang) chat.setAttribute('language', script.dataset.lang);
  chat.setAttribute('api-base', script?.src ? new URL(script.src, document.baseURI).origin : location.origin);
  document.body.append(chat);
}

// Read while the script runs: document.currentScript is only set during this first execution.
const script = ownScript();
if (document.body) mount(script);
else document.addEventListener('DOMContentLoaded', () => mount(script), { once: true });
