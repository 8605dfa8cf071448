import type { Tx } from '@lumbung/database';
import type { CountLine } from '../domain/till-count';
import type { TillSession, TillSessionStatus } from '../domain/till-session';

/** SQL of tills and their sessions; every statement names the cooperative. */

/** Advisory lock namespace: opening tills, one cooperative at a time (see `lockTillOpening`). */
export const tillOpeningLockSpace = 7320;

/**
 * Serialises opening tills in a cooperative: the next till's ledger code and the check for a
 * session already open are decided under it. The till table has no updatable column to lock.
 */
export async function lockTillOpening(tx: Tx, cooperativeId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [
    tillOpeningLockSpace,
    cooperativeId,
  ]);
}

export interface TillRecord {
  readonly id: string;
  readonly ledgerAccountId: string;
}

export async function findTill(
  tx: Tx,
  cooperativeId: string,
  tellerId: string,
  currency: string,
): Promise<TillRecord | undefined> {
  const [row] = await tx.query<{ id: string; ledger_account_id: string }>(
    `SELECT id, ledger_account_id FROM till
      WHERE cooperative_id = $1 AND teller_id = $2 AND currency = $3`,
    [cooperativeId, tellerId, currency],
  );
  return row && { id: row.id, ledgerAccountId: row.ledger_account_id };
}

/** Tills are never deleted, so the count numbers them without gaps. */
export async function countTills(tx: Tx, cooperativeId: string): Promise<number> {
  const [row] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM till WHERE cooperative_id = $1`,
    [cooperativeId],
  );
  return row.n;
}

export async function insertTill(
  tx: Tx,
  cooperativeId: string,
  till: TillRecord & { readonly tellerId: string; readonly currency: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO till (cooperative_id, id, teller_id, currency, ledger_account_id)
     VALUES ($1, $2, $3, $4, $5)`,
    [cooperativeId, till.id, till.tellerId, till.currency, till.ledgerAccountId],
  );
}

export async function insertSession(
  tx: Tx,
  cooperativeId: string,
  session: {
    readonly id: string;
    readonly tillId: string;
    readonly tellerId: string;
    readonly businessDate: string;
    readonly openingFloat: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO till_session (cooperative_id, id, till_id, teller_id, business_date, opening_float)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      cooperativeId,
      session.id,
      session.tillId,
      session.tellerId,
      session.businessDate,
      session.openingFloat,
    ],
  );
}

/** What a count leaves on the session: closed when it matched the book, else closing. */
export interface CountOutcome {
  readonly status: Exclude<TillSessionStatus, 'open'>;
  readonly cashCount: readonly CountLine[];
  readonly counted: string;
  readonly bookBalance: string;
  readonly difference: string;
  readonly approvalId: string | null;
}

export async function recordCount(
  tx: Tx,
  cooperativeId: string,
  sessionId: string,
  outcome: CountOutcome,
): Promise<void> {
  await tx.query(
    `UPDATE till_session
        SET status = $3, cash_count = $4, counted = $5, book_balance = $6, difference = $7,
            approval_id = $8, closed_at = CASE WHEN $3 = 'closed' THEN clock_timestamp() END
      WHERE cooperative_id = $1 AND id = $2`,
    [
      cooperativeId,
      sessionId,
      outcome.status,
      JSON.stringify(outcome.cashCount),
      outcome.counted,
      outcome.bookBalance,
      outcome.difference,
      outcome.approvalId,
    ],
  );
}

/** A `closing` session whose difference was approved. */
export async function closeSession(
  tx: Tx,
  cooperativeId: string,
  sessionId: string,
): Promise<void> {
  await tx.query(
    `UPDATE till_session SET status = 'closed', closed_at = clock_timestamp()
      WHERE cooperative_id = $1 AND id = $2`,
    [cooperativeId, sessionId],
  );
}

interface SessionRow {
  id: string;
  till_id: string;
  teller_id: string;
  teller_username: string;
  currency: string;
  ledger_account_id: string;
  business_date: string;
  status: TillSessionStatus;
  opened_at: Date;
  closed_at: Date | null;
  opening_float: string;
  cash_count: CountLine[] | null;
  counted: string | null;
  book_balance: string | null;
  difference: string | null;
  approval_id: string | null;
}

const sessionColumns = `
  SELECT s.id, s.till_id, s.teller_id, u.username AS teller_username, t.currency,
         t.ledger_account_id, s.business_date, s.status, s.opened_at, s.closed_at, s.opening_float,
         s.cash_count, s.counted, s.book_balance, s.difference, s.approval_id
    FROM till_session s
    JOIN till t ON t.cooperative_id = s.cooperative_id AND t.id = s.till_id
    JOIN app_user u ON u.id = s.teller_id`;

function session(row: SessionRow): TillSession {
  return {
    id: row.id,
    tillId: row.till_id,
    tellerId: row.teller_id,
    tellerUsername: row.teller_username,
    currency: row.currency,
    tillAccountId: row.ledger_account_id,
    businessDate: row.business_date,
    status: row.status,
    openedAt: row.opened_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
    openingFloat: row.opening_float,
    cashCount: row.cash_count,
    counted: row.counted,
    bookBalance: row.book_balance,
    difference: row.difference,
    approvalId: row.approval_id,
  };
}

/**
 * The teller's session of a till that is not closed yet, optionally locked: `FOR SHARE` by the
 * cash operations that use the till, `FOR UPDATE` by the close, so a close waits for operations
 * in flight and later operations find the session no longer open.
 */
export async function liveSession(
  tx: Tx,
  cooperativeId: string,
  tellerId: string,
  currency: string,
  lock: 'FOR SHARE OF s' | 'FOR UPDATE OF s' | '' = '',
): Promise<TillSession | undefined> {
  const [row] = await tx.query<SessionRow>(
    `${sessionColumns}
      WHERE s.cooperative_id = $1 AND s.teller_id = $2 AND t.currency = $3 AND s.status <> 'closed'
      ${lock}`,
    [cooperativeId, tellerId, currency],
  );
  return row && session(row);
}

export async function sessionById(
  tx: Tx,
  cooperativeId: string,
  sessionId: string,
  lock: 'FOR UPDATE OF s' | '' = '',
): Promise<TillSession | undefined> {
  const [row] = await tx.query<SessionRow>(
    `${sessionColumns} WHERE s.cooperative_id = $1 AND s.id = $2 ${lock}`,
    [cooperativeId, sessionId],
  );
  return row && session(row);
}

/** A teller's sessions that are not closed, one per currency at most. */
export async function liveSessionsOf(
  tx: Tx,
  cooperativeId: string,
  tellerId: string,
): Promise<TillSession[]> {
  const rows = await tx.query<SessionRow>(
    `${sessionColumns}
      WHERE s.cooperative_id = $1 AND s.teller_id = $2 AND s.status <> 'closed'
      ORDER BY t.currency`,
    [cooperativeId, tellerId],
  );
  return rows.map(session);
}

/** Sessions opened on a business date, in id (opening) order after the cursor. */
export async function sessionsOn(
  tx: Tx,
  cooperativeId: string,
  businessDate: string,
  page: { readonly after: string | null; readonly limit: number },
): Promise<TillSession[]> {
  const rows = await tx.query<SessionRow>(
    `${sessionColumns}
      WHERE s.cooperative_id = $1 AND s.business_date = $2 AND ($3::uuid IS NULL OR s.id > $3)
      ORDER BY s.id LIMIT $4`,
    [cooperativeId, businessDate, page.after, page.limit],
  );
  return rows.map(session);
}
