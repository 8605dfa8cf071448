import { type BusinessDate, compareDates, Decimal, Money } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { ChartService, PostingService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import { type CollectibilitySettings, gradeLoan } from '../domain/collectibility';
import { collateralCredit, provisionFor } from '../domain/provision';
import { loanProductBy, type LoanProductView } from '../infrastructure/product-store';
import {
  allowanceAccountOf,
  closedWithProvision,
  collateralHeldOn,
  collectibilityOf,
  gradingInputs,
  type HeldCollateral,
  insertAllowanceAccount,
  insertProvisions,
  latestProvisions,
  manualGradesOn,
  type ProvisionRecord,
} from '../infrastructure/quality-store';
import { restructuredGradesOn } from '../infrastructure/restructuring-store';

/** Where provisions post: Beban Penyisihan Penghapusan Pinjaman, and each product's allowance under PPAP. */
export const provisionCodes = { expense: '5-1103', allowanceHeading: '1-17' } as const;

type Draft = Omit<ProvisionRecord, 'change' | 'entryId'>;

/** A row to book, with what the ledger needs to know about its loan. */
interface Booking {
  readonly productId: string;
  readonly currency: string;
  readonly draft: Draft;
}

/**
 * What the end of day books for loan quality on day D (DESIGN.md section 5): each running loan's
 * days past due and grade (the worse of its arrears and a manager's downgrade in force), and the
 * allowance it needs (PPAP: the grade's rate on the principal less eligible collateral credit),
 * all as of D by value date. A loan gets a `loan_provision` row for D when anything in it
 * changed since its latest row; the chunk posts one summary entry per product for the change in
 * allowance (Dr 5-1103, Cr `1-17-<code>`, or back). A loan already booked for D (or a later
 * day) is left alone, so the same date run twice changes nothing.
 */
@Injectable()
export class LoanProvisioning {
  constructor(
    private readonly posting: PostingService,
    private readonly charts: ChartService,
  ) {}

  /** The running loans of a range of a day's loan chunk; they are locked in id order first. */
  async closeRange(
    tx: Tx,
    cooperativeId: string,
    date: BusinessDate,
    range: { fromId: string; toId: string },
  ): Promise<{ loans: number; booked: number }> {
    const inputs = await gradingInputs(tx, cooperativeId, date, range);
    if (inputs.length === 0) return { loans: 0, booked: 0 };
    const settings = await collectibilityOf(tx, cooperativeId);
    const ids = inputs.map((input) => input.loanId);
    const manual = await manualGradesOn(tx, cooperativeId, ids, date);
    const restructured = await restructuredGradesOn(tx, cooperativeId, ids, date);
    const held = new Map<string, HeldCollateral[]>();
    for (const item of await collateralHeldOn(tx, cooperativeId, ids, date)) {
      held.set(item.loanId, [...(held.get(item.loanId) ?? []), item]);
    }
    const latest = await latestProvisions(tx, cooperativeId, ids);
    const drafts: Booking[] = [];
    for (const input of inputs) {
      // Booked for D already, or for a later day (the days close in order): left alone.
      const bookedOn = latest.get(input.loanId)?.asOf;
      if (bookedOn !== undefined && compareDates(bookedOn, date) >= 0) continue;
      const grading = gradeLoan(
        settings.preset,
        date,
        input.oldestUnpaidDue,
        manual.get(input.loanId) ?? null,
        restructured.get(input.loanId) ?? null,
      );
      const principal = Money.of(input.outstandingPrincipal, input.currency);
      const credit = collateralCredit(
        held.get(input.loanId) ?? [],
        settings.collateralCredit,
        input.currency,
      );
      const provision = provisionFor(settings, grading.grade, principal, credit);
      drafts.push({
        productId: input.productId,
        currency: input.currency,
        draft: {
          loanId: input.loanId,
          asOf: date,
          closed: false,
          oldestUnpaidDue: input.oldestUnpaidDue,
          daysPastDue: grading.daysPastDue,
          preset: settings.preset,
          computedGrade: grading.computedGrade,
          manualGrade: grading.manualGrade,
          restructuredGrade: grading.restructuredGrade,
          grade: grading.grade,
          outstandingPrincipal: principal.toString(),
          collateralCredit: credit.toString(),
          rate: provision.rate,
          required: provision.required.toString(),
        },
      });
    }
    const booked = await this.book(tx, cooperativeId, date, drafts, latest);
    return { loans: inputs.length, booked };
  }

  /**
   * Releases the allowance of loans paid off on `date` (the cooperative-wide chunk): a `closed`
   * row with nothing required, once per loan. A manual downgrade lapses with the payoff.
   */
  async releaseClosed(
    tx: Tx,
    cooperativeId: string,
    date: BusinessDate,
  ): Promise<{ released: number }> {
    const closed = await closedWithProvision(tx, cooperativeId, date);
    if (closed.length === 0) return { released: 0 };
    const settings: CollectibilitySettings = await collectibilityOf(tx, cooperativeId);
    const latest = await latestProvisions(
      tx,
      cooperativeId,
      closed.map((loan) => loan.loanId),
    );
    const zero = (currency: string) => Money.zero(currency).toString();
    const drafts = closed
      .filter((loan) => latest.get(loan.loanId)?.closed === false)
      .map((loan) => ({
        productId: loan.productId,
        currency: loan.currency,
        draft: {
          loanId: loan.loanId,
          asOf: date,
          closed: true,
          oldestUnpaidDue: null,
          daysPastDue: 0,
          preset: settings.preset,
          computedGrade: null,
          manualGrade: null,
          restructuredGrade: null,
          grade: null,
          outstandingPrincipal: zero(loan.currency),
          collateralCredit: zero(loan.currency),
          rate: '0',
          required: zero(loan.currency),
        } satisfies Draft,
      }));
    return { released: await this.book(tx, cooperativeId, date, drafts, latest) };
  }

  /**
   * Writes the rows that differ from each loan's latest and posts, per product, the change in
   * allowance they make together; returns how many rows it wrote.
   */
  private async book(
    tx: Tx,
    cooperativeId: string,
    date: BusinessDate,
    drafts: readonly Booking[],
    latest: ReadonlyMap<string, ProvisionRecord>,
  ): Promise<number> {
    const byProduct = new Map<string, { draft: Draft; change: Money }[]>();
    for (const { productId, currency, draft } of drafts) {
      const before = latest.get(draft.loanId);
      if (before && unchanged(before, draft)) continue;
      const required = Money.of(draft.required, currency);
      const change = before ? required.minus(Money.of(before.required, currency)) : required;
      byProduct.set(productId, [...(byProduct.get(productId) ?? []), { draft, change }]);
    }
    const rows: ProvisionRecord[] = [];
    // Products in id order: every chunk takes the allowance balances in the same order.
    for (const productId of [...byProduct.keys()].sort()) {
      const ofProduct = byProduct.get(productId)!;
      const product = (await loanProductBy(tx, cooperativeId, { id: productId }))!;
      const total = ofProduct.reduce(
        (sum, row) => sum.plus(row.change),
        Money.zero(product.currency),
      );
      let entryId: string | null = null;
      if (!total.isZero()) {
        const allowance = await this.allowanceAccount(tx, cooperativeId, product);
        const expense = await this.charts.accountByCode(tx, cooperativeId, provisionCodes.expense);
        const { entry } = await this.posting.post(tx, cooperativeId, {
          description: `PPAP ${product.code} ${date}`,
          source: { type: 'loans.provision', id: product.id },
          valueDate: date,
          postings: [
            { accountId: expense.id, amount: total, counterpartyClass: 'member' },
            { accountId: allowance, amount: total.negated() },
          ],
        });
        entryId = entry.id;
      }
      for (const { draft, change } of ofProduct) {
        rows.push({
          ...draft,
          change: change.toString(),
          entryId: change.isZero() ? null : entryId,
        });
      }
    }
    await insertProvisions(tx, cooperativeId, rows);
    return rows.length;
  }

  /**
   * The product's allowance leaf `1-17-<code>` (credit side, floor 0), opened the first time the
   * product needs one; concurrent chunks wait on one another for the opening.
   */
  async allowanceAccount(tx: Tx, cooperativeId: string, product: LoanProductView): Promise<string> {
    const opened = await allowanceAccountOf(tx, cooperativeId, product.id);
    if (opened) return opened;
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `loan-allowance:${cooperativeId}:${product.id}`,
    ]);
    const raced = await allowanceAccountOf(tx, cooperativeId, product.id);
    if (raced) return raced;
    const heading = await this.charts.accountByCode(
      tx,
      cooperativeId,
      provisionCodes.allowanceHeading,
    );
    const leaf = await this.charts.openLeaf(tx, cooperativeId, {
      parentId: heading.id,
      code: `${provisionCodes.allowanceHeading}-${product.code}`,
      name: `PPAP ${product.name}`.slice(0, 200),
      currency: product.currency,
      floor: '0',
      normalSide: 'credit',
    });
    await insertAllowanceAccount(tx, cooperativeId, product.id, leaf.id);
    return leaf.id;
  }
}

/** Nothing that a provision row records moved since `before`. */
function unchanged(before: ProvisionRecord, after: Draft): boolean {
  const same = (a: string, b: string) => new Decimal(a).eq(b);
  return (
    before.closed === after.closed &&
    before.oldestUnpaidDue === after.oldestUnpaidDue &&
    before.preset === after.preset &&
    before.computedGrade === after.computedGrade &&
    before.manualGrade === after.manualGrade &&
    before.restructuredGrade === after.restructuredGrade &&
    before.grade === after.grade &&
    same(before.outstandingPrincipal, after.outstandingPrincipal) &&
    same(before.collateralCredit, after.collateralCredit) &&
    same(before.rate, after.rate) &&
    same(before.required, after.required)
  );
}
