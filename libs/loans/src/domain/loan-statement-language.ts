import type { PrincipalOperation, PrincipalPosting } from './loan-statement';
import type { InterestMethod } from './loan-terms';
import type { LoanStatementLanguage } from './statement-text';

/** Cooperatives call loan interest "jasa": the ledger's own descriptions do too. */
export interface LoanLabels {
  readonly title: string;
  readonly cooperative: string;
  readonly member: string;
  readonly loan: string;
  readonly status: string;
  readonly principal: string;
  readonly rate: (percent: string, per: 'year' | 'month', method: InterestMethod) => string;
  readonly instalmentCount: (count: number) => string;
  readonly disbursedOn: string;
  readonly notDisbursed: string;
  readonly closedOn: string;
  readonly period: string;
  readonly periodUntil: string;
  readonly generatedAt: string;
  readonly continued: string;
  readonly scheduleTitle: string;
  readonly indicative: string;
  readonly repaymentsTitle: string;
  readonly noRepayments: string;
  readonly reversedOn: (date: string) => string;
  readonly ledgerTitle: string;
  readonly noLines: string;
  readonly openingBalance: string;
  readonly closingBalance: string;
  readonly totals: string;
  readonly statuses: Readonly<Record<string, string>>;
  readonly channels: Readonly<Record<'cash' | 'savings', string>>;
  readonly operations: Readonly<Record<PrincipalOperation, string>>;
  /** A header line per restructuring: its date, the new principal, rate and term. */
  readonly restructured: (date: string, principal: string) => string;
  /** The CSV table of restructurings, when the loan has any. */
  readonly restructuringColumns: readonly string[];
  readonly columns: {
    readonly loanNumber: string;
    readonly no: string;
    readonly dueDate: string;
    readonly principal: string;
    readonly interest: string;
    readonly total: string;
    readonly balanceAfter: string;
    readonly paid: string;
    readonly unpaid: string;
    readonly paidPrincipal: string;
    readonly paidInterest: string;
    readonly paidPenalty: string;
    readonly unpaidPrincipal: string;
    readonly unpaidInterest: string;
    readonly unpaidPenalty: string;
    readonly date: string;
    readonly valueDate: string;
    readonly description: string;
    readonly receipt: string;
    readonly channel: string;
    readonly amount: string;
    readonly penalty: string;
    readonly fees: string;
    readonly prepaid: string;
    readonly reversed: string;
    readonly debit: string;
    readonly credit: string;
    readonly balance: string;
  };
  readonly pageOf: (page: number, pages: number) => string;
}

const methodsId: Readonly<Record<InterestMethod, string>> = {
  flat: 'flat',
  declining: 'menurun',
  annuity: 'anuitas',
};
const methodsEn: Readonly<Record<InterestMethod, string>> = {
  flat: 'flat',
  declining: 'declining balance',
  annuity: 'annuity',
};

export const loanLabels: Readonly<Record<LoanStatementLanguage, LoanLabels>> = {
  id: {
    title: 'LAPORAN PINJAMAN ANGGOTA',
    cooperative: 'Koperasi',
    member: 'Anggota',
    loan: 'Pinjaman',
    status: 'Status',
    principal: 'Pokok pinjaman',
    rate: (percent, per, method) =>
      `Jasa ${percent} per ${per === 'year' ? 'tahun' : 'bulan'}, ${methodsId[method]}`,
    instalmentCount: (count) => `${count} angsuran`,
    disbursedOn: 'Dicairkan',
    notDisbursed: 'Belum dicairkan',
    closedOn: 'Lunas',
    period: 'Periode',
    periodUntil: 's.d.',
    generatedAt: 'Dicetak',
    continued: '(lanjutan)',
    scheduleTitle: 'Jadwal angsuran',
    indicative: 'Jadwal indikatif: pinjaman belum dicairkan',
    repaymentsTitle: 'Pembayaran angsuran',
    noRepayments: 'Belum ada pembayaran',
    reversedOn: (date) => `Dibatalkan ${date}`,
    ledgerTitle: 'Mutasi pokok pinjaman',
    noLines: 'Tidak ada mutasi',
    openingBalance: 'Saldo awal',
    closingBalance: 'Saldo akhir',
    totals: 'Jumlah',
    statuses: {
      applied: 'Diajukan',
      approved: 'Disetujui',
      rejected: 'Ditolak',
      cancelled: 'Dibatalkan',
      active: 'Berjalan',
      closed: 'Lunas',
    },
    channels: { cash: 'Tunai', savings: 'Simpanan' },
    operations: {
      disbursement: 'Pencairan pinjaman',
      repayment: 'Angsuran pinjaman',
      reversal: 'Pembatalan angsuran',
      reallocation: 'Alokasi ulang angsuran',
      restructuring: 'Kapitalisasi jasa restrukturisasi',
    },
    restructured: (date, principal) => `Direstrukturisasi ${date}: pokok baru ${principal}`,
    restructuringColumns: [
      'Nomor Pinjaman',
      'Tanggal Restrukturisasi',
      'Sisa Pokok',
      'Jasa Tertunggak',
      'Jasa Dikapitalisasi',
      'Pokok Baru',
      'Metode Lama',
      'Jasa Lama',
      'Angsuran Lama',
      'Metode Baru',
      'Jasa Baru',
      'Angsuran Baru',
      'Alasan',
    ],
    columns: {
      loanNumber: 'Nomor Pinjaman',
      no: 'Ke',
      dueDate: 'Jatuh Tempo',
      principal: 'Pokok',
      interest: 'Jasa',
      total: 'Angsuran',
      balanceAfter: 'Sisa Pokok',
      paid: 'Dibayar',
      unpaid: 'Belum Dibayar',
      paidPrincipal: 'Pokok Dibayar',
      paidInterest: 'Jasa Dibayar',
      paidPenalty: 'Denda Dibayar',
      unpaidPrincipal: 'Pokok Belum Dibayar',
      unpaidInterest: 'Jasa Belum Dibayar',
      unpaidPenalty: 'Denda Belum Dibayar',
      date: 'Tanggal',
      valueDate: 'Tgl Valuta',
      description: 'Keterangan',
      receipt: 'Kuitansi',
      channel: 'Melalui',
      amount: 'Jumlah',
      penalty: 'Denda',
      fees: 'Biaya',
      prepaid: 'Pokok di Muka',
      reversed: 'Dibatalkan',
      debit: 'Debit',
      credit: 'Kredit',
      balance: 'Saldo',
    },
    pageOf: (page, pages) => `Halaman ${page} dari ${pages}`,
  },
  en: {
    title: 'MEMBER LOAN STATEMENT',
    cooperative: 'Cooperative',
    member: 'Member',
    loan: 'Loan',
    status: 'Status',
    principal: 'Principal',
    rate: (percent, per, method) =>
      `Interest ${percent} a ${per === 'year' ? 'year' : 'month'}, ${methodsEn[method]}`,
    instalmentCount: (count) => `${count} instalments`,
    disbursedOn: 'Disbursed',
    notDisbursed: 'Not disbursed',
    closedOn: 'Paid off',
    period: 'Period',
    periodUntil: 'to',
    generatedAt: 'Generated',
    continued: '(continued)',
    scheduleTitle: 'Repayment schedule',
    indicative: 'Indicative schedule: the loan is not disbursed yet',
    repaymentsTitle: 'Repayments',
    noRepayments: 'No repayments yet',
    reversedOn: (date) => `Reversed ${date}`,
    ledgerTitle: 'Loan principal account',
    noLines: 'No transactions',
    openingBalance: 'Opening balance',
    closingBalance: 'Closing balance',
    totals: 'Total',
    statuses: {
      applied: 'Applied',
      approved: 'Approved',
      rejected: 'Rejected',
      cancelled: 'Cancelled',
      active: 'Active',
      closed: 'Paid off',
    },
    channels: { cash: 'Cash', savings: 'Savings' },
    operations: {
      disbursement: 'Loan disbursement',
      repayment: 'Loan repayment',
      reversal: 'Repayment reversed',
      reallocation: 'Repayment reallocated',
      restructuring: 'Interest capitalised at restructuring',
    },
    restructured: (date, principal) => `Restructured on ${date}: new principal ${principal}`,
    restructuringColumns: [
      'Loan Number',
      'Restructured On',
      'Principal Outstanding',
      'Interest Unpaid',
      'Interest Capitalised',
      'New Principal',
      'Method Before',
      'Rate Before',
      'Instalments Before',
      'Method After',
      'Rate After',
      'Instalments After',
      'Reason',
    ],
    columns: {
      loanNumber: 'Loan Number',
      no: 'No',
      dueDate: 'Due Date',
      principal: 'Principal',
      interest: 'Interest',
      total: 'Instalment',
      balanceAfter: 'Balance After',
      paid: 'Paid',
      unpaid: 'Unpaid',
      paidPrincipal: 'Principal Paid',
      paidInterest: 'Interest Paid',
      paidPenalty: 'Penalty Paid',
      unpaidPrincipal: 'Principal Unpaid',
      unpaidInterest: 'Interest Unpaid',
      unpaidPenalty: 'Penalty Unpaid',
      date: 'Date',
      valueDate: 'Value Date',
      description: 'Description',
      receipt: 'Receipt',
      channel: 'Channel',
      amount: 'Amount',
      penalty: 'Penalty',
      fees: 'Fees',
      prepaid: 'Prepaid',
      reversed: 'Reversed On',
      debit: 'Debit',
      credit: 'Credit',
      balance: 'Balance',
    },
    pageOf: (page, pages) => `Page ${page} of ${pages}`,
  },
};

/**
 * What a principal line says. The ledger records descriptions in Indonesian with the loan
 * number, so `id` shows them as recorded; `en` names the loan operation and falls back to the
 * recorded text for entries loans did not make (a reversal by the ledger).
 */
export function describePosting(posting: PrincipalPosting, lang: LoanStatementLanguage): string {
  if (lang === 'id' || posting.operation === null) return posting.description;
  return loanLabels.en.operations[posting.operation];
}
