import type { Tx } from '@lumbung/database';
import { ChartService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import type { FacilityRecord } from '../infrastructure/facility-store';
import { receivableLeafCount, setReceivableAccount } from '../infrastructure/money-store';

/** The chart codes cross-border money moves through (the ksp template). */
export const crossBorderCodes = {
  /** Heading of the facility receivables, one leaf per facility in its currency. */
  receivables: '1-14',
  /** Heading under which each foreign currency's FX position leaf is opened. */
  clearing: '1-19',
  /** The FX position's functional-currency side, shared by every currency. */
  positionFunctional: '1-1901',
  /** Where drawdowns are paid from and repayments arrive (in the functional currency). */
  bank: '1-1201',
  interestIncome: '4-1104',
  feeIncome: '4-1102',
  fxGainLoss: '4-2103',
} as const;

/** The FX position leaf of one foreign currency: `1-1901-USD`. */
export const positionCode = (currency: string): string =>
  `${crossBorderCodes.positionFunctional}-${currency}`;

/**
 * The leaves a facility's money moves through: its receivable (opened at the first drawdown,
 * numbered `1-14-0001` on), the FX position leaf of each foreign currency (opened on first use)
 * and the template's leaves by code.
 */
@Injectable()
export class FacilityAccounts {
  constructor(private readonly charts: ChartService) {}

  async byCode(tx: Tx, cooperativeId: string, code: string): Promise<string> {
    return (await this.charts.accountByCode(tx, cooperativeId, code)).id;
  }

  /**
   * The facility's receivable leaf, opened on its first drawdown. Callers hold the facility's
   * row lock and the cooperative's exposure lock, so leaf numbers are handed out one at a time.
   */
  async receivable(
    tx: Tx,
    cooperativeId: string,
    facility: FacilityRecord,
    partnerName: string,
  ): Promise<string> {
    if (facility.receivableAccountId) return facility.receivableAccountId;
    const heading = await this.charts.accountByCode(
      tx,
      cooperativeId,
      crossBorderCodes.receivables,
    );
    const number = (await receivableLeafCount(tx, cooperativeId)) + 1;
    const leaf = await this.charts.openLeaf(tx, cooperativeId, {
      parentId: heading.id,
      code: `${crossBorderCodes.receivables}-${String(number).padStart(4, '0')}`,
      name: `Pinjaman ${partnerName} ${facility.currency}`.slice(0, 200),
      currency: facility.currency,
      // Principal repaid never exceeds what was drawn: the ledger holds it to that.
      floor: '0',
    });
    await setReceivableAccount(tx, cooperativeId, facility.id, leaf.id);
    return leaf.id;
  }

  /** The currency's FX position leaf, opened on first use under `1-19`. */
  async position(tx: Tx, cooperativeId: string, currency: string): Promise<string> {
    const code = positionCode(currency);
    const find = async () =>
      (
        await tx.query<{ id: string }>(
          `SELECT id FROM account WHERE cooperative_id = $1 AND code = $2`,
          [cooperativeId, code],
        )
      )[0]?.id;
    const found = await find();
    if (found) return found;
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('fx-position:' || $1, 0))`, [
      `${cooperativeId}:${code}`,
    ]);
    const raced = await find();
    if (raced) return raced;
    const heading = await this.charts.accountByCode(tx, cooperativeId, crossBorderCodes.clearing);
    const leaf = await this.charts.openLeaf(tx, cooperativeId, {
      parentId: heading.id,
      code,
      name: `Posisi Valuta Asing ${currency}`,
      currency,
    });
    return leaf.id;
  }

  /** Every FX position leaf the cooperative has opened. */
  async positions(tx: Tx, cooperativeId: string): Promise<string[]> {
    const rows = await tx.query<{ id: string }>(
      `SELECT a.id FROM account a
         JOIN account h ON h.cooperative_id = a.cooperative_id AND h.id = a.parent_id
        WHERE a.cooperative_id = $1 AND h.code = $2 AND a.code LIKE $3`,
      [cooperativeId, crossBorderCodes.clearing, `${crossBorderCodes.positionFunctional}-%`],
    );
    return rows.map((r) => r.id);
  }
}
