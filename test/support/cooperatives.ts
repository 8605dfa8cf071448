import { businessDate } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import { CooperativeService, type NewCooperative } from '@lumbung/ledger';
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
