import { type BusinessDate, Decimal, Money } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { LoanProducts } from '@lumbung/loans';
import { Injectable } from '@nestjs/common';
import { type ExposureLine, exposureLines, exposureRefusal } from '../domain/exposure';
import type { PartnerRecord } from '../infrastructure/partner-store';
import { limitsFor } from '../infrastructure/limits-store';
import { openCommitments } from '../infrastructure/facility-store';
import { FxRates } from './fx-rates';

/** A facility's exposure figures, all in the lender's functional currency. */
export interface ExposureFigures {
  readonly date: BusinessDate;
  readonly currency: string;
  readonly ownCapital: string;
  readonly lines: readonly ExposureLine[];
}

/**
 * What a cooperative has committed abroad, per partner and per country, in its functional
 * currency: every requested or approved facility at its limit (drawdowns come later), each
 * currency converted at the rate of exactly that day. A missing rate is `fx-rate-missing`,
 * never another day's rate.
 */
@Injectable()
export class CrossBorderExposure {
  constructor(
    private readonly rates: FxRates,
    private readonly loans: LoanProducts,
  ) {}

  /** The figures of a facility of `requested` (functional) to `partner`, others than `facilityId`. */
  async figures(
    tx: Tx,
    cooperativeId: string,
    input: {
      readonly partner: PartnerRecord;
      readonly facilityId: string;
      readonly requested: Money;
      readonly date: BusinessDate;
    },
  ): Promise<ExposureFigures> {
    const currency = input.requested.currency.code;
    const limits = await limitsFor(tx, cooperativeId, input.partner.id, input.partner.country);
    const partnerCurrent = await this.committed(tx, cooperativeId, currency, input.date, {
      partnerId: input.partner.id,
      excludingId: input.facilityId,
    });
    const countryCurrent = await this.committed(tx, cooperativeId, currency, input.date, {
      country: input.partner.country,
      excludingId: input.facilityId,
    });
    const ownCapital = new Decimal(await this.loans.ownCapital(tx, cooperativeId, currency));
    const { relatedPartyLimit } = await this.loans.limits(tx, cooperativeId);
    const lines = exposureLines({
      currency,
      ownCapital,
      relatedPartyFraction: relatedPartyLimit,
      relatedParty: input.partner.relatedParty,
      requested: input.requested.amount,
      partner: {
        key: input.partner.id,
        limit: limits.partner ? new Decimal(limits.partner.amount) : null,
        current: partnerCurrent,
      },
      country: {
        key: input.partner.country,
        limit: limits.country ? new Decimal(limits.country.amount) : null,
        current: countryCurrent,
      },
    });
    return {
      date: input.date,
      currency,
      ownCapital: Money.rounded(Decimal.max(ownCapital, 0), currency, 'half-up').toString(),
      lines,
    };
  }

  /** As `figures`, refusing with them (422 `exposure-limit`) when any limit would be passed. */
  async requireWithin(
    tx: Tx,
    cooperativeId: string,
    input: Parameters<CrossBorderExposure['figures']>[2],
    refused?: string,
  ): Promise<ExposureFigures> {
    const figures = await this.figures(tx, cooperativeId, input);
    const refusal = exposureRefusal(
      figures.lines,
      figures.currency,
      new Decimal(figures.ownCapital),
      refused,
    );
    if (refusal) throw refusal;
    return figures;
  }

  private async committed(
    tx: Tx,
    cooperativeId: string,
    functionalCurrency: string,
    date: BusinessDate,
    filter: { partnerId?: string; country?: string; excludingId: string },
  ): Promise<Decimal> {
    let total = Money.zero(functionalCurrency);
    for (const row of await openCommitments(tx, cooperativeId, filter)) {
      const conversion = await this.rates.convert(
        tx,
        cooperativeId,
        Money.of(row.total, row.currency),
        functionalCurrency,
        date,
      );
      total = total.plus(conversion.to);
    }
    return total.amount;
  }
}
