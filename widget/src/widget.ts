// The launcher (widget.js) for hospital pages:
//   <script src="https://chat.example/widget.js" data-hospital="fjordby" data-lang="da" async></script>
// It renders only the "Spørg os" button and defines window.HospitalHelpChat. The chat itself
// (chat.js, next to this script on the same origin) is loaded when the citizen opens it, or when the
// page calls HospitalHelpChat.open(); calls made before then are queued and applied in order.
import { checkHospital, checkLanguage, launcherLabels, pickLanguage, tagName, type ChatControls } from './embed.js';
import { launcherStyles } from './launcher-styles.js';
import type { Language } from './types.js';

export interface HospitalHelpChatApi {
  open(): void;
  close(): void;
  setLanguage(language: string): void;
  setHospital(hospital: string): void;
}

declare global {
  interface Window {
    HospitalHelpChat?: HospitalHelpChatApi;
  }
}

type Call = (chat: ChatControls) => void;

function ownScript(): HTMLScriptElement | null {
  // currentScript is null in some cases (e.g. when run from a module wrapper); the src suffix finds it then.
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  return document.querySelector<HTMLScriptElement>('script[src$="widget.js"]');
}

function install(script: HTMLScriptElement | null): void {
  const base = script?.src ? new URL(script.src, document.baseURI) : new URL('/widget.js', location.href);
  const chatUrl = new URL('chat.js', base).href;
  const host = document.createElement(tagName);
  if (script?.dataset.hospital) host.setAttribute('hospital', script.dataset.hospital);
  if (script?.dataset.lang) host.setAttribute('language', script.dataset.lang);
  host.setAttribute('api-base', base.origin);

  let language: Language = pickLanguage(script?.dataset.lang, [...(navigator.languages || []), navigator.language]);
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = launcherStyles;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'btn launcher';
  button.setAttribute('aria-haspopup', 'dialog');
  button.setAttribute('aria-expanded', 'false');
  const label = () => {
    button.textContent = launcherLabels[language];
    button.lang = language;
    button.dir = language === 'ar' ? 'rtl' : 'ltr';
  };
  label();
  root.append(style, button);

  // Until chat.js has upgraded the element, calls wait here.
  let queue: Call[] | null = [];
  let loading: Promise<void> | null = null;
  const load = (): Promise<void> =>
    (loading ??= new Promise<void>((resolve, reject) => {
      const tag = document.createElement('script');
      tag.src = chatUrl;
      tag.async = true;
      if (script?.crossOrigin) tag.crossOrigin = script.crossOrigin;
      tag.onload = () => resolve();
      tag.onerror = () => {
        tag.remove();
        loading = null;
        button.removeAttribute('aria-busy');
        reject(new Error(`HospitalHelpChat: could not load ${chatUrl}`));
      };
      button.setAttribute('aria-busy', 'true');
      document.head.append(tag);
    }).then(() => {
      const chat = host as unknown as ChatControls;
      const pending = queue ?? [];
      queue = null;
      for (const call of pending) call(chat);
    }));
  const run = (call: Call, needsChat: boolean): void => {
    if (queue === null) call(host as unknown as ChatControls);
    else {
      queue.push(call);
      if (needsChat) load().catch(() => undefined);
    }
  };

  button.addEventListener('click', () => api.open());

  const api: HospitalHelpChatApi = {
    open: () => run((chat) => chat.open(), true),
    close: () => run((chat) => chat.close(), false),
    setLanguage(value) {
      const checked = checkLanguage(value);
      if (queue !== null) {
        language = checked;
        host.setAttribute('language', checked);
        label();
      }
      run((chat) => chat.setLanguage(checked), false);
    },
    setHospital(value) {
      const checked = checkHospital(value);
      if (queue !== null) host.setAttribute('hospital', checked);
      run((chat) => chat.setHospital(checked), false);
    },
  };
  window.HospitalHelpChat = api;
  const mount = () => document.body.append(host);
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
}

// A second copy of the tag, or a page that already has the chat, must not give two launchers.
if (!window.HospitalHelpChat && !document.querySelector(tagName)) install(ownScript());
