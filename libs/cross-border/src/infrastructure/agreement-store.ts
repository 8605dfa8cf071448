import type { BusinessDate } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import type { AgreementInput, Program, RenewalKind } from '../domain/agreement';

export interface AgreementRecord extends AgreementInput {
  readonly id: string;
  readonly createdAt: string;
}

interface AgreementRow {
  id: string;
  partner_id: string;
  reference: string;
  title: string;
  signed_on: BusinessDate;
  effective_from: BusinessDate;
  effective_to: BusinessDate;
  renewal: RenewalKind;
  renewal_months: number | null;
  programs: Program[];
  created_at: Date;
}

const columns = `id, partner_id, reference, title, signed_on, effective_from, effective_to, renewal,
  renewal_months, programs, created_at`;

function toRecord(row: AgreementRow): AgreementRecord {
  return {
    id: row.id,
    partnerId: row.partner_id,
    reference: row.reference,
    title: row.title,
    signedOn: row.signed_on,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
    renewal: row.renewal,
    renewalMonths: row.renewal_months,
    programs: row.programs,
    createdAt: row.created_at.toISOString(),
  };
}

/** True when inserted; false when the reference is already taken. */
export async function insertAgreement(
  tx: Tx,
  cooperativeId: string,
  agreement: AgreementInput & { id: string; createdBy: string | null },
): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO cooperation_agreement (cooperative_id, id, partner_id, reference, title, signed_on,
                                        effective_from, effective_to, renewal, renewal_months,
                                        programs, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (cooperative_id, reference) DO NOTHING
     RETURNING id`,
    [
      cooperativeId,
      agreement.id,
      agreement.partnerId,
      agreement.reference,
      agreement.title,
      agreement.signedOn,
      agreement.effectiveFrom,
      agreement.effectiveTo,
      agreement.renewal,
      agreement.renewalMonths,
      JSON.stringify(agreement.programs),
      agreement.createdBy,
    ],
  );
  return rows.length === 1;
}

export async function agreementById(
  tx: Tx,
  cooperativeId: string,
  id: string,
): Promise<AgreementRecord | undefined> {
  const [row] = await tx.query<AgreementRow>(
    `SELECT ${columns} FROM cooperation_agreement WHERE cooperative_id = $1 AND id = $2`,
    [cooperativeId, id],
  );
  return row && toRecord(row);
}

export async function listAgreements(
  tx: Tx,
  cooperativeId: string,
  filter: { partnerId?: string; after?: string; limit: number },
): Promise<AgreementRecord[]> {
  const rows = await tx.query<AgreementRow>(
    `SELECT ${columns} FROM cooperation_agreement
      WHERE cooperative_id = $1 AND ($2::uuid IS NULL OR partner_id = $2)
        AND ($3::uuid IS NULL OR id > $3)
      ORDER BY id LIMIT $4`,
    [cooperativeId, filter.partnerId ?? null, filter.after ?? null, filter.limit],
  );
  return rows.map(toRecord);
}
