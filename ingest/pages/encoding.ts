// Turns the bytes of a web page into text. Danish hospital sites still serve windows-1252 and
// ISO-8859-1 pages, sometimes declared only in a <meta> tag, and "æøå" must survive either way.

/** How far into the page a `<meta charset>` declaration is looked for, as browsers do. */
const metaPrescanBytes = 2048;

const byteOrderMarks: { bytes: number[]; charset: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], charset: 'utf-8' },
  { bytes: [0xfe, 0xff], charset: 'utf-16be' },
  { bytes: [0xff, 0xfe], charset: 'utf-16le' },
];

/** The charset parameter of a `Content-Type` header value, if any. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const match = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType);
  return match?.[2];
}

/** The charset a page declares in its first bytes with `<meta charset>` or `<meta http-equiv>`. */
export function charsetFromMeta(bytes: Uint8Array): string | undefined {
  // Latin-1 maps every byte to one character, so ASCII markup reads the same whatever the real charset.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, metaPrescanBytes));
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
    if (direct && !/http-equiv/i.test(tag)) return direct[1];
    if (/http-equiv\s*=\s*["']?content-type/i.test(tag)) {
      const content = /\bcontent\s*=\s*(["'])(.*?)\1/i.exec(tag)?.[2] ?? /\bcontent\s*=\s*([^\s>]+)/i.exec(tag)?.[1];
      const fromContent = charsetFromContentType(content);
      if (fromContent) return fromContent;
    }
  }
  return undefined;
}

/** A decoder for a charset label, or undefined when the label is unknown. */
function decoderFor(label: string, fatal = false): TextDecoder | undefined {
  try {
    return new TextDecoder(label.trim().toLowerCase(), { fatal });
  } catch {
    return undefined;
  }
}

/**
 * Decodes an HTML page: the byte order mark first, then the `Content-Type` charset, then a
 * `<meta>` declaration in the first 2 KB, else UTF-8 — falling back to windows-1252 when the
 * undeclared bytes are not valid UTF-8. `charset` is the WHATWG name of the encoding used
 * (ISO-8859-1 and latin1 are decoded as their superset windows-1252, as browsers do).
 */
export function decodeHtml(bytes: Uint8Array, contentType?: string): { html: string; charset: string } {
  for (const mark of byteOrderMarks) {
    if (mark.bytes.every((value, index) => bytes[index] === value)) {
      const decoder = new TextDecoder(mark.charset);
      return { html: decoder.decode(bytes), charset: decoder.encoding };
    }
  }
  for (const declared of [charsetFromContentType(contentType), charsetFromMeta(bytes)]) {
    const decoder = declared === undefined ? undefined : decoderFor(declared);
    // A page declaring UTF-16 in ASCII markup cannot really be UTF-16; browsers read such pages as UTF-8.
    if (decoder && !decoder.encoding.startsWith('utf-16')) return { html: decoder.decode(bytes), charset: decoder.encoding };
  }
  try {
    return { html: new TextDecoder('utf-8', { fatal: true }).decode(bytes), charset: 'utf-8' };
  } catch {
    return { html: new TextDecoder('windows-1252').decode(bytes), charset: 'windows-1252' };
  }
}
