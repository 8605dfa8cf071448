import { a4, pdfDocument, pdfString, winAnsiBytes } from './pdf-document';

/** Offsets named by the cross-reference table, and what sits at each. */
function xref(pdf: Buffer): { offsets: number[]; startxref: number; text: string } {
  const text = pdf.toString('latin1');
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
  const table = text.slice(startxref);
  const offsets = [...table.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
  return { offsets, startxref, text };
}

describe('the PDF writer', () => {
  const pdf = pdfDocument(
    [
      { ...a4, texts: [{ x: 36, y: 800, size: 9, text: 'Saldo (awal) \\ Rp1.000,00' }] },
      { ...a4, texts: [{ x: 36, y: 800, size: 9, text: 'Página 2 — “ok”', bold: true }] },
    ],
    { title: 'Test' },
  );

  it('starts with the 1.4 header and ends with %%EOF', () => {
    expect(pdf.subarray(0, 9).toString('latin1')).toBe('%PDF-1.4\n');
    expect(pdf.subarray(-6).toString('latin1')).toBe('%%EOF\n');
  });

  it('points every cross-reference entry at its object, and startxref at the table', () => {
    const { offsets, startxref, text } = xref(pdf);
    expect(offsets).toHaveLength(9);
    offsets.forEach((offset, i) => {
      expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
    });
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    expect(text).toContain('/Size 10 /Root 1 0 R');
    expect(text).toContain('/Count 2');
  });

  it('gives each stream its length in bytes', () => {
    const text = pdf.toString('latin1');
    for (const match of text.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
      const start = match.index + match[0].length;
      expect(text.slice(start + Number(match[1]), start + Number(match[1]) + 10)).toBe(
        '\nendstream',
      );
    }
  });

  it('escapes parentheses and backslashes and writes non-ASCII WinAnsi bytes in octal', () => {
    expect(pdfString('a(b)c\\d')).toBe('(a\\(b\\)c\\\\d)');
    expect(pdfString('Página')).toBe('(P\\341gina)');
    expect(pdfString('“€”')).toBe('(\\223\\200\\224)');
    expect(pdf.toString('latin1')).toContain('(Saldo \\(awal\\) \\\\ Rp1.000,00) Tj');
  });

  it('replaces characters WinAnsi lacks, one question mark each', () => {
    expect(winAnsiBytes('Rp 5 ✓ 日本 😀')).toEqual([...Buffer.from('Rp 5 ? ?? ?', 'latin1')]);
    // Decomposed accents are composed first, so é is one byte, not e plus a question mark.
    expect(winAnsiBytes('e\u0301')).toEqual([0xe9]);
    expect(winAnsiBytes('tab\there')).toEqual([...Buffer.from('tab?here', 'latin1')]);
  });
});
