import { businessDate, Money } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import {
  ChartService,
  CooperativeService,
  type NewCooperative,
  PostingService,
} from '@lumbung/ledger';
import type { INestApplicationContext } from '@nestjs/common';

/** An Indonesian KSP with the standard chart, its business date 20 November 2026. */
export function kspNamed(code: string, overrides: Partial<NewCooperative> = {}): NewCooperative {
  return {
    code,
    name: `Koperasi ${code}`,
    country: 'ID',
    timeZone: 'Asia/Makassar',
    functionalCurrency: 'IDR',
    businessDate: businessDate('2026-11-20'),
    ...overrides,
  };
}

/** Creates a KSP (kspNamed) through the app's own services; returns its id. */
export async function createCooperative(
  app: INestApplicationContext,
  code: string,
): Promise<string> {
  const created = await app
    .get(TransactionScope)
    .run((tx) => app.get(CooperativeService).create(tx, kspNamed(code)));
  return created.id;
}

/** Cash in the vault (1-1101) against opening equity (3-3901), as a cooperative going live. */
export async function fundVault(
  app: INestApplicationContext,
  cooperativeId: string,
  amount: string,
): Promise<void> {
  await app.get(TransactionScope).run(async (tx) => {
    const charts = app.get(ChartService);
    const vault = await charts.accountByCode(tx, cooperativeId, '1-1101');
    const equity = await charts.accountByCode(tx, cooperativeId, '3-3901');
    const cash = Money.parse(amount, 'IDR');
    await app.get(PostingService).post(tx, cooperativeId, {
      description: 'Saldo awal kas brankas',
      source: { type: 'test.opening-balance' },
      postings: [
        { accountId: vault.id, amount: cash },
        { accountId: equity.id, amount: cash.negated() },
      ],
    });
  });
}
