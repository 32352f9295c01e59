import { describe, it, expect } from 'vitest';
import { detectLanguage, parseAcceptLanguage, type SupportedLanguage } from './languages.js';

describe('parseAcceptLanguage', () => {
  it.each([
    ['da-DK,da;q=0.9,en-US;q=0.8,en;q=0.7', ['da', 'en']],
    ['en-GB,en;q=0.9,da;q=0.8,fr;q=0.7', ['en', 'da']],
    ['fr-FR,fr;q=0.9,de;q=0.5,ar;q=0.6', ['ar', 'de']],
    ['uk,ru;q=0.9,en;q=0.8', ['uk', 'en']],
    ['de;q=0, en', ['en']],
    ['*', []],
    ['', []],
    ['AR-sa', ['ar']],
    ['da;q=abc, en;q=0.5', ['en']],
    ['en;q=0.5, da', ['da', 'en']],
  ] as const)('%j → %j', (header, expected) => {
    expect(parseAcceptLanguage(header)).toEqual(expected);
  });

  it('ignores a missing header', () => {
    expect(parseAcceptLanguage(undefined)).toEqual([]);
  });
});

// Short questions are where franc guesses Nynorsk, Tiv, Low German, Persian or Bosnian (STACK-NOTES).
const SHORT: readonly (readonly [string, SupportedLanguage])[] = [
  ['Hvor kan jeg parkere ved OUH?', 'da'],
  ['Hvornår er min tid?', 'da'],
  ['hvor er indgang 3', 'da'],
  ['Hvad koster det?', 'da'],
  ['Where can I park?', 'en'],
  ['What time is it open?', 'en'],
  ['parking price', 'en'],
  ['Wo kann ich am Krankenhaus parken?', 'de'],
  ['Wann ist Besuchszeit?', 'de'],
  ['Ich bin krank', 'de'],
  ['أين الموقف؟', 'ar'],
  ['متى؟', 'ar'],
  ['Де парковка?', 'uk'],
  ['Коли?', 'uk'],
];

describe('detectLanguage with priors', () => {
  it.each(SHORT)('%s → %s whatever the widget says', (text, expected) => {
    for (const widget of ['da', 'en', 'de', 'ar', 'uk'] as const) {
      expect(detectLanguage(text, { widget, fallback: 'da' })).toBe(expected);
    }
  });

  it('uses the widget language when the text does not tell', () => {
    expect(detectLanguage('OUH?', { widget: 'en', fallback: 'da' })).toBe('en');
    expect(detectLanguage('ok', { widget: 'de', fallback: 'da' })).toBe('de');
    expect(detectLanguage('112', { widget: 'uk', fallback: 'da' })).toBe('uk');
  });

  it('uses Accept-Language when there is no widget language', () => {
    expect(detectLanguage('OUH?', { acceptLanguage: 'ar-SA,ar;q=0.9,en;q=0.8', fallback: 'da' })).toBe('ar');
    expect(detectLanguage('OUH?', { acceptLanguage: 'fr-FR,de;q=0.7', fallback: 'da' })).toBe('de');
    expect(detectLanguage('OUH?', { acceptLanguage: 'fr-FR', fallback: 'da' })).toBe('da');
  });

  it('prefers the widget over Accept-Language', () => {
    expect(detectLanguage('OUH?', { widget: 'en', acceptLanguage: 'de', fallback: 'da' })).toBe('en');
  });

  it('lets the priors break a tie between marker words of two languages', () => {
    // "kan" is Danish, "what" English: one marker each.
    expect(detectLanguage('kan what', { widget: 'en', fallback: 'da' })).toBe('en');
    expect(detectLanguage('kan what', { widget: 'da', fallback: 'en' })).toBe('da');
  });

  it('takes Accept-Language already parsed at the HTTP edge, in its order', () => {
    expect(detectLanguage('Café?', { acceptLanguages: ['en', 'da'], fallback: 'da' })).toBe('en');
    expect(detectLanguage('Café?', { acceptLanguages: ['de'], acceptLanguage: 'en', fallback: 'da' })).toBe('de');
    expect(detectLanguage('Café?', { widget: 'uk', acceptLanguages: ['en'], fallback: 'da' })).toBe('uk');
  });

  it('reads the short questions citizens type, whatever the priors', () => {
    const cases = [
      ['Er der en café?', 'da'],
      ['er der en kantine', 'da'],
      ['parking?', 'en'],
      ['Is there a café?', 'en'],
      ['Wo parken?', 'de'],
      ['Gibt es ein Café?', 'de'],
      ['Wo ist der Eingang?', 'de'],
    ] as const;
    for (const [text, expected] of cases) {
      for (const widget of ['da', 'en', 'de'] as const) expect(detectLanguage(text, { widget, acceptLanguages: [widget], fallback: 'da' }), `${text} (${widget})`).toBe(expected);
    }
  });

  it('does not take a Danish place name for a Danish question', () => {
    for (const widget of ['da', 'de', 'uk'] as const) {
      expect(detectLanguage('Which bus goes to Lyngå hospital?', { widget, fallback: 'da' }), widget).toBe('en');
      expect(detectLanguage('Where can I park in Havnekøbing?', { widget, fallback: 'da' }), widget).toBe('en');
      expect(detectLanguage('Wo ist die Notaufnahme in Havnekøbing?', { widget, fallback: 'da' }), widget).toBe('de');
    }
    // A Danish word with æ, ø or å that is not a name still tells.
    expect(detectLanguage('Børnehospitalet?', { widget: 'en', fallback: 'en' })).toBe('da');
    expect(detectLanguage('Hvor er Børnehospitalet?', { widget: 'en', fallback: 'en' })).toBe('da');
  });

  it('reads short English and German questions the function-word markers used to miss', () => {
    const cases = [
      ['Can I drive myself home after my knee arthroscopy?', 'en'],
      ['I want to kill myself', 'en'],
      ['visiting hours?', 'en'],
      ['interpreter?', 'en'],
      ['Er ist bewusstlos', 'de'],
      ['Er blutet sehr stark', 'de'],
      ['Parkplatz?', 'de'],
      ['Besuchszeiten?', 'de'],
      ['Öffnungszeiten?', 'de'],
      ['Dolmetscher?', 'de'],
    ] as const;
    for (const [text, expected] of cases) {
      for (const widget of ['da', 'en', 'de', 'uk'] as const) expect(detectLanguage(text, { widget, fallback: 'da' }), `${text} (${widget})`).toBe(expected);
    }
  });

  it('still reads Danish with "er" (German "he") and without æ, ø, å as Danish', () => {
    for (const widget of ['en', 'de'] as const) {
      expect(detectLanguage('Er der en café?', { widget, fallback: 'da' })).toBe('da');
      expect(detectLanguage('Hvor er indgang 3?', { widget, fallback: 'da' })).toBe('da');
      expect(detectLanguage('hvornar er besogstiden', { widget, fallback: 'da' })).toBe('da');
    }
  });

  it('leaves a word every language writes alike to the priors', () => {
    for (const text of ['Café?', 'wifi?', 'taxi?']) {
      expect(detectLanguage(text, { widget: 'de', fallback: 'da' }), text).toBe('de');
      expect(detectLanguage(text, { widget: 'da', fallback: 'da' }), text).toBe('da');
    }
    expect(detectLanguage('Де парковка?', { widget: 'da', fallback: 'da' })).toBe('uk');
    // Arabic or Cyrillic script around a word written in Latin letters.
    expect(detectLanguage('Чи є wifi?', { widget: 'da', fallback: 'da' })).toBe('uk');
    expect(detectLanguage('هل يوجد wifi؟', { widget: 'da', fallback: 'da' })).toBe('ar');
    expect(detectLanguage('Wo ist das Café Kajen?', { widget: 'uk', fallback: 'da' })).toBe('de');
    expect(detectLanguage('Wo parken?', { widget: 'en', fallback: 'da' })).toBe('de');
  });

  it('lets clear marker words outvote franc on a sentence that names a medicine', () => {
    expect(detectLanguage('how much paracetamol can I give my 3 year old', { widget: 'da', fallback: 'da' })).toBe('en');
    expect(detectLanguage('Hvor meget panodil må jeg give min søn på 4 år', { widget: 'en', fallback: 'da' })).toBe('da');
  });

  it('trusts longer text over the priors', () => {
    const english = 'Can my husband stay overnight with me after the operation, and where does he sleep?';
    const german = 'Darf mein Mann nach der Operation über Nacht bei mir bleiben, und wo schläft er dann?';
    expect(detectLanguage(english, { widget: 'da', acceptLanguage: 'da', fallback: 'da' })).toBe('en');
    expect(detectLanguage(german, { widget: 'da', fallback: 'da' })).toBe('de');
  });
});

describe('detectLanguage with a bare fallback (the original form)', () => {
  it('keeps its behaviour', () => {
    expect(detectLanguage('Wo kann ich parken?', 'da')).toBe('de');
    expect(detectLanguage('Hvor kan jeg parkere ved OUH?', 'en')).toBe('da');
    expect(detectLanguage('OUH?', 'en')).toBe('en');
    expect(detectLanguage('أين الموقف؟', 'da')).toBe('ar');
  });
});
