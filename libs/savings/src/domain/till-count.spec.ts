import { InvalidInputError } from '@lumbung/core';
import { countCash, maxPieces } from './till-count';

function fieldsOf(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof InvalidInputError) return error.errors.map((e) => e.field);
    throw error;
  }
  throw new Error('expected the count to be refused');
}

describe('countCash', () => {
  it('adds up a rupiah drawer exactly, largest denomination first', () => {
    const counted = countCash('IDR', [
      { denomination: '500', pieces: 3 },
      { denomination: '100000', pieces: 12 },
      { denomination: '2000', pieces: 0 },
      { denomination: '20000', pieces: 7 },
    ]);
    expect(counted.total.toString()).toBe('1341500.00');
    expect(counted.lines.map((l) => l.denomination)).toEqual(['100000', '20000', '2000', '500']);
  });

  it('counts cents without binary rounding', () => {
    const counted = countCash('USD', [
      { denomination: '0.10', pieces: 3 },
      { denomination: '0.05', pieces: 1 },
      { denomination: '0.01', pieces: 7 },
      { denomination: '20', pieces: 1 },
    ]);
    expect(counted.total.toString()).toBe('20.42');
    expect(countCash('MYR', [{ denomination: '0.5', pieces: 1 }]).lines).toEqual([
      { denomination: '0.50', pieces: 1 },
    ]);
  });

  it('accepts a drawer counted empty', () => {
    expect(countCash('IDR', [{ denomination: '1000', pieces: 0 }]).total.toString()).toBe('0.00');
  });

  it('needs a count', () => {
    expect(fieldsOf(() => countCash('IDR', []))).toEqual(['count']);
    expect(fieldsOf(() => countCash('IDR', undefined))).toEqual(['count']);
    expect(fieldsOf(() => countCash('IDR', { denomination: '1000', pieces: 1 }))).toEqual([
      'count',
    ]);
  });

  it('refuses a currency it has no notes and coins for', () => {
    expect(fieldsOf(() => countCash('SGD', [{ denomination: '10', pieces: 1 }]))).toEqual([
      'currency',
    ]);
  });

  it('names every bad line', () => {
    expect(
      fieldsOf(() =>
        countCash('IDR', [
          { denomination: '75000', pieces: 1 },
          { denomination: '1000', pieces: -1 },
          { denomination: '1000', pieces: 2 },
          { denomination: '500', pieces: 1.5 },
          { denomination: 100, pieces: '3' },
          { denomination: '200', pieces: maxPieces + 1 },
          'fifty',
        ]),
      ),
    ).toEqual([
      'count[0].denomination',
      'count[1].pieces',
      'count[2].denomination',
      'count[3].pieces',
      'count[4].denomination',
      'count[4].pieces',
      'count[5].pieces',
      'count[6].denomination',
      'count[6].pieces',
    ]);
  });

  it('refuses a coin the currency does not have', () => {
    expect(fieldsOf(() => countCash('MYR', [{ denomination: '2', pieces: 1 }]))).toEqual([
      'count[0].denomination',
    ]);
  });
});
