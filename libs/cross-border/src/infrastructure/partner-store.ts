import type { Tx } from '@lumbung/database';
import type { PartnerChange, PartnerInput, PartnerOfficer, PartnerStatus } from '../domain/partner';

export interface PartnerRecord {
  readonly id: string;
  readonly country: string;
  readonly legalName: string;
  readonly registryNumber: string;
  readonly functionalCurrency: string;
  readonly officers: readonly PartnerOfficer[];
  readonly status: PartnerStatus;
  readonly relatedParty: boolean;
  /** The partner's own cooperative on Lumbung, if any: settlements reconcile with its book. */
  readonly lumbungCooperativeId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

interface PartnerRow {
  id: string;
  country: string;
  legal_name: string;
  registry_number: string;
  functional_currency: string;
  officers: PartnerOfficer[];
  status: PartnerStatus;
  related_party: boolean;
  lumbung_cooperative_id: string | null;
  created_at: Date;
  updated_at: Date;
}

const columns = `id, country, legal_name, registry_number, functional_currency, officers, status,
  related_party, lumbung_cooperative_id, created_at, updated_at`;

function toRecord(row: PartnerRow): PartnerRecord {
  return {
    id: row.id,
    country: row.country,
    legalName: row.legal_name,
    registryNumber: row.registry_number,
    functionalCurrency: row.functional_currency,
    officers: row.officers,
    status: row.status,
    relatedParty: row.related_party,
    lumbungCooperativeId: row.lumbung_cooperative_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** True when inserted; false when the country and registry number are already a partner. */
export async function insertPartner(
  tx: Tx,
  cooperativeId: string,
  partner: PartnerInput & { id: string; createdBy: string | null },
): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO partner_cooperative (cooperative_id, id, country, legal_name, registry_number,
                                      functional_currency, officers, related_party, created_by,
                                      lumbung_cooperative_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (cooperative_id, country, registry_number) DO NOTHING
     RETURNING id`,
    [
      cooperativeId,
      partner.id,
      partner.country,
      partner.legalName,
      partner.registryNumber,
      partner.functionalCurrency,
      JSON.stringify(partner.officers),
      partner.relatedParty,
      partner.createdBy,
      partner.lumbungCooperativeId,
    ],
  );
  return rows.length === 1;
}

export async function partnerById(
  tx: Tx,
  cooperativeId: string,
  id: string,
  lock: 'share' | 'update' | null = null,
): Promise<PartnerRecord | undefined> {
  const [row] = await tx.query<PartnerRow>(
    `SELECT ${columns} FROM partner_cooperative WHERE cooperative_id = $1 AND id = $2
     ${lock === 'update' ? 'FOR UPDATE' : lock === 'share' ? 'FOR SHARE' : ''}`,
    [cooperativeId, id],
  );
  return row && toRecord(row);
}

export async function listPartners(
  tx: Tx,
  cooperativeId: string,
  page: { after?: string; limit: number },
): Promise<PartnerRecord[]> {
  const rows = await tx.query<PartnerRow>(
    `SELECT ${columns} FROM partner_cooperative
      WHERE cooperative_id = $1 AND ($2::uuid IS NULL OR id > $2)
      ORDER BY id LIMIT $3`,
    [cooperativeId, page.after ?? null, page.limit],
  );
  return rows.map(toRecord);
}

export async function updatePartner(
  tx: Tx,
  cooperativeId: string,
  id: string,
  change: PartnerChange,
): Promise<void> {
  await tx.query(
    `WITH changed AS (
       UPDATE partner_cooperative
          SET legal_name = coalesce($3, legal_name),
              officers = coalesce($4::jsonb, officers),
              status = coalesce($5, status),
              related_party = coalesce($6, related_party),
              lumbung_cooperative_id = coalesce($7, lumbung_cooperative_id),
              updated_at = clock_timestamp()
        WHERE cooperative_id = $1 AND id = $2 RETURNING id)
     SELECT id FROM changed`,
    [
      cooperativeId,
      id,
      change.legalName ?? null,
      change.officers ? JSON.stringify(change.officers) : null,
      change.status ?? null,
      change.relatedParty ?? null,
      change.lumbungCooperativeId ?? null,
    ],
  );
}
