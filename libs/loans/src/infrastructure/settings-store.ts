import type { Tx } from '@lumbung/database';

export interface LendingLimits {
  /** All loans to related parties together, as a fraction of own capital (Art. 44: at most 0.10). */
  readonly relatedPartyLimit: string;
  /** One borrower's loans together, as a fraction of own capital; null: no limit set. */
  readonly singleBorrowerLimit: string | null;
}

export const statutoryRelatedPartyLimit = '0.10';

export async function lendingLimitsOf(tx: Tx, cooperativeId: string): Promise<LendingLimits> {
  const [row] = await tx.query<{
    related_party_limit: string;
    single_borrower_limit: string | null;
  }>(
    `SELECT related_party_limit::text, single_borrower_limit::text FROM loan_settings
      WHERE cooperative_id = $1`,
    [cooperativeId],
  );
  return {
    relatedPartyLimit: row?.related_party_limit ?? statutoryRelatedPartyLimit,
    singleBorrowerLimit: row?.single_borrower_limit ?? null,
  };
}

export async function saveLendingLimits(
  tx: Tx,
  cooperativeId: string,
  limits: LendingLimits,
): Promise<void> {
  await tx.query(
    `INSERT INTO loan_settings (cooperative_id, related_party_limit, single_borrower_limit)
     VALUES ($1, $2, $3)
     ON CONFLICT (cooperative_id) DO UPDATE
       SET related_party_limit = EXCLUDED.related_party_limit,
           single_borrower_limit = EXCLUDED.single_borrower_limit,
           updated_at = clock_timestamp()`,
    [cooperativeId, limits.relatedPartyLimit, limits.singleBorrowerLimit],
  );
}
