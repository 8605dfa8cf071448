import { isPlainDecimalString } from '@lumbung/core';
import type { Language } from './statement-language';

const separators: Readonly<Record<Language, { group: string; decimal: string }>> = {
  id: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

/**
 * `1234567.00` as people read it: `1.234.567,00` in Indonesian, `1,234,567.00` in English.
 * Only the characters move: money never becomes a JavaScript number on its way to paper.
 */
export function formatAmount(amount: string, lang: Language): string {
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
export function formatMoney(amount: string, currency: string, lang: Language): string {
  const formatted = formatAmount(amount, lang);
  const negative = formatted.startsWith('-');
  const digits = negative ? formatted.slice(1) : formatted;
  const symbol = lang === 'id' && currency === 'IDR' ? 'Rp' : `${currency} `;
  return `${negative ? '-' : ''}${symbol}${digits}`;
}
