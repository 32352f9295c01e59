import { describe, it, expect } from 'vitest';
import { countPersonalData, findPersonalData, redactPersonalData, withoutPlaceholders } from './redact.js';

describe('redactPersonalData: CPR numbers', () => {
  it.each([
    ['Mit CPR er 010190-1234', 'Mit CPR er [CPR]'],
    ['cpr 0101901234 tak', 'cpr [CPR] tak'],
    ['CPR: 010190 1234.', 'CPR: [CPR].'],
    ['CPR-nr.:311299-4321', 'CPR-nr.:[CPR]'],
    ['Født 290296-1234', 'Født [CPR]'],
    ['010190 – 1234', '[CPR]'],
    // Decision: a dotted birth date with the four digits is how many people write a CPR number.
    ['mit cpr er 01.02.90-1234', 'mit cpr er [CPR]'],
    ['رقمي الشخصي 010190-1234 من فضلك', 'رقمي الشخصي [CPR] من فضلك'],
    // Typed on an Arabic keyboard.
    ['رقمي ٠١٠١٩٠-١٢٣٤', 'رقمي [CPR]'],
    ['Min søns cpr (150315-5678) og mit (020280-1122)', 'Min søns cpr ([CPR]) og mit ([CPR])'],
    ['Мій CPR 1203851234, де моя запис?', 'Мій CPR [CPR], де моя запис?'],
  ])('%s', (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  it.each([
    'Ordrenummer 4512987654',
    'Ordrenummer 1234567890',
    'Reference 310290-1234 er ikke en dato', // 31 February
    'Henvisning 001190-1234', // day 00
    'Kontonummer 12345678901234',
  ])('leaves a number that is not a CPR number: %s', (input) => {
    expect(findPersonalData(input).filter((m) => m.kind === 'cpr')).toEqual([]);
  });

  it('does not redact 29 February in a year that cannot be a leap year', () => {
    expect(redactPersonalData('290295-1234')).toBe('290295-1234');
  });
});

describe('redactPersonalData: phone numbers', () => {
  it.each([
    ['Ring til mig på 20 30 40 50', 'Ring til mig på [TELEFON]'],
    ['mit nr er 20304050', 'mit nr er [TELEFON]'],
    ['tlf 2030 4050', 'tlf [TELEFON]'],
    ['+45 20 30 40 50', '[TELEFON]'],
    ['+4520304050', '[TELEFON]'],
    ['0045 20304050', '[TELEFON]'],
    ['ring 70 201 201', 'ring [TELEFON]'],
    ['ring 20-30-40-50!', 'ring [TELEFON]!'],
    ['Meine Nummer: +49 30 1234567', 'Meine Nummer: [TELEFON]'],
    ['Мій номер +380 67 123 4567', 'Мій номер [TELEFON]'],
    ['call me on +44 20 7946 0958 please', 'call me on [TELEFON] please'],
    ['0049 171 2345678', '[TELEFON]'],
    ['رقمي ٢٠٣٠٤٠٥٠', 'رقمي [TELEFON]'],
  ])('%s', (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });
});

describe('redactPersonalData: e-mail addresses', () => {
  it.each([
    ['skriv til jens.hansen@example.dk', 'skriv til [E-MAIL]'],
    ['Mail: søren+chat@post.tele.dk.', 'Mail: [E-MAIL].'],
    ['اكتب لي على ahmad_99@mail.com', 'اكتب لي على [E-MAIL]'],
  ])('%s', (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });
});

describe('redactPersonalData: leaves ordinary hospital text alone', () => {
  it.each([
    'Lægevagten har åbent kl. 16.00–08.00 på hverdage',
    'Lægevagten har åbent kl. 16:00-08:00',
    'Min tid er den 12.03.2026 kl. 9.30',
    'Min tid er 12-03-2026',
    'Født 01.02.90, skal jeg have mit sundhedskort med?',
    'Parkering koster 1.250 kr. om måneden eller 25,50 kr. i timen',
    'Ring 112 ved livsfare, eller 1813 i Region Hovedstaden',
    'Det skete i 2019 og igen i 2024',
    'Det var fra 2019-2024',
    'Bygning 12, lokale 3.14, indgang 7, 2. sal',
    'Bus 110 og 111 kører hver 20. minut',
    'Postnummer 5000 Odense C',
    'Blodtrykket var 150/95 og pulsen 88',
    'Jeg tager 500 mg to gange dagligt',
  ])('%s', (input) => {
    expect(redactPersonalData(input)).toBe(input);
    expect(findPersonalData(input)).toEqual([]);
  });
});

describe('findPersonalData', () => {
  it('reports kinds and spans in text order, for counting in logs', () => {
    const text = 'Jeg hedder Ida, cpr 010190-1234, tlf. 20 30 40 50, ida@example.dk';
    const found = findPersonalData(text);
    expect(found.map((m) => m.kind)).toEqual(['cpr', 'phone', 'email']);
    expect(found.map((m) => text.slice(m.start, m.end))).toEqual(['010190-1234', '20 30 40 50', 'ida@example.dk']);
  });

  it('does not let a phone pattern take part of a CPR number or an e-mail address', () => {
    expect(findPersonalData('0101902030').map((m) => m.kind)).toEqual(['cpr']);
    expect(findPersonalData('20304050@example.dk').map((m) => m.kind)).toEqual(['email']);
  });
});

describe('withoutPlaceholders and countPersonalData', () => {
  it('leaves the question without the redacted values or their labels, for retrieval', () => {
    expect(withoutPlaceholders(redactPersonalData('Mit CPR er 010190-1234, hvor kan jeg parkere?'))).toBe(', hvor kan jeg parkere?');
    expect(withoutPlaceholders(redactPersonalData('My phone number is +45 20 30 40 50, where do I park?'))).toBe(', where do I park?');
    expect(withoutPlaceholders(redactPersonalData('E-mail: a@b.dk hvornår er besøgstid'))).toBe(' hvornår er besøgstid');
  });

  it('keeps a question about a phone number that holds none', () => {
    expect(withoutPlaceholders(redactPersonalData('Hvad er telefonnummeret til lægevagten?'))).toBe('Hvad er telefonnummeret til lægevagten?');
  });

  it('counts each kind without the values', () => {
    expect(countPersonalData('CPR 010190-1234 og 020290-2345, tlf. 20 30 40 50, mail a@b.dk')).toEqual({ cpr: 2, phone: 1, email: 1 });
    expect(countPersonalData('Hvor kan jeg parkere?')).toEqual({});
  });
});
