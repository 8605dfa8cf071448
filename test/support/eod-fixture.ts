import { EndOfDayService } from '@lumbung/end-of-day';
import type { ApiContext } from './api-context';
import { createCooperative, fundVault } from './cooperatives';
import { disbursedLoan, flatTerms } from './loan-fixture';
import { connectAs } from './postgres';
import { SavingsFixture } from './savings-fixture';

/** A KSP (business date 20 November 2026) with one flat loan disbursed that day, over HTTP. */
export async function cooperativeWithLoan(
  api: ApiContext,
  code: string,
): Promise<{ cooperativeId: string; loanId: string }> {
  const cooperativeId = await createCooperative(api.app, code);
  await fundVault(api.app, cooperativeId, '50000000.00');
  const fx = new SavingsFixture(api, cooperativeId);
  await fx.hireStaff();
  await fx.standardProducts('pokok', 'sukarela');
  await fx.openTill(fx.teller, '20000000.00').expect(201);
  const borrower = await fx.saver('Peminjam');
  await fx
    .post(`savings-accounts/${borrower.sukarela}/deposits`, fx.teller, {
      amount: '1000000.00',
      currency: 'IDR',
    })
    .expect(201);
  const product = await fx.fourEyes('loan-products', {
    code: 'MODAL',
    name: 'Pinjaman Modal',
    currency: 'IDR',
    terms: flatTerms(),
  });
  const loan = await disbursedLoan(fx, {
    memberId: borrower.memberId,
    productId: product.id,
    amount: '9000000.00',
    instalments: 12,
    purpose: 'Modal warung',
    sector: 'trade',
  });
  return { cooperativeId, loanId: loan.id };
}

/** Rows of a query as the schema owner, for checks the application role may not read. */
export function ownerRows<T>(api: ApiContext, text: string, params: unknown[] = []): Promise<T[]> {
  return connectAs(api.db.ownerUrl, async (owner) => (await owner.query(text, params)).rows as T[]);
}

export interface RunRow {
  readonly business_date: string;
  readonly state: string;
}

/** The cooperative's end-of-day runs in the order they completed (open ones last). */
export function runsByCompletion(api: ApiContext, cooperativeId: string): Promise<RunRow[]> {
  return ownerRows<RunRow>(
    api,
    `SELECT business_date::text, state FROM eod_run WHERE cooperative_id = $1
      ORDER BY completed_at NULLS LAST, business_date`,
    [cooperativeId],
  );
}

/** How many accrual rows each day has for the loan: exactly once means [{date, n: 1}, ...]. */
export function accrualDays(
  api: ApiContext,
  loanId: string,
): Promise<{ accrual_date: string; n: number }[]> {
  return ownerRows(
    api,
    `SELECT accrual_date::text, count(*)::int AS n FROM loan_accrual WHERE loan_id = $1
      GROUP BY accrual_date ORDER BY accrual_date`,
    [loanId],
  );
}

/**
 * Closes every day due for the cooperative through the service, as the worker would: opens the
 * next day, runs its unfinished chunks, and again until no run is left open.
 */
export async function closeAllDays(api: ApiContext, cooperativeId: string): Promise<void> {
  const eod = api.app.get(EndOfDayService);
  await eod.openNextDue(cooperativeId);
  for (;;) {
    const left = (await eod.unfinished()).filter((c) => c.cooperativeId === cooperativeId);
    if (left.length === 0) return;
    for (const chunk of left) await eod.runChunk(cooperativeId, chunk.businessDate, chunk.chunkNo);
  }
}
