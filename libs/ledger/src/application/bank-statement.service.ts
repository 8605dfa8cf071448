import { AuditLog } from '@lumbung/audit';
import {
  addDays,
  type BusinessDate,
  businessDate,
  InvalidInputError,
  Money,
  uuidv7,
} from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { defaultToleranceDays, matchStatement, maxToleranceDays } from '../domain/bank-matching';
import { parseStatementCsv } from '../domain/bank-statement';
import {
  type BankAccountRecord,
  type BookPosting,
  bookBalance,
  insertMatches,
  insertStatement,
  lockBankKey,
  type ReconciledLine,
  statementLines,
  unmatchedLines,
  unmatchedPostings,
} from '../infrastructure/bank-store';
import { BankAccountService } from './bank-account.service';
import { BusinessDayService } from './business-day.service';

export interface StatementImport {
  readonly importId: string;
  readonly linesInFile: number;
  /** Lines not imported before; the rest were already there (an import is idempotent). */
  readonly linesAdded: number;
  readonly matched: number;
  readonly unmatchedLines: number;
}

export interface Reconciliation {
  readonly bankAccount: BankAccountRecord;
  readonly from: string;
  readonly to: string;
  readonly lines: readonly ReconciledLine[];
  /** Statement lines no posting was matched with: to book (bank charges, interest) or query. */
  readonly unmatchedLines: readonly ReconciledLine[];
  /** Postings of the bank leaf in the period on no statement line yet (items in transit). */
  readonly unmatchedPostings: ReadonlyArray<{
    readonly entryId: string;
    readonly valueDate: string;
    readonly amount: string;
    readonly description: string;
    readonly voucher: string | null;
    readonly accountVersion: string;
  }>;
  /** The bank leaf by value date through `to`. */
  readonly bookBalance: string;
  /** The last running balance the statement printed on or before `to`; null without one. */
  readonly statementBalance: string | null;
}

/**
 * Bank statements: imported from CSV (idempotently, line by line), matched one to one with
 * the bank leaf's postings (equal amount, value dates within a tolerance, reference first), and
 * read back as a reconciliation listing what is left on either side.
 */
@Injectable()
export class BankStatementService {
  constructor(
    private readonly banks: BankAccountService,
    private readonly days: BusinessDayService,
    private readonly audit: AuditLog,
  ) {}

  async import(
    tx: Tx,
    cooperativeId: string,
    bankAccountId: string,
    input: { csv: string; importedBy: string; toleranceDays?: number },
  ): Promise<StatementImport> {
    const toleranceDays = checkTolerance(input.toleranceDays);
    const bank = await this.banks.get(tx, cooperativeId, bankAccountId);
    await lockBankKey(tx, bank.id);
    const { businessDate: today } = await this.days.enter(tx, cooperativeId);
    const lines = parseStatementCsv(input.csv, bank.currency, today).map((line) => ({
      ...line,
      id: uuidv7(),
    }));
    const importId = uuidv7();
    const linesAdded = await insertStatement(tx, cooperativeId, {
      importId,
      bankAccountId: bank.id,
      importedBy: input.importedBy,
      lines,
    });
    const { matched, unmatched } = await this.matchUnmatched(
      tx,
      cooperativeId,
      bank,
      toleranceDays,
    );
    const result = {
      importId,
      linesInFile: lines.length,
      linesAdded,
      matched,
      unmatchedLines: unmatched,
    };
    await this.audit.record(tx, {
      cooperativeId,
      action: 'ledger.bank-statement.import',
      targetType: 'bank_account',
      targetId: bank.id,
      after: { ...result, toleranceDays },
      actorId: input.importedBy,
    });
    return result;
  }

  /** Matches again, e.g. after the bank charges a statement showed were booked. */
  async match(
    tx: Tx,
    cooperativeId: string,
    bankAccountId: string,
    input: { actorId: string; toleranceDays?: number },
  ): Promise<{ matched: number; unmatchedLines: number }> {
    const toleranceDays = checkTolerance(input.toleranceDays);
    const bank = await this.banks.get(tx, cooperativeId, bankAccountId);
    await lockBankKey(tx, bank.id);
    const { matched, unmatched } = await this.matchUnmatched(
      tx,
      cooperativeId,
      bank,
      toleranceDays,
    );
    if (matched > 0) {
      await this.audit.record(tx, {
        cooperativeId,
        action: 'ledger.bank-statement.match',
        targetType: 'bank_account',
        targetId: bank.id,
        after: { matched, unmatchedLines: unmatched, toleranceDays },
        actorId: input.actorId,
      });
    }
    return { matched, unmatchedLines: unmatched };
  }

  async reconciliation(
    tx: Tx,
    cooperativeId: string,
    bankAccountId: string,
    query: { from: string; to: string },
  ): Promise<Reconciliation> {
    const from = businessDate(query.from, 'from');
    const to = businessDate(query.to, 'to');
    if (from > to) {
      throw new InvalidInputError('from is after to', [
        { field: 'from', message: 'on or before to' },
      ]);
    }
    const bank = await this.banks.get(tx, cooperativeId, bankAccountId);
    const period = { from, to };
    const lines = await statementLines(tx, cooperativeId, bank.id, period);
    const postings = await unmatchedPostings(tx, cooperativeId, bank.ledgerAccountId, period);
    const withBalance = lines.filter((line) => line.runningBalance !== null);
    const money = (value: string) => Money.of(value, bank.currency).toString();
    return {
      bankAccount: bank,
      from,
      to,
      lines: lines.map((line) => ({ ...line, amount: money(line.amount) })),
      unmatchedLines: lines
        .filter((line) => line.match === null)
        .map((line) => ({ ...line, amount: money(line.amount) })),
      unmatchedPostings: postings.map((posting: BookPosting) => ({
        entryId: posting.entryId,
        valueDate: posting.valueDate,
        amount: money(posting.amount.toString()),
        description: posting.description,
        voucher: posting.voucher,
        accountVersion: posting.accountVersion,
      })),
      bookBalance: money(await bookBalance(tx, cooperativeId, bank.ledgerAccountId, to)),
      statementBalance:
        withBalance.length > 0 ? money(withBalance[withBalance.length - 1].runningBalance!) : null,
    };
  }

  private async matchUnmatched(
    tx: Tx,
    cooperativeId: string,
    bank: BankAccountRecord,
    toleranceDays: number,
  ): Promise<{ matched: number; unmatched: number }> {
    const lines = await unmatchedLines(tx, cooperativeId, bank.id);
    if (lines.length === 0) return { matched: 0, unmatched: 0 };
    const dates = lines.map((line) => line.valueDate).sort();
    const postings = await unmatchedPostings(tx, cooperativeId, bank.ledgerAccountId, {
      from: addDays(dates[0], -toleranceDays),
      to: addDays(dates[dates.length - 1], toleranceDays) as BusinessDate,
    });
    const matches = matchStatement(lines, postings, toleranceDays);
    await insertMatches(tx, cooperativeId, bank, matches);
    return { matched: matches.length, unmatched: lines.length - matches.length };
  }
}

function checkTolerance(value: number | undefined): number {
  const days = value ?? defaultToleranceDays;
  if (!Number.isInteger(days) || days < 0 || days > maxToleranceDays) {
    throw new InvalidInputError('toleranceDays is out of range', [
      { field: 'toleranceDays', message: `a whole number of days from 0 to ${maxToleranceDays}` },
    ]);
  }
  return days;
}
