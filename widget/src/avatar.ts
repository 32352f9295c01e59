// The talking avatar: an inline-SVG face with four states (idle, listening, thinking, speaking), a
// caption that shows the sentence being read with the spoken word marked, and "read aloud" through the
// browser's speechSynthesis. It is an extra channel only: the transcript stays, and it can be hidden.
import type { UiStrings } from './i18n.js';
import { el } from './render.js';
import type { Language, Message } from './types.js';

export type AvatarState = 'idle' | 'listening' | 'thinking' | 'speaking';

const storageKey = 'hhc-avatar';
const svgNs = 'http://www.w3.org/2000/svg';
const voiceTags: Record<Language, string> = { da: 'da-DK', en: 'en-GB', de: 'de-DE', ar: 'ar', uk: 'uk-UA' };

// Mouth shapes, chosen from the first vowel of the word being spoken; 'rest' between words.
const mouths = {
  rest: 'M24 42q8 5 16 0',
  a: 'M24 41q8 10 16 0q-8 2-16 0z',
  o: 'M28 41q4-4 8 0q0 7-4 7q-4 0-4-7z',
  e: 'M23 42q9 5 18 0q-9 1-18 0z',
} as const;
type Mouth = keyof typeof mouths;

export const avatarStyles = `
.avatar{display:flex;flex-wrap:wrap;align-items:center;gap:.2em .6em;padding:.4em 1em;border-bottom:1px solid var(--line);background:var(--soft)}
.avatar svg{flex:none;width:56px;height:56px}
.avatar .face{fill:#fff;stroke:var(--a);stroke-width:2.5}
.avatar .feature{fill:var(--fg)}
.avatar .mouth{fill:#fff;stroke:var(--fg);stroke-width:2.2;stroke-linecap:round;stroke-linejoin:round}
.avatar .eyes,.avatar .head{transform-box:fill-box;transform-origin:center}
.avatar .eyes{animation:hhc-blink 4s infinite}
.avatar .think,.avatar .ears{display:none;fill:var(--a)}
.avatar .ears{fill:none;stroke:var(--a);stroke-width:2;stroke-linecap:round}
.avatar[data-state=listening] .ears,.avatar[data-state=thinking] .think{display:inline}
.avatar[data-state=listening] .head{animation:hhc-nod 1.6s ease-in-out infinite}
.avatar[data-state=thinking] .eyes{transform:translate(3px,-3px);animation:none}
.avatar[data-state=thinking] .think circle{animation:hhc-dot 0.9s infinite alternate}
.avatar[data-state=thinking] .think circle:nth-child(2){animation-delay:.3s}
.avatar[data-state=thinking] .think circle:nth-child(3){animation-delay:.6s}
.avatar[data-state=speaking] .head{animation:hhc-bob 1.2s ease-in-out infinite}
.status{flex:1;min-width:0;margin:0;font-size:.92em;font-weight:600}
.speech{flex-basis:100%;display:flex;flex-wrap:wrap;align-items:center;gap:.4em .6em;margin:0}
.caption{flex:1 1 12em;color:var(--fg)}
.caption mark{background:#fff3b0;color:var(--fg);border-radius:3px;outline:1px solid #8a6d00}
.avatar-off .face-box,.avatar-off .status{display:none}
.switch{display:flex;margin-inline-start:auto;align-items:center;gap:.35em;margin:0;font-size:.9em;font-weight:600;cursor:pointer;min-height:44px}
.switch input{width:24px;height:24px;margin:0;accent-color:var(--a)}
.tools{margin-top:.4em}
.tools .btn,.speech .btn{min-height:36px;padding:.2em .8em;font-size:.9em}
@keyframes hhc-blink{0%,92%,100%{transform:scaleY(1)}95%{transform:scaleY(.1)}}
@keyframes hhc-nod{50%{transform:rotate(-4deg)}}
@keyframes hhc-bob{50%{transform:translateY(-1.5px)}}
@media (prefers-reduced-motion:reduce){
.avatar[data-state=speaking] .mouth{d:path('${mouths.a}')}
}
`;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, ...children: SVGElement[]): SVGElementTagNameMap[K] {
  const element = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.append(...children);
  return element;
}

const circle = (cx: number, cy: number, r: number, className = '') => svg('circle', { cx, cy, r, class: className });

function face(): { root: SVGSVGElement; mouth: SVGPathElement } {
  const mouth = svg('path', { class: 'mouth', d: mouths.rest });
  const root = svg(
    'svg',
    { viewBox: '0 0 64 64', 'aria-hidden': 'true', focusable: 'false' },
    svg('g', { class: 'ears' }, svg('path', { d: 'M5 26q-3 6 0 12M59 26q3 6 0 12' })),
    svg('g', { class: 'think' }, circle(50, 12, 2), circle(55, 7, 2.5), circle(60, 2.5, 2.5)),
    svg(
      'g',
      { class: 'head' },
      circle(32, 34, 24, 'face'),
      svg('g', { class: 'eyes' }, circle(24, 30, 3.2, 'feature'), circle(40, 30, 3.2, 'feature')),
      mouth,
    ),
  );
  return { root, mouth };
}

function mouthFor(word: string): Mouth {
  const vowel = /[aeiouyæøåäöüаеиоуіїєюяاوي]/i.exec(word)?.[0]?.toLowerCase();
  if (vowel === undefined) return 'rest';
  if ('ouøöуоюو'.includes(vowel)) return 'o';
  return 'eiyäüæеиіїєي'.includes(vowel) ? 'e' : 'a';
}

/** Sentences of the spoken text, each short enough for engines that stop long utterances early. */
function sentences(text: string): string[] {
  const spoken = text.replace(/\s*\[\d+\]/g, '').replace(/\s+/g, ' ').trim();
  return spoken.match(/[^.!?؟]+[.!?؟]*\s*/g)?.map((part) => part.trim()).filter(Boolean) ?? [];
}

/** The answer's own language: a local (offline) voice first. Undefined lets the browser choose from `lang`. */
export function pickVoice(voices: readonly SpeechSynthesisVoice[], language: Language): SpeechSynthesisVoice | undefined {
  const matching = voices.filter((voice) => voice.lang.toLowerCase().replace('_', '-').split('-')[0] === language);
  return matching.find((voice) => voice.localService) ?? matching[0];
}

function readSwitch(): boolean {
  try {
    return localStorage.getItem(storageKey) !== 'off';
  } catch {
    return true;
  }
}

export class Avatar {
  readonly element: HTMLElement;
  private readonly figure: HTMLElement;
  private readonly mouth: SVGPathElement;
  private readonly statusText: HTMLElement;
  private readonly caption: HTMLElement;
  private readonly speech: HTMLElement;
  private readonly stop: HTMLButtonElement;
  private readonly synth: SpeechSynthesis | undefined;
  private listening = false;
  private thinking = false;
  private reading: { button: HTMLButtonElement; generation: number } | null = null;
  private generation = 0;
  private timers: number[] = [];

  constructor(private readonly t: UiStrings) {
    this.synth = typeof speechSynthesis === 'object' && speechSynthesis !== null ? speechSynthesis : undefined;
    this.element = el('div', 'avatar');
    this.figure = el('div', 'face-box');
    const { root, mouth } = face();
    this.mouth = mouth;
    this.figure.append(root);
    this.statusText = el('p', 'status');
    // The sentence being read, a few words at a time, with the spoken word marked. Not a live region:
    // a screen reader user hears the speech itself, and the answer stays unchanged in the log.
    this.speech = el('p', 'speech');
    this.caption = el('span', 'caption');
    this.caption.dir = 'auto';
    this.stop = el('button', 'btn quiet', t.stopReading);
    this.stop.type = 'button';
    this.stop.addEventListener('click', () => this.cancel());
    this.speech.append(this.caption, this.stop);

    const toggle = el('label', 'switch');
    const box = el('input');
    box.type = 'checkbox';
    box.checked = readSwitch();
    box.addEventListener('change', () => {
      try {
        localStorage.setItem(storageKey, box.checked ? 'on' : 'off');
      } catch {
        // Remembered for this page only.
      }
      this.element.classList.toggle('avatar-off', !box.checked);
    });
    toggle.append(box, t.avatarToggle);
    this.element.classList.toggle('avatar-off', !box.checked);
    this.element.append(this.figure, this.statusText, toggle, this.speech);
    this.update();
  }

  get state(): AvatarState {
    if (this.reading) return 'speaking';
    if (this.thinking) return 'thinking';
    return this.listening ? 'listening' : 'idle';
  }

  setThinking(thinking: boolean): void {
    this.thinking = thinking;
    this.update();
  }

  setListening(listening: boolean): void {
    this.listening = listening;
    this.update();
  }

  /** Adds "read aloud" under an answer; nothing when the browser cannot speak. */
  attach(wrapper: HTMLElement, message: Message): void {
    if (!this.synth || message.role === 'user' || message.kind === 'question' || message.text.trim() === '') return;
    const button = el('button', 'btn quiet', this.t.readAloud);
    button.type = 'button';
    button.setAttribute('aria-pressed', 'false');
    button.addEventListener('click', () => {
      const same = this.reading?.button === button;
      this.cancel();
      if (!same) this.read(message, button);
    });
    const tools = el('div', 'tools');
    tools.append(button);
    (wrapper.querySelector('.bubble') ?? wrapper).append(tools);
  }

  cancel(): void {
    this.generation++;
    this.clearTimers();
    const reading = this.reading;
    this.reading = null;
    reading?.button.setAttribute('aria-pressed', 'false');
    this.synth?.cancel();
    this.caption.replaceChildren();
    this.setMouth('rest');
    this.update();
  }

  private read(message: Message, button: HTMLButtonElement): void {
    const synth = this.synth;
    if (!synth) return;
    const generation = ++this.generation;
    this.reading = { button, generation };
    button.setAttribute('aria-pressed', 'true');
    this.update();
    const parts = sentences(message.text);
    const voice = pickVoice(synth.getVoices(), message.language);
    const current = () => this.reading?.generation === generation;
    const speakPart = (index: number) => {
      if (!current()) return;
      const part = parts[index];
      if (part === undefined) {
        this.cancel();
        return;
      }
      this.showWord(part, -1, 0);
      const utterance = new SpeechSynthesisUtterance(part);
      utterance.lang = voice?.lang ?? voiceTags[message.language];
      if (voice) utterance.voice = voice;
      let boundaries = false;
      utterance.addEventListener('start', () => {
        // Some engines never send word boundaries: a timeline estimated from word lengths moves the mouth instead.
        this.timers.push(window.setTimeout(() => current() && !boundaries && this.timeline(part), 400));
      });
      utterance.addEventListener('boundary', (event) => {
        if (!current() || (event.name && event.name !== 'word')) return;
        if (!boundaries) this.clearTimers();
        boundaries = true;
        this.showWord(part, event.charIndex, event.charLength);
      });
      const next = () => {
        if (!current()) return;
        this.clearTimers();
        speakPart(index + 1);
      };
      utterance.addEventListener('end', next);
      utterance.addEventListener('error', next);
      synth.speak(utterance);
    };
    speakPart(0);
  }

  private timeline(part: string): void {
    let at = 0;
    for (const match of part.matchAll(/\S+/g)) {
      const index = match.index ?? 0;
      const word = match[0];
      this.timers.push(window.setTimeout(() => this.showWord(part, index, word.length), at));
      at += 120 + word.length * 55;
    }
  }

  /** @param index where the spoken word starts in the sentence, -1 before the first word. */
  private showWord(part: string, index: number, length: number | undefined): void {
    // Ten words at a time keep the caption to two or three lines on a phone.
    const starts = [...part.matchAll(/\S+/g)].map((match) => match.index ?? 0);
    const first = Math.floor(Math.max(0, starts.filter((start) => start <= index).length - 1) / 10) * 10;
    const from = starts[first] ?? 0;
    const to = starts[first + 10] ?? part.length;
    const at = Math.max(index, from);
    const wordLength = index < 0 ? 0 : length || /^\S*/.exec(part.slice(index))?.[0].length || 0;
    const word = part.slice(at, at + wordLength);
    const mark = el('mark', '', word);
    this.caption.replaceChildren(part.slice(from, at), ...(word ? [mark] : []), part.slice(at + wordLength, to));
    this.setMouth(mouthFor(word));
    // Back to rest shortly after: the mouth opens and closes once per word.
    this.timers.push(window.setTimeout(() => this.setMouth('rest'), Math.min(260, 80 + wordLength * 30)));
  }

  private setMouth(mouth: Mouth): void {
    this.mouth.setAttribute('d', mouths[mouth]);
    this.element.dataset['mouth'] = mouth;
  }

  private clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }

  private update(): void {
    const state = this.state;
    this.element.dataset['state'] = state;
    this.statusText.textContent = this.t.avatarStates[state];
    this.speech.hidden = state !== 'speaking';
  }
}
