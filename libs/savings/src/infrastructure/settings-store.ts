import type { Tx } from '@lumbung/database';

export interface SavingsSettings {
  /** Above this (functional currency) a teller's operation waits for a manager; null: none. */
  readonly tellerLimit: string | null;
  /** Cash of one member on one day at or above this is flagged; null: not watched. */
  readonly cashReportThreshold: string | null;
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
  }>(
    `SELECT teller_limit::text, cash_report_threshold::text FROM savings_settings
      WHERE cooperative_id = $1`,
    [cooperativeId],
  );
  const fallback = functionalCurrency === 'IDR' ? defaultIdrCashThreshold : null;
  return {
    tellerLimit: row?.teller_limit ?? null,
    cashReportThreshold: row ? row.cash_report_threshold : fallback,
  };
}

export async function saveSettings(
  tx: Tx,
  cooperativeId: string,
  settings: SavingsSettings,
): Promise<void> {
  await tx.query(
    `INSERT INTO savings_settings (cooperative_id, teller_limit, cash_report_threshold)
     VALUES ($1, $2, $3)
     ON CONFLICT (cooperative_id) DO UPDATE
       SET teller_limit = EXCLUDED.teller_limit,
           cash_report_threshold = EXCLUDED.cash_report_threshold,
           updated_at = clock_timestamp()`,
    [cooperativeId, settings.tellerLimit, settings.cashReportThreshold],
  );
}
