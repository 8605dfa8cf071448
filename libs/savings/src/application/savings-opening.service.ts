import { AuditLog } from '@lumbung/audit';
import { addDays, type BusinessDate, Money } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { ChartService, type PostingDraft, PostingService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import type { BerjangkaTerms } from '../domain/product-terms';
import { type DayCount, maturityDate, placementAccruedThrough } from '../domain/time-deposit';
import { touchAccount } from '../infrastructure/account-store';
import { insertPlacement } from '../infrastructure/placement-store';
import { productBy, productsOf, type ProductView } from '../infrastructure/product-store';
import { insertPlacementAccruals } from '../infrastructure/time-deposit-accrual-store';
import { recordTransaction } from '../infrastructure/transaction-store';
import { interestPayableLeaf } from './interest-payable';
import { SavingsAccountService } from './savings-account.service';

/** A time deposit running at the cut-over: placed in the old books, maturing on or after it. */
export interface OpeningPlacement {
  readonly startDate: BusinessDate;
  readonly termMonths: number;
  /** Fixed when it was placed, so it may differ from the product's rate today. */
  readonly annualRate: string;
}

export interface OpeningSavingsAccount {
  readonly memberId: string;
  readonly productCode: string;
  readonly balance: Money;
  /** Wajib only: the last month paid, YYYY-MM. */
  readonly wajibPaidThrough?: string;
  /** Berjangka only. */
  readonly placement?: OpeningPlacement;
}

/** Placements accrue with the day count every teller placement uses (TimeDepositService). */
const placementDayCount: DayCount = 'actual/365';

/**
 * Savings brought over at a cut-over (libs/onboarding): each account is opened as a teller would
 * open it, then one entry credits every balance, and the interest time deposits accrued before
 * the cut-over to their products' payable leaves, against `counterpartAccountId` (the opening
 * balance equity). Each balance is also a savings transaction ('opening-balance'), so the record
 * and the ledger agree; the interest accrued is kept as that placement's accrual on the day
 * before the cut-over, so the end of day accrues only what comes after and maturity pays it all.
 */
@Injectable()
export class SavingsOpening {
  constructor(
    private readonly accounts: SavingsAccountService,
    private readonly posting: PostingService,
    private readonly charts: ChartService,
    private readonly audit: AuditLog,
  ) {}

  products(tx: Tx, cooperativeId: string): Promise<ProductView[]> {
    return productsOf(tx, cooperativeId);
  }

  /** When a placement started on `start` for `termMonths` matures. */
  maturity(start: BusinessDate, termMonths: number): BusinessDate {
    return maturityDate(start, termMonths);
  }

  /** What a placement has accrued by the end of the day before `cutoverDate`. */
  accruedBefore(placement: OpeningPlacement, principal: Money, cutoverDate: BusinessDate): Money {
    return placementAccruedThrough(
      {
        principal,
        annualRate: placement.annualRate,
        dayCount: placementDayCount,
        startDate: placement.startDate,
        maturityDate: maturityDate(placement.startDate, placement.termMonths),
      },
      addDays(cutoverDate, -1),
    );
  }

  /** Opens every account and posts the area's one entry; resolves to that entry's id. */
  async open(
    tx: Tx,
    cooperativeId: string,
    opening: {
      readonly cutoverDate: BusinessDate;
      /** The functional currency: the file's balances are all in it. */
      readonly currency: string;
      readonly counterpartAccountId: string;
      readonly accounts: readonly OpeningSavingsAccount[];
      readonly onAccount?: (done: number) => void;
    },
  ): Promise<string> {
    const { cutoverDate } = opening;
    const accrualDate = addDays(cutoverDate, -1);
    const opened: Array<{
      request: OpeningSavingsAccount;
      product: ProductView;
      accountId: string;
    }> = [];
    const postings: PostingDraft[] = [];
    const payable = new Map<string, Money>();
    const accruals: Array<{ accountId: string; placementNo: number; amount: string }> = [];
    for (const request of opening.accounts) {
      const product = (await productBy(tx, cooperativeId, { code: request.productCode }))!;
      const account = await this.accounts.open(tx, cooperativeId, {
        memberId: request.memberId,
        productId: product.id,
      });
      opened.push({ request, product, accountId: account.id });
      if (!request.balance.isZero()) {
        postings.push({ accountId: account.ledgerAccountId, amount: request.balance.negated() });
      }
      if (request.placement) {
        const accrued = this.accruedBefore(request.placement, request.balance, cutoverDate);
        if (!accrued.isZero()) {
          const leaf = await interestPayableLeaf(tx, this.charts, cooperativeId, product);
          payable.set(leaf, (payable.get(leaf) ?? Money.zero(product.currency)).plus(accrued));
          accruals.push({ accountId: account.id, placementNo: 1, amount: accrued.toString() });
        }
      }
      opening.onAccount?.(opened.length);
    }
    for (const [leaf, amount] of payable) {
      postings.push({ accountId: leaf, amount: amount.negated() });
    }
    const total = postings.reduce((sum, p) => sum.plus(p.amount), Money.zero(opening.currency));
    postings.push({ accountId: opening.counterpartAccountId, amount: total.negated() });
    const { entry } = await this.posting.post(tx, cooperativeId, {
      description: `Saldo awal simpanan anggota ${cutoverDate}`,
      source: { type: 'savings.opening-balance', id: cooperativeId },
      postings,
    });
    for (const { request, product, accountId } of opened) {
      await this.record(tx, cooperativeId, entry.id, cutoverDate, request, product, accountId);
    }
    await insertPlacementAccruals(tx, cooperativeId, accrualDate, accruals, entry.id);
    return entry.id;
  }

  private async record(
    tx: Tx,
    cooperativeId: string,
    entryId: string,
    cutoverDate: BusinessDate,
    request: OpeningSavingsAccount,
    product: ProductView,
    accountId: string,
  ): Promise<void> {
    if (!request.balance.isZero()) {
      await recordTransaction(tx, cooperativeId, {
        entryId,
        operation: 'opening-balance',
        savingsAccountId: accountId,
        memberId: request.memberId,
        amount: request.balance.toString(),
        currency: request.balance.currency.code,
        direction: 'in',
        cash: false,
        receiptNumber: null,
        businessDate: cutoverDate,
        tellerId: null,
        approvalId: null,
      });
    }
    if (request.wajibPaidThrough) {
      await touchAccount(tx, cooperativeId, accountId, cutoverDate, request.wajibPaidThrough);
    }
    if (request.placement) {
      const start = request.placement.startDate;
      await insertPlacement(tx, cooperativeId, accountId, {
        placementNo: 1,
        principal: request.balance.toString(),
        annualRate: request.placement.annualRate,
        dayCount: placementDayCount,
        termMonths: request.placement.termMonths,
        startDate: start,
        maturityDate: maturityDate(start, request.placement.termMonths),
        instruction: (product.terms as BerjangkaTerms).maturityInstruction,
      });
    }
    await this.audit.record(tx, {
      cooperativeId,
      action: 'savings.account.opening-balance',
      targetType: 'savings_account',
      targetId: accountId,
      after: {
        balance: request.balance.toString(),
        wajibPaidThrough: request.wajibPaidThrough ?? null,
        placement: request.placement ?? null,
      },
    });
  }
}
