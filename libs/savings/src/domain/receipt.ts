import { Money } from '@lumbung/core';
import type { ProductKind } from './product-terms';
import { owedFrom } from './owed';
import type { Language } from './statement-language';

export const receiptFormats = ['json', 'pdf'] as const;
export type ReceiptFormat = (typeof receiptFormats)[number];

/**
 * A receipt number as the api accepts it: the positive voucher number of a gap-free series,
 * digits only, within the ledger's bigint. Anything else is simply not a receipt (404).
 */
export function isReceiptNumber(value: string): boolean {
  return /^[1-9]\d{0,17}$/.test(value);
}

/** One savings movement of the receipt's entry, as recorded, with its leaf posting. */
export interface ReceiptMovement {
  readonly operation: string;
  readonly accountId: string;
  readonly accountNumber: string;
  readonly kind: ProductKind;
  readonly memberId: string;
  readonly amount: string;
  readonly currency: string;
  readonly direction: 'in' | 'out';
  readonly cash: boolean;
  /** The leaf's ledger balance after its posting (debit positive: savings show negative). */
  readonly leafBalanceAfter: string;
}

/** One line of a receipt, from the member's side: the balance is what is owed to them. */
export interface ReceiptLine {
  readonly operation: string;
  readonly accountId: string;
  readonly accountNumber: string;
  readonly kind: ProductKind;
  readonly direction: 'in' | 'out';
  readonly amount: string;
  readonly cash: boolean;
  readonly balanceAfter: string;
}

/** The kuitansi of one receipt number: one ledger entry and every savings movement it made. */
export interface ReceiptView {
  readonly receiptNumber: string;
  readonly entryId: string;
  readonly description: string;
  readonly cooperative: {
    readonly id: string;
    readonly code: string;
    readonly name: string;
    readonly timeZone: string;
  };
  readonly businessDate: string;
  /** When the ledger recorded the entry (ISO 8601, UTC). */
  readonly recordedAt: string;
  readonly teller: { readonly id: string; readonly username: string } | null;
  readonly approvalId: string | null;
  readonly member: {
    readonly id: string;
    readonly memberNumber: string;
    readonly fullName: string;
  };
  readonly currency: string;
  readonly lines: readonly ReceiptLine[];
  /** Sums of the lines moving money into and out of the member's savings. */
  readonly totalIn: string;
  readonly totalOut: string;
  /**
   * Cash across the counter, as the till's posting in the entry has it (cash rounding included):
   * `in` when the member paid cash in, `out` when they were paid, `none` for a book transfer.
   */
  readonly cash: { readonly direction: 'in' | 'out' | 'none'; readonly amount: string };
  /** A later entry reversed this one; the receipt stays, marked as reversed. */
  readonly reversed: boolean;
  /**
   * Always true: the original receipt is the answer the teller got at the counter, so anything
   * looked up here is a copy (SALINAN), printed at `printedAt`.
   */
  readonly copy: true;
  readonly printedAt: string;
  readonly lang: Language;
}

/** The receipt's lines and totals from the recorded movements, in the order they were made. */
export function receiptLines(
  movements: readonly ReceiptMovement[],
  currency: string,
): Pick<ReceiptView, 'lines' | 'totalIn' | 'totalOut'> {
  let totalIn = Money.zero(currency);
  let totalOut = Money.zero(currency);
  const lines = movements.map((movement): ReceiptLine => {
    const amount = Money.of(movement.amount, currency);
    if (movement.direction === 'in') totalIn = totalIn.plus(amount);
    else totalOut = totalOut.plus(amount);
    return {
      operation: movement.operation,
      accountId: movement.accountId,
      accountNumber: movement.accountNumber,
      kind: movement.kind,
      direction: movement.direction,
      amount: amount.toString(),
      cash: movement.cash,
      balanceAfter: owedFrom(movement.leafBalanceAfter, currency).toString(),
    };
  });
  return { lines, totalIn: totalIn.toString(), totalOut: totalOut.toString() };
}

/** The till's net posting in the entry (debit positive: cash into the till) as the member sees it. */
export function counterCash(tillNet: string, currency: string): ReceiptView['cash'] {
  const net = Money.of(tillNet, currency);
  if (net.isZero()) return { direction: 'none', amount: Money.zero(currency).toString() };
  return {
    direction: net.isPositive() ? 'in' : 'out',
    amount: net.abs().toString(),
  };
}
