import { type BusinessDate, Money } from '@lumbung/core';
import { type InstalmentRecord, type LoanFilesContext, parseLoanFiles } from './loans-file';

const idr = (amount: string) => Money.parse(amount, 'IDR');
/** A stand-in for libs/loans' closed form: the interest of instalments due before July. */
const context: LoanFilesContext = {
  cutoverDate: '2026-07-01' as BusinessDate,
  currency: 'IDR',
  products: new Map([
    ['FLAT', { currency: 'IDR', active: true }],
    ['LAMA', { currency: 'IDR', active: false }],
  ]),
  memberRows: new Map([['000101', 2]]),
  sectors: ['trade', 'agriculture'],
  collateralKinds: ['land', 'vehicle'],
  collateralDocuments: ['shm', 'bpkb'],
  accruedBefore: (instalments: readonly InstalmentRecord[]) =>
    instalments
      .filter((i) => i.dueDate < '2026-07-01')
      .reduce((sum, i) => sum.plus(i.interest), idr('0')),
};
const loansHeader =
  'loan_number,member_number,product_code,disbursed_on,rate,principal_outstanding,accrued_interest,sector';
const scheduleHeader = 'loan_number,instalment_no,period_start,due_date,principal,interest';
const collateralHeader =
  'loan_number,kind,description,document_type,document_number,valuation,valued_on,in_custody';
const schedule = [
  scheduleHeader,
  '7,3,2026-05-10,2026-06-10,500000,50000',
  '7,4,2026-06-10,2026-07-10,500000,50000',
].join('\n');

describe('parseLoanFiles', () => {
  it('reads a loan with its remaining schedule and collateral, and totals principal with interest', () => {
    const files = parseLoanFiles(
      {
        loans: `${loansHeader}\n7,101,FLAT,2026-01-10,0.01,1000000,50000,trade\n`,
        schedule,
        collateral: `${collateralHeader}\n7,land,Sawah,shm,SHM 1,5000000,,yes\n`,
      },
      context,
    );
    expect(files.problems).toEqual([]);
    expect(files.total.toString()).toBe('1050000.00');
    expect(files.loans).toEqual([
      expect.objectContaining({
        loanNumber: '00000007',
        memberNumber: '000101',
        principal: idr('1000000'),
        instalments: [
          expect.objectContaining({ no: 3, dueDate: '2026-06-10' }),
          expect.objectContaining({ no: 4, periodStart: '2026-06-10' }),
        ],
        collateral: [
          {
            kind: 'land',
            description: 'Sawah',
            documentType: 'shm',
            documentNumber: 'SHM 1',
            valuation: '5000000.00',
            valuedOn: null,
            inCustody: true,
          },
        ],
      }),
    ]);
  });

  it('reports loans whose schedule does not sum, whose interest differs, and rows of every file', () => {
    const files = parseLoanFiles(
      {
        loans: [
          loansHeader,
          '7,101,FLAT,2026-01-10,0.01,1000001,50000,trade',
          '8,101,FLAT,2026-01-10,0.01,1000000,49999,trade',
          '9,102,LAMA,2026-07-01,x,0,0,mining',
          '7,101,FLAT,2026-01-10,0.01,1,0,trade',
          '10,101,FLAT,2026-01-10,0.01,500000,0,trade',
        ].join('\n'),
        schedule: [
          schedule,
          '8,3,2026-05-10,2026-06-10,500000,50000',
          '8,4,2026-06-10,2026-07-10,500000,50000',
          '11,1,2026-06-10,2026-07-10,1,1',
          '9,2,2026-06-10,2026-06-01,1,1',
        ].join('\n'),
        collateral: `${collateralHeader}\n8,boat,Perahu,bpkb,B 1,0,2026-07-02,maybe\n`,
      },
      context,
    );
    const problem = (file: string, row: number, column: string, message: string) => ({
      file,
      row,
      column,
      message,
    });
    expect(files.problems).toEqual([
      problem('loans.csv', 4, 'member_number', 'member 102 is not in members.csv'),
      problem('loans.csv', 4, 'product_code', 'LAMA is retired'),
      problem('loans.csv', 4, 'disbursed_on', 'must be before the cut-over date 2026-07-01'),
      problem('loans.csv', 4, 'rate', '"x" is not a rate (a fraction such as 0.01)'),
      problem('loans.csv', 4, 'principal_outstanding', 'a loan still owed: above zero'),
      problem('loans.csv', 4, 'sector', '"mining" is not one of trade, agriculture'),
      problem('loans.csv', 5, 'loan_number', '7 is already on row 2'),
      problem(
        'loans.csv',
        2,
        'principal_outstanding',
        "1000001.00 is not what the remaining schedule's principal sums to, 1000000.00",
      ),
      problem(
        'loans.csv',
        3,
        'accrued_interest',
        '49999.00 differs from 50000.00, the interest of the remaining schedule accrued through the day before the cut-over',
      ),
      problem('loans.csv', 6, 'loan_number', 'loan 10 has no instalments in loan-schedule.csv'),
      problem('loan-schedule.csv', 6, 'loan_number', 'loan 11 is not in loans.csv'),
      problem('loan-schedule.csv', 7, 'due_date', "must be after the period's start 2026-06-10"),
      problem('collateral.csv', 2, 'kind', '"boat" is not one of land, vehicle'),
      problem('collateral.csv', 2, 'valuation', 'above zero'),
      problem('collateral.csv', 2, 'valued_on', 'must be before the cut-over date 2026-07-01'),
      problem('collateral.csv', 2, 'in_custody', 'yes or no'),
    ]);
    expect(files.loans).toEqual([]);
  });
});
