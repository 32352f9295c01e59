// Splits server text into plain runs, citation markers and phone numbers. The DOM is built from
// these segments with textContent only, so server text can never become markup.

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'cite'; n: number; text: string }
  | { kind: 'phone'; text: string; href: string };

const citeMarker = String.raw`\[(\d{1,3})\]`;
// Danish numbers are eight digits, often grouped in pairs or fours ("70 11 07 07", "7011 0707"),
// maybe with +45. Short service numbers all start with 1: 112, 114, 1813, 116 111. Digits, "/" or
// "-digit" right before or after (a longer number, a CPR number, a date) rule a match out.
const phoneNumber = String.raw`(?<![\d+/-])(?:(?:\+45[ \u00a0-]?)?(?:\d{2}[ \u00a0-]?){3}\d{2}|1\d{2}(?:[ \u00a0]?\d{3})?|1\d{3})(?![\d/]|-\d)`;

const citesOnly = new RegExp(citeMarker, 'g');
const citesAndPhones = new RegExp(`${citeMarker}|(${phoneNumber})`, 'g');

/** A tel: address that also works from a foreign SIM: eight-digit numbers get +45. */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  return `tel:${digits.length === 8 && !digits.startsWith('+') ? `+45${digits}` : digits}`;
}

/**
 * @param citations the citation numbers the message really has; other `[n]` stay plain text.
 * @param phones whether phone-number-like sequences become tel: links.
 * @example segmentText('Ring 112 [1]', new Set([1]), true)
 * // [{kind:'text',text:'Ring '},{kind:'phone',text:'112',href:'tel:112'},{kind:'text',text:' '},{kind:'cite',n:1,text:'[1]'}]
 */
export function segmentText(text: string, citations: ReadonlySet<number>, phones: boolean): Segment[] {
  const pattern = phones ? citesAndPhones : citesOnly;
  pattern.lastIndex = 0;
  const segments: Segment[] = [];
  let plainStart = 0;
  const pushPlain = (end: number) => {
    if (end > plainStart) segments.push({ kind: 'text', text: text.slice(plainStart, end) });
  };
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const [whole, citeNumber, phone] = match;
    if (citeNumber !== undefined) {
      const n = Number(citeNumber);
      if (!citations.has(n)) continue;
      pushPlain(match.index);
      segments.push({ kind: 'cite', n, text: whole });
    } else if (phone !== undefined) {
      pushPlain(match.index);
      segments.push({ kind: 'phone', text: phone, href: telHref(phone) });
    }
    plainStart = match.index + whole.length;
  }
  pushPlain(text.length);
  return segments;
}
