import { Decimal, uuidv7 } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import { DormancyService } from '@lumbung/savings';
import request from 'supertest';
import { ApiContext, type Person } from '../support/api-context';
import { createCooperative, fundVault } from '../support/cooperatives';
import { ledgerViolations, noViolations } from '../support/invariants';
import { connectAs } from '../support/postgres';
import { noSavingsViolations, savingsViolations } from '../support/savings-invariants';

const problem = (slug: string) => `urn:lumbung:problem:${slug}`;

/** Valid NIKs of Kota Kupang (53 71), born 15 August 1990, serials from 0001. */
const nik = (serial: number) => `537101150890${String(serial).padStart(4, '0')}`;

describe("a teller's day over HTTP: products, members' savings, cash operations", () => {
  let api: ApiContext;
  let coop: string;
  let managers: Person[];
  let teller: Person;
  let auditor: Person;
  const products: Record<string, string> = {};
  let members = 0;

  const path = (suffix: string) => `/cooperatives/${coop}/${suffix}`;
  const post = (suffix: string, person: Person, body: object, key: string | null = uuidv7()) => {
    const req = request(api.server).post(path(suffix)).set(person.auth);
    return (key ? req.set('Idempotency-Key', key) : req).send(body);
  };
  const get = (suffix: string, person: Person) =>
    request(api.server).get(path(suffix)).set(person.auth);
  const approve = (requestId: string, person: Person) =>
    post(`approvals/${requestId}/approve`, person, {}, null);
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

  /** A product exists only once a second manager approved it. */
  async function product(code: string, kind: string, terms: object): Promise<string> {
    const asked = await post(
      'savings-products',
      managers[0],
      { code, kind, name: `Simpanan ${kind}`, currency: 'IDR', terms },
      null,
    ).expect(202);
    const done = await approve(asked.body.id, managers[1]).expect(200);
    return done.body.result.id as string;
  }

  async function changeSettings(settings: object): Promise<void> {
    const asked = await post('savings-settings', managers[0], settings, null).expect(202);
    await approve(asked.body.id, managers[1]).expect(200);
  }

  async function member(): Promise<string> {
    members += 1;
    const res = await post(
      'members',
      teller,
      { fullName: `Anggota ${members}`, identity: { type: 'nik', number: nik(members) } },
      null,
    ).expect(201);
    return res.body.id as string;
  }

  async function account(memberId: string, kind: string): Promise<string> {
    const res = await post(
      'savings-accounts',
      teller,
      { memberId, productId: products[kind] },
      null,
    ).expect(201);
    return res.body.id as string;
  }

  /** A member who paid pokok (so is active) and holds a voluntary account. */
  async function saver(): Promise<{ memberId: string; sukarela: string }> {
    const memberId = await member();
    const pokok = await account(memberId, 'pokok');
    await post(`savings-accounts/${pokok}/deposits`, teller, {
      amount: '100000.00',
      currency: 'IDR',
    }).expect(201);
    return { memberId, sukarela: await account(memberId, 'sukarela') };
  }

  const deposit = (accountId: string, amount: string, key?: string) =>
    post(`savings-accounts/${accountId}/deposits`, teller, { amount, currency: 'IDR' }, key);
  const withdraw = (accountId: string, amount: string) =>
    post(`savings-accounts/${accountId}/withdrawals`, teller, { amount, currency: 'IDR' });

  beforeAll(async () => {
    api = await ApiContext.start();
    coop = await createCooperative(api.app, 'KSP-TELLER-DAY');
    await fundVault(api.app, coop, '100000000.00');
    managers = [
      await api.person([{ role: 'manager', cooperativeId: coop }]),
      await api.person([{ role: 'manager', cooperativeId: coop }]),
    ];
    teller = await api.person([{ role: 'teller', cooperativeId: coop }]);
    auditor = await api.person([
      { role: 'auditor', cooperativeId: coop, validUntil: '2099-01-01T00:00:00Z' },
    ]);
    products.pokok = await product('POKOK', 'pokok', { amount: '100000' });
    products.wajib = await product('WAJIB', 'wajib', { amount: '50000' });
    products.sukarela = await product('SUKARELA', 'sukarela', {
      annualRate: '0.04',
      rateRange: { min: '0.02', max: '0.06' },
      minimumBalance: '10000',
      dayCount: 'actual/365',
      dormantAfterDays: 365,
      withholding: null,
    });
    await post('tills/mine/open', teller, { currency: 'IDR', float: '30000000.00' }).expect(201);
  });

  afterEach(async () => {
    await connectAs(api.db.ownerUrl, async (owner) => {
      expect(await ledgerViolations(owner, coop)).toEqual(noViolations);
      expect(await savingsViolations(owner, coop)).toEqual(noSavingsViolations);
    });
  });

  afterAll(() => api.close());

  it('changes products only with a second manager, inside the 9% cap', async () => {
    const listed = await get('savings-products', auditor).expect(200);
    expect(listed.body.map((p: { code: string }) => p.code).sort()).toEqual([
      'POKOK',
      'SUKARELA',
      'WAJIB',
    ]);
    const tooHigh = await post(
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
    ).expect(400);
    expect(tooHigh.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'terms.annualRate',
      'terms.rateRange.max',
    ]);
    const secondPokok = await post(
      'savings-products',
      managers[0],
      { code: 'POKOK-2', kind: 'pokok', name: 'Pokok 2', currency: 'IDR', terms: { amount: '5' } },
      null,
    ).expect(409);
    expect(secondPokok.body.type).toBe(problem('pokok-product-exists'));
    await post(
      'savings-products',
      teller,
      { code: 'X1', kind: 'wajib', name: 'x', currency: 'IDR', terms: { amount: '1' } },
      null,
    ).expect(403);
  });

  it('makes an applicant a member when simpanan pokok is paid, once, and never withdrawn', async () => {
    const memberId = await member();
    const early = await post(
      'savings-accounts',
      teller,
      { memberId, productId: products.sukarela },
      null,
    ).expect(422);
    expect(early.body.type).toBe(problem('member-not-active'));
    const pokok = await account(memberId, 'pokok');
    const wrong = await deposit(pokok, '90000.00').expect(400);
    expect(wrong.body.errors[0].field).toBe('amount');
    const paid = await deposit(pokok, '100000.00').expect(201);
    expect(paid.body).toMatchObject({
      operation: 'pokok',
      amount: '100000.00',
      balanceAfter: '100000.00',
    });
    expect((await get(`members/${memberId}`, teller).expect(200)).body.status).toBe('active');
    expect((await deposit(pokok, '100000.00').expect(422)).body.type).toBe(
      problem('pokok-already-paid'),
    );
    const out = await withdraw(pokok, '100000.00').expect(422);
    expect(out.body.type).toBe(problem('withdrawal-not-allowed'));
  });

  it('collects simpanan wajib for several months and tracks arrears', async () => {
    const { memberId } = await saver();
    const wajib = await account(memberId, 'wajib');
    expect((await get(`savings-accounts/${wajib}`, teller).expect(200)).body.wajib).toEqual({
      paidThrough: null,
      monthsInArrears: 1,
    });
    const paid = await post(`savings-accounts/${wajib}/wajib-collections`, teller, {
      months: 3,
    }).expect(201);
    expect(paid.body).toMatchObject({
      operation: 'wajib',
      amount: '150000.00',
      wajibMonths: { from: '2026-11', through: '2027-01' },
    });
    const after = (await get(`savings-accounts/${wajib}`, teller).expect(200)).body;
    expect(after).toMatchObject({ balance: '150000.00', wajib: { paidThrough: '2027-01' } });
    await post(`savings-accounts/${wajib}/wajib-collections`, teller, { months: 11 }).expect(400);
    await withdraw(wajib, '50000.00').expect(422);
  });

  it('posts a replayed deposit once and refuses bad input naming the field, writing nothing', async () => {
    const { sukarela } = await saver();
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
      const res = await post(`savings-accounts/${sukarela}/deposits`, teller, body).expect(400);
      expect({ body, field: res.body.errors?.[0]?.field }).toEqual({ body, field });
    }
    await deposit(uuidv7(), '5000.00').expect(404);
    await deposit('not-an-id', '5000.00').expect(404);
    await post(
      `savings-accounts/${sukarela}/deposits`,
      teller,
      { amount: '1.00', currency: 'IDR' },
      null,
    ).expect(400);
    expect(await entries()).toBe(before);
  });

  it('never overdraws under concurrent withdrawals, and numbers receipts without gaps', async () => {
    const { sukarela } = await saver();
    await deposit(sukarela, '1000000.00').expect(201);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => withdraw(sukarela, '150000.00')),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 422, 422, 422, 422]);
    for (const refused of results.filter((r) => r.status === 422)) {
      expect(refused.body.type).toBe(problem('insufficient-funds'));
    }
    expect((await get(`savings-accounts/${sukarela}`, teller).expect(200)).body.balance).toBe(
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
    const { sukarela } = await saver();
    await changeSettings({ tellerLimit: '5000000.00', cashReportThreshold: '500000000.00' });
    const big = await deposit(sukarela, '6000000.00').expect(202);
    expect(big.body).toMatchObject({
      type: 'savings.cash.operation',
      status: 'pending',
      amount: { amount: '6000000.00', currency: 'IDR' },
    });
    expect((await get(`savings-accounts/${sukarela}`, teller).expect(200)).body.balance).toBe(
      '0.00',
    );
    await approve(big.body.id, teller).expect(403);
    const done = await approve(big.body.id, managers[0]).expect(200);
    expect(done.body).toMatchObject({ status: 'executed', result: { amount: '6000000.00' } });
    expect((await get(`savings-accounts/${sukarela}`, teller).expect(200)).body.balance).toBe(
      '6000000.00',
    );
    await deposit(sukarela, '4000000.00').expect(201);
    await changeSettings({ tellerLimit: null, cashReportThreshold: '500000000.00' });
  });

  it('flags a member whose cash of the day reaches the threshold', async () => {
    const { memberId, sukarela } = await saver();
    await changeSettings({ tellerLimit: null, cashReportThreshold: '1000000.00' });
    const first = await deposit(sukarela, '600000.00').expect(201);
    expect(first.body.cashThresholdReached).toBe(false);
    const second = await withdraw(sukarela, '400000.00').expect(201);
    expect(second.body.cashThresholdReached).toBe(true);
    const flags = await get('cash-threshold-flags', auditor).expect(200);
    expect(flags.body).toContainEqual(
      expect.objectContaining({ memberId, total: '1100000.00', threshold: '1000000.00' }),
    );
    await get('cash-threshold-flags', teller).expect(403);
    await changeSettings({ tellerLimit: null, cashReportThreshold: '500000000.00' });
  });

  it('hands cash over in the cooperative’s unit, the difference to the rounding account', async () => {
    const { sukarela } = await saver();
    await changeSettings({
      tellerLimit: null,
      cashReportThreshold: '500000000.00',
      cashRoundingUnit: '100.00',
    });
    const rounding = async () => {
      const chart = await get('accounts?limit=500', managers[0]).expect(200);
      const id = chart.body.items.find((a: { code: string }) => a.code === '5-9102').id;
      return (await get(`accounts/${id}`, managers[0]).expect(200)).body.balances[0].balance;
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
    const { memberId, sukarela } = await saver();
    const second = await account(memberId, 'sukarela');
    await deposit(sukarela, '300000.00').expect(201);
    const moved = await post('savings-transfers', teller, {
      fromAccountId: sukarela,
      toAccountId: second,
      amount: '120000.00',
      currency: 'IDR',
    }).expect(201);
    expect(moved.body).toMatchObject({ amount: '120000.00' });
    expect((await get(`savings-accounts/${second}`, teller).expect(200)).body.balance).toBe(
      '120000.00',
    );
    const stranger = await saver();
    const refused = await post('savings-transfers', teller, {
      fromAccountId: sukarela,
      toAccountId: stranger.sukarela,
      amount: '1000.00',
      currency: 'IDR',
    }).expect(422);
    expect(refused.body.type).toBe(problem('different-members'));
  });

  it('makes quiet voluntary accounts dormant, refusing money until a reactivation', async () => {
    const { sukarela } = await saver();
    const marked = await api.app
      .get(TransactionScope)
      .run((tx) => api.app.get(DormancyService).markDormant(tx, coop, '2027-11-20' as never));
    expect(marked).toContain(sukarela);
    const refused = await deposit(sukarela, '1000.00').expect(422);
    expect(refused.body).toMatchObject({ type: problem('account-dormant'), field: 'accountId' });
    await post(`savings-accounts/${sukarela}/reactivation`, teller, {}, null).expect(400);
    const back = await post(
      `savings-accounts/${sukarela}/reactivation`,
      teller,
      { reason: 'member came back with her passbook' },
      null,
    ).expect(200);
    expect(back.body).toMatchObject({ status: 'open', lastActivityOn: '2026-11-20' });
    await deposit(sukarela, '1000.00').expect(201);
    const again = await post(
      `savings-accounts/${sukarela}/reactivation`,
      teller,
      { reason: 'twice' },
      null,
    ).expect(422);
    expect(again.body.type).toBe(problem('account-not-dormant'));
  });

  it('keeps tellers to cash and auditors to reading', async () => {
    const { sukarela } = await saver();
    await post(`savings-accounts/${sukarela}/deposits`, auditor, {
      amount: '1000.00',
      currency: 'IDR',
    }).expect(403);
    await get(`savings-accounts/${sukarela}`, auditor).expect(200);
    const noTill = await api.person([{ role: 'teller', cooperativeId: coop }]);
    const refused = await post(`savings-accounts/${sukarela}/deposits`, noTill, {
      amount: '1000.00',
      currency: 'IDR',
    }).expect(409);
    expect(refused.body.type).toBe(problem('till-not-open'));
  });
});
