import { type PrintLanguage, printLanguages } from '@lumbung/core';
import type { ProductKind } from './product-terms';

/** Statements and passbooks speak Indonesian by default; English for partners and auditors abroad. */
export const statementLanguages = printLanguages;
export type Language = PrintLanguage;

export interface Labels {
  readonly statementTitle: string;
  readonly cooperative: string;
  readonly member: string;
  readonly period: string;
  readonly periodUntil: string;
  readonly generatedAt: string;
  readonly account: string;
  readonly continued: string;
  readonly openingBalance: string;
  readonly closingBalance: string;
  readonly totals: string;
  readonly noLines: string;
  readonly columns: {
    readonly accountNumber: string;
    readonly product: string;
    readonly date: string;
    readonly valueDate: string;
    readonly description: string;
    readonly receipt: string;
    readonly debit: string;
    readonly credit: string;
    readonly balance: string;
    readonly currency: string;
  };
  readonly kinds: Readonly<Record<ProductKind, string>>;
  readonly pageOf: (page: number, pages: number) => string;
  readonly passbookPage: (page: number) => string;
}

export const labels: Readonly<Record<Language, Labels>> = {
  id: {
    statementTitle: 'LAPORAN SIMPANAN ANGGOTA',
    cooperative: 'Koperasi',
    member: 'Anggota',
    period: 'Periode',
    periodUntil: 's.d.',
    generatedAt: 'Dicetak',
    account: 'Rekening',
    continued: '(lanjutan)',
    openingBalance: 'Saldo awal',
    closingBalance: 'Saldo akhir',
    totals: 'Jumlah mutasi',
    noLines: 'Tidak ada mutasi',
    columns: {
      accountNumber: 'Nomor Rekening',
      product: 'Produk',
      date: 'Tanggal',
      valueDate: 'Tgl Valuta',
      description: 'Keterangan',
      receipt: 'Kuitansi',
      debit: 'Debit',
      credit: 'Kredit',
      balance: 'Saldo',
      currency: 'Mata Uang',
    },
    kinds: {
      pokok: 'Simpanan pokok',
      wajib: 'Simpanan wajib',
      sukarela: 'Simpanan sukarela',
      berjangka: 'Simpanan berjangka',
    },
    pageOf: (page, pages) => `Halaman ${page} dari ${pages}`,
    passbookPage: (page) => `Halaman buku ${page}`,
  },
  en: {
    statementTitle: 'MEMBER SAVINGS STATEMENT',
    cooperative: 'Cooperative',
    member: 'Member',
    period: 'Period',
    periodUntil: 'to',
    generatedAt: 'Generated',
    account: 'Account',
    continued: '(continued)',
    openingBalance: 'Opening balance',
    closingBalance: 'Closing balance',
    totals: 'Total movements',
    noLines: 'No transactions',
    columns: {
      accountNumber: 'Account Number',
      product: 'Product',
      date: 'Date',
      valueDate: 'Value Date',
      description: 'Description',
      receipt: 'Receipt',
      debit: 'Debit',
      credit: 'Credit',
      balance: 'Balance',
      currency: 'Currency',
    },
    kinds: {
      pokok: 'Principal savings (pokok)',
      wajib: 'Mandatory savings (wajib)',
      sukarela: 'Voluntary savings',
      berjangka: 'Time deposit',
    },
    pageOf: (page, pages) => `Page ${page} of ${pages}`,
    passbookPage: (page) => `Passbook page ${page}`,
  },
};

/** Short names of the savings operations, for passbook rows and English statements. */
const operationNames: Readonly<Record<Language, Readonly<Record<string, string>>>> = {
  id: {
    deposit: 'Setoran tunai',
    withdrawal: 'Penarikan tunai',
    pokok: 'Simpanan pokok',
    wajib: 'Simpanan wajib',
    'transfer-in': 'Pindah buku masuk',
    'transfer-out': 'Pindah buku keluar',
  },
  en: {
    deposit: 'Cash deposit',
    withdrawal: 'Cash withdrawal',
    pokok: 'Principal savings (pokok)',
    wajib: 'Mandatory savings (wajib)',
    'transfer-in': 'Transfer in',
    'transfer-out': 'Transfer out',
  },
};

interface Described {
  readonly operation: string | null;
  readonly description: string;
}

/** The operation's short name; the recorded description for entries savings did not make. */
export function operationName(line: Described, lang: Language): string {
  return (line.operation !== null && operationNames[lang][line.operation]) || line.description;
}

/**
 * What a statement line says. The ledger records descriptions in Indonesian (with months and
 * account numbers), so `id` shows them as recorded; `en` names the savings operation and falls
 * back to the recorded text for entries savings did not make (reversals, later interest).
 */
export function describeLine(line: Described, lang: Language): string {
  return lang === 'id' ? line.description : operationName(line, lang);
}
