import { addDays, businessDate, Decimal } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import { EndOfDayService } from '@lumbung/end-of-day';
import { InterestSuspension, LoanDayClose } from '@lumbung/loans';
import { ApiContext, type Person } from '../support/api-context';
import { createCooperative, fundVault } from '../support/cooperatives';
import { closeAllDays, ownerRows } from '../support/eod-fixture';
import { disbursedLoan, expectLoansReconciled, flatTerms, rollTo } from '../support/loan-fixture';
import { connectAs } from '../support/postgres';
import { noProvisionViolations, provisionViolations } from '../support/provision-invariants';
import { type Saver, SavingsFixture } from '../support/savings-fixture';

/** What a loan's accrual rows hold through a date, by kind. */
interface Accrued {
  readonly daily: string;
  readonly suspended: string;
  readonly closing: string;
}

/**
 * Non-accrual, write-off and recovery (issue 8, second landing; issue 7 item 3), driven day by
 * day through the end of day and over HTTP. Three Rp9,000,000 loans at 1% flat over 12 months
 * (Rp90,000 interest a month), disbursed on 20 November 2026, fall due on the 20th:
 * - A pays Rp50,000 of interest ahead on 10 December and nothing more until it is kurang lancar
 *   (91 days past due on 21 March 2027), then clears its arrears and performs again;
 * - B never pays, is downgraded to macet by a manager and written off, then recovers in part;
 * - C never pays, under a product that keeps no memorandum.
 */
describe('non-accrual of non-performing loans, write-off and recovery', () => {
  let api: ApiContext;
  let coop: string;
  let fx: SavingsFixture;
  let borrower: Saver;
  let requester: Person;
  const loans = { a: '', b: '', c: '' };

  const sql = <T>(text: string, params: unknown[] = []) => ownerRows<T>(api, text, params);
  const kurangLancar = businessDate('2027-03-21');

  async function closeThrough(date: string): Promise<void> {
    await rollTo(api, coop, addDays(businessDate(date), 1));
    await closeAllDays(api, coop);
  }

  async function expectReconciled(): Promise<void> {
    await expectLoansReconciled(api, coop);
    await connectAs(api.db.ownerUrl, async (owner) => {
      expect(await provisionViolations(owner, coop)).toEqual(noProvisionViolations);
    });
  }

  const view = async (loanId: string) => (await fx.get(`loans/${loanId}`).expect(200)).body;

  const accrued = async (loanId: string, through: string): Promise<Accrued> =>
    (
      await sql<Accrued>(
        `SELECT coalesce(sum(amount) FILTER (WHERE kind = 'daily'), 0)::text AS daily,
                coalesce(sum(amount) FILTER (WHERE kind = 'suspended'), 0)::text AS suspended,
                coalesce(sum(amount) FILTER (WHERE kind = 'closing'), 0)::text AS closing
           FROM loan_accrual WHERE loan_id = $1 AND accrual_date <= $2`,
        [loanId, through],
      )
    )[0];

  /** The balance of a chart leaf by code, debit positive. */
  const balance = async (code: string) =>
    (
      await sql<{ balance: string }>(
        `SELECT b.balance::text FROM ledger_balance b
           JOIN account a ON a.cooperative_id = b.cooperative_id AND a.id = b.account_id
          WHERE b.cooperative_id = $1 AND a.code = $2`,
        [coop, code],
      )
    )[0].balance;

  /** An entry's postings as `code amount`, by code. */
  const postingsOf = async (entryId: string) =>
    (
      await sql<{ code: string; amount: string }>(
        `SELECT a.code, p.amount::text FROM posting p
           JOIN account a ON a.cooperative_id = p.cooperative_id AND a.id = p.account_id
          WHERE p.cooperative_id = $1 AND p.entry_id = $2 ORDER BY a.code`,
        [coop, entryId],
      )
    )
      .map((p) => `${p.code} ${p.amount}`)
      .sort();

  const footprint = async () =>
    (
      await sql<Record<string, number>>(
        `SELECT (SELECT count(*)::int FROM journal_entry WHERE cooperative_id = $1) AS entries,
                (SELECT count(*)::int FROM posting WHERE cooperative_id = $1) AS postings,
                (SELECT count(*)::int FROM loan_accrual WHERE cooperative_id = $1) AS accruals,
                (SELECT count(*)::int FROM loan_interest_suspension WHERE cooperative_id = $1)
                  AS suspensions,
                (SELECT count(*)::int FROM loan_provision WHERE cooperative_id = $1) AS provisions,
                (SELECT count(*)::int FROM loan_write_off WHERE cooperative_id = $1) AS write_offs,
                (SELECT count(*)::int FROM loan_recovery WHERE cooperative_id = $1) AS recoveries`,
        [coop],
      )
    )[0];

  const pay = (loanId: string, amount: string) =>
    fx.post(`loans/${loanId}/repayments`, fx.teller, {
      amount,
      channel: 'savings',
      savingsAccountId: borrower.sukarela,
    });

  beforeAll(async () => {
    api = await ApiContext.start();
    coop = await createCooperative(api.app, 'KSP-NPL');
    await fundVault(api.app, coop, '100000000.00');
    fx = new SavingsFixture(api, coop);
    await fx.hireStaff();
    requester = await api.person([{ role: 'manager', cooperativeId: coop }]);
    await fx.standardProducts('pokok', 'sukarela');
    await fx.openTill(fx.teller, '60000000.00').expect(201);
    borrower = await fx.saver('Peminjam');
    await fx
      .post(`savings-accounts/${borrower.sukarela}/deposits`, fx.teller, {
        amount: '20000000.00',
        currency: 'IDR',
      })
      .expect(201);
    const product = async (code: string, terms: object) =>
      (
        await fx.fourEyes('loan-products', {
          code,
          name: `Pinjaman ${code}`,
          currency: 'IDR',
          terms,
        })
      ).id as string;
    const modal = await product('MODAL', flatTerms());
    const plain = await product('TANPA-MEMO', flatTerms({ memorandumOnNonPerforming: false }));
    const lend = async (productId: string) =>
      (
        await disbursedLoan(fx, {
          memberId: borrower.memberId,
          productId,
          amount: '9000000.00',
          instalments: 12,
          purpose: 'Modal warung',
          sector: 'trade',
        })
      ).id;
    loans.a = await lend(modal);
    loans.b = await lend(modal);
    loans.c = await lend(plain);
  });

  afterAll(() => api.close());

  it('keeps the product setting, on unless a product turns it off', async () => {
    const products = (await fx.get('loan-products').expect(200)).body;
    expect(
      products.map((p: { code: string; terms: { memorandumOnNonPerforming: boolean } }) => [
        p.code,
        p.terms.memorandumOnNonPerforming,
      ]),
    ).toEqual([
      ['MODAL', true],
      ['TANPA-MEMO', false],
    ]);
    await closeThrough('2026-12-09');
    // Ahead of its first due date: interest accrued in the running period (20 of 30 days).
    const ahead = (await pay(loans.a, '50000.00').expect(201)).body;
    expect(ahead.allocated).toMatchObject({ interest: '50000.00', principal: '0.00' });
    expect((await view(loans.a)).accrual).toMatchObject({
      status: 'accruing',
      since: '2026-11-20',
      receivable: '10000.00',
      suspendedInterest: '0.00',
    });
    await expectReconciled();
  });

  it('suspends the accrual of loans aged into kurang lancar: unpaid interest leaves income for memorandum, exactly', async () => {
    await closeThrough(addDays(kurangLancar, -1));
    expect(
      await sql(`SELECT 1 FROM loan_interest_suspension WHERE cooperative_id = $1`, [coop]),
    ).toEqual([]);
    const incomeBefore = await balance('4-1101');
    await closeThrough(kurangLancar);
    const events = await sql<Record<string, unknown>>(
      `SELECT l.loan_number, s.event_date::text, s.action, s.grade, s.memorandum,
              s.reversed::text, s.entry_id IS NOT NULL AS posted
         FROM loan_interest_suspension s JOIN loan l ON l.id = s.loan_id
        WHERE s.cooperative_id = $1 ORDER BY l.loan_number`,
      [coop],
    );
    expect(events).toEqual([
      expect.objectContaining({
        event_date: '2027-03-21',
        action: 'suspend',
        grade: 'kurang-lancar',
        memorandum: true,
        reversed: '312903.23',
        posted: true,
      }),
      expect.objectContaining({
        event_date: '2027-03-21',
        action: 'suspend',
        memorandum: true,
        reversed: '362903.23',
        posted: true,
      }),
      expect.objectContaining({
        event_date: '2027-03-21',
        action: 'suspend',
        memorandum: false,
        reversed: '0.00',
        posted: false,
      }),
    ]);
    // Four whole periods and one day of the fifth (31 days): 360,000 + R(90,000 / 31).
    expect(await accrued(loans.a, kurangLancar)).toEqual({
      daily: '362903.23',
      suspended: '0',
      closing: '0',
    });
    // What accrued up to the suspension is what was paid (50,000) and what was moved (312,903.23).
    const [entry] = await sql<{ id: string; value_date: string }>(
      `SELECT id, value_date::text FROM journal_entry
        WHERE cooperative_id = $1 AND source_type = 'loans.interest-suspension'`,
      [coop],
    );
    expect(entry.value_date).toBe('2027-03-21');
    expect(await postingsOf(entry.id)).toEqual([
      '1-15-MODAL -675806.46',
      '4-1101 675806.46',
      '9-1101 675806.46',
      '9-9101 -675806.46',
    ]);
    // The day's accrual of all three (3 x 2,903.23) went to income, A and B's unpaid accrual
    // came back out (credit balances read negative).
    expect(new Decimal(await balance('4-1101')).minus(incomeBefore).toFixed(2)).toBe('667096.77');
    expect((await view(loans.a)).accrual).toMatchObject({
      status: 'suspended',
      since: '2027-03-21',
      memorandum: true,
      receivable: '0.00',
      suspendedInterest: '312903.23',
    });
    expect((await view(loans.c)).accrual).toMatchObject({
      status: 'suspended',
      memorandum: false,
      receivable: '362903.23',
      suspendedInterest: '0.00',
    });
    await expectReconciled();

    // Restructuring does not yet know interest held in memorandum: refused, nothing written.
    const refused = await fx
      .post(
        `loans/${loans.a}/restructuring`,
        requester,
        { instalments: 18, rate: '0.008', method: 'declining', reason: 'Gagal panen' },
        null,
      )
      .expect(422);
    expect(refused.body.type).toBe('urn:lumbung:problem:loan-interest-suspended');
    expect(
      await sql(`SELECT 1 FROM approval_request WHERE cooperative_id = $1 AND type = $2`, [
        coop,
        'loans.restructuring',
      ]),
    ).toEqual([]);
  }, 900_000);

  it('accrues suspended days off income: in memorandum, or off the books without it', async () => {
    const incomeBefore = await balance('4-1101');
    await closeThrough('2027-03-24');
    expect(await balance('4-1101')).toBe(incomeBefore);
    for (const loanId of [loans.a, loans.b, loans.c]) {
      // Days 2 to 4 of the fifth period: R(90,000 x 4/31) - R(90,000 / 31).
      expect(await accrued(loanId, '2027-03-24')).toMatchObject({
        daily: '362903.23',
        suspended: '8709.67',
      });
    }
    const memorandumDays = await sql<{ loan_id: string; posted: boolean }>(
      `SELECT DISTINCT loan_id, entry_id IS NOT NULL AS posted FROM loan_accrual
        WHERE cooperative_id = $1 AND kind = 'suspended'`,
      [coop],
    );
    expect(new Map(memorandumDays.map((d) => [d.loan_id, d.posted]))).toEqual(
      new Map([
        [loans.a, true],
        [loans.b, true],
        [loans.c, false],
      ]),
    );
    expect(await balance('9-1101')).toBe('693225.80');
    await expectReconciled();
  }, 900_000);

  it('takes interest received while suspended as income when received, from memorandum', async () => {
    // Business date 25 March: instalments 1 to 4 are due, 3,310,000 with the 50,000 paid ahead.
    const cleared = (await pay(loans.a, '3310000.00').expect(201)).body;
    expect(cleared.allocated).toMatchObject({ interest: '310000.00', principal: '3000000.00' });
    const [receipt] = await sql<Record<string, string>>(
      `SELECT memorandum::text, receivable::text, cash::text, memorandum_closed::text
         FROM loan_interest_receipt WHERE repayment_id = $1`,
      [cleared.repaymentId],
    );
    expect(receipt).toEqual({
      memorandum: '310000.00',
      receivable: '0.00',
      cash: '0.00',
      memorandum_closed: '0.00',
    });
    const postings = await postingsOf(cleared.entryId);
    expect(postings).toEqual(
      expect.arrayContaining(['4-1101 -310000.00', '9-1101 -310000.00', '9-9101 310000.00']),
    );
    expect(postings.some((p) => p.startsWith('1-15-MODAL'))).toBe(false);
    // Five suspended days (R(90,000 x 5/31) - R(90,000 / 31)) are still in memorandum.
    expect((await view(loans.a)).accrual).toMatchObject({
      status: 'suspended',
      receivable: '0.00',
      suspendedInterest: '14516.13',
    });
    await expectReconciled();
  });

  it('resumes accruing into income once the loan performs again; memorandum stays until received', async () => {
    await closeThrough('2027-03-25');
    expect((await view(loans.a)).accrual).toMatchObject({
      status: 'accruing',
      since: '2027-03-25',
      receivable: '0.00',
      suspendedInterest: '14516.13',
    });
    await expectReconciled();
  }, 900_000);

  it('refuses to write off a loan not booked macet, and an unknown one, writing nothing', async () => {
    const before = await footprint();
    const ask = (loanId: string) =>
      fx.post(`loans/${loanId}/write-off`, requester, { reason: 'Tidak tertagih' }, null);
    const refused = (await ask(loans.a).expect(422)).body;
    expect(refused).toMatchObject({
      type: 'urn:lumbung:problem:write-off-not-macet',
      grade: 'lancar',
    });
    expect((await ask(loans.b).expect(422)).body.grade).toBe('kurang-lancar');
    expect((await ask('0195e5b0-0000-7000-8000-000000000000').expect(404)).body.type).toBe(
      'urn:lumbung:problem:not-found',
    );
    await fx.post(`loans/${loans.b}/write-off`, requester, {}, null).expect(400);
    await fx.post(`loans/${loans.b}/write-off`, fx.teller, { reason: 'x' }, null).expect(403);
    expect(await footprint()).toEqual(before);
    expect(
      await sql(
        `SELECT 1 FROM approval_request WHERE cooperative_id = $1 AND type = 'loans.write-off'`,
        [coop],
      ),
    ).toEqual([]);
  });

  it('writes off a macet loan once two managers other than the one asking approve: principal against the allowance, the accrual closed', async () => {
    // Business date 26 March: a manager grades B macet; the end of day books 100%.
    await fx
      .post(
        `loans/${loans.b}/grade-downgrades`,
        fx.managers[0],
        { grade: 'macet', reason: 'Usaha tutup, peminjam tidak dapat dihubungi' },
        null,
      )
      .expect(201);
    await closeThrough('2027-03-26');
    // A accrues on balance again from 26 March.
    expect(await accrued(loans.a, '2027-03-26')).toMatchObject({
      daily: '365806.45',
      suspended: '11612.90',
    });
    const asked = await fx
      .post(`loans/${loans.b}/write-off`, requester, { reason: 'Macet, tidak tertagih' }, null)
      .expect(202);
    expect(asked.body).toMatchObject({
      type: 'loans.write-off',
      status: 'pending',
      amount: { amount: '9000000.00', currency: 'IDR' },
      rule: { requiredApprovals: 2 },
    });
    const before = await footprint();
    expect((await fx.approve(asked.body.id, requester).expect(403)).body.type).toBe(
      'urn:lumbung:problem:self-approval',
    );
    const first = (await fx.approve(asked.body.id, fx.managers[0]).expect(200)).body;
    expect(first.status).toBe('pending');
    expect(await footprint()).toEqual(before);
    expect((await view(loans.b)).status).toBe('active');

    const done = (await fx.approve(asked.body.id, fx.managers[1]).expect(200)).body;
    expect(done.status).toBe('executed');
    // Its interest accrued through 27 March (the fifth period's first day on balance, then six
    // suspended days), all of it in memorandum: moved to the written-off claim.
    expect(done.result).toMatchObject({
      status: 'written-off',
      writtenOffOn: '2027-03-27',
      principal: '9000000.00',
      allowanceUsed: '9000000.00',
      expense: '0.00',
      interestReversed: '0.00',
      memorandumClosed: '380322.58',
      interestClaim: '380322.58',
      penaltyReversed: '0.00',
      writtenOff: '9380322.58',
    });
    const leaf = `1-13-${(await view(loans.b)).loanNumber}`;
    expect(await postingsOf(done.result.entryId)).toEqual(
      [
        `${leaf} -9000000.00`,
        '1-17-MODAL 9000000.00',
        '9-1101 -380322.58',
        '9-1102 9380322.58',
        '9-9101 -9000000.00',
      ].sort(),
    );
    // The accrual closed exactly: every day accrued is in the claim, nothing after.
    expect(await accrued(loans.b, '2099-12-31')).toEqual({
      daily: '362903.23',
      suspended: '17419.35',
      closing: '0',
    });
    const b = await view(loans.b);
    expect(b.status).toBe('written-off');
    expect(b.accrual).toMatchObject({
      status: 'written-off',
      since: '2027-03-27',
      receivable: '0.00',
      suspendedInterest: '0.00',
      writeOff: { writtenOff: '9380322.58', recovered: '0.00', recoverable: '9380322.58' },
    });
    expect(b.collectibility.booked).toMatchObject({
      asOf: '2027-03-27',
      closed: true,
      required: '0.00',
    });
    // Once: a late approval finds the request decided.
    expect((await fx.approve(asked.body.id, requester).expect(409)).body.type).toBe(
      'urn:lumbung:problem:approval-not-pending',
    );
    await pay(loans.b, '100000.00').expect(422);
    await expectReconciled();

    await closeThrough('2027-03-28');
    expect(await accrued(loans.b, '2099-12-31')).toMatchObject({ suspended: '17419.35' });
    await expectReconciled();
  }, 900_000);

  it('receives recoveries after the write-off: income when received, never above what was written off', async () => {
    const recover = (loanId: string, amount: string, key?: string) =>
      fx.post(`loans/${loanId}/recoveries`, fx.teller, { amount, channel: 'cash' }, key);
    const key = '0195e5b0-1111-7000-8000-000000000001';
    const first = (await recover(loans.b, '1000000.00', key).expect(201)).body;
    expect(first).toMatchObject({
      amount: '1000000.00',
      recovered: '1000000.00',
      recoverable: '8380322.58',
    });
    expect(first.receiptNumber).not.toBeNull();
    const postings = await postingsOf(first.entryId);
    expect(postings).toEqual(
      expect.arrayContaining(['4-2102 -1000000.00', '9-1102 -1000000.00', '9-9101 1000000.00']),
    );
    const replay = (await recover(loans.b, '1000000.00', key).expect(201)).body;
    expect(replay).toEqual(first);

    const before = await footprint();
    const above = (await recover(loans.b, '8380322.59').expect(422)).body;
    expect(above).toMatchObject({
      type: 'urn:lumbung:problem:recovery-above-written-off',
      recoverable: '8380322.58',
    });
    expect((await recover(loans.a, '1000.00').expect(422)).body.type).toBe(
      'urn:lumbung:problem:loan-not-written-off',
    );
    await recover('0195e5b0-0000-7000-8000-000000000000', '1000.00').expect(404);
    await recover(loans.b, '0.00').expect(400);
    await recover(loans.b, '-5.00').expect(400);
    await fx
      .post(`loans/${loans.b}/recoveries`, fx.managers[0], { amount: '1.00', channel: 'cash' })
      .expect(403);
    expect(await footprint()).toEqual(before);
    expect((await view(loans.b)).accrual.writeOff).toMatchObject({
      recovered: '1000000.00',
      recoverable: '8380322.58',
      recoveries: [expect.objectContaining({ amount: '1000000.00', channel: 'cash' })],
    });
    expect(await balance('9-1102')).toBe('8380322.58');
    await expectReconciled();
  });

  it('settles the receivable after memorandum once accruing again, closing the period exactly', async () => {
    await closeThrough('2027-04-19');
    // 20 April: instalment 5 falls due; its interest is 14,516.13 suspended and the rest accrued.
    const paid = (await pay(loans.a, '840000.00').expect(201)).body;
    const [receipt] = await sql<Record<string, string>>(
      `SELECT memorandum::text, receivable::text, cash::text FROM loan_interest_receipt
        WHERE repayment_id = $1`,
      [paid.repaymentId],
    );
    expect(receipt).toEqual({ memorandum: '14516.13', receivable: '75483.87', cash: '0.00' });
    // The fifth period's days: one on balance (then suspended), four in memorandum, the rest on
    // balance again: together its 90,000.
    const [period] = await sql<{ total: string }>(
      `SELECT sum(amount)::text AS total FROM loan_accrual
        WHERE loan_id = $1 AND accrual_date > '2027-03-20' AND accrual_date <= '2027-04-20'`,
      [loans.a],
    );
    expect(period.total).toBe('90000.00');
    expect((await view(loans.a)).accrual).toMatchObject({
      status: 'accruing',
      receivable: '0.00',
      suspendedInterest: '0.00',
    });
    await expectReconciled();
  }, 900_000);

  it('pays off a suspended loan: the receivable it kept is settled and its suspended days are income when received', async () => {
    // C's product keeps no memorandum: its receivable stayed at 362,903.23 on suspension, and
    // the days since accrued off the books.
    expect((await view(loans.c)).accrual).toMatchObject({
      status: 'suspended',
      receivable: '362903.23',
      suspendedInterest: '0.00',
    });
    const quote = (await fx.get(`loans/${loans.c}/payoff-quote`).expect(200)).body;
    const paidOff = (
      await fx
        .post(`loans/${loans.c}/payoff`, fx.teller, {
          channel: 'savings',
          savingsAccountId: borrower.sukarela,
        })
        .expect(201)
    ).body;
    expect(paidOff.allocated.interest).toBe(quote.interest);
    const [receipt] = await sql<Record<string, string>>(
      `SELECT memorandum::text, receivable::text, cash::text, memorandum_closed::text
         FROM loan_interest_receipt WHERE repayment_id = $1`,
      [paidOff.repaymentId],
    );
    expect(receipt).toEqual({
      memorandum: '0.00',
      receivable: '362903.23',
      cash: new Decimal(quote.interest).minus('362903.23').toFixed(2),
      memorandum_closed: '0.00',
    });
    expect((await view(loans.c)).accrual).toMatchObject({
      status: 'closed',
      since: '2027-04-20',
      receivable: '0.00',
      suspendedInterest: '0.00',
    });
    await expectReconciled();
    await closeThrough('2027-04-20');
    expect((await view(loans.c)).collectibility.booked).toMatchObject({ closed: true });
    await expectReconciled();
  }, 900_000);

  it('changes nothing when the same dates run again', async () => {
    const before = await footprint();
    const eod = api.app.get(EndOfDayService);
    for (const date of ['2027-03-21', '2027-03-25', '2027-03-27']) {
      const chunks = await sql<{ chunk_no: number }>(
        `SELECT chunk_no FROM eod_chunk WHERE cooperative_id = $1 AND business_date = $2`,
        [coop, date],
      );
      for (const { chunk_no } of chunks) {
        expect(await eod.runChunk(coop, date, chunk_no)).toEqual({ runComplete: true });
      }
    }
    const ids = Object.values(loans).sort();
    const range = { fromId: ids[0], toId: ids[ids.length - 1] };
    await api.app.get(TransactionScope).run(async (tx) => {
      for (const date of ['2027-03-21', '2027-03-25', '2027-03-26']) {
        const day = businessDate(date);
        expect(await api.app.get(LoanDayClose).close(tx, coop, day, range)).toBeDefined();
        expect(await api.app.get(InterestSuspension).closeRange(tx, coop, day, range)).toEqual({
          suspended: 0,
          resumed: 0,
        });
      }
    });
    expect(await footprint()).toEqual(before);
    await expectReconciled();
  });
});
