import { type BusinessDate, Decimal } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import type { StatementMatch, UnmatchedLine, UnmatchedPosting } from '../domain/bank-matching';
import type { StatementLine } from '../domain/bank-statement';
import { voucherLabel } from './manual-journal-store';

export interface BankAccountRecord {
  readonly id: string;
  readonly ledgerAccountId: string;
  readonly ledgerAccountCode: string;
  readonly bankName: string;
  readonly accountNumber: string;
  readonly accountName: string;
  readonly currency: string;
  readonly openedBy: string;
  readonly openedAt: string;
}

const bankColumns = `b.id, b.ledger_account_id, a.code AS ledger_account_code, b.bank_name,
  b.account_number, b.account_name, b.currency, b.opened_by, b.opened_at`;

interface BankRow {
  id: string;
  ledger_account_id: string;
  ledger_account_code: string;
  bank_name: string;
  account_number: string;
  account_name: string;
  currency: string;
  opened_by: string;
  opened_at: Date;
}

function bankOf(row: BankRow): BankAccountRecord {
  return {
    id: row.id,
    ledgerAccountId: row.ledger_account_id,
    ledgerAccountCode: row.ledger_account_code,
    bankName: row.bank_name,
    accountNumber: row.account_number,
    accountName: row.account_name,
    currency: row.currency,
    openedBy: row.opened_by,
    openedAt: row.opened_at.toISOString(),
  };
}

/**
 * Serialises the writers of one key (a cooperative's bank accounts, one account's statements):
 * the application role may not lock these append-only rows, so a transaction-scoped advisory
 * lock stands for the row lock, taken first as domain rows are.
 */
export async function lockBankKey(tx: Tx, key: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`lumbung.bank:${key}`]);
}

export async function insertBankAccount(
  tx: Tx,
  cooperativeId: string,
  bank: Omit<BankAccountRecord, 'ledgerAccountCode' | 'openedAt'>,
): Promise<void> {
  await tx.query(
    `INSERT INTO bank_account (cooperative_id, id, ledger_account_id, bank_name, account_number,
       account_name, currency, opened_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      cooperativeId,
      bank.id,
      bank.ledgerAccountId,
      bank.bankName,
      bank.accountNumber,
      bank.accountName,
      bank.currency,
      bank.openedBy,
    ],
  );
}

export async function bankAccounts(
  tx: Tx,
  cooperativeId: string,
  where: { id?: string; ledgerAccountId?: string; bankName?: string; accountNumber?: string } = {},
): Promise<BankAccountRecord[]> {
  const rows = await tx.query<BankRow>(
    `SELECT ${bankColumns}
       FROM bank_account b
       JOIN account a ON a.cooperative_id = b.cooperative_id AND a.id = b.ledger_account_id
      WHERE b.cooperative_id = $1 AND ($2::uuid IS NULL OR b.id = $2)
        AND ($3::uuid IS NULL OR b.ledger_account_id = $3)
        AND ($4::text IS NULL OR (b.bank_name = $4 AND b.account_number = $5))
      ORDER BY a.code`,
    [
      cooperativeId,
      where.id ?? null,
      where.ledgerAccountId ?? null,
      where.bankName ?? null,
      where.accountNumber ?? null,
    ],
  );
  return rows.map(bankOf);
}

/** Leaves opened for bank accounts under the heading so far (for the next code). */
export async function openedBankLeaves(
  tx: Tx,
  cooperativeId: string,
  headingId: string,
): Promise<number> {
  const [row] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM account
      WHERE cooperative_id = $1 AND parent_id = $2 AND template_key IS NULL`,
    [cooperativeId, headingId],
  );
  return row.n;
}

/**
 * Stores the file's lines that are not stored yet and the import with how many that were, in
 * one statement (the lines' foreign key to the import is checked at its end).
 */
export async function insertStatement(
  tx: Tx,
  cooperativeId: string,
  input: {
    importId: string;
    bankAccountId: string;
    importedBy: string;
    lines: ReadonlyArray<StatementLine & { id: string }>;
  },
): Promise<number> {
  const { lines } = input;
  const [row] = await tx.query<{ added: number }>(
    `WITH added AS (
       INSERT INTO bank_statement_line (cooperative_id, id, bank_account_id, import_id, value_date,
         description, amount, reference, running_balance, occurrence)
       SELECT $1, l.id, $2, $3, l.value_date, l.description, l.amount, l.reference, l.balance,
              l.occurrence
         FROM unnest($5::uuid[], $6::date[], $7::text[], $8::numeric[], $9::text[],
                     $10::numeric[], $11::int[])
           AS l(id, value_date, description, amount, reference, balance, occurrence)
       ON CONFLICT (cooperative_id, bank_account_id, value_date, amount, reference, description,
                    occurrence) DO NOTHING
       RETURNING 1
     ), recorded AS (
       INSERT INTO bank_statement_import (cooperative_id, id, bank_account_id, lines_in_file,
                                          lines_added, imported_by)
       SELECT $1, $3, $2, $12, count(*), $4 FROM added
       RETURNING lines_added
     )
     SELECT lines_added AS added FROM recorded`,
    [
      cooperativeId,
      input.bankAccountId,
      input.importId,
      input.importedBy,
      lines.map((l) => l.id),
      lines.map((l) => l.valueDate),
      lines.map((l) => l.description),
      lines.map((l) => l.amount.toString()),
      lines.map((l) => l.reference),
      lines.map((l) => l.runningBalance?.toString() ?? null),
      lines.map((l) => l.occurrence),
      lines.length,
    ],
  );
  return row.added;
}

export async function unmatchedLines(
  tx: Tx,
  cooperativeId: string,
  bankAccountId: string,
): Promise<UnmatchedLine[]> {
  const rows = await tx.query<{
    id: string;
    value_date: BusinessDate;
    amount: string;
    reference: string;
  }>(
    `SELECT l.id, l.value_date::text, l.amount::text, l.reference
       FROM bank_statement_line l
      WHERE l.cooperative_id = $1 AND l.bank_account_id = $2
        AND NOT EXISTS (SELECT 1 FROM bank_statement_match m
                         WHERE m.cooperative_id = $1 AND m.statement_line_id = l.id)`,
    [cooperativeId, bankAccountId],
  );
  return rows.map((r) => ({
    id: r.id,
    valueDate: r.value_date,
    amount: new Decimal(r.amount),
    reference: r.reference,
  }));
}

export interface BookPosting extends UnmatchedPosting {
  readonly entryId: string;
  readonly description: string;
  readonly voucher: string | null;
}

/** The leaf's postings with value dates from..to that no statement line was matched with. */
export async function unmatchedPostings(
  tx: Tx,
  cooperativeId: string,
  ledgerAccountId: string,
  period: { from: BusinessDate; to: BusinessDate },
): Promise<BookPosting[]> {
  const rows = await tx.query<{
    account_version: string;
    value_date: BusinessDate;
    amount: string;
    entry_id: string;
    description: string;
    memo: string | null;
    source_id: string | null;
    voucher_series: string | null;
    voucher_number: string | null;
  }>(
    `SELECT p.account_version::text, p.value_date::text, p.amount::text, p.entry_id,
            e.description, p.memo, e.source_id, e.voucher_series, e.voucher_number::text
       FROM posting p
       JOIN journal_entry e ON e.cooperative_id = p.cooperative_id AND e.id = p.entry_id
      WHERE p.cooperative_id = $1 AND p.account_id = $2 AND p.value_date BETWEEN $3 AND $4
        AND NOT EXISTS (SELECT 1 FROM bank_statement_match m
                         WHERE m.cooperative_id = $1 AND m.account_id = $2
                           AND m.account_version = p.account_version)
      ORDER BY p.account_version`,
    [cooperativeId, ledgerAccountId, period.from, period.to],
  );
  return rows.map((r) => {
    const voucher =
      r.voucher_series && r.voucher_number
        ? voucherLabel(r.voucher_series, r.voucher_number)
        : null;
    return {
      accountVersion: r.account_version,
      valueDate: r.value_date,
      amount: new Decimal(r.amount),
      entryId: r.entry_id,
      description: r.description,
      voucher,
      references: [voucher, r.source_id, r.description, r.memo].filter(
        (text): text is string => text !== null,
      ),
    };
  });
}

export async function insertMatches(
  tx: Tx,
  cooperativeId: string,
  bank: { id: string; ledgerAccountId: string },
  matches: readonly StatementMatch[],
): Promise<void> {
  if (matches.length === 0) return;
  await tx.query(
    `INSERT INTO bank_statement_match (cooperative_id, statement_line_id, bank_account_id,
       account_id, account_version, by_reference)
     SELECT $1, m.line_id, $2, $3, m.version, m.by_reference
       FROM unnest($4::uuid[], $5::bigint[], $6::boolean[]) AS m(line_id, version, by_reference)`,
    [
      cooperativeId,
      bank.id,
      bank.ledgerAccountId,
      matches.map((m) => m.lineId),
      matches.map((m) => m.accountVersion),
      matches.map((m) => m.byReference),
    ],
  );
}

export interface ReconciledLine {
  readonly id: string;
  readonly valueDate: string;
  readonly description: string;
  readonly amount: string;
  readonly reference: string | null;
  readonly runningBalance: string | null;
  readonly match: {
    readonly entryId: string;
    readonly valueDate: string;
    readonly accountVersion: string;
    readonly byReference: boolean;
  } | null;
}

/** The statement's lines dated from..to in file order, each with its posting if matched. */
export async function statementLines(
  tx: Tx,
  cooperativeId: string,
  bankAccountId: string,
  period: { from: BusinessDate; to: BusinessDate },
): Promise<ReconciledLine[]> {
  const rows = await tx.query<{
    id: string;
    value_date: string;
    description: string;
    amount: string;
    reference: string;
    running_balance: string | null;
    entry_id: string | null;
    posting_value_date: string | null;
    account_version: string | null;
    by_reference: boolean | null;
  }>(
    `SELECT l.id, l.value_date::text, l.description, l.amount::text, l.reference,
            l.running_balance::text, p.entry_id, p.value_date::text AS posting_value_date,
            m.account_version::text, m.by_reference
       FROM bank_statement_line l
       LEFT JOIN bank_statement_match m
         ON m.cooperative_id = l.cooperative_id AND m.statement_line_id = l.id
       LEFT JOIN posting p
         ON p.cooperative_id = m.cooperative_id AND p.account_id = m.account_id
        AND p.account_version = m.account_version
      WHERE l.cooperative_id = $1 AND l.bank_account_id = $2 AND l.value_date BETWEEN $3 AND $4
      ORDER BY l.value_date, l.id`,
    [cooperativeId, bankAccountId, period.from, period.to],
  );
  return rows.map((r) => ({
    id: r.id,
    valueDate: r.value_date,
    description: r.description,
    amount: r.amount,
    reference: r.reference === '' ? null : r.reference,
    runningBalance: r.running_balance,
    match:
      r.entry_id && r.account_version && r.posting_value_date
        ? {
            entryId: r.entry_id,
            valueDate: r.posting_value_date,
            accountVersion: r.account_version,
            byReference: r.by_reference === true,
          }
        : null,
  }));
}

/** The leaf's balance by value date through `asOf` (never from balance_after). */
export async function bookBalance(
  tx: Tx,
  cooperativeId: string,
  ledgerAccountId: string,
  asOf: BusinessDate,
): Promise<string> {
  const [row] = await tx.query<{ balance: string }>(
    `SELECT coalesce(sum(amount), 0)::text AS balance FROM posting
      WHERE cooperative_id = $1 AND account_id = $2 AND value_date <= $3`,
    [cooperativeId, ledgerAccountId, asOf],
  );
  return row.balance;
}
