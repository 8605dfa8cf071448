import type { BusinessDate } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import type { BooksLine, FacilityExposureInput } from '../domain/exposure-report';

/**
 * Every facility approved on or before `asOf`, with what its receivable leaf shows by value date
 * up to `asOf`: the debits (drawn), the balance (outstanding) and the functional amounts the
 * postings carry. A facility with nothing drawn yet has no leaf and zeros.
 */
export async function facilityExposures(
  tx: Tx,
  cooperativeId: string,
  asOf: BusinessDate,
): Promise<FacilityExposureInput[]> {
  const rows = await tx.query<{
    id: string;
    partner_id: string;
    legal_name: string;
    country: string;
    agreement_id: string;
    reference: string;
    program: string;
    sector: string;
    commodity: string | null;
    currency: string;
    limit_amount: string;
    code: string | null;
    drawn: string;
    outstanding: string;
    carrying: string;
  }>(
    `SELECT f.id, f.partner_id, p.legal_name, p.country, f.agreement_id, g.reference, f.program,
            f.sector, f.commodity, f.currency::text AS currency, f.limit_amount::text, a.code,
            coalesce(l.drawn, 0)::text AS drawn, coalesce(l.outstanding, 0)::text AS outstanding,
            coalesce(l.carrying, 0)::text AS carrying
       FROM cross_border_facility f
       JOIN partner_cooperative p ON p.cooperative_id = f.cooperative_id AND p.id = f.partner_id
       JOIN cooperation_agreement g
         ON g.cooperative_id = f.cooperative_id AND g.id = f.agreement_id
       LEFT JOIN account a
         ON a.cooperative_id = f.cooperative_id AND a.id = f.receivable_account_id
       LEFT JOIN LATERAL (
         SELECT sum(po.amount) FILTER (WHERE po.amount > 0) AS drawn,
                sum(po.amount) AS outstanding, sum(po.functional_amount) AS carrying
           FROM posting po
          WHERE po.cooperative_id = f.cooperative_id AND po.account_id = f.receivable_account_id
            AND po.value_date <= $2
       ) l ON true
      WHERE f.cooperative_id = $1 AND f.status = 'approved' AND f.decided_on <= $2
      ORDER BY f.id`,
    [cooperativeId, asOf],
  );
  return rows.map((r) => ({
    facilityId: r.id,
    partnerId: r.partner_id,
    partnerName: r.legal_name,
    country: r.country,
    agreementId: r.agreement_id,
    agreementReference: r.reference,
    program: r.program,
    sector: r.sector,
    commodity: r.commodity,
    currency: r.currency,
    limit: r.limit_amount,
    accountCode: r.code,
    drawn: r.drawn,
    outstanding: r.outstanding,
    carrying: r.carrying,
  }));
}

/** The leaves under the heading `code`, summed per currency by value date up to `asOf`. */
export async function headingBalances(
  tx: Tx,
  cooperativeId: string,
  code: string,
  asOf: BusinessDate,
): Promise<BooksLine[]> {
  const rows = await tx.query<{ currency: string; balance: string; functional: string }>(
    `SELECT a.currency::text AS currency, sum(p.amount)::text AS balance,
            sum(p.functional_amount)::text AS functional
       FROM account h
       JOIN account a ON a.cooperative_id = h.cooperative_id AND a.parent_id = h.id AND a.is_leaf
       JOIN posting p ON p.cooperative_id = a.cooperative_id AND p.account_id = a.id
                     AND p.value_date <= $3
      WHERE h.cooperative_id = $1 AND h.code = $2
      GROUP BY a.currency ORDER BY a.currency`,
    [cooperativeId, code, asOf],
  );
  return rows.map((r) => ({
    currency: r.currency,
    balance: r.balance,
    functionalBalance: r.functional,
  }));
}
