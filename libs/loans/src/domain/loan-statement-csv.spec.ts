import type { LoanStatement } from './loan-statement';
import { loanStatementCsv } from './loan-statement-csv';

const statement = (lang: 'id' | 'en'): LoanStatement => ({
  cooperative: { id: 'c', code: 'KSP-X', name: 'Koperasi X', timeZone: 'Asia/Makassar' },
  member: { id: 'm', memberNumber: '000001', fullName: 'Ana' },
  loan: {
    id: 'l',
    loanNumber: '00000001',
    productCode: 'MODAL-USAHA',
    currency: 'IDR',
    principal: '1500000.00',
    rate: '0.01',
    ratePer: 'month',
    method: 'flat',
    instalments: 2,
    disbursedOn: '2026-11-20',
    status: 'active',
    closedOn: null,
  },
  period: { from: '2026-11-01', to: '2026-12-31' },
  lang,
  generatedAt: '2026-12-20T06:00:00.000Z',
  schedule: {
    indicative: false,
    instalments: [1, 2].map((no) => ({
      no,
      dueDate: `2026-12-2${no}`,
      principal: '750000.00',
      interest: '15000.00',
      total: '765000.00',
      balanceAfter: no === 1 ? '750000.00' : '0.00',
      paid: { principal: '0.00', interest: '15000.00', penalty: '0.00', total: '15000.00' },
      unpaid: { principal: '750000.00', interest: '0.00', penalty: '0.00', total: '750000.00' },
    })),
    totals: {
      principal: '1500000.00',
      interest: '30000.00',
      total: '1530000.00',
      paid: { principal: '0.00', interest: '30000.00', penalty: '0.00', total: '30000.00' },
      unpaid: { principal: '1500000.00', interest: '0.00', penalty: '0.00', total: '1500000.00' },
    },
  },
  repayments: {
    items: [
      {
        id: 'r1',
        date: '2026-12-20',
        amount: '30000.00',
        channel: 'savings',
        receiptNumber: null,
        allocated: { penalty: '0.00', fees: '0.00', interest: '30000.00', principal: '0.00' },
        prepaid: '0.00',
        reversedOn: null,
      },
      {
        id: 'r2',
        date: '2026-12-20',
        amount: '5000.00',
        channel: 'cash',
        receiptNumber: '=1,2',
        allocated: { penalty: '0.00', fees: '0.00', interest: '0.00', principal: '5000.00' },
        prepaid: '5000.00',
        reversedOn: '2026-12-21',
      },
    ],
    totals: {
      amount: '30000.00',
      penalty: '0.00',
      fees: '0.00',
      interest: '30000.00',
      principal: '0.00',
      prepaid: '0.00',
    },
  },
  principalLedger: {
    openingBalance: '0.00',
    lines: [],
    totalDebit: '0.00',
    totalCredit: '0.00',
    closingBalance: '0.00',
  },
  restructurings: [],
});

describe('the loan statement as CSV', () => {
  it('writes the schedule, an empty line, then the repayments, each headed, in CRLF records', () => {
    const csv = loanStatementCsv(statement('id'));
    const [schedule, repayments] = csv.split('\r\n\r\n');
    expect(schedule.split('\r\n')).toEqual([
      'Nomor Pinjaman,Ke,Jatuh Tempo,Pokok,Jasa,Angsuran,Sisa Pokok,Pokok Dibayar,Jasa Dibayar,Denda Dibayar,Pokok Belum Dibayar,Jasa Belum Dibayar,Denda Belum Dibayar',
      '00000001,1,2026-12-21,750000.00,15000.00,765000.00,750000.00,0.00,15000.00,0.00,750000.00,0.00,0.00',
      '00000001,2,2026-12-22,750000.00,15000.00,765000.00,0.00,0.00,15000.00,0.00,750000.00,0.00,0.00',
    ]);
    expect(repayments.split('\r\n')).toEqual([
      'Nomor Pinjaman,Tanggal,Kuitansi,Melalui,Jumlah,Denda,Biaya,Jasa,Pokok,Pokok di Muka,Dibatalkan',
      '00000001,2026-12-20,,Simpanan,30000.00,0.00,0.00,30000.00,0.00,0.00,',
      // Free text that a spreadsheet would run is made inert, then quoted for its comma.
      `00000001,2026-12-20,"'=1,2",Tunai,5000.00,0.00,0.00,0.00,5000.00,5000.00,2026-12-21`,
      '',
    ]);
  });

  it('heads the columns in English when asked, leaving amounts and dates as they are', () => {
    const records = loanStatementCsv(statement('en')).split('\r\n');
    expect(records[0].split(',').slice(0, 4)).toEqual([
      'Loan Number',
      'No',
      'Due Date',
      'Principal',
    ]);
    expect(records[4]).toBe(
      'Loan Number,Date,Receipt,Channel,Amount,Penalty,Fees,Interest,Principal,Prepaid,Reversed On',
    );
    expect(records[5]).toBe('00000001,2026-12-20,,Savings,30000.00,0.00,0.00,30000.00,0.00,0.00,');
  });

  it('keeps both headers when there is nothing to list', () => {
    const empty = statement('en');
    const csv = loanStatementCsv({
      ...empty,
      schedule: { ...empty.schedule, instalments: [] },
      repayments: { ...empty.repayments, items: [] },
    });
    expect(csv.split('\r\n').map((record) => record.split(',')[0])).toEqual([
      'Loan Number',
      '',
      'Loan Number',
      '',
    ]);
  });
});
