import { debitCredit, exportAmount, sideOf } from './export-amounts';

describe('export amounts', () => {
  it('writes at least the minor units, more only when the value has them, never rounding', () => {
    expect(exportAmount('100', 'IDR')).toBe('100.00');
    expect(exportAmount('100.5', 'IDR')).toBe('100.50');
    expect(exportAmount('100.505', 'IDR')).toBe('100.505');
    expect(exportAmount('-0.00', 'IDR')).toBe('0.00');
    expect(exportAmount('1500', 'JPY')).toBe('1500');
    expect(exportAmount('1.5', 'KWD')).toBe('1.500');
    expect(exportAmount('123456789012345678901234.56', 'IDR')).toBe('123456789012345678901234.56');
  });

  it('puts a debit (positive) and a credit (negative) in their columns as absolute values', () => {
    expect(debitCredit('840000.00', 'IDR')).toEqual({ debit: '840000.00', credit: '' });
    expect(debitCredit('-840000', 'IDR')).toEqual({ debit: '', credit: '840000.00' });
    expect(debitCredit('0', 'IDR', 'credit')).toEqual({ debit: '', credit: '0.00' });
    expect(debitCredit('0', 'IDR')).toEqual({ debit: '0.00', credit: '' });
    expect(sideOf('-1')).toBe('credit');
    expect(sideOf('1')).toBe('debit');
  });
});
