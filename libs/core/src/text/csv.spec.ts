import { csvField, csvRecords, inertText } from './csv';

describe('CSV text', () => {
  it('quotes a field only for a comma, a quote or a line break', () => {
    expect(csvField('Ana')).toBe('Ana');
    expect(csvField('Jl. Merdeka, 5')).toBe('"Jl. Merdeka, 5"');
    expect(csvField('6" pipe')).toBe('"6"" pipe"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
  });

  it('ends every record with CRLF, the last one too', () => {
    expect(csvRecords([['x', 'y,z'], []])).toBe('x,"y,z"\r\n\r\n');
    expect(csvRecords([])).toBe('');
  });

  it('keeps formula-looking text inert and other text as it is', () => {
    expect(inertText('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(inertText('+62 812')).toBe("'+62 812");
    expect(inertText('-')).toBe("'-");
    expect(inertText('@cmd')).toBe("'@cmd");
    expect(inertText('\tx')).toBe("'\tx");
    expect(inertText('Angsuran 1')).toBe('Angsuran 1');
  });
});
