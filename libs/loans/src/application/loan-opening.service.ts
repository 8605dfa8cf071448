import { AuditLog } from '@lumbung/audit';
import { addDays, type BusinessDate, Money, uuidv7 } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { ChartService, type PostingDraft, PostingService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import { accruedThrough } from '../domain/accrual';
import type { CollateralInput, LoanSector } from '../domain/loan-application';
import type { Instalment } from '../domain/schedule';
import {
  activateLoan,
  advanceLoanNumber,
  insertCollateral,
  insertLoan,
} from '../infrastructure/loan-store';
import {
  loanProductBy,
  loanProductsOf,
  type LoanProductView,
} from '../infrastructure/product-store';
import { insertAccrualRows } from '../infrastructure/repayment-store';
import { insertSchedule } from '../infrastructure/schedule-store';

/** One instalment still (partly) unpaid at the cut-over: what is left of it. */
export interface OpeningInstalment {
  readonly no: number;
  readonly periodStart: BusinessDate;
  readonly dueDate: BusinessDate;
  readonly principal: Money;
  readonly interest: Money;
}

/** A loan part-way through its schedule in the old books. */
export interface OpeningLoan {
  /** Eight digits or more, as loan numbers are stored. */
  readonly loanNumber: string;
  readonly memberId: string;
  readonly productCode: string;
  readonly disbursedOn: BusinessDate;
  /** The loan's nominal rate in its product's ratePer units. */
  readonly rate: string;
  /** Principal outstanding: what the remaining instalments' principal sums to. */
  readonly principal: Money;
  readonly sector: LoanSector;
  readonly commodity: string | null;
  readonly region: string | null;
  readonly purpose: string;
  readonly instalments: readonly OpeningInstalment[];
  readonly collateral: readonly CollateralInput[];
}

/**
 * Loans brought over at a cut-over (libs/onboarding). A loan here is what remains of it: its
 * principal, term and schedule are the instalments not yet paid (an instalment in arrears with
 * what is left of it), so the schedule sums to the principal, as every loan's does. Its interest
 * accrued before the cut-over (arrears in full, the running period's share by the closed form)
 * is one accrual row on the day before and receivable on its product's leaf, and its accrual
 * position stands on that day: the end of day goes on from the cut-over, and repayments,
 * arrears, grades and provisions read the schedule as they do for any loan.
 */
@Injectable()
export class LoanOpening {
  constructor(
    private readonly charts: ChartService,
    private readonly posting: PostingService,
    private readonly audit: AuditLog,
  ) {}

  products(tx: Tx, cooperativeId: string): Promise<LoanProductView[]> {
    return loanProductsOf(tx, cooperativeId);
  }

  /** Interest accrued through the day before the cut-over on what remains of the schedule. */
  accruedBefore(instalments: readonly OpeningInstalment[], cutoverDate: BusinessDate): Money {
    return accruedThrough(scheduleOf(instalments), addDays(cutoverDate, -1));
  }

  /** Opens every loan and posts the area's one entry; resolves to that entry's id. */
  async open(
    tx: Tx,
    cooperativeId: string,
    opening: {
      readonly cutoverDate: BusinessDate;
      readonly currency: string;
      readonly counterpartAccountId: string;
      /** Who brings the loans over: the loans' applicant of record. */
      readonly actorId: string;
      readonly loans: readonly OpeningLoan[];
      readonly onLoan?: (done: number) => void;
    },
  ): Promise<string> {
    const accrualDate = addDays(opening.cutoverDate, -1);
    const heading = await this.charts.accountByCode(tx, cooperativeId, '1-13');
    const opened: Array<{ loan: OpeningLoan; id: string; leafId: string; accrued: Money }> = [];
    const postings: PostingDraft[] = [];
    const receivable = new Map<string, Money>();
    for (const loan of opening.loans) {
      const product = (await loanProductBy(tx, cooperativeId, { code: loan.productCode }))!;
      const id = uuidv7();
      await insertLoan(tx, cooperativeId, {
        id,
        loanNumber: loan.loanNumber,
        memberId: loan.memberId,
        productId: product.id,
        currency: product.currency,
        amount: loan.principal.toString(),
        principal: loan.principal.toString(),
        rate: loan.rate,
        instalments: loan.instalments.length,
        purpose: loan.purpose,
        sector: loan.sector,
        commodity: loan.commodity,
        region: loan.region,
        relatedParty: false,
        terms: product.terms,
        fees: [],
        appliedBy: opening.actorId,
        appliedOn: loan.disbursedOn,
      });
      const leaf = await this.charts.openLeaf(tx, cooperativeId, {
        parentId: heading.id,
        code: `1-13-${loan.loanNumber}`,
        name: `Pinjaman ${loan.loanNumber} ${product.code}`.slice(0, 200),
        currency: product.currency,
        floor: '0',
        holder: 'member',
      });
      await insertSchedule(tx, cooperativeId, id, scheduleOf(loan.instalments));
      await insertCollateral(tx, cooperativeId, id, loan.collateral, opening.cutoverDate);
      await advanceLoanNumber(tx, cooperativeId, Number(loan.loanNumber));
      const accrued = this.accruedBefore(loan.instalments, opening.cutoverDate);
      postings.push({ accountId: leaf.id, amount: loan.principal });
      if (!accrued.isZero()) {
        const leafId = product.interestReceivableAccountId;
        receivable.set(
          leafId,
          (receivable.get(leafId) ?? Money.zero(product.currency)).plus(accrued),
        );
      }
      opened.push({ loan, id, leafId: leaf.id, accrued });
      opening.onLoan?.(opened.length);
    }
    for (const [accountId, amount] of receivable) postings.push({ accountId, amount });
    const total = postings.reduce((sum, p) => sum.plus(p.amount), Money.zero(opening.currency));
    postings.push({ accountId: opening.counterpartAccountId, amount: total.negated() });
    const { entry } = await this.posting.post(tx, cooperativeId, {
      description: `Saldo awal pinjaman anggota ${opening.cutoverDate}`,
      source: { type: 'loans.opening-balance', id: cooperativeId },
      postings,
    });
    for (const { loan, id, leafId, accrued } of opened) {
      await activateLoan(tx, cooperativeId, id, {
        on: loan.disbursedOn,
        entryId: entry.id,
        ledgerAccountId: leafId,
        accruedThrough: accrualDate,
      });
      if (!accrued.isZero()) {
        await insertAccrualRows(
          tx,
          cooperativeId,
          [{ loanId: id, date: accrualDate, amount: accrued.toString() }],
          entry.id,
        );
      }
      await this.audit.record(tx, {
        cooperativeId,
        action: 'loans.loan.opening-balance',
        targetType: 'loan',
        targetId: id,
        after: {
          loanNumber: loan.loanNumber,
          principal: loan.principal.toString(),
          accruedInterest: accrued.toString(),
          instalments: loan.instalments.length,
          collateral: loan.collateral.length,
          entryId: entry.id,
        },
      });
    }
    return entry.id;
  }
}

/** The remaining instalments as schedule rows, each with what stays outstanding after it. */
function scheduleOf(instalments: readonly OpeningInstalment[]): Instalment[] {
  let outstanding = instalments.reduce(
    (sum, i) => sum.plus(i.principal),
    Money.zero(instalments[0].principal.currency),
  );
  return instalments.map((instalment) => {
    outstanding = outstanding.minus(instalment.principal);
    return {
      ...instalment,
      total: instalment.principal.plus(instalment.interest),
      balanceAfter: outstanding,
    };
  });
}
