import { describe, expect, it } from 'vitest';
import { pickVoice } from './avatar.js';

const voice = (name: string, lang: string, localService: boolean) => ({ name, lang, localService, default: false, voiceURI: name }) as SpeechSynthesisVoice;

describe('pickVoice', () => {
  const voices = [voice('Google US English', 'en-US', false), voice('Google dansk', 'da-DK', false), voice('Sara', 'da_DK', true), voice('Anna', 'de-DE', true)];

  it('reads a Danish answer with a Danish voice, preferring one that works offline', () => {
    expect(pickVoice(voices, 'da')?.name).toBe('Sara');
  });

  it("reads an answer in another language with that language's voice, not the Danish one", () => {
    expect(pickVoice(voices, 'en')?.name).toBe('Google US English');
    expect(pickVoice(voices, 'de')?.name).toBe('Anna');
  });

  it('picks no voice when none speaks the language, so the browser chooses one from the language tag', () => {
    expect(pickVoice(voices, 'uk')).toBeUndefined();
  });
});
