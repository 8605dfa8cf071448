import { Money } from '@lumbung/core';
import { openingTotalsProblem } from './opening-totals';

const idr = (amount: string) => Money.parse(amount, 'IDR');

describe('openingTotalsProblem', () => {
  it('passes when the other balances make up savings less loans exactly', () => {
    expect(
      openingTotalsProblem({ glNet: idr('700'), savings: idr('1000'), loans: idr('300') }),
    ).toBeNull();
  });

  it('names the side and the difference when they do not', () => {
    expect(
      openingTotalsProblem({ glNet: idr('700.01'), savings: idr('1000'), loans: idr('300') }),
    ).toEqual({
      file: 'gl.csv',
      row: null,
      column: null,
      message:
        'the opening balances do not balance: debits exceed credits by 0.01 ' +
        '(gl.csv debits less credits 700.01, loans.csv 300.00, savings.csv 1000.00)',
    });
    expect(
      openingTotalsProblem({ glNet: idr('600'), savings: idr('1000'), loans: idr('300') })?.message,
    ).toMatch(/^the opening balances do not balance: credits exceed debits by 100.00 /);
  });
});
