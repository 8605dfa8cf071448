/**
 * A minimal PDF 1.4 writer for printouts: pages of text in the built-in Courier fonts, which
 * every reader has, so nothing is embedded and no dependency is needed. Text is WinAnsi-encoded;
 * the file is plain ASCII apart from the binary marker in its second line.
 */

export interface PdfText {
  /** Points from the page's left edge to the text's start. */
  readonly x: number;
  /** Points from the page's bottom edge to the text's baseline. */
  readonly y: number;
  readonly size: number;
  readonly text: string;
  readonly bold?: boolean;
}

export interface PdfPage {
  readonly width: number;
  readonly height: number;
  readonly texts: readonly PdfText[];
}

/** ISO 216 A4 and A5, in points. */
export const a4 = { width: 595, height: 842 } as const;
export const a5 = { width: 420, height: 595 } as const;

/** Courier's advance is 600/1000 of the font size for every glyph. */
export const courierAdvance = 0.6;

/** WinAnsiEncoding's 0x80-0x9F, where it departs from Latin-1 (PDF 32000-1, Annex D). */
const winAnsiHigh: Readonly<Record<number, number>> = {
  0x20ac: 0x80,
  0x201a: 0x82,
  0x0192: 0x83,
  0x201e: 0x84,
  0x2026: 0x85,
  0x2020: 0x86,
  0x2021: 0x87,
  0x02c6: 0x88,
  0x2030: 0x89,
  0x0160: 0x8a,
  0x2039: 0x8b,
  0x0152: 0x8c,
  0x017d: 0x8e,
  0x2018: 0x91,
  0x2019: 0x92,
  0x201c: 0x93,
  0x201d: 0x94,
  0x2022: 0x95,
  0x2013: 0x96,
  0x2014: 0x97,
  0x02dc: 0x98,
  0x2122: 0x99,
  0x0161: 0x9a,
  0x203a: 0x9b,
  0x0153: 0x9c,
  0x017e: 0x9e,
  0x0178: 0x9f,
};

/** The WinAnsi byte of each character; one `?` for a character the font cannot show. */
export function winAnsiBytes(text: string): number[] {
  return [...text.normalize('NFC')].map((char) => {
    const code = char.codePointAt(0)!;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) return code;
    return winAnsiHigh[code] ?? 0x3f;
  });
}

/** A PDF literal string: `(`, `)` and `\` escaped, bytes outside printable ASCII in octal. */
export function pdfString(text: string): string {
  const body = winAnsiBytes(text)
    .map((byte) => {
      if (byte === 0x28 || byte === 0x29 || byte === 0x5c) return `\\${String.fromCharCode(byte)}`;
      if (byte < 0x20 || byte > 0x7e) return `\\${byte.toString(8).padStart(3, '0')}`;
      return String.fromCharCode(byte);
    })
    .join('');
  return `(${body})`;
}

/** A coordinate as PDF writes it: no exponent, at most two decimals, no trailing zeros. */
function pdfNumber(value: number): string {
  return value.toFixed(2).replace(/\.?0+$/, '');
}

function contentStream(page: PdfPage): string {
  return page.texts
    .map(
      (t) =>
        `BT /${t.bold ? 'F2' : 'F1'} ${pdfNumber(t.size)} Tf ${pdfNumber(t.x)} ${pdfNumber(t.y)} Td ${pdfString(t.text)} Tj ET`,
    )
    .join('\n');
}

/**
 * The whole file: catalog, page tree, the two Courier fonts, an information dictionary, each
 * page with its content stream, then the cross-reference table whose offsets are the byte
 * positions of each `N 0 obj`, and the trailer.
 */
export function pdfDocument(pages: readonly PdfPage[], info: { title: string }): Buffer {
  const font = (name: string) =>
    `<< /Type /Font /Subtype /Type1 /BaseFont /${name} /Encoding /WinAnsiEncoding >>`;
  const firstPage = 6;
  const pageRefs = pages.map((_, i) => `${firstPage + 2 * i} 0 R`).join(' ');
  const objects: string[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pageRefs}] /Count ${pages.length} >>`,
    font('Courier'),
    font('Courier-Bold'),
    `<< /Title ${pdfString(info.title)} /Producer (Lumbung) >>`,
  ];
  pages.forEach((page, i) => {
    const content = contentStream(page);
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pdfNumber(page.width)} ${pdfNumber(page.height)}] ` +
        `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${firstPage + 2 * i + 1} 0 R >>`,
      `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    );
  });
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = chunks[0].length;
  const offsets = objects.map((body, i) => {
    const chunk = Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, 'latin1');
    chunks.push(chunk);
    const at = offset;
    offset += chunk.length;
    return at;
  });
  // Each cross-reference entry is exactly 20 bytes: 10-digit offset, generation, flag, and EOL.
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 5 0 R >>\n` +
    `startxref\n${offset}\n%%EOF\n`;
  chunks.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(chunks);
}
