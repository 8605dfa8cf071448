import { Decimal, type FieldProblem, InvalidInputError, Money } from '@lumbung/core';
import { denominationsOf, matchDenomination } from './denominations';

export interface CountLine {
  /** As listed for the currency, e.g. "100000" or "0.50". */
  readonly denomination: string;
  readonly pieces: number;
}

export interface CashCount {
  /** One line per denomination counted, largest first. */
  readonly lines: readonly CountLine[];
  readonly total: Money;
}

/** More pieces of one denomination than a cooperative's till ever holds: a typing slip. */
export const maxPieces = 1_000_000;

/**
 * A teller's count of the cash in the drawer, line by line, and what it adds up to. Only notes
 * and coins in circulation count; each denomination once.
 */
export function countCash(currency: string, count: unknown): CashCount {
  const listed = denominationsOf(currency);
  if (!listed) {
    throw new InvalidInputError(`Cash in ${currency} cannot be counted`, [
      { field: 'currency', message: 'no notes and coins are known for this currency' },
    ]);
  }
  if (!Array.isArray(count) || count.length === 0) {
    throw new InvalidInputError('The close needs the cash count', [
      { field: 'count', message: 'a list of denominations with the pieces counted' },
    ]);
  }
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const pieces = new Map<string, number>();
  count.forEach((line: unknown, i) => {
    const raw = (typeof line === 'object' && line !== null ? line : {}) as Record<string, unknown>;
    const denomination = matchDenomination(currency, raw.denomination);
    if (!denomination) {
      problems.push({ field: `count[${i}].denomination`, message: `one of ${listed.join(', ')}` });
    } else if (seen.has(denomination)) {
      problems.push({ field: `count[${i}].denomination`, message: 'counted twice' });
    } else {
      seen.add(denomination);
    }
    const n = raw.pieces;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > maxPieces) {
      problems.push({ field: `count[${i}].pieces`, message: `a whole number, 0 to ${maxPieces}` });
    } else if (denomination) {
      pieces.set(denomination, n);
    }
  });
  if (problems.length > 0) throw new InvalidInputError('The cash count is not valid', problems);
  const lines = listed
    .filter((d) => pieces.has(d))
    .map((denomination) => ({ denomination, pieces: pieces.get(denomination)! }));
  const total = lines.reduce(
    (sum, line) => sum.plus(new Decimal(line.denomination).times(line.pieces)),
    new Decimal(0),
  );
  return { lines, total: Money.of(total, currency) };
}
