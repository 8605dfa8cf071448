import { Decimal, isPlainDecimalString } from '@lumbung/core';

/**
 * Text helpers for loan statements on paper and in CSV. They mirror the savings statement's
 * (libs/savings/src/domain/statement-*.ts) because a domain folder may import only itself and
 * libs/core; should a third statement need them, they belong in libs/core.
 */

/** Statements speak Indonesian by default; English for partners and auditors abroad. */
export const loanStatementLanguages = ['id', 'en'] as const;
export type LoanStatementLanguage = (typeof loanStatementLanguages)[number];

const separators: Readonly<Record<LoanStatementLanguage, { group: string; decimal: string }>> = {
  id: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

/** `1234567.00` as `1.234.567,00` (id) or `1,234,567.00` (en): only characters move. */
export function formatAmount(amount: string, lang: LoanStatementLanguage): string {
  if (!isPlainDecimalString(amount)) {
    throw new RangeError(`${amount} is not a plain decimal string`);
  }
  const negative = amount.startsWith('-') && /[1-9]/.test(amount);
  const [whole, fraction] = amount.replace(/^-/, '').split('.');
  const { group, decimal } = separators[lang];
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, group);
  const body = fraction === undefined ? grouped : `${grouped}${decimal}${fraction}`;
  return negative ? `-${body}` : body;
}

/** `Rp1.234.567,00` for rupiah in Indonesian, `IDR 1,234,567.00` in English. */
export function formatMoney(amount: string, currency: string, lang: LoanStatementLanguage): string {
  const formatted = formatAmount(amount, lang);
  const negative = formatted.startsWith('-');
  const digits = negative ? formatted.slice(1) : formatted;
  const symbol = lang === 'id' && currency === 'IDR' ? 'Rp' : `${currency} `;
  return `${negative ? '-' : ''}${symbol}${digits}`;
}

/** A rate kept as a fraction (`0.015`) as people say it: `1,5%` or `1.5%`. */
export function formatPercent(fraction: string, lang: LoanStatementLanguage): string {
  const percent = new Decimal(fraction).times(100).toFixed();
  return `${lang === 'id' ? percent.replace('.', ',') : percent}%`;
}

/** `20/11/2026` for Indonesian readers; ISO `2026-11-20` in English, unambiguous abroad. */
export function formatDate(date: string, lang: LoanStatementLanguage): string {
  if (lang === 'en') return date;
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

/** `2026-11-20 14:05 (Asia/Makassar)`: when the statement was made, on the cooperative's clock. */
export function localTimestamp(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} (${timeZone})`;
}

export interface Column {
  readonly width: number;
  readonly align: 'left' | 'right';
}

/**
 * Fits text to a column in characters (code points, as the printer sees them): padded, or cut
 * with an ellipsis. Amounts (cut = false) push the row rather than lose digits.
 */
export function fitColumn(text: string, column: Column, cut = true): string {
  const chars = [...text.normalize('NFC')];
  if (chars.length > column.width && cut) {
    return `${chars.slice(0, column.width - 1).join('')}…`;
  }
  const padding = ' '.repeat(Math.max(0, column.width - chars.length));
  return column.align === 'left' ? chars.join('') + padding : padding + chars.join('');
}

/** RFC 4180: a field holding a comma, a double quote or a line break is quoted, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** RFC 4180 records, each ended by CRLF. */
export function csvRecords(records: readonly (readonly string[])[]): string {
  return records.map((record) => `${record.map(csvField).join(',')}\r\n`).join('');
}

/**
 * Spreadsheets run a cell starting with `=`, `+`, `-` or `@` as a formula; free text is kept
 * inert with a leading apostrophe (OWASP's advice). Amounts are never passed through it.
 */
export function inertText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
