import { describe, expect, it } from 'vitest';
import { decodeHtml } from './encoding.js';

const latin1 = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decoding pages', () => {
  it('uses the Content-Type charset', () => {
    expect(decodeHtml(latin1('<p>Blodprøve på Ærø</p>'), 'text/html; charset="Windows-1252"')).toEqual({ html: '<p>Blodprøve på Ærø</p>', charset: 'windows-1252' });
  });

  it('reads <meta charset> and <meta http-equiv> when the header has none', () => {
    expect(decodeHtml(latin1('<head><meta charset=iso-8859-1><title>Sår</title>'), 'text/html').html).toContain('Sår');
    const httpEquiv = decodeHtml(latin1('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>Øjenafdeling</p>'));
    expect(httpEquiv).toEqual({ html: expect.stringContaining('Øjenafdeling'), charset: 'windows-1252' });
  });

  it('reads undeclared pages as UTF-8, falling back to windows-1252 when the bytes are not UTF-8', () => {
    expect(decodeHtml(utf8('<p>æøå</p>'))).toEqual({ html: '<p>æøå</p>', charset: 'utf-8' });
    expect(decodeHtml(latin1('<p>æøå</p>'))).toEqual({ html: '<p>æøå</p>', charset: 'windows-1252' });
  });

  it('lets a byte order mark win and ignores unknown labels', () => {
    expect(decodeHtml(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('Ø')]), 'text/html; charset=windows-1252')).toEqual({ html: 'Ø', charset: 'utf-8' });
    expect(decodeHtml(utf8('<p>å</p>'), 'text/html; charset=x-made-up')).toEqual({ html: '<p>å</p>', charset: 'utf-8' });
  });

  it('honours a declared UTF-8 even when a byte is wrong, as browsers do', () => {
    expect(decodeHtml(latin1('<p>å</p>'), 'text/html; charset=utf-8')).toEqual({ html: '<p>\uFFFD</p>', charset: 'utf-8' });
  });
});
