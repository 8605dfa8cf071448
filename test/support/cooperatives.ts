import { businessDate, Decimal, Money } from '@lumbung/core';
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

/**
 * Buys USD with the vault's rupiah at `rate`, booked by hand as the cross-border desk would: the
 * dollars on a USD bank leaf (1-1202) against a USD FX position leaf (`positionCode`, under 1-19),
 * and the rupiah from the vault (1-1101) to the rupiah position 1-1901. Leaves are opened once.
 */
export async function buyDollars(
  app: INestApplicationContext,
  cooperativeId: string,
  purchase: { usd: string; rate: string; description: string; positionCode: string },
): Promise<void> {
  const charts = app.get(ChartService);
  await app.get(TransactionScope).run(async (tx) => {
    const code = (c: string) => charts.accountByCode(tx, cooperativeId, c);
    const open = async (parent: string, c: string, name: string) =>
      (
        await tx.query(`SELECT 1 FROM account WHERE cooperative_id = $1 AND code = $2`, [
          cooperativeId,
          c,
        ])
      ).length
        ? code(c)
        : charts.openLeaf(tx, cooperativeId, {
            parentId: (await code(parent)).id,
            code: c,
            name,
            currency: 'USD',
          });
    const bank = await open('1-12', '1-1202', 'Rekening Bank USD');
    const position = await open('1-19', purchase.positionCode, 'Posisi Valuta Asing USD');
    const idr = new Decimal(purchase.usd).times(purchase.rate).toFixed(2);
    const functional = (amount: string) => ({
      amount: Money.parse(amount, 'IDR'),
      fxRate: new Decimal(purchase.rate),
    });
    const usd = Money.parse(purchase.usd, 'USD');
    await app.get(PostingService).post(tx, cooperativeId, {
      description: purchase.description,
      source: { type: 'test.fx' },
      postings: [
        { accountId: bank.id, amount: usd, functional: functional(idr) },
        { accountId: position.id, amount: usd.negated(), functional: functional(`-${idr}`) },
        { accountId: (await code('1-1901')).id, amount: Money.parse(idr, 'IDR') },
        { accountId: (await code('1-1101')).id, amount: Money.parse(idr, 'IDR').negated() },
      ],
    });
  });
}
