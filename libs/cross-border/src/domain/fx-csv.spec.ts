import type { BusinessDate } from '@lumbung/core';
import { csvRecordsOf } from '@lumbung/core';
import { parseFxCsv } from './fx-csv';
import { FxFileError } from './fx-rate';

const day = '2026-11-20' as BusinessDate;

const rowsOf = (text: string) => {
  try {
    parseFxCsv(text, day);
  } catch (error) {
    if (error instanceof FxFileError) return error.rows;
    throw error;
  }
  return [];
};

describe('FX rate files', () => {
  it('reads RFC 4180 records with quotes, CRLF and a BOM', () => {
    const text =
      '\uFEFFdate,base,quote,rate,source\r\n' +
      '2026-11-20,USD,IDR,16250.5,"Bank Indonesia, JISDOR"\r\n' +
      '2026-11-20,MYR,IDR,3650.25,"BNM ""middle"" rate"\r\n';
    expect(parseFxCsv(text, day)).toEqual([
      { date: day, base: 'USD', quote: 'IDR', rate: '16250.5', source: 'Bank Indonesia, JISDOR' },
      { date: day, base: 'MYR', quote: 'IDR', rate: '3650.25', source: 'BNM "middle" rate' },
    ]);
  });

  it('takes the columns in any order and skips blank lines', () => {
    expect(parseFxCsv('source,rate,quote,base,date\n\nBI,16250,IDR,USD,2026-11-19\n', day)).toEqual(
      [{ date: '2026-11-19', base: 'USD', quote: 'IDR', rate: '16250', source: 'BI' }],
    );
  });

  it('reports every bad line by its number, and keeps nothing', () => {
    const text = [
      'date,base,quote,rate,source',
      '2026-11-20,USD,IDR,16250.5,BI',
      '2026-11-20,USD,XYZ,-1,BI',
      '2026-02-30,MYR,IDR,3650,BI',
      '2026-11-20,IDR,USD,0.0000615,BI',
      '2026-11-20,MYR,IDR',
    ].join('\n');
    expect(rowsOf(text)).toEqual([
      {
        line: 3,
        errors: [
          { field: 'quote', message: 'a supported ISO 4217 currency code' },
          expect.objectContaining({ field: 'rate' }),
        ],
      },
      { line: 4, errors: [{ field: 'date', message: 'a date YYYY-MM-DD' }] },
      { line: 5, errors: [{ field: 'date', message: 'the same pair and date as line 2' }] },
      {
        line: 6,
        errors: [
          { field: 'record', message: '5 fields, found 3' },
          expect.objectContaining({ field: 'rate' }),
          expect.objectContaining({ field: 'source' }),
        ],
      },
    ]);
  });

  it('needs the header, and data after it', () => {
    expect(rowsOf('date,base,quote,rate\n2026-11-20,USD,IDR,1\n')[0].errors[0].message).toMatch(
      /missing source/,
    );
    expect(rowsOf('date,base,quote,rate,source,note\n')[0].errors[0].message).toMatch(
      /not expected note/,
    );
    expect(rowsOf('date,base,quote,rate,source\n')[0].errors[0]).toEqual({
      field: 'file',
      message: '1 to 1000 rates after the header',
    });
    expect(rowsOf('')[0].errors[0].field).toBe('header');
  });

  it('counts lines inside quoted fields and refuses an unclosed quote', () => {
    expect(csvRecordsOf('a,"b\nc"\nd,e').map((r) => r.line)).toEqual([1, 3]);
    expect(rowsOf('date,base,quote,rate,source\n2026-11-20,USD,IDR,1,"BI')).toEqual([
      { line: 2, errors: [{ field: 'record', message: 'a quoted field is never closed' }] },
    ]);
  });
});
