import { InvalidInputError } from '../errors/problems';

export interface Currency {
  readonly code: string;
  readonly minorUnits: number;
  readonly name: string;
}

/**
 * ISO 4217 currencies a cooperative in the region may hold. Minor units decide the scale of
 * every ledger amount in that currency.
 */
const currencies: readonly Currency[] = [
  { code: 'IDR', minorUnits: 2, name: 'Indonesian rupiah' },
  { code: 'USD', minorUnits: 2, name: 'US dollar' },
  { code: 'MYR', minorUnits: 2, name: 'Malaysian ringgit' },
  { code: 'SGD', minorUnits: 2, name: 'Singapore dollar' },
  { code: 'BND', minorUnits: 2, name: 'Brunei dollar' },
  { code: 'PHP', minorUnits: 2, name: 'Philippine peso' },
  { code: 'THB', minorUnits: 2, name: 'Thai baht' },
  { code: 'AUD', minorUnits: 2, name: 'Australian dollar' },
  { code: 'EUR', minorUnits: 2, name: 'Euro' },
  { code: 'CNY', minorUnits: 2, name: 'Yuan renminbi' },
  { code: 'JPY', minorUnits: 0, name: 'Yen' },
  { code: 'KRW', minorUnits: 0, name: 'Won' },
  { code: 'KWD', minorUnits: 3, name: 'Kuwaiti dinar' },
];

const byCode = new Map(currencies.map((c) => [c.code, c]));

export function knownCurrencies(): readonly Currency[] {
  return currencies;
}

export function findCurrency(code: string): Currency | undefined {
  return byCode.get(code);
}

export function currency(code: string, field = 'currency'): Currency {
  const found = byCode.get(code);
  if (!found) {
    throw new InvalidInputError(`Unknown currency "${code}"`, [
      { field, message: 'must be a supported ISO 4217 currency code' },
    ]);
  }
  return found;
}
