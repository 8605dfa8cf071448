import type { Tx } from '@lumbung/database';
import type { CrossBorderSettings } from '../domain/settings';
import type { ExposureLimitChange, ExposureScope } from '../domain/exposure';

export interface ExposureLimitRecord {
  readonly id: string;
  readonly scope: ExposureScope;
  readonly partnerId: string | null;
  readonly country: string | null;
  readonly amount: string;
  readonly currency: string;
  readonly approvalRequestId: string;
  readonly updatedAt: string;
}

interface LimitRow {
  id: string;
  scope: ExposureScope;
  partner_id: string | null;
  country: string | null;
  amount: string;
  currency: string;
  approval_request_id: string;
  updated_at: Date;
}

const columns = `id, scope, partner_id, country, amount::text, currency, approval_request_id,
  updated_at`;

function toRecord(row: LimitRow): ExposureLimitRecord {
  return {
    id: row.id,
    scope: row.scope,
    partnerId: row.partner_id,
    country: row.country,
    amount: row.amount,
    currency: row.currency,
    approvalRequestId: row.approval_request_id,
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function exposureLimits(
  tx: Tx,
  cooperativeId: string,
): Promise<ExposureLimitRecord[]> {
  const rows = await tx.query<LimitRow>(
    `SELECT ${columns} FROM exposure_limit WHERE cooperative_id = $1 ORDER BY scope, country, id`,
    [cooperativeId],
  );
  return rows.map(toRecord);
}

/** The partner's and the country's limits, each undefined where none is set. */
export async function limitsFor(
  tx: Tx,
  cooperativeId: string,
  partnerId: string,
  country: string,
): Promise<{ partner?: ExposureLimitRecord; country?: ExposureLimitRecord }> {
  const rows = await tx.query<LimitRow>(
    `SELECT ${columns} FROM exposure_limit
      WHERE cooperative_id = $1
        AND ((scope = 'partner' AND partner_id = $2) OR (scope = 'country' AND country = $3))`,
    [cooperativeId, partnerId, country],
  );
  const records = rows.map(toRecord);
  return {
    partner: records.find((r) => r.scope === 'partner'),
    country: records.find((r) => r.scope === 'country'),
  };
}

export async function limitOf(
  tx: Tx,
  cooperativeId: string,
  change: ExposureLimitChange,
): Promise<ExposureLimitRecord | undefined> {
  const [row] = await tx.query<LimitRow>(
    `SELECT ${columns} FROM exposure_limit
      WHERE cooperative_id = $1 AND scope = $2
        AND (partner_id = $3 OR country = $4)`,
    [
      cooperativeId,
      change.scope,
      change.scope === 'partner' ? change.partnerId : null,
      change.scope === 'country' ? change.country : null,
    ],
  );
  return row && toRecord(row);
}

export async function saveLimit(
  tx: Tx,
  cooperativeId: string,
  change: ExposureLimitChange & { id: string; currency: string; approvalRequestId: string },
): Promise<void> {
  const target =
    change.scope === 'partner'
      ? `(cooperative_id, partner_id) WHERE scope = 'partner'`
      : `(cooperative_id, country) WHERE scope = 'country'`;
  await tx.query(
    `INSERT INTO exposure_limit (cooperative_id, id, scope, partner_id, country, amount, currency,
                                 approval_request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT ${target} DO UPDATE
       SET amount = EXCLUDED.amount, approval_request_id = EXCLUDED.approval_request_id,
           updated_at = clock_timestamp()`,
    [
      cooperativeId,
      change.id,
      change.scope,
      change.scope === 'partner' ? change.partnerId : null,
      change.scope === 'country' ? change.country : null,
      change.amount,
      change.currency,
      change.approvalRequestId,
    ],
  );
}

export async function settingsOf(tx: Tx, cooperativeId: string): Promise<CrossBorderSettings> {
  const [row] = await tx.query<{ supervisor_threshold: string }>(
    `SELECT supervisor_threshold::text FROM cross_border_settings WHERE cooperative_id = $1`,
    [cooperativeId],
  );
  return { supervisorThreshold: row?.supervisor_threshold ?? null };
}

export async function saveSettings(
  tx: Tx,
  cooperativeId: string,
  settings: CrossBorderSettings,
): Promise<void> {
  await tx.query(
    `INSERT INTO cross_border_settings (cooperative_id, supervisor_threshold) VALUES ($1, $2)
     ON CONFLICT (cooperative_id) DO UPDATE
       SET supervisor_threshold = EXCLUDED.supervisor_threshold, updated_at = clock_timestamp()`,
    [cooperativeId, settings.supervisorThreshold],
  );
}
