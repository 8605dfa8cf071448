import { type BusinessDate, type Money } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { type Conversion, convert } from '../domain/fx-rate';
import { type FxRateRecord, listRates, rateFor } from '../infrastructure/fx-rate-store';

export interface FxRateQuery {
  readonly date?: BusinessDate;
  readonly currency?: string;
  readonly after?: string;
  readonly limit: number;
}

export interface FxRatePage {
  readonly items: readonly FxRateRecord[];
  readonly next: string | null;
}

/** Reads rates and converts with them; rates change only through `cross-border.fx-rates.set`. */
@Injectable()
export class FxRates {
  /** At the rate of exactly `date` (either way round); 422 `fx-rate-missing` without one. */
  async convert(
    tx: Tx,
    cooperativeId: string,
    amount: Money,
    to: string,
    date: BusinessDate,
  ): Promise<Conversion> {
    const from = amount.currency.code;
    const rate = from === to ? undefined : await rateFor(tx, cooperativeId, from, to, date);
    return convert(amount, to, date, rate);
  }

  async list(tx: Tx, cooperativeId: string, query: FxRateQuery): Promise<FxRatePage> {
    const rows = await listRates(tx, cooperativeId, { ...query, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    return { items, next: rows.length > query.limit ? items[items.length - 1].id : null };
  }
}
