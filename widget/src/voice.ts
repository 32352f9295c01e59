// Speaking the question instead of typing it, with the browser's own speech recognition
// (SpeechRecognition, webkitSpeechRecognition in Chrome, Edge and Safari). What is heard is written
// into the question field as it comes; the citizen checks it and sends it: nothing is sent by voice.
import type { UiStrings } from './i18n.js';
import { el } from './render.js';
import type { Language } from './types.js';

/** The part of the Web Speech API's SpeechRecognition the widget uses. */
export interface RecognitionLike {
  lang: string;
  interimResults: boolean;
  continuous: boolean;
  onresult: ((event: RecognitionResultEvent) => void) | null;
  onerror: ((event: { error: string }) => void) | null;
  onend: (() => void) | null;
  start(): void;
  stop(): void;
  abort(): void;
}

export interface RecognitionResultEvent {
  results: ArrayLike<ArrayLike<{ transcript: string }> & { isFinal: boolean }>;
}

export type RecognitionConstructor = new () => RecognitionLike;

/** The browser's speech recognition, or undefined where there is none (then no microphone button is shown). */
export function findRecognition(scope: object = globalThis): RecognitionConstructor | undefined {
  const candidate = (scope as { SpeechRecognition?: unknown; webkitSpeechRecognition?: unknown }).SpeechRecognition ??
    (scope as { webkitSpeechRecognition?: unknown }).webkitSpeechRecognition;
  return typeof candidate === 'function' ? (candidate as RecognitionConstructor) : undefined;
}

/** Recognition language per widget language; Arabic has no one country, so the plain tag. */
export const recognitionLanguages: Record<Language, string> = { da: 'da-DK', en: 'en-GB', de: 'de-DE', ar: 'ar', uk: 'uk-UA' };

export type VoiceProblem = 'notAllowed' | 'noSpeech' | 'failed';

export interface VoiceView {
  /** The question field's new text: what was typed before, then what was heard so far. */
  setText(text: string): void;
  setListening(listening: boolean): void;
  /** Recording is over: with a problem to explain, or with what was heard, for the citizen to check. */
  ended(result: { problem?: VoiceProblem; heard: string }): void;
}

function problemOf(error: string): VoiceProblem | undefined {
  if (error === 'not-allowed' || error === 'service-not-allowed') return 'notAllowed';
  if (error === 'no-speech') return 'noSpeech';
  // The citizen stopped it, or the widget did (closed, language changed): nothing went wrong.
  if (error === 'aborted') return undefined;
  return 'failed';
}

export class VoiceInput {
  private recognition: RecognitionLike | null = null;

  constructor(
    private readonly Recognition: RecognitionConstructor,
    private readonly language: Language,
    private readonly view: VoiceView,
  ) {}

  get listening(): boolean {
    return this.recognition !== null;
  }

  /** Starts listening, keeping `typed` (what is in the field now) in front of what is heard. */
  start(typed: string): void {
    if (this.recognition !== null) return;
    const recognition = new this.Recognition();
    recognition.lang = recognitionLanguages[this.language];
    recognition.interimResults = true;
    // One question at a time: the browser stops by itself after a pause.
    recognition.continuous = false;
    const before = typed.replace(/\s+$/, '');
    let heard = '';
    let problem: VoiceProblem | undefined;
    recognition.onresult = (event) => {
      heard = Array.from(event.results, (result) => result[0]?.transcript ?? '')
        .join('')
        .trim();
      this.view.setText(before && heard ? `${before} ${heard}` : before || heard);
    };
    recognition.onerror = (event) => {
      problem ??= problemOf(event.error);
    };
    recognition.onend = () => {
      if (this.recognition !== recognition) return;
      this.recognition = null;
      this.view.setListening(false);
      this.view.ended(problem === undefined ? { heard } : { problem, heard });
    };
    this.recognition = recognition;
    try {
      recognition.start();
    } catch {
      // Already started elsewhere, or refused before it began.
      this.recognition = null;
      this.view.ended({ problem: 'failed', heard: '' });
      return;
    }
    this.view.setListening(true);
  }

  /** Stops listening; what was said so far still arrives as a final result before the end. */
  stop(): void {
    this.recognition?.stop();
  }

  /** Stops at once without a word to the citizen (the chat was closed or redrawn). */
  abort(): void {
    const recognition = this.recognition;
    if (recognition === null) return;
    this.recognition = null;
    recognition.onresult = null;
    recognition.onend = null;
    recognition.abort();
    this.view.setListening(false);
  }

  toggle(typed: string): void {
    if (this.listening) this.stop();
    else this.start(typed);
  }
}

export interface VoiceControl {
  /** The microphone button (aria-pressed while recording), to put beside the question field. */
  button: HTMLButtonElement;
  /** One line under the field: "listening", "check the text", or what went wrong. */
  status: HTMLElement;
  readonly listening: boolean;
  /** Stops recording without a word and clears the status line (chat closed, redrawn or cleared). */
  abort(): void;
}

/** The microphone button wired to the question field; undefined where the browser cannot recognise speech. */
export function renderVoiceControl(
  t: UiStrings,
  language: Language,
  field: { get(): string; set(text: string): void; focus(): void; listening(): void },
  Recognition = findRecognition(window),
): VoiceControl | undefined {
  if (Recognition === undefined) return undefined;
  const button = el('button', 'btn quiet mic');
  button.type = 'button';
  button.append(micIcon());
  button.setAttribute('aria-label', t.voice.button);
  button.title = t.voice.button;
  button.setAttribute('aria-pressed', 'false');
  const status = el('p', 'hint voice-status');
  status.setAttribute('aria-live', 'polite');
  const input = new VoiceInput(Recognition, language, {
    setText: (text) => field.set(text),
    setListening: (listening) => {
      button.setAttribute('aria-pressed', String(listening));
      status.classList.remove('voice-problem');
      status.textContent = listening ? t.voice.listening : '';
      field.listening();
    },
    ended: ({ problem, heard }) => {
      status.classList.toggle('voice-problem', problem !== undefined);
      status.textContent = problem ? t.voice[problem] : heard ? t.voice.check : '';
      // Never sent by voice: the citizen reads what was heard and sends it.
      if (!problem && heard) field.focus();
    },
  });
  button.addEventListener('click', () => input.toggle(field.get()));
  return {
    button,
    status,
    get listening() {
      return input.listening;
    },
    abort() {
      input.abort();
      status.textContent = '';
    },
  };
}

// A microphone (Material "mic"), built without innerHTML for pages that enforce Trusted Types.
function micIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const path = document.createElementNS(ns, 'path');
  const attributes = { viewBox: '0 0 24 24', width: '22', height: '22', 'aria-hidden': 'true', focusable: 'false' };
  for (const [name, value] of Object.entries(attributes)) svg.setAttribute(name, value);
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', 'M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5.3-3a5.3 5.3 0 0 1-10.6 0H5c0 3.4 2.7 6.2 6 6.7V21h2v-3.3c3.3-.5 6-3.3 6-6.7h-1.7z');
  svg.append(path);
  return svg;
}
