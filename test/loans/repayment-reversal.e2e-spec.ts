import { ApiContext, type Person } from '../support/api-context';
import { createCooperative, fundVault } from '../support/cooperatives';
import { disbursedLoan, expectLoansReconciled, flatTerms, rollTo } from '../support/loan-fixture';
import { type Saver, SavingsFixture } from '../support/savings-fixture';

describe('reversing a loan repayment: later repayments applied again in order', () => {
  let api: ApiContext;
  let coop: string;
  let fx: SavingsFixture;
  let teller: Person;
  let managers: readonly [Person, Person];
  let borrower: Saver;
  let loanId: string;

  const loan = async () => (await fx.get(`loans/${loanId}`).expect(200)).body;
  const savings = async () =>
    (await fx.get(`savings-accounts/${borrower.sukarela}`).expect(200)).body.balance as string;
  const repay = async (amount: string) =>
    (
      await fx
        .post(`loans/${loanId}/repayments`, teller, {
          amount,
          channel: 'savings',
          savingsAccountId: borrower.sukarela,
        })
        .expect(201)
    ).body;

  beforeAll(async () => {
    api = await ApiContext.start();
    coop = await createCooperative(api.app, 'KSP-KOREKSI');
    await fundVault(api.app, coop, '100000000.00');
    fx = new SavingsFixture(api, coop);
    ({ managers, teller } = await fx.hireStaff());
    await fx.standardProducts('pokok', 'sukarela');
    const product = await fx.fourEyes('loan-products', {
      code: 'FLAT',
      name: 'Pinjaman Flat',
      currency: 'IDR',
      terms: flatTerms(),
    });
    await fx.openTill(teller, '20000000.00').expect(201);
    borrower = await fx.saver('Nelayan');
    await fx
      .post(`savings-accounts/${borrower.sukarela}/deposits`, teller, {
        amount: '5000000.00',
        currency: 'IDR',
      })
      .expect(201);
    const applied = await disbursedLoan(fx, {
      memberId: borrower.memberId,
      productId: product.id,
      amount: '9000000.00',
      instalments: 12,
      purpose: 'Jaring dan pelampung',
      sector: 'fisheries',
    });
    loanId = applied.id;
  });

  afterEach(() => expectLoansReconciled(api, coop));

  afterAll(() => api.close());

  it('reverses the first of three repayments and re-applies the other two as the loan then stood', async () => {
    await rollTo(api, coop, '2026-12-20');
    const first = await repay('840000.00');
    await rollTo(api, coop, '2027-01-20');
    await repay('840000.00');
    await rollTo(api, coop, '2027-02-10');
    // Nothing due yet: 21 of 31 days' interest, the rest prepays principal.
    const third = await repay('1000000.00');
    expect(third.allocated).toMatchObject({ interest: '60967.74', principal: '939032.26' });
    expect((await loan()).position.outstandingPrincipal).toBe('6560967.74');
    const savingsBefore = await savings();

    const asked = await fx
      .post(
        `loans/${loanId}/repayments/${first.repaymentId}/reversal`,
        teller,
        { reason: 'Setoran untuk pinjaman lain' },
        null,
      )
      .expect(202);
    expect(asked.body).toMatchObject({ status: 'pending', amount: { amount: '840000.00' } });
    await fx.approve(asked.body.id, teller).expect(403);
    const done = await fx.approve(asked.body.id, managers[0]).expect(200);
    expect(done.body.status).toBe('executed');
    expect(done.body.result.reapplied).toHaveLength(2);

    // The money of the reversed repayment goes back to the member's savings.
    expect(Number(await savings()) - Number(savingsBefore)).toBe(840000);
    const after = await loan();
    // The second repayment now pays instalment 1's and 2's interest and most of 1's principal;
    // the third pays what was left of them, and the same prepayment as before.
    expect(after.position.outstandingPrincipal).toBe('7400967.74');
    const [second, third2] = after.position.repayments;
    expect(second).toMatchObject({ interest: '180000.00', principal: '660000.00' });
    expect(third2).toMatchObject({ interest: '60967.74', principal: '939032.26' });
    expect(second.replacesRepaymentId).not.toBeNull();
    expect(after.position.repayments).toHaveLength(2);

    // Reversed once only.
    await fx
      .post(
        `loans/${loanId}/repayments/${first.repaymentId}/reversal`,
        teller,
        { reason: 'lagi' },
        null,
      )
      .expect(400);
  });
});
