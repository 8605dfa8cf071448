import type { BusinessDate } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import type { LoanTerms } from '@lumbung/loans';
import type { ProgramKind } from '../domain/agreement';
import type { FacilitySector, FacilityStatus } from '../domain/facility';

/** Advisory lock space of the per-cooperative exposure lock (ledger 7301-7303, approvals 7310, tills 7320). */
export const exposureLockSpace = 7330;

/**
 * Serialises the decisions that grow a cooperative's exposure abroad, so two facilities released
 * at once cannot both fit a limit only one of them fits. Taken after the facility's row lock.
 */
export async function lockExposure(tx: Tx, cooperativeId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [
    exposureLockSpace,
    cooperativeId,
  ]);
}

export interface FacilityRecord {
  readonly id: string;
  readonly partnerId: string;
  readonly agreementId: string;
  readonly program: ProgramKind;
  readonly currency: string;
  readonly limit: string;
  readonly rate: string;
  readonly instalments: number;
  readonly terms: LoanTerms;
  readonly purpose: string;
  readonly sector: FacilitySector;
  readonly commodity: string | null;
  readonly relatedParty: boolean;
  readonly status: FacilityStatus;
  readonly requestedBy: string;
  readonly requestedOn: BusinessDate;
  /** In the lender's functional currency at the request day's rate. */
  readonly functionalEquivalent: string;
  readonly fxRateId: string | null;
  readonly approvalRequestId: string | null;
  readonly decidedOn: BusinessDate | null;
  /** The facility's receivable leaf under 1-14, opened at its first drawdown. */
  readonly receivableAccountId: string | null;
}

interface FacilityRow {
  id: string;
  partner_id: string;
  agreement_id: string;
  program: ProgramKind;
  currency: string;
  limit_amount: string;
  rate: string;
  instalments: number;
  terms: LoanTerms;
  purpose: string;
  sector: FacilitySector;
  commodity: string | null;
  related_party: boolean;
  status: FacilityStatus;
  requested_by: string;
  requested_on: BusinessDate;
  functional_equivalent: string;
  fx_rate_id: string | null;
  approval_request_id: string | null;
  decided_on: BusinessDate | null;
  receivable_account_id: string | null;
}

const columns = `id, partner_id, agreement_id, program, currency, limit_amount::text, rate::text,
  instalments, terms, purpose, sector, commodity, related_party, status, requested_by,
  requested_on, functional_equivalent::text, fx_rate_id, approval_request_id, decided_on,
  receivable_account_id`;

function toRecord(row: FacilityRow): FacilityRecord {
  return {
    id: row.id,
    partnerId: row.partner_id,
    agreementId: row.agreement_id,
    program: row.program,
    currency: row.currency,
    limit: row.limit_amount,
    rate: row.rate,
    instalments: row.instalments,
    terms: row.terms,
    purpose: row.purpose,
    sector: row.sector,
    commodity: row.commodity,
    relatedParty: row.related_party,
    status: row.status,
    requestedBy: row.requested_by,
    requestedOn: row.requested_on,
    functionalEquivalent: row.functional_equivalent,
    fxRateId: row.fx_rate_id,
    approvalRequestId: row.approval_request_id,
    decidedOn: row.decided_on,
    receivableAccountId: row.receivable_account_id,
  };
}

export type NewFacility = Omit<
  FacilityRecord,
  'status' | 'approvalRequestId' | 'decidedOn' | 'receivableAccountId'
>;

export async function insertFacility(
  tx: Tx,
  cooperativeId: string,
  facility: NewFacility,
): Promise<void> {
  await tx.query(
    `INSERT INTO cross_border_facility (cooperative_id, id, partner_id, agreement_id, program,
       currency, limit_amount, rate, instalments, terms, purpose, sector, commodity, related_party,
       requested_by, requested_on, functional_equivalent, fx_rate_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
    [
      cooperativeId,
      facility.id,
      facility.partnerId,
      facility.agreementId,
      facility.program,
      facility.currency,
      facility.limit,
      facility.rate,
      facility.instalments,
      JSON.stringify(facility.terms),
      facility.purpose,
      facility.sector,
      facility.commodity,
      facility.relatedParty,
      facility.requestedBy,
      facility.requestedOn,
      facility.functionalEquivalent,
      facility.fxRateId,
    ],
  );
}

export async function facilityById(
  tx: Tx,
  cooperativeId: string,
  id: string,
  lock = false,
): Promise<FacilityRecord | undefined> {
  const [row] = await tx.query<FacilityRow>(
    `SELECT ${columns} FROM cross_border_facility WHERE cooperative_id = $1 AND id = $2
     ${lock ? 'FOR UPDATE' : ''}`,
    [cooperativeId, id],
  );
  return row && toRecord(row);
}

export async function listFacilities(
  tx: Tx,
  cooperativeId: string,
  filter: { partnerId?: string; status?: FacilityStatus; after?: string; limit: number },
): Promise<FacilityRecord[]> {
  const rows = await tx.query<FacilityRow>(
    `SELECT ${columns} FROM cross_border_facility
      WHERE cooperative_id = $1 AND ($2::uuid IS NULL OR partner_id = $2)
        AND ($3::text IS NULL OR status = $3) AND ($4::uuid IS NULL OR id > $4)
      ORDER BY id LIMIT $5`,
    [
      cooperativeId,
      filter.partnerId ?? null,
      filter.status ?? null,
      filter.after ?? null,
      filter.limit,
    ],
  );
  return rows.map(toRecord);
}

export async function recordApprovalRequest(
  tx: Tx,
  cooperativeId: string,
  id: string,
  approvalRequestId: string,
): Promise<void> {
  await tx.query(
    `WITH changed AS (
       UPDATE cross_border_facility SET approval_request_id = $3
        WHERE cooperative_id = $1 AND id = $2 RETURNING id)
     SELECT id FROM changed`,
    [cooperativeId, id, approvalRequestId],
  );
}

export async function decideFacility(
  tx: Tx,
  cooperativeId: string,
  id: string,
  decision: { status: Exclude<FacilityStatus, 'requested'>; on: BusinessDate },
): Promise<void> {
  const rows = await tx.query(
    `WITH changed AS (
       UPDATE cross_border_facility SET status = $3, decided_on = $4
        WHERE cooperative_id = $1 AND id = $2 AND status = 'requested' RETURNING id)
     SELECT id FROM changed`,
    [cooperativeId, id, decision.status, decision.on],
  );
  // Unreachable while callers hold the row lock.
  if (rows.length !== 1) throw new Error(`facility ${id} was not requested`);
}

/**
 * Open commitments (requested and approved facilities) per currency, of one partner or of all
 * partners in one country, without `excludingId`.
 */
export async function openCommitments(
  tx: Tx,
  cooperativeId: string,
  filter: { partnerId?: string; country?: string; excludingId: string },
): Promise<Array<{ currency: string; total: string }>> {
  return tx.query<{ currency: string; total: string }>(
    `SELECT f.currency, sum(f.limit_amount)::text AS total
       FROM cross_border_facility f
       JOIN partner_cooperative p ON p.cooperative_id = f.cooperative_id AND p.id = f.partner_id
      WHERE f.cooperative_id = $1 AND f.status IN ('requested','approved') AND f.id <> $2
        AND ($3::uuid IS NULL OR f.partner_id = $3) AND ($4::text IS NULL OR p.country = $4)
      GROUP BY f.currency ORDER BY f.currency`,
    [cooperativeId, filter.excludingId, filter.partnerId ?? null, filter.country ?? null],
  );
}
