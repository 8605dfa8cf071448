import { fitColumn, leftColumn, rightColumn, rowWidth } from './columns';

describe('fixed-width columns', () => {
  it('pads to the column’s side', () => {
    expect(fitColumn('ab', leftColumn(4))).toBe('ab  ');
    expect(fitColumn('ab', rightColumn(4))).toBe('  ab');
  });

  it('cuts text with an ellipsis but lets an uncut value push the row', () => {
    expect(fitColumn('Setoran tunai', leftColumn(8))).toBe('Setoran…');
    expect(fitColumn('12.345.678,00', rightColumn(6), false)).toBe('12.345.678,00');
  });

  it('counts code points after NFC, as the printer does', () => {
    expect(fitColumn('Jose\u0301', leftColumn(5))).toBe('José ');
    expect(fitColumn('😀x', rightColumn(3))).toBe(' 😀x');
  });

  it('adds one space between columns to the row width', () => {
    expect(rowWidth([leftColumn(10), rightColumn(5), rightColumn(7)])).toBe(24);
    expect(rowWidth([leftColumn(3)])).toBe(3);
  });
});
