import {
  type BusinessDate,
  Decimal,
  InvalidInputError,
  isUuid,
  NotFoundError,
} from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import {
  buildTrialBalance,
  type ChartAccount,
  type LeafSum,
  type TrialBalance,
} from '../domain/trial-balance';
import { type PostedEntry, readEntries } from '../infrastructure/entry-reader';
import { ChartService } from './chart.service';

export interface AccountBalance {
  readonly account: ChartAccount;
  /** Null for the live balance; otherwise the value date the sums run to. */
  readonly asOf: BusinessDate | null;
  readonly balances: ReadonlyArray<{
    currency: string;
    balance: string;
    functionalBalance: string;
  }>;
  /** The leaf's version (postings so far); null for headings and as-of reads. */
  readonly version: string | null;
}

export interface StatementLine {
  readonly version: string;
  readonly entryId: string;
  readonly lineNo: number;
  readonly postingDate: string;
  readonly valueDate: string;
  readonly description: string;
  readonly amount: string;
  readonly balanceAfter: string;
  readonly memo: string | null;
}

export interface StatementPage {
  readonly account: ChartAccount;
  readonly lines: readonly StatementLine[];
  /** Pass as `after` for the next page; null at the end. Versions never skip, so pages never miss a late commit. */
  readonly nextCursor: string | null;
}

export const maxStatementPage = 500;

/** Reads of the ledger. Reports call these inside a REPEATABLE READ transaction. */
@Injectable()
export class LedgerQueryService {
  constructor(private readonly charts: ChartService) {}

  async entry(tx: Tx, cooperativeId: string, entryId: string): Promise<PostedEntry> {
    const [entry] = isUuid(entryId) ? await readEntries(tx, cooperativeId, [entryId]) : [];
    if (!entry) throw new NotFoundError('Entry', entryId);
    return entry;
  }

  /**
   * A leaf's live balance in its own currency, from its balance row alone: what a hot caller
   * (a till being counted) needs, without the functional sums `balance` adds up from postings.
   */
  async leafBalance(tx: Tx, cooperativeId: string, accountId: string): Promise<string> {
    const [row] = await tx.query<{ balance: string }>(
      `SELECT balance::text FROM ledger_balance WHERE cooperative_id = $1 AND account_id = $2`,
      [cooperativeId, accountId],
    );
    if (!row) throw new NotFoundError('Account', accountId);
    return row.balance;
  }

  async balance(
    tx: Tx,
    cooperativeId: string,
    accountId: string,
    asOf?: BusinessDate,
  ): Promise<AccountBalance> {
    const account = await this.charts.account(tx, cooperativeId, accountId);
    if (account.isLeaf && !asOf) {
      const [row] = await tx.query<{ balance: string; version: string }>(
        `SELECT balance, version FROM ledger_balance WHERE cooperative_id = $1 AND account_id = $2`,
        [cooperativeId, accountId],
      );
      const functional = await this.functionalSum(tx, cooperativeId, [accountId]);
      return {
        account,
        asOf: null,
        balances: [
          {
            currency: account.currency!,
            balance: row.balance,
            functionalBalance: functional.get(account.currency!) ?? '0',
          },
        ],
        version: row.version,
      };
    }
    const rows = await tx.query<{ currency: string; balance: string; functional_balance: string }>(
      `WITH RECURSIVE tree AS (
         SELECT id, is_leaf FROM account WHERE cooperative_id = $1 AND id = $2
         UNION ALL
         SELECT a.id, a.is_leaf FROM account a JOIN tree t ON a.cooperative_id = $1 AND a.parent_id = t.id
       )
       SELECT p.currency, sum(p.amount)::text AS balance, sum(p.functional_amount)::text AS functional_balance
         FROM posting p JOIN tree t ON t.id = p.account_id AND t.is_leaf
        WHERE p.cooperative_id = $1 AND ($3::date IS NULL OR p.value_date <= $3)
        GROUP BY p.currency ORDER BY p.currency`,
      [cooperativeId, accountId, asOf ?? null],
    );
    return {
      account,
      asOf: asOf ?? null,
      balances: rows.map((r) => ({
        currency: r.currency,
        balance: r.balance,
        functionalBalance: r.functional_balance,
      })),
      version: null,
    };
  }

  async statement(
    tx: Tx,
    cooperativeId: string,
    accountId: string,
    page: { after?: string; limit?: number },
  ): Promise<StatementPage> {
    const account = await this.charts.account(tx, cooperativeId, accountId);
    if (!account.isLeaf) {
      throw new InvalidInputError('Statements are kept per leaf account', [
        { field: 'accountId', message: 'is a heading' },
      ]);
    }
    const limit = page.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > maxStatementPage) {
      throw new InvalidInputError('Invalid page size', [
        { field: 'limit', message: `1 to ${maxStatementPage}` },
      ]);
    }
    if (page.after !== undefined && !/^\d{1,18}$/.test(page.after)) {
      throw new InvalidInputError('Invalid cursor', [
        { field: 'after', message: 'a cursor from a previous page' },
      ]);
    }
    const rows = await tx.query<{
      account_version: string;
      entry_id: string;
      line_no: number;
      posting_date: string;
      value_date: string;
      description: string;
      amount: string;
      balance_after: string;
      memo: string | null;
    }>(
      `SELECT p.account_version, p.entry_id, p.line_no, e.posting_date, p.value_date, e.description,
              p.amount, p.balance_after, p.memo
         FROM posting p
         JOIN journal_entry e ON e.cooperative_id = p.cooperative_id AND e.id = p.entry_id
        WHERE p.cooperative_id = $1 AND p.account_id = $2 AND p.account_version > $3
        ORDER BY p.account_version
        LIMIT $4`,
      [cooperativeId, accountId, page.after ?? '0', limit + 1],
    );
    const lines = rows.slice(0, limit).map((r) => ({
      version: r.account_version,
      entryId: r.entry_id,
      lineNo: r.line_no,
      postingDate: r.posting_date,
      valueDate: r.value_date,
      description: r.description,
      amount: r.amount,
      balanceAfter: r.balance_after,
      memo: r.memo,
    }));
    return {
      account,
      lines,
      nextCursor: rows.length > limit ? lines[lines.length - 1].version : null,
    };
  }

  async trialBalance(
    tx: Tx,
    cooperativeId: string,
    asOf: BusinessDate,
  ): Promise<TrialBalance & { asOf: BusinessDate; functionalCurrency: string }> {
    const [cooperative] = await tx.query<{ functional_currency: string }>(
      `SELECT functional_currency FROM cooperative WHERE id = $1`,
      [cooperativeId],
    );
    if (!cooperative) throw new NotFoundError('Cooperative', cooperativeId);
    const chart = await this.charts.chart(tx, cooperativeId);
    const sums = await tx.query<{
      account_id: string;
      currency: string;
      balance: string;
      functional_balance: string;
    }>(
      `SELECT account_id, currency, sum(amount)::text AS balance,
              sum(functional_amount)::text AS functional_balance
         FROM posting WHERE cooperative_id = $1 AND value_date <= $2
        GROUP BY account_id, currency`,
      [cooperativeId, asOf],
    );
    const leafSums: LeafSum[] = sums.map((s) => ({
      accountId: s.account_id,
      currency: s.currency,
      balance: new Decimal(s.balance),
      functionalBalance: new Decimal(s.functional_balance),
    }));
    return {
      asOf,
      functionalCurrency: cooperative.functional_currency,
      ...buildTrialBalance(chart, leafSums, cooperative.functional_currency),
    };
  }

  private async functionalSum(
    tx: Tx,
    cooperativeId: string,
    accountIds: string[],
  ): Promise<Map<string, string>> {
    const rows = await tx.query<{ currency: string; total: string }>(
      `SELECT currency, sum(functional_amount)::text AS total FROM posting
        WHERE cooperative_id = $1 AND account_id = ANY($2::uuid[]) GROUP BY currency`,
      [cooperativeId, accountIds],
    );
    return new Map(rows.map((r) => [r.currency, r.total]));
  }
}
