import { addDays, type BusinessDate, businessDate } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import { EndOfDayService, EodSteps } from '@lumbung/end-of-day';
import { CooperativeService } from '@lumbung/ledger';
import { LoanDayClose } from '@lumbung/loans';
import { accrualDays, closeAllDays, ownerRows } from '../support/eod-fixture';
import { ApiContext } from '../support/api-context';
import { createCooperative, fundVault } from '../support/cooperatives';
import { disbursedLoan, expectLoansReconciled, flatTerms, rollTo } from '../support/loan-fixture';
import { SavingsFixture } from '../support/savings-fixture';

/**
 * The end of day through its service, as the worker and the CLI drive it: runs opened in date
 * order, chunks run (and run again), a failing chunk, and a teller working on the new day.
 */
describe('closing business days: accrual per loan and day, once, in date order', () => {
  let api: ApiContext;
  let eod: EndOfDayService;
  let failNext = false;

  const sql = <T>(text: string, params: unknown[]) => ownerRows<T>(api, text, params);

  const closeAll = (cooperativeId: string) => closeAllDays(api, cooperativeId);

  /** A cooperative with a flat, a declining and an annuity loan disbursed on 20 November 2026. */
  const lendingCooperative = async (code: string) => {
    const coop = await createCooperative(api.app, code);
    await fundVault(api.app, coop, '100000000.00');
    const fx = new SavingsFixture(api, coop);
    await fx.hireStaff();
    await fx.standardProducts('pokok', 'sukarela');
    await fx.openTill(fx.teller, '60000000.00').expect(201);
    const borrower = await fx.saver('Nelayan');
    await fx
      .post(`savings-accounts/${borrower.sukarela}/deposits`, fx.teller, {
        amount: '1000000.00',
        currency: 'IDR',
      })
      .expect(201);
    const loans: Record<string, string> = {};
    for (const method of ['flat', 'declining', 'annuity']) {
      const product = await fx.fourEyes('loan-products', {
        code: method.toUpperCase(),
        name: `Pinjaman ${method}`,
        currency: 'IDR',
        terms: flatTerms({ method, ratePer: 'year', rate: '0.18', maxRate: '0.24' }),
      });
      const loan = await disbursedLoan(fx, {
        memberId: borrower.memberId,
        productId: product.id,
        amount: '7000000.00',
        instalments: 6,
        purpose: 'Perahu',
        sector: 'fisheries',
      });
      loans[method] = loan.id;
    }
    return { coop, fx, borrower, loans };
  };

  const accrued = async (loanId: string, from: string, to: string) =>
    (
      await sql<{ total: string }>(
        `SELECT coalesce(sum(amount), 0)::text AS total FROM loan_accrual
          WHERE loan_id = $1 AND accrual_date BETWEEN $2 AND $3`,
        [loanId, from, to],
      )
    )[0].total;

  beforeAll(async () => {
    api = await ApiContext.start();
    eod = api.app.get(EndOfDayService);
    api.app.get(EodSteps).register({
      name: 'test.fails-when-asked',
      kind: 'cooperative',
      run: async () => {
        if (failNext) throw new Error('the ledger disk is full');
      },
    });
  });

  afterAll(() => api.close());

  it('accrues 30 days of each method to exactly the first period’s scheduled interest', async () => {
    const { coop, fx, loans } = await lendingCooperative('KSP-EOD-30');
    let day = businessDate('2026-11-20');
    for (let n = 0; n < 30; n++) {
      day = addDays(day, 1);
      await rollTo(api, coop, addDays(day, 1));
      await closeAll(coop);
    }
    expect(day).toBe('2026-12-20');
    for (const loanId of Object.values(loans)) {
      const loan = (await fx.get(`loans/${loanId}`).expect(200)).body;
      expect(await accrued(loanId, '2026-11-21', '2026-12-20')).toBe(
        loan.schedule.instalments[0].interest,
      );
    }
    const runs = await sql<{ business_date: string; state: string }>(
      `SELECT business_date::text, state FROM eod_run WHERE cooperative_id = $1
        ORDER BY completed_at`,
      [coop],
    );
    expect(runs).toHaveLength(31); // 20 November, the day it went live, to 20 December
    expect(runs.every((r) => r.state === 'complete')).toBe(true);
    expect(runs.map((r) => r.business_date)).toEqual([...runs.map((r) => r.business_date)].sort());
    await expectLoansReconciled(api, coop);
  });

  it('catches up missed days in order, each once; running a day again changes nothing', async () => {
    const { coop, loans } = await lendingCooperative('KSP-EOD-CATCH');
    await rollTo(api, coop, '2026-11-24');
    await closeAll(coop);
    const runs = await sql<{ business_date: string }>(
      `SELECT business_date::text FROM eod_run WHERE cooperative_id = $1 ORDER BY completed_at`,
      [coop],
    );
    expect(runs.map((r) => r.business_date)).toEqual([
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
    ]);
    const rows = await sql<{ accrual_date: string; n: string }>(
      `SELECT accrual_date::text, count(*)::text AS n FROM loan_accrual WHERE loan_id = $1
        GROUP BY accrual_date ORDER BY accrual_date`,
      [loans.flat],
    );
    expect(rows).toEqual([
      { accrual_date: '2026-11-21', n: '1' },
      { accrual_date: '2026-11-22', n: '1' },
      { accrual_date: '2026-11-23', n: '1' },
    ]);

    const entries = async () =>
      (
        await sql<{ n: string }>(
          `SELECT count(*)::text AS n FROM journal_entry WHERE cooperative_id = $1`,
          [coop],
        )
      )[0].n;
    const before = await entries();
    for (let chunkNo = 1; chunkNo <= 2; chunkNo++) {
      expect(await eod.runChunk(coop, '2026-11-22', chunkNo)).toEqual({ runComplete: true });
    }
    await api.app.get(TransactionScope).run(async (tx) => {
      await expect(eod.open(tx, coop, { date: '2026-11-22' })).resolves.toMatchObject({
        state: 'complete',
      });
    });
    expect(await entries()).toBe(before);
    await expectLoansReconciled(api, coop);
  });

  it('keeps a day open and visible while a chunk fails, and finishes it on a later retry', async () => {
    const { coop } = await createLending('KSP-EOD-FAIL');
    await rollTo(api, coop, '2026-11-21');
    const run = await eod.openNextDue(coop);
    expect(run).toMatchObject({ businessDate: '2026-11-20', state: 'running' });
    failNext = true;
    await expect(eod.runChunk(coop, '2026-11-20', 1)).rejects.toThrow('the ledger disk is full');
    await eod.recordFailure(coop, '2026-11-20', 1, 'the ledger disk is full');
    const stuck = await api.app.get(TransactionScope).run((tx) => eod.view(tx, coop, '2026-11-20'));
    expect(stuck).toMatchObject({
      state: 'running',
      failures: [{ chunkNo: 1, attempts: 1, lastError: 'the ledger disk is full' }],
    });
    // Days close in order: the next one waits.
    await rollTo(api, coop, '2026-11-22');
    expect(await eod.openNextDue(coop)).toBeNull();
    failNext = false;
    await closeAll(coop);
    const runs = await sql<{ business_date: string; state: string }>(
      `SELECT business_date::text, state FROM eod_run WHERE cooperative_id = $1 ORDER BY business_date`,
      [coop],
    );
    expect(runs).toEqual([
      { business_date: '2026-11-20', state: 'complete' },
      { business_date: '2026-11-21', state: 'complete' },
    ]);
  });

  it('lets a teller post at 00:05 on the new day without changing the closing day’s results', async () => {
    const { coop, fx, borrower, loans } = await lendingCooperative('KSP-EOD-0005');
    await rollTo(api, coop, '2026-11-21');
    await eod.openNextDue(coop); // 20 November closes: nothing accrues on the day of disbursement
    await closeAll(coop);
    await rollTo(api, coop, '2026-11-22');
    const run = await eod.openNextDue(coop);
    expect(run).toMatchObject({ businessDate: '2026-11-21', state: 'running' });
    // The new day's repayment brings the loan's accrual up to 22 November itself.
    await fx
      .post(`loans/${loans.flat}/repayments`, fx.teller, {
        amount: '100000.00',
        channel: 'savings',
        savingsAccountId: borrower.sukarela,
      })
      .expect(201);
    await closeAll(coop);
    const rows = await sql<{ accrual_date: string; n: string }>(
      `SELECT accrual_date::text, count(*)::text AS n FROM loan_accrual WHERE loan_id = $1
        GROUP BY accrual_date ORDER BY accrual_date`,
      [loans.flat],
    );
    expect(rows).toEqual([
      { accrual_date: '2026-11-21', n: '1' },
      { accrual_date: '2026-11-22', n: '1' },
    ]);
    const { businessDate: today } = await api.app
      .get(TransactionScope)
      .run((tx) => api.app.get(CooperativeService).byId(tx, coop));
    expect(today).toBe('2026-11-22');
    await expectLoansReconciled(api, coop);
  });

  it('makes a repayment wait for a chunk accruing its loan, then accrue only the days left', async () => {
    const { coop, fx, borrower, loans } = await lendingCooperative('KSP-EOD-RACE');
    await rollTo(api, coop, '2026-11-21');
    await eod.openNextDue(coop);
    await closeAll(coop);
    await rollTo(api, coop, '2026-11-22');
    // A chunk of 21 November has accrued the flat loan and not committed yet: it holds the
    // loan's accrual position (the end of day locks positions, not loans).
    let commit!: () => void;
    const committing = new Promise<void>((resolve) => (commit = resolve));
    let accrued!: () => void;
    const holding = new Promise<void>((resolve) => (accrued = resolve));
    const chunk = api.app.get(TransactionScope).run(async (tx) => {
      const range = { fromId: loans.flat, toId: loans.flat };
      await api.app.get(LoanDayClose).close(tx, coop, '2026-11-21' as BusinessDate, range);
      accrued();
      await committing;
    });
    await holding;
    let answered = false;
    const repayment = fx
      .post(`loans/${loans.flat}/repayments`, fx.teller, {
        amount: '100000.00',
        channel: 'savings',
        savingsAccountId: borrower.sukarela,
      })
      .then((response) => {
        answered = true;
        return response;
      });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(answered).toBe(false);
    commit();
    await chunk;
    expect((await repayment).status).toBe(201);
    // The repayment brought the loan up to 22 November from where the chunk left it.
    expect(await accrualDays(api, loans.flat)).toEqual([
      { accrual_date: '2026-11-21', n: 1 },
      { accrual_date: '2026-11-22', n: 1 },
    ]);
    await eod.openNextDue(coop);
    await closeAll(coop);
    expect(await accrualDays(api, loans.flat)).toEqual([
      { accrual_date: '2026-11-21', n: 1 },
      { accrual_date: '2026-11-22', n: 1 },
    ]);
    await expectLoansReconciled(api, coop);
  });

  /** A cooperative with no loans: its days close with the cooperative-wide chunk alone. */
  async function createLending(code: string): Promise<{ coop: string }> {
    const coop = await createCooperative(api.app, code);
    return { coop };
  }

  it('refuses a day not over and a day out of order', async () => {
    const { coop } = await createLending('KSP-EOD-ORDER');
    await api.app.get(TransactionScope).run(async (tx) => {
      await expect(eod.open(tx, coop, { date: '2026-11-20' })).rejects.toMatchObject({
        slug: 'day-not-over',
      });
    });
    await rollTo(api, coop, '2026-11-23');
    await closeAll(coop);
    await api.app.get(TransactionScope).run(async (tx) => {
      await expect(
        eod.open(tx, coop, { date: '2026-11-21' as BusinessDate }),
      ).rejects.toMatchObject({
        slug: 'day-out-of-order',
      });
    });
  });
});
