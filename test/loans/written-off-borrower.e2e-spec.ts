import { addDays, businessDate, Decimal } from '@lumbung/core';
import { ApiContext, type Person } from '../support/api-context';
import { createCooperative, fundVault } from '../support/cooperatives';
import { closeAllDays, ownerRows } from '../support/eod-fixture';
import {
  approveByManagers,
  disbursedLoan,
  expectLoansReconciled,
  flatTerms,
  rollTo,
} from '../support/loan-fixture';
import { type Saver, SavingsFixture } from '../support/savings-fixture';

/**
 * A member whose loan was written off and not fully recovered gets no new loan (issue 8's gap):
 * the application is refused with the written-off loan named, until recoveries bring back the
 * whole claim; an application entered before the write-off is refused at its last approval
 * likewise. A recovery reversed through the loans domain counts no more, so the member is
 * refused again. A Rp3,000,000 loan disbursed on 20 November 2026 is graded macet by a manager the
 * same day, booked macet by that day's end of day and written off on the 21st.
 */
describe('a member with a written-off loan applying again', () => {
  let api: ApiContext;
  let coop: string;
  let fx: SavingsFixture;
  let borrower: Saver;
  let requester: Person;
  let productId: string;
  let writtenOff: { id: string; loanNumber: string };
  let waiting: { id: string; approvalRequestId: string };

  const application = () => ({
    memberId: borrower.memberId,
    productId,
    amount: '1000000.00',
    instalments: 6,
    purpose: 'Modal warung',
    sector: 'trade',
  });
  const apply = () => fx.post('loans', fx.teller, application(), null);
  const recover = (amount: string) =>
    fx.post(`loans/${writtenOff.id}/recoveries`, fx.teller, { amount, channel: 'cash' });
  /** The balance of a chart leaf by code, debit positive. */
  const balance = async (code: string) =>
    new Decimal(
      (
        await ownerRows<{ balance: string }>(
          api,
          `SELECT b.balance::text FROM ledger_balance b
             JOIN account a ON a.cooperative_id = b.cooperative_id AND a.id = b.account_id
            WHERE b.cooperative_id = $1 AND a.code = $2`,
          [coop, code],
        )
      )[0].balance,
    );
  const writeOffView = async () =>
    (await fx.get(`loans/${writtenOff.id}`).expect(200)).body.accrual.writeOff;
  const loanCount = async () =>
    (
      await ownerRows<{ n: number }>(
        api,
        `SELECT count(*)::int AS n FROM loan WHERE cooperative_id = $1`,
        [coop],
      )
    )[0].n;

  beforeAll(async () => {
    api = await ApiContext.start();
    coop = await createCooperative(api.app, 'KSP-HAPUS');
    await fundVault(api.app, coop, '50000000.00');
    fx = new SavingsFixture(api, coop);
    await fx.hireStaff();
    requester = await api.person([{ role: 'manager', cooperativeId: coop }]);
    await fx.standardProducts('pokok', 'sukarela');
    await fx.openTill(fx.teller, '20000000.00').expect(201);
    borrower = await fx.saver('Peminjam');
    productId = (
      await fx.fourEyes('loan-products', {
        code: 'MODAL',
        name: 'Pinjaman Modal',
        currency: 'IDR',
        terms: flatTerms(),
      })
    ).id;
    const loan = await disbursedLoan(fx, { ...application(), amount: '3000000.00' });
    writtenOff = { id: loan.id, loanNumber: loan.loanNumber };
    // Entered while the first loan was still current; its approval comes after the write-off.
    waiting = (await apply().expect(201)).body;
    await fx
      .post(
        `loans/${loan.id}/grade-downgrades`,
        fx.managers[0],
        { grade: 'macet', reason: 'Usaha tutup, peminjam pindah' },
        null,
      )
      .expect(201);
    await rollTo(api, coop, addDays(businessDate('2026-11-20'), 1));
    await closeAllDays(api, coop);
    const asked = await fx
      .post(`loans/${loan.id}/write-off`, requester, { reason: 'Macet, tidak tertagih' }, null)
      .expect(202);
    await approveByManagers(fx, asked.body.id);
    expect((await fx.get(`loans/${loan.id}`).expect(200)).body.status).toBe('written-off');
  }, 300_000);

  afterAll(() => api.close());

  it('refuses the application, naming the written-off loan and what is not recovered, writing nothing', async () => {
    const { writeOff } = (await fx.get(`loans/${writtenOff.id}`).expect(200)).body.accrual;
    const before = await loanCount();
    const refused = await apply().expect(422);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({
      type: 'urn:lumbung:problem:member-has-written-off-loan',
      field: 'memberId',
      loanId: writtenOff.id,
      loanNumber: writtenOff.loanNumber,
      writtenOff: writeOff.writtenOff,
      recoverable: writeOff.writtenOff,
    });
    expect(refused.body.detail).toContain(writtenOff.loanNumber);
    expect(await loanCount()).toBe(before);
  });

  it('refuses the last approval of an application entered before the write-off, leaving it pending', async () => {
    await fx.approve(waiting.approvalRequestId, fx.managers[0]).expect(200);
    const refused = (await fx.approve(waiting.approvalRequestId, fx.managers[1]).expect(422)).body;
    expect(refused).toMatchObject({
      type: 'urn:lumbung:problem:member-has-written-off-loan',
      loanNumber: writtenOff.loanNumber,
    });
    expect((await fx.get(`loans/${waiting.id}`).expect(200)).body.status).toBe('applied');
  });

  it('still refuses while part of the claim is unrecovered, and accepts once all of it is', async () => {
    const { writeOff } = (await fx.get(`loans/${writtenOff.id}`).expect(200)).body.accrual;
    await recover('1000000.00').expect(201);
    const left = (await apply().expect(422)).body;
    expect(left).toMatchObject({
      type: 'urn:lumbung:problem:member-has-written-off-loan',
      recoverable: (await fx.get(`loans/${writtenOff.id}`).expect(200)).body.accrual.writeOff
        .recoverable,
    });
    expect(left.recoverable).not.toBe(writeOff.writtenOff);
    const last = (await recover(left.recoverable).expect(201)).body;
    expect(last.recoverable).toBe('0.00');
    const applied = (await apply().expect(201)).body;
    expect(applied).toMatchObject({ status: 'applied', memberId: borrower.memberId });
    await fx.approve(waiting.approvalRequestId, fx.managers[1]).expect(200);
    expect((await fx.get(`loans/${waiting.id}`).expect(200)).body.status).toBe('approved');
    await expectLoansReconciled(api, coop);
  });

  it('reverses a recovery once a manager approves: income back out, the claim restored, the member refused again', async () => {
    const recovery = (await writeOffView()).recoveries.at(-1);
    const [income, claim] = [await balance('4-2102'), await balance('9-1102')];
    const reverse = (recoveryId: string) =>
      fx.post(
        `loans/${writtenOff.id}/recoveries/${recoveryId}/reversal`,
        fx.teller,
        { reason: 'Setoran salah rekening' },
        null,
      );
    await reverse('0195e5b0-0000-7000-8000-000000000000').expect(400);
    const asked = (await reverse(recovery.id).expect(202)).body;
    expect(asked).toMatchObject({
      type: 'loans.recovery.reverse',
      status: 'pending',
      amount: { amount: recovery.amount, currency: 'IDR' },
    });
    expect((await writeOffView()).recoverable).toBe('0.00');
    const done = (await fx.approve(asked.id, fx.managers[0]).expect(200)).body;
    expect(done).toMatchObject({
      status: 'executed',
      result: { recoveryId: recovery.id, recoverable: recovery.amount },
    });
    expect((await balance('4-2102')).minus(income).toFixed(2)).toBe(recovery.amount);
    expect((await balance('9-1102')).minus(claim).toFixed(2)).toBe(recovery.amount);
    const after = await writeOffView();
    expect(after.recoverable).toBe(recovery.amount);
    expect(after.recoveries.at(-1)).toMatchObject({ id: recovery.id, reversedOn: '2026-11-21' });
    expect((await apply().expect(422)).body).toMatchObject({
      type: 'urn:lumbung:problem:member-has-written-off-loan',
      recoverable: recovery.amount,
    });
    expect((await reverse(recovery.id).expect(422)).body).toMatchObject({
      type: 'urn:lumbung:problem:recovery-already-reversed',
      reversedOn: '2026-11-21',
    });
    await expectLoansReconciled(api, coop);
  });
});
