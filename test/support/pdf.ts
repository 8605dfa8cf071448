/** Checks a PDF's frame: header, trailer, and every cross-reference entry pointing at `N 0 obj`. */
export function expectSoundPdf(pdf: Buffer): string {
  const text = pdf.toString('latin1');
  expect(text.startsWith('%PDF-1.4\n')).toBe(true);
  expect(text.endsWith('%%EOF\n')).toBe(true);
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
  expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
  const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) =>
    Number(m[1]),
  );
  expect(offsets.length).toBeGreaterThan(5);
  offsets.forEach((offset, i) =>
    expect(text.slice(offset).startsWith(`${i + 1} 0 obj\n`)).toBe(true),
  );
  return text;
}
