import { addDays, businessDate, Money, uuidv7 } from '@lumbung/core';
import { ApiContext, type Person } from '../support/api-context';
import { createCooperative, fundVault } from '../support/cooperatives';
import { accrualDays, closeAllDays, ownerRows } from '../support/eod-fixture';
import { disbursedLoan, expectLoansReconciled, flatTerms, rollTo } from '../support/loan-fixture';
import { connectAs } from '../support/postgres';
import { noProvisionViolations, provisionViolations } from '../support/provision-invariants';
import { type Saver, SavingsFixture } from '../support/savings-fixture';

interface Lender {
  readonly coop: string;
  readonly fx: SavingsFixture;
  readonly borrower: Saver;
  readonly productId: string;
  /** A third manager: asks, so that the fixture's two managers can approve. */
  readonly requester: Person;
}

interface InstalmentRow {
  readonly no: number;
  readonly periodStart: string;
  readonly dueDate: string;
  readonly principal: string;
  readonly interest: string;
  readonly balanceAfter: string;
}

const sumOf = (values: readonly string[]) =>
  values.reduce((total, v) => total.plus(Money.of(v, 'IDR')), Money.zero('IDR')).toString();

/**
 * Restructuring (issue 8): a manager asks for a new schedule of what remains of a running loan,
 * two other managers approve, and the second approval closes the old schedule's accrual on that
 * day and starts the new one from it; the history stays readable, the trial balance zero and the
 * loan leaves reconciled throughout.
 */
describe('loan restructuring', () => {
  let api: ApiContext;
  let l: Lender;
  let loan: string;
  let paidOff: string;
  let firstRepayment: string;

  const sql = <T>(text: string, params: unknown[] = []) => ownerRows<T>(api, text, params);

  beforeAll(async () => {
    api = await ApiContext.start();
    const coop = await createCooperative(api.app, 'KSP-RESTRUK');
    await fundVault(api.app, coop, '100000000.00');
    const fx = new SavingsFixture(api, coop);
    await fx.hireStaff();
    await fx.standardProducts('pokok', 'sukarela');
    await fx.openTill(fx.teller, '60000000.00').expect(201);
    const borrower = await fx.saver('Peminjam');
    await fx
      .post(`savings-accounts/${borrower.sukarela}/deposits`, fx.teller, {
        amount: '20000000.00',
        currency: 'IDR',
      })
      .expect(201);
    const product = await fx.fourEyes('loan-products', {
      code: 'MODAL',
      name: 'Pinjaman Modal',
      currency: 'IDR',
      terms: flatTerms(),
    });
    const requester = await api.person([{ role: 'manager', cooperativeId: coop }]);
    l = { coop, fx, borrower, productId: product.id, requester };
    // Rp9,000,000 over 12 months at 1% flat from 20 November 2026: Rp840,000 a month.
    loan = (
      await disbursedLoan(fx, {
        memberId: borrower.memberId,
        productId: product.id,
        amount: '9000000.00',
        instalments: 12,
        purpose: 'Modal warung',
        sector: 'trade',
      })
    ).id;
    paidOff = (
      await disbursedLoan(fx, {
        memberId: borrower.memberId,
        productId: product.id,
        amount: '3000000.00',
        instalments: 6,
        purpose: 'Modal warung',
        sector: 'trade',
      })
    ).id;
  });

  afterAll(() => api.close());

  async function closeThrough(date: string): Promise<void> {
    await rollTo(api, l.coop, addDays(businessDate(date), 1));
    await closeAllDays(api, l.coop);
  }

  const pay = async (loanId: string, amount: string) =>
    (
      await l.fx
        .post(`loans/${loanId}/repayments`, l.fx.teller, {
          amount,
          channel: 'savings',
          savingsAccountId: l.borrower.sukarela,
        })
        .expect(201)
    ).body;

  const ask = (loanId: string, body: object, who: Person = l.requester) =>
    l.fx.post(`loans/${loanId}/restructuring`, who, body, null);

  const scheduleVersion = async (version: number) =>
    (await l.fx.get(`loans/${loan}/schedule-versions/${version}`).expect(200)).body as {
      version: number;
      inForce: boolean;
      instalments: InstalmentRow[];
    };

  /** The loan's accrual rows: their sum through a date, and per kind. */
  const accrued = async (through: string) =>
    (
      await sql<{ total: string }>(
        `SELECT coalesce(sum(amount), 0)::text AS total FROM loan_accrual
          WHERE loan_id = $1 AND accrual_date <= $2`,
        [loan, through],
      )
    )[0].total;

  const dailyBetween = (from: string, to: string) =>
    sql<{ accrual_date: string; amount: string }>(
      `SELECT accrual_date::text, amount::text FROM loan_accrual
        WHERE loan_id = $1 AND kind = 'daily' AND accrual_date BETWEEN $2 AND $3
        ORDER BY accrual_date`,
      [loan, from, to],
    );

  /** What a bad request must leave untouched. */
  const footprint = async () =>
    (
      await sql<{ requests: number; restructurings: number; entries: number; versions: number }>(
        `SELECT (SELECT count(*)::int FROM approval_request WHERE cooperative_id = $1) AS requests,
                (SELECT count(*)::int FROM loan_restructuring WHERE cooperative_id = $1)
                  AS restructurings,
                (SELECT count(*)::int FROM journal_entry WHERE cooperative_id = $1) AS entries,
                (SELECT count(DISTINCT (loan_id, schedule_version))::int FROM loan_instalment
                  WHERE cooperative_id = $1) AS versions`,
        [l.coop],
      )
    )[0];

  it('refuses bad requests with problem+json, writing nothing', async () => {
    await closeThrough('2026-12-19');
    firstRepayment = (await pay(loan, '840000.00')).repaymentId;
    const quote = (await l.fx.get(`loans/${paidOff}/payoff-quote`).expect(200)).body;
    await l.fx
      .post(`loans/${paidOff}/payoff`, l.fx.teller, {
        channel: 'savings',
        savingsAccountId: l.borrower.sukarela,
        amount: quote.total,
      })
      .expect(201);
    const before = await footprint();
    const valid = { instalments: 18, rate: '0.008', method: 'declining', reason: 'Gagal panen' };
    const problem = async (
      res: ReturnType<typeof ask>,
      status: number,
    ): Promise<{ type: string; errors?: { field: string }[] }> => {
      const answer = await res.expect(status);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      return answer.body;
    };
    expect((await problem(ask(uuidv7(), valid), 404)).type).toBe('urn:lumbung:problem:not-found');
    expect((await problem(ask('not-a-loan', valid), 404)).type).toBe(
      'urn:lumbung:problem:not-found',
    );
    const fields = async (body: object) =>
      ((await problem(ask(loan, body), 400)).errors ?? []).map((e) => e.field);
    expect(await fields({ ...valid, rate: '-0.01' })).toEqual(['rate']);
    expect(await fields({ ...valid, rate: '0.02' })).toEqual(['rate']);
    expect(await fields({ ...valid, instalments: 0 })).toEqual(['instalments']);
    expect(await fields({ ...valid, method: 'balloon' })).toEqual(['method']);
    expect(await fields({ ...valid, graceInstalments: 18 })).toEqual(['graceInstalments']);
    expect(await fields({ ...valid, reason: '   ' })).toEqual(['reason']);
    expect(await fields({ instalments: 18 })).toEqual(['reason']);
    expect(await fields({ ...valid, instalments: '18' })).toEqual(['instalments']);
    expect((await problem(ask(paidOff, valid), 422)).type).toBe(
      'urn:lumbung:problem:loan-not-active',
    );
    await ask(loan, valid, l.fx.teller).expect(403);
    expect(await footprint()).toEqual(before);
    await expectLoansReconciled(api, l.coop);
  });

  it('needs two managers other than the one who asked: one approval releases nothing, the second does, once', async () => {
    // December paid, January missed; on 5 February the third period has run 16 of its 31 days.
    await closeThrough('2027-02-04');
    const [first, second] = l.fx.managers;
    const asked = await ask(loan, {
      instalments: 18,
      rate: '0.008',
      method: 'declining',
      reason: 'Gagal panen: angsuran diperpanjang',
    }).expect(202);
    expect(asked.body).toMatchObject({
      type: 'loans.restructuring',
      status: 'pending',
      amount: { amount: '8250000.00', currency: 'IDR' },
    });
    expect(asked.body.summary).toContain('8250000.00 IDR outstanding over 18 declining');
    const requestId = asked.body.id as string;
    expect((await l.fx.approve(requestId, l.requester).expect(403)).body.type).toBe(
      'urn:lumbung:problem:self-approval',
    );
    const once = (await l.fx.approve(requestId, first).expect(200)).body;
    expect(once.status).toBe('pending');
    expect((await l.fx.get(`loans/${loan}/restructurings`).expect(200)).body).toEqual({
      loanId: loan,
      restructurings: [],
      scheduleVersions: [1],
    });
    expect((await l.fx.get(`loans/${loan}`).expect(200)).body.scheduleVersion).toBe(1);
    await l.fx.approve(requestId, first).expect(409);

    const done = (await l.fx.approve(requestId, second).expect(200)).body;
    expect(done.status).toBe('executed');
    expect(done.result.restructuring).toMatchObject({
      loanId: loan,
      restructuredOn: '2027-02-05',
      approvalRequestId: requestId,
      requestedBy: l.requester.userId,
      fromVersion: 1,
      toVersion: 2,
      keptInstalments: 3,
      outstandingPrincipal: '8250000.00',
      // January's 90,000 and 16/31 of February's: R(90,000 x 16 / 31) = 46,451.61.
      unpaidInterest: '136451.61',
      capitalisedInterest: '0.00',
      newPrincipal: '8250000.00',
      closingAdjustment: '0.00',
      entryId: null,
      termsBefore: { method: 'flat', rate: '0.01', ratePer: 'month', instalments: 12 },
      termsAfter: { method: 'declining', rate: '0.008', ratePer: 'month', instalments: 18 },
      gradeBefore: 'lancar',
      daysPastDueBefore: 16,
    });
    await l.fx.approve(requestId, second).expect(409);
    await l.fx.approve(requestId, l.requester).expect(409);
    expect((await sql(`SELECT 1 FROM loan_restructuring WHERE loan_id = $1`, [loan])).length).toBe(
      1,
    );
    await expectLoansReconciled(api, l.coop);
  });

  it('keeps the old schedule through the day and lends the remaining principal again from it', async () => {
    const old = await scheduleVersion(1);
    expect(old).toMatchObject({ version: 1, inForce: false });
    expect(old.instalments).toHaveLength(12);
    const now = await scheduleVersion(2);
    expect(now.inForce).toBe(true);
    expect(now.instalments).toHaveLength(21);
    expect(now.instalments.slice(0, 4)).toEqual([
      {
        no: 1,
        periodStart: '2026-11-20',
        dueDate: '2026-12-20',
        principal: '750000.00',
        interest: '90000.00',
        total: '840000.00',
        balanceAfter: '8250000.00',
      },
      {
        no: 2,
        periodStart: '2026-12-20',
        dueDate: '2027-01-20',
        principal: '0.00',
        interest: '90000.00',
        total: '90000.00',
        balanceAfter: '8250000.00',
      },
      {
        no: 3,
        periodStart: '2027-01-20',
        dueDate: '2027-02-05',
        principal: '0.00',
        interest: '46451.61',
        total: '46451.61',
        balanceAfter: '8250000.00',
      },
      {
        // Equal principal of 8,250,000 / 18 to Rp100, interest 0.8% on the balance.
        no: 4,
        periodStart: '2027-02-05',
        dueDate: '2027-03-05',
        principal: '458300.00',
        interest: '66000.00',
        total: '524300.00',
        balanceAfter: '7791700.00',
      },
    ]);
    const fresh = now.instalments.slice(3);
    expect(sumOf(fresh.map((i) => i.principal))).toBe('8250000.00');
    expect(fresh[17]).toMatchObject({ no: 21, principal: '458900.00', balanceAfter: '0.00' });

    const view = (await l.fx.get(`loans/${loan}`).expect(200)).body;
    expect(view).toMatchObject({
      rate: '0.008',
      instalments: 18,
      principal: '9000000.00',
      scheduleVersion: 2,
      terms: { method: 'declining', ratePer: 'month' },
      position: {
        outstandingPrincipal: '8250000.00',
        unpaid: [
          { no: 2, dueDate: '2027-01-20', interest: '90000.00', principal: '0.00' },
          { no: 3, dueDate: '2027-02-05', interest: '46451.61', principal: '0.00' },
          ...fresh.map((i) => ({ no: i.no, principal: i.principal, interest: i.interest })),
        ],
      },
    });
    expect(view.restructurings).toHaveLength(1);
    expect(view.schedule.instalments).toHaveLength(21);
  });

  it('closes the accrual exactly on the day and accrues on the new schedule after it', async () => {
    // Accrued through 5 February: what the kept instalments charge, no more, no less.
    expect(await accrued('2027-02-05')).toBe('226451.61');
    expect(
      (
        await sql<{ accrued_through: string }>(
          `SELECT accrued_through::text FROM loan_accrual_position WHERE loan_id = $1`,
          [loan],
        )
      )[0].accrued_through,
    ).toBe('2027-02-05');
    // The member pays the interest owed on the day.
    const paid = await pay(loan, '136451.61');
    expect(paid.allocated).toMatchObject({ interest: '136451.61', principal: '0.00' });
    await closeThrough('2027-03-05');
    expect((await accrualDays(api, loan)).every((d) => d.n === 1)).toBe(true);
    const days = await dailyBetween('2027-02-05', '2027-03-05');
    // 5 February accrued once, by the restructuring; then 28 days of 66,000 in closed form.
    expect(days[0]).toEqual({ accrual_date: '2027-02-05', amount: '2903.22' });
    expect(days[1]).toEqual({ accrual_date: '2027-02-06', amount: '2357.14' });
    expect(days).toHaveLength(29);
    expect(sumOf(days.slice(1).map((d) => d.amount))).toBe('66000.00');
    expect(await accrued('2027-03-05')).toBe('292451.61');
    await expectLoansReconciled(api, l.coop);
  });

  it('capitalises the unpaid interest into the principal when asked, and keeps the history', async () => {
    // The instalment of 5 March is missed; on 10 March the next period has run 5 of 31 days.
    await closeThrough('2027-03-09');
    const [first, second] = l.fx.managers;
    const asked = await ask(
      loan,
      { instalments: 12, method: 'annuity', capitaliseInterest: true, reason: 'Kapitalisasi' },
      first,
    ).expect(202);
    await l.fx.approve(asked.body.id, l.requester).expect(200);
    const done = (await l.fx.approve(asked.body.id, second).expect(200)).body;
    // 66,000 due on 5 March and R(62,333.60 x 5 / 31) = 10,053.81 of the running period.
    expect(done.result.restructuring).toMatchObject({
      restructuredOn: '2027-03-10',
      fromVersion: 2,
      toVersion: 3,
      keptInstalments: 5,
      outstandingPrincipal: '8250000.00',
      unpaidInterest: '76053.81',
      capitalisedInterest: '76053.81',
      newPrincipal: '8326053.81',
      closingAdjustment: '0.00',
      termsBefore: { method: 'declining', rate: '0.008', instalments: 18 },
      termsAfter: { method: 'annuity', rate: '0.008', instalments: 12 },
      daysPastDueBefore: 5,
    });
    const entryId = done.result.restructuring.entryId as string;
    const postings = await sql<{ code: string; amount: string }>(
      `SELECT a.code, p.amount::text FROM posting p
         JOIN account a ON a.cooperative_id = p.cooperative_id AND a.id = p.account_id
        WHERE p.entry_id = $1 ORDER BY p.amount DESC`,
      [entryId],
    );
    expect(postings.map((p) => p.amount)).toEqual(['76053.81', '-76053.81']);
    expect(postings[0].code).toMatch(/^1-13-/);
    expect(
      await sql(
        `SELECT kind, amount::text FROM loan_accrual WHERE loan_id = $1 AND kind <> 'daily'`,
        [loan],
      ),
    ).toEqual([{ kind: 'restructuring', amount: '-76053.81' }]);
    const now = await scheduleVersion(3);
    expect(
      now.instalments.slice(3, 5).map((i) => [i.no, i.dueDate, i.principal, i.interest]),
    ).toEqual([
      [4, '2027-03-05', '0.00', '0.00'],
      [5, '2027-03-10', '0.00', '0.00'],
    ]);
    expect(sumOf(now.instalments.slice(5).map((i) => i.principal))).toBe('8326053.81');
    const view = (await l.fx.get(`loans/${loan}`).expect(200)).body;
    expect(view).toMatchObject({
      principal: '9076053.81',
      position: { outstandingPrincipal: '8326053.81' },
      terms: { method: 'annuity' },
    });
    expect(view.position.unpaid.map((d: { no: number }) => d.no)[0]).toBe(6);
    const history = (await l.fx.get(`loans/${loan}/restructurings`).expect(200)).body;
    expect(history.restructurings.map((r: { toVersion: number }) => r.toVersion)).toEqual([2, 3]);
    expect(history.scheduleVersions).toEqual([1, 2, 3]);
    await expectLoansReconciled(api, l.coop);

    // A second restructuring the same day is refused, and changes nothing.
    const again = await ask(loan, { instalments: 10, reason: 'lagi' }, first).expect(202);
    await l.fx.approve(again.body.id, l.requester).expect(200);
    expect((await l.fx.approve(again.body.id, second).expect(422)).body.type).toBe(
      'urn:lumbung:problem:restructured-today',
    );

    // The new period accrues the annuity's first interest and nothing else.
    await closeThrough('2027-04-10');
    const first6 = now.instalments[5];
    const days = await dailyBetween('2027-03-11', '2027-04-10');
    expect(sumOf(days.map((d) => d.amount))).toBe(first6.interest);
    await expectLoansReconciled(api, l.coop);
  });

  it('shows the restructurings on the loan statement', async () => {
    const json = (await l.fx.get(`loans/${loan}/statement?lang=en`).expect(200)).body;
    expect(
      json.restructurings.map((r: Record<string, unknown>) => [
        r.date,
        r.capitalisedInterest,
        r.newPrincipal,
      ]),
    ).toEqual([
      ['2027-02-05', '0.00', '8250000.00'],
      ['2027-03-10', '76053.81', '8326053.81'],
    ]);
    expect(json.restructurings[0]).toMatchObject({
      before: { method: 'flat', rate: '0.01', instalments: 12 },
      after: { method: 'declining', rate: '0.008', instalments: 18 },
      reason: 'Gagal panen: angsuran diperpanjang',
    });
    const capitalised = json.principalLedger.lines.find(
      (line: { description: string }) =>
        line.description === 'Interest capitalised at restructuring',
    );
    expect(capitalised).toMatchObject({ valueDate: '2027-03-10', debit: '76053.81' });
    const csv = (await l.fx.get(`loans/${loan}/statement?format=csv&lang=en`).expect(200)).text;
    const tables = csv.split('\r\n\r\n');
    expect(tables).toHaveLength(3);
    expect(tables[2].split('\r\n').map((record) => record.split(',').slice(1, 3))).toEqual([
      ['Restructured On', 'Principal Outstanding'],
      ['2027-02-05', '8250000.00'],
      ['2027-03-10', '8250000.00'],
      [],
    ]);
    const pdf = await l.fx.get(`loans/${loan}/statement?format=pdf`).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });

  it('no longer reverses a repayment taken before a restructuring', async () => {
    const res = await l.fx
      .post(
        `loans/${loan}/repayments/${firstRepayment}/reversal`,
        l.fx.teller,
        { reason: 'Salah input' },
        null,
      )
      .expect(422);
    expect(res.body.type).toBe('urn:lumbung:problem:repayment-before-restructuring');
    await l.fx.get(`loans/${loan}/schedule-versions/9`).expect(404);
    await l.fx.get(`loans/${loan}/schedule-versions/x`).expect(400);
    await l.fx.get(`loans/${loan}/restructurings`, await l.fx.hireAuditor()).expect(200);
  });

  describe('the grade a restructuring holds (bank preset)', () => {
    let bank: Lender;
    let held: string;

    const lines = async (loanId: string) =>
      (
        await sql<{
          as_of: string;
          days_past_due: number;
          computed_grade: string;
          restructured_grade: string | null;
          grade: string;
          required: string;
        }>(
          `SELECT as_of::text, days_past_due, computed_grade, restructured_grade, grade,
                  required::text
             FROM loan_provision WHERE loan_id = $1 ORDER BY as_of`,
          [loanId],
        )
      ).map((r) =>
        [
          r.as_of,
          r.days_past_due,
          r.computed_grade,
          r.restructured_grade ?? '-',
          r.grade,
          r.required,
        ].join(' '),
      );

    async function closeBankThrough(date: string): Promise<void> {
      await rollTo(api, bank.coop, addDays(businessDate(date), 1));
      await closeAllDays(api, bank.coop);
    }

    const payDue = async () => {
      const due = (await bank.fx.get(`loans/${held}/due`).expect(200)).body;
      await bank.fx
        .post(`loans/${held}/repayments`, bank.fx.teller, {
          amount: due.total,
          channel: 'savings',
          savingsAccountId: bank.borrower.sukarela,
        })
        .expect(201);
    };

    const expectBooked = async () => {
      await expectLoansReconciled(api, bank.coop);
      await connectAs(api.db.ownerUrl, async (owner) => {
        expect(await provisionViolations(owner, bank.coop)).toEqual(noProvisionViolations);
      });
    };

    beforeAll(async () => {
      const coop = await createCooperative(api.app, 'KSP-RESTRUK-BANK');
      await fundVault(api.app, coop, '100000000.00');
      const fx = new SavingsFixture(api, coop);
      await fx.hireStaff();
      await fx.standardProducts('pokok', 'sukarela');
      await fx.openTill(fx.teller, '60000000.00').expect(201);
      const borrower = await fx.saver('Peminjam');
      await fx
        .post(`savings-accounts/${borrower.sukarela}/deposits`, fx.teller, {
          amount: '20000000.00',
          currency: 'IDR',
        })
        .expect(201);
      await fx.fourEyes('loan-collectibility', { preset: 'bank' });
      const product = await fx.fourEyes('loan-products', {
        code: 'MODAL',
        name: 'Pinjaman Modal',
        currency: 'IDR',
        terms: flatTerms(),
      });
      const requester = await api.person([{ role: 'manager', cooperativeId: coop }]);
      bank = { coop, fx, borrower, productId: product.id, requester };
      held = (
        await disbursedLoan(fx, {
          memberId: borrower.memberId,
          productId: product.id,
          amount: '9000000.00',
          instalments: 12,
          purpose: 'Modal warung',
          sector: 'trade',
        })
      ).id;
    });

    it('keeps a restructured loan at its grade of the day until three new instalments are paid', async () => {
      // December missed: dalam perhatian khusus from 21 December; restructured on 5 January.
      await closeBankThrough('2027-01-04');
      const asked = await bank.fx
        .post(
          `loans/${held}/restructuring`,
          bank.requester,
          { instalments: 6, reason: 'Usaha sepi' },
          null,
        )
        .expect(202);
      await bank.fx.approve(asked.body.id, bank.fx.managers[0]).expect(200);
      const done = (await bank.fx.approve(asked.body.id, bank.fx.managers[1]).expect(200)).body;
      expect(done.result.restructuring).toMatchObject({
        gradeBefore: 'dalam-perhatian-khusus',
        daysPastDueBefore: 16,
        unpaidInterest: '136451.61',
      });
      await payDue(); // December's interest and what accrued to 5 January: current again
      const view = (await bank.fx.get(`loans/${held}`).expect(200)).body;
      expect(view.collectibility.current).toMatchObject({
        daysPastDue: 0,
        computedGrade: 'lancar',
        restructuredGrade: 'dalam-perhatian-khusus',
        grade: 'dalam-perhatian-khusus',
      });
      // Never better than the grade it stands at, held by the restructuring.
      const same = await bank.fx
        .post(
          `loans/${held}/grade-downgrades`,
          bank.fx.managers[0],
          { grade: 'dalam-perhatian-khusus', reason: 'x' },
          null,
        )
        .expect(422);
      expect(same.body.type).toBe('urn:lumbung:problem:grade-not-worse');

      for (const due of ['2027-02-05', '2027-03-05']) {
        await closeBankThrough(addDays(businessDate(due), -1));
        await payDue();
      }
      await closeBankThrough('2027-04-04');
      await payDue(); // the third instalment of the new schedule: performing again
      await closeBankThrough('2027-04-05');
      // 6 instalments of 1,500,000 + 90,000 on 9,000,000: DPK at 3% until the third is paid.
      expect(await lines(held)).toEqual([
        '2026-11-20 0 lancar - lancar 45000.00',
        '2026-12-21 1 dalam-perhatian-khusus - dalam-perhatian-khusus 270000.00',
        '2027-01-05 0 lancar dalam-perhatian-khusus dalam-perhatian-khusus 270000.00',
        '2027-02-05 0 lancar dalam-perhatian-khusus dalam-perhatian-khusus 225000.00',
        '2027-03-05 0 lancar dalam-perhatian-khusus dalam-perhatian-khusus 180000.00',
        '2027-04-05 0 lancar - lancar 22500.00',
      ]);
      const after = (await bank.fx.get(`loans/${held}`).expect(200)).body;
      expect(after.collectibility.current).toMatchObject({
        restructuredGrade: null,
        grade: 'lancar',
      });
      await expectBooked();
    });
  });
});
