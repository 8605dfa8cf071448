import type { Client } from 'pg';
import { ApiContext, type Person } from '../support/api-context';
import { createCooperative, fundVault } from '../support/cooperatives';
import {
  applyForLoan,
  approveByManagers,
  disbursedLoan,
  expectLoansReconciled,
  flatTerms,
  rollTo,
} from '../support/loan-fixture';
import { connectAs } from '../support/postgres';
import { type Saver, SavingsFixture } from '../support/savings-fixture';

const problem = (slug: string) => `urn:lumbung:problem:${slug}`;

interface SavingsLine {
  readonly accountId: string;
  readonly kind: string;
  readonly balance: string;
  readonly arrearsMoved: string;
  readonly toObligations: string;
  readonly paidOut: string;
}

describe('a member who leaves pays off their loans from their savings', () => {
  let api: ApiContext;
  let coop: string;
  let fx: SavingsFixture;
  let teller: Person;
  let managers: readonly [Person, Person];
  let product: string;

  const owner = <T>(run: (client: Client) => Promise<T>) => connectAs(api.db.ownerUrl, run);
  const leafBalance = (code: string) =>
    owner(async (client) => {
      const { rows } = await client.query<{ balance: string }>(
        `SELECT b.balance::text FROM account a
           JOIN ledger_balance b ON b.cooperative_id = a.cooperative_id AND b.account_id = a.id
          WHERE a.cooperative_id = $1 AND a.code = $2`,
        [coop, code],
      );
      return rows[0]?.balance;
    });
  /** Rows of the tables an exit writes to, to show a refused one wrote nothing. */
  const written = () =>
    owner(async (client) => {
      const counts: Record<string, number> = {};
      for (const table of [
        'approval_request',
        'journal_entry',
        'savings_transaction',
        'loan_repayment',
        'loan_accrual',
      ]) {
        const { rows } = await client.query<{ count: string }>(
          `SELECT count(*) FROM ${table} WHERE cooperative_id = $1`,
          [coop],
        );
        counts[table] = Number(rows[0].count);
      }
      return counts;
    });

  /** pokok Rp100,000, one month of wajib and `voluntary` in sukarela. */
  async function saver(voluntary: string): Promise<Saver & { wajib: string }> {
    const member = await fx.saver('Nelayan');
    await fx
      .post(`savings-accounts/${member.sukarela}/deposits`, teller, {
        amount: voluntary,
        currency: 'IDR',
      })
      .expect(201);
    const wajib = await fx.account(member.memberId, 'wajib');
    await fx.post(`savings-accounts/${wajib}/wajib-collections`, teller, { months: 1 }).expect(201);
    return { ...member, wajib };
  }

  const application = (memberId: string, amount: string) => ({
    memberId,
    productId: product,
    amount,
    instalments: 12,
    purpose: 'Jaring dan perahu',
    sector: 'fisheries',
    commodity: 'fish',
    collateral: [
      {
        kind: 'vehicle',
        description: 'Sepeda motor Yamaha 2020',
        documentType: 'bpkb',
        documentNumber: `BPKB-${amount}`,
        valuation: '15000000',
        inCustody: true,
      },
    ],
    guarantors: [],
  });
  /** Applied, approved by both managers and paid out in cash. */
  const lent = (memberId: string, amount: string) =>
    disbursedLoan(fx, application(memberId, amount));
  const exit = (memberId: string) =>
    fx.post(`members/${memberId}/exit`, teller, { reason: 'exit', note: 'Pindah ke Kupang' });

  beforeAll(async () => {
    api = await ApiContext.start();
    coop = await createCooperative(api.app, 'KSP-KELUAR');
    await fundVault(api.app, coop, '200000000.00');
    fx = new SavingsFixture(api, coop);
    ({ managers, teller } = await fx.hireStaff());
    await fx.standardProducts('pokok', 'wajib', 'sukarela');
    product = (
      await fx.fourEyes('loan-products', {
        code: 'NELAYAN',
        name: 'Pinjaman Nelayan',
        currency: 'IDR',
        terms: flatTerms(),
      })
    ).id;
    await fx.openTill(teller, '30000000.00').expect(201);
  });

  afterEach(() => expectLoansReconciled(api, coop));

  afterAll(() => api.close());

  it('refuses while an application waits, applied or approved, until it is decided', async () => {
    const member = await saver('500000.00');
    const applied = await applyForLoan(fx, application(member.memberId, '1000000.00'));
    const before = await written();
    const waiting = await exit(member.memberId).expect(422);
    expect(waiting.body).toMatchObject({
      type: problem('loan-application-pending'),
      loanId: applied.id,
      loanStatus: 'applied',
    });
    expect(waiting.body.detail).toMatch(/withdraw or reject it first/);
    await approveByManagers(fx, applied.approvalRequestId);
    const approved = await exit(member.memberId).expect(422);
    expect(approved.body).toMatchObject({
      type: problem('loan-application-pending'),
      loanStatus: 'approved',
    });
    expect(await written()).toEqual(before);
    expect((await fx.get(`members/${member.memberId}`).expect(200)).body.status).toBe('active');
  });

  it('refuses an exit whose loans exceed the savings, writing nothing', async () => {
    const member = await saver('100000.00');
    const loan = await lent(member.memberId, '9000000.00');
    const before = await written();
    const refused = await exit(member.memberId).expect(422);
    expect(refused.body).toMatchObject({
      type: problem('obligations-exceed-savings'),
      currency: 'IDR',
      // Paid off on the day it was lent: the principal, no interest yet.
      owed: '9000000.00',
      savings: '250000.00',
      shortfall: '8750000.00',
      obligations: [{ reference: loan.loanNumber, amount: '9000000.00' }],
    });
    expect(await written()).toEqual(before);
    expect((await fx.get(`loans/${loan.id}`).expect(200)).body.status).toBe('active');
    expect((await fx.get(`members/${member.memberId}`).expect(200)).body.status).toBe('active');
  });

  it('settles wajib arrears, pays the loan off from sukarela then wajib, and pays out the rest', async () => {
    const member = await saver('1000000.00');
    const loan = await lent(member.memberId, '1000000.00');
    // Twelve days into the first period: the payoff is the principal and that period's interest,
    // and December's wajib is due.
    await rollTo(api, coop, '2026-12-02');
    const quote = (await fx.get(`loans/${loan.id}/payoff-quote`).expect(200)).body;
    expect(quote).toMatchObject({ principal: '1000000.00', total: '1010000.00' });
    const tillLeaf = '1-1102-0001';
    const tillBefore = Number(await leafBalance(tillLeaf));

    const asked = await exit(member.memberId).expect(202);
    // The approver sees the payoff, which accounts pay it, and what is left to pay out.
    expect(asked.body.summary).toMatch(
      new RegExp(`settle loan ${loan.loanNumber} payoff 1010000.00 from savings, then pay`),
    );
    expect(asked.body).toMatchObject({
      amount: { amount: '140000.00', currency: 'IDR' },
      payload: {
        settlement: {
          wajibArrears: { monthsSettled: 1, amountSettled: '50000.00' },
          totalObligations: '1010000.00',
          totalPaidOut: '140000.00',
          obligations: [
            {
              kind: 'loans',
              id: loan.id,
              reference: loan.loanNumber,
              amount: '1010000.00',
              drawnFrom: [
                { accountId: member.sukarela, amount: '950000.00' },
                { accountId: member.wajib, amount: '60000.00' },
              ],
            },
          ],
        },
      },
    });
    const preview = (asked.body.payload.settlement.lines as SavingsLine[]).map((l) => [
      l.kind,
      l.balance,
      l.arrearsMoved,
      l.toObligations,
      l.paidOut,
    ]);
    expect(preview).toEqual(
      expect.arrayContaining([
        ['pokok', '100000.00', '0.00', '0.00', '100000.00'],
        ['sukarela', '1000000.00', '-50000.00', '950000.00', '0.00'],
        ['wajib', '50000.00', '50000.00', '60000.00', '40000.00'],
      ]),
    );
    expect(preview).toHaveLength(3);

    const done = await fx.approve(asked.body.id, managers[0]).expect(200);
    expect(done.body.result).toMatchObject({
      status: 'exited',
      settlement: { totalPaidOut: '140000.00' },
    });
    const closed = (await fx.get(`loans/${loan.id}`).expect(200)).body;
    expect(closed).toMatchObject({ status: 'closed', closedOn: '2026-12-02' });
    expect(closed.collateral[0].releasedOn).toBe('2026-12-02');
    expect(closed.position.repayments).toEqual([
      expect.objectContaining({ amount: '1010000.00', channel: 'savings' }),
    ]);
    expect(await leafBalance(`1-13-${loan.loanNumber}`)).toBe('0.00');
    expect(tillBefore - Number(await leafBalance(tillLeaf))).toBe(140000);
    const accounts = (await fx.get(`members/${member.memberId}/savings-accounts`).expect(200))
      .body as { status: string; balance: string }[];
    expect(accounts.map((a) => [a.status, a.balance])).toEqual([
      ['closed', '0.00'],
      ['closed', '0.00'],
      ['closed', '0.00'],
    ]);
    // Each account the payoff drew on records it beside the payoff's entry.
    const repaid = await owner(async (client) => {
      const { rows } = await client.query(
        `SELECT t.savings_account_id, t.direction, t.amount::text, t.cash, t.approval_id
           FROM savings_transaction t
           JOIN loan_repayment r ON r.cooperative_id = t.cooperative_id AND r.entry_id = t.entry_id
          WHERE t.cooperative_id = $1 AND r.loan_id = $2 AND t.operation = 'loan-repayment'
          ORDER BY t.amount DESC`,
        [coop, loan.id],
      );
      return rows;
    });
    expect(repaid).toEqual([
      {
        savings_account_id: member.sukarela,
        direction: 'out',
        amount: '950000.00',
        cash: false,
        approval_id: asked.body.id,
      },
      {
        savings_account_id: member.wajib,
        direction: 'out',
        amount: '60000.00',
        cash: false,
        approval_id: asked.body.id,
      },
    ]);
  });
});
