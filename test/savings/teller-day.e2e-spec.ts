import { Decimal, uuidv7 } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import { DormancyService } from '@lumbung/savings';
import { ApiContext, type Person } from '../support/api-context';
import { createCooperative, fundVault } from '../support/cooperatives';
import { connectAs } from '../support/postgres';
import { SavingsFixture } from '../support/savings-fixture';

const problem = (slug: string) => `urn:lumbung:problem:${slug}`;

describe("a teller's day over HTTP: products, members' savings, cash operations", () => {
  let api: ApiContext;
  let coop: string;
  let fx: SavingsFixture;
  let managers: readonly Person[];
  let teller: Person;
  let auditor: Person;

  const entries = async () =>
    connectAs(api.db.ownerUrl, async (owner) =>
      Number(
        (
          await owner.query('SELECT count(*) AS n FROM journal_entry WHERE cooperative_id = $1', [
            coop,
          ])
        ).rows[0].n,
      ),
    );
  const changeSettings = (settings: object) => fx.fourEyes('savings-settings', settings);
  const deposit = (accountId: string, amount: string, key?: string) =>
    fx.post(`savings-accounts/${accountId}/deposits`, teller, { amount, currency: 'IDR' }, key);
  const withdraw = (accountId: string, amount: string) =>
    fx.post(`savings-accounts/${accountId}/withdrawals`, teller, { amount, currency: 'IDR' });

  beforeAll(async () => {
    api = await ApiContext.start();
    coop = await createCooperative(api.app, 'KSP-TELLER-DAY');
    await fundVault(api.app, coop, '100000000.00');
    fx = new SavingsFixture(api, coop);
    ({ managers, teller } = await fx.hireStaff());
    auditor = await fx.hireAuditor();
    await fx.standardProducts('pokok', 'wajib', 'sukarela');
    await fx.openTill(teller, '30000000.00').expect(201);
  });

  afterEach(() => fx.expectInvariants());

  afterAll(() => api.close());

  it('changes products only with a second manager, inside the 9% cap', async () => {
    const listed = await fx.get('savings-products', auditor).expect(200);
    expect(listed.body.map((p: { code: string }) => p.code).sort()).toEqual([
      'POKOK',
      'SUKARELA',
      'WAJIB',
    ]);
    const tooHigh = await fx
      .post(
        'savings-products',
        managers[0],
        {
          code: 'SUKARELA-PLUS',
          kind: 'sukarela',
          name: 'Plus',
          currency: 'IDR',
          terms: {
            annualRate: '0.10',
            rateRange: { min: '0.02', max: '0.12' },
            minimumBalance: '0',
            dayCount: 'actual/365',
            dormantAfterDays: 365,
            withholding: null,
          },
        },
        null,
      )
      .expect(400);
    expect(tooHigh.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'terms.annualRate',
      'terms.rateRange.max',
    ]);
    const secondPokok = await fx
      .post(
        'savings-products',
        managers[0],
        {
          code: 'POKOK-2',
          kind: 'pokok',
          name: 'Pokok 2',
          currency: 'IDR',
          terms: { amount: '5' },
        },
        null,
      )
      .expect(409);
    expect(secondPokok.body.type).toBe(problem('pokok-product-exists'));
    await fx
      .post(
        'savings-products',
        teller,
        { code: 'X1', kind: 'wajib', name: 'x', currency: 'IDR', terms: { amount: '1' } },
        null,
      )
      .expect(403);
  });

  it('makes an applicant a member when simpanan pokok is paid, once, and never withdrawn', async () => {
    const { memberId } = await fx.member();
    const early = await fx
      .post('savings-accounts', teller, { memberId, productId: fx.products.sukarela }, null)
      .expect(422);
    expect(early.body.type).toBe(problem('member-not-active'));
    const pokok = await fx.account(memberId, 'pokok');
    const wrong = await deposit(pokok, '90000.00').expect(400);
    expect(wrong.body.errors[0].field).toBe('amount');
    const paid = await deposit(pokok, '100000.00').expect(201);
    expect(paid.body).toMatchObject({
      operation: 'pokok',
      amount: '100000.00',
      balanceAfter: '100000.00',
    });
    expect((await fx.get(`members/${memberId}`, teller).expect(200)).body.status).toBe('active');
    expect((await deposit(pokok, '100000.00').expect(422)).body.type).toBe(
      problem('pokok-already-paid'),
    );
    const out = await withdraw(pokok, '100000.00').expect(422);
    expect(out.body.type).toBe(problem('withdrawal-not-allowed'));
  });

  it('collects simpanan wajib for several months and tracks arrears', async () => {
    const { memberId } = await fx.saver();
    const wajib = await fx.account(memberId, 'wajib');
    expect((await fx.get(`savings-accounts/${wajib}`, teller).expect(200)).body.wajib).toEqual({
      paidThrough: null,
      monthsInArrears: 1,
    });
    const paid = await fx
      .post(`savings-accounts/${wajib}/wajib-collections`, teller, {
        months: 3,
      })
      .expect(201);
    expect(paid.body).toMatchObject({
      operation: 'wajib',
      amount: '150000.00',
      wajibMonths: { from: '2026-11', through: '2027-01' },
    });
    const after = (await fx.get(`savings-accounts/${wajib}`, teller).expect(200)).body;
    expect(after).toMatchObject({ balance: '150000.00', wajib: { paidThrough: '2027-01' } });
    await fx
      .post(`savings-accounts/${wajib}/wajib-collections`, teller, { months: 11 })
      .expect(400);
    await withdraw(wajib, '50000.00').expect(422);
  });

  it('posts a replayed deposit once and refuses bad input naming the field, writing nothing', async () => {
    const { sukarela } = await fx.saver();
    const key = uuidv7();
    const first = await deposit(sukarela, '250000.00', key).expect(201);
    const before = await entries();
    const replay = await deposit(sukarela, '250000.00', key).expect(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(await entries()).toBe(before);
    for (const [body, field] of [
      [{ amount: '0', currency: 'IDR' }, 'amount'],
      [{ amount: '-5000.00', currency: 'IDR' }, 'amount'],
      [{ amount: '1e6', currency: 'IDR' }, 'amount'],
      [{ amount: '100.005', currency: 'IDR' }, 'amount'],
      [{ amount: '5000.00', currency: 'USD' }, 'currency'],
      [{ currency: 'IDR' }, 'amount'],
    ] as const) {
      const res = await fx.post(`savings-accounts/${sukarela}/deposits`, teller, body).expect(400);
      expect({ body, field: res.body.errors?.[0]?.field }).toEqual({ body, field });
    }
    await deposit(uuidv7(), '5000.00').expect(404);
    await deposit('not-an-id', '5000.00').expect(404);
    await fx
      .post(
        `savings-accounts/${sukarela}/deposits`,
        teller,
        { amount: '1.00', currency: 'IDR' },
        null,
      )
      .expect(400);
    expect(await entries()).toBe(before);
  });

  it('never overdraws under concurrent withdrawals, and numbers receipts without gaps', async () => {
    const { sukarela } = await fx.saver();
    await deposit(sukarela, '1000000.00').expect(201);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => withdraw(sukarela, '150000.00')),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 422, 422, 422, 422]);
    for (const refused of results.filter((r) => r.status === 422)) {
      expect(refused.body.type).toBe(problem('insufficient-funds'));
    }
    expect((await fx.get(`savings-accounts/${sukarela}`, teller).expect(200)).body.balance).toBe(
      '100000.00',
    );
    const belowMinimum = await withdraw(sukarela, '95000.00').expect(422);
    expect(belowMinimum.body).toMatchObject({
      type: problem('insufficient-funds'),
      available: '90000.00',
    });
    const numbers = await connectAs(api.db.ownerUrl, async (owner) =>
      (
        await owner.query<{ n: string }>(
          `SELECT voucher_number::text AS n FROM journal_entry
            WHERE cooperative_id = $1 AND voucher_series = 'receipt' ORDER BY voucher_number`,
          [coop],
        )
      ).rows.map((r) => Number(r.n)),
    );
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });

  it('sends an operation above the teller limit to a manager, and runs it on approval', async () => {
    const { sukarela } = await fx.saver();
    await changeSettings({ tellerLimit: '5000000.00', cashReportThreshold: '500000000.00' });
    const big = await deposit(sukarela, '6000000.00').expect(202);
    expect(big.body).toMatchObject({
      type: 'savings.cash.operation',
      status: 'pending',
      amount: { amount: '6000000.00', currency: 'IDR' },
    });
    expect((await fx.get(`savings-accounts/${sukarela}`, teller).expect(200)).body.balance).toBe(
      '0.00',
    );
    await fx.approve(big.body.id, teller).expect(403);
    const done = await fx.approve(big.body.id, managers[0]).expect(200);
    expect(done.body).toMatchObject({ status: 'executed', result: { amount: '6000000.00' } });
    expect((await fx.get(`savings-accounts/${sukarela}`, teller).expect(200)).body.balance).toBe(
      '6000000.00',
    );
    await deposit(sukarela, '4000000.00').expect(201);
    await changeSettings({ tellerLimit: null, cashReportThreshold: '500000000.00' });
  });

  it('flags a member whose cash of the day reaches the threshold', async () => {
    const { memberId, sukarela } = await fx.saver();
    await changeSettings({ tellerLimit: null, cashReportThreshold: '1000000.00' });
    const first = await deposit(sukarela, '600000.00').expect(201);
    expect(first.body.cashThresholdReached).toBe(false);
    const second = await withdraw(sukarela, '400000.00').expect(201);
    expect(second.body.cashThresholdReached).toBe(true);
    const flags = await fx.get('cash-threshold-flags', auditor).expect(200);
    expect(flags.body).toContainEqual(
      expect.objectContaining({ memberId, total: '1100000.00', threshold: '1000000.00' }),
    );
    await fx.get('cash-threshold-flags', teller).expect(403);
    await changeSettings({ tellerLimit: null, cashReportThreshold: '500000000.00' });
  });

  it('hands cash over in the cooperative’s unit, the difference to the rounding account', async () => {
    const { sukarela } = await fx.saver();
    await changeSettings({
      tellerLimit: null,
      cashReportThreshold: '500000000.00',
      cashRoundingUnit: '100.00',
    });
    const rounding = async () => {
      const chart = await fx.get('accounts?limit=500', managers[0]).expect(200);
      const id = chart.body.items.find((a: { code: string }) => a.code === '5-9102').id;
      return (await fx.get(`accounts/${id}`, managers[0]).expect(200)).body.balances[0].balance;
    };
    const before = new Decimal(await rounding());
    const inward = await deposit(sukarela, '150049.00').expect(201);
    expect(inward.body).toMatchObject({
      amount: '150049.00',
      cash: '150000.00',
      balanceAfter: '150049.00',
    });
    const outward = await withdraw(sukarela, '1250.00').expect(201);
    expect(outward.body).toMatchObject({ amount: '1250.00', cash: '1300.00' });
    expect(new Decimal(await rounding()).minus(before).toFixed(2)).toBe('99.00');
    await changeSettings({ tellerLimit: null, cashReportThreshold: '500000000.00' });
    expect((await deposit(sukarela, '10.01').expect(201)).body.cash).toBe('10.01');
  });

  it("moves money between a member's own voluntary accounts, not to another member's", async () => {
    const { memberId, sukarela } = await fx.saver();
    const second = await fx.account(memberId, 'sukarela');
    await deposit(sukarela, '300000.00').expect(201);
    const moved = await fx
      .post('savings-transfers', teller, {
        fromAccountId: sukarela,
        toAccountId: second,
        amount: '120000.00',
        currency: 'IDR',
      })
      .expect(201);
    expect(moved.body).toMatchObject({ amount: '120000.00' });
    expect((await fx.get(`savings-accounts/${second}`, teller).expect(200)).body.balance).toBe(
      '120000.00',
    );
    const stranger = await fx.saver();
    const refused = await fx
      .post('savings-transfers', teller, {
        fromAccountId: sukarela,
        toAccountId: stranger.sukarela,
        amount: '1000.00',
        currency: 'IDR',
      })
      .expect(422);
    expect(refused.body.type).toBe(problem('different-members'));
  });

  it('makes quiet voluntary accounts dormant, refusing money until a reactivation', async () => {
    const { sukarela } = await fx.saver();
    const marked = await api.app
      .get(TransactionScope)
      .run((tx) => api.app.get(DormancyService).markDormant(tx, coop, '2027-11-20' as never));
    expect(marked).toContain(sukarela);
    const refused = await deposit(sukarela, '1000.00').expect(422);
    expect(refused.body).toMatchObject({ type: problem('account-dormant'), field: 'accountId' });
    await fx.post(`savings-accounts/${sukarela}/reactivation`, teller, {}, null).expect(400);
    const back = await fx
      .post(
        `savings-accounts/${sukarela}/reactivation`,
        teller,
        { reason: 'member came back with her passbook' },
        null,
      )
      .expect(200);
    expect(back.body).toMatchObject({ status: 'open', lastActivityOn: '2026-11-20' });
    await deposit(sukarela, '1000.00').expect(201);
    const again = await fx
      .post(`savings-accounts/${sukarela}/reactivation`, teller, { reason: 'twice' }, null)
      .expect(422);
    expect(again.body.type).toBe(problem('account-not-dormant'));
  });

  it('keeps tellers to cash and auditors to reading', async () => {
    const { sukarela } = await fx.saver();
    await fx
      .post(`savings-accounts/${sukarela}/deposits`, auditor, {
        amount: '1000.00',
        currency: 'IDR',
      })
      .expect(403);
    await fx.get(`savings-accounts/${sukarela}`, auditor).expect(200);
    const noTill = await api.person([{ role: 'teller', cooperativeId: coop }]);
    const refused = await fx
      .post(`savings-accounts/${sukarela}/deposits`, noTill, {
        amount: '1000.00',
        currency: 'IDR',
      })
      .expect(409);
    expect(refused.body.type).toBe(problem('till-not-open'));
  });
});
