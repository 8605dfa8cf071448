import { addDays, type BusinessDate } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import { TimeDepositAccrual } from '@lumbung/savings';
import { ApiContext } from '../support/api-context';
import { createCooperative, fundVault } from '../support/cooperatives';
import { closeAllDays, ownerRows } from '../support/eod-fixture';
import { expectLoansReconciled, rollTo } from '../support/loan-fixture';
import { SavingsFixture } from '../support/savings-fixture';

/** One month at 6% actual/365, paid to voluntary savings: 20 November to 20 December is 30 days. */
const oneMonth = {
  annualRate: '0.06',
  rateRange: { min: '0.05', max: '0.08' },
  termMonths: 1,
  minimumAmount: '1000000',
  earlyWithdrawalPenaltyRate: '0.01',
  maturityInstruction: 'pay-to-voluntary',
};

/**
 * Time deposit interest accrues day by day into the product's interest payable (DESIGN.md
 * section 5): the days sum exactly to what maturity pays, an early withdrawal reverses what
 * accrued, and a teller settling at maturity before the day's run accrues the rest in the settle.
 */
describe('closing business days: time deposit interest accrues daily', () => {
  let api: ApiContext;
  let coop: string;
  let fx: SavingsFixture;

  const sql = <T>(text: string, params: unknown[]) => ownerRows<T>(api, text, params);
  const closeThrough = async (day: string) => {
    await rollTo(api, coop, addDays(day as BusinessDate, 1));
    await closeAllDays(api, coop);
  };
  const accruals = (accountId: string) =>
    sql<{ accrual_date: string; amount: string; entry_id: string }>(
      `SELECT accrual_date::text, amount::text, entry_id::text FROM time_deposit_accrual
        WHERE savings_account_id = $1 ORDER BY accrual_date`,
      [accountId],
    );
  const sumOf = (rows: { amount: string }[]) =>
    rows.reduce((sum, row) => sum + BigInt(row.amount.replace('.', '')), 0n);
  const payable = async () =>
    (
      await sql<{ balance: string }>(
        `SELECT (-b.balance)::text AS balance FROM account a
           JOIN ledger_balance b ON b.cooperative_id = a.cooperative_id AND b.account_id = a.id
          WHERE a.cooperative_id = $1 AND a.code = '2-3-DEP-1'`,
        [coop],
      )
    )[0]?.balance;

  beforeAll(async () => {
    api = await ApiContext.start();
    coop = await createCooperative(api.app, 'KSP-TD-ACCRUAL');
    await fundVault(api.app, coop, '100000000.00');
    fx = new SavingsFixture(api, coop);
    await fx.hireStaff();
    await fx.standardProducts('pokok', 'sukarela');
    await fx.product('DEP-1', 'berjangka', oneMonth);
    await fx.openTill(fx.teller, '20000000.00').expect(201);
  });

  afterAll(() => api.close());

  async function placement(name: string, amount: string): Promise<string> {
    const saver = await fx.saver(name);
    const products = (await fx.get('savings-products').expect(200)).body as {
      id: string;
      code: string;
    }[];
    const productId = products.find((p) => p.code === 'DEP-1')!.id;
    const placed = await fx
      .post('time-deposits', fx.teller, {
        memberId: saver.memberId,
        productId,
        amount,
        currency: 'IDR',
      })
      .expect(201);
    return placed.body.account.id as string;
  }

  it('accrues each day once, reverses on early withdrawal, and pays maturity out of payable', async () => {
    const held = await placement('Penabung', '5000000.00');
    const leaving = await placement('Pedagang', '3000000.00');

    await closeThrough('2026-11-25');
    // 5,000,000 x 0.06 x 30 / 365 = 24,657.53 over 30 days: day k accrues R(I k/30) - R(I (k-1)/30).
    expect((await accruals(held)).map((r) => [r.accrual_date, r.amount])).toEqual([
      ['2026-11-21', '821.92'],
      ['2026-11-22', '821.92'],
      ['2026-11-23', '821.91'],
      ['2026-11-24', '821.92'],
      ['2026-11-25', '821.92'],
    ]);
    // 3,000,000: I = 14,794.52; through the 25th R(14,794.52 x 5/30) = 2,465.75.
    expect(sumOf(await accruals(leaving))).toBe(246575n);
    expect(await payable()).toBe('6575.34'); // 4,109.59 + 2,465.75
    await expectLoansReconciled(api, coop);

    // The 25th accrued again changes nothing.
    const again = await api.app
      .get(TransactionScope)
      .run((tx) => api.app.get(TimeDepositAccrual).accrue(tx, coop, '2026-11-25' as BusinessDate));
    expect(again).toBe(0);
    expect(await accruals(held)).toHaveLength(5);

    // Leaving early forfeits the interest: what accrued goes back from payable to expense.
    const settled = await fx
      .post(`time-deposits/${leaving}/settlement`, fx.teller, { early: true })
      .expect(201);
    expect(settled.body.placements[0]).toMatchObject({
      status: 'withdrawn-early',
      interest: '0.00',
    });
    const leavingRows = await accruals(leaving);
    expect(leavingRows.at(-1)).toMatchObject({ accrual_date: '2026-11-26', amount: '-2465.75' });
    expect(sumOf(leavingRows)).toBe(0n);
    expect(await payable()).toBe('4109.59');
    await expectLoansReconciled(api, coop);

    // The days to the 19th by the end of day; the teller settles on the 20th before its run.
    await closeThrough('2026-12-19');
    await rollTo(api, coop, '2026-12-20');
    const matured = await fx
      .post(`time-deposits/${held}/settlement`, fx.teller, { early: false })
      .expect(201);
    expect(matured.body.placements[0]).toMatchObject({ status: 'matured', interest: '24657.53' });
    const heldRows = await accruals(held);
    expect(heldRows).toHaveLength(30);
    expect(heldRows.at(-1)!.accrual_date).toBe('2026-12-20');
    expect(sumOf(heldRows)).toBe(2465753n);
    // The last day's accrual is in the settle's own entry: payable pays out the whole term.
    const [settleEntry] = await sql<{ entry_id: string }>(
      `SELECT settle_entry_id::text AS entry_id FROM time_deposit_placement WHERE savings_account_id = $1`,
      [held],
    );
    expect(heldRows.at(-1)!.entry_id).toBe(settleEntry.entry_id);
    expect(await payable()).toBe('0.00');

    // The 20th's run finds nothing left to accrue.
    await closeThrough('2026-12-20');
    expect(await accruals(held)).toHaveLength(30);
    await expectLoansReconciled(api, coop);
  }, 120_000);
});
