import type { Money } from '@lumbung/core';
import { owedFrom } from '../domain/owed';
import type { Tx } from '@lumbung/database';
import type { ProductKind } from '../domain/product-terms';
import type { AccountStatus } from '../domain/withdrawal-rules';

export interface SavingsAccountRecord {
  readonly id: string;
  readonly accountNumber: string;
  readonly memberId: string;
  readonly productId: string;
  readonly productCode: string;
  readonly kind: ProductKind;
  readonly currency: string;
  readonly ledgerAccountId: string;
  readonly status: AccountStatus;
  readonly openedOn: string;
  readonly lastActivityOn: string;
  readonly wajibPaidThrough: string | null;
}

interface AccountRow {
  id: string;
  account_number: string;
  member_id: string;
  product_id: string;
  product_code: string;
  kind: ProductKind;
  currency: string;
  ledger_account_id: string;
  status: AccountStatus;
  opened_on: string;
  last_activity_on: string;
  wajib_paid_through: string | null;
}

const select = `
  SELECT a.id, a.account_number, a.member_id, a.product_id, p.code AS product_code, a.kind,
         a.currency, a.ledger_account_id, a.status, a.opened_on, a.last_activity_on,
         to_char(a.wajib_paid_through, 'YYYY-MM') AS wajib_paid_through
    FROM savings_account a
    JOIN savings_product p ON p.cooperative_id = a.cooperative_id AND p.id = a.product_id`;

function record(row: AccountRow): SavingsAccountRecord {
  return {
    id: row.id,
    accountNumber: row.account_number,
    memberId: row.member_id,
    productId: row.product_id,
    productCode: row.product_code,
    kind: row.kind,
    currency: row.currency,
    ledgerAccountId: row.ledger_account_id,
    status: row.status,
    openedOn: row.opened_on,
    lastActivityOn: row.last_activity_on,
    wajibPaidThrough: row.wajib_paid_through,
  };
}

/** The account, row-locked when `lock` so its status and wajib months stay put until commit. */
export async function accountById(
  tx: Tx,
  cooperativeId: string,
  accountId: string,
  lock = false,
): Promise<SavingsAccountRecord | undefined> {
  const [row] = await tx.query<AccountRow>(
    `${select} WHERE a.cooperative_id = $1 AND a.id = $2 ${lock ? 'FOR UPDATE OF a' : ''}`,
    [cooperativeId, accountId],
  );
  return row && record(row);
}

export async function accountsOfMember(
  tx: Tx,
  cooperativeId: string,
  memberId: string,
): Promise<SavingsAccountRecord[]> {
  const rows = await tx.query<AccountRow>(
    `${select} WHERE a.cooperative_id = $1 AND a.member_id = $2 ORDER BY a.account_number`,
    [cooperativeId, memberId],
  );
  return rows.map(record);
}

export async function nextAccountNumber(tx: Tx, cooperativeId: string): Promise<string> {
  const [row] = await tx.query<{ last_number: string }>(
    `INSERT INTO savings_account_number AS s (cooperative_id, last_number) VALUES ($1, 1)
     ON CONFLICT (cooperative_id) DO UPDATE SET last_number = s.last_number + 1
     RETURNING last_number::text`,
    [cooperativeId],
  );
  return row.last_number.padStart(8, '0');
}

export async function insertAccount(
  tx: Tx,
  cooperativeId: string,
  account: Omit<
    SavingsAccountRecord,
    'productCode' | 'status' | 'lastActivityOn' | 'wajibPaidThrough'
  >,
): Promise<void> {
  await tx.query(
    `INSERT INTO savings_account (cooperative_id, id, account_number, member_id, product_id, kind,
                                  currency, ledger_account_id, opened_on, last_activity_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
    [
      cooperativeId,
      account.id,
      account.accountNumber,
      account.memberId,
      account.productId,
      account.kind,
      account.currency,
      account.ledgerAccountId,
      account.openedOn,
    ],
  );
}

export async function touchAccount(
  tx: Tx,
  cooperativeId: string,
  accountId: string,
  businessDate: string,
  wajibPaidThrough?: string,
): Promise<void> {
  await tx.query(
    `UPDATE savings_account
        SET last_activity_on = greatest(last_activity_on, $3::date),
            wajib_paid_through = coalesce(to_date($4, 'YYYY-MM'), wajib_paid_through)
      WHERE cooperative_id = $1 AND id = $2`,
    [cooperativeId, accountId, businessDate, wajibPaidThrough ?? null],
  );
}

/**
 * What the cooperative owes the member on this account: the ledger leaf's balance on its normal
 * (credit) side. Read under the caller's locks; the ledger keeps it, savings never copies it.
 */
export async function owedBalance(
  tx: Tx,
  cooperativeId: string,
  account: Pick<SavingsAccountRecord, 'ledgerAccountId' | 'currency'>,
): Promise<Money> {
  const [row] = await tx.query<{ balance: string }>(
    `SELECT balance::text FROM ledger_balance WHERE cooperative_id = $1 AND account_id = $2`,
    [cooperativeId, account.ledgerAccountId],
  );
  return owedFrom(row.balance, account.currency);
}

export async function closeAccount(
  tx: Tx,
  cooperativeId: string,
  accountId: string,
  businessDate: string,
): Promise<void> {
  await tx.query(
    `UPDATE savings_account SET status = 'closed', closed_on = $3
      WHERE cooperative_id = $1 AND id = $2`,
    [cooperativeId, accountId, businessDate],
  );
}

/**
 * Where a matured time deposit pays: the member's first open voluntary account (by number) in
 * the deposit's currency. A dormant one takes no movement until it is reactivated.
 */
export async function openVoluntaryAccount(
  tx: Tx,
  cooperativeId: string,
  memberId: string,
  currency: string,
): Promise<SavingsAccountRecord | undefined> {
  const [row] = await tx.query<AccountRow>(
    `${select} WHERE a.cooperative_id = $1 AND a.member_id = $2 AND a.kind = 'sukarela'
                 AND a.status = 'open' AND a.currency = $3
      ORDER BY a.account_number LIMIT 1`,
    [cooperativeId, memberId, currency],
  );
  return row && record(row);
}
