import { describe, expect, it } from 'vitest';
import { findRecognition, VoiceInput, type RecognitionLike, type RecognitionResultEvent, type VoiceProblem } from './voice.js';
import type { Language } from './types.js';

/** Stands in for the browser's recognition: the test says what was heard and when it ends. */
class FakeRecognition implements RecognitionLike {
  static last: FakeRecognition | undefined;
  lang = '';
  interimResults = false;
  continuous = true;
  onresult: ((event: RecognitionResultEvent) => void) | null = null;
  onerror: ((event: { error: string }) => void) | null = null;
  onend: (() => void) | null = null;
  started = false;
  stopped = false;
  aborted = false;
  constructor() {
    FakeRecognition.last = this;
  }
  start() {
    this.started = true;
  }
  stop() {
    this.stopped = true;
  }
  abort() {
    this.aborted = true;
  }
  hear(...parts: [string, boolean][]) {
    this.onresult?.({ results: parts.map(([transcript, isFinal]) => Object.assign([{ transcript }], { isFinal })) });
  }
  fail(error: string) {
    this.onerror?.({ error });
  }
  end() {
    this.onend?.();
  }
}

function setUp(language: Language = 'da') {
  const seen = { text: [] as string[], listening: [] as boolean[], ended: [] as { problem?: VoiceProblem; heard: string }[] };
  const voice = new VoiceInput(FakeRecognition, language, {
    setText: (text) => seen.text.push(text),
    setListening: (listening) => seen.listening.push(listening),
    ended: (result) => seen.ended.push(result),
  });
  return { voice, seen, recognition: () => FakeRecognition.last as FakeRecognition };
}

describe('VoiceInput', () => {
  it('listens in the widget language, shows what it hears as it comes, and leaves the final text for the citizen to send', () => {
    const { voice, seen, recognition } = setUp('da');
    voice.start('');
    expect(recognition()).toMatchObject({ lang: 'da-DK', interimResults: true, started: true });
    expect(voice.listening).toBe(true);
    expect(seen.listening).toEqual([true]);
    recognition().hear(['hvor kan', false]);
    recognition().hear(['hvor kan jeg parkere', true]);
    recognition().end();
    expect(seen.text).toEqual(['hvor kan', 'hvor kan jeg parkere']);
    expect(seen.listening).toEqual([true, false]);
    expect(seen.ended).toEqual([{ heard: 'hvor kan jeg parkere' }]);
    expect(voice.listening).toBe(false);
  });

  it('keeps what was typed before and adds what is heard after it', () => {
    const { voice, seen, recognition } = setUp('en');
    voice.start('Hello. ');
    expect(recognition().lang).toBe('en-GB');
    recognition().hear(['where do I ', true], ['park', false]);
    expect(seen.text).toEqual(['Hello. where do I park']);
  });

  it('uses the recognition language of each widget language', () => {
    const tags = (['da', 'en', 'de', 'ar', 'uk'] as const).map((language) => {
      setUp(language).voice.start('');
      return FakeRecognition.last?.lang;
    });
    expect(tags).toEqual(['da-DK', 'en-GB', 'de-DE', 'ar', 'uk-UA']);
  });

  it('says when the microphone is not allowed or nothing was heard', () => {
    for (const [error, problem] of [
      ['not-allowed', 'notAllowed'],
      ['service-not-allowed', 'notAllowed'],
      ['no-speech', 'noSpeech'],
      ['network', 'failed'],
    ] as const) {
      const { voice, seen, recognition } = setUp();
      voice.start('');
      recognition().fail(error);
      recognition().end();
      expect(seen.ended).toEqual([{ problem, heard: '' }]);
    }
  });

  it('stops on the second press, keeping the words heard until then', () => {
    const { voice, seen, recognition } = setUp();
    voice.toggle('');
    recognition().hear(['parkering', false]);
    voice.toggle('parkering');
    expect(recognition().stopped).toBe(true);
    recognition().hear(['parkering', true]);
    recognition().fail('aborted');
    recognition().end();
    expect(seen.ended).toEqual([{ heard: 'parkering' }]);
  });

  it('aborts quietly when the chat closes: no more text, no message', () => {
    const { voice, seen, recognition } = setUp();
    voice.start('typed');
    const running = recognition();
    voice.abort();
    expect(running.aborted).toBe(true);
    running.hear(['late words', true]);
    running.end();
    expect(seen.text).toEqual([]);
    expect(seen.ended).toEqual([]);
    expect(seen.listening).toEqual([true, false]);
  });

  it('reports a failure when the browser refuses to start', () => {
    class Refusing extends FakeRecognition {
      override start() {
        throw new Error('InvalidStateError');
      }
    }
    const seen: { problem?: VoiceProblem; heard: string }[] = [];
    const voice = new VoiceInput(Refusing, 'da', { setText: () => undefined, setListening: () => undefined, ended: (result) => seen.push(result) });
    voice.start('');
    expect(seen).toEqual([{ problem: 'failed', heard: '' }]);
    expect(voice.listening).toBe(false);
  });

  it('finds the standard or the webkit-prefixed recognition, and nothing where there is none', () => {
    expect(findRecognition({ webkitSpeechRecognition: FakeRecognition })).toBe(FakeRecognition);
    expect(findRecognition({ SpeechRecognition: FakeRecognition, webkitSpeechRecognition: class {} })).toBe(FakeRecognition);
    expect(findRecognition({})).toBeUndefined();
  });
});
