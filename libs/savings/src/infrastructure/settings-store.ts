import type { Tx } from '@lumbung/database';

export interface SavingsSettings {
  /** Above this (functional currency) a teller's operation waits for a manager; null: none. */
  readonly tellerLimit: string | null;
  /** Cash of one member on one day at or above this is flagged; null: not watched. */
  readonly cashReportThreshold: string | null;
  /** Cash changes hands in multiples of this (e.g. Rp100); null: to the currency's minor unit. */
  readonly cashRoundingUnit: string | null;
}

/** Rp500,000,000 (DESIGN.md section 7) where the books are kept in rupiah. */
export const defaultIdrCashThreshold = '500000000';

export async function settingsOf(
  tx: Tx,
  cooperativeId: string,
  functionalCurrency: string,
): Promise<SavingsSettings> {
  const [row] = await tx.query<{
    teller_limit: string | null;
    cash_report_threshold: string | null;
    cash_rounding_unit: string | null;
  }>(
    `SELECT teller_limit::text, cash_report_threshold::text, cash_rounding_unit::text
       FROM savings_settings
      WHERE cooperative_id = $1`,
    [cooperativeId],
  );
  const fallback = functionalCurrency === 'IDR' ? defaultIdrCashThreshold : null;
  return {
    tellerLimit: row?.teller_limit ?? null,
    cashReportThreshold: row ? row.cash_report_threshold : fallback,
    cashRoundingUnit: row?.cash_rounding_unit ?? null,
  };
}

export async function saveSettings(
  tx: Tx,
  cooperativeId: string,
  settings: SavingsSettings,
): Promise<void> {
  await tx.query(
    `INSERT INTO savings_settings (cooperative_id, teller_limit, cash_report_threshold,
                                   cash_rounding_unit)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (cooperative_id) DO UPDATE
       SET teller_limit = EXCLUDED.teller_limit,
           cash_report_threshold = EXCLUDED.cash_report_threshold,
           cash_rounding_unit = EXCLUDED.cash_rounding_unit,
           updated_at = clock_timestamp()`,
    [cooperativeId, settings.tellerLimit, settings.cashReportThreshold, settings.cashRoundingUnit],
  );
}
