import type { BusinessDate } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import type { Program, RenewalKind } from '../domain/agreement';

export interface PartnerProfileRow {
  readonly id: string;
  readonly legalName: string;
  readonly country: string;
  readonly registryNumber: string;
  readonly agreements: ReadonlyArray<{
    readonly effectiveFrom: BusinessDate;
    readonly effectiveTo: BusinessDate;
    readonly renewal: RenewalKind;
    readonly programs: readonly Program[];
  }>;
}

/** Every partner cooperative, with the agreements signed with it by `asOf`. */
export async function partnerProfiles(
  tx: Tx,
  cooperativeId: string,
  asOf: BusinessDate,
): Promise<PartnerProfileRow[]> {
  const rows = await tx.query<{
    id: string;
    legal_name: string;
    country: string;
    registry_number: string;
    agreements: PartnerProfileRow['agreements'] | null;
  }>(
    `SELECT p.id, p.legal_name, p.country, p.registry_number,
            (SELECT json_agg(json_build_object(
                      'effectiveFrom', g.effective_from, 'effectiveTo', g.effective_to,
                      'renewal', g.renewal, 'programs', g.programs) ORDER BY g.id)
               FROM cooperation_agreement g
              WHERE g.cooperative_id = p.cooperative_id AND g.partner_id = p.id
                AND g.signed_on <= $2) AS agreements
       FROM partner_cooperative p
      WHERE p.cooperative_id = $1
      ORDER BY p.legal_name, p.id`,
    [cooperativeId, asOf],
  );
  return rows.map((r) => ({
    id: r.id,
    legalName: r.legal_name,
    country: r.country,
    registryNumber: r.registry_number,
    agreements: r.agreements ?? [],
  }));
}

export interface MemberBusinessRow {
  readonly memberNumber: string;
  readonly fullName: string;
  readonly sector: string;
  readonly commodity: string | null;
  readonly province: string | null;
  readonly country: string | null;
}

/**
 * Members with an export-oriented business profile who joined by `asOf`. Only what the export
 * needs is read: never an identity number, birth date, phone or address.
 */
export async function exportOrientedMembers(
  tx: Tx,
  cooperativeId: string,
  asOf: BusinessDate,
): Promise<MemberBusinessRow[]> {
  const rows = await tx.query<{
    member_number: string;
    full_name: string;
    sector: string;
    commodity: string | null;
    province: string | null;
    country: string | null;
  }>(
    `SELECT m.member_number, m.full_name, b.sector, b.commodity, b.province, b.country
       FROM member m
       JOIN member_business_profile b ON b.cooperative_id = m.cooperative_id AND b.member_id = m.id
      WHERE m.cooperative_id = $1 AND b.export_oriented AND m.join_date <= $2
      ORDER BY length(m.member_number), m.member_number`,
    [cooperativeId, asOf],
  );
  return rows.map((r) => ({
    memberNumber: r.member_number,
    fullName: r.full_name,
    sector: r.sector,
    commodity: r.commodity,
    province: r.province,
    country: r.country,
  }));
}

export interface MemberLoanRow {
  readonly memberNumber: string;
  readonly loanNumber: string;
  readonly currency: string;
  readonly sector: string;
  readonly commodity: string | null;
  readonly principal: string;
  readonly outstanding: string;
}

/**
 * Loans disbursed by `asOf` to members with an export-oriented business: the principal lent and
 * the principal leaf's balance by value date.
 */
export async function exportOrientedLoans(
  tx: Tx,
  cooperativeId: string,
  asOf: BusinessDate,
): Promise<MemberLoanRow[]> {
  const rows = await tx.query<{
    member_number: string;
    loan_number: string;
    currency: string;
    sector: string;
    commodity: string | null;
    principal: string;
    outstanding: string;
  }>(
    `SELECT m.member_number, l.loan_number, l.currency::text AS currency, l.sector, l.commodity,
            l.principal::text AS principal,
            coalesce((SELECT sum(p.amount) FROM posting p
                       WHERE p.cooperative_id = l.cooperative_id
                         AND p.account_id = l.ledger_account_id AND p.value_date <= $2),
                     0)::text AS outstanding
       FROM loan l
       JOIN member m ON m.cooperative_id = l.cooperative_id AND m.id = l.member_id
       JOIN member_business_profile b ON b.cooperative_id = l.cooperative_id
                                     AND b.member_id = l.member_id AND b.export_oriented
      WHERE l.cooperative_id = $1 AND l.disbursed_on <= $2 AND m.join_date <= $2
      ORDER BY length(m.member_number), m.member_number, l.loan_number`,
    [cooperativeId, asOf],
  );
  return rows.map((r) => ({
    memberNumber: r.member_number,
    loanNumber: r.loan_number,
    currency: r.currency,
    sector: r.sector,
    commodity: r.commodity,
    principal: r.principal,
    outstanding: r.outstanding,
  }));
}
