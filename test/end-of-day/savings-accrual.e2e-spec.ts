import { addDays, type BusinessDate, businessDate } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import { EndOfDayService } from '@lumbung/end-of-day';
import { SavingsDayClose } from '@lumbung/savings';
import { closeAllDays, ownerRows } from '../support/eod-fixture';
import { ApiContext } from '../support/api-context';
import { createCooperative, fundVault } from '../support/cooperatives';
import { expectLoansReconciled, rollTo } from '../support/loan-fixture';
import { SavingsFixture } from '../support/savings-fixture';

/**
 * Savings interest in the end of day: daily on the balance as of each day by value date, posted
 * to the accounts on the last day of the month less withholding tax, once per day and month.
 */
describe('closing business days: savings interest accrued daily, posted at month end', () => {
  let api: ApiContext;
  let eod: EndOfDayService;

  const sql = <T>(text: string, params: unknown[]) => ownerRows<T>(api, text, params);

  const closeAll = (cooperativeId: string) => closeAllDays(api, cooperativeId);

  beforeAll(async () => {
    api = await ApiContext.start();
    eod = api.app.get(EndOfDayService);
  });

  afterAll(() => api.close());

  it('accrues on each day’s balance by value date and posts November at its end', async () => {
    const coop = await createCooperative(api.app, 'KSP-SAV-ACCRUAL');
    await fundVault(api.app, coop, '100000000.00');
    const fx = new SavingsFixture(api, coop);
    await fx.hireStaff();
    await fx.standardProducts('pokok', 'sukarela'); // SUKARELA: 4% actual/365, no withholding
    await fx.openTill(fx.teller, '1000000.00').expect(201);
    const saver = await fx.saver('Penabung');
    await fx.product('TAX', 'sukarela', {
      annualRate: '0.04',
      rateRange: { min: '0.02', max: '0.06' },
      minimumBalance: '10000',
      dayCount: 'actual/365',
      dormantAfterDays: 365,
      withholding: { rate: '0.10', threshold: '50000' },
    });
    const large = await fx.saver('Besar');
    const small = await fx.saver('Kecil');
    const move = (accountId: string, kind: 'deposits' | 'withdrawals', amount: string) =>
      fx
        .post(`savings-accounts/${accountId}/${kind}`, fx.teller, { amount, currency: 'IDR' })
        .expect(201);
    await move(saver.sukarela, 'deposits', '1000000.00');
    await move(large.sukarela, 'deposits', '50000000.00');
    await move(small.sukarela, 'deposits', '1000000.00');

    // What the teller does on a business date, always while the previous day's run is open:
    // a posting at 00:05 lands on the new day and must not move the closing day's balance.
    const tellerOn: Record<string, () => Promise<unknown>> = {
      '2026-11-21': () => move(saver.sukarela, 'deposits', '500000.00'),
      '2026-11-23': () => move(saver.sukarela, 'withdrawals', '200000.00'),
      '2026-11-26': () => move(saver.sukarela, 'deposits', '1000000.00'),
    };
    for (let day = businessDate('2026-11-20'); day <= '2026-12-01'; day = addDays(day, 1)) {
      const next = addDays(day, 1);
      await rollTo(api, coop, next);
      expect(await eod.openNextDue(coop)).toMatchObject({ businessDate: day, state: 'running' });
      await tellerOn[next]?.();
      await closeAll(coop);
    }

    // Hand-computed: balance as of the day x 0.04 / 365, rounded half-up to the sen.
    const balanceOn = (day: string) =>
      day === '2026-11-20'
        ? '1000000.00'
        : day <= '2026-11-22'
          ? '1500000.00'
          : day <= '2026-11-25'
            ? '1300000.00'
            : day <= '2026-11-30'
              ? '2300000.00'
              : '2302126.01'; // 1 December: November's interest is in the balance
    const interestOn: Record<string, string> = {
      '1000000.00': '109.59', // 109.5890...
      '1500000.00': '164.38', // 164.3835...
      '1300000.00': '142.47', // 142.4657...
      '2300000.00': '252.05', // 252.0547...
      '2302126.01': '252.29', // 252.2877...
    };
    const rows = await sql<{ accrual_date: string; balance: string; amount: string }>(
      `SELECT accrual_date::text, balance::text, amount::text FROM savings_accrual
        WHERE savings_account_id = $1 ORDER BY accrual_date`,
      [saver.sukarela],
    );
    expect(rows.map((r) => r.accrual_date)).toEqual(
      Array.from({ length: 12 }, (_, i) => addDays('2026-11-20' as BusinessDate, i)),
    );
    for (const row of rows) {
      expect(row).toEqual({
        accrual_date: row.accrual_date,
        balance: balanceOn(row.accrual_date),
        amount: interestOn[balanceOn(row.accrual_date)],
      });
    }

    // November: 109.59 + 2 x 164.38 + 3 x 142.47 + 5 x 252.05 = 2,126.01, no withholding.
    // TAX at 50,000,000: 11 x 5,479.45 = 60,273.95, above the Rp50,000 threshold: 10% withheld
    // (6,027.395 -> 6,027.40). At 1,000,000: 11 x 109.59 = 1,205.49, under it: none withheld.
    const postings = await sql<{ savings_account_id: string; month: string; interest: string }>(
      `SELECT savings_account_id, month::text, interest::text, tax::text
         FROM savings_interest_posting WHERE cooperative_id = $1 ORDER BY interest`,
      [coop],
    );
    expect(postings).toEqual([
      { savings_account_id: small.sukarela, month: '2026-11-01', interest: '1205.49', tax: '0.00' },
      { savings_account_id: saver.sukarela, month: '2026-11-01', interest: '2126.01', tax: '0.00' },
      {
        savings_account_id: large.sukarela,
        month: '2026-11-01',
        interest: '60273.95',
        tax: '6027.40',
      },
    ]);
    const credited = await sql<{
      savings_account_id: string;
      amount: string;
      business_date: string;
    }>(
      `SELECT savings_account_id, amount::text, business_date::text FROM savings_transaction
        WHERE cooperative_id = $1 AND operation = 'interest' ORDER BY amount`,
      [coop],
    );
    expect(credited).toEqual([
      { savings_account_id: small.sukarela, amount: '1205.49', business_date: '2026-11-30' },
      { savings_account_id: saver.sukarela, amount: '2126.01', business_date: '2026-11-30' },
      { savings_account_id: large.sukarela, amount: '54246.55', business_date: '2026-11-30' },
    ]);
    const balanceOf = async (accountId: string) =>
      (await fx.get(`savings-accounts/${accountId}`).expect(200)).body.balance;
    expect(await balanceOf(saver.sukarela)).toBe('2302126.01');
    expect(await balanceOf(large.sukarela)).toBe('50054246.55');

    const leaves = await sql<{ code: string; balance: string }>(
      `SELECT a.code, (-b.balance)::text AS balance FROM account a
         JOIN ledger_balance b ON b.cooperative_id = a.cooperative_id AND b.account_id = a.id
        WHERE a.cooperative_id = $1 AND a.code IN ('2-3-SUKARELA', '2-3-TAX', '2-9101')
        ORDER BY a.code`,
      [coop],
    );
    // Only 1 December is still payable, on balances that now hold November's interest:
    // TAX 50,054,246.55 -> 5,485.40 and 1,001,205.49 -> 109.72.
    expect(leaves).toEqual([
      { code: '2-3-SUKARELA', balance: '252.29' },
      { code: '2-3-TAX', balance: '5595.12' },
      { code: '2-9101', balance: '6027.40' },
    ]);
    const entries = await sql<{ value_date: string; source_type: string }>(
      `SELECT value_date::text, source_type FROM journal_entry
        WHERE cooperative_id = $1 AND source_type LIKE 'savings.%' AND value_date <> posting_date
        ORDER BY value_date, source_type`,
      [coop],
    );
    // One accrual entry per product and day (the three accounts fit one chunk), value date D;
    // one posting entry per product at the end of November.
    expect(entries.filter((e) => e.source_type === 'savings.accrual')).toHaveLength(24);
    expect(entries.filter((e) => e.source_type === 'savings.interest')).toEqual([
      { value_date: '2026-11-30', source_type: 'savings.interest' },
      { value_date: '2026-11-30', source_type: 'savings.interest' },
    ]);
    await expectLoansReconciled(api, coop);

    // The month-end day run again, step and all, changes nothing.
    const counts = () =>
      sql<Record<string, string>>(
        `SELECT (SELECT count(*) FROM journal_entry WHERE cooperative_id = $1)::text AS entries,
                (SELECT count(*) FROM savings_accrual WHERE cooperative_id = $1)::text AS accruals,
                (SELECT count(*) FROM savings_interest_posting WHERE cooperative_id = $1)::text AS posted,
                (SELECT count(*) FROM savings_transaction WHERE cooperative_id = $1)::text AS moves`,
        [coop],
      );
    const before = await counts();
    const ids = [saver.sukarela, large.sukarela, small.sukarela].sort();
    const range = { fromId: ids[0], toId: ids[2] };
    const close = api.app.get(SavingsDayClose);
    await api.app.get(TransactionScope).run(async (tx) => {
      await expect(close.close(tx, coop, '2026-11-30' as BusinessDate, range)).resolves.toEqual({
        accrued: 0,
        posted: 0,
      });
      await close.close(tx, coop, '2026-12-01' as BusinessDate, range);
    });
    expect(await counts()).toEqual(before);
    await expectLoansReconciled(api, coop);
  });

  it('opens a product’s payable leaf once when two chunks accrue it first at the same time', async () => {
    const coop = await createCooperative(api.app, 'KSP-SAV-RACE');
    await fundVault(api.app, coop, '10000000.00');
    const fx = new SavingsFixture(api, coop);
    await fx.hireStaff();
    await fx.standardProducts('pokok', 'sukarela');
    await fx.openTill(fx.teller, '1000000.00').expect(201);
    const ids: string[] = [];
    for (const name of ['Satu', 'Dua']) {
      const saver = await fx.saver(name);
      await fx
        .post(`savings-accounts/${saver.sukarela}/deposits`, fx.teller, {
          amount: '1000000.00',
          currency: 'IDR',
        })
        .expect(201);
      ids.push(saver.sukarela);
    }
    await rollTo(api, coop, '2026-11-21');
    const close = api.app.get(SavingsDayClose);
    const scope = api.app.get(TransactionScope);
    // Each account its own chunk, both in flight at once (retries off: a lost race must show).
    await Promise.all(
      ids.map((id) =>
        scope.run(
          (tx) => close.close(tx, coop, '2026-11-20' as BusinessDate, { fromId: id, toId: id }),
          {
            retries: 0,
          },
        ),
      ),
    );
    const leaves = await sql<{ balance: string }>(
      `SELECT (-b.balance)::text AS balance FROM account a
         JOIN ledger_balance b ON b.cooperative_id = a.cooperative_id AND b.account_id = a.id
        WHERE a.cooperative_id = $1 AND a.code = '2-3-SUKARELA'`,
      [coop],
    );
    expect(leaves).toEqual([{ balance: '219.18' }]); // 2 x 109.59
    await expectLoansReconciled(api, coop);
  });
});
