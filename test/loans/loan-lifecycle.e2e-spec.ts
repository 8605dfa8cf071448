import { uuidv7 } from '@lumbung/core';
import { TransactionScope } from '@lumbung/database';
import { LoanInterest, LoanProducts, LoanViews } from '@lumbung/loans';
import request from 'supertest';
import { ApiContext, type Person } from '../support/api-context';
import { createCooperative, fundVault } from '../support/cooperatives';
import {
  approveByManagers,
  expectLoansReconciled,
  flatTerms,
  rollTo,
} from '../support/loan-fixture';
import { connectAs } from '../support/postgres';
import { type Saver, SavingsFixture } from '../support/savings-fixture';

const problem = (slug: string) => `urn:lumbung:problem:${slug}`;

/** The standard flat terms with a 1% provisi deducted and a late penalty after 3 days' grace. */
const feesAndPenalty = {
  fees: [{ kind: 'provisi', basis: 'percent', value: '0.01', treatment: 'deducted' }],
  penalty: { basis: 'rate', value: '0.001', per: 'day', graceDays: 3 },
};

describe('loans over HTTP: application, four eyes, disbursement, repayments and payoff', () => {
  let api: ApiContext;
  let coop: string;
  let fx: SavingsFixture;
  let teller: Person;
  let managers: readonly [Person, Person];
  let supervisor: Person;
  let flat: string;
  let declining: string;

  const loans = (suffix = '') => `loans${suffix}`;
  const loan = async (id: string) => (await fx.get(`loans/${id}`).expect(200)).body;
  const loanCount = async () =>
    connectAs(api.db.ownerUrl, async (owner) =>
      Number(
        (await owner.query('SELECT count(*) FROM loan WHERE cooperative_id = $1', [coop])).rows[0]
          .count,
      ),
    );
  const leafBalance = async (code: string) =>
    connectAs(api.db.ownerUrl, async (owner) => {
      const { rows } = await owner.query(
        `SELECT b.balance::text FROM account a
           JOIN ledger_balance b ON b.cooperative_id = a.cooperative_id AND b.account_id = a.id
          WHERE a.cooperative_id = $1 AND a.code = $2`,
        [coop, code],
      );
      return rows[0]?.balance as string;
    });
  const application = (saver: Saver, overrides: object = {}) => ({
    memberId: saver.memberId,
    productId: flat,
    amount: '9000000.00',
    instalments: 12,
    purpose: 'Mesin tempel 15 PK untuk perahu',
    sector: 'fisheries',
    commodity: 'fish',
    collateral: [
      {
        kind: 'vehicle',
        description: 'Sepeda motor Honda Supra 2019',
        documentType: 'bpkb',
        documentNumber: 'BPKB-DH-4471',
        valuation: '12000000',
        inCustody: true,
      },
    ],
    guarantors: [{ fullName: 'Maria Bere', relationship: 'istri' }],
    ...overrides,
  });
  const saverWith = async (deposit: string) => {
    const saver = await fx.saver('Peminjam');
    await fx
      .post(`savings-accounts/${saver.sukarela}/deposits`, teller, {
        amount: deposit,
        currency: 'IDR',
      })
      .expect(201);
    return saver;
  };

  beforeAll(async () => {
    api = await ApiContext.start();
    coop = await createCooperative(api.app, 'KSP-PINJAM');
    await fundVault(api.app, coop, '200000000.00');
    fx = new SavingsFixture(api, coop);
    ({ managers, teller } = await fx.hireStaff());
    supervisor = await api.person([{ role: 'supervisor', cooperativeId: coop }]);
    await fx.standardProducts('pokok', 'sukarela');
    flat = (
      await fx.fourEyes('loan-products', {
        code: 'MODAL-USAHA',
        name: 'Pinjaman Modal Usaha',
        currency: 'IDR',
        terms: flatTerms(feesAndPenalty),
      })
    ).id;
    declining = (
      await fx.fourEyes('loan-products', {
        code: 'MENURUN',
        name: 'Pinjaman Menurun',
        currency: 'IDR',
        terms: flatTerms({ method: 'declining', prepayment: false }),
      })
    ).id;
    await fx.openTill(teller, '30000000.00').expect(201);
  });

  afterEach(() => expectLoansReconciled(api, coop));

  afterAll(() => api.close());

  it('refuses bad applications by field and writes nothing', async () => {
    const saver = await saverWith('1000000.00');
    const before = await loanCount();
    const field = async (body: object, status: number) =>
      (await fx.post(loans(), teller, body, null).expect(status)).body;

    expect((await field(application(saver, { rate: '0.02' }), 400)).errors).toEqual([
      expect.objectContaining({ field: 'rate' }),
    ]);
    expect((await field(application(saver, { instalments: 48 }), 400)).errors).toEqual([
      expect.objectContaining({ field: 'instalments' }),
    ]);
    expect((await field(application(saver, { memberId: uuidv7() }), 400)).errors).toEqual([
      expect.objectContaining({ field: 'memberId' }),
    ]);
    const applicant = await fx.member('Calon');
    expect(await field(application({ ...saver, memberId: applicant.memberId }), 422)).toMatchObject(
      { type: problem('member-not-active'), field: 'memberId' },
    );
    expect(
      (
        await field(application(saver, { collateral: [{ kind: 'boat', valuation: '-1' }] }), 400)
      ).errors.map((e: { field: string }) => e.field),
    ).toEqual(
      expect.arrayContaining([
        'collateral[0].kind',
        'collateral[0].valuation',
        'collateral[0].documentNumber',
      ]),
    );
    expect(await loanCount()).toBe(before);
  });

  it('shows the indicative schedule and rejects with a reason', async () => {
    const saver = await saverWith('1000000.00');
    const applied = (await fx.post(loans(), teller, application(saver), null).expect(201)).body;
    expect(applied).toMatchObject({ status: 'applied', principal: '9000000.00', rate: '0.01' });
    expect(applied.schedule.indicative).toBe(true);
    expect(applied.schedule.instalments).toHaveLength(12);
    for (const instalment of applied.schedule.instalments) {
      expect(instalment).toMatchObject({
        principal: '750000.00',
        interest: '90000.00',
        total: '840000.00',
      });
    }
    expect(applied.collateral[0]).toMatchObject({ documentType: 'bpkb', releasedOn: null });
    expect(Number(applied.effectiveAnnualRate)).toBeGreaterThan(0.2);

    const rejected = await fx
      .post(`loans/${applied.id}/rejection`, managers[0], { reason: 'Usaha belum berjalan' }, null)
      .expect(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Usaha belum berjalan',
    });
    await fx.approve(applied.approvalRequestId, managers[1]).expect(409);
  });

  it('needs a supervisor besides two managers for a related party, within 10% of own capital', async () => {
    const staff = await saverWith('1000000.00');
    const flagged = await request(api.server)
      .put(`/cooperatives/${coop}/members/${staff.memberId}/related-party`)
      .set(managers[0].auth)
      .send({ flags: ['staff'], relatedMemberId: null, reason: 'Staf bagian kredit' });
    expect(flagged.body).toMatchObject({ relatedParty: { flags: ['staff'] } });
    const before = await loanCount();
    const tooMuch = await fx
      .post(loans(), teller, application(staff, { amount: '25000000.00', instalments: 24 }), null)
      .expect(422);
    expect(tooMuch.body).toMatchObject({
      type: problem('lending-limit'),
      limit: 'related-party',
      field: 'amount',
    });
    expect(await loanCount()).toBe(before);

    const applied = (
      await fx.post(loans(), teller, application(staff, { amount: '2000000.00' }), null).expect(201)
    ).body;
    expect(applied.relatedParty).toBe(true);
    await approveByManagers(fx, applied.approvalRequestId);
    expect((await loan(applied.id)).status).toBe('applied');
    await fx.approve(applied.approvalRequestId, supervisor).expect(200);
    expect((await loan(applied.id)).status).toBe('approved');
  });

  it('holds one borrower to the limit a second manager set, refusing above it', async () => {
    const saver = await saverWith('1000000.00');
    const submitted = await fx
      .post(
        'lending-limits',
        managers[0],
        {
          relatedPartyLimit: '0.10',
          singleBorrowerLimit: '0.0001',
          reason: 'RAT: batas per peminjam',
        },
        null,
      )
      .expect(202);
    expect((await fx.get('lending-limits').expect(200)).body.singleBorrowerLimit).toBeNull();
    await fx.approve(submitted.body.id, managers[1]).expect(200);
    expect((await fx.get('lending-limits').expect(200)).body).toMatchObject({
      relatedPartyLimit: '0.1',
      singleBorrowerLimit: '0.0001',
    });
    try {
      const refused = await fx
        .post(loans(), teller, application(saver, { amount: '2000000.00' }), null)
        .expect(422);
      expect(refused.body).toMatchObject({
        type: problem('lending-limit'),
        limit: 'single-borrower',
      });
    } finally {
      const lifted = await fx
        .post(
          'lending-limits',
          managers[0],
          {
            relatedPartyLimit: '0.10',
            singleBorrowerLimit: null,
            reason: 'Batas dicabut',
          },
          null,
        )
        .expect(202);
      await fx.approve(lifted.body.id, managers[1]).expect(200);
    }
  });

  it('refuses an overpayment when the product takes no prepayment, writing nothing', async () => {
    const saver = await saverWith('1000000.00');
    const applied = (
      await fx
        .post(
          loans(),
          teller,
          application(saver, { productId: declining, amount: '12000000.00' }),
          null,
        )
        .expect(201)
    ).body;
    expect(applied.schedule.instalments[0]).toMatchObject({
      principal: '1000000.00',
      interest: '120000.00',
    });
    expect(applied.schedule.instalments[11]).toMatchObject({
      principal: '1000000.00',
      interest: '10000.00',
    });
    await approveByManagers(fx, applied.approvalRequestId);
    const disbursed = await fx
      .post(`loans/${applied.id}/disbursement`, teller, {
        channel: 'savings',
        savingsAccountId: saver.sukarela,
      })
      .expect(201);
    expect(disbursed.body).toMatchObject({ status: 'active', disbursedOn: '2026-11-20' });
    const savings = await fx.get(`savings-accounts/${saver.sukarela}`).expect(200);
    expect(savings.body.balance).toBe('13000000.00');

    const over = await fx
      .post(`loans/${applied.id}/repayments`, teller, {
        amount: '1000.00',
        channel: 'savings',
        savingsAccountId: saver.sukarela,
      })
      .expect(400);
    expect(over.body.errors[0].field).toBe('amount');
    expect((await loan(applied.id)).position.repayments).toEqual([]);
  });

  it('walks a flat loan: approvals, cash disbursement, on-time, late, partial and early repayments, payoff', async () => {
    const borrower = await saverWith('10000000.00');
    const applied = (await fx.post(loans(), teller, application(borrower), null).expect(201)).body;
    // The teller who entered it never approves it; one manager is not enough.
    await fx.approve(applied.approvalRequestId, teller).expect(403);
    await fx.approve(applied.approvalRequestId, managers[0]).expect(200);
    expect((await loan(applied.id)).status).toBe('applied');
    await fx.approve(applied.approvalRequestId, managers[1]).expect(200);
    expect((await loan(applied.id)).status).toBe('approved');

    const till = await leafBalance('1-1102-0001');
    const key = uuidv7();
    const disburse = () =>
      fx.post(`loans/${applied.id}/disbursement`, teller, { channel: 'cash' }, key).expect(201);
    const disbursed = (await disburse()).body;
    await disburse(); // the same key replays, nothing moves twice
    expect(disbursed.schedule.indicative).toBe(false);
    expect(disbursed.schedule.instalments[0]).toMatchObject({
      periodStart: '2026-11-20',
      dueDate: '2026-12-20',
      total: '840000.00',
    });
    // Rp9,000,000 less the 1% provisi deducted leaves the till; the fee is income.
    expect(Number(till) - Number(await leafBalance('1-1102-0001'))).toBe(8910000);
    expect(await leafBalance(`1-13-${applied.loanNumber}`)).toBe('9000000.00');
    await expectLoansReconciled(api, coop);

    // Every step keeps the loan's leaf, schedule and receivables in step with its repayments.
    const repay = async (amount: string) => {
      const res = await fx
        .post(`loans/${applied.id}/repayments`, teller, {
          amount,
          channel: 'savings',
          savingsAccountId: borrower.sukarela,
        })
        .expect(201);
      await expectLoansReconciled(api, coop);
      return res;
    };

    // On time: the period's interest is accrued first, then settled.
    await rollTo(api, coop, '2026-12-20');
    const first = (await repay('840000.00')).body;
    expect(first.allocated).toEqual({
      penalty: '0.00',
      fees: '0.00',
      interest: '90000.00',
      principal: '750000.00',
    });

    // Late: penalties are assessed for each day past the grace days, once per day.
    await rollTo(api, coop, '2027-01-25');
    const assess = () =>
      api.app.get(TransactionScope).run(async (tx) => {
        for (const date of ['2027-01-21', '2027-01-22', '2027-01-23', '2027-01-24', '2027-01-25']) {
          const record = await api.app.get(LoanViews).require(tx, coop, applied.id, true);
          const product = await api.app.get(LoanProducts).byId(tx, coop, record.productId);
          await api.app.get(LoanInterest).assessPenalties(tx, coop, record, product, date as never);
        }
      });
    await assess();
    await assess();
    await expectLoansReconciled(api, coop);
    const due = (await fx.get(`loans/${applied.id}/due`).expect(200)).body;
    expect(due).toMatchObject({ total: '841680.00', overdueSince: '2027-01-20' });
    // Behind on one loan, the member gets no other.
    const another = await fx
      .post(loans(), teller, application(borrower, { amount: '1000000.00' }), null)
      .expect(422);
    expect(another.body.type).toBe(problem('member-in-arrears'));
    expect((await repay('841680.00')).body.allocated).toEqual({
      penalty: '1680.00',
      fees: '0.00',
      interest: '90000.00',
      principal: '750000.00',
    });

    // Partial, then the rest two days later.
    await rollTo(api, coop, '2027-02-20');
    expect((await repay('400000.00')).body.allocated).toMatchObject({
      interest: '90000.00',
      principal: '310000.00',
    });
    await rollTo(api, coop, '2027-02-22');
    expect((await fx.get(`loans/${applied.id}/due`).expect(200)).body).toMatchObject({
      total: '440000.00',
      overdueSince: '2027-02-20',
    });
    await repay('440000.00');

    // Early: interest accrued in the running period (13 of 28 days), the rest prepays principal.
    await rollTo(api, coop, '2027-03-05');
    const early = (await repay('1000000.00')).body;
    expect(early.allocated).toMatchObject({ interest: '41785.71', principal: '958214.29' });
    expect(early.prepaid).toBe('958214.29');
    expect(early.loan.position.outstandingPrincipal).toBe('5791785.71');

    // Payoff: the principal left, instalment 4's unpaid interest and this period's interest.
    await rollTo(api, coop, '2027-04-10');
    const quote = (await fx.get(`loans/${applied.id}/payoff-quote`).expect(200)).body;
    expect(quote).toMatchObject({
      principal: '5791785.71',
      interest: '138214.29',
      penalty: '0.00',
      total: '5930000.00',
      rule: 'current-period-interest',
    });
    await fx
      .post(`loans/${applied.id}/payoff`, teller, {
        channel: 'savings',
        savingsAccountId: borrower.sukarela,
        amount: '5929999.00',
      })
      .expect(400);
    const paidOff = (
      await fx
        .post(`loans/${applied.id}/payoff`, teller, {
          channel: 'savings',
          savingsAccountId: borrower.sukarela,
          amount: quote.total,
        })
        .expect(201)
    ).body;
    expect(paidOff.loan).toMatchObject({ status: 'closed', closedOn: '2027-04-10' });
    expect(paidOff.loan.collateral[0].releasedOn).toBe('2027-04-10');
    expect(await leafBalance(`1-13-${applied.loanNumber}`)).toBe('0.00');
    expect(await leafBalance('1-15-MODAL-USAHA')).toBe('0.00');
    expect(await leafBalance('1-16-MODAL-USAHA')).toBe('0.00');

    const closed = await fx
      .post(`loans/${applied.id}/repayments`, teller, {
        amount: '1000.00',
        channel: 'savings',
        savingsAccountId: borrower.sukarela,
      })
      .expect(422);
    expect(closed.body).toMatchObject({ type: problem('loan-not-active'), field: 'loanId' });
  });
});
