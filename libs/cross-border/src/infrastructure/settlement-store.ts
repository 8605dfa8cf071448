import type { BusinessDate } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import type { SettlementDirection, SettlementKind, SettlementSide } from '../domain/settlement';

export interface SettlementRecord extends SettlementSide {
  readonly partnerId: string;
  readonly counterpartCooperativeId: string;
  readonly accountId: string;
  readonly sourceId: string | null;
  readonly recordedBy: string;
}

interface SettlementRow {
  id: string;
  partner_id: string;
  counterpart_cooperative_id: string;
  kind: SettlementKind;
  direction: SettlementDirection;
  currency: string;
  amount: string;
  value_date: BusinessDate;
  account_id: string;
  entry_id: string;
  source_id: string | null;
  recorded_by: string;
}

const columns = `id, partner_id, counterpart_cooperative_id, kind, direction, currency::text,
  amount::text, value_date, account_id, entry_id, source_id, recorded_by`;

function toRecord(row: SettlementRow): SettlementRecord {
  return {
    id: row.id,
    partnerId: row.partner_id,
    counterpartCooperativeId: row.counterpart_cooperative_id,
    kind: row.kind,
    direction: row.direction,
    currency: row.currency,
    amount: row.amount,
    valueDate: row.value_date,
    accountId: row.account_id,
    entryId: row.entry_id,
    sourceId: row.source_id,
    recordedBy: row.recorded_by,
  };
}

/** True when inserted; false when this book already has a side of that settlement id. */
export async function insertSettlement(
  tx: Tx,
  cooperativeId: string,
  s: SettlementRecord,
): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO cross_border_settlement (cooperative_id, id, partner_id, counterpart_cooperative_id,
       kind, direction, currency, amount, value_date, account_id, entry_id, source_id, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (cooperative_id, id) DO NOTHING RETURNING id`,
    [
      cooperativeId,
      s.id,
      s.partnerId,
      s.counterpartCooperativeId,
      s.kind,
      s.direction,
      s.currency,
      s.amount,
      s.valueDate,
      s.accountId,
      s.entryId,
      s.sourceId,
      s.recordedBy,
    ],
  );
  return rows.length === 1;
}

export async function settlementExists(
  tx: Tx,
  cooperativeId: string,
  id: string,
): Promise<boolean> {
  const rows = await tx.query(
    `SELECT 1 FROM cross_border_settlement WHERE cooperative_id = $1 AND id = $2`,
    [cooperativeId, id],
  );
  return rows.length > 0;
}

/** One book's sides of its settlements with one counterpart cooperative. */
export async function settlementsWith(
  tx: Tx,
  cooperativeId: string,
  counterpartCooperativeId: string,
): Promise<SettlementRecord[]> {
  const rows = await tx.query<SettlementRow>(
    `SELECT ${columns} FROM cross_border_settlement
      WHERE cooperative_id = $1 AND counterpart_cooperative_id = $2 ORDER BY id`,
    [cooperativeId, counterpartCooperativeId],
  );
  return rows.map(toRecord);
}

/** Partners of `cooperativeId` linked to `linkedTo`: the link the other book made back. */
export async function partnersLinkedTo(
  tx: Tx,
  cooperativeId: string,
  linkedTo: string,
): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `SELECT id FROM partner_cooperative WHERE cooperative_id = $1 AND lumbung_cooperative_id = $2`,
    [cooperativeId, linkedTo],
  );
  return rows.map((r) => r.id);
}

export async function borrowingAccount(
  tx: Tx,
  cooperativeId: string,
  partnerId: string,
  currency: string,
): Promise<string | undefined> {
  const [row] = await tx.query<{ account_id: string }>(
    `SELECT account_id FROM cross_border_borrowing
      WHERE cooperative_id = $1 AND partner_id = $2 AND currency = $3`,
    [cooperativeId, partnerId, currency],
  );
  return row?.account_id;
}

export async function borrowingCount(tx: Tx, cooperativeId: string): Promise<number> {
  const [row] = await tx.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM cross_border_borrowing WHERE cooperative_id = $1`,
    [cooperativeId],
  );
  return Number(row.n);
}

export async function insertBorrowing(
  tx: Tx,
  cooperativeId: string,
  partnerId: string,
  currency: string,
  accountId: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO cross_border_borrowing (cooperative_id, partner_id, currency, account_id)
     VALUES ($1, $2, $3, $4)`,
    [cooperativeId, partnerId, currency, accountId],
  );
}
