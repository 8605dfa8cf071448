import { businessDate } from '@lumbung/core';
import { parseStatementCsv, StatementFileError } from './bank-statement';

const today = businessDate('2026-11-20');

function rowsOf(text: string) {
  try {
    parseStatementCsv(text, 'IDR', today);
  } catch (error) {
    expect(error).toBeInstanceOf(StatementFileError);
    return (error as StatementFileError).rows;
  }
  throw new Error('expected the statement to be refused');
}

describe('parseStatementCsv', () => {
  it('reads signed amounts, optional references and balances, in any column order', () => {
    const lines = parseStatementCsv(
      'amount,date,description,reference,balance\r\n' +
        '1500000,2026-11-02,"SETORAN TUNAI, KAS",BKM-000001,2500000.00\r\n' +
        '-6500.00,2026-11-18,BIAYA ADM,,2493500\r\n',
      'IDR',
      today,
    );
    expect(
      lines.map((l) => [l.line, l.valueDate, l.description, l.amount.toString(), l.reference]),
    ).toEqual([
      [2, '2026-11-02', 'SETORAN TUNAI, KAS', '1500000.00', 'BKM-000001'],
      [3, '2026-11-18', 'BIAYA ADM', '-6500.00', ''],
    ]);
    expect(lines.map((l) => l.runningBalance?.toString())).toEqual(['2500000.00', '2493500.00']);
  });

  it('numbers identical lines of one file, so each is imported once', () => {
    const lines = parseStatementCsv(
      'date,description,amount\n2026-11-18,BIAYA SMS,-1000\n2026-11-18,BIAYA SMS,-1000\n2026-11-19,BIAYA SMS,-1000\n',
      'IDR',
      today,
    );
    expect(lines.map((l) => l.occurrence)).toEqual([1, 2, 1]);
  });

  it('reports every bad line with its fields, and a running balance that does not follow', () => {
    expect(
      rowsOf(
        'date,description,amount,balance\n' +
          '2026-11-01,OPENING,100.00,100.00\n' +
          '2026-11-31,BAD DATE,1.005,\n' +
          '2026-11-21,LATER,0,\n' +
          '2026-11-02,FEE,-10.00,95.00\n' +
          '2026-11-03,,"1,000.00",1,2\n',
      ),
    ).toEqual([
      {
        line: 3,
        errors: [
          { field: 'date', message: 'a date YYYY-MM-DD' },
          { field: 'amount', message: 'at most 2 decimal places for IDR' },
        ],
      },
      {
        line: 4,
        errors: [
          { field: 'date', message: 'after the business date 2026-11-20' },
          { field: 'amount', message: 'must not be zero' },
        ],
      },
      {
        line: 6,
        errors: [
          { field: 'record', message: '4 fields, found 5' },
          { field: 'description', message: '1 to 500 characters' },
          {
            field: 'amount',
            message: 'must be a decimal string without exponent, e.g. "1250.00"',
          },
        ],
      },
    ]);
    expect(
      rowsOf('date,description,amount,balance\n2026-11-01,A,100.00,100.00\n2026-11-02,B,-10,95\n'),
    ).toEqual([
      {
        line: 3,
        errors: [{ field: 'balance', message: '100.00 before and -10.00 make 90.00, not 95.00' }],
      },
    ]);
  });

  it('refuses a header without the required columns or with unknown ones, and an empty file', () => {
    expect(rowsOf('date,amount,memo\n2026-11-01,1\n')[0].errors[0].message).toMatch(
      /missing description; not expected memo/,
    );
    expect(rowsOf('date,description,amount\n')[0].errors[0]).toEqual({
      field: 'file',
      message: '1 to 5000 lines after the header',
    });
    expect(rowsOf('date,description,amount\n2026-11-01,"open,1\n')[0]).toEqual({
      line: 2,
      errors: [{ field: 'record', message: 'a quoted field is never closed' }],
    });
  });
});
