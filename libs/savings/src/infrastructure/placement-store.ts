import type { Tx } from '@lumbung/database';
import type { DayCount } from '../domain/time-deposit';

export interface Placement {
  readonly placementNo: number;
  readonly principal: string;
  readonly annualRate: string;
  readonly dayCount: DayCount;
  readonly termMonths: number;
  readonly startDate: string;
  readonly maturityDate: string;
  readonly instruction: 'pay-to-voluntary' | 'roll-over';
  readonly status: 'running' | 'matured' | 'rolled-over' | 'withdrawn-early';
  readonly settledOn: string | null;
  readonly interest: string | null;
  readonly penalty: string | null;
}

const columns = `placement_no, principal::text, annual_rate::text, day_count, term_months,
  start_date, maturity_date, instruction, status, settled_on, interest::text, penalty::text`;

interface PlacementRow {
  placement_no: number;
  principal: string;
  annual_rate: string;
  day_count: DayCount;
  term_months: number;
  start_date: string;
  maturity_date: string;
  instruction: Placement['instruction'];
  status: Placement['status'];
  settled_on: string | null;
  interest: string | null;
  penalty: string | null;
}

function placement(row: PlacementRow): Placement {
  return {
    placementNo: row.placement_no,
    principal: row.principal,
    annualRate: row.annual_rate,
    dayCount: row.day_count,
    termMonths: row.term_months,
    startDate: row.start_date,
    maturityDate: row.maturity_date,
    instruction: row.instruction,
    status: row.status,
    settledOn: row.settled_on,
    interest: row.interest,
    penalty: row.penalty,
  };
}

export async function placementsOf(
  tx: Tx,
  cooperativeId: string,
  accountId: string,
): Promise<Placement[]> {
  const rows = await tx.query<PlacementRow>(
    `SELECT ${columns} FROM time_deposit_placement
      WHERE cooperative_id = $1 AND savings_account_id = $2 ORDER BY placement_no`,
    [cooperativeId, accountId],
  );
  return rows.map(placement);
}

export async function insertPlacement(
  tx: Tx,
  cooperativeId: string,
  accountId: string,
  p: Omit<Placement, 'status' | 'settledOn' | 'interest' | 'penalty'>,
): Promise<void> {
  await tx.query(
    `INSERT INTO time_deposit_placement (cooperative_id, savings_account_id, placement_no,
       principal, annual_rate, day_count, term_months, start_date, maturity_date, instruction)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      cooperativeId,
      accountId,
      p.placementNo,
      p.principal,
      p.annualRate,
      p.dayCount,
      p.termMonths,
      p.startDate,
      p.maturityDate,
      p.instruction,
    ],
  );
}

export async function settlePlacement(
  tx: Tx,
  cooperativeId: string,
  accountId: string,
  placementNo: number,
  outcome: {
    status: Placement['status'];
    settledOn: string;
    interest: string;
    penalty: string;
    entryId: string;
  },
): Promise<void> {
  await tx.query(
    `UPDATE time_deposit_placement
        SET status = $4, settled_on = $5, interest = $6, penalty = $7, settle_entry_id = $8
      WHERE cooperative_id = $1 AND savings_account_id = $2 AND placement_no = $3`,
    [
      cooperativeId,
      accountId,
      placementNo,
      outcome.status,
      outcome.settledOn,
      outcome.interest,
      outcome.penalty,
      outcome.entryId,
    ],
  );
}

/**
 * The open time deposit accounts whose running placement matured on or before `date`, row-locked
 * in id order: the order a teller's settle and a member's exit lock accounts in, so the end of
 * day and they never wait on each other in opposite orders.
 */
export async function lockMaturedDeposits(
  tx: Tx,
  cooperativeId: string,
  date: string,
): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `SELECT a.id FROM savings_account a
      WHERE a.cooperative_id = $1 AND a.kind = 'berjangka' AND a.status = 'open'
        AND a.id IN (SELECT p.savings_account_id FROM time_deposit_placement p
                      WHERE p.cooperative_id = $1 AND p.status = 'running'
                        AND p.maturity_date <= $2::date)
      ORDER BY a.id FOR UPDATE OF a`,
    [cooperativeId, date],
  );
  return rows.map((row) => row.id);
}
