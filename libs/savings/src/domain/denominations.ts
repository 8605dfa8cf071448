import { Decimal, isPlainDecimalString } from '@lumbung/core';

/**
 * Notes and coins in circulation, largest first, as a teller counts them. IDR has a Rp1,000 note
 * and a Rp1,000 coin: a count does not tell them apart, so 1000 is listed once.
 */
const circulating: Readonly<Record<string, readonly string[]>> = {
  IDR: ['100000', '50000', '20000', '10000', '5000', '2000', '1000', '500', '200', '100'],
  USD: ['100', '50', '20', '10', '5', '2', '1', '0.50', '0.25', '0.10', '0.05', '0.01'],
  MYR: ['100', '50', '20', '10', '5', '1', '0.50', '0.20', '0.10', '0.05'],
};

/** The currencies a till can be counted in. */
export function countableCurrencies(): readonly string[] {
  return Object.keys(circulating);
}

/** The denominations of a currency, largest first; undefined for a currency we cannot count. */
export function denominationsOf(currency: string): readonly string[] | undefined {
  return circulating[currency];
}

/** The listed form of `value` ("0.5" and "0.50" are one coin); undefined if not in circulation. */
export function matchDenomination(currency: string, value: unknown): string | undefined {
  if (!isPlainDecimalString(value)) return undefined;
  const wanted = new Decimal(value);
  return denominationsOf(currency)?.find((listed) => wanted.eq(listed));
}
