// Personal data redaction: CPR numbers, phone numbers and e-mail addresses are replaced by
// placeholders before a citizen's text reaches a model, a log or an evaluation record.
//
// Decisions (each has a test):
//   - CPR: ddmmyy-xxxx, ddmmyyxxxx and ddmmyy xxxx, only when ddmmyy is a real date, so a
//     10-digit order number such as 4512987654 stays. A 10-digit number that happens to start
//     with a valid date is redacted: we cannot tell it from a CPR number, and privacy wins.
//     No modulus-11 check: CPR numbers issued since 2007 do not all satisfy it.
//     Dotted dates with the four digits ("01.02.90-1234") are redacted too: that is how many
//     people write their CPR number; a plain date ("12.03.2026", "01.02.90") is not.
//   - Phones: Danish 8-digit numbers (first digit 2–9, as Danish subscriber numbers are) written
//     together or in groups separated by single spaces (70 11 07 07, 7011 0707, 70 201 201) or as
//     70-11-07-07, optionally after +45 or 0045; foreign numbers after +NN or 00NN. Dots never
//     separate phone digits, so times ("kl. 16.00–08.00"), dates ("12.03.2026") and prices stay;
//     short numbers (112, 1813, 114), years, room and building numbers are too short to match.
//   - Digits in Arabic-Indic or full-width form are recognised as digits, so a CPR number typed on
//     an Arabic keyboard is redacted as well.
//   - E-mail addresses, including non-Latin letters.

export type PersonalDataKind = 'cpr' | 'phone' | 'email';

export interface PersonalDataMatch {
  kind: PersonalDataKind;
  /** UTF-16 offsets into the original text, end exclusive. */
  start: number;
  end: number;
}

const PLACEHOLDER: Record<PersonalDataKind, string> = { cpr: '[CPR]', phone: '[TELEFON]', email: '[E-MAIL]' };
const PLACEHOLDERS = /\[(?:CPR|TELEFON|E-MAIL)\]/g;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const CPR = /(?<!\d)(?:(\d{2})(\d{2})(\d{2})(?:[ ]?|\s?[-–]\s?)|(\d{2})\.(\d{2})\.(\d{2})\s?[-–]\s?)(\d{4})(?!\d)/g;
const DANISH_SUBSCRIBER = String.raw`[2-9]\d{7}|[2-9]\d(?: \d{2}){3}|[2-9]\d(?:-\d{2}){3}|[2-9]\d{3} \d{4}|[2-9]\d \d{3} \d{3}|[2-9]\d{2} \d{2} \d{3}`;
const PHONE = new RegExp(
  String.raw`(?<![\d+])(?<!\d[ -])(?:(?:\+|00)45[ -]?)?(?:${DANISH_SUBSCRIBER})(?![\d])(?![ -]\d)` +
    // Foreign: +NN or 00NN, then 6–14 more digits in groups (spaces, hyphens, one pair of brackets).
    String.raw`|(?<![\d])(?:\+|00)(?!45)[1-9]\d{0,2}(?:[ -]?\(?\d{1,5}\)?){2,6}(?![\d])`,
  'g',
);

/** Replace Arabic-Indic, extended Arabic-Indic and full-width digits by ASCII, keeping every offset. */
function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9\uFF10-\uFF19]/g, (ch) => {
    const code = ch.charCodeAt(0);
    const base = code >= 0xff10 ? 0xff10 : code >= 0x06f0 ? 0x06f0 : 0x0660;
    return String(code - base);
  });
}

function isCalendarDate(dd: number, mm: number, yy: number): boolean {
  if (mm < 1 || mm > 12 || dd < 1) return false;
  // The century is not in the number; a year divisible by four may have 29 February.
  const days = [31, yy % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mm - 1] as number;
  return dd <= days;
}

function digitCount(s: string): number {
  return s.replace(/\D/g, '').length;
}

/**
 * Where personal data sits in `text`, without the data itself: safe to count and log.
 * @example findPersonalData('Ring 70 11 07 07') // [{ kind: 'phone', start: 5, end: 16 }]
 */
export function findPersonalData(text: string): PersonalDataMatch[] {
  const source = asciiDigits(typeof text === 'string' ? text : '');
  const found: PersonalDataMatch[] = [];
  const overlaps = (start: number, end: number): boolean => found.some((m) => start < m.end && m.start < end);

  for (const m of source.matchAll(EMAIL)) found.push({ kind: 'email', start: m.index, end: m.index + m[0].length });
  for (const m of source.matchAll(CPR)) {
    const [dd, mm, yy] = (m[1] !== undefined ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]]).map(Number) as [number, number, number];
    const start = m.index;
    const end = start + m[0].length;
    if (isCalendarDate(dd, mm, yy) && !overlaps(start, end)) found.push({ kind: 'cpr', start, end });
  }
  for (const m of source.matchAll(PHONE)) {
    const value = m[0].replace(/[ -]+$/, '');
    const start = m.index;
    const end = start + value.length;
    const digits = digitCount(value);
    const foreign = /^(?:\+|00)(?!45)/.test(value);
    if (foreign && (digits < 8 || digits > 15)) continue;
    if (!overlaps(start, end)) found.push({ kind: 'phone', start, end });
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * The text with CPR numbers, phone numbers and e-mail addresses replaced by [CPR], [TELEFON], [E-MAIL].
 * @example redactPersonalData('CPR 010190-1234, tlf. +45 12 34 56 78') // 'CPR [CPR], tlf. [TELEFON]'
 */
export function redactPersonalData(text: string): string {
  const input = typeof text === 'string' ? text : '';
  let out = '';
  let at = 0;
  for (const m of findPersonalData(input)) {
    out += input.slice(at, m.start) + PLACEHOLDER[m.kind];
    at = m.end;
  }
  return out + input.slice(at);
}

/**
 * Redacted text without its placeholders, for analysis that would read "[TELEFON]" as a topic
 * (retrieval, language detection). Never undoes a redaction.
 * @example withoutPlaceholders(redactPersonalData('Mit CPR er 010190-1234, hvor parkerer jeg?')) // 'Mit CPR er , hvor parkerer jeg?'
 */
export function withoutPlaceholders(redacted: string): string {
  return redacted.replace(LABELLED_PLACEHOLDER, '').replace(PLACEHOLDERS, '');
}

// "mit CPR-nummer er [CPR]", "my phone is [TELEFON]", "E-Mail: [E-MAIL]": the label goes with the
// value, or "cpr" and "telefon" would count as what the question is about.
const LABELLED_PLACEHOLDER = new RegExp(
  String.raw`(?<!\p{L})(?:(?:mit|min|mine|my|mein|meine)\s+)?` +
    String.raw`(?:cpr(?:[- ]?(?:nr\.?|nummer|number|nummeret))?|personnummer|personal number|tlf\.?|telefon(?:nummer|nummeret)?|mobil(?:nummer|nummeret)?|phone(?: number)?|mobile(?: number)?|number|nummer|nr\.?|e-?mail(?:adresse|-adresse| address)?|mail)` +
    String.raw`\s*(?:er|is|ist|lautet|:)?\s*:?\s*(?:\[(?:CPR|TELEFON|E-MAIL)\])`,
  'giu',
);

/** How many of each kind of personal data a text holds: what a log line may say about it. */
export function countPersonalData(text: string): Partial<Record<PersonalDataKind, number>> {
  const counts: Partial<Record<PersonalDataKind, number>> = {};
  for (const match of findPersonalData(text)) counts[match.kind] = (counts[match.kind] ?? 0) + 1;
  return counts;
}
