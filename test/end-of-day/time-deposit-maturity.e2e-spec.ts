import { addDays, type BusinessDate } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import { TimeDepositMaturity } from '@lumbung/savings';
import { closeAllDays, ownerRows } from '../support/eod-fixture';
import { ApiContext } from '../support/api-context';
import { createCooperative, fundVault } from '../support/cooperatives';
import { expectLoansReconciled, rollTo } from '../support/loan-fixture';
import { SavingsFixture } from '../support/savings-fixture';

/** One month at 6% actual/365: 20 November to 20 December 2026 is 30 days. */
const oneMonth = (maturityInstruction: string) => ({
  annualRate: '0.06',
  rateRange: { min: '0.05', max: '0.08' },
  termMonths: 1,
  minimumAmount: '1000000',
  earlyWithdrawalPenaltyRate: '0.01',
  maturityInstruction,
});

/**
 * Time deposits in the end of day: placements matured by day D settle in D's run as the teller's
 * settle would at maturity, valued D and by no teller, once however often the day runs.
 */
describe('closing business days: time deposits mature', () => {
  let api: ApiContext;

  const sql = <T>(text: string, params: unknown[]) => ownerRows<T>(api, text, params);

  const closeAll = (cooperativeId: string) => closeAllDays(api, cooperativeId);

  /** Rolls to the day after `day` and closes `day` (and any day before it still open). */
  const closeThrough = async (cooperativeId: string, day: string) => {
    await rollTo(api, cooperativeId, addDays(day as BusinessDate, 1));
    await closeAll(cooperativeId);
  };

  beforeAll(async () => {
    api = await ApiContext.start();
  });

  afterAll(() => api.close());

  it('pays out and rolls over on the maturity day’s run, valued that day, once', async () => {
    const coop = await createCooperative(api.app, 'KSP-TD-MATURITY');
    await fundVault(api.app, coop, '100000000.00');
    const fx = new SavingsFixture(api, coop);
    await fx.hireStaff();
    await fx.standardProducts('pokok', 'sukarela');
    const payout = await fx.product('DEP-1', 'berjangka', oneMonth('pay-to-voluntary'));
    const rollOver = await fx.product('DEP-ARO', 'berjangka', oneMonth('roll-over'));
    await fx.openTill(fx.teller, '20000000.00').expect(201);
    const place = async (memberId: string, productId: string, amount: string, from?: string) =>
      (
        await fx
          .post('time-deposits', fx.teller, {
            memberId,
            productId,
            amount,
            currency: 'IDR',
            ...(from ? { fromAccountId: from } : {}),
          })
          .expect(201)
      ).body.account.id as string;
    const balanceOf = async (accountId: string) =>
      (await fx.get(`savings-accounts/${accountId}`).expect(200)).body.balance as string;

    const saver = await fx.saver('Pedagang');
    await fx
      .post(`savings-accounts/${saver.sukarela}/deposits`, fx.teller, {
        amount: '10000000.00',
        currency: 'IDR',
      })
      .expect(201);
    const paid = await place(saver.memberId, payout, '5000000.00', saver.sukarela);
    const roller = await fx.saver('Nelayan');
    const rolled = await place(roller.memberId, rollOver, '3000000.00');
    // A member with no voluntary account: the day cannot pay them, and must still close.
    const payeeless = await fx.member('Petani');
    const pokok = await fx.account(payeeless.memberId, 'pokok');
    await fx
      .post(`savings-accounts/${pokok}/deposits`, fx.teller, {
        amount: '100000.00',
        currency: 'IDR',
      })
      .expect(201);
    const waiting = await place(payeeless.memberId, payout, '2000000.00');

    const placements = (accountId: string) =>
      sql<Record<string, string | number | null>>(
        `SELECT placement_no, principal::text, start_date::text, maturity_date::text, status,
                settled_on::text, interest::text
           FROM time_deposit_placement WHERE savings_account_id = $1 ORDER BY placement_no`,
        [accountId],
      );
    const running = async (accountId: string) =>
      (await placements(accountId)).filter((p) => p.status === 'running').length;

    // The first close catches up from the first posting, 20 November, through 19 December.
    await closeThrough(coop, '2026-12-19');
    expect([await running(paid), await running(rolled), await running(waiting)]).toEqual([1, 1, 1]);

    await closeThrough(coop, '2026-12-20');
    // 5,000,000 x 0.06 x 30 / 365 = 24,657.534... and 3,000,000 x ... = 14,794.520...
    expect(await placements(paid)).toEqual([
      {
        placement_no: 1,
        principal: '5000000.00',
        start_date: '2026-11-20',
        maturity_date: '2026-12-20',
        status: 'matured',
        settled_on: '2026-12-20',
        interest: '24657.53',
      },
    ]);
    expect(await placements(rolled)).toEqual([
      expect.objectContaining({ placement_no: 1, status: 'rolled-over', interest: '14794.52' }),
      {
        placement_no: 2,
        principal: '3014794.52',
        start_date: '2026-12-20',
        maturity_date: '2027-01-20',
        status: 'running',
        settled_on: null,
        interest: null,
      },
    ]);
    expect(await running(waiting)).toBe(1);
    // 5,000,000 left after placing, November's interest at 4% (11 x 547.95 = 6,027.45, posted on
    // the 30th), and principal and interest paid out: 5,024,657.53.
    expect(await balanceOf(saver.sukarela)).toBe('10030684.98');
    expect(await balanceOf(paid)).toBe('0.00');
    expect(await balanceOf(rolled)).toBe('3014794.52');
    expect((await fx.get(`savings-accounts/${paid}`).expect(200)).body.status as string).toBe(
      'closed',
    );

    // Posted during the 21st, valued the 20th, by no teller; the records say the 20th too.
    const entries = await sql<Record<string, string | null>>(
      `SELECT source_id::text, posting_date::text, value_date::text, recorded_by::text
         FROM journal_entry
        WHERE cooperative_id = $1 AND source_type = 'savings.time-deposit'
          AND posting_date > '2026-11-20' ORDER BY source_id`,
      [coop],
    );
    expect(entries).toEqual(
      [paid, rolled].sort().map((id) => ({
        source_id: id,
        posting_date: '2026-12-21',
        value_date: '2026-12-20',
        recorded_by: null,
      })),
    );
    const moves = await sql<Record<string, string | null>>(
      `SELECT savings_account_id::text, operation, amount::text, business_date::text,
              teller_id::text
         FROM savings_transaction
        WHERE cooperative_id = $1 AND business_date >= '2026-12-20' ORDER BY amount`,
      [coop],
    );
    expect(moves).toEqual([
      {
        savings_account_id: rolled,
        operation: 'interest',
        amount: '14794.52',
        business_date: '2026-12-20',
        teller_id: null,
      },
      {
        savings_account_id: paid,
        operation: 'maturity-payout',
        amount: '5000000.00',
        business_date: '2026-12-20',
        teller_id: null,
      },
      {
        savings_account_id: saver.sukarela,
        operation: 'transfer-in',
        amount: '5024657.53',
        business_date: '2026-12-20',
        teller_id: null,
      },
    ]);
    const audited = await sql<{ actor_id: string | null }>(
      `SELECT actor_id::text FROM audit_log
        WHERE cooperative_id = $1 AND action = 'savings.time-deposit.settle'`,
      [coop],
    );
    expect(audited).toEqual([{ actor_id: null }, { actor_id: null }]);
    await expectLoansReconciled(api, coop);

    // The 20th run again, step and all, changes nothing and still reports the unpaid placement.
    const counts = () =>
      sql<Record<string, string>>(
        `SELECT (SELECT count(*) FROM journal_entry WHERE cooperative_id = $1)::text AS entries,
                (SELECT count(*) FROM savings_transaction WHERE cooperative_id = $1)::text AS moves,
                (SELECT count(*) FROM time_deposit_placement WHERE cooperative_id = $1)::text
                  AS placements`,
        [coop],
      );
    const before = await counts();
    await closeAll(coop);
    const again = await api.app
      .get(TransactionScope)
      .run((tx) =>
        api.app.get(TimeDepositMaturity).settleMatured(tx, coop, '2026-12-20' as BusinessDate),
      );
    expect(again).toEqual({
      settled: [],
      leftRunning: [
        expect.objectContaining({
          accountId: waiting,
          placementNo: 1,
          maturityDate: '2026-12-20',
          reason: 'no-voluntary-account',
        }),
      ],
    });
    expect(await counts()).toEqual(before);

    // Once the member has a voluntary account, the next day's run pays them (valued that day),
    // with the interest of the term, counted to maturity as at the counter.
    const opened = await fx.account(payeeless.memberId, 'sukarela');
    await closeThrough(coop, '2026-12-21');
    expect(await placements(waiting)).toEqual([
      expect.objectContaining({
        status: 'matured',
        settled_on: '2026-12-21',
        interest: '9863.01', // 2,000,000 x 0.06 x 30 / 365 = 9,863.013...
      }),
    ]);
    expect(await balanceOf(opened)).toBe('2009863.01');
    await expectLoansReconciled(api, coop);
  });
});
