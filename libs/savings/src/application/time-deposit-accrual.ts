import { type BusinessDate, Money } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { ChartService, type PostingDraft, PostingService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import {
  placementAccruedThrough,
  placementInterest,
  type PlacementTerms,
} from '../domain/time-deposit';
import { productBy, type ProductView } from '../infrastructure/product-store';
import {
  type AccruingPlacement,
  accruedOnPlacement,
  insertPlacementAccruals,
  lockAccruingPlacements,
  type PlacementAccrual,
} from '../infrastructure/time-deposit-accrual-store';
import type { Placement } from '../infrastructure/placement-store';
import { interestPayableLeaf, savingsInterestCodes } from './interest-payable';

/** How a settle closes a placement's accrual: its postings, and the row to keep once posted. */
export interface AccrualClosing {
  readonly postings: PostingDraft[];
  readonly record: (entryId: string) => Promise<void>;
}

function termsOf(
  p: Pick<Placement, 'principal' | 'annualRate' | 'dayCount' | 'startDate' | 'maturityDate'>,
  currency: string,
): PlacementTerms {
  return {
    principal: Money.parse(p.principal, currency),
    annualRate: p.annualRate,
    dayCount: p.dayCount,
    startDate: p.startDate as BusinessDate,
    maturityDate: p.maturityDate as BusinessDate,
  };
}

/**
 * Time deposit interest as it is earned (DESIGN.md sections 3 and 5): each day the end of day
 * accrues every running placement's share into the product's interest payable (Dr savings
 * interest expense), one summary entry per product valued D; maturity pays it out of payable,
 * and an early withdrawal, which forfeits interest, reverses what accrued.
 */
@Injectable()
export class TimeDepositAccrual {
  constructor(
    private readonly posting: PostingService,
    private readonly charts: ChartService,
  ) {}

  /** Day D for the whole cooperative; idempotent, as each placement accrues only what is due. */
  async accrue(tx: Tx, cooperativeId: string, date: BusinessDate): Promise<number> {
    const due = new Map<string, PlacementAccrual[]>();
    for (const p of await lockAccruingPlacements(tx, cooperativeId, date)) {
      const amount = this.dueThrough(p, date);
      if (amount.isZero()) continue;
      const ofProduct = due.get(p.productId) ?? [];
      ofProduct.push({
        accountId: p.accountId,
        placementNo: p.placementNo,
        amount: amount.toString(),
      });
      due.set(p.productId, ofProduct);
    }
    let accrued = 0;
    // Products in id order, as every path posting to several payable leaves locks them.
    for (const productId of [...due.keys()].sort()) {
      const product = (await productBy(tx, cooperativeId, { id: productId }))!;
      const rows = due.get(productId)!;
      const total = rows.reduce(
        (sum, row) => sum.plus(Money.parse(row.amount, product.currency)),
        Money.zero(product.currency),
      );
      const { entry } = await this.posting.post(tx, cooperativeId, {
        description: `Jasa simpanan berjangka ${product.code} ${date}`,
        source: { type: 'savings.time-deposit-accrual', id: product.id },
        valueDate: date,
        postings: await this.accrualLines(tx, cooperativeId, product, total),
      });
      await insertPlacementAccruals(tx, cooperativeId, date, rows, entry.id);
      accrued += rows.length;
    }
    return accrued;
  }

  /**
   * The settle of a placement on `date`: at maturity, the interest not accrued yet is expensed
   * and the rest comes out of payable; before maturity the interest is forfeited, so what
   * accrued goes back from payable to expense. Either way payable gives up all the placement
   * accrued. The caller posts the lines in its entry, then records the day's change.
   */
  async closing(
    tx: Tx,
    cooperativeId: string,
    product: ProductView,
    accountId: string,
    placement: Placement,
    date: BusinessDate,
    matured: boolean,
  ): Promise<AccrualClosing> {
    const currency = product.currency;
    const accrued = Money.parse(
      await accruedOnPlacement(tx, cooperativeId, accountId, placement.placementNo),
      currency,
    );
    const change = matured
      ? placementInterest(termsOf(placement, currency)).minus(accrued)
      : accrued.negated();
    const postings: PostingDraft[] = [];
    if (!change.isZero()) {
      const expense = await this.charts.accountByCode(
        tx,
        cooperativeId,
        savingsInterestCodes.expense,
      );
      postings.push({ accountId: expense.id, amount: change, counterpartyClass: 'member' });
    }
    if (!accrued.isZero()) {
      const payable = await interestPayableLeaf(tx, this.charts, cooperativeId, product);
      postings.push({ accountId: payable, amount: accrued });
    }
    return {
      postings,
      record: async (entryId) => {
        if (change.isZero()) return;
        await insertPlacementAccruals(
          tx,
          cooperativeId,
          date,
          [{ accountId, placementNo: placement.placementNo, amount: change.toString() }],
          entryId,
        );
      },
    };
  }

  private dueThrough(p: AccruingPlacement, date: BusinessDate): Money {
    const terms = termsOf(p, p.currency);
    const through = date < terms.maturityDate ? date : terms.maturityDate;
    return placementAccruedThrough(terms, through).minus(Money.parse(p.accrued, p.currency));
  }

  private async accrualLines(
    tx: Tx,
    cooperativeId: string,
    product: ProductView,
    total: Money,
  ): Promise<PostingDraft[]> {
    const expense = await this.charts.accountByCode(
      tx,
      cooperativeId,
      savingsInterestCodes.expense,
    );
    const payable = await interestPayableLeaf(tx, this.charts, cooperativeId, product);
    return [
      { accountId: expense.id, amount: total, counterpartyClass: 'member' },
      { accountId: payable, amount: total.negated() },
    ];
  }
}
