import { Decimal, uuidv7 } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import { EndOfDayService } from '@lumbung/end-of-day';
import { FxRevaluation } from '@lumbung/cross-border';
import request from 'supertest';
import { ApiContext } from '../support/api-context';
import { createCooperative, fundVault } from '../support/cooperatives';
import { crossBorderViolations, noCrossBorderViolations } from '../support/cross-border-invariants';
import {
  annuityTerms,
  CrossBorderFixture,
  expectProblem,
  today,
} from '../support/cross-border-fixture';
import { ownerRows } from '../support/eod-fixture';
import { rollTo } from '../support/loan-fixture';
import { connectAs } from '../support/postgres';

interface PostingRow {
  readonly code: string;
  readonly currency: string;
  readonly amount: string;
  readonly functional: string;
  readonly fx_rate: string | null;
  readonly value_date: string;
}

/**
 * A KSP in Kupang lends USD to a partner cooperative in Dili and the money moves: a drawdown paid
 * from the bank in rupiah through the USD position, repayments at other rates with the realised
 * difference, the month-end revaluation reversed on the first, and everything refused that
 * should be, with its figures and nothing written. One story, day by day.
 */
describe('cross-border money over HTTP: drawdowns, repayments, realised and unrealised FX', () => {
  let api: ApiContext;
  let coop: string;
  let cb: CrossBorderFixture;
  let facilityId: string;
  let dili: string;

  const sql = <T>(text: string, params: unknown[] = []) => ownerRows<T>(api, text, params);

  /** A money-moving POST by the first manager, with its own Idempotency-Key unless given. */
  const move = (suffix: string, body: object, key: string | null = uuidv7()) => {
    const req = request(api.server).post(cb.path(suffix)).set(cb.managers[0].auth);
    return (key === null ? req : req.set('Idempotency-Key', key)).send(body);
  };
  const drawdown = (body: object, key?: string | null) =>
    move(`facilities/${facilityId}/drawdowns`, body, key);
  const repay = (body: object, key?: string | null) =>
    move(`facilities/${facilityId}/repayments`, body, key);

  const postingsOf = (entryId: string) =>
    sql<PostingRow>(
      `SELECT a.code, p.currency::text, p.amount::text, p.functional_amount::text AS functional,
              p.fx_rate::text, p.value_date::text
         FROM posting p JOIN account a ON a.cooperative_id = p.cooperative_id AND a.id = p.account_id
        WHERE p.cooperative_id = $1 AND p.entry_id = $2 ORDER BY p.line_no`,
      [coop, entryId],
    );
  const line = (
    code: string,
    currency: string,
    amount: string,
    functional = amount,
    fxRate: string | null = null,
  ) => ({ code, currency, amount, functional, fx_rate: fxRate });

  /** The rows no refused request may add to. */
  const footprint = async () => ({
    ...(await cb.footprint()),
    drawdowns: await cb.count('cross_border_drawdown'),
    repayments: await cb.count('cross_border_repayment'),
    entries: await cb.count('journal_entry'),
    keys: await cb.count('idempotency_key'),
  });

  const trialBalance = async (asOf: string) =>
    (await cb.get(`trial-balance?asOf=${asOf}`).expect(200)).body as {
      balanced: boolean;
      lines: Array<{ code: string; currency: string; balance: string; functionalBalance: string }>;
      totals: Array<{ currency: string; debit: string; credit: string }>;
    };
  const balanceOf = async (asOf: string, code: string) =>
    (await trialBalance(asOf)).lines.find((l) => l.code === code);

  beforeAll(async () => {
    api = await ApiContext.start();
    coop = await createCooperative(api.app, 'KSP-KUPANG-FX');
    await fundVault(api.app, coop, '20000000000.00');
    cb = new CrossBorderFixture(api, coop);
    await cb.hireStaff();
    dili = await cb.partner();
    const agreement = await cb.agreement(dili);
    await cb.rate('USD', 'IDR', '16000');
    await cb.limit({ scope: 'partner', partnerId: dili, amount: '2000000000.00' });
    await cb.limit({ scope: 'country', country: 'TL', amount: '3000000000.00' });
    await cb.fourEyes('cross-border-settings', { supervisorThreshold: '5000000000.00' });
    const requested = (
      await cb
        .post('facilities', cb.managers[0], {
          partnerId: dili,
          agreementId: agreement,
          currency: 'USD',
          limit: '100000.00',
          instalments: 24,
          terms: annuityTerms,
          purpose: 'Modal kerja petani kopi anggota koperasi mitra',
          sector: 'agriculture',
          commodity: 'coffee',
        })
        .expect(201)
    ).body;
    facilityId = requested.id;
    await cb.approve(requested.approvalRequestId, cb.managers[1]).expect(200);
    await cb.approve(requested.approvalRequestId, cb.managers[2]).expect(200);
  });

  afterEach(async () => {
    await cb.expectLedgerIntact();
    await connectAs(api.db.ownerUrl, async (owner) => {
      expect(await crossBorderViolations(owner, coop)).toEqual(noCrossBorderViolations);
    });
  });

  afterAll(() => api.close());

  it('pays a USD drawdown out of the rupiah bank through the USD position, once per key', async () => {
    const key = uuidv7();
    const res = await drawdown({ amount: '60000.00', currency: 'USD' }, key).expect(201);
    expect(res.body).toMatchObject({
      drawdown: {
        facilityId,
        currency: 'USD',
        amount: '60000.00',
        functionalAmount: '960000000.00',
        fxRate: '16000',
        drawnOn: today,
      },
      facility: {
        limit: '100000.00',
        drawn: '60000.00',
        available: '40000.00',
        principalOutstanding: '60000.00',
      },
      fxRate: { base: 'USD', quote: 'IDR', rate: '16000', date: today, inverted: false },
      exposure: {
        lines: [
          { scope: 'partner', requested: '960000000.00', within: true },
          { scope: 'country', requested: '960000000.00', within: true },
        ],
      },
    });
    // The schedule engine's annuity on the amount drawn, from the day it was drawn.
    const schedule = res.body.drawdown.instalments;
    expect(schedule).toHaveLength(24);
    expect(schedule[0]).toMatchObject({ no: 1, dueDate: '2026-12-20', principalPaid: '0.00' });
    expect(await postingsOf(res.body.drawdown.entryId)).toMatchObject([
      line('1-14-0001', 'USD', '60000.00', '960000000.00', '16000'),
      line('1-1901-USD', 'USD', '-60000.00', '-960000000.00', '16000'),
      line('1-1901', 'IDR', '960000000.00'),
      line('1-1201', 'IDR', '-960000000.00'),
    ]);

    const replay = await drawdown({ amount: '60000.00', currency: 'USD' }, key).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.drawdown.id).toBe(res.body.drawdown.id);
    expect(await cb.count('cross_border_drawdown')).toBe(1);

    const facility = (await cb.get(`facilities/${facilityId}`).expect(200)).body;
    expect(facility).toMatchObject({ drawn: '60000.00', principalOutstanding: '60000.00' });
    const listed = (await cb.get(`facilities/${facilityId}/drawdowns`, cb.supervisor).expect(200))
      .body.items;
    expect(listed).toHaveLength(1);
    expect(listed[0].instalments).toHaveLength(24);

    const tb = await trialBalance(today);
    expect(tb.balanced).toBe(true);
    for (const total of tb.totals) expect(total.debit).toBe(total.credit);
    expect(tb.totals.map((t) => t.currency).sort()).toEqual(['IDR', 'USD']);
  });

  it('refuses a drawdown above the facility limit with the figures, writing nothing', async () => {
    const before = await footprint();
    const problem = expectProblem(
      await drawdown({ amount: '40000.01', currency: 'USD' }),
      422,
      'facility-limit',
    );
    expect(problem).toMatchObject({
      currency: 'USD',
      limit: '100000.00',
      drawn: '60000.00',
      requested: '40000.01',
      after: '100000.01',
      available: '40000.00',
    });
    expect(await footprint()).toEqual(before);
  });

  it('refuses bad input with problem details, writing nothing', async () => {
    const teller = await api.person([{ role: 'teller', cooperativeId: coop }]);
    const before = await footprint();
    const unknown = expectProblem(
      await drawdown({ amount: '100.00', currency: 'XYZ' }),
      400,
      'invalid-input',
    );
    expect(unknown.errors).toContainEqual({
      field: 'currency',
      message: 'a supported ISO 4217 currency code',
    });
    const negative = expectProblem(
      await drawdown({ amount: '-100.00', currency: 'USD' }),
      400,
      'invalid-input',
    );
    expect(negative.errors).toEqual([{ field: 'amount', message: 'must be above zero' }]);
    const otherCurrency = expectProblem(
      await repay({ amount: '100.00', currency: 'MYR' }),
      400,
      'invalid-input',
    );
    expect(otherCurrency.errors).toEqual([
      { field: 'currency', message: "the facility's currency USD" },
    ]);
    expectProblem(
      await repay({ amount: '10.00', fee: '-1.00', currency: 'USD' }),
      400,
      'invalid-input',
    );
    expectProblem(await repay({ amount: '0.00', currency: 'USD' }), 400, 'invalid-input');
    expectProblem(await drawdown({ amount: 100, currency: 'USD' }), 400, 'invalid-input');
    expectProblem(
      await drawdown({ amount: '100.00', currency: 'USD', channel: 'cash' }),
      400,
      'invalid-input',
    );
    const keyless = expectProblem(
      await drawdown({ amount: '100.00', currency: 'USD' }, null),
      400,
      'invalid-input',
    );
    expect(keyless.errors[0].field).toBe('Idempotency-Key');
    expectProblem(
      await move(`facilities/${uuidv7()}/drawdowns`, { amount: '1.00', currency: 'USD' }),
      404,
      'not-found',
    );
    const byTeller = await request(api.server)
      .post(cb.path(`facilities/${facilityId}/drawdowns`))
      .set(teller.auth)
      .set('Idempotency-Key', uuidv7())
      .send({ amount: '1.00', currency: 'USD' });
    expect(byTeller.status).toBe(403);
    expect(await footprint()).toEqual(before);
  });

  it('re-checks exposure at each drawdown at that day’s rate and refuses with the figures', async () => {
    await rollTo(api, coop, '2026-11-21');
    await cb.rate('USD', 'IDR', '25000', '2026-11-21');
    const before = await footprint();
    // Within the facility's limit, but USD 100,000 owed at Rp25,000 is Rp2.5bn: above Rp2bn.
    const problem = expectProblem(
      await drawdown({ amount: '40000.00', currency: 'USD' }),
      422,
      'exposure-limit',
    );
    expect(problem.detail).toMatch(/^The drawdown is refused: partner /);
    expect(problem).toMatchObject({
      currency: 'IDR',
      exposure: [
        {
          scope: 'partner',
          key: dili,
          limit: '2000000000.00',
          allowed: '2000000000.00',
          current: '0.00',
          requested: '2500000000.00',
          after: '2500000000.00',
          within: false,
        },
        { scope: 'country', key: 'TL', allowed: '3000000000.00', within: true },
      ],
    });
    expect(await footprint()).toEqual(before);
  });

  it('refuses money on a day without a rate (fx-rate-missing), writing nothing', async () => {
    await rollTo(api, coop, '2026-11-22');
    const before = await footprint();
    for (const res of [
      await drawdown({ amount: '1000.00', currency: 'USD' }),
      await repay({ amount: '1000.00', currency: 'USD' }),
    ]) {
      expect(expectProblem(res, 422, 'fx-rate-missing')).toMatchObject({
        from: 'USD',
        to: 'IDR',
        date: '2026-11-22',
      });
    }
    expect(await footprint()).toEqual(before);
  });

  it('takes principal off at the drawdown’s rate and books the realised difference', async () => {
    await cb.rate('USD', 'IDR', '16500', '2026-11-22');
    const res = await repay({ amount: '10000.00', fee: '50.00', currency: 'USD' }).expect(201);
    // Nothing is due yet: all of it prepays principal. Booked at 16,000, received at 16,500.
    expect(res.body).toMatchObject({
      currency: 'USD',
      amount: '10000.00',
      interest: '0.00',
      principal: '10000.00',
      fee: '50.00',
      fxRate: '16500',
      paidOn: '2026-11-22',
      principalCarrying: '160000000.00',
      principalAtRate: '165000000.00',
      realisedFx: '5000000.00',
      functionalFee: '825000.00',
      functionalReceived: '165825000.00',
      principalOutstanding: '50000.00',
    });
    expect(await postingsOf(res.body.entryId)).toMatchObject([
      line('1-1201', 'IDR', '165825000.00'),
      line('1-14-0001', 'USD', '-10000.00', '-160000000.00', '16000'),
      line('1-1901-USD', 'USD', '10000.00', '160000000.00', '16000'),
      line('1-1901', 'IDR', '-160000000.00'),
      line('4-1102', 'IDR', '-825000.00'),
      line('4-2103', 'IDR', '-5000000.00'),
    ]);
    const receivable = await balanceOf('2026-11-22', '1-14-0001');
    expect(receivable).toMatchObject({ balance: '50000.00', functionalBalance: '800000000.00' });
    const listed = (await cb.get(`facilities/${facilityId}/repayments`).expect(200)).body.items;
    expect(listed.map((r: { id: string }) => r.id)).toEqual([res.body.id]);
  });

  it('revalues at the month’s closing rate in the end of day, and reverses it on the 1st', async () => {
    const eod = api.app.get(EndOfDayService);
    await rollTo(api, coop, '2026-12-01');
    // Closes 20 to 29 November (each finished day opens the next); 30 November has no closing
    // rate yet.
    await eod.openNextDue(coop);
    for (;;) {
      const left = (await eod.unfinished()).filter((c) => c.cooperativeId === coop);
      expect(left.length).toBeGreaterThan(0);
      if (left[0].businessDate === '2026-11-30') break;
      for (const chunk of left) await eod.runChunk(coop, chunk.businessDate, chunk.chunkNo);
    }
    await expect(eod.runChunk(coop, '2026-11-30', 1)).rejects.toThrow(
      /No USD\/IDR rate \(nor IDR\/USD\) for 2026-11-30/,
    );
    await eod.recordFailure(coop, '2026-11-30', 1, 'fx-rate-missing: USD/IDR 2026-11-30');
    const stuck = await api.app.get(TransactionScope).run((tx) => eod.view(tx, coop, '2026-11-30'));
    expect(stuck).toMatchObject({ state: 'running', failures: [{ chunkNo: 1, attempts: 1 }] });
    expect(await cb.count('fx_revaluation')).toBe(0);

    await cb.rate('USD', 'IDR', '16800', '2026-11-30');
    expect(await eod.runChunk(coop, '2026-11-30', 1)).toEqual({ runComplete: true });

    // USD 50,000 carried at Rp800,000,000 is Rp840,000,000 at 16,800: Rp40,000,000 unrealised.
    const [revaluation] = (await cb.get('fx-revaluations?month=2026-11').expect(200)).body.items;
    expect(revaluation).toMatchObject({
      month: '2026-11-01',
      currency: 'USD',
      periodEnd: '2026-11-30',
      fxRate: '16800',
      foreignBalance: '50000.00',
      carrying: '800000000.00',
      revalued: '840000000.00',
      difference: '40000000.00',
    });
    expect(await postingsOf(revaluation.entryId)).toMatchObject([
      { ...line('1-1901', 'IDR', '40000000.00'), value_date: '2026-11-30' },
      { ...line('4-2103', 'IDR', '-40000000.00'), value_date: '2026-11-30' },
    ]);
    expect(await postingsOf(revaluation.reversalEntryId)).toMatchObject([
      { ...line('1-1901', 'IDR', '-40000000.00'), value_date: '2026-12-01' },
      { ...line('4-2103', 'IDR', '40000000.00'), value_date: '2026-12-01' },
    ]);
    // FX gain or loss: realised Rp5m, and the unrealised Rp40m at the month's end only.
    expect(await balanceOf('2026-11-30', '4-2103')).toMatchObject({ balance: '-45000000.00' });
    expect(await balanceOf('2026-12-01', '4-2103')).toMatchObject({ balance: '-5000000.00' });
    for (const asOf of ['2026-11-30', '2026-12-01']) {
      expect((await trialBalance(asOf)).balanced).toBe(true);
    }

    // Once per cooperative and month, however often the step runs.
    const entries = await cb.count('journal_entry');
    const again = await api.app
      .get(TransactionScope)
      .run((tx) => api.app.get(FxRevaluation).monthEnd(tx, coop, '2026-11-30' as never));
    expect(again).toHaveLength(1);
    expect(await cb.count('journal_entry')).toBe(entries);
    expectProblem(await cb.get('fx-revaluations?month=2026-13'), 400, 'invalid-input');
  });

  it('collects scheduled interest and the rest of the principal, clearing the receivable', async () => {
    await rollTo(api, coop, '2026-12-20');
    await cb.rate('USD', 'IDR', '16400', '2026-12-20');
    const [drawn] = (await cb.get(`facilities/${facilityId}/drawdowns`).expect(200)).body.items;
    const first = drawn.instalments[0];
    // The prepayment covered the first instalments' principal; the first interest is due now.
    expect(first).toMatchObject({ no: 1, dueDate: '2026-12-20', interestPaid: '0.00' });
    expect(first.principalPaid).toBe(first.principal);

    const before = await footprint();
    const tooMuch = expectProblem(
      await repay({ amount: '1000000.00', currency: 'USD' }),
      422,
      'repayment-exceeds-outstanding',
    );
    expect(tooMuch).toMatchObject({
      currency: 'USD',
      interestDue: first.interest,
      principalOutstanding: '50000.00',
    });
    expect(await footprint()).toEqual(before);

    const res = await repay({ amount: tooMuch.payable, currency: 'USD' }).expect(201);
    expect(res.body).toMatchObject({
      interest: first.interest,
      principal: '50000.00',
      principalCarrying: '800000000.00',
      principalAtRate: '820000000.00',
      realisedFx: '20000000.00',
      principalOutstanding: '0.00',
    });
    const interestIdr = new Decimal(first.interest).times('16400').toFixed(2);
    expect(res.body.functionalInterest).toBe(interestIdr);
    expect(await postingsOf(res.body.entryId)).toMatchObject([
      line('1-1201', 'IDR', res.body.functionalReceived),
      line('1-14-0001', 'USD', '-50000.00', '-800000000.00', '16000'),
      line('1-1901-USD', 'USD', '50000.00', '800000000.00', '16000'),
      line('1-1901', 'IDR', '-800000000.00'),
      line('4-1104', 'IDR', `-${interestIdr}`),
      line('4-2103', 'IDR', '-20000000.00'),
    ]);
    expect(await balanceOf('2026-12-20', '1-14-0001')).toMatchObject({
      balance: '0.00',
      functionalBalance: '0.00',
    });
    expect((await cb.get(`facilities/${facilityId}`).expect(200)).body).toMatchObject({
      drawn: '60000.00',
      principalOutstanding: '0.00',
    });
    expect((await trialBalance('2026-12-20')).balanced).toBe(true);
  });
});
