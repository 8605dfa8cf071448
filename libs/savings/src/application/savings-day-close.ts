import { type BusinessDate, Money, monthEnd, monthStart } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { ChartService, type PostingDraft, PostingService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import type { SukarelaTerms } from '../domain/product-terms';
import { dailyInterest, withholdingTax } from '../domain/savings-accrual';
import {
  type AccruingAccount,
  accruingAccountIds,
  insertAccruals,
  type InterestPosted,
  lockAccruingAccounts,
  recordInterestPosted,
  unaccruedBalances,
  unpostedMonthInterest,
} from '../infrastructure/accrual-store';
import { productBy, type ProductView } from '../infrastructure/product-store';
import { interestPayableLeaf, savingsInterestCodes } from './interest-payable';

/** A ledger entry holds at most 1,000 postings: the member lines of one stay well inside. */
const accountsPerEntry = 900;

/**
 * What the end of day does to a range of voluntary accounts for day D (DESIGN.md section 5):
 * each account's interest on its balance as of D by value date, one summary entry per product
 * (Dr savings interest expense, Cr the product's interest payable) with value date D; and on the
 * last day of a month, each account's month of interest moved from payable to the account, less
 * withholding tax. Both are idempotent per account (accrual per date, posting per month), so a
 * chunk run again changes nothing.
 */
@Injectable()
export class SavingsDayClose {
  constructor(
    private readonly posting: PostingService,
    private readonly charts: ChartService,
  ) {}

  /** The voluntary accounts accruing on `date`, in id order: what a run's chunks are cut from. */
  accountIds(tx: Tx, cooperativeId: string, date: BusinessDate): Promise<string[]> {
    return accruingAccountIds(tx, cooperativeId, date);
  }

  async close(
    tx: Tx,
    cooperativeId: string,
    date: BusinessDate,
    range: { fromId: string; toId: string },
  ): Promise<{ accrued: number; posted: number }> {
    // Every account of the chunk is locked before any balance, so a teller's deposit (account,
    // then balances) and this chunk never wait on each other in opposite orders.
    const accounts = await lockAccruingAccounts(tx, cooperativeId, date, range);
    if (accounts.length === 0) return { accrued: 0, posted: 0 };
    const balances = await unaccruedBalances(
      tx,
      cooperativeId,
      date,
      accounts.map((a) => a.id),
    );
    let posted = 0;
    for (const [product, ofProduct] of await this.byProduct(tx, cooperativeId, accounts)) {
      await this.accrue(tx, cooperativeId, date, product, ofProduct, balances);
      if (date === monthEnd(date)) {
        posted += await this.postMonth(tx, cooperativeId, date, product, ofProduct);
      }
    }
    return { accrued: balances.size, posted };
  }

  private async accrue(
    tx: Tx,
    cooperativeId: string,
    date: BusinessDate,
    product: ProductView,
    accounts: readonly AccruingAccount[],
    balances: ReadonlyMap<string, string>,
  ): Promise<void> {
    const terms = product.terms as SukarelaTerms;
    const rows = accounts
      .filter((account) => balances.has(account.id))
      .map((account) => {
        const balance = Money.of(balances.get(account.id)!, product.currency);
        return { accountId: account.id, balance, amount: dailyInterest(balance, terms) };
      });
    if (rows.length === 0) return;
    const total = rows.reduce((sum, row) => sum.plus(row.amount), Money.zero(product.currency));
    let entryId: string | null = null;
    if (!total.isZero()) {
      const expense = await this.charts.accountByCode(
        tx,
        cooperativeId,
        savingsInterestCodes.expense,
      );
      const { entry } = await this.posting.post(tx, cooperativeId, {
        description: `Jasa simpanan ${product.code} ${date}`,
        source: { type: 'savings.accrual', id: product.id },
        valueDate: date,
        postings: [
          { accountId: expense.id, amount: total, counterpartyClass: 'member' },
          {
            accountId: await interestPayableLeaf(tx, this.charts, cooperativeId, product),
            amount: total.negated(),
          },
        ],
      });
      entryId = entry.id;
    }
    await insertAccruals(
      tx,
      cooperativeId,
      date,
      rows.map((row) => ({
        accountId: row.accountId,
        balance: row.balance.toString(),
        amount: row.amount.toString(),
      })),
      entryId,
    );
  }

  /**
   * Month end: each account's accrued interest of the month not yet posted moves from payable to
   * the account (Dr payable, Cr the member's leaf, Cr withholding tax). Accounts closed since D
   * are left: their accrued interest stays payable for the closing to settle.
   */
  private async postMonth(
    tx: Tx,
    cooperativeId: string,
    date: BusinessDate,
    product: ProductView,
    accounts: readonly AccruingAccount[],
  ): Promise<number> {
    const month = { from: monthStart(date), to: date };
    const open = accounts.filter((account) => !account.closed);
    const interest = await unpostedMonthInterest(
      tx,
      cooperativeId,
      month,
      open.map((a) => a.id),
    );
    const withholding = (product.terms as SukarelaTerms).withholding;
    const due: InterestPosted[] = open
      .filter((account) => interest.has(account.id))
      .map((account) => {
        const gross = Money.of(interest.get(account.id)!, product.currency);
        const tax = withholdingTax(gross, withholding);
        return {
          account,
          interest: gross.toString(),
          tax: tax.toString(),
          net: gross.minus(tax).toString(),
        };
      });
    for (let start = 0; start < due.length; start += accountsPerEntry) {
      const batch = due.slice(start, start + accountsPerEntry);
      const entryId = await this.postInterest(tx, cooperativeId, month.to, product, batch);
      await recordInterestPosted(tx, cooperativeId, month, batch, entryId);
    }
    return due.length;
  }

  private async postInterest(
    tx: Tx,
    cooperativeId: string,
    date: BusinessDate,
    product: ProductView,
    batch: readonly InterestPosted[],
  ): Promise<string> {
    const zero = Money.zero(product.currency);
    const sum = (pick: (p: InterestPosted) => string) =>
      batch.reduce((total, p) => total.plus(Money.of(pick(p), product.currency)), zero);
    const tax = sum((p) => p.tax);
    const postings: PostingDraft[] = [
      {
        accountId: await interestPayableLeaf(tx, this.charts, cooperativeId, product),
        amount: sum((p) => p.interest),
      },
      ...batch
        .map((p) => ({
          accountId: p.account.ledgerAccountId,
          amount: Money.of(p.net, product.currency).negated(),
        }))
        .filter((line) => !line.amount.isZero()),
    ];
    if (!tax.isZero()) {
      const taxLeaf = await this.charts.accountByCode(
        tx,
        cooperativeId,
        savingsInterestCodes.withholdingTax,
      );
      postings.push({ accountId: taxLeaf.id, amount: tax.negated() });
    }
    const { entry } = await this.posting.post(tx, cooperativeId, {
      description: `Jasa simpanan ${product.code} bulan ${date.slice(0, 7)}`,
      source: { type: 'savings.interest', id: product.id },
      valueDate: date,
      postings,
    });
    return entry.id;
  }

  private async byProduct(
    tx: Tx,
    cooperativeId: string,
    accounts: readonly AccruingAccount[],
  ): Promise<Map<ProductView, AccruingAccount[]>> {
    const groups = new Map<string, AccruingAccount[]>();
    for (const account of accounts) {
      const group = groups.get(account.productId) ?? [];
      group.push(account);
      groups.set(account.productId, group);
    }
    const byProduct = new Map<ProductView, AccruingAccount[]>();
    // Products in id order, so two chunks post (and lock balances) in the same order.
    for (const productId of [...groups.keys()].sort()) {
      const product = (await productBy(tx, cooperativeId, { id: productId }))!;
      byProduct.set(product, groups.get(productId)!);
    }
    return byProduct;
  }
}
