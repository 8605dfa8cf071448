import { Decimal } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import { BusinessDayService } from '@lumbung/ledger';
import { ApiContext, type Person } from '../support/api-context';
import { createCooperative, fundVault } from '../support/cooperatives';
import { SavingsFixture } from '../support/savings-fixture';

const problem = (slug: string) => `urn:lumbung:problem:${slug}`;

const berjangka = (maturityInstruction: string) => ({
  annualRate: '0.06',
  rateRange: { min: '0.05', max: '0.08' },
  termMonths: 3,
  minimumAmount: '1000000',
  earlyWithdrawalPenaltyRate: '0.01',
  maturityInstruction,
});

describe('time deposits over HTTP: placing, early withdrawal, maturity and roll-over', () => {
  let api: ApiContext;
  let coop: string;
  let fx: SavingsFixture;
  let teller: Person;
  let payoutProduct: string;
  let rollOverProduct: string;
  let memberId: string;
  let sukarela: string;
  let otherSukarela: string;

  const balance = async (accountId: string) =>
    (await fx.get(`savings-accounts/${accountId}`).expect(200)).body.balance as string;
  const place = (body: object) => fx.post('time-deposits', teller, body);

  beforeAll(async () => {
    api = await ApiContext.start();
    coop = await createCooperative(api.app, 'KSP-BERJANGKA');
    await fundVault(api.app, coop, '100000000.00');
    fx = new SavingsFixture(api, coop);
    ({ teller } = await fx.hireStaff());
    await fx.product('POKOK', 'pokok', { amount: '100000' }, 'POKOK');
    await fx.product(
      'SUKARELA',
      'sukarela',
      {
        annualRate: '0.03',
        rateRange: { min: '0.02', max: '0.05' },
        minimumBalance: '10000',
        dayCount: 'actual/365',
        dormantAfterDays: 365,
        withholding: null,
      },
      'SUKARELA',
    );
    payoutProduct = await fx.product(
      'DEPOSITO-3',
      'berjangka',
      berjangka('pay-to-voluntary'),
      'DEPOSITO-3',
    );
    rollOverProduct = await fx.product(
      'DEPOSITO-ARO',
      'berjangka',
      berjangka('roll-over'),
      'DEPOSITO-ARO',
    );
    await fx.openTill(teller, '40000000.00').expect(201);
    ({ memberId, sukarela } = await fx.saver('Penabung'));
    otherSukarela = (await fx.saver('Penabung')).sukarela;
    await fx
      .post(`savings-accounts/${sukarela}/deposits`, teller, {
        amount: '20000000.00',
        currency: 'IDR',
      })
      .expect(201);
  });

  afterEach(() => fx.expectInvariants());

  afterAll(() => api.close());

  it('refuses a placement below the minimum or funded from another member', async () => {
    const small = await place({
      memberId,
      productId: payoutProduct,
      amount: '500000.00',
      currency: 'IDR',
    }).expect(400);
    expect(small.body.errors[0].field).toBe('amount');
    const foreign = await place({
      memberId,
      productId: payoutProduct,
      amount: '2000000.00',
      currency: 'IDR',
      fromAccountId: otherSukarela,
    }).expect(400);
    expect(foreign.body.errors[0].field).toBe('fromAccountId');
  });

  it('places from voluntary savings at the fixed rate, and pays principal and interest at maturity', async () => {
    const placed = await place({
      memberId,
      productId: payoutProduct,
      amount: '10000000.00',
      currency: 'IDR',
      fromAccountId: sukarela,
    }).expect(201);
    expect(placed.body.placements).toEqual([
      expect.objectContaining({
        principal: '10000000.00',
        annualRate: '0.06',
        startDate: '2026-11-20',
        maturityDate: '2027-02-20',
        status: 'running',
      }),
    ]);
    expect(await balance(sukarela)).toBe('10000000.00');
    const account = placed.body.account.id;
    const early = await fx.post(`time-deposits/${account}/settlement`, teller, {}).expect(422);
    expect(early.body).toMatchObject({ type: problem('not-matured'), maturityDate: '2027-02-20' });
    await fx
      .post(`savings-accounts/${account}/withdrawals`, teller, {
        amount: '1.00',
        currency: 'IDR',
      })
      .expect(422);

    await api.app
      .get(TransactionScope)
      .run((tx) =>
        api.app.get(BusinessDayService).roll(tx, coop, new Date('2027-02-21T04:00:00Z')),
      );
    const settled = await fx.post(`time-deposits/${account}/settlement`, teller, {}).expect(201);
    expect(settled.body.placements[0]).toMatchObject({
      status: 'matured',
      interest: '151232.88',
      penalty: '0.00',
    });
    expect(settled.body.account).toMatchObject({ status: 'closed', balance: '0.00' });
    expect(await balance(sukarela)).toBe('20151232.88');
  });

  it('withdraws early for the penalty and no interest', async () => {
    const placed = await place({
      memberId,
      productId: payoutProduct,
      amount: '5000000.00',
      currency: 'IDR',
    }).expect(201);
    const before = await balance(sukarela);
    const ended = await fx
      .post(`time-deposits/${placed.body.account.id}/settlement`, teller, {
        early: true,
      })
      .expect(201);
    expect(ended.body.placements[0]).toMatchObject({
      status: 'withdrawn-early',
      interest: '0.00',
      penalty: '50000.00',
    });
    const after = await balance(sukarela);
    expect(new Decimal(after).minus(before).toFixed(2)).toBe('4950000.00');
  });

  it('rolls principal and interest over into a new placement', async () => {
    const placed = await place({
      memberId,
      productId: rollOverProduct,
      amount: '2000000.00',
      currency: 'IDR',
    }).expect(201);
    const account = placed.body.account.id;
    await api.app
      .get(TransactionScope)
      .run((tx) =>
        api.app.get(BusinessDayService).roll(tx, coop, new Date('2027-05-22T04:00:00Z')),
      );
    const rolled = await fx.post(`time-deposits/${account}/settlement`, teller, {}).expect(201);
    expect(rolled.body.placements).toEqual([
      expect.objectContaining({ placementNo: 1, status: 'rolled-over', interest: '29260.27' }),
      expect.objectContaining({
        placementNo: 2,
        principal: '2029260.27',
        startDate: '2027-05-21',
        status: 'running',
      }),
    ]);
    expect(rolled.body.account).toMatchObject({ status: 'open', balance: '2029260.27' });
  });
});
