import { AuditLog } from '@lumbung/audit';
import {
  addDays,
  type BusinessDate,
  InvalidInputError,
  isBusinessDate,
  Money,
  monthEnd,
  monthStart,
} from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { CooperativeService, PostingService, ReversalService } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import { revaluationFigures } from '../domain/facility-money';
import {
  foreignBalancesAsOf,
  insertRevaluations,
  type RevaluationRecord,
  revaluationsOf,
} from '../infrastructure/money-store';
import { crossBorderCodes, FacilityAccounts } from './facility-accounts';
import { FxRates } from './fx-rates';

/**
 * The month-end revaluation (SAK EP: monetary items at the closing rate, differences to profit
 * or loss). On the last day of a month the end of day revalues, per foreign currency, every leaf
 * in that currency but the FX position leaves (the facility receivables) at that day's rate:
 * the difference between that and what the ledger carries them at goes to the FX position's
 * functional side (`1-1901`) against FX gain or loss (`4-2103`), valued the month's last day,
 * and is reversed with value date the first of the next month, so realised differences are
 * always measured from the rates the money moved at. Once per cooperative and month; a missing
 * closing rate fails the step (`fx-rate-missing`) and with it the day's cooperative-wide chunk,
 * until the rate is entered and the chunk runs again.
 */
@Injectable()
export class FxRevaluation {
  constructor(
    private readonly cooperatives: CooperativeService,
    private readonly accounts: FacilityAccounts,
    private readonly rates: FxRates,
    private readonly posting: PostingService,
    private readonly reversals: ReversalService,
    private readonly audit: AuditLog,
  ) {}

  /** The end of day's step for `date`: does nothing but on a month's last day. */
  async monthEnd(tx: Tx, cooperativeId: string, date: BusinessDate): Promise<RevaluationRecord[]> {
    if (date !== monthEnd(date)) return [];
    const month = monthStart(date);
    const done = await revaluationsOf(tx, cooperativeId, month);
    if (done.length > 0) return done;
    const { functionalCurrency } = await this.cooperatives.byId(tx, cooperativeId);
    const positions = await this.accounts.positions(tx, cooperativeId);
    const balances = await foreignBalancesAsOf(tx, cooperativeId, date, positions);
    const rows: RevaluationRecord[] = [];
    for (const line of balances) {
      const balance = Money.of(line.balance, line.currency);
      const carrying = Money.of(line.carrying, functionalCurrency);
      if (balance.isZero() && carrying.isZero()) continue;
      const closing = await this.rates.convert(
        tx,
        cooperativeId,
        balance,
        functionalCurrency,
        date,
      );
      const figures = revaluationFigures(balance, carrying, closing.to);
      let entryId: string | null = null;
      let reversalEntryId: string | null = null;
      if (!figures.difference.isZero()) {
        ({ entryId, reversalEntryId } = await this.post(tx, cooperativeId, {
          month,
          date,
          currency: line.currency,
          difference: figures.difference,
          rate: closing.rate!.rate,
        }));
      }
      rows.push({
        month,
        currency: line.currency,
        periodEnd: date,
        fxRate: closing.rate!.rate,
        fxRateId: closing.rate!.id,
        foreignBalance: balance.toString(),
        carrying: carrying.toString(),
        revalued: figures.revalued.toString(),
        difference: figures.difference.toString(),
        entryId,
        reversalEntryId,
      });
    }
    await insertRevaluations(tx, cooperativeId, rows);
    if (rows.length > 0) {
      await this.audit.record(tx, {
        cooperativeId,
        action: 'cross-border.fx-revaluation',
        targetType: 'fx_revaluation',
        targetId: month,
        after: { revaluations: rows },
      });
    }
    return rows;
  }

  /** A month's revaluations, one per currency. */
  async ofMonth(tx: Tx, cooperativeId: string, month: string): Promise<RevaluationRecord[]> {
    const first = `${month}-01`;
    if (!/^\d{4}-\d{2}$/.test(month) || !isBusinessDate(first)) {
      throw new InvalidInputError('Invalid month', [{ field: 'month', message: 'YYYY-MM' }]);
    }
    await this.cooperatives.byId(tx, cooperativeId);
    return revaluationsOf(tx, cooperativeId, first);
  }

  private async post(
    tx: Tx,
    cooperativeId: string,
    input: {
      month: BusinessDate;
      date: BusinessDate;
      currency: string;
      difference: Money;
      rate: string;
    },
  ): Promise<{ entryId: string; reversalEntryId: string }> {
    const position = await this.accounts.byCode(
      tx,
      cooperativeId,
      crossBorderCodes.positionFunctional,
    );
    const gainLoss = await this.accounts.byCode(tx, cooperativeId, crossBorderCodes.fxGainLoss);
    const period = input.month.slice(0, 7);
    const { entry } = await this.posting.post(tx, cooperativeId, {
      description: `Revaluasi ${input.currency} ${period} kurs penutupan ${input.rate}`,
      source: { type: 'cross-border.revaluation', id: `${period}:${input.currency}` },
      valueDate: input.date,
      idempotencyKey: `cross-border.revaluation:${period}:${input.currency}`,
      postings: [
        { accountId: position, amount: input.difference },
        {
          accountId: gainLoss,
          amount: input.difference.negated(),
          counterpartyClass: 'partner_cooperative',
          memo: `Selisih kurs belum terealisasi ${input.currency} ${period}`,
        },
      ],
    });
    const reversal = await this.reversals.reverse(tx, cooperativeId, entry.id, {
      reason: `awal periode ${addDays(input.date, 1).slice(0, 7)}`,
      valueDate: addDays(input.date, 1),
      idempotencyKey: `cross-border.revaluation-reversal:${period}:${input.currency}`,
      source: { type: 'cross-border.revaluation-reversal', id: `${period}:${input.currency}` },
    });
    return { entryId: entry.id, reversalEntryId: reversal.entry.id };
  }
}
