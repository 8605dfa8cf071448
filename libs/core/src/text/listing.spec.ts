import { InvalidInputError } from '../errors/problems';
import type { BusinessDate } from '../time/business-date';
import {
  type Listing,
  listingAsOf,
  listingAsOfQuery,
  listingCsv,
  listingFormat,
  listingPeriod,
  listingPeriodQuery,
} from './listing';

const today = '2027-04-10' as BusinessDate;

function fieldsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInputError) return error.errors.map((e) => e.field);
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('listings', () => {
  const listing: Listing = {
    title: 'Loans',
    facts: [['cooperative', 'KSP-X']],
    columns: [
      { name: 'member_name', kind: 'text' },
      { name: 'balance', kind: 'number' },
    ],
    rows: [
      ['=HYPERLINK("x")', '-1500.00'],
      ['Ana, Kupang', ''],
    ],
  };

  it('writes the header and a record per row, text inert, numbers as they are', () => {
    expect(listingCsv(listing)).toBe(
      'member_name,balance\r\n' + `"'=HYPERLINK(""x"")",-1500.00\r\n` + '"Ana, Kupang",\r\n',
    );
  });

  it('takes json, csv or xlsx, json by default', () => {
    expect(listingFormat(undefined)).toBe('json');
    expect(listingFormat('xlsx')).toBe('xlsx');
    expect(fieldsOf(() => listingFormat('pdf'))).toEqual(['format']);
  });

  it('lists as of a day that is over, by default the last', () => {
    expect(listingAsOf(undefined, today)).toBe('2027-04-09');
    expect(listingAsOf('2027-01-31', today)).toBe('2027-01-31');
    expect(fieldsOf(() => listingAsOf('2027-04-10', today))).toEqual(['asOf']);
    expect(fieldsOf(() => listingAsOf('2027-02-30', today))).toEqual(['asOf']);
  });

  it('needs both ends of a period, from not after to', () => {
    expect(listingPeriod({ from: '2027-01-01', to: '2027-01-01' })).toEqual({
      from: '2027-01-01',
      to: '2027-01-01',
    });
    expect(fieldsOf(() => listingPeriod({}))).toEqual(['from', 'to']);
    expect(fieldsOf(() => listingPeriod({ from: '2027-01-02', to: '2027-01-01' }))).toEqual([
      'from',
    ]);
    expect(fieldsOf(() => listingPeriod({ from: '2027-13-01', to: '2027-01-01' }))).toEqual([
      'from',
    ]);
  });

  it('reads a query as the format and the day or period it names, the format first', () => {
    expect(listingAsOfQuery({ format: 'csv' }, today)).toEqual({
      asOf: '2027-04-09',
      format: 'csv',
    });
    expect(fieldsOf(() => listingAsOfQuery({ format: 'pdf', asOf: '2027-04-10' }, today))).toEqual([
      'format',
    ]);
    expect(listingPeriodQuery({ from: '2027-01-01', to: '2027-01-31' })).toEqual({
      from: '2027-01-01',
      to: '2027-01-31',
      format: 'json',
    });
    expect(fieldsOf(() => listingPeriodQuery({ format: 'pdf' }))).toEqual(['format']);
  });
});
