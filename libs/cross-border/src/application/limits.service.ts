import { Decimal, Money } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { CooperativeService } from '@lumbung/ledger';
import { LoanProducts } from '@lumbung/loans';
import { Injectable } from '@nestjs/common';
import {
  type ExposureLimitRecord,
  exposureLimits,
  settingsOf,
} from '../infrastructure/limits-store';

export interface CrossBorderLimitsView {
  readonly currency: string;
  /** What every limit is capped at (a related partner's at the related-party fraction of it). */
  readonly ownCapital: string;
  /** Null: not set, so every facility also needs a supervisor. */
  readonly supervisorThreshold: string | null;
  readonly limits: readonly ExposureLimitRecord[];
}

/** Exposure limits and the supervisor threshold; both change only through approvals. */
@Injectable()
export class CrossBorderLimits {
  constructor(
    private readonly cooperatives: CooperativeService,
    private readonly loans: LoanProducts,
  ) {}

  async view(tx: Tx, cooperativeId: string): Promise<CrossBorderLimitsView> {
    const { functionalCurrency } = await this.cooperatives.byId(tx, cooperativeId);
    const capital = new Decimal(await this.loans.ownCapital(tx, cooperativeId, functionalCurrency));
    return {
      currency: functionalCurrency,
      ownCapital: Money.rounded(Decimal.max(capital, 0), functionalCurrency, 'half-up').toString(),
      supervisorThreshold: (await settingsOf(tx, cooperativeId)).supervisorThreshold,
      limits: await exposureLimits(tx, cooperativeId),
    };
  }
}
