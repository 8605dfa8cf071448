import { Decimal, type PrintLanguage, printLanguages } from '@lumbung/core';

/**
 * What loan statements add to libs/core's text on paper (text/print-format.ts, columns.ts,
 * csv.ts), which they share with the savings statement.
 */

/** Statements speak Indonesian by default; English for partners and auditors abroad. */
export const loanStatementLanguages = printLanguages;
export type LoanStatementLanguage = PrintLanguage;

/** A rate kept as a fraction (`0.015`) as people say it: `1,5%` or `1.5%`. */
export function formatPercent(fraction: string, lang: LoanStatementLanguage): string {
  const percent = new Decimal(fraction).times(100).toFixed();
  return `${lang === 'id' ? percent.replace('.', ',') : percent}%`;
}
