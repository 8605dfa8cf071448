import { isPlainDecimalString } from '../money/decimal';

/**
 * Amounts, dates and times as statements, passbooks and receipts print them. Paper speaks
 * Indonesian by default; English for partners and auditors abroad.
 */
export const printLanguages = ['id', 'en'] as const;
export type PrintLanguage = (typeof printLanguages)[number];

const separators: Readonly<Record<PrintLanguage, { group: string; decimal: string }>> = {
  id: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

/**
 * `1234567.00` as people read it: `1.234.567,00` in Indonesian, `1,234,567.00` in English.
 * Only the characters move: money never becomes a JavaScript number on its way to paper.
 */
export function formatAmount(amount: string, lang: PrintLanguage): string {
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

/** `Rp1.234.567,00` (rupiah in Indonesian), `USD 1.234,56`, `IDR 1,234,567.00` in English. */
export function formatMoney(amount: string, currency: string, lang: PrintLanguage): string {
  const formatted = formatAmount(amount, lang);
  const negative = formatted.startsWith('-');
  const digits = negative ? formatted.slice(1) : formatted;
  const symbol = lang === 'id' && currency === 'IDR' ? 'Rp' : `${currency} `;
  return `${negative ? '-' : ''}${symbol}${digits}`;
}

/** `20/11/2026` for Indonesian readers; ISO `2026-11-20` in English, unambiguous abroad. */
export function formatDate(date: string, lang: PrintLanguage): string {
  if (lang === 'en') return date;
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

/** The ISO date and `HH:mm` of an instant on the cooperative's clock. */
function localClock(iso: string, timeZone: string): { date: string; time: string } {
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
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}

/** `2026-11-20 14:05 (Asia/Makassar)`: when a statement was made, on the cooperative's clock. */
export function localTimestamp(iso: string, timeZone: string): string {
  const { date, time } = localClock(iso, timeZone);
  return `${date} ${time} (${timeZone})`;
}

/** `20/11/2026 14:05` (Indonesian) or `2026-11-20 14:05` (English), on the cooperative's clock. */
export function localDateTime(iso: string, timeZone: string, lang: PrintLanguage): string {
  const { date, time } = localClock(iso, timeZone);
  return `${formatDate(date, lang)} ${time}`;
}
