import { businessDate, Decimal } from '@lumbung/core';
import { carriesReference, matchStatement, type UnmatchedPosting } from './bank-matching';

const line = (id: string, date: string, amount: string, reference = '') => ({
  id,
  valueDate: businessDate(date),
  amount: new Decimal(amount),
  reference,
});
const posting = (
  version: string,
  date: string,
  amount: string,
  references: string[] = [],
): UnmatchedPosting => ({
  accountVersion: version,
  valueDate: businessDate(date),
  amount: new Decimal(amount),
  references,
});

describe('matchStatement', () => {
  it('pairs equal amounts within the tolerance, the closest date first, one to one', () => {
    const matches = matchStatement(
      [line('a', '2026-11-10', '-6500'), line('b', '2026-11-10', '-6500')],
      [
        posting('3', '2026-11-14', '-6500'),
        posting('1', '2026-11-08', '-6500'),
        posting('2', '2026-11-11', '-6500'),
      ],
      3,
    );
    expect(matches).toEqual([
      { lineId: 'a', accountVersion: '2', byReference: false },
      { lineId: 'b', accountVersion: '1', byReference: false },
    ]);
  });

  it('leaves lines and postings unmatched when amounts differ or dates are too far apart', () => {
    expect(
      matchStatement(
        [line('a', '2026-11-10', '100'), line('b', '2026-11-10', '-50')],
        [posting('1', '2026-11-10', '100.01'), posting('2', '2026-11-14', '-50')],
        3,
      ),
    ).toEqual([]);
  });

  it('prefers the posting that carries the line’s reference over a closer one', () => {
    const matches = matchStatement(
      [line('a', '2026-11-10', '250000', 'BKM-000007'), line('b', '2026-11-10', '250000')],
      [
        posting('1', '2026-11-10', '250000', ['Setoran']),
        posting('2', '2026-11-12', '250000', ['BKM-000007', 'Setoran anggota']),
      ],
      3,
    );
    expect(matches).toEqual([
      { lineId: 'a', accountVersion: '2', byReference: true },
      { lineId: 'b', accountVersion: '1', byReference: false },
    ]);
  });

  it('orders versions numerically, so ties go to the earliest posting', () => {
    expect(
      matchStatement(
        [line('a', '2026-11-10', '5')],
        [posting('10', '2026-11-10', '5'), posting('9', '2026-11-10', '5')],
        0,
      ),
    ).toEqual([{ lineId: 'a', accountVersion: '9', byReference: false }]);
  });
});

describe('carriesReference', () => {
  it('matches whole references, and long ones inside texts, ignoring case', () => {
    const texts = { references: ['BKK-000002', 'Transfer TRX123456 gaji'] };
    expect(carriesReference(texts, 'bkk-000002')).toBe(true);
    expect(carriesReference(texts, 'TRX123456')).toBe(true);
    expect(carriesReference(texts, 'TRX')).toBe(false);
    expect(carriesReference(texts, '')).toBe(false);
  });
});
