import { InvalidInputError } from '@lumbung/core';
import { ledgerExportRange, openingDate } from './export-request';

describe('ledger export request', () => {
  const problems = (input: object) => {
    try {
      ledgerExportRange(input);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      return (error as InvalidInputError).errors;
    }
    throw new Error('accepted');
  };

  it('accepts a range of value dates and a format', () => {
    expect(ledgerExportRange({ from: '2026-01-01', to: '2026-12-31', format: 'hledger' })).toEqual({
      from: '2026-01-01',
      to: '2026-12-31',
      format: 'hledger',
      wholeBlocks: false,
    });
    expect(ledgerExportRange({ from: '2026-05-05', to: '2026-05-05', format: 'csv' }).to).toBe(
      '2026-05-05',
    );
  });

  it('names every problem at once', () => {
    expect(problems({ from: '2026-02-30', format: 'pdf' })).toEqual([
      { field: 'from', message: 'must be a valid date YYYY-MM-DD' },
      { field: 'to', message: 'is required (a date YYYY-MM-DD)' },
      { field: 'format', message: 'must be one of csv, jsonl, xlsx, hledger, beancount' },
    ]);
    expect(problems({ from: '2026-03-01', to: '2026-02-28', format: 'csv' })).toEqual([
      { field: 'to', message: 'must not be before from (2026-03-01)' },
    ]);
  });

  it('widens to whole blocks in JSON Lines only, from a flag or a query string', () => {
    const range = { from: '2026-01-01', to: '2026-01-31' };
    expect(ledgerExportRange({ ...range, format: 'jsonl', wholeBlocks: 'true' }).wholeBlocks).toBe(
      true,
    );
    expect(ledgerExportRange({ ...range, format: 'jsonl', wholeBlocks: true }).wholeBlocks).toBe(
      true,
    );
    expect(ledgerExportRange({ ...range, format: 'csv', wholeBlocks: 'false' }).wholeBlocks).toBe(
      false,
    );
    expect(problems({ ...range, format: 'csv', wholeBlocks: 'true' })).toEqual([
      {
        field: 'wholeBlocks',
        message:
          'is only available with format jsonl: the others cannot carry every column the chain hashes',
      },
    ]);
    expect(problems({ ...range, format: 'jsonl', wholeBlocks: 'yes' })).toEqual([
      { field: 'wholeBlocks', message: 'must be true or false' },
    ]);
  });

  it('takes every format of the contract, xlsx too', () => {
    for (const format of ['csv', 'jsonl', 'xlsx', 'hledger', 'beancount']) {
      expect(ledgerExportRange({ from: '2026-01-01', to: '2026-01-31', format }).format).toBe(
        format,
      );
    }
  });

  it('dates the balances brought forward the day before from', () => {
    expect(
      openingDate(ledgerExportRange({ from: '2026-03-01', to: '2026-03-31', format: 'csv' }).from),
    ).toBe('2026-02-28');
  });
});
