import { fitColumn, formatDate, formatMoney, localDateTime, type TextRow } from '@lumbung/core';
import type { ReceiptView } from './receipt';
import { labels as statementLabels, type Language } from './statement-language';

/** Dates and times on paper are libs/core's (text/print-format.ts). */
export { localDateTime } from '@lumbung/core';

/** Characters in a receipt row: a narrow kuitansi, as a counter printer would print it. */
export const receiptRowWidth = 44;

interface ReceiptLabels {
  readonly title: string;
  readonly copy: string;
  readonly reversed: string;
  readonly receiptNumber: string;
  readonly businessDate: string;
  readonly recordedAt: string;
  readonly timeZone: string;
  readonly teller: string;
  readonly memberNumber: string;
  readonly memberName: string;
  readonly account: string;
  readonly in: string;
  readonly out: string;
  readonly balance: string;
  readonly totalIn: string;
  readonly totalOut: string;
  readonly cashIn: string;
  readonly cashOut: string;
  readonly noCash: string;
  readonly printedCopy: string;
  readonly operations: Readonly<Record<string, string>>;
}

export const receiptLabels: Readonly<Record<Language, ReceiptLabels>> = {
  id: {
    title: 'KUITANSI SIMPANAN',
    copy: 'SALINAN',
    reversed: 'DIBATALKAN (JURNAL BALIK)',
    receiptNumber: 'No. kuitansi',
    businessDate: 'Tanggal buku',
    recordedAt: 'Dicatat',
    timeZone: 'Zona waktu',
    teller: 'Kasir',
    memberNumber: 'No. anggota',
    memberName: 'Nama',
    account: 'Rek.',
    in: 'Masuk',
    out: 'Keluar',
    balance: 'Saldo',
    totalIn: 'Jumlah masuk',
    totalOut: 'Jumlah keluar',
    cashIn: 'Tunai diterima',
    cashOut: 'Tunai dibayar',
    noCash: 'Non-tunai',
    printedCopy: 'Salinan dicetak',
    operations: {
      deposit: 'Setoran tunai',
      withdrawal: 'Penarikan tunai',
      pokok: 'Simpanan pokok',
      wajib: 'Simpanan wajib',
      'transfer-in': 'Pindah buku masuk',
      'transfer-out': 'Pindah buku keluar',
      placement: 'Penempatan simpanan berjangka',
      interest: 'Jasa simpanan berjangka',
      'maturity-payout': 'Pencairan simpanan berjangka',
      'exit-settlement': 'Pelunasan tunggakan wajib',
      'exit-payout': 'Pengembalian simpanan',
    },
  },
  en: {
    title: 'SAVINGS RECEIPT',
    copy: 'COPY',
    reversed: 'REVERSED',
    receiptNumber: 'Receipt no.',
    businessDate: 'Business date',
    recordedAt: 'Recorded',
    timeZone: 'Time zone',
    teller: 'Teller',
    memberNumber: 'Member no.',
    memberName: 'Name',
    account: 'Acct',
    in: 'In',
    out: 'Out',
    balance: 'Balance',
    totalIn: 'Total in',
    totalOut: 'Total out',
    cashIn: 'Cash received',
    cashOut: 'Cash paid out',
    noCash: 'Non-cash',
    printedCopy: 'Copy printed',
    operations: {
      deposit: 'Cash deposit',
      withdrawal: 'Cash withdrawal',
      pokok: 'Principal savings (pokok)',
      wajib: 'Mandatory savings (wajib)',
      'transfer-in': 'Transfer in',
      'transfer-out': 'Transfer out',
      placement: 'Time deposit placement',
      interest: 'Time deposit interest',
      'maturity-payout': 'Time deposit payout',
      'exit-settlement': 'Wajib arrears settled',
      'exit-payout': 'Savings paid out',
    },
  },
};

/** The operation's name on paper; the recorded slug for an operation without one. */
export function receiptOperationName(operation: string, lang: Language): string {
  return receiptLabels[lang].operations[operation] ?? operation;
}

/** Half of a count of characters, rounded down: the left padding of centred text. */
const halfOf = (count: number): number => (count - (count % 2)) / 2;

const centred = (text: string, bold = false): TextRow => {
  const chars = [...text.normalize('NFC')];
  const fitted =
    chars.length > receiptRowWidth
      ? fitColumn(text, { width: receiptRowWidth, align: 'left' })
      : ' '.repeat(halfOf(receiptRowWidth - chars.length)) + chars.join('');
  return { text: fitted.trimEnd(), ...(bold ? { bold } : {}) };
};

/**
 * A label on the left and its value on the right of one row. The value keeps every character it
 * can (an amount is never cut); the label gives way first.
 */
export function pairRow(label: string, value: string, bold = false): TextRow {
  const valueChars = [...value.normalize('NFC')];
  const valueWidth = Math.min(valueChars.length, receiptRowWidth);
  const valueText = fitColumn(value, { width: valueWidth, align: 'right' });
  const labelWidth = receiptRowWidth - valueWidth - 1;
  const text =
    labelWidth > 0
      ? `${fitColumn(label, { width: labelWidth, align: 'left' })} ${valueText}`
      : valueText;
  return { text, ...(bold ? { bold } : {}) };
}

const rule: TextRow = { text: '-'.repeat(receiptRowWidth) };
const left = { width: receiptRowWidth, align: 'left' } as const;

/** What the receipt says, row by row, in a monospaced font; the PDF only places the rows. */
export function receiptRows(receipt: ReceiptView): TextRow[] {
  const { lang, currency } = receipt;
  const text = receiptLabels[lang];
  const money = (amount: string) => formatMoney(amount, currency, lang);
  const rows: TextRow[] = [
    centred(receipt.cooperative.name, true),
    centred(receipt.cooperative.code),
    { text: '' },
    centred(text.title, true),
    centred(`*** ${text.copy} ***`, true),
    ...(receipt.reversed ? [centred(text.reversed, true)] : []),
    rule,
    pairRow(text.receiptNumber, receipt.receiptNumber, true),
    pairRow(text.businessDate, formatDate(receipt.businessDate, lang)),
    pairRow(text.recordedAt, localDateTime(receipt.recordedAt, receipt.cooperative.timeZone, lang)),
    pairRow(text.timeZone, receipt.cooperative.timeZone),
    pairRow(text.teller, receipt.teller?.username ?? '-'),
    pairRow(text.memberNumber, receipt.member.memberNumber),
    pairRow(text.memberName, receipt.member.fullName),
    rule,
  ];
  for (const line of receipt.lines) {
    rows.push(
      { text: fitColumn(receiptOperationName(line.operation, lang), left).trimEnd(), bold: true },
      pairRow(`${text.account} ${line.accountNumber}`, statementLabels[lang].kinds[line.kind]),
      pairRow(line.direction === 'in' ? text.in : text.out, money(line.amount)),
      pairRow(text.balance, money(line.balanceAfter)),
    );
  }
  rows.push(rule);
  const hasOut = /[1-9]/.test(receipt.totalOut);
  if (/[1-9]/.test(receipt.totalIn) || !hasOut) {
    rows.push(pairRow(text.totalIn, money(receipt.totalIn), true));
  }
  if (hasOut) rows.push(pairRow(text.totalOut, money(receipt.totalOut), true));
  rows.push(
    receipt.cash.direction === 'none'
      ? pairRow(text.noCash, '-')
      : pairRow(
          receipt.cash.direction === 'in' ? text.cashIn : text.cashOut,
          money(receipt.cash.amount),
          true,
        ),
    rule,
    centred(
      `${text.printedCopy} ${localDateTime(receipt.printedAt, receipt.cooperative.timeZone, lang)}`,
    ),
  );
  return rows;
}

/**
 * The rows in pages of at most `rowsPerPage`. A receipt fits one small page unless an exit
 * settlement pays out many accounts; then it runs on, and every page after the first repeats
 * the receipt number so a loose page is still traceable.
 */
export function receiptPages(receipt: ReceiptView, rowsPerPage: number): TextRow[][] {
  if (rowsPerPage < 4) throw new RangeError('A receipt page holds at least four rows');
  const rows = receiptRows(receipt);
  const heading = (): TextRow[] => [
    pairRow(receiptLabels[receipt.lang].receiptNumber, receipt.receiptNumber, true),
    rule,
  ];
  const pages: TextRow[][] = [rows.slice(0, rowsPerPage)];
  let next = rowsPerPage;
  while (next < rows.length) {
    const room = rowsPerPage - 2;
    pages.push([...heading(), ...rows.slice(next, next + room)]);
    next += room;
  }
  return pages;
}
